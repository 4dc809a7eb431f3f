/// What the appender believes about a stream's current version; the append fails when the belief is wrong.
///
/// A stream's current version is the version of its last event (0 when it has none).
public enum ExpectedVersion: Hashable, Sendable, CustomStringConvertible {
    /// No check: append whatever the stream holds.
    case any
    /// The stream must not exist yet (current version 0).
    case noStream
    /// The stream must hold at least one event.
    case streamExists
    /// The stream's current version must be exactly this (0 means the stream must not exist).
    case exact(Int64)

    /// Whether a stream whose current version is `actual` satisfies this expectation.
    public func isSatisfied(byCurrentVersion actual: Int64) -> Bool {
        switch self {
        case .any: true
        case .noStream: actual == 0
        case .streamExists: actual > 0
        case .exact(let expected): actual == expected
        }
    }

    /// Throws ``WrongExpectedVersionError`` unless a stream at `actual` satisfies this expectation.
    public func check(stream: StreamName, currentVersion actual: Int64) throws(WrongExpectedVersionError) {
        guard isSatisfied(byCurrentVersion: actual) else {
            throw WrongExpectedVersionError(stream: stream, expected: self, actual: actual)
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no stream"
        case .streamExists: "stream exists"
        case .exact(let version): "version \(version)"
        }
    }
}
