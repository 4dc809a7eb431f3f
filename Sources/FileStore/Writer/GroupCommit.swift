import CompetenceCore
import Dispatch
import Foundation
import Logging
import Synchronization
import SystemPackage

/// The one writer of a read-write store: a serial dispatch queue (blocking `pwrite`/`fdatasync` never run
/// on Swift's cooperative pool) that drains the queue of planned appends.
///
/// Group commit: each drain takes **every** append queued so far, writes them in one go and syncs once;
/// appends queued while a sync runs wait for the next drain. So one `fdatasync` covers every append
/// waiting for it, and each append is acknowledged only after the sync that covers it. When fewer appends
/// are queued than the last group commit acknowledged, the writer first waits — at most half as long as
/// that commit's sync took — for the others to come back (``StragglerWait``): otherwise the first appender
/// to return would get a sync of its own while the rest queue behind it, two syncs for one round. A single
/// appender never waits.
///
/// Order on disk: a segment is synced before the next one is created, so a later segment never exists
/// without every record before it; the head is published (``HeadFile``) only after the records it names
/// are written (and synced, with durable appends), so readers in other processes never see a record that a
/// failed sync rolls back.
final class GroupCommitWriter: Sendable {
    private let core: StoreCore
    private let head: HeadFile
    private let queue = DispatchQueue(label: "FileStore.GroupCommitWriter", qos: .userInitiated)
    private let stragglers = StragglerWait()

    init(core: StoreCore, head: HeadFile) {
        self.core = core
        self.head = head
    }

    /// Plans, encodes and queues an append; returns once it is durable (or failed, writing nothing).
    func append(_ appends: [StreamAppend]) async throws -> [AppendResult] {
        if let indexing = core.state.withLock({ $0.idIndexing }) {
            await indexing.indexed()
            core.state.withLock { $0.installIndexedIDs(from: indexing) }
        }
        return try await withCheckedThrowingContinuation { continuation in
            let (startDrain, wake): (Bool, Bool) = core.state.withLock { state in
                do {
                    guard let write = try state.planWrite(appends, options: core.options, continuation: continuation)
                    else {
                        return (false, false)
                    }
                    state.queue.append(write)
                    if state.draining { return (false, state.lingering && state.queue.count >= state.lastBatchAppends) }
                    state.draining = true
                    return (true, false)
                } catch {
                    continuation.resume(throwing: error)
                    return (false, false)
                }
            }
            if wake { stragglers.wake() }
            if startDrain { queue.async { self.drain() } }
        }
    }

    /// Writes queued appends until the queue is empty.
    private func drain() {
        while true {
            waitForStragglers()
            let (batch, failure): ([PendingWrite], FileStoreError?) = core.state.withLock { state in
                if state.queue.isEmpty {
                    state.draining = false
                    return ([], nil)
                }
                defer { state.queue.removeAll(keepingCapacity: true) }
                return (state.queue, state.failure)
            }
            guard let last = batch.last else { return }
            if let failure {
                // Planned before an earlier failure (a timed sync of batched durability) was known.
                fail(batch, failure)
                continue
            }
            do {
                try write(batch)
            } catch let error as SyncCallFailed {
                fail(batch, syncFailed(error))
                continue
            } catch {
                let failure =
                    error as? FileStoreError
                    ?? .io(operation: "write", path: core.directory, errno: Errno.ioError.rawValue)
                core.options.logger.error(
                    "append failed and was rolled back",
                    metadata: ["directory": "\(core.directory)", "error": "\(failure)"])
                fail(batch, failure)
                continue
            }
            publish(last.end)
            core.state.withLock { state in
                state.durable = last.end
                state.lastBatchAppends = batch.count
                if core.options.durability == .durable { state.synced = last.end.head }
            }
            core.notifier.advance(to: last.end.head)
            for write in batch { write.continuation.resume(returning: write.results) }
        }
    }

    /// Waits (up to half the last sync's time) until as many appends are queued as the last group commit
    /// acknowledged; returns at once when they are, or when the last commit had one append.
    private func waitForStragglers() {
        let wait: (expected: Int, timeout: Duration)? = core.state.withLock { state in
            guard state.queue.count < state.lastBatchAppends, .zero < state.lastSync else { return nil }
            state.lingering = true
            return (state.lastBatchAppends, state.lastSync / 2)
        }
        guard let wait else { return }
        stragglers.wait(for: min(wait.timeout, .milliseconds(5))) {
            core.state.withLock { $0.queue.count >= wait.expected }
        }
        core.state.withLock { $0.lingering = false }
    }

    /// Writes the index file of the segment that the creation of `header`'s segment sealed (its records are all
    /// on disk), so that an open indexes it from a few megabytes instead of reading it. A failure is logged, not
    /// thrown: the index only saves work, and the next read-write open writes it.
    private func writeIndex(sealedBy header: SegmentHeader) {
        let number = header.number - 1
        let files = core.files
        files.writeIndex(of: number, logger: core.options.logger) {
            let size = try StoreIO.size(try files.descriptor(number), path: files.path(number))
            let sealed = SealedSegment(number: number, size: size, lastHash: header.previousHash)
            return core.state.withLock { $0.index.indexFile(of: sealed) }
        }
    }

    /// Writes the chunks of a batch, merging adjacent ones, then syncs the segment written last (durable) or
    /// schedules its sync (batched). A segment is synced before the next one is created.
    private func write(_ batch: [PendingWrite]) throws {
        var written: UInt32?
        var run: WriteChunk?
        for chunk in batch.lazy.flatMap(\.chunks) {
            if let header = chunk.newSegment {
                if let pending = run { try flush(pending) }
                run = nil
                // Every record before the new segment is on disk before the segment exists.
                try syncSegment(header.number - 1, through: header.firstPosition - 1)
                try core.files.create(header)
                writeIndex(sealedBy: header)
            }
            written = chunk.segment
            if var current = run, current.segment == chunk.segment,
                current.offset + Int64(current.bytes.count) == chunk.offset
            {
                current.bytes += chunk.bytes
                run = current
            } else {
                if let pending = run { try flush(pending) }
                run = chunk
            }
        }
        if let pending = run { try flush(pending) }
        guard let written else { return }
        switch core.options.durability {
        case .durable:
            let started = ContinuousClock.now
            try syncSegment(written, through: nil)
            let took = ContinuousClock.now - started
            core.state.withLock { $0.lastSync = took }
        case .batched(let interval):
            let schedule: Bool = core.state.withLock { state in
                state.unsynced.insert(written)
                defer { state.syncScheduled = true }
                return !state.syncScheduled
            }
            if schedule {
                queue.asyncAfter(deadline: .now() + Self.seconds(interval)) { self.syncBatched() }
            }
        }
    }

    private func flush(_ chunk: WriteChunk) throws {
        let fd = try core.files.descriptor(chunk.segment)
        try chunk.bytes.withUnsafeBytes { (raw) throws in
            try StoreIO.write(fd, raw, at: chunk.offset, path: core.files.path(chunk.segment))
        }
    }

    /// Syncs a segment; `through` is the last position it holds when that is known to make everything
    /// before it durable (a segment being closed).
    private func syncSegment(_ segment: UInt32, through position: Int64?) throws {
        try core.files.syncData(segment)
        core.state.withLock { state in
            state.unsynced.remove(segment)
            if let position { state.synced = max(state.synced, position) }
        }
    }

    /// The timed sync of batched durability. It runs on the writer's queue, so no write is under way: what
    /// it syncs is everything acknowledged so far.
    private func syncBatched() {
        let (segments, written): (Set<UInt32>, Int64) = core.state.withLock { state in
            defer {
                state.unsynced = []
                state.syncScheduled = false
            }
            return (state.unsynced, state.durable.head)
        }
        do {
            for segment in segments.sorted() { try core.files.syncData(segment) }
            core.state.withLock { $0.synced = max($0.synced, written) }
        } catch let error as SyncCallFailed {
            _ = syncFailed(error)
        } catch {
            _ = syncFailed(
                SyncCallFailed(
                    operation: PlatformCalls.syncDataCall, path: core.directory, errno: Errno.ioError.rawValue))
        }
    }

    /// Fails the store for writing after a failed sync: records which positions are durable, which were
    /// acknowledged without being so, and which appends fail with it; logs it now; returns the error.
    private func syncFailed(_ error: SyncCallFailed) -> FileStoreError {
        let failure: SyncFailure = core.state.withLock { state in
            let written = state.durable.head
            let failure = SyncFailure(
                operation: error.operation, path: error.path, errno: error.errno, durableThrough: state.synced,
                acknowledgedNotDurable: written > state.synced ? (state.synced + 1)...written : nil,
                failedAppends: state.planned.head > written ? (written + 1)...state.planned.head : nil)
            if state.failure == nil { state.failure = .syncFailed(failure) }
            return failure
        }
        var metadata: Logger.Metadata = [
            "path": "\(failure.path)", "errno": "\(failure.errno)", "durable_through": "\(failure.durableThrough)",
        ]
        if let range = failure.acknowledgedNotDurable {
            metadata["acknowledged_not_durable"] = "\(range.lowerBound)...\(range.upperBound)"
        }
        if let range = failure.failedAppends {
            metadata["failed_appends"] = "\(range.lowerBound)...\(range.upperBound)"
        }
        core.options.logger.log(
            level: failure.acknowledgedNotDurable == nil ? .error : .critical, "\(failure)", metadata: metadata)
        return .syncFailed(failure)
    }

    /// Tells readers in other processes how far the log goes. A failure does not fail the append (the records
    /// are on disk); readers then lag until the next publication, and it is logged.
    private func publish(_ end: LogCursor) {
        do {
            try head.publish(PublishedHead(end))
        } catch {
            core.options.logger.error(
                "could not publish the head for readers in other processes",
                metadata: ["path": "\(head.path)", "error": "\(error)"])
        }
    }

    /// Rolls back a failed batch and everything queued after it: none of it becomes visible, the indexes
    /// and files return to the durable end, and every appender gets the error.
    private func fail(_ batch: [PendingWrite], _ error: FileStoreError) {
        let (failed, durable): ([PendingWrite], LogCursor) = core.state.withLock { state in
            let failed = batch + state.queue
            state.queue.removeAll()
            state.index.truncate(toHead: state.durable.head, lastSegment: state.durable.segment)
            state.planned = state.durable
            return (failed, state.durable)
        }
        // Cut partial bytes off the durable segment and remove segments created for the failed batch.
        let created = failed.flatMap(\.chunks).compactMap { $0.newSegment?.number }.filter { $0 > durable.segment }
        for number in Set(created) { PlatformCalls.remove(core.files.path(number)) }
        if durable.segment > 0 {
            do {
                try StoreIO.truncate(
                    try core.files.descriptor(durable.segment), to: durable.offset,
                    path: core.files.path(durable.segment))
            } catch let error as FileStoreError {
                core.state.withLock { $0.failure = $0.failure ?? error }
            } catch {
            }
        }
        for write in failed { write.continuation.resume(throwing: error) }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
