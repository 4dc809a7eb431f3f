import CompetenceCore
import Foundation
import Testing

@testable import FileStore

#if canImport(Glibc)
import Glibc
#endif

/// A checkpoint is loaded as a private mapping of its file; the pages a restore gives back leave the process
/// but stay in the page cache, so that the next import that reads the same snapshot does not read the disk.
@Suite("FileStore checkpoints: mapped and kept in the page cache")
struct MappedCheckpointTests {
    /// How many of the file's pages are in the page cache (`mincore` on a fresh mapping of it).
    private func cachedPages(_ path: String) throws -> (cached: Int, pages: Int) {
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var info = stat()
        try #require(fstat(fd, &info) == 0)
        let size = Int(info.st_size)
        let base = try #require(mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0))
        try #require(base != MAP_FAILED)
        defer { munmap(base, size) }
        let page = Int(getpagesize())
        var vector = [UInt8](repeating: 0, count: (size + page - 1) / page)
        try #require(mincore(base, size, &vector) == 0)
        return (vector.filter { $0 & 1 == 1 }.count, vector.count)
    }

    @Test func pagesGivenBackStayCachedAndReadTheSame() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore(directory: directory.store)
        var generator = SplitMix64(seed: 3)
        let bytes = (0..<(4 << 20) / 8).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
        try await store.saveCheckpoint(Data(bytes), named: "ledger-recorder")
        let path = directory.store + "/checkpoint-ledger-recorder"
        // Written through (clean pages, which the kernel could drop at once) and read once: all cached.
        let file = open(path, O_RDONLY)
        try #require(file >= 0 && fsync(file) == 0)
        close(file)
        _ = try Data(contentsOf: URL(fileURLWithPath: path))
        let before = try cachedPages(path)
        try #require(before.cached == before.pages, "the test needs the file cached to begin with")

        let loaded = try #require(try await store.loadCheckpoint(named: "ledger-recorder"))
        loaded.withUnsafeBytes { raw in
            let end = Int(bitPattern: raw.baseAddress!) + raw.count
            #expect(ReadPages.isFileMapping(Int(bitPattern: raw.baseAddress!), end))
            // Read first, as a restore does: only pages the process has mapped could be given back at all.
            #expect(raw.elementsEqual(bytes))
            ReadPages.release(raw, 0..<raw.count)
            #expect(raw.elementsEqual(bytes), "the bytes read the same after their pages were given back")
        }
        let after = try cachedPages(path)
        #expect(after.cached == after.pages, "\(after.pages - after.cached) of \(after.pages) pages left the cache")
    }

    @Test func theMappingIsForgottenWhenTheDataIsReleasedAndOtherBytesAreNotFileMappings() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore(directory: directory.store)
        try await store.saveCheckpoint(Data(repeating: 7, count: 1 << 16), named: "c")
        var range: (Int, Int)?
        do {
            let loaded = try #require(try await store.loadCheckpoint(named: "c"))
            loaded.withUnsafeBytes { raw in
                let start = Int(bitPattern: raw.baseAddress!)
                range = (start, start + raw.count)
            }
            #expect(ReadPages.isFileMapping(range!.0, range!.1))
            #expect(ReadPages.advice(range!.0, range!.1) == .dontNeed)
            // A range reaching past the mapping is not inside it.
            #expect(ReadPages.advice(range!.0, range!.1 + 4096) == .pageOut)
        }
        #expect(!ReadPages.isFileMapping(range!.0, range!.1), "unregistered once the data is gone")
        let ordinary = [UInt8](repeating: 1, count: 1 << 16)
        ordinary.withUnsafeBytes { raw in
            let start = Int(bitPattern: raw.baseAddress!)
            #expect(!ReadPages.isFileMapping(start, start + raw.count))
            #expect(ReadPages.advice(start, start + raw.count) == .pageOut, "never DONTNEED on ordinary memory")
        }
        // An empty checkpoint is an empty Data, not a mapping.
        try await store.saveCheckpoint(Data(), named: "empty")
        #expect(try await store.loadCheckpoint(named: "empty") == Data())
    }
}
