import CompetenceCore
import Foundation

/// Reads a whole history file (NDJSON written by `competence export`) and checks that it is one coherent
/// history: positions strictly increasing, each stream's versions consecutive, every payload decodable, and —
/// for a file with a history chain — every line's `chain_hash` and the summary line.
package struct HistoryReader: Sendable {
    /// One event of the file and the line it is on.
    package struct Entry: Sendable {
        package var event: RecordedEvent
        package var line: Int
    }

    /// What the file's history chain says.
    package enum Chain: Sendable, Hashable {
        /// Every line carries its chain hash, they follow from each other, and the summary line agrees:
        /// the chain's head.
        case verified(HistoryAnchor)
        /// The file has no chain (exported before history chains existed): its lines were checked one by one,
        /// but nothing shows that none was changed, removed or reordered.
        case unchained
    }

    /// The events of a file and what its chain says.
    package struct File: Sendable {
        /// The events, in order.
        package var entries: [Entry]
        /// The file's chain.
        package var chain: Chain
    }

    /// The file, as named in messages.
    package let path: String

    /// A reader of the file at `path`.
    package init(path: String) { self.path = path }

    /// Reads and checks the file at ``path``.
    package func read() throws -> File {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw HistoryError.unreadable(file: path, reason: error.localizedDescription)
        }
        return try read(data)
    }

    /// Reads and checks history bytes (``path`` names them in messages). Blank lines are skipped; a UTF-8
    /// BOM is ignored.
    ///
    /// - Throws: ``HistoryError/badLine(file:line:reason:)`` naming the first line that is wrong: a field, the
    ///   order, a chain hash that does not follow from the lines before, a summary that disagrees, or a
    ///   chained file without its summary line (cut short).
    package func read(_ data: Data) throws -> File {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var entries: [Entry] = []
        var lastVersion: [StreamName: (version: Int64, line: Int)] = [:]
        var lastPosition: Int64 = 0
        var chain = HistoryChain()
        var chained: Bool?
        var summary: (line: Int, value: HistorySummary)?
        var lastLine = 0
        for (offset, slice) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        {
            let lineNumber = offset + 1
            func bad(_ reason: String) -> HistoryError { .badLine(file: path, line: lineNumber, reason: reason) }
            let trimmed = slice.last == UInt8(ascii: "\r") ? slice.dropLast() : slice
            if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            lastLine = lineNumber
            if let summary {
                throw bad("a line follows the summary line (line \(summary.line)); the summary ends the file")
            }
            if let found = try HistorySummary(parsing: Data(trimmed), file: path, line: lineNumber) {
                summary = (lineNumber, found)
                continue
            }
            let line = try HistoryLine(parsing: Data(trimmed), file: path, line: lineNumber)
            let event = line.event
            guard event.position > lastPosition else {
                throw bad(
                    "position \(event.position) does not follow position \(lastPosition): lines must be in global order"
                )
            }
            if let previous = lastVersion[event.stream], event.version != previous.version + 1 {
                throw bad(
                    "stream '\(event.stream)' jumps from version \(previous.version) (line \(previous.line)) "
                        + "to \(event.version); "
                        + "the file is not a complete history (an --effective-on export leaves events out)")
            }
            let hash: HistoryHash
            do {
                hash = try chain.append(event)
            } catch {
                throw bad(error.description)
            }
            switch (chained, line.chainHash) {
            case (nil, let given): chained = given != nil
            case (true?, nil): throw bad("the line has no chain_hash, but the lines before it have")
            case (false?, _?): throw bad("the line has a chain_hash, but the lines before it have none")
            default: break
            }
            if let given = line.chainHash, given != hash {
                throw bad(
                    "the history chain breaks here: chain_hash \(given) does not follow from the lines before "
                        + "(expected \(hash)); this line, or one before it, was changed, removed or reordered")
            }
            lastVersion[event.stream] = (event.version, lineNumber)
            lastPosition = event.position
            entries.append(Entry(event: event, line: lineNumber))
        }
        let verdict = try verdict(
            chained: chained, summary: summary, head: chain.head, count: entries.count, lastLine: lastLine)
        return File(entries: entries, chain: verdict)
    }

    /// Checks the summary line against what was read.
    private func verdict(
        chained: Bool?, summary: (line: Int, value: HistorySummary)?, head: HistoryAnchor, count: Int, lastLine: Int
    ) throws -> Chain {
        guard let summary else {
            if chained == true {
                throw HistoryError.badLine(
                    file: path, line: lastLine + 1,
                    reason: "the file ends without its summary line: it was cut short, or its end was removed")
            }
            return .unchained
        }
        func bad(_ reason: String) -> HistoryError { .badLine(file: path, line: summary.line, reason: reason) }
        if chained == false {
            throw bad("a summary line, but the event lines carry no chain_hash")
        }
        let value = summary.value
        guard value.count == count else {
            throw bad("the summary counts \(value.count) events, but the file holds \(count)")
        }
        guard value.head == head else {
            throw bad("the summary's head \(value.head) is not the chain's head \(head)")
        }
        return .verified(head)
    }
}
