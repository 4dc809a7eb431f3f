import Foundation

extension LedgerEvent {
    /// The event as a proposal for the store: its payload encoded, its day as `occurredAt` (the start of the
    /// day, UTC; `now` for definitions without a day).
    public func proposed(
        id: UUID = UUID(), encoding: PayloadEncoding = .json, metadata: EventMetadata = .none, now: Date = Date()
    ) throws -> NewEvent {
        NewEvent(
            id: id, type: Self.eventType, schemaVersion: Self.schemaVersion,
            occurredAt: occurredOn?.startOfDay ?? now, metadata: metadata,
            payload: try CompetenceEvent.codec.encode(self, as: encoding))
    }
}

extension RecordedEvent {
    /// The typed event, or `nil` when its type is not in this version's catalogue.
    public func decoded() throws(EventDecodingError) -> CompetenceEvent? {
        try CompetenceEvent.codec.decode(self)
    }
}
