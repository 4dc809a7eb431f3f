import Foundation
import Testing

@testable import CompetenceCore

/// The direct JSON readers of the replay path's types against Foundation's `JSONDecoder` on random payloads:
/// members in any order with any whitespace, optional members present, `null` or missing, unknown members of
/// any shape, strings with escapes (`\uXXXX`, surrogate pairs, `\/`) and text beyond ASCII, numbers in every
/// spelling (fractions, exponents, `-0`, out of range), and broken members (a wrong type, a bad date or case,
/// a required member missing). Each payload decodes to the same value on both paths, or is refused by both.
@Suite("JSON fast paths on random payloads")
struct JSONFastPathRandomTests {
    @Test func everyDirectReaderAgreesWithFoundation() throws {
        var random = SplitMix64(seed: 0xFA57_0A7B)
        var decoded = 0
        for round in 0..<3_000 {
            switch round % 9 {
            case 0: decoded += try Self.agree(SurveyAnswerRecorded.self, Self.answer, &random)
            case 1: decoded += try Self.agree(PersonRegistered.self, Self.person, &random)
            case 2: decoded += try Self.agree(ParticipationRecorded.self, Self.participation, &random)
            case 3: decoded += try Self.agree(TrainingProcured.self, Self.training, &random)
            case 4: decoded += try Self.agree(TrainingSessionHeld.self, Self.session, &random)
            case 5: decoded += try Self.agree(SurveyRoundOpened.self, Self.round, &random)
            case 6: decoded += try Self.agree(CompetenceDefined.self, Self.competence, &random)
            case 7: decoded += try Self.agree(OrganisationEnrolled.self, Self.organisation, &random)
            default: decoded += try Self.agree(LevelScale.self, Self.scale, &random)
            }
        }
        #expect(decoded > 1_000, "most payloads decode (\(decoded) of 3,000)")
    }

    /// Decodes one random payload of `T` on both paths; 1 when it decoded.
    private static func agree<T: Decodable & Equatable & JSONDecodable>(
        _ type: T.Type, _ fields: [Field], _ random: inout SplitMix64
    ) throws -> Int {
        var payload = RandomPayload(random: random)
        let text = payload.object(fields, depth: 0)
        random = payload.random
        let data = Data(text.utf8)
        let decoder = JSONDecoder()
        let reference = Result { try decoder.decode(T.self, from: data) }
        let direct = Result { try JSONPayloadCoding.decode(T.self, from: data) }
        switch (reference, direct) {
        case (.success(let expected), .success(let value)):
            #expect(value == expected, "\(text)")
            return 1
        case (.failure, .failure):
            return 0
        case (.success, .failure(let error)):
            Issue.record("Foundation decodes, the direct reader refuses (\(error)): \(text)")
        case (.failure(let error), .success):
            Issue.record("Foundation refuses (\(error)), the direct reader decodes: \(text)")
        }
        return 0
    }

    enum Kind {
        case text, id, int, double, bool, date
        case choice([String])
        case ids, texts, scale, needs
    }

    struct Field {
        var name: String
        var kind: Kind
        var optional = false
    }

    static let answer: [Field] = [
        Field(name: "round", kind: .id), Field(name: "respondent", kind: .id), Field(name: "organisation", kind: .id),
        Field(name: "competence", kind: .id), Field(name: "current", kind: .int),
        Field(name: "target", kind: .int, optional: true), Field(name: "importance", kind: .int, optional: true),
        Field(name: "answeredOn", kind: .date), Field(name: "rater", kind: .choice(Rater.allCases.map(\.rawValue))),
        Field(name: "perspective", kind: .choice(Perspective.allCases.map(\.rawValue))),
    ]
    static let person: [Field] = [
        Field(name: "person", kind: .id), Field(name: "organisation", kind: .id),
        Field(name: "role", kind: .choice(PersonRole.allCases.map(\.rawValue))),
    ]
    static let participation: [Field] = [
        Field(name: "training", kind: .id), Field(name: "person", kind: .id), Field(name: "organisation", kind: .id),
        Field(name: "attendedHours", kind: .double), Field(name: "completed", kind: .bool),
        Field(name: "completedOn", kind: .date, optional: true), Field(name: "recordedOn", kind: .date),
    ]
    static let training: [Field] = [
        Field(name: "training", kind: .id), Field(name: "title", kind: .text), Field(name: "provider", kind: .text),
        Field(name: "kind", kind: .choice(TrainingKind.allCases.map(\.rawValue))),
        Field(name: "competences", kind: .ids),
        Field(name: "costCents", kind: .int), Field(name: "hours", kind: .double),
        Field(name: "procuredOn", kind: .date), Field(name: "organisations", kind: .ids),
        Field(name: "programme", kind: .id, optional: true), Field(name: "needs", kind: .needs, optional: true),
    ]
    static let need: [Field] = [
        Field(name: "organisation", kind: .id), Field(name: "competence", kind: .id),
        Field(name: "origin", kind: .choice(NeedOrigin.allCases.map(\.rawValue))),
    ]
    static let session: [Field] = [
        Field(name: "training", kind: .id), Field(name: "session", kind: .text), Field(name: "heldOn", kind: .date),
        Field(name: "hours", kind: .double), Field(name: "topic", kind: .text, optional: true),
    ]
    static let round: [Field] = [
        Field(name: "round", kind: .id), Field(name: "kind", kind: .choice(RoundKind.allCases.map(\.rawValue))),
        Field(name: "organisations", kind: .ids), Field(name: "competences", kind: .ids),
        Field(name: "opensOn", kind: .date), Field(name: "programme", kind: .id, optional: true),
    ]
    static let competence: [Field] = [
        Field(name: "competence", kind: .id), Field(name: "name", kind: .text), Field(name: "category", kind: .text),
        Field(name: "scale", kind: .scale), Field(name: "framework", kind: .id, optional: true),
        Field(name: "escoURI", kind: .text, optional: true),
    ]
    static let organisation: [Field] = [
        Field(name: "organisation", kind: .id), Field(name: "name", kind: .text),
        Field(name: "kind", kind: .choice(OrganisationKind.allCases.map(\.rawValue))),
        Field(name: "sector", kind: .text),
        Field(name: "sizeClass", kind: .choice(SizeClass.allCases.map(\.rawValue))), Field(name: "region", kind: .text),
        Field(name: "programme", kind: .id, optional: true), Field(name: "enrolledOn", kind: .date, optional: true),
    ]
    static let scale: [Field] = [
        Field(name: "minimum", kind: .int), Field(name: "maximum", kind: .int), Field(name: "labels", kind: .texts),
        Field(name: "proficientFrom", kind: .int, optional: true),
    ]
}

/// Writes random JSON objects for a list of fields.
private struct RandomPayload {
    var random: SplitMix64

    private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick(_ options: [String]) -> String { options[below(options.count)] }
    private mutating func space() -> String { chance(25) ? pick([" ", "\n", "\t", "  \r\n"]) : "" }

    mutating func object(_ fields: [JSONFastPathRandomTests.Field], depth: Int) -> String {
        var members: [String] = []
        for field in fields {
            if field.optional, chance(30) { continue }  // missing
            if chance(1) { continue }  // a required member missing: both refuse
            let value = field.optional && chance(30) ? "null" : self.value(field.kind, depth: depth)
            members.append(key(field.name) + space() + ":" + space() + value)
        }
        for name in ["extra", "é", "x\\u0000y"] where chance(15) {
            members.append("\"" + name + "\":" + space() + unknown(depth: 0))
        }
        members.shuffle(using: &random)
        return "{" + space() + members.joined(separator: space() + "," + space()) + space() + "}"
    }

    /// `text`, sometimes with one of its characters spelled as a `\uXXXX` escape (and now and then with a
    /// character beyond ASCII added), so readers that compare or parse the raw bytes meet escaped spellings.
    private mutating func escapingOne(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        if chance(3) { scalars.append("é") }
        guard chance(10), !scalars.isEmpty else { return String(String.UnicodeScalarView(scalars)) }
        let index = below(scalars.count)
        let escaped = String(format: "\\u%04x", scalars[index].value)
        return String(String.UnicodeScalarView(scalars[..<index])) + escaped
            + String(String.UnicodeScalarView(scalars[(index + 1)...]))
    }

    /// A key, sometimes spelled with escapes.
    private mutating func key(_ name: String) -> String {
        guard chance(5), let first = name.unicodeScalars.first, first.isASCII else { return "\"" + name + "\"" }
        return "\"" + String(format: "\\u%04x", first.value) + name.dropFirst() + "\""
    }

    private mutating func value(_ kind: JSONFastPathRandomTests.Kind, depth: Int) -> String {
        if chance(1) { return pick(["true", "[]", "{}", "\"x\"", "1"]) }  // a wrong type now and then
        switch kind {
        case .text, .id: return text()
        case .int: return pick(["0", "-0", "7", "-3", "5", "123456789", "9223372036854775807", "9223372036854775808"])
        case .double:
            return pick([
                "0", "-0", "2", "2.5", "2.50", "25e-1", "2.5E+0", "0.25e1", "-1.5", "1e2", "1E-2", "100.0", "1e400",
                "123456789.125",
            ])
        case .bool: return pick(["true", "false"])
        case .date:
            return "\"" + escapingOne(pick(["2024-02-29", "2023-02-29", "2025-12-31", "2025-1-01", "24-01-01"])) + "\""
        case .choice(let cases): return "\"" + escapingOne(chance(3) ? "unknown" : pick(cases)) + "\""
        case .ids, .texts:
            var items: [String] = []
            for _ in 0..<below(4) { items.append(text()) }
            return "[" + space() + items.joined(separator: "," + space()) + "]"
        case .scale:
            return object(JSONFastPathRandomTests.scale, depth: depth + 1)
        case .needs:
            var items: [String] = []
            for _ in 0..<below(3) { items.append(object(JSONFastPathRandomTests.need, depth: depth + 1)) }
            return "[" + space() + items.joined(separator: "," + space()) + "]"
        }
    }

    /// A string with escapes of every kind and text beyond ASCII.
    private mutating func text() -> String {
        var out = "\""
        for _ in 0..<below(6) {
            out += pick([
                "a", "Z", "9", " ", "-", "é", "Päijät-Häme", "€", "😀", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\b",
                "\\f", "\\r", "\\u00e4", "\\u00C4", "\\ud83d\\ude00", "\\u0001", "/",
            ])
        }
        return out + "\""
    }

    /// An unknown member's value: anything, nested.
    private mutating func unknown(depth: Int) -> String {
        switch below(depth > 2 ? 4 : 6) {
        case 0: return text()
        case 1: return pick(["1", "-2.5e3", "0.0", "true", "false", "null", "-0"])
        case 2: return "[]"
        case 3: return "{}"
        case 4: return "[" + unknown(depth: depth + 1) + "," + space() + unknown(depth: depth + 1) + "]"
        default: return "{\"k\":" + space() + unknown(depth: depth + 1) + "}"
        }
    }
}
