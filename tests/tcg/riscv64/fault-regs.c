/* SPDX-License-Identifier: MIT */
/* Guest registers in the SIGSEGV ucontext at faulting loads and stores. */
#include "guest.h"
#include <signal.h>
#include <sys/mman.h>
#include <sys/ucontext.h>
#include <unistd.h>

/* What the handler saw; it resumes after the (4-byte) faulting insn. */
static volatile uint64_t seen[32];
static volatile uint64_t seen_f1;   /* bits of f1 */
static volatile uintptr_t seen_addr;
static volatile int nb_faults;
/* The handler puts fix_val into x[fix_reg] (the faulting load's rd). */
static volatile int fix_reg;
static volatile uint64_t fix_val;

static void on_segv(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;

    (void)sig;
    for (int i = 0; i < 32; i++) {
        seen[i] = uc->uc_mcontext.__gregs[i];
    }
    seen_f1 = uc->uc_mcontext.__fpregs.__d.__f[1];
    seen_addr = (uintptr_t)si->si_addr;
    nb_faults++;
    if (fix_reg) {
        uc->uc_mcontext.__gregs[fix_reg] = fix_val;
    }
    uc->uc_mcontext.__gregs[REG_PC] += 4;
}

/* x-register numbers. */
enum { T0 = 5, T1 = 6, T2 = 7, S2 = 18, S3 = 19, S4 = 20, S5 = 21,
       S6 = 22, S7 = 23, T3 = 28, T4 = 29, T5 = 30, T6 = 31 };

extern char fr_load_pc[], fr_store_pc[], fr_store_far_pc[], fr_long_pc[];

static void expect(int reg, uint64_t want, const char *what)
{
    printf("  %s x%d = 0x%llx\n", what, reg, (unsigned long long)seen[reg]);
    CHECK_EQ(seen[reg], want, what);
}

/*
 * A load from an unmapped page after arithmetic on many registers; the
 * load's address register is also its destination.
 */
static void __attribute__((noinline, noclone)) test_load(uint64_t x,
                                                        uintptr_t bad)
{
    uint64_t out[9], f1_bits;
    double f1;

    fix_reg = T5;
    fix_val = 0x5a5a5a5aull;
    nb_faults = 0;
    asm volatile(".option push\n.option norvc\n"
                 "li t0, 0x1234\n"
                 "addi t1, %[x], 7\n"
                 "slli t2, %[x], 3\n"
                 "xor t3, t1, t2\n"
                 "add t4, t3, t0\n"
                 "sub s2, t4, t1\n"
                 "mul s3, t1, t2\n"
                 "fcvt.d.l ft0, t1\n"
                 "fadd.d ft1, ft0, ft0\n"
                 "addi t5, %[bad], 16\n"
                 ".globl fr_load_pc\n"
                 "fr_load_pc:\n"
                 "ld t5, -16(t5)\n"
                 "addi t1, t1, 1\n"
                 "sd t0, 0(%[o])\n"
                 "sd t1, 8(%[o])\n"
                 "sd t2, 16(%[o])\n"
                 "sd t3, 24(%[o])\n"
                 "sd t4, 32(%[o])\n"
                 "sd t5, 40(%[o])\n"
                 "sd s2, 48(%[o])\n"
                 "sd s3, 56(%[o])\n"
                 "fsd ft1, 64(%[o])\n"
                 ".option pop\n"
                 : : [x] "r"(x), [bad] "r"(bad), [o] "r"(out)
                 : "t0", "t1", "t2", "t3", "t4", "t5", "s2", "s3", "ft0",
                   "ft1", "memory");
    printf("load fault: faults=%d at label=%d\n", nb_faults,
           seen[0] == (uintptr_t)fr_load_pc);
    CHECK(nb_faults == 1 && seen[0] == (uintptr_t)fr_load_pc, "load pc");
    CHECK(seen_addr == bad, "load si_addr");
    expect(T0, 0x1234, "t0");
    expect(T1, x + 7, "t1");
    expect(T2, x << 3, "t2");
    expect(T3, (x + 7) ^ (x << 3), "t3");
    expect(T4, ((x + 7) ^ (x << 3)) + 0x1234, "t4");
    expect(S2, ((x + 7) ^ (x << 3)) + 0x1234 - (x + 7), "s2");
    expect(S3, (x + 7) * (x << 3), "s3");
    /* An mmap address: checked, not printed. */
    CHECK_EQ(seen[T5], bad + 16, "t5 (address and destination)");
    f1 = 2.0 * (double)(int64_t)(x + 7);
    memcpy(&f1_bits, &f1, 8);
    printf("  f1 = 0x%llx\n", (unsigned long long)seen_f1);
    CHECK_EQ(seen_f1, f1_bits, "f1");
    /* After the handler: its t5 and everything else carried on. */
    CHECK_EQ(out[1], x + 8, "t1 after");
    CHECK_EQ(out[5], 0x5a5a5a5aull, "t5 set by the handler");
    CHECK_EQ(out[6], seen[S2], "s2 after");
    printf("  after: t1=0x%llx t5=0x%llx\n", (unsigned long long)out[1],
           (unsigned long long)out[5]);
}

/* Stores: to an unmapped page, and beyond the guest address space. */
static void __attribute__((noinline, noclone)) test_store(uint64_t x,
                                                         uintptr_t bad)
{
    uint64_t out[4];

    fix_reg = 0;
    nb_faults = 0;
    asm volatile(".option push\n.option norvc\n"
                 "addi t0, %[x], -3\n"
                 "srli t1, %[x], 1\n"
                 "or t6, t0, t1\n"
                 "mv s4, t6\n"
                 ".globl fr_store_pc\n"
                 "fr_store_pc:\n"
                 "sd t6, 8(%[bad])\n"
                 "addi t6, t6, 100\n"
                 "li t3, 1\n"
                 "slli t3, t3, 40\n"
                 "andi t4, t1, 0x7f0\n"
                 "add t4, t3, t4\n"
                 "addi s5, s4, 9\n"
                 ".globl fr_store_far_pc\n"
                 "fr_store_far_pc:\n"
                 "sw t6, 0(t4)\n"
                 "addi t6, t6, 1\n"
                 "addi t4, t4, 2\n"
                 "addi s5, s5, 3\n"
                 "sd t6, 0(%[o])\n"
                 "sd t4, 8(%[o])\n"
                 "sd s5, 16(%[o])\n"
                 ".option pop\n"
                 : : [x] "r"(x), [bad] "r"(bad), [o] "r"(out)
                 : "t0", "t1", "t3", "t4", "t6", "s4", "s5", "memory");
    (void)fr_store_pc;
    printf("store faults: %d\n", nb_faults);
    CHECK(nb_faults == 2, "two store faults");
    /* seen[] holds the second fault; the first is checked via out. */
    CHECK(seen[0] == (uintptr_t)fr_store_far_pc, "far store pc");
    expect(T0, x - 3, "t0");
    expect(T1, x >> 1, "t1");
    expect(T6, ((x - 3) | (x >> 1)) + 100, "t6");
    expect(T3, 1ull << 40, "t3");
    expect(T4, (1ull << 40) + ((x >> 1) & 0x7f0), "t4");
    expect(S4, (x - 3) | (x >> 1), "s4");
    expect(S5, ((x - 3) | (x >> 1)) + 9, "s5");
    /* Changed after the far store: the slow path had them in registers. */
    CHECK_EQ(out[0], seen[T6] + 1, "t6 after");
    CHECK_EQ(out[1], seen[T4] + 2, "t4 after");
    CHECK_EQ(out[2], seen[S5] + 3, "s5 after");
}

/* A fault in the middle of a long block of loads, stores and arithmetic. */
static void __attribute__((noinline, noclone)) test_long(uint64_t x,
                                                        uintptr_t bad)
{
    uint64_t buf[4] = { 0 }, out[4];

    fix_reg = S7;
    fix_val = 77;
    nb_faults = 0;
    asm volatile(".option push\n.option norvc\n"
                 "li s4, 0\n"
                 ".rept 30\n"
                 "addi s4, s4, 3\n"
                 "sd s4, 0(%[buf])\n"
                 "xor s5, s4, %[x]\n"
                 "ld s6, 0(%[buf])\n"
                 "add s6, s6, s5\n"
                 ".endr\n"
                 ".globl fr_long_pc\n"
                 "fr_long_pc:\n"
                 "ld s7, 0(%[bad])\n"
                 ".rept 30\n"
                 "addi s4, s4, 5\n"
                 "sd s4, 8(%[buf])\n"
                 "ld s5, 8(%[buf])\n"
                 ".endr\n"
                 "sd s4, 0(%[o])\n"
                 "sd s5, 8(%[o])\n"
                 "sd s7, 16(%[o])\n"
                 ".option pop\n"
                 : : [x] "r"(x), [bad] "r"(bad), [o] "r"(out),
                   [buf] "r"(buf)
                 : "s4", "s5", "s6", "s7", "memory");
    printf("long block fault: faults=%d at label=%d\n", nb_faults,
           seen[0] == (uintptr_t)fr_long_pc);
    CHECK(nb_faults == 1 && seen[0] == (uintptr_t)fr_long_pc, "long pc");
    expect(S4, 90, "s4");
    expect(S5, 90 ^ x, "s5");
    expect(S6, 90 + (90 ^ x), "s6");
    CHECK_EQ(out[0], 240, "s4 after");
    CHECK_EQ(out[1], 240, "s5 after");
    CHECK_EQ(out[2], 77, "s7 set by the handler");
    printf("  after: s4=%llu s7=%llu\n", (unsigned long long)out[0],
           (unsigned long long)out[2]);
}

int main(void)
{
    struct sigaction sa = { 0 };
    long pg = sysconf(_SC_PAGESIZE);
    volatile uint64_t x = 0x1122334455667788ull;
    char *p;
    uintptr_t bad;

    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
             -1, 0);
    munmap(p, pg);
    bad = (uintptr_t)p + 64;

    test_load(x, bad);
    test_store(x, bad);
    test_long(x, bad);
    /* Twice: the second run goes through already translated code. */
    test_load(x + 1, bad);
    test_long(x + 2, bad);
    return guest_done();
}
