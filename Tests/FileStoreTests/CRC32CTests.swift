import FileStore
import Testing

/// The record checksum with the processor's instruction equals the table-driven one (and RFC 3720's values).
@Suite("CRC-32C: instruction and tables agree")
struct CRC32CTests {
    /// RFC 3720, appendix B.4, and the usual check value of "123456789".
    static let vectors: [(bytes: [UInt8], crc: UInt32)] = [
        ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ((0..<32).map { UInt8($0) }, 0x46DD_794E),
        ((0..<32).reversed().map { UInt8($0) }, 0x113F_DB5C),
        (Array("123456789".utf8), 0xE306_9283),
        ([], 0),
    ]

    @Test func knownValues() {
        for (bytes, crc) in Self.vectors {
            #expect(CRC32C.checksum(bytes) == crc)
            #expect(bytes.withUnsafeBytes { ~CRC32C.updateWithTables(0xFFFF_FFFF, $0) } == crc)
        }
    }

    @Test func everyLengthAndAlignmentAndSplit() {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<4_200).map { _ in UInt8.random(in: 0...255, using: &generator) }
        data.withUnsafeBytes { all in
            for _ in 0..<2_000 {
                let start = Int.random(in: 0..<all.count, using: &generator)
                let end = Int.random(in: start...min(all.count, start + 700), using: &generator)
                let split = Int.random(in: start...end, using: &generator)
                let whole = UnsafeRawBufferPointer(rebasing: all[start..<end])
                let tables = CRC32C.updateWithTables(0xFFFF_FFFF, whole)
                #expect(CRC32C.update(0xFFFF_FFFF, whole) == tables, "bytes \(start)..<\(end)")
                let first = CRC32C.update(0xFFFF_FFFF, UnsafeRawBufferPointer(rebasing: all[start..<split]))
                #expect(CRC32C.update(first, UnsafeRawBufferPointer(rebasing: all[split..<end])) == tables)
            }
        }
    }

    /// The instruction's path runs three streams of 64 bytes at once and joins them by shifting: every length
    /// across several rounds and their remainders, from any running value, equals the tables.
    @Test func everyLengthAcrossTheThreeStreamRounds() {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<2_048).map { _ in UInt8.random(in: 0...255, using: &generator) }
        data.withUnsafeBytes { all in
            for length in 0...1_200 {
                let start = Int.random(in: 0...(all.count - length), using: &generator)
                let running = UInt32.random(in: 0...UInt32.max, using: &generator)
                let bytes = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                #expect(
                    CRC32C.update(running, bytes) == CRC32C.updateWithTables(running, bytes), "\(length) bytes")
            }
        }
    }

    @Test func thisMachineUsesTheInstruction() {
        #if arch(x86_64)
        #expect(CRC32C.usesHardware, "x86-64 processors since 2008 have SSE 4.2")
        #endif
    }
}
