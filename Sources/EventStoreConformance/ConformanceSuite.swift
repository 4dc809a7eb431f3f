import CompetenceCore
import Foundation

/// The checks every `EventStore` must pass, runnable from any test framework.
///
/// Give the suite a factory that returns a new, empty store each time it is called, then run each
/// ``Check`` (for example as the arguments of a parameterized test):
///
/// ```swift
/// @Test(arguments: EventStoreConformance.checks)
/// func conformance(_ check: EventStoreConformance.Check) async throws {
///     try await check.run { InMemoryEventStore() }
/// }
/// ```
public enum EventStoreConformance {
    /// Makes a new, empty store for one check.
    public typealias StoreFactory = @Sendable () async throws -> any EventStore

    /// One named rule of the protocol and the scenario that checks it.
    public struct Check: Sendable, CustomStringConvertible {
        /// A short name, e.g. `expected-version rules`.
        public let name: String
        let body: @Sendable (any EventStore) async throws -> Void

        /// Runs the check against a new store from `makeStore`; throws ``ConformanceFailure`` when the store
        /// breaks the rule (or the store's own error when it fails outright).
        public func run(_ makeStore: StoreFactory) async throws {
            let store = try await makeStore()
            try await body(store)
        }

        public var description: String { name }
    }

    /// Every check, in a stable order.
    public static let checks: [Check] = [
        Check(name: "append and read back", body: Checks.appendAndReadBack),
        Check(name: "global order across streams", body: Checks.globalOrderAcrossStreams),
        Check(name: "expected-version rules", body: Checks.expectedVersionRules),
        Check(name: "idempotent retry", body: Checks.idempotentRetry),
        Check(name: "event id conflicts", body: Checks.eventIDConflicts),
        Check(name: "atomic multi-stream append", body: Checks.atomicMultiStreamAppend),
        Check(name: "malformed appends", body: Checks.malformedAppends),
        Check(name: "a given recorded time is kept", body: Checks.givenRecordedTime),
        Check(name: "the history chain folds over the log", body: Checks.historyChain),
        Check(name: "a report starts from the ledger's snapshot", body: Checks.reportStartsFromTheSnapshot),
        Check(name: "stream reads forwards and backwards", body: Checks.streamReads),
        Check(name: "log reads, pages and filters", body: Checks.logReads),
        Check(name: "concurrent appenders on one stream", body: Checks.concurrentAppendersOnOneStream),
        Check(name: "concurrent appenders on many streams", body: Checks.concurrentAppendersOnManyStreams),
        Check(name: "subscription catches up and goes live", body: Checks.subscriptionCatchUpAndLive),
        Check(name: "filtered subscription", body: Checks.filteredSubscription),
        Check(name: "subscription ends on cancellation", body: Checks.subscriptionEndsOnCancellation),
    ]

    /// Runs every check and returns the failures by check name (empty when the store conforms).
    public static func failures(_ makeStore: StoreFactory) async -> [(check: String, error: any Error)] {
        var failures: [(String, any Error)] = []
        for check in checks {
            do { try await check.run(makeStore) } catch { failures.append((check.name, error)) }
        }
        return failures
    }
}

/// A store broke a rule of the `EventStore` protocol.
public struct ConformanceFailure: Error, CustomStringConvertible {
    /// What was expected and what happened.
    public let message: String
    /// Where in the suite the rule was checked.
    public let file: String
    /// The line in ``file``.
    public let line: Int

    public var description: String { "\(message) (\(file):\(line))" }
}
