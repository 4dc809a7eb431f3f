/// Whether an organisation is a company or a third-sector (non-profit) organisation.
public enum OrganisationKind: String, Hashable, Sendable, Codable, CaseIterable {
    case enterprise
    case thirdSector = "third-sector"
}

/// The EU size class of an organisation by staff headcount.
public enum SizeClass: String, Hashable, Sendable, Codable, CaseIterable {
    /// Fewer than 10 persons.
    case micro
    /// 10–49 persons.
    case small
    /// 50–249 persons.
    case medium
    /// 250 persons or more.
    case large
}

/// A person's role in their organisation.
public enum PersonRole: String, Hashable, Sendable, Codable, CaseIterable {
    case manager
    case supervisor
    case staff
}

/// Whether a survey round measures the starting point or the state after the interventions.
public enum RoundKind: String, Hashable, Sendable, Codable, CaseIterable {
    case baseline
    case followUp = "follow-up"
}

/// Who gave a rating. Reports read one rater's answers at a time and never pair answers of different raters.
public enum Rater: String, Hashable, Sendable, Codable, CaseIterable {
    /// The person about themselves.
    case `self`
    /// Their manager.
    case manager
    /// An outside consultant (e.g. the programme's).
    case consultant
    /// A colleague.
    case peer
}

/// When an answer places the person: now, or — the "then-test" — where they stood before the training, rated
/// afterwards (which controls for over-rating before a training, when people do not yet know what they lack).
public enum Perspective: String, Hashable, Sendable, Codable, CaseIterable {
    /// The level at the time of the answer (pre in a baseline round, post in a follow-up round).
    case current
    /// The level before the training, rated at follow-up ("retrospective pre").
    case retrospectivePre = "retrospective-pre"
}

/// Whether a training was procured jointly for several companies or for one company.
public enum TrainingKind: String, Hashable, Sendable, Codable, CaseIterable {
    case joint
    case company
}

/// The kind of a stakeholder at a regional forum meeting.
public enum StakeholderKind: String, Hashable, Sendable, Codable, CaseIterable {
    case company
    case educationalInstitution = "educational-institution"
    case employmentServices = "employment-services"
    case thirdSector = "third-sector"
    case publicAuthority = "public-authority"
    case other
}

/// Where a training need was identified.
public enum NeedSource: String, Hashable, Sendable, Codable, CaseIterable {
    case survey
    case interview
    case foresight
    case sparring
    case other
}

/// What a competence-management portfolio item is.
public enum PortfolioItemKind: String, Hashable, Sendable, Codable, CaseIterable {
    case vision
    case roadmap
    case competenceMatrix = "competence-matrix"
    case surveyResults = "survey-results"
    case interviewResults = "interview-results"
    case prioritisedNeeds = "prioritised-needs"
    case trainingRecord = "training-record"
    case adoptedPractice = "adopted-practice"
    case developmentPlan = "development-plan"
    case followUpResults = "follow-up-results"
    case other
}

/// The state of a development-plan action.
public enum ActionStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case planned
    case inProgress = "in-progress"
    case completed
    case dropped
}

/// What an organisation-level indicator measures (Kirkpatrick level 4 results).
public enum IndicatorKind: String, Hashable, Sendable, Codable, CaseIterable {
    case wellBeing = "well-being"
    case productivity
    case sickLeaveDays = "sick-leave-days"
    case staffTurnover = "staff-turnover"
    case other
}
