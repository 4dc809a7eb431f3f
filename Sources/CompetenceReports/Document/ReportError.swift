/// Why a report could not be put together.
package enum ReportError: Error, CustomStringConvertible, Sendable {
    /// The timeline report was asked for without an organisation.
    case organisationNeeded

    package var description: String {
        switch self {
        case .organisationNeeded:
            "invalid value '' for --organisation: expected the id of an enrolled organisation "
                + "(the timeline report needs one)"
        }
    }
}
