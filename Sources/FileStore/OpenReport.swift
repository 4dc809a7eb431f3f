/// What opening a store found and did.
public struct OpenReport: Sendable, Hashable, CustomStringConvertible {
    /// The events in the log after opening.
    public var events: Int64
    /// The segment files.
    public var segments: Int
    /// The tail that was cut off, if the last segment ended in a partial or damaged record with nothing
    /// valid after it. Read-only stores report it without cutting.
    public var truncatedTail: TruncatedTail?
    /// Segment files moved aside (renamed `NNNNNNNNNN.segment.orphaned`, nothing deleted): the later segment
    /// of a roll-over that a power loss interrupted before the earlier segment's last records were on disk
    /// (only a build older than this one could leave that). Their records follow a hole, so they can never
    /// be part of the log; they were never acknowledged as durable. Read-only stores name them without
    /// moving them, as they are found.
    public var setAsideSegments: [String] = []
    /// How many sealed segments were indexed from their index files (`NNNNNNNNNN.segment-index`) instead of
    /// being read record by record (``FileStoreOptions/usesSegmentIndexes``).
    public var indexedSegments = 0

    /// What is wrong with the bytes at the end of the log, as far as the bytes can tell (see
    /// `Docs/FileStore-Durability.md`, "Torn or damaged").
    public enum TailCause: Sendable, Hashable {
        /// A write that did not finish: the file ends inside a record, or the tail is zeros the file system
        /// allocated but the write never filled. Such a record was never synced, so never acknowledged as
        /// durable; a read-write open cuts it.
        case tornWrite
        /// A record that was written whole and has since been damaged (a flipped bit, an edit): probably an
        /// acknowledged append. A read-write open cuts it only with
        /// ``FileStoreOptions/DamagedTailPolicy/setAside``, keeping a copy.
        case damagedRecord
    }

    /// A tail cut off on open (or found by a read-only open).
    public struct TruncatedTail: Sendable, Hashable {
        /// The segment file.
        public var segment: String
        /// Where the last whole record ends: the file's new size.
        public var offset: Int64
        /// How many bytes were cut off.
        public var bytes: Int64
        /// What was wrong with the bytes at `offset`.
        public var reason: String
        /// Whether the bytes are a torn write or a damaged record.
        public var cause: TailCause = .tornWrite
        /// Where the cut bytes were kept (a damaged record set aside), if they were.
        public var copy: String?
    }

    /// The number of bytes cut off (0 when the log ended cleanly).
    public var truncatedBytes: Int64 { truncatedTail?.bytes ?? 0 }

    public var description: String {
        var text = "\(events) events in \(segments) segments"
        if let tail = truncatedTail {
            switch tail.cause {
            case .tornWrite:
                text +=
                    "; torn tail of \(tail.bytes) bytes cut at \(tail.segment) offset \(tail.offset) (\(tail.reason))"
            case .damagedRecord:
                text +=
                    "; DAMAGED last record (\(tail.bytes) bytes, whole on disk, probably acknowledged) at "
                    + "\(tail.segment) offset \(tail.offset) (\(tail.reason))"
                    + (tail.copy.map { "; cut, its bytes kept in \($0)" } ?? "")
            }
        }
        for segment in setAsideSegments {
            text += "; segment of an interrupted roll-over set aside as \(segment)"
        }
        return text
    }
}
