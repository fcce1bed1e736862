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
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef struct State {
    uint64_t v[8][2];           /* 0: V0..V7 */
    uint64_t x[8];              /* 128: X0..X7 */
    uint64_t fpcr, fpsr, nzcv;  /* 192, 200, 208 */
} State;

/* run_insn(State *s, void *code): load, call code, store. */
__asm__(".text\n"
        ".global run_insn\n"
        "run_insn:\n"
        "stp x29, x30, [sp, #-32]!\n"
        "str x19, [sp, #16]\n"
        "mov x19, x0\n"
        "ldp q0, q1, [x19, #0]\n"
        "ldp q2, q3, [x19, #32]\n"
        "ldp q4, q5, [x19, #64]\n"
        "ldp q6, q7, [x19, #96]\n"
        "ldr x9, [x19, #192]\n"
        "msr fpcr, x9\n"
        "msr fpsr, xzr\n"
        "ldr x9, [x19, #208]\n"
        "msr nzcv, x9\n"
        "mov x10, x1\n"
        "ldp x0, x1, [x19, #128]\n"
        "ldp x2, x3, [x19, #144]\n"
        "ldp x4, x5, [x19, #160]\n"
        "ldp x6, x7, [x19, #176]\n"
        "blr x10\n"
        "stp q0, q1, [x19, #0]\n"
        "stp q2, q3, [x19, #32]\n"
        "stp q4, q5, [x19, #64]\n"
        "stp q6, q7, [x19, #96]\n"
        "stp x0, x1, [x19, #128]\n"
        "stp x2, x3, [x19, #144]\n"
        "stp x4, x5, [x19, #160]\n"
        "stp x6, x7, [x19, #176]\n"
        "mrs x9, fpsr\n"
        "str x9, [x19, #200]\n"
        "mrs x9, nzcv\n"
        "str x9, [x19, #208]\n"
        "msr fpcr, xzr\n"
        "ldr x19, [sp, #16]\n"
        "ldp x29, x30, [sp], #32\n"
        "ret\n");

void run_insn(State *s, void *code);

static sigjmp_buf env;
static uint8_t buf[512] __attribute__((aligned(16)));

static void on_sigill(int sig)
{
    siglongjmp(env, 1);
}

static uint64_t rng = 88172645463325252ull;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Interesting lane values: mostly random, often FP specials. */
static uint64_t rnd_val(void)
{
    static const uint64_t special[] = {
        0, 0x8000000000000000ull, 0x3ff0000000000000ull,
        0x7ff0000000000000ull, 0x7ff8000000000000ull, 0x7ff0000000000001ull,
        0x000fffffffffffffull, 0x7f8000007fc00000ull, 0x3f800000bf800000ull,
        0x0000000100000001ull, 0xffffffffffffffffull, 0x7fffffff80000000ull,
        0x0080000000000001ull, 0x4f0000004f800000ull, 0x7c003c00fc000001ull,
    };
    uint64_t r = rnd();

    if ((r & 3) == 0) {
        return special[(r >> 2) % (sizeof(special) / sizeof(special[0]))];
    }
    return rnd();
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x100000001b3ull;
    return h ^ (h >> 29);
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : 50000, n;
    int verbose = argc > 3;
    uint32_t *code;
    struct sigaction sa;
    unsigned long ill = 0;
    uint64_t total = 0;

    if (argc > 2) {
        rng = strtoull(argv[2], NULL, 0) | 1;
    }
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigill;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);

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
