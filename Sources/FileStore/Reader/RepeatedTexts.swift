import Foundation

/// The texts of the record read last (stream, type, metadata texts), given again for the next record when its
/// bytes are the same. A page of the log repeats them — one import's answers share their round stream, type,
/// file name and content hash — and each would otherwise be a new string, an allocation per field per event.
/// Strings are values, so handing out the same one is the same as making it again. Used by one page read.
struct RepeatedTexts {
    /// One field's last text and its bytes.
    struct Slot {
        private var bytes: [UInt8] = []
        private var text = ""

        /// The text of `raw` (UTF-8, ill-formed sequences replaced, as `String(decoding:as:)` does).
        mutating func text(_ raw: UnsafeRawBufferPointer) -> String {
            let same =
                raw.count == bytes.count
                && bytes.withUnsafeBytes { known in
                    raw.isEmpty || memcmp(known.baseAddress!, raw.baseAddress!, raw.count) == 0
                }
            if !same {
                bytes = Array(raw)
                text = String(decoding: raw, as: UTF8.self)
            }
            return text
        }
    }

    var stream = Slot()
    var type = Slot()
    var recordedBy = Slot()
    var source = Slot()
    var contentHash = Slot()
}
