import Foundation

/// Messages for the person at the terminal: on stderr, so they never mix with results on stdout.
package enum Console {
    /// Writes one line to stderr.
    package static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether stderr is a terminal (progress bars are drawn only then).
    package static var stderrIsTerminal: Bool { isatty(FileHandle.standardError.fileDescriptor) == 1 }
}
