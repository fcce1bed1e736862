/* SPDX-License-Identifier: MIT */
/*
 * A64 system instructions at EL0: NZCV/FPCR/FPSR/TPIDR_EL0 round trips,
 * the counter, DCZID_EL0 and DC ZVA, branches of every kind, and a final
 * UDF that must kill the program with SIGILL.
 */
#include "minilib.h"

static uint8_t zbuf[8192] __attribute__((aligned(4096)));

#define MRS(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " reg : "=r"(v_)); v_; })
#define MSR(reg, v) __asm__ volatile("msr " reg ", %0" : : "r"((uint64_t)(v)))

static int fib(int n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static int __attribute__((noinline)) sw(int x)
{
    switch (x) {        /* a jump table: BR through a register */
    case 0: return 11;
    case 1: return 22;
    case 2: return 33;
    case 3: return 44;
    case 4: return 55;
    case 5: return 66;
    case 6: return 77;
    default: return -1;
    }
}

int main(void)
{
    char fb[5];
    uint64_t t0, t1, dczid, sum = 0;
    int (*fp)(int) = fib;

    for (uint64_t f = 0; f < 16; f++) {
        MSR("nzcv", f << 28 | 0x0fffffff);
        pr("nzcv %s", flags_str(MRS("nzcv"), fb));
        MSR("nzcv", f << 28);
        pr(" %lx\n", MRS("nzcv"));
    }
    __asm__ volatile("msr nzcv, xzr\n cfinv\n mrs %0, nzcv" : "=r"(t0));
    pr("cfinv %lx\n", t0);
    MSR("tpidr_el0", 0x123456789abcdef0);
    pr("tpidr %lx\n", MRS("tpidr_el0"));
    MSR("fpcr", 0xffffffff);
    pr("fpcr %lx\n", MRS("fpcr") & 0x07c00000);
    MSR("fpcr", 0);
    MSR("fpsr", 0x9f);
    pr("fpsr %lx\n", MRS("fpsr"));
    MSR("fpsr", 0);
    dczid = MRS("dczid_el0");
    pr("dczid prohibited %d\n", (int)(dczid >> 4) & 1);
    pr("cntfrq nonzero %d\n", MRS("cntfrq_el0") != 0);
    t0 = MRS("cntvct_el0");
    for (int i = 0; i < 100000; i++) {
        __asm__ volatile("" ::: "memory");
    }
    t1 = MRS("cntvct_el0");
    pr("cntvct advances %d\n", t1 > t0);
    {
        /* The block DCZID_EL0 advertises, containing the address. */
        unsigned bs = 4u << (dczid & 15), first = 8192, last = 0, zeros = 0;

        for (int i = 0; i < 8192; i++) {
            zbuf[i] = (uint8_t)(i | 1);
        }
        __asm__ volatile("dc zva, %0" : : "r"(zbuf + 4096 + 17) : "memory");
        for (unsigned i = 0; i < 8192; i++) {
            if (!zbuf[i]) {
                zeros++;
                first = i < first ? i : first;
                last = i;
            } else {
                sum += zbuf[i];
            }
        }
        pr("dc zva block ok %d\n", zeros == bs && first == 4096 &&
           last == 4096 + bs - 1);
    }
    __asm__ volatile("dc cvau, %0\n ic ivau, %0\n dsb ish\n isb\n"
                     "dmb ishld\n yield\n nop\n"
                     : : "r"(zbuf) : "memory");
    pr("fib %d sw", fp(20));
    for (int i = -1; i < 9; i++) {
        pr(" %d", sw(i));
    }
    pr("\n");
    {
        uint64_t r = 0;

        __asm__ volatile("mov x9, #0x80\n"
                         "tbz x9, #7, 1f\n add %0, %0, #1\n"
                         "1: tbnz x9, #6, 2f\n add %0, %0, #2\n"
                         "2: cbz x9, 3f\n add %0, %0, #4\n"
                         "3: cbnz w9, 4f\n add %0, %0, #8\n"
                         "4: mov x9, #1 << 40\n tbnz x9, #40, 5f\n"
                         "add %0, %0, #16\n"
                         "5: cmp x9, #0\n b.le 6f\n add %0, %0, #32\n"
                         "6: b.gt 7f\n add %0, %0, #64\n"
                         "7: adr x10, 8f\n br x10\n add %0, %0, #128\n"
                         "8:\n"
                         : "+r"(r) : : "x9", "x10", "cc");
        pr("branches %lx\n", r);
    }
    out_flush();
    __asm__ volatile("udf #0");
    pr("not reached\n");
    return 1;
}
