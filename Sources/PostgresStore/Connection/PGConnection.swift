import CLibPQ
import CompetenceCore
import Dispatch
import Foundation
import Logging

/// One libpq connection (`PGconn`), confined to its own serial dispatch queue.
///
/// libpq calls block, so they never run on Swift's cooperative pool: ``run(_:)`` hops onto the queue, runs
/// the body there (where the synchronous methods may be called), and resumes the caller with the result.
///
/// `@unchecked Sendable` is sound because every mutable field (`handle`, `prepared`) is read and written
/// only on `queue` — the synchronous methods assert it with `dispatchPrecondition` — and `deinit` runs when
/// no other reference (hence no queued work) exists.
final class PGConnection: @unchecked Sendable {
    private let queue: DispatchQueue
    private var handle: OpaquePointer?
    private var prepared: Set<String> = []
    private let noticeSink: NoticeSink
    /// The passwords of the connection string, masked in every error this connection raises.
    private let secrets: ConnectionString

    /// Opens a connection. Runs the blocking connect on the connection's own queue.
    static func connect(_ connectionString: String, logger: Logger) async throws(PostgresError) -> PGConnection {
        let connection = PGConnection(connectionString: connectionString, logger: logger)
        do {
            try await connection.run { try $0.open(connectionString) }
        } catch let error as PostgresError {
            throw error
        } catch {
            throw PostgresError(kind: .connectionFailed, message: connection.secrets.scrub("\(error)"))
        }
        return connection
    }

    private init(connectionString: String, logger: Logger) {
        queue = DispatchQueue(label: "competence.postgres.connection")
        secrets = ConnectionString(connectionString)
        noticeSink = NoticeSink(logger: logger, secrets: secrets)
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Runs `body` on the connection's queue and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(self) }) }
        }
    }

    /// Whether the connection is usable; false once libpq has seen it break. On the queue only.
    var isHealthy: Bool {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Closes the connection now instead of at deinit. On the queue only.
    func close() {
        dispatchPrecondition(condition: .onQueue(queue))
        if let handle { PQfinish(handle) }
        handle = nil
        prepared = []
    }

    /// The socket descriptor, for polling. On the queue only.
    var socket: Int32 {
        dispatchPrecondition(condition: .onQueue(queue))
        return handle.map { PQsocket($0) } ?? -1
    }

    private func open(_ connectionString: String) throws(PostgresError) {
        dispatchPrecondition(condition: .onQueue(queue))
        // expand_dbname=1 lets `dbname` carry a whole URI or conninfo string. Keys before it are defaults that
        // the string overrides (timeouts, keepalives); keys after it override the string.
        let defaults = SessionDefaults.connectionKeywords
        let keys = defaults.map(\.key) + ["dbname", "client_encoding", "fallback_application_name"]
        let values = defaults.map(\.value) + [connectionString, "UTF8", "competence-ledger"]
        let connection: OpaquePointer? = withCStrings(keys) { keyPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keyPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = secrets.scrub(Self.trimmed(PQerrorMessage(connection)))
            PQfinish(connection)
            throw PostgresError(kind: .connectionFailed, message: message)
        }
        let context = Unmanaged.passUnretained(noticeSink).toOpaque()
        PQsetNoticeProcessor(
            connection,
            { context, message in
                guard let context, let message else { return }
                Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue().receive(String(cString: message))
            }, context)
        handle = connection
        _ = try execute(unprepared: SessionDefaults.setUp)
    }

    /// Whether the server is a hot standby (read-only, in recovery), as it last reported (`in_hot_standby`,
    /// sent by PostgreSQL 14 and later whenever it changes). On the queue only.
    var isHotStandby: Bool {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle, let value = PQparameterStatus(handle, "in_hot_standby") else { return false }
        return String(cString: value) == "on"
    }

    /// The value libpq uses for a connection keyword (e.g. `connect_timeout`), or nil when unset. On the queue
    /// only.
    func option(_ keyword: String) -> String? {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle, let options = PQconninfo(handle) else { return nil }
        defer { PQconninfoFree(options) }
        var index = 0
        while let name = options[index].keyword {
            if String(cString: name) == keyword { return options[index].val.map { String(cString: $0) } }
            index += 1
        }
        return nil
    }

    /// Runs `COPY … FROM STDIN` with `rows` as its data (binary or text, as `sql` says). On the queue only.
    func copy(_ sql: String, rows: [UInt8]) throws(PostgresError) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle else { throw PostgresError(kind: .connectionLost, message: "the connection is closed") }
        // Through the extended protocol like every other statement (no parameters: COPY takes none; its text
        // holds fixed column names and the validated schema identifier, the rows travel as COPY data).
        guard let start = PQexecParams(handle, sql, 0, nil, nil, nil, nil, 1) else {
            _ = try check(nil, handle)
            throw PostgresError(kind: .unexpectedResponse, message: "libpq returned no result for a COPY")
        }
        if PQresultStatus(start) != PGRES_COPY_IN {
            _ = try check(start, handle)
            throw PostgresError(kind: .unexpectedResponse, message: "the server did not start a COPY")
        }
        PQclear(start)
        let sent = rows.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let chunk = min(1 << 20, buffer.count - offset)
                let pointer = (buffer.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
                guard PQputCopyData(handle, pointer, Int32(chunk)) == 1 else { return false }
                offset += chunk
            }
            return true
        }
        guard sent, PQputCopyEnd(handle, nil) == 1 else {
            throw PostgresError(kind: .connectionLost, message: secrets.scrub(Self.trimmed(PQerrorMessage(handle))))
        }
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            do throws(PostgresError) {
                _ = try check(result, handle)
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
    }

    /// Executes a prepared statement (preparing it first on this connection) with binary parameters and
    /// binary results. On the queue only.
    func execute(_ statement: PGStatement, _ parameters: [PGParameter]) throws(PostgresError) -> PGResult {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle else { throw PostgresError(kind: .connectionLost, message: "the connection is closed") }
        if !prepared.contains(statement.name) {
            let result = statement.parameterTypes.withUnsafeBufferPointer { types in
                PQprepare(handle, statement.name, statement.sql, Int32(types.count), types.baseAddress)
            }
            _ = try check(result, handle)
            prepared.insert(statement.name)
        }
        let result = withParameters(parameters) { count, values, lengths, formats in
            PQexecPrepared(handle, statement.name, count, values, lengths, formats, 1)
        }
        return try check(result, handle)
    }

    /// Executes one statement that is not prepared (migrations, LISTEN), without parameters. On the queue only.
    func execute(unprepared sql: String) throws(PostgresError) -> PGResult {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle else { throw PostgresError(kind: .connectionLost, message: "the connection is closed") }
        let result = PQexecParams(handle, sql, 0, nil, nil, nil, nil, 1)
        return try check(result, handle)
    }

    /// Waits up to `timeoutMilliseconds` for the socket to become readable, then returns the pending
    /// notifications (possibly none). Throws when the connection broke. On the queue only.
    func waitForNotifications(timeoutMilliseconds: Int32) throws(PostgresError) -> [(channel: String, payload: String)]
    {
        dispatchPrecondition(condition: .onQueue(queue))
        let descriptor = socket
        guard descriptor >= 0 else {
            throw PostgresError(kind: .connectionLost, message: "the connection has no socket")
        }
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, timeoutMilliseconds)
        if ready < 0 && errno != EINTR {
            throw PostgresError(kind: .connectionLost, message: "poll failed: \(String(cString: strerror(errno)))")
        }
        return try consumeNotifications()
    }

    /// Reads whatever the server sent and returns the pending notifications as (channel, payload).
    /// Throws when the connection broke. On the queue only.
    func consumeNotifications() throws(PostgresError) -> [(channel: String, payload: String)] {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let handle else { throw PostgresError(kind: .connectionLost, message: "the connection is closed") }
        guard PQconsumeInput(handle) == 1 else {
            throw PostgresError(kind: .connectionLost, message: secrets.scrub(Self.trimmed(PQerrorMessage(handle))))
        }
        var notifications: [(String, String)] = []
        while let notify = PQnotifies(handle) {
            let channel = String(cString: notify.pointee.relname)
            let payload = String(cString: notify.pointee.extra)
            PQfreemem(notify)
            notifications.append((channel, payload))
        }
        return notifications
    }

    /// Turns a libpq result into a ``PGResult`` or a typed error, freeing failed results once.
    private func check(_ result: OpaquePointer?, _ handle: OpaquePointer) throws(PostgresError) -> PGResult {
        guard let result else {
            throw PostgresError(
                kind: PQstatus(handle) == CONNECTION_OK ? .unexpectedResponse : .connectionLost,
                message: secrets.scrub(Self.trimmed(PQerrorMessage(handle))))
        }
        let status = PQresultStatus(result)
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK { return PGResult(result) }
        func field(_ code: Int32) -> String? { PQresultErrorField(result, code).map { String(cString: $0) } }
        let sqlState = field(CLIBPQ_DIAG_SQLSTATE)
        let message = secrets.scrub(field(CLIBPQ_DIAG_MESSAGE_PRIMARY) ?? Self.trimmed(PQresultErrorMessage(result)))
        let detail = field(CLIBPQ_DIAG_MESSAGE_DETAIL).map(secrets.scrub)
        let constraint = field(CLIBPQ_DIAG_CONSTRAINT_NAME)
        PQclear(result)  // the failed result is freed here, once; nothing refers to it afterwards
        let lost = PQstatus(handle) != CONNECTION_OK
        let kind: PostgresError.Kind
        if lost && (sqlState == nil || sqlState!.hasPrefix("08")) {
            kind = .connectionLost
        } else if sqlState == "55P03" || sqlState == "57014" {
            kind = .timedOut
        } else {
            kind = .server
        }
        throw PostgresError(kind: kind, sqlState: sqlState, message: message, detail: detail, constraint: constraint)
    }

    static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown libpq error" }
        return String(cString: message).trimming(.whitespacesAndNewlines)
    }
}

/// Calls `body` with parameter arrays whose pointers stay valid for the whole call: every value is copied
/// into one buffer that outlives `body`.
private func withParameters<R>(
    _ parameters: [PGParameter],
    _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
) -> R {
    var storage: [UInt8] = []
    storage.reserveCapacity(parameters.reduce(0) { $0 + ($1.bytes?.count ?? 0) })
    var offsets: [Int?] = []
    var lengths: [Int32] = []
    for parameter in parameters {
        if let bytes = parameter.bytes {
            offsets.append(storage.count)
            storage.append(contentsOf: bytes)
            lengths.append(Int32(bytes.count))
        } else {
            offsets.append(nil)
            lengths.append(0)
        }
    }
    let formats = [Int32](repeating: 1, count: parameters.count)
    if storage.isEmpty { storage.append(0) }  // a valid base address even when every value is empty
    return storage.withUnsafeBufferPointer { buffer in
        let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
        let values: [UnsafePointer<CChar>?] = offsets.map { $0.map { base + $0 } }
        return values.withUnsafeBufferPointer { values in
            lengths.withUnsafeBufferPointer { lengths in
                formats.withUnsafeBufferPointer { formats in
                    body(Int32(parameters.count), values.baseAddress, lengths.baseAddress, formats.baseAddress)
                }
            }
        }
    }
}

/// Calls `body` with a NULL-terminated array of C strings that stay valid for the whole call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer {
        for copy in copies { free(copy) }
    }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
