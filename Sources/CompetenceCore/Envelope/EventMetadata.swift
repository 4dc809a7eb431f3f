import Foundation

/// Context recorded with every event: why it was recorded, by whom, and where it came from.
///
/// Metadata never changes what an event means; it lets an auditor follow a chain of events back to the
/// command, the person and the import file that caused it.
public struct EventMetadata: Hashable, Sendable, Codable {
    /// Groups every event recorded for one command or one import (all rows of one file share it).
    public var correlationID: UUID?
    /// The event (or command) that directly caused this one.
    public var causationID: UUID?
    /// Who recorded the event: a user or a system account name. Never a study participant.
    public var recordedBy: String?
    /// Where the fact came from, such as an import file and row.
    public var origin: EventOrigin?

    /// Creates metadata; every field is optional.
    public init(
        correlationID: UUID? = nil,
        causationID: UUID? = nil,
        recordedBy: String? = nil,
        origin: EventOrigin? = nil
    ) {
        self.correlationID = correlationID
        self.causationID = causationID
        self.recordedBy = recordedBy
        self.origin = origin
    }

    /// Metadata with no field set.
    public static let none = EventMetadata()
}

/// The provenance of an imported fact: the document, the row in it, and a hash of the document's bytes.
public struct EventOrigin: Hashable, Sendable, Codable {
    /// The document the fact was read from, e.g. `survey-2023.csv`.
    public var source: String
    /// The 1-based data row in that document, when it has rows.
    public var row: Int?
    /// A content hash of the whole document (hex), so a re-import of the same bytes is recognised.
    public var contentHash: String?

    /// Creates an origin.
    public init(source: String, row: Int? = nil, contentHash: String? = nil) {
        self.source = source
        self.row = row
        self.contentHash = contentHash
    }
}
