/// What this tool knows about one survey tool's export — as data: the columns the tool always writes (to
/// recognise its files), its own columns that are never imported (metadata; e-mail addresses and names, which
/// are personal data), the column with the answer's time and how the time is written, how a question column's
/// header names its question and aspect, the tool's own answer codes, and how its CSV export is encoded.
///
/// Every profile reads the respondent, organisation and role from the columns ``SurveyColumns`` names (a
/// pseudonym question the survey asks; never the e-mail or name), answer texts through ``AnswerTexts``, and
/// maps question texts to competences through a ``QuestionMap``. Docs/Survey-Tools.md shows each tool's
/// export, and which parts are assumptions.
package struct SurveyProfile: Sendable {
    /// The name on the command line (`--profile NAME`).
    package let name: String
    /// The tool, for messages.
    let tool: String
    /// Columns the tool always writes, in each language it writes them: a header with a column of every group
    /// (compared folded) is this tool's export.
    let signature: [[String]]
    /// The tool's own columns, never imported (compared folded).
    let metadata: [String]
    /// The column with the time of the answer, in each language (the first the header has is read).
    let answeredOn: [String]
    /// How the tool writes that time in text (a workbook's date cell needs none), tried in order.
    let timestamps: [TimestampFormat]
    /// How the tool writes question headers, tried in order.
    let shapes: [QuestionShape]
    /// The tool's own answer codes and their levels (beside ``AnswerTexts``' words).
    let answerCodes: [String: Int]
    /// The encodings its CSV export comes in (the reader detects the encoding from the bytes).
    let encodings: [TextDecoding]
    /// The delimiters its CSV export comes with (the reader detects the delimiter).
    let delimiters: [Character]

    /// Every profile, by name.
    package static let all: [SurveyProfile] = [.webropol, .microsoftForms, .googleForms, .limeSurvey]

    /// The profile called `name`.
    package static func named(_ name: String) -> SurveyProfile? { all.first { $0.name == name.lowercased() } }

    /// Whether `header` is an export of this tool: it has a column of every group of ``signature``.
    func matches(_ header: [String]) -> Bool {
        let columns = Set(header.map(SurveyText.folded))
        return signature.allSatisfy { group in group.contains { columns.contains(SurveyText.folded($0)) } }
    }

    /// The profiles whose signature `header` has.
    static func candidates(for header: [String]) -> [SurveyProfile] { all.filter { $0.matches(header) } }
}

/// The columns every profile reads besides the questions, by the header names they go by in Finnish, Swedish
/// and English (compared folded): a survey asks for a pseudonymous respondent code and the organisation (and,
/// for respondents new to the ledger, the role) as questions of its own.
enum SurveyColumns {
    /// The pseudonymous respondent id (required; the e-mail or name columns of a tool are never read as ids).
    static let respondent = [
        "vastaajatunnus", "vastaajan tunnus", "vastaajan tunniste", "pseudonyymi", "osallistujatunnus",
        "respondent", "respondent id", "respondent code", "pseudonym", "participant code", "svarskod",
        "respondentkod", "deltagarkod",
    ]
    /// The organisation id (required).
    static let organisation = [
        "organisaatio", "organisaation tunnus", "yritys", "organisation", "organization", "organisation id",
        "company", "företag",
    ]
    /// The role (optional; needed for respondents the ledger does not know).
    static let role = ["rooli", "asema", "role", "roll"]

    /// The first column of `header` among `names`, as the header spells it.
    static func find(_ names: [String], in header: [String]) -> String? {
        let wanted = Set(names.map(SurveyText.folded))
        return header.first { wanted.contains(SurveyText.folded($0)) }
    }
}
