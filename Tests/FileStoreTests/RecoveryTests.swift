import CompetenceCore
import FileStore
import Foundation
import Testing

@Suite("FileEventStore recovery and corruption")
struct RecoveryTests {
    /// A store with `count` events in one segment; returns the segment path and the events.
    private func makeStore(
        _ directory: TemporaryDirectory, count: Int = 6
    ) async throws -> (segment: String, events: [RecordedEvent]) {
        let store = try FileEventStore(directory: directory.store)
        for index in 0..<count {
            try await store.append(
                [Fixtures.event("r\(index)", padding: index * 7)], to: StreamName("rec-\(index % 2)"), expecting: .any)
        }
        let events = try await Fixtures.readAll(store)
        return (try Fixtures.segments(directory.store).last!, events)
    }

    @Test func truncationAtEveryOffsetOfTheLastRecordIsCutAndReported() async throws {
        let directory = TemporaryDirectory("truncate")
        defer { directory.remove() }
        let (segment, events) = try await makeStore(directory)
        let pristine = try Data(contentsOf: URL(fileURLWithPath: segment))
        let lastStart = try Fixtures.recordOffsets(segment).last!
        for cut in lastStart..<pristine.count {
            try pristine.prefix(cut).write(to: URL(fileURLWithPath: segment))
            let store = try FileEventStore(directory: directory.store)
            #expect(store.openReport.truncatedBytes == Int64(cut - lastStart), "cut at \(cut)")
            #expect(store.openReport.truncatedTail?.offset == (cut == lastStart ? nil : Int64(lastStart)))
            #expect(try await Fixtures.readAll(store) == Array(events.dropLast()), "cut at \(cut)")
            #expect(try Fixtures.size(segment) == lastStart, "the torn bytes are gone from the file")
        }
        // Appends continue where the torn record was.
        let store = try FileEventStore(directory: directory.store)
        let result = try await store.append([Fixtures.event("after")], to: "rec-9", expecting: .any)
        #expect(result.positions == [Int64(events.count)])
        #expect(try FileEventStore.verify(directory: directory.store).isIntact)
    }

    @Test(arguments: 0..<12)
    func bitFlipInTheLastRecordIsCutAndReported(seed: Int) async throws {
        let directory = TemporaryDirectory("flip-tail")
        defer { directory.remove() }
        let (segment, events) = try await makeStore(directory)
        let lastStart = try Fixtures.recordOffsets(segment).last!
        var generator = SeededGenerator(seed: UInt64(seed))
        let byte = Int.random(in: lastStart..<(try Fixtures.size(segment)), using: &generator)
        try Fixtures.flipBit(segment, byte: byte, bit: Int.random(in: 0..<8, using: &generator))
        let store = try FileEventStore(directory: directory.store)
        #expect(store.openReport.truncatedTail?.offset == Int64(lastStart), "flip at byte \(byte)")
        #expect(store.openReport.truncatedBytes > 0)
        #expect(try await Fixtures.readAll(store) == Array(events.dropLast()))
    }

    @Test(arguments: 0..<12)
    func bitFlipBeforeTheTailFailsTheOpenNamingTheOffset(seed: Int) async throws {
        let directory = TemporaryDirectory("flip-middle")
        defer { directory.remove() }
        let (segment, _) = try await makeStore(directory)
        let offsets = try Fixtures.recordOffsets(segment)
        var generator = SeededGenerator(seed: UInt64(seed) &+ 1000)
        let record = Int.random(in: 0..<(offsets.count - 1), using: &generator)
        let byte = Int.random(in: offsets[record]..<offsets[record + 1], using: &generator)
        try Fixtures.flipBit(segment, byte: byte, bit: Int.random(in: 0..<8, using: &generator))
        let damaged = try Data(contentsOf: URL(fileURLWithPath: segment))
        #expect(throws: FileStoreError.self) { try FileEventStore(directory: directory.store) }
        do {
            _ = try FileEventStore(directory: directory.store)
        } catch let error as FileStoreError {
            guard case .corruptRecord(let failedSegment, let offset, _) = error else {
                Issue.record("expected corruptRecord, got \(error)")
                return
            }
            #expect(failedSegment == segment)
            #expect(offset == Int64(offsets[record]), "flip at byte \(byte) of record \(record)")
            #expect(error.description.contains("offset \(offsets[record])"))
        }
        let report = try FileEventStore.verify(directory: directory.store)
        #expect(!report.isIntact)
        let damagedPlaces = report.faults.filter { $0.kind == .damagedRecord }.map(\.place)
        #expect(damagedPlaces.contains(StoreFault.Place.file(path: segment, offset: Int64(offsets[record]))))
        #expect(report.records == Int64(offsets.count - 1), "every other record still checks out")
        // The file was not changed by the failed open.
        #expect(try Data(contentsOf: URL(fileURLWithPath: segment)) == damaged)
    }

    @Test func editedRecordWithARecomputedChecksumBreaksTheHashChain() async throws {
        let directory = TemporaryDirectory("tamper")
        defer { directory.remove() }
        let (segment, events) = try await makeStore(directory)
        #expect(try FileEventStore.verify(directory: directory.store).isIntact)
        let offsets = try Fixtures.recordOffsets(segment)
        var data = try Data(contentsOf: URL(fileURLWithPath: segment))
        // Change a payload byte of record 3 (the `label` text) and fix up its CRC, as a forger would.
        let start = offsets[2]
        let length = data[start..<(start + 4)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let bodyEnd = start + 8 + length
        data[bodyEnd - 10] ^= 0x01
        let crc = crc32c(Array(data[(start + 8)..<(bodyEnd + 32)]))
        for index in 0..<4 { data[start + 4 + index] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(index))) }
        try data.write(to: URL(fileURLWithPath: segment))

        let report = try FileEventStore.verify(directory: directory.store)
        #expect(!report.faults.contains { $0.kind == .damagedRecord }, "the forged record's checksum is valid")
        #expect(report.firstChainBreak?.position == events[2].position)
        #expect(report.firstChainBreak?.place == .file(path: segment, offset: Int64(start)))
        #expect(!report.isIntact)
    }

    @Test func crc32cMatchesTheStandardTestVectors() {
        #expect(crc32c(Array("123456789".utf8)) == 0xE306_9283)
        #expect(crc32c([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(crc32c([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(crc32c(Array(0..<32)) == 0x46DD_794E)
        #expect(crc32c([]) == 0)
    }

    private func crc32c(_ bytes: [UInt8]) -> UInt32 { CRC32C.checksum(bytes) }
}

/// A small deterministic generator (SplitMix64), so failures can be replayed from the seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
