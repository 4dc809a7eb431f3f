/// Appends little-endian integers and raw bytes to a byte array: the one way the format is written.
struct ByteWriter {
    var bytes: [UInt8]

    init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func write(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    @inline(__always) mutating func write(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Overwrites a little-endian integer at `offset` (for length and checksum fields written last).
    @inline(__always) mutating func patch<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }
}

/// Reads little-endian integers from a buffer, never past its end: the one way the format is read.
struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    var offset: Int

    init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0) {
        self.buffer = buffer
        self.offset = offset
    }

    var remaining: Int { buffer.count - offset }

    @inline(__always) mutating func read<T: FixedWidthInteger>(_ type: T.Type) -> T? {
        guard remaining >= MemoryLayout<T>.size else { return nil }
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    @inline(__always) mutating func read(count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, remaining >= count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
    }

    /// Reads a little-endian integer at a fixed offset without moving.
    @inline(__always) static func load<T: FixedWidthInteger>(
        _ type: T.Type, _ buffer: UnsafeRawBufferPointer, at offset: Int
    ) -> T {
        T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
