/// Lets the compact coders see through `Optional` inside generic code, so optionals get a presence byte
/// wherever they appear (fields, array elements, nested values).
protocol CompactOptional {
    static var wrappedType: Any.Type { get }
    var wrappedValue: Any? { get }
    static func make(wrapped: Any?) -> Self
}

extension Optional: CompactOptional {
    static var wrappedType: Any.Type { Wrapped.self }
    var wrappedValue: Any? { self.map { $0 as Any } }
    static func make(wrapped: Any?) -> Self { wrapped.map { $0 as! Wrapped } }
}
