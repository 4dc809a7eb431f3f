import Foundation
import Testing

@testable import CompetenceCore

/// `trimming(_:)` is Foundation's `trimmingCharacters(in:)` for the same set, without bridging: checked against
/// Foundation itself, scalar by scalar and on random texts made of the characters where they could differ.
@Suite("Text: trimming as Foundation trims")
struct TrimmingTests {
    private static func foundationSet(_ characters: TrimmedCharacters) -> CharacterSet {
        switch characters {
        case .whitespaces: .whitespaces
        case .newlines: .newlines
        case .whitespacesAndNewlines: .whitespacesAndNewlines
        }
    }

    /// Every scalar up to U+30FF (all of Unicode's separators lie below U+3001) and the last planes' edges, alone
    /// and between letters.
    @Test(arguments: TrimmedCharacters.allCases)
    func everyScalarAloneAndInsideIsTrimmedAsFoundationDoes(_ characters: TrimmedCharacters) {
        let set = Self.foundationSet(characters)
        var differences: [String] = []
        let values = Array(0..<0x3100) + [0xFEFF, 0xFFFD, 0x1_F600, 0xE_0020, 0x10_FFFD]
        for value in values {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "a\(scalar)b", "\(scalar)a\(scalar)"] {
                let expected = text.trimmingCharacters(in: set)
                if text.trimming(characters) != expected { differences.append(String(format: "U+%04X", value)) }
            }
        }
        #expect(differences.isEmpty, "differs from Foundation for \(differences.prefix(20))")
    }

    /// Random texts of spaces, tabs, line breaks, Unicode separators, zero-width and byte-order marks, combining
    /// marks, letters and an emoji, as strings and as substrings.
    @Test(arguments: TrimmedCharacters.allCases)
    func randomTextsAreTrimmedAsFoundationDoes(_ characters: TrimmedCharacters) {
        let pool: [String] = [
            " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}",
            "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{301}", "a", "é",
            "Ä", "😀", "\u{1F}", "=",
        ]
        let set = Self.foundationSet(characters)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pool.randomElement(using: &generator)!
            }
            .joined()
            #expect(text.trimming(characters) == text.trimmingCharacters(in: set), "\(Array(text.unicodeScalars))")
            let inner = "x" + text + "y"
            let slice = inner.dropFirst().dropLast()
            #expect(slice.trimming(characters) == String(slice).trimmingCharacters(in: set))
        }
    }
}
