/// What opening a store found and did.
public struct OpenReport: Sendable, Hashable, CustomStringConvertible {
    /// The events in the log after opening.
    public var events: Int64
    /// The segment files.
    public var segments: Int
    /// The torn tail that was cut off, if the last segment ended in a partial or damaged record with
    /// nothing valid after it (a crash mid-write). Read-only stores report it without cutting.
    public var truncatedTail: TruncatedTail?

    /// A torn tail cut off on open.
    public struct TruncatedTail: Sendable, Hashable {
        /// The segment file.
        public var segment: String
        /// Where the last whole record ends: the file's new size.
        public var offset: Int64
        /// How many bytes were cut off.
        public var bytes: Int64
        /// What was wrong with the bytes at `offset`.
        public var reason: String
    }

    /// The number of bytes cut off (0 when the log ended cleanly).
    public var truncatedBytes: Int64 { truncatedTail?.bytes ?? 0 }

    public var description: String {
        var text = "\(events) events in \(segments) segments"
        if let tail = truncatedTail {
            text += "; torn tail of \(tail.bytes) bytes cut at \(tail.segment) offset \(tail.offset) (\(tail.reason))"
        }
        return text
    }
}
