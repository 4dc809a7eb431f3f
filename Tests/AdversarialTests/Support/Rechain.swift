import CompetenceCore
import Foundation

@testable import CompetenceHistory

extension Histories {
    /// The event lines (summary dropped) written again with a fresh, consistent chain and summary: what an
    /// attacker who edits a file and recomputes every hash produces. Only the ledger's rules stand in the way.
    static func rechained(_ lines: [String]) throws -> [String] {
        var chain = HistoryChain()
        var out: [String] = []
        for (index, line) in lines.enumerated() where !line.hasPrefix("{\"summary\":") {
            let event = try HistoryLine(parsing: Data(line.utf8), file: "edit", line: index + 1).event
            let hash = try chain.append(event)
            out.append(String(decoding: try HistoryLine(event: event).encoded(chainHash: hash), as: UTF8.self))
        }
        out.append(String(decoding: HistorySummary(count: out.count, head: chain.head).encoded(), as: UTF8.self))
        return out
    }

    /// The lines without any chain (no chain_hash, no summary): a file exported before history chains.
    static func unchained(_ lines: [String]) -> [String] {
        lines.filter { !$0.hasPrefix("{\"summary\":") }.map { line in
            guard let range = line.range(of: ",\"chain_hash\":\"") else { return line }
            return String(line[..<range.lowerBound]) + "}"
        }
    }
}
