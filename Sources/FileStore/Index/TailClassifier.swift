/// Tells a torn write from a damaged record at the end of the log, from the bytes alone (the rules and
/// their limits are in `Docs/FileStore-Durability.md`, "Torn or damaged").
///
/// The question is whether the record at the tail was ever written whole. A torn write — a crash while the
/// writer's `pwrite` was under way, which cannot have been acknowledged as durable — leaves the file ending
/// inside the record (the OS persisted a prefix), or zeros where the file system extended the file but the
/// data never reached the disk. A record that was written whole and then damaged (a flipped bit on the
/// medium, an edit) has all its bytes: its length field and the file's end agree, or would agree but for
/// that one field, and the checksum fails.
enum TailClassifier {
    /// The file-system block size that a lost write leaves zeroed from (the smallest one in common use).
    static let blockSize: Int64 = 4096
    /// The shortest zero run taken as a lost block rather than a record's own bytes: a whole record ends
    /// in its 32-byte SHA-256, whose last 8 bytes are all zero with probability 2⁻⁶⁴.
    static let minimumLostRun = 8

    /// The cause of the bad bytes `tail`, which start at `offset` in their segment and run to its end, with no
    /// valid record after them. `wellFormedFrame` is true when the bytes start with a frame whose checksum
    /// matched but whose contents do not follow the log (wrong position or version, malformed fields).
    static func cause(of tail: UnsafeRawBufferPointer, at offset: Int64, wellFormedFrame: Bool) -> OpenReport.TailCause
    {
        if wellFormedFrame { return .damagedRecord }
        if tail.count < RecordFraming.prefixSize { return .tornWrite }
        if lostBlockRunsToTheEnd(tail, at: offset) { return .tornWrite }
        if isWholeFrameButForItsLength(tail) { return .damagedRecord }
        let length = Int(ByteReader.load(UInt32.self, tail, at: 0))
        let inRange = length >= RecordBody.fixedSize && length <= RecordFraming.maxBodySize
        // All its bytes are there: written whole, damaged since.
        if inRange, RecordFraming.overhead + length <= tail.count { return .damagedRecord }
        // The file ends inside the record, or the bytes are not a record at all (stale blocks).
        return .tornWrite
    }

    /// Whether the file ends in zeros that start at or before a block boundary inside the tail: a block the
    /// file system allocated whose data never reached the disk.
    static func lostBlockRunsToTheEnd(_ tail: UnsafeRawBufferPointer, at offset: Int64) -> Bool {
        var zeroStart = tail.count
        while zeroStart > 0, tail[zeroStart - 1] == 0 { zeroStart -= 1 }
        let run = tail.count - zeroStart
        guard run >= minimumLostRun else { return false }
        if zeroStart == 0 { return true }
        let start = offset + Int64(zeroStart)
        let boundary = (start + blockSize - 1) / blockSize * blockSize
        return boundary < offset + Int64(tail.count)
    }

    /// Whether the tail is one whole record whose checksum matches once its length is taken from the file's
    /// size: the record is all there and only its length field is damaged.
    static func isWholeFrameButForItsLength(_ tail: UnsafeRawBufferPointer) -> Bool {
        let length = tail.count - RecordFraming.overhead
        guard length >= RecordBody.fixedSize, length <= RecordFraming.maxBodySize,
            Int(ByteReader.load(UInt32.self, tail, at: 0)) != length
        else { return false }
        let stored = ByteReader.load(UInt32.self, tail, at: 4)
        return CRC32C.checksum(UnsafeRawBufferPointer(rebasing: tail[RecordFraming.prefixSize...])) == stored
    }
}
