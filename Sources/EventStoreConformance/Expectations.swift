import CompetenceCore
import Foundation

/// Fails the running check unless `condition` holds.
func require(
    _ condition: @autoclosure () async throws -> Bool, _ message: @autoclosure () -> String,
    file: String = #fileID, line: Int = #line
) async throws {
    guard try await condition() else { throw ConformanceFailure(message: message(), file: file, line: line) }
}

/// Runs `body`, expecting it to throw an `E`, and returns that error.
@discardableResult
func requireError<E: Error>(
    _ type: E.Type, _ what: String, file: String = #fileID, line: Int = #line,
    _ body: () async throws -> Void
) async throws -> E {
    do {
        try await body()
    } catch let error as E {
        return error
    } catch {
        throw ConformanceFailure(message: "\(what): expected \(E.self), got \(error)", file: file, line: line)
    }
    throw ConformanceFailure(message: "\(what): expected \(E.self), but it succeeded", file: file, line: line)
}

/// Whether two payloads are the same: compact bytes exactly; JSON as JSON values (a backend may normalise
/// whitespace and key order).
func samePayload(_ a: EventPayload, _ b: EventPayload) -> Bool {
    guard a.encoding == b.encoding else { return false }
    if a.bytes == b.bytes { return true }
    guard a.encoding == .json,
        let x = try? JSONSerialization.jsonObject(with: a.bytes, options: [.fragmentsAllowed]),
        let y = try? JSONSerialization.jsonObject(with: b.bytes, options: [.fragmentsAllowed])
    else { return false }
    return (x as? NSObject)?.isEqual(y) ?? false
}

/// Test events with distinct, recognisable contents.
enum Sample {
    static let epoch = Date(timeIntervalSince1970: 1_696_118_400)  // 2023-10-01T00:00:00Z

    static func event(_ label: String, type: String = "SampleHappened", index: Int = 0) -> NewEvent {
        NewEvent(
            id: UUID(),
            type: type,
            schemaVersion: 1,
            occurredAt: epoch.addingTimeInterval(Double(index) * 86_400 + 0.123456),
            metadata: EventMetadata(
                correlationID: UUID(), causationID: UUID(), recordedBy: "conformance",
                origin: EventOrigin(source: "sample.csv", row: index + 1, contentHash: "abc123")),
            payload: .json(Data(#"{"label":"\#(label)","n":\#(index),"text":"quote ' \" ; -- DROP TABLE x; ä"}"#.utf8)))
    }

    static func events(_ count: Int, label: String = "e", type: String = "SampleHappened") -> [NewEvent] {
        (0..<count).map { event("\(label)\($0)", type: type, index: $0) }
    }

    static func compactEvent() -> NewEvent {
        var event = event("compact")
        event.payload = EventPayload(encoding: .compact, bytes: Data((0...255).map { UInt8($0) } + [0, 0, 1]))
        return event
    }
}

/// Whether a recorded event carries exactly what was proposed.
func matches(_ recorded: RecordedEvent, _ proposed: NewEvent) -> Bool {
    recorded.id == proposed.id && recorded.type == proposed.type
        && recorded.schemaVersion == proposed.schemaVersion
        && abs(recorded.occurredAt.timeIntervalSince(proposed.occurredAt)) < 0.000_001
        && recorded.metadata == proposed.metadata
        && samePayload(recorded.payload, proposed.payload)
}

/// Collects the whole log through the asynchronous sequence.
func readWholeLog(
    _ store: any EventStore, filter: EventFilter = .all, pageSize: Int = 7
) async throws -> [RecordedEvent] {
    var all: [RecordedEvent] = []
    for try await event in store.events(from: 1, filter: filter, pageSize: pageSize) { all.append(event) }
    return all
}
