/// Why a report could not be put together.
package enum ReportError: Error, CustomStringConvertible, Sendable {
    /// The timeline or trace report was asked for without an organisation.
    case organisationNeeded

    package var description: String {
        switch self {
        case .organisationNeeded:
            "invalid value '' for --organisation: expected the id of an enrolled organisation "
                + "(the timeline and trace reports need one)"
        }
    }
}
