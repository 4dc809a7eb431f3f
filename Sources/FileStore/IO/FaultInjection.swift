/// Faults the tests inject into a store's system calls, to check what it does when the disk fails in ways a
/// test cannot cause for real (an `fdatasync` that reports `EIO`). `package` access: the tests of this
/// package set it through ``FileStoreOptions/faults``; an embedder cannot.
///
/// Every hook runs on the writer's queue just before the real call, and the real call is skipped when the
/// hook returns an error number.
package struct FaultInjection: Sendable {
    /// Called before each `fdatasync`/`fsync` of the store (segment files, a new segment's temporary file, the
    /// directory) with the path being synced; return an errno (e.g. `EIO`) to make that sync fail without
    /// running it, or nil to run it. A hook may also sleep, to hold written bytes unsynced for a while.
    package var sync: (@Sendable (_ path: String) -> Int32?)?

    /// No faults.
    package init(sync: (@Sendable (_ path: String) -> Int32?)? = nil) {
        self.sync = sync
    }
}
