import CompetenceCore
import FileStore
import Foundation

/// Sample events with every envelope field set, so round trips check all of them.
enum Fixtures {
    static func event(_ label: String, type: String = "Sample", padding: Int = 0) -> NewEvent {
        NewEvent(
            type: type, schemaVersion: 2, occurredAt: Date(timeIntervalSinceReferenceDate: 712_345_678.123_456),
            metadata: EventMetadata(
                correlationID: UUID(), causationID: UUID(), recordedBy: "tester",
                origin: EventOrigin(source: "survey.csv", row: 42, contentHash: "abc123")),
            payload: .json(Data(#"{"label":"\#(label)","pad":"\#(String(repeating: "p", count: padding))"}"#.utf8)))
    }

    static func events(_ count: Int, label: String = "e", padding: Int = 0) -> [NewEvent] {
        (0..<count).map { event("\(label)-\($0)", padding: padding) }
    }

    /// Every event of the log, by paging.
    static func readAll(_ store: any EventStore, pageSize: Int = 100) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        for try await event in store.events(pageSize: pageSize) { events.append(event) }
        return events
    }

    /// The segment files of a store directory, in order.
    static func segments(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".segment") }.sorted()
            .map { directory + "/" + $0 }
    }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as! NSNumber).intValue
    }

    static func truncate(_ path: String, to size: Int) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    static func flipBit(_ path: String, byte: Int, bit: Int) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[byte] ^= UInt8(1 << bit)
        try data.write(to: URL(fileURLWithPath: path))
    }
}

extension Fixtures {
    /// The frame offsets of a segment's records, read as `Docs/FileStore-Format.md` describes: a 72-byte
    /// header, then frames of `8 + body length + 32` bytes.
    static func recordOffsets(_ path: String) throws -> [Int] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var offsets: [Int] = []
        var offset = 72
        while offset + 8 <= data.count {
            let length = data[offset..<(offset + 4)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            offsets.append(offset)
            offset += 8 + length + 32
        }
        return offsets
    }
}
