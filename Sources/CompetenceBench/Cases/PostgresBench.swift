import CompetenceCore
import Foundation
import PostgresStore

/// Bench cases for the PostgreSQL store. Every run works in a new schema (`bench_<time>`) of the given
/// database, so figures never mix with earlier runs; drop the schema afterwards if space matters.
enum PostgresBench {
    static func cases(url: String, events: Int) -> [BenchCase] {
        let schema = "bench_\(Int(Date().timeIntervalSince1970))_\(UInt16.random(in: 0...UInt16.max))"
        let configuration = PostgresConfiguration(connectionString: url, schema: schema, poolSize: 16)
        let store = StoreBox(configuration: configuration)
        return [
            BenchCase(name: "append-single-1-task") {
                let count = min(events, 10_000)
                let (_, seconds) = try await measure {
                    for index in 0..<count {
                        try await store.get().append(
                            BenchEvents.batch(1, seed: index), to: StreamName("single-\(index % 100)"), expecting: .any)
                    }
                }
                return BenchMeasurement(events: count, seconds: seconds)
            },
            BenchCase(name: "append-single-16-tasks") {
                let perTask = max(1, min(events, 32_000) / 16)
                let pg = try store.get()
                let (_, seconds) = try await measure {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for task in 0..<16 {
                            group.addTask {
                                for index in 0..<perTask {
                                    try await pg.append(
                                        BenchEvents.batch(1, seed: task * perTask + index),
                                        to: StreamName("tasks-\(task)-\(index % 10)"), expecting: .any)
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                }
                return BenchMeasurement(events: perTask * 16, seconds: seconds)
            },
            BenchCase(name: "append-batch-100") {
                let batches = max(1, min(events, 200_000) / 100)
                let pg = try store.get()
                let (_, seconds) = try await measure {
                    for batch in 0..<batches {
                        try await pg.append(
                            BenchEvents.batch(100, seed: batch), to: StreamName("batch-\(batch % 100)"), expecting: .any
                        )
                    }
                }
                return BenchMeasurement(events: batches * 100, seconds: seconds)
            },
            // The floors: what the server and the disk allow with none of the store's work, measured in the
            // same run, so that each append case reads as a share of what is possible here.
            BenchCase(name: "floor-insert-1-task") {
                let count = min(events, 10_000)
                let (_, seconds) = try await measure {
                    try await store.get().insertFloorForBenchmark(count: count, tasks: 1, payload: floorPayload)
                }
                return BenchMeasurement(events: count, seconds: seconds)
            },
            BenchCase(name: "floor-insert-16-tasks") {
                let count = max(16, min(events, 32_000))
                let (_, seconds) = try await measure {
                    try await store.get().insertFloorForBenchmark(count: count, tasks: 16, payload: floorPayload)
                }
                return BenchMeasurement(events: count, seconds: seconds)
            },
            BenchCase(name: "copy-raw-batch-100") {
                var floorConfiguration = configuration
                floorConfiguration.schema = configuration.schema + "_copy100"
                let pg = try PostgresEventStore(configuration: floorConfiguration)
                defer { pg.close() }
                try await pg.migrate()
                let batches = max(1, min(events, 200_000) / 100)
                let appends = (0..<batches).map { batch in
                    StreamAppend(
                        stream: StreamName("batch-\(batch % 100)"), expectedVersion: .any,
                        events: BenchEvents.batch(100, seed: batch))
                }
                let (_, seconds) = try await measure { try await pg.copyBatchesForBenchmark(appends) }
                return BenchMeasurement(events: batches * 100, seconds: seconds)
            },
            importCase(name: "import-200k", configuration: configuration, events: events, raw: false),
            importCase(name: "copy-raw-200k", configuration: configuration, events: events, raw: true),
            replayCase(name: "replay", configuration: configuration, events: events, encoding: .json),
            replayCase(name: "replay-compact", configuration: configuration, events: events, encoding: .compact),
            replayCase(
                name: "replay-undecoded", configuration: configuration, events: events, encoding: .json, decode: false),
            BenchCase(name: "read-stream") {
                let pg = try store.get()
                let stream = StreamName("readstream-1")
                let length = 10_000
                if try await pg.currentVersion(of: stream) == 0 {
                    for batch in 0..<(length / 1000) {
                        try await pg.append(answers(1000, seed: batch), to: stream, expecting: .any)
                    }
                }
                let rounds = max(1, min(events, 200_000) / length)
                let (_, seconds) = try await measure {
                    for _ in 0..<rounds {
                        let read = try await pg.readStream(stream)
                        precondition(read.count == length)
                    }
                }
                return BenchMeasurement(events: rounds * length, seconds: seconds)
            },
        ]
    }

    /// One append of up to 200,000 survey answers (JSON) in 100 streams into a schema of its own — an
    /// import, which travels by `COPY` into a staging table — or, `raw`, the same rows copied straight into
    /// the `events` table with one `COPY` and nothing else: the reference the import is measured against.
    static func importCase(name: String, configuration: PostgresConfiguration, events: Int, raw: Bool) -> BenchCase {
        BenchCase(name: name) {
            var importConfiguration = configuration
            importConfiguration.schema = configuration.schema + (raw ? "_raw" : "_import")
            let pg = try PostgresEventStore(configuration: importConfiguration)
            defer { pg.close() }
            try await pg.migrate()
            let count = max(100, min(events, 200_000) / 100 * 100)
            let appends = (0..<100).map { stream in
                StreamAppend(
                    stream: StreamName("import-\(stream)"), expectedVersion: .noStream,
                    events: (0..<(count / 100)).map { BenchAnswers.event(stream * count / 100 + $0, encoding: .json) })
            }
            let (_, seconds) = try await measure {
                if raw { try await pg.copyRawForBenchmark(appends) } else { _ = try await pg.append(appends) }
            }
            return BenchMeasurement(events: count, seconds: seconds)
        }
    }

    /// Replays a schema of its own holding only survey answers in `encoding`, so every replayed event is
    /// decoded into a typed ``SurveyAnswerRecorded`` (JSON: the analysts' `jsonb` form; compact: `bytea`).
    /// Without `decode`, the pages are read and not decoded: the reading floor of the `jsonb` replay (the
    /// server's `jsonb` output and the transfer).
    static func replayCase(
        name: String, configuration: PostgresConfiguration, events: Int, encoding: PayloadEncoding,
        decode: Bool = true
    ) -> BenchCase {
        BenchCase(name: name) {
            var replayConfiguration = configuration
            replayConfiguration.schema = configuration.schema + "_\(encoding)"
            let pg = try PostgresEventStore(configuration: replayConfiguration)
            defer { pg.close() }
            try await fill(pg, upTo: Int64(events), encoding: encoding)
            let ((count, checksum), seconds) = try await measure { try await replay(pg, decode: decode) }
            return BenchMeasurement(events: count, seconds: seconds, extra: ["checksum": Double(checksum)])
        }
    }

    /// Appends survey answers in batches of 1,000 until the log holds at least `target` events (untimed).
    static func fill(_ store: PostgresEventStore, upTo target: Int64, encoding: PayloadEncoding = .json) async throws {
        var head = try await store.headPosition()
        var batch = 0
        while head < target {
            let size = Int(min(1000, target - head))
            try await store.append(
                answers(size, seed: batch, encoding: encoding), to: StreamName("replay-\(batch % 1000)"),
                expecting: .any)
            head += Int64(size)
            batch += 1
        }
    }

    /// The payload of the insert floor: a survey answer's JSON, as the replay cases store it.
    static let floorPayload: String = {
        String(decoding: BenchAnswers.event(0, encoding: .json).payload.bytes, as: UTF8.self)
    }()

    static func answers(_ count: Int, seed: Int, encoding: PayloadEncoding = .json) -> [NewEvent] {
        (0..<count).map { BenchAnswers.event(seed * count + $0, encoding: encoding) }
    }

    /// Reads the whole log page by page and decodes every payload. The next page is fetched while the
    /// current one decodes, and each page decodes in two halves in parallel (JSON decoding is the bottleneck:
    /// Foundation's `JSONDecoder` manages about 140,000 small objects per second per core).
    static func replay(_ store: PostgresEventStore, decode decoding: Bool = true) async throws -> (Int, Int) {
        let pageSize = 4096
        var next: Int64 = 1
        var count = 0
        var checksum = 0
        var pending: Task<EventPage, any Error>? = Task {
            try await store.readAll(from: 1, limit: pageSize, filter: .all)
        }
        while let fetching = pending {
            let page = try await fetching.value
            guard let last = page.events.last else { break }
            next = max(page.nextPosition, last.position + 1)
            let from = next
            pending =
                page.events.count == pageSize
                ? Task { try await store.readAll(from: from, limit: pageSize, filter: .all) } : nil
            let events = page.events
            count += events.count
            guard decoding else {
                checksum &+= events.reduce(0) { $0 &+ $1.payload.bytes.count }
                continue
            }
            let half = events.count / 2
            async let first = decode(events[..<half])
            async let second = decode(events[half...])
            let sums = try await [first, second]
            checksum &+= sums[0] &+ sums[1]
        }
        return (count, checksum)
    }

    private static func decode(_ events: ArraySlice<RecordedEvent>) async throws -> Int {
        var sum = 0
        for event in events {
            guard case .surveyAnswerRecorded(let answer)? = try CompetenceEvent.codec.decode(event) else {
                throw BenchError.unsupportedStore("replay met an event it cannot decode: \(event.type)")
            }
            sum &+= answer.current
        }
        return sum
    }
}

/// Opens the bench store once, on first use, so that a failure to connect is reported by the first case.
private final class StoreBox: Sendable {
    private let result: Result<PostgresEventStore, PostgresError>

    init(configuration: PostgresConfiguration) {
        result = Result { () throws(PostgresError) in try PostgresEventStore(configuration: configuration) }
    }

    func get() throws -> PostgresEventStore { try result.get() }
}
