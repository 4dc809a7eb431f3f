# Recompute the effect report's paired means, changes and difference in differences from the tidy tables.
#
#   competence export --tables DIR --audience analyst
#   Rscript effect.R DIR [RATER] > effect.csv
#
# Base R only (the same rules as effect.py and Docs/Analytics.md; no disclosure control: analysts only).
# With the `frictionless` package, read_package(file.path(dir, "datapackage.json")) loads the same tables typed.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
rater <- if (length(args) > 1) args[2] else "self"
read <- function(name) {
  read.csv(file.path(dir, paste0(name, ".csv")), colClasses = "character", na.strings = character(0),
           encoding = "UTF-8")
}

rounds <- read("rounds")
rounds$rank <- order(order(rounds$opens_on, rounds$round))
answers <- read("answers")
answers <- answers[answers$rater == rater & answers$perspective == "current" & answers$round %in% rounds$round, ]
answers$current <- as.integer(answers$current)
answers$position <- as.integer(answers$position)
answers$kind <- rounds$kind[match(answers$round, rounds$round)]
answers$rank <- rounds$rank[match(answers$round, rounds$round)]

# The latest answer per person, round and competence (latest day, then latest position).
answers <- answers[order(answers$answered_on, answers$position, decreasing = TRUE), ]
answers <- answers[!duplicated(answers[, c("respondent", "round", "competence")]), ]
# Baseline: the earliest baseline round; follow-up: the latest follow-up round.
base <- answers[answers$kind == "baseline", ]
base <- base[order(base$rank), ]
base <- base[!duplicated(base[, c("respondent", "competence")]), ]
follow <- answers[answers$kind == "follow-up", ]
follow <- follow[order(follow$rank, decreasing = TRUE), ]
follow <- follow[!duplicated(follow[, c("respondent", "competence")]), ]
pairs <- merge(base, follow, by = c("respondent", "competence"), suffixes = c(".b", ".f"))

# Groups from participation in trainings targeting the competence.
trainings <- read("trainings")
participation <- read("participation")
exposure <- do.call(rbind, lapply(seq_len(nrow(participation)), function(i) {
  p <- participation[i, ]
  done <- if (p$completed == "true") ifelse(p$completed_on != "", p$completed_on, p$recorded_on) else NA
  day <- if (is.na(done)) p$recorded_on else min(p$recorded_on, done)
  competences <- strsplit(trainings$competences[trainings$id == p$training], "|", fixed = TRUE)[[1]]
  data.frame(respondent = p$respondent, competence = competences, day = day, done = done)
}))
pairs$group <- mapply(function(person, competence, on_b, on_f) {
  own <- exposure[exposure$respondent == person & exposure$competence == competence, ]
  if (any(!is.na(own$done) & own$done > on_b & own$done <= on_f)) return("trained")
  if (any(own$day <= on_f)) return("attended")
  "untrained"
}, pairs$respondent, pairs$competence, pairs$answered_on.b, pairs$answered_on.f)
pairs$change <- pairs$current.f - pairs$current.b

summarise <- function(rows) {
  m <- function(x) if (length(x)) mean(x) else NA
  trained <- rows$change[rows$group == "trained"]
  untrained <- rows$change[rows$group == "untrained"]
  data.frame(paired_n = nrow(rows), baseline_mean = m(rows$current.b), followup_mean = m(rows$current.f),
             mean_change = m(rows$change), trained_n = length(trained), trained_change = m(trained),
             untrained_n = length(untrained), untrained_change = m(untrained),
             difference_in_differences = m(trained) - m(untrained))
}
by_organisation <- lapply(split(pairs, list(pairs$organisation.b, pairs$competence), drop = TRUE), function(rows) {
  cbind(organisation = rows$organisation.b[1], competence = rows$competence[1], summarise(rows))
})
all <- lapply(split(pairs, pairs$competence), function(rows) {
  cbind(organisation = "ALL", competence = rows$competence[1], summarise(rows))
})
result <- do.call(rbind, c(by_organisation, all))
result <- result[order(result$organisation == "ALL", result$organisation, result$competence), ]
for (column in c("baseline_mean", "followup_mean", "mean_change", "trained_change", "untrained_change",
                 "difference_in_differences")) {
  result[[column]] <- ifelse(is.na(result[[column]]), "", sprintf("%.3f", result[[column]]))
}
write.csv(result, stdout(), row.names = FALSE, quote = FALSE)
