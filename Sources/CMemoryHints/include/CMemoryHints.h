// Hints to the processor's memory system that Swift has no spelling for.
#ifndef C_MEMORY_HINTS_H
#define C_MEMORY_HINTS_H

/// Starts loading the cache line holding `address` for a write soon after, without waiting for it: a hash
/// index's slot is a cache miss in a table of millions, and the fold has other work to do meanwhile. Never
/// faults, whatever `address` is.
static inline void competence_prefetch_for_writing(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
