import CompetenceCore
import Foundation

/// What an import does with a second answer by the same person to the same competence in a round (same rater,
/// same perspective) — a duplicate submission, within the file or against an answer already recorded.
package enum DuplicatePolicy: String, Sendable, CaseIterable {
    /// The latest answer wins (latest `answered_on`, then the later row; an import after the recorded answer):
    /// the earlier one is kept in the history and corrected to the later (a `SurveyAnswerCorrected` that carries
    /// the later answer's levels and day). An answer equal to the one it follows (same day and levels) is a
    /// repeat and is not recorded again; an answer older than the one already recorded is not recorded.
    case supersede
    /// Every duplicate is refused, as the ledger refuses a second answer: the file is not imported.
    case refuse
}

/// The plan for a survey file's answers: which to record, which supersede an earlier one, which to pass over.
struct DuplicateAnswers {
    /// One step of the plan, in the order the events are recorded.
    enum Step {
        /// Record the answer.
        case record(SurveyAnswerDraft)
        /// Record a correction of answer `answer` (recorded earlier, or earlier in this plan) to this draft.
        case supersede(SurveyAnswerDraft, answer: UUID)
    }

    /// The answer that currently counts under a key.
    struct Incumbent {
        var id: UUID
        var organisation: String
        var answeredOn: CalendarDate
        var levels: [Int?]
        /// The draft that recorded it in this plan (for messages); `nil` for an answer already in the ledger.
        var row: Int?
    }

    private(set) var steps: [Step] = []
    /// Answers recorded as corrections of an earlier answer.
    private(set) var superseded = 0
    /// Answers equal to the answer they follow (a repeated submission, or the same answer in another export).
    private(set) var repeated = 0
    /// Answers older than the answer already recorded, not recorded.
    private(set) var outdated = 0

    /// Plans `drafts` (in file order) against the round's recorded answers `recorded` by key; `id` gives the id a
    /// draft's answer will be recorded under.
    init(
        _ drafts: [SurveyAnswerDraft], recorded: [SurveyAnswerDraft.Key: Incumbent], policy: DuplicatePolicy,
        file: String, id: (SurveyAnswerDraft) -> UUID
    ) throws {
        guard policy == .supersede else {
            steps = drafts.map { .record($0) }
            return
        }
        // Each key's drafts by day, then row; keys in the order of their first draft.
        var groups: [SurveyAnswerDraft.Key: [SurveyAnswerDraft]] = [:]
        var order: [SurveyAnswerDraft.Key] = []
        for draft in drafts {
            if groups[draft.key] == nil { order.append(draft.key) }
            groups[draft.key, default: []].append(draft)
        }
        var records: [SurveyAnswerDraft] = []
        var corrections: [Step] = []
        for key in order {
            var incumbent = recorded[key]
            let sorted = groups[key]!.enumerated().sorted {
                ($0.element.answeredOn, $0.offset) < ($1.element.answeredOn, $1.offset)
            }
            for draft in sorted.map(\.element) {
                guard let current = incumbent else {
                    records.append(draft)
                    incumbent = Incumbent(
                        id: id(draft), organisation: draft.organisation, answeredOn: draft.answeredOn,
                        levels: Self.levels(draft), row: draft.row)
                    continue
                }
                if draft.organisation != current.organisation {
                    let earlier = current.row.map { "row \($0)" } ?? "answer \(current.id)"
                    throw ImportRowError(
                        file: file, row: draft.row, column: draft.columns["organisation"] ?? "organisation",
                        value: draft.organisation,
                        problem: .refused(
                            "is not the organisation of the earlier answer it would supersede (\(earlier): "
                                + "'\(current.organisation)')"))
                }
                if draft.answeredOn == current.answeredOn && Self.levels(draft) == current.levels {
                    repeated += 1
                } else if draft.answeredOn < current.answeredOn {
                    outdated += 1
                } else {
                    corrections.append(.supersede(draft, answer: current.id))
                    superseded += 1
                    incumbent?.answeredOn = draft.answeredOn
                    incumbent?.levels = Self.levels(draft)
                    incumbent?.row = draft.row
                }
            }
        }
        // The answers in file order, then the corrections, each key's in the order of their days: a correction
        // always follows the answer it corrects.
        steps = records.sorted { ($0.row, $0.item) < ($1.row, $1.item) }.map { .record($0) } + corrections
    }

    private static func levels(_ draft: SurveyAnswerDraft) -> [Int?] {
        [draft.current, draft.target, draft.importance]
    }

    /// The round's recorded answers by key, as they count now (corrections applied).
    static func recorded(in state: LedgerState, round: RoundID) -> [SurveyAnswerDraft.Key: Incumbent] {
        var result: [SurveyAnswerDraft.Key: Incumbent] = [:]
        for answer in state.answers.answers(in: round) {
            let event = answer.event
            let key = SurveyAnswerDraft.Key(
                respondent: event.respondent.rawValue, competence: event.competence.rawValue, rater: event.rater,
                perspective: event.perspective)
            result[key] = Incumbent(
                id: answer.eventID, organisation: event.organisation.rawValue, answeredOn: event.answeredOn,
                levels: [event.current, event.target, event.importance], row: nil)
        }
        return result
    }
}
