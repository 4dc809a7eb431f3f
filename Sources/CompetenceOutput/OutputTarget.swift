import Foundation

/// Where a command writes its result: stdout, or the file named by `--output`. A file is written to a
/// temporary name beside it and renamed into place at the end, so a failed command never leaves half a file.
package struct OutputTarget: Sendable {
    /// The file, or `nil` for stdout.
    package let path: String?

    /// A target: `nil` is standard output.
    package init(path: String?) { self.path = path }

    /// Writes `text` (UTF-8) whole.
    package func write(_ text: String) throws {
        let writer = try open()
        try writer.write(Data(text.utf8))
        try writer.finish()
    }

    /// Opens a buffered writer for output produced piece by piece.
    package func open() throws -> OutputWriter { try OutputWriter(path: path) }
}
