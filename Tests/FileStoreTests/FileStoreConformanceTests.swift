import CompetenceCore
import EventStoreConformance
import FileStore
import Foundation
import Testing

@Suite("FileEventStore conformance")
struct FileStoreConformanceTests {
    @Test(arguments: EventStoreConformance.checks)
    func conformance(_ check: EventStoreConformance.Check) async throws {
        let directory = TemporaryDirectory("conformance")
        defer { directory.remove() }
        try await check.run { try FileEventStore(directory: directory.store) }
    }

    /// The same checks with tiny segments, so every scenario also crosses segment boundaries.
    @Test(arguments: EventStoreConformance.checks)
    func conformanceWithTinySegments(_ check: EventStoreConformance.Check) async throws {
        let directory = TemporaryDirectory("conformance-small")
        defer { directory.remove() }
        try await check.run {
            try FileEventStore(directory: directory.store, options: FileStoreOptions(segmentSize: 4096))
        }
    }
}
