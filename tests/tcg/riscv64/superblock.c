/* SPDX-License-Identifier: MIT */
/* Superblocks: branch chains, faults past branches, loops on both sides. */
#include "guest.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/ucontext.h>

long sb_chain(long a, long b);
long sb_fault(long *p, long a, long b);
long sb_fault_jump(long *p, long a, long b);
long sb_call_ra(void);
long sb_both_loop(long n);
long sb_pingpong(long n);
extern char sb_fault_insn[], sb_fault_jump_insn[];

/*
 * Ten conditional branches in a row (more than one TB's worth), each
 * setting one bit when not taken; the compressed forms come from beqz /
 * bnez on a0/a1.
 */
__asm__(
    "    .text\n"
    "    .globl sb_chain\n"
    "sb_chain:\n"
    "    li a2, 0\n"
    "    beq a0, a1, 1f\n"
    "    ori a2, a2, 1\n"
    "1:  bne a0, a1, 2f\n"
    "    ori a2, a2, 2\n"
    "2:  blt a0, a1, 3f\n"
    "    ori a2, a2, 4\n"
    "3:  bge a0, a1, 4f\n"
    "    ori a2, a2, 8\n"
    "4:  bltu a0, a1, 5f\n"
    "    ori a2, a2, 16\n"
    "5:  bgeu a0, a1, 6f\n"
    "    ori a2, a2, 32\n"
    "6:  beqz a0, 7f\n"
    "    ori a2, a2, 64\n"
    "7:  bnez a1, 8f\n"
    "    ori a2, a2, 128\n"
    "8:  blez a0, 9f\n"
    "    ori a2, a2, 256\n"
    "9:  bgtz a1, 10f\n"
    "    ori a2, a2, 512\n"
    "10: mv a0, a2\n"
    "    ret\n"
    "\n"
    /* Two branches, then a load that may fault: a3 and t1 must be set. */
    "    .globl sb_fault\n"
    "    .globl sb_fault_insn\n"
    "sb_fault:\n"
    "    li a3, 0\n"
    "    beq a1, a2, 1f\n"
    "    addi a3, a3, 1\n"
    "1:  bne a1, a2, 2f\n"
    "    addi a3, a3, 2\n"
    "2:  li t1, 0x5a5a\n"
    "sb_fault_insn:\n"
    "    ld a0, 0(a0)\n"
    "    add a0, a0, a3\n"
    "    ret\n"
    "\n"
    /* Branches, a short forward jump over an illegal insn, then a store. */
    "    .globl sb_fault_jump\n"
    "    .globl sb_fault_jump_insn\n"
    "sb_fault_jump:\n"
    "    li a3, 10\n"
    "    beqz a1, 1f\n"
    "    addi a3, a3, 1\n"
    "1:  j 2f\n"
    "    unimp\n"
    "    unimp\n"
    "2:  bnez a2, 3f\n"
    "    addi a3, a3, 4\n"
    "3:  blt a1, a2, 4f\n"
    "    addi a3, a3, 16\n"
    "4:  beq a1, a2, 5f\n"
    "    addi a3, a3, 64\n"
    "5:  li t1, 0x5a5a\n"
    "sb_fault_jump_insn:\n"
    "    sd a3, 0(a0)\n"
    "    mv a0, a3\n"
    "    ret\n"
    "\n"
    /* A forward jal that links: ra must be the address after it. */
    "    .globl sb_call_ra\n"
    "sb_call_ra:\n"
    "    mv t2, ra\n"
    "    jal ra, 1f\n"
    "2:  unimp\n"
    "1:  lla t0, 2b\n"
    "    sub a0, ra, t0\n"
    "    mv ra, t2\n"
    "    ret\n"
    "\n"
    /* Both sides of the parity test loop back to the head. */
    "    .globl sb_both_loop\n"
    "sb_both_loop:\n"
    "    li a1, 0\n"
    "    li a2, 0\n"
    "1:  andi t0, a0, 1\n"
    "    bnez t0, 2f\n"
    "    addi a1, a1, 1\n"
    "    addi a0, a0, -1\n"
    "    bgtz a0, 1b\n"
    "    j 3f\n"
    "2:  addi a2, a2, 3\n"
    "    addi a0, a0, -1\n"
    "    bgtz a0, 1b\n"
    "3:  slli a1, a1, 32\n"
    "    add a0, a1, a2\n"
    "    ret\n"
    "\n"
    /* Two loops whose branches jump into each other. */
    "    .globl sb_pingpong\n"
    "sb_pingpong:\n"
    "    li a1, 0\n"
    "1:  addi a1, a1, 1\n"
    "    addi a0, a0, -1\n"
    "    andi t0, a0, 3\n"
    "    bnez t0, 1b\n"
    "2:  addi a1, a1, 100\n"
    "    addi a0, a0, -1\n"
    "    blez a0, 3f\n"
    "    andi t0, a0, 1\n"
    "    beqz t0, 2b\n"
    "    j 1b\n"
    "3:  mv a0, a1\n"
    "    ret\n");

static long ref_chain(long a, long b)
{
    long r = 0;

    r |= a == b ? 0 : 1;
    r |= a != b ? 0 : 2;
    r |= a < b ? 0 : 4;
    r |= a >= b ? 0 : 8;
    r |= (unsigned long)a < (unsigned long)b ? 0 : 16;
    r |= (unsigned long)a >= (unsigned long)b ? 0 : 32;
    r |= a == 0 ? 0 : 64;
    r |= b != 0 ? 0 : 128;
    r |= a <= 0 ? 0 : 256;
    r |= b > 0 ? 0 : 512;
    return r;
}

static long ref_both_loop(long n)
{
    long even = 0, odd = 0;

    do {
        if (n & 1) {
            odd += 3;
        } else {
            even++;
        }
        n--;
    } while (n > 0);
    return (even << 32) + odd;
}

static long ref_pingpong(long n)
{
    long c = 0;

    for (;;) {
        do {
            c++;
            n--;
        } while (n & 3);
        for (;;) {
            c += 100;
            n--;
            if (n <= 0) {
                return c;
            }
            if (n & 1) {
                break;
            }
        }
    }
}

static const long vals[] = { 0, 1, -1, 2, -2, 0x7fffffffffffffffL,
                             (long)0x8000000000000000UL, 42 };
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static void test_chain(void)
{
    long sum = 0;

    for (unsigned i = 0; i < NVALS; i++) {
        for (unsigned j = 0; j < NVALS; j++) {
            long r = sb_chain(vals[i], vals[j]);

            CHECK_EQ(r, ref_chain(vals[i], vals[j]), "sb_chain");
            sum = sum * 31 + r;
        }
    }
    printf("chain table hash: %016lx\n", sum);
    /* Hot: the chained (goto_tb) paths, both outcomes interleaved. */
    sum = 0;
    for (long k = 0; k < 200000; k++) {
        sum += sb_chain(vals[k % NVALS], vals[(k / NVALS) % NVALS]);
    }
    printf("chain hot sum: %ld\n", sum);
}

static volatile long fault_pc_ok, fault_regs_ok, faults;
static uintptr_t fault_want_pc;
static long fault_want_a3;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    unsigned long *gr = uc->uc_mcontext.__gregs;

    faults++;
    fault_pc_ok = gr[REG_PC] == fault_want_pc;
    /* x13 = a3, x6 = t1: written on the continued path before the fault */
    fault_regs_ok = gr[13] == (unsigned long)fault_want_a3 && gr[6] == 0x5a5a;
    /* Resume after the faulting (maybe compressed) insn with a0 = 1000 */
    gr[10] = 1000;
    gr[REG_PC] += (*(uint16_t *)gr[REG_PC] & 3) == 3 ? 4 : 2;
}

static void test_faults(void)
{
    struct sigaction sa = { 0 };
    long good = 7;
    long *bad = (long *)(uintptr_t)0x10;

    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    for (int round = 0; round < 3; round++) {
        for (long a = 0; a < 2; a++) {
            long want_a3 = a == 0 ? 2 : 1;   /* b is always 0 */
            long r;

            good = 7;
            faults = 0;
            fault_want_pc = (uintptr_t)sb_fault_insn;
            fault_want_a3 = want_a3;
            r = sb_fault(&good, a, 0);
            CHECK(faults == 0 && r == 7 + want_a3, "sb_fault ok path");
            r = sb_fault(bad, a, 0);
            CHECK(faults == 1, "sb_fault: no fault");
            CHECK(fault_pc_ok, "sb_fault: wrong pc (a=%ld)", a);
            CHECK(fault_regs_ok, "sb_fault: wrong regs (a=%ld)", a);
            CHECK_EQ(r, 1000 + want_a3, "sb_fault resumed");
            if (round == 0) {
                printf("fault a=%ld: faults=%ld pc_ok=%ld regs_ok=%ld "
                       "r=%ld\n", a, faults, fault_pc_ok, fault_regs_ok, r);
            }
        }
        for (long a = -1; a < 2; a++) {
            for (long b = 0; b < 2; b++) {
                long want = 10 + (a != 0 ? 1 : 0) + (b == 0 ? 4 : 0) +
                            (a < b ? 0 : 16) + (a == b ? 0 : 64);
                long r;

                faults = 0;
                fault_want_pc = (uintptr_t)sb_fault_jump_insn;
                fault_want_a3 = want;
                r = sb_fault_jump(&good, a, b);
                CHECK(faults == 0 && r == want && good == want,
                      "sb_fault_jump ok path");
                r = sb_fault_jump(bad, a, b);
                CHECK(faults == 1, "sb_fault_jump: no fault");
                CHECK(fault_pc_ok, "sb_fault_jump: wrong pc");
                CHECK(fault_regs_ok, "sb_fault_jump: wrong regs");
                /* a0 = 1000 from the handler, then mv a0, a3 */
                CHECK_EQ(r, want, "sb_fault_jump resumed");
                if (round == 0) {
                    printf("fault-jump a=%ld b=%ld: faults=%ld pc_ok=%ld "
                           "regs_ok=%ld r=%ld\n", a, b, faults, fault_pc_ok,
                           fault_regs_ok, r);
                }
            }
        }
    }
    signal(SIGSEGV, SIG_DFL);
}

static void test_loops(void)
{
    static const long ns[] = { 1, 2, 3, 7, 8, 1000, 1000001 };

    printf("jal ra offset: %ld\n", sb_call_ra());
    CHECK_EQ(sb_call_ra(), 0, "jal ra");
    for (unsigned i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
        long b = sb_both_loop(ns[i]);
        long p = sb_pingpong(ns[i]);

        CHECK_EQ(b, ref_both_loop(ns[i]), "sb_both_loop");
        CHECK_EQ(p, ref_pingpong(ns[i]), "sb_pingpong");
        printf("n=%ld: both=%016lx pingpong=%ld\n", ns[i], b, p);
    }
}

int main(void)
{
    test_chain();
    test_faults();
    test_loops();
    return guest_done();
}
