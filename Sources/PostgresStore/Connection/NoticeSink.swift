import Logging

/// Receives the server's notices and warnings for one connection and writes them to a logger, so they
/// never reach stderr. Immutable, hence `Sendable`; a connection keeps it alive as long as its `PGconn`.
final class NoticeSink: Sendable {
    let logger: Logger
    /// The connection string's passwords, masked in every logged line.
    let secrets: ConnectionString

    init(logger: Logger, secrets: ConnectionString) {
        self.logger = logger
        self.secrets = secrets
    }

    func receive(_ message: String) {
        let text = secrets.scrub(message.hasSuffix("\n") ? String(message.dropLast()) : message)
        if text.hasPrefix("WARNING") {
            logger.warning("\(text)", metadata: ["source": "postgresql"])
        } else {
            logger.notice("\(text)", metadata: ["source": "postgresql"])
        }
    }
}
