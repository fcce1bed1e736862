/* SPDX-License-Identifier: MIT */
/*
 * A store that rewrites a later instruction of the very block being run
 * (no fence.i in between). RISC-V allows either result; vemu, like x86
 * hardware, makes the new instruction visible at once: the store reruns in
 * a one-shot block and translation restarts after it. QEMU 7.2 runs the
 * stale instruction once, so this test is golden-only.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef long (*PatchFn)(uint32_t *base, uint32_t new_insn);

int main(void)
{
    static const uint32_t code[] = {
        0x00b52623, /* sw a1, 12(a0): overwrite the li below */
        0x00000013, /* nop */
        0x00000013, /* nop */
        0x00100513, /* li a0, 1 */
        0x00008067, /* ret */
    };
    uint32_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    PatchFn fn = (PatchFn)(uintptr_t)page;
    long first, second;

    if (page == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memcpy(page, code, sizeof(code));
    __builtin___clear_cache((char *)page, (char *)page + sizeof(code));
    first = fn(page, 0x00200513);    /* li a0, 2 */
    second = fn(page, 0x00300513);   /* li a0, 3 */
    printf("first call returned %ld (patched insn seen: %s)\n", first,
           first == 2 ? "yes" : "no");
    printf("second call returned %ld\n", second);
    return first == 2 && second == 3 ? 0 : 1;
}
