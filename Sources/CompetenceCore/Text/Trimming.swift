/// Which characters `trimming(_:)` (on `String` and `Substring`) removes from both ends: exactly Foundation's
/// `CharacterSet` of the same name, scalar by scalar, as `trimmingCharacters(in:)` does.
package enum TrimmedCharacters: Sendable, CaseIterable {
    /// Unicode general category Zs, U+0009 (tab) and U+200B (zero width space, a separator before Unicode 4.0.1,
    /// which Foundation's set still holds): `CharacterSet.whitespaces`.
    case whitespaces
    /// U+000A–U+000D, U+0085, U+2028 and U+2029: `CharacterSet.newlines`.
    case newlines
    /// Both, with all of Unicode's separators (Zs, Zl, Zp): `CharacterSet.whitespacesAndNewlines`.
    case whitespacesAndNewlines

    /// Whether `scalar` is one of the characters.
    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            switch self {
            case .whitespaces: return value == 0x20 || value == 0x09
            case .newlines: return value >= 0x0A && value <= 0x0D
            case .whitespacesAndNewlines: return value == 0x20 || (value >= 0x09 && value <= 0x0D)
            }
        }
        let isNewline = value == 0x85 || value == 0x2028 || value == 0x2029
        switch self {
        case .whitespaces: return value == 0x200B || scalar.properties.generalCategory == .spaceSeparator
        case .newlines: return isNewline
        case .whitespacesAndNewlines:
            return isNewline || value == 0x200B || scalar.properties.generalCategory == .spaceSeparator
        }
    }
}

extension Substring {
    /// The text without `characters` at either end — what Foundation's `trimmingCharacters(in:)` returns for the
    /// `CharacterSet` of the same name, without bridging to `NSString` (which made trimming a third of building
    /// a survey import's events). Scalars are compared one by one, so a combining mark after a trimmed space is
    /// kept, as Foundation keeps it.
    package func trimming(_ characters: TrimmedCharacters) -> String { String(trimmedScalars(characters)) }

    /// This text's scalars without `characters` at either end.
    fileprivate func trimmedScalars(_ characters: TrimmedCharacters) -> Substring {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, characters.contains(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard characters.contains(scalars[last]) else { break }
            end = last
        }
        return Substring(scalars[start..<end])
    }
}

extension String {
    /// The text without `characters` at either end (see ``Substring/trimming(_:)``); the string itself when there
    /// is nothing to trim.
    package func trimming(_ characters: TrimmedCharacters) -> String {
        let trimmed = self[...].trimmedScalars(characters)
        return trimmed.utf8.count == utf8.count ? self : String(trimmed)
    }
}
