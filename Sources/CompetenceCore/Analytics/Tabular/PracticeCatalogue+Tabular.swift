extension PracticeRow: TableRow {
    /// `practice,title,theme,origin,documented_on,catalogue,published_on,link,adoptions,adopted_by,summary`.
    public static let columns = [
        "practice", "title", "theme", "origin", "documented_on", "catalogue", "published_on", "link", "adoptions",
        "adopted_by", "summary",
    ]

    public var cells: [String] {
        [
            practice.rawValue, CellFormat.text(title), CellFormat.text(theme), origin.rawValue,
            CellFormat.day(documentedOn),
            CellFormat.text(catalogue), CellFormat.day(publishedOn), CellFormat.text(link), String(adoptedBy.count),
            CellFormat.list(adoptedBy.map(\.rawValue)), CellFormat.text(summary),
        ]
    }
}
