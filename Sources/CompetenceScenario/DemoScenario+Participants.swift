import CompetenceCore

extension ScenarioBuilder {
    /// The ESF participant data of both programmes, recorded last so that every earlier event keeps its id:
    /// every registered person's data at entry, and at exit for the persons whose organisation stayed in the
    /// programme (LOSSI's exits are recorded in December 2024, before the programme ends; a few LOSSI persons
    /// are still taking part and have no exit yet). Drawn from their own generator, one ledger call per
    /// programme. A few persons move from unemployed or inactive into work, and a few raise their education.
    mutating func buildParticipantData(seed: UInt64) {
        var random = SeededGenerator(seed: seed ^ 0x4553_4650)  // "ESFP"
        var programmeOf: [OrganisationID: ProgrammeID] = [:]
        var withdrawn: Set<OrganisationID> = []
        var persons: [PersonRegistered] = []
        for event in steps.flatMap(\.events) {
            switch event {
            case let enrolment as OrganisationEnrolled: programmeOf[enrolment.organisation] = enrolment.programme
            case let withdrawal as OrganisationWithdrawn: withdrawn.insert(withdrawal.organisation)
            case let person as PersonRegistered: persons.append(person)
            default: break
            }
        }
        let calendar: [(programme: ProgrammeID, entry: CalendarDate, exit: CalendarDate, stillIn: Double)] = [
            ("lossi", scenarioDay(2023, 9, 4), scenarioDay(2024, 12, 16), 0.15),
            ("tulos", scenarioDay(2019, 10, 7), scenarioDay(2021, 6, 30), 0),
        ]
        for (programme, entryDay, exitDay, stillIn) in calendar {
            var events: [any LedgerEvent] = []
            var exits: [any LedgerEvent] = []
            for person in persons where programmeOf[person.organisation] == programme {
                let entry = Self.drawProfile(&random, programme: programme, role: person.role)
                events.append(
                    ParticipantDataRecorded(person: person.person, stage: .entry, recordedOn: entryDay, profile: entry))
                guard !withdrawn.contains(person.organisation), !random.chance(stillIn) else { continue }
                var exit = entry
                if entry.labourStatus == .unemployed || entry.labourStatus == .inactive, random.chance(0.6) {
                    exit.labourStatus = .employed
                }
                if entry.education != .isced5To8, random.chance(0.08) {
                    exit.education = entry.education == .isced0To2 ? .isced3To4 : .isced5To8
                }
                exits.append(
                    ParticipantDataRecorded(person: person.person, stage: .exit, recordedOn: exitDay, profile: exit))
            }
            add("\(programme.rawValue.uppercased()) participant data", events + exits)
        }
    }

    /// One person's data at entry: industrial firms are mostly men, welfare and health mostly women; managers
    /// are older and better educated; a few staff join from unemployment or inactivity (work trials).
    private static func drawProfile(
        _ random: inout SeededGenerator, programme: ProgrammeID, role: PersonRole
    ) -> ParticipantProfile {
        let femaleShare = programme == "lossi" ? 0.2 : 0.85
        let gender: ParticipantGender =
            random.chance(0.03)
            ? (random.chance(0.5) ? .other : .notStated) : random.chance(femaleShare) ? .female : .male
        let age = random.int(in: 0...99)
        let ageBand: AgeBand =
            role == .manager
            ? (age < 70 ? .from25To54 : .from55) : (age < 12 ? .under25 : age < 85 ? .from25To54 : .from55)
        let schooling = random.int(in: 0...99)
        let education: EducationBand =
            switch role {
            case .manager: schooling < 60 ? .isced5To8 : .isced3To4
            case .supervisor: schooling < 30 ? .isced5To8 : schooling < 90 ? .isced3To4 : .isced0To2
            case .staff: schooling < 10 ? .isced5To8 : schooling < 75 ? .isced3To4 : .isced0To2
            }
        let work = random.int(in: 0...99)
        let labourStatus: LabourStatus =
            role == .manager && work < 15
            ? .selfEmployed
            : role == .staff && work < 6 ? .unemployed : role == .staff && work < 9 ? .inactive : .employed
        var disadvantages: [DisadvantageFlag] = []
        if random.chance(0.04) { disadvantages.append(.disability) }
        if random.chance(0.05) { disadvantages.append(.foreignBackground) }
        if random.chance(programme == "lossi" ? 0.3 : 0.4) { disadvantages.append(.rural) }
        return ParticipantProfile(
            gender: gender, ageBand: ageBand, education: education, labourStatus: labourStatus,
            disadvantages: disadvantages)
    }
}
