import CompetenceCore

/// One answer read from a survey file (long or wide), before the import decides which events it needs.
struct SurveyAnswerDraft: Sendable {
    /// The data row.
    var row: Int
    /// Tells apart the answers of one row (wide files have one per competence).
    var item: String
    var respondent: String
    var organisation: String
    /// The respondent's role, if the file says (needed to register a new respondent).
    var role: PersonRole?
    var competence: String
    var current: Int
    var target: Int?
    var importance: Int?
    var answeredOn: CalendarDate
    var rater: Rater
    var perspective: Perspective
    /// The column of each field of `SurveyAnswerRecorded` (and `role`) in this row.
    var columns: [String: String]

    /// Who rated and from which perspective, where a file does not say: `--rater` and `--perspective`.
    struct Defaults: Hashable, Sendable {
        var rater: Rater = .`self`
        var perspective: Perspective = .current
    }

    /// Where one answer counts: a person's rating of a competence in a round, by one rater, from one perspective
    /// (a second answer under the same key is a duplicate submission).
    struct Key: Hashable, Sendable {
        var respondent: String
        var competence: String
        var rater: Rater
        var perspective: Perspective
    }

    /// The draft's key.
    var key: Key { Key(respondent: respondent, competence: competence, rater: rater, perspective: perspective) }

    /// The answer of a long-format row:
    /// `respondent,organisation,role,competence,current,target,importance,answered_on` (optional `rater`,
    /// `perspective`; when empty or absent, `defaults` gives them).
    init(longRow row: CSVRow, defaults: Defaults = Defaults()) throws {
        self.row = row.number
        item = "answer"
        respondent = try row.text("respondent", expected: "a pseudonymous respondent id")
        organisation = try row.text("organisation", expected: "an organisation id")
        role = row.optional("role") == nil ? nil : try row.choice("role", PersonRole.self)
        competence = try row.text("competence", expected: "a competence id")
        current = try row.integer("current")
        target = try row.optionalInteger("target")
        importance = try row.optionalInteger("importance")
        answeredOn = try row.day("answered_on")
        rater = row.optional("rater") == nil ? defaults.rater : try row.choice("rater", Rater.self)
        perspective =
            row.optional("perspective") == nil ? defaults.perspective : try row.choice("perspective", Perspective.self)
        columns = [
            "respondent": "respondent", "person": "respondent", "organisation": "organisation", "role": "role",
            "competence": "competence", "current": "current", "target": "target", "importance": "importance",
            "answeredOn": "answered_on",
            "rater": row.optional("rater") == nil ? "--rater" : "rater",
            "perspective": row.optional("perspective") == nil ? "--perspective" : "perspective",
        ]
    }

    /// An answer assembled by a wide mapping.
    init(
        row: Int, item: String, respondent: String, organisation: String, role: PersonRole?, competence: String,
        current: Int, target: Int?, importance: Int?, answeredOn: CalendarDate, rater: Rater,
        perspective: Perspective, columns: [String: String]
    ) {
        self.row = row
        self.item = item
        self.respondent = respondent
        self.organisation = organisation
        self.role = role
        self.competence = competence
        self.current = current
        self.target = target
        self.importance = importance
        self.answeredOn = answeredOn
        self.rater = rater
        self.perspective = perspective
        self.columns = columns
    }
}
