/// When a participant's data were recorded: on joining the programme or on leaving it (ESF+ common output
/// indicators are counted at entry, result indicators at exit).
public enum ParticipantStage: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case entry
    case exit

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .entry && rhs == .exit }
}

/// A participant's gender as the ESF+ asks it: women, men, non-binary, or not stated.
public enum ParticipantGender: String, Hashable, Sendable, Codable, CaseIterable {
    case female
    case male
    case other
    case notStated = "not-stated"
}

/// A participant's age band on the day the data were recorded (ESF+: under 25 — young people —, 25–54, 55+).
public enum AgeBand: String, Hashable, Sendable, Codable, CaseIterable {
    case under25 = "<25"
    case from25To54 = "25-54"
    case from55 = "55+"

    /// The oldest age a birth year may give: an older one is a typing error.
    public static let oldestAge = 120

    /// The band of a person born in `birthYear`, on `day`: their age is the years from `birthYear` to `day`'s
    /// year (the age they reach in that calendar year; the birth day is not asked). `nil` when the birth year
    /// is after `day`'s year or more than ``oldestAge`` years before it.
    public init?(birthYear: Int, on day: CalendarDate) {
        let age = day.year - birthYear
        guard (0...Self.oldestAge).contains(age) else { return nil }
        switch age {
        case ..<25: self = .under25
        case 25...54: self = .from25To54
        default: self = .from55
        }
    }
}

/// The highest level of education completed, as an ISCED 2011 band.
public enum EducationBand: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// ISCED 0–2: lower secondary education or less.
    case isced0To2 = "0-2"
    /// ISCED 3–4: upper secondary or post-secondary non-tertiary education.
    case isced3To4 = "3-4"
    /// ISCED 5–8: tertiary education.
    case isced5To8 = "5-8"

    private var rank: Int {
        switch self {
        case .isced0To2: 0
        case .isced3To4: 1
        case .isced5To8: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A participant's labour-market status.
public enum LabourStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case employed
    case selfEmployed = "self-employed"
    case unemployed
    case inactive
}

/// The ESF+ "other common output indicators" (Regulation (EU) 2021/1057, Annex I, 1.2): circumstances a
/// participant may state. Special-category data: kept only as a stated "yes", with the person's other data.
public enum DisadvantageFlag: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Participants with disabilities.
    case disability
    /// Third-country nationals.
    case thirdCountryNational = "third_country_national"
    /// Participants with a foreign background.
    case foreignBackground = "foreign_background"
    /// Minorities (including marginalised communities such as the Roma).
    case minority
    /// Homeless or affected by housing exclusion.
    case homelessOrHousingExclusion = "homeless_or_housing_exclusion"
    /// Participants from rural areas.
    case rural

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Everything person-level a ``ParticipantDataRecorded`` holds about its participant, in one value: the part
/// of the event sealed with the person's key and shredded with the person (see Docs/Event-Catalogue.md). Every
/// field is a closed enumeration; a birth year is never kept, only the age band it gives.
public struct ParticipantProfile: PersonalValue {
    /// Gender.
    public var gender: ParticipantGender
    /// Age band on the day recorded.
    public var ageBand: AgeBand
    /// Highest education completed.
    public var education: EducationBand
    /// Labour-market status.
    public var labourStatus: LabourStatus
    /// The disadvantage flags stated "yes", each once, in ``DisadvantageFlag`` order.
    public var disadvantages: [DisadvantageFlag]

    /// Creates a profile.
    public init(
        gender: ParticipantGender, ageBand: AgeBand, education: EducationBand, labourStatus: LabourStatus,
        disadvantages: [DisadvantageFlag] = []
    ) {
        self.gender = gender
        self.ageBand = ageBand
        self.education = education
        self.labourStatus = labourStatus
        self.disadvantages = disadvantages
    }
}
