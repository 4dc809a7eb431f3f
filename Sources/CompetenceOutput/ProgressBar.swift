import Foundation

/// A progress bar on stderr, drawn only when stderr is a terminal; silent otherwise (pipes, CI logs, tests).
package struct ProgressBar: Sendable {
    /// What is being done, e.g. `survey.csv`.
    package let label: String
    /// The amount of work in all.
    package let total: Int
    /// Whether anything is drawn.
    package let isVisible: Bool

    /// Creates a bar that draws when stderr is a terminal and there is enough work to show.
    package init(label: String, total: Int, isVisible: Bool = Console.stderrIsTerminal) {
        self.label = TerminalText.sanitised(label, .singleLine)
        self.total = max(total, 1)
        self.isVisible = isVisible
    }

    /// Redraws the bar at `done` units.
    package func update(_ done: Int) {
        guard isVisible else { return }
        let width = 30
        let fraction = min(Double(done) / Double(total), 1)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let text = "\r\(label) [\(bar)] \(done)/\(total) (\(Int(fraction * 100))%)"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Ends the bar's line.
    package func finish() {
        guard isVisible else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
