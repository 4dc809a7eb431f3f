import CompetenceCore
import FileStore
import Foundation
import Logging
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A sync that fails on demand: armed, every sync of a path ending in `suffix` reports `EIO` (after `delay`).
final class SyncFault: Sendable {
    private let armed = Mutex(false)
    private let failures = Mutex(0)
    let suffix: String
    let delay: Duration

    init(suffix: String = ".segment", delay: Duration = .zero) {
        self.suffix = suffix
        self.delay = delay
    }

    func arm() { armed.withLock { $0 = true } }
    func disarm() { armed.withLock { $0 = false } }
    var count: Int { failures.withLock { $0 } }

    /// The hook for ``FileStoreOptions/faults``.
    var injection: FaultInjection {
        FaultInjection(sync: { path in
            guard self.armed.withLock({ $0 }), path.hasSuffix(self.suffix) else { return nil }
            if self.delay > .zero {
                let (seconds, attoseconds) = self.delay.components
                Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
            }
            self.failures.withLock { $0 += 1 }
            return EIO
        })
    }
}

@Suite("FileEventStore when a sync fails")
struct SyncFailureTests {
    private func options(
        _ fault: SyncFault, _ log: CapturedLog, durability: FileStoreOptions.Durability = .durable,
        segmentSize: Int = 64 << 20
    ) -> FileStoreOptions {
        var options = FileStoreOptions(durability: durability, segmentSize: segmentSize, logger: log.logger)
        options.faults = fault.injection
        return options
    }

    /// Durable appends: the append whose sync fails gets a typed error naming its positions (rolled back)
    /// and the durable ones; it is logged as it happens; every later append is refused until reopening.
    @Test func aFailedSyncFailsTheStoreForWritingAndSaysWhatIsDurable() async throws {
        let directory = TemporaryDirectory("sync-durable")
        defer { directory.remove() }
        let fault = SyncFault()
        let log = CapturedLog()
        var kept: [UUID] = []
        do {
            let store = try FileEventStore(directory: directory.store, options: options(fault, log))
            let first = Fixtures.events(3)
            try await store.append(first, to: "sync-1", expecting: .noStream)
            kept = first.map(\.id)
            fault.arm()
            let failing = Fixtures.events(2, label: "lost")
            await #expect {
                try await store.append(failing, to: "sync-1", expecting: .exact(3))
            } throws: { error in
                guard case .syncFailed(let failure)? = error as? FileStoreError else { return false }
                return failure.errno == EIO && failure.durableThrough == 3 && failure.failedAppends == 4...5
                    && failure.acknowledgedNotDurable == nil && failure.path.hasSuffix("0000000001.segment")
                    && "\(error)".contains("positions 4…5 failed and were rolled back")
            }
            let entry = log.all.first { $0.level >= .error }
            #expect(entry?.metadata["failed_appends"] == "4...5", "\(log.all.map(\.message))")
            #expect(entry?.metadata["durable_through"] == "3")
            fault.disarm()
            // Refused from now on, even though the disk works again: the OS may have dropped the pages.
            await #expect {
                try await store.append([Fixtures.event("later")], to: "sync-2", expecting: .any)
            } throws: { error in
                guard case .syncFailed(let failure)? = error as? FileStoreError else { return false }
                return failure.failedAppends == 4...5
            }
            #expect(try await Fixtures.readAll(store).map(\.id) == kept, "readers see only what is durable")
        }
        let reopened = try FileEventStore(directory: directory.store)
        #expect(try await Fixtures.readAll(reopened).map(\.id) == kept)
        try await reopened.append([Fixtures.event("after")], to: "sync-1", expecting: .exact(3))
        #expect(try FileEventStore.verify(directory: directory.store).isIntact)
    }

    /// Batched durability: the timed sync fails with nobody appending. It is logged at once — naming the
    /// acknowledged positions that may not be on disk — and the next append gets the same facts.
    @Test func aFailedTimedSyncOfBatchedDurabilityIsLoggedWhenItHappens() async throws {
        let directory = TemporaryDirectory("sync-batched")
        defer { directory.remove() }
        let fault = SyncFault()
        let log = CapturedLog()
        let store = try FileEventStore(
            directory: directory.store,
            options: options(fault, log, durability: .batched(interval: .milliseconds(300))))
        fault.arm()
        let acknowledged = try await store.append(Fixtures.events(4), to: "batched-1", expecting: .noStream)
        #expect(acknowledged.positions == [1, 2, 3, 4], "acknowledged before the sync")
        // No further append: the failure must be reported by the timed sync itself.
        let entry = try await log.waitForEntry(atLeast: .critical)
        #expect(entry != nil, "the failed timed sync was logged")
        #expect(entry?.metadata["acknowledged_not_durable"] == "1...4")
        #expect(entry?.message.contains("positions 1…4 were acknowledged but MAY NOT BE ON DISK") == true)
        #expect(fault.count >= 1)
        await #expect {
            try await store.append([Fixtures.event("next")], to: "batched-1", expecting: .any)
        } throws: { error in
            guard case .syncFailed(let failure)? = error as? FileStoreError else { return false }
            return failure.acknowledgedNotDurable == 1...4 && failure.durableThrough == 0
        }
    }

    /// The sync that closes a segment before the next is created fails: the batch is rolled back, no later
    /// segment appears, and the store is failed for writing.
    @Test func aFailedSyncAtRollOverCreatesNoLaterSegment() async throws {
        let directory = TemporaryDirectory("sync-roll")
        defer { directory.remove() }
        let fault = SyncFault(suffix: "0000000001.segment")
        let log = CapturedLog()
        do {
            let store = try FileEventStore(directory: directory.store, options: options(fault, log, segmentSize: 4096))
            try await store.append(Fixtures.events(5, padding: 200), to: "roll-1", expecting: .noStream)
            #expect(try Fixtures.segments(directory.store).count == 1)
            fault.arm()
            await #expect(throws: FileStoreError.self) {
                try await store.append(Fixtures.events(5, padding: 200), to: "roll-1", expecting: .exact(5))
            }
            #expect(try Fixtures.segments(directory.store).count == 1, "no segment after one that is not synced")
            #expect(log.all.contains { $0.level >= .error })
        }
        let reopened = try FileEventStore(directory: directory.store)
        #expect(reopened.openReport.events == 5)
        #expect(try FileEventStore.verify(directory: directory.store).isIntact)
    }
}
