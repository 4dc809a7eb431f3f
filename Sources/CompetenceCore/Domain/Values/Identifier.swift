/// A typed identifier: a string id that cannot be mixed up with the id of another kind of thing.
public struct Identifier<Kind: IdentifierKind>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The id as written in imports and reports.
    public let rawValue: String

    /// Wraps an id.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The stream holding this thing's history: `<Kind.streamCategory>-<id>`.
    public var stream: StreamName { StreamName(category: Kind.streamCategory, id: rawValue) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What an ``Identifier`` identifies, and the stream category its history is kept in.
public protocol IdentifierKind: Sendable {
    /// The category of the streams of things of this kind, e.g. `organisation`.
    static var streamCategory: String { get }
}

/// Namespace of the identifier kinds of the domain.
public enum IdentifierKinds {
    public enum Programme: IdentifierKind { public static let streamCategory = "programme" }
    public enum Organisation: IdentifierKind { public static let streamCategory = "organisation" }
    public enum Framework: IdentifierKind { public static let streamCategory = "framework" }
    public enum Competence: IdentifierKind { public static let streamCategory = "competence" }
    public enum Person: IdentifierKind { public static let streamCategory = "person" }
    public enum Round: IdentifierKind { public static let streamCategory = "round" }
    public enum Training: IdentifierKind { public static let streamCategory = "training" }
    public enum Practice: IdentifierKind { public static let streamCategory = "practice" }
    public enum Pilot: IdentifierKind { public static let streamCategory = "pilot" }
    public enum Plan: IdentifierKind { public static let streamCategory = "plan" }
}

/// Identifies a programme, e.g. `lossi`.
public typealias ProgrammeID = Identifier<IdentifierKinds.Programme>
/// Identifies an enrolled organisation (company or third-sector organisation).
public typealias OrganisationID = Identifier<IdentifierKinds.Organisation>
/// Identifies a competence framework.
public typealias FrameworkID = Identifier<IdentifierKinds.Framework>
/// Identifies a competence, e.g. `excel`.
public typealias CompetenceID = Identifier<IdentifierKinds.Competence>
/// A pseudonymous person id: never a name or an e-mail address.
public typealias PersonID = Identifier<IdentifierKinds.Person>
/// Identifies a survey round, e.g. `2023-baseline`.
public typealias RoundID = Identifier<IdentifierKinds.Round>
/// Identifies a procured training.
public typealias TrainingID = Identifier<IdentifierKinds.Training>
/// Identifies a documented good practice.
public typealias PracticeID = Identifier<IdentifierKinds.Practice>
/// Identifies a pilot process.
public typealias PilotID = Identifier<IdentifierKinds.Pilot>
/// Identifies a development plan.
public typealias PlanID = Identifier<IdentifierKinds.Plan>
