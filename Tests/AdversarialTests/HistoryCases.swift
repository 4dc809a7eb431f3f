import CompetenceCore
import CompetenceHistory
import Foundation
import TestSupport
import Testing

extension AdversarialTests {
    /// `import events`: the ledger's rules, the chain and the summary stand between a file and a store.
    @Suite("moved histories")
    struct MovedHistories {
        /// The programme exported: its directory and lines.
        private func exported() async throws -> (TemporaryDirectory, [String]) {
            let directory = try TemporaryDirectory("competence-adversarial")
            let lines = try await Histories.export(try await Workspace.programme(), to: "h.ndjson", in: directory)
            #expect(lines.count == 21)
            return (directory, lines)
        }

        /// Expects the edited file to be refused at `line` with `says`, and the target to stay empty.
        private func expectRefused(
            _ lines: [String], at line: Int, _ says: String, allowingUnknownTypes: Bool = false,
            sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            let directory = try TemporaryDirectory("competence-adversarial")
            let target = InMemoryEventStore()
            let error = await #expect(throws: HistoryError.self, sourceLocation: sourceLocation) {
                try await Histories.importLines(
                    lines, into: target, in: directory, allowingUnknownTypes: allowingUnknownTypes)
            }
            #expect(
                error?.description.contains("h.ndjson, line \(line): ") == true, "\(String(describing: error))",
                sourceLocation: sourceLocation)
            if !says.isEmpty {
                #expect(
                    error?.description.contains(says) == true, "\(String(describing: error))",
                    sourceLocation: sourceLocation)
            }
            #expect(try await target.headPosition() == 0, "nothing appended", sourceLocation: sourceLocation)
        }

        /// The index of the first line holding `text`.
        private func index(of text: String, in lines: [String]) throws -> Int {
            try #require(lines.firstIndex { $0.contains(text) }, "no line holds \(text)")
        }

        @Test("an e-mail address as a person id (rechained file) is refused by the ledger's rules")
        func emailPerson() async throws {
            let (_, lines) = try await exported()
            var edited = lines
            let at = try index(of: "\"person\":\"p1\"", in: lines)
            edited[at] = lines[at].replacingOccurrences(of: "\"person\":\"p1\"", with: "\"person\":\"p1@example.fi\"")
                .replacingOccurrences(of: "\"stream\":\"person-p1\"", with: "\"stream\":\"person-p1@example.fi\"")
            try await expectRefused(try Histories.rechained(edited), at: at + 1, "looks like an e-mail address")
        }

        @Test("a level outside the competence's scale is refused")
        func levelOffScale() async throws {
            let (_, lines) = try await exported()
            var edited = lines
            let at = try index(of: "\"current\":2", in: lines)
            edited[at] = lines[at].replacingOccurrences(of: "\"current\":2", with: "\"current\":9")
            try await expectRefused(try Histories.rechained(edited), at: at + 1, "current '9'")
        }

        @Test("an answer about an organisation that was never enrolled is refused")
        func unknownOrganisation() async throws {
            let (_, lines) = try await exported()
            let enrolment = try index(of: "\"organisation\":\"koti\",\"region\"", in: lines)
            var edited = lines
            edited.remove(at: enrolment)
            let rechained = try Histories.rechained(edited)
            // Of the refused events of the survey's append, the registration (the definition) is named.
            let registration = try index(of: "{\"organisation\":\"koti\",\"person\"", in: rechained)
            try await expectRefused(rechained, at: registration + 1, "'koti' is not an enrolled organisation")
        }

        @Test("an event in another stream than its own is refused")
        func wrongStream() async throws {
            let (_, lines) = try await exported()
            var edited = lines
            edited[0] = lines[0].replacingOccurrences(
                of: "\"stream\":\"organisation-acme\"", with: "\"stream\":\"person-acme\"")
            #expect(edited[0] != lines[0])
            try await expectRefused(try Histories.rechained(edited), at: 1, "belongs in 'organisation-acme'")
        }

        @Test("a type outside the catalogue is refused unless --allow-unknown-types, which appends it")
        func unknownType() async throws {
            let (directory, lines) = try await exported()
            var edited = lines
            edited.insert(
                "{\"id\":\"\(UUID().uuidString.lowercased())\",\"stream\":\"future-1\",\"version\":1,\"position\":21,"
                    + "\"type\":\"FutureThing\",\"schema_version\":1,\"occurred_at\":\"2024-01-08T00:00:00.000000Z\","
                    + "\"recorded_at\":\"2024-02-25T12:00:00.000000Z\",\"metadata\":{},\"payload_encoding\":\"json\","
                    + "\"payload\":{\"x\":1}}", at: 20)
            let rechained = try Histories.rechained(edited)
            try await expectRefused(rechained, at: 21, "type 'FutureThing' is not in this build's event catalogue")
            let target = InMemoryEventStore()
            let outcome = try await Histories.importLines(
                rechained, into: target, in: directory, name: "allowed.ndjson", allowingUnknownTypes: true)
            #expect(outcome.appended == 21)
            #expect(try await target.headPosition() == 21)
        }

        @Test("NUL in a text field of a payload is refused, naming the field")
        func nulInPayload() async throws {
            let (_, lines) = try await exported()
            var edited = lines
            let at = try index(of: "\"sector\":\"metal industry\"", in: lines)
            edited[at] = lines[at].replacingOccurrences(
                of: "\"sector\":\"metal industry\"", with: "\"sector\":\"metal\\u0000\"")
            try await expectRefused(
                try Histories.rechained(edited), at: at + 1, "sector 'metal\u{0}' holds the control character U+0000")
        }

        @Test("a dated event whose occurred_at is not the start of its day is refused")
        func occurredAt() async throws {
            let (_, lines) = try await exported()
            var edited = lines
            let at = try index(of: "\"occurred_at\":\"2024-01-10T00:00:00.000000Z\"", in: lines)
            edited[at] = lines[at].replacingOccurrences(
                of: "\"occurred_at\":\"2024-01-10T00:00:00.000000Z\"",
                with: "\"occurred_at\":\"2024-01-10T13:00:00.000000Z\"")
            try await expectRefused(
                try Histories.rechained(edited), at: at + 1, "is not the start (UTC) of the event's day")
        }

        @Test("a payload edited by hand (valid JSON, chain not recomputed) breaks the chain at its line")
        func editedPayload() async throws {
            let (_, lines) = try await exported()
            var edited = lines
            let at = try index(of: "\"current\":2", in: lines)
            edited[at] = lines[at].replacingOccurrences(of: "\"current\":2", with: "\"current\":3")
            try await expectRefused(edited, at: at + 1, "the history chain breaks here")
        }

        @Test("a line removed from the middle is refused")
        func removedLine() async throws {
            let (_, lines) = try await exported()
            var edited = lines
            edited.remove(at: 10)
            // The chain breaks at the line after the gap (or the stream's versions jump there first).
            try await expectRefused(edited, at: 11, "")
        }

        @Test("a file cut short (its last lines and the summary gone) is refused")
        func truncatedFile() async throws {
            let (_, lines) = try await exported()
            try await expectRefused(Array(lines.prefix(15)), at: 16, "ends without its summary line")
        }

        @Test("a summary that disagrees with the lines is refused at the summary line")
        func summaryMismatch() async throws {
            let (_, lines) = try await exported()
            var edited = lines
            edited[20] = lines[20].replacingOccurrences(of: "\"count\":20", with: "\"count\":19")
            #expect(edited[20] != lines[20])
            try await expectRefused(edited, at: 21, "the summary counts 19 events, but the file holds 20")
            var moved = lines
            moved[20] = lines[20].replacingOccurrences(of: "\"head_position\":20", with: "\"head_position\":19")
            try await expectRefused(moved, at: 21, "is not the chain's head")
        }

        @Test("lines reordered are refused")
        func reordered() async throws {
            let (_, lines) = try await exported()
            var edited = lines
            edited.swapAt(5, 6)
            // At the first line out of place: the chain breaks there, or a stream's versions jump first.
            try await expectRefused(edited, at: 6, "")
        }

        @Test("a file exported before history chains still imports, reported as unchained")
        func unchained() async throws {
            let (directory, lines) = try await exported()
            let target = InMemoryEventStore()
            let outcome = try await Histories.importLines(Histories.unchained(lines), into: target, in: directory)
            #expect(outcome.appended == 20 && outcome.chain == .unchained)
            #expect(outcome.summary(file: "h", storeName: "memory:").contains("has no history chain"))
        }

        @Test("a repeated import adds nothing; a different history in the target is refused, not merged")
        func repeatAndConflict() async throws {
            let (directory, lines) = try await exported()
            let target = InMemoryEventStore()
            _ = try await Histories.importLines(lines, into: target, in: directory)
            let again = try await Histories.importLines(lines, into: target, in: directory)
            #expect(again.appended == 0 && again.alreadyStored == 20)
            let other = InMemoryEventStore()
            try await CompetenceLedger(store: other).record(
                OrganisationEnrolled(
                    organisation: "acme", name: "Another Acme", kind: .enterprise, sector: "retail",
                    sizeClass: .micro, region: "Uusimaa"))
            await #expect(throws: HistoryError.self) {
                try await Histories.importLines(lines, into: other, in: directory)
            }
            #expect(try await other.headPosition() == 1)
        }
    }
}
