import CompetenceCore
import CompetenceScenario
import Foundation
import Testing

@testable import CompetenceExport

/// The export library on the demo's ledger, in process: the tables hold what the state holds, keys are unique,
/// the xAPI statements are one per answer, participation and completion and are the same bytes every time, the
/// Moodle framework lists every competence.
@Suite("CompetenceExport on the demo ledger")
struct DemoExportTests {
    private static func state() async throws -> LedgerState {
        let store = InMemoryEventStore(clock: DemoScenario.clock)
        try await DemoScenario().record(into: store)
        return try await ProjectionRunner(store: store).replay(LedgerModel(), scope: .everything).state
    }

    @Test("every table has one row per thing in the state, unique primary keys, rows as wide as the header")
    func tables() async throws {
        let state = try await Self.state()
        let tables = Dictionary(uniqueKeysWithValues: TidyTables.tables(of: state).map { ($0.name, $0) })
        #expect(tables.count == 13)
        #expect(
            tables["outside_adoptions"]?.rows.count
                == state.practices.values.map(\.outsideAdoptions.count).reduce(0, +))
        #expect(tables["answers"]?.rows.count == state.answers.count)
        #expect(tables["persons"]?.rows.count == state.persons.count)
        #expect(tables["organisations"]?.rows.count == state.organisations.count)
        #expect(tables["participation"]?.rows.count == state.trainings.values.map(\.participations.count).reduce(0, +))
        #expect(
            tables["plan_actions"]?.rows.count == state.plans.values.map(\.adoption.event.actions.count).reduce(0, +))
        for table in tables.values {
            #expect(table.rows.allSatisfy { $0.count == table.fields.count }, "\(table.name)")
            let key = table.primaryKey.map { name in table.columns.firstIndex(of: name)! }
            let keys = table.rows.map { row in key.map { row[$0] } }
            #expect(Set(keys).count == keys.count, "\(table.name): primary key unique")
            #expect(table.importColumns <= table.fields.count)
        }
        let package = try DataPackage.json(for: Array(tables.values), title: "t")
        #expect(try DataPackage.json(for: Array(tables.values), title: "t") == package)
    }

    @Test("xAPI: one statement per answer, participation and completion; the same bytes again; ids unique")
    func xapi() async throws {
        let state = try await Self.state()
        let statements = XAPIStatements(homePage: "https://lossi.example/")
        let lines = try statements.lines(of: state)
        let participations = state.trainings.values.flatMap { Array($0.participations) }
        #expect(
            lines.count == state.answers.count + participations.count
                + participations.filter(\.event.completed).count)
        #expect(try statements.lines(of: state) == lines)
        let ids = try lines.map { line in
            (try JSONSerialization.jsonObject(with: line) as? [String: Any])?["id"] as? String ?? ""
        }
        #expect(Set(ids).count == lines.count)
        #expect(!lines.contains { String(decoding: $0, as: UTF8.self).contains("https://lossi.example//") })
    }

    @Test("Moodle: the header, the framework row, every competence that is not retired")
    func moodle() async throws {
        let state = try await Self.state()
        let text = MoodleFramework(idNumber: "f", shortName: "F").csv(of: state)
        let lines = text.split(separator: "\n")
        #expect(lines.first.map(String.init) == MoodleFramework.header)
        let active = state.competences.values.filter { $0.retiredOn == nil }
        let categories = Set(active.map(\.definition.event.category))
        #expect(lines.count == 2 + categories.count + active.count)
    }
}
