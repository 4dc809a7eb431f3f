#if canImport(Glibc)
import Glibc
#endif

/// Gives back the pages of a snapshot already read. A file store maps its snapshot file (1.25 GB at
/// 10 million events) instead of copying it, but every page read stays in the process's resident set until the
/// mapping ends — on top of the state decoded from it. Decoding it front to back, the reader asks the
/// kernel to reclaim each stretch it has passed (`MADV_PAGEOUT`, Linux 5.4 and later): a mapped file's pages
/// leave the resident set, and are read from the file again if touched; for bytes in ordinary memory (another
/// store's copy) the advice changes nothing without swap and is only a page-out with it. Either way the bytes
/// stay readable and unchanged, so the advice is safe wherever it lands; only whole pages inside the buffer are
/// advised. A reclaimed page of a mapped file leaves the page cache too, so only the last pass over the bytes
/// (the decoding, after the checksum) gives them back.
enum ReadPages {
    /// How many bytes are read between two pieces of advice.
    static let stretch = 32 << 20

    /// Advises the kernel that the whole pages of `bytes[range]` will not be read again soon.
    static func release(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
        #if os(Linux)
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        let page = Int(getpagesize())
        let address = Int(bitPattern: base)
        let start = (address + range.lowerBound + page - 1) / page * page
        let end = (address + range.upperBound) / page * page
        guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
        let pageOut: Int32 = 21  // MADV_PAGEOUT; not every C library names it.
        _ = madvise(first, end - start, pageOut)
        #endif
    }
}
