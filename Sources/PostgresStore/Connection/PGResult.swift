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

    private func unexpected(_ what: String, _ row: Int, _ column: Int, _ length: Int) -> PostgresError {
        let name = PQfname(handle, Int32(column)).map { String(cString: $0) } ?? "#\(column)"
        return PostgresError(
            kind: .unexpectedResponse,
            message: "column \(name) of row \(row) is not \(what) (\(length) bytes)")
    }
}
