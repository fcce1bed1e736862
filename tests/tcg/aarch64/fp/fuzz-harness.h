/* SPDX-License-Identifier: MIT */
/*
 * What the SIMD&FP fuzzers (fpsimd-fuzz.c, ldst-fuzz.c) share: the
 * register state, run_insn (load V0-V7/X0-X7/FPCR/NZCV, call one insn,
 * store them back with FPSR), the SIGILL escape, the xorshift generator,
 * lane values rich in FP specials, the result hash and the code page.
 * Included once per program.
 */
#ifndef FP_FUZZ_HARNESS_H
#define FP_FUZZ_HARNESS_H

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

/* An executable page for the insn under test, with SIGILL caught. */
static uint32_t *fuzz_setup(void)
{
    struct sigaction sa;
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (code == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigill;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    return code;
}

#endif
