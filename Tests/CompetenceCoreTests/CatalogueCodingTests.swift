import CompetenceCore
import Foundation
import Testing

/// An event of a test codec at schema version 2; version 1 had no scale maximum and called the level `value`.
private struct Rating: DomainEvent {
    static let eventType = "Rating"
    static let schemaVersion = 2
    var person: String
    var level: Int
    var scaleMaximum: Int
}

/// The stored shape of ``Rating`` version 1.
private struct RatingV1: Codable {
    var person: String
    var value: Int
}

@Suite("Catalogue coding")
struct CatalogueCodingTests {
    @Test func samplesCoverTheWholeCatalogue() {
        let sampled = CatalogueSamples.all.map { type(of: $0).eventType }
        #expect(Set(sampled) == Set(CompetenceEvent.allTypes.map { $0.eventType }))
        #expect(sampled.count == CompetenceEvent.allTypes.count)
        #expect(CompetenceEvent.codec.knownTypes == Set(sampled))
    }

    @Test(arguments: PayloadEncoding.allCases)
    func everyEventTypeRoundTrips(_ encoding: PayloadEncoding) throws {
        for sample in CatalogueSamples.all {
            #expect(try roundTrip(sample, encoding) == CompetenceEvent(sample)!, "\(type(of: sample).eventType)")
        }
    }

    private func roundTrip<Event: LedgerEvent>(_ event: Event, _ encoding: PayloadEncoding) throws -> CompetenceEvent? {
        let payload = try CompetenceEvent.codec.encode(event, as: encoding)
        #expect(payload.encoding == encoding)
        return try CompetenceEvent.codec.decode(
            type: Event.eventType, schemaVersion: Event.schemaVersion, payload: payload)
    }

    @Test(arguments: PayloadEncoding.allCases)
    func anUpcasterReadsAnOldSchemaVersionAsTheCurrentType(_ encoding: PayloadEncoding) throws {
        var codec = EventCodec<Rating>()
        codec.register(Rating.self) { $0 }
        codec.registerUpcaster(
            from: RatingV1.self, version: 1, to: Rating.self, wrap: { $0 },
            upcast: { old in Rating(person: old.person, level: old.value, scaleMaximum: 5) })
        let old = RatingV1(person: "p-1", value: 3)
        let bytes = encoding == .json ? try JSONPayloadCoding.encode(old) : try CompactEncoder().encode(old)
        let stored = RecordedEvent(
            id: UUID(), stream: "rating-1", version: 1, position: 1, type: "Rating", schemaVersion: 1, occurredAt: .now,
            recordedAt: .now, metadata: .none, payload: EventPayload(encoding: encoding, bytes: bytes))
        #expect(try codec.decode(stored) == Rating(person: "p-1", level: 3, scaleMaximum: 5))

        var current = stored
        current.schemaVersion = 2
        current.payload = try codec.encode(Rating(person: "p-2", level: 4, scaleMaximum: 7), as: encoding)
        #expect(try codec.decode(current) == Rating(person: "p-2", level: 4, scaleMaximum: 7))

        current.schemaVersion = 3
        #expect(throws: EventDecodingError.self) { try codec.decode(current) }
    }
}
