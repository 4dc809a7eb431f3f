import CompetenceOutput
import CompetenceStores
import FileStore
import Foundation
import TestSupport
import Testing

extension AdversarialTests {
    /// `--output`: never a directory, never inside a store, whole files of mode 0600.
    @Suite("outputs")
    struct Outputs {
        /// The target a command makes for `path` with the workspace's store as its store.
        private func target(_ path: String, _ workspace: Workspace) -> OutputTarget {
            OutputTarget(
                path: path, guarding: StoreLocation.outputGuard(for: .file(path: workspace.storePath), environment: [:])
            )
        }

        /// Expects `path` to be refused, and the workspace's directory (store included) to be unchanged.
        private func expectRefused(_ path: String, _ workspace: Workspace, _ says: String) throws {
            let before = try Workspace.snapshot(workspace.directory.url.path)
            let error = try #require(throws: OutputError.self) { try target(path, workspace).write("replacement\n") }
            guard case .refused = error else {
                Issue.record("not a refusal: \(error)")
                return
            }
            #expect(error.description.contains(says), "\(error)")
            #expect(try Workspace.snapshot(workspace.directory.url.path) == before, "something changed")
        }

        @Test("the store's directory as --output is refused; the store is unchanged")
        func storeDirectory() async throws {
            let workspace = try await Workspace()
            try expectRefused(workspace.storePath, workspace, "is a directory")
            try expectRefused(workspace.storePath + "/", workspace, "is a directory")
            #expect(try await workspace.store().headPosition() == 20)
        }

        @Test("the current directory (.) and its parent are refused; nothing in them is removed or added")
        func currentDirectory() async throws {
            let workspace = try await Workspace()
            let here = FileManager.default.currentDirectoryPath
            let before = try FileManager.default.contentsOfDirectory(atPath: here).sorted()
            try expectRefused(".", workspace, "is a directory")
            try expectRefused("..", workspace, "is a directory")
            try expectRefused(workspace.directory.url.path, workspace, "is a directory")
            #expect(try FileManager.default.contentsOfDirectory(atPath: here).sorted() == before)
        }

        @Test("a file inside the named store is refused")
        func insideNamedStore() async throws {
            let workspace = try await Workspace()
            try expectRefused(workspace.storePath + "/history.ndjson", workspace, "inside the event store")
            try expectRefused(workspace.storePath + "/0000000001.segment", workspace, "inside the event store")
        }

        @Test("a file inside another file store, recognised by its files, is refused")
        func insideUnnamedStore() async throws {
            let workspace = try await Workspace()
            let other = try await Workspace()
            // The workspace's command names its own store; the other store is found by its LOCK and segments.
            try expectRefused(other.storePath + "/report.csv", workspace, "inside the event store")
            #expect(try await other.store().headPosition() == 20)
        }

        @Test("the default store path is protected even when the command names another store")
        func defaultStore() async throws {
            let workspace = try await Workspace()
            let guarding = StoreLocation.outputGuard(for: .memory, environment: [:])
            #expect(guarding.protectedDirectories.contains(StoreLocation.defaultPath))
            let fromEnvironment = StoreLocation.outputGuard(
                for: .memory, environment: ["COMPETENCE_STORE": workspace.storePath])
            #expect(fromEnvironment.protectedDirectories.contains(workspace.storePath))
            let before = try Workspace.snapshot(workspace.storePath)
            #expect(throws: OutputError.self) {
                try OutputTarget(path: workspace.storePath + "/x.csv", guarding: fromEnvironment).write("x\n")
            }
            #expect(try Workspace.snapshot(workspace.storePath) == before)
        }

        @Test("a symbolic link to a directory is refused; the directory behind it is unchanged")
        func symbolicLink() async throws {
            let workspace = try await Workspace()
            let link = workspace.directory.path("link-to-store")
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: workspace.storePath)
            try expectRefused(link, workspace, "is a directory")
            // A file path through the link lies inside the store.
            try expectRefused(link + "/out.csv", workspace, "inside the event store")
        }

        @Test("a written file is mode 0600 whatever the umask and the old file's mode; no temporary file stays")
        func modeAndTemporary() throws {
            let directory = try TemporaryDirectory("competence-adversarial")
            let path = try directory.write("report.csv", "old\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            let previous = umask(0o022)  // the usual umask, under which a plain create gives 0644
            defer { umask(previous) }
            try OutputTarget(path: path).write("new\n")
            try OutputTarget(path: directory.path("fresh.csv")).write("fresh\n")
            for name in ["report.csv", "fresh.csv"] {
                let mode = try FileManager.default.attributesOfItem(atPath: directory.path(name))[.posixPermissions]
                #expect((mode as? NSNumber)?.intValue == 0o600, "\(name): \(String(describing: mode))")
            }
            #expect(try directory.read("report.csv") == "new\n")
            #expect(try directory.contents() == ["fresh.csv", "report.csv"])
        }

        @Test("a write abandoned half-way leaves the old file whole and no temporary file")
        func abandoned() throws {
            let directory = try TemporaryDirectory("competence-adversarial")
            try directory.write("kept.csv", "the previous result\n")
            do {
                let writer = try OutputTarget(path: directory.path("kept.csv")).open()
                try writer.write(Data(String(repeating: "z", count: 3 << 20).utf8))
            }
            #expect(try directory.contents() == ["kept.csv"])
            #expect(try directory.read("kept.csv") == "the previous result\n")
        }

        @Test("- is standard output: the target has no path, so no file is created")
        func dash() throws {
            #expect(OutputTarget(path: "-").path == nil)
            #expect(OutputTarget(path: nil).path == nil)
            #expect(OutputTarget(path: "./-x").path == "./-x")
        }
    }
}
