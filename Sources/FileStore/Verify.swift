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
    /// The first break in the hash chain, if any.
    var firstChainBreak: ChainBreak?
    /// The chain hash of the last record.
    var headHash: ChainHash

    /// The report in the form every backend shares.
    var storeVerification: StoreVerification {
        var faults = problems.map {
            StoreFault(kind: .damagedRecord, place: .file(path: $0.segment, offset: $0.offset), detail: $0.reason)
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
            let bytes = try Self.readWhole(path)
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
        let fd = try StoreIO.open(path, .readOnly)
        defer { try? fd.close() }
        let size = try StoreIO.size(fd, path: path)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let count = try bytes.withUnsafeMutableBytes { (raw) throws in
            try StoreIO.read(fd, into: raw, at: 0, path: path)
        }
        return Array(bytes.prefix(count))
    }
}
