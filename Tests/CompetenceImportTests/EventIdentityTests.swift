import Foundation
import Testing

@testable import CompetenceImport

/// An imported event's id is a contract with every store written before: the same file imported again must
/// get the same ids, or the repeat is not recognised and the answers are recorded twice. The ids below were
/// computed outside Swift (Python's `hashlib` over the documented text, the version and variant bits set).
@Suite("Import: the ids of imported events")
struct EventIdentityTests {
    private let contentHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    @Test func anImportWithoutParametersKeepsTheFirstVersionsIDs() {
        let identity = EventIdentity(contentHash: contentHash, kind: "survey")
        // SHA-256 of "competence-import|HASH|survey|7|answer:excel".
        #expect(identity.id(row: 7, item: "answer:excel") == UUID(uuidString: "D45C53AE-79A7-86CF-B86C-868669FD94E4"))
    }

    @Test func anImportWithParametersHashesTheirCanonicalText() {
        let parameters = ImportParameters(["round": "r1", "kind": "baseline"])
        #expect(parameters.canonical == "4:kind=8:baseline;5:round=2:r1")
        let identity = EventIdentity(contentHash: contentHash, kind: "survey", parameters: parameters)
        // SHA-256 of "competence-import-2|HASH|survey|4:kind=8:baseline;5:round=2:r1|7|answer:excel".
        #expect(identity.id(row: 7, item: "answer:excel") == UUID(uuidString: "8525E39B-7A6D-8E30-A945-F03A4462F5C9"))
        #expect(identity.correlationID == UUID(uuidString: "BCF785D3-7FE0-80DC-943B-A29DCF61E642"))
        #expect(
            identity.legacy.id(row: 7, item: "answer:excel") == UUID(uuidString: "D45C53AE-79A7-86CF-B86C-868669FD94E4")
        )
    }

    @Test func everyRowAndItemHasItsOwnID() {
        let identity = EventIdentity(contentHash: contentHash, kind: "survey")
        let ids = Set((1...200).flatMap { row in ["a", "b", "1|2"].map { identity.id(row: row, item: $0) } })
        #expect(ids.count == 600)
        // Asking twice gives the same id (the shared prefix hash is copied, never advanced).
        #expect(identity.id(row: 3, item: "a") == identity.id(row: 3, item: "a"))
    }
}
