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
