// The closed set of event types the ledger knows, as one enum for exhaustive projection folds.
import Foundation

/// Every event type of the catalogue, decoded. Projections switch over it; an event whose type this
/// version does not know is passed over before it becomes one of these.
public enum CompetenceEvent: Hashable, Sendable {
    /// See ``ProgrammeSetUp``.
    case programmeSetUp(ProgrammeSetUp)
    /// See ``ForumMeetingHeld``.
    case forumMeetingHeld(ForumMeetingHeld)
    /// See ``ThematicWorkshopHeld``.
    case thematicWorkshopHeld(ThematicWorkshopHeld)
    /// See ``OrganisationEnrolled``.
    case organisationEnrolled(OrganisationEnrolled)
    /// See ``OrganisationWithdrawn``.
    case organisationWithdrawn(OrganisationWithdrawn)
    /// See ``ManagementInterviewHeld``.
    case managementInterviewHeld(ManagementInterviewHeld)
    /// See ``ForesightWorkshopHeld``.
    case foresightWorkshopHeld(ForesightWorkshopHeld)
    /// See ``TrainingNeedIdentified``.
    case trainingNeedIdentified(TrainingNeedIdentified)
    /// See ``CompanyVisitMade``.
    case companyVisitMade(CompanyVisitMade)
    /// See ``PortfolioItemAdded``.
    case portfolioItemAdded(PortfolioItemAdded)
    /// See ``SparringVisitHeld``.
    case sparringVisitHeld(SparringVisitHeld)
    /// See ``IndicatorMeasured``.
    case indicatorMeasured(IndicatorMeasured)
    /// See ``CompetenceFrameworkDefined``.
    case competenceFrameworkDefined(CompetenceFrameworkDefined)
    /// See ``CompetenceDefined``.
    case competenceDefined(CompetenceDefined)
    /// See ``CompetenceRetired``.
    case competenceRetired(CompetenceRetired)
    /// See ``PersonRegistered``.
    case personRegistered(PersonRegistered)
    /// See ``ParticipantDataRecorded``.
    case participantDataRecorded(ParticipantDataRecorded)
    /// See ``SurveyRoundOpened``.
    case surveyRoundOpened(SurveyRoundOpened)
    /// See ``SurveyRoundClosed``.
    case surveyRoundClosed(SurveyRoundClosed)
    /// See ``SurveyAnswerRecorded``.
    case surveyAnswerRecorded(SurveyAnswerRecorded)
    /// See ``SurveyAnswerCorrected``.
    case surveyAnswerCorrected(SurveyAnswerCorrected)
    /// See ``TrainingProcured``.
    case trainingProcured(TrainingProcured)
    /// See ``TrainingSessionHeld``.
    case trainingSessionHeld(TrainingSessionHeld)
    /// See ``ParticipationRecorded``.
    case participationRecorded(ParticipationRecorded)
    /// See ``TrainingFeedbackGiven``.
    case trainingFeedbackGiven(TrainingFeedbackGiven)
    /// See ``DevelopmentPlanAdopted``.
    case developmentPlanAdopted(DevelopmentPlanAdopted)
    /// See ``PlanActionProgressed``.
    case planActionProgressed(PlanActionProgressed)
    /// See ``PlanActionCompleted``.
    case planActionCompleted(PlanActionCompleted)
    /// See ``GoodPracticeDocumented``.
    case goodPracticeDocumented(GoodPracticeDocumented)
    /// See ``GoodPracticePublished``.
    case goodPracticePublished(GoodPracticePublished)
    /// See ``GoodPracticeAdopted``.
    case goodPracticeAdopted(GoodPracticeAdopted)
    /// See ``GoodPracticeAdoptedOutside``.
    case goodPracticeAdoptedOutside(GoodPracticeAdoptedOutside)
    /// See ``PilotStarted``.
    case pilotStarted(PilotStarted)
    /// See ``PilotCompleted``.
    case pilotCompleted(PilotCompleted)
    /// See ``EventVoided``.
    case eventVoided(EventVoided)
    /// See ``DataSubjectErased``.
    case dataSubjectErased(DataSubjectErased)

    /// The event as its payload type.
    public var payload: any LedgerEvent {
        switch self {
        case .programmeSetUp(let event): event
        case .forumMeetingHeld(let event): event
        case .thematicWorkshopHeld(let event): event
        case .organisationEnrolled(let event): event
        case .organisationWithdrawn(let event): event
        case .managementInterviewHeld(let event): event
        case .foresightWorkshopHeld(let event): event
        case .trainingNeedIdentified(let event): event
        case .companyVisitMade(let event): event
        case .portfolioItemAdded(let event): event
        case .sparringVisitHeld(let event): event
        case .indicatorMeasured(let event): event
        case .competenceFrameworkDefined(let event): event
        case .competenceDefined(let event): event
        case .competenceRetired(let event): event
        case .personRegistered(let event): event
        case .participantDataRecorded(let event): event
        case .surveyRoundOpened(let event): event
        case .surveyRoundClosed(let event): event
        case .surveyAnswerRecorded(let event): event
        case .surveyAnswerCorrected(let event): event
        case .trainingProcured(let event): event
        case .trainingSessionHeld(let event): event
        case .participationRecorded(let event): event
        case .trainingFeedbackGiven(let event): event
        case .developmentPlanAdopted(let event): event
        case .planActionProgressed(let event): event
        case .planActionCompleted(let event): event
        case .goodPracticeDocumented(let event): event
        case .goodPracticePublished(let event): event
        case .goodPracticeAdopted(let event): event
        case .goodPracticeAdoptedOutside(let event): event
        case .pilotStarted(let event): event
        case .pilotCompleted(let event): event
        case .eventVoided(let event): event
        case .dataSubjectErased(let event): event
        }
    }

    /// Wraps a typed event of the catalogue; `nil` for a ``LedgerEvent`` type defined outside it (an
    /// embedder's own type), which the ledger refuses with ``RecordingError/notInCatalogue(eventIndex:type:)``.
    public init?(_ event: any LedgerEvent) {
        switch event {
        case let event as ProgrammeSetUp: self = .programmeSetUp(event)
        case let event as ForumMeetingHeld: self = .forumMeetingHeld(event)
        case let event as ThematicWorkshopHeld: self = .thematicWorkshopHeld(event)
        case let event as OrganisationEnrolled: self = .organisationEnrolled(event)
        case let event as OrganisationWithdrawn: self = .organisationWithdrawn(event)
        case let event as ManagementInterviewHeld: self = .managementInterviewHeld(event)
        case let event as ForesightWorkshopHeld: self = .foresightWorkshopHeld(event)
        case let event as TrainingNeedIdentified: self = .trainingNeedIdentified(event)
        case let event as CompanyVisitMade: self = .companyVisitMade(event)
        case let event as PortfolioItemAdded: self = .portfolioItemAdded(event)
        case let event as SparringVisitHeld: self = .sparringVisitHeld(event)
        case let event as IndicatorMeasured: self = .indicatorMeasured(event)
        case let event as CompetenceFrameworkDefined: self = .competenceFrameworkDefined(event)
        case let event as CompetenceDefined: self = .competenceDefined(event)
        case let event as CompetenceRetired: self = .competenceRetired(event)
        case let event as PersonRegistered: self = .personRegistered(event)
        case let event as ParticipantDataRecorded: self = .participantDataRecorded(event)
        case let event as SurveyRoundOpened: self = .surveyRoundOpened(event)
        case let event as SurveyRoundClosed: self = .surveyRoundClosed(event)
        case let event as SurveyAnswerRecorded: self = .surveyAnswerRecorded(event)
        case let event as SurveyAnswerCorrected: self = .surveyAnswerCorrected(event)
        case let event as TrainingProcured: self = .trainingProcured(event)
        case let event as TrainingSessionHeld: self = .trainingSessionHeld(event)
        case let event as ParticipationRecorded: self = .participationRecorded(event)
        case let event as TrainingFeedbackGiven: self = .trainingFeedbackGiven(event)
        case let event as DevelopmentPlanAdopted: self = .developmentPlanAdopted(event)
        case let event as PlanActionProgressed: self = .planActionProgressed(event)
        case let event as PlanActionCompleted: self = .planActionCompleted(event)
        case let event as GoodPracticeDocumented: self = .goodPracticeDocumented(event)
        case let event as GoodPracticePublished: self = .goodPracticePublished(event)
        case let event as GoodPracticeAdopted: self = .goodPracticeAdopted(event)
        case let event as GoodPracticeAdoptedOutside: self = .goodPracticeAdoptedOutside(event)
        case let event as PilotStarted: self = .pilotStarted(event)
        case let event as PilotCompleted: self = .pilotCompleted(event)
        case let event as EventVoided: self = .eventVoided(event)
        case let event as DataSubjectErased: self = .dataSubjectErased(event)
        default: return nil
        }
    }

    /// The codec for the whole catalogue: decodes every event type (and older schema versions, through
    /// registered upcasters) into a `CompetenceEvent`.
    public static let codec: EventCodec<CompetenceEvent> = {
        var codec = EventCodec<CompetenceEvent>()
        codec.register(ProgrammeSetUp.self, wrap: CompetenceEvent.programmeSetUp)
        codec.register(ForumMeetingHeld.self, wrap: CompetenceEvent.forumMeetingHeld)
        codec.register(ThematicWorkshopHeld.self, wrap: CompetenceEvent.thematicWorkshopHeld)
        codec.register(OrganisationEnrolled.self, wrap: CompetenceEvent.organisationEnrolled)
        codec.register(OrganisationWithdrawn.self, wrap: CompetenceEvent.organisationWithdrawn)
        codec.register(ManagementInterviewHeld.self, wrap: CompetenceEvent.managementInterviewHeld)
        codec.register(ForesightWorkshopHeld.self, wrap: CompetenceEvent.foresightWorkshopHeld)
        codec.register(TrainingNeedIdentified.self, wrap: CompetenceEvent.trainingNeedIdentified)
        codec.register(CompanyVisitMade.self, wrap: CompetenceEvent.companyVisitMade)
        codec.register(PortfolioItemAdded.self, wrap: CompetenceEvent.portfolioItemAdded)
        codec.register(SparringVisitHeld.self, wrap: CompetenceEvent.sparringVisitHeld)
        codec.register(IndicatorMeasured.self, wrap: CompetenceEvent.indicatorMeasured)
        codec.register(CompetenceFrameworkDefined.self, wrap: CompetenceEvent.competenceFrameworkDefined)
        codec.register(CompetenceDefined.self, wrap: CompetenceEvent.competenceDefined)
        codec.register(CompetenceRetired.self, wrap: CompetenceEvent.competenceRetired)
        codec.register(PersonRegistered.self, wrap: CompetenceEvent.personRegistered)
        codec.register(ParticipantDataRecorded.self, wrap: CompetenceEvent.participantDataRecorded)
        codec.register(SurveyRoundOpened.self, wrap: CompetenceEvent.surveyRoundOpened)
        codec.register(SurveyRoundClosed.self, wrap: CompetenceEvent.surveyRoundClosed)
        codec.register(SurveyAnswerRecorded.self, wrap: CompetenceEvent.surveyAnswerRecorded)
        codec.register(SurveyAnswerCorrected.self, wrap: CompetenceEvent.surveyAnswerCorrected)
        codec.register(TrainingProcured.self, wrap: CompetenceEvent.trainingProcured)
        codec.register(TrainingSessionHeld.self, wrap: CompetenceEvent.trainingSessionHeld)
        codec.register(ParticipationRecorded.self, wrap: CompetenceEvent.participationRecorded)
        codec.register(TrainingFeedbackGiven.self, wrap: CompetenceEvent.trainingFeedbackGiven)
        codec.register(DevelopmentPlanAdopted.self, wrap: CompetenceEvent.developmentPlanAdopted)
        codec.register(PlanActionProgressed.self, wrap: CompetenceEvent.planActionProgressed)
        codec.register(PlanActionCompleted.self, wrap: CompetenceEvent.planActionCompleted)
        codec.register(GoodPracticeDocumented.self, wrap: CompetenceEvent.goodPracticeDocumented)
        codec.register(GoodPracticePublished.self, wrap: CompetenceEvent.goodPracticePublished)
        codec.register(GoodPracticeAdopted.self, wrap: CompetenceEvent.goodPracticeAdopted)
        codec.register(GoodPracticeAdoptedOutside.self, wrap: CompetenceEvent.goodPracticeAdoptedOutside)
        codec.register(PilotStarted.self, wrap: CompetenceEvent.pilotStarted)
        codec.register(PilotCompleted.self, wrap: CompetenceEvent.pilotCompleted)
        codec.register(EventVoided.self, wrap: CompetenceEvent.eventVoided)
        codec.register(DataSubjectErased.self, wrap: CompetenceEvent.dataSubjectErased)
        Upcasters.register(into: &codec)
        return codec
    }()

    /// Every event type in the catalogue.
    public static let allTypes: [any LedgerEvent.Type] = [
        ProgrammeSetUp.self,
        ForumMeetingHeld.self,
        ThematicWorkshopHeld.self,
        OrganisationEnrolled.self,
        OrganisationWithdrawn.self,
        ManagementInterviewHeld.self,
        ForesightWorkshopHeld.self,
        TrainingNeedIdentified.self,
        CompanyVisitMade.self,
        PortfolioItemAdded.self,
        SparringVisitHeld.self,
        IndicatorMeasured.self,
        CompetenceFrameworkDefined.self,
        CompetenceDefined.self,
        CompetenceRetired.self,
        PersonRegistered.self,
        ParticipantDataRecorded.self,
        SurveyRoundOpened.self,
        SurveyRoundClosed.self,
        SurveyAnswerRecorded.self,
        SurveyAnswerCorrected.self,
        TrainingProcured.self,
        TrainingSessionHeld.self,
        ParticipationRecorded.self,
        TrainingFeedbackGiven.self,
        DevelopmentPlanAdopted.self,
        PlanActionProgressed.self,
        PlanActionCompleted.self,
        GoodPracticeDocumented.self,
        GoodPracticePublished.self,
        GoodPracticeAdopted.self,
        GoodPracticeAdoptedOutside.self,
        PilotStarted.self,
        PilotCompleted.self,
        EventVoided.self,
        DataSubjectErased.self,
    ]
}
