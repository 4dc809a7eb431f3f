import CompetenceCore
import Foundation
import TestSupport
import Testing

@testable import CompetenceReports

/// The effect page in real headless Chromium: the forest plots are there, and no two axis labels (row labels,
/// tick labels, bar-group labels, legends) overlap as rendered.
@Suite("HTML: the effect page's labels in headless Chromium")
struct EffectPageBrowserTests {
    /// Appended to a copy of the page by this test only: measures every `text.axis` box and writes the
    /// overlapping pairs (and the number of labels) into the DOM, which `--dump-dom` prints.
    static let measuring = """
        <script>
        const boxes = [...document.querySelectorAll('svg text.axis')].map(t => [t.textContent, t.getBoundingClientRect()]);
        const overlaps = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
          const [a, r] = boxes[i], [b, s] = boxes[j];
          const w = Math.min(r.right, s.right) - Math.max(r.left, s.left);
          const h = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
          if (w > 0.5 && h > 0.5) overlaps.push(a + ' / ' + b);
        }
        const out = document.createElement('pre');
        out.id = 'measured';
        out.textContent = 'labels=' + boxes.length + ';overlaps=' + overlaps.length + ';' + overlaps.slice(0, 5).join('|');
        document.body.appendChild(out);
        </script>
        """

    @Test("forest plots of change and DiD; no two rendered axis labels overlap")
    func labelsDoNotOverlap() async throws {
        // At the default minimum group (5), with enough people that no effect row is withheld.
        let reports = try await ReportSamples.crowded()
        #expect(reports.effect.rows.allSatisfy { !$0.suppressed && !$0.splitSuppressed })
        let document = try ReportDocument(name: .effect, reports: reports, organisation: nil)
        let captions = document.charts.map(\.caption)
        #expect(captions.contains("Mean change with its 95 % interval, per competence and organisation"))
        #expect(captions.contains("Difference in differences (trained − untrained) with Welch's 95 % interval"))
        // Long competence names (occupational-safety, production-planning) are among the labels.
        let page = HTMLPage.render(document)
        #expect(page.contains("occupational-safety"))

        let browser = try #require(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            },
            "headless Chromium is needed to measure the rendered labels: apt-get install -y chromium")
        let directory = try TemporaryDirectory("effect-page")
        let file = try directory.write(
            "effect.html", page.replacingOccurrences(of: "</body>", with: Self.measuring + "</body>"))
        let run = try await Subprocess.run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,900", "--dump-dom",
                URL(fileURLWithPath: file).absoluteString,
            ], in: directory.url)
        #expect(run.succeeded, "chromium failed: \(run.stderr)")
        let measured = try #require(
            run.stdout.range(of: "labels=[0-9]+;overlaps=[0-9]+;[^<]*", options: .regularExpression).map {
                String(run.stdout[$0])
            })
        let fields = measured.split(separator: ";", maxSplits: 2).map(String.init)
        let labels = Int(fields[0].dropFirst("labels=".count)) ?? 0
        // Both forest plots list every effect row; the bar charts add their groups, ticks and legends.
        #expect(labels > 2 * reports.effect.rows.count)
        #expect(fields[1] == "overlaps=0", "overlapping labels: \(fields.count > 2 ? fields[2] : "")")
    }
}
