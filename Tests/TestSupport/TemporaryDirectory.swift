import Foundation

/// A fresh directory under the system temporary directory, removed when the value goes away.
public final class TemporaryDirectory: Sendable {
    /// Its URL.
    public let url: URL

    /// Creates the directory, named `LABEL-UUID`.
    public init(_ label: String = "competence-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a file (UTF-8, with a byte order mark first when `bom` is set) and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String, bom: Bool = false) throws -> String {
        var data = bom ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(Data(text.utf8))
        try data.write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// Reads a file as UTF-8.
    public func read(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    /// The names of the directory's entries, sorted.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}
