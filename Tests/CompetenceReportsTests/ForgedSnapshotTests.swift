import CompetenceScenario
import Foundation
import Testing

@testable import CompetenceCore
@testable import CompetenceReports

/// A report starts from the ledger's snapshot, which only checksums protect: whoever can write the store's
/// directory can forge one that passes every check (its key and digests copied from the real one, its state from
/// another history). `verify-report` reads the whole log, so such a report does not verify.
@Suite("A report from a forged snapshot does not verify")
struct ForgedSnapshotTests {
    private static let options = { try! AnalyticsOptions(today: DemoScenario.recordingDay, minimumGroupSize: 1) }()

    /// The ledger's snapshot of `store`, saved into it, restored.
    private func snapshot(of store: InMemoryEventStore) async throws -> (RecorderState, SnapshotHeader) {
        try #require(try await CompetenceLedger(store: store, checkpoints: store).saveSnapshot() != nil)
        let blob = try #require(try await store.loadCheckpoint(named: CompetenceLedger.checkpointName))
        return try RecorderState.restore(from: blob)
    }

    private func render(_ reports: AnalyticsReports) throws -> String {
        try ReportOutput.render(
            ReportDocument(name: .matrix, reports: reports, organisation: nil), as: .json, organisation: nil)
    }

    @Test func aForgedSnapshotChangesTheReportAndVerificationSaysSo() async throws {
        let store = InMemoryEventStore(clock: DemoScenario.clock)
        try await DemoScenario().record(into: store)
        let (real, header) = try await snapshot(of: store)
        // Another history: one answer's level changed, every id, position and time kept.
        let (other, edited) = try await ReportVerifierTests.editedCopy(of: store)
        #expect(edited > 0)
        var (forged, _) = try await snapshot(of: other)
        // The forgery: the other history's state, under this store's key and with its event digests.
        forged.eventDigests = real.eventDigests
        try await store.saveCheckpoint(
            forged.snapshot(eventID: header.eventID, headHash: header.headHash, fingerprint: header.fingerprint),
            named: CompetenceLedger.checkpointName)

        let fromSnapshot = try await AnalyticsReports.replay(store, options: Self.options)
        #expect(fromSnapshot.startedFrom == .snapshot(position: header.position))
        let fromLog = try await AnalyticsReports.replay(store, options: Self.options, startingFromSnapshot: false)
        // The provenance cannot tell: the forgery copied the key and the digests.
        #expect(fromSnapshot.provenance.head == fromLog.provenance.head)
        #expect(fromSnapshot.provenance.eventDigests == fromLog.provenance.eventDigests)
        // The figures can.
        #expect(fromSnapshot.matrix != fromLog.matrix)

        let text = try render(fromSnapshot)
        #expect(try await ReportVerifier(store: store).verify(text) == .figuresDiffer)
        #expect(try await ReportVerifier(store: store).verify(try render(fromLog)) == .matches)
    }
}
