import Foundation

/// A place beside an event log to keep checkpoints: blobs of derived state, each under a name, that a reader
/// can start from instead of replaying the whole log — and can always do without. A store implements it to
/// keep checkpoints with its events: the FileStore as a file in its directory, the PostgresStore as rows of
/// a table in its schema, the InMemoryEventStore in memory.
///
/// Promises every implementation keeps:
/// - ``saveCheckpoint(_:named:)`` replaces a checkpoint atomically: a later load returns the old blob or the
///   new one, whole — after a crash possibly an older one, never a mix;
/// - a checkpoint is as private as the events (the FileStore creates its files `0600`): it holds
///   person-level data;
/// - a checkpoint is a cache: losing one costs time, nothing else. Whoever loads one checks it (see
///   ``SnapshotRejection``); a store does not interpret the bytes.
public protocol CheckpointStore: Sendable {
    /// The checkpoint saved under `name`, or `nil` when there is none.
    ///
    /// The bytes returned must not change while the data is held: state restored from a checkpoint may read
    /// them in place for as long as it lives. (The FileStore returns a private mapping of its file, which a
    /// save replaces by renaming a new file over it, never by rewriting it.)
    func loadCheckpoint(named name: String) async throws -> Data?
    /// Saves `blob` under `name`, replacing the one saved there before atomically.
    func saveCheckpoint(_ blob: Data, named name: String) async throws
    /// Removes the checkpoint saved under `name`; nothing happens when there is none.
    func removeCheckpoint(named name: String) async throws
    /// Saves under `name`, as ``saveCheckpoint(_:named:)`` does, the `length` bytes that `write` hands over in
    /// order, piece by piece (a piece is valid only during the call that receives it), so that a large
    /// checkpoint need not be held whole in memory. When `write` throws, or its pieces do not add up to
    /// `length` (``CheckpointLengthMismatch``), nothing is saved and the one saved before stays. The default
    /// collects the pieces and calls ``saveCheckpoint(_:named:)``; the FileStore writes them to its file as they
    /// come.
    func saveCheckpoint(
        named name: String, length: Int,
        writing write: @Sendable (_ piece: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) async throws
}

extension CheckpointStore {
    /// Collects the pieces into one blob and saves it with ``saveCheckpoint(_:named:)``.
    public func saveCheckpoint(
        named name: String, length: Int,
        writing write: @Sendable (_ piece: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) async throws {
        var blob = Data()
        blob.reserveCapacity(length)
        try write { piece in blob.append(contentsOf: piece) }
        guard blob.count == length else {
            throw CheckpointLengthMismatch(name: name, expected: length, written: blob.count)
        }
        try await saveCheckpoint(blob, named: name)
    }
}

/// A checkpoint whose writer handed over another number of bytes than it announced: nothing was saved.
public struct CheckpointLengthMismatch: Error, Hashable, Sendable, CustomStringConvertible {
    /// The checkpoint's name.
    public var name: String
    /// The bytes announced.
    public var expected: Int
    /// The bytes handed over.
    public var written: Int

    /// The mismatch of checkpoint `name`: `written` bytes handed over where `expected` were announced.
    public init(name: String, expected: Int, written: Int) {
        self.name = name
        self.expected = expected
        self.written = written
    }

    public var description: String {
        "checkpoint '\(name)': \(written) bytes written where \(expected) were announced; nothing was saved"
    }
}

/// The rule for checkpoint names, which every backend can use as a file name or a key: 1–64 characters,
/// each a lower-case ASCII letter, a digit or `-`.
public enum CheckpointName {
    /// Throws ``InvalidCheckpointName`` unless `name` follows the rule.
    public static func check(_ name: String) throws(InvalidCheckpointName) {
        let valid =
            (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
        guard valid else { throw InvalidCheckpointName(name: name) }
    }
}

/// A checkpoint name that breaks ``CheckpointName``'s rule.
public struct InvalidCheckpointName: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name given.
    public var name: String

    public var description: String {
        "'\(name)' is not a checkpoint name (1–64 characters of a–z, 0–9 and -)"
    }
}
