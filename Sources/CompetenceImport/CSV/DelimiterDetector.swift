/// Decides whether a CSV file separates fields with `,` or `;` (Finnish spreadsheet exports use `;`).
enum DelimiterDetector {
    /// The delimiter of `text`: the one of `;` and `,` that occurs more often outside quotes in the header
    /// line; `,` when neither occurs or they tie.
    static func detect(in text: String) -> UnicodeScalar {
        var inQuotes = false
        var commas = 0
        var semicolons = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": inQuotes.toggle()
            case "," where !inQuotes: commas += 1
            case ";" where !inQuotes: semicolons += 1
            case "\n", "\r": if !inQuotes { return semicolons > commas ? ";" : "," }
            default: break
            }
        }
        return semicolons > commas ? ";" : ","
    }
}
