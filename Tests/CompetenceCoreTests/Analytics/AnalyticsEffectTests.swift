import CompetenceCore
import Foundation
import Testing

@Suite("Analytics: effect evaluation")
struct AnalyticsEffectTests {
    /// Organisation E, eleven persons p1…p11 on excel; baseline round b (answers 2024-01-15), follow-up round f
    /// (answers 2024-10-05). Training t-excel targets excel: p1…p5 completed it 2024-05-01 (trained);
    /// p6 completed it 2024-11-15, after their follow-up answer (so NOT trained).
    ///
    ///   person   p1 p2 p3 p4 p5 p6 p7 p8 p9 p10 p11
    ///   baseline  2  1  3  2  3  2  3  2  4  3   3    sum 28 → mean 28/11 = 2.545
    ///   follow-up 4  3  4  5  3  3  3  2  5  2   3    sum 37 → mean 37/11 = 3.364
    ///   change    2  2  1  3  0  1  0  0  1 -1   0    sum 9  → mean 9/11 = 0.818
    ///
    /// - p9 answered the baseline twice (2 on 01-12, 4 on 01-20): the latest, 4, counts.
    /// - p5's follow-up was recorded as 5 and corrected to 3.
    /// - p10 answered the follow-up again on 10-20 with 5; that answer was voided, so 2 counts.
    ///
    /// SD of change: Σc² = 21, Σ(c − m)² = 21 − 11·(9/11)² = 150/11, s² = (150/11)/10 = 15/11, s = 1.168.
    /// d_z = (9/11)/√(15/11) = 0.701; Hedges J = 1 − 3/(4·10 − 1) = 12/13 → g = 0.647.
    /// Trained p1…p5: (2+2+1+3+0)/5 = 1.6; untrained p6…p11: (1+0+0+1−1+0)/6 = 0.167; DiD = 1.433.
    /// Improved by ≥ 1: p1 p2 p3 p4 p6 p9 = 6/11 = 0.545.
    ///
    /// Organisation F: four untrained persons, baseline 1 2 3 2 → change 1 0 1 1 (suppressed: 4 < 5).
    /// Organisation G: five untrained persons, baseline 2 2 3 1 2 → change 1 1 0 1 2 (withheld as F's complement).
    /// Organisation H: in both rounds, no answers.
    ///
    /// ALL (20): baseline (28 + 8 + 10)/20 = 2.3; change (9 + 3 + 5)/20 = 0.85; follow-up 3.15;
    /// Σc² = 21 + 3 + 7 = 31, Σ(c − m)² = 31 − 20·0.85² = 16.55, s = √(16.55/19) = 0.933; d_z = 0.911;
    /// J = 1 − 3/75 = 0.96 → g = 0.874; trained 5 (E's) 1.6; untrained 15: (1 + 3 + 5)/15 = 0.6; DiD 1.0;
    /// improved (6 + 3 + 4)/20 = 0.65.
    static func recordScenario(_ fixture: AnalyticsFixture) async throws {
        for organisation: OrganisationID in ["E", "F", "G", "H"] { try await fixture.enrol(organisation) }
        try await fixture.define("excel")
        try await fixture.record(
            SurveyRoundOpened(
                round: "b", kind: .baseline, organisations: ["E", "F", "G", "H"], competences: ["excel"],
                opensOn: day("2024-01-10")))
        try await fixture.record(
            SurveyRoundOpened(
                round: "f", kind: .followUp, organisations: ["E", "F", "G", "H"], competences: ["excel"],
                opensOn: day("2024-10-01")))
        let baseline = [2, 1, 3, 2, 3, 2, 3, 2, 4, 3, 3]
        let followUp = [4, 3, 4, 5, 5, 3, 3, 2, 5, 2, 3]  // p5's 5 is corrected to 3 below
        var followUpIDs: [UUID] = []
        for index in 0..<11 {
            let person = "p\(index + 1)"
            if person == "p9" {
                try await fixture.answer(person, of: "E", in: "b", "excel", current: 2, on: "2024-01-12")
            }
            try await fixture.answer(
                person, of: "E", in: "b", "excel", current: baseline[index],
                on: person == "p9" ? "2024-01-20" : "2024-01-15")
            followUpIDs.append(
                try await fixture.answer(person, of: "E", in: "f", "excel", current: followUp[index], on: "2024-10-05"))
        }
        try await fixture.record(
            SurveyAnswerCorrected(
                round: "f", answerEventID: followUpIDs[4], current: 3, correctedOn: day("2024-10-10"),
                reason: PersonalText("typo", about: .person("p5"))))
        let mistaken = try await fixture.answer("p10", of: "E", in: "f", "excel", current: 5, on: "2024-10-20")
        try await fixture.record(
            EventVoided(
                voidedEventID: mistaken, voidedStream: RoundID("f").stream, voidedOn: day("2024-10-21"),
                reason: "wrong person"))

        for (index, (before, change)) in zip([1, 2, 3, 2], [1, 0, 1, 1]).enumerated() {
            try await fixture.answer("q\(index)", of: "F", in: "b", "excel", current: before, on: "2024-01-15")
            try await fixture.answer("q\(index)", of: "F", in: "f", "excel", current: before + change, on: "2024-10-05")
        }
        for (index, (before, change)) in zip([2, 2, 3, 1, 2], [1, 1, 0, 1, 2]).enumerated() {
            try await fixture.answer("g\(index)", of: "G", in: "b", "excel", current: before, on: "2024-01-15")
            try await fixture.answer("g\(index)", of: "G", in: "f", "excel", current: before + change, on: "2024-10-05")
        }

        try await fixture.record(
            TrainingProcured(
                training: "t-excel", title: "Excel", provider: "LAB", kind: .joint, competences: ["excel"],
                costCents: 120_000, hours: 12, procuredOn: day("2024-03-01")))
        for index in 1...5 {
            try await fixture.record(
                ParticipationRecorded(
                    training: "t-excel", person: PersonID("p\(index)"), organisation: "E", attendedHours: 12,
                    completed: true, completedOn: day("2024-05-01"), recordedOn: day("2024-05-01")))
        }
        try await fixture.record(
            ParticipationRecorded(
                training: "t-excel", person: "p6", organisation: "E", attendedHours: 10, completed: true,
                completedOn: day("2024-11-15"), recordedOn: day("2024-11-15")))
    }

    @Test func pairedChangeSplitAndDifferenceInDifferences() async throws {
        let fixture = AnalyticsFixture()
        try await Self.recordScenario(fixture)
        let effect = try await fixture.reports().effect.primaryTable
        #expect(
            Array(effect.columns.prefix(14)) == [
                "organisation", "competence", "paired_n", "baseline_mean", "followup_mean", "mean_change", "sd_change",
                "effect_size_dz", "trained_n", "trained_change", "untrained_n", "untrained_change",
                "difference_in_differences", "suppressed",
            ])
        #expect(Array(effect.columns.dropFirst(14)) == Self.extraColumns)
        #expect(effect.rows.map { "\($0[0])/\($0[1])" } == ["E/excel", "F/excel", "G/excel", "H/excel", "ALL/excel"])
        #expect(
            effect.rows[0] == [
                "E", "excel", "11", "2.545", "3.364", "0.818", "1.168", "0.701", "5", "1.600", "6", "0.167", "1.433",
                "false",
                "0.647", "0.545", "false",
                // Reference values (EffectStatisticsTests): t-interval, Hedges interval, shares 4/11 and 1/11,
                // no attended persons, Welch interval, exact permutation p, ANCOVA (statsmodels 1.160).
                "0.034", "1.603", "-0.045", "1.339", "0.364", "0.091", "0", "", "0.014", "2.853", "0.065", "1.160",
            ])
        // F has 4 paired persons: withheld. G (5) is withheld too, else F = ALL − E − G.
        let withheld =
            ["", "", "", "", "", "", "", "", "", "", "", "true", "", "", "true"] + Array(repeating: "", count: 12)
        #expect(effect.rows[1] == ["F", "excel"] + withheld)
        #expect(effect.rows[2] == ["G", "excel"] + withheld)
        // H took part in both rounds but nobody answered: nothing to protect, nothing defined.
        #expect(
            effect.rows[3] == ["H", "excel", "0", "", "", "", "", "", "0", "", "0", "", "", "false", "", "", "false"]
                + ["", "", "", "", "", "", "0", "", "", "", "", ""])
        #expect(
            effect.rows[4] == [
                "ALL", "excel", "20", "2.300", "3.150", "0.850", "0.933", "0.911", "5", "1.600", "15", "0.600", "1.000",
                "false",
                "0.874", "0.650", "false",
                // Unchanged 6/20, worsened 1/20; Welch over 5 vs 15; exact p over C(20, 5) splits; ANCOVA 0.938.
                "0.413", "1.287", "0.340", "1.409", "0.300", "0.050", "0", "", "-0.386", "2.386", "0.050", "0.938",
            ])
    }

    @Test func aSmallTrainedGroupWithholdsTheSplitButNotTheRow() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        try await fixture.define("excel")
        try await fixture.record(
            SurveyRoundOpened(
                round: "b", kind: .baseline, organisations: ["E"], competences: ["excel"], opensOn: day("2024-01-10")))
        try await fixture.record(
            SurveyRoundOpened(
                round: "f", kind: .followUp, organisations: ["E"], competences: ["excel"], opensOn: day("2024-10-01")))
        // Six persons, all 2 → 3 (change 1); one of them trained: 1 trained vs 5 untrained. The trained group is
        // too small, and the untrained group would give it away (whole − untrained): both sides are withheld.
        for index in 0..<6 {
            try await fixture.answer("p\(index)", of: "E", in: "b", "excel", current: 2, on: "2024-01-15")
            try await fixture.answer("p\(index)", of: "E", in: "f", "excel", current: 3, on: "2024-10-05")
        }
        try await fixture.record(
            TrainingProcured(
                training: "t", title: "Excel", provider: "LAB", kind: .company, competences: ["excel"], costCents: 1,
                hours: 1, procuredOn: day("2024-03-01")))
        try await fixture.record(
            ParticipationRecorded(
                training: "t", person: "p0", organisation: "E", attendedHours: 1, completed: true,
                completedOn: day("2024-05-01"), recordedOn: day("2024-05-01")))
        let row = try await fixture.reports().effect.primaryTable.row("E", "excel")
        // Every change is 1: SD 0, so d_z (and g) are undefined.
        #expect(row?["paired_n"] == "6")
        #expect(row?["mean_change"] == "1.000")
        #expect(row?["sd_change"] == "0.000")
        #expect(row?["effect_size_dz"] == "")
        #expect(row?["trained_n"] == "1")
        #expect(row?["trained_change"] == "")
        #expect(row?["untrained_change"] == "")
        #expect(row?["difference_in_differences"] == "")
        #expect(row?["suppressed"] == "false")
        #expect(row?["split_suppressed"] == "true")
        #expect(row?["did_ci95_low"] == "" && row?["did_p_permutation"] == "" && row?["did_adjusted"] == "")
        // The whole row's interval is shown: SD 0 gives a zero-width interval at 1.
        #expect(row?["change_ci95_low"] == "1.000" && row?["change_ci95_high"] == "1.000")
    }

    static let extraColumns = [
        "effect_size_hedges", "share_improved", "split_suppressed", "change_ci95_low", "change_ci95_high",
        "hedges_ci95_low", "hedges_ci95_high", "share_unchanged", "share_worsened", "attended_n", "attended_change",
        "did_ci95_low", "did_ci95_high", "did_p_permutation", "did_adjusted",
    ]

    /// "Trained" needs a completion after the baseline answer day and on or before the follow-up answer day;
    /// any other targeting participation on or before the follow-up day makes a person "attended"; only
    /// persons with none are "untrained". Baseline answers 2024-01-15, follow-up answers 2024-10-05.
    @Test func trainedAttendedAndUntrainedFollowTheAnswerDays() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        try await fixture.define("excel")
        try await fixture.define("lean")
        try await fixture.record(
            SurveyRoundOpened(
                round: "b", kind: .baseline, organisations: ["E"], competences: ["excel"], opensOn: day("2024-01-10")))
        try await fixture.record(
            SurveyRoundOpened(
                round: "f", kind: .followUp, organisations: ["E"], competences: ["excel"], opensOn: day("2024-10-01")))
        for person in ["before", "sameDayAsBaseline", "notCompleted", "onFollowUpDay", "afterFollowUp", "otherSkill"] {
            try await fixture.answer(person, of: "E", in: "b", "excel", current: 2, on: "2024-01-15")
            try await fixture.answer(person, of: "E", in: "f", "excel", current: 3, on: "2024-10-05")
        }
        try await fixture.record(
            TrainingProcured(
                training: "t", title: "Excel", provider: "LAB", kind: .joint, competences: ["excel"], costCents: 1,
                hours: 1, procuredOn: day("2023-01-01")))
        try await fixture.record(
            TrainingProcured(
                training: "l", title: "Lean", provider: "LAB", kind: .joint, competences: ["lean"], costCents: 1,
                hours: 1, procuredOn: day("2023-01-01")))
        let participations: [(TrainingID, PersonID, Bool, String)] = [
            ("t", "before", true, "2023-12-01"),  // completed before the baseline: attended
            ("t", "sameDayAsBaseline", true, "2024-01-15"),  // not after the baseline answer: attended
            ("t", "notCompleted", false, "2024-05-01"),  // attended without completing
            ("t", "onFollowUpDay", true, "2024-10-05"),  // trained
            ("t", "afterFollowUp", true, "2024-10-06"),  // after the follow-up: untrained
            ("l", "otherSkill", true, "2024-05-01"),  // a training not targeting excel: untrained
        ]
        for (training, person, completed, on) in participations {
            try await fixture.record(
                ParticipationRecorded(
                    training: training, person: person, organisation: "E", attendedHours: 1, completed: completed,
                    completedOn: completed ? day(on) : nil, recordedOn: day(on)))
        }
        let row = try await fixture.reports(minimumGroupSize: 1).effect.primaryTable.row("E", "excel")
        #expect(row?["trained_n"] == "1")
        #expect(row?["attended_n"] == "3")
        #expect(row?["untrained_n"] == "2")
        #expect(row?["attended_change"] == "1.000")
    }

    @Test func reactionScoresAndPlanActionsAsKirkpatrickLevels() async throws {
        let fixture = AnalyticsFixture()
        try await fixture.enrol("E")
        try await fixture.record(
            TrainingProcured(
                training: "t1", title: "Excel", provider: "LAB", kind: .joint, competences: ["excel"], costCents: 1,
                hours: 1, procuredOn: day("2024-03-01")))
        try await fixture.record(
            TrainingProcured(
                training: "t2", title: "Lean", provider: "LAB", kind: .joint, competences: ["lean"], costCents: 1,
                hours: 1, procuredOn: day("2024-03-01")))
        // t1: scores 5 4 4 3 5 → 21/5 = 4.2. t2: two scores → withheld.
        for score in [5, 4, 4, 3, 5] {
            try await fixture.record(TrainingFeedbackGiven(training: "t1", score: score, givenOn: day("2024-05-02")))
        }
        for score in [1, 2] {
            try await fixture.record(TrainingFeedbackGiven(training: "t2", score: score, givenOn: day("2024-05-02")))
        }
        // A plan with three actions, one completed → 1/3 = 0.333.
        let actions = ["a1", "a2", "a3"].map {
            PlanAction(
                action: $0, competence: "excel", description: PersonalText($0, about: .organisation("E")),
                targetLevel: 4, dueOn: day("2024-12-31"),
                ownerRole: .manager)
        }
        try await fixture.record(
            DevelopmentPlanAdopted(plan: "plan-e", organisation: "E", adoptedOn: day("2024-06-01"), actions: actions))
        try await fixture.record(PlanActionCompleted(plan: "plan-e", action: "a2", completedOn: day("2024-09-01")))
        let effect = try await fixture.reports().effect
        #expect(effect.tables[1].rows == [["t1", "Excel", "5", "4.200", "false"], ["t2", "Lean", "", "", "true"]])
        #expect(effect.tables[2].rows == [["E", "1", "3", "1", "0.333", "0"]])
    }
}
