/// Everything besides the file's bytes that changes what an import records — the import's identity, together
/// with the file's content hash and the kind of import.
///
/// Event ids derive from all three (``EventIdentity``): the same file imported with the same parameters gives
/// the same ids, so the ledger recognises the repeat and adds nothing; a different parameter gives different
/// ids, so the import records. Every option of an import that changes its events is added here — by the kind
/// (`round`, `round-kind` and the mapping's content hash of a survey import) or by the command for options
/// every kind takes — and nowhere else: a new option (`--rater`, `--profile`, `--sheet`, `--on-duplicate`)
/// becomes part of the identity by one ``set(_:_:)`` call.
package struct ImportParameters: Sendable, Hashable {
    /// The parameters by name.
    package private(set) var values: [String: String] = [:]

    /// No parameters.
    package init() {}

    /// Parameters from name–value pairs.
    package init(_ pairs: KeyValuePairs<String, String>) {
        for (name, value) in pairs { set(name, value) }
    }

    /// Sets a parameter (a later value of the same name wins).
    package mutating func set(_ name: String, _ value: String) { values[name] = value }

    /// These parameters with `other`'s added (`other` wins on a name both have).
    package func merging(_ other: ImportParameters) -> ImportParameters {
        var merged = self
        for (name, value) in other.values { merged.set(name, value) }
        return merged
    }

    /// Whether there are none.
    package var isEmpty: Bool { values.isEmpty }

    /// An unambiguous text of the parameters: sorted by name, each `LENGTH:NAME=LENGTH:VALUE` (lengths in
    /// UTF-8 bytes), joined by `;`.
    package var canonical: String {
        values.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { name, value in
            "\(name.utf8.count):\(name)=\(value.utf8.count):\(value)"
        }.joined(separator: ";")
    }
}
