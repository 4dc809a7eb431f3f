/// Needs: a training or a plan action may name the need it answers; the need must be one the ledger holds.
extension Checker {
    /// Refuses a need whose organisation or competence is unknown, or that its source does not name: an
    /// interview need must be in a management interview of the organisation, a foresight need among a foresight
    /// workshop's future needs, a training need an identified training need. A survey gap is accepted for any
    /// known organisation and competence (gaps move with every survey round).
    func need(_ need: NeedReference, _ field: String) throws(Violation) {
        _ = try organisation(need.organisation, "\(field).organisation")
        _ = try competence(need.competence, "\(field).competence")
        try self.need(need.origin, of: need.organisation, for: need.competence, "\(field).origin")
    }

    /// Refuses a need of `organisation` for `competence` that `origin` does not name (see ``need(_:_:)``).
    func need(
        _ origin: NeedOrigin, of organisation: OrganisationID, for competence: CompetenceID, _ field: String
    ) throws(Violation) {
        let named: Bool
        switch origin {
        case .surveyGap:
            named = true
        case .interview:
            named = ledger.interviews.contains { fact in
                fact.event.organisation == organisation
                    && fact.event.identifiedNeeds.contains { $0.competence == competence }
            }
        case .foresight:
            named = ledger.foresightWorkshops.contains { fact in
                fact.event.organisation == organisation
                    && fact.event.futureNeeds.contains { $0.competence == competence }
            }
        case .trainingNeed:
            named = ledger.trainingNeeds.contains {
                $0.event.organisation == organisation && $0.event.competence == competence
            }
        }
        try require(
            named, field, origin.rawValue,
            "names no \(origin.rawValue) need of organisation '\(organisation)' for competence '\(competence)'")
    }
}
