import CompetenceCore
import Dispatch
import Foundation
import Synchronization
import SystemPackage

/// The one writer of a read-write store: a serial dispatch queue (blocking `pwrite`/`fdatasync` never run
/// on Swift's cooperative pool) that drains the queue of planned appends.
///
/// Group commit: each drain takes **every** append queued so far, writes them in one go and syncs once;
/// appends queued while a sync runs wait for the next drain. So one `fdatasync` covers every append
/// waiting for it, and each append is acknowledged only after the sync that covers it.
final class GroupCommitWriter: Sendable {
    private let core: StoreCore
    private let queue = DispatchQueue(label: "FileStore.GroupCommitWriter", qos: .userInitiated)

    init(core: StoreCore) { self.core = core }

    /// Plans, encodes and queues an append; returns once it is durable (or failed, writing nothing).
    func append(_ appends: [StreamAppend]) async throws -> [AppendResult] {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain: Bool = core.state.withLock { state in
                do {
                    guard let write = try state.planWrite(appends, options: core.options, continuation: continuation)
                    else {
                        return false
                    }
                    state.queue.append(write)
                    if state.draining { return false }
                    state.draining = true
                    return true
                } catch {
                    continuation.resume(throwing: error)
                    return false
                }
            }
            if startDrain { queue.async { self.drain() } }
        }
    }

    /// Writes queued appends until the queue is empty.
    private func drain() {
        while true {
            let batch: [PendingWrite] = core.state.withLock { state in
                if state.queue.isEmpty {
                    state.draining = false
                    return []
                }
                defer { state.queue.removeAll(keepingCapacity: true) }
                return state.queue
            }
            guard let last = batch.last else { return }
            do {
                try write(batch)
                let head = last.end.head
                core.state.withLock { $0.durable = last.end }
                core.notifier.advance(to: head)
                for write in batch { write.continuation.resume(returning: write.results) }
            } catch {
                fail(
                    batch,
                    error as? FileStoreError
                        ?? .io(operation: "write", path: core.directory, errno: Errno.ioError.rawValue))
            }
        }
    }

    /// Writes the chunks of a batch, merging adjacent ones, then syncs every segment written.
    private func write(_ batch: [PendingWrite]) throws {
        var written: [UInt32] = []
        var run: WriteChunk?
        for chunk in batch.lazy.flatMap(\.chunks) {
            if let header = chunk.newSegment {
                if let pending = run { try flush(pending) }
                run = nil
                try core.files.create(header)
            }
            if written.last != chunk.segment { written.append(chunk.segment) }
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
        switch core.options.durability {
        case .durable:
            for segment in written { try sync(segment) }
        case .batched(let interval):
            let schedule: Bool = core.state.withLock { state in
                state.unsynced.formUnion(written)
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

    private func sync(_ segment: UInt32) throws {
        let path = core.files.path(segment)
        do {
            try StoreIO.syncData(try core.files.descriptor(segment), path: path)
        } catch let error as FileStoreError {
            // After a failed fsync the OS may have dropped the pages: never trust this process's view again.
            core.state.withLock {
                $0.failure = .failedEarlierSync(directory: core.directory, errno: error.errno ?? Errno.ioError.rawValue)
            }
            throw error
        }
    }

    /// The timed sync of batched durability.
    private func syncBatched() {
        let segments: Set<UInt32> = core.state.withLock { state in
            defer {
                state.unsynced = []
                state.syncScheduled = false
            }
            return state.unsynced
        }
        for segment in segments.sorted() { try? sync(segment) }
    }

    /// Rolls back a failed batch and everything queued after it: none of it becomes visible, the indexes
    /// and files return to the durable end, and every appender gets the error.
    private func fail(_ batch: [PendingWrite], _ error: FileStoreError) {
        let (failed, durable): ([PendingWrite], LogCursor) = core.state.withLock { state in
            let failed = batch + state.queue
            state.queue.removeAll()
            state.index.truncate(
                toHead: state.durable.head, ids: failed.flatMap(\.ids), lastSegment: state.durable.segment)
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
