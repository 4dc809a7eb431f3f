import Foundation

/// Prints measurements as text or JSON lines.
package struct BenchReporter {
    /// One JSON object per line instead of text.
    package let json: Bool

    /// A reporter.
    package init(json: Bool) { self.json = json }

    package func report(store: String, case name: String, _ measurement: BenchMeasurement) {
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
            let seconds = String(format: "%.3f", measurement.seconds)
            var line =
                "\(store) \(name): \(measurement.events) events in \(seconds) s = \(rate) events/s, "
                + "peak RSS \(rss / 1_048_576) MiB"
            for (key, value) in measurement.extra.sorted(by: { $0.key < $1.key }) { line += ", \(key) \(value)" }
            print(line)
        }
    }
}
