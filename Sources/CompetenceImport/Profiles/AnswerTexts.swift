/// Answer texts of survey tools read as levels of the 1–5 scale (Docs/Survey-Tools.md has the table).
///
/// A cell is read, in order: a whole number (`4`); a number with a label, whose leading number counts
/// (`4 - Hyvä`, `4 – works independently`, `4. Hyvä`); a word or phrase of the table below in Finnish, Swedish
/// or English (any case); a code of the profile (LimeSurvey's `A1`…`A5`). "Cannot say" answers (`En osaa sanoa`,
/// `Kan inte säga`, `Don't know`, `N/A`…) are no answer, like an empty cell. Anything else is refused, naming the
/// cell.
enum AnswerTexts {
    /// What a level cell must hold, for messages.
    static let expectation =
        "a level: a whole number, a number with a label (4 - Hyvä), or an answer text such as Ei lainkaan, "
        + "Perustaso, Kohtalainen, Hyvä, Erinomainen (Docs/Survey-Tools.md lists them in Finnish, Swedish and English)"

    /// What a cell says.
    enum Reading: Equatable {
        case level(Int)
        case noAnswer
        case unknown
    }

    /// Reads `text` (already trimmed, not empty), with `codes` the profile's own answer codes.
    static func read(_ text: String, codes: [String: Int] = [:]) -> Reading {
        if let value = Int(text) { return .level(value) }
        if let value = leadingNumber(text) { return .level(value) }
        let folded = SurveyText.folded(text)
        if let value = levels[folded] { return .level(value) }
        if noAnswer.contains(folded) { return .noAnswer }
        if let value = codes.first(where: { SurveyText.folded($0.key) == folded })?.value { return .level(value) }
        return .unknown
    }

    /// The number a labelled answer starts with: digits, then a separator (`-`, `–`, `—`, `.`, `:`, `)`) or a
    /// space, then a label.
    private static func leadingNumber(_ text: String) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2, let value = Int(digits) else { return nil }
        let rest = text.dropFirst(digits.count)
        guard let next = rest.first, next.isWhitespace || "-–—.:)".contains(next) else { return nil }
        guard rest.contains(where: { $0.isLetter }) else { return nil }
        return value
    }

    /// Words and phrases for the five levels, in Finnish, Swedish and English, folded.
    static let levels: [String: Int] = {
        var table: [String: Int] = [:]
        let words: [(Int, [String])] = [
            (
                1,
                [
                    "ei lainkaan", "ei osaamista", "ei yhtään", "ei mitään", "inte alls", "ingen kunskap",
                    "ingen kompetens", "none", "not at all", "no competence", "no skills",
                ]
            ),
            (
                2,
                [
                    "perustaso", "perusteet", "vähäinen", "vähän", "heikko", "alkeet", "grundläggande", "grundnivå",
                    "lite", "svag", "basic", "basics", "beginner", "little", "poor",
                ]
            ),
            (
                3,
                [
                    "kohtalainen", "ohjattuna", "tyydyttävä", "keskitaso", "måttlig", "med handledning",
                    "tillfredsställande", "moderate", "fair", "with guidance", "intermediate", "satisfactory",
                ]
            ),
            (
                4,
                [
                    "hyvä", "itsenäisesti", "itsenäinen", "god", "självständigt", "självständig", "good",
                    "independent", "independently", "works independently", "advanced",
                ]
            ),
            (
                5,
                [
                    "erinomainen", "erittäin hyvä", "asiantuntija", "utmärkt", "mycket god", "expert", "excellent",
                    "very good", "teaches others", "opettaa muita", "lär ut till andra",
                ]
            ),
        ]
        for (level, phrases) in words {
            for phrase in phrases { table[phrase] = level }
        }
        return table
    }()

    /// "Cannot say" and similar: no answer.
    static let noAnswer: Set<String> = [
        "en osaa sanoa", "eos", "ei koske minua", "kan inte säga", "vet inte", "don't know", "do not know",
        "cannot say", "can't say", "not applicable", "n/a", "-",
    ]
}
