import CompetenceCore
import Foundation

/// Bench cases for the in-memory store: a baseline for the durable stores.
enum MemoryBench {
    static func cases(events: Int) -> [BenchCase] {
        [
            BenchCase(name: "append-batch-100") {
                let store = InMemoryEventStore()
                let batches = max(1, min(events, 200_000) / 100)
                let (_, seconds) = try await measure {
                    for batch in 0..<batches {
                        try await store.append(
                            BenchEvents.batch(100, seed: batch), to: StreamName("bench-\(batch % 100)"), expecting: .any
                        )
                    }
                }
                return BenchMeasurement(events: batches * 100, seconds: seconds)
            }
        ]
    }
}
