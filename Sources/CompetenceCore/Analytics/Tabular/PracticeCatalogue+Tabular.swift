extension PracticeRow: TableRow {
    /// `practice,title,theme,origin,documented_on,catalogue,published_on,link,adoptions,adopted_by,summary,`
    /// `outside_adoptions,outside_adopted_by`: `adoptions` counts organisations of the programme, the two last
    /// columns organisations outside it.
    public static let columns = [
        "practice", "title", "theme", "origin", "documented_on", "catalogue", "published_on", "link", "adoptions",
        "adopted_by", "summary", "outside_adoptions", "outside_adopted_by",
    ]

    public var cells: [String] {
        [
            practice.rawValue, CellFormat.text(title), CellFormat.text(theme), origin.rawValue,
            CellFormat.day(documentedOn),
            CellFormat.text(catalogue), CellFormat.day(publishedOn), CellFormat.text(link), String(adoptedBy.count),
            CellFormat.list(adoptedBy.map(\.rawValue)), CellFormat.text(summary), String(adoptedOutsideBy.count),
            CellFormat.list(adoptedOutsideBy.map { CellFormat.text($0) }),
        ]
    }
}
