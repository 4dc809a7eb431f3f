/// Who a report is for.
///
/// - `public`: fit for publication. Time travel moves only in whole survey rounds (see ``PublicScope``), so
///   two public reports of the same store differ only by whole rounds of answers; `--position` is refused.
/// - `analyst`: for the evaluators' own work. Every scope is allowed (cells below k are still withheld, with
///   their complements within the report), and every rendering says it is not for publication.
public enum ReportAudience: String, CaseIterable, Hashable, Sendable, Codable {
    /// Fit for publication (the default).
    case `public`
    /// Not for publication.
    case analyst

    /// The words every analyst rendering carries.
    public static let analystNotice = "ANALYST REPORT — NOT FOR PUBLICATION"
}
