// The event catalogue (Docs/Event-Catalogue.md): each type is a `LedgerEvent`, schema version 1 unless it says so.
import Foundation

/// An organisation adopted a competence development plan with actions.
public struct DevelopmentPlanAdopted: LedgerEvent {
    public static let eventType = "DevelopmentPlanAdopted"
    /// Version 2: each action's `description` is personal text (version 1 held it in clear). Version 3 adds
    /// each action's optional `training` and `need` (version 2 payloads read with none).
    public static let schemaVersion = 3

    /// The plan.
    public var plan: PlanID
    /// The organisation.
    public var organisation: OrganisationID
    /// The day it was adopted.
    public var adoptedOn: CalendarDate
    /// The actions.
    public var actions: [PlanAction]

    /// Creates the event.
    public init(
        plan: PlanID,
        organisation: OrganisationID,
        adoptedOn: CalendarDate,
        actions: [PlanAction]
    ) {
        self.plan = plan
        self.organisation = organisation
        self.adoptedOn = adoptedOn
        self.actions = actions
    }

    public var stream: StreamName { plan.stream }
    public var occurredOn: CalendarDate? { adoptedOn }
}

/// A plan action moved on (started, progressed or dropped).
public struct PlanActionProgressed: LedgerEvent {
    public static let eventType = "PlanActionProgressed"
    /// Version 2: `note` is personal text (version 1 held it in clear).
    public static let schemaVersion = 2

    /// The plan.
    public var plan: PlanID
    /// The action id.
    public var action: String
    /// Its new status.
    public var status: ActionStatus
    /// The day.
    public var progressedOn: CalendarDate
    /// A note: personal text about the plan's organisation (or a registered person of it).
    public var note: PersonalText?

    /// Creates the event.
    public init(
        plan: PlanID,
        action: String,
        status: ActionStatus,
        progressedOn: CalendarDate,
        note: PersonalText? = nil
    ) {
        self.plan = plan
        self.action = action
        self.status = status
        self.progressedOn = progressedOn
        self.note = note
    }

    public var stream: StreamName { plan.stream }
    public var occurredOn: CalendarDate? { progressedOn }
}

/// A plan action was completed (Kirkpatrick level 3 proxy: behaviour changed).
public struct PlanActionCompleted: LedgerEvent {
    public static let eventType = "PlanActionCompleted"
    /// Version 2: `note` is personal text (version 1 held it in clear).
    public static let schemaVersion = 2

    /// The plan.
    public var plan: PlanID
    /// The action id.
    public var action: String
    /// The day.
    public var completedOn: CalendarDate
    /// A note: personal text about the plan's organisation (or a registered person of it).
    public var note: PersonalText?

    /// Creates the event.
    public init(
        plan: PlanID,
        action: String,
        completedOn: CalendarDate,
        note: PersonalText? = nil
    ) {
        self.plan = plan
        self.action = action
        self.completedOn = completedOn
        self.note = note
    }

    public var stream: StreamName { plan.stream }
    public var occurredOn: CalendarDate? { completedOn }
}
