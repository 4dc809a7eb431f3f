import Foundation
import Testing

@testable import CompetenceCore

extension AdversarialTests {
    /// Text fields hold no controls; ids follow one grammar; person ids are pseudonyms.
    @Suite("text and identities")
    struct TextAndIdentities {
        /// A store with a programme, an organisation and a competence, and its ledger.
        private func ledger() async throws -> (InMemoryEventStore, CompetenceLedger) {
            let store = InMemoryEventStore()
            let ledger = CompetenceLedger(store: store, recordedBy: "analyst")
            let day = { (text: String) in CalendarDate(text)! }
            try await ledger.record([
                ProgrammeSetUp(
                    programme: "lossi", name: "LOSSI", startsOn: day("2023-01-01"), endsOn: day("2025-12-31")),
                OrganisationEnrolled(
                    organisation: "acme", name: "Acme Oy", kind: .enterprise, sector: "metal", sizeClass: .small,
                    region: "Päijät-Häme", programme: "lossi"),
                CompetenceDefined(competence: "excel", name: "Excel", category: "digital", scale: .standard),
            ])
            return (store, ledger)
        }

        /// Expects `record` to be refused naming `field` with `says`, and nothing appended.
        private func expectRefused(
            _ events: [any LedgerEvent], field: String, _ says: String, metadata: EventMetadata = .none,
            sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            let (store, ledger) = try await self.ledger()
            let head = try await store.headPosition()
            let error = await #expect(throws: LedgerValidationError.self, sourceLocation: sourceLocation) {
                try await ledger.record(events, metadata: events.map { _ in metadata })
            }
            #expect(error?.field == field, "\(String(describing: error))", sourceLocation: sourceLocation)
            #expect(
                error?.description.contains(says) == true, "\(String(describing: error))",
                sourceLocation: sourceLocation)
            #expect(try await store.headPosition() == head, "nothing appended", sourceLocation: sourceLocation)
        }

        private func enrolment(
            _ id: OrganisationID, name: String = "X Oy", sector: String = "wood"
        ) -> OrganisationEnrolled {
            OrganisationEnrolled(
                organisation: id, name: name, kind: .enterprise, sector: sector, sizeClass: .micro, region: "Häme")
        }

        @Test("NUL in a name is refused naming the field; so are ESC, CR and a C1 control; tab and line feed are text")
        func controlsInText() async throws {
            for (text, code) in [
                ("Ac\u{0}me", "U+0000"), ("\u{1B}[31mred", "U+001B"), ("a\rb", "U+000D"), ("\u{9B}1m", "U+009B"),
            ] {
                try await expectRefused(
                    [enrolment("x", name: text)], field: "name", "holds the control character \(code)")
            }
            let (store, ledger) = try await self.ledger()
            try await ledger.record(enrolment("tabbed", name: "Line one\nline\ttwo"))
            #expect(try await store.headPosition() == 4)
        }

        @Test("a control character deep in a nested field is named by its path")
        func nestedField() async throws {
            let workshop = ForesightWorkshopHeld(
                organisation: "acme", workshop: "w1", heldOn: CalendarDate("2024-03-01")!, horizonYear: 2030,
                vision: "fine",
                milestones: [.init(year: 2025, description: "ok"), .init(year: 2026, description: "bad\u{0}")],
                futureNeeds: [])
            try await expectRefused([workshop], field: "milestones[1].description", "U+0000")
        }

        @Test("phone numbers as person ids are refused, saying so")
        func phoneNumbers() async throws {
            for phone in [
                "+358401234567", "040 123 4567", "0401234567", "+358 40 123 4567", "(03) 123 4567", "00358401234567",
            ] {
                try await expectRefused(
                    [PersonRegistered(person: PersonID(phone), organisation: "acme", role: .staff)], field: "person",
                    "looks like a phone number")
            }
        }

        @Test("a Finnish personal identity code as (or in) a person id is refused, whatever its check character")
        func identityCodes() async throws {
            // 010190-123M has the right check character (10190123 mod 31 = 20 → M); 010190-123A the issue's.
            #expect(PersonalDataPatterns.checkCharacter(of: 10_190_123) == "M")
            for code in ["010190-123M", "010190-123A", "131052-308T", "010101A123N", "p-010190-123M", "010190y123m"] {
                try await expectRefused(
                    [PersonRegistered(person: PersonID(code), organisation: "acme", role: .staff)], field: "person",
                    "looks like a Finnish personal identity code")
            }
            try await expectRefused(
                [PersonRegistered(person: "matti.virtanen@konepaja.fi", organisation: "acme", role: .staff)],
                field: "person", "looks like an e-mail address")
        }

        @Test("pseudonyms that only look a little like data are recorded")
        func pseudonymsPass() async throws {
            let (store, ledger) = try await self.ledger()
            let ids: [PersonID] = ["p1", "p-7f3a", "konepaja-07", "a1", "w2", "123456", "p-010190", "2024-01-10"]
            try await ledger.record(ids.map { PersonRegistered(person: $0, organisation: "acme", role: .staff) })
            #expect(try await store.headPosition() == 3 + Int64(ids.count))
        }

        @Test("ids that start a spreadsheet formula, or hold spaces or other characters, are refused")
        func idGrammar() async throws {
            for id in ["=cmd|x", "+1", "-x", "@home"] {
                try await expectRefused(
                    [enrolment(OrganisationID(id))], field: "organisation", "could start a spreadsheet formula")
            }
            for id in ["a b", "a/b", "a;b", "a\"b", "<script>"] {
                try await expectRefused(
                    [enrolment(OrganisationID(id))], field: "organisation", "ids start with a letter or digit")
            }
            try await expectRefused(
                [enrolment(OrganisationID(String(repeating: "a", count: 201)))], field: "organisation",
                "longer than 200 bytes")
            let (store, ledger) = try await self.ledger()
            try await ledger.record(
                ["sähkö.oy", "2024-x", "A_1", "kotihoito-aura"].map { enrolment(OrganisationID($0)) })
            #expect(try await store.headPosition() == 7)
        }

        @Test("a control character in the metadata (who records) is refused")
        func metadata() async throws {
            try await expectRefused(
                [enrolment("meta")], field: "metadata.recordedBy", "U+001B",
                metadata: EventMetadata(recordedBy: "\u{1B}]0;x\u{07}"))
        }
    }
}
