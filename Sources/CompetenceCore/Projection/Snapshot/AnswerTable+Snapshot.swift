import Foundation

extension AnswerTable {
    /// Writes the table: its rows as they lie in memory, its symbol tables, its id index, the recording times.
    func write(to writer: inout some SnapshotSink) {
        writer.write(rows: rows)
        writer.write(symbols: rounds)
        writer.write(symbols: persons)
        writer.write(symbols: organisations)
        writer.write(symbols: competences)
        writer.write(index: byID)
        writer.write(UInt64(recordedRuns.count))
        for run in recordedRuns {
            writer.write(run.firstRow)
            writer.write(run.recordedAt.timeIntervalSinceReferenceDate)
        }
        writer.write(UInt64(occurredExceptions.count))
        for (row, date) in occurredExceptions.sorted(by: { $0.key < $1.key }) {
            writer.write(row)
            writer.write(date.timeIntervalSinceReferenceDate)
        }
        writer.write(UInt64(count))
    }

    /// Reads a table written by ``write(to:)``, checking that its parts fit together.
    init(from reader: inout SnapshotReader) throws(SnapshotDamage) {
        let rows = try reader.readChunkedRows(AnswerRow.self)
        let rounds = try reader.readSymbols(IdentifierKinds.Round.self)
        let persons = try reader.readSymbols(IdentifierKinds.Person.self)
        let organisations = try reader.readSymbols(IdentifierKinds.Organisation.self)
        let competences = try reader.readSymbols(IdentifierKinds.Competence.self)
        let byID = try reader.readIndex()
        let runCount = try reader.readCount(elementSize: 12)
        var runs = ContiguousArray<RecordedRun>()
        runs.reserveCapacity(runCount)
        for _ in 0..<runCount {
            runs.append(
                RecordedRun(
                    firstRow: try reader.read(Int32.self),
                    recordedAt: Date(timeIntervalSinceReferenceDate: try reader.readDouble())))
        }
        let exceptionCount = try reader.readCount(elementSize: 12)
        var exceptions: [Int32: Date] = [:]
        for _ in 0..<exceptionCount {
            exceptions[try reader.read(Int32.self)] = Date(timeIntervalSinceReferenceDate: try reader.readDouble())
        }
        let count = Int(try reader.read(UInt64.self))
        // Every number a row holds must name an entry; the index must hold exactly the live rows.
        var live = 0
        var valid = true
        rows.forEachChunk { chunk in
            for row in chunk {
                if row.isLive { live += 1 }
                valid =
                    valid && row.round >= 0 && Int(row.round) < rounds.count && row.respondent >= 0
                    && Int(row.respondent) < persons.count && row.organisation >= 0
                    && Int(row.organisation) < organisations.count && row.competence >= 0
                    && Int(row.competence) < competences.count && Int(row.rater) < Rater.allCases.count
            }
        }
        guard valid, live == count, byID.count == count, byID.holdsRows(below: rows.count),
            rows.count == 0 || runs.first?.firstRow == 0,
            exceptions.keys.allSatisfy({ $0 >= 0 && Int($0) < rows.count })
        else { throw SnapshotDamage("an answer table whose parts do not fit together") }
        self.init(
            rows: rows, rounds: rounds, persons: persons, organisations: organisations, competences: competences,
            byID: byID, recordedRuns: runs, occurredExceptions: exceptions, count: count)
    }
}

extension SnapshotSink {
    mutating func write<Kind>(symbols: SymbolTable<Kind>) {
        write(UInt64(symbols.count))
        for identifier in symbols.identifiers { write(identifier.rawValue) }
    }

    mutating func write(index: SlotIndex) {
        write(index.seed.first)
        write(index.seed.second)
        write(UInt64(index.count))
        write(rows: index.storedSlots)
    }
}

extension SnapshotReader {
    mutating func readSymbols<Kind>(_ kind: Kind.Type) throws(SnapshotDamage) -> SymbolTable<Kind> {
        let count = try readCount(elementSize: 4)
        var identifiers = ContiguousArray<Identifier<Kind>>()
        identifiers.reserveCapacity(count)
        for _ in 0..<count { identifiers.append(Identifier(try readString())) }
        guard let table = SymbolTable(identifiers: identifiers) else {
            throw SnapshotDamage("a symbol table with a repeated identifier")
        }
        return table
    }

    mutating func readIndex() throws(SnapshotDamage) -> SlotIndex {
        let seed = HashSeed(first: try read(UInt64.self), second: try read(UInt64.self))
        let count = Int(try read(UInt64.self))
        let slots = try readChunkedRows(Int32.self)
        guard let index = SlotIndex(storedSlots: slots, count: count, seed: seed) else {
            throw SnapshotDamage("a malformed id index")
        }
        return index
    }
}
