import CompetenceCore
import Synchronization

/// What the store, its writer and its readers share: the one lock over the indexes and the log's ends,
/// the segment files, and the notifier that wakes in-process waiters.
final class StoreCore: Sendable {
    let directory: String
    let options: FileStoreOptions
    let files: SegmentFiles
    let state: Mutex<StoreState>
    let notifier: AppendNotifier

    init(directory: String, options: FileStoreOptions, files: SegmentFiles, state: StoreState) {
        self.directory = directory
        self.options = options
        self.files = files
        self.state = Mutex(state)
        self.notifier = AppendNotifier(head: state.durable.head)
    }
}
