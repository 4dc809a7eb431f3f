extension CompetenceEvent {
    /// Whether an ``EventVoided`` can undo this event: true for the facts that ``LedgerModel`` removes when
    /// they are voided (answers, activities, trainings and their parts, plans and their progress, practices,
    /// pilots, participant data); false for definitions, state changes (closing, withdrawing, retiring),
    /// corrections, voidings and erasures, which the fold keeps. Keep it in step with `LedgerState.void(_:)`.
    public var isVoidable: Bool {
        switch self {
        case .programmeSetUp, .organisationEnrolled, .organisationWithdrawn, .competenceFrameworkDefined,
            .competenceDefined, .competenceRetired, .personRegistered, .surveyRoundOpened, .surveyRoundClosed,
            .surveyAnswerCorrected, .eventVoided, .dataSubjectErased:
            false
        case .forumMeetingHeld, .thematicWorkshopHeld, .managementInterviewHeld, .foresightWorkshopHeld,
            .trainingNeedIdentified, .companyVisitMade, .portfolioItemAdded, .sparringVisitHeld, .indicatorMeasured,
            .surveyAnswerRecorded, .trainingProcured, .trainingSessionHeld, .participationRecorded,
            .trainingFeedbackGiven, .developmentPlanAdopted, .planActionProgressed, .planActionCompleted,
            .goodPracticeDocumented, .goodPracticePublished, .goodPracticeAdopted, .pilotStarted, .pilotCompleted,
            .participantDataRecorded, .goodPracticeAdoptedOutside:
            true
        }
    }
}

extension CompetenceEvent {
    /// Whether a snapshot of a ``LedgerState`` stores this event's effect as a row (survey answers, in the
    /// ``AnswerTable``) rather than folding the event again from the snapshot's ``ReplayLog``.
    var isStoredAsRow: Bool {
        if case .surveyAnswerRecorded = self { return true }
        return false
    }
}
