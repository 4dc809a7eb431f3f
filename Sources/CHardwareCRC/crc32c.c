#include "CHardwareCRC.h"

#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>

int competence_crc32c_available(void) { return __builtin_cpu_supports("sse4.2") ? 1 : 0; }

/// Bytes of each of the three streams of a round. The `crc32` instruction takes three cycles to give its result
/// but can start one every cycle, so one chain of it runs at a third of the instruction's speed; three chains
/// over three neighbouring blocks run at once and are joined by shifting. 64 bytes keeps rounds inside a
/// record (~200–600 bytes in a FileStore).
#define STREAM_BYTES 64

/// `shift[k][b]` is the running CRC of the 4-byte value `b << 8k` followed by `STREAM_BYTES` zero bytes: the
/// CRC is linear, so a running CRC `c` followed by `STREAM_BYTES` zeros is the XOR of the four entries of its
/// bytes.
static uint32_t shift[4][256];

__attribute__((target("sse4.2"))) static uint32_t single_stream(uint32_t crc, const unsigned char *next, size_t count) {
    uint64_t running = crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, next, 8);
        running = _mm_crc32_u64(running, word);
        next += 8;
        count -= 8;
    }
    uint32_t tail = (uint32_t)running;
    while (count > 0) {
        tail = _mm_crc32_u8(tail, *next);
        next += 1;
        count -= 1;
    }
    return tail;
}

/// Fills `shift` from the instruction itself (a CRC of zeros), once, when the library is loaded.
__attribute__((constructor)) static void make_shift_tables(void) {
    // A constructor may run before the compiler runtime's own has read the processor's features.
    __builtin_cpu_init();
    if (!competence_crc32c_available()) return;
    static const unsigned char zeros[STREAM_BYTES];
    for (int k = 0; k < 4; k++) {
        for (uint32_t b = 0; b < 256; b++) shift[k][b] = single_stream(b << (8 * k), zeros, STREAM_BYTES);
    }
}

static inline uint32_t shifted(uint32_t crc) {
    return shift[0][crc & 0xff] ^ shift[1][(crc >> 8) & 0xff] ^ shift[2][(crc >> 16) & 0xff] ^ shift[3][crc >> 24];
}

__attribute__((target("sse4.2"))) uint32_t competence_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *next = bytes;
    while (count >= 3 * STREAM_BYTES) {
        uint64_t first = crc, second = 0, third = 0;
        for (size_t offset = 0; offset < STREAM_BYTES; offset += 8) {
            uint64_t a, b, c;
            memcpy(&a, next + offset, 8);
            memcpy(&b, next + STREAM_BYTES + offset, 8);
            memcpy(&c, next + 2 * STREAM_BYTES + offset, 8);
            first = _mm_crc32_u64(first, a);
            second = _mm_crc32_u64(second, b);
            third = _mm_crc32_u64(third, c);
        }
        // CRC(A B C) = shift(shift(CRC(A)) ^ CRC₀(B)) ^ CRC₀(C), where CRC₀ starts from zero.
        crc = shifted(shifted((uint32_t)first) ^ (uint32_t)second) ^ (uint32_t)third;
        next += 3 * STREAM_BYTES;
        count -= 3 * STREAM_BYTES;
    }
    return single_stream(crc, next, count);
}

#else

int competence_crc32c_available(void) { return 0; }

uint32_t competence_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}

#endif
