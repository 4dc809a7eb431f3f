/// Whom personal data is about: a person (by pseudonymous id) or an organisation. Each data subject has one
/// key in a ``SubjectKeyStore``; every ``Personal`` value about it is sealed with that key, and destroying the
/// key (``SubjectKeyStore/destroyKey(of:at:)``, `competence erase`) makes all of them unreadable at once.
///
/// Written as `person:ID` or `organisation:ID` (the id as recorded), in payloads, key files and messages.
public enum DataSubject: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A person, by the pseudonymous id the ledger knows them by.
    case person(PersonID)
    /// An organisation (free text recorded about it may name its staff).
    case organisation(OrganisationID)

    /// Reads `person:ID` or `organisation:ID`; `nil` for anything else (an empty id included).
    public init?(_ text: String) {
        if text.hasPrefix(Self.personPrefix), text.count > Self.personPrefix.count {
            self = .person(PersonID(String(text.dropFirst(Self.personPrefix.count))))
        } else if text.hasPrefix(Self.organisationPrefix), text.count > Self.organisationPrefix.count {
            self = .organisation(OrganisationID(String(text.dropFirst(Self.organisationPrefix.count))))
        } else {
            return nil
        }
    }

    private static let personPrefix = "person:"
    private static let organisationPrefix = "organisation:"

    /// `person:ID` or `organisation:ID`.
    public var description: String {
        switch self {
        case .person(let id): Self.personPrefix + id.rawValue
        case .organisation(let id): Self.organisationPrefix + id.rawValue
        }
    }

    /// The id without its kind.
    public var id: String {
        switch self {
        case .person(let id): id.rawValue
        case .organisation(let id): id.rawValue
        }
    }

    /// The stream of the subject (`person-ID`, `organisation-ID`), where its erasure is recorded.
    public var stream: StreamName {
        switch self {
        case .person(let id): id.stream
        case .organisation(let id): id.stream
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}

extension DataSubject: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let subject = DataSubject(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a data subject (person:ID or organisation:ID)")
        }
        self = subject
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
