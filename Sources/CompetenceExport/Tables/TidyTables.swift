import CompetenceCore
import Foundation

/// The tidy tables of a ledger state: one table per entity, one row per thing that counts in the state
/// (corrections applied, voided events gone), in a stable order (by id, then by global position).
///
/// Persons appear by their pseudonymous id only; personal text (plan action descriptions) is opened with the
/// keyring and reads `[erased]` or `[sealed]` where it cannot be.
package enum TidyTables {
    /// Every table of `state`, in the order they are written and listed in the data package.
    package static func tables(of state: LedgerState, keyring: SubjectKeyring = .empty) -> [TidyTable] {
        let keyring = keyring.noting(erasures: state.erasedSubjects)
        return [
            organisations(state), competences(state), persons(state), rounds(state), answers(state),
            trainings(state), participation(state), plans(state), planActions(state, keyring: keyring),
            indicators(state), practices(state), adoptions(state),
        ]
    }

    // MARK: Entities with an import format

    /// `organisations`: `import organisations`' columns (with its optional `programme,enrolled_on`).
    static func organisations(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "organisations", title: "Enrolled organisations",
            fields: [
                .init("id", .string, "The organisation's id."),
                .init("name", .string, "Its name."),
                .init("kind", .string, "enterprise, public or third-sector."),
                .init("sector", .string, "Its sector."),
                .init("size_class", .string, "micro, small, medium or large."),
                .init("region", .string, "Its region."),
                .init("programme", .string, "The programme it is enrolled in, if any."),
                .init("enrolled_on", .date, "The day it enrolled, if known."),
                .init("withdrawn_on", .date, "The day it withdrew, if it did."),
                .init("event_id", .string, "The enrolment event's id."),
            ],
            importKind: "organisations", importColumns: 8, primaryKey: ["id"], isPersonLevel: false)
        table.rows = state.organisations.values.sorted { $0.id < $1.id }.map { record in
            let event = record.enrolment.event
            return [
                event.organisation.rawValue, event.name, event.kind.rawValue, event.sector, event.sizeClass.rawValue,
                event.region, event.programme?.rawValue ?? "", CellFormat.day(event.enrolledOn),
                CellFormat.day(record.withdrawnOn), id(record.enrolment.eventID),
            ]
        }
        return table
    }

    /// `competences`: `import competences`' columns (with its optional `framework,proficient_from`).
    static func competences(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "competences", title: "Defined competences",
            fields: [
                .init("id", .string, "The competence's id."),
                .init("name", .string, "Its name."),
                .init("category", .string, "Its category."),
                .init("scale_min", .integer, "The lowest level of its scale."),
                .init("scale_max", .integer, "The highest level of its scale."),
                .init("esco_uri", .string, "The ESCO skill it corresponds to, if any."),
                .init("framework", .string, "The framework it belongs to, if any."),
                .init("proficient_from", .integer, "The lowest level that counts as proficient, if set."),
                .init("retired_on", .date, "The day it was retired, if it was."),
                .init("event_id", .string, "The definition event's id."),
            ],
            importKind: "competences", importColumns: 8, primaryKey: ["id"], isPersonLevel: false)
        table.rows = state.competences.values.sorted { $0.id < $1.id }.map { record in
            let event = record.definition.event
            return [
                event.competence.rawValue, event.name, event.category, String(event.scale.minimum),
                String(event.scale.maximum), event.escoURI ?? "", event.framework?.rawValue ?? "",
                event.scale.proficientFrom.map(String.init) ?? "", CellFormat.day(record.retiredOn),
                id(record.definition.eventID),
            ]
        }
        return table
    }

    /// `answers`: the long survey format, then the round, its kind, the rater, the perspective, the event id and
    /// its global position; one row per answer that counts.
    static func answers(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "answers", title: "Survey answers that count (corrections applied)",
            fields: [
                .init("respondent", .string, "The respondent's pseudonymous id."),
                .init("organisation", .string, "The organisation answered for."),
                .init("role", .string, "The respondent's role: manager, supervisor or staff."),
                .init("competence", .string, "The competence rated."),
                .init("current", .integer, "The current level."),
                .init("target", .integer, "The target level, if given."),
                .init("importance", .integer, "The importance rating, if given."),
                .init("answered_on", .date, "The day of the answer."),
                .init("round", .string, "The survey round."),
                .init("round_kind", .string, "baseline or follow-up."),
                .init("rater", .string, "Who rated: self, manager, consultant or peer."),
                .init("perspective", .string, "current, or retrospective-pre (the then-test)."),
                .init("event_id", .string, "The answer event's id."),
                .init("position", .integer, "The answer's global position (a later one supersedes on the same day)."),
            ],
            importKind: "survey", importColumns: 8, primaryKey: ["event_id"], isPersonLevel: true)
        table.refer(["respondent"], to: "persons", ["respondent"])
        table.refer(["organisation"], to: "organisations", ["id"])
        table.refer(["competence"], to: "competences", ["id"])
        table.refer(["round"], to: "rounds", ["round"])
        table.rows = state.answers.sorted { $0.position < $1.position }.map { fact in
            let answer = fact.event
            return [
                answer.respondent.rawValue, answer.organisation.rawValue,
                state.persons[answer.respondent]?.role.rawValue ?? "", answer.competence.rawValue,
                String(answer.current), answer.target.map(String.init) ?? "",
                answer.importance.map(String.init) ?? "", CellFormat.day(answer.answeredOn), answer.round.rawValue,
                state.rounds[answer.round]?.kind.rawValue ?? "", answer.rater.rawValue, answer.perspective.rawValue,
                id(fact.eventID), String(fact.position),
            ]
        }
        return table
    }

    /// `trainings`: `import trainings`' columns (with its optional `organisations,programme`), then the sessions
    /// held.
    static func trainings(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "trainings", title: "Procured trainings",
            fields: [
                .init("id", .string, "The training's id."),
                .init("title", .string, "Its title."),
                .init("provider", .string, "Who delivers it."),
                .init("kind", .string, "Its kind."),
                .init("competences", .string, "The competences it targets, separated by |."),
                .init("cost_eur", .number, "Its cost in euros."),
                .init("hours", .number, "Its planned hours."),
                .init("procured_on", .date, "The day it was procured."),
                .init("organisations", .string, "The organisations it was procured for, separated by |."),
                .init("programme", .string, "The programme that procured it, if any."),
                .init("sessions", .integer, "Sessions held."),
                .init("session_hours", .number, "Hours of the sessions held."),
                .init("event_id", .string, "The procurement event's id."),
            ],
            importKind: "trainings", importColumns: 10, primaryKey: ["id"], isPersonLevel: false)
        table.rows = state.trainings.values.sorted { $0.id < $1.id }.map { record in
            let event = record.procurement.event
            return [
                event.training.rawValue, event.title, event.provider, event.kind.rawValue,
                CellFormat.list(event.competences.map(\.rawValue)), CellFormat.euros(cents: event.costCents),
                number(event.hours), CellFormat.day(event.procuredOn),
                CellFormat.list(event.organisations.map(\.rawValue)), event.programme?.rawValue ?? "",
                String(record.sessions.count), number(record.sessions.reduce(0) { $0 + $1.event.hours }),
                id(record.procurement.eventID),
            ]
        }
        return table
    }

    /// `participation`: `import participation`' columns (with its optional `recorded_on`); the participations
    /// that count (the latest of each person in each training).
    static func participation(_ state: LedgerState) -> TidyTable {
        var table = TidyTable(
            name: "participation", title: "Participation in trainings",
            fields: [
                .init("training", .string, "The training."),
                .init("respondent", .string, "The participant's pseudonymous id."),
                .init("organisation", .string, "The participant's organisation."),
                .init("attended_hours", .number, "Hours attended."),
                .init("completed", .boolean, "Whether the participant completed the training."),
                .init("completed_on", .date, "The day of completion, if completed and known."),
                .init("recorded_on", .date, "The day the participation applies to (the last day attended)."),
                .init("event_id", .string, "The participation event's id."),
            ],
            importKind: "participation", importColumns: 7, primaryKey: ["event_id"], isPersonLevel: true)
        table.refer(["training"], to: "trainings", ["id"])
        table.refer(["respondent"], to: "persons", ["respondent"])
        table.refer(["organisation"], to: "organisations", ["id"])
        let facts = state.trainings.values.flatMap { Array($0.participations) }.sorted { $0.position < $1.position }
        table.rows = facts.map { fact in
            let event = fact.event
            return [
                event.training.rawValue, event.person.rawValue, event.organisation.rawValue,
                number(event.attendedHours), CellFormat.flag(event.completed), CellFormat.day(event.completedOn),
                CellFormat.day(event.recordedOn), id(fact.eventID),
            ]
        }
        return table
    }

    // MARK: Entities without an import format

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
            ],
            importKind: nil, importColumns: 0, primaryKey: ["plan", "action"], isPersonLevel: false)
        table.refer(["plan"], to: "plans", ["plan"])
        for record in state.plans.values.sorted(by: { $0.id < $1.id }) {
            for action in record.adoption.event.actions {
                let progress = record.actionStatus[action.action]
                table.rows.append([
                    record.id.rawValue, action.action, action.competence.rawValue,
                    CellFormat.text(keyring.text(action.description)), String(action.targetLevel),
                    CellFormat.day(action.dueOn), action.ownerRole.rawValue,
                    (progress?.status ?? .planned).rawValue, CellFormat.day(progress?.on),
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

    // MARK: Values

    /// An event id, lower-case.
    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }

    /// A number as the importers read it: whole numbers without decimals, others in the shortest exact form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
