import Foundation
import Testing

@testable import CompetenceCore

/// Rows restored from a snapshot are read in place: they point into the snapshot's bytes, copy a chunk only
/// when it changes, and never change those bytes; a copy of the state keeps its values.
@Suite("Snapshots: rows read in place")
struct InPlaceRowsTests {
    /// Bytes a test owns, as a snapshot's source.
    private final class Buffer: Sendable {
        let data: Data
        init(_ values: [Int64]) { data = values.withUnsafeBytes { Data($0) } }
        var base: UnsafePointer<Int64> {
            data.withUnsafeBytes { $0.baseAddress!.assumingMemoryBound(to: Int64.self) }
        }
    }

    private func values(_ rows: ChunkedArray<Int64>) -> [Int64] { (0..<rows.count).map { rows[$0] } }

    @Test func aChangeCopiesOnlyItsChunkAndLeavesTheBytesAndOtherCopiesAlone() {
        let count = 2 * ChunkedArray<Int64>.chunkCapacity + 100
        let original = (0..<count).map { Int64($0) * 3 }
        let buffer = Buffer(original)
        let inPlace = ChunkedArray(inPlace: buffer.base, count: count, source: buffer)
        #expect(inPlace.chunksInPlace == 3)
        #expect(values(inPlace) == original)

        var changed = inPlace
        changed[ChunkedArray<Int64>.chunkCapacity + 5] = -1
        #expect(changed.chunksInPlace == 2, "only the chunk changed was copied")
        #expect(changed[ChunkedArray<Int64>.chunkCapacity + 5] == -1)
        #expect(values(inPlace) == original, "the copy it was made from keeps its values")
        #expect(buffer.data.withUnsafeBytes { Array($0.bindMemory(to: Int64.self)) } == original)

        // Appending continues the last chunk (partly filled, in place) in memory of its own.
        changed.append(7)
        #expect(changed.count == count + 1 && changed[count] == 7 && changed[count - 1] == original[count - 1])
        #expect(changed.chunksInPlace == 1)
        for _ in 0..<ChunkedArray<Int64>.chunkCapacity { changed.append(1) }
        #expect(changed.count == count + 1 + ChunkedArray<Int64>.chunkCapacity)
        #expect(values(inPlace) == original)
    }

    /// A recorder state restored from an aligned snapshot reads its directory and answers in place; from the
    /// same bytes misaligned, it copies them, and both are the same state.
    @Test func aRestoredStateReadsItsRowsInPlaceWhenTheyLieAligned() async throws {
        let store = InMemoryEventStore(clock: LedgerFixture.clock)
        let ledger = CompetenceLedger(
            store: store, recordedBy: "tests", clock: LedgerFixture.clock, checkpoints: store, checkpointInterval: 1,
            checkpointGrowth: 0)
        try await ledger.record(LedgerFixture.setUp, ids: LedgerFixture.setUpIDs)
        try await ledger.record(LedgerFixture.answer())
        try #require(try await ledger.saveSnapshot() != nil)
        let snapshot = try #require(try await store.loadCheckpoint(named: CompetenceLedger.checkpointName))

        let (aligned, _) = try RecorderState.restore(from: snapshot)
        #expect(aligned.directory.rows.count > 0 && aligned.ledger.answers.rows.count > 0)
        #expect(aligned.directory.rows.chunksInPlace == 1)
        #expect(aligned.ledger.answers.rows.chunksInPlace == 1)

        let shifted = Data([0]) + snapshot
        let misaligned = shifted[1...]
        try misaligned.withUnsafeBytes { try #require(Int(bitPattern: $0.baseAddress!) % 8 != 0) }
        let (copied, _) = try RecorderState.restore(from: misaligned)
        #expect(copied.directory.rows.chunksInPlace == 0)
        #expect(copied.ledger.answers.rows.chunksInPlace == 0)
        #expect(copied.ledger == aligned.ledger)
        #expect(copied.ledger == (try await ledger.state()))
    }

    /// Every array of rows, and the payload itself, starts at a multiple of the alignment, whatever the
    /// header's length; padding that is not zero is damage.
    @Test func theHeaderAndTheRowsAreAligned() throws {
        var payload = SnapshotWriter()
        payload.write(UInt8(1))
        payload.write(rows: ContiguousArray<Int64>([1, 2, 3]))
        for length in 0..<(2 * snapshotRowAlignment) {
            let header = SnapshotHeader(
                kind: .ledgerState, foldVersion: LedgerState.foldVersion, catalogue: SnapshotHeader.currentCatalogue,
                layout: SnapshotHeader.currentLayout, label: String(repeating: "x", count: length), position: 1,
                eventID: UUID(), headHash: .zero, payloadLength: 0, payloadChecksum: 0)
            let bytes = SnapshotHeader.encode(header, payload: payload.bytes)
            let start = try bytes.withUnsafeBytes { raw in
                let (_, body) = try SnapshotHeader.decode(raw)
                return body.baseAddress! - raw.baseAddress!
            }
            #expect(start % snapshotRowAlignment == 0)
        }
        // One byte, the count (8), seven zero bytes, then the rows at byte 16.
        #expect(payload.bytes.count == 1 + 8 + 7 + 3 * 8)
        #expect(payload.bytes[9..<16].allSatisfy { $0 == 0 })
        #expect(payload.bytes[16] == 1)
        var damaged = payload.bytes
        damaged[12] = 9
        try damaged.withUnsafeBytes { raw in
            var reader = SnapshotReader(raw)
            _ = try reader.read(UInt8.self)
            #expect(throws: SnapshotDamage.self) { _ = try reader.readRows(Int64.self) }
        }
    }
}
