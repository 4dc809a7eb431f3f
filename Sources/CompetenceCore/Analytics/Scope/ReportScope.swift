/// Which part of the programme work a report covers: everything (the default), one programme, or one pilot
/// (with its programme, when given, checked to be the pilot's).
///
/// The scope is resolved against the replayed state once (``ScopeMembers``) and the state is narrowed to it
/// once (``LedgerState/restricted(to:)``); every report is then computed from the narrowed state, so all
/// reports apply the same scope in the same way. What belongs to a scope is described in Docs/Analytics.md
/// ("Scope: programmes and pilots").
public struct ReportScope: Hashable, Sendable, CustomStringConvertible {
    /// Only this programme; `nil`: every programme.
    public var programme: ProgrammeID?
    /// Only this pilot (its organisation and that pilot); `nil`: no pilot narrowing.
    public var pilot: PilotID?

    /// The whole ledger: no narrowing.
    public static let whole = ReportScope()

    /// A scope of `programme` and/or `pilot` (neither: the whole ledger).
    public init(programme: ProgrammeID? = nil, pilot: PilotID? = nil) {
        self.programme = programme
        self.pilot = pilot
    }

    /// Whether the scope narrows nothing.
    public var isWhole: Bool { programme == nil && pilot == nil }

    /// `all programmes`, `programme lossi`, `pilot p1` or `programme lossi, pilot p1`.
    public var description: String {
        var parts: [String] = []
        if let programme { parts.append("programme \(programme)") }
        if let pilot { parts.append("pilot \(pilot)") }
        return parts.isEmpty ? "all programmes" : parts.joined(separator: ", ")
    }
}
