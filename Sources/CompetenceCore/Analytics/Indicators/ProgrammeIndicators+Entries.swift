import Foundation

extension ProgrammeIndicators {
    /// The value of one indicator, typed by what it measures.
    public enum Value: Hashable, Sendable {
        /// A count; `nil` when withheld for privacy.
        case count(Int?)
        /// Hours; `nil` when withheld for privacy.
        case hours(Double?)
        /// Money in euros, exact.
        case euros(Decimal)
        /// Counts per kind (e.g. forum stakeholders per stakeholder kind).
        case countsByKind([String: Int])
        /// A list of names (the indicators withheld).
        case names([String])
        /// What the indicators were computed from.
        case provenance(ReportProvenance)

        /// Whether the value is a single number (a count, hours or money that is not withheld).
        public var isNumber: Bool {
            switch self {
            case .count(let value): value != nil
            case .hours(let value): value != nil
            case .euros: true
            case .countsByKind, .names, .provenance: false
            }
        }
    }

    /// One indicator: its JSON key and its value.
    public struct Entry: Hashable, Sendable {
        /// The indicator's key, as in the JSON object.
        public var key: CodingKeys
        /// Its value.
        public var value: Value
    }

    /// Every indicator in the order of ``CodingKeys``: the one list that the JSON object and the table are
    /// both written from.
    public var entries: [Entry] {
        CodingKeys.allCases.map { Entry(key: $0, value: value(of: $0)) }
    }

    /// The value of the indicator `key` (an exhaustive switch: a new key must say what it holds).
    public func value(of key: CodingKeys) -> Value {
        switch key {
        case .organisations: .count(organisations)
        case .organisationsEnterprise: .count(organisationsEnterprise)
        case .organisationsThirdSector: .count(organisationsThirdSector)
        case .smes: .count(smes)
        case .organisationsWithdrawn: .count(organisationsWithdrawn)
        case .personsInvolved: .count(personsInvolved)
        case .personsSurveyed: .count(personsSurveyed)
        case .trainingParticipants: .count(trainingParticipants)
        case .personsTrained: .count(personsTrained)
        case .participantHours: .hours(participantHours)
        case .trainings: .count(trainings)
        case .trainingsJoint: .count(trainingsJoint)
        case .trainingsCompany: .count(trainingsCompany)
        case .trainingHours: .hours(trainingHours)
        case .trainingSessionHours: .hours(trainingSessionHours)
        case .moneySpentEur: .euros(moneySpentEur)
        case .surveyRounds: .count(surveyRounds)
        case .managementInterviews: .count(managementInterviews)
        case .foresightWorkshops: .count(foresightWorkshops)
        case .thematicWorkshops: .count(thematicWorkshops)
        case .thematicWorkshopParticipants: .count(thematicWorkshopParticipants)
        case .companyVisits: .count(companyVisits)
        case .sparringVisits: .count(sparringVisits)
        case .forumMeetings: .count(forumMeetings)
        case .forumStakeholdersByKind: .countsByKind(forumStakeholdersByKind)
        case .pilotsStarted: .count(pilotsStarted)
        case .pilotsCompleted: .count(pilotsCompleted)
        case .pilotEmployeesInvolved: .count(pilotEmployeesInvolved)
        case .developmentPlans: .count(developmentPlans)
        case .planActions: .count(planActions)
        case .planActionsCompleted: .count(planActionsCompleted)
        case .goodPracticesDocumented: .count(goodPracticesDocumented)
        case .goodPracticesPublished: .count(goodPracticesPublished)
        case .goodPracticeAdoptions: .count(goodPracticeAdoptions)
        case .goodPracticeAdoptionsOutside: .count(goodPracticeAdoptionsOutside)
        case .suppressed: .names(suppressed)
        case .provenance: .provenance(provenance)
        }
    }
}
