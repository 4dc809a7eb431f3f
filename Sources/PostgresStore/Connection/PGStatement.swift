/// One SQL statement the store prepares once per connection and then executes by name.
struct PGStatement: Hashable, Sendable {
    /// The prepared-statement name, unique among the store's statements.
    let name: String
    /// The SQL text; `$1`, `$2`… are parameters. Built only from literals and validated identifiers.
    let sql: String
    /// The type OIDs of the parameters, in order.
    let parameterTypes: [UInt32]
}
