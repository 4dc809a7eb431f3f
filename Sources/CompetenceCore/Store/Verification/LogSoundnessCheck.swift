import Foundation

/// Reads every event of a store in global order and checks what any store must promise: positions 1, 2, 3…
/// without gaps, stream versions without gaps, unique ids, and a decodable payload for every type of the
/// catalogue (types this build does not know are counted, not judged).
///
/// It works through the ``EventStore`` protocol alone, so it runs unchanged on every backend, after the
/// backend's own checks (framing, checksums, hash chain, bookkeeping).
public struct LogSoundnessCheck: Sendable {
    /// The store read.
    public let store: any EventStore

    /// Creates a check of `store`.
    public init(store: any EventStore) { self.store = store }

    /// Reads the whole log once and returns what it found; one line in ``StoreVerification/checks``.
    public func run() async throws -> StoreVerification {
        var faults: [StoreFault] = []
        var expectedPosition: Int64 = 1
        var versions: [StreamName: Int64] = [:]
        var ids = Set<UUID>()
        var count: Int64 = 0
        var unknown = 0
        for try await event in store.events() {
            count += 1
            if event.position != expectedPosition {
                faults.append(
                    StoreFault(
                        kind: .positionGap, position: event.position,
                        detail: "gap in positions: expected \(expectedPosition), found \(event.position)"))
            }
            expectedPosition = event.position + 1
            let version = versions[event.stream, default: 0]
            if event.version != version + 1 {
                faults.append(
                    StoreFault(
                        kind: .versionGap, position: event.position,
                        detail: "stream '\(event.stream)' jumps from version \(version) to \(event.version) "
                            + "at position \(event.position)"))
            }
            versions[event.stream] = event.version
            if !ids.insert(event.id).inserted {
                faults.append(
                    StoreFault(
                        kind: .duplicateID, position: event.position,
                        detail: "event id \(event.id) appears twice (position \(event.position))"))
            }
            do {
                if try event.decoded() == nil { unknown += 1 }
            } catch {
                faults.append(
                    StoreFault(kind: .undecodablePayload, position: event.position, detail: error.description))
            }
        }
        let unknownNote = unknown > 0 ? ", \(unknown) of types unknown to this build" : ""
        return StoreVerification(
            checks: ["\(count) events in \(versions.count) streams read back in order\(unknownNote)"], faults: faults,
            records: count)
    }
}
