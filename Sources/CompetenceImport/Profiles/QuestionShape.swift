import CompetenceCore
import Foundation

/// How a survey tool writes the header of a question column: where the question text (naming a competence)
/// and the aspect text (current, target, importance, before the training) are.
enum QuestionShape: String, Sendable, CaseIterable {
    /// `QUESTION ASPECT`: a Likert row followed by the aspect, e.g. Webropol's `Excel-osaaminen nyt`.
    case questionThenAspect = "QUESTION ASPECT"
    /// `ASPECT [QUESTION]`: a grid's title and its row, e.g. Google Forms' `Osaamisen taso nyt [Excel]`,
    /// LimeSurvey's full question text `Current level [Excel]`.
    case aspectThenBracketedQuestion = "ASPECT [QUESTION]"
    /// `[QUESTION] ASPECT`: the subquestion first, e.g. `[Excel] Current level` (LimeSurvey).
    case bracketedQuestionThenAspect = "[QUESTION] ASPECT"
    /// `ASPECT.QUESTION`: a Likert question's title and its statement, e.g. Microsoft Forms' `Osaaminen nyt.Excel`.
    case aspectDotQuestion = "ASPECT.QUESTION"

    /// Every reading of `header` under this shape as a question text and an aspect (several where a separator
    /// occurs more than once: the caller keeps the reading whose question it knows).
    func readings(of header: String) -> [(question: String, aspect: QuestionAspect)] {
        let text = header.trimming(.whitespaces)
        var readings: [(String, String)] = []
        switch self {
        case .questionThenAspect:
            return QuestionAspect.suffix(of: text).map { [$0] } ?? []
        case .aspectThenBracketedQuestion:
            guard text.hasSuffix("]"), let open = text.lastIndex(of: "[") else { return [] }
            readings = [
                (String(text[text.index(after: open)..<text.index(before: text.endIndex)]), String(text[..<open]))
            ]
        case .bracketedQuestionThenAspect:
            guard text.hasPrefix("["), let close = text.firstIndex(of: "]") else { return [] }
            readings = [
                (String(text[text.index(after: text.startIndex)..<close]), String(text[text.index(after: close)...]))
            ]
        case .aspectDotQuestion:
            readings = text.indices.filter { text[$0] == "." }.map { dot in
                (String(text[text.index(after: dot)...]), String(text[..<dot]))
            }
        }
        return readings.compactMap { question, aspect in
            let question = question.trimming(.whitespaces)
            guard !question.isEmpty, let named = QuestionAspect.named(by: aspect) else { return nil }
            return (question, named)
        }
    }
}
