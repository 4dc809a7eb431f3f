import CMemoryHints

/// A growable array of plain rows kept in fixed-size chunks: appending never moves what is stored (no
/// reallocation that briefly holds the old and the new copy), and a copy of the array shares its chunks, so
/// mutating a copy copies only the chunks it touches — a large state copied to try something out costs little.
///
/// A chunk either owns its memory or reads a stretch of a snapshot's bytes in place (``RowChunk``): an array
/// restored from a mapped snapshot costs no copy and no fresh memory, and a chunk of it is copied into memory
/// of its own only when it is first changed.
///
/// `@unchecked Sendable`: its only non-`Sendable` part, `bases`, repeats the chunks' own pointers, which are
/// written only through a chunk this array alone holds.
@usableFromInline
struct ChunkedArray<Element: BitwiseCopyable & Sendable>: @unchecked Sendable {
    /// log₂ of the elements per chunk: chunks of at least 256 KB (2^16 elements of 4 bytes, else 2^14). The
    /// allocator (glibc) gives memory of that size its own mapping and returns it to the system when it is
    /// freed; smaller chunks stay in the heap of the thread that freed them, which kept an index's chunks freed
    /// as it grew resident through the rest of a report (50 MB more peak at 10 M events with 64 KB chunks).
    @inlinable static var chunkShift: Int { MemoryLayout<Element>.stride <= 4 ? 16 : 14 }
    @inlinable static var chunkCapacity: Int { 1 << chunkShift }
    @inlinable static var chunkMask: Int { chunkCapacity - 1 }

    /// Every chunk but the last holds ``chunkCapacity`` elements.
    @usableFromInline var chunks: [RowChunk<Element>] = []
    /// `bases[i]` is `chunks[i].base`, kept beside them so that reading an element loads no chunk object.
    @usableFromInline var bases: [UnsafeMutablePointer<Element>] = []
    /// The number of elements.
    @usableFromInline private(set) var count = 0

    /// An empty array.
    init() {}

    /// The element at `index` (`0 ..< count`).
    @inlinable
    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "index out of range")
            return bases[index >> Self.chunkShift][index & Self.chunkMask]
        }
        _modify {
            precondition(index >= 0 && index < count, "index out of range")
            let chunk = index >> Self.chunkShift
            makeWritable(chunk)
            yield &bases[chunk][index & Self.chunkMask]
        }
    }

    /// Starts loading the element at `index` (`0 ..< count`) into the cache for a change soon after.
    @inline(__always)
    func prefetchForWriting(_ index: Int) {
        competence_prefetch_for_writing(bases[index >> Self.chunkShift] + (index & Self.chunkMask))
    }

    /// Appends an element.
    @inline(__always)
    mutating func append(_ element: Element) {
        if count & Self.chunkMask == 0 {
            add(RowChunk(capacity: Self.chunkCapacity))
        } else {
            makeWritable(chunks.count - 1, forAppending: true)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Reserves room for `total` elements in all (chunks are allocated as they fill; this only sizes the
    /// chunk list).
    mutating func reserveCapacity(_ total: Int) {
        chunks.reserveCapacity((total + Self.chunkMask) >> Self.chunkShift)
        bases.reserveCapacity((total + Self.chunkMask) >> Self.chunkShift)
    }

    /// Calls `body` with each chunk's elements in order, as one contiguous buffer each.
    func forEachChunk(_ body: (UnsafeBufferPointer<Element>) throws -> Void) rethrows {
        for chunk in chunks { try body(UnsafeBufferPointer(start: chunk.base, count: chunk.count)) }
    }

    /// How many chunks read a snapshot's bytes in place (the rest own their memory).
    var chunksInPlace: Int { chunks.count(where: { $0.source != nil }) }

    /// Gives chunk `index` memory of its own, unshared, before it is changed; `forAppending`: with room for a
    /// whole chunk too (a chunk of ``init(repeating:count:)`` has room for its elements only).
    @usableFromInline
    mutating func makeWritable(_ index: Int, forAppending: Bool = false) {
        if !isKnownUniquelyReferenced(&chunks[index]) || chunks[index].source != nil
            || (forAppending && chunks[index].capacity < Self.chunkCapacity)
        {
            replace(index, with: chunks[index].ownedCopy(capacity: Self.chunkCapacity))
        }
    }

    /// Adds a chunk after the last.
    private mutating func add(_ chunk: RowChunk<Element>) {
        chunks.append(chunk)
        bases.append(chunk.base)
    }

    /// Puts `chunk` in place of chunk `index`.
    private mutating func replace(_ index: Int, with chunk: RowChunk<Element>) {
        chunks[index] = chunk
        bases[index] = chunk.base
    }
}

extension ChunkedArray {
    /// An array of `count` elements in the chunks `chunk` makes, given the index of a chunk's first element and
    /// how many elements it holds (every chunk but the last a whole one).
    private init(count: Int, chunk: (_ first: Int, _ size: Int) -> RowChunk<Element>) {
        self.init()
        var first = 0
        while first < count {
            let size = Swift.min(Self.chunkCapacity, count - first)
            add(chunk(first, size))
            first += size
        }
        self.count = count
    }

    /// An array of `count` elements whose bytes `fill` writes, one chunk at a time (the chunk to fill and the
    /// index of its first element).
    init(count: Int, fill: (UnsafeMutableBufferPointer<Element>, Int) -> Void) {
        self.init(count: count) { first, size in
            let chunk = RowChunk<Element>(capacity: Self.chunkCapacity)
            fill(UnsafeMutableBufferPointer(start: chunk.base, count: size), first)
            chunk.count = size
            return chunk
        }
    }

    /// `count` copies of `element` (a last chunk that is not full has room for only its elements until it is
    /// appended to).
    init(repeating element: Element, count: Int) {
        self.init(count: count) { _, size in
            let chunk = RowChunk<Element>(capacity: size)
            chunk.base.initialize(repeating: element, count: size)
            chunk.count = size
            return chunk
        }
    }

    /// An array that reads its `count` elements in place at `base`, which `source` keeps alive and unchanged;
    /// `base` must be aligned for `Element`. Nothing is copied until a chunk is changed.
    init(inPlace base: UnsafePointer<Element>, count: Int, source: any AnyObject & Sendable) {
        self.init(count: count) { first, size in RowChunk(inPlace: base + first, count: size, source: source) }
    }
}

/// One chunk of a ``ChunkedArray``: `count` elements at `base`, in memory of its own (`source == nil`, with room
/// for `capacity`) or in place in bytes `source` keeps alive (read-only: it is copied before any change).
///
/// `@unchecked Sendable`: it is changed only through a ``ChunkedArray`` that holds the only reference to it
/// (copy-on-write), as an array's buffer is.
@usableFromInline
final class RowChunk<Element: BitwiseCopyable & Sendable>: @unchecked Sendable {
    /// Where the elements are. Written only when ``source`` is `nil`.
    @usableFromInline let base: UnsafeMutablePointer<Element>
    /// Elements held.
    var count: Int
    /// Elements it has room for (``count`` for a chunk read in place).
    let capacity: Int
    /// What keeps the bytes of a chunk read in place alive; `nil` when the chunk owns ``base``.
    let source: (any AnyObject & Sendable)?

    /// An empty chunk with memory of its own for `capacity` elements.
    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        count = 0
        self.capacity = capacity
        source = nil
    }

    /// A chunk reading `count` elements in place at `base`, kept alive by `source`.
    init(inPlace base: UnsafePointer<Element>, count: Int, source: any AnyObject & Sendable) {
        // Never written through: a change copies the chunk first (``ChunkedArray/makeWritable(_:)``).
        self.base = UnsafeMutablePointer(mutating: base)
        self.count = count
        capacity = count
        self.source = source
    }

    deinit { if source == nil { base.deallocate() } }

    /// Appends an element; needs room, and memory of its own.
    @inline(__always)
    func append(_ element: Element) {
        precondition(source == nil && count < capacity, "append to a full or borrowed chunk")
        (base + count).initialize(to: element)
        count += 1
    }

    /// A copy of the elements in memory of its own with room for `capacity`.
    func ownedCopy(capacity: Int) -> RowChunk {
        let copy = RowChunk(capacity: capacity)
        copy.base.initialize(from: base, count: count)
        copy.count = count
        return copy
    }
}
