import CompetenceCore
import Foundation

/// The tables of entities that have no import format: persons, rounds, plans and their actions, indicators,
/// practices and their adoptions (adoptions outside the programme have an import format all the same).
extension TidyTables {
    /// `persons`: each registered person by pseudonymous id, organisation and role (no personal data).
    static func persons(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "persons", title: "Registered persons (pseudonymous)",
            fields: [
                .init("respondent", .string, "The person's pseudonymous id."),
                .init("organisation", .string, "The organisation they were registered in."),
                .init("role", .string, "manager, supervisor or staff."),
                .init("erased_on", .date, "The day their personal data was erased, if it was."),
            ],
            importKind: nil, importColumns: 0, primaryKey: ["respondent"], isPersonLevel: true)
        table.refer(["organisation"], to: "organisations", ["id"])
        table.rows = state.persons.values.sorted { $0.person < $1.person }.map { person in
            [
                person.person.rawValue, person.organisation.rawValue, person.role.rawValue,
                CellFormat.day(state.erasedSubjects[.person(person.person)]),
            ]
        }
        return table
    }

    /// `rounds`: each survey round, its kind, days, and the organisations and competences it asked about.
    static func rounds(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "rounds", title: "Survey rounds",
            fields: [
                .init("round", .string, "The round's id."),
                .init("kind", .string, "baseline or follow-up."),
                .init("opens_on", .date, "The day it opened."),
                .init("closed_on", .date, "The day it closed, if it has."),
                .init("programme", .string, "Its programme, if any."),
                .init("organisations", .string, "The organisations asked, separated by |."),
                .init("competences", .string, "The competences asked about, separated by |."),
                .init("event_id", .string, "The opening event's id."),
            ],
            importKind: nil, importColumns: 0, primaryKey: ["round"], isPersonLevel: false)
        table.rows = state.rounds.values.sorted { $0.id < $1.id }.map { record in
            let event = record.opening.event
            return [
                event.round.rawValue, event.kind.rawValue, CellFormat.day(event.opensOn),
                CellFormat.day(record.closedOn), event.programme?.rawValue ?? "",
                CellFormat.list(event.organisations.map(\.rawValue)),
                CellFormat.list(event.competences.map(\.rawValue)),
                id(record.opening.eventID),
            ]
        }
        return table
    }

    /// `plans`: each development plan.
    static func plans(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "plans", title: "Development plans",
            fields: [
                .init("plan", .string, "The plan's id."),
                .init("organisation", .string, "The organisation that adopted it."),
                .init("adopted_on", .date, "The day it was adopted."),
                .init("actions", .integer, "Its actions."),
                .init("event_id", .string, "The adoption event's id."),
            ],
            importKind: nil, importColumns: 0, primaryKey: ["plan"], isPersonLevel: false)
        table.refer(["organisation"], to: "organisations", ["id"])
        table.rows = state.plans.values.sorted { $0.id < $1.id }.map { record in
            let event = record.adoption.event
            return [
                event.plan.rawValue, event.organisation.rawValue, CellFormat.day(event.adoptedOn),
                String(event.actions.count), id(record.adoption.eventID),
            ]
        }
        return table
    }

    /// `plan_actions`: each action of each plan and where it stands.
    static func planActions(_ state: LedgerState, keyring: SubjectKeyring) -> TidyTable {
        var table = TidyTable(
            name: "plan_actions", title: "Plan actions and their status",
            fields: [
                .init("plan", .string, "The plan."),
                .init("action", .string, "The action's id within the plan."),
                .init("competence", .string, "The competence it develops."),
                .init("description", .string, "What is done ([erased] or [sealed] where it cannot be read)."),
                .init("target_level", .integer, "The level aimed at."),
                .init("due_on", .date, "The day it is due."),
                .init("owner_role", .string, "The role that owns it."),
                .init("status", .string, "planned, in-progress, completed or dropped."),
                .init("status_on", .date, "The day of the last change of status, if any."),
                .init("training", .string, "The training it uses, if named."),
                .init(
                    "need", .string,
                    "Where the need it answers was named (survey-gap, interview, foresight or training-need), if given."
                ),
            ],
            importKind: nil, importColumns: 0, primaryKey: ["plan", "action"], isPersonLevel: false)
        table.refer(["plan"], to: "plans", ["plan"])
        table.refer(["training"], to: "trainings", ["id"])
        for record in state.plans.values.sorted(by: { $0.id < $1.id }) {
            for action in record.adoption.event.actions {
                let progress = record.actionStatus[action.action]
                table.rows.append([
                    record.id.rawValue, action.action, action.competence.rawValue,
                    CellFormat.text(keyring.text(action.description)), String(action.targetLevel),
                    CellFormat.day(action.dueOn), action.ownerRole.rawValue,
                    (progress?.status ?? .planned).rawValue, CellFormat.day(progress?.on),
                    action.training?.rawValue ?? "", action.need?.rawValue ?? "",
                ])
            }
        }
        return table
    }

    /// `indicators`: each well-being or productivity measurement.
    static func indicators(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "indicators", title: "Indicator measurements",
            fields: [
                .init("organisation", .string, "The organisation measured."),
                .init("indicator", .string, "well-being, productivity, sick-leave-days, staff-turnover or other."),
                .init("name", .string, "The measure's name."),
                .init("value", .number, "The value."),
                .init("unit", .string, "Its unit."),
                .init("measured_on", .date, "The day measured."),
                .init("respondents", .integer, "Respondents behind the value, if a survey."),
                .init("event_id", .string, "The measurement event's id."),
            ],
            importKind: nil, importColumns: 0, primaryKey: ["event_id"], isPersonLevel: false)
        table.refer(["organisation"], to: "organisations", ["id"])
        table.rows = state.indicators.sorted { $0.position < $1.position }.map { fact in
            let event = fact.event
            return [
                event.organisation.rawValue, event.indicator.rawValue, event.name, number(event.value), event.unit,
                CellFormat.day(event.measuredOn), event.respondents.map(String.init) ?? "", id(fact.eventID),
            ]
        }
        return table
    }

    /// `practices`: each documented good practice and its publication.
    static func practices(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "practices", title: "Good practices",
            fields: [
                .init("practice", .string, "The practice's id."),
                .init("title", .string, "Its title."),
                .init("theme", .string, "Its theme."),
                .init("origin", .string, "The organisation it comes from."),
                .init("documented_on", .date, "The day it was documented."),
                .init("catalogue", .string, "The catalogue it was published in, if published."),
                .init("published_on", .date, "The day it was published, if it was."),
                .init("event_id", .string, "The documentation event's id."),
            ],
            importKind: nil, importColumns: 0, primaryKey: ["practice"], isPersonLevel: false)
        table.refer(["origin"], to: "organisations", ["id"])
        table.rows = state.practices.values.sorted { $0.id < $1.id }.map { record in
            let event = record.documentation.event
            return [
                event.practice.rawValue, event.title, event.theme, event.origin.rawValue,
                CellFormat.day(event.documentedOn), record.publication?.event.catalogue ?? "",
                CellFormat.day(record.publication?.event.publishedOn), id(record.documentation.eventID),
            ]
        }
        return table
    }

    /// `adoptions`: each adoption of a good practice.
    static func adoptions(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "adoptions", title: "Adoptions of good practices",
            fields: [
                .init("practice", .string, "The practice adopted."),
                .init("organisation", .string, "The organisation that adopted it."),
                .init("adopted_on", .date, "The day it was adopted."),
                .init("event_id", .string, "The adoption event's id."),
            ],
            importKind: nil, importColumns: 0, primaryKey: ["event_id"], isPersonLevel: false)
        table.refer(["practice"], to: "practices", ["practice"])
        let facts = state.practices.values.flatMap { Array($0.adoptions) }.sorted { $0.position < $1.position }
        table.rows = facts.map { fact in
            [
                fact.event.practice.rawValue, fact.event.organisation.rawValue, CellFormat.day(fact.event.adoptedOn),
                id(fact.eventID),
            ]
        }
        return table
    }

    /// `outside_adoptions`: `import outside-adoptions`' columns (with its optional `note`), then the event id; each
    /// adoption of a good practice by an organisation outside the programme.
    static func outsideAdoptions(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "outside_adoptions", title: "Adoptions of good practices outside the programme",
            fields: [
                .init("practice", .string, "The practice adopted."),
                .init("name", .string, "The adopting organisation's name."),
                .init("kind", .string, "enterprise or third-sector."),
                .init("sector", .string, "Its sector."),
                .init("region", .string, "Its region."),
                .init("adopted_on", .date, "The day it was adopted."),
                .init("note", .string, "A note, if any."),
                .init("event_id", .string, "The adoption event's id."),
            ],
            importKind: "outside-adoptions", importColumns: 7, primaryKey: ["event_id"], isPersonLevel: false)
        table.refer(["practice"], to: "practices", ["practice"])
        let facts = state.practices.values.flatMap { Array($0.outsideAdoptions) }.sorted { $0.position < $1.position }
        table.rows = facts.map { fact in
            let event = fact.event
            return [
                event.practice.rawValue, event.adopter.name, event.adopter.kind.rawValue, event.adopter.sector,
                event.adopter.region, CellFormat.day(event.adoptedOn), CellFormat.text(event.note), id(fact.eventID),
            ]
        }
        return table
    }
}
