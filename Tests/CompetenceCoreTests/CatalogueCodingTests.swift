import Foundation
import Testing

@testable import CompetenceCore

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

    /// Every sample round-trips. Personal data is sealed on the way (as the ledger seals it), so a sample holding
    /// some decodes with sealed values: its bytes, encoded again, are the bytes first written, and its text
    /// opens with the keys again; a sample without personal data decodes equal to itself.
    @Test(arguments: PayloadEncoding.allCases)
    func everyEventTypeRoundTrips(_ encoding: PayloadEncoding) throws {
        let keys = Dictionary(
            uniqueKeysWithValues: try PersonalDataSealer.subjectsToSeal(in: CatalogueSamples.all).map {
                ($0, SubjectKey.random())
            })
        let sealer = PersonalDataSealer(keys: keys)
        for sample in CatalogueSamples.all {
            let name = type(of: sample).eventType
            let (payload, decoded) = try roundTrip(sample, encoding, sealer: sealer)
            if try PersonalDataSealer.subjectsToSeal(in: [sample]).isEmpty {
                #expect(decoded == CompetenceEvent(sample)!, "\(name)")
            } else {
                #expect(decoded != CompetenceEvent(sample)!, "\(name) decodes sealed")
                let again = try CompetenceEvent.codec.encode(decoded!.payload, as: encoding)
                #expect(again == payload, "\(name)")
            }
        }
    }

    @Test func sealedTextOpensWithItsSubjectsKeyOnly() throws {
        let subject = DataSubject.organisation("konepaja")
        let key = SubjectKey.random()
        let sample = OrganisationWithdrawn(
            organisation: "konepaja", withdrawnOn: CalendarDate(year: 2024, month: 11, day: 30)!,
            reason: PersonalText("sold to a competitor", about: subject))
        #expect(throws: PersonalDataError.self) { try CompetenceEvent.codec.encode(sample, as: .json) }
        let (payload, decoded) = try roundTrip(
            sample, .json, sealer: PersonalDataSealer(keys: [subject: key]))
        #expect(!String(decoding: payload.bytes, as: UTF8.self).contains("competitor"))
        guard case .organisationWithdrawn(let read) = decoded, let reason = read.reason else {
            Issue.record("not read back")
            return
        }
        #expect(SubjectKeyring(keys: [subject: key]).text(reason) == "sold to a competitor")
        #expect(SubjectKeyring(keys: [subject: .random()]).text(reason) == "[unreadable]")
        #expect(SubjectKeyring().text(reason) == "[sealed]")
        #expect(SubjectKeyring(keys: [subject: key], erased: [subject: .now]).text(reason) == "[erased]")
    }

    private func roundTrip<Event: LedgerEvent>(
        _ event: Event, _ encoding: PayloadEncoding, sealer: PersonalDataSealer
    ) throws -> (EventPayload, CompetenceEvent?) {
        let payload = try CompetenceEvent.codec.encode(event, as: encoding, sealer: sealer)
        #expect(payload.encoding == encoding)
        let decoded = try CompetenceEvent.codec.decode(
            type: Event.eventType, schemaVersion: Event.schemaVersion, payload: payload)
        return (payload, decoded)
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

    /// A reader of many events keeps the decoder it found last (``EventCodec/LastDecoder``): runs of one type and
    /// version, switches between versions and types, unknown types, versions without a decoder and payloads
    /// that do not decode give exactly what ``EventCodec/decode(_:)`` gives for each event on its own.
    @Test(arguments: PayloadEncoding.allCases)
    func theReusedDecoderDecodesAsTheLookUpDoes(_ encoding: PayloadEncoding) throws {
        var codec = EventCodec<Rating>()
        codec.register(Rating.self) { $0 }
        codec.registerUpcaster(
            from: RatingV1.self, version: 1, to: Rating.self, wrap: { $0 },
            upcast: { old in Rating(person: old.person, level: old.value, scaleMaximum: 5) })
        let old =
            encoding == .json
            ? try JSONPayloadCoding.encode(RatingV1(person: "p-1", value: 3))
            : try CompactEncoder().encode(RatingV1(person: "p-1", value: 3))
        let new = try codec.encode(Rating(person: "p-2", level: 4, scaleMaximum: 7), as: encoding)
        func event(_ type: String, _ version: Int, _ bytes: Data, _ position: Int64) -> RecordedEvent {
            RecordedEvent(
                id: UUID(), stream: "rating-1", version: position, position: position, type: type,
                schemaVersion: version, occurredAt: .now, recordedAt: .now, metadata: .none,
                payload: EventPayload(encoding: encoding, bytes: bytes))
        }
        let shapes: [(String, Int, Data)] = [
            ("Rating", 2, new.bytes), ("Rating", 2, new.bytes), ("Rating", 1, old), ("Rating", 1, old),
            ("Rating", 2, Data("{".utf8)), ("Other", 2, new.bytes), ("Rating", 2, new.bytes), ("Rating", 3, new.bytes),
            ("Rating", 1, new.bytes), ("Rating", 2, old),
        ]
        var last = EventCodec<Rating>.LastDecoder()
        for (position, (type, version, bytes)) in shapes.enumerated() {
            let stored = event(type, version, bytes, Int64(position + 1))
            let alone = Result { () throws(EventDecodingError) in try codec.decode(stored) }
            let reused = Result { () throws(EventDecodingError) in try codec.decode(stored, reusing: &last) }
            #expect(reused == alone, "\(type) v\(version) at \(position + 1)")
        }
    }
}

@Suite("Personal text recorded in clear by version 1")
struct Version1PersonalTextTests {
    /// A version 1 payload (text in clear), JSON and compact, reads through the upcaster: readable, attributed
    /// to the payload's organisation, `[erased]` once that organisation is erased; its bytes are unchanged.
    @Test(arguments: PayloadEncoding.allCases)
    func aVersion1PayloadReadsThroughTheUpcaster(_ encoding: PayloadEncoding) throws {
        let old = OrganisationWithdrawnV1(
            organisation: "konepaja", withdrawnOn: CalendarDate(year: 2024, month: 11, day: 30)!, reason: "sold")
        let bytes = encoding == .json ? try JSONPayloadCoding.encode(old) : try CompactEncoder().encode(old)
        let decoded = try CompetenceEvent.codec.decode(
            type: OrganisationWithdrawn.eventType, schemaVersion: 1,
            payload: EventPayload(encoding: encoding, bytes: bytes))
        guard case .organisationWithdrawn(let event) = decoded, let reason = event.reason else {
            Issue.record("not read: \(String(describing: decoded))")
            return
        }
        #expect(reason.isRecordedInClear && reason.subject == .organisation("konepaja"))
        #expect(SubjectKeyring().text(reason) == "sold")
        #expect(SubjectKeyring(erased: [.organisation("konepaja"): .now]).text(reason) == "[erased]")
        #expect(OrganisationWithdrawn.schemaVersion == 2 && ProgrammeSetUp.schemaVersion == 1)
    }
}
