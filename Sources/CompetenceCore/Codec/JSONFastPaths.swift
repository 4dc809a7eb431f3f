import Foundation

// Direct JSON readers (`JSONDecodable`) for the events that dominate a replay — survey answers are most of
// any programme's history — and for the values they hold. Each accepts what the type's `Decodable` form
// accepts (members in any order, unknown members ignored); `JSONFastPathTests` checks them against the
// `Decodable` path, on the encoder's form and on the form PostgreSQL's `jsonb` gives back.

extension Identifier: JSONDecodable {
    /// Reads the id's string.
    package init(json reader: inout JSONReader) throws { self.init(try reader.readString()) }
}

extension CalendarDate: JSONDecodable {
    /// Reads the `YYYY-MM-DD` string and checks it is a day (from the payload's bytes when they hold no
    /// escape; anything else, or a text that is no day, goes through the string, which names it in the error).
    package init(json reader: inout JSONReader) throws {
        let token = try reader.readStringToken()
        if !token.hasEscapes, let date = CalendarDate(utf8: token.raw) {
            self = date
            return
        }
        let text = try token.string(at: token.start)
        guard let date = CalendarDate(text) else { throw reader.corrupted("'\(text)' is not a YYYY-MM-DD date") }
        self = date
    }
}

extension JSONDecodable where Self: RawRepresentable, RawValue == String {
    /// Reads the raw value and checks it names a case.
    package init(json reader: inout JSONReader) throws {
        let text = try reader.readString()
        guard let value = Self(rawValue: text) else { throw reader.corrupted("'\(text)' is not a \(Self.self)") }
        self = value
    }
}

extension Rater: JSONDecodable {
    /// Reads the raw value, compared on the payload's bytes (no string made unless it names no case).
    package init(json reader: inout JSONReader) throws {
        let token = try reader.readStringToken()
        if token.equals("self") {
            self = .`self`
        } else if token.equals("manager") {
            self = .manager
        } else if token.equals("consultant") {
            self = .consultant
        } else if token.equals("peer") {
            self = .peer
        } else {
            let text = try token.string(at: token.start)
            guard let value = Self(rawValue: text) else { throw reader.corrupted("'\(text)' is not a \(Self.self)") }
            self = value
        }
    }
}

extension Perspective: JSONDecodable {
    /// Reads the raw value, compared on the payload's bytes (no string made unless it names no case).
    package init(json reader: inout JSONReader) throws {
        let token = try reader.readStringToken()
        if token.equals("current") {
            self = .current
        } else if token.equals("retrospective-pre") {
            self = .retrospectivePre
        } else {
            let text = try token.string(at: token.start)
            guard let value = Self(rawValue: text) else { throw reader.corrupted("'\(text)' is not a \(Self.self)") }
            self = value
        }
    }
}

extension SurveyAnswerRecorded: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var round: RoundID?
        var respondent: PersonID?
        var organisation: OrganisationID?
        var competence: CompetenceID?
        var current: Int?
        var target: Int?
        var importance: Int?
        var answeredOn: CalendarDate?
        var rater: Rater?
        var perspective: Perspective?
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(first: &first) {
            if key.equals("round") {
                round = try reader.read(RoundID.self)
            } else if key.equals("respondent") {
                respondent = try reader.read(PersonID.self)
            } else if key.equals("organisation") {
                organisation = try reader.read(OrganisationID.self)
            } else if key.equals("competence") {
                competence = try reader.read(CompetenceID.self)
            } else if key.equals("current") {
                current = try reader.readInt()
            } else if key.equals("target") {
                target = try reader.readOptional { try $0.readInt() }
            } else if key.equals("importance") {
                importance = try reader.readOptional { try $0.readInt() }
            } else if key.equals("answeredOn") {
                answeredOn = try reader.read(CalendarDate.self)
            } else if key.equals("rater") {
                rater = try reader.read(Rater.self)
            } else if key.equals("perspective") {
                perspective = try reader.read(Perspective.self)
            } else {
                try key.validate()
                try reader.skipValue()
            }
        }
        func required<T>(_ value: T?, _ name: String) throws -> T {
            guard let value else { throw reader.missing(name, in: SurveyAnswerRecorded.self) }
            return value
        }
        self.init(
            round: try required(round, "round"), respondent: try required(respondent, "respondent"),
            organisation: try required(organisation, "organisation"),
            competence: try required(competence, "competence"),
            current: try required(current, "current"), target: target, importance: importance,
            answeredOn: try required(answeredOn, "answeredOn"), rater: try required(rater, "rater"),
            perspective: try required(perspective, "perspective"))
    }
}
