import Foundation

/// Where every person and every organisation stands, competence by competence: the latest answer of each
/// person (corrections applied, voided answers gone — ``LedgerState`` has done that), its gap to the target,
/// and per organisation the number of respondents and the mean levels and gap.
///
/// Computed from a ``LedgerState``, so it answers for whatever scope the state was replayed in (everything,
/// as of a day, effective on a day). Equal states give equal values.
public struct CurrentCompetenceState: Hashable, Sendable {
    /// A person's latest rating of one competence.
    public struct PersonLevel: Hashable, Sendable {
        /// The person (pseudonymous).
        public var person: PersonID
        /// Their organisation, as recorded with the answer.
        public var organisation: OrganisationID
        /// The competence.
        public var competence: CompetenceID
        /// The latest current level.
        public var current: Int
        /// The latest target level, when asked.
        public var target: Int?
        /// `target − current` (positive: the person is short of the target), when the target is known.
        public var gap: Int? { target.map { $0 - current } }
        /// The day of the answer.
        public var answeredOn: CalendarDate
        /// The round of the answer.
        public var round: RoundID
        /// The event id of the answer (corrections are applied to it).
        public var answerEventID: UUID
    }

    /// An organisation's respondents on one competence.
    public struct OrganisationLevel: Hashable, Sendable {
        /// The organisation.
        public var organisation: OrganisationID
        /// The competence.
        public var competence: CompetenceID
        /// Persons with a rating of the competence.
        public var respondents: Int
        /// Mean of their current levels.
        public var meanCurrent: Double
        /// Persons who also gave a target level.
        public var respondentsWithTarget: Int
        /// Mean of the target levels given (`nil` when none was).
        public var meanTarget: Double?
        /// Mean of `target − current` over the persons who gave a target (`nil` when none did).
        public var meanGap: Double?
    }

    /// A person × competence pair: the key of ``persons``.
    public struct PersonCompetence: Hashable, Sendable {
        /// The person.
        public var person: PersonID
        /// The competence.
        public var competence: CompetenceID

        /// Creates a key.
        public init(person: PersonID, competence: CompetenceID) {
            self.person = person
            self.competence = competence
        }
    }

    /// An organisation × competence pair: the key of ``organisations``.
    public struct OrganisationCompetence: Hashable, Sendable {
        /// The organisation.
        public var organisation: OrganisationID
        /// The competence.
        public var competence: CompetenceID

        /// Creates a key.
        public init(organisation: OrganisationID, competence: CompetenceID) {
            self.organisation = organisation
            self.competence = competence
        }
    }

    /// The ratings counted (see ``init(_:rater:)``).
    public let rater: Rater
    /// Each person's latest rating per competence.
    public private(set) var persons: [PersonCompetence: PersonLevel] = [:]
    /// Each organisation's aggregate per competence.
    public private(set) var organisations: [OrganisationCompetence: OrganisationLevel] = [:]

    /// Computes the state from the ledger's answers.
    ///
    /// - Parameters:
    ///   - ledger: the folded ledger whose survey answers are read.
    ///   - rater: whose ratings count (self-assessments by default); ratings by other raters are another
    ///     perspective, never mixed in.
    public init(_ ledger: LedgerState, rater: Rater = .`self`) {
        self.rater = rater
        // The reports' rule for "the latest answer": latest answer day, then the later recorded.
        let table = ledger.answers
        LatestAnswers.byPerson(table, rater: rater, round: nil) { person, answers in
            for answer in LatestAnswers.perCompetence(answers) {
                let level = PersonLevel(
                    person: table.persons[person], organisation: table.organisations[answer.organisation],
                    competence: table.competences[answer.competence], current: answer.current,
                    target: answer.targetLevel, answeredOn: CalendarDate(daysSinceEpoch: Int(answer.answeredOn)),
                    round: table.rounds[answer.round], answerEventID: answer.id.uuid)
                persons[PersonCompetence(person: level.person, competence: level.competence)] = level
            }
        }
        var groups: [OrganisationCompetence: [PersonLevel]] = [:]
        for level in persons.values {
            groups[OrganisationCompetence(organisation: level.organisation, competence: level.competence), default: []]
                .append(level)
        }
        for (key, levels) in groups {
            let targets = levels.compactMap(\.target)
            let gaps = levels.compactMap(\.gap)
            organisations[key] = OrganisationLevel(
                organisation: key.organisation, competence: key.competence, respondents: levels.count,
                meanCurrent: Self.mean(levels.map(\.current)), respondentsWithTarget: targets.count,
                meanTarget: targets.isEmpty ? nil : Self.mean(targets), meanGap: gaps.isEmpty ? nil : Self.mean(gaps))
        }
    }

    /// The organisation aggregates, by organisation and then competence.
    public var organisationLevels: [OrganisationLevel] {
        organisations.values.sorted { ($0.organisation, $0.competence) < ($1.organisation, $1.competence) }
    }

    /// The person ratings, by organisation, person and competence.
    public var personLevels: [PersonLevel] {
        persons.values.sorted {
            ($0.organisation, $0.person, $0.competence) < ($1.organisation, $1.person, $1.competence)
        }
    }

    /// The organisation × competence pairs with the largest mean gap first (ties by organisation, competence).
    ///
    /// Only pairs where at least `minimumGroupSize` persons gave a target are listed: a mean over fewer persons
    /// would disclose individual answers, so the same minimum group as every report applies (default
    /// ``AnalyticsOptions/defaultMinimumGroupSize``; values below 1 count as 1).
    public func largestGaps(
        minimumGroupSize: Int = AnalyticsOptions.defaultMinimumGroupSize, limit: Int = .max
    ) -> [OrganisationLevel] {
        let minimum = max(minimumGroupSize, 1)
        let candidates = organisations.values.filter { $0.meanGap != nil && $0.respondentsWithTarget >= minimum }
        let sorted = candidates.sorted {
            ($0.meanGap!, $1.organisation, $1.competence) > ($1.meanGap!, $0.organisation, $0.competence)
        }
        return Array(sorted.prefix(limit))
    }

    private static func mean(_ values: [Int]) -> Double {
        Double(values.reduce(0, +)) / Double(values.count)
    }
}
