// CRC-32C with the processor's own instruction (SSE 4.2 `crc32` on x86-64), for the FileStore's record
// checksums. The Swift side (`CRC32C`) keeps the table-driven code for processors without it.
#ifndef C_HARDWARE_CRC_H
#define C_HARDWARE_CRC_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has a CRC-32C instruction that `competence_crc32c_update` uses, else 0.
int competence_crc32c_available(void);

/// Continues a running (not inverted) CRC-32C over `count` bytes at `bytes`. Only when
/// `competence_crc32c_available()` says 1.
uint32_t competence_crc32c_update(uint32_t crc, const void *bytes, size_t count);

#endif
