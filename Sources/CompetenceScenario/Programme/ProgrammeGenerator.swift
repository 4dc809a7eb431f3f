import CompetenceCore
import CompetenceImport
import Foundation

/// Writes a generated programme (``ProgrammeFiles``) into a store quickly: each file becomes exactly the
/// events its import would record (``ImportProposal``: the importers' own events, ids, metadata and JSON
/// payloads, grouped into streams as the ledger groups them), appended directly, without the ledger's
/// validation and without replaying the log before each file.
///
/// The files are valid by construction; `ProgrammeGeneratorTests` checks that a small programme written
/// this way is, event for event, the history that importing its files through `CSVImporter` records.
package struct ProgrammeGenerator: Sendable {
    /// The programme's files.
    package let files: ProgrammeFiles
    /// Who records (each event's metadata), as `--recorded-by` would say.
    package let recordedBy: String
    /// The payload encoding: JSON, as the imports write; compact to measure the same history in that form.
    package let encoding: PayloadEncoding
    /// The ledger's clock: `occurredAt` of the definitions without a day.
    package static let clock = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    /// What writing did.
    package struct Summary: Hashable, Sendable {
        /// Files written.
        package var files: Int
        /// Events appended.
        package var events: Int
        /// The store's last position afterwards.
        package var lastPosition: Int64
    }

    /// A generator of `files`.
    package init(files: ProgrammeFiles, recordedBy: String = "analyst", encoding: PayloadEncoding = .json) {
        self.files = files
        self.recordedBy = recordedBy
        self.encoding = encoding
    }

    /// The import of each file kind.
    package static func importKind(_ kind: ProgrammeFiles.File.Kind) -> any CSVImportKind {
        switch kind {
        case .organisations: OrganisationsImport()
        case .competences: CompetenceDefinitionsImport()
        case .trainings: TrainingsImport()
        case .participation: ParticipationImport()
        case .survey(let round, let kind): SurveyImport(round: round, roundKind: kind, mapping: nil)
        }
    }

    /// Appends the events of `entries` (every file when `nil`) to `store`, which holds exactly the events of
    /// the files before them (or none); calls `progress` after each file with the files done and in all.
    ///
    /// Each file is one batch append (of up to ~100,000 events), and the next file's events are built and
    /// encoded (on every core) while the store writes the file before: the same events, appended in the same
    /// order, as building and appending one file after the other.
    @discardableResult
    package func write(
        into store: any EventStore, entries: [ProgrammeFiles.Entry]? = nil,
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        let entries = entries ?? files.entries
        var known = KnownDefinitions()
        var versions: [StreamName: Int64] = [:]
        var summary = Summary(files: 0, events: 0, lastPosition: try await store.headPosition())
        if summary.lastPosition > 0 { try await known.catchUp(store) }
        var writing: Task<[AppendResult], any Error>?
        defer { writing?.cancel() }
        func finish(_ writing: Task<[AppendResult], any Error>) async throws {
            for result in try await writing.value {
                if let last = result.events.last { versions[result.stream] = last.version }
                summary.lastPosition = max(summary.lastPosition, result.positions.max() ?? 0)
            }
            summary.files += 1
            progress(summary.files, entries.count)
        }
        for entry in entries {
            let file = files.file(entry)
            // Built against the definitions of every file before it (noted as soon as they were built).
            let proposal = try ImportProposal(
                Self.importKind(file.kind), data: file.contents, file: file.name, state: known.state,
                recordedBy: recordedBy, encoding: encoding, now: Self.clock)
            known.note(proposal.events)
            if let previous = writing {
                writing = nil
                try await finish(previous)
            }
            var appends = proposal.appends(expecting: versions)
            for index in appends.indices where versions[appends[index].stream] == nil {
                // A stream not written in this run may exist from an earlier one.
                let current = try await store.currentVersion(of: appends[index].stream)
                appends[index].expectedVersion = .exact(current)
            }
            let batch = appends
            writing = Task { try await store.append(batch) }
            summary.events += proposal.events.count
        }
        if let last = writing {
            writing = nil
            try await finish(last)
        }
        return summary
    }
}

/// The part of the ledger's state the import kinds read while building (rounds and persons), kept without
/// folding every answer.
struct KnownDefinitions {
    private(set) var state = LedgerState()
    private var position: Int64 = 0

    /// Folds the rounds and persons of events just appended.
    mutating func note(_ events: [any LedgerEvent]) {
        for event in events where event is SurveyRoundOpened || event is PersonRegistered {
            guard let typed = CompetenceEvent(event) else { continue }
            position += 1
            let recorded = RecordedEvent(
                id: UUID(), stream: event.stream, version: 0, position: position, type: type(of: event).eventType,
                schemaVersion: type(of: event).schemaVersion, occurredAt: ProgrammeGenerator.clock,
                recordedAt: ProgrammeGenerator.clock, metadata: .none, payload: .json(Data()))
            LedgerModel(hashingUsedEvents: false).apply(typed, recorded: recorded, to: &state)
        }
    }

    /// Folds the rounds and persons already in `store`.
    mutating func catchUp(_ store: any EventStore) async throws {
        let filter = EventFilter.types(SurveyRoundOpened.eventType, PersonRegistered.eventType)
        for try await recorded in store.events(filter: filter) {
            guard let event = try recorded.decoded() else { continue }
            LedgerModel(hashingUsedEvents: false).apply(event, recorded: recorded, to: &state)
            position = max(position, recorded.position)
        }
    }
}
