/// One fault that verifying a store found: what kind of promise is broken, where, and at which position.
public struct StoreFault: Sendable, Hashable, CustomStringConvertible {
    /// Which promise of the store the fault breaks.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A stored record fails its own checks (framing, checksum, header, field layout).
        case damagedRecord
        /// A record's chain hash does not follow from the one before it: it was edited, or one before it was
        /// removed or reordered.
        case brokenChain
        /// The store's own bookkeeping (a head counter, a streams table, a constraint) disagrees with its events.
        case inconsistentBookkeeping
        /// Global positions do not run 1, 2, 3… without gaps.
        case positionGap
        /// A stream's versions do not run 1, 2, 3… without gaps.
        case versionGap
        /// One event id appears at two positions.
        case duplicateID
        /// A payload of a known type does not decode.
        case undecodablePayload
        /// The store does not end where an anchor taken earlier says it did.
        case anchorMismatch
    }

    /// Where in the store's own storage the fault sits, when the backend can say.
    public enum Place: Sendable, Hashable, CustomStringConvertible {
        /// A byte offset in a file (for example a FileStore segment; offset 0 is its header).
        case file(path: String, offset: Int64)
        /// A database table.
        case table(String)

        public var description: String {
            switch self {
            case .file(let path, let offset): "\(path) at byte offset \(offset)"
            case .table(let name): "table \(name)"
            }
        }
    }

    /// The kind of fault.
    public var kind: Kind
    /// The global position of the event concerned, when known.
    public var position: Int64?
    /// Where in the storage, when known.
    public var place: Place?
    /// What is wrong, in words (without the place).
    public var detail: String

    /// Creates a fault.
    public init(kind: Kind, position: Int64? = nil, place: Place? = nil, detail: String) {
        self.kind = kind
        self.position = position
        self.place = place
        self.detail = detail
    }

    /// One line for people: for a damaged record `bad record: PLACE: DETAIL`, for a chain break
    /// `hash chain breaks at position P (PLACE)`, otherwise the detail.
    public var description: String {
        switch kind {
        case .damagedRecord:
            "bad record: " + (place.map { "\($0): " } ?? "") + detail
        case .brokenChain:
            "hash chain breaks at position \(position.map(String.init) ?? "?")" + (place.map { " (\($0))" } ?? "")
        default:
            detail
        }
    }
}
