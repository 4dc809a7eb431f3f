import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import CompetenceHistory
@testable import CompetenceImport

/// The package's seeded generator: the same seed gives the same inputs, so a failing run is reproduced by it.
typealias SeededGenerator = SplitMix64

/// Random and mutated inputs for a reader.
enum Mutator {
    /// Bytes that readers treat specially: delimiters, quotes, line ends, a BOM, NUL, braces, invalid UTF-8.
    static let specials: [[UInt8]] = [
        [0x2C], [0x3B], [0x22], [0x0A], [0x0D, 0x0A], [0x0D], [0xEF, 0xBB, 0xBF], [0x00], [0x7B], [0x7D], [0x5B],
        [0x5D], [0x3A], [0x5C], [0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x80], [0x1B, 0x5B, 0x32, 0x4A],
        Array("\"\"".utf8), Array("\\u0000".utf8), Array("\\ud800".utf8), Array("1e999999".utf8), Array("-0".utf8),
        Array("null".utf8),
    ]

    /// Random bytes, biased towards the specials.
    static func random(_ generator: inout SeededGenerator, maxLength: Int = 400) -> [UInt8] {
        var bytes: [UInt8] = []
        let length = Int.random(in: 0...maxLength, using: &generator)
        while bytes.count < length {
            if Bool.random(using: &generator) {
                bytes += specials.randomElement(using: &generator)!
            } else {
                bytes.append(UInt8.random(in: 0...255, using: &generator))
            }
        }
        return bytes
    }

    /// `valid` changed in one to four ways: bits flipped, bytes inserted or deleted, a range duplicated,
    /// lines swapped or dropped, the end cut.
    static func mutate(_ valid: [UInt8], _ generator: inout SeededGenerator) -> [UInt8] {
        var bytes = valid
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard !bytes.isEmpty else {
                bytes = random(&generator, maxLength: 40)
                continue
            }
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0: bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
            case 1: bytes.insert(contentsOf: specials.randomElement(using: &generator)!, at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &generator)))
            case 3:
                let end = min(bytes.count, at + Int.random(in: 1...64, using: &generator))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            case 4:
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                if lines.count > 1 {
                    lines.swapAt(
                        Int.random(in: 0..<lines.count, using: &generator),
                        Int.random(in: 0..<lines.count, using: &generator))
                }
                bytes = Array(lines.joined(separator: [0x0A]))
            case 5:
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                lines.remove(at: Int.random(in: 0..<lines.count, using: &generator))
                bytes = Array(lines.joined(separator: [0x0A]))
            default: bytes = Array(bytes.prefix(at))
            }
        }
        return bytes
    }
}

extension AdversarialTests {
    /// The CSV and NDJSON readers against random and mutated input: no crash, no hang, and every failure is
    /// one of the readers' typed errors (naming file, row or line), never another error.
    @Suite("reader fuzzing", .timeLimit(.minutes(5)))
    struct ReaderFuzzing {
        /// The seed of every run (change it to explore; a failure message names the input's index).
        static let seed: UInt64 = 0x1_0C0F_FEE0

        /// Reads CSV bytes as an import of `kind` would, against an empty ledger; returns the error, if any.
        private func importCSV(_ bytes: [UInt8], as kind: some CSVImportKind) -> (any Error)? {
            do {
                let table = try CSVTable(data: Data(bytes), file: "fuzz.csv")
                try table.require(kind.requiredColumns)
                var batch = ImportBatch(table: table, kind: kind.kind, recordedBy: nil)
                try kind.build(from: table, state: LedgerState(), into: &batch) { _ in }
                return nil
            } catch {
                return error
            }
        }

        @Test("CSV imports of every kind: random and mutated files fail only with typed import errors")
        func csv() throws {
            var generator = SeededGenerator(seed: Self.seed)
            let kinds: [(valid: String, kind: any CSVImportKind)] = [
                (ProgrammeFiles.organisations, OrganisationsImport()),
                (ProgrammeFiles.competences, CompetenceDefinitionsImport()),
                (ProgrammeFiles.baseline, SurveyImport(round: "r1", roundKind: .baseline, mapping: nil)),
                (ProgrammeFiles.trainings, TrainingsImport()),
                (ProgrammeFiles.participation, ParticipationImport()),
            ]
            var inputs = 0
            var refused = 0
            for (valid, kind) in kinds {
                for index in 0..<600 {
                    let bytes =
                        index % 3 == 0
                        ? Mutator.random(&generator) : Mutator.mutate(Array(valid.utf8), &generator)
                    inputs += 1
                    guard let error = importCSV(bytes, as: kind) else { continue }
                    refused += 1
                    let typed = error is ImportFileError || error is ImportRowError
                    #expect(typed, "input \(index) of \(kind.kind): \(type(of: error)) \(error)")
                    #expect(!String(describing: error).isEmpty)
                }
            }
            #expect(inputs == 3000 && refused > 1000, "\(refused) of \(inputs) refused")
        }

        @Test("history files: random and mutated files fail only with HistoryError naming a line")
        func ndjson() async throws {
            let directory = try TemporaryDirectory("competence-fuzz")
            let valid =
                Array(
                    (try await Histories.export(try await Workspace.programme(), to: "h.ndjson", in: directory))
                        .joined(separator: "\n").utf8) + [0x0A]
            var generator = SeededGenerator(seed: Self.seed ^ 0xA5A5)
            let reader = HistoryReader(path: "fuzz.ndjson")
            var refused = 0
            var accepted = 0
            for index in 0..<1500 {
                let bytes = index % 4 == 0 ? Mutator.random(&generator) : Mutator.mutate(valid, &generator)
                do {
                    let file = try reader.read(Data(bytes))
                    accepted += 1
                    // What passes the reader is a coherent history: positions rise, chain verified or absent.
                    #expect(file.entries.map(\.event.position) == file.entries.map(\.event.position).sorted())
                } catch let error as HistoryError {
                    refused += 1
                    switch error {
                    case .badLine(let file, let line, let reason):
                        #expect(file == "fuzz.ndjson" && line >= 1 && !reason.isEmpty, "input \(index): \(error)")
                    default:
                        Issue.record("input \(index): unexpected \(error)")
                    }
                } catch {
                    Issue.record("input \(index): not a HistoryError: \(type(of: error)) \(error)")
                }
            }
            #expect(refused > 1000, "\(refused) refused, \(accepted) accepted")
        }

        @Test("canonical JSON: random and mutated payloads give a canonical form or a typed error; the form is stable")
        func canonicalJSON() throws {
            var generator = SeededGenerator(seed: Self.seed ^ 0x5A5A)
            let valid = Array(
                #"{"b":[1,2.50,-0,1e2,{"z":null,"a":true}],"a":"x\u00e4\n\"y\"","c":{"d":-12.0e-3}}"#.utf8)
            for index in 0..<3000 {
                let bytes = index % 3 == 0 ? Mutator.random(&generator) : Mutator.mutate(valid, &generator)
                do {
                    let canonical = try CanonicalJSON.canonical(bytes)
                    #expect(try CanonicalJSON.canonical(canonical) == canonical, "input \(index) is not stable")
                    #expect(
                        (try? JSONSerialization.jsonObject(with: Data(canonical), options: .fragmentsAllowed)) != nil
                            || canonical.contains(UInt8(ascii: "e")),
                        "input \(index): \(String(decoding: canonical, as: UTF8.self))")
                } catch {
                    #expect(!error.description.isEmpty)
                }
            }
            let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
            #expect(throws: CanonicalJSON.Error.self) { try CanonicalJSON.canonical(deep) }
        }
    }
}
