/// Where a competence need of an organisation was named: the sources the coverage report and `report trace`
/// follow from need to result.
public enum NeedOrigin: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// One of the organisation's top gaps in the skills survey (the skills matrix).
    case surveyGap = "survey-gap"
    /// A need named in a management interview (``ManagementInterviewHeld/identifiedNeeds``).
    case interview
    /// A future need named in a foresight workshop (``ForesightWorkshopHeld/futureNeeds``).
    case foresight
    /// An identified training need (``TrainingNeedIdentified``).
    case trainingNeed = "training-need"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A need a training answers: an organisation's need for a competence, named in one source.
public struct NeedReference: Hashable, Sendable, Codable, Comparable {
    /// The organisation with the need.
    public var organisation: OrganisationID
    /// The competence needed.
    public var competence: CompetenceID
    /// Where the need was named.
    public var origin: NeedOrigin

    /// Creates a reference.
    public init(organisation: OrganisationID, competence: CompetenceID, origin: NeedOrigin) {
        self.organisation = organisation
        self.competence = competence
        self.origin = origin
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.organisation, lhs.competence, lhs.origin) < (rhs.organisation, rhs.competence, rhs.origin)
    }
}

extension NeedReference: CustomStringConvertible {
    /// `organisation:competence:origin`, the form the trainings import's `needs` column takes.
    public var description: String { "\(organisation):\(competence):\(origin.rawValue)" }
}
