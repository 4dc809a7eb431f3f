import CompetenceCore
import FileStore
import Foundation
import Synchronization

/// Bench cases for the FileStore (`competence bench --store PATH`, or a temporary directory).
///
/// Append cases each get a new store; the read cases share one store of `events` events, written once
/// (not timed) with compact payloads of ``SurveyAnswerRecorded`` (see ``BenchAnswers``).
enum FileBench {
    static func cases(events: Int, directory: String?) -> [BenchCase] {
        cases(scratch: FileBenchScratch(base: directory, events: events))
    }

    /// The cases, with their stores in `scratch`.
    static func cases(scratch: FileBenchScratch) -> [BenchCase] {
        let events = scratch.events
        // 5,000 single appends (20,000 from 16 tasks): runs of a second or more, so that the ratio of the two
        // (the group commit's gain) is not a ratio of two blips.
        let singles = min(events, 5_000)
        return [
            BenchCase(name: "append-single-1-task") {
                try await scratch.withNewStore { store in
                    try await appendSingles(store, tasks: 1, perTask: singles)
                }
            },
            BenchCase(name: "append-single-16-tasks") {
                try await scratch.withNewStore { store in
                    try await appendSingles(store, tasks: 16, perTask: max(1, singles * 4 / 16))
                }
            },
            BenchCase(name: "append-batch-100") {
                try await scratch.withNewStore { store in
                    try await appendBatches(store, tasks: 1, batches: max(1, min(events, 200_000) / 100))
                }
            },
            BenchCase(name: "append-batch-100-16-tasks") {
                try await scratch.withNewStore { store in
                    try await appendBatches(store, tasks: 16, batches: max(1, min(events, 400_000) / 1_600))
                }
            },
            BenchCase(name: "append-batch-100-batched-durability") {
                try await scratch.withNewStore(durability: .batched(interval: .milliseconds(50))) { store in
                    try await appendBatches(store, tasks: 1, batches: max(1, min(events, 200_000) / 100))
                }
            },
            BenchCase(name: "replay-1m") {
                let path = try await scratch.populated()
                let store = try FileEventStore(directory: path, options: FileStoreOptions(access: .readOnly))
                let before = residentBytes()
                resetPeakResident()
                let (count, seconds) = try await measure { try await replay(store) }
                return BenchMeasurement(
                    events: count, seconds: seconds,
                    extra: ["rss_growth_bytes": Double(max(0, peakResidentBytes() - before))])
            },
            BenchCase(name: "replay-1m-undecoded") {
                let path = try await scratch.populated()
                let store = try FileEventStore(directory: path, options: FileStoreOptions(access: .readOnly))
                let (count, seconds) = try await measure {
                    var count = 0
                    var next: Int64 = 1
                    while true {
                        let page = try await store.readAll(from: next, limit: 4096, filter: .all)
                        if page.events.isEmpty { return count }
                        count += page.events.count
                        next = page.nextPosition
                    }
                }
                return BenchMeasurement(events: count, seconds: seconds)
            },
            BenchCase(name: "read-stream") {
                let path = try await scratch.populated()
                let store = try FileEventStore(directory: path, options: FileStoreOptions(access: .readOnly))
                let (read, seconds) = try await measure { try await store.readStream(FileBenchScratch.readStream) }
                return BenchMeasurement(events: read.count, seconds: seconds)
            },
            BenchCase(name: "open-1m") {
                let path = try await scratch.populated()
                let (store, seconds) = try await measure {
                    try FileEventStore(directory: path, options: FileStoreOptions(access: .readOnly))
                }
                return BenchMeasurement(events: Int(store.openReport.events), seconds: seconds)
            },
        ]
    }

    /// `tasks` concurrent tasks, each appending `perTask` single-event durable appends.
    /// Events are made before the clock starts: the figures are the store's, not the encoder's.
    private static func appendSingles(
        _ store: FileEventStore, tasks: Int, perTask: Int
    ) async throws -> BenchMeasurement {
        let events = (0..<tasks).map { task in (0..<perTask).map { BenchAnswers.event(task * perTask + $0) } }
        let (_, seconds) = try await measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (task, mine) in events.enumerated() {
                    group.addTask {
                        let stream = StreamName("single-\(task)")
                        for event in mine { try await store.append([event], to: stream, expecting: .any) }
                    }
                }
                try await group.waitForAll()
            }
        }
        return BenchMeasurement(events: tasks * perTask, seconds: seconds, extra: ["tasks": Double(tasks)])
    }

    /// `tasks` concurrent tasks, each appending `batches` durable batches of 100 events.
    private static func appendBatches(
        _ store: FileEventStore, tasks: Int, batches: Int
    ) async throws -> BenchMeasurement {
        let work = (0..<tasks).map { task in
            (0..<batches).map { batch in
                (
                    StreamName("batch-\(task)-\(batch % 50)"),
                    (0..<100).map { BenchAnswers.event((task * batches + batch) * 100 + $0) }
                )
            }
        }
        let (_, seconds) = try await measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for mine in work {
                    group.addTask {
                        for (stream, events) in mine { try await store.append(events, to: stream, expecting: .any) }
                    }
                }
                try await group.waitForAll()
            }
        }
        return BenchMeasurement(events: tasks * batches * 100, seconds: seconds, extra: ["tasks": Double(tasks)])
    }

    private static func decode(_ events: ArraySlice<RecordedEvent>) throws -> [SurveyAnswerRecorded] {
        var answers: [SurveyAnswerRecorded] = []
        answers.reserveCapacity(events.count)
        for event in events {
            if case .surveyAnswerRecorded(let answer)? = try CompetenceEvent.codec.decode(event) {
                answers.append(answer)
            }
        }
        return answers
    }

    /// Reads the whole log in global order, page by page, decoding every event into a typed
    /// ``SurveyAnswerRecorded`` and folding them in order. The next page is read while the current one is decoded,
    /// and each page is decoded in two halves at once (two cores); the fold still sees the events in global order.
    private static func replay(_ store: FileEventStore) async throws -> Int {
        let pageSize = 4096
        var count = 0
        var checksum = 0
        var next: Task<EventPage, any Error>? = Task { try await store.readAll(from: 1, limit: pageSize, filter: .all) }
        while let pending = next {
            let page = try await pending.value
            next =
                page.events.isEmpty
                ? nil : Task { try await store.readAll(from: page.nextPosition, limit: pageSize, filter: .all) }
            let middle = page.events.count / 2
            async let firstHalf = decode(page.events[..<middle])
            let secondHalf = try decode(page.events[middle...])
            for answer in try await firstHalf + secondHalf {
                checksum &+= answer.current
                count += 1
            }
        }
        precondition(checksum != 0 || count == 0)
        return count
    }
}

/// Where bench stores live; the temporary directory (when no path was given) is removed when the suite
/// is released. The read cases' store is written once, on first use.
final class FileBenchScratch: Sendable {
    static let readStream = StreamName("organisation-7")

    let base: String
    let removeBase: Bool
    let events: Int
    private let populatedPath = Mutex<String?>(nil)

    init(base: String?, events: Int) {
        self.base = base ?? FileManager.default.temporaryDirectory.path + "/competence-bench-\(UUID().uuidString)"
        self.removeBase = base == nil
        self.events = events
    }

    deinit {
        if removeBase { try? FileManager.default.removeItem(atPath: base) }
    }

    /// Runs `body` on a new durable store, removed afterwards.
    func withNewStore(
        durability: FileStoreOptions.Durability = .durable, _ body: (FileEventStore) async throws -> BenchMeasurement
    ) async throws -> BenchMeasurement {
        let path = base + "/append-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(try FileEventStore(directory: path, options: FileStoreOptions(durability: durability)))
    }

    /// The path of a store of `events` events in 100 streams, written on first call (batched durability).
    func populated() async throws -> String {
        if let path = populatedPath.withLock({ $0 }) { return path }
        let path = base + "/log-\(events)"
        try? FileManager.default.removeItem(atPath: path)
        let store = try FileEventStore(
            directory: path, options: FileStoreOptions(durability: .batched(interval: .milliseconds(100))))
        var written = 0
        while written < events {
            let count = min(1_000, events - written)
            let batch = (0..<count).map { BenchAnswers.event(written + $0) }
            try await store.append(batch, to: StreamName("organisation-\(written / 1_000 % 100)"), expecting: .any)
            written += count
        }
        populatedPath.withLock { $0 = path }
        return path
    }
}
