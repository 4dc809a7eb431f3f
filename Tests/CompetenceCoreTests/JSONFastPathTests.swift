import Foundation
import Testing

@testable import CompetenceCore

/// The reference: Foundation's `JSONDecoder` with the payload strategies (the `Decodable` path).
private func viaFoundation<T: Decodable>(_ type: T.Type, _ bytes: Data) throws -> T {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(T.self, from: bytes)
}

/// Decodes through the generic decoder only (the generic constraint hides the `JSONDecodable` overload).
private func viaReader<T: Decodable>(_ type: T.Type, _ bytes: Data) throws -> T {
    try JSONPayloadCoding.decode(T.self, from: bytes)
}

@Suite("JSON payloads without JSONDecoder")
struct JSONFastPathTests {
    /// Every type of the catalogue, in the encoder's form, in the form `jsonb` gives back, and spread over
    /// lines: the reader, the generic decoder and the codec agree with Foundation's `JSONDecoder`.
    @Test func everyCatalogueTypeDecodesLikeFoundation() throws {
        var types = Set<String>()
        for sample in CatalogueSamples.all {
            try check(sample)
            types.insert(type(of: sample).eventType)
        }
        #expect(types == CompetenceEvent.codec.knownTypes, "every catalogue type has a sample")
    }

    /// `sample` with its personal text sealed (as read back from a payload the ledger wrote).
    private func sealed<Event: LedgerEvent>(_ sample: Event) throws -> Event {
        let subjects = try PersonalDataSealer.subjectsToSeal(in: [sample])
        guard !subjects.isEmpty else { return sample }
        let sealer = PersonalDataSealer(keys: Dictionary(uniqueKeysWithValues: subjects.map { ($0, .random()) }))
        let payload = try CompetenceEvent.codec.encode(sample, as: .json, sealer: sealer)
        return try viaFoundation(Event.self, payload.bytes)
    }

    private func check<Event: LedgerEvent>(_ draft: Event) throws {
        let sample = try sealed(draft)
        let canonical = try JSONPayloadCoding.encode(sample)
        for form in [canonical, JSONBForm.rewrite(canonical), JSONBForm.rewrite(canonical, spread: true)] {
            let text = String(decoding: form, as: UTF8.self)
            #expect(try viaFoundation(Event.self, form) == sample, "\(text)")
            #expect(try viaReader(Event.self, form) == sample, "\(text)")
            let decoded = try CompetenceEvent.codec.decode(
                type: Event.eventType, schemaVersion: Event.schemaVersion, payload: .json(form))
            #expect(decoded == CompetenceEvent(sample), "\(text)")
        }
    }

    /// A codec uses a type's direct reader when it has one (here one that marks what it read).
    @Test func theCodecTakesTheDirectReader() throws {
        var codec = EventCodec<Probe>()
        codec.register(Probe.self) { $0 }
        let decoded = try codec.decode(
            type: Probe.eventType, schemaVersion: 1, payload: .json(Data(#"{"value":3}"#.utf8)))
        #expect(decoded == Probe(value: 3, direct: true))
        #expect(try viaReader(Probe.self, Data(#"{"value":3}"#.utf8)) == Probe(value: 3, direct: false))
    }

    @Test func theJSONBFormReordersKeysAndAddsSpaces() throws {
        let answer = CompactFastPathTests.answers[1]
        let rewritten = String(decoding: JSONBForm.rewrite(try JSONPayloadCoding.encode(answer)), as: UTF8.self)
        #expect(rewritten.hasPrefix(#"{"rater": "#), "keys by length, then bytes: \(rewritten)")
        #expect(rewritten.contains(#"", "round": ""#))
    }

    /// Survey answers — the replay's hot type — through the direct reader, in both forms.
    @Test func surveyAnswersReadTheSameAsThroughFoundation() throws {
        for answer in CompactFastPathTests.answers {
            let canonical = try JSONPayloadCoding.encode(answer)
            for form in [canonical, JSONBForm.rewrite(canonical)] {
                let direct = try JSONPayloadCoding.decode(SurveyAnswerRecorded.self, from: form)
                #expect(direct == answer)
                #expect(direct == (try viaFoundation(SurveyAnswerRecorded.self, form)))
                #expect(direct == (try viaReader(SurveyAnswerRecorded.self, form)))
            }
        }
    }

    /// Escapes of every kind (the encoder's and `jsonb`'s, `\uXXXX` with surrogate pairs, `\/`) and text
    /// outside ASCII decode as Foundation decodes them.
    @Test func escapesAndUnicodeDecodeLikeFoundation() throws {
        let texts = [
            "quote \" backslash \\ slash / tab \t newline \n return \r", "ä ö å ✓ 𝄞 🙂", "\u{1} \u{1F} \u{7F}", "",
        ]
        for text in texts {
            let answer = SurveyAnswerRecorded(
                round: RoundID(text), respondent: "p", organisation: OrganisationID(text), competence: "c", current: 1,
                answeredOn: CalendarDate(year: 2024, month: 1, day: 2)!)
            let form = try JSONPayloadCoding.encode(answer)
            #expect(try JSONPayloadCoding.decode(SurveyAnswerRecorded.self, from: form) == answer)
            #expect(try viaReader(SurveyAnswerRecorded.self, form) == answer)
        }
        let escaped = Data(
            (#"{"answeredOn":"2024-01-02","competence":"\u00e4\ud83d\ude42\/\b\f","current":1,"organisation":"o","#
                + #""perspective":"current","rater":"self","respondent":"p","round":"r"}"#).utf8)
        let reference = try viaFoundation(SurveyAnswerRecorded.self, escaped)
        #expect(reference.competence.rawValue == "ä🙂/\u{8}\u{C}")
        #expect(try JSONPayloadCoding.decode(SurveyAnswerRecorded.self, from: escaped) == reference)
        #expect(try viaReader(SurveyAnswerRecorded.self, escaped) == reference)
    }

    /// Optional members absent or `null`, unknown members (of any shape) ignored, as `Decodable` does.
    @Test func optionalAndUnknownMembers() throws {
        let text = #"""
            { "round" : "r", "respondent":"p","organisation":"o","competence":"c","current":-3,
              "target": null, "extra": {"a": [1, 2.5e3, true, false, null, {"b": "\u00e4"}]}, "answeredOn":"2024-01-02",
              "rater":"manager", "perspective":"retrospective-pre", "more": [] }
            """#
        let form = Data(text.utf8)
        let reference = try viaFoundation(SurveyAnswerRecorded.self, form)
        #expect(reference.target == nil && reference.importance == nil && reference.current == -3)
        #expect(try JSONPayloadCoding.decode(SurveyAnswerRecorded.self, from: form) == reference)
        #expect(try viaReader(SurveyAnswerRecorded.self, form) == reference)
    }

    /// A repeated member: the last one counts, as PostgreSQL's `jsonb` keeps it.
    @Test func aRepeatedMemberKeepsTheLastValue() throws {
        let form = Data(
            (#"{"answeredOn":"2024-01-02","competence":"c","current":1,"current":4,"organisation":"o","#
                + #""perspective":"current","rater":"self","respondent":"p","round":"r"}"#).utf8)
        #expect(try JSONPayloadCoding.decode(SurveyAnswerRecorded.self, from: form).current == 4)
        #expect(try viaReader(SurveyAnswerRecorded.self, form).current == 4)
    }

    /// Payloads that follow the encoder's order up to a point and then differ — a repeated last member, a
    /// member after the last, an escaped name, a space, a missing or `null` member — are read as the general
    /// path (and Foundation) reads them: the reader in the encoder's order never decides alone.
    @Test func nearlyTheEncodersFormReadsAsTheGeneralPath() throws {
        let head = #"{"answeredOn":"2024-01-02","competence":"c","current":2,"importance":3,"organisation":"o","#
        let forms = [
            head + #""perspective":"current","rater":"self","respondent":"p","round":"r","target":4}"#,
            head + #""perspective":"current","rater":"self","respondent":"p","round":"r","round":"s"}"#,
            head + #""perspective":"current","rater":"self","respondent":"p","round":"r","target":4,"target":5}"#,
            head + #""perspective":"current","rater":"self","respondent":"p","round":"r","target":4,"x":[1]}"#,
            head + #""perspective":"current","rater":"self","respondent":"p","round":"r","target":4}"#,
            head + #""perspective":"current","rater":"self","respondent":"p","round": "r"}"#,
            head + #""perspective":"current","rater":"self","respondent":"p","round":"r","target":null}"#,
            head + #""perspective":"retrospective-pre","rater":"peer","respondent":"p","round":"r"}"#,
            head + #""perspective":"current","rater":"self","round":"r","respondent":"p"}"#,
            head + #""perspective":"current","rater":"self","respondent":"p","round":"r","target":4 }"#,
            head + #""perspective":"current","rater":"self","respondent":"p"}"#,
            head + #""perspective":"current","rater":"self","respondent":"p","round":"r","target":4"#,
        ]
        for (index, text) in forms.enumerated() {
            let form = Data(text.utf8)
            // The generic decoder never takes the reader in the encoder's order.
            let general = try? viaReader(SurveyAnswerRecorded.self, form)
            #expect((try? JSONPayloadCoding.decode(SurveyAnswerRecorded.self, from: form)) == general, "\(text)")
            // Foundation too, but for a repeated member: it does not keep the last, as `jsonb` and this reader do.
            if ![1, 2].contains(index) { #expect(general == (try? viaFoundation(SurveyAnswerRecorded.self, form))) }
        }
        #expect((try? viaReader(SurveyAnswerRecorded.self, Data(forms[0].utf8))) != nil)
        #expect((try? viaReader(SurveyAnswerRecorded.self, Data(forms[10].utf8))) == nil)
        let repeated = Data(forms[1].utf8)
        #expect(try JSONPayloadCoding.decode(SurveyAnswerRecorded.self, from: repeated).round == "s")
    }

    /// Malformed and hostile payloads: every one is a `DecodingError` on every path — never a crash, a hang or
    /// a value — and Foundation refuses each too.
    @Test func malformedPayloadsAreRefusedOnEveryPath() throws {
        let valid = String(decoding: try JSONPayloadCoding.encode(CompactFastPathTests.answers[2]), as: UTF8.self)
        var inputs: [Data] = (0..<valid.utf8.count).map { Data(valid.utf8.prefix($0)) }  // every truncation
        func replacing(_ target: String, with replacement: String) -> String {
            valid.replacingOccurrences(of: target, with: replacement)
        }
        var bad: [String] = [valid + "x", valid + "}", "[" + valid + "]", "", "   ", "null", "42", "\"text\""]
        bad.append(replacing("\"current\":", with: "\"current\":0"))  // a leading zero
        bad.append(replacing("\"current\":", with: "\"current\":\"") + "\"")
        for number in ["1e400", "99999999999999999999", "2.5", "null", "-", "1.", "1e", ".5", "+1", "0x10"] {
            bad.append(replacing("\"current\":", with: "\"current\":\(number),\"x\":"))
        }
        bad.append(replacing("\"current\":", with: "\"x\":"))  // a required member missing
        bad.append(replacing("\"round\":\"", with: "\"round\":\"\\ud800"))  // a lone surrogate
        bad.append(replacing("\"round\":\"", with: "\"round\":\"\\udc00"))
        bad.append(replacing("\"round\":\"", with: "\"round\":\"\\x"))  // an unknown escape
        bad.append(replacing("\"round\":\"", with: "\"round\":\"\u{1}"))  // a raw control character
        bad.append(replacing("\"round\":\"", with: "\"round\":\"\\u12"))
        bad.append(replacing(",", with: ",,"))
        bad.append(replacing(":", with: "="))
        bad.append(replacing("\"rater\":\"", with: "\"rater\":\"robot"))
        bad.append(replacing("\"answeredOn\":\"", with: "\"answeredOn\":\"2023-02-30\",\"x\":\""))
        bad.append(replacing("}", with: ",\"x\":" + String(repeating: "[", count: 100_000) + "}"))
        bad.append(replacing("}", with: ",\"x\":tru}"))
        inputs += bad.map { Data($0.utf8) }
        var invalidUTF8 = Data(valid.utf8)
        invalidUTF8[invalidUTF8.firstIndex(of: UInt8(ascii: "p"))!] = 0xC3  // a lead byte without its follower
        inputs.append(invalidUTF8)
        for input in inputs {
            let text = String(decoding: input.prefix(200), as: UTF8.self)
            #expect(throws: DecodingError.self, "\(text)") {
                try JSONPayloadCoding.decode(SurveyAnswerRecorded.self, from: input)
            }
            #expect(throws: DecodingError.self, "\(text)") { try viaReader(SurveyAnswerRecorded.self, input) }
            #expect(throws: (any Error).self, "\(text)") { try viaFoundation(SurveyAnswerRecorded.self, input) }
        }
    }

    /// Random byte flips of valid payloads: the reader either agrees with Foundation or both refuse.
    @Test func mutatedPayloadsAgreeWithFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        for (index, answer) in CompactFastPathTests.answers.prefix(100).enumerated() {
            var bytes = [UInt8](try JSONPayloadCoding.encode(answer))
            for _ in 0..<(1 + index % 3) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let input = Data(bytes)
            let reference = try? viaFoundation(SurveyAnswerRecorded.self, input)
            let direct = try? JSONPayloadCoding.decode(SurveyAnswerRecorded.self, from: input)
            let generic = try? viaReader(SurveyAnswerRecorded.self, input)
            let text = String(decoding: input, as: UTF8.self)
            #expect(direct == reference, "\(text)")
            #expect(generic == reference, "\(text)")
        }
    }
}

/// Rewrites JSON the way PostgreSQL's `jsonb` prints it: object keys ordered by length, then bytes; one space
/// after every `:` and `,` (or, `spread`, line breaks and indentation too). Scalars are kept as written. A
/// test helper for well-formed input only.
enum JSONBForm {
    static func rewrite(_ json: Data, spread: Bool = false) -> Data {
        var parser = Parser(bytes: Array(json))
        var output = ""
        parser.value().write(to: &output, spread: spread, depth: 0)
        return Data(output.utf8)
    }

    indirect enum Value {
        case scalar(String)
        case array([Value])
        case object([(key: String, value: Value)])

        func write(to output: inout String, spread: Bool, depth: Int) {
            let gap = spread ? "\n" + String(repeating: "  ", count: depth + 1) : ""
            switch self {
            case .scalar(let text): output += text
            case .array(let elements):
                output += "[" + gap
                for (index, element) in elements.enumerated() {
                    if index > 0 { output += ", " + gap }
                    element.write(to: &output, spread: spread, depth: depth + 1)
                }
                output += "]"
            case .object(let members):
                let sorted = members.sorted { first, second in
                    let (a, b) = (Array(first.key.utf8), Array(second.key.utf8))
                    return a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
                }
                output += "{" + gap
                for (index, member) in sorted.enumerated() {
                    if index > 0 { output += ", " + gap }
                    output += member.key + ": "
                    member.value.write(to: &output, spread: spread, depth: depth + 1)
                }
                output += "}"
            }
        }
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skip() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func value() -> Value {
            skip()
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: Value)] = []
                skip()
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object([])
                }
                while true {
                    skip()
                    let key = string()
                    skip()
                    index += 1  // ':'
                    members.append((key, value()))
                    skip()
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
                }
            case UInt8(ascii: "["):
                index += 1
                var elements: [Value] = []
                skip()
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array([])
                }
                while true {
                    elements.append(value())
                    skip()
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
                }
            case UInt8(ascii: "\""): return .scalar(string())
            default:
                let start = index
                while index < bytes.count, !",]} \n\r\t".utf8.contains(bytes[index]) { index += 1 }
                return .scalar(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        /// A string token as written, quotes included.
        mutating func string() -> String {
            let start = index
            index += 1
            while bytes[index] != UInt8(ascii: "\"") { index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1 }
            index += 1
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
    }
}

/// An event whose direct reader marks the values it reads, so a test can see which path decoded them.
private struct Probe: DomainEvent, JSONDecodable {
    static let eventType = "Probe"
    var value: Int
    var direct = false

    enum CodingKeys: String, CodingKey { case value }

    init(value: Int, direct: Bool) {
        self.value = value
        self.direct = direct
    }

    init(json reader: inout JSONReader) throws {
        var value: Int?
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: &first) {
            if key.equals("value") { value = try reader.readInt() } else { try reader.skipValue() }
        }
        guard let value else { throw reader.missing("value", in: Probe.self) }
        self.init(value: value, direct: true)
    }
}
