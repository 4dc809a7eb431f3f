import CompetenceOutput
import Foundation
import TestSupport
import Testing

/// Results written to a file appear whole or not at all.
@Suite("Output targets")
struct OutputTargetTests {
    @Test("a file is written whole, replacing what was there, with no temporary file left beside it")
    func wholeFile() throws {
        let directory = try TemporaryDirectory("competence-output")
        let path = directory.path("report.csv")
        try directory.write("report.csv", "old content that is longer than the new one\n")
        try OutputTarget(path: path).write("a,b\n1,2\n")
        #expect(try directory.read("report.csv") == "a,b\n1,2\n")
        #expect(try directory.contents() == ["report.csv"])
    }

    @Test("a writer fed in pieces (more than its buffer) shows nothing until it finishes")
    func pieces() throws {
        let directory = try TemporaryDirectory("competence-output")
        let path = directory.path("history.ndjson")
        let writer = try OutputTarget(path: path).open()
        let line = Data((String(repeating: "x", count: 1023) + "\n").utf8)
        for _ in 0..<3000 { try writer.write(line) }
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.finish()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count == 3000 * 1024)
        #expect(try directory.contents() == ["history.ndjson"])
    }

    @Test("a writer abandoned after an error leaves neither the file nor a partial one, and keeps an old file")
    func abandoned() throws {
        let directory = try TemporaryDirectory("competence-output")
        do {
            let writer = try OutputTarget(path: directory.path("new.csv")).open()
            try writer.write(Data(String(repeating: "y", count: 2 << 20).utf8))
            try withExtendedLifetime(writer) {
                // More than the buffer holds: the bytes went to a partial file, under a temporary name.
                let partial = try directory.contents()
                #expect(partial.count == 1 && partial != ["new.csv"])
            }
        }
        #expect(try directory.contents().isEmpty)

        try directory.write("kept.csv", "the previous result\n")
        do {
            let writer = try OutputTarget(path: directory.path("kept.csv")).open()
            try writer.write(Data("half of a new res".utf8))
        }
        #expect(try directory.contents() == ["kept.csv"])
        #expect(try directory.read("kept.csv") == "the previous result\n")
    }

    @Test("a file in a directory that does not exist is a typed error naming the path")
    func missingDirectory() throws {
        let directory = try TemporaryDirectory("competence-output")
        let path = directory.path("no/such/dir/out.csv")
        let error = try #require(throws: OutputError.self) { try OutputTarget(path: path).write("x\n") }
        guard case .file(let failedPath, let operation, _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(failedPath == path && operation == "create")
        #expect(error.description.hasPrefix("cannot create \(path): "))
        #expect(try directory.contents().isEmpty)
    }

    @Test("a progress bar counts at least one unit of work, and is hidden when told")
    func progressTotal() {
        let bar = ProgressBar(label: "x.csv", total: 0, isVisible: false)
        #expect(bar.total == 1 && !bar.isVisible)
        #expect(ProgressBar(label: "x.csv", total: 7, isVisible: true).total == 7)
    }
}
