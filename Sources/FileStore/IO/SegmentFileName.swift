/// Segment files are named by their number: `0000000001.segment`, `0000000002.segment`, …; a segment
/// being created is written as `….segment.tmp` and renamed into place once its header is on disk. A sealed
/// segment's index is `….segment-index` (written as `….segment-index.tmp`).
enum SegmentFileName {
    static let suffix = ".segment"
    static let temporarySuffix = ".segment.tmp"
    static let indexSuffix = ".segment-index"
    static let temporaryIndexSuffix = ".segment-index.tmp"

    static func name(_ number: UInt32) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits + suffix
    }

    static func path(_ number: UInt32, in directory: String) -> String { directory + "/" + name(number) }

    /// The path of segment `number`'s index file (``SegmentIndexFile``).
    static func indexPath(_ number: UInt32, in directory: String) -> String {
        directory + "/" + name(number).dropLast(suffix.count) + indexSuffix
    }

    /// The segment number a file name stands for, or nil for other files.
    static func number(of name: String) -> UInt32? {
        guard name.hasSuffix(suffix), name.count == 10 + suffix.count else { return nil }
        return UInt32(name.dropLast(suffix.count))
    }
}
