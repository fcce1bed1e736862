/* SPDX-License-Identifier: MIT */
/*
 * Random LD1-LD4/ST1-ST4 (multiple and single structures, LDnR), with
 * and without post-index, at random offsets of a buffer (X0 points into
 * it, X1..X7 hold small post-index steps): prints a hash of V0-V7, X0
 * and the buffer after each, or "ill" for SIGILL. Rt is 0..4 so that
 * the at most four registers stay within V0-V7.
 *
 * Usage: ldst-fuzz [count] [seed] [verbose]
 * Registered 'golden-only' like fpsimd-fuzz (golden from
 * `qemu-aarch64 -cpu cortex-a57`).
 */
#define _GNU_SOURCE
#include "fuzz-harness.h"

static uint8_t buf[512] __attribute__((aligned(16)));

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 50000, n;
    int verbose = argc > 3;
    uint32_t *code;
    unsigned long ill = 0;
    uint64_t total = 0;

    if (argc > 2) {
        rng = strtoull(argv[2], NULL, 0) | 1;
    }
    code = fuzz_setup();

    for (n = 0; n < count; n++) {
        static const uint64_t rmodes[4] = { 0, 1 << 22, 2 << 22, 3 << 22 };
        volatile State s;
        uint32_t insn;
        uint64_t h = 0;
        int i;

        insn = (uint32_t)rnd();
        /* 0 Q 0011 0 P 0/1 L R Rm opcode S size Rn Rt: bits 29:24, Rn 0 */
        insn = (insn & ~(0x3fu << 24)) | (0x0cu << 24) |
               ((uint32_t)(rnd() & 3) << 23);
        insn &= ~(1u << 31);
        insn &= ~(0x3ffu);
        insn |= (uint32_t)(rnd() % 5);
        if (rnd() & 1) {
            insn |= 31u << 16;          /* post-index by the size */
        } else {
            insn = (insn & ~(31u << 16)) | (uint32_t)(1 + rnd() % 7) << 16;
        }
        for (i = 0; i < 8; i++) {
            s.v[i][0] = rnd_val();
            s.v[i][1] = rnd_val();
            s.x[i] = rnd() % 80;
        }
        for (i = 0; i < (int)sizeof(buf); i++) {
            buf[i] = (uint8_t)rnd();
        }
        s.x[0] = (uint64_t)(uintptr_t)(buf + 128 + rnd() % 64);
        s.fpcr = rmodes[rnd() & 3] | ((rnd() & 7) == 0 ? 1u << 25 : 0) |
                 ((rnd() & 7) == 0 ? 1u << 24 : 0);
        s.fpsr = 0;
        s.nzcv = (rnd() & 15) << 28;
        code[0] = insn;
        code[1] = 0xd65f03c0;           /* ret */
        __builtin___clear_cache((char *)code, (char *)(code + 2));
        if (sigsetjmp(env, 1)) {
            ill++;
            __asm__ volatile("msr fpcr, xzr");
            if (verbose) {
                printf("%08x ill\n", insn);
            }
            total = mix(total, insn);
            continue;
        }
        run_insn((State *)&s, code);
        for (i = 0; i < 8; i++) {
            h = mix(mix(h, s.v[i][0]), s.v[i][1]);
            h = mix(h, i ? s.x[i] : s.x[i] - (uint64_t)(uintptr_t)buf);
        }
        for (i = 0; i < (int)sizeof(buf); i += 8) {
            uint64_t w;

            memcpy(&w, buf + i, 8);
            h = mix(h, w);
        }
        h = mix(mix(h, s.fpsr), s.nzcv);
        if (verbose) {
            printf("%08x %016llx\n", insn, (unsigned long long)h);
        }
        total = mix(total, h);
    }
    printf("%ld insns, %lu illegal, hash %016llx\n", count, ill,
           (unsigned long long)total);
    return 0;
}
