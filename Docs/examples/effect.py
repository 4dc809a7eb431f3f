#!/usr/bin/env python3
"""Recompute the effect report's paired means, changes and difference in differences from the tidy tables.

    competence export --tables DIR --audience analyst
    python3 effect.py DIR [--rater self] > effect.csv

Reads answers.csv, rounds.csv, trainings.csv and participation.csv (Python's standard library only) and prints
one CSV row per organisation x competence and one per competence for ALL organisations, with the columns of
`competence report effect --format csv` that it recomputes. It applies no disclosure control: the report
withholds small groups; this script shows every figure (for analysts only).

The rules are the report's (Docs/Analytics.md):
- answers of one rater, perspective `current`; per person, round and competence the latest answer counts
  (latest answer day, then latest global position);
- a person's baseline is their earliest baseline round (by opening day, then round id), the follow-up their
  latest follow-up round; the person counts for the organisation of their baseline answer;
- trained: completed a training targeting the competence after the baseline answer day and on or before the
  follow-up answer day; attended: took part on or before the follow-up day without that; untrained: neither.
  A participation's completion day is completed_on, else recorded_on; its day the earlier of that and recorded_on;
- difference in differences = mean change of the trained - mean change of the untrained.
"""
import argparse
import csv
import os
import sys
from collections import defaultdict


def read(directory, name):
    with open(os.path.join(directory, name + ".csv"), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def mean(values):
    return sum(values) / len(values) if values else None


def cell(value):
    if value is None:
        return ""
    text = "%.3f" % value
    return "0.000" if text == "-0.000" else text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--rater", default="self")
    arguments = parser.parse_args()
    directory = arguments.directory

    rounds = {row["round"]: row for row in read(directory, "rounds")}
    rank = {name: place for place, name in enumerate(sorted(rounds, key=lambda r: (rounds[r]["opens_on"], r)))}

    # The latest answer per person, round and competence.
    latest = {}
    for answer in read(directory, "answers"):
        if answer["rater"] != arguments.rater or answer["perspective"] != "current" or answer["round"] not in rounds:
            continue
        key = (answer["respondent"], answer["round"], answer["competence"])
        order = (answer["answered_on"], int(answer["position"]))
        if key not in latest or order > latest[key][0]:
            latest[key] = (order, answer)

    # Each person's baseline (earliest baseline round) and follow-up (latest follow-up round) per competence.
    baselines, followups = {}, {}
    for (person, round_id, competence), (_, answer) in latest.items():
        key = (person, competence)
        if rounds[round_id]["kind"] == "baseline":
            if key not in baselines or rank[round_id] < rank[baselines[key]["round"]]:
                baselines[key] = answer
        else:
            if key not in followups or rank[round_id] > rank[followups[key]["round"]]:
                followups[key] = answer

    # Participations per person and competence: (day, completion day or None).
    targets = {row["id"]: [c for c in row["competences"].split("|") if c] for row in read(directory, "trainings")}
    exposure = defaultdict(list)
    for row in read(directory, "participation"):
        completed_on = (row["completed_on"] or row["recorded_on"]) if row["completed"] == "true" else None
        day = min(row["recorded_on"], completed_on or row["recorded_on"])
        for competence in targets.get(row["training"], []):
            exposure[(row["respondent"], competence)].append((day, completed_on))

    def group(key, baseline_on, followup_on):
        own = exposure.get(key, [])
        if any(done is not None and baseline_on < done <= followup_on for _, done in own):
            return "trained"
        return "attended" if any(day <= followup_on for day, _ in own) else "untrained"

    changes = defaultdict(list)  # (organisation, competence) -> [(baseline, follow-up, group)]
    for key, baseline in baselines.items():
        followup = followups.get(key)
        if followup is None:
            continue
        change = (
            int(baseline["current"]),
            int(followup["current"]),
            group(key, baseline["answered_on"], followup["answered_on"]),
        )
        changes[(baseline["organisation"], key[1])].append(change)
        changes[("ALL", key[1])].append(change)

    # Rows: every organisation x competence asked in a baseline and a follow-up round, and every one with pairs.
    asked = defaultdict(set)
    for row in rounds.values():
        for organisation in filter(None, row["organisations"].split("|")):
            for competence in filter(None, row["competences"].split("|")):
                asked[row["kind"]].add((organisation, competence))
    pairs = (asked["baseline"] & asked["follow-up"]) | {key for key in changes if key[0] != "ALL"}
    competences = sorted({competence for _, competence in pairs})
    ordered = sorted(pairs) + [("ALL", competence) for competence in competences]

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([
        "organisation", "competence", "paired_n", "baseline_mean", "followup_mean", "mean_change",
        "trained_n", "trained_change", "untrained_n", "untrained_change", "difference_in_differences",
    ])
    for organisation, competence in ordered:
        group_changes = changes.get((organisation, competence), [])
        change = [after - before for before, after, _ in group_changes]
        trained = [after - before for before, after, kind in group_changes if kind == "trained"]
        untrained = [after - before for before, after, kind in group_changes if kind == "untrained"]
        did = None
        if trained and untrained:
            did = mean(trained) - mean(untrained)
        writer.writerow([
            organisation, competence, len(group_changes),
            cell(mean([before for before, _, _ in group_changes])),
            cell(mean([after for _, after, _ in group_changes])),
            cell(mean(change)), len(trained), cell(mean(trained)), len(untrained), cell(mean(untrained)), cell(did),
        ])


if __name__ == "__main__":
    main()
