import CompetenceCore
import CompetenceStores
import Foundation

/// The cases of one store kind.
package struct BenchSuite {
    /// `file`, `postgres` or `memory`, as written in the JSON.
    package let storeKind: String
    /// Its cases, in the order they run.
    package let cases: [BenchCase]

    /// The suite for a store location (nil: a temporary file store).
    package static func make(for location: StoreLocation?, events: Int) throws -> BenchSuite {
        switch location {
        case .memory:
            return BenchSuite(storeKind: "memory", cases: MemoryBench.cases(events: events))
        case .file(let path):
            return BenchSuite(
                storeKind: "file",
                cases: FileBench.cases(events: events, directory: path)
                    + ProgrammeBench.cases(events: events, directory: path))
        case .none:
            let scratch = FileBenchScratch(base: nil, events: events)
            return BenchSuite(
                storeKind: "file",
                cases: FileBench.cases(scratch: scratch) + ProgrammeBench.cases(events: events, directory: scratch.base)
            )
        case .postgres(let url):
            return BenchSuite(storeKind: "postgres", cases: PostgresBench.cases(url: url, events: events))
        }
    }
}

/// Why a benchmark could not run.
package enum BenchError: Error, CustomStringConvertible {
    case unsupportedStore(String)

    package var description: String {
        switch self {
        case .unsupportedStore(let store): "bench does not support the store \(store) yet"
        }
    }
}
