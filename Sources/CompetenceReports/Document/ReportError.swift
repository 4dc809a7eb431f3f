/// Why a report could not be put together.
package enum ReportError: Error, CustomStringConvertible, Sendable {
    /// The timeline or trace report was asked for without an organisation.
    case organisationNeeded
    /// `--pilot` was given for a report it does not apply to (``ReportName/takesPilot``).
    case pilotNotApplicable(ReportName)

    package var description: String {
        switch self {
        case .organisationNeeded:
            "invalid value '' for --organisation: expected the id of an enrolled organisation "
                + "(the timeline and trace reports need one)"
        case .pilotNotApplicable(let name):
            "--pilot does not apply to the \(name.rawValue) report: it applies to "
                + ReportName.allCases.filter(\.takesPilot).map(\.rawValue).joined(separator: ", ")
                + " (a pilot is one organisation's process; use --programme for the programme-wide reports)"
        }
    }
}
