import Foundation
import Testing

@testable import CompetenceCore

/// Pages given back after reading stay readable and unchanged, mapped from a file or in ordinary memory.
@Suite("Snapshot pages given back")
struct ReadPagesTests {
    private func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        for index in stride(from: 0, to: count, by: 8) {
            let word = generator.next()
            for offset in 0..<min(8, count - index) {
                bytes[index + offset] = UInt8(truncatingIfNeeded: word >> (8 * offset))
            }
        }
        return bytes
    }

    @Test("a mapped file's pages given back read the same bytes again")
    func mappedPagesReadTheSameAfterRelease() throws {
        let count = ReadPages.stretch * 2 + 12_345
        // One random MiB, repeated (random bytes made one by one would take seconds in a debug build).
        let block = randomBytes(1 << 20, seed: 5)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count { bytes += block.prefix(count - bytes.count) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("read-pages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        let mapped = try Data(contentsOf: url, options: .alwaysMapped)
        mapped.withUnsafeBytes { raw in
            let whole = SnapshotChecksum.of(raw)
            ReadPages.release(raw, 0..<raw.count)
            #expect(bytes.withUnsafeBytes { memcmp($0.baseAddress!, raw.baseAddress!, count) } == 0)
            #expect(SnapshotChecksum.of(raw) == whole)
        }
    }

    @Test("bytes in ordinary memory are unchanged by the advice, for any range")
    func ordinaryMemoryIsUnchanged() {
        let bytes = randomBytes(3 << 20, seed: 9)
        var generator = SplitMix64(seed: 10)
        bytes.withUnsafeBytes { raw in
            for _ in 0..<20 {
                let start = Int(generator.next(below: UInt64(raw.count)))
                let end = start + Int(generator.next(below: UInt64(raw.count - start + 1)))
                ReadPages.release(raw, start..<end)
            }
            #expect(raw.elementsEqual(bytes))
        }
        #expect(bytes == randomBytes(3 << 20, seed: 9))
    }
}
