import Foundation

/// Where a snapshot's bytes go: fixed-width little-endian numbers, length-prefixed strings and byte runs, and
/// arrays of plain rows copied as they lie in memory (their layout is part of the snapshot's
/// ``SnapshotHeader/layout``, so a build that lays them out differently rebuilds instead of misreading).
/// Every encoding is written once, here, over ``append(_:)``: ``SnapshotWriter`` keeps the bytes in a growing
/// array, ``SnapshotSize`` only counts them, ``SnapshotBuffer`` fills a buffer of the size counted.
protocol SnapshotSink {
    /// Adds `raw` after what was written.
    mutating func append(_ raw: UnsafeRawBufferPointer)
    /// The bytes written so far.
    var written: Int { get }
}

/// Rows start at a multiple of this many bytes from the payload's start, and the payload at a multiple of it
/// from the snapshot's (``SnapshotHeader``): a snapshot loaded at an address so aligned (a mapped file, any
/// heap buffer) can be read in place (``SnapshotReader``).
let snapshotRowAlignment = 16

/// The zero bytes that bring `offset` to the next multiple of ``snapshotRowAlignment``.
func snapshotPadding(after offset: Int) -> Int {
    (snapshotRowAlignment - offset % snapshotRowAlignment) % snapshotRowAlignment
}

extension SnapshotSink {
    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ value: Bool) { write(UInt8(value ? 1 : 0)) }

    mutating func write(_ id: UUID) { withUnsafeBytes(of: id.uuid) { append($0) } }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(UInt32(utf8.count))
            append(UnsafeRawBufferPointer(utf8))
        }
    }

    mutating func write(bytes run: some Collection<UInt8>) {
        write(UInt64(run.count))
        let written: Void? = run.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        if written == nil { Array(run).withUnsafeBytes { append($0) } }
    }

    /// Plain rows, as they lie in memory.
    mutating func write<Row: BitwiseCopyable>(rows: UnsafeBufferPointer<Row>) {
        append(UnsafeRawBufferPointer(rows))
    }

    /// Zero bytes up to the next multiple of ``snapshotRowAlignment``.
    mutating func alignForRows() {
        let padding = snapshotPadding(after: written)
        withUnsafeBytes(of: (UInt64(0), UInt64(0))) { append(UnsafeRawBufferPointer(rebasing: $0[0..<padding])) }
    }

    /// Plain rows, as they lie in memory, after their count and the zero bytes that align them.
    mutating func write<Row: BitwiseCopyable>(rows: ContiguousArray<Row>) {
        write(UInt64(rows.count))
        alignForRows()
        rows.withUnsafeBufferPointer { write(rows: $0) }
    }

    /// Plain rows, as they lie in memory, after their count and the zero bytes that align them.
    mutating func write<Row: BitwiseCopyable>(rows: ChunkedArray<Row>) {
        write(UInt64(rows.count))
        alignForRows()
        rows.forEachChunk { write(rows: $0) }
    }
}

/// What writes a snapshot's payload (the same bytes each time it is asked).
protocol SnapshotPayload {
    /// Writes the payload into `sink`.
    func writePayload(to sink: inout some SnapshotSink)
}

/// A ``SnapshotSink`` that keeps what is written in a growing array (``bytes``).
struct SnapshotWriter: SnapshotSink {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A writer that continues after `bytes`.
    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func append(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    var written: Int { bytes.count }
}

/// A ``SnapshotSink`` that keeps nothing and counts the bytes written: the first pass of a snapshot written into
/// a buffer of its exact size (``SnapshotBuffer``), so that a large one is never held twice nor grown by copying.
struct SnapshotSize: SnapshotSink {
    private(set) var count = 0

    mutating func append(_ raw: UnsafeRawBufferPointer) { count += raw.count }

    var written: Int { count }
}

/// A ``SnapshotSink`` that keeps nothing and counts and checksums the bytes written: the first pass of a
/// snapshot streamed to its ``CheckpointStore`` (``SnapshotChunks``), whose header, in front, holds both.
struct SnapshotDigest: SnapshotSink {
    private var running = SnapshotChecksum.Running()

    /// The bytes written.
    var count: Int { running.count }
    /// ``SnapshotChecksum/of(_:)`` of the bytes written.
    var checksum: UInt64 { running.value }

    mutating func append(_ raw: UnsafeRawBufferPointer) { running.add(raw) }

    var written: Int { count }
}

/// A ``SnapshotSink`` that hands what is written on in pieces of about ``pieceSize`` bytes (the last one
/// shorter) through `emit`, so that a snapshot streamed to its store is held a piece at a time. The first error
/// `emit` throws stops the pieces; ``finish()`` hands over the rest and rethrows it.
struct SnapshotChunks: SnapshotSink {
    static let pieceSize = 1 << 20
    private var piece: [UInt8] = []
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    private var failure: (any Error)?
    private(set) var written = 0

    init(emit: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.emit = emit
        piece.reserveCapacity(Self.pieceSize)
    }

    mutating func append(_ raw: UnsafeRawBufferPointer) {
        written += raw.count
        guard failure == nil else { return }
        if piece.count + raw.count > Self.pieceSize {
            flush()
            guard failure == nil else { return }
        }
        if raw.count >= Self.pieceSize {
            hand(raw)
        } else {
            piece.append(contentsOf: raw)
        }
    }

    /// Hands over what is left; throws the first error `emit` threw.
    mutating func finish() throws {
        flush()
        if let failure { throw failure }
    }

    private mutating func flush() {
        guard !piece.isEmpty, failure == nil else { return }
        let emit = self.emit
        if case .failure(let error) = piece.withUnsafeBytes({ raw in Result { try emit(raw) } }) { failure = error }
        piece.removeAll(keepingCapacity: true)
    }

    private mutating func hand(_ raw: UnsafeRawBufferPointer) {
        do { try emit(raw) } catch { failure = error }
    }
}

/// A ``SnapshotSink`` that fills a buffer it does not own, from its start; writing past its end is a
/// programming error (the buffer is sized by ``SnapshotSize`` over the same writes).
struct SnapshotBuffer: SnapshotSink {
    private let buffer: UnsafeMutableRawBufferPointer
    private(set) var count = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    /// Whether every byte of the buffer is written.
    var isFull: Bool { count == buffer.count }

    var written: Int { count }

    mutating func append(_ raw: UnsafeRawBufferPointer) {
        precondition(raw.count <= buffer.count - count, "a snapshot longer than its counted size")
        UnsafeMutableRawBufferPointer(rebasing: buffer[count..<(count + raw.count)]).copyMemory(from: raw)
        count += raw.count
    }
}

/// Reads what ``SnapshotWriter`` wrote. Every read checks the bounds and throws ``SnapshotDamage`` instead
/// of reading past the end; counts are checked against the bytes left before anything is allocated.
///
/// Given the object that keeps `bytes` alive and unchanged (`source`), it reads arrays of rows in place
/// (``readChunkedRows(_:)``): they point into `bytes` instead of copying them, and then no stretch is given
/// back (``ReadPages``), since the rows read in place stay in use.
struct SnapshotReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0
    /// Where the bytes not yet given back start (``ReadPages``: each stretch read is given back).
    private var kept = 0
    /// What keeps ``bytes`` alive for rows read in place; `nil`: every read copies.
    private let source: (any AnyObject & Sendable)?

    init(_ bytes: UnsafeRawBufferPointer, source: (any AnyObject & Sendable)? = nil) {
        self.bytes = bytes
        self.source = source
    }

    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int) throws(SnapshotDamage) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= bytes.count - offset else {
            throw SnapshotDamage("ends early: \(count) bytes wanted at byte \(offset) of \(bytes.count)")
        }
        defer {
            offset += count
            if source == nil, offset - kept >= ReadPages.stretch {
                ReadPages.release(bytes, kept..<offset - count)
                kept = offset - count
            }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type) throws(SnapshotDamage) -> T {
        T(littleEndian: try take(MemoryLayout<T>.size).loadUnaligned(as: T.self))
    }

    mutating func readDouble() throws(SnapshotDamage) -> Double { Double(bitPattern: try read(UInt64.self)) }

    mutating func readBool() throws(SnapshotDamage) -> Bool {
        switch try read(UInt8.self) {
        case 0: return false
        case 1: return true
        case let other: throw SnapshotDamage("\(other) is not a flag at byte \(offset - 1)")
        }
    }

    mutating func readUUID() throws(SnapshotDamage) -> UUID {
        let raw = try take(16)
        var uuid = uuid_t(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: raw) }
        return UUID(uuid: uuid)
    }

    mutating func readString() throws(SnapshotDamage) -> String {
        let count = Int(try read(UInt32.self))
        let raw = try take(count)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw SnapshotDamage("a string that is not UTF-8 at byte \(offset - count)")
        }
        return text
    }

    mutating func readBytes() throws(SnapshotDamage) -> Data {
        let count = try readCount(elementSize: 1)
        return Data(try take(count))
    }

    /// A count of elements of `elementSize` bytes each that the remaining bytes can hold.
    /// A byte run as an array (one copy out of the snapshot, where ``readBytes()`` and an array of it make two).
    mutating func readByteArray() throws(SnapshotDamage) -> [UInt8] {
        let count = try readCount(elementSize: 1)
        return [UInt8](try take(count))
    }

    mutating func readCount(elementSize: Int) throws(SnapshotDamage) -> Int {
        let count = try read(UInt64.self)
        guard count <= UInt64((bytes.count - offset) / max(1, elementSize)) else {
            throw SnapshotDamage("a count of \(count) that the \(bytes.count - offset) bytes left cannot hold")
        }
        return Int(count)
    }

    /// Skips the zero bytes that align the rows after a count (``SnapshotSink/alignForRows()``).
    private mutating func skipAlignment() throws(SnapshotDamage) {
        let padding = snapshotPadding(after: offset)
        guard try take(padding).allSatisfy({ $0 == 0 }) else {
            throw SnapshotDamage("alignment bytes that are not zero at byte \(offset - padding)")
        }
    }

    mutating func readRows<Row: BitwiseCopyable>(_ type: Row.Type) throws(SnapshotDamage) -> ContiguousArray<Row> {
        let count = try readCount(elementSize: MemoryLayout<Row>.stride)
        try skipAlignment()
        let raw = try take(count * MemoryLayout<Row>.stride)
        return ContiguousArray(unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
            initialized = count
        }
    }

    /// Rows written by `write(rows:)` (a count, the zero bytes that align the rows, the rows): read in place
    /// when the reader has a source and they lie aligned, else copied.
    mutating func readChunkedRows<Row: BitwiseCopyable & Sendable>(
        _ type: Row.Type
    ) throws(SnapshotDamage) -> ChunkedArray<Row> {
        let count = try readCount(elementSize: MemoryLayout<Row>.stride)
        try skipAlignment()
        let raw = try take(count * MemoryLayout<Row>.stride)
        if let source, let base = raw.baseAddress, Int(bitPattern: base) % MemoryLayout<Row>.alignment == 0 {
            return ChunkedArray(inPlace: base.bindMemory(to: Row.self, capacity: count), count: count, source: source)
        }
        return ChunkedArray(count: count) { chunk, first in
            let start = first * MemoryLayout<Row>.stride
            UnsafeMutableRawBufferPointer(chunk).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + chunk.count * MemoryLayout<Row>.stride)]))
        }
    }
}

/// Why a snapshot's bytes cannot be read: it is rebuilt from the log instead.
struct SnapshotDamage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
