import CompetenceCore
import Foundation
import Testing

/// ``CellFormat/number(_:)`` calls the C library's `%.3f` directly: the same text as `String(format:)` gave, for
/// every magnitude, for values on and beside the rounding ties, and for the largest doubles.
@Suite("Cell format: numbers as String(format:) gives them")
struct CellFormatTests {
    static func reference(_ value: Double) -> String {
        let text = String(format: "%.3f", value)
        return text == "-0.000" ? "0.000" : text
    }

    @Test func randomValuesOfEveryMagnitude() {
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<20_000 {
            let exponent = Int(generator.next(below: 80)) - 40
            let mantissa = Double(generator.next() >> 11) / Double(1 << 53)
            let value = (generator.next() & 1 == 0 ? 1 : -1) * mantissa * pow(10, Double(exponent))
            #expect(CellFormat.number(value) == Self.reference(value), "\(value)")
        }
    }

    @Test func tiesAndTheirNeighbours() {
        for numerator in -5_000...5_000 {
            let tie = Double(numerator) / 2_000
            for value in [tie, tie.nextUp, tie.nextDown] {
                #expect(CellFormat.number(value) == Self.reference(value), "\(value)")
            }
        }
    }

    @Test func extremes() {
        for value in [
            0, -0.0, -0.0004999, 0.0005, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude,
            Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1e15 + 0.0625, 123_456_789.987_654_3,
        ] {
            #expect(CellFormat.number(value) == Self.reference(value), "\(value)")
        }
        #expect(CellFormat.number(-Double.greatestFiniteMagnitude).count == 314)
        #expect(CellFormat.number(.infinity) == "" && CellFormat.number(-.infinity) == "")
    }
}
