import CompetenceCore
import Foundation

extension Checks {
    /// An event that brings its own recorded time (a history moved from another store) keeps it to the
    /// microsecond, in every read; an event without one gets the store's clock; a time outside
    /// `EventTime.supportedRange` is refused and nothing of the append is written.
    static func givenRecordedTime(_ store: any EventStore) async throws {
        let before = Date()
        let times = [
            Date(timeIntervalSince1970: 1_599_999_999.123_456),  // 2020-09-13T12:26:39.123456Z
            Date(timeIntervalSince1970: 946_684_800),  // PostgreSQL's epoch
            Date(timeIntervalSince1970: -1_000_000.000_001),  // before 1970
        ]
        var events = Sample.events(4, label: "given")
        for (index, time) in times.enumerated() { events[index].recordedAt = time }
        try await store.append(events, to: "given-a", expecting: .noStream)
        var other = Sample.event("other")
        other.recordedAt = times[0]
        _ = try await store.append([
            StreamAppend(stream: "given-b", expectedVersion: .noStream, events: [other]),
            StreamAppend(stream: "given-c", expectedVersion: .noStream, events: [Sample.event("own clock")]),
        ])
        let read = try await store.readStream("given-a")
        let logged = try await readWholeLog(store)
        try await require(read.count == 4 && logged.count == 6, "reads back every event")
        for (index, time) in times.enumerated() {
            for recorded in [read[index], logged[index]] {
                try await require(
                    EventTime.microseconds(recorded.recordedAt) == EventTime.microseconds(time),
                    "event \(index) keeps its recorded time \(EventTime.format(time)), "
                        + "got \(EventTime.format(recorded.recordedAt))")
            }
        }
        try await require(
            EventTime.microseconds(logged[4].recordedAt) == EventTime.microseconds(times[0]),
            "a given time is kept in a multi-stream append")
        for recorded in [read[3], logged[3], logged[5]] {
            try await require(
                recorded.recordedAt.timeIntervalSince(before) > -5 && recorded.recordedAt.timeIntervalSinceNow < 5,
                "an event without a given time is recorded at the append, got \(recorded.recordedAt)")
        }
        var outOfRange = Sample.event("far")
        outOfRange.recordedAt = Date(timeIntervalSince1970: 253_402_300_800)  // 10000-01-01
        let error = try await requireError(EventStoreError.self, "a recorded time after the year 9999") {
            try await store.append([Sample.event("first"), outOfRange], to: "given-d", expecting: .noStream)
        }
        var namesTheField = false
        if case .invalidEvent(let id, let field, _) = error {
            namesTheField = id == outOfRange.id && field == "recordedAt"
        }
        try await require(namesTheField, "the error names the event and recordedAt: \(error)")
        try await require(try await store.headPosition() == 6, "nothing of the refused append is written")
    }
}
