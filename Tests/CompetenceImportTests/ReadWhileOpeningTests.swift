import CompetenceCore
import Foundation
import Testing

@testable import CompetenceImport

/// ``CSVTable/read(_:sheet:whileOpening:)``: the file read while the store opens gives the same import as a file
/// read by the importer, and an error opening the store comes before any error in the file.
@Suite("An import file read while its store opens")
struct ReadWhileOpeningTests {
    struct StoreLocked: Error {}

    @Test func theSameFileGivesTheSameImport() async throws {
        let read = try ImportWorkspace()
        try await read.importReferenceData()
        let (store, table) = try await CSVTable.read(read.path("baseline.csv")) { read.store }
        #expect(store === read.store)
        let outcome = try await read.importer.run(ImportWorkspace.baseline, table: table)

        let byFile = try ImportWorkspace()
        try await byFile.importReferenceData()
        let expected = try await byFile.run(ImportWorkspace.baseline, "baseline.csv")

        #expect(outcome.events == expected.events && outcome.rows == expected.rows)
        #expect(outcome.file == read.path("baseline.csv"))
        #expect(try await read.typed() == byFile.typed())
        // The same file again is recognised as imported, whichever way it was read.
        let again = try await read.run(ImportWorkspace.baseline, "baseline.csv")
        #expect(again.alreadyImported)
    }

    @Test func aStoreThatDoesNotOpenIsReportedBeforeTheFile() async throws {
        let workspace = try ImportWorkspace()
        await #expect(throws: StoreLocked.self) {
            _ = try await CSVTable.read(workspace.path("missing.csv")) { () throws -> InMemoryEventStore in
                throw StoreLocked()
            }
        }
        // With the store open, the file's own error.
        await #expect(throws: ImportFileError.self) {
            _ = try await CSVTable.read(workspace.path("missing.csv")) { workspace.store }
        }
    }
}
