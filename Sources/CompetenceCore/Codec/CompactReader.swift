import Foundation

/// A cursor over compact bytes (the form ``CompactEncoder`` writes): the one place where the form's
/// primitives are read. ``CompactDecoder`` reads through it, and so do ``CompactDecodable`` types.
///
/// Every read checks the bounds and throws `DecodingError.dataCorrupted` naming the byte offset; it never
/// reads past the buffer.
package struct CompactReader {
    /// The bytes being read; they need only stay valid while the reader is used.
    package let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    package internal(set) var offset = 0

    /// A reader at the start of `bytes`.
    package init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Whether every byte has been read.
    package var isAtEnd: Bool { offset == bytes.count }

    /// The error for malformed bytes at the current offset.
    func corrupted(_ what: String, codingPath: [any CodingKey] = []) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: "compact payload: \(what) at byte \(offset)"))
    }

    @inline(__always) mutating func readByte() throws -> UInt8 {
        guard offset < bytes.count else { throw corrupted("unexpected end") }
        defer { offset += 1 }
        return bytes[offset]
    }

    @inline(__always) mutating func readUnsigned() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw corrupted("unexpected end in integer") }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw corrupted("integer too long") }
        }
    }

    @inline(__always) mutating func readSigned() throws -> Int64 {
        let raw = try readUnsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    @inline(__always) mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        if T.isSigned {
            let value = try readSigned()
            guard let result = T(exactly: value) else { throw corrupted("\(value) does not fit \(T.self)") }
            return result
        }
        let value = try readUnsigned()
        guard let result = T(exactly: value) else { throw corrupted("\(value) does not fit \(T.self)") }
        return result
    }

    @inline(__always) mutating func readDouble() throws -> Double {
        guard bytes.count - offset >= 8 else { throw corrupted("unexpected end in number") }
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return Double(bitPattern: UInt64(littleEndian: raw))
    }

    @inline(__always) mutating func readBytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, bytes.count - offset >= count else { throw corrupted("length \(count) runs past the end") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    @inline(__always) mutating func readBool() throws -> Bool {
        switch try readByte() {
        case 0: return false
        case 1: return true
        case let other: throw corrupted("\(other) is not a boolean")
        }
    }

    // MARK: For CompactDecodable types

    /// Reads a string (a length-prefixed UTF-8 field).
    @inline(__always) package mutating func readString() throws -> String {
        let count = try readUnsigned()
        guard count <= UInt64(bytes.count) else { throw corrupted("string length \(count) runs past the end") }
        return String(decoding: try readBytes(Int(count)), as: UTF8.self)
    }

    /// Reads an `Int` field.
    @inline(__always) package mutating func readInt() throws -> Int { try readInteger(Int.self) }

    /// Reads an optional field: its presence byte, then the value `read` reads when it is present.
    @inline(__always) package mutating func readOptional<T>(_ read: (inout CompactReader) throws -> T) throws -> T? {
        try readBool() ? try read(&self) : nil
    }

    /// Reads a field of a ``CompactDecodable`` type.
    @inline(__always) package mutating func read<T: CompactDecodable>(_ type: T.Type) throws -> T {
        try T(compact: &self)
    }

    /// Throws when bytes are left over after a whole value of `type` was read.
    mutating func expectEnd<T>(after type: T.Type) throws {
        guard isAtEnd else { throw corrupted("\(bytes.count - offset) bytes left after decoding \(T.self)") }
    }
}

/// A value that reads its compact form directly from a ``CompactReader`` — without `Decodable`'s containers,
/// several times faster — for the types on the replay hot path.
///
/// `init(compact:)` must read exactly the bytes ``CompactEncoder`` writes for the value's `Encodable` form, in
/// the same order; the codec's tests check every conforming type against the `Decodable` path.
package protocol CompactDecodable: Decodable {
    /// Reads the value from the reader's current offset.
    init(compact reader: inout CompactReader) throws
}
