import Foundation

/// What a question column asks about a competence: the current level, the target level, its importance, or —
/// the then-test — the level before the training, asked at follow-up.
enum QuestionAspect: String, Hashable, Sendable, CaseIterable {
    case current
    case target
    case importance
    case retrospective

    /// The aspect a header's aspect text names, or `nil` when it names none or several. Words in Finnish,
    /// Swedish and English (Docs/Survey-Tools.md): a text with a "before" word (`ennen`, `före`, `before`) is the
    /// then-test, whatever else it says (`Osaaminen nyt ennen koulutusta`); otherwise exactly one aspect's words
    /// must occur.
    static func named(by text: String) -> QuestionAspect? {
        let words = Set(SurveyText.words(text))
        if !words.isDisjoint(with: vocabulary[.retrospective]!) { return .retrospective }
        let found = [QuestionAspect.current, .target, .importance].filter { !words.isDisjoint(with: vocabulary[$0]!) }
        return found.count == 1 ? found[0] : nil
    }

    /// The aspect a whole phrase names (`nyt`, `tavoitetaso`, `ennen koulutusta`), used where the header ends
    /// with the aspect (Webropol): the phrases of ``suffixes``.
    static func suffix(of header: String) -> (question: String, aspect: QuestionAspect)? {
        let folded = SurveyText.folded(header)
        var best: (question: String, aspect: QuestionAspect, length: Int)?
        for (aspect, phrases) in suffixes {
            for phrase in phrases where folded.hasSuffix(phrase) && folded.count > phrase.count {
                let question = folded.dropLast(phrase.count)
                guard let last = question.last, last == " " || last == "-" || last == ":" || last == "(" else {
                    continue
                }
                if best == nil || phrase.count > best!.length {
                    let trimmed = question.trimmingSuffix { $0 == " " || $0 == "-" || $0 == ":" || $0 == "(" }
                    best = (String(trimmed), aspect, phrase.count)
                }
            }
        }
        return best.map { ($0.question, $0.aspect) }
    }

    /// The words that name each aspect, folded.
    static let vocabulary: [QuestionAspect: Set<String>] = [
        .current: [
            "nyt", "nykyinen", "nykyään", "nykytaso", "nykytila", "tällä", "nu", "nuvarande", "nuläge", "now",
            "current", "currently", "today",
        ],
        .target: [
            "tavoite", "tavoitetaso", "tavoitteena", "tarve", "tarvittava", "mål", "målnivå", "behov", "target",
            "goal", "required", "needed",
        ],
        .importance: ["tärkeys", "merkitys", "tärkeä", "vikt", "viktighet", "betydelse", "importance", "important"],
        .retrospective: ["ennen", "aiemmin", "före", "innan", "before", "previously"],
    ]

    /// Phrases that end a header to name its aspect (Webropol's `Excel-osaaminen nyt`), folded.
    static let suffixes: [QuestionAspect: [String]] = [
        .current: ["nyt", "nykyinen", "nykytaso", "nu", "nuvarande", "now", "current", "current level"],
        .target: ["tavoite", "tavoitetaso", "mål", "målnivå", "target", "target level", "goal"],
        .importance: ["tärkeys", "merkitys", "vikt", "betydelse", "importance"],
        .retrospective: [
            "ennen koulutusta", "ennen", "före utbildningen", "före", "before training", "before the training",
            "before",
        ],
    ]
}

extension Substring {
    /// The text without a run of trailing characters that satisfy `drop`.
    fileprivate func trimmingSuffix(while drop: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, drop(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
