/// What a call to ``CompetenceLedger/record(_:ids:metadata:)`` wrote, or found written before.
public struct RecordingReceipt: Hashable, Sendable {
    /// One result per stream the call touched, in the order of the streams' first events in the call.
    public var results: [AppendResult]
    /// True when every event id of the call was already recorded: nothing was appended, and ``results``
    /// give where the events were recorded the first time.
    public var alreadyRecorded: Bool
    /// The highest global position among the call's events.
    public var lastPosition: Int64

    /// Creates a receipt.
    public init(results: [AppendResult], alreadyRecorded: Bool, lastPosition: Int64) {
        self.results = results
        self.alreadyRecorded = alreadyRecorded
        self.lastPosition = lastPosition
    }
}
