/// One indicator of the ESF participant report (`report esf`): the `indicator` column's values, a contract.
///
/// At entry (common output indicators) and at exit, each counts the persons with data recorded at that stage
/// who fall in the category; ``changedStatus`` and ``raisedEducation`` (result indicators) are counted at exit
/// only, over the persons with both an entry and an exit record.
public enum ESFIndicator: String, Hashable, Sendable, CaseIterable {
    case participants
    case female
    case male
    case otherOrNotStated = "other_or_not_stated"
    case ageUnder25 = "age_under_25"
    case age25To54 = "age_25_54"
    case age55Plus = "age_55_plus"
    case isced0To2 = "isced_0_2"
    case isced3To4 = "isced_3_4"
    case isced5To8 = "isced_5_8"
    case employed
    case selfEmployed = "self_employed"
    case unemployed
    case inactive
    /// Exit only: the labour-market status at exit differs from the one at entry.
    case changedStatus = "changed_status"
    /// Exit only: the education band at exit is higher than at entry.
    case raisedEducation = "raised_education"

    /// The indicators reported at `stage`, in report order.
    public static func reported(at stage: ParticipantStage) -> [ESFIndicator] {
        switch stage {
        case .entry: allCases.filter { !$0.isResult }
        case .exit: allCases
        }
    }

    /// Whether this is an entry → exit result indicator (exit only).
    public var isResult: Bool { self == .changedStatus || self == .raisedEducation }

    /// The indicators that partition ``participants`` by one attribute: every participant is in exactly one
    /// indicator of each group (the relations of the disclosure control).
    static let partitions: [[ESFIndicator]] = [
        [.female, .male, .otherOrNotStated],
        [.ageUnder25, .age25To54, .age55Plus],
        [.isced0To2, .isced3To4, .isced5To8],
        [.employed, .selfEmployed, .unemployed, .inactive],
    ]

    /// The indicator of a profile's gender, age band, education band and labour status.
    static func categories(of profile: ParticipantProfile) -> [ESFIndicator] {
        let gender: ESFIndicator =
            switch profile.gender {
            case .female: .female
            case .male: .male
            case .other, .notStated: .otherOrNotStated
            }
        let age: ESFIndicator =
            switch profile.ageBand {
            case .under25: .ageUnder25
            case .from25To54: .age25To54
            case .from55: .age55Plus
            }
        let education: ESFIndicator =
            switch profile.education {
            case .isced0To2: .isced0To2
            case .isced3To4: .isced3To4
            case .isced5To8: .isced5To8
            }
        let labour: ESFIndicator =
            switch profile.labourStatus {
            case .employed: .employed
            case .selfEmployed: .selfEmployed
            case .unemployed: .unemployed
            case .inactive: .inactive
            }
        return [gender, age, education, labour]
    }
}
