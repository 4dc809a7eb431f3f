#include "CHardwareCRC.h"

#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>

int competence_crc32c_available(void) { return __builtin_cpu_supports("sse4.2") ? 1 : 0; }

__attribute__((target("sse4.2"))) uint32_t competence_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *next = bytes;
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

#else

int competence_crc32c_available(void) { return 0; }

uint32_t competence_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}

#endif
