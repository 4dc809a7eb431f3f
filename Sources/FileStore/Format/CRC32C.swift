import CHardwareCRC

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum that frames every record and
/// segment header. It detects torn writes and flipped bits; it is not a defence against tampering (the
/// SHA-256 hash chain is).
///
/// With the processor's CRC-32C instruction where there is one (`CHardwareCRC`: SSE 4.2 on x86-64, eight bytes
/// an instruction, three streams of 64 bytes at once, joined by shifting); otherwise table-driven,
/// slicing-by-8: eight 256-entry tables let the loop consume eight bytes per step.
package enum CRC32C {
    /// The checksum of `bytes` (initial value and final XOR `0xFFFFFFFF`, as in RFC 3720).
    package static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        ~update(0xFFFF_FFFF, bytes)
    }

    /// The checksum of a byte sequence held in an array.
    package static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// Whether this processor's CRC-32C instruction is used (SSE 4.2 on x86-64); otherwise the tables are.
    package static let usesHardware = competence_crc32c_available() != 0

    /// Continues a running (not yet inverted) CRC over more bytes: with the processor's instruction when it
    /// has one, else with the tables (the same result: `CRC32CTests`).
    package static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard usesHardware, let base = bytes.baseAddress else { return updateWithTables(crc, bytes) }
        return competence_crc32c_update(crc, base, bytes.count)
    }

    /// ``update(_:_:)`` with the tables, whatever the processor.
    package static func updateWithTables(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = crc
        var index = 0
        let count = bytes.count
        tables.withUnsafeBufferPointer { t in
            while count - index >= 8 {
                let low = bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self).littleEndian ^ crc
                let high = bytes.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self).littleEndian
                crc =
                    t[7 &* 256 &+ Int(low & 0xFF)]
                    ^ t[6 &* 256 &+ Int((low >> 8) & 0xFF)]
                    ^ t[5 &* 256 &+ Int((low >> 16) & 0xFF)]
                    ^ t[4 &* 256 &+ Int(low >> 24)]
                    ^ t[3 &* 256 &+ Int(high & 0xFF)]
                    ^ t[2 &* 256 &+ Int((high >> 8) & 0xFF)]
                    ^ t[1 &* 256 &+ Int((high >> 16) & 0xFF)]
                    ^ t[Int(high >> 24)]
                index &+= 8
            }
            while index < count {
                crc = t[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
                index &+= 1
            }
        }
        return crc
    }

    /// Table `k` (entries `k*256 ..< (k+1)*256`) advances the CRC of a byte followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            tables[byte] = crc
        }
        for byte in 0..<256 {
            for slice in 1..<8 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()
}
