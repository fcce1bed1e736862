/* SPDX-License-Identifier: MIT */
/*
 * Big anonymous host mappings (guest RAM, the JIT's code buffer) on
 * 2 MiB boundaries and advised for transparent huge pages, as QEMU does:
 * with THP in "madvise" mode (Debian's default) they otherwise get 4 KiB
 * pages, and every TLB miss on them is a full page walk, a nested one
 * when the host is itself a VM.
 */
#include <stdint.h>
#include <sys/mman.h>

#include "vemu/host-mem.h"

#define HUGE_ALIGN ((size_t)2 << 20)

void *host_mmap_big(size_t len, int prot)
{
    size_t span = len + HUGE_ALIGN;
    uint8_t *raw, *p;

    if (span < len) {
        return MAP_FAILED;
    }
    raw = mmap(NULL, span, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
               -1, 0);
    if (raw == MAP_FAILED) {
        return MAP_FAILED;
    }
    p = (uint8_t *)(((uintptr_t)raw + HUGE_ALIGN - 1) & ~(HUGE_ALIGN - 1));
    /* Give back the unaligned head and the tail beyond len. */
    if (p > raw) {
        munmap(raw, p - raw);
    }
    if (raw + span > p + len) {
        munmap(p + len, raw + span - (p + len));
    }
#ifdef MADV_HUGEPAGE
    madvise(p, len, MADV_HUGEPAGE);     /* a hint: failure is harmless */
#endif
    return p;
}
