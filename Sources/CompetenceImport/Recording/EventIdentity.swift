import Crypto
import Foundation

/// Deterministic ids for imported events, derived from the file's content hash, the kind of import, the row
/// and the item within the row: importing the same bytes again yields the same ids, so the ledger recognises
/// the repeat and appends nothing.
struct EventIdentity: Sendable {
    /// Lower-case hex SHA-256 of the file.
    let contentHash: String
    /// The kind of import, e.g. `survey`.
    let kind: String

    /// The id of item `item` of data row `row` (a UUID of version 8, "custom", from SHA-256).
    func id(row: Int, item: String) -> UUID {
        let digest = Array(SHA256.hash(data: Data("competence-import|\(contentHash)|\(kind)|\(row)|\(item)".utf8)))
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// The correlation id shared by every event of the import.
    var correlationID: UUID { id(row: 0, item: "import") }
}
