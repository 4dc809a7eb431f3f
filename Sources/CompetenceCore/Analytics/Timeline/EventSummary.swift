/// One readable line per event, for timelines. Never includes an individual's answer: person-level events are
/// summarised without levels, scores or hours. An indicator value resting on 1 … k − 1 respondents is withheld.
/// Personal text is opened with the keyring (`[erased]` once its subject is erased).
enum EventSummary {
    /// The line of `event`; `withheld` says the disclosure pass withholds it (an indicator value on too few
    /// respondents, ``IndicatorCells``), and the line then names `minimumGroupSize`.
    static func line(
        for event: CompetenceEvent, withheld: Bool, minimumGroupSize: Int, keyring: SubjectKeyring
    ) -> String {
        switch event {
        case .programmeSetUp(let e): "Programme \(e.name) set up (\(e.startsOn)–\(e.endsOn))"
        case .forumMeetingHeld(let e):
            "Forum meeting \(e.meeting) with \(e.stakeholders.count) stakeholders\(topics(e.topics))"
        case .thematicWorkshopHeld(let e):
            "Thematic workshop \"\(e.theme)\": \(e.organisations.count) organisations, \(e.participants) persons"
        case .organisationEnrolled(let e):
            "Enrolled: \(e.name) (\(e.kind.rawValue), \(e.sector), \(e.sizeClass.rawValue), \(e.region))"
        case .organisationWithdrawn(let e):
            "Withdrew from the programme" + (keyring.text(e.reason).map { ": \($0)" } ?? "")
        case .managementInterviewHeld(let e):
            "Management interview \(e.interview) (\(e.intervieweeRoles.map(\.rawValue).joined(separator: ", "))): "
                + "needs "
                + e.identifiedNeeds.sorted { $0.priority < $1.priority }.map(\.competence.rawValue)
                .joined(separator: ", ")
        case .foresightWorkshopHeld(let e):
            "Foresight workshop: vision \(e.horizonYear) \"\(e.vision)\", \(e.milestones.count) milestones, "
                + "\(e.futureNeeds.count) future needs"
        case .trainingNeedIdentified(let e):
            "Training need: \(e.competence) (priority \(e.priority), from \(e.source.rawValue))"
        case .companyVisitMade(let e):
            "Company visit to \(e.host) by \(e.visitors.map(\.rawValue).joined(separator: ", "))"
                + (e.practicesObserved.isEmpty ? "" : "; saw \(e.practicesObserved.joined(separator: ", "))")
        case .portfolioItemAdded(let e): "Portfolio: \(e.kind.rawValue) \"\(e.title)\""
        case .sparringVisitHeld(let e): "Sparring visit\(topics(e.topics)); \(e.agreedActions.count) actions agreed"
        case .indicatorMeasured(let e) where withheld:
            "Measured \(e.name): withheld (fewer than \(minimumGroupSize) respondents)"
        case .indicatorMeasured(let e): "Measured \(e.name): \(e.value) \(e.unit)"
        case .competenceFrameworkDefined(let e): "Framework \(e.framework) defined: \(e.name)"
        case .competenceDefined(let e): "Competence \(e.competence) defined: \(e.name)"
        case .competenceRetired(let e): "Competence \(e.competence) retired"
        case .personRegistered: "A person was registered"
        case .participantDataRecorded: "A participant's data were recorded"
        case .surveyRoundOpened(let e):
            "Survey round \(e.round) (\(e.kind.rawValue)) opened: \(e.competences.count) competences"
        case .surveyRoundClosed(let e): "Survey round \(e.round) closed"
        case .surveyAnswerRecorded(let e): "An answer was recorded in round \(e.round)"
        case .surveyAnswerCorrected(let e): "An answer was corrected in round \(e.round)"
        case .trainingProcured(let e):
            "Training procured: \"\(e.title)\" by \(e.provider) (\(e.kind.rawValue), \(e.hours) h, "
                + "\(CellFormat.euros(cents: e.costCents)) EUR) "
                + "for \(e.competences.map(\.rawValue).joined(separator: ", "))"
        case .trainingSessionHeld(let e): "Session \(e.session) of training \(e.training) held"
        case .participationRecorded(let e): "A participation in training \(e.training) was recorded"
        case .trainingFeedbackGiven(let e): "Feedback on training \(e.training) was given"
        case .developmentPlanAdopted(let e): "Development plan \(e.plan) adopted with \(e.actions.count) actions"
        case .planActionProgressed(let e): "Plan \(e.plan) action \(e.action): \(e.status.rawValue)"
        case .planActionCompleted(let e): "Plan \(e.plan) action \(e.action) completed"
        case .goodPracticeDocumented(let e): "Good practice documented: \"\(e.title)\" (\(e.theme))"
        case .goodPracticePublished(let e): "Good practice \(e.practice) published in \(e.catalogue)"
        case .goodPracticeAdopted(let e): "Good practice \(e.practice) adopted by \(e.organisation)"
        case .goodPracticeAdoptedOutside(let e):
            "Good practice \(e.practice) adopted outside the programme by \(e.adopter.name) (\(e.adopter.region))"
        case .pilotStarted(let e): "Pilot \(e.pilot) started: \"\(e.theme)\", \(e.employeesInvolved) employees"
        case .pilotCompleted(let e): "Pilot \(e.pilot) completed: \(e.outcome)"
        case .eventVoided(let e): "An event was voided: \(e.reason)"
        case .dataSubjectErased(let e): "Personal data of \(e.subject) erased (its key destroyed)"
        }
    }

    private static func topics(_ topics: [String]) -> String {
        topics.isEmpty ? "" : " on \(topics.joined(separator: ", "))"
    }

}
