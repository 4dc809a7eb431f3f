import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Gives back the pages of a snapshot already read. A file store maps its snapshot file (1.25 GB at
/// 10 million events) instead of copying it, but every page read stays in the process's resident set until the
/// mapping ends — on top of the state decoded from it. Decoding it front to back, the reader gives back each
/// stretch it has passed, in one of two ways:
/// - bytes of a private mapping of a file that its maker registered (``registerFileMapping(_:)``: the
///   FileStore's checkpoints) leave the resident set and **stay in the page cache** (`MADV_DONTNEED`: a later
///   touch maps the file's page again), so the next import that reads the same snapshot finds it cached;
/// - any other bytes get `MADV_PAGEOUT` (Linux 5.4 and later): a mapped file's pages leave the resident set and
///   the page cache; bytes in ordinary memory (another store's copy) are unchanged without swap and only paged
///   out with it. `MADV_DONTNEED` is never used there: on ordinary memory it would zero the bytes.
///
/// Either way the bytes stay readable and unchanged; only whole pages inside the buffer are advised, and only
/// the last pass over the bytes (the decoding, after the checksum) gives them back.
package enum ReadPages {
    /// How many bytes are read between two pieces of advice.
    static let stretch = 32 << 20

    /// The registered private file mappings: start address → end address.
    private static let fileMappings = Mutex<[Int: Int]>([:])

    /// Notes that `bytes` are a private mapping of a file, so that pages given back leave the page cache alone
    /// (a page the process changed would read as the file again: the snapshot's reader never changes one).
    /// Call ``unregisterFileMapping(_:)`` before unmapping them.
    package static func registerFileMapping(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let start = Int(bitPattern: base)
        fileMappings.withLock { $0[start] = start + bytes.count }
    }

    /// Forgets the mapping starting at `base` (about to be unmapped).
    package static func unregisterFileMapping(_ base: UnsafeRawPointer) {
        _ = fileMappings.withLock { $0.removeValue(forKey: Int(bitPattern: base)) }
    }

    /// Whether `start ..< end` lies inside one registered file mapping.
    package static func isFileMapping(_ start: Int, _ end: Int) -> Bool {
        fileMappings.withLock { mappings in
            mappings.contains { mapping in mapping.key <= start && end <= mapping.value }
        }
    }

    /// Advises the kernel that the whole pages of `bytes[range]` will not be read again soon.
    package static func release(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        #if os(Linux)
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        let page = Int(getpagesize())
        let address = Int(bitPattern: base)
        let start = (address + range.lowerBound + page - 1) / page * page
        let end = (address + range.upperBound) / page * page
        guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(first, end - start, advice(start, end).rawValue)
        #endif
    }

    /// How pages are given back.
    package enum Advice: Int32, Sendable {
        /// `MADV_DONTNEED`: only for a registered private file mapping (the page cache keeps the pages).
        case dontNeed = 4
        /// `MADV_PAGEOUT` (not every C library names it): for any other bytes, which it leaves unchanged.
        case pageOut = 21
    }

    /// The advice for the pages from address `start` to `end`.
    package static func advice(_ start: Int, _ end: Int) -> Advice {
        isFileMapping(start, end) ? .dontNeed : .pageOut
    }
}
