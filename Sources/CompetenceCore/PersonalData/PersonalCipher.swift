import Crypto
import Foundation

/// The one place personal data meets AES-256-GCM (swift-crypto).
///
/// A sealed box is: one version byte (`1`), the 12-byte nonce, the ciphertext, the 16-byte tag. The
/// additional authenticated data is `competence-ledger personal-data v1 ` followed by the subject
/// (`person:ID`), so a sealed value cannot be passed off as another subject's. The plaintext is the value's
/// JSON form inside a one-element array (`["text"]`), so any ``PersonalValue`` seals the same way.
///
/// The nonce is synthetic (as in AES-GCM-SIV): the first 12 bytes of HMAC-SHA-256, keyed with a key derived
/// from the subject's key by HKDF, over the additional data and the plaintext. So one value sealed twice with
/// one key gives the same bytes (a retried or repeated recording is byte-identical, and two recordings with
/// the same keys give the same history), while two different values never share a nonce except by a 2⁻⁹⁶
/// accident. What it reveals: that two sealed values of the same subject are equal, nothing more.
enum PersonalCipher {
    static let version: UInt8 = 1
    static let nonceSize = 12
    static let tagSize = 16

    /// Whether `bytes` has the layout of a sealed box (it may still fail to open).
    static func isWellFormed(_ bytes: Data) -> Bool {
        bytes.count >= 1 + nonceSize + tagSize && bytes.first == version
    }

    /// Seals `value` about `subject` with `key`. A structured value (a participant's profile) is encoded with
    /// its keys sorted, so the same value always gives the same plaintext, nonce and box (a text's plaintext,
    /// `["…"]`, has no keys and is as before).
    static func seal<Value: PersonalValue>(_ value: Value, about subject: DataSubject, key: SubjectKey) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let plaintext = try encoder.encode([value])
        let additional = additionalData(subject)
        let nonceKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key.symmetricKey, info: Data("competence-ledger personal-data nonce v1".utf8),
            outputByteCount: 32)
        var authenticated = HMAC<SHA256>(key: nonceKey)
        authenticated.update(data: additional)
        authenticated.update(data: plaintext)
        let nonce = try AES.GCM.Nonce(data: Data(authenticated.finalize()).prefix(nonceSize))
        let box = try AES.GCM.seal(plaintext, using: key.symmetricKey, nonce: nonce, authenticating: additional)
        var bytes = Data([version])
        bytes.append(contentsOf: box.nonce)
        bytes.append(box.ciphertext)
        bytes.append(box.tag)
        return bytes
    }

    /// Opens a sealed box about `subject`; throws when the key is not the one it was sealed with or the bytes
    /// were changed.
    static func open<Value: PersonalValue>(
        _ bytes: Data, as type: Value.Type, about subject: DataSubject, key: SubjectKey
    ) throws -> Value {
        guard isWellFormed(bytes) else { throw PersonalDataError.unreadable(subject: subject) }
        let body = bytes.dropFirst()
        let nonce = try AES.GCM.Nonce(data: body.prefix(nonceSize))
        let box = try AES.GCM.SealedBox(
            nonce: nonce, ciphertext: body.dropFirst(nonceSize).dropLast(tagSize), tag: body.suffix(tagSize))
        let plaintext = try AES.GCM.open(box, using: key.symmetricKey, authenticating: additionalData(subject))
        let values = try JSONDecoder().decode([Value].self, from: plaintext)
        guard values.count == 1 else { throw PersonalDataError.unreadable(subject: subject) }
        return values[0]
    }

    private static func additionalData(_ subject: DataSubject) -> Data {
        Data("competence-ledger personal-data v1 \(subject)".utf8)
    }
}
