/// The shape every direct JSON reader (``JSONDecodable``) of a struct follows: members in any order, each
/// known key read by the type, unknown keys checked and skipped, a repeated key's last value kept — what the
/// type's synthesised `Decodable` form accepts.
extension JSONReader {
    /// Reads one object; `member` reads the value of a key the type knows and returns `true`, or returns
    /// `false` (reading nothing) for a key it does not know, which is then checked and skipped.
    @inline(__always) package mutating func readObject(
        _ member: (_ key: JSONKey, _ reader: inout JSONReader) throws -> Bool
    ) throws {
        try beginObject()
        var first = true
        while let key = try nextKey(first: &first) {
            if try !member(key, &self) {
                try key.validate()
                try skipValue()
            }
        }
    }

    /// An array of values that `element` reads, in order.
    @inline(__always) package mutating func readArray<T>(_ element: (inout JSONReader) throws -> T) throws -> [T] {
        try beginArray()
        var values: [T] = []
        var first = true
        while try nextElement(first: &first) { values.append(try element(&self)) }
        return values
    }

    /// An array of ``JSONDecodable`` values.
    @inline(__always) package mutating func readArray<T: JSONDecodable>(of type: T.Type) throws -> [T] {
        try readArray { try $0.read(T.self) }
    }

    /// `value`, or the `keyNotFound` error `Decodable` gives for a required member the object lacked.
    @inline(__always) package func required<T>(_ value: T?, _ name: String, in type: Any.Type) throws -> T {
        guard let value else { throw missing(name, in: type) }
        return value
    }
}
