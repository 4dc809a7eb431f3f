import CompetenceCore
import CompetenceScenario
import Foundation
import Testing

@testable import CompetenceReports

/// `verify-report`: a report checked against its store matches; an edited event, a changed option or an
/// edited figure is detected; a store that moved on says so.
@Suite("Report verification")
struct ReportVerifierTests {
    private static let options = { try! AnalyticsOptions(today: DemoScenario.recordingDay) }()

    private func demoStore() async throws -> InMemoryEventStore {
        let store = InMemoryEventStore(clock: DemoScenario.clock)
        try await DemoScenario().record(into: store)
        return store
    }

    private func render(
        _ store: any EventStore, _ name: ReportName, _ format: ReportFormat, scope: ReplayScope = .everything
    ) async throws -> String {
        let reports = try await AnalyticsReports.replay(store, scope: scope, options: Self.options)
        return try ReportOutput.render(
            ReportDocument(name: name, reports: reports, organisation: nil), as: format, organisation: nil)
    }

    /// A copy of `store` (every envelope field kept) in which the answer at the first answer position has
    /// another current level.
    static func editedCopy(of store: any EventStore) async throws -> (InMemoryEventStore, Int64) {
        let copy = InMemoryEventStore()
        var edited: Int64 = 0
        for try await recorded in store.events(from: 1, pageSize: 4096) {
            var payload = recorded.payload
            if edited == 0, case .surveyAnswerRecorded(var answer)? = try recorded.decoded() {
                answer.current = answer.current == 5 ? 4 : answer.current + 1
                payload = try CompetenceEvent.codec.encode(answer, as: recorded.payload.encoding)
                edited = recorded.position
            }
            _ = try await copy.append(
                [
                    NewEvent(
                        id: recorded.id, type: recorded.type, schemaVersion: recorded.schemaVersion,
                        occurredAt: recorded.occurredAt, metadata: recorded.metadata, payload: payload,
                        recordedAt: recorded.recordedAt)
                ], to: recorded.stream, expecting: .any)
        }
        return (copy, edited)
    }

    @Test(arguments: [ReportFormat.table, .json, .html])
    func aReportMatchesItsStore(_ format: ReportFormat) async throws {
        let store = try await demoStore()
        let text = try await render(store, .matrix, format)
        #expect(text.contains(ReportStamp.marker) || text.contains("\"stamp\""))
        #expect(try await ReportVerifier(store: store).verify(text) == .matches)
        let scoped = try await render(store, .plans, format, scope: .asOf(CalendarDate("2024-06-30")!))
        #expect(try await ReportVerifier(store: store).verify(scoped) == .matches)
    }

    @Test func anEditedEventIsNamedWithItsPosition() async throws {
        let store = try await demoStore()
        let text = try await render(store, .matrix, .json)
        let (copy, position) = try await Self.editedCopy(of: store)
        #expect(position > 0)
        #expect(
            try await ReportVerifier(store: copy).verify(text) == .eventsChanged(count: 1, firstPosition: position))
    }

    @Test func aChangedOptionOrFigureIsDetected() async throws {
        let store = try await demoStore()
        let text = try await render(store, .matrix, .table)
        // The minimum group changed in the stamp and the footer: the figures do not follow from it.
        let option =
            text
            .replacingOccurrences(of: "\"minimum_group_size\":5", with: "\"minimum_group_size\":2")
            .replacingOccurrences(of: "minimum group 5", with: "minimum group 2")
        #expect(option != text)
        #expect(try await ReportVerifier(store: store).verify(option) == .figuresDiffer)
        // One figure changed.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.hasPrefix("konepaja ") })
        var edited = lines
        edited[index] = Substring(lines[index].replacingOccurrences(of: "2.222", with: "2.333"))
        #expect(edited[index] != lines[index])
        #expect(try await ReportVerifier(store: store).verify(edited.joined(separator: "\n")) == .figuresDiffer)
    }

    @Test func aStoreThatMovedOnSaysSo() async throws {
        let store = try await demoStore()
        let text = try await render(store, .matrix, .html)
        let head = try await store.headPosition()
        let ledger = CompetenceLedger(store: store, clock: DemoScenario.clock)
        try await ledger.erase(.organisation("konepaja"), on: DemoScenario.recordingDay)
        #expect(try await ReportVerifier(store: store).verify(text) == .storeMovedOn(position: head))
    }

    @Test func aFileWithoutAStampIsRefused() async throws {
        let store = try await demoStore()
        let csv = try await render(store, .matrix, .csv)
        await #expect(throws: ReportVerifier.Unverifiable.self) { try await ReportVerifier(store: store).verify(csv) }
    }
}
