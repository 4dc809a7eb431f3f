import CompetenceCore
import Foundation
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A file mapped private (copy-on-write), handed out as `Data` that unmaps it when the last copy is released:
/// how the store loads a checkpoint (1.25 GB at 10 million events) without copying it. Nothing written to the
/// `Data` reaches the file (a caller that changes a byte gets a private copy of that page; the store never
/// does). The mapping is registered with ``ReadPages``, so that a restore giving back the pages it has decoded
/// leaves them in the page cache for the next import.
enum MappedFile {
    /// The bytes of the file at `path` (empty for an empty file).
    static func data(_ path: String) throws -> Data {
        let fd = try StoreIO.open(path, .readOnly)
        defer { try? fd.close() }
        let size = Int(try StoreIO.size(fd, path: path))
        guard size > 0 else { return Data() }
        guard let base = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd.rawValue, 0), base != MAP_FAILED else {
            throw FileStoreError.io(operation: "mmap", path: path, errno: errno)
        }
        ReadPages.registerFileMapping(UnsafeRawBufferPointer(start: base, count: size))
        return Data(
            bytesNoCopy: base, count: size,
            deallocator: .custom { pointer, count in
                ReadPages.unregisterFileMapping(pointer)
                munmap(pointer, count)
            })
    }
}
