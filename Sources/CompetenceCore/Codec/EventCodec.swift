import Foundation

/// The one place where domain events meet bytes: it encodes typed events into payloads (JSON or compact)
/// and decodes recorded events back into a typed value, upcasting older schema versions on the way.
///
/// `Output` is what decoding yields: typically an enum with one case per event type, so that projections
/// can switch over it exhaustively.
public struct EventCodec<Output: Sendable>: Sendable {
    fileprivate typealias Decode = @Sendable (EventPayload) throws -> Output

    private struct Entry: Sendable {
        var currentVersion: Int
        var decoders: [Int: Decode]
    }

    private var entries: [String: Entry] = [:]

    /// Creates a codec that knows no event type yet.
    public init() {}

    /// The type names this codec can decode.
    public var knownTypes: Set<String> { Set(entries.keys) }

    /// Teaches the codec an event type at its current schema version.
    ///
    /// - Parameters:
    ///   - type: the event type, registered under its ``DomainEvent/eventType``.
    ///   - wrap: how a decoded event becomes an `Output`.
    public mutating func register<Event: DomainEvent>(
        _ type: Event.Type, wrap: @escaping @Sendable (Event) -> Output
    ) {
        let json = JSONPayloadCoding.reader(for: Event.self)
        register(
            Event.self,
            decode: { payload in
                switch payload.encoding {
                case .compact: try CompactDecoder().decode(Event.self, from: payload.bytes)
                case .json: try json(payload.bytes)
                }
            }, wrap: wrap)
    }

    /// Teaches the codec an event type that reads its compact form directly (``CompactDecodable``): compact
    /// payloads take that fast path, JSON ones their direct reader when the type has one (``JSONDecodable``).
    package mutating func register<Event: DomainEvent & CompactDecodable>(
        _ type: Event.Type, wrap: @escaping @Sendable (Event) -> Output
    ) {
        let json = JSONPayloadCoding.reader(for: Event.self)
        register(
            Event.self,
            decode: { payload in
                switch payload.encoding {
                case .compact: try CompactDecoder().decode(Event.self, from: payload.bytes)
                case .json: try json(payload.bytes)
                }
            }, wrap: wrap)
    }

    private mutating func register<Event: DomainEvent>(
        _ type: Event.Type, decode: @escaping @Sendable (EventPayload) throws -> Event,
        wrap: @escaping @Sendable (Event) -> Output
    ) {
        var entry = entries[Event.eventType] ?? Entry(currentVersion: Event.schemaVersion, decoders: [:])
        entry.currentVersion = Event.schemaVersion
        entry.decoders[Event.schemaVersion] = { payload in wrap(try decode(payload)) }
        entries[Event.eventType] = entry
        registerTranscoder(Event.self, type: Event.eventType, version: Event.schemaVersion)
    }

    /// Teaches the codec to read an older schema version of `Event`: payloads stored at `version` are decoded
    /// as `Old` and turned into the current form by `upcast`. Register the current type first.
    public mutating func registerUpcaster<Old: Decodable, Event: DomainEvent>(
        from old: Old.Type, version: Int, to current: Event.Type,
        wrap: @escaping @Sendable (Event) -> Output,
        upcast: @escaping @Sendable (Old) throws -> Event
    ) where Old: Encodable & Sendable {
        precondition(version < Event.schemaVersion, "an upcaster reads an older version than the current one")
        var entry = entries[Event.eventType] ?? Entry(currentVersion: Event.schemaVersion, decoders: [:])
        entry.decoders[version] = { payload in wrap(try upcast(try Self.decodePayload(Old.self, payload))) }
        entries[Event.eventType] = entry
        registerTranscoder(Old.self, type: Event.eventType, version: version)
    }

    /// Like ``registerUpcaster(from:version:to:wrap:upcast:)`` for an old shape that reads its compact form
    /// directly (``CompactDecodable``): compact payloads of that version take the fast path.
    package mutating func registerUpcaster<Old: CompactDecodable, Event: DomainEvent>(
        from old: Old.Type, version: Int, to current: Event.Type,
        wrap: @escaping @Sendable (Event) -> Output,
        upcast: @escaping @Sendable (Old) throws -> Event
    ) where Old: Encodable & Sendable {
        precondition(version < Event.schemaVersion, "an upcaster reads an older version than the current one")
        var entry = entries[Event.eventType] ?? Entry(currentVersion: Event.schemaVersion, decoders: [:])
        entry.decoders[version] = { payload in
            let old =
                switch payload.encoding {
                case .compact: try CompactDecoder().decode(Old.self, from: payload.bytes)
                case .json: try JSONPayloadCoding.decode(Old.self, from: payload.bytes)
                }
            return wrap(try upcast(old))
        }
        entries[Event.eventType] = entry
        registerTranscoder(Old.self, type: Event.eventType, version: version)
    }

    /// Encodes a typed event as a payload in the given encoding.
    public func encode<Event: DomainEvent>(_ event: Event, as encoding: PayloadEncoding) throws -> EventPayload {
        try encode(event, as: encoding, sealer: nil)
    }

    /// Encodes a typed event, sealing its unsealed personal data with `sealer` on the way.
    func encode<Event: DomainEvent>(
        _ event: Event, as encoding: PayloadEncoding, sealer: PersonalDataSealer?
    ) throws -> EventPayload {
        var userInfo: [CodingUserInfoKey: any Sendable] = [:]
        if let sealer { userInfo[PersonalDataSealer.userInfoKey] = sealer }
        if encoding == .json, let fast = event as? any JSONFastEncodable, let bytes = fast.fastJSON() {
            return EventPayload(encoding: .json, bytes: Data(bytes))
        }
        return switch encoding {
        case .json: EventPayload(encoding: .json, bytes: try JSONPayloadCoding.encode(event, userInfo: userInfo))
        case .compact: EventPayload(encoding: .compact, bytes: try CompactEncoder(userInfo: userInfo).encode(event))
        }
    }

    /// Decodes a recorded event.
    ///
    /// - Returns: the typed event, or `nil` when the type name is not known to this codec (readers pass such
    ///   events over).
    /// - Throws: ``EventDecodingError`` when the type is known but the payload does not decode, or its schema
    ///   version has no decoder.
    public func decode(_ event: RecordedEvent) throws(EventDecodingError) -> Output? {
        try decode(
            type: event.type, schemaVersion: event.schemaVersion, payload: event.payload, position: event.position)
    }

    /// The decoder ``decode(_:reusing:)`` found last, with its type and schema version: a reader of many events
    /// keeps one, since runs of events share both (a page of survey answers), and skips the look-up by name.
    package struct LastDecoder: Sendable {
        fileprivate var type = ""
        fileprivate var schemaVersion = 0
        fileprivate var decode: Decode?

        /// None yet.
        package init() {}

        fileprivate init(type: String, schemaVersion: Int, decode: @escaping Decode) {
            self.type = type
            self.schemaVersion = schemaVersion
            self.decode = decode
        }
    }

    /// ``decode(_:)``, taking the decoder from `last` when the event's type and schema version are the ones
    /// it holds, and keeping the one it finds there otherwise.
    package func decode(_ event: RecordedEvent, reusing last: inout LastDecoder) throws(EventDecodingError) -> Output? {
        if let decode = last.decode, last.schemaVersion == event.schemaVersion, last.type == event.type {
            return try run(
                decode, type: event.type, schemaVersion: event.schemaVersion, payload: event.payload,
                position: event.position)
        }
        guard let entry = entries[event.type] else { return nil }
        if let decode = entry.decoders[event.schemaVersion] {
            last = LastDecoder(type: event.type, schemaVersion: event.schemaVersion, decode: decode)
        }
        return try decode(event)
    }

    private func run(
        _ decode: Decode, type: String, schemaVersion: Int, payload: EventPayload, position: Int64?
    ) throws(EventDecodingError) -> Output {
        do {
            return try decode(payload)
        } catch {
            throw EventDecodingError(
                type: type, schemaVersion: schemaVersion, position: position, reason: String(describing: error))
        }
    }

    /// Decodes a payload of the given type and schema version. See ``decode(_:)``.
    public func decode(
        type: String, schemaVersion: Int, payload: EventPayload, position: Int64? = nil
    ) throws(EventDecodingError) -> Output? {
        guard let entry = entries[type] else { return nil }
        guard let decode = entry.decoders[schemaVersion] else {
            throw EventDecodingError(
                type: type, schemaVersion: schemaVersion, position: position,
                reason: "no decoder for schema version \(schemaVersion) (current is \(entry.currentVersion))")
        }
        return try run(decode, type: type, schemaVersion: schemaVersion, payload: payload, position: position)
    }

    /// Re-encodes a payload of a known type in another encoding (e.g. compact → JSON for export), upcasting
    /// nothing: the schema version stays as stored. Unknown types are returned unchanged.
    public func transcode(
        type: String, schemaVersion: Int, payload: EventPayload, to encoding: PayloadEncoding
    ) throws -> EventPayload {
        guard payload.encoding != encoding else { return payload }
        guard let transcode = transcoders[TranscoderKey(type: type, version: schemaVersion)] else {
            return payload
        }
        return try transcode(payload, encoding)
    }

    private struct TranscoderKey: Hashable, Sendable {
        var type: String
        var version: Int
    }

    private var transcoders: [TranscoderKey: @Sendable (EventPayload, PayloadEncoding) throws -> EventPayload] = [:]

    /// Lets ``transcode(type:schemaVersion:payload:to:)`` convert payloads of `Schema` stored as `type` at
    /// `version`. ``register(_:wrap:)`` and ``registerUpcaster(from:version:to:wrap:upcast:)`` call this.
    mutating func registerTranscoder<Schema: Codable & Sendable>(_ schema: Schema.Type, type: String, version: Int) {
        transcoders[TranscoderKey(type: type, version: version)] = { payload, encoding in
            let value = try Self.decodePayload(Schema.self, payload)
            switch encoding {
            case .json: return EventPayload(encoding: .json, bytes: try JSONPayloadCoding.encode(value))
            case .compact: return EventPayload(encoding: .compact, bytes: try CompactEncoder().encode(value))
            }
        }
    }

    private static func decodePayload<T: Decodable>(_ type: T.Type, _ payload: EventPayload) throws -> T {
        switch payload.encoding {
        case .json: try JSONPayloadCoding.decode(T.self, from: payload.bytes)
        case .compact: try CompactDecoder().decode(T.self, from: payload.bytes)
        }
    }
}

/// A recorded event of a known type whose payload could not be decoded.
public struct EventDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The event type name.
    public var type: String
    /// The stored schema version.
    public var schemaVersion: Int
    /// The event's global position, when known.
    public var position: Int64?
    /// What went wrong.
    public var reason: String

    public var description: String {
        let place = position.map { " at position \($0)" } ?? ""
        return "cannot decode \(type) v\(schemaVersion)\(place): \(reason)"
    }
}
