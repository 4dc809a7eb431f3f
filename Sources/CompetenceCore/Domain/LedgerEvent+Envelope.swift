import Foundation

extension LedgerEvent {
    /// The event as a proposal for the store: its payload encoded, its day as `occurredAt` (the start of the
    /// day, UTC; `now` for definitions without a day).
    ///
    /// - Throws: ``PersonalDataError/notSealed(subject:)`` when the event holds personal data that is not
    ///   sealed: only ``CompetenceLedger`` seals it.
    public func proposed(
        id: UUID = UUID(), encoding: PayloadEncoding = .json, metadata: EventMetadata = .none, now: Date = Date()
    ) throws -> NewEvent {
        try proposed(id: id, encoding: encoding, metadata: metadata, now: now, sealer: nil)
    }

    /// ``proposed(id:encoding:metadata:now:)`` with its personal data sealed with keys of `keys` (made there
    /// when missing): for the package's tools and tests that append without a ledger.
    package func proposed(
        id: UUID = UUID(), encoding: PayloadEncoding = .json, metadata: EventMetadata = .none, now: Date = Date(),
        sealingWith keys: any SubjectKeyStore
    ) async throws -> NewEvent {
        let subjects = try PersonalDataSealer.subjectsToSeal(in: [self])
        let sealer = subjects.isEmpty ? nil : PersonalDataSealer(keys: try await keys.keys(for: subjects))
        return try proposed(id: id, encoding: encoding, metadata: metadata, now: now, sealer: sealer)
    }

    /// ``proposed(id:encoding:metadata:now:)`` with personal data sealed by `sealer`.
    func proposed(
        id: UUID, encoding: PayloadEncoding, metadata: EventMetadata, now: Date, sealer: PersonalDataSealer?
    ) throws -> NewEvent {
        NewEvent(
            id: id, type: Self.eventType, schemaVersion: Self.schemaVersion,
            occurredAt: occurredOn?.startOfDay ?? now, metadata: metadata,
            payload: try CompetenceEvent.codec.encode(self, as: encoding, sealer: sealer))
    }
}

extension RecordedEvent {
    /// The typed event, or `nil` when its type is not in this version's catalogue.
    public func decoded() throws(EventDecodingError) -> CompetenceEvent? {
        try CompetenceEvent.codec.decode(self)
    }
}
