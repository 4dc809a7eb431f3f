import CompetenceCore
import Foundation

/// One timed case of `competence bench`.
package struct BenchCase: Sendable {
    /// The case name in reports, e.g. `append-batch-100`.
    package let name: String
    /// Runs the case and returns what it measured.
    package let run: @Sendable () async throws -> BenchMeasurement
}

/// What one case measured.
package struct BenchMeasurement: Sendable {
    /// Events processed in the timed part.
    var events: Int
    /// Wall-clock seconds of the timed part.
    var seconds: Double
    /// Extra figures worth printing (name → value), e.g. a latency percentile.
    var extra: [String: Double] = [:]

    var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
}
