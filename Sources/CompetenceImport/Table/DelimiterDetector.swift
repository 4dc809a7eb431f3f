/// Decides whether a CSV file separates fields with `,`, `;` (Finnish spreadsheet exports) or a tab (Excel's
/// "Unicode text", some survey tools' exports).
enum DelimiterDetector {
    /// The delimiter of `text`: the one of `,`, `;` and tab that occurs most often outside quotes in the header
    /// line; `,` when none occurs, and on a tie the first of `,`, `;`, tab.
    static func detect(in text: String) -> UnicodeScalar {
        var inQuotes = false
        var counts: [UnicodeScalar: Int] = [",": 0, ";": 0, "\t": 0]
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": inQuotes.toggle()
            case ",", ";", "\t": if !inQuotes { counts[scalar]! += 1 }
            case "\n", "\r": if !inQuotes { return choice(counts) }
            default: break
            }
        }
        return choice(counts)
    }

    private static func choice(_ counts: [UnicodeScalar: Int]) -> UnicodeScalar {
        var best: UnicodeScalar = ","
        for candidate: UnicodeScalar in [";", "\t"] where counts[candidate]! > counts[best]! { best = candidate }
        return best
    }
}
