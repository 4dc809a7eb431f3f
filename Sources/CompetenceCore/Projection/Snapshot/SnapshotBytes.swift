import Foundation

/// A snapshot's bytes, kept alive for as long as state restored from them reads rows in place
/// (``SnapshotReader``, ``ChunkedArray/init(inPlace:count:source:)``).
///
/// The rows hold pointers into ``data``'s bytes, taken while the snapshot is read. They stay valid because
/// ``data`` is never changed and never released while this object lives: `Data` moves its bytes only when it
/// is mutated, and a snapshot (a mapped file, or a store's buffer) is always longer than the few bytes a
/// `Data` keeps inline. A mapped checkpoint file is replaced by renaming a new file over it, never rewritten in
/// place (``CheckpointStore``), so the mapping keeps the bytes that were checked.
final class SnapshotBytes: Sendable {
    /// The snapshot as loaded.
    let data: Data

    init(_ data: Data) { self.data = data }
}
