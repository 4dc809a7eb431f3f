import CompetenceCore
import CompetenceImport
import CompetenceReports
import CompetenceScenario
import FileStore
import Foundation

/// The real paths on a realistic programme (``ProgrammeFiles``: organisations, competences, survey rounds,
/// trainings and participation, recorded as the importers record them, JSON payloads): what an analyst
/// runs, next to the trivial fold of `replay-1m`. Each case says its peak memory: the peak resident set of
/// the process from the start of the case (earlier cases' memory handed back first), as
/// `competence report …` or `competence import …` would have it on its own.
///
/// - `programme-import-empty`: `import survey` of 100,000 rows (2,000 new persons × 50 competences) into a
///   store holding only the programme's organisations and competences; opening the store included.
/// - `programme-import-full`: the same file into a copy of the whole programme's store, whose snapshot is at
///   its head: the import catches up from it and, having grown the history by less than
///   ``CompetenceLedger/defaultCheckpointGrowth``, leaves it (as most imports into a long history do).
/// - `programme-import-full-saving`: the same, by an import that also saves the new snapshot (as the import that
///   reaches the growth does, once per 5 % of the history). Each import case says whether it saved
///   (`snapshot_saved`).
/// - `programme-replay`: `competence replay`: opening the store and the ledger fold (``LedgerModel``) of the
///   whole programme; `programme-replay-compact`: the same history stored with compact payloads.
/// - `programme-report-matrix`, `programme-report-effect`: `competence report matrix|effect --format csv`,
///   from opening the store to the rendered CSV: as the command does by default, starting from the ledger's
///   snapshot the last import left (`started_from_snapshot` 1) and reading only the events after it;
///   `programme-report-effect-full`: the same with `--full-replay`, reading the whole log.
enum ProgrammeBench {
    static let importRows = 100_000

    static func cases(events: Int, directory: String) -> [BenchCase] {
        let scratch = ProgrammeScratch(base: directory, events: events)
        return [
            BenchCase(name: "programme-import-empty") {
                let path = try await scratch.definitionsOnly()
                defer { scratch.remove(path) }
                return try await importSurvey(scratch: scratch, into: path)
            },
            BenchCase(name: "programme-import-full") {
                let path = try await scratch.programmeCopy()
                defer { scratch.remove(path) }
                return try await importSurvey(scratch: scratch, into: path)
            },
            BenchCase(name: "programme-import-full-saving") {
                let path = try await scratch.programmeCopy()
                defer { scratch.remove(path) }
                return try await importSurvey(scratch: scratch, into: path, checkpointGrowth: 0)
            },
            BenchCase(name: "programme-replay") {
                try await replay(path: try await scratch.programme())
            },
            BenchCase(name: "programme-replay-compact") {
                try await replay(path: try await scratch.programme(.compact))
            },
            BenchCase(name: "programme-report-matrix") {
                try await report(.matrix, path: try await scratch.programme())
            },
            BenchCase(name: "programme-report-effect") {
                try await report(.effect, path: try await scratch.programme())
            },
            BenchCase(name: "programme-report-effect-full") {
                try await report(.effect, path: try await scratch.programme(), startingFromSnapshot: false)
            },
        ]
    }

    /// `competence replay` on the store at `path`: opening it, then the ledger fold.
    private static func replay(path: String) async throws -> BenchMeasurement {
        var opening = 0.0
        var measurement = try await measuringMemory {
            let (store, seconds) = try await measure {
                try FileEventStore(directory: path, options: FileStoreOptions(access: .readOnly))
            }
            opening = seconds
            // As `competence replay` folds: no provenance shown, so no used-events hash (the report cases make it).
            return try await ProjectionRunner(store: store).replay(LedgerModel(hashingUsedEvents: false)).eventsRead
        }
        measurement.extra["open_seconds"] = opening
        return measurement
    }

    /// Imports the newcomers' survey into the store at `path`, as `competence import survey` does (with
    /// `checkpointGrowth` for the ledger's snapshot).
    private static func importSurvey(
        scratch: ProgrammeScratch, into path: String,
        checkpointGrowth: Double = CompetenceLedger.defaultCheckpointGrowth
    ) async throws -> BenchMeasurement {
        let file = try scratch.importFile(rows: importRows)
        var rows = 0
        let snapshotBefore = snapshotFile(in: path)
        var measurement = try await measuringMemory {
            let store = try FileEventStore(directory: path)
            let importer = CSVImporter(store: store, recordedBy: "bench", checkpointGrowth: checkpointGrowth)
            let outcome = try await importer.run(
                SurveyImport(round: ProgrammeFiles.newcomersRound, roundKind: .baseline, mapping: nil), file: file)
            rows = outcome.rows
            return outcome.events
        }
        measurement.extra["rows"] = Double(rows)
        measurement.extra["store_events_before"] = Double(try await storeEvents(path) - measurement.events)
        measurement.extra["snapshot_saved"] = snapshotFile(in: path) != snapshotBefore ? 1 : 0
        return measurement
    }

    /// The inode of the ledger's snapshot file in the file store at `path` (a save renames a new file over it),
    /// `nil` when there is none.
    private static func snapshotFile(in path: String) -> Int? {
        let file = path + "/checkpoint-" + CompetenceLedger.checkpointName
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        return (attributes?[.systemFileNumber] as? NSNumber)?.intValue
    }

    /// `competence report NAME --format csv --output FILE` on the store at `path`, as the command does it: the
    /// store and the replayed state end, and their freed pages are given back, before the report is rendered with
    /// its stamp (`FILE.stamp`).
    private static func report(
        _ name: ReportName, path: String, startingFromSnapshot: Bool = true
    ) async throws -> BenchMeasurement {
        var bytes = 0
        var stampBytes = 0
        var fromSnapshot = false
        var measurement = try await measuringMemory {
            let reports = try await replayed(path, startingFromSnapshot: startingFromSnapshot)
            if case .snapshot = reports.startedFrom { fromSnapshot = true }
            let document = try ReportDocument(name: name, reports: reports, organisation: nil, drawingCharts: false)
            FreedMemory.giveBack()
            let (csv, sidecar) = try ReportOutput.renderWithSidecar(document, as: .csv, organisation: nil)
            let stamp = sidecar ?? ""
            bytes = csv.utf8.count
            stampBytes = stamp.utf8.count
            return document.provenance.eventCount
        }
        measurement.extra["csv_bytes"] = Double(bytes)
        measurement.extra["stamp_bytes"] = Double(stampBytes)
        measurement.extra["started_from_snapshot"] = fromSnapshot ? 1 : 0
        return measurement
    }

    /// The store at `path` replayed for reports (from the ledger's snapshot when `startingFromSnapshot` and it
    /// can be used); the store ends with this call.
    private static func replayed(_ path: String, startingFromSnapshot: Bool) async throws -> AnalyticsReports {
        let store = try FileEventStore(directory: path, options: FileStoreOptions(access: .readOnly))
        let options = try AnalyticsOptions(today: CalendarDate(year: 2025, month: 12, day: 31)!)
        return try await AnalyticsReports.replay(store, options: options, startingFromSnapshot: startingFromSnapshot)
    }

    private static func storeEvents(_ path: String) async throws -> Int {
        Int(try await FileEventStore(directory: path, options: FileStoreOptions(access: .readOnly)).headPosition())
    }

    /// Times `body` (which returns the events it processed) and notes the process's peak memory during it.
    private static func measuringMemory(_ body: () async throws -> Int) async throws -> BenchMeasurement {
        // A case's resident set starts from what is live, not from what earlier cases left behind.
        FreedMemory.giveBack()
        let before = residentBytes()
        resetPeakResident()
        let (events, seconds) = try await measure(body)
        let peak = peakResidentBytes()
        return BenchMeasurement(
            events: events, seconds: seconds,
            extra: ["case_peak_rss_bytes": Double(peak), "rss_growth_bytes": Double(max(0, peak - before))])
    }
}
