import CompetenceStores
import Testing

/// `--store` and `COMPETENCE_STORE`: paths, `file:`, PostgreSQL URLs and `memory:`; passwords never shown.
@Suite("Store locations")
struct StoreLocationTests {
    @Test(
        "each form names its kind of store",
        arguments: [
            ("ledger.store", StoreLocation.file(path: "ledger.store")),
            ("/var/lib/competence/ledger", .file(path: "/var/lib/competence/ledger")),
            ("./a b/c", .file(path: "./a b/c")),
            ("file:ledger.store", .file(path: "ledger.store")),
            ("file:/abs/path", .file(path: "/abs/path")),
            ("postgres://u@h/db", .postgres(url: "postgres://u@h/db")),
            ("postgresql://u:pw@h:5433/db?schema=lossi", .postgres(url: "postgresql://u:pw@h:5433/db?schema=lossi")),
            ("memory:", .memory),
            ("memory:x", .file(path: "memory:x")),
            ("postgres:db", .file(path: "postgres:db")),
        ])
    func parsing(text: String, location: StoreLocation) {
        #expect(StoreLocation(parsing: text) == location)
    }

    @Test("the option wins over the environment, which wins over the default; an empty variable is unset")
    func precedence() {
        let environment = ["COMPETENCE_STORE": "postgres://h/db"]
        #expect(StoreLocation(option: "x.store", environment: environment) == .file(path: "x.store"))
        #expect(StoreLocation(option: nil, environment: environment) == .postgres(url: "postgres://h/db"))
        #expect(StoreLocation(option: nil, environment: [:]) == .file(path: "./competence.store"))
        #expect(
            StoreLocation(option: nil, environment: ["COMPETENCE_STORE": ""]) == .file(path: StoreLocation.defaultPath))
    }

    @Test(
        "descriptions: file: before a path, memory:, and a PostgreSQL URL with its password hidden",
        arguments: [
            (StoreLocation.file(path: "a/b"), "file:a/b"),
            (.memory, "memory:"),
            (.postgres(url: "postgres://u@h/db?schema=s"), "postgres://u@h/db?schema=s"),
            (
                .postgres(url: "postgres://u:secret@h:5432/db?schema=s&sslmode=disable"),
                "postgres://u:***@h:5432/db?schema=s&sslmode=disable"
            ),
            (.postgres(url: "postgresql://:secret@h/db"), "postgresql://:***@h/db"),
        ])
    func descriptions(location: StoreLocation, text: String) {
        #expect(location.description == text)
        #expect(!location.description.contains("secret"))
    }

    @Test("a URL that cannot be parsed is shown as given (there is no password to find in it)")
    func unparsable() {
        #expect(StoreLocation.redactingPassword("postgres://h/db name") == "postgres://h/db name")
    }

    @Test(
        "schema=NAME is the tool's own parameter: taken out of the URL libpq sees",
        arguments: [
            ("postgres://h/db?schema=lossi", "postgres://h/db", "lossi"),
            (
                "postgres://h/db?sslmode=disable&schema=lossi&connect_timeout=5",
                "postgres://h/db?sslmode=disable&connect_timeout=5", "lossi"
            ),
            ("postgres://h/db", "postgres://h/db", "competence"),
            ("postgres://h/db?schema=", "postgres://h/db?schema=", "competence"),
            ("postgres://h/db?sslmode=disable", "postgres://h/db?sslmode=disable", "competence"),
        ])
    func schema(url: String, connection: String, schema: String) {
        let split = StoreOpener.splitSchema(from: url)
        #expect(split.connection == connection)
        #expect(split.schema == schema)
    }

    /// A password in the user info or in a `password=` query parameter never reaches a message: not the
    /// location's description, not an error about the store.
    @Test(arguments: [
        "postgres://ledger:s3cret@db.example/ledger", "postgresql://ledger@db.example/ledger?password=s3cret",
        "postgresql://ledger@db.example/ledger?sslmode=disable&password=s3cret&application_name=x",
        "postgresql://ledger:s3c%3Aret@a.example,b.example/ledger?target_session_attrs=read-write",
    ])
    func passwordsAreMasked(url: String) throws {
        let location = StoreLocation(parsing: url)
        #expect(location == .postgres(url: url))
        #expect(!location.description.contains("s3c") && location.description.contains("***"), "\(location)")
        let opening = StoreOpener(
            location: StoreLocation(parsing: url + (url.contains("?") ? "&" : "?") + "schema=1bad"))
        let error = #expect(throws: StoreOpeningError.self) { try opening.open(for: .read) }
        #expect(!"\(String(describing: error))".contains("s3c"), "\(String(describing: error))")
    }
}
