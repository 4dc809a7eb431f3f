import Testing

/// Issue 10 as a suite of reproductions: each case is a mistake, a hostile input or a fault, and asserts both
/// the refusal (or the safe result) and that nothing was appended or changed. The cases are grouped by the
/// part of the issue they hold: outputs, import identity, moved histories, anchors, CSV and terminal output,
/// text and identities; the seeded fuzz test of the CSV and NDJSON readers closes it.
///
/// The FileStore and PostgreSQL fault cases of issue 10 live with their stores' tests.
@Suite("Adversarial: issue 10", .timeLimit(.minutes(10)))
struct AdversarialTests {}
