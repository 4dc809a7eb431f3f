import CompetenceCore
import FileStore
import Foundation

// A helper process for FileStoreTests: it appends, fills a size-limited disk, reads without privileges
// or follows a writer, printing one line per fact on stdout (unbuffered, so a SIGKILL loses no line that
// was printed). Not a product; only the tests launch it.
//
//   FileStoreCrashChild append   DIR          append batches in a loop; "ack POSITION ID" per durable event
//   FileStoreCrashChild fill     DIR BYTES    append with RLIMIT_FSIZE = BYTES until a write fails
//   FileStoreCrashChild readonly DIR          drop root privileges, try to write, then read
//   FileStoreCrashChild follow   DIR COUNT    read-only: subscribe and print positions until COUNT seen, or
//                                             "error MESSAGE" when reading fails
//
// Linux-only test code (RLIMIT_FSIZE and the privilege drop as glibc spells them): the tests that launch it run
// on Linux only, and elsewhere it only says so.
#if canImport(Glibc)
import Glibc
#endif

#if os(Linux)

/// Prints `line`; exits when nobody reads any more (the test that launched this process is gone, for example
/// after a crash): an appending child would otherwise go on filling the disk, orphaned.
func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var done = 0
    while done < bytes.count {
        let written = bytes[done...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        if written < 0, errno == EINTR { continue }
        if written <= 0 { exit(0) }
        done += written
    }
}

func event(_ label: String) -> NewEvent {
    NewEvent(
        type: "CrashTest", occurredAt: Date(timeIntervalSince1970: 1_700_000_000),
        metadata: EventMetadata(recordedBy: "crash-child"),
        payload: .json(
            Data(#"{"label":"\#(label)","padding":"\#(String(repeating: "x", count: Int.random(in: 0...200)))"}"#.utf8))
    )
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    say("usage: FileStoreCrashChild append|fill|readonly|follow DIR [ARG]")
    exit(2)
}
let directory = arguments[2]

switch arguments[1] {
case "append":
    let store: FileEventStore
    do { store = try FileEventStore(directory: directory) } catch {
        say("open-error \(error)")
        exit(3)
    }
    say("ready \(try await store.headPosition())")
    var round = 0
    while true {
        round += 1
        let events = (0..<Int.random(in: 1...3)).map { event("r\(round)-\($0)") }
        let result = try await store.append(events, to: StreamName("crash-\(round % 4)"), expecting: .any)
        for appended in result.events { say("ack \(appended.position) \(appended.id)") }
    }

case "fill":
    var limit = rlimit(rlim_cur: rlim_t(arguments[3])!, rlim_max: rlim_t(arguments[3])!)
    signal(SIGXFSZ, SIG_IGN)
    guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0 else {
        say("setrlimit-failed \(errno)")
        exit(4)
    }
    let store = try FileEventStore(directory: directory, options: FileStoreOptions(segmentSize: 1 << 20))
    var acknowledged = 0
    var failures = 0
    while failures < 3 {
        do {
            let result = try await store.append(
                [event("fill-\(acknowledged)"), event("fill-b\(acknowledged)")], to: "fill-1", expecting: .any)
            for appended in result.events { say("ack \(appended.position) \(appended.id)") }
            acknowledged += result.events.count
        } catch let error as FileStoreError {
            failures += 1
            say("error \(error.errno ?? 0) \(error)")
        }
    }
    let read = try await store.readAll(from: 1, limit: .max, filter: .all)
    say("readable \(read.events.count) head \(try await store.headPosition())")

case "readonly":
    if geteuid() == 0 {
        guard setgroups(0, nil) == 0, setgid(65534) == 0, setuid(65534) == 0 else {
            say("cannot-drop-privileges \(errno)")
            exit(5)
        }
    }
    say("uid \(geteuid())")
    do {
        let writer = try FileEventStore(directory: directory)
        _ = try await writer.append([event("should-not-land")], to: "ro-1", expecting: .any)
        say("wrote")
    } catch let error as FileStoreError {
        say("writer-error \(error.errno ?? 0) \(error)")
    }
    let reader = try FileEventStore(directory: directory, options: FileStoreOptions(access: .readOnly))
    let read = try await reader.readAll(from: 1, limit: .max, filter: .all)
    say("read \(read.events.count)")

case "follow":
    let count = Int(arguments[3])!
    let reader = try FileEventStore(
        directory: directory, options: FileStoreOptions(access: .readOnly, pollInterval: .milliseconds(20)))
    say("ready \(try await reader.headPosition())")
    var seen = 0
    do {
        for try await event in reader.subscribe(from: 1) {
            say("seen \(event.position) \(event.id)")
            seen += 1
            if seen == count { break }
        }
        say("done")
    } catch {
        say("error \(error)")
    }

default:
    say("unknown mode \(arguments[1])")
    exit(2)
}
#else
print("FileStoreCrashChild runs on Linux only")
exit(2)
#endif
