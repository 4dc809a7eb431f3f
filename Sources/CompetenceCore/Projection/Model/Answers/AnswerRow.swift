import Foundation

/// One survey answer as ``AnswerTable`` stores it: 72 bytes, identifiers as numbers of the table's symbol
/// tables, the day as days since 1970-01-01, flags for what is optional, and no envelope beyond the id and
/// the position (the times are kept beside the rows, see ``AnswerTable``).
struct AnswerRow: Sendable, BitwiseCopyable {
    var position: Int64
    var current: Int
    /// Meaningful when ``hasTarget``.
    var target: Int
    /// Meaningful when ``hasImportance``.
    var importance: Int
    var id: RawID
    var round: Int32
    var respondent: Int32
    var organisation: Int32
    var competence: Int32
    /// Days since 1970-01-01.
    var answeredOn: Int32
    /// The index of the rater in `Rater.allCases`.
    var rater: UInt8
    var flags: UInt8

    static let live: UInt8 = 1
    static let hasTarget: UInt8 = 2
    static let hasImportance: UInt8 = 4
    /// A then-test answer (``Perspective/retrospectivePre``); clear: a `current` one.
    static let retrospective: UInt8 = 8

    /// Size, stride, alignment and field offsets: part of a snapshot's layout signature.
    static let layout: [Int] =
        [MemoryLayout<Self>.size, MemoryLayout<Self>.stride, MemoryLayout<Self>.alignment]
        + [
            \Self.position, \Self.current, \Self.target, \Self.importance, \Self.id, \Self.round,
            \Self.respondent, \Self.organisation, \Self.competence, \Self.answeredOn, \Self.rater, \Self.flags,
        ].map { MemoryLayout<Self>.offset(of: $0)! }

    /// Whether the answer counts: not voided.
    var isLive: Bool {
        get { flags & Self.live != 0 }
        set { flags = newValue ? flags | Self.live : flags & ~Self.live }
    }

    var targetLevel: Int? {
        get { flags & Self.hasTarget != 0 ? target : nil }
        set {
            target = newValue ?? 0
            flags = newValue == nil ? flags & ~Self.hasTarget : flags | Self.hasTarget
        }
    }

    var importanceRating: Int? {
        get { flags & Self.hasImportance != 0 ? importance : nil }
        set {
            importance = newValue ?? 0
            flags = newValue == nil ? flags & ~Self.hasImportance : flags | Self.hasImportance
        }
    }

    var perspective: Perspective {
        get { flags & Self.retrospective != 0 ? .retrospectivePre : .current }
        set { flags = newValue == .retrospectivePre ? flags | Self.retrospective : flags & ~Self.retrospective }
    }

    /// The order of "the latest answer": answer day, then position (the later recorded).
    @inline(__always)
    func isLater(than other: AnswerRow) -> Bool {
        answeredOn != other.answeredOn ? answeredOn > other.answeredOn : position > other.position
    }
}

extension Rater {
    /// The rater's index in `allCases`, as rows store it.
    var rowNumber: UInt8 {
        switch self {
        case .`self`: 0
        default: UInt8(Self.allCases.firstIndex(of: self)!)
        }
    }
}
