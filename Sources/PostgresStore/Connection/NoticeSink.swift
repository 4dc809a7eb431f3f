import Logging

/// Receives the server's notices and warnings for one connection and writes them to a logger, so they
/// never reach stderr. Immutable, hence `Sendable`; a connection keeps it alive as long as its `PGconn`.
final class NoticeSink: Sendable {
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func receive(_ message: String) {
        let text = message.hasSuffix("\n") ? String(message.dropLast()) : message
        if text.hasPrefix("WARNING") {
            logger.warning("\(text)", metadata: ["source": "postgresql"])
        } else {
            logger.notice("\(text)", metadata: ["source": "postgresql"])
        }
    }
}
