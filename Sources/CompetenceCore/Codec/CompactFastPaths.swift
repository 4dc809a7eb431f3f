import Foundation

// Direct compact readers (`CompactDecodable`) for the events that dominate a replay — survey answers are
// most of any programme's history — and for the values they hold. Each reads exactly what `CompactEncoder`
// writes for the type's `Encodable` form; `CompactFastPathTests` checks them against the `Decodable` path.

extension Identifier: CompactDecodable {
    /// Reads the id's string.
    package init(compact reader: inout CompactReader) throws { self.init(try reader.readString()) }
}

extension CalendarDate: CompactDecodable {
    /// Reads the `YYYY-MM-DD` string and checks it is a day.
    package init(compact reader: inout CompactReader) throws {
        let text = try reader.readString()
        guard let date = CalendarDate(text) else { throw reader.corrupted("'\(text)' is not a YYYY-MM-DD date") }
        self = date
    }
}

extension CompactDecodable where Self: RawRepresentable, RawValue == String {
    /// Reads the raw value and checks it names a case.
    package init(compact reader: inout CompactReader) throws {
        let text = try reader.readString()
        guard let value = Self(rawValue: text) else { throw reader.corrupted("'\(text)' is not a \(Self.self)") }
        self = value
    }
}

extension Rater: CompactDecodable {}
extension Perspective: CompactDecodable {}

extension SurveyAnswerRecorded: CompactDecodable {
    /// Reads the fields in declaration order.
    package init(compact reader: inout CompactReader) throws {
        self.init(
            round: try reader.read(RoundID.self),
            respondent: try reader.read(PersonID.self),
            organisation: try reader.read(OrganisationID.self),
            competence: try reader.read(CompetenceID.self),
            current: try reader.readInt(),
            target: try reader.readOptional { try $0.readInt() },
            importance: try reader.readOptional { try $0.readInt() },
            answeredOn: try reader.read(CalendarDate.self),
            rater: try reader.read(Rater.self),
            perspective: try reader.read(Perspective.self))
    }
}
