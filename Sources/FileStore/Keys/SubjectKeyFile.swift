import CompetenceCore
import Foundation

/// The content of a FileStore's key file (`subject-keys`): every data subject's key and every tombstone, as
/// one JSON object (see `Docs/FileStore-Format.md`, "The key file").
struct SubjectKeyFile: Sendable, Equatable {
    static let name = "subject-keys"
    static let format = "competence-ledger subject keys"
    static let version = 1

    var keys: [DataSubject: SubjectKey] = [:]
    var erased: [DataSubject: Date] = [:]

    private struct Document: Codable {
        var format: String
        var version: Int
        var keys: [KeyEntry]
        var erased: [Tombstone]
    }

    private struct KeyEntry: Codable {
        var subject: String
        var key: String
    }

    private struct Tombstone: Codable {
        var subject: String
        var erasedAt: String

        enum CodingKeys: String, CodingKey {
            case subject
            case erasedAt = "erased_at"
        }
    }

    init() {}

    /// The file's bytes: keys and tombstones sorted by subject.
    func encoded() throws -> Data {
        let document = Document(
            format: Self.format, version: Self.version,
            keys: keys.sorted { $0.key < $1.key }.map {
                KeyEntry(subject: $0.key.description, key: $0.value.bytes.base64EncodedString())
            },
            erased: erased.sorted { $0.key < $1.key }.map {
                Tombstone(subject: $0.key.description, erasedAt: EventTime.format($0.value))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = try encoder.encode(document)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Reads the file's bytes; the reason names what is wrong.
    init(decoding bytes: Data) throws(KeyFileProblem) {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: bytes)
        } catch {
            throw KeyFileProblem("not a key file (\(error))")
        }
        guard document.format == Self.format, document.version == Self.version else {
            throw KeyFileProblem("format '\(document.format)' version \(document.version) is not known")
        }
        for entry in document.keys {
            guard let subject = DataSubject(entry.subject) else {
                throw KeyFileProblem("'\(entry.subject)' is not a data subject")
            }
            guard let raw = Data(base64Encoded: entry.key), let key = SubjectKey(bytes: raw) else {
                throw KeyFileProblem("the key of \(subject) is not 32 bytes in base64")
            }
            keys[subject] = key
        }
        for tombstone in document.erased {
            guard let subject = DataSubject(tombstone.subject) else {
                throw KeyFileProblem("'\(tombstone.subject)' is not a data subject")
            }
            guard let time = EventTime.parse(tombstone.erasedAt) else {
                throw KeyFileProblem("erased_at '\(tombstone.erasedAt)' of \(subject) is not a UTC time")
            }
            guard keys[subject] == nil else { throw KeyFileProblem("\(subject) is erased and still has a key") }
            erased[subject] = time
        }
    }
}

/// What is wrong with a key file.
struct KeyFileProblem: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
