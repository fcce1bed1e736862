/* SPDX-License-Identifier: MIT */
/* Self-modifying code: rewrite RWX code, fence.i, and patch the next insn. */
#include "guest.h"
#include <sys/mman.h>
#include <unistd.h>

/* Instruction encoders, so the test does not depend on an assembler. */
static uint32_t enc_addi(int rd, int rs1, int imm)
{
    return ((uint32_t)(imm & 0xfff) << 20) | (rs1 << 15) | (0 << 12) |
           (rd << 7) | 0x13;
}

static uint32_t enc_lui(int rd, uint32_t imm20)
{
    return (imm20 << 12) | (rd << 7) | 0x37;
}

static uint32_t enc_mul(int rd, int rs1, int rs2)
{
    return (1u << 25) | (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33;
}

static uint32_t enc_add(int rd, int rs1, int rs2)
{
    return (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33;
}

#define RET 0x00008067u     /* jalr x0, 0(ra) */
#define A0 10
#define A1 11

static void sync_icache(void *p, size_t len)
{
    /* fence.i orders this hart's stores before its instruction fetches;
     * the syscall behind __builtin___clear_cache is the portable way. */
    __builtin___clear_cache((char *)p, (char *)p + len);
    asm volatile("fence.i" ::: "memory");
}

typedef long (*Fn)(long, long);

static void test_rewrite(uint32_t *code)
{
    Fn fn = (Fn)code;
    long r;

    /* f(a, b) = a + b + 5 */
    code[0] = enc_add(A0, A0, A1);
    code[1] = enc_addi(A0, A0, 5);
    code[2] = RET;
    sync_icache(code, 12);
    r = fn(30, 7);
    printf("first function: %ld\n", r);
    CHECK_EQ(r, 42, "first generated function");

    /* Same address, new body: f(a, b) = a * b - 1 */
    code[0] = enc_mul(A0, A0, A1);
    code[1] = enc_addi(A0, A0, -1);
    sync_icache(code, 12);
    r = fn(6, 7);
    printf("rewritten function: %ld\n", r);
    CHECK_EQ(r, 41, "rewritten function");

    /* Patch one immediate many times and call in between: catches stale
     * translations that survive an invalidation. */
    long sum = 0;
    for (int i = 0; i < 200; i++) {
        code[1] = enc_addi(A0, A0, i);
        sync_icache(code + 1, 4);
        sum += fn(1, 1);
    }
    printf("patched 200 times: sum=%ld\n", sum);
    CHECK_EQ(sum, 200 * 1 + 199 * 200 / 2, "repeated patching");
}

/*
 * Code that modifies the very next instruction in its own page.  The
 * routine stores a new "addi a0, a0, 100" over the following
 * "addi a0, a0, 1", executes fence.i, then runs into it.
 */
static void test_patch_next(uint32_t *code)
{
    int i = 0;
    uint32_t newinsn = enc_addi(A0, A0, 100);
    long r;

    /* a1 = address of the target slot, a2 = new instruction word */
    code[i++] = 0x00c5a023;            /* sw a2, 0(a1) */
    code[i++] = 0x0000100f;            /* fence.i */
    int target = i;
    code[i++] = enc_addi(A0, A0, 1);   /* overwritten before it runs */
    code[i++] = RET;
    sync_icache(code, i * 4);

    long (*fn)(long, uint32_t *, uint32_t) = (void *)code;
    r = fn(1, &code[target], newinsn);
    printf("patched next instruction: %ld\n", r);
    CHECK_EQ(r, 101, "store to the next instruction + fence.i");

    /* Run it again unchanged (now stores the same word): still 101. */
    r = fn(1, &code[target], newinsn);
    CHECK_EQ(r, 101, "second run");

    /* Patch back to +1 from the outside. */
    r = fn(1, &code[target], enc_addi(A0, A0, 1));
    printf("patched back: %ld\n", r);
    CHECK_EQ(r, 2, "patch back");
}

/* A loop body rewritten while the loop's translation is hot. */
static void test_hot_loop(uint32_t *code)
{
    int i = 0;

    /* f(n): a1 = 0; do { a1 += K; } while (--n); return a1 */
    code[i++] = enc_addi(A1, 0, 0);            /* li a1, 0 */
    int body = i;
    code[i++] = enc_addi(A1, A1, 3);           /* addi a1, a1, K */
    code[i++] = enc_addi(A0, A0, -1);          /* addi a0, a0, -1 */
    code[i++] = 0xfe051ce3;                    /* bnez a0, -8 */
    code[i++] = enc_addi(A0, A1, 0);           /* mv a0, a1 */
    code[i++] = RET;
    sync_icache(code, i * 4);
    long (*fn)(long) = (void *)code;
    long r1 = fn(100000);
    code[body] = enc_addi(A1, A1, 7);
    sync_icache(code + body, 4);
    long r2 = fn(100000);
    printf("hot loop: %ld then %ld\n", r1, r2);
    CHECK_EQ(r1, 300000, "hot loop before patch");
    CHECK_EQ(r2, 700000, "hot loop after patch");
}

/* mprotect toggling W^X style: write while RW, run while RX. */
static void test_wx(long pg)
{
    uint32_t *code = mmap(NULL, pg, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int v = 1; v <= 3; v++) {
        mprotect(code, pg, PROT_READ | PROT_WRITE);
        code[0] = enc_lui(A0, v);
        code[1] = RET;
        mprotect(code, pg, PROT_READ | PROT_EXEC);
        sync_icache(code, 8);
        long r = ((long (*)(void))code)();
        printf("w^x round %d: %lx\n", v, r);
        CHECK_EQ(r, (long)v << 12, "w^x function");
    }
    munmap(code, pg);
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint32_t *code = mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (code == MAP_FAILED) {
        printf("mmap RWX failed\n");
        return 1;
    }
    test_rewrite(code);
    test_patch_next(code + 64);
    test_hot_loop(code + 128);
    test_wx(pg);
    return guest_done();
}
