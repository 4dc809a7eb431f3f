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
            indicators(state), practices(state), adoptions(state), outsideAdoptions(state),
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

    /// `trainings`: `import trainings`' columns (with its optional `organisations,programme,needs`), then the
    /// sessions held.
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
                .init(
                    "needs", .string,
                    "The needs it answers, each organisation:competence:source, separated by |, if named."),
                .init("sessions", .integer, "Sessions held."),
                .init("session_hours", .number, "Hours of the sessions held."),
                .init("event_id", .string, "The procurement event's id."),
            ],
            importKind: "trainings", importColumns: 11, primaryKey: ["id"], isPersonLevel: false)
        table.rows = state.trainings.values.sorted { $0.id < $1.id }.map { record in
            let event = record.procurement.event
            return [
                event.training.rawValue, event.title, event.provider, event.kind.rawValue,
                CellFormat.list(event.competences.map(\.rawValue)), CellFormat.euros(cents: event.costCents),
                number(event.hours), CellFormat.day(event.procuredOn),
                CellFormat.list(event.organisations.map(\.rawValue)), event.programme?.rawValue ?? "",
                CellFormat.list((event.needs ?? []).map(\.description)), String(record.sessions.count),
                number(record.sessions.reduce(0) { $0 + $1.event.hours }),
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

    // MARK: Values

    /// An event id, lower-case.
    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }

    /// A number as the importers read it: whole numbers without decimals, others in the shortest exact form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
