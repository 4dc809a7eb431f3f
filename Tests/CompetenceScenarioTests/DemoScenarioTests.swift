import CompetenceCore
import CompetenceScenario
import Foundation
import Testing

@Suite("Demo scenario")
struct DemoScenarioTests {
    private func recorded() async throws -> (InMemoryEventStore, DemoScenario.Summary) {
        let store = InMemoryEventStore(clock: DemoScenario.clock)
        let summary = try await DemoScenario().record(into: store)
        return (store, summary)
    }

    @Test func itRecordsThroughTheLedgerAndAgainAddsNothing() async throws {
        let (store, summary) = try await recorded()
        #expect(summary.lastPosition == (try await store.headPosition()))
        #expect(summary.events == DemoScenario().events.count)
        let again = try await DemoScenario().record(into: store)
        #expect(again.lastPosition == summary.lastPosition)
        #expect(try await store.headPosition() == summary.lastPosition)
    }

    /// With the same subject keys (personal text is sealed with them, deterministically), two runs give the same
    /// history.
    @Test func twoRunsGiveIdenticalProjections() async throws {
        let (first, _) = try await recorded()
        let second = InMemoryEventStore(clock: DemoScenario.clock)
        try await DemoScenario().record(
            into: CompetenceLedger(
                store: second, keys: first.subjectKeys, recordedBy: "demo", clock: DemoScenario.clock))
        let one = try await ProjectionRunner(store: first).replay(LedgerModel()).state
        let two = try await ProjectionRunner(store: second).replay(LedgerModel()).state
        #expect(one == two)
        #expect(CurrentCompetenceState(one) == CurrentCompetenceState(two))
        #expect(try await allEvents(first).map(\.id) == (try await allEvents(second).map(\.id)))
    }

    @Test func itCoversBothProgrammes() async throws {
        let (store, _) = try await recorded()
        let state = try await ProjectionRunner(store: store).replay(LedgerModel()).state
        let lossi = state.organisations.values.filter { $0.enrolment.event.programme == "lossi" }
        #expect(lossi.count == 7)
        let staff = Dictionary(grouping: state.persons.values, by: \.organisation).mapValues(\.count)
        #expect(lossi.filter { staff[$0.id, default: 0] < 5 }.map(\.id) == ["hitsaamo"])
        #expect(state.programmes.keys.sorted() == ["lossi", "tulos"])
        #expect(state.trainings.values.contains { $0.procurement.event.kind == .joint })
        #expect(state.trainings.values.contains { $0.procurement.event.kind == .company })
        #expect(state.trainings.values.flatMap(\.participations).contains { !$0.event.completed })
        #expect(!state.companyVisits.isEmpty && !state.forumMeetings.isEmpty && !state.foresightWorkshops.isEmpty)
        #expect(
            state.practices.values.allSatisfy { $0.publication?.event.catalogue == "SoteNavi" && !$0.adoptions.isEmpty }
        )
        #expect(state.pilots.values.allSatisfy { $0.completion != nil })
        #expect(state.voidedEventIDs.count == 1)
        let statuses = state.plans.values.flatMap { plan in
            plan.adoption.event.actions.map { plan.actionStatus[$0.action]?.status }
        }
        #expect(statuses.contains(.completed))
        let overdue = state.plans.values.flatMap { plan in
            plan.adoption.event.actions.filter {
                $0.dueOn < DemoScenario.recordingDay && plan.actionStatus[$0.action]?.status != .completed
            }
        }
        #expect(!overdue.isEmpty)
    }

    @Test func trainedPersonsImproveMoreThanUntrained() async throws {
        let (store, _) = try await recorded()
        let state = try await ProjectionRunner(store: store).replay(LedgerModel()).state
        let completed = Set(
            state.trainings.values.flatMap { training in
                training.participations.filter(\.event.completed).flatMap { participation in
                    training.procurement.event.competences.map { "\(participation.event.person)/\($0)" }
                }
            })
        var levels: [RoundID: [String: Int]] = [:]
        for answer in state.answers {
            levels[answer.event.round, default: [:]]["\(answer.event.respondent)/\(answer.event.competence)"] =
                answer.event.current
        }
        let before = try #require(levels[DemoScenario.lossiBaseline])
        let after = try #require(levels[DemoScenario.lossiFollowUp])
        var trained: [Int] = []
        var untrained: [Int] = []
        for (key, level) in after {
            let change = level - before[key]!
            if completed.contains(key) { trained.append(change) } else { untrained.append(change) }
        }
        let mean = { (values: [Int]) in Double(values.reduce(0, +)) / Double(values.count) }
        #expect(trained.count >= 30)
        #expect(mean(trained) > mean(untrained) + 0.5)
    }
}

/// Every event of `store` in global order.
private func allEvents(_ store: any EventStore) async throws -> [RecordedEvent] {
    var events: [RecordedEvent] = []
    for try await event in store.events() { events.append(event) }
    return events
}
