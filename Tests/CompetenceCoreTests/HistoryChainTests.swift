import Foundation
import Testing

@testable import CompetenceCore

/// The history chain of history-chain.md: canonical JSON, canonical events, hashes and anchors, times.
@Suite("History chain")
struct HistoryChainTests {
    private func canonical(_ text: String) throws -> String {
        String(decoding: try CanonicalJSON.canonical(Array(text.utf8)), as: UTF8.self)
    }

    @Test("a payload as PostgreSQL's jsonb writes it back (keys reordered, spaces added) has the same canonical form")
    func jsonbForm() throws {
        let appended = #"{"respondent":"p1","current":2,"answeredOn":"2024-01-10","scores":[1,2.50],"note":null}"#
        let fromJsonb =
            #"{"note": null, "scores": [1, 2.50], "current": 2, "answeredOn": "2024-01-10", "respondent": "p1"}"#
        #expect(try canonical(appended) == canonical(fromJsonb))
        #expect(
            try canonical(appended)
                == #"{"answeredOn":"2024-01-10","current":2,"note":null,"respondent":"p1","scores":[1,2.5]}"#)
        #expect(try canonical(" \n{ \"a\" :\t[ ] , \"b\":{}}\r\n") == #"{"a":[],"b":{}}"#)
    }

    @Test(
        "numbers are written as their exact decimal value",
        arguments: [
            ("1.50", "1.5"), ("1e2", "100"), ("1E+2", "100"), ("-0", "0"), ("-0.0e5", "0"), ("0.00", "0"),
            ("1E-7", "0.0000001"), ("-12.340", "-12.34"), ("12e-50", "12e-50"), ("1e100", "1e100"),
            ("12345678901234567890123", "12345678901234567890123"), ("0.1", "0.1"), ("250e-2", "2.5"),
            ("100", "100"), ("-7", "-7"),
        ])
    func numbers(_ input: String, _ expected: String) throws {
        #expect(try canonical(input) == expected)
    }

    @Test("strings: only quote, backslash and controls escaped; escapes of other characters resolved")
    func strings() throws {
        #expect(try canonical(#""\u00e4\/\u0041\ud83d\ude00""#) == "\"ä/A😀\"")
        #expect(try canonical(#""a\"b\\c\n\t\u001f\u007f""#) == "\"a\\\"b\\\\c\\n\\t\\u001f\u{7F}\"")
        #expect(try canonical("\"ä\u{2028}\"") == "\"ä\u{2028}\"")
    }

    @Test("of a key given twice, the last value is kept (as jsonb keeps it)")
    func duplicateKeys() throws {
        #expect(try canonical(#"{"a":1,"b":2,"a":3}"#) == #"{"a":3,"b":2}"#)
    }

    @Test(
        "what is not one JSON value is refused with a typed error",
        arguments: [
            "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "1e", "tru", "\"abc", "\"\\ud800\"", "\"\\udc00\"",
            "\"\u{1}\"", "{} {}", "{1:2}", "\"\\x\"", "1e9999999",
        ])
    func refused(_ input: String) {
        #expect(throws: CanonicalJSON.Error.self) { try CanonicalJSON.canonical(Array(input.utf8)) }
    }

    @Test("invalid UTF-8 and nesting beyond the limit are refused")
    func bytes() {
        #expect(throws: CanonicalJSON.Error.self) { try CanonicalJSON.canonical([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: CanonicalJSON.Error.self) { try CanonicalJSON.canonical([0x22, 0xED, 0xA0, 0x80, 0x22]) }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: CanonicalJSON.Error.self) { try CanonicalJSON.canonical(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try CanonicalJSON.canonical(Array(fine.utf8)) }
    }

    /// An event with every envelope field set.
    private func sample(position: Int64 = 1, payload: EventPayload? = nil) -> RecordedEvent {
        RecordedEvent(
            id: UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF")!, stream: "round-r1", version: 2,
            position: position, type: "SurveyAnswerRecorded", schemaVersion: 1,
            occurredAt: EventTime.parse("2024-01-10T00:00:00Z")!,
            recordedAt: EventTime.parse("2024-11-23T10:59:01.532118Z")!,
            metadata: EventMetadata(
                correlationID: UUID(uuidString: "99999999-9999-4999-8999-999999999999")!, recordedBy: "analyst",
                origin: EventOrigin(source: "baseline.csv", row: 1, contentHash: "5d41")),
            payload: payload ?? .json(Data(#"{"current": 2, "answeredOn": "2024-01-10"}"#.utf8)))
    }

    @Test("the canonical event: store-assigned fields first, big-endian, every field length-prefixed")
    func canonicalEvent() throws {
        let bytes = try CanonicalEvent.bytes(sample())
        func int64(at offset: Int) -> Int64 {
            bytes[offset..<offset + 8].reduce(0) { $0 << 8 | Int64($1) }
        }
        #expect(int64(at: 0) == 1 && int64(at: 8) == 2)
        #expect(int64(at: 16) == 1_732_359_541_532_118)
        #expect(
            Array(bytes[24..<40]) == [
                0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF,
            ])
        #expect(Array(bytes[40..<44]) == [0, 0, 0, 8] && String(decoding: bytes[44..<52], as: UTF8.self) == "round-r1")
        let payload = #"{"answeredOn":"2024-01-10","current":2}"#
        #expect(bytes.suffix(payload.utf8.count + 5) == [1, 0, 0, 0, UInt8(payload.utf8.count)] + Array(payload.utf8))
        // The same event with its payload spelled differently has the same bytes.
        let respelled = sample(payload: .json(Data(#"{"current":2,"answeredOn":"2024-01-10"}"#.utf8)))
        #expect(try CanonicalEvent.bytes(respelled) == bytes)
        // Any other field changes them.
        var other = sample()
        other.metadata.recordedBy = nil
        #expect(try CanonicalEvent.bytes(other) != bytes)
        var compact = sample(payload: EventPayload(encoding: .compact, bytes: Data([1, 2, 3])))
        #expect(try CanonicalEvent.bytes(compact).suffix(8) == [2, 0, 0, 0, 3, 1, 2, 3])
        compact.payload = .json(Data("not json".utf8))
        #expect(throws: HistoryChainError.self) { try CanonicalEvent.bytes(compact) }
    }

    @Test("hash(n) = SHA-256(hash(n-1) ‖ canonical(event n)) from 32 zero bytes; version 1 is pinned")
    func chain() throws {
        var chain = HistoryChain()
        #expect(chain.head == .genesis && chain.head.description == "0:" + String(repeating: "0", count: 64))
        let first = try chain.append(sample(position: 1))
        let second = try chain.append(sample(position: 2))
        #expect(first == (try HistoryChain.hash(after: .zero, sample(position: 1))))
        #expect(second == (try HistoryChain.hash(after: first, sample(position: 2))))
        #expect(chain.head == HistoryAnchor(position: 2, hash: second))
        // Version 1 of the layout, pinned: a change here is a new chain version, never an edit.
        #expect(first.description == HistoryChainTests.pinnedFirstHash, "\(first)")
    }

    /// The hash of ``sample(position:payload:)`` at position 1 after the genesis, computed independently from
    /// the layout in Docs/Architecture.md (a few lines of Python's struct and hashlib; the worked example there).
    static let pinnedFirstHash = "d8ebee2fd6fa1e7a418b83a1844809357b6e455a6c828547bcb3181cdfdf1c62"

    @Test("anchors read and print as POSITION:HASH; anything else is refused")
    func anchors() throws {
        let hash = String(repeating: "ab", count: 32)
        let anchor = try #require(HistoryAnchor("20:" + hash))
        #expect(anchor.position == 20 && anchor.description == "20:" + hash)
        #expect(HistoryAnchor("20:" + hash.uppercased())?.description == "20:" + hash)
        for bad in [
            "", "20", "20:", ":" + hash, "-1:" + hash, "+1:" + hash, "20:" + hash.dropLast(), "20:" + hash + "0",
            "x:" + hash, "20:" + hash.dropLast() + "g", "1:2:" + hash,
        ] {
            #expect(HistoryAnchor(bad) == nil, "\(bad)")
        }
    }

    @Test("times: one rounding to microseconds, the same through a FileStore's Double and PostgreSQL's integer")
    func times() {
        // Exact to the microsecond while a Double of seconds since 2001 resolves one (about 1729–2273).
        for micros: Int64 in [0, 1, -1, 1_732_359_541_532_118, -5_364_662_400_000_001, 4_102_444_799_999_999] {
            let date = EventTime.date(microseconds: micros)
            #expect(EventTime.microseconds(date) == micros)
            // A FileStore keeps seconds since 2001 as a Double.
            let stored = Date(timeIntervalSinceReferenceDate: date.timeIntervalSinceReferenceDate)
            #expect(EventTime.microseconds(stored) == micros)
            #expect(EventTime.parse(EventTime.format(date)) == date, "\(EventTime.format(date))")
        }
        #expect(EventTime.format(EventTime.date(microseconds: 1_732_359_541_532_118)) == "2024-11-23T10:59:01.532118Z")
        #expect(EventTime.microseconds(Date(timeIntervalSince1970: .nan)) == 0)
        #expect(EventTime.microseconds(Date(timeIntervalSince1970: .infinity)) == .max)
        #expect(EventTime.parse("2024-01-10T00:00:00.1234565Z") == EventTime.date(microseconds: 1_704_844_800_123_457))
    }
}
