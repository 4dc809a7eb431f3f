/// A stakeholder at a forum meeting, by kind (and organisation when enrolled).
public struct Stakeholder: Hashable, Sendable, Codable {
    /// What kind of actor it is.
    public var kind: StakeholderKind
    /// Its name, e.g. "Salpaus Further Education": personal text about the enrolled organisation, or about a
    /// subject of its own for a stakeholder outside the programme (a person may take part in their own name).
    public var name: PersonalText
    /// The enrolled organisation, when it is one.
    public var organisation: OrganisationID?

    /// Creates a stakeholder.
    public init(kind: StakeholderKind, name: PersonalText, organisation: OrganisationID? = nil) {
        self.kind = kind
        self.name = name
        self.organisation = organisation
    }
}

/// A competence need named in a management interview.
public struct IdentifiedNeed: Hashable, Sendable, Codable {
    /// The competence needed.
    public var competence: CompetenceID
    /// 1 = most urgent.
    public var priority: Int
    /// What was said: personal text about the organisation (or a registered person of it).
    public var note: PersonalText?

    /// Creates a need.
    public init(competence: CompetenceID, priority: Int, note: PersonalText? = nil) {
        self.competence = competence
        self.priority = priority
        self.note = note
    }
}

/// A step on the path to a foresight vision.
public struct Milestone: Hashable, Sendable, Codable {
    /// The year the step is to be reached.
    public var year: Int
    /// What the step is.
    public var description: String

    /// Creates a milestone.
    public init(year: Int, description: String) {
        self.year = year
        self.description = description
    }
}

/// A competence the vision will need, and how much.
public struct FutureNeed: Hashable, Sendable, Codable {
    /// The competence.
    public var competence: CompetenceID
    /// Its importance at the horizon (1–5).
    public var importance: Int
    /// Why it will be needed.
    public var note: String?

    /// Creates a future need.
    public init(competence: CompetenceID, importance: Int, note: String? = nil) {
        self.competence = competence
        self.importance = importance
        self.note = note
    }
}

/// One action of a development plan.
public struct PlanAction: Hashable, Sendable, Codable {
    /// The action id, unique within its plan.
    public var action: String
    /// The competence it develops.
    public var competence: CompetenceID
    /// What will be done: personal text about the plan's organisation (or a registered person of it).
    public var description: PersonalText
    /// The level to reach, on the competence's scale.
    public var targetLevel: Int
    /// When it is due.
    public var dueOn: CalendarDate
    /// Who in the organisation owns it (a role, never a name).
    public var ownerRole: PersonRole
    /// The training it uses, when named.
    public var training: TrainingID?
    /// Where the need it answers was named (the need is the plan organisation's, for ``competence``).
    public var need: NeedOrigin?

    /// Creates an action.
    public init(
        action: String, competence: CompetenceID, description: PersonalText, targetLevel: Int, dueOn: CalendarDate,
        ownerRole: PersonRole, training: TrainingID? = nil, need: NeedOrigin? = nil
    ) {
        self.action = action
        self.competence = competence
        self.description = description
        self.targetLevel = targetLevel
        self.dueOn = dueOn
        self.ownerRole = ownerRole
        self.training = training
        self.need = need
    }
}
