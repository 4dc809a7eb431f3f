import CompetenceCore
import FileStore
import Foundation
import Synchronization
import Testing

@Suite("FileEventStore segment roll-over and power loss")
struct RollOverTests {
    /// Every sync the store makes, in order, with the size of the synced file at that moment.
    private final class SyncRecorder: Sendable {
        let syncs = Mutex<[(path: String, size: Int)]>([])
        var injection: FaultInjection {
            FaultInjection(sync: { path in
                let size = (try? Fixtures.size(path)) ?? -1
                self.syncs.withLock { $0.append((path, size)) }
                return nil
            })
        }
    }

    /// Before a segment is created, the one before it is synced with every record it will ever hold: a
    /// power loss can never leave a later segment after an earlier one's lost records.
    @Test(arguments: [FileStoreOptions.Durability.durable, .batched(interval: .milliseconds(20))])
    func aSegmentIsOnDiskBeforeTheNextOneExists(durability: FileStoreOptions.Durability) async throws {
        let directory = TemporaryDirectory("roll-order")
        defer { directory.remove() }
        let recorder = SyncRecorder()
        var options = FileStoreOptions(durability: durability, segmentSize: 4096)
        options.faults = recorder.injection
        do {
            let store = try FileEventStore(directory: directory.store, options: options)
            for round in 0..<30 {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for task in 0..<3 {
                        group.addTask {
                            let events = Fixtures.events(
                                1 + (round + task) % 3, label: "o\(round)-\(task)", padding: 90)
                            try await store.append(events, to: StreamName("order-\(task)"), expecting: .any)
                        }
                    }
                    try await group.waitForAll()
                }
            }
            try await Task.sleep(for: .milliseconds(80))
        }
        let segments = try Fixtures.segments(directory.store)
        #expect(segments.count > 4, "the appends rolled over several segments")
        let syncs = recorder.syncs.withLock { $0 }
        for (earlier, later) in zip(segments, segments.dropFirst()) {
            guard let creation = syncs.firstIndex(where: { $0.path == later + ".tmp" }) else {
                Issue.record("\(later) was created without a synced temporary file")
                continue
            }
            let closing = syncs[..<creation].last { $0.path == earlier }
            let size = try Fixtures.size(earlier)
            let message =
                "\(earlier) was synced whole (\(size) bytes) before \(later) was created; "
                + "the last sync before: \(String(describing: closing))"
            #expect(closing?.size == size, Comment(rawValue: message))
        }
    }

    /// What an interrupted roll-over can leave on disk, whichever order the writer used: the earlier
    /// segment with any part of its last records (or zeros where the file system extended it), and the
    /// later one absent, as a temporary file of any length, or renamed into place with any part of its
    /// records. Every such state opens, keeps every acknowledged event and nothing but a prefix of the
    /// interrupted append, verifies intact and takes new appends.
    @Test func everyStateOfAnInterruptedRollOverOpensWithTheAcknowledgedEvents() async throws {
        let source = TemporaryDirectory("roll-source")
        defer { source.remove() }
        let options = FileStoreOptions(segmentSize: 4096)
        let store = try FileEventStore(directory: source.store, options: options)
        try await store.append(Fixtures.events(6, label: "ack", padding: 300), to: "roll-a", expecting: .noStream)
        let first = source.store + "/0000000001.segment"
        let second = source.store + "/0000000002.segment"
        let base = try Data(contentsOf: URL(fileURLWithPath: first))
        let publishedHead = try Data(contentsOf: URL(fileURLWithPath: source.store + "/HEAD"))
        try await store.append(Fixtures.events(3, label: "roll", padding: 300), to: "roll-b", expecting: .noStream)
        let full = try Data(contentsOf: URL(fileURLWithPath: first))
        let next = try Data(contentsOf: URL(fileURLWithPath: second))
        let log = try await Fixtures.readAll(store)
        let acknowledged = Array(log.prefix(6))
        let interrupted = Array(log.dropFirst(6))
        #expect(full.count > base.count && full.prefix(base.count) == base, "the roll-over batch began in segment 1")
        #expect(next.count > 72, "and went on in segment 2")

        enum Later: CustomStringConvertible {
            case absent
            case temporary(Int)
            case renamed(Int)
            var description: String {
                switch self {
                case .absent: "no segment 2"
                case .temporary(let bytes): "segment 2 as a \(bytes)-byte temporary file"
                case .renamed(let bytes): "segment 2 with \(bytes) bytes"
                }
            }
        }
        // The earlier segment: every prefix of the roll-over's records in it, and zeros instead of them.
        var earlier = Self.sample(
            base.count...full.count, stride: 19, always: [base.count, base.count + 1, base.count + 8, full.count - 1]
        )
        .map { full.prefix($0) }
        earlier.append(base + Data(count: full.count - base.count))
        let laterKinds: [Later] =
            [.absent, .temporary(0), .temporary(1), .temporary(40), .temporary(71), .temporary(72), .renamed(72)]
            + Self.sample(72...next.count, stride: 29, always: [73, 80, next.count - 1, next.count]).map {
                .renamed($0)
            }

        var states = 0
        let directory = TemporaryDirectory("roll-state")
        defer { directory.remove() }
        for segment1 in earlier {
            for later in laterKinds {
                // Keep the cross product affordable: every earlier state with the few kinds of later one,
                // every later state with the earlier segment whole, cut at its base, half-written and zeroed.
                if case .renamed(let bytes) = later, bytes > 72, bytes < next.count,
                    ![base.count, full.count, (base.count + full.count) / 2].contains(segment1.count)
                        && segment1 != earlier.last
                {
                    continue
                }
                states += 1
                let state =
                    "segment 1 of \(segment1.count) bytes\(segment1 == earlier.last ? " (zeros)" : ""), \(later)"
                try? FileManager.default.removeItem(atPath: directory.store)
                try FileManager.default.createDirectory(atPath: directory.store, withIntermediateDirectories: true)
                try segment1.write(to: URL(fileURLWithPath: directory.store + "/0000000001.segment"))
                try publishedHead.write(to: URL(fileURLWithPath: directory.store + "/HEAD"))
                switch later {
                case .absent: break
                case .temporary(let bytes):
                    try next.prefix(bytes).write(to: URL(fileURLWithPath: directory.store + "/0000000002.segment.tmp"))
                case .renamed(let bytes):
                    try next.prefix(bytes).write(to: URL(fileURLWithPath: directory.store + "/0000000002.segment"))
                }

                let reader = try FileEventStore(
                    directory: directory.store, options: FileStoreOptions(access: .readOnly))
                #expect(try await Fixtures.readAll(reader) == acknowledged, "read-only, \(state)")

                let reopened: FileEventStore
                do { reopened = try FileEventStore(directory: directory.store, options: options) } catch {
                    Issue.record("\(state): \(error)")
                    continue
                }
                let events = try await Fixtures.readAll(reopened)
                #expect(events.count >= 6 && Array(events.prefix(6)) == acknowledged, "\(state)")
                #expect(Array(events.dropFirst(6)) == Array(interrupted.prefix(events.count - 6)), "\(state)")
                let orphaned = segment1 != full && { if case .renamed = later { true } else { false } }()
                #expect(reopened.openReport.setAsideSegments.count == (orphaned ? 1 : 0), "\(state)")
                #expect(!FileManager.default.fileExists(atPath: directory.store + "/0000000002.segment.tmp"))
                if orphaned, case .renamed(let bytes) = later {
                    let kept = try Data(contentsOf: URL(fileURLWithPath: reopened.openReport.setAsideSegments[0]))
                    #expect(kept == next.prefix(bytes), "the orphaned segment is kept as it was: \(state)")
                }
                let added = try await reopened.append(
                    [Fixtures.event("after")], to: "roll-c", expecting: .noStream)
                #expect(added.positions == [Int64(events.count + 1)], "\(state)")
                #expect(try FileEventStore.verify(directory: directory.store).isIntact, "\(state)")
            }
        }
        #expect(states > 200)
    }

    /// The integers of `range` at `stride`, plus `always`.
    private static func sample(_ range: ClosedRange<Int>, stride step: Int, always: [Int]) -> [Int] {
        Array(
            Set(Array(stride(from: range.lowerBound, through: range.upperBound, by: step)) + always).filter {
                range.contains($0)
            }
        ).sorted()
    }
}
