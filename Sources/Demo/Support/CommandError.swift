/// Why a `competence` command failed when the cause is the command line itself or a verdict of the command;
/// the libraries throw their own typed errors (a store's, an import's, a history's, an output's).
///
/// The message printed on stderr says what went wrong and where; the process then exits with a non-zero
/// status.
enum CommandError: Error, CustomStringConvertible, Sendable {
    /// An option's value is not usable.
    case invalidOption(name: String, value: String, expected: String)
    /// A verification found faults (each is named on its own line before this is thrown).
    case verificationFailed(location: String, faults: Int)

    var description: String {
        switch self {
        case .invalidOption(let name, let value, let expected):
            "invalid value '\(value)' for \(name): expected \(expected)"
        case .verificationFailed(let location, let faults):
            "\(location) is not sound: \(faults) fault\(faults == 1 ? "" : "s") found"
        }
    }
}
