import CompetenceCore
import Foundation

/// `competence verify-report`: checks a rendered report against the store it claims to come from.
///
/// 1. The report's stamp names one digest per event up to its history head: the store's events are read up
///    to that position and compared one by one; any difference is an edited, removed or reordered event.
/// 2. The report is then computed again from the store, in the stamp's scope and with its options, up to its
///    head, and rendered in its format: any byte that differs (a figure, an option, the provenance) means the
///    report is not what its stated scope and options give.
/// 3. Otherwise it matches; if the store has events after the head, it has moved on since.
package struct ReportVerifier: Sendable {
    package let store: any EventStore

    package init(store: any EventStore) { self.store = store }

    /// What the check found.
    package enum Verdict: Hashable, Sendable, CustomStringConvertible {
        /// The store gives exactly this report, and it is at the store's head.
        case matches
        /// Events the report used (or read) changed: `count` of them, the first at `firstPosition`.
        case eventsChanged(count: Int, firstPosition: Int64)
        /// The events are as they were, but the report is not what its scope and options give.
        case figuresDiffer
        /// The report matches the store as it was at `position`, which still verifies; events came since.
        case storeMovedOn(position: Int64)

        package var isMatch: Bool {
            switch self {
            case .matches, .storeMovedOn: true
            case .eventsChanged, .figuresDiffer: false
            }
        }

        package var description: String {
            switch self {
            case .matches: "matches"
            case .eventsChanged(let count, let position):
                "differs: \(count) event\(count == 1 ? "" : "s") changed, first at position \(position)"
            case .figuresDiffer:
                "differs: the report is not what the store gives for its stated scope and options "
                    + "(a figure, an option or its provenance was changed)"
            case .storeMovedOn(let position):
                "store has moved on: report is of position \(position), which still verifies"
            }
        }
    }

    /// Why a report cannot be checked.
    package struct Unverifiable: Error, CustomStringConvertible {
        package var description: String

        package init(description: String) { self.description = description }
    }

    /// Checks `text`, the content of a report file; `sidecar` is the content of the `FILE.stamp` written beside
    /// a CSV report (``ReportOutput/sidecar(_:as:organisation:)``), which carries its stamp.
    package func verify(_ text: String, sidecar: String? = nil) async throws -> Verdict {
        guard let stamp = ReportStamp.find(in: sidecar ?? text) else {
            throw Unverifiable(
                description: "no competence-report-stamp found: table, JSON and HTML reports carry one, a CSV report "
                    + "written with --output FILE has it in FILE.stamp beside it")
        }
        guard let scope = stamp.replayScope, let options = stamp.options, let digests = stamp.digests,
            let name = ReportName(rawValue: stamp.report), let format = ReportFormat(rawValue: stamp.format),
            digests.count == Int(stamp.headPosition)
        else { throw Unverifiable(description: "the report's stamp is malformed") }

        // 1. The events, one by one, up to the report's head.
        var changed: [Int64] = []
        var position: Int64 = 0
        if stamp.headPosition > 0 {
            for try await event in store.events(from: 1, pageSize: 4096) {
                position = event.position
                if position > stamp.headPosition { break }
                if ReportProvenance.digest(event) != digests[Int(position) - 1] { changed.append(position) }
            }
        }
        let read = min(position, stamp.headPosition)
        if read < stamp.headPosition { changed += Array((read + 1)...stamp.headPosition) }
        if let first = changed.first { return .eventsChanged(count: changed.count, firstPosition: first) }

        // 2. The report again, from the store, in its scope and with its options, up to its head — from the whole
        // log, never from the ledger's snapshot: a report made from a snapshot tampered with (its checksums made
        // again) must not be confirmed by the same snapshot.
        let reports = try await AnalyticsReports.replay(
            store, scope: scope, options: options, through: stamp.headPosition, startingFromSnapshot: false)
        var document = try ReportDocument(
            name: name, reports: reports, organisation: stamp.organisation, drawingCharts: format == .html)
        guard let audience = ReportAudience(rawValue: stamp.audience) else {
            throw Unverifiable(description: "the report's stamp names no known audience")
        }
        document.audience = audience
        let again = try ReportOutput.render(document, as: format, organisation: stamp.organisation)
        guard Self.normalised(again) == Self.normalised(text) else { return .figuresDiffer }
        if let sidecar {
            let sidecarAgain = try ReportOutput.sidecar(document, as: format, organisation: stamp.organisation) ?? ""
            guard Self.normalised(sidecarAgain) == Self.normalised(sidecar) else { return .figuresDiffer }
        }

        // 3. At the head, or moved on.
        let head = try await store.headPosition()
        return head > stamp.headPosition ? .storeMovedOn(position: stamp.headPosition) : .matches
    }

    /// Line ends and a final newline do not count.
    private static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").trimming(.newlines)
    }
}
