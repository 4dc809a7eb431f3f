import CompetenceCore

extension CSVTable {
    /// Reads the import file at `path` (as ``init(path:sheet:)``) on another core while `open` opens the store it
    /// goes into, and returns both.
    ///
    /// At national scale each takes seconds: a file store's open reads and checks its whole log, and a file of
    /// 100,000 rows is parsed and hashed. Done one after the other, the open alone made an import into a store of
    /// 10 million events take twice as long as into an empty one. The store's error comes first: a file is
    /// reported only for a store that opened (as when the two were done in turn).
    package static func read<Store: Sendable>(
        _ path: String, sheet: String? = nil, whileOpening open: () throws -> Store
    ) async throws -> (store: Store, table: CSVTable) {
        async let table = { () throws -> CSVTable in
            let table = try CSVTable(path: path, sheet: sheet)
            // The parse's garbage is freed into this thread's heap, which the import's later allocations (on the
            // other thread) would not reuse: given back, it does not add to the import's peak (126 MB at 100,000
            // rows).
            FreedMemory.giveBack()
            return table
        }()
        let store = try open()
        return (store, try await table)
    }
}
