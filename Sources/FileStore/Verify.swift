import CompetenceCore
import Foundation

/// What ``FileEventStore/verify(directory:)`` found: every damaged record and the first break in the hash
/// chain.
public struct VerifyReport: Sendable, Hashable, CustomStringConvertible {
    /// A record (or segment header) that failed its checks.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The segment file.
        public var segment: String
        /// The byte offset of the frame (0 for the header).
        public var offset: Int64
        /// What is wrong.
        public var reason: String

        public var description: String { "\(segment) at byte offset \(offset): \(reason)" }
    }

    /// The first record whose stored hash is not `SHA-256(previous hash ‖ body)`: the record was edited,
    /// or one before it was removed or reordered.
    public struct ChainBreak: Sendable, Hashable, CustomStringConvertible {
        /// The segment file.
        public var segment: String
        /// The byte offset of the record's frame (0 when a segment header's previous hash is wrong).
        public var offset: Int64
        /// The record's global position.
        public var position: Int64

        public var description: String { "hash chain breaks at position \(position) (\(segment) at byte offset \(offset))" }
    }

    /// Whole records whose checksum matched.
    public var records: Int64
    /// Segment files looked at.
    public var segments: Int
    /// Every damaged record or header, in file order.
    public var problems: [Problem]
    /// The first break in the hash chain, if any.
    public var firstChainBreak: ChainBreak?
    /// The chain hash of the last record: record it elsewhere (an audit file, a signed mail) to detect a
    /// history rewritten from some point on with the chain recomputed.
    public var headHash: ChainHash

    /// True when no record is damaged and the chain is unbroken.
    public var isIntact: Bool { problems.isEmpty && firstChainBreak == nil }

    public var description: String {
        var lines = ["\(records) records in \(segments) segments; head hash \(headHash)"]
        lines += problems.map { "bad record: \($0)" }
        if let firstChainBreak { lines.append(firstChainBreak.description) }
        if isIntact { lines.append("intact") }
        return lines.joined(separator: "\n")
    }
}

/// Reads every segment from the start, checking headers, framing, checksums, order and the hash chain.
struct Verifier {
    let directory: String
    /// Stop after this position (a live store's durable head); nil for everything on disk.
    var through: Int64?

    func run() throws -> VerifyReport {
        let numbers = try Posix.list(directory).compactMap(SegmentFileName.number(of:)).sorted()
        var report = VerifyReport(records: 0, segments: numbers.count, problems: [], firstChainBreak: nil, headHash: .genesis)
        var expectedNumber: UInt32 = 1
        var hash = ChainHash.genesis
        var position: Int64 = 0
        var versions: [StreamName: Int64] = [:]
        segments: for number in numbers {
            let path = SegmentFileName.path(number, in: directory)
            if number != expectedNumber {
                report.problems.append(.init(segment: path, offset: 0, reason: "segments \(expectedNumber)…\(number - 1) are missing"))
            }
            expectedNumber = number + 1
            let bytes = try Self.readWhole(path)
            try bytes.withUnsafeBytes { (file) throws in
                let header: SegmentHeader
                do { header = try SegmentHeader.decode(file) } catch {
                    report.problems.append(.init(segment: path, offset: 0, reason: "bad segment header: \(error)"))
                    return
                }
                if header.number != number {
                    report.problems.append(.init(segment: path, offset: 0, reason: "the header says segment \(header.number)"))
                }
                if header.firstPosition != position + 1 {
                    report.problems.append(.init(segment: path, offset: 0, reason: "the segment starts at position \(header.firstPosition), expected \(position + 1)"))
                }
                if header.previousHash != hash, report.firstChainBreak == nil {
                    report.firstChainBreak = .init(segment: path, offset: 0, position: header.firstPosition)
                }
                var offset = SegmentHeader.size
                var resynced = false
                while offset < file.count {
                    if let through, position >= through { return }
                    switch RecordFraming.frame(in: file, at: offset) {
                    case .record(let body, let stored, let size):
                        let fields: RecordBody.IndexFields
                       do throws(RecordBody.Malformed) { fields = try RecordBody.indexFields(body) } catch {
                            report.problems.append(.init(segment: path, offset: Int64(offset), reason: error.reason))
                            offset += size
                            continue
                        }
                        if fields.position != position + 1 {
                            report.problems.append(.init(segment: path, offset: Int64(offset), reason: "position \(fields.position) where \(position + 1) was expected"))
                        }
                        let stream = StreamName(String(decoding: fields.stream, as: UTF8.self))
                        let version = versions[stream, default: 0]
                        if fields.version != version + 1 {
                            report.problems.append(.init(segment: path, offset: Int64(offset), reason: "version \(fields.version) of '\(stream)' where \(version + 1) was expected"))
                        }
                        versions[stream] = fields.version
                        if !resynced, !hash.next(body: body).equals(stored), report.firstChainBreak == nil {
                            report.firstChainBreak = .init(segment: path, offset: Int64(offset), position: fields.position)
                        }
                        resynced = false
                        hash = ChainHash(stored)
                        position = fields.position
                        report.records += 1
                        offset += size
                    case .incomplete:
                        guard let next = Self.nextRecord(in: file, after: offset) else {
                            report.problems.append(.init(segment: path, offset: Int64(offset), reason: "a partial record runs to the end of the file (a torn tail: the next read-write open cuts it off)"))
                            return
                        }
                        report.problems.append(.init(segment: path, offset: Int64(offset), reason: "the record's length runs past the end of the file"))
                        offset = next
                        resynced = true
                    case .invalid(let reason):
                        report.problems.append(.init(segment: path, offset: Int64(offset), reason: reason))
                        guard let next = Self.nextRecord(in: file, after: offset) else { return }
                        offset = next
                        resynced = true
                    }
                }
            }
        }
        report.headHash = hash
        return report
    }

    /// The offset of the next whole record after `offset`, found by trying every byte.
    static func nextRecord(in file: UnsafeRawBufferPointer, after offset: Int) -> Int? {
        var start = offset + 1
        while start + RecordFraming.overhead + RecordBody.fixedSize <= file.count {
            if case .record = RecordFraming.frame(in: file, at: start) { return start }
            start += 1
        }
        return nil
    }

    static func readWhole(_ path: String) throws -> [UInt8] {
        let fd = try Posix.open(path, O_RDONLY)
        defer { close(fd) }
        let size = try Posix.size(fd, path: path)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let count = try bytes.withUnsafeMutableBytes { (raw) throws in try Posix.read(fd, into: raw, at: 0, path: path) }
        return Array(bytes.prefix(count))
    }
}
