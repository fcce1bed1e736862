/* SPDX-License-Identifier: MIT */
/*
 * Random instructions of the SIMD&FP data-processing space (op0 bits
 * 28:25 = x111), run one at a time from a fresh code page on random
 * V0-V7/X0-X7 with a random FPCR rounding mode; prints a hash of the
 * registers, FPSR and NZCV after each, or "ill" for SIGILL. Register
 * fields are limited to 0..7 so that nothing else is touched.
 *
 * Usage: fpsimd-fuzz [count] [seed] [verbose]
 *
 * Registered 'golden-only': qemu-aarch64's default CPU has more than
 * ARMv8.0 (FP16, dot product...), so the golden file comes from
 * `qemu-aarch64 -cpu cortex-a57` (run-guest-test --regen with a wrapper).
 * On a mismatch, run both with a count and "v" and diff the lines.
 */
#define _GNU_SOURCE
#include "fuzz-harness.h"

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 100000, n;
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
        /* op0 x111: SIMD&FP data processing; registers 0..7 */
        insn = (insn & ~(0x7u << 25)) | (0x7u << 25);
        insn &= ~((3u << 3) | (3u << 8) | (3u << 19));
        for (i = 0; i < 8; i++) {
            s.v[i][0] = rnd_val();
            s.v[i][1] = rnd_val();
            s.x[i] = rnd_val();
        }
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
            h = mix(h, s.x[i]);
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
