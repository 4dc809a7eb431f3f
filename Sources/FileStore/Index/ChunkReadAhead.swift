import Dispatch
import SystemPackage

/// Reads the next chunk of a segment, and checks the checksums of the whole records in it, on another
/// thread while ``LogScanner`` indexes the chunk before: reading a store of 10 M events on open was one
/// core reading, checking and indexing in turn, and the reading and checking are half of it.
///
/// Only whole records in the first three quarters of a chunk, up to the first that is incomplete or fails its
/// checksum, are marked as checked (``Chunk/checkedEnd``). The scanner frames every record itself as before; it
/// only skips computing the checksum of a record already checked, so damage, a torn tail and a record larger
/// than a chunk are found and judged exactly as without reading ahead (`LogScannerTests` compares both).
final class ChunkReadAhead: Sendable {
    /// A chunk read ahead: its bytes, of which the records in `0..<checkedEnd` are whole and their checksums
    /// match.
    struct Chunk {
        var bytes: UnsafeRawBufferPointer
        var checkedEnd: Int
    }

    /// What a read left for the scanner: the chunk, or the error its read threw.
    private struct Read {
        var start: Int64
        var count: Int
        var checkedEnd: Int
        /// The end of the whole records at the start of the chunk (their checksums checked or not): where the
        /// next chunk is read from.
        var wholeEnd: Int
        var failure: (any Error)?
    }

    /// The two buffers: the scanner reads one while the other is filled. Each is touched by one thread at a
    /// time, handed over by ``pending``'s wait.
    private let buffers: [Buffer]
    private let fd: FileDescriptor
    private let path: String
    private let fileSize: Int64
    private let queue = DispatchQueue(label: "FileStore.ChunkReadAhead", qos: .userInitiated)
    /// The read under way: its buffer's index and its result, set before the work item ends.
    private let pending = Pending()

    /// Starts reading the chunk at `start` of the segment `fd` (`path`), `chunkSize` bytes at most.
    init(fd: FileDescriptor, path: String, fileSize: Int64, chunkSize: Int, from start: Int64) {
        buffers = [Buffer(byteCount: chunkSize), Buffer(byteCount: chunkSize)]
        self.fd = fd
        self.path = path
        self.fileSize = fileSize
        schedule(start, into: 0)
    }

    /// The chunk at `start`, when it is the one read ahead: the next read then starts after its whole
    /// records. `nil` when the scanner wants another offset (it stopped early, or a record is larger than a
    /// chunk): it reads that itself. The chunk's bytes stay valid until the next call.
    func chunk(at start: Int64) throws -> Chunk? {
        guard let (buffer, read) = pending.wait(), read.start == start else { return nil }
        if let failure = read.failure { throw failure }
        let next = start + Int64(read.wholeEnd)
        if read.wholeEnd > 0, next < fileSize { schedule(next, into: 1 - buffer) }
        return Chunk(
            bytes: UnsafeRawBufferPointer(rebasing: buffers[buffer].bytes[0..<read.count]), checkedEnd: read.checkedEnd)
    }

    /// Waits for the read under way, if any: the buffers may be freed after this.
    func finish() { _ = pending.wait() }

    private func schedule(_ start: Int64, into buffer: Int) {
        pending.begin()
        queue.async { [self] in
            pending.end(buffer: buffer, read: read(at: start, into: buffers[buffer].bytes))
        }
    }

    /// Reads a chunk, checks the checksums of its whole records in the first three quarters (up to the first that
    /// fails or is incomplete), and finds where its whole records end.
    private func read(at start: Int64, into buffer: UnsafeMutableRawBufferPointer) -> Read {
        let wanted = Int(min(Int64(buffer.count), fileSize - start))
        let count: Int
        do {
            count = try StoreIO.read(
                fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: start, path: path)
        } catch {
            return Read(start: start, count: 0, checkedEnd: 0, wholeEnd: 0, failure: error)
        }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
        // The records in the first three quarters are checked here, the rest by the scanner as it indexes them:
        // checking them all here took this thread a third longer than the indexing took the scanner's.
        let share = count / 4 * 3
        var offset = 0
        while offset < share, case .record(_, _, let size) = RecordFraming.frame(in: bytes, at: offset) {
            offset += size
        }
        let checkedEnd = offset
        // Past the share, whole records are only stepped over by their lengths, for where the next read starts.
        if offset >= share {
            while case .record(_, _, let size) = RecordFraming.frame(in: bytes, at: offset, verifyingChecksum: false) {
                offset += size
            }
        }
        return Read(start: start, count: count, checkedEnd: checkedEnd, wholeEnd: offset, failure: nil)
    }

    deinit { for buffer in buffers { buffer.bytes.deallocate() } }
}

extension ChunkReadAhead {
    /// A buffer's memory, shared between the scanner's thread and the queue's.
    // @unchecked: each buffer is used by one thread at a time, handed over by `Pending`'s wait.
    private final class Buffer: @unchecked Sendable {
        let bytes: UnsafeMutableRawBufferPointer
        init(byteCount: Int) { bytes = .allocate(byteCount: byteCount, alignment: 16) }
    }

    /// The read under way and its result: the group orders the queue's writes before the scanner's reads.
    // @unchecked: `result` is written before `group.leave()` and read after `group.wait()`; the rest only by the
    // scanner's thread.
    private final class Pending: @unchecked Sendable {
        private let group = DispatchGroup()
        private var result: (buffer: Int, read: Read)?
        private var running = false

        func begin() {
            running = true
            group.enter()
        }

        func end(buffer: Int, read: Read) {
            result = (buffer, read)
            group.leave()
        }

        /// Waits for the read under way; returns its result once (`nil` when none is under way).
        func wait() -> (Int, Read)? {
            guard running else { return nil }
            group.wait()
            running = false
            defer { result = nil }
            return result
        }
    }
}
