import CompetenceCore
import Foundation

/// The last line of an exported history:
/// `{"summary":{"chain_version":1,"count":N,"head_position":P,"head_hash":"H"}}` — how many event lines the
/// file holds, and the position of the last one with the history-chain hash after it. For an export that
/// starts at position 1 without gaps (everything, `--position N`) the pair `P:H` is the store's anchor at
/// `P`, which `competence verify --expect P:H` checks.
struct HistorySummary: Sendable, Hashable {
    /// The version of the history chain the file uses.
    static let chainVersion = 1

    /// The number of event lines.
    var count: Int
    /// The last line's position and chain hash (``HistoryAnchor/genesis`` for a file without events).
    var head: HistoryAnchor

    /// The line's text (without the newline).
    func encoded() -> Data {
        Data(
            ("{\"summary\":{\"chain_version\":\(Self.chainVersion),\"count\":\(count),"
                + "\"head_position\":\(head.position),\"head_hash\":\"\(head.hash)\"}}").utf8)
    }

    init(count: Int, head: HistoryAnchor) {
        self.count = count
        self.head = head
    }

    /// Reads a summary line; `nil` when the line is not one (it has no top-level `summary` field).
    ///
    /// - Throws: ``HistoryError/badLine(file:line:reason:)`` for a summary line with a wrong field.
    init?(parsing bytes: Data, file: String, line: Int) throws {
        guard RawJSONField.range(of: "summary", in: [UInt8](bytes)) != nil else { return nil }
        func bad(_ reason: String) -> HistoryError { .badLine(file: file, line: line, reason: reason) }
        let decoded: Line
        do {
            decoded = try JSONDecoder().decode(Line.self, from: bytes)
        } catch {
            throw bad(
                "the summary line is not {\"summary\":{\"chain_version\",\"count\",\"head_position\",\"head_hash\"}}")
        }
        let summary = decoded.summary
        guard summary.chainVersion == Self.chainVersion else {
            throw bad("the summary's chain_version \(summary.chainVersion) is unknown to this build (it knows 1)")
        }
        guard let hash = HistoryHash(hex: summary.headHash) else {
            throw bad("the summary's head_hash '\(summary.headHash)' is not 64 hex digits")
        }
        guard summary.count >= 0, summary.headPosition >= 0 else {
            throw bad("the summary's count and head_position are 0 or more")
        }
        self.init(count: summary.count, head: HistoryAnchor(position: summary.headPosition, hash: hash))
    }

    private struct Line: Decodable {
        var summary: Fields
    }

    private struct Fields: Decodable {
        var chainVersion: Int
        var count: Int
        var headPosition: Int64
        var headHash: String

        enum CodingKeys: String, CodingKey {
            case chainVersion = "chain_version"
            case count
            case headPosition = "head_position"
            case headHash = "head_hash"
        }
    }
}
