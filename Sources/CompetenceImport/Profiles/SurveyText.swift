import Foundation

/// The one comparison of survey texts (headers, question texts, answer texts): case, surrounding blanks,
/// runs of blanks and non-breaking spaces do not matter.
enum SurveyText {
    /// `text` lower-cased, trimmed, with every run of whitespace one space.
    static func folded(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The words of `text` (letters and digits), folded.
    static func words(_ text: String) -> [String] {
        folded(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
