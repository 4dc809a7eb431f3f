import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import CompetenceHistory

/// Reading a whole history file: one coherent history or a refusal naming the file and line.
@Suite("History files: reading")
struct HistoryReaderTests {
    /// The small history exported, its lines, and the directory they are in.
    private func exported() async throws -> (TemporaryDirectory, [String], [RecordedEvent]) {
        let directory = try TemporaryDirectory("competence-history")
        let store = try await HistorySamples.days()
        let (path, count) = try await HistorySamples.export(store, in: directory)
        #expect(count == 8)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 9 && lines[8].hasPrefix("{\"summary\":"))
        return (directory, lines, try await HistorySamples.events(store))
    }

    @Test("an exported file reads back as the same events, in order, with their line numbers")
    func readsExport() async throws {
        let (directory, lines, events) = try await exported()
        let file = try HistoryReader(path: directory.path("history.ndjson")).read()
        #expect(file.entries.map(\.event).map(HistorySamples.portable) == events.map(HistorySamples.portable))
        #expect(file.entries.map(\.line) == Array(1...8))
        var chain = HistoryChain()
        for event in events { try chain.append(event) }
        #expect(file.chain == .verified(chain.head))
        #expect(lines.count == 9)
    }

    @Test("a BOM, CRLF line ends and blank lines are tolerated; line numbers count every line")
    func layout() async throws {
        let (directory, lines, events) = try await exported()
        let text = "\u{FEFF}" + lines[0] + "\r\n\r\n" + lines[1...].joined(separator: "\r\n") + "\n  \n"
        try directory.write("crlf.ndjson", text)
        let entries = try HistoryReader(path: directory.path("crlf.ndjson")).read().entries
        #expect(entries.map(\.event).map(HistorySamples.portable) == events.map(HistorySamples.portable))
        #expect(entries.map(\.line) == [1] + Array(3...9))
    }

    @Test("an empty file holds no events")
    func empty() throws {
        let directory = try TemporaryDirectory("competence-history")
        try directory.write("empty.ndjson", "\n")
        let file = try HistoryReader(path: directory.path("empty.ndjson")).read()
        #expect(file.entries.isEmpty && file.chain == .unchained)
    }

    /// The lines without their chain: the form exported before history chains, whose order is still checked.
    private func unchained(_ lines: [String]) -> [String] {
        lines.filter { !$0.hasPrefix("{\"summary\":") }.map { line in
            guard let range = line.range(of: ",\"chain_hash\":\"") else { return line }
            return String(line[..<range.lowerBound]) + "}"
        }
    }

    @Test("lines out of global order are refused at the first line that goes back (a file without a chain)")
    func order() async throws {
        let (directory, lines, _) = try await exported()
        var swapped = unchained(lines)
        swapped.swapAt(2, 3)
        try directory.write("swapped.ndjson", swapped.joined(separator: "\n"))
        let error = try #require(throws: HistoryError.self) {
            try HistoryReader(path: directory.path("swapped.ndjson")).read()
        }
        #expect(
            error.description
                == "\(directory.path("swapped.ndjson")), line 4: position 3 does not follow position 4: "
                + "lines must be in global order")
    }

    @Test("a stream that skips a version is refused: the file is not a complete history (a file without a chain)")
    func versionGap() async throws {
        let directory = try TemporaryDirectory("competence-history")
        let store = try await HistorySamples.demo()
        let events = try await HistorySamples.events(store)
        let (path, _) = try await HistorySamples.export(store, in: directory)
        var lines = unchained(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init))
        // The second event of the first stream that has three.
        let versions = Dictionary(grouping: events, by: \.stream)
        let stream = try #require(events.first { versions[$0.stream]!.count >= 3 }?.stream)
        let second = try #require(events.firstIndex { $0.stream == stream && $0.version == 2 })
        let third = try #require(events.firstIndex { $0.stream == stream && $0.version == 3 })
        lines.remove(at: second)
        try directory.write("gap.ndjson", lines.joined(separator: "\n") + "\n")
        let first = try #require(events.firstIndex { $0.stream == stream && $0.version == 1 })
        let error = try #require(throws: HistoryError.self) {
            try HistoryReader(path: directory.path("gap.ndjson")).read()
        }
        #expect(
            error.description
                == "\(directory.path("gap.ndjson")), line \(third): stream '\(stream)' jumps from version 1 "
                + "(line \(first + 1)) to 3; the file is not a complete history (an --effective-on export leaves "
                + "events out)")
    }

    @Test("a damaged line is named by file and line, and nothing after it is read")
    func damagedLine() async throws {
        let (directory, lines, _) = try await exported()
        var damaged = lines
        damaged[4] = damaged[4].replacingOccurrences(
            of: "\"schema_version\":\(SurveyAnswerRecorded.schemaVersion)", with: "\"schema_version\":\"one\"")
        #expect(damaged[4] != lines[4])
        try directory.write("damaged.ndjson", damaged.joined(separator: "\n") + "\n")
        let error = try #require(throws: HistoryError.self) {
            try HistoryReader(path: directory.path("damaged.ndjson")).read()
        }
        #expect(
            error.description
                == "\(directory.path("damaged.ndjson")), line 5: the field 'schema_version' has the wrong type")
    }

    @Test("a file that cannot be read is named")
    func unreadable() throws {
        let error = try #require(throws: HistoryError.self) { try HistoryReader(path: "/nonexistent/h.ndjson").read() }
        #expect(error.description.hasPrefix("cannot read /nonexistent/h.ndjson: "))
    }
}
