/// One need of an organisation, from one source, and the trainings that answer it: the coverage report's
/// table of needs from every source, beside its survey-gap coverage.
public struct NeedCoverageRow: Hashable, Sendable {
    /// The organisation.
    public var organisation: OrganisationID
    /// The competence needed.
    public var competence: CompetenceID
    /// Where the need was named.
    public var source: NeedOrigin
    /// The day it was first named (empty for a survey gap).
    public var identifiedOn: CalendarDate?
    /// The trainings naming the need, by id.
    public var namedBy: [TrainingID]
    /// Every training answering it: those naming it, then those involving the organisation that target the
    /// competence.
    public var trainings: [TrainingID]
    /// Whether any training answers it.
    public var covered: Bool { !trainings.isEmpty }

    /// The rows of every need in `needs`.
    static func rows(_ needs: NeedList, state: LedgerState) -> [NeedCoverageRow] {
        needs.entries.map { entry in
            let answering = NeedList.trainings(answering: entry.reference, in: state)
            return NeedCoverageRow(
                organisation: entry.reference.organisation, competence: entry.reference.competence,
                source: entry.reference.origin, identifiedOn: entry.identifiedOn,
                namedBy: answering.filter { $0.1 == .named }.map(\.0), trainings: answering.map(\.0))
        }
    }
}

extension NeedCoverageRow: TableRow {
    /// `organisation,competence,source,identified_on,named_by,trainings,covered`.
    public static let columns = [
        "organisation", "competence", "source", "identified_on", "named_by", "trainings", "covered",
    ]

    public var cells: [String] {
        [
            organisation.rawValue, competence.rawValue, source.rawValue, CellFormat.day(identifiedOn),
            CellFormat.list(namedBy.map(\.rawValue)), CellFormat.list(trainings.map(\.rawValue)),
            CellFormat.flag(covered),
        ]
    }
}
