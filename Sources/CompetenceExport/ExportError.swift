/// Why an export to tables or an interchange format could not be written. Nothing is left behind: files the
/// export created are removed, files it did not create are never touched.
package enum ExportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// `--tables DIR` names an existing directory that is not empty.
    case directoryNotEmpty(path: String, entries: [String])
    /// `--tables DIR` names something that is not a directory.
    case notADirectory(path: String)
    /// The tables are person-level and the audience is public.
    case personLevelForPublic
    /// A file or directory could not be created or written.
    case file(path: String, operation: String, reason: String)

    package var description: String {
        switch self {
        case .directoryNotEmpty(let path, let entries):
            let shown = entries.prefix(5).joined(separator: ", ") + (entries.count > 5 ? ", …" : "")
            return "refusing to write tables into \(path): the directory is not empty (\(shown)); "
                + "give a new or empty directory; nothing was written"
        case .notADirectory(let path):
            return "refusing to write tables into \(path): it exists and is not a directory; nothing was written"
        case .personLevelForPublic:
            return "tidy tables hold one row per person and answer (pseudonymous), so they are never for the "
                + "public audience: give --audience analyst; nothing was written"
        case .file(let path, let operation, let reason):
            return "cannot \(operation) \(path): \(reason); nothing was left behind"
        }
    }
}
