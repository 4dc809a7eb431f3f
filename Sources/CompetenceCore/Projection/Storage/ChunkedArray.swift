/// A growable array kept in fixed-size chunks: appending never moves what is stored (no reallocation that
/// briefly holds the old and the new copy), and a copy of the array shares its chunks, so mutating a copy
/// copies only the chunks it touches — a large state copied to try something out costs little.
struct ChunkedArray<Element: Sendable>: Sendable {
    /// log₂ of the elements per chunk.
    static var chunkShift: Int { 14 }
    private static var chunkMask: Int { (1 << chunkShift) - 1 }

    private var chunks: [ContiguousArray<Element>] = []
    /// The number of elements.
    private(set) var count = 0

    /// An empty array.
    init() {}

    /// The element at `index` (`0 ..< count`).
    subscript(index: Int) -> Element {
        @inline(__always) get { chunks[index >> Self.chunkShift][index & Self.chunkMask] }
        @inline(__always) _modify { yield &chunks[index >> Self.chunkShift][index & Self.chunkMask] }
    }

    /// Appends an element.
    @inline(__always)
    mutating func append(_ element: Element) {
        if count & Self.chunkMask == 0 {
            var chunk = ContiguousArray<Element>()
            chunk.reserveCapacity(1 << Self.chunkShift)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Reserves room for `total` elements in all (chunks are allocated as they fill; this only sizes the
    /// chunk list).
    mutating func reserveCapacity(_ total: Int) {
        chunks.reserveCapacity((total + Self.chunkMask) >> Self.chunkShift)
    }

    /// Appends a whole chunk (every chunk but the last is full).
    fileprivate mutating func appendChunk(_ chunk: ContiguousArray<Element>) {
        precondition(count & Self.chunkMask == 0, "chunks are appended whole")
        chunks.append(chunk)
        count += chunk.count
    }

    /// Calls `body` with each chunk's elements in order, as one contiguous buffer each.
    func forEachChunk(_ body: (UnsafeBufferPointer<Element>) throws -> Void) rethrows {
        for chunk in chunks { try chunk.withUnsafeBufferPointer(body) }
    }
}

extension ChunkedArray where Element: BitwiseCopyable {
    /// An array of `count` elements whose bytes `fill` writes, one chunk at a time (the chunk to fill and the
    /// index of its first element).
    init(count: Int, fill: (UnsafeMutableBufferPointer<Element>, Int) -> Void) {
        self.init()
        var first = 0
        while first < count {
            let size = Swift.min(1 << Self.chunkShift, count - first)
            var chunk = ContiguousArray<Element>(unsafeUninitializedCapacity: 1 << Self.chunkShift) {
                buffer, initialized in
                fill(UnsafeMutableBufferPointer(rebasing: buffer[0..<size]), first)
                initialized = size
            }
            chunk.reserveCapacity(1 << Self.chunkShift)
            appendChunk(chunk)
            first += size
        }
    }
}
