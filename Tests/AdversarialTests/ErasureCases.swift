import CompetenceCore
import CompetenceHistory
import CompetenceImport
import CompetenceOutput
import CompetenceReports
import CompetenceStores
import FileStore
import Foundation
import PostgresStore
import TestSupport
import Testing

/// Issue 13: crypto-shredding on the FileStore. Personal text never reaches the log in clear; erasing a subject
/// destroys its key, after which no file of the store, no export and no report holds the text, while the
/// history chain verifies with the anchor taken before the erasure.
@Suite("Erasure: FileStore", .timeLimit(.minutes(5)))
struct FileStoreErasureTests {
    static let acmeText = "Ville Virtanen of Acme learns pivot tables"
    static let personText = "Ville was off sick in October"
    static let kotiText = "Kotihoito shares its rota tool"

    /// The programme files imported, then plans with personal text about acme, about p1 (a person of acme)
    /// and about koti.
    private func recorded() async throws -> (Workspace, FileEventStore) {
        let workspace = try await Workspace()
        let store = try FileEventStore(directory: workspace.storePath)
        let ledger = CompetenceLedger(store: store, recordedBy: "analyst")
        try await ledger.record([
            DevelopmentPlanAdopted(
                plan: "acme-plan", organisation: "acme", adoptedOn: CalendarDate("2024-10-01")!,
                actions: [
                    PlanAction(
                        action: "a1", competence: "excel",
                        description: PersonalText(Self.acmeText, about: .organisation("acme")),
                        targetLevel: 4, dueOn: CalendarDate("2025-03-31")!, ownerRole: .manager)
                ]),
            PlanActionProgressed(
                plan: "acme-plan", action: "a1", status: .inProgress, progressedOn: CalendarDate("2024-10-20")!,
                note: PersonalText(Self.personText, about: .person("p1"))),
            DevelopmentPlanAdopted(
                plan: "koti-plan", organisation: "koti", adoptedOn: CalendarDate("2024-10-02")!,
                actions: [
                    PlanAction(
                        action: "a1", competence: "excel",
                        description: PersonalText(Self.kotiText, about: .organisation("koti")),
                        targetLevel: 3, dueOn: CalendarDate("2025-03-31")!, ownerRole: .supervisor)
                ]),
        ])
        return (workspace, store)
    }

    /// Every file under `directory` (recursively), read whole.
    private func files(under directory: String) throws -> [(String, Data)] {
        let enumerator = FileManager.default.enumerator(atPath: directory)!
        return try enumerator.compactMap { $0 as? String }.compactMap { name in
            let path = directory + "/" + name
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            return isDirectory.boolValue ? nil : (path, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    private func holds(_ data: Data, _ text: String) -> Bool { data.range(of: Data(text.utf8)) != nil }

    /// The plans report and acme's timeline in every format.
    private func renderedReports(_ store: any EventStore) async throws -> [String] {
        let options = try AnalyticsOptions(today: CalendarDate("2025-01-31")!, minimumGroupSize: 1)
        let reports = try await AnalyticsReports.replay(store, options: options)
        var out: [String] = []
        for (name, organisation) in [(ReportName.plans, nil), (.timeline, "acme")] as [(ReportName, String?)] {
            let document = try ReportDocument(name: name, reports: reports, organisation: organisation)
            out.append(TextTableRenderer.render(document))
            out.append(CSVRenderer.render(document.primaryTable))
            out.append(String(decoding: try JSONRenderer.render(document), as: UTF8.self))
            out.append(HTMLPage.render(document))
        }
        return out
    }

    private func export(_ store: any EventStore, to path: String) async throws -> HistoryAnchor {
        let writer = try OutputTarget(path: path).open()
        let exported = try await HistoryExporter(store: store, scope: .everything).export(to: writer)
        try writer.finish()
        return exported.head
    }

    @Test("personal text is sealed in the log, the key file is 0600 beside the segments, reports open it")
    func personalTextIsSealedFromTheStart() async throws {
        let (workspace, store) = try await recorded()
        let stored = try files(under: workspace.storePath)
        // The search reads the segments: a name recorded in clear (not personal text) is found.
        #expect(stored.contains { holds($0.1, "Kotihoito ry") })
        for text in [Self.acmeText, Self.personText, Self.kotiText] {
            #expect(!stored.contains { holds($0.1, text) }, "\(text) in clear in the store")
        }
        let keyFile = workspace.storePath + "/subject-keys"
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let rendered = try await renderedReports(store).joined()
        #expect(rendered.contains(Self.acmeText) && rendered.contains(Self.kotiText))
        // An export holds ciphertext only: safe to hand over without the key file.
        let path = workspace.directory.path("export.ndjson")
        _ = try await export(store, to: path)
        let exported = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(holds(exported, "Kotihoito ry"))
        for text in [Self.acmeText, Self.personText, Self.kotiText] { #expect(!holds(exported, text)) }
    }

    @Test("erasing a person and an organisation: no plaintext or key left in any file, [erased], chain verifies")
    func erasureLeavesNothingBehind() async throws {
        let (workspace, store) = try await recorded()
        let opener = StoreOpener(location: .file(path: workspace.storePath))
        let keyring = try await store.subjectKeys.keyring()
        let destroyed = [DataSubject.organisation("acme"), .person("p1")].map { keyring.keys[$0]!.bytes }
        let before = try #require(try await opener.verify().historyHead)

        let ledger = CompetenceLedger(store: store, recordedBy: "dpo")
        let acme = try await ledger.erase(.organisation("acme"), on: CalendarDate("2025-02-01")!)
        let person = try await ledger.erase(.person("p1"), on: CalendarDate("2025-02-01")!)
        #expect(acme.key == .destroyed && person.key == .destroyed)
        let again = try await ledger.erase(.person("p1"), on: CalendarDate("2025-02-02")!)
        #expect(again.position == nil)
        #expect(try await store.headPosition() == before.position + 2)

        // The chain still verifies, and the anchor taken before the erasure still holds.
        let verification = try await opener.verify(expecting: before)
        #expect(verification.isIntact, "\(verification.faults)")

        // Reports in every format: [erased] for acme and p1, koti's text still there.
        let rendered = try await renderedReports(store)
        #expect(rendered.allSatisfy { !$0.contains(Self.acmeText) && !$0.contains(Self.personText) })
        #expect(rendered.contains { $0.contains("[erased]") })
        #expect(rendered.joined().contains(Self.kotiText))

        // No file of the store and no export holds the erased text or the destroyed keys (raw or base64).
        let path = workspace.directory.path("after.ndjson")
        let head = try await export(store, to: path)
        #expect(head.position == before.position + 2)
        let everything =
            try files(under: workspace.storePath) + [(path, try Data(contentsOf: URL(fileURLWithPath: path)))]
        for (file, data) in everything {
            for text in [Self.acmeText, Self.personText] { #expect(!holds(data, text), "\(text) in \(file)") }
            for key in destroyed {
                #expect(data.range(of: key) == nil, "key bytes in \(file)")
                #expect(!holds(data, key.base64EncodedString()), "key in base64 in \(file)")
            }
        }
        // The erased subjects' texts cannot be recorded again; koti's can.
        await #expect(throws: LedgerValidationError.self) {
            try await ledger.record(
                PlanActionProgressed(
                    plan: "acme-plan", action: "a1", status: .inProgress, progressedOn: CalendarDate("2025-01-05")!,
                    note: PersonalText("again", about: .organisation("acme"))))
        }
    }

    /// Values of the participants file's profiles that appear nowhere else in the store.
    static let profileValues = ["unemployed", "not-stated", "disability", "labourStatus"]

    @Test("participant profiles are sealed in every file; after erasing the person their profile reads as erased")
    func participantProfilesAreSealed() async throws {
        let workspace = try await Workspace()
        let store = try FileEventStore(directory: workspace.storePath)
        let importer = CSVImporter(store: store, recordedBy: "analyst")
        _ = try await importer.run(ParticipantsImport(), file: workspace.directory.path("participants.csv"))
        let path = workspace.directory.path("export.ndjson")
        _ = try await export(store, to: path)
        let everything =
            try files(under: workspace.storePath) + [(path, try Data(contentsOf: URL(fileURLWithPath: path)))]
        #expect(everything.contains { holds($0.1, "Kotihoito ry") }, "the search reads the segments")
        #expect(everything.contains { holds($0.1, "ParticipantDataRecorded") })
        for (file, data) in everything {
            for value in Self.profileValues { #expect(!holds(data, value), "\(value) in clear in \(file)") }
        }
        let keyring = try await store.subjectKeys.keyring()
        let state = try await ProjectionRunner(store: store).replay(LedgerModel()).state
        let profile = try #require(state.participantData["p1"]?.entry?.event.profile)
        guard case .value(let opened) = keyring.open(profile) else {
            Issue.record("p1's profile does not open with the store's keys")
            return
        }
        #expect(opened.labourStatus == .unemployed && opened.disadvantages == [.disability])

        _ = try await CompetenceLedger(store: store, recordedBy: "dpo").erase(
            .person("p1"), on: CalendarDate("2025-02-01")!)
        let after = try await store.subjectKeys.keyring().noting(
            erasures: try await ProjectionRunner(store: store).replay(LedgerModel()).state.erasedSubjects)
        #expect(after.open(profile) == .erased)
        let p2 = try #require(state.participantData["p2"]?.entry?.event.profile)
        #expect(after.open(p2) != .erased, "other persons' profiles still open")
    }

    @Test("erasing an unknown subject destroys nothing and appends nothing")
    func anUnknownSubjectIsRefused() async throws {
        let (_, store) = try await recorded()
        let head = try await store.headPosition()
        let keys = try await store.subjectKeys.keyring()
        await #expect(throws: LedgerValidationError.self) {
            try await CompetenceLedger(store: store).erase(.person("nobody"), on: CalendarDate("2025-02-01")!)
        }
        #expect(try await store.headPosition() == head)
        #expect(try await store.subjectKeys.keyring() == keys)
    }
}

/// Issue 13: crypto-shredding on PostgreSQL. After a checkpoint, every relation file of the store's schema
/// (tables, indexes and their TOAST relations) is read through `pg_read_binary_file` and searched.
@Suite("Erasure: PostgreSQL", .timeLimit(.minutes(5)))
struct PostgresErasureTests {
    /// Long enough that the payload holding it is TOASTed.
    static let longText = String(repeating: "Maija Meikäläinen's rota note. ", count: 200)

    /// Whether any relation file of `schema` (and of its TOAST relations) holds `needle`'s bytes.
    private func relationFilesHold(_ cluster: TestCluster, _ schema: String, hex needle: String) async throws -> Bool {
        _ = try await cluster.psql("CHECKPOINT")
        let found = try await cluster.psql(
            """
            WITH rels AS (
              SELECT c.oid FROM pg_class c WHERE c.relnamespace = '\(schema)'::regnamespace AND c.relkind IN ('r', 'i')
              UNION SELECT c.reltoastrelid FROM pg_class c
                WHERE c.relnamespace = '\(schema)'::regnamespace AND c.reltoastrelid <> 0
              UNION SELECT i.indexrelid FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                WHERE c.oid IN (SELECT reltoastrelid FROM pg_class WHERE relnamespace = '\(schema)'::regnamespace))
            SELECT count(*) FILTER (WHERE position(decode('\(needle)', 'hex') IN pg_read_binary_file(p)) > 0)
                   || '/' || count(*)
            FROM (SELECT pg_relation_filepath(oid) AS p FROM rels) f WHERE p IS NOT NULL
            """)
        let parts = found.split(separator: "/").compactMap { Int($0) }
        #expect(parts.count == 2 && parts[1] >= 4, "relation files searched: \(found)")
        return (parts.first ?? 1) > 0
    }

    private func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

    /// A PostgreSQL store in a new schema of `cluster` (named `prefix_` and 8 random hex digits), the schema and
    /// the store's location.
    private func freshSchemaStore(
        on cluster: TestCluster, prefix: String
    ) throws -> (PostgresEventStore, String, StoreLocation) {
        let schema = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        let location = StoreLocation(
            parsing: cluster.url + (cluster.url.contains("?") ? "&" : "?") + "schema=\(schema)")
        let opened = try StoreOpener(location: location).open(for: .write)
        return (try #require(opened as? PostgresEventStore), schema, location)
    }

    @Test("no plaintext in any table, index or TOAST file; the key table is private; verify stays intact")
    func erasureLeavesNothingInTheDatabase() async throws {
        let cluster = try await TestCluster.shared()
        let workspace = try await Workspace(imported: false)
        let (store, schema, location) = try freshSchemaStore(on: cluster, prefix: "erase")
        defer { store.close() }
        try await Workspace.importProgramme(into: store, from: workspace.directory)
        let ledger = CompetenceLedger(store: store, recordedBy: "analyst")
        try await ledger.record(
            DevelopmentPlanAdopted(
                plan: "acme-plan", organisation: "acme", adoptedOn: CalendarDate("2024-10-01")!,
                actions: [
                    PlanAction(
                        action: "a1", competence: "excel",
                        description: PersonalText(Self.longText, about: .organisation("acme")), targetLevel: 4,
                        dueOn: CalendarDate("2025-03-31")!, ownerRole: .manager)
                ]))
        let options = try AnalyticsOptions(today: CalendarDate("2025-01-31")!, minimumGroupSize: 1)
        let before = try await AnalyticsReports.replay(store, options: options)
        #expect(before.plans.actions.first?.description == Self.longText)
        let needle = hex(Data("Meikäläinen".utf8))
        // The search finds text that is in the tables in clear (an organisation's name), so it can fail.
        #expect(try await relationFilesHold(cluster, schema, hex: hex(Data("Kotihoito ry".utf8))))
        #expect(!(try await relationFilesHold(cluster, schema, hex: needle)))
        let acl = try await cluster.psql(
            "SELECT array_to_string(relacl, ',') FROM pg_class WHERE oid = '\(schema).subject_keys'::regclass")
        #expect(!acl.isEmpty && !acl.split(separator: ",").contains { $0.hasPrefix("=") }, "acl \(acl)")

        let key = try #require(try await store.subjectKeys.keyring().keys[.organisation("acme")])
        #expect(try await relationFilesHold(cluster, schema, hex: hex(key.bytes)))
        let anchor = try #require(try await StoreOpener(location: location).verify().historyHead)
        let receipt = try await ledger.erase(.organisation("acme"), on: CalendarDate("2025-02-01")!)
        #expect(receipt.key == .destroyed)
        #expect(!(try await relationFilesHold(cluster, schema, hex: hex(key.bytes))), "the destroyed key is gone")
        #expect(!(try await relationFilesHold(cluster, schema, hex: needle)))
        let after = try await AnalyticsReports.replay(store, options: options)
        #expect(after.plans.actions.first?.description == "[erased]")
        #expect(try await StoreOpener(location: location).verify(expecting: anchor).isIntact)
    }

    @Test("participant profiles are in no table, index or TOAST file in clear; erasing the person shreds them")
    func participantProfilesAreSealed() async throws {
        let cluster = try await TestCluster.shared()
        let workspace = try await Workspace(imported: false)
        let (store, schema, _) = try freshSchemaStore(on: cluster, prefix: "esf")
        defer { store.close() }
        try await Workspace.importProgramme(into: store, from: workspace.directory)
        _ = try await CSVImporter(store: store, recordedBy: "analyst").run(
            ParticipantsImport(), file: workspace.directory.path("participants.csv"))
        #expect(try await relationFilesHold(cluster, schema, hex: hex(Data("ParticipantDataRecorded".utf8))))
        for value in FileStoreErasureTests.profileValues {
            #expect(!(try await relationFilesHold(cluster, schema, hex: hex(Data(value.utf8)))), "\(value) in clear")
        }
        let state = try await ProjectionRunner(store: store).replay(LedgerModel()).state
        let profile = try #require(state.participantData["p3"]?.entry?.event.profile)
        let keyring = try await store.subjectKeys.keyring()
        guard case .value(let read) = keyring.open(profile) else {
            Issue.record("p3's profile does not open with the store's keys")
            return
        }
        #expect(read.gender == .notStated && read.disadvantages == [.rural])
        let key = try #require(keyring.keys[.person("p3")])
        _ = try await CompetenceLedger(store: store, recordedBy: "dpo").erase(
            .person("p3"), on: CalendarDate("2025-02-01")!)
        #expect(!(try await relationFilesHold(cluster, schema, hex: hex(key.bytes))), "the destroyed key is gone")
        #expect(try await store.subjectKeys.keyring().open(profile) == .erased)
    }
}
