import Foundation
import TestSupport

/// A fresh directory under the system temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    /// Its URL.
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("competence-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a file and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String, bom: Bool = false) throws -> String {
        var data = bom ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(Data(text.utf8))
        try data.write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// Reads a file as UTF-8.
    func read(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }
}
