#include "CShuffleDraws.h"

/// SplitMix64's increment (Steele, Lea & Flood 2014), as in the Swift generator.
#define GAMMA 0x9E3779B97F4A7C15ULL

#if defined(__x86_64__)
#include <immintrin.h>

int competence_draws_vectorized(void) {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") ? 1 : 0;
}

/// Eight lanes of the generator's outputs, then of `x mod b`. The remainder: q = ⌊double(x) · (1/b)⌋ differs from
/// ⌊x / b⌋ by at most one for b ≥ 2^13 (the relative error of the two roundings and the product is below 2^-51,
/// and x / b < 2^64 / b ≤ 2^51, so the absolute error is below 1); x − q·b, computed modulo 2^64, is then the true
/// remainder minus b, itself, or plus b, which one signed correction each way makes exact.
__attribute__((target("avx512f,avx512dq"))) static int vector_offsets(
    uint64_t state, const uint64_t *bounds, const double *inverses, const uint64_t *limits, uint32_t *offsets,
    size_t count) {
    const __m512i step = _mm512_set1_epi64((long long)(GAMMA * 8));
    const __m512i first = _mm512_set1_epi64((long long)0xBF58476D1CE4E5B9ULL);
    const __m512i second = _mm512_set1_epi64((long long)0x94D049BB133111EBULL);
    const __m512i zero = _mm512_setzero_si512();
    __m512i lanes = _mm512_set_epi64(
        (long long)(state + 8 * GAMMA), (long long)(state + 7 * GAMMA), (long long)(state + 6 * GAMMA),
        (long long)(state + 5 * GAMMA), (long long)(state + 4 * GAMMA), (long long)(state + 3 * GAMMA),
        (long long)(state + 2 * GAMMA), (long long)(state + GAMMA));
    __mmask8 rejected = 0;
    size_t index = 0;
    for (; index + 8 <= count; index += 8) {
        __m512i x = lanes;
        lanes = _mm512_add_epi64(lanes, step);
        x = _mm512_mullo_epi64(_mm512_xor_si512(x, _mm512_srli_epi64(x, 30)), first);
        x = _mm512_mullo_epi64(_mm512_xor_si512(x, _mm512_srli_epi64(x, 27)), second);
        x = _mm512_xor_si512(x, _mm512_srli_epi64(x, 31));
        const __m512i bound = _mm512_loadu_si512(bounds + index);
        rejected |= _mm512_cmpge_epu64_mask(x, _mm512_loadu_si512(limits + index));
        const __m512d estimate = _mm512_roundscale_pd(
            _mm512_mul_pd(_mm512_cvtepu64_pd(x), _mm512_loadu_pd(inverses + index)),
            _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
        __m512i rest = _mm512_sub_epi64(x, _mm512_mullo_epi64(_mm512_cvttpd_epu64(estimate), bound));
        rest = _mm512_mask_add_epi64(rest, _mm512_cmplt_epi64_mask(rest, zero), rest, bound);
        rest = _mm512_mask_sub_epi64(rest, _mm512_cmpge_epi64_mask(rest, bound), rest, bound);
        _mm256_storeu_si256((__m256i *)(offsets + index), _mm512_cvtepi64_epi32(rest));
    }
    // The last draws, one at a time, the same way.
    uint64_t running = state + (uint64_t)index * GAMMA;
    for (; index < count; index++) {
        running += GAMMA;
        uint64_t x = running;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        x ^= x >> 31;
        if (x >= limits[index]) rejected = 1;
        offsets[index] = (uint32_t)(x % bounds[index]);
    }
    return rejected == 0;
}

int competence_draw_offsets(
    uint64_t state, const uint64_t *bounds, const double *inverses, const uint64_t *limits, uint32_t *offsets,
    size_t count) {
    if (!competence_draws_vectorized()) return 0;
    return vector_offsets(state, bounds, inverses, limits, offsets, count);
}

#else

int competence_draws_vectorized(void) { return 0; }

int competence_draw_offsets(
    uint64_t state, const uint64_t *bounds, const double *inverses, const uint64_t *limits, uint32_t *offsets,
    size_t count) {
    (void)state, (void)bounds, (void)inverses, (void)limits, (void)offsets, (void)count;
    return 0;
}

#endif
