/// Readers of older schema versions. When a type's fields change, raise its `schemaVersion`, copy the old
/// shape into `Version1Shapes.swift` (or a file of its version) and register it here.
///
/// Version 2 of ten types made their free text personal (``PersonalText``): version 1 payloads, JSON and
/// compact alike, decode through these upcasters into values recorded in clear
/// (``Personal/isRecordedInClear``), attributed to the subject the payload names where it names one.
///
/// - `DevelopmentPlanAdopted` v2 and `TrainingProcured` v1 (before plan actions and trainings named needs):
///   read with none named.
/// - `ParticipantDataRecorded` v1 (profile in clear): read as a profile recorded in clear about its person.
/// - `SurveyAnswerRecorded` v1 (before `perspective`): read as a `current` answer.
/// - `SurveyAnswerCorrected` v1 (reason in clear) and v2 (before `answeredOn`): read as corrections that keep
///   the answer's day.
enum Upcasters {
    static func register(into codec: inout EventCodec<CompetenceEvent>) {
        codec.registerUpcaster(
            from: ForumMeetingHeldV1.self, version: 1, to: ForumMeetingHeld.self,
            wrap: CompetenceEvent.forumMeetingHeld
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: OrganisationWithdrawnV1.self, version: 1, to: OrganisationWithdrawn.self,
            wrap: CompetenceEvent.organisationWithdrawn
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: ManagementInterviewHeldV1.self, version: 1, to: ManagementInterviewHeld.self,
            wrap: CompetenceEvent.managementInterviewHeld
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: TrainingNeedIdentifiedV1.self, version: 1, to: TrainingNeedIdentified.self,
            wrap: CompetenceEvent.trainingNeedIdentified
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: SparringVisitHeldV1.self, version: 1, to: SparringVisitHeld.self,
            wrap: CompetenceEvent.sparringVisitHeld
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: SurveyAnswerRecordedV1.self, version: 1, to: SurveyAnswerRecorded.self,
            wrap: CompetenceEvent.surveyAnswerRecorded
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: SurveyAnswerCorrectedV1.self, version: 1, to: SurveyAnswerCorrected.self,
            wrap: CompetenceEvent.surveyAnswerCorrected
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: SurveyAnswerCorrectedV2.self, version: 2, to: SurveyAnswerCorrected.self,
            wrap: CompetenceEvent.surveyAnswerCorrected
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: TrainingFeedbackGivenV1.self, version: 1, to: TrainingFeedbackGiven.self,
            wrap: CompetenceEvent.trainingFeedbackGiven
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: DevelopmentPlanAdoptedV1.self, version: 1, to: DevelopmentPlanAdopted.self,
            wrap: CompetenceEvent.developmentPlanAdopted
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: PlanActionProgressedV1.self, version: 1, to: PlanActionProgressed.self,
            wrap: CompetenceEvent.planActionProgressed
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: PlanActionCompletedV1.self, version: 1, to: PlanActionCompleted.self,
            wrap: CompetenceEvent.planActionCompleted
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: DevelopmentPlanAdoptedV2.self, version: 2, to: DevelopmentPlanAdopted.self,
            wrap: CompetenceEvent.developmentPlanAdopted
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: TrainingProcuredV1.self, version: 1, to: TrainingProcured.self,
            wrap: CompetenceEvent.trainingProcured
        ) { $0.upcast() }
        codec.registerUpcaster(
            from: ParticipantDataRecordedV1.self, version: 1, to: ParticipantDataRecorded.self,
            wrap: CompetenceEvent.participantDataRecorded
        ) { $0.upcast() }
    }
}
