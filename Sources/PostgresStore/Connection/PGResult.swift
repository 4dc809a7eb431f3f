import CLibPQ
import Foundation

/// Owns one `PGresult` and frees it exactly once, when the wrapper goes away. Fields are read in binary
/// format (every statement asks for binary results), unaligned and big-endian.
///
/// Not `Sendable`: a result is read on the connection queue that produced it and only Swift values leave.
final class PGResult {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    var rowCount: Int { Int(PQntuples(handle)) }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(handle, Int32(row), Int32(column)) == 1 }

    /// The raw bytes of a field (empty for NULL).
    func bytes(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer {
        let length = Int(PQgetlength(handle, Int32(row), Int32(column)))
        guard let start = PQgetvalue(handle, Int32(row), Int32(column)) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: start, count: length)
    }

    func int64(_ row: Int, _ column: Int) throws(PostgresError) -> Int64 {
        let field = bytes(row, column)
        switch field.count {
        case 8: return Int64(bigEndian: field.loadUnaligned(as: Int64.self))
        case 4: return Int64(Int32(bigEndian: field.loadUnaligned(as: Int32.self)))
        default: throw unexpected("an integer", row, column, field.count)
        }
    }

    func optionalInt64(_ row: Int, _ column: Int) throws(PostgresError) -> Int64? {
        isNull(row, column) ? nil : try int64(row, column)
    }

    func string(_ row: Int, _ column: Int) -> String {
        String(decoding: bytes(row, column), as: UTF8.self)
    }

    func optionalString(_ row: Int, _ column: Int) -> String? {
        isNull(row, column) ? nil : string(row, column)
    }

    func uuid(_ row: Int, _ column: Int) throws(PostgresError) -> UUID {
        let field = bytes(row, column)
        guard field.count == 16 else { throw unexpected("a uuid", row, column, field.count) }
        return UUID(uuid: field.loadUnaligned(as: uuid_t.self))
    }

    func optionalUUID(_ row: Int, _ column: Int) throws(PostgresError) -> UUID? {
        isNull(row, column) ? nil : try uuid(row, column)
    }

    func date(_ row: Int, _ column: Int) throws(PostgresError) -> Date {
        let field = bytes(row, column)
        guard field.count == 8 else { throw unexpected("a timestamptz", row, column, field.count) }
        return PGBinary.date(microseconds: Int64(bigEndian: field.loadUnaligned(as: Int64.self)))
    }

    func data(_ row: Int, _ column: Int) -> Data {
        let field = bytes(row, column)
        return field.count == 0 ? Data() : Data(field)
    }

    /// The JSON text of a binary `jsonb` field (its version byte stripped).
    func jsonb(_ row: Int, _ column: Int) throws(PostgresError) -> Data {
        let field = bytes(row, column)
        guard field.count >= 1, field[0] == PGBinary.jsonbVersion else {
            throw unexpected("a version-1 jsonb", row, column, field.count)
        }
        return Data(UnsafeRawBufferPointer(rebasing: field.dropFirst()))
    }

    /// The elements of a one-dimensional binary array field (`array_send` format), each decoded by
    /// `element` from its bytes (`nil` for a NULL element); `nil` for a NULL array.
    func array<T>(
        _ row: Int, _ column: Int, _ element: (UnsafeRawBufferPointer?) throws(PostgresError) -> T
    ) throws(PostgresError) -> [T]? {
        if isNull(row, column) { return nil }
        let field = bytes(row, column)
        func int32(_ offset: Int) throws(PostgresError) -> Int32 {
            guard offset + 4 <= field.count else { throw unexpected("an array", row, column, field.count) }
            return Int32(bigEndian: field.loadUnaligned(fromByteOffset: offset, as: Int32.self))
        }
        let dimensions = try int32(0)
        guard dimensions == 0 || dimensions == 1 else {
            throw unexpected("a one-dimensional array", row, column, field.count)
        }
        if dimensions == 0 { return [] }
        let count = Int(try int32(12))
        var offset = 20
        var elements: [T] = []
        elements.reserveCapacity(max(0, count))
        for _ in 0..<max(0, count) {
            let length = Int(try int32(offset))
            offset += 4
            if length < 0 {
                elements.append(try element(nil))
                continue
            }
            guard offset + length <= field.count else { throw unexpected("an array", row, column, field.count) }
            elements.append(try element(UnsafeRawBufferPointer(rebasing: field[offset..<(offset + length)])))
            offset += length
        }
        return elements
    }

    /// A `bigint[]` or `integer[]` field without NULL elements; `nil` for a NULL array.
    func int64Array(_ row: Int, _ column: Int) throws(PostgresError) -> [Int64]? {
        try array(row, column) { (bytes) throws(PostgresError) -> Int64 in
            switch bytes?.count {
            case 8: return Int64(bigEndian: bytes!.loadUnaligned(as: Int64.self))
            case 4: return Int64(Int32(bigEndian: bytes!.loadUnaligned(as: Int32.self)))
            default: throw unexpected("an array of integers", row, column, bytes?.count ?? -1)
            }
        }
    }

    /// A `text[]` field without NULL elements; `nil` for a NULL array.
    func textArray(_ row: Int, _ column: Int) throws(PostgresError) -> [String]? {
        try array(row, column) { (bytes) throws(PostgresError) -> String in
            guard let bytes else { throw unexpected("an array of texts", row, column, -1) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private func unexpected(_ what: String, _ row: Int, _ column: Int, _ length: Int) -> PostgresError {
        let name = PQfname(handle, Int32(column)).map { String(cString: $0) } ?? "#\(column)"
        return PostgresError(
            kind: .unexpectedResponse,
            message: "column \(name) of row \(row) is not \(what) (\(length) bytes)")
    }
}
