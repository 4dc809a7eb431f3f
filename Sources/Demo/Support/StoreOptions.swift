import ArgumentParser
import CompetenceOutput
import CompetenceStores

/// `--store URL`, shared by every command that reads or writes a store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The event store: PATH or file:PATH (file store), postgres://… or postgresql://…, or memory:.",
            discussion: "Defaults to $COMPETENCE_STORE, else ./competence.store.",
            valueName: "url"))
    var store: String?

    /// The location named by `--store`, the environment or the default.
    var location: StoreLocation { StoreLocation(option: store) }

    /// An opener for that location.
    var opener: StoreOpener { StoreOpener(location: location) }

    /// What `--output` must stay out of: this store, the default store, any file store.
    var outputGuard: OutputGuard { StoreLocation.outputGuard(for: location) }
}
