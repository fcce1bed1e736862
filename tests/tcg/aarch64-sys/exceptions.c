/* SPDX-License-Identifier: MIT */
/*
 * Exceptions at EL1 and from EL0: SVC, BRK, UDF, vectors by source, the
 * syndrome, ELR and SPSR, ERET into EL0, EL0 touching an EL1 register,
 * SP banking, PSCI's version and features over HVC.
 */
#include "sys-test.h"

static uint64_t el0_stack[256] __attribute__((aligned(16)));
static volatile uint64_t el0_ran;
void run_el0(void (*fn)(void), uint64_t *sp0);
extern char el0_return[];

/* Back to EL1h after run_el0 when EL0 makes an SVC #0x77. */
static int el0_hook(struct frame *f, int type)
{
    if (type == 8 && ESR_EC(last_exc.esr) == 0x15 &&
        (last_exc.esr & 0xffff) == 0x77) {
        f->elr = (uint64_t)el0_return;
        f->spsr = 0x3c5;
        return 1;
    }
    return 0;
}

static void el0_code(void)
{
    el0_ran = 1;
    /* An EL1 register from EL0: UNDEFINED (EC 0), skipped by default. */
    __asm__ volatile("mrs x0, sctlr_el1" ::: "x0");
    __asm__ volatile("svc #0x77" ::: "memory");
    for (;;) {
    }
}

static void test_el0(void)
{
    uint64_t sp_before, sp_after;
    int n = last_exc.count;

    exc_hook = el0_hook;
    __asm__ volatile("mov %0, sp" : "=r"(sp_before));
    run_el0(el0_code, el0_stack + 256);
    __asm__ volatile("mov %0, sp" : "=r"(sp_after));
    exc_hook = 0;
    CHECK(el0_ran == 1);
    CHECK(last_exc.count == n + 2);
    CHECK(last_exc.type == 8);
    CHECK(ESR_EC(last_exc.esr) == 0x15);
    CHECK((last_exc.spsr & 0xf) == 0);     /* came from EL0t */
    CHECK(sp_after == sp_before);
    CHECK(read_sysreg(CurrentEL) == (1 << 2));
}

/*
 * MRS/MSR that vemu's translator turns into plain moves: written and read
 * back in one block, RES0 bits of VBAR dropped, DAIF bits, and SP_EL0,
 * which is UNDEFINED while it is the stack pointer (SPSel 0).
 */
static void test_sysreg_moves(void)
{
    uint64_t vbar = read_sysreg(vbar_el1), v0, v1;
    int n;

    __asm__ volatile("msr tpidr_el1, %2\n\t"
                     "mrs %0, tpidr_el1\n\t"
                     "msr elr_el1, %2\n\t"
                     "mrs %1, elr_el1"
                     : "=&r"(v0), "=&r"(v1) : "r"(0xfeedfacecafef00dull));
    CHECK(v0 == 0xfeedfacecafef00dull);
    CHECK(v1 == 0xfeedfacecafef00dull);
    write_sysreg(vbar_el1, vbar | 0x1f);
    CHECK(read_sysreg(vbar_el1) == vbar);
    write_sysreg(sp_el0, 0x123450ull);
    CHECK(read_sysreg(sp_el0) == 0x123450ull);
    __asm__ volatile("msr daifclr, #4" ::: "memory");
    CHECK((read_sysreg(daif) & 0x3c0) == 0x2c0);
    __asm__ volatile("msr daifset, #4" ::: "memory");
    CHECK((read_sysreg(daif) & 0x3c0) == 0x3c0);

    /* SPSel 0: SP_EL0 is the SP; MRS SP_EL0 traps (EC 0, SP0 vector). */
    n = last_exc.count;
    v0 = 0x55;
    __asm__ volatile("mov x9, sp\n\t"
                     "msr sp_el0, x9\n\t"
                     "msr spsel, #0\n\t"
                     "mov x0, #0x55\n\t"
                     "mrs x0, sp_el0\n\t"
                     "msr spsel, #1\n\t"
                     "mov %0, x0"
                     : "=r"(v0) : : "x0", "x9", "memory");
    CHECK(last_exc.count == n + 1);
    CHECK(last_exc.type == 0);
    CHECK(ESR_EC(last_exc.esr) == 0);
    CHECK(v0 == 0x55);
}

int main(void)
{
    uint64_t pc;
    int n;

    CHECK(read_sysreg(CurrentEL) == (1 << 2));
    CHECK((read_sysreg(daif) & 0x3c0) == 0x3c0);

    /* SVC at EL1: current EL with SPx, EC 0x15, ELR after the SVC. */
    n = last_exc.count;
    __asm__ volatile("adr %0, 1f\n svc #0x42\n 1:" : "=r"(pc) : : "memory");
    CHECK(last_exc.count == n + 1);
    CHECK(last_exc.type == 4);
    CHECK(ESR_EC(last_exc.esr) == 0x15);
    CHECK((last_exc.esr & 0xffff) == 0x42);
    CHECK(last_exc.esr & (1u << 25));
    CHECK(last_exc.elr == pc);
    CHECK((last_exc.spsr & 0xf) == 5);     /* EL1h */
    CHECK((last_exc.spsr & 0x3c0) == 0x3c0);

    /* BRK: ELR is the BRK itself (the handler skips it). */
    __asm__ volatile("adr %0, 1f\n 1: brk #0x1234" : "=r"(pc) : : "memory");
    CHECK(ESR_EC(last_exc.esr) == 0x3c);
    CHECK((last_exc.esr & 0xffff) == 0x1234);
    CHECK(last_exc.elr == pc);

    /* An unallocated encoding: EC 0, IL set. */
    __asm__ volatile("adr %0, 1f\n 1: .inst 0x00000000" : "=r"(pc) : :
                     "memory");
    CHECK(last_exc.esr == (1u << 25));
    CHECK(last_exc.elr == pc);

    /* NZCV goes into SPSR and comes back after ERET. */
    __asm__ volatile("msr nzcv, %0\n svc #1" : : "r"(0x60000000ull) :
                     "memory", "cc");
    CHECK((last_exc.spsr >> 28) == 6);
    CHECK(read_sysreg(nzcv) == 0x60000000ull);

    test_el0();
    CHECK(ESR_EC(last_exc.esr) == 0x15);

    /* PSCI over HVC (no EL2: the CPU answers). */
    CHECK((psci(PSCI_VERSION, 0, 0, 0) >> 16) == 1);
    CHECK(psci(PSCI_FEATURES, PSCI_CPU_ON, 0, 0) == 0);
    CHECK((int64_t)psci(0x8400001f, 0, 0, 0) == -1);

    /* TPIDR_EL1, VBAR read back. */
    write_sysreg(tpidr_el1, 0x1122334455667788ull);
    CHECK(read_sysreg(tpidr_el1) == 0x1122334455667788ull);
    CHECK(read_sysreg(vbar_el1) != 0);
    test_sysreg_moves();
    return 0;
}
