import CompetenceCore
import CompetenceImport
import FileStore
import Foundation
import TestSupport
import Testing

extension AdversarialTests {
    /// An import's identity: the file's content and every parameter that changes what is recorded.
    @Suite("import identity")
    struct ImportIdentity {
        private func workspace() async throws -> (TemporaryDirectory, InMemoryEventStore, CSVImporter) {
            let directory = try TemporaryDirectory("competence-adversarial")
            try ProgrammeFiles.write(into: directory)
            let store = InMemoryEventStore()
            let importer = CSVImporter(store: store, recordedBy: "analyst")
            _ = try await importer.run(OrganisationsImport(), file: directory.path("organisations.csv"))
            _ = try await importer.run(CompetenceDefinitionsImport(), file: directory.path("competences.csv"))
            return (directory, store, importer)
        }

        @Test("the same survey file for a second round records that round; the same round again adds nothing")
        func secondRound() async throws {
            let (directory, store, importer) = try await workspace()
            let file = directory.path("baseline.csv")
            let first = try await importer.run(
                SurveyImport(round: "r1", roundKind: .baseline, mapping: nil), file: file)
            #expect(!first.alreadyImported)
            let afterFirst = try await store.headPosition()
            let second = try await importer.run(
                SurveyImport(round: "r2", roundKind: .followUp, mapping: nil), file: file)
            #expect(!second.alreadyImported && second.events == 5, "the round's opening and 4 answers")
            let state = try await CompetenceLedger(store: store).state()
            #expect(state.answers.filter { $0.event.round == "r2" }.count == 4)
            let head = try await store.headPosition()
            #expect(head == afterFirst + 5)
            let repeated = try await importer.run(
                SurveyImport(round: "r2", roundKind: .followUp, mapping: nil), file: file)
            #expect(repeated.alreadyImported)
            #expect(try await store.headPosition() == head, "a repeat appends nothing")
            withExtendedLifetime(directory) {}
        }

        @Test("another mapping is another import; the same mapping again adds nothing")
        func mappingContent() async throws {
            let (directory, store, importer) = try await workspace()
            let mapping = try WideSurveyMapping.load(path: directory.path("wide-mapping.json"))
            let file = directory.path("wide.csv")
            _ = try await importer.run(SurveyImport(round: "w", roundKind: .baseline, mapping: mapping), file: file)
            let head = try await store.headPosition()
            let again = try await importer.run(
                SurveyImport(round: "w", roundKind: .baseline, mapping: mapping), file: file)
            #expect(again.alreadyImported)
            #expect(try await store.headPosition() == head)
            // The same columns read through a mapping whose levels differ: a different import. It records: with
            // `--on-duplicate refuse` the ledger refuses it (the same persons already answered these questions in
            // round w); by default its answers supersede the earlier ones.
            let text = try directory.read("wide-mapping.json").replacingOccurrences(
                of: "\"2 perusteet\": 2", with: "\"2 perusteet\": 3")
            try directory.write("other-mapping.json", text)
            let other = try WideSurveyMapping.load(path: directory.path("other-mapping.json"))
            #expect(other.contentHash != mapping.contentHash)
            await #expect(throws: ImportRowError.self) {
                try await importer.run(
                    SurveyImport(round: "w", roundKind: .baseline, format: .mapping(other), duplicates: .refuse),
                    file: file)
            }
            #expect(try await store.headPosition() == head)
            let superseding = try await importer.run(
                SurveyImport(round: "w", roundKind: .baseline, mapping: other), file: file)
            #expect(!superseding.alreadyImported)
            #expect(superseding.superseded > 0 && superseding.superseded == superseding.events)
            withExtendedLifetime(directory) {}
        }

        @Test("a survey imported by an earlier version (ids from the file alone) is recognised in its own round")
        func legacyIdentity() async throws {
            let (directory, store, importer) = try await workspace()
            let file = directory.path("baseline.csv")
            _ = try await importer.run(
                EarlierSurveyImport(wrapped: SurveyImport(round: "r1", roundKind: .baseline, mapping: nil)), file: file)
            let head = try await store.headPosition()
            let repeated = try await importer.run(
                SurveyImport(round: "r1", roundKind: .baseline, mapping: nil), file: file)
            #expect(repeated.alreadyImported)
            #expect(try await store.headPosition() == head, "nothing appended")
            // The same file for another round is a new import.
            let next = try await importer.run(SurveyImport(round: "r2", roundKind: .followUp, mapping: nil), file: file)
            #expect(!next.alreadyImported)
            #expect(try await store.headPosition() == head + 5)
            withExtendedLifetime(directory) {}
        }

        @Test("the identity's text is unambiguous: a value holding the separators is not another pair of values")
        func unambiguous() {
            let a = ImportParameters(["round": "r1;4:kind=8:baseline"])
            let b = ImportParameters(["round": "r1", "kind": "baseline"])
            #expect(a.canonical != b.canonical)
            #expect(
                ImportParameters(["b": "2", "a": "1"]).canonical == ImportParameters(["a": "1", "b": "2"]).canonical)
        }
    }
}

/// A survey import as an earlier version ran it: the same events, ids derived without the parameters.
private struct EarlierSurveyImport: CSVImportKind {
    let wrapped: SurveyImport
    var kind: String { wrapped.kind }
    var requiredColumns: [String] { wrapped.requiredColumns }
    var parameters: ImportParameters { ImportParameters() }

    func build(from table: CSVTable, state: LedgerState, into batch: inout ImportBatch, progress: (Int) -> Void) throws
    {
        try wrapped.build(from: table, state: state, into: &batch, progress: progress)
    }
}
