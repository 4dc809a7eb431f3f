// Hints to the processor's memory system and to the C allocator that Swift has no spelling for.
#ifndef C_MEMORY_HINTS_H
#define C_MEMORY_HINTS_H

#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Starts loading the cache line holding `address` for a write soon after, without waiting for it: a hash
/// index's slot is a cache miss in a table of millions, and the fold has other work to do meanwhile. Never
/// faults, whatever `address` is.
static inline void competence_prefetch_for_writing(const void *address) { __builtin_prefetch(address, 1, 3); }

/// Returns the whole free pages of the C allocator's heaps to the system (glibc's `malloc_trim(0)`); does
/// nothing with other C libraries. Freed blocks below glibc's mapping threshold otherwise stay resident.
static inline void competence_give_back_free_memory(void) {
#if defined(__GLIBC__)
    (void)malloc_trim(0);
#endif
}

#endif
