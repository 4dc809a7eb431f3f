import Foundation

/// What the tool shows a person: results on stdout, messages on stderr, each through ``TerminalText`` so
/// that no value from a file or a store reaches the terminal as raw control characters.
package enum Console {
    /// Writes one message line (or several) to stderr.
    package static func note(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.sanitised(line) + "\n").utf8))
    }

    /// Writes a warning to stderr: `warning: ` and the message.
    package static func warning(_ message: String) { note("warning: " + message) }

    /// Writes a result meant for people (a summary, a table) to stdout.
    package static func result(_ text: String) {
        FileHandle.standardOutput.write(Data((TerminalText.sanitised(text) + "\n").utf8))
    }

    /// Whether stderr is a terminal (progress bars are drawn only then).
    package static var stderrIsTerminal: Bool { isatty(FileHandle.standardError.fileDescriptor) == 1 }
}
