import CompetenceCore
import Foundation
import Testing

/// The README's embedding example: compiled here against the public API only (no `@testable`), run, and
/// kept identical to the README's text.
@Suite("README embedding example")
struct ReadmeExampleTests {
    @Test func itRunsAndGivesTheLevelItRecorded() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let levels = try await embeddingExample(directory: directory)
        let level = try #require(levels.persons[.init(person: "p-7f3a", competence: "excel")])
        #expect(level.current == 2 && level.target == 4 && level.gap == 2)
        #expect(levels.organisations[.init(organisation: "acme", competence: "excel")]?.respondents == 1)
    }

    @Test func theReadmeShowsThisCode() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let source = try String(contentsOf: tests.appendingPathComponent("ReadmeExample.swift"), encoding: .utf8)
        let readme = try String(
            contentsOf: tests.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "README.md"),
            encoding: .utf8)
        let block = try #require(
            readme.components(separatedBy: "```swift\n").dropFirst().first?.components(separatedBy: "```").first)
        #expect(block == source, "README.md's swift block must be Tests/EmbeddingTests/ReadmeExample.swift, verbatim")
    }
}
