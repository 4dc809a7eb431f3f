import CompetenceCore
import Foundation

/// PostgreSQL type OIDs the store sends and receives in binary format.
enum PGType {
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let timestamptz: UInt32 = 1184
    static let uuid: UInt32 = 2950
    static let jsonb: UInt32 = 3802
    static let byteaArray: UInt32 = 1001
    static let int4Array: UInt32 = 1007
    static let textArray: UInt32 = 1009
    static let int8Array: UInt32 = 1016
    static let timestamptzArray: UInt32 = 1185
    static let uuidArray: UInt32 = 2951
    static let jsonbArray: UInt32 = 3807
}

/// The binary wire forms of the values the store uses (PostgreSQL's `*send`/`*recv` formats).
enum PGBinary {
    /// Microseconds between the Unix epoch and PostgreSQL's epoch, 2000-01-01 00:00:00 UTC.
    static let postgresEpochMicroseconds: Int64 = 946_684_800_000_000

    /// A `timestamptz` is microseconds since 2000-01-01 UTC; `Date` is rounded to the microsecond by
    /// `EventTime.microseconds`, the one rounding every store and the history chain share.
    static func microseconds(_ date: Date) -> Int64 {
        EventTime.microseconds(date) &- postgresEpochMicroseconds
    }

    /// The date of a `timestamptz` value.
    static func date(microseconds: Int64) -> Date {
        EventTime.date(microseconds: microseconds &+ postgresEpochMicroseconds)
    }

    /// The version byte that starts a binary `jsonb` value.
    static let jsonbVersion: UInt8 = 1
}

/// Builds binary parameter bytes: big-endian integers, UUIDs, and one-dimensional arrays.
struct PGByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 64) { bytes.reserveCapacity(capacity) }

    mutating func int16(_ value: Int16) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int32(_ value: Int32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int64(_ value: Int64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uuid(_ value: UUID) {
        withUnsafeBytes(of: value.uuid) { bytes.append(contentsOf: $0) }
    }

    mutating func raw<C: Collection>(_ data: C) where C.Element == UInt8 { bytes.append(contentsOf: data) }

    /// Overwrites four bytes at `offset` with a big-endian `Int32`.
    mutating func patchInt32(_ value: Int32, at offset: Int) {
        withUnsafeBytes(of: value.bigEndian) { source in
            for index in 0..<4 { bytes[offset + index] = source[index] }
        }
    }
}

/// Writes a one-dimensional binary array (`array_send` format) element by element.
struct PGArrayWriter {
    private var writer: PGByteWriter
    private let countOffset: Int
    private let nullFlagOffset: Int
    private var count: Int32 = 0
    private var hasNull = false

    /// Starts an array whose elements have type `elementType`.
    init(elementType: UInt32, capacity: Int = 256) {
        writer = PGByteWriter(capacity: capacity + 20)
        writer.int32(1)  // dimensions
        nullFlagOffset = writer.bytes.count
        writer.int32(0)  // has nulls, patched in `finish`
        writer.int32(Int32(bitPattern: elementType))
        countOffset = writer.bytes.count
        writer.int32(0)  // length of the dimension, patched in `finish`
        writer.int32(1)  // lower bound
    }

    mutating func appendNull() {
        writer.int32(-1)
        count += 1
        hasNull = true
    }

    mutating func append(int64 value: Int64) {
        writer.int32(8)
        writer.int64(value)
        count += 1
    }

    mutating func append(int64 value: Int64?) {
        if let value { append(int64: value) } else { appendNull() }
    }

    mutating func append(int32 value: Int32) {
        writer.int32(4)
        writer.int32(value)
        count += 1
    }

    mutating func append(uuid value: UUID) {
        writer.int32(16)
        writer.uuid(value)
        count += 1
    }

    mutating func append(uuid value: UUID?) {
        if let value { append(uuid: value) } else { appendNull() }
    }

    mutating func append(date value: Date) {
        writer.int32(8)
        writer.int64(PGBinary.microseconds(value))
        count += 1
    }

    mutating func append(text value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writer.int32(Int32(utf8.count))
            writer.raw(utf8)
        }
        count += 1
    }

    mutating func append(text value: String?) {
        if let value { append(text: value) } else { appendNull() }
    }

    mutating func append(bytes value: Data) {
        writer.int32(Int32(value.count))
        writer.raw(value)
        count += 1
    }

    /// A `jsonb` element: the version byte, then the JSON text.
    mutating func append(jsonb value: Data) {
        writer.int32(Int32(value.count + 1))
        writer.raw(CollectionOfOne(PGBinary.jsonbVersion))
        writer.raw(value)
        count += 1
    }

    /// The finished array bytes.
    consuming func finish() -> [UInt8] {
        writer.patchInt32(count, at: countOffset)
        writer.patchInt32(hasNull ? 1 : 0, at: nullFlagOffset)
        return writer.bytes
    }
}

/// One statement parameter in binary format: its type OID and its bytes (`nil` for SQL NULL).
struct PGParameter: Sendable {
    let type: UInt32
    let bytes: [UInt8]?

    static func int64(_ value: Int64) -> PGParameter {
        var writer = PGByteWriter(capacity: 8)
        writer.int64(value)
        return PGParameter(type: PGType.int8, bytes: writer.bytes)
    }

    static func text(_ value: String) -> PGParameter {
        PGParameter(type: PGType.text, bytes: Array(value.utf8))
    }

    static func uuid(_ value: UUID) -> PGParameter {
        var writer = PGByteWriter(capacity: 16)
        writer.uuid(value)
        return PGParameter(type: PGType.uuid, bytes: writer.bytes)
    }

    /// A binary array built with ``PGArrayWriter``; `nil` for SQL NULL.
    static func array(_ type: UInt32, _ bytes: [UInt8]?) -> PGParameter { PGParameter(type: type, bytes: bytes) }

    static func textArray<S: Sequence<String>>(_ values: S) -> PGParameter {
        var writer = PGArrayWriter(elementType: PGType.text)
        for value in values { writer.append(text: value) }
        return PGParameter(type: PGType.textArray, bytes: writer.finish())
    }

    static func uuidArray<S: Sequence<UUID>>(_ values: S) -> PGParameter {
        var writer = PGArrayWriter(elementType: PGType.uuid)
        for value in values { writer.append(uuid: value) }
        return PGParameter(type: PGType.uuidArray, bytes: writer.finish())
    }

    /// A `text[]` parameter, or SQL NULL when `values` is nil.
    static func optionalTextArray(_ values: Set<String>?) -> PGParameter {
        guard let values else { return PGParameter(type: PGType.textArray, bytes: nil) }
        return textArray(values.sorted())
    }
}

/// Writes binary `COPY … FROM STDIN (FORMAT binary)` data: the header, rows of fields in the binary wire
/// forms above, and the trailer.
struct PGCopyWriter {
    private var writer = PGByteWriter(capacity: 1 << 16)
    private let columns: Int

    /// Starts the data for rows of `columns` fields.
    init(columns: Int) {
        self.columns = columns
        writer.raw(Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00])
        writer.int32(0)  // flags
        writer.int32(0)  // header extension length
    }

    /// Starts a row; then write exactly `columns` fields.
    mutating func beginRow() { writer.int16(Int16(columns)) }

    mutating func null() { writer.int32(-1) }

    mutating func int32(_ value: Int32) {
        writer.int32(4)
        writer.int32(value)
    }

    mutating func int64(_ value: Int64) {
        writer.int32(8)
        writer.int64(value)
    }

    mutating func int64(_ value: Int64?) {
        if let value { int64(value) } else { null() }
    }

    mutating func uuid(_ value: UUID) {
        writer.int32(16)
        writer.uuid(value)
    }

    mutating func uuid(_ value: UUID?) {
        if let value { uuid(value) } else { null() }
    }

    mutating func date(_ value: Date) { int64(PGBinary.microseconds(value)) }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writer.int32(Int32(utf8.count))
            writer.raw(utf8)
        }
    }

    mutating func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    mutating func bytes(_ value: Data) {
        writer.int32(Int32(value.count))
        writer.raw(value)
    }

    /// A `jsonb` field: the version byte, then the JSON text.
    mutating func jsonb(_ value: Data) {
        writer.int32(Int32(value.count + 1))
        writer.raw(CollectionOfOne(PGBinary.jsonbVersion))
        writer.raw(value)
    }

    /// The finished data, trailer included.
    consuming func finish() -> [UInt8] {
        writer.int16(-1)
        return writer.bytes
    }
}
