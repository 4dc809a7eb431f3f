// Validation rules of good practices and pilots. The checks are in Validation/Checker+*.swift.
import Foundation

extension GoodPracticeDocumented: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.new(practice, "practice", existing: check.ledger.practices[practice], "documented")
        try check.text(title, "title")
        try check.text(theme, "theme")
        try check.activity(of: origin, on: documentedOn, "documentedOn", field: "origin")
        try check.text(summary, "summary")
    }
}

extension GoodPracticePublished: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.practice(practice, "practice")
        try check.once(record.publication?.event.publishedOn, "practice", practice, "published")
        try check.text(catalogue, "catalogue")
        let documentation = record.documentation.event
        try check.date(publishedOn, "publishedOn", programme: check.programme(of: documentation.origin))
        try check.date(publishedOn, "publishedOn", notBefore: documentation.documentedOn, "the practice was documented")
        if let link {
            try check.require(
                link.hasPrefix("https://") || link.hasPrefix("http://"), "link", link, "is not an http(s) address")
        }
    }
}

extension GoodPracticeAdopted: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.practice(practice, "practice")
        let documentation = record.documentation.event
        try check.require(
            organisation != documentation.origin, "organisation", organisation,
            "is where practice '\(practice)' comes from; it cannot adopt its own practice")
        try check.activity(of: organisation, on: adoptedOn, "adoptedOn")
        if let earlier = record.adoptions.first(where: { $0.event.organisation == organisation }) {
            throw Violation(
                "organisation", organisation, "already adopted practice '\(practice)' on \(earlier.event.adoptedOn)")
        }
        try check.date(adoptedOn, "adoptedOn", notBefore: documentation.documentedOn, "the practice was documented")
        try check.text(note, "note")
    }
}

extension PilotStarted: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        try check.new(pilot, "pilot", existing: check.ledger.pilots[pilot], "started")
        try check.activity(of: organisation, on: startedOn, "startedOn")
        try check.text(theme, "theme")
        try check.nonNegative(employeesInvolved, "employeesInvolved")
    }
}

extension PilotCompleted: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.pilot(pilot, "pilot")
        try check.once(record.completion?.event.completedOn, "pilot", pilot, "completed")
        let start = record.start.event
        try check.date(completedOn, "completedOn", programme: check.programme(of: start.organisation))
        try check.date(completedOn, "completedOn", notBefore: start.startedOn, "the pilot started")
        try check.nonNegative(employeesInvolved, "employeesInvolved")
        try check.text(outcome, "outcome")
    }
}

extension GoodPracticeAdoptedOutside: ValidatedEvent {
    func validate(_ check: Checker) throws(Violation) {
        let record = try check.practice(practice, "practice")
        try check.text(adopter.name, "adopter.name")
        try check.text(adopter.sector, "adopter.sector")
        try check.text(adopter.region, "adopter.region")
        let name = adopter.name.trimming(.whitespaces)
        if let enrolled = check.ledger.organisations.values.first(where: {
            $0.enrolment.event.name.trimming(.whitespaces)
                .compare(name, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
        }) {
            throw Violation(
                "adopter.name", adopter.name,
                "is enrolled organisation '\(enrolled.id)'; record its adoption as GoodPracticeAdopted")
        }
        if let earlier = record.outsideAdoptions.first(where: {
            $0.event.adopter.name.trimming(.whitespaces)
                .compare(name, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
        }) {
            throw Violation(
                "adopter.name", adopter.name, "already adopted practice '\(practice)' on \(earlier.event.adoptedOn)")
        }
        try check.date(adoptedOn, "adoptedOn", programme: nil)
        let documentation = record.documentation.event
        try check.date(adoptedOn, "adoptedOn", notBefore: documentation.documentedOn, "the practice was documented")
        try check.text(note, "note")
    }
}
