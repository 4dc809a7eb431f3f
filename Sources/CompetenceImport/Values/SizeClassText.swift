import CompetenceCore
import Foundation

/// How registers, statistics offices and people write an organisation's size, normalised to a ``SizeClass``
/// (the EU's classes by persons employed: micro 0–9, small 10–49, medium 50–249, large 250 or more):
///
/// - a word: `micro`, `small`, `medium`, `large`, also Finnish (`mikro`, `pieni`, `keskisuuri`, `suuri`) and
///   Swedish (`mikro`, `liten`, `medelstor`, `stor`), any case;
/// - a head count: a whole number of persons, e.g. `37`;
/// - a band: `LOW-HIGH` or `LOW+` (hyphen, en dash or minus sign; spaces and the words `persons`, `henkilöä`,
///   `hlö` after it allowed), which must lie within one class — `1-9`, `10-49`, `50-249`, `250+`, and the finer
///   bands of Statistics Finland's register (`1-4`, `5-9`, `10-19`, `20-49`, `50-99`, `100-249`, `250-499`,
///   `500-999`, `1000+`). A band across two classes (`5-19`) says no class and is refused.
enum SizeClassText {
    /// The class the text names, or `nil`.
    static func sizeClass(_ text: String) -> SizeClass? {
        let folded = text.lowercased().trimming(.whitespaces)
        if let word = words[folded] { return word }
        var compact = folded.filter { !$0.isWhitespace }
        for unit in ["henkilöä", "henkilöt", "hlö", "persons", "employees", "personer"] where compact.hasSuffix(unit) {
            compact.removeLast(unit.count)
        }
        if let count = Int(compact), count >= 0 { return of(count) }
        if compact.hasSuffix("+"), let low = Int(compact.dropLast()), low >= 0 {
            return of(low) == of(Int.max) ? of(low) : nil
        }
        let bounds = compact.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "−" })
        guard bounds.count == 2, compact.filter({ $0 == "-" || $0 == "–" || $0 == "−" }).count == 1,
            let low = Int(bounds[0]), let high = Int(bounds[1]), 0 <= low, low <= high
        else { return nil }
        return of(low) == of(high) ? of(low) : nil
    }

    /// What a cell must look like, for messages.
    static let expectation =
        "a size class (micro, small, medium, large), a head count such as 37, or a band within one class "
        + "such as 1-9, 10-49, 50-249 or 250+"

    /// The class of a head count.
    private static func of(_ persons: Int) -> SizeClass {
        switch persons {
        case ..<10: .micro
        case ..<50: .small
        case ..<250: .medium
        default: .large
        }
    }

    private static let words: [String: SizeClass] = [
        "micro": .micro, "small": .small, "medium": .medium, "large": .large,
        "mikro": .micro, "pieni": .small, "keskisuuri": .medium, "suuri": .large,
        "liten": .small, "medelstor": .medium, "stor": .large,
        "mikroyritys": .micro, "pienyritys": .small, "keskisuuri yritys": .medium, "suuryritys": .large,
    ]
}
