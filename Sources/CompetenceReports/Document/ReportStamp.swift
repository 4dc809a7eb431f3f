import CompetenceCore
import Foundation

/// The machine-readable provenance a report carries so `competence verify-report` can check it against the
/// store: which report in which format (and for which organisation), the scope, the programme or pilot
/// (absent when the report covers every programme) and audience, every option
/// that changes a figure, the last position used, the history head, the SHA-256 over the canonical bytes of
/// exactly the events used, and one 8-byte digest per event read (positions 1 to the head).
///
/// Written as one line `competence-report-stamp: {JSON}` at the end of a table report and inside an HTML
/// comment at the end of a page; as the field `stamp` of a JSON report.
package struct ReportStamp: Codable, Hashable, Sendable {
    /// The marker that starts the stamp's line.
    package static let marker = "competence-report-stamp: "

    package var report: String
    package var format: String
    package var organisation: String?
    package var programme: String?
    package var pilot: String?
    package var scope: String
    package var scopeDay: String?
    package var scopePosition: Int64?
    package var audience: String
    package var minimumGroupSize: Int
    package var today: String
    package var matrixRound: String?
    package var rater: String?
    package var topGaps: Int
    package var lastPosition: Int64
    package var eventCount: Int
    package var eventsSHA256: String
    package var headPosition: Int64
    package var headHash: String
    package var eventDigests: String

    enum CodingKeys: String, CodingKey {
        case report, format, organisation, programme, pilot, scope, audience, today, rater
        case scopeDay = "scope_day"
        case scopePosition = "scope_position"
        case minimumGroupSize = "minimum_group_size"
        case matrixRound = "matrix_round"
        case topGaps = "top_gaps"
        case lastPosition = "last_position"
        case eventCount = "event_count"
        case eventsSHA256 = "events_sha256"
        case headPosition = "head_position"
        case headHash = "head_hash"
        case eventDigests = "event_digests"
    }

    /// The stamp of `document` rendered as `format`.
    package init(_ document: ReportDocument, format: ReportFormat, organisation: String?) {
        let provenance = document.provenance
        report = document.name.rawValue
        self.format = format.rawValue
        self.organisation = organisation
        programme = provenance.reportScope.programme?.rawValue
        pilot = provenance.reportScope.pilot?.rawValue
        switch provenance.scope {
        case .everything: scope = "everything"
        case .asOf(let day):
            scope = "as-of"
            scopeDay = day.description
        case .effectiveOn(let day):
            scope = "effective-on"
            scopeDay = day.description
        case .throughPosition(let position):
            scope = "position"
            scopePosition = position
        }
        audience = document.audience.rawValue
        minimumGroupSize = provenance.minimumGroupSize
        today = provenance.today.description
        matrixRound = provenance.matrixRound?.rawValue
        rater = provenance.rater?.rawValue
        topGaps = provenance.topGaps
        lastPosition = provenance.lastPosition
        eventCount = provenance.eventCount
        eventsSHA256 = provenance.usedEventsHash.description
        headPosition = provenance.head?.position ?? 0
        headHash = (provenance.head?.hash ?? .zero).description
        eventDigests = Self.base64(bigEndian: provenance.eventDigests)
    }

    /// The replay scope it names; `nil` when malformed.
    package var replayScope: ReplayScope? {
        switch scope {
        case "everything": .everything
        case "as-of": scopeDay.flatMap(CalendarDate.init).map(ReplayScope.asOf)
        case "effective-on": scopeDay.flatMap(CalendarDate.init).map(ReplayScope.effectiveOn)
        case "position": scopePosition.map(ReplayScope.throughPosition)
        default: nil
        }
    }

    /// The options it names; `nil` when malformed.
    package var options: AnalyticsOptions? {
        guard let day = CalendarDate(today) else { return nil }
        let round = matrixRound.map { RoundID($0) }
        let chosen = rater.flatMap(Rater.init(rawValue:))
        if rater != nil, chosen == nil { return nil }
        guard let audience = ReportAudience(rawValue: audience) else { return nil }
        let scope = ReportScope(programme: programme.map { ProgrammeID($0) }, pilot: pilot.map { PilotID($0) })
        return try? AnalyticsOptions(
            today: day, minimumGroupSize: minimumGroupSize, matrixRound: round, rater: chosen, topGaps: topGaps,
            audience: audience, scope: scope)
    }

    /// The per-event digests; `nil` when malformed.
    package var digests: [UInt64]? {
        guard let data = Data(base64Encoded: eventDigests), data.count % 8 == 0 else { return nil }
        return stride(from: 0, to: data.count, by: 8).map { start in
            data[data.startIndex + start..<data.startIndex + start + 8].reduce(0) { $0 << 8 | UInt64($1) }
        }
    }

    /// The stamp as one line of compact JSON (sorted keys; `--` never appears, so it fits an HTML comment).
    ///
    /// The per-event digests (8 bytes an event: about 107 MB of base64 at 10 million events) are spliced into
    /// the encoded rest as they are, not passed through the encoder and the `--` replacement: base64 needs no
    /// JSON escape and holds no `-`. Digests that are not base64 (a stamp read from a tampered file) go the
    /// whole way through the encoder.
    package func line() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let encode = { (stamp: ReportStamp) throws -> String in
            String(decoding: try encoder.encode(stamp), as: UTF8.self).replacingOccurrences(of: "--", with: "-\\u002d")
        }
        var rest = self
        rest.eventDigests = ""
        // Keys are sorted and every value is escaped, so the first `"event_digests":""` is the field itself.
        let emptyField = #""event_digests":"""#
        guard Self.isBase64(eventDigests), case let json = try encode(rest), let field = json.range(of: emptyField)
        else { return Self.marker + (try encode(self)) }
        var line = Self.marker
        // Room for what a caller appends (the sidecar's withheld counts) without copying the line again.
        line.reserveCapacity(Self.marker.utf8.count + json.utf8.count + eventDigests.utf8.count + 4_096)
        line += json[..<field.lowerBound]
        line += #""event_digests":""#
        line += eventDigests
        line += "\""
        line += json[field.upperBound...]
        return line
    }

    /// The digests' bytes, each big-endian, in base64 — exactly `Data.base64EncodedString()` of those bytes
    /// (standard alphabet, `=` padding, one line), written straight from the digests: at 10 million events the
    /// bytes in between would be two more copies of 80 MB.
    static func base64(bigEndian digests: [UInt64]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let byteCount = digests.count * 8
        let length = (byteCount + 2) / 3 * 4
        return String(unsafeUninitializedCapacity: length) { out in
            digests.withUnsafeBufferPointer { digests in
                func byte(_ index: Int) -> UInt32 {
                    UInt32(truncatingIfNeeded: digests[index >> 3] >> (56 - 8 * (index & 7)) & 0xFF)
                }
                var written = 0
                func emit(_ group: UInt32, _ characters: Int) {
                    for shift in stride(from: 18, through: 0, by: -6) {
                        out[written] = 18 - shift < characters * 6 ? alphabet[Int(group >> UInt32(shift) & 63)] : 61
                        written += 1
                    }
                }
                var index = 0
                while index + 3 <= byteCount {
                    emit(byte(index) << 16 | byte(index + 1) << 8 | byte(index + 2), 4)
                    index += 3
                }
                switch byteCount - index {
                case 1: emit(byte(index) << 16, 2)
                case 2: emit(byte(index) << 16 | byte(index + 1) << 8, 3)
                default: break
                }
            }
            return length
        }
    }

    /// Whether `text` holds only base64's characters (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`, `=`).
    private static func isBase64(_ text: String) -> Bool {
        var text = text
        // Over the contiguous bytes with a table: 107 MB at 10 million events.
        return text.withUTF8 { bytes in
            base64Bytes.withUnsafeBufferPointer { table in bytes.allSatisfy { table[Int($0)] } }
        }
    }

    /// Whether each byte value is one of base64's: the standard alphabet and `=`.
    private static let base64Bytes: [Bool] = (0...255).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
            true
        default: false
        }
    }

    /// Finds the stamp in a rendered report (any format that carries one); `nil` when there is none.
    package static func find(in text: String) -> ReportStamp? {
        let decoder = JSONDecoder()
        if text.hasPrefix("{"), let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let stamp = object["stamp"],
            let stampData = try? JSONSerialization.data(withJSONObject: stamp)
        {
            return try? decoder.decode(ReportStamp.self, from: stampData)
        }
        guard let range = text.range(of: marker, options: .backwards) else { return nil }
        let rest = text[range.upperBound...]
        let json = rest.prefix { $0 != "\n" && $0 != "\r" }
        let trimmed = json.hasSuffix(" -->") ? json.dropLast(4) : json
        return try? decoder.decode(ReportStamp.self, from: Data(trimmed.utf8))
    }
}
