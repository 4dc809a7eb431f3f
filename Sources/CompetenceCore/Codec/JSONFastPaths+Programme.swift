// Direct JSON readers (`JSONDecodable`) for the other event types a programme's replay reads — its definitions,
// persons, rounds, trainings and participation — so that no type on the FileStore or `jsonb` replay path goes
// through the generic `Decodable` decoder. Each accepts exactly what the type's synthesised `Decodable` form
// accepts (optional members missing or `null`); `JSONFastPathTests` checks them against Foundation's
// `JSONDecoder` on the catalogue samples and on random payloads.

extension OrganisationKind: JSONDecodable {}
extension SizeClass: JSONDecodable {}
extension PersonRole: JSONDecodable {}
extension RoundKind: JSONDecodable {}
extension TrainingKind: JSONDecodable {}
extension NeedOrigin: JSONDecodable {}

extension NeedReference: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var organisation: OrganisationID?
        var competence: CompetenceID?
        var origin: NeedOrigin?
        try reader.readObject { key, reader in
            if key.equals("organisation") {
                organisation = try reader.read(OrganisationID.self)
            } else if key.equals("competence") {
                competence = try reader.read(CompetenceID.self)
            } else if key.equals("origin") {
                origin = try reader.read(NeedOrigin.self)
            } else {
                return false
            }
            return true
        }
        self.init(
            organisation: try reader.required(organisation, "organisation", in: Self.self),
            competence: try reader.required(competence, "competence", in: Self.self),
            origin: try reader.required(origin, "origin", in: Self.self))
    }
}

extension LevelScale: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var minimum: Int?
        var maximum: Int?
        var labels: [String]?
        var proficientFrom: Int?
        try reader.readObject { key, reader in
            if key.equals("minimum") {
                minimum = try reader.readInt()
            } else if key.equals("maximum") {
                maximum = try reader.readInt()
            } else if key.equals("labels") {
                labels = try reader.readArray { try $0.readString() }
            } else if key.equals("proficientFrom") {
                proficientFrom = try reader.readOptional { try $0.readInt() }
            } else {
                return false
            }
            return true
        }
        self.init(
            minimum: try reader.required(minimum, "minimum", in: Self.self),
            maximum: try reader.required(maximum, "maximum", in: Self.self),
            labels: try reader.required(labels, "labels", in: Self.self), proficientFrom: proficientFrom)
    }
}

extension CompetenceDefined: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var competence: CompetenceID?
        var name: String?
        var category: String?
        var scale: LevelScale?
        var framework: FrameworkID?
        var escoURI: String?
        try reader.readObject { key, reader in
            if key.equals("competence") {
                competence = try reader.read(CompetenceID.self)
            } else if key.equals("name") {
                name = try reader.readString()
            } else if key.equals("category") {
                category = try reader.readString()
            } else if key.equals("scale") {
                scale = try reader.read(LevelScale.self)
            } else if key.equals("framework") {
                framework = try reader.readOptional { try $0.read(FrameworkID.self) }
            } else if key.equals("escoURI") {
                escoURI = try reader.readOptional { try $0.readString() }
            } else {
                return false
            }
            return true
        }
        self.init(
            competence: try reader.required(competence, "competence", in: Self.self),
            name: try reader.required(name, "name", in: Self.self),
            category: try reader.required(category, "category", in: Self.self),
            scale: try reader.required(scale, "scale", in: Self.self), framework: framework, escoURI: escoURI)
    }
}

extension OrganisationEnrolled: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var organisation: OrganisationID?
        var name: String?
        var kind: OrganisationKind?
        var sector: String?
        var sizeClass: SizeClass?
        var region: String?
        var programme: ProgrammeID?
        var enrolledOn: CalendarDate?
        try reader.readObject { key, reader in
            if key.equals("organisation") {
                organisation = try reader.read(OrganisationID.self)
            } else if key.equals("name") {
                name = try reader.readString()
            } else if key.equals("kind") {
                kind = try reader.read(OrganisationKind.self)
            } else if key.equals("sector") {
                sector = try reader.readString()
            } else if key.equals("sizeClass") {
                sizeClass = try reader.read(SizeClass.self)
            } else if key.equals("region") {
                region = try reader.readString()
            } else if key.equals("programme") {
                programme = try reader.readOptional { try $0.read(ProgrammeID.self) }
            } else if key.equals("enrolledOn") {
                enrolledOn = try reader.readOptional { try $0.read(CalendarDate.self) }
            } else {
                return false
            }
            return true
        }
        self.init(
            organisation: try reader.required(organisation, "organisation", in: Self.self),
            name: try reader.required(name, "name", in: Self.self),
            kind: try reader.required(kind, "kind", in: Self.self),
            sector: try reader.required(sector, "sector", in: Self.self),
            sizeClass: try reader.required(sizeClass, "sizeClass", in: Self.self),
            region: try reader.required(region, "region", in: Self.self), programme: programme,
            enrolledOn: enrolledOn)
    }
}

extension PersonRegistered: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var person: PersonID?
        var organisation: OrganisationID?
        var role: PersonRole?
        try reader.readObject { key, reader in
            if key.equals("person") {
                person = try reader.read(PersonID.self)
            } else if key.equals("organisation") {
                organisation = try reader.read(OrganisationID.self)
            } else if key.equals("role") {
                role = try reader.read(PersonRole.self)
            } else {
                return false
            }
            return true
        }
        self.init(
            person: try reader.required(person, "person", in: Self.self),
            organisation: try reader.required(organisation, "organisation", in: Self.self),
            role: try reader.required(role, "role", in: Self.self))
    }
}

extension SurveyRoundOpened: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var round: RoundID?
        var kind: RoundKind?
        var organisations: [OrganisationID]?
        var competences: [CompetenceID]?
        var opensOn: CalendarDate?
        var programme: ProgrammeID?
        try reader.readObject { key, reader in
            if key.equals("round") {
                round = try reader.read(RoundID.self)
            } else if key.equals("kind") {
                kind = try reader.read(RoundKind.self)
            } else if key.equals("organisations") {
                organisations = try reader.readArray(of: OrganisationID.self)
            } else if key.equals("competences") {
                competences = try reader.readArray(of: CompetenceID.self)
            } else if key.equals("opensOn") {
                opensOn = try reader.read(CalendarDate.self)
            } else if key.equals("programme") {
                programme = try reader.readOptional { try $0.read(ProgrammeID.self) }
            } else {
                return false
            }
            return true
        }
        self.init(
            round: try reader.required(round, "round", in: Self.self),
            kind: try reader.required(kind, "kind", in: Self.self),
            organisations: try reader.required(organisations, "organisations", in: Self.self),
            competences: try reader.required(competences, "competences", in: Self.self),
            opensOn: try reader.required(opensOn, "opensOn", in: Self.self), programme: programme)
    }
}

extension TrainingProcured: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var training: TrainingID?
        var title: String?
        var provider: String?
        var kind: TrainingKind?
        var competences: [CompetenceID]?
        var costCents: Int?
        var hours: Double?
        var procuredOn: CalendarDate?
        var organisations: [OrganisationID]?
        var programme: ProgrammeID?
        var needs: [NeedReference]?
        try reader.readObject { key, reader in
            if key.equals("training") {
                training = try reader.read(TrainingID.self)
            } else if key.equals("title") {
                title = try reader.readString()
            } else if key.equals("provider") {
                provider = try reader.readString()
            } else if key.equals("kind") {
                kind = try reader.read(TrainingKind.self)
            } else if key.equals("competences") {
                competences = try reader.readArray(of: CompetenceID.self)
            } else if key.equals("costCents") {
                costCents = try reader.readInt()
            } else if key.equals("hours") {
                hours = try reader.readDouble()
            } else if key.equals("procuredOn") {
                procuredOn = try reader.read(CalendarDate.self)
            } else if key.equals("organisations") {
                organisations = try reader.readArray(of: OrganisationID.self)
            } else if key.equals("programme") {
                programme = try reader.readOptional { try $0.read(ProgrammeID.self) }
            } else if key.equals("needs") {
                needs = try reader.readOptional { try $0.readArray(of: NeedReference.self) }
            } else {
                return false
            }
            return true
        }
        self.init(
            training: try reader.required(training, "training", in: Self.self),
            title: try reader.required(title, "title", in: Self.self),
            provider: try reader.required(provider, "provider", in: Self.self),
            kind: try reader.required(kind, "kind", in: Self.self),
            competences: try reader.required(competences, "competences", in: Self.self),
            costCents: try reader.required(costCents, "costCents", in: Self.self),
            hours: try reader.required(hours, "hours", in: Self.self),
            procuredOn: try reader.required(procuredOn, "procuredOn", in: Self.self),
            organisations: try reader.required(organisations, "organisations", in: Self.self), programme: programme,
            needs: needs)
    }
}

extension TrainingSessionHeld: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var training: TrainingID?
        var session: String?
        var heldOn: CalendarDate?
        var hours: Double?
        var topic: String?
        try reader.readObject { key, reader in
            if key.equals("training") {
                training = try reader.read(TrainingID.self)
            } else if key.equals("session") {
                session = try reader.readString()
            } else if key.equals("heldOn") {
                heldOn = try reader.read(CalendarDate.self)
            } else if key.equals("hours") {
                hours = try reader.readDouble()
            } else if key.equals("topic") {
                topic = try reader.readOptional { try $0.readString() }
            } else {
                return false
            }
            return true
        }
        self.init(
            training: try reader.required(training, "training", in: Self.self),
            session: try reader.required(session, "session", in: Self.self),
            heldOn: try reader.required(heldOn, "heldOn", in: Self.self),
            hours: try reader.required(hours, "hours", in: Self.self), topic: topic)
    }
}

extension ParticipationRecorded: JSONDecodable {
    /// Reads the members in any order.
    package init(json reader: inout JSONReader) throws {
        var training: TrainingID?
        var person: PersonID?
        var organisation: OrganisationID?
        var attendedHours: Double?
        var completed: Bool?
        var completedOn: CalendarDate?
        var recordedOn: CalendarDate?
        try reader.readObject { key, reader in
            if key.equals("training") {
                training = try reader.read(TrainingID.self)
            } else if key.equals("person") {
                person = try reader.read(PersonID.self)
            } else if key.equals("organisation") {
                organisation = try reader.read(OrganisationID.self)
            } else if key.equals("attendedHours") {
                attendedHours = try reader.readDouble()
            } else if key.equals("completed") {
                completed = try reader.readBool()
            } else if key.equals("completedOn") {
                completedOn = try reader.readOptional { try $0.read(CalendarDate.self) }
            } else if key.equals("recordedOn") {
                recordedOn = try reader.read(CalendarDate.self)
            } else {
                return false
            }
            return true
        }
        self.init(
            training: try reader.required(training, "training", in: Self.self),
            person: try reader.required(person, "person", in: Self.self),
            organisation: try reader.required(organisation, "organisation", in: Self.self),
            attendedHours: try reader.required(attendedHours, "attendedHours", in: Self.self),
            completed: try reader.required(completed, "completed", in: Self.self), completedOn: completedOn,
            recordedOn: try reader.required(recordedOn, "recordedOn", in: Self.self))
    }
}
