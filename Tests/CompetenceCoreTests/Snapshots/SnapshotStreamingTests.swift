import Foundation
import PropertyBased
import Testing

@testable import CompetenceCore

/// A snapshot is written in one buffer of its exact size or streamed to its store in pieces, never held twice:
/// the bytes stay exactly those of the header followed by the payload (the format is unchanged, so snapshots
/// written before are read as they were).
@Suite("Snapshots: written without a second copy")
struct SnapshotStreamingTests {
    /// Bytes that are not all alike, of any length.
    private static func bytes(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) ^ (seed &* 40_503) ^ ($0 >> 3)) }
    }

    @Test func theRunningChecksumOfAnySplitIsTheChecksumOfTheWhole() {
        for count in [0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 1_000, 4_099] {
            let whole = Self.bytes(count, seed: count)
            let expected = whole.withUnsafeBytes { SnapshotChecksum.of($0) }
            for pieceSize in [1, 3, 8, 13, 32, 33, 1_000] {
                var running = SnapshotChecksum.Running()
                var start = 0
                while start < count {
                    let end = min(count, start + pieceSize)
                    whole[start..<end].withUnsafeBytes { running.add($0) }
                    start = end
                }
                #expect(running.value == expected, "\(count) bytes in pieces of \(pieceSize)")
                #expect(running.count == count)
            }
        }
        // The checksum still tells the bytes apart.
        let one = Self.bytes(100, seed: 1).withUnsafeBytes { SnapshotChecksum.of($0) }
        var changed = Self.bytes(100, seed: 1)
        changed[97] ^= 1
        #expect(changed.withUnsafeBytes { SnapshotChecksum.of($0) } != one)
    }

    @Test func piecesAddUpToWhatWasWrittenAndAFailureStopsThem() throws {
        let runs = [
            Self.bytes(10, seed: 1), Self.bytes(SnapshotChunks.pieceSize + 5, seed: 2), Self.bytes(700_000, seed: 3),
            Self.bytes(700_000, seed: 4), Self.bytes(3, seed: 5),
        ]
        var pieces: [[UInt8]] = []
        var chunks = SnapshotChunks { pieces.append([UInt8]($0)) }
        for run in runs { run.withUnsafeBytes { chunks.append($0) } }
        try chunks.finish()
        #expect(pieces.joined().elementsEqual(runs.joined()))
        #expect(pieces.count == 4)
        #expect(pieces.allSatisfy { $0.count <= SnapshotChunks.pieceSize || $0.count == runs[1].count })

        struct Refused: Error {}
        var handed = 0
        var failing = SnapshotChunks { _ in
            handed += 1
            throw Refused()
        }
        for run in runs { run.withUnsafeBytes { failing.append($0) } }
        #expect(throws: Refused.self) { try failing.finish() }
        #expect(handed == 1)
    }

    @Test func aSnapshotInOneBufferOrStreamedIsTheHeaderFollowedByThePayload() async throws {
        await propertyCheck(count: 40, input: SnapshotEquivalenceTests.steps) { steps in
            let history = RandomHistory(steps: steps)
            let store = try await history.store()
            let all = try await store.readAll(from: 1, limit: .max, filter: .all).events
            var state = RecorderState.snapshotting()
            var chain = HistoryChain()
            for event in all {
                try state.fold(event)
                try chain.append(event)
            }
            let eventID = try #require(all.last?.id ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
            let inOneBuffer = state.snapshot(eventID: eventID, headHash: chain.head.hash)
            let (_, header) = try RecorderState.restore(from: inOneBuffer)
            var writer = SnapshotWriter()
            state.writePayload(to: &writer)
            #expect(inOneBuffer == SnapshotHeader.encode(header, payload: writer.bytes))

            try await state.saveSnapshot(
                eventID: eventID, headHash: chain.head.hash, fingerprint: nil, named: "streamed", to: store)
            #expect(try await store.loadCheckpoint(named: "streamed") == inOneBuffer)
        }
    }

    @Test func aStreamedCheckpointOfAnotherLengthIsNotSaved() async throws {
        let store = InMemoryEventStore()
        try await store.saveCheckpoint(Data("before".utf8), named: "kept")
        await #expect(throws: CheckpointLengthMismatch(name: "kept", expected: 10, written: 4)) {
            try await store.saveCheckpoint(named: "kept", length: 10) { piece in
                try [UInt8]("four".utf8).withUnsafeBytes { try piece($0) }
            }
        }
        #expect(try await store.loadCheckpoint(named: "kept") == Data("before".utf8))
    }
}
