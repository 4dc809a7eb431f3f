import CompetenceCore
import Foundation
import Testing

private struct Nested: Codable, Hashable {
    enum Kind: String, Codable { case alpha, beta }
    var kind: Kind
    var note: String?
}

private struct Sampler: Codable, Hashable {
    var id: UUID
    var name: String
    var count: Int
    var big: Int64
    var small: UInt8
    var ratio: Double
    var float: Float
    var flag: Bool
    var when: Date
    var maybe: Int?
    var missing: String?
    var list: [Int]
    var optionals: [String?]
    var nested: Nested
    var nestedList: [Nested]
    var blob: Data
}

@Suite("Compact coding")
struct CompactCodingTests {
    private let sample = Sampler(
        id: UUID(), name: "Päijät-Häme ; 'quoted' \"x\"", count: -42, big: .min, small: 255, ratio: 3.25,
        float: 1.5, flag: true, when: Date(timeIntervalSinceReferenceDate: 12345.678), maybe: 7, missing: nil,
        list: [1, -2, 300_000], optionals: ["a", nil, "c"], nested: Nested(kind: .beta, note: nil),
        nestedList: [Nested(kind: .alpha, note: "n")], blob: Data([0, 1, 2, 255]))

    @Test func roundTripsEveryKindOfField() throws {
        let bytes = try CompactEncoder().encode(sample)
        #expect(try CompactDecoder().decode(Sampler.self, from: bytes) == sample)
        #expect(bytes.count < (try JSONPayloadCoding.encode(sample)).count)
    }

    @Test(arguments: [1, 5, 17, 40])
    func truncatedBytesThrow(cut: Int) throws {
        let bytes = try CompactEncoder().encode(sample)
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Sampler.self, from: bytes.prefix(cut)) }
    }

    @Test func trailingBytesThrow() throws {
        let bytes = try CompactEncoder().encode(sample) + Data([9])
        #expect(throws: DecodingError.self) { try CompactDecoder().decode(Sampler.self, from: bytes) }
    }

    @Test func dictionariesAreRefusedNotSilentlyEmptied() throws {
        let bytes = try CompactEncoder().encode(["a": 1])
        #expect(throws: DecodingError.self) { try CompactDecoder().decode([String: Int].self, from: bytes) }
    }
}
