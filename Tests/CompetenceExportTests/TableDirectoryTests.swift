import CompetenceCore
import CompetenceOutput
import Foundation
import TestSupport
import Testing

@testable import CompetenceExport

/// The directory `export --tables` writes into: created when absent, refused when not empty or not a directory
/// or inside a store, files created new with mode 0600, nothing left behind after an error.
@Suite("Tidy tables: the directory")
struct TableDirectoryTests {
    @Test("an absent directory is created (0700) and its files are 0600; a second writer refuses it")
    func createsAndRefuses() throws {
        let temporary = try TemporaryDirectory("tables")
        let path = temporary.path("out/")
        let directory = try TableDirectory(path: path, guarding: .none)
        try directory.write("answers.csv", Data("a\n".utf8))
        #expect(try mode(temporary.path("out")) == 0o700)
        #expect(try mode(temporary.path("out/answers.csv")) == 0o600)
        #expect(throws: ExportError.directoryNotEmpty(path: temporary.path("out"), entries: ["answers.csv"])) {
            try TableDirectory(path: temporary.path("out"), guarding: .none)
        }
    }

    @Test("a file, a dangling link, a path inside a store and a missing parent are refused; nothing is created")
    func hostilePaths() throws {
        let temporary = try TemporaryDirectory("tables")
        try Data("x".utf8).write(to: temporary.url.appendingPathComponent("file"))
        #expect(throws: ExportError.notADirectory(path: temporary.path("file"))) {
            try TableDirectory(path: temporary.path("file"), guarding: .none)
        }
        try FileManager.default.createSymbolicLink(
            atPath: temporary.path("dangling"), withDestinationPath: temporary.path("nowhere"))
        #expect(throws: ExportError.notADirectory(path: temporary.path("dangling"))) {
            try TableDirectory(path: temporary.path("dangling"), guarding: .none)
        }
        #expect(!FileManager.default.fileExists(atPath: temporary.path("nowhere")))
        try FileManager.default.createDirectory(
            atPath: temporary.path("ledger.store"), withIntermediateDirectories: false)
        let guarding = OutputGuard(protectedDirectories: [temporary.path("ledger.store")]) { _ in false }
        #expect(throws: OutputError.self) {
            try TableDirectory(path: temporary.path("ledger.store/tables"), guarding: guarding)
        }
        #expect(throws: OutputError.self) {
            try TableDirectory(path: temporary.path("ledger.store/../ledger.store"), guarding: guarding)
        }
        #expect(throws: (any Error).self) {
            try TableDirectory(path: temporary.path("missing/parent/tables"), guarding: .none)
        }
        #expect(!FileManager.default.fileExists(atPath: temporary.path("ledger.store/tables")))
        #expect(!FileManager.default.fileExists(atPath: temporary.path("missing")))
    }

    @Test("a link planted in the directory after the check is not followed; discard removes only its own files")
    func plantedLinkAndDiscard() throws {
        let temporary = try TemporaryDirectory("tables")
        let directory = try TableDirectory(path: temporary.path("out"), guarding: .none)
        try directory.write("persons.csv", Data("p\n".utf8))
        try Data("keep".utf8).write(to: temporary.url.appendingPathComponent("victim"))
        try FileManager.default.createSymbolicLink(
            atPath: temporary.path("out/answers.csv"), withDestinationPath: temporary.path("victim"))
        #expect(throws: ExportError.self) { try directory.write("answers.csv", Data("overwritten".utf8)) }
        #expect(try String(contentsOfFile: temporary.path("victim"), encoding: .utf8) == "keep")
        directory.discard()
        #expect(!FileManager.default.fileExists(atPath: temporary.path("out/persons.csv")))
        #expect(FileManager.default.fileExists(atPath: temporary.path("out/answers.csv")), "not its own: kept")
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? 0) & 0o777
    }
}
