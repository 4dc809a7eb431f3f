import Foundation
import Testing

@testable import CompetenceCore

/// `CanonicalJSON.canonical` hands back text that is canonical already as it is (`isCanonical`); these tests
/// check on random texts — whitespace, key orders, escapes, unicode, numbers in every spelling, nesting — that
/// the shortcut changes nothing: the result always equals the full parser's, and text the shortcut accepts is
/// exactly its own canonical form.
@Suite("Canonical JSON shortcut")
struct CanonicalShortcutTests {
    @Test func theShortcutAgreesWithTheParserOnRandomTexts() throws {
        var random = SplitMix64(seed: 0x5EED_CA11)
        var accepted = 0
        for round in 0..<4_000 {
            var text = RandomJSON(random: random, style: round % 3 == 0 ? .canonicalLooking : .anySpelling)
            let bytes = text.value(depth: 0)
            random = text.random
            try Self.check(bytes)
            // The parser's output is canonical; the shortcut takes it as it is unless a key needs an escape.
            if let canonical = try? CanonicalJSON.parsed(bytes) {
                try Self.check(canonical)
                if canonical.withUnsafeBytes({ CanonicalJSON.isCanonical($0) }) { accepted += 1 }
            }
        }
        #expect(accepted > 1_000, "the shortcut takes most canonical texts (\(accepted))")
    }

    @Test func payloadsAsTheEncoderWritesThemTakeTheShortcut() throws {
        for sample in CatalogueSamples.all {
            // Personal text is written sealed only; the samples with it are checked by the random texts.
            guard let payload = try? CompetenceEvent.codec.encode(sample, as: .json) else { continue }
            let bytes = [UInt8](payload.bytes)
            try Self.check(bytes)
            #expect(
                bytes.withUnsafeBytes { CanonicalJSON.isCanonical($0) }, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test(arguments: [
        "0", "-1", "10", "1.5", "-0.5", "0.05", "100", "12.05", "[]", "{}", #"{"a":1,"b":[true,false,null]}"#,
        #""a\"b\\c\nd\u001f/é😀""#, "1" + String(repeating: "0", count: 39),
        "0." + String(repeating: "0", count: 40) + "1",
    ])
    func canonicalSpellingsAreTakenAsTheyAre(_ text: String) throws {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { CanonicalJSON.isCanonical($0) })
        #expect(try CanonicalJSON.parsed(bytes) == bytes)
    }

    @Test(arguments: [
        "-0", "1.50", "1e2", "1E2", "01", " 1", "1 ", #"{"b":1,"a":2}"#, #"{"a":1,"a":2}"#, #"{"a":1 }"#,
        #""\/""#, #""\u001F""#, #""\u000a""#, #""\u0041""#, #"{"\u0061":1}"#, "1" + String(repeating: "0", count: 40),
        "0." + String(repeating: "0", count: 41) + "1", "tru", "[1,]", #""\#u{01}""#, "0.0", "-0.0",
    ])
    func otherSpellingsAndMalformedTextGoThroughTheParser(_ text: String) throws {
        let bytes = Array(text.utf8)
        #expect(!bytes.withUnsafeBytes { CanonicalJSON.isCanonical($0) })
        try Self.check(bytes)
    }

    @Test func textThatIsNotUTF8GoesThroughTheParserAndIsRefused() throws {
        for bytes: [UInt8] in [
            [0x22, 0xC3, 0x28, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
        ] {
            #expect(!bytes.withUnsafeBytes { CanonicalJSON.isCanonical($0) })
            #expect(throws: CanonicalJSON.Error.self) { try CanonicalJSON.canonical(bytes) }
        }
    }

    /// `canonical` (with the shortcut) and the parser agree on `bytes`: the same bytes or both refuse; and the
    /// shortcut takes only text that is its own canonical form.
    private static func check(_ bytes: [UInt8]) throws {
        let shortcut = Result { () throws(CanonicalJSON.Error) -> [UInt8] in try CanonicalJSON.canonical(bytes) }
        let parsed = Result { () throws(CanonicalJSON.Error) -> [UInt8] in try CanonicalJSON.parsed(bytes) }
        let text = String(decoding: bytes, as: UTF8.self)
        switch (shortcut, parsed) {
        case (.success(let left), .success(let right)): #expect(left == right, "\(text)")
        case (.failure, .failure): break
        default: Issue.record("the shortcut and the parser disagree on \(text)")
        }
        if bytes.withUnsafeBytes({ CanonicalJSON.isCanonical($0) }) {
            #expect((try? parsed.get()) == bytes, "taken as canonical but is not: \(text)")
        }
    }
}

/// Random JSON text: any value, in a canonical-looking spelling (sorted keys, no spaces, plain numbers) or in
/// any spelling (spaces, key order as drawn, repeated keys, escapes of any character, exponents, zeros).
private struct RandomJSON {
    enum Style { case canonicalLooking, anySpelling }
    var random: SplitMix64
    let style: Style

    private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func value(depth: Int) -> [UInt8] {
        switch below(depth > 3 ? 4 : 6) {
        case 0: return number()
        case 1: return string(asKey: false)
        case 2: return Array(["true", "false", "null"][below(3)].utf8)
        case 3: return style == .anySpelling && chance(5) ? Array("tru".utf8) : number()
        case 4: return array(depth: depth + 1)
        default: return object(depth: depth + 1)
        }
    }

    private mutating func space() -> [UInt8] {
        guard style == .anySpelling, chance(20) else { return [] }
        return Array([" ", "\n", "\t", "\r\n  "][below(4)].utf8)
    }

    private mutating func array(depth: Int) -> [UInt8] {
        var out: [UInt8] = Array("[".utf8) + space()
        for index in 0..<below(4) {
            if index > 0 { out += Array(",".utf8) + space() }
            out += value(depth: depth) + space()
        }
        return out + Array("]".utf8)
    }

    private mutating func object(depth: Int) -> [UInt8] {
        var members: [([UInt8], [UInt8])] = []
        for _ in 0..<below(5) { members.append((string(asKey: true), value(depth: depth))) }
        if style == .canonicalLooking {
            var seen = Set<[UInt8]>()
            members = members.filter { seen.insert($0.0).inserted }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        } else if chance(10), let first = members.first {
            members.append((first.0, value(depth: depth)))
        }
        var out: [UInt8] = Array("{".utf8) + space()
        for (index, member) in members.enumerated() {
            if index > 0 { out += Array(",".utf8) + space() }
            out += member.0 + space() + Array(":".utf8) + space() + member.1 + space()
        }
        return out + Array("}".utf8)
    }

    private mutating func string(asKey: Bool) -> [UInt8] {
        let pool: [Unicode.Scalar] = [
            "a", "b", "c", "z", "A", "0", "_", "/", "\"", "\\", "\n", "\t", "\u{08}", "\u{0C}", "\r", "\u{01}",
            "\u{1F}", "\u{7F}", "é", "ä", "€", "😀", "\u{FFFF}", " ",
        ]
        var out: [UInt8] = Array("\"".utf8)
        for _ in 0..<below(asKey ? 4 : 8) {
            let scalar =
                asKey && style == .canonicalLooking && chance(80)
                ? ["a", "b", "c", "d"][below(4)] : pool[below(pool.count)]
            out += spell(scalar)
        }
        return out + Array("\"".utf8)
    }

    /// One character in a string: canonically, or (any spelling) sometimes as a `\u` escape or `\/`.
    private mutating func spell(_ scalar: Unicode.Scalar) -> [UInt8] {
        if style == .anySpelling, chance(15) {
            if scalar == "/" { return Array(#"\/"#.utf8) }
            var units: [UInt16] = []
            units.append(contentsOf: String(scalar).utf16)
            return units.flatMap { unit in
                Array(("\\u" + String(format: chance(50) ? "%04x" : "%04X", unit)).utf8)
            }
        }
        switch scalar {
        case "\"": return Array(#"\""#.utf8)
        case "\\": return Array(#"\\"#.utf8)
        case "\n": return Array(#"\n"#.utf8)
        case "\t": return Array(#"\t"#.utf8)
        case "\r": return Array(#"\r"#.utf8)
        case "\u{08}": return Array(#"\b"#.utf8)
        case "\u{0C}": return Array(#"\f"#.utf8)
        case "\u{01}": return Array(#"\u0001"#.utf8)
        case "\u{1F}": return Array(#"\u001f"#.utf8)
        default: return Array(String(scalar).utf8)
        }
    }

    private mutating func number() -> [UInt8] {
        var text = ""
        if chance(30) { text += "-" }
        let integer = [
            "0", String(below(10)), String(below(1_000_000)), String(repeating: "9", count: 39 + below(3)),
        ][below(4)]
        text += integer
        if chance(40) {
            let zeros = String(repeating: "0", count: [0, 1, 3, 40, 41][below(5)])
            var digits = String(below(1000))
            if style == .canonicalLooking { while digits.hasSuffix("0") { digits.removeLast() } }
            if !digits.isEmpty { text += "." + zeros + digits }
        }
        if style == .anySpelling, chance(15) {
            text += ["e", "E"][below(2)] + ["", "+", "-"][below(3)] + String(below(60))
        }
        if style == .anySpelling, chance(5) { text = "0" + text }
        return Array(text.utf8)
    }
}
