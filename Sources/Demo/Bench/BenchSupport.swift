import CompetenceCore
import Foundation

/// One timed case of `competence bench`.
struct BenchCase: Sendable {
    /// The case name in reports, e.g. `append-batch-100`.
    let name: String
    /// Runs the case and returns what it measured.
    let run: @Sendable () async throws -> BenchMeasurement
}

/// What one case measured.
struct BenchMeasurement: Sendable {
    /// Events processed in the timed part.
    var events: Int
    /// Wall-clock seconds of the timed part.
    var seconds: Double
    /// Extra figures worth printing (name → value), e.g. a latency percentile.
    var extra: [String: Double] = [:]

    var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
}

/// The cases of one store kind.
struct BenchSuite {
    /// `file`, `postgres` or `memory`, as written in the JSON.
    let storeKind: String
    let cases: [BenchCase]

    /// The suite for a store location (nil: a temporary file store).
    static func make(for location: StoreLocation?, events: Int) throws -> BenchSuite {
        switch location {
        case .memory:
            return BenchSuite(storeKind: "memory", cases: MemoryBench.cases(events: events))
        case .file(let path):
            return BenchSuite(storeKind: "file", cases: FileBench.cases(events: events, directory: path))
        case .none:
            return BenchSuite(storeKind: "file", cases: FileBench.cases(events: events, directory: nil))
        case .postgres(let url):
            return BenchSuite(storeKind: "postgres", cases: PostgresBench.cases(url: url, events: events))
        }
    }
}

/// Why a benchmark could not run.
enum BenchError: Error, CustomStringConvertible {
    case unsupportedStore(String)

    var description: String {
        switch self {
        case .unsupportedStore(let store): "bench does not support the store \(store) yet"
        }
    }
}

/// Measures the wall-clock time of `body`.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let value = try await body()
    let elapsed = ContinuousClock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// The process's peak resident set size in bytes (Linux `VmHWM`), or 0 where unknown.
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "0"
        return (Int(digits) ?? 0) * 1024
    }
    return 0
}

/// Prints measurements as text or JSON lines.
struct BenchReporter {
    let json: Bool

    func report(store: String, case name: String, _ measurement: BenchMeasurement) {
        let rss = peakResidentBytes()
        if json {
            var object: [String: Any] = [
                "store": store, "case": name, "events": measurement.events,
                "seconds": (measurement.seconds * 1e6).rounded() / 1e6,
                "events_per_second": measurement.eventsPerSecond.rounded(),
                "peak_rss_bytes": rss,
            ]
            for (key, value) in measurement.extra { object[key] = value }
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            let rate = measurement.eventsPerSecond.formatted(.number.precision(.fractionLength(0)))
            var line = "\(store) \(name): \(measurement.events) events in \(String(format: "%.3f", measurement.seconds)) s = \(rate) events/s, peak RSS \(rss / 1_048_576) MiB"
            for (key, value) in measurement.extra.sorted(by: { $0.key < $1.key }) { line += ", \(key) \(value)" }
            print(line)
        }
    }
}
