extension LedgerState {
    /// The state narrowed to `members` — what every report of a scope is computed from (the scope is applied
    /// once, here, never per report). A scope that covers everything returns the state unchanged.
    ///
    /// What is kept (Docs/Analytics.md, "Scope: programmes and pilots"):
    /// - the scope's programme; its organisations (``ScopeMembers``), their persons, participant data,
    ///   answers, interviews, workshops, needs, visits (hosted or made), portfolio items, sparring visits,
    ///   indicator measurements, plans and timelines;
    /// - pilots of its organisations (a pilot scope: that pilot only);
    /// - survey rounds of the programme, and rounds without a programme that ask one of its organisations,
    ///   each listing only the scope's organisations;
    /// - trainings of the programme, and trainings without a programme that name or train one of its
    ///   organisations, each with only its organisations' participations and feedback (anonymous feedback
    ///   only when every organisation the training names is covered);
    /// - good practices from its organisations (adoptions outside the programme with them), and practices
    ///   adopted by them, with only its organisations' adoptions;
    /// - forum meetings and thematic workshops of the programme (none in a pilot scope).
    /// Frameworks, competences, erasures and the provenance of the replay (positions, hashes) stay as they are.
    func restricted(to members: ScopeMembers) -> LedgerState {
        guard !members.coversEverything else { return self }
        let kept = members.organisations
        var state = self
        state.programmes = programmes.filter { $0.key == members.programme }
        state.organisations = organisations.filter { kept.contains($0.key) }
        let keptPersons = persons.filter { kept.contains($0.value.organisation) }
        state.persons = keptPersons
        state.participantData = participantData.filter { keptPersons[$0.key] != nil }
        state.answers.keepOnly(organisations: kept)

        state.rounds = [:]
        for (id, record) in rounds
        where members.covers(
            programme: record.opening.event.programme, organisations: record.opening.event.organisations)
        {
            var record = record
            record.opening.event.organisations.removeAll { !kept.contains($0) }
            state.rounds[id] = record
        }

        state.trainings = [:]
        for (id, record) in trainings {
            let training = record.procurement.event
            let trained = record.participations.map(\.event.organisation)
            guard members.covers(programme: training.programme, organisations: training.organisations + trained)
            else { continue }
            var narrowed = TrainingRecord(procurement: record.procurement, sessions: record.sessions)
            narrowed.participations = Self.facts(record.participations) { kept.contains($0.organisation) }
            let ownPersons = Set(narrowed.participations.map(\.event.person))
            let exclusive = !training.organisations.isEmpty && training.organisations.allSatisfy(kept.contains)
            narrowed.feedback = Self.facts(record.feedback) { feedback in
                guard let person = feedback.person else { return exclusive }
                return ownPersons.contains(person) || keptPersons[person] != nil
            }
            state.trainings[id] = narrowed
        }

        state.interviews = Self.facts(interviews) { kept.contains($0.organisation) }
        state.foresightWorkshops = Self.facts(foresightWorkshops) { kept.contains($0.organisation) }
        state.trainingNeeds = Self.facts(trainingNeeds) { kept.contains($0.organisation) }
        state.companyVisits = Self.facts(companyVisits) { visit in
            kept.contains(visit.host) || visit.visitors.contains(where: kept.contains)
        }
        state.portfolioItems = Self.facts(portfolioItems) { kept.contains($0.organisation) }
        state.sparringVisits = Self.facts(sparringVisits) { kept.contains($0.organisation) }
        state.indicators = Self.facts(indicators) { kept.contains($0.organisation) }
        state.plans = plans.filter { kept.contains($0.value.adoption.event.organisation) }
        state.pilots = pilots.filter { pilot in
            members.pilot.map { $0 == pilot.key } ?? kept.contains(pilot.value.start.event.organisation)
        }

        let programmeActivities = members.pilot == nil ? members.programme : nil
        state.forumMeetings = Self.facts(forumMeetings) { $0.programme == programmeActivities }
        state.thematicWorkshops = Self.facts(thematicWorkshops) { $0.programme == programmeActivities }
        state.practices = [:]
        for (id, record) in practices {
            let own = kept.contains(record.documentation.event.origin)
            let adoptions = Self.facts(record.adoptions) { kept.contains($0.organisation) }
            guard own || !adoptions.isEmpty else { continue }
            var narrowed = record
            narrowed.adoptions = adoptions
            if !own { narrowed.outsideAdoptions = FactList() }
            state.practices[id] = narrowed
        }
        state.timelines = timelines.filter { kept.contains($0.key) }
        return state
    }

    /// The facts of `list` whose event passes `isKept`, in order.
    private static func facts<Event: LedgerEvent>(
        _ list: FactList<Event>, where isKept: (Event) -> Bool
    ) -> FactList<Event> {
        var kept = FactList<Event>()
        for fact in list where isKept(fact.event) { kept.append(fact) }
        return kept
    }
}
