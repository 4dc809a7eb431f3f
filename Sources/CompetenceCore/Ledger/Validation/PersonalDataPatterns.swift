/// What a pseudonymous person id must not look like: contact details or an identity code that name a real
/// person. Each check says what the text looks like, for the refusal's message.
enum PersonalDataPatterns {
    /// What personal data `text` looks like, or `nil` when it looks like none.
    static func resemblance(of text: String) -> String? {
        if text.contains("@") { return "an e-mail address" }
        if looksLikePhoneNumber(text) { return "a phone number" }
        if containsIdentityCode(text) { return "a Finnish personal identity code" }
        return nil
    }

    /// A phone number as people write one: after dropping spaces, `-`, `.`, `/` and brackets, a `+`, `00` or
    /// `0` followed by digits only, 7 to 15 digits in all (`+358401234567`, `040 123 4567`, `(03) 123 456`).
    static func looksLikePhoneNumber(_ text: String) -> Bool {
        let separators: Set<Character> = [" ", "-", ".", "/", "(", ")", "\u{A0}"]
        let kept = text.filter { !separators.contains($0) }
        var digits = Substring(kept)
        let international = digits.hasPrefix("+")
        if international { digits = digits.dropFirst() }
        guard (7...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return international || digits.hasPrefix("0")
    }

    /// Whether `text` holds a Finnish personal identity code: `DDMMYYCNNNQ` with a real day and month, a
    /// century sign (`+`, `-`, `A`–`F`, `U`–`Y`), three digits and a check character (letters in either
    /// case). A code whose check character is wrong is still refused: it is a mistyped identity code.
    static func containsIdentityCode(_ text: String) -> Bool {
        let characters = Array(text.uppercased().unicodeScalars)
        guard characters.count >= 11 else { return false }
        for start in 0...(characters.count - 11) where isIdentityCode(characters[start..<start + 11]) {
            return true
        }
        return false
    }

    /// The check characters of the identity code, indexed by the nine digits' value modulo 31.
    static let checkCharacters = Array("0123456789ABCDEFHJKLMNPRSTUVWXY".unicodeScalars)

    private static func isIdentityCode(_ code: ArraySlice<Unicode.Scalar>) -> Bool {
        let code = Array(code)
        func digit(_ index: Int) -> Int? {
            (48...57).contains(code[index].value) ? Int(code[index].value - 48) : nil
        }
        let dateDigits = (0..<6).compactMap(digit)
        guard dateDigits.count == 6 else { return false }
        let day = dateDigits[0] * 10 + dateDigits[1]
        let month = dateDigits[2] * 10 + dateDigits[3]
        guard (1...31).contains(day), (1...12).contains(month) else { return false }
        guard "+-ABCDEFUVWXY".unicodeScalars.contains(code[6]) else { return false }
        guard (7...9).allSatisfy({ digit($0) != nil }) else { return false }
        return checkCharacters.contains(code[10])
    }

    /// The check character the identity code with these nine digits (`DDMMYY` and `NNN`) must end with.
    static func checkCharacter(of digits: Int) -> Unicode.Scalar { checkCharacters[digits % 31] }
}
