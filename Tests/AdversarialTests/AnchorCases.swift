import CompetenceCore
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import CompetenceStores
@testable import FileStore

extension AdversarialTests {
    /// `verify --expect POSITION:HASH` and the warning when opening cut a tail.
    @Suite("anchors")
    struct Anchors {
        /// A store in a temporary directory and the anchor taken at its head.
        private struct Anchored {
            let directory: TemporaryDirectory
            let anchor: HistoryAnchor
            /// The store's directory (using it keeps the temporary directory alive).
            var path: String { directory.path("ledger.store") }
        }

        /// A file store with the programme (segments of `segmentSize` bytes), and its anchor at the head.
        private func anchoredStore(segmentSize: Int = 64 << 20) async throws -> Anchored {
            let directory = try TemporaryDirectory("competence-adversarial")
            try ProgrammeFiles.write(into: directory)
            let path = directory.path("ledger.store")
            do {
                let store = try FileEventStore(directory: path, options: FileStoreOptions(segmentSize: segmentSize))
                try await Workspace.importProgramme(into: store, from: directory)
            }
            let verification = try await StoreOpener(location: .file(path: path)).verify()
            #expect(verification.isIntact)
            let anchor = try #require(verification.historyHead)
            #expect(anchor.position == 20)
            return Anchored(directory: directory, anchor: anchor)
        }

        /// Verifies `path` against `anchor`, and checks that verifying changed nothing.
        private func verify(_ path: String, _ anchor: HistoryAnchor) async throws -> StoreVerification {
            let before = try Workspace.snapshot(path)
            let result = try await StoreOpener(location: .file(path: path)).verify(expecting: anchor)
            #expect(try Workspace.snapshot(path) == before, "verify changed the store")
            return result
        }

        @Test("the anchor holds on the same store, and after later appends")
        func holds() async throws {
            let fixture = try await anchoredStore()
            let (path, anchor) = (fixture.path, fixture.anchor)
            let same = try await verify(path, anchor)
            #expect(same.isIntact && same.checks.contains("anchor \(anchor) holds (the head)"))
            do {
                let store = try FileEventStore(directory: path)
                try await CompetenceLedger(store: store).record(
                    OrganisationEnrolled(
                        organisation: "later", name: "Later Oy", kind: .enterprise, sector: "wood", sizeClass: .micro,
                        region: "Häme"))
            }
            let grown = try await verify(path, anchor)
            #expect(grown.isIntact && grown.checks.contains("anchor \(anchor) holds (1 events appended since)"))
            withExtendedLifetime(fixture) {}
        }

        @Test("a store restored from an older copy (its tail cut at a record boundary) fails its anchor")
        func truncatedTail() async throws {
            let fixture = try await anchoredStore()
            let path = fixture.path
            let older = fixture.directory.path("older.store")
            // An older copy: the same history up to position 18.
            do {
                let source = try FileEventStore(directory: path, options: FileStoreOptions(access: .readOnly))
                let copy = try FileEventStore(directory: older)
                for try await event in source.events() where event.position <= 18 {
                    var proposal = NewEvent(
                        id: event.id, type: event.type, schemaVersion: event.schemaVersion,
                        occurredAt: event.occurredAt, metadata: event.metadata, payload: event.payload,
                        recordedAt: event.recordedAt)
                    proposal.recordedAt = event.recordedAt
                    try await copy.append([proposal], to: event.stream, expecting: .exact(event.version - 1))
                }
            }
            let anchor = try #require(try await StoreOpener(location: .file(path: path)).verify().historyHead)
            // Without the anchor the older copy is a sound store: only the anchor sees what it lost.
            #expect(try await StoreOpener(location: .file(path: older)).verify().isIntact)
            let result = try await verify(older, anchor)
            #expect(!result.isIntact)
            let fault = try #require(result.faults.first)
            #expect(fault.kind == .anchorMismatch)
            #expect(fault.detail.contains("the store ends at position 18, before the anchor's position 20"), "\(fault)")
            withExtendedLifetime(fixture) {}
        }

        @Test("removed last segments fail the anchor")
        func removedSegments() async throws {
            let fixture = try await anchoredStore(segmentSize: 4096)
            let (path, anchor) = (fixture.path, fixture.anchor)
            let segments = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".segment") }
                .sorted()
            #expect(segments.count >= 3, "\(segments)")
            try FileManager.default.removeItem(atPath: path + "/" + segments.last!)
            let result = try await verify(path, anchor)
            #expect(!result.isIntact)
            #expect(
                result.faults.contains {
                    $0.kind == .anchorMismatch && $0.detail.contains("before the anchor's position 20")
                })
            withExtendedLifetime(fixture) {}
        }

        @Test("a rewritten suffix (same length, other events) fails the anchor, though the store is sound")
        func rewrittenSuffix() async throws {
            let fixture = try await anchoredStore()
            let (path, anchor) = (fixture.path, fixture.anchor)
            // Rebuild the history with the last participation changed (as someone with write access could).
            let rewritten = fixture.directory.path("rewritten.store")
            do {
                let source = try FileEventStore(directory: path, options: FileStoreOptions(access: .readOnly))
                let copy = try FileEventStore(directory: rewritten)
                for try await event in source.events() {
                    var payload = event.payload
                    if event.position == 20 {
                        payload.bytes = Data(
                            String(decoding: payload.bytes, as: UTF8.self).replacingOccurrences(
                                of: "\"attendedHours\":6", with: "\"attendedHours\":7"
                            ).utf8)
                        #expect(payload != event.payload)
                    }
                    let proposal = NewEvent(
                        id: event.id, type: event.type, schemaVersion: event.schemaVersion,
                        occurredAt: event.occurredAt,
                        metadata: event.metadata, payload: payload, recordedAt: event.recordedAt)
                    try await copy.append([proposal], to: event.stream, expecting: .exact(event.version - 1))
                }
            }
            #expect(try await StoreOpener(location: .file(path: rewritten)).verify().isIntact)
            let result = try await verify(rewritten, anchor)
            #expect(result.faults.map(\.kind) == [.anchorMismatch])
            #expect(result.faults.first?.detail.contains("is not the one anchored") == true)
            withExtendedLifetime(fixture) {}
        }

        @Test("opening a file store that cut a torn tail says so on the warning channel; the events are kept")
        func tornTailWarning() async throws {
            let fixture = try await anchoredStore()
            let (path, anchor) = (fixture.path, fixture.anchor)
            let segment = try #require(
                try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".segment") }.sorted()
                    .last)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path + "/" + segment))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data([0x30, 0, 0, 0, 1, 2, 3]))  // a frame header and a few bytes
            try handle.close()
            let warnings = Mutex<[String]>([])
            let collect: @Sendable (String) -> Void = { message in warnings.withLock { $0.append(message) } }
            // A reader serves what the writer published (HEAD), so it does not see the torn bytes past it.
            let readOnly = try StoreOpener(location: .file(path: path), warn: collect).open(for: .read)
            #expect(try await readOnly.headPosition() == 20)
            let store = try StoreOpener(location: .file(path: path), warn: collect).open(for: .write)
            let seen = warnings.withLock { $0 }
            #expect(seen.count == 1, "\(seen)")
            #expect(seen.first?.contains("cut a torn tail: 7 bytes at") == true, "\(seen)")
            #expect(seen.first?.contains(segment) == true && seen.first?.contains("offset") == true)
            // The warning reaches stderr in the tool's words.
            let report = OpenReport(
                events: 20, segments: 1,
                truncatedTail: .init(segment: "/s/0000000001.segment", offset: 100, bytes: 7, reason: "short frame"))
            #expect(
                StoreOpener.warnings(report, location: .file(path: "/s"), .read) == [
                    "file:/s ends in a torn tail: 7 bytes at /s/0000000001.segment offset 100 (short frame). "
                        + "Reading stops before it; the next import cuts it"
                ])
            #expect(try await store.headPosition() == 20)
            let after = try await StoreOpener(location: .file(path: path)).verify(expecting: anchor)
            #expect(after.isIntact, "\(after)")
            withExtendedLifetime(fixture) {}
        }
    }
}
