/// A ``ReportScope`` resolved against a replayed state: the organisations it covers, the programme it belongs
/// to and the pilot it keeps. The one place that decides what belongs to a scope; ``LedgerState/restricted(to:)``
/// narrows the state by it.
///
/// - An organisation belongs to the programme its enrolment names. An enrolment without a programme belongs
///   to the only programme when the ledger has exactly one; with several it belongs to none of them (it is
///   counted only in the unscoped reports).
/// - A pilot scope covers the pilot's organisation and that pilot only (not the organisation's other pilots).
struct ScopeMembers: Hashable, Sendable {
    /// The scope asked for.
    let scope: ReportScope
    /// The programme the records must belong to: the one named, or the pilot's organisation's.
    let programme: ProgrammeID?
    /// The pilot kept, when the scope names one.
    let pilot: PilotID?
    /// The organisations covered.
    let organisations: Set<OrganisationID>
    /// Whether the scope covers the whole ledger (one programme that every organisation belongs to, and no
    /// pilot): then the state is not narrowed at all, and its reports are the unscoped ones.
    let coversEverything: Bool

    /// Resolves `scope` in `state`.
    ///
    /// - Throws: ``AnalyticsError/unknownScopeProgramme(_:known:)`` or ``AnalyticsError/unknownPilot(_:known:)``
    ///   naming the id and the known ones; ``AnalyticsError/pilotOutsideProgramme(_:programme:organisation:)``
    ///   when both are given and do not match.
    init(_ scope: ReportScope, in state: LedgerState) throws(AnalyticsError) {
        self.scope = scope
        if let programme = scope.programme, state.programmes[programme] == nil {
            throw .unknownScopeProgramme(programme, known: state.programmes.keys.sorted())
        }
        var programme = scope.programme
        if let pilot = scope.pilot {
            guard let record = state.pilots[pilot] else {
                throw .unknownPilot(pilot, known: state.pilots.keys.sorted())
            }
            let organisation = record.start.event.organisation
            let own = Self.programme(of: organisation, in: state)
            if let programme, own != programme {
                throw .pilotOutsideProgramme(pilot, programme: programme, organisation: organisation)
            }
            programme = own
            organisations = [organisation]
        } else if let programme {
            organisations = Set(state.organisations.keys.filter { Self.programme(of: $0, in: state) == programme })
        } else {
            organisations = Set(state.organisations.keys)
        }
        self.programme = programme
        pilot = scope.pilot
        coversEverything =
            scope.pilot == nil
            && (scope.programme == nil
                || (state.programmes.count == 1 && organisations.count == state.organisations.count))
    }

    /// The programme `organisation` belongs to: its enrolment's, else the only programme there is.
    static func programme(of organisation: OrganisationID, in state: LedgerState) -> ProgrammeID? {
        if let named = state.organisations[organisation]?.enrolment.event.programme { return named }
        return state.programmes.count == 1 ? state.programmes.keys.first : nil
    }

    /// Whether a record that names `programme` (or none) and concerns `organisations` belongs here: a named
    /// programme must be this scope's; an unnamed one belongs when one of its organisations is covered.
    func covers(programme named: ProgrammeID?, organisations concerned: some Sequence<OrganisationID>) -> Bool {
        if let named, named != programme { return false }
        if named != nil, pilot == nil { return true }
        return concerned.contains(where: organisations.contains)
    }
}
