import CompetenceCore
import Foundation

/// Reads every event of a store in global order and checks what any store must promise: positions 1, 2, 3…
/// without gaps, stream versions without gaps, unique ids, and a decodable payload for every known type.
struct LogSoundnessCheck: Sendable {
    /// The store read.
    let store: any EventStore

    /// What the check found.
    struct Result: Sendable {
        var summary: String
        var faults: [String]
    }

    /// Runs the check.
    func run() async throws -> Result {
        var faults: [String] = []
        var expectedPosition: Int64 = 1
        var versions: [StreamName: Int64] = [:]
        var ids = Set<UUID>()
        var count = 0
        var unknown = 0
        for try await event in store.events() {
            count += 1
            if event.position != expectedPosition {
                faults.append("gap in positions: expected \(expectedPosition), found \(event.position)")
            }
            expectedPosition = event.position + 1
            let version = versions[event.stream, default: 0]
            if event.version != version + 1 {
                faults.append("stream '\(event.stream)' jumps from version \(version) to \(event.version) at position \(event.position)")
            }
            versions[event.stream] = event.version
            if !ids.insert(event.id).inserted { faults.append("event id \(event.id) appears twice (position \(event.position))") }
            do {
                if try event.decoded() == nil { unknown += 1 }
            } catch {
                faults.append(error.description)
            }
        }
        let unknownNote = unknown > 0 ? ", \(unknown) of types unknown to this build" : ""
        return Result(
            summary: "\(count) events in \(versions.count) streams read back in order\(unknownNote)", faults: faults)
    }
}
