import Foundation
import Testing

@testable import CompetenceCore

/// Issue 14's schema changes: the participant profile sealed (ParticipantDataRecorded v2), trainings naming
/// needs (TrainingProcured v2) and plan actions naming a training and a need (DevelopmentPlanAdopted v3). The
/// released versions still read, JSON and compact, as events with nothing named (the profile recorded in clear
/// about its person).
@Suite("Schema versions: participants, trainings, plans")
struct OutcomeSchemaVersionTests {
    struct ProfileV1: Codable {
        var gender = "female"
        var ageBand = "55+"
        var education = "0-2"
        var labourStatus = "self-employed"
        var disadvantages = ["rural"]
    }

    struct ParticipantV1: Codable {
        var person = "p1"
        var stage = "entry"
        var recordedOn = "2024-01-15"
        var profile = ProfileV1()
    }

    struct TrainingV1: Codable {
        var training = "excel-1"
        var title = "Excel"
        var provider = "Salpaus"
        var kind = "joint"
        var competences = ["excel"]
        var costCents = 120_000
        var hours = 8.0
        var procuredOn = "2024-02-01"
        var organisations = ["acme"]
        var programme: String? = "lossi"
    }

    private func payloads(_ value: some Encodable) throws -> [EventPayload] {
        [
            EventPayload(encoding: .json, bytes: try JSONEncoder().encode(value)),
            EventPayload(encoding: .compact, bytes: try CompactEncoder().encode(value)),
        ]
    }

    @Test("a version-1 participant record reads with its profile recorded in clear about the person")
    func participantVersionOne() throws {
        #expect(ParticipantDataRecorded.schemaVersion == 2)
        for payload in try payloads(ParticipantV1()) {
            let decoded = try CompetenceEvent.codec.decode(
                type: "ParticipantDataRecorded", schemaVersion: 1, payload: payload)
            guard case .participantDataRecorded(let event)? = decoded else {
                Issue.record("not participant data: \(String(describing: decoded))")
                continue
            }
            #expect(event.profile.isRecordedInClear && event.profile.subject == .person("p1"))
            let expected = ParticipantProfile(
                gender: .female, ageBand: .from55, education: .isced0To2, labourStatus: .selfEmployed,
                disadvantages: [.rural])
            #expect(SubjectKeyring.empty.open(event.profile) == .value(expected))
            // Once the person is erased, the clear profile reads as erased too.
            let erased = SubjectKeyring.empty.noting(erasures: [.person("p1"): day("2025-01-01")])
            #expect(erased.open(event.profile) == .erased)
        }
    }

    @Test("a version-2 participant record holds only sealed bytes; a profile in clear under version 2 is refused")
    func participantVersionTwo() throws {
        let event = ParticipantDataRecorded(
            person: "p1", stage: .entry, recordedOn: day("2024-01-15"),
            profile: ParticipantProfile(
                gender: .female, ageBand: .from55, education: .isced0To2, labourStatus: .selfEmployed,
                disadvantages: [.thirdCountryNational]))
        #expect(throws: PersonalDataError.self) { try CompetenceEvent.codec.encode(event, as: .json) }
        let key = SubjectKey.random()
        let sealer = PersonalDataSealer(keys: [.person("p1"): key])
        for encoding in [PayloadEncoding.json, .compact] {
            let payload = try CompetenceEvent.codec.encode(event, as: encoding, sealer: sealer)
            let text = String(decoding: payload.bytes, as: UTF8.self)
            for value in ["self-employed", "third_country_national", "55+", "labourStatus", "female"] {
                #expect(!text.contains(value), "\(value) in clear in the \(encoding) payload")
            }
            let decoded = try CompetenceEvent.codec.decode(
                type: "ParticipantDataRecorded", schemaVersion: 2, payload: payload)
            guard case .participantDataRecorded(let read)? = decoded else {
                Issue.record("not participant data")
                continue
            }
            #expect(read.profile.isSealed)
            let keyring = SubjectKeyring(keys: [.person("p1"): key])
            #expect(keyring.open(read.profile) == .value(event.profile.valueInClear!))
        }
        let clear = try payloads(ParticipantV1())[0]
        #expect(throws: (any Error).self) {
            try CompetenceEvent.codec.decode(type: "ParticipantDataRecorded", schemaVersion: 2, payload: clear)
        }
    }

    @Test("the same profile seals to the same bytes every time (deterministic sealing of a structured value)")
    func profileSealsDeterministically() throws {
        let key = SubjectKey.random()
        let boxes = try (0..<20).map { index in
            let profile = ParticipantProfile(
                gender: .other, ageBand: .under25, education: .isced5To8, labourStatus: .inactive,
                disadvantages: index >= 0 ? [.minority, .rural] : [])
            return try PersonalCipher.seal(profile, about: .person("p1"), key: key)
        }
        #expect(Set(boxes).count == 1)
    }

    @Test("a version-1 training reads with no needs; a version-2 one keeps them; no needs writes no key")
    func trainingVersions() throws {
        #expect(TrainingProcured.schemaVersion == 2)
        for payload in try payloads(TrainingV1()) {
            let decoded = try CompetenceEvent.codec.decode(type: "TrainingProcured", schemaVersion: 1, payload: payload)
            guard case .trainingProcured(let training)? = decoded else {
                Issue.record("not a training")
                continue
            }
            #expect(training.needs == nil && training.programme == "lossi" && training.competences == ["excel"])
        }
        var training = TrainingProcured(
            training: "excel-1", title: "Excel", provider: "Salpaus", kind: .joint, competences: ["excel"],
            costCents: 120_000, hours: 8, procuredOn: day("2024-02-01"), organisations: ["acme"], programme: "lossi")
        let plain = try CompetenceEvent.codec.encode(training, as: .json)
        #expect(!String(decoding: plain.bytes, as: UTF8.self).contains("needs"))
        training.needs = [NeedReference(organisation: "acme", competence: "excel", origin: .interview)]
        for encoding in [PayloadEncoding.json, .compact] {
            let payload = try CompetenceEvent.codec.encode(training, as: encoding)
            let decoded = try CompetenceEvent.codec.decode(type: "TrainingProcured", schemaVersion: 2, payload: payload)
            #expect(decoded == .trainingProcured(training))
        }
    }

    @Test("a version-2 plan reads with actions naming no training or need")
    func planVersionTwo() throws {
        #expect(DevelopmentPlanAdopted.schemaVersion == 3)
        let key = SubjectKey.random()
        let sealer = PersonalDataSealer(keys: [.organisation("acme"): key])
        let current = DevelopmentPlanAdopted(
            plan: "acme-2025", organisation: "acme", adoptedOn: day("2024-11-12"),
            actions: [
                PlanAction(
                    action: "a1", competence: "excel", description: PersonalText("Excel", about: .organisation("acme")),
                    targetLevel: 3, dueOn: day("2025-05-31"), ownerRole: .manager, training: "excel-1",
                    need: .interview)
            ])
        var older = current
        older.actions[0].training = nil
        older.actions[0].need = nil
        for encoding in [PayloadEncoding.json, .compact] {
            // A version-2 payload: the current shape without the two new fields.
            let sealed = try CompetenceEvent.codec.encode(older, as: .json, sealer: sealer)
            let v2 = try JSONPayloadCoding.decode(DevelopmentPlanAdoptedV2.self, from: sealed.bytes)
            let payload =
                encoding == .json
                ? EventPayload(encoding: .json, bytes: try JSONEncoder().encode(v2))
                : EventPayload(encoding: .compact, bytes: try CompactEncoder().encode(v2))
            let decoded = try CompetenceEvent.codec.decode(
                type: "DevelopmentPlanAdopted", schemaVersion: 2, payload: payload)
            guard case .developmentPlanAdopted(let plan)? = decoded else {
                Issue.record("not a plan")
                continue
            }
            #expect(plan.actions[0].training == nil && plan.actions[0].need == nil)
            #expect(SubjectKeyring(keys: [.organisation("acme"): key]).text(plan.actions[0].description) == "Excel")
            let now = try CompetenceEvent.codec.encode(current, as: encoding, sealer: sealer)
            let read = try CompetenceEvent.codec.decode(type: "DevelopmentPlanAdopted", schemaVersion: 3, payload: now)
            guard case .developmentPlanAdopted(let named)? = read else { continue }
            #expect(named.actions[0].training == "excel-1" && named.actions[0].need == .interview)
        }
    }
}
