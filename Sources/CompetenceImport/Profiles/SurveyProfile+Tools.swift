// The four survey tools' profiles. What each rests on — public documentation, sample files, and assumptions —
// is in Docs/Survey-Tools.md; keep the two in step.

extension SurveyProfile {
    /// Webropol (Finnish public sector, third sector, universities of applied sciences): results as a workbook,
    /// or CSV as Excel's "Unicode text" (UTF-16 with BOM, tab-separated) or `;`-separated UTF-8 with BOM; one
    /// column per Likert row, the aspect after the question (`Excel-osaaminen nyt`); times `29.11.2026 14.05`.
    /// The response-time column's name is an assumption.
    static let webropol = SurveyProfile(
        name: "webropol", tool: "Webropol",
        signature: [["Vastausaika", "Vastauksen aika", "Svarstid", "Response time"]],
        metadata: [
            "Vastaaja", "Vastaajan numero", "Sähköposti", "Email", "E-post", "Nimi", "Name", "Namn", "Vastausaika",
            "Vastauksen aika", "Svarstid", "Response time", "IP-osoite", "IP address",
        ],
        answeredOn: ["Vastausaika", "Vastauksen aika", "Svarstid", "Response time"],
        timestamps: [.finnish, .iso, .dayFirst],
        shapes: [.questionThenAspect, .aspectThenBracketedQuestion],
        answerCodes: [:],
        encodings: [.utf16LittleEndian, .utf8WithBOM], delimiters: ["\t", ";"])

    /// Microsoft Forms: responses as a workbook (times are date cells); the first columns `ID`, `Start time`,
    /// `Completion time`, `Email`, `Name` (and `Last modified time`), in Finnish `Tunnus`, `Aloitusaika`,
    /// `Valmistumisaika`, `Sähköposti`, `Nimi`; a Likert question's statements as `Title.Statement`; CSV saved
    /// from the workbook writes `11/29/2026 2:05:33 PM` or `7/27/26 19:06:23`.
    static let microsoftForms = SurveyProfile(
        name: "ms-forms", tool: "Microsoft Forms",
        signature: [
            ["ID", "Tunnus"], ["Start time", "Aloitusaika", "Starttid"],
            ["Completion time", "Valmistumisaika", "Slutförandetid"],
        ],
        metadata: [
            "ID", "Tunnus", "Start time", "Aloitusaika", "Starttid", "Completion time", "Valmistumisaika",
            "Slutförandetid", "Email", "Sähköposti", "E-post", "Name", "Nimi", "Namn", "Last modified time",
            "Viimeksi muokattu", "Senast ändrad", "Total points", "Quiz feedback",
        ],
        answeredOn: ["Completion time", "Valmistumisaika", "Slutförandetid"],
        timestamps: [.monthFirst, .finnish, .iso],
        shapes: [.aspectDotQuestion, .aspectThenBracketedQuestion],
        answerCodes: [:],
        encodings: [.utf8WithBOM], delimiters: [",", ";"])

    /// Google Forms: the response sheet (downloaded as CSV: UTF-8 without BOM, `,`) starts with `Timestamp`
    /// (`Aikaleima`), then `Email Address` when collected; grid rows as `Title [Row]`; times `11/29/2026 14:05:33`
    /// or `29.11.2026 14.05.33`.
    static let googleForms = SurveyProfile(
        name: "google-forms", tool: "Google Forms",
        signature: [["Timestamp", "Aikaleima", "Tidstämpel"]],
        metadata: [
            "Timestamp", "Aikaleima", "Tidstämpel", "Email Address", "Email address", "Sähköpostiosoite",
            "E-postadress", "Score", "Pisteet", "Poäng",
        ],
        answeredOn: ["Timestamp", "Aikaleima", "Tidstämpel"],
        timestamps: [.monthFirst, .finnish, .iso, .dayFirst],
        shapes: [.aspectThenBracketedQuestion],
        answerCodes: [:],
        encodings: [.utf8], delimiters: [","])

    /// LimeSurvey: CSV (UTF-8 with BOM, `,` by default, `;` or tab selectable) with the fixed columns `id`,
    /// `submitdate`, `lastpage`, `startlanguage`, `seed`, `startdate`, `datestamp` (`token`, `ipaddr`, `refurl`
    /// when enabled); array subquestions as `Q2[SQ001]` (question codes: map them with an `aspect`), or as
    /// `Question text [Subquestion]` (full texts); `submitdate` `2021-03-15 10:22:33`; answers as texts or as
    /// the default codes `A1`…`A5`.
    static let limeSurvey = SurveyProfile(
        name: "limesurvey", tool: "LimeSurvey",
        signature: [["id", "Response ID"], ["submitdate", "Date submitted"], ["lastpage", "Last page"]],
        metadata: [
            "id", "Response ID", "submitdate", "Date submitted", "lastpage", "Last page", "startlanguage",
            "Start language", "seed", "Seed", "startdate", "Date started", "datestamp", "Date last action", "token",
            "Access code", "ipaddr", "IP address", "refurl", "Referrer URL", "email", "firstname", "lastname",
        ],
        answeredOn: ["submitdate", "Date submitted"],
        timestamps: [.iso, .finnish, .monthFirst],
        shapes: [.aspectThenBracketedQuestion, .bracketedQuestionThenAspect],
        answerCodes: ["A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5],
        encodings: [.utf8WithBOM], delimiters: [",", ";", "\t"])
}
