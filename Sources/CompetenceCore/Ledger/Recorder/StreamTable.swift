/// Every stream the recorder has seen, numbered in the order first seen, with its current version.
struct StreamTable: Sendable {
    private(set) var names: ContiguousArray<StreamName> = []
    private var numbers: [StreamName: Int32] = [:]
    /// `versions[n]` is the version of stream `n`.
    private(set) var versions: ContiguousArray<Int64> = []
    private var lastName: StreamName?
    private var lastNumber: Int32 = 0

    init() {}

    /// The number of `stream`, giving it the next one (at version 0) when it is new.
    @inline(__always)
    mutating func number(for stream: StreamName) -> Int32 {
        if stream == lastName { return lastNumber }
        let number: Int32
        if let known = numbers[stream] {
            number = known
        } else {
            precondition(names.count < Int32.max, "more than 2^31 streams")
            number = Int32(names.count)
            names.append(stream)
            numbers[stream] = number
            versions.append(0)
        }
        lastName = stream
        lastNumber = number
        return number
    }

    /// Sets the version of stream `number`.
    mutating func setVersion(_ version: Int64, of number: Int32) { versions[Int(number)] = version }

    /// The current version of `stream` (0: no event).
    func version(of stream: StreamName) -> Int64 {
        if stream == lastName { return versions[Int(lastNumber)] }
        return numbers[stream].map { versions[Int($0)] } ?? 0
    }

    /// A table of `names` at `versions` (a snapshot's); `nil` when they do not match or a name repeats.
    init?(names: ContiguousArray<StreamName>, versions: ContiguousArray<Int64>) {
        guard names.count == versions.count else { return nil }
        var numbers: [StreamName: Int32] = [:]
        numbers.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            guard numbers.updateValue(Int32(index), forKey: name) == nil else { return nil }
        }
        self.names = names
        self.numbers = numbers
        self.versions = versions
    }
}
