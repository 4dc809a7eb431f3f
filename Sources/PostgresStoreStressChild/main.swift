// A second OS process for the PostgresStore fault tests (`PostgresStoreTests`).
//
// Usage: PostgresStoreStressChild <connection-string> <schema> <writer-name> <rounds> <streams> <start>
//
// `start` is a Unix time in seconds: the child migrates, then waits until then, so that writers started
// as separate processes really run at the same time.
// Appends to the shared streams `shared-0…` with exact expected versions, so that two such processes
// collide, and every fifth round atomically to two streams. Prints one line per acknowledged event,
// `ack <id> <stream> <version> <position>`, one line `conflicts <n>` at the end, and exits 0. Any error
// other than a typed `WrongExpectedVersionError` ends it with exit status 1 and a line `error <description>`.
import CompetenceCore
import Foundation
import PostgresStore

let arguments = CommandLine.arguments
guard arguments.count == 7, let rounds = Int(arguments[4]), let streamCount = Int(arguments[5]),
    let start = Double(arguments[6])
else {
    FileHandle.standardError.write(
        Data("usage: PostgresStoreStressChild <url> <schema> <writer> <rounds> <streams> <start>\n".utf8))
    exit(2)
}
let writer = arguments[3]

func event(_ label: String) -> NewEvent {
    NewEvent(
        type: "StressAppended", occurredAt: Date(),
        metadata: EventMetadata(recordedBy: writer),
        payload: .json(Data(#"{"writer":"\#(writer)","label":"\#(label)"}"#.utf8)))
}

func run() async -> Int32 {
    do {
        let store = try PostgresEventStore(
            configuration: PostgresConfiguration(connectionString: arguments[1], schema: arguments[2], poolSize: 2))
        try await store.migrate()
        let wait = start - Date().timeIntervalSince1970
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
        var conflicts = 0
        var output = ""
        for round in 0..<rounds {
            let stream = StreamName("shared-\(round % streamCount)")
            while true {
                do {
                    let results: [AppendResult]
                    if round % 5 == 4 {
                        let other = StreamName("shared-\((round + 1) % streamCount)")
                        results = try await store.append([
                            StreamAppend(
                                stream: stream, expectedVersion: .any,
                                events: [event("\(round)a"), event("\(round)b")]),
                            StreamAppend(stream: other, expectedVersion: .any, events: [event("\(round)c")]),
                        ])
                    } else {
                        let version = try await store.currentVersion(of: stream)
                        let count = round % 3 + 1
                        results = [
                            try await store.append(
                                (0..<count).map { event("\(round)-\($0)") }, to: stream, expecting: .exact(version))
                        ]
                    }
                    for result in results {
                        for appended in result.events {
                            output += "ack \(appended.id) \(result.stream) \(appended.version) \(appended.position)\n"
                        }
                    }
                    break
                } catch is WrongExpectedVersionError {
                    conflicts += 1
                }
            }
        }
        output += "conflicts \(conflicts)\n"
        FileHandle.standardOutput.write(Data(output.utf8))
        store.close()
        return 0
    } catch {
        FileHandle.standardOutput.write(Data("error \(error)\n".utf8))
        return 1
    }
}

let status = await run()
exit(status)
