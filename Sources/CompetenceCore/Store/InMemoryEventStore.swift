import Foundation
import Synchronization

/// An ``EventStore`` that keeps the log in memory: for tests, demos and embedding where nothing must
/// outlive the process. It keeps every promise of the protocol except durability.
public final class InMemoryEventStore: SubjectKeyHolding {
    private struct State {
        var log: [RecordedEvent] = []
        var streams: [StreamName: [Int]] = [:]
        var byID: [UUID: Int] = [:]
        var checkpoints: [String: Data] = [:]
    }

    private let state = Mutex(State())
    private let notifier = AppendNotifier()
    private let clock: @Sendable () -> Date
    private let maxPayloadBytes: Int?

    /// The keys of the store's data subjects, in memory beside the log (they live as long as the store).
    public let subjectKeys: any SubjectKeyStore = InMemorySubjectKeyStore()

    /// Creates an empty store.
    ///
    /// - Parameters:
    ///   - maxPayloadBytes: payloads larger than this are refused; `nil` for no limit.
    ///   - clock: the source of recorded times (inject a fixed clock in tests).
    public init(maxPayloadBytes: Int? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.maxPayloadBytes = maxPayloadBytes
        self.clock = clock
    }

    public func append(_ appends: [StreamAppend]) async throws -> [AppendResult] {
        let now = clock()
        let (results, head) = try state.withLock { state in
            let plan = try AppendPlanner.plan(
                appends, nextPosition: Int64(state.log.count) + 1, recordedAt: now, maxPayloadBytes: maxPayloadBytes,
                currentVersion: { Int64(state.streams[$0]?.count ?? 0) },
                locate: { id in
                    state.byID[id].map {
                        let event = state.log[$0]
                        return StoredEventLocation(
                            stream: event.stream, version: event.version, position: event.position)
                    }
                })
            for event in plan.newEvents {
                let index = state.log.count
                state.log.append(event)
                state.streams[event.stream, default: []].append(index)
                state.byID[event.id] = index
            }
            return (plan.results, Int64(state.log.count))
        }
        notifier.advance(to: head)
        return results
    }

    public func readStream(
        _ stream: StreamName, from version: Int64, direction: ReadDirection, limit: Int
    ) async throws -> [RecordedEvent] {
        state.withLock { state in
            guard let indexes = state.streams[stream], limit > 0 else { return [] }
            let count = Int64(indexes.count)
            switch direction {
            case .forwards:
                let first = max(version, 1)
                guard first <= count else { return [] }
                let last = min(count, first + Int64(min(limit, indexes.count)) - 1)
                return (first...last).map { state.log[indexes[Int($0 - 1)]] }
            case .backwards:
                let first = min(version, count)
                guard first >= 1 else { return [] }
                let last = max(1, first - Int64(min(limit, indexes.count)) + 1)
                return stride(from: first, through: last, by: -1).map { state.log[indexes[Int($0 - 1)]] }
            }
        }
    }

    public func currentVersion(of stream: StreamName) async throws -> Int64 {
        state.withLock { Int64($0.streams[stream]?.count ?? 0) }
    }

    public func readAll(from position: Int64, limit: Int, filter: EventFilter) async throws -> EventPage {
        state.withLock { state in
            var events: [RecordedEvent] = []
            var index = Int(max(position, 1) - 1)
            while index < state.log.count, events.count < limit {
                let event = state.log[index]
                if filter.matches(event) { events.append(event) }
                index += 1
            }
            return EventPage(events: events, nextPosition: Int64(index) + 1)
        }
    }

    public func headPosition() async throws -> Int64 {
        state.withLock { Int64($0.log.count) }
    }

    public func waitForEvents(from position: Int64) async throws {
        try await notifier.wait(from: position)
    }
}

extension InMemoryEventStore: CheckpointStore {
    public func loadCheckpoint(named name: String) async throws -> Data? {
        try CheckpointName.check(name)
        return state.withLock { $0.checkpoints[name] }
    }

    public func saveCheckpoint(_ blob: Data, named name: String) async throws {
        try CheckpointName.check(name)
        state.withLock { $0.checkpoints[name] = blob }
    }

    public func removeCheckpoint(named name: String) async throws {
        try CheckpointName.check(name)
        _ = state.withLock { $0.checkpoints.removeValue(forKey: name) }
    }
}
