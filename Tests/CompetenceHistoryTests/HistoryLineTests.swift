import CompetenceCore
import Foundation
import Testing

@testable import CompetenceHistory

/// One NDJSON line per event: the documented fields in order, JSON and compact payloads, unknown types, and
/// every way a line can be wrong.
@Suite("History lines")
struct HistoryLineTests {
    private func text(_ event: RecordedEvent) throws -> String {
        String(decoding: try HistoryLine(event: event).encoded(), as: UTF8.self)
    }

    private func parse(_ text: String, line: Int = 1) throws -> RecordedEvent {
        try HistoryLine(parsing: Data(text.utf8), file: "h.ndjson", line: line).event
    }

    private func event(
        type: String = "FutureThing", stream: String = "future-1", payload: EventPayload,
        metadata: EventMetadata = .none
    ) -> RecordedEvent {
        RecordedEvent(
            id: UUID(uuidString: "0A0B0C0D-0000-4000-8000-000000000001")!, stream: StreamName(stream), version: 2,
            position: 9, type: type, schemaVersion: 3, occurredAt: Date(timeIntervalSince1970: 1_709_631_000),
            recordedAt: Date(timeIntervalSince1970: 1_709_631_000.123456), metadata: metadata, payload: payload)
    }

    @Test("every event of the demo (JSON payloads) reads back equal, payload bytes and all")
    func jsonRoundTrip() async throws {
        let events = try await HistorySamples.events(try await HistorySamples.demo())
        #expect(events.count > 500)
        for (index, event) in events.enumerated() {
            let line = try text(event)
            #expect(!line.contains("\n"))
            #expect(try parse(line, line: index + 1) == event)
        }
    }

    @Test("compact payloads are written as JSON and stored compact again, byte for byte")
    func compactRoundTrip() async throws {
        let events = try await HistorySamples.events(try await HistorySamples.demo(encoding: .compact))
        for event in events {
            #expect(event.payload.encoding == .compact)
            let line = try text(event)
            #expect(line.contains(#""payload_encoding":"compact","payload":{"#))
            let read = try parse(line)
            #expect(read == event)
        }
    }

    @Test("a compact payload of a type this build does not know travels as base64, with a null payload")
    func unknownCompact() throws {
        let unknown = event(payload: EventPayload(encoding: .compact, bytes: Data([1, 2, 3, 255])))
        let line = try text(unknown)
        #expect(line.hasSuffix(#","payload_encoding":"compact","payload_base64":"AQID/w==","payload":null}"#))
        #expect(try parse(line) == unknown)
    }

    @Test("a JSON payload of an unknown type is kept byte for byte, spacing included")
    func unknownJSON() throws {
        let bytes = Data(#"{ "z" : [1, 2.50, "é\u00e9"], "a": {} }"#.utf8)
        let unknown = event(payload: .json(bytes))
        let line = try text(unknown)
        #expect(line.hasSuffix(#","payload":{ "z" : [1, 2.50, "é\u00e9"], "a": {} }}"#))
        #expect(try parse(line).payload.bytes == bytes)
    }

    @Test("an unknown type's JSON payload marked compact cannot be stored compact again")
    func unknownCompactWithoutBase64() throws {
        let line = try text(event(payload: .json(Data("{}".utf8))))
            .replacingOccurrences(of: #""payload_encoding":"json""#, with: #""payload_encoding":"compact""#)
        let error = try #require(throws: HistoryError.self) { try parse(line, line: 4) }
        #expect(
            error.description
                == "h.ndjson, line 4: type FutureThing is unknown to this build, so its JSON payload cannot be "
                + "stored compact again")
    }

    @Test("the fields come in the documented order; metadata is snake_case and leaves out what is absent")
    func fieldOrder() throws {
        let metadata = EventMetadata(
            correlationID: UUID(uuidString: "11111111-2222-4333-8444-555555555555")!, recordedBy: "analyst",
            origin: EventOrigin(source: "survey.csv", row: 3, contentHash: "ff00"))
        let line = try text(event(payload: .json(Data("{}".utf8)), metadata: metadata))
        #expect(
            line
                == #"{"id":"0a0b0c0d-0000-4000-8000-000000000001","stream":"future-1","version":2,"position":9,"#
                + #""type":"FutureThing","schema_version":3,"occurred_at":"2024-03-05T09:30:00.000000Z","#
                + #""recorded_at":"2024-03-05T09:30:00.123456Z","metadata":{"correlation_id":"#
                + #""11111111-2222-4333-8444-555555555555","origin":{"content_hash":"ff00","row":3,"#
                + #""source":"survey.csv"},"recorded_by":"analyst"},"payload_encoding":"json","payload":{}}"#)
        #expect(try parse(line).metadata == metadata)
    }

    @Test("a stream or type with quotes, backslashes and line breaks stays on one line and reads back")
    func hostileNames() throws {
        let hostile = event(
            type: "Odd\"Type\\\n", stream: "s\"t\\r\u{2028}eam\n",
            payload: EventPayload(encoding: .compact, bytes: Data([0])))
        let line = try text(hostile)
        #expect(!line.contains("\n"))
        #expect(try parse(line) == hostile)
    }

    @Test("times are UTC with microseconds")
    func instants() throws {
        #expect(EventTime.format(Date(timeIntervalSince1970: 1_709_631_000.25)) == "2024-03-05T09:30:00.250000Z")
        #expect(EventTime.format(Date(timeIntervalSince1970: 0.000_000_4)) == "1970-01-01T00:00:00.000000Z")
        #expect(EventTime.format(Date(timeIntervalSince1970: 0.000_000_6)) == "1970-01-01T00:00:00.000001Z")
        #expect(EventTime.format(Date(timeIntervalSince1970: 59.999_999_6)) == "1970-01-01T00:01:00.000000Z")
        #expect(EventTime.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500000Z")
        #expect(EventTime.parse("2024-03-05T09:30:00.5Z") == Date(timeIntervalSince1970: 1_709_631_000.5))
        #expect(EventTime.parse("2024-03-05T09:30:00Z") == Date(timeIntervalSince1970: 1_709_631_000))
        #expect(EventTime.parse("1969-12-31T23:59:59.500000Z") == Date(timeIntervalSince1970: -0.5))
        for bad in [
            "2024-03-05 09:30:00Z", "2024-03-05T09:30:00", "2024-03-05T24:00:00Z", "2024-03-05T09:60:00Z",
            "2024-02-30T09:30:00Z", "2024-03-05T9:30:00Z", "2024-03-05T09:30:00.Z", "2024-03-05T09:30:00.1234567890Z",
            "2024-03-05T09:30:00.+1Z", "2024-03-05T+9:30:00Z", "",
        ] {
            #expect(EventTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("the raw payload is found by key at the top level only, whatever the strings hold")
    func rawField() {
        let text = #"{"a":"x}\",\"payload\":1","nested":{"payload":2},"payload" : {"b":[1,{"c":"]}"}]} ,"z":null}"#
        let bytes = Array(text.utf8)
        let range = RawJSONField.range(of: "payload", in: bytes)
        #expect(range.map { String(decoding: bytes[$0], as: UTF8.self) } == #"{"b":[1,{"c":"]}"}]}"#)
        #expect(RawJSONField.range(of: "z", in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) } == "null")
        #expect(RawJSONField.range(of: "missing", in: bytes) == nil)
        #expect(RawJSONField.range(of: "payload", in: Array("[1]".utf8)) == nil)
        #expect(RawJSONField.range(of: "p\u{e9}", in: Array(#"{"p\u00e9":true}"#.utf8)) != nil)
    }

    @Test("a cut-short line ending inside a string's escape gives no field, never a crash (found by the fuzz test)")
    func rawFieldOfACutShortLine() {
        for text in [#"{"a"#, #"{"count":1,"head_hash":"ab"#, #"{"a":""#, #"{"a":[""#, #"{"a":{"b":""#] {
            #expect(RawJSONField.range(of: "head_hash", in: Array(text.utf8)) == nil, "\(text)")
        }
    }

    /// A sound line of a known type to break in ``badLines(change:replacement:reason:)``.
    static let sound = """
        {"id":"0a0b0c0d-0000-4000-8000-000000000001","stream":"competence-excel","version":1,"position":1,\
        "type":"CompetenceDefined","schema_version":1,"occurred_at":"2024-03-05T09:30:00.000000Z",\
        "recorded_at":"2024-03-05T09:30:00.000000Z",\
        "metadata":{"correlation_id":"11111111-2222-4333-8444-555555555555"},\
        "payload_encoding":"json","payload":{"category":"digital","competence":"excel","name":"Excel",\
        "scale":{"labels":[],"maximum":5,"minimum":1}}}
        """

    @Test("the sound line reads")
    func soundLine() throws {
        let event = try parse(Self.sound)
        #expect(event.type == "CompetenceDefined" && event.stream == StreamName("competence-excel"))
        guard case .competenceDefined(let defined) = try event.decoded() else {
            Issue.record("not a CompetenceDefined")
            return
        }
        #expect(defined.name == "Excel")
    }

    @Test(
        "a broken line names the file, the line and what is wrong",
        arguments: [
            (#"{"id":"#, #"{"id":"#, "not a JSON object of an exported event"),
            (#""type":"CompetenceDefined","#, "", "the field 'type' is missing"),
            (#""schema_version":1"#, #""schema_version":"one""#, "the field 'schema_version' has the wrong type"),
            (#""version":1"#, #""version":null"#, "the field 'version' has the wrong type"),
            (#""id":"0a0b0c0d-0000-4000-8000-000000000001""#, #""id":"nope""#, "id 'nope' is not a UUID"),
            (
                #""occurred_at":"2024-03-05T09:30:00.000000Z""#, #""occurred_at":"yesterday""#,
                "occurred_at 'yesterday' is not a UTC time YYYY-MM-DDTHH:MM:SS.ffffffZ"
            ),
            (
                #""recorded_at":"2024-03-05T09:30:00.000000Z""#, #""recorded_at":"2024-03-05""#,
                "recorded_at '2024-03-05' is not a UTC time"
            ),
            (
                #""payload_encoding":"json""#, #""payload_encoding":"xml""#,
                "payload_encoding 'xml' is neither json nor compact"
            ),
            (#""version":1"#, #""version":0"#, "version and position start at 1"),
            (#""position":1"#, #""position":-4"#, "version and position start at 1"),
            (
                #""correlation_id":"11111111-2222-4333-8444-555555555555""#, #""correlation_id":"x""#,
                "metadata.correlation_id 'x' is not a UUID"
            ),
            (#""name":"Excel","#, "", "the payload is not a valid CompetenceDefined: "),
            (
                #""payload_encoding":"json","#, #""payload_encoding":"compact","payload_base64":"***","#,
                "payload_base64 is not base64"
            ),
        ])
    func badLines(change: String, replacement: String, reason: String) throws {
        #expect(Self.sound.contains(change))
        let broken = change == #"{"id":"# ? change : Self.sound.replacingOccurrences(of: change, with: replacement)
        let error = try #require(throws: HistoryError.self) { try parse(broken, line: 7) }
        guard case .badLine(let file, let line, let said) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(file == "h.ndjson" && line == 7)
        #expect(said.hasPrefix(reason), "\(said)")
        #expect(error.description.hasPrefix("h.ndjson, line 7: \(reason)"))
    }

    @Test("a line without a payload field is refused")
    func noPayload() throws {
        let payload =
            #","payload":{"category":"digital","competence":"excel","name":"Excel","#
            + #""scale":{"labels":[],"maximum":5,"minimum":1}}"#
        let line = Self.sound.replacingOccurrences(of: payload, with: "")
        #expect(line != Self.sound)
        let error = try #require(throws: HistoryError.self) { try parse(line) }
        #expect(error.description == "h.ndjson, line 1: the field 'payload' is missing")
    }
}
