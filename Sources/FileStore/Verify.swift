import CompetenceCore
import Foundation
import SystemPackage

/// What the ``Verifier`` found: every damaged record and the first break in the hash chain, in FileStore's
/// own terms (segment files and byte offsets). ``storeVerification`` gives it in the shared
/// ``StoreVerification`` form that every backend returns.
struct VerifyReport: Sendable, Hashable {
    /// A record (or segment header) that failed its checks.
    struct Problem: Sendable, Hashable {
        /// The segment file.
        var segment: String
        /// The byte offset of the frame (0 for the header).
        var offset: Int64
        /// What is wrong.
        var reason: String
    }

    /// The first record whose stored hash is not `SHA-256(previous hash ‖ body)`.
    struct ChainBreak: Sendable, Hashable {
        /// The segment file.
        var segment: String
        /// The byte offset of the record's frame (0 when a segment header's previous hash is wrong).
        var offset: Int64
        /// The record's global position.
        var position: Int64
    }

    /// Whole records whose checksum matched.
    var records: Int64
    /// Segment files looked at.
    var segments: Int
    /// Every damaged record or header, in file order.
    var problems: [Problem]
    /// Sealed segments' index files that disagree with their segments (``SegmentIndexFile``); `segment` names
    /// the index file.
    var indexProblems: [Problem] = []
    /// The first break in the hash chain, if any.
    var firstChainBreak: ChainBreak?
    /// The chain hash of the last record.
    var headHash: ChainHash

    /// The report in the form every backend shares.
    var storeVerification: StoreVerification {
        var faults = problems.map {
            StoreFault(kind: .damagedRecord, place: .file(path: $0.segment, offset: $0.offset), detail: $0.reason)
        }
        faults += indexProblems.map {
            StoreFault(
                kind: .inconsistentBookkeeping, place: .file(path: $0.segment, offset: $0.offset), detail: $0.reason)
        }
        if let firstChainBreak {
            faults.append(
                StoreFault(
                    kind: .brokenChain, position: firstChainBreak.position,
                    place: .file(path: firstChainBreak.segment, offset: firstChainBreak.offset),
                    detail: "the record's hash does not follow from the one before it"))
        }
        return StoreVerification(
            checks: ["\(records) records in \(segments) segments; head hash \(headHash)"], faults: faults,
            records: records, headHash: headHash.description)
    }
}

/// Reads every segment from the start, checking headers, framing, checksums, order and the hash chain.
struct Verifier {
    let directory: String
    /// Stop after this position (a live store's durable head); nil for everything on disk.
    var through: Int64?

    func run() throws -> VerifyReport {
        let numbers = try StoreIO.list(directory).compactMap(SegmentFileName.number(of:)).sorted()
        var report = VerifyReport(
            records: 0, segments: numbers.count, problems: [], firstChainBreak: nil, headHash: .genesis)
        var expectedNumber: UInt32 = 1
        var hash = ChainHash.genesis
        var position: Int64 = 0
        var versions: [StreamName: Int64] = [:]
        segments: for number in numbers {
            let path = SegmentFileName.path(number, in: directory)
            if number != expectedNumber {
                report.problems.append(
                    .init(segment: path, offset: 0, reason: "segments \(expectedNumber)…\(number - 1) are missing"))
            }
            expectedNumber = number + 1
            let bytes = try StoreIO.readWhole(path) ?? []
            // The segment's records as its index file must list them (checked when the segment has a successor).
            var indexed: [SegmentIndexFile.Entry] = []
            var streams: [StreamName] = []
            var firstPosition: Int64 = 0
            var stoppedEarly = false
            defer {
                if number != numbers.last, !stoppedEarly,
                    let problem = indexProblem(
                        number, firstPosition: firstPosition, entries: indexed, streams: streams,
                        size: Int64(bytes.count), lastHash: hash)
                {
                    report.indexProblems.append(problem)
                }
            }
            try bytes.withUnsafeBytes { (file) throws in
                let header: SegmentHeader
                do { header = try SegmentHeader.decode(file) } catch {
                    report.problems.append(.init(segment: path, offset: 0, reason: "bad segment header: \(error)"))
                    return
                }
                if header.number != number {
                    report.problems.append(
                        .init(segment: path, offset: 0, reason: "the header says segment \(header.number)"))
                }
                if header.firstPosition != position + 1 {
                    report.problems.append(
                        .init(
                            segment: path, offset: 0,
                            reason: "the segment starts at position \(header.firstPosition), expected \(position + 1)"))
                }
                if header.previousHash != hash, report.firstChainBreak == nil {
                    report.firstChainBreak = .init(segment: path, offset: 0, position: header.firstPosition)
                }
                var offset = SegmentHeader.size
                var resynced = false
                while offset < file.count {
                    if let through, position >= through {
                        stoppedEarly = true
                        return
                    }
                    switch RecordFraming.frame(in: file, at: offset) {
                    case .record(let body, let stored, let size):
                        let fields: RecordBody.IndexFields
                        do throws(RecordBody.Malformed) { fields = try RecordBody.indexFields(body) } catch {
                            report.problems.append(.init(segment: path, offset: Int64(offset), reason: error.reason))
                            offset += size
                            continue
                        }
                        if fields.position != position + 1 {
                            report.problems.append(
                                .init(
                                    segment: path, offset: Int64(offset),
                                    reason: "position \(fields.position) where \(position + 1) was expected"))
                        }
                        let stream = StreamName(String(decoding: fields.stream, as: UTF8.self))
                        let version = versions[stream, default: 0]
                        if fields.version != version + 1 {
                            report.problems.append(
                                .init(
                                    segment: path, offset: Int64(offset),
                                    reason: "version \(fields.version) of '\(stream)' where \(version + 1) was expected"
                                ))
                        }
                        versions[stream] = fields.version
                        if indexed.isEmpty { firstPosition = fields.position }
                        indexed.append(.init(offset: UInt32(offset), stream: UInt32(streams.count), id: fields.id))
                        streams.append(stream)
                        if !resynced, !hash.next(body: body).equals(stored), report.firstChainBreak == nil {
                            report.firstChainBreak = .init(
                                segment: path, offset: Int64(offset), position: fields.position)
                        }
                        resynced = false
                        hash = ChainHash(stored)
                        position = fields.position
                        report.records += 1
                        offset += size
                    case .incomplete:
                        guard let next = Self.nextRecord(in: file, after: offset) else {
                            report.problems.append(
                                .init(
                                    segment: path, offset: Int64(offset),
                                    reason:
                                        "a partial record runs to the end of the file "
                                        + "(a torn tail: the next read-write open cuts it off)"
                                ))
                            return
                        }
                        report.problems.append(
                            .init(
                                segment: path, offset: Int64(offset),
                                reason: "the record's length runs past the end of the file"))
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

    /// What is wrong with sealed segment `number`'s index file, if it has one and it can be read: it must list
    /// `entries` (offsets and ids; `streams[i]` is entry `i`'s stream name), from `firstPosition`, in a segment of
    /// `size` bytes whose last record's hash is `lastHash`. An index that cannot be read is not a fault: an open
    /// never uses it, and the next read-write open writes it again.
    private func indexProblem(
        _ number: UInt32, firstPosition: Int64, entries: [SegmentIndexFile.Entry], streams: [StreamName],
        size: Int64, lastHash: ChainHash
    ) -> VerifyReport.Problem? {
        let path = SegmentFileName.indexPath(number, in: directory)
        guard StoreIO.exists(path), let file = try? SegmentIndexLoading.read(path) else { return nil }
        func problem(_ reason: String) -> VerifyReport.Problem {
            .init(segment: path, offset: 0, reason: "the segment index disagrees with its segment: " + reason)
        }
        if file.number != number { return problem("it names segment \(file.number)") }
        if file.segmentSize != size { return problem("it names a size of \(file.segmentSize) bytes, not \(size)") }
        if file.firstPosition != firstPosition {
            return problem("it starts at position \(file.firstPosition), not \(firstPosition)")
        }
        if file.entries.count != entries.count {
            return problem("it lists \(file.entries.count) records, not \(entries.count)")
        }
        for (row, (listed, found)) in zip(file.entries, entries).enumerated() {
            if listed.offset != found.offset || listed.id != found.id
                || file.streams[Int(listed.stream)] != streams[Int(found.stream)]
            {
                return problem(
                    "entry \(row) (position \(firstPosition + Int64(row))) does not give the offset, id and stream "
                        + "of the record at offset \(found.offset)")
            }
        }
        if file.lastHash != lastHash { return problem("it names another chain hash for the last record") }
        return nil
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

}
