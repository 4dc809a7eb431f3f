import Foundation

/// A fresh directory under the system temporary directory, removed by ``remove()``.
struct TemporaryDirectory {
    let path: String

    init(_ label: String = "filestore") {
        path = FileManager.default.temporaryDirectory.path + "/\(label)-\(UUID().uuidString)"
    }

    /// The store directory inside it (not yet created: the store creates it with mode 0700).
    var store: String { path + "/store" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
