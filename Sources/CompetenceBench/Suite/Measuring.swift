import Foundation

/// Measures the wall-clock time of `body`.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let value = try await body()
    let elapsed = ContinuousClock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// The process's peak resident set size in bytes (Linux `VmHWM`), or 0 where unknown.
func peakResidentBytes() -> Int { statusBytes("VmHWM:") }

/// The current resident set size in bytes (Linux `VmRSS`), or 0 where unknown.
func residentBytes() -> Int { statusBytes("VmRSS:") }

/// A size in `/proc/self/status` (given in kB there), in bytes; 0 where unknown.
private func statusBytes(_ key: String) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(key) {
        let digits = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "0"
        return (Int(digits) ?? 0) * 1024
    }
    return 0
}

/// Resets the peak RSS (`VmHWM`) to the current RSS, so a case's peak excludes earlier cases (Linux).
func resetPeakResident() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}
