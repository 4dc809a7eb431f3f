/// Why an analyst report could not be computed.
public enum AnalyticsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The minimum group size must be at least 1.
    case minimumGroupSizeBelowOne(Int)
    /// The number of top gaps must be at least 1.
    case topGapsBelowOne(Int)
    /// A timeline was asked for an organisation the ledger does not know (in the replayed scope).
    case unknownOrganisation(OrganisationID)
    /// A public report was asked for a replay position (only whole survey rounds are allowed).
    case positionRefused
    /// A public report was asked for a day by which no survey round had ended.
    case noRoundEnded(CalendarDate)
    /// A round id the ledger does not know.
    case unknownRound(RoundID)
    /// A programme the ledger does not know (in the replayed history).
    case unknownProgramme(ProgrammeID)
    /// A report scope named a programme the ledger does not know; `known` lists the programmes it does.
    case unknownScopeProgramme(ProgrammeID, known: [ProgrammeID])
    /// An organisation's report (timeline, trace) was asked for an organisation outside the report's scope.
    case organisationOutsideScope(OrganisationID, scope: ReportScope)
    /// A report scope named a pilot the ledger does not know; `known` lists the pilots it does.
    case unknownPilot(PilotID, known: [PilotID])
    /// A report scope named a pilot and a programme, and the pilot's organisation is not in that programme.
    case pilotOutsideProgramme(PilotID, programme: ProgrammeID, organisation: OrganisationID)
    /// A round that has not ended (not closed, and no later round has opened).
    case roundNotEnded(RoundID)

    public var description: String {
        switch self {
        case .minimumGroupSizeBelowOne(let size): "the minimum group size must be at least 1, not \(size)"
        case .topGapsBelowOne(let count): "the number of top gaps must be at least 1, not \(count)"
        case .unknownOrganisation(let id): "no organisation '\(id)' is enrolled in the replayed history"
        case .positionRefused:
            "a public report moves only in whole survey rounds: use --round, --as-of or --effective-on, "
                + "or --audience analyst for --position"
        case .noRoundEnded(let day):
            "no survey round had ended by \(day): a public report moves only in whole survey rounds"
        case .unknownRound(let id): "no survey round '\(id)' in the ledger"
        case .unknownProgramme(let id): "no programme '\(id)' is set up in the replayed history"
        case .unknownScopeProgramme(let id, let known):
            "no programme '\(id)' is set up in the replayed history; known: \(Self.list(known))"
        case .organisationOutsideScope(let id, let scope):
            "organisation '\(id)' is not in the report's scope (\(scope))"
        case .unknownPilot(let id, let known):
            "no pilot '\(id)' was started in the replayed history; known: \(Self.list(known))"
        case .pilotOutsideProgramme(let pilot, let programme, let organisation):
            "pilot '\(pilot)' runs in organisation '\(organisation)', which is not in programme '\(programme)'"
        case .roundNotEnded(let id): "survey round '\(id)' has not ended (not closed, and no later round opened)"
        }
    }

    /// Ids as `a, b, c`, or `none`.
    private static func list<Kind>(_ ids: [Identifier<Kind>]) -> String {
        ids.isEmpty ? "none" : ids.map(\.rawValue).joined(separator: ", ")
    }
}
