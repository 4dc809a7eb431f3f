import Foundation

extension LedgerState {
    /// Folds one event. Called by ``LedgerModel`` only.
    mutating func fold(_ event: CompetenceEvent, recorded: RecordedEvent) {
        if !voidedEventIDs.isEmpty, voidedEventIDs.contains(recorded.id) { return }
        recordInTimelines(event, recorded: recorded)
        switch event {
        case .programmeSetUp(let e): programmes[e.programme] = e
        case .forumMeetingHeld(let e):
            forumMeetings.append(Fact(e, recorded: recorded))
            stakeholderSubjects.formUnion(e.stakeholders.compactMap(\.name.subject))
        case .thematicWorkshopHeld(let e): thematicWorkshops.append(Fact(e, recorded: recorded))
        case .organisationEnrolled(let e):
            let previous = organisations[e.organisation]
            organisations[e.organisation] = OrganisationRecord(
                enrolment: Fact(e, recorded: recorded), withdrawnOn: previous?.withdrawnOn)
        case .organisationWithdrawn(let e): organisations[e.organisation]?.withdrawnOn = e.withdrawnOn
        case .managementInterviewHeld(let e): interviews.append(Fact(e, recorded: recorded))
        case .foresightWorkshopHeld(let e): foresightWorkshops.append(Fact(e, recorded: recorded))
        case .trainingNeedIdentified(let e): trainingNeeds.append(Fact(e, recorded: recorded))
        case .companyVisitMade(let e): companyVisits.append(Fact(e, recorded: recorded))
        case .portfolioItemAdded(let e): portfolioItems.append(Fact(e, recorded: recorded))
        case .sparringVisitHeld(let e): sparringVisits.append(Fact(e, recorded: recorded))
        case .indicatorMeasured(let e): indicators.append(Fact(e, recorded: recorded))
        case .competenceFrameworkDefined(let e): frameworks[e.framework] = e
        case .competenceDefined(let e):
            let previous = competences[e.competence]
            competences[e.competence] = CompetenceRecord(
                definition: Fact(e, recorded: recorded), retiredOn: previous?.retiredOn)
        case .competenceRetired(let e): competences[e.competence]?.retiredOn = e.retiredOn
        case .personRegistered(let e): persons[e.person] = e
        case .participantDataRecorded(let e):
            switch e.stage {
            case .entry: participantData[e.person, default: ParticipantDataRecord()].entry = Fact(e, recorded: recorded)
            case .exit: participantData[e.person, default: ParticipantDataRecord()].exit = Fact(e, recorded: recorded)
            }
        case .surveyRoundOpened(let e): rounds[e.round] = RoundRecord(opening: Fact(e, recorded: recorded))
        case .surveyRoundClosed(let e): rounds[e.round]?.closedOn = e.closedOn
        case .surveyAnswerRecorded(let e): answers.append(e, recorded: recorded)
        case .surveyAnswerCorrected(let e):
            answers.correct(
                e.answerEventID, current: e.current, target: e.target, importance: e.importance,
                answeredOn: e.answeredOn)
        case .trainingProcured(let e):
            if trainings[e.training] == nil {
                trainings[e.training] = TrainingRecord(procurement: Fact(e, recorded: recorded))
            } else {
                trainings[e.training]?.procurement = Fact(e, recorded: recorded)
            }
        case .trainingSessionHeld(let e): trainings[e.training]?.sessions.append(Fact(e, recorded: recorded))
        case .participationRecorded(let e):
            guard var training = trainings[e.training] else { return }
            if let earlier = training.participations.last(where: { $0.event.person == e.person }) {
                training.participations.remove(earlier.eventID)
            }
            training.participations.append(Fact(e, recorded: recorded))
            trainings[e.training] = training
        case .trainingFeedbackGiven(let e): trainings[e.training]?.feedback.append(Fact(e, recorded: recorded))
        case .developmentPlanAdopted(let e): plans[e.plan] = PlanRecord(adoption: Fact(e, recorded: recorded))
        case .planActionProgressed(let e):
            plans[e.plan]?.actionStatus[e.action] = ActionProgress(
                status: e.status, on: e.progressedOn, eventID: recorded.id)
        case .planActionCompleted(let e):
            plans[e.plan]?.actionStatus[e.action] = ActionProgress(
                status: .completed, on: e.completedOn, eventID: recorded.id)
        case .goodPracticeDocumented(let e):
            let previous = practices[e.practice]
            practices[e.practice] = PracticeRecord(
                documentation: Fact(e, recorded: recorded), publication: previous?.publication,
                adoptions: previous?.adoptions ?? FactList(),
                outsideAdoptions: previous?.outsideAdoptions ?? FactList())
        case .goodPracticePublished(let e): practices[e.practice]?.publication = Fact(e, recorded: recorded)
        case .goodPracticeAdopted(let e): practices[e.practice]?.adoptions.append(Fact(e, recorded: recorded))
        case .goodPracticeAdoptedOutside(let e):
            practices[e.practice]?.outsideAdoptions.append(Fact(e, recorded: recorded))
        case .pilotStarted(let e): pilots[e.pilot] = PilotRecord(start: Fact(e, recorded: recorded))
        case .pilotCompleted(let e): pilots[e.pilot]?.completion = Fact(e, recorded: recorded)
        case .eventVoided(let e): void(e.voidedEventID)
        case .dataSubjectErased(let e): erasedSubjects[e.subject] = erasedSubjects[e.subject] ?? e.erasedOn
        }
    }

    /// Removes a voided event from wherever it was folded. Voiding an event that is not folded (yet)
    /// still marks it, so it is ignored if it appears later in the same replay.
    private mutating func void(_ id: UUID) {
        voidedEventIDs.insert(id)
        for (organisation, entries) in timelines where entries.contains(where: { $0.eventID == id }) {
            timelines[organisation]?.removeAll { $0.eventID == id }
        }
        if answers.void(id) || interviews.remove(id) || foresightWorkshops.remove(id) || trainingNeeds.remove(id)
            || companyVisits.remove(id)
            || portfolioItems.remove(id) || sparringVisits.remove(id) || indicators.remove(id)
            || forumMeetings.remove(id) || thematicWorkshops.remove(id)
        {
            return
        }
        for (key, var training) in trainings {
            if training.procurement.eventID == id {
                trainings[key] = nil
                return
            }
            if training.sessions.remove(id) || training.participations.remove(id) || training.feedback.remove(id) {
                trainings[key] = training
                return
            }
        }
        for (key, var practice) in practices {
            if practice.documentation.eventID == id {
                practices[key] = nil
                return
            }
            if practice.publication?.eventID == id {
                practices[key]?.publication = nil
                return
            }
            if practice.adoptions.remove(id) || practice.outsideAdoptions.remove(id) {
                practices[key] = practice
                return
            }
        }
        for (key, plan) in plans {
            if plan.adoption.eventID == id {
                plans[key] = nil
                return
            }
            if let action = plan.actionStatus.first(where: { $0.value.eventID == id })?.key {
                plans[key]?.actionStatus[action] = nil
                return
            }
        }
        for (key, record) in participantData {
            if record.entry?.eventID == id {
                participantData[key]?.entry = nil
                return
            }
            if record.exit?.eventID == id {
                participantData[key]?.exit = nil
                return
            }
        }
        for (key, pilot) in pilots {
            if pilot.start.eventID == id {
                pilots[key] = nil
                return
            }
            if pilot.completion?.eventID == id {
                pilots[key]?.completion = nil
                return
            }
        }
    }

    /// Adds an organisation-level event to the timeline of every organisation it touches (read before the
    /// event itself is folded, so a plan's or a pilot's organisation is looked up as it stands).
    private mutating func recordInTimelines(_ event: CompetenceEvent, recorded: RecordedEvent) {
        let touched: [OrganisationID]
        switch event {
        case .organisationEnrolled(let e): touched = [e.organisation]
        case .organisationWithdrawn(let e): touched = [e.organisation]
        case .managementInterviewHeld(let e): touched = [e.organisation]
        case .foresightWorkshopHeld(let e): touched = [e.organisation]
        case .trainingNeedIdentified(let e): touched = [e.organisation]
        case .companyVisitMade(let e): touched = [e.host] + e.visitors
        case .portfolioItemAdded(let e): touched = [e.organisation]
        case .sparringVisitHeld(let e): touched = [e.organisation]
        case .indicatorMeasured(let e): touched = [e.organisation]
        case .forumMeetingHeld(let e): touched = e.stakeholders.compactMap(\.organisation)
        case .thematicWorkshopHeld(let e): touched = e.organisations
        case .surveyRoundOpened(let e): touched = e.organisations
        case .surveyRoundClosed(let e): touched = rounds[e.round]?.opening.event.organisations ?? []
        case .trainingProcured(let e): touched = e.organisations
        case .developmentPlanAdopted(let e): touched = [e.organisation]
        case .planActionProgressed(let e): touched = plans[e.plan].map { [$0.adoption.event.organisation] } ?? []
        case .planActionCompleted(let e): touched = plans[e.plan].map { [$0.adoption.event.organisation] } ?? []
        case .goodPracticeDocumented(let e): touched = [e.origin]
        case .goodPracticePublished(let e):
            touched = practices[e.practice].map { [$0.documentation.event.origin] } ?? []
        case .goodPracticeAdoptedOutside(let e):
            touched = practices[e.practice].map { [$0.documentation.event.origin] } ?? []
        case .goodPracticeAdopted(let e):
            touched = (practices[e.practice].map { [$0.documentation.event.origin] } ?? []) + [e.organisation]
        case .pilotStarted(let e): touched = [e.organisation]
        case .pilotCompleted(let e): touched = pilots[e.pilot].map { [$0.start.event.organisation] } ?? []
        case .dataSubjectErased(let e):
            if case .organisation(let organisation) = e.subject, organisations[organisation] != nil {
                touched = [organisation]
            } else {
                touched = []
            }
        case .programmeSetUp, .competenceFrameworkDefined, .competenceDefined, .competenceRetired, .personRegistered,
            .participantDataRecorded, .surveyAnswerRecorded, .surveyAnswerCorrected, .trainingSessionHeld,
            .participationRecorded,
            .trainingFeedbackGiven, .eventVoided:
            touched = []
        }
        guard !touched.isEmpty else { return }
        let entry = TimelineEntry(
            position: recorded.position, eventID: recorded.id, occurredAt: recorded.occurredAt,
            recordedAt: recorded.recordedAt, event: event)
        var seen: Set<OrganisationID> = []
        for organisation in touched where seen.insert(organisation).inserted {
            timelines[organisation, default: []].append(entry)
        }
    }
}
