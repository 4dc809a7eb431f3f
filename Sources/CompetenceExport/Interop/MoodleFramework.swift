import CompetenceCore
import Foundation

/// `export --moodle-framework FILE`: the competences as one Moodle competency framework in the CSV format of
/// Moodle's `tool_lpimportcsv` (Site administration › Competencies › Import competency framework).
///
/// - The header is exactly the tool's 14 columns (``header``).
/// - The first row is the framework: its id number, short name and description, the scale (1–5 by default:
///   `Scale values` the levels' names, `Scale configuration` which level is the default — the lowest — and
///   which count as proficient: from the scale's `proficientFrom`, 4 on the standard scale, so 4 and 5), `Is
///   framework` `1`, taxonomy `domain,competency`.
/// - Then one row per category (a `domain`, id number `category:NAME`), then each competence under its category
///   (id number the competence id, short name its name, the description naming its ESCO skill URI when it has
///   one, its exported id a running number). A competence whose scale or proficiency differs from the
///   framework's carries its own `Scale values` and `Scale configuration`.
/// - Descriptions are HTML (`Description format` `1`), escaped; cells that a spreadsheet would run as formulas
///   are neutralised as in every CSV output.
package struct MoodleFramework: Sendable {
    /// `tool_lpimportcsv`'s header, exactly.
    package static let header =
        "\"Parent id number\",\"Id number\",Shortname,Description,\"Description format\",\"Scale values\","
        + "\"Scale configuration\",\"Rule type (optional)\",\"Rule outcome (optional)\",\"Rule config (optional)\","
        + "\"Cross referenced competency id numbers\",\"Exported id (optional)\",\"Is framework\",Taxonomy"

    /// The framework's id number in Moodle.
    package var idNumber: String
    /// Its short name.
    package var shortName: String
    /// The scale of the framework (levels a competence with the same scale and proficiency inherits).
    package var scale: LevelScale

    /// A framework named `idNumber` / `shortName` on `scale`.
    package init(idNumber: String, shortName: String, scale: LevelScale = .standard) {
        self.idNumber = idNumber
        self.shortName = shortName
        self.scale = scale
    }

    /// The CSV file of `state`'s competences (retired ones left out).
    package func csv(of state: LedgerState) -> String {
        var rows: [[String]] = []
        rows.append([
            "", idNumber, shortName,
            Self.html(
                "Competences of the Competence Ledger on a \(scale.minimum)–"
                    + "\(scale.maximum) scale."), "1", Self.values(scale), Self.configuration(scale), "", "", "",
            "", "", "1", "domain,competency",
        ])
        let competences = state.competences.values.filter { $0.retiredOn == nil }.sorted { $0.id < $1.id }
        let categories = Set(competences.map(\.definition.event.category)).sorted()
        var exported = 0
        for category in categories {
            exported += 1
            rows.append([
                "", "category:" + category, category, Self.html("Category \(category)."), "1", "", "", "", "0",
                "null", "", String(exported), "", "",
            ])
            for record in competences where record.definition.event.category == category {
                exported += 1
                let event = record.definition.event
                let own = Self.effective(event.scale) != Self.effective(scale)
                var description = event.name
                if let uri = event.escoURI { description += " (ESCO: \(uri))" }
                rows.append([
                    "category:" + category, event.competence.rawValue, event.name, Self.html(description), "1",
                    own ? Self.values(event.scale) : "", own ? Self.configuration(event.scale) : "", "", "0", "null",
                    "", String(exported), "", "",
                ])
            }
        }
        return
            ([Self.header] + rows.map { $0.map { TableCSV.quote(SpreadsheetText.escaped($0)) }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    /// The scale's levels and the lowest proficient one (the scale's own, else 4 of 1–5, else its maximum).
    private static func effective(_ scale: LevelScale) -> [Int] {
        [scale.minimum, scale.maximum, proficientFrom(scale)]
    }

    private static func proficientFrom(_ scale: LevelScale) -> Int {
        scale.proficientFrom ?? (scale.contains(4) && scale.maximum == 5 ? 4 : scale.maximum)
    }

    /// `Scale values`: the levels' names, comma-separated (a comma inside a name becomes `;`).
    static func values(_ scale: LevelScale) -> String {
        (scale.minimum...scale.maximum).map { level in
            let index = level - scale.minimum
            let label = index < scale.labels.count ? " \(scale.labels[index])" : ""
            return "\(level)\(label)".replacingOccurrences(of: ",", with: ";")
        }.joined(separator: ",")
    }

    /// `Scale configuration`: the lowest level the default, the proficient ones marked.
    static func configuration(_ scale: LevelScale) -> String {
        let from = proficientFrom(scale)
        let items = (scale.minimum...scale.maximum).enumerated().map { index, level in
            "{\"id\":\(index + 1),\"scaledefault\":\(index == 0 ? 1 : 0),\"proficient\":\(level >= from ? 1 : 0)}"
        }
        return "[{\"scaleid\":\"0\"}," + items.joined(separator: ",") + "]"
    }

    private static func html(_ text: String) -> String {
        "<p>"
            + text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;") + "</p>"
    }
}
