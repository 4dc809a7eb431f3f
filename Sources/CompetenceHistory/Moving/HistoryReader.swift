import CompetenceCore
import Foundation

/// Reads a whole history file (NDJSON written by `competence export`) and checks that it is one coherent
/// history: positions strictly increasing, each stream's versions consecutive, every payload decodable.
package struct HistoryReader: Sendable {
    /// One event of the file and the line it is on.
    package struct Entry: Sendable {
        package var event: RecordedEvent
        package var line: Int
    }

    /// The file, as named in messages.
    package let path: String

    /// A reader of the file at `path`.
    package init(path: String) { self.path = path }

    /// The events of the file in order. Blank lines are skipped; a UTF-8 BOM is ignored.
    package func read() throws -> [Entry] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw HistoryError.unreadable(file: path, reason: error.localizedDescription)
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var entries: [Entry] = []
        var lastVersion: [StreamName: (version: Int64, line: Int)] = [:]
        var lastPosition: Int64 = 0
        for (offset, slice) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        {
            let lineNumber = offset + 1
            let trimmed = slice.last == UInt8(ascii: "\r") ? slice.dropLast() : slice
            if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let event = try HistoryLine(parsing: Data(trimmed), file: path, line: lineNumber).event
            guard event.position > lastPosition else {
                throw HistoryError.badLine(
                    file: path, line: lineNumber,
                    reason:
                        "position \(event.position) does not follow position \(lastPosition): "
                        + "lines must be in global order"
                )
            }
            if let previous = lastVersion[event.stream], event.version != previous.version + 1 {
                throw HistoryError.badLine(
                    file: path, line: lineNumber,
                    reason:
                        "stream '\(event.stream)' jumps from version \(previous.version) (line \(previous.line)) "
                        + "to \(event.version); "
                        + "the file is not a complete history (an --effective-on export leaves events out)")
            }
            lastVersion[event.stream] = (event.version, lineNumber)
            lastPosition = event.position
            entries.append(Entry(event: event, line: lineNumber))
        }
        return entries
    }
}
