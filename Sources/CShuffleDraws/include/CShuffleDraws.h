// The permutation test's random draws, eight at a time where the processor has AVX-512: what Swift has no
// portable spelling for (64-bit vector multiplies and conversions).
#ifndef C_SHUFFLE_DRAWS_H
#define C_SHUFFLE_DRAWS_H

#include <stddef.h>
#include <stdint.h>

/// The smallest bound the vector path takes: from it, a remainder estimated in double precision is within one
/// of the true one (see draws.c), and is then corrected exactly.
#define COMPETENCE_DRAWS_MINIMUM_BOUND 8192

/// Whether this processor runs ``competence_draw_offsets`` (AVX-512 F and DQ); when not, it always returns 0.
int competence_draws_vectorized(void);

/// The next `count` draws of SplitMix64 from `state` (the generator's state before them), each reduced below its
/// bound: `offsets[i] = x_i mod bounds[i]`, where `x_i` is the generator's `i + 1`-th next output. `inverses[i]` is
/// `1.0 / bounds[i]`, and `limits[i]` the rejection limit of `bounds[i]` (`UINT64_MAX - UINT64_MAX % bounds[i]`);
/// every bound is at least ``COMPETENCE_DRAWS_MINIMUM_BOUND`` and below 2^32.
///
/// Returns 1 when every `x_i` is below its limit, so that the draws are exactly those of drawing one at a time with
/// rejection; 0 when one is not (about one in 2^48 draws), or the processor has no vector path: `offsets` is then
/// meaningless, and the caller draws one at a time.
int competence_draw_offsets(
    uint64_t state, const uint64_t *bounds, const double *inverses, const uint64_t *limits, uint32_t *offsets,
    size_t count);

#endif
