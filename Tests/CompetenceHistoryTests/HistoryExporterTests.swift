import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import CompetenceHistory

/// What an export holds in each scope (see ``HistorySamples/days()`` for the history's days).
@Suite("History files: export scopes")
struct HistoryExporterTests {
    @Test(
        "each scope keeps exactly its events, in global order",
        arguments: [
            (ReplayScope.everything, [1, 2, 3, 4, 5, 6, 7, 8] as [Int64]),
            (.throughPosition(5), [1, 2, 3, 4, 5]),
            (.throughPosition(0), []),
            (.throughPosition(99), [1, 2, 3, 4, 5, 6, 7, 8]),
            // Recorded by the end of the day (the unknown type too: it was recorded on 2024-02-25).
            (.asOf(HistorySamples.day("2024-01-09")), [1, 2]),
            (.asOf(HistorySamples.day("2024-02-20")), [1, 2, 3, 4, 5, 6, 7]),
            // Happened by the end of the day: definitions and corrections always; the unknown type by its
            // occurred time (2024-01-08).
            (.effectiveOn(HistorySamples.day("2024-01-07")), [1, 2, 3, 6]),
            (.effectiveOn(HistorySamples.day("2024-01-08")), [1, 2, 3, 6, 8]),
            (.effectiveOn(HistorySamples.day("2024-02-01")), [1, 2, 3, 4, 5, 6, 8]),
        ])
    func scopes(scope: ReplayScope, positions: [Int64]) async throws {
        let directory = try TemporaryDirectory("competence-export")
        let store = try await HistorySamples.days()
        let (path, count) = try await HistorySamples.export(store, scope: scope, in: directory)
        #expect(count == positions.count)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("}}\n") && text.split(separator: "\n").last?.hasPrefix("{\"summary\":") == true)
        let file = try HistoryReader(path: path).read()
        let events = file.entries.map(\.event)
        #expect(events.map(\.position) == positions)
        let all = try await HistorySamples.events(store)
        #expect(
            events.map(HistorySamples.portable)
                == all.filter { positions.contains($0.position) }.map(HistorySamples.portable))
        guard case .verified(let head) = file.chain else {
            Issue.record("the export is not chained: \(file.chain)")
            return
        }
        #expect(head.position == (positions.last ?? 0))
    }

    @Test("the export of a store is its lines, one per event, each newline-terminated")
    func lines() async throws {
        let directory = try TemporaryDirectory("competence-export")
        let store = try await HistorySamples.days()
        let (path, _) = try await HistorySamples.export(store, in: directory)
        var chain = HistoryChain()
        var expected = ""
        for event in try await HistorySamples.events(store) {
            let hash = try chain.append(event)
            expected += String(decoding: try HistoryLine(event: event).encoded(chainHash: hash), as: UTF8.self) + "\n"
        }
        expected +=
            "{\"summary\":{\"chain_version\":1,\"count\":8,\"head_position\":8,"
            + "\"head_hash\":\"\(chain.head.hash)\"}}\n"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }
}
