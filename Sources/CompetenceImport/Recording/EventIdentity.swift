import Crypto
import Foundation

/// Deterministic ids for imported events, derived from the import's identity — the file's content hash,
/// the kind of import and its ``ImportParameters`` — and the row and the item within the row: importing the
/// same bytes with the same parameters again yields the same ids, so the ledger recognises the repeat and
/// appends nothing; any other parameter yields other ids.
///
/// An import without parameters (organisations, competences, trainings, participation) keeps the ids it had
/// before parameters were part of the identity, so repeating an import made by an earlier version is still
/// recognised. ``legacy`` gives those earlier ids for imports with parameters.
package struct EventIdentity: Sendable {
    /// Lower-case hex SHA-256 of the file.
    let contentHash: String
    /// The kind of import, e.g. `survey`.
    let kind: String
    /// The import's parameters.
    let parameters: ImportParameters

    /// The identity of an import of `kind` with `parameters` of a file with `contentHash`.
    /// SHA-256 over the text every id of this identity starts with (up to the row): each id hashes only its
    /// row and item after it, instead of the parameters' canonical text again for every row.
    private let prefixHash: SHA256

    init(contentHash: String, kind: String, parameters: ImportParameters = ImportParameters()) {
        self.contentHash = contentHash
        self.kind = kind
        self.parameters = parameters
        let prefix =
            parameters.isEmpty
            ? "competence-import|\(contentHash)|\(kind)|"
            : "competence-import-2|\(contentHash)|\(kind)|\(parameters.canonical)|"
        var hash = SHA256()
        hash.update(data: Data(prefix.utf8))
        prefixHash = hash
    }

    /// The identity the same import had before its parameters were part of it (the same ids when it has none).
    package var legacy: EventIdentity { EventIdentity(contentHash: contentHash, kind: kind) }

    /// The id of item `item` of data row `row` (a UUID of version 8, "custom", from SHA-256).
    /// The text hashed is `competence-import|HASH|KIND|ROW|ITEM` for an import without parameters, else
    /// `competence-import-2|HASH|KIND|PARAMETERS|ROW|ITEM` (``ImportParameters/canonical``).
    package func id(row: Int, item: String) -> UUID {
        var hash = prefixHash
        var rest = "\(row)|\(item)"
        rest.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var bytes = Array(hash.finalize().prefix(16))
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
