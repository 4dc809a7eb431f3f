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
    ///
    /// The encoder's own form (members in sorted order, no whitespace, names without escapes: every answer a
    /// ledger records) is read first, each name compared whole where it must come (``inEncoderOrder(_:)``);
    /// anything else — another order, whitespace, a repeated or unknown member, an error — is read again from
    /// the start in any order, so what is accepted and what a value's error says are the general path's.
    package init(json reader: inout JSONReader) throws {
        let start = (reader.offset, reader.depth)
        if let answer = try? Self.inEncoderOrder(&reader) {
            self = answer
            return
        }
        (reader.offset, reader.depth) = start
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

    /// The answer when the object at the cursor has exactly the encoder's form, its values read as the general
    /// path reads them; `nil` at the first byte that differs.
    private static func inEncoderOrder(_ reader: inout JSONReader) throws -> SurveyAnswerRecorded? {
        guard reader.consume(#"{"answeredOn":"#) else { return nil }
        let answeredOn = try reader.read(CalendarDate.self)
        guard reader.consume(#","competence":"#) else { return nil }
        let competence = try reader.read(CompetenceID.self)
        guard reader.consume(#","current":"#) else { return nil }
        let current = try reader.readInt()
        var importance: Int?
        if reader.consume(#","importance":"#) { importance = try reader.readOptional { try $0.readInt() } }
        guard reader.consume(#","organisation":"#) else { return nil }
        let organisation = try reader.read(OrganisationID.self)
        guard reader.consume(#","perspective":"#) else { return nil }
        let perspective = try reader.read(Perspective.self)
        guard reader.consume(#","rater":"#) else { return nil }
        let rater = try reader.read(Rater.self)
        guard reader.consume(#","respondent":"#) else { return nil }
        let respondent = try reader.read(PersonID.self)
        guard reader.consume(#","round":"#) else { return nil }
        let round = try reader.read(RoundID.self)
        var target: Int?
        if reader.consume(#","target":"#) { target = try reader.readOptional { try $0.readInt() } }
        guard reader.consume("}") else { return nil }
        return SurveyAnswerRecorded(
            round: round, respondent: respondent, organisation: organisation, competence: competence,
            current: current, target: target, importance: importance, answeredOn: answeredOn, rater: rater,
            perspective: perspective)
    }
}
