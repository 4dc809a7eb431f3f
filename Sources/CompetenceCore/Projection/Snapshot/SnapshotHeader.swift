import Foundation

/// The fixed part of a snapshot: what it is, which build can read it, where in which history it was taken,
/// and checksums of itself and of the payload that follows. See `Docs/Architecture.md`, "Snapshots".
///
/// Layout (little-endian): magic `CLSNAPSH` · format `u32` · kind `u32` · fold version `u32` · catalogue
/// signature `u64` · layout signature `u64` · label (`u32` length + UTF-8) · position `i64` · id of the event
/// at that position (16 bytes) · history head hash at that position (`u64` length 32 + 32 bytes) · the store's
/// history fingerprint there (``HistoryFingerprint``: kind `u32`, 0 for none, then `u64` length + bytes) ·
/// padding (`u64` length + that many zero bytes, so that the header ends at a multiple of
/// ``snapshotRowAlignment`` bytes) · payload length `u64` · payload checksum `u64` · header checksum `u64` (of
/// every byte before it). In the payload, every array of rows starts at a multiple of ``snapshotRowAlignment``
/// bytes from its start (``SnapshotSink/alignForRows()``), so that rows can be read in place.
///
/// Format 1 (before the history chain keyed snapshots) wrote 32 zero bytes for the hash, format 2 had no
/// fingerprint, format 3 did not align its rows, format 4's recorder state had no event digests; all are refused
/// as another version, so their snapshots are rebuilt.
struct SnapshotHeader: Hashable, Sendable {
    static let magic = Array("CLSNAPSH".utf8)
    /// The version of this layout.
    static let format: UInt32 = 5

    /// What the payload holds.
    enum Kind: UInt32, Sendable {
        /// A ``LedgerState`` (``LedgerModel``'s checkpoint).
        case ledgerState = 1
        /// The recorder's validation state (``CompetenceLedger``'s checkpoint).
        case recorderState = 2
        /// A ``CheckpointableProjection``'s state (``ProjectionRunner``'s checkpoints).
        case projectionState = 3
    }

    var kind: Kind
    /// ``LedgerState/foldVersion`` of the build that wrote it.
    var foldVersion: UInt32
    var catalogue: UInt64
    var layout: UInt64
    /// What was folded, and how (e.g. the projection and the replay scope): snapshots of different things
    /// never mix.
    var label: String
    /// The last position folded.
    var position: Int64
    /// The id of the event at ``position`` (the null id at position 0).
    var eventID: UUID
    /// The history chain's hash at ``position`` (``HistoryHash/zero`` at position 0): the key checked against
    /// the store's chain before the snapshot is used.
    var headHash: HistoryHash
    /// The store's fingerprint of its history at ``position`` when it was taken (``HistoryFingerprinting``), if
    /// the store keeps one: a later equal fingerprint there vouches for ``headHash`` without rehashing the log.
    var fingerprint: HistoryFingerprint? = nil
    var payloadLength: UInt64
    var payloadChecksum: UInt64

    /// The signature of this build's catalogue: every type name with its schema version, in name order.
    static let currentCatalogue: UInt64 = {
        let entries = CompetenceEvent.allTypes.map { "\($0.eventType)@\($0.schemaVersion)" }.sorted()
        var writer = SnapshotWriter()
        for entry in entries { writer.write(entry) }
        return writer.bytes.withUnsafeBytes { SnapshotChecksum.of($0) }
    }()

    /// The signature of this build's row layouts (sizes and field offsets of the rows copied as they lie in
    /// memory).
    static let currentLayout: UInt64 = {
        var writer = SnapshotWriter()
        for value in AnswerRow.layout + EventDirectory.Row.layout { writer.write(UInt64(value)) }
        return writer.bytes.withUnsafeBytes { SnapshotChecksum.of($0) }
    }()

    /// The header followed by `payload`, as stored.
    static func encode(_ header: SnapshotHeader, payload: [UInt8], format: UInt32 = format) -> Data {
        let checksum = payload.withUnsafeBytes { SnapshotChecksum.of($0) }
        var data = Data(bytes(of: header, payloadLength: payload.count, payloadChecksum: checksum, format: format))
        data.append(contentsOf: payload)
        return data
    }

    /// The header followed by `payload`'s bytes, as stored — the same bytes as ``encode(_:payload:format:)`` — in
    /// one buffer of their exact size: the payload is written twice, once to count (``SnapshotSize``) and once to
    /// fill the buffer (``SnapshotBuffer``), so a large snapshot is never held twice, nor grown by copying, on its
    /// way to the ``CheckpointStore``. The data owns the buffer.
    static func encode(_ header: SnapshotHeader, payload source: some SnapshotPayload) -> Data {
        var size = SnapshotSize()
        source.writePayload(to: &size)
        let headerLength = bytes(of: header, payloadLength: size.count, payloadChecksum: 0, format: format).count
        let total = headerLength + size.count
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: total, alignment: 16)
        let payload = UnsafeMutableRawBufferPointer(rebasing: buffer[headerLength...])
        var sink = SnapshotBuffer(payload)
        source.writePayload(to: &sink)
        precondition(sink.isFull, "a snapshot shorter than its counted size")
        let front = bytes(
            of: header, payloadLength: size.count,
            payloadChecksum: SnapshotChecksum.of(UnsafeRawBufferPointer(payload)),
            format: format)
        precondition(front.count == headerLength, "a header whose length depends on its checksums")
        front.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[0..<headerLength]).copyMemory(from: $0) }
        return Data(
            bytesNoCopy: buffer.baseAddress!, count: total, deallocator: .custom { start, _ in start.deallocate() })
    }

    /// Saves the header followed by `payload`'s bytes under `name` in `checkpoints` — the same bytes as
    /// ``encode(_:payload:format:)`` — without holding them: the payload is written once to count and checksum it
    /// (``SnapshotDigest``: the header in front holds both), then again to the store a piece at a time
    /// (``SnapshotChunks``, ``CheckpointStore/saveCheckpoint(named:length:writing:)``).
    static func save(
        _ header: SnapshotHeader, payload source: some SnapshotPayload & Sendable, named name: String,
        to checkpoints: any CheckpointStore
    ) async throws {
        var digest = SnapshotDigest()
        source.writePayload(to: &digest)
        let front = bytes(of: header, payloadLength: digest.count, payloadChecksum: digest.checksum, format: format)
        try await checkpoints.saveCheckpoint(named: name, length: front.count + digest.count) { piece in
            try front.withUnsafeBytes { try piece($0) }
            try withoutActuallyEscaping(piece) { piece in
                var chunks = SnapshotChunks(emit: piece)
                source.writePayload(to: &chunks)
                try chunks.finish()
            }
        }
    }

    /// The header's bytes, its own checksum last, before a payload of `payloadLength` bytes with `payloadChecksum`.
    private static func bytes(
        of header: SnapshotHeader, payloadLength: Int, payloadChecksum: UInt64, format: UInt32
    ) -> [UInt8] {
        var writer = SnapshotWriter(capacity: 256)
        writer.write(bytes: magic)
        writer.write(format)
        writer.write(header.kind.rawValue)
        writer.write(header.foldVersion)
        writer.write(header.catalogue)
        writer.write(header.layout)
        writer.write(header.label)
        writer.write(header.position)
        writer.write(header.eventID)
        writer.write(bytes: header.headHash.bytes)
        writer.write(header.fingerprint?.kind.rawValue ?? 0)
        writer.write(bytes: header.fingerprint?.bytes ?? [])
        // The padding's own length, the payload's length and both checksums follow: 32 bytes.
        let padding = snapshotPadding(after: writer.bytes.count + 32)
        writer.write(bytes: [UInt8](repeating: 0, count: padding))
        writer.write(UInt64(payloadLength))
        writer.write(payloadChecksum)
        let headerChecksum = writer.bytes.withUnsafeBytes { SnapshotChecksum.of($0) }
        writer.write(headerChecksum)
        return writer.bytes
    }

    static func decode(
        _ bytes: UnsafeRawBufferPointer, foldVersion expectedFold: UInt32 = LedgerState.foldVersion
    ) throws(SnapshotRejection) -> (SnapshotHeader, UnsafeRawBufferPointer) {
        var reader = SnapshotReader(bytes)
        do {
            let magic = try reader.readBytes()
            guard magic.elementsEqual(Self.magic) else { throw SnapshotRejection.damaged("it is not a snapshot") }
            let format = try reader.read(UInt32.self)
            guard format == Self.format else {
                throw SnapshotRejection.otherVersion("snapshot format \(format), this build reads \(Self.format)")
            }
            let rawKind = try reader.read(UInt32.self)
            let foldVersion = try reader.read(UInt32.self)
            let catalogue = try reader.read(UInt64.self)
            let layout = try reader.read(UInt64.self)
            let label = try reader.readString()
            let position = try reader.read(Int64.self)
            let eventID = try reader.readUUID()
            let headHash = try reader.readBytes()
            let fingerprintKind = try reader.read(UInt32.self)
            let fingerprintBytes = try reader.readBytes()
            let padding = try reader.readBytes()
            let payloadLength = try reader.read(UInt64.self)
            let payloadChecksum = try reader.read(UInt64.self)
            let headerEnd = reader.offset
            let headerChecksum = try reader.read(UInt64.self)
            guard SnapshotChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[0..<headerEnd])) == headerChecksum else {
                throw SnapshotRejection.damaged("its header does not match its checksum")
            }
            guard padding.count < snapshotRowAlignment, padding.allSatisfy({ $0 == 0 }),
                reader.offset % snapshotRowAlignment == 0
            else { throw SnapshotRejection.damaged("its header's padding is not what it should be") }
            guard let kind = Kind(rawValue: rawKind) else { throw SnapshotRejection.damaged("unknown kind \(rawKind)") }
            guard headHash.count == 32 else {
                throw SnapshotRejection.damaged("its head hash is \(headHash.count) bytes, not 32")
            }
            let fingerprint: HistoryFingerprint?
            if fingerprintKind == 0 {
                fingerprint = nil
            } else if let kind = HistoryFingerprint.Kind(rawValue: fingerprintKind) {
                fingerprint = HistoryFingerprint(kind: kind, bytes: [UInt8](fingerprintBytes))
            } else {
                throw SnapshotRejection.damaged("unknown history fingerprint kind \(fingerprintKind)")
            }
            guard foldVersion == expectedFold, catalogue == currentCatalogue, layout == currentLayout else {
                throw SnapshotRejection.otherVersion(
                    "written by a build with another fold (version \(foldVersion)), catalogue or layout")
            }
            let payloadStart = reader.offset
            guard payloadLength == UInt64(bytes.count - payloadStart) else {
                throw SnapshotRejection.damaged(
                    "its payload is \(bytes.count - payloadStart) bytes, its header says \(payloadLength)")
            }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[payloadStart...])
            // The checksum pass keeps the pages: the decoding reads them next (given back there, ReadPages), and
            // pages given back now would be read again from the disk.
            guard SnapshotChecksum.of(payload) == payloadChecksum else {
                throw SnapshotRejection.damaged("its payload does not match its checksum")
            }
            let header = SnapshotHeader(
                kind: kind, foldVersion: foldVersion, catalogue: catalogue, layout: layout, label: label,
                position: position, eventID: eventID, headHash: HistoryHash(digest: [UInt8](headHash)),
                fingerprint: fingerprint, payloadLength: payloadLength, payloadChecksum: payloadChecksum)
            return (header, payload)
        } catch let damage as SnapshotDamage {
            throw .damaged(damage.description)
        } catch let rejection as SnapshotRejection {
            throw rejection
        } catch {
            throw .damaged(String(describing: error))
        }
    }
}

/// Why a checkpoint was not used and the state was rebuilt from the log instead.
public enum SnapshotRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// There is none.
    case missing
    /// Its bytes are damaged: truncated, altered, not a snapshot.
    case damaged(String)
    /// Written by a build with another snapshot format, fold, event catalogue or row layout.
    case otherVersion(String)
    /// It does not belong to this store's history as it is now: the log is shorter than its position, or
    /// holds another event there.
    case stale(String)

    public var description: String {
        switch self {
        case .missing: "no snapshot"
        case .damaged(let reason): "damaged snapshot: \(reason)"
        case .otherVersion(let reason): "snapshot of another version: \(reason)"
        case .stale(let reason): "stale snapshot: \(reason)"
        }
    }
}
