extension TimelineRow: TableRow {
    /// `occurred_on,recorded_on,position,type,summary`.
    public static let columns = ["occurred_on", "recorded_on", "position", "type", "summary"]

    public var cells: [String] {
        [CellFormat.day(occurredOn), CellFormat.day(recordedOn), String(position), type, CellFormat.text(summary)]
    }
}
