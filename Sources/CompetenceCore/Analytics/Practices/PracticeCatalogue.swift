import Foundation

/// The good-practice catalogue: every documented practice with its theme, origin organisation, publication
/// and adoptions, searchable by theme and by text.
public struct PracticeCatalogue: TabularReport, Hashable {
    public let provenance: ReportProvenance
    /// Every documented practice, by id.
    public let practices: [PracticeRow]

    /// The catalogue of `state`.
    public init(state: LedgerState, provenance: ReportProvenance) {
        self.provenance = provenance
        practices = state.practices.values.sorted { $0.id < $1.id }.map(PracticeRow.init)
    }

    private init(provenance: ReportProvenance, practices: [PracticeRow]) {
        self.provenance = provenance
        self.practices = practices
    }

    /// The practices that match every criterion given: `theme` equal to the practice's theme, `text` found in
    /// its title, theme or summary (both ignoring case and diacritics: "hyvinvointi" finds "Hyvinvointi"),
    /// and published when `publishedOnly`.
    public func search(theme: String? = nil, text: String? = nil, publishedOnly: Bool = false) -> PracticeCatalogue {
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        let theme = theme?.trimming(.whitespaces)
        let text = text?.trimming(.whitespaces)
        return PracticeCatalogue(
            provenance: provenance,
            practices: practices.filter { practice in
                if publishedOnly, practice.publishedOn == nil { return false }
                if let theme, !theme.isEmpty, practice.theme.compare(theme, options: options) != .orderedSame {
                    return false
                }
                if let text, !text.isEmpty {
                    return [practice.title, practice.theme, practice.summary].contains {
                        $0.range(of: text, options: options) != nil
                    }
                }
                return true
            })
    }

    /// The distinct themes, sorted.
    public var themes: [String] { Set(practices.map(\.theme)).sorted() }

    public var tables: [ReportTable] {
        [ReportTable(name: "practices", title: "Good-practice catalogue", rows: practices)]
    }
}

/// One good practice.
public struct PracticeRow: Hashable, Sendable {
    /// The practice.
    public var practice: PracticeID
    /// Its title.
    public var title: String
    /// Its theme.
    public var theme: String
    /// The organisation it came from.
    public var origin: OrganisationID
    /// The day it was documented.
    public var documentedOn: CalendarDate
    /// The catalogue it was published in, if published.
    public var catalogue: String?
    /// The day it was published, if published.
    public var publishedOn: CalendarDate?
    /// Where it can be read.
    public var link: String?
    /// Organisations that adopted it, by id (each once).
    public var adoptedBy: [OrganisationID]
    /// What it is and how to use it.
    public var summary: String
    /// Organisations outside the programme that adopted it, by name (each once, in adoption order).
    public var adoptedOutsideBy: [String]

    init(_ record: PracticeRecord) {
        let documentation = record.documentation.event
        practice = record.id
        title = documentation.title
        theme = documentation.theme
        origin = documentation.origin
        documentedOn = documentation.documentedOn
        catalogue = record.publication?.event.catalogue
        publishedOn = record.publication?.event.publishedOn
        link = record.publication?.event.link
        adoptedBy = Set(record.adoptions.map(\.event.organisation)).sorted()
        summary = documentation.summary
        var outside: [String] = []
        for adoption in record.outsideAdoptions where !outside.contains(adoption.event.adopter.name) {
            outside.append(adoption.event.adopter.name)
        }
        adoptedOutsideBy = outside
    }
}
