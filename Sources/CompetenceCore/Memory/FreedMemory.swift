import CMemoryHints

/// Hands memory the process has freed back to the system.
///
/// glibc keeps freed blocks below its (growing) mapping threshold in its heaps, and a heap's pages stay resident
/// until they are trimmed: at 10 million events the replayed state's smaller blocks stayed resident after the
/// state ended, under the report's rendering and stamp, which then set the peak (1.86–1.92 GiB; 1.70 GiB with
/// the pages given back).
package enum FreedMemory {
    /// Returns every whole free page of the C allocator's heaps to the system (`malloc_trim(0)` with glibc).
    package static func giveBack() { competence_give_back_free_memory() }
}
