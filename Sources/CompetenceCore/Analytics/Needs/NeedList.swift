/// Every competence need of the organisations, from each source: the top survey gaps of the skills matrix
/// (as the coverage report ranks them), the needs named in management interviews, the future needs of
/// foresight workshops and the identified training needs. One entry per organisation, competence and source
/// (the earliest day it was named). The one place the coverage report and `report trace` read needs from.
struct NeedList: Sendable {
    /// One need.
    struct Entry: Hashable, Sendable {
        /// The organisation, competence and source.
        var reference: NeedReference
        /// The day it was first named (`nil` for a survey gap, which is a standing figure of the matrix).
        var identifiedOn: CalendarDate?
    }

    /// Every need, by organisation, competence and source.
    let entries: [Entry]

    /// The needs of `state`, with the top `options.topGaps` survey gaps per organisation from `matrix`.
    init(state: LedgerState, matrix: SkillsMatrix, options: AnalyticsOptions) {
        var earliest: [NeedReference: CalendarDate?] = [:]
        func add(_ reference: NeedReference, _ day: CalendarDate?) {
            if let known = earliest[reference], let knownDay = known, let day, knownDay <= day { return }
            earliest[reference] = day
        }
        for gap in matrix.rankedGaps where gap.rank <= options.topGaps {
            add(NeedReference(organisation: gap.organisation, competence: gap.competence, origin: .surveyGap), nil)
        }
        for fact in state.interviews {
            for need in fact.event.identifiedNeeds {
                add(
                    NeedReference(
                        organisation: fact.event.organisation, competence: need.competence, origin: .interview),
                    fact.event.heldOn)
            }
        }
        for fact in state.foresightWorkshops {
            for need in fact.event.futureNeeds {
                add(
                    NeedReference(
                        organisation: fact.event.organisation, competence: need.competence, origin: .foresight),
                    fact.event.heldOn)
            }
        }
        for fact in state.trainingNeeds {
            add(
                NeedReference(
                    organisation: fact.event.organisation, competence: fact.event.competence, origin: .trainingNeed),
                fact.event.identifiedOn)
        }
        entries = earliest.map { Entry(reference: $0.key, identifiedOn: $0.value) }.sorted {
            $0.reference < $1.reference
        }
    }

    /// The trainings answering `need`: those naming it, then those involving its organisation that target its
    /// competence, each once, by id within each group; with how each is linked.
    static func trainings(answering need: NeedReference, in state: LedgerState) -> [(TrainingID, NeedLink)] {
        let records = state.trainings.values.sorted { $0.id < $1.id }
        let named = records.filter { $0.procurement.event.needs?.contains(need) ?? false }.map(\.id)
        let matching = records.filter {
            !named.contains($0.id) && $0.involves(need.organisation)
                && $0.procurement.event.competences.contains(need.competence)
        }.map(\.id)
        return named.map { ($0, .named) } + matching.map { ($0, .competence) }
    }
}

/// How a training is linked to a need it answers.
public enum NeedLink: String, Hashable, Sendable, Codable, CaseIterable {
    /// The training names the need (``TrainingProcured/needs``).
    case named
    /// The training targets the need's competence and involves its organisation.
    case competence
}
