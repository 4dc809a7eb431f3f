import Foundation

/// Everything the ledger knows, as folded by ``LedgerModel``.
public struct LedgerState: Hashable, Sendable {
    /// The last global position folded (0 before any event).
    public internal(set) var lastPosition: Int64 = 0
    /// How many known events were folded.
    public internal(set) var eventCount = 0
    /// A 64-bit FNV-1a fingerprint of the (position, event id) of every event folded, in order: two states
    /// folded from the same events have the same fingerprint. It identifies which events were used (a report
    /// can be regenerated from them); it is not tamper-evident (the FileStore's hash chain is).
    public internal(set) var fingerprint: UInt64 = LedgerFingerprint.offsetBasis
    /// The SHA-256 chain over the canonical bytes (``CanonicalEvent``) of exactly the events folded, in order:
    /// `h(0)` = 32 zero bytes, `h(n) = SHA-256(h(n-1) ‖ canonical(event n))` — the history chain's definition
    /// applied to the events used, so for a replay of everything it equals the history head. Report provenance
    /// carries it: a changed, added or removed event among those used changes it.
    public internal(set) var usedEventsHash: HistoryHash = .zero
    /// Whether ``usedEventsHash`` was kept as the events were folded: `false` only after a fold by a
    /// `LedgerModel(hashingUsedEvents: false)` whose caller did not set it (a replay that shows no provenance).
    package internal(set) var usedEventsHashIsKept = true

    /// Sets ``usedEventsHash`` to `hash`, computed by the caller over exactly the events folded.
    mutating func keepUsedEventsHash(_ hash: HistoryHash) {
        usedEventsHash = hash
        usedEventsHashIsKept = true
    }

    // MARK: Definitions

    /// Programmes by id.
    public internal(set) var programmes: [ProgrammeID: ProgrammeSetUp] = [:]
    /// Enrolled organisations by id (withdrawn ones stay, marked).
    public internal(set) var organisations: [OrganisationID: OrganisationRecord] = [:]
    /// Competence frameworks by id.
    public internal(set) var frameworks: [FrameworkID: CompetenceFrameworkDefined] = [:]
    /// Competences by id (retired ones stay, marked).
    public internal(set) var competences: [CompetenceID: CompetenceRecord] = [:]
    /// Registered persons by pseudonymous id.
    public internal(set) var persons: [PersonID: PersonRegistered] = [:]
    /// Participants' ESF-style data at entry and exit, by person (voided records removed).
    public internal(set) var participantData: [PersonID: ParticipantDataRecord] = [:]

    // MARK: Surveys

    /// Survey rounds by id.
    public internal(set) var rounds: [RoundID: RoundRecord] = [:]
    /// Every survey answer, corrections applied, voided ones removed, in recorded order (kept compactly:
    /// see ``AnswerTable``).
    public internal(set) var answers = AnswerTable()

    // MARK: Trainings

    /// Trainings by id, with their sessions, participations and feedback.
    public internal(set) var trainings: [TrainingID: TrainingRecord] = [:]

    // MARK: Organisation activities

    /// Management interviews.
    public internal(set) var interviews = FactList<ManagementInterviewHeld>()
    /// Foresight workshops.
    public internal(set) var foresightWorkshops = FactList<ForesightWorkshopHeld>()
    /// Identified training needs.
    public internal(set) var trainingNeeds = FactList<TrainingNeedIdentified>()
    /// Mutual company visits.
    public internal(set) var companyVisits = FactList<CompanyVisitMade>()
    /// Portfolio items.
    public internal(set) var portfolioItems = FactList<PortfolioItemAdded>()
    /// Sparring visits.
    public internal(set) var sparringVisits = FactList<SparringVisitHeld>()
    /// Indicator measurements.
    public internal(set) var indicators = FactList<IndicatorMeasured>()
    /// Development plans by id, with action progress.
    public internal(set) var plans: [PlanID: PlanRecord] = [:]
    /// Pilot processes by id.
    public internal(set) var pilots: [PilotID: PilotRecord] = [:]

    // MARK: Programme activities

    /// Regional forum meetings.
    public internal(set) var forumMeetings = FactList<ForumMeetingHeld>()
    /// Thematic workshops.
    public internal(set) var thematicWorkshops = FactList<ThematicWorkshopHeld>()
    /// Good practices by id.
    public internal(set) var practices: [PracticeID: PracticeRecord] = [:]

    /// Ids of events declared void.
    public internal(set) var voidedEventIDs: Set<UUID> = []

    // MARK: Personal data

    /// The data subjects whose personal data was erased (``DataSubjectErased``), with the day.
    public internal(set) var erasedSubjects: [DataSubject: CalendarDate] = [:]
    /// The subjects forum stakeholders' names are sealed about (stakeholders outside the programme may have
    /// subjects of their own, which can be erased like persons and organisations).
    public internal(set) var stakeholderSubjects: Set<DataSubject> = []

    /// Whether personal data may be about `subject` here: a registered person, an enrolled organisation or a
    /// forum stakeholder's own subject (what an erasure may name).
    public func knows(_ subject: DataSubject) -> Bool {
        switch subject {
        case .person(let person): persons[person] != nil || stakeholderSubjects.contains(subject)
        case .organisation(let organisation):
            organisations[organisation] != nil || stakeholderSubjects.contains(subject)
        }
    }

    // MARK: Timelines

    /// Organisation-level events touching each organisation, in global order, voided ones removed. Events
    /// about single persons (registrations, answers, corrections, participations, feedback) are not kept
    /// here, so no timeline can show an individual's answers.
    public internal(set) var timelines: [OrganisationID: [TimelineEntry]] = [:]

    /// The events other than answers, as folded, when the state keeps what a snapshot needs (``ReplayLog``;
    /// never part of the state's equality).
    var replayLog = ReplayLog(kept: false)

    /// An empty state.
    public init() {}

    /// An empty state that keeps what a snapshot of it needs as it is folded.
    init(keepingReplayLog: Bool) {
        replayLog = ReplayLog(kept: keepingReplayLog)
    }
}

/// An enrolled organisation.
public struct OrganisationRecord: Hashable, Sendable {
    /// The enrolment.
    public var enrolment: Fact<OrganisationEnrolled>
    /// The day it withdrew, if it did.
    public var withdrawnOn: CalendarDate?
    /// Its id.
    public var id: OrganisationID { enrolment.event.organisation }
}

/// A defined competence.
public struct CompetenceRecord: Hashable, Sendable {
    /// The definition.
    public var definition: Fact<CompetenceDefined>
    /// The day it was retired, if it was.
    public var retiredOn: CalendarDate?
    /// Its id.
    public var id: CompetenceID { definition.event.competence }
    /// Its rating scale.
    public var scale: LevelScale { definition.event.scale }
}

/// A survey round.
public struct RoundRecord: Hashable, Sendable {
    /// The opening.
    public var opening: Fact<SurveyRoundOpened>
    /// The day it closed, if it has.
    public var closedOn: CalendarDate?
    /// Its id.
    public var id: RoundID { opening.event.round }
    /// Baseline or follow-up.
    public var kind: RoundKind { opening.event.kind }
    /// Whether it still takes answers.
    public var isOpen: Bool { closedOn == nil }
}

/// A procured training and what happened in it.
public struct TrainingRecord: Hashable, Sendable {
    /// The procurement.
    public var procurement: Fact<TrainingProcured>
    /// Sessions held.
    public var sessions = FactList<TrainingSessionHeld>()
    /// Participations, the latest per person replacing earlier ones of the same person.
    public var participations = FactList<ParticipationRecorded>()
    /// Reaction feedback.
    public var feedback = FactList<TrainingFeedbackGiven>()
    /// Its id.
    public var id: TrainingID { procurement.event.training }
}

/// A development plan and the state of its actions.
public struct PlanRecord: Hashable, Sendable {
    /// The adoption, with the actions.
    public var adoption: Fact<DevelopmentPlanAdopted>
    /// The latest status of each action by action id (absent: still planned).
    public var actionStatus: [String: ActionProgress] = [:]
    /// Its id.
    public var id: PlanID { adoption.event.plan }
}

/// Where a plan action stands.
public struct ActionProgress: Hashable, Sendable {
    /// Its status.
    public var status: ActionStatus
    /// The day of the last change.
    public var on: CalendarDate
    /// The event that set it.
    public var eventID: UUID
}

/// A participant's data at entry to and exit from the programme.
public struct ParticipantDataRecord: Hashable, Sendable {
    /// The data at entry, once recorded.
    public var entry: Fact<ParticipantDataRecorded>?
    /// The data at exit, once recorded.
    public var exit: Fact<ParticipantDataRecorded>?

    /// The record of `stage`.
    public func fact(at stage: ParticipantStage) -> Fact<ParticipantDataRecorded>? {
        switch stage {
        case .entry: entry
        case .exit: exit
        }
    }
}

/// A pilot process.
public struct PilotRecord: Hashable, Sendable {
    /// The start.
    public var start: Fact<PilotStarted>
    /// The completion, if it is completed.
    public var completion: Fact<PilotCompleted>?
}

/// A good practice and its life in the catalogue.
public struct PracticeRecord: Hashable, Sendable {
    /// The documentation.
    public var documentation: Fact<GoodPracticeDocumented>
    /// The publication, if published.
    public var publication: Fact<GoodPracticePublished>?
    /// Adoptions by organisations.
    public var adoptions = FactList<GoodPracticeAdopted>()
    /// Adoptions by organisations outside the programme.
    public var outsideAdoptions = FactList<GoodPracticeAdoptedOutside>()
    /// Its id.
    public var id: PracticeID { documentation.event.practice }
}

/// One event in an organisation's timeline.
public struct TimelineEntry: Hashable, Sendable {
    /// Its global position.
    public var position: Int64
    /// Its event id.
    public var eventID: UUID
    /// When it happened.
    public var occurredAt: Date
    /// When it was recorded.
    public var recordedAt: Date
    /// The event.
    public var event: CompetenceEvent
}

/// The running fingerprint of the events folded into a ``LedgerState``.
public enum LedgerFingerprint {
    /// The FNV-1a 64-bit offset basis: the fingerprint of no events.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Mixes one event's position and id into `fingerprint`.
    static func mix(_ fingerprint: inout UInt64, position: Int64, id: UUID) {
        withUnsafeBytes(of: position.littleEndian) { mix(&fingerprint, $0) }
        withUnsafeBytes(of: id.uuid) { mix(&fingerprint, $0) }
    }

    private static func mix(_ fingerprint: inout UInt64, _ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            fingerprint ^= UInt64(byte)
            fingerprint &*= prime
        }
    }
}
