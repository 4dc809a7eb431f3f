/// Text made safe for a terminal: the one place where anything shown to a person (tables, messages, errors,
/// progress) loses the characters a terminal would act on instead of showing.
///
/// Replaced, each by a visible `\u{…}` escape of its code point: the C0 controls (U+0000–U+001F: ESC starts
/// every escape sequence, BEL rings, CR rewrites the line), DEL, the C1 controls (U+0080–U+009F: CSI and OSC
/// on terminals that read 8-bit controls), and the bidirectional overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which reorder what is shown. Line feeds are kept where a message may span lines; tabs
/// are kept there too. Everything else is shown as it is.
package enum TerminalText {
    /// How much layout a text may carry.
    package enum Layout: Sendable {
        /// One line, such as a table cell: line feeds and tabs are escaped too.
        case singleLine
        /// A message: line feeds and tabs are kept.
        case multiline
    }

    /// `text` with every character a terminal would act on replaced by its visible escape.
    package static func sanitised(_ text: String, _ layout: Layout = .multiline) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || (layout == .multiline && ($0 == 0x0A || $0 == 0x09)) }) {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isInert(scalar, layout) {
                out.append(scalar)
            } else {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }

    private static func isInert(_ scalar: Unicode.Scalar, _ layout: Layout) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: layout == .multiline
        case 0x00...0x1F, 0x7F...0x9F: false
        case 0x202A...0x202E, 0x2066...0x2069: false
        default: true
        }
    }
}
