import CompetenceOutput
import Logging
import Testing

/// The tool's log lines: level, label, message and metadata on one line, and nothing raw reaches a terminal.
@Suite("Output: the terminal log handler")
struct TerminalLogHandlerTests {
    @Test("a line names level and label, with the metadata sorted by key")
    func lineShape() {
        var handler = TerminalLogHandler(label: "competence.filestore", level: .warning)
        handler[metadataKey: "segment"] = "00000001.segment"
        let line = handler.line(level: .error, message: "sync failed", metadata: ["errno": "5"])
        #expect(line == "error competence.filestore: sync failed errno=5 segment=00000001.segment")
    }

    @Test("an escape sequence in a message or its metadata is shown, not executed, once sanitised")
    func hostileText() {
        let handler = TerminalLogHandler(label: "competence.postgres", level: .warning)
        let line = handler.line(level: .warning, message: "notice \u{1B}[2J cleared", metadata: ["stream": "x\u{7}"])
        let shown = TerminalText.sanitised(line)
        #expect(!shown.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(shown.contains("cleared"))
    }

    @Test("COMPETENCE_LOG_LEVEL chooses the level; anything else keeps the fallback")
    func levelFromEnvironment() {
        #expect(TerminalLogHandler.level(environment: ["COMPETENCE_LOG_LEVEL": "debug"], fallback: .error) == .debug)
        #expect(TerminalLogHandler.level(environment: ["COMPETENCE_LOG_LEVEL": "loud"], fallback: .error) == .error)
        #expect(TerminalLogHandler.level(environment: [:], fallback: .warning) == .warning)
    }
}
