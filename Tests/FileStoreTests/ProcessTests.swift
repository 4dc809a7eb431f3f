import CompetenceCore
import FileStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("FileEventStore with real processes", .serialized, .timeLimit(.minutes(10)))
struct ProcessTests {
    /// A child appends in a loop and is killed with SIGKILL at a random moment, 50 times. After each kill
    /// every append it reported as acknowledged is in the reopened log, nothing else is half there, and
    /// appends continue (the parent's own and the next child's).
    @Test func everyAcknowledgedAppendSurvivesKillNine() async throws {
        let directory = TemporaryDirectory("kill9")
        defer { directory.remove() }
        var acknowledged: [Int64: UUID] = [:]
        var killedWhileAppending = 0
        var generator = SeededGenerator(seed: 9)
        for round in 0..<50 {
            let child = try ChildProcess(["append", directory.store])
            // Kill at a random moment once the child is appending (its start-up time varies with the load).
            let started = ContinuousClock.now
            while !child.lines().contains(where: { $0.hasPrefix("ack ") || $0.hasPrefix("open-error") }),
                ContinuousClock.now - started < .seconds(20)
            {
                try await Task.sleep(for: .milliseconds(2))
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...80, using: &generator)))
            child.kill9()
            let lines = child.lines()
            #expect(!lines.contains { $0.hasPrefix("open-error") }, "round \(round): \(lines.prefix(2))")
            let acks = acknowledgements(lines)
            if !acks.isEmpty { killedWhileAppending += 1 }
            acknowledged.merge(acks) { _, new in new }

            let store = try FileEventStore(directory: directory.store)
            let log = try await Fixtures.readAll(store, pageSize: 500)
            #expect(
                log.map(\.position) == (0..<Int64(log.count)).map { $0 + 1 }, "round \(round): positions are gap-free")
            let byPosition = Dictionary(uniqueKeysWithValues: log.map { ($0.position, $0.id) })
            for (position, id) in acknowledged where byPosition[position] != id {
                let found = String(describing: byPosition[position])
                Issue.record(
                    "round \(round): acknowledged event \(id) at position \(position) is missing (found \(found))")
            }
            // Appends continue after the crash.
            let mine = try await store.append([Fixtures.event("parent-\(round)")], to: "parent-1", expecting: .any)
            acknowledged[mine.positions[0]] = mine.events[0].id
        }
        #expect(
            killedWhileAppending >= 25,
            "most kills hit a child in the middle of appending (\(killedWhileAppending) of 50)")
        let report = try FileEventStore.verify(directory: directory.store)
        #expect(report.isIntact, "\(report)")
        #expect(report.records >= Int64(acknowledged.count))
    }

    @Test func aSecondWriterIsRefusedAtOnceInThisProcessAndInAnother() async throws {
        let directory = TemporaryDirectory("lock")
        defer { directory.remove() }
        let writer = try FileEventStore(directory: directory.store)
        try await writer.append([Fixtures.event("first")], to: "lock-1", expecting: .noStream)
        let started = ContinuousClock.now
        #expect {
            try FileEventStore(directory: directory.store)
        } throws: { error in
            guard case .lockedByAnotherWriter(let path, let holder)? = error as? FileStoreError else { return false }
            return path == directory.store && holder == "pid \(getpid())"
        }
        let lines = try await ChildProcess.run(["append", directory.store], seconds: 30)
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(
            lines.first?.hasPrefix("open-error") == true && lines.first?.contains("already open for writing") == true,
            "\(lines)")
        #expect(try await writer.headPosition() == 1)
        // A reader may open while the writer holds the lock.
        let reader = try FileEventStore(directory: directory.store, options: FileStoreOptions(access: .readOnly))
        #expect(try await reader.readStream("lock-1").count == 1)
        await #expect(throws: FileStoreError.readOnly(directory: directory.store)) {
            try await reader.append([Fixtures.event("no")], to: "lock-1", expecting: .any)
        }
    }

    /// A read-only store in another process subscribes and sees the writer's appends as they land,
    /// across segment rolls.
    @Test func aReaderInAnotherProcessFollowsTheWriter() async throws {
        let directory = TemporaryDirectory("follow")
        defer { directory.remove() }
        let writer = try FileEventStore(directory: directory.store, options: FileStoreOptions(segmentSize: 4096))
        try await writer.append(Fixtures.events(5, label: "before"), to: "follow-1", expecting: .any)
        let total = 65
        let child = try ChildProcess(["follow", directory.store, String(total)])
        var appended: [UUID] = []
        for round in 0..<20 {
            let events = Fixtures.events(3, label: "live\(round)", padding: 40)
            try await writer.append(events, to: StreamName("follow-\(round % 3)"), expecting: .any)
            appended += events.map(\.id)
            try await Task.sleep(for: .milliseconds(15))
        }
        try await child.wait(seconds: 60)
        let seen = child.lines().filter { $0.hasPrefix("seen ") }.map { $0.split(separator: " ") }
        #expect(seen.map { Int64($0[1])! } == Array(1...Int64(total)))
        #expect(seen.suffix(60).map { UUID(uuidString: String($0[2])) } == appended)
        #expect(try Fixtures.segments(directory.store).count > 3, "the reader crossed segment boundaries")
    }

    /// A write whose sync fails (after its bytes sat in the OS's cache for half a second) is rolled back,
    /// and the same positions are then written with other events. A reader in another process, polling
    /// all the while, serves only what the writer published: never a rolled-back event.
    @Test func aReaderInAnotherProcessNeverServesARolledBackEvent() async throws {
        let directory = TemporaryDirectory("rollback")
        defer { directory.remove() }
        let fault = SyncFault(delay: .milliseconds(500))
        var options = FileStoreOptions(logger: CapturedLog().logger)
        options.faults = fault.injection
        let before = Fixtures.events(5, label: "before")
        let rolledBack = Fixtures.events(3, label: "rolled-back", padding: 20)
        let after = Fixtures.events(3, label: "after")
        let child: ChildProcess
        do {
            let writer = try FileEventStore(directory: directory.store, options: options)
            try await writer.append(before, to: "rollback-1", expecting: .noStream)
            child = try ChildProcess(["follow", directory.store, "8"])
            try await Self.waitForLine(child, prefix: "seen 5 ")
            fault.arm()
            await #expect(throws: FileStoreError.self) {
                try await writer.append(rolledBack, to: "rollback-1", expecting: .exact(5))
            }
        }
        let writer = try FileEventStore(directory: directory.store)
        try await writer.append(after, to: "rollback-2", expecting: .noStream)
        try await child.wait(seconds: 60)
        let lines = child.lines()
        let seen = lines.filter { $0.hasPrefix("seen ") }.map { $0.split(separator: " ") }
        #expect(seen.map { UUID(uuidString: String($0[2])) } == (before + after).map(\.id), "\(lines)")
        #expect(!lines.contains { line in rolledBack.contains { line.contains($0.id.uuidString) } })
        #expect(lines.last == "done", "\(lines.suffix(3))")
    }

    /// The writer cuts a record that a reader in another process had already read (a damaged last record,
    /// set aside on purpose) and writes another at its position: the reader notices and fails with a
    /// typed error instead of serving a log that is no longer the writer's.
    @Test func aReaderInAnotherProcessNoticesARewrittenTail() async throws {
        let directory = TemporaryDirectory("rewritten")
        defer { directory.remove() }
        let events = Fixtures.events(6, label: "read")
        do {
            let writer = try FileEventStore(directory: directory.store)
            try await writer.append(events, to: "rewritten-1", expecting: .noStream)
        }
        let child = try ChildProcess(["follow", directory.store, "100"])
        try await Self.waitForLine(child, prefix: "seen 6 ")
        let segment = try Fixtures.segments(directory.store)[0]
        try Fixtures.flipBit(segment, byte: try Fixtures.recordOffsets(segment).last! + 40, bit: 0)
        let writer = try FileEventStore(directory: directory.store, options: FileStoreOptions(damagedTail: .setAside))
        #expect(writer.openReport.truncatedTail?.cause == .damagedRecord)
        try await writer.append([Fixtures.event("in its place")], to: "rewritten-2", expecting: .noStream)
        try await child.wait(seconds: 60)
        let lines = child.lines()
        #expect(lines.filter { $0.hasPrefix("seen ") }.count == 6, "\(lines)")
        #expect(
            lines.last?.hasPrefix("error ") == true && lines.last?.contains("changed behind this reader") == true,
            "\(lines.suffix(2))")
    }

    /// Waits (up to 30 s) until the child printed a line starting with `prefix`.
    private static func waitForLine(_ child: ChildProcess, prefix: String) async throws {
        let started = ContinuousClock.now
        while !child.lines().contains(where: { $0.hasPrefix(prefix) }), ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(child.lines().contains { $0.hasPrefix(prefix) }, "\(child.lines().suffix(3))")
    }

    /// A write that fails (here: the process's file size limit, like a full disk) gives a typed error,
    /// writes nothing of the failed append, and leaves the log readable and appendable after reopening.
    @Test func aFullDiskGivesATypedErrorAndLeavesTheLogReadable() async throws {
        let directory = TemporaryDirectory("full")
        defer { directory.remove() }
        let lines = try await ChildProcess.run(["fill", directory.store, String(24 << 10)])
        let errors = lines.filter { $0.hasPrefix("error ") }
        #expect(errors.count == 3, "\(lines.suffix(5))")
        #expect(errors.allSatisfy { $0.hasPrefix("error \(EFBIG) ") && $0.contains("file size limit") }, "\(errors)")
        let acks = acknowledgements(lines)
        #expect(!acks.isEmpty)
        #expect(lines.last == "readable \(acks.count) head \(acks.count)", "\(lines.suffix(2))")
        let store = try FileEventStore(directory: directory.store)
        #expect(store.openReport.truncatedBytes == 0, "the failed write was rolled back by the writer itself")
        let log = try await Fixtures.readAll(store)
        #expect(Dictionary(uniqueKeysWithValues: log.map { ($0.position, $0.id) }) == acks)
        try await store.append([Fixtures.event("after")], to: "fill-1", expecting: .exact(Int64(acks.count)))
        #expect(try FileEventStore.verify(directory: directory.store).isIntact)
    }

    /// A store whose directory and files are read-only: the writer gets a typed error, a reader still
    /// reads everything. The check runs in a child that drops root privileges (root ignores permissions).
    @Test func aReadOnlyDirectoryGivesATypedErrorAndStaysReadable() async throws {
        let directory = TemporaryDirectory("readonly")
        defer {
            chmod(directory.store, 0o700)
            directory.remove()
        }
        do {
            let store = try FileEventStore(directory: directory.store)
            try await store.append(Fixtures.events(4), to: "ro-1", expecting: .any)
        }
        let owner = getuid() == 0 ? uid_t(65534) : getuid()
        let group = getuid() == 0 ? gid_t(65534) : getgid()
        chmod(directory.path, 0o755)
        for path in [directory.store]
            + (try FileManager.default.contentsOfDirectory(atPath: directory.store).map { directory.store + "/" + $0 })
        {
            #expect(chown(path, owner, group) == 0)
            #expect(chmod(path, path == directory.store ? 0o500 : 0o400) == 0)
        }
        let lines = try await ChildProcess.run(["readonly", directory.store])
        #expect(lines.first == "uid \(owner)", "\(lines)")
        let error = lines.first { $0.hasPrefix("writer-error ") }
        #expect(
            error?.hasPrefix("writer-error \(EACCES) ") == true && error?.contains("not writable") == true, "\(lines)")
        #expect(lines.last == "read 4", "\(lines)")
    }
}
