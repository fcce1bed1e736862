/* SPDX-License-Identifier: MIT */
/*
 * AArch64 system registers without running code: MRS/MSR round trips
 * and RES0/RES1 masks, the access rules per EL, SP_EL0/SPSel/CurrentEL/
 * DAIF, the ID and debug registers, TLB flushes on translation register
 * writes, SYS operations, MSR (immediate), GICv3 forwarding, and the
 * generic timer (ISTATUS, IMASK, output line, TVAL, CNTVOFF, EL0 gates)
 * on a fake counter.
 */
#include <setjmp.h>
#include <string.h>

#include <glib.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysregs.h"
#include "vemu/arm.h"

/* ---- a fake system: counter, timers, TLB and GIC recorders ---- */

static uint64_t counter;
static uint64_t armed[4];
static int irq_level[4];
static int flushes;
static uint16_t flushed_map;
static int irq_changes;
static uint32_t gic_enc;
static uint64_t gic_val;

static void fake_flush(CPUState *cpu, uint16_t idxmap)
{
    flushes++;
    flushed_map |= idxmap;
}

static void fake_flush_page(CPUState *cpu, uint64_t addr, uint16_t idxmap)
{
    flushes++;
    flushed_map |= idxmap;
}

static void fake_flush_others(CPUState *cpu)
{
}

static void fake_set_page(CPUState *cpu, uint64_t va, uint64_t pa, int prot,
                          int mmu_idx, uint64_t size)
{
}

static bool fake_pte_load(CPUState *cpu, uint64_t pa, uint64_t *val)
{
    return false;
}

static void fake_irq_changed(CPUState *cpu)
{
    irq_changes++;
}

static uint64_t fake_counter(CPUState *cpu)
{
    return counter;
}

static void fake_timer_arm(CPUState *cpu, int n, uint64_t when)
{
    armed[n] = when;
}

static void fake_timer_irq(CPUState *cpu, int n, int level)
{
    irq_level[n] = level;
}

/* A GICv3 CPU interface with ICC_PMR_EL1 and ICC_SRE_EL2 only. */
static bool fake_gic_read(CPUState *cpu, uint32_t enc, uint64_t *val)
{
    gic_enc = enc;
    *val = gic_val;
    return enc == SYSREG(3, 0, 4, 6, 0) || enc == SYSREG(3, 4, 12, 9, 5);
}

static bool fake_gic_write(CPUState *cpu, uint32_t enc, uint64_t val)
{
    gic_enc = enc;
    gic_val = val;
    return enc == SYSREG(3, 0, 4, 6, 0) || enc == SYSREG(3, 4, 12, 9, 5);
}

static const ARMSysOps fake_ops = {
    .tlb_flush_by_mmuidx = fake_flush,
    .tlb_flush_page_by_mmuidx = fake_flush_page,
    .tlb_flush_others = fake_flush_others,
    .tlb_set_page = fake_set_page,
    .pte_load = fake_pte_load,
    .irq_changed = fake_irq_changed,
    .get_counter = fake_counter,
    .timer_arm = fake_timer_arm,
    .timer_set_irq = fake_timer_irq,
    .gicv3_read = fake_gic_read,
    .gicv3_write = fake_gic_write,
};

/* ---- register keys ---- */

#define MIDR SYSREG(3, 0, 0, 0, 0)
#define MPIDR SYSREG(3, 0, 0, 0, 5)
#define ID_PFR0 SYSREG(3, 0, 0, 1, 0)
#define ID_AA64PFR0 SYSREG(3, 0, 0, 4, 0)
#define ID_AA64ZFR0 SYSREG(3, 0, 0, 4, 4)
#define ID_AA64DFR0 SYSREG(3, 0, 0, 5, 0)
#define ID_AA64ISAR0 SYSREG(3, 0, 0, 6, 0)
#define SCTLR_EL1 SYSREG(3, 0, 1, 0, 0)
#define CPACR_EL1 SYSREG(3, 0, 1, 0, 2)
#define TTBR0_EL1 SYSREG(3, 0, 2, 0, 0)
#define TCR_EL1 SYSREG(3, 0, 2, 0, 2)
#define SPSR_EL1 SYSREG(3, 0, 4, 0, 0)
#define ELR_EL1 SYSREG(3, 0, 4, 0, 1)
#define SP_EL0 SYSREG(3, 0, 4, 1, 0)
#define SPSEL SYSREG(3, 0, 4, 2, 0)
#define CURRENTEL SYSREG(3, 0, 4, 2, 2)
#define PAN SYSREG(3, 0, 4, 2, 3)
#define ESR_EL1 SYSREG(3, 0, 5, 2, 0)
#define PAR_EL1 SYSREG(3, 0, 7, 4, 0)
#define MAIR_EL1 SYSREG(3, 0, 10, 2, 0)
#define VBAR_EL1 SYSREG(3, 0, 12, 0, 0)
#define ISR_EL1 SYSREG(3, 0, 12, 1, 0)
#define CNTKCTL_EL1 SYSREG(3, 0, 14, 1, 0)
#define CCSIDR SYSREG(3, 1, 0, 0, 0)
#define CSSELR SYSREG(3, 2, 0, 0, 0)
#define DAIF SYSREG(3, 3, 4, 2, 1)
#define TPIDRRO_EL0 SYSREG(3, 3, 13, 0, 3)
#define CNTPCT SYSREG(3, 3, 14, 0, 1)
#define CNTVCT SYSREG(3, 3, 14, 0, 2)
#define CNTP_TVAL SYSREG(3, 3, 14, 2, 0)
#define CNTP_CTL SYSREG(3, 3, 14, 2, 1)
#define CNTP_CVAL SYSREG(3, 3, 14, 2, 2)
#define CNTV_CTL SYSREG(3, 3, 14, 3, 1)
#define CNTV_CVAL SYSREG(3, 3, 14, 3, 2)
#define VPIDR_EL2 SYSREG(3, 4, 0, 0, 0)
#define VMPIDR_EL2 SYSREG(3, 4, 0, 0, 5)
#define HCR_EL2 SYSREG(3, 4, 1, 1, 0)
#define CPTR_EL2 SYSREG(3, 4, 1, 1, 2)
#define TCR_EL2 SYSREG(3, 4, 2, 0, 2)
#define SP_EL1 SYSREG(3, 4, 4, 1, 0)
#define CNTVOFF_EL2 SYSREG(3, 4, 14, 0, 3)
#define CNTHP_CTL SYSREG(3, 4, 14, 2, 1)
#define CNTPS_CTL SYSREG(3, 7, 14, 2, 1)
#define ICC_PMR_EL1 SYSREG(3, 0, 4, 6, 0)
#define ICC_SRE_EL2 SYSREG(3, 4, 12, 9, 5)
#define ICC_IAR1_EL1 SYSREG(3, 0, 12, 12, 0)
#define MDSCR_EL1 SYSREG(2, 0, 0, 2, 2)
#define OSLAR_EL1 SYSREG(2, 0, 1, 0, 4)
#define OSLSR_EL1 SYSREG(2, 0, 1, 1, 4)
#define DBGBCR_EL1(n) SYSREG(2, 0, 0, n, 5)
#define DBGWVR_EL1(n) SYSREG(2, 0, 0, n, 6)

/* SYS operations. */
#define TLBI_VMALLE1IS SYSREG(1, 0, 8, 3, 0)
#define TLBI_ALLE2 SYSREG(1, 4, 8, 7, 0)
#define AT_S1E1R SYSREG(1, 0, 7, 8, 0)
#define DC_ISW SYSREG(1, 0, 7, 6, 2)
#define DC_CIVAC SYSREG(1, 3, 7, 14, 1)
#define DC_CVAP SYSREG(1, 3, 7, 12, 1)
#define IC_IALLU SYSREG(1, 0, 7, 5, 0)

#define CTL_ENABLE 1u
#define CTL_IMASK 2u
#define CTL_ISTATUS 4u

/* A CPU out of reset at EL2 (has_el2) or EL1, with the model's IDs. */
static CPUARMState *env_new(bool has_el2)
{
    CPUState *cpu = cpu_create(&target_aarch64);
    CPUARMState *env = arm_env(cpu);

    env->sys = &fake_ops;
    env->has_el2 = has_el2;
    env->midr = 0x411fd070;
    env->mpidr = 0x80000001ull;
    env->id_aa64pfr0 = 0x11 | (has_el2 ? 0x100 : 0);
    env->id_aa64mmfr0 = 0x100024;
    env->id_aa64dfr0 = 0x101006;
    env->clidr = 0x0a200023;
    arm_cpu_sys_reset(env);
    counter = 0;
    memset(armed, 0, sizeof(armed));
    memset(irq_level, 0, sizeof(irq_level));
    flushes = irq_changes = 0;
    flushed_map = 0;
    return env;
}

static void env_free(CPUARMState *env)
{
    cpu_destroy(&env->parent);
}

/*
 * The accessors run with ra 0: an UNDEFINED access longjmps to
 * cpu->jmp_env with exception_index set. These return that index, or
 * -1 when the access completed.
 */
static int try_read(CPUARMState *env, uint32_t key, uint64_t *val)
{
    CPUState *cpu = &env->parent;

    cpu->exception_index = -1;
    if (sigsetjmp(cpu->jmp_env, 0) == 0) {
        *val = arm_sysreg_read(env, key, 0);
    }
    return cpu->exception_index;
}

static int try_write(CPUARMState *env, uint32_t key, uint64_t val)
{
    CPUState *cpu = &env->parent;

    cpu->exception_index = -1;
    if (sigsetjmp(cpu->jmp_env, 0) == 0) {
        arm_sysreg_write(env, key, val, 0);
    }
    return cpu->exception_index;
}

static int try_sys(CPUARMState *env, uint32_t key, uint64_t val)
{
    CPUState *cpu = &env->parent;

    cpu->exception_index = -1;
    if (sigsetjmp(cpu->jmp_env, 0) == 0) {
        arm_sysreg_sys(env, key, val, 0);
    }
    return cpu->exception_index;
}

static int try_msr_imm(CPUARMState *env, uint32_t op1, uint32_t op2,
                       uint32_t imm)
{
    CPUState *cpu = &env->parent;

    cpu->exception_index = -1;
    if (sigsetjmp(cpu->jmp_env, 0) == 0) {
        arm_msr_imm(env, op1, op2, imm, 0);
    }
    return cpu->exception_index;
}

static uint64_t rd(CPUARMState *env, uint32_t key)
{
    uint64_t v = 0xdeadbeef;

    g_assert_cmpint(try_read(env, key, &v), ==, -1);
    return v;
}

static void wr(CPUARMState *env, uint32_t key, uint64_t val)
{
    g_assert_cmpint(try_write(env, key, val), ==, -1);
}

static void assert_read_undef(CPUARMState *env, uint32_t key)
{
    uint64_t v;

    g_assert_cmpint(try_read(env, key, &v), ==, ARM_EXCP_UDEF);
}

static void assert_write_undef(CPUARMState *env, uint32_t key)
{
    g_assert_cmpint(try_write(env, key, 0), ==, ARM_EXCP_UDEF);
}

/* Drop to el with SPSel 1 (0 at EL0), through the trap.c primitive. */
static void go_el(CPUARMState *env, int el)
{
    arm_switch_sp(env, el, el ? PSTATE_SP : 0);
}

/* ---- the table ---- */

static void check_table(const ARMSysReg *regs, size_t n, GHashTable *seen)
{
    for (size_t i = 0; i < n; i++) {
        const ARMSysReg *r = &regs[i];

        g_assert_nonnull(r->name);
        g_assert_false(g_hash_table_contains(seen,
                                             GUINT_TO_POINTER(r->key)));
        g_hash_table_add(seen, GUINT_TO_POINTER(r->key));
        g_assert_true(arm_sysreg_find(r->key) == r);
        g_assert_cmpuint(r->min_el, <=, 2);
        g_assert_cmpuint(r->offset + 8, <=, sizeof(CPUARMState));
        /* A writable field needs a mask; RES1 bits must be writable-off. */
        g_assert_cmpuint(r->wmask & r->res1, ==, 0);
    }
}

static void test_table_keys_unique(void)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);

    check_table(arm_sysregs_main, arm_sysregs_main_count, seen);
    check_table(arm_sysregs_id, arm_sysregs_id_count, seen);
    g_assert_cmpuint(g_hash_table_size(seen), >, 90);
    g_hash_table_destroy(seen);
    /* The GIC's encoding is MRS's bits 20:5: MRS X0, ICC_PMR_EL1. */
    g_assert_cmphex((0xd5384600u >> 5) & 0xffff, ==, ICC_PMR_EL1);
}

/* ---- round trips and masks ---- */

static void test_roundtrip_and_masks(void)
{
    CPUARMState *env = env_new(true);

    wr(env, MAIR_EL1, 0x0123456789abcdefull);
    g_assert_cmphex(rd(env, MAIR_EL1), ==, 0x0123456789abcdefull);
    wr(env, ELR_EL1, 0xffff800012345678ull);
    g_assert_cmphex(rd(env, ELR_EL1), ==, 0xffff800012345678ull);

    /* SCTLR_EL1: RES0 bits drop, RES1 bits stay set. */
    wr(env, SCTLR_EL1, ~0ull);
    g_assert_cmphex(rd(env, SCTLR_EL1), ==, 0x34ddda1full);
    wr(env, SCTLR_EL1, 0);
    g_assert_cmphex(rd(env, SCTLR_EL1), ==, 0x30d00800ull);

    wr(env, TCR_EL1, ~0ull);
    g_assert_cmphex(rd(env, TCR_EL1), ==, 0x77ffffffbfull);
    /* E0PD0/E0PD1 only with FEAT_E0PD. */
    env->id_aa64mmfr2 = 1ull << 60;
    wr(env, TCR_EL1, ~0ull);
    g_assert_cmphex(rd(env, TCR_EL1), ==, 0x1800077ffffffbfull);
    env->id_aa64mmfr2 = 0;
    wr(env, VBAR_EL1, ~0ull);
    g_assert_cmphex(rd(env, VBAR_EL1), ==, ~0x7ffull);
    wr(env, ESR_EL1, ~0ull);
    g_assert_cmphex(rd(env, ESR_EL1), ==, 0xffffffffull);
    wr(env, CPACR_EL1, ~0ull);
    g_assert_cmphex(rd(env, CPACR_EL1), ==, 0x10300000ull);
    /* SPSR: no PAN bit without FEAT_PAN, no AArch32 fields. */
    wr(env, SPSR_EL1, ~0ull);
    g_assert_cmphex(rd(env, SPSR_EL1), ==, 0xf03003dfull);
    wr(env, CNTKCTL_EL1, ~0ull);
    g_assert_cmphex(rd(env, CNTKCTL_EL1), ==, 0x3ffull);

    /* EL2: HCR_EL2.RW reads 1, CPTR_EL2's RES1 bits. */
    wr(env, HCR_EL2, 0);
    g_assert_cmphex(rd(env, HCR_EL2), ==, HCR_RW);
    wr(env, HCR_EL2, ~0ull);
    g_assert_cmphex(rd(env, HCR_EL2), ==, 0x3ffffffffull);
    wr(env, CPTR_EL2, 0);
    g_assert_cmphex(rd(env, CPTR_EL2), ==, 0x33ffull);
    wr(env, CPTR_EL2, CPTR_TFP);
    g_assert_cmphex(env->cptr_el2, ==, 0x33ffull | CPTR_TFP);
    wr(env, TCR_EL2, 0);
    g_assert_cmphex(rd(env, TCR_EL2), ==, 0x80800000ull);

    /* TPIDRRO_EL0 is written at EL1, only read at EL0. */
    wr(env, TPIDRRO_EL0, 0x1234);
    g_assert_cmphex(env->tpidrro_el0, ==, 0x1234);
    go_el(env, 0);
    g_assert_cmphex(rd(env, TPIDRRO_EL0), ==, 0x1234);
    assert_write_undef(env, TPIDRRO_EL0);
    env_free(env);
}

/* ---- PSTATE registers ---- */

static void test_sp_el0_and_spsel(void)
{
    CPUARMState *env = env_new(false);

    g_assert_cmpint(env->el, ==, 1);
    env->xregs[31] = 0x1000;                    /* SP_EL1 in use */
    wr(env, SP_EL0, 0x2000);
    g_assert_cmphex(env->sp_el[0], ==, 0x2000);
    g_assert_cmphex(env->xregs[31], ==, 0x1000);
    g_assert_cmphex(rd(env, SP_EL0), ==, 0x2000);
    g_assert_cmphex(rd(env, SPSEL), ==, 1);

    /* SPSel 0: SP_EL0 becomes the stack pointer, SP_EL0 is UNDEFINED. */
    wr(env, SPSEL, 0);
    g_assert_cmphex(rd(env, SPSEL), ==, 0);
    g_assert_cmphex(env->xregs[31], ==, 0x2000);
    g_assert_cmphex(env->sp_el[1], ==, 0x1000);
    assert_read_undef(env, SP_EL0);
    assert_write_undef(env, SP_EL0);

    /* MSR SPSel, #1 brings SP_EL1 back. */
    g_assert_cmpint(try_msr_imm(env, 0, 5, 1), ==, -1);
    g_assert_cmphex(env->xregs[31], ==, 0x1000);
    g_assert_cmphex(rd(env, SP_EL0), ==, 0x2000);

    /* SP_EL1 is EL2's. */
    assert_read_undef(env, SP_EL1);
    env_free(env);

    env = env_new(true);
    env->sp_el[1] = 0x3000;
    g_assert_cmphex(rd(env, SP_EL1), ==, 0x3000);
    wr(env, SP_EL1, 0x4000);
    g_assert_cmphex(env->sp_el[1], ==, 0x4000);
    env_free(env);
}

static void test_current_el_and_daif(void)
{
    CPUARMState *env = env_new(true);

    g_assert_cmphex(rd(env, CURRENTEL), ==, 8);
    go_el(env, 1);
    g_assert_cmphex(rd(env, CURRENTEL), ==, 4);
    assert_write_undef(env, CURRENTEL);

    wr(env, DAIF, ~0ull);
    g_assert_cmphex(rd(env, DAIF), ==, PSTATE_DAIF);
    g_assert_cmpint(irq_changes, ==, 1);
    /* DAIFClr #2 (I), DAIFSet #1 (F) after clearing all. */
    g_assert_cmpint(try_msr_imm(env, 3, 7, 2), ==, -1);
    g_assert_cmphex(env->daif, ==, PSTATE_DAIF & ~PSTATE_I);
    wr(env, DAIF, 0);
    g_assert_cmpint(try_msr_imm(env, 3, 6, 1), ==, -1);
    g_assert_cmphex(env->daif, ==, PSTATE_F);
    g_assert_cmpint(irq_changes, ==, 4);

    /* EL0: DAIF only with SCTLR_EL1.UMA. */
    go_el(env, 0);
    assert_read_undef(env, DAIF);
    g_assert_cmpint(try_msr_imm(env, 3, 6, 2), ==, ARM_EXCP_UDEF);
    env->sctlr_el[1] |= 1u << 9;
    g_assert_cmphex(rd(env, DAIF), ==, PSTATE_F);
    g_assert_cmpint(try_msr_imm(env, 3, 6, 2), ==, -1);
    g_assert_cmphex(env->daif, ==, PSTATE_F | PSTATE_I);
    /* SPSel is never EL0's. */
    g_assert_cmpint(try_msr_imm(env, 0, 5, 1), ==, ARM_EXCP_UDEF);
    env_free(env);
}

static void test_pan_and_msr_imm(void)
{
    CPUARMState *env = env_new(false);

    /* No FEAT_PAN advertised: PAN is UNDEFINED, SPAN stays RES1. */
    g_assert_cmpint(try_msr_imm(env, 0, 4, 1), ==, ARM_EXCP_UDEF);
    assert_read_undef(env, PAN);
    /* UAO and unknown fields. */
    g_assert_cmpint(try_msr_imm(env, 0, 3, 1), ==, ARM_EXCP_UDEF);
    g_assert_cmpint(try_msr_imm(env, 1, 0, 1), ==, ARM_EXCP_UDEF);

    env->id_aa64mmfr1 = 1ull << 20;
    g_assert_cmpint(try_msr_imm(env, 0, 4, 1), ==, -1);
    g_assert_cmphex(rd(env, PAN), ==, PSTATE_PAN);
    wr(env, PAN, 0);
    g_assert_cmphex(env->pstate_pan, ==, 0);
    wr(env, SCTLR_EL1, 0);
    g_assert_cmphex(rd(env, SCTLR_EL1) & (1u << 23), ==, 0);
    wr(env, SPSR_EL1, PSTATE_PAN);
    g_assert_cmphex(rd(env, SPSR_EL1), ==, PSTATE_PAN);
    env_free(env);
}

static void test_isr(void)
{
    CPUARMState *env = env_new(true);

    go_el(env, 1);
    g_assert_cmphex(rd(env, ISR_EL1), ==, 0);
    env->irq_lines = 1u << ARM_CPU_IRQ;
    g_assert_cmphex(rd(env, ISR_EL1), ==, PSTATE_I);
    /* IMO routes IRQs to EL2: EL1 sees the virtual IRQ (HCR.VI) only. */
    env->hcr_el2 = HCR_IMO;
    g_assert_cmphex(rd(env, ISR_EL1), ==, 0);
    env->hcr_el2 |= 1u << 7;
    g_assert_cmphex(rd(env, ISR_EL1), ==, PSTATE_I);
    env->irq_lines = 1u << ARM_CPU_FIQ;
    g_assert_cmphex(rd(env, ISR_EL1), ==, PSTATE_I | PSTATE_F);
    env_free(env);
}

/* ---- access rules ---- */

static void test_el_access_rules(void)
{
    CPUARMState *env = env_new(false);
    uint64_t v;

    /* EL1 without EL2: EL2 registers are UNDEFINED. */
    assert_read_undef(env, HCR_EL2);
    assert_write_undef(env, HCR_EL2);
    assert_read_undef(env, VPIDR_EL2);
    assert_read_undef(env, CNTHP_CTL);
    /* Secure timer: no EL3, Non-secure. */
    assert_read_undef(env, CNTPS_CTL);
    /* Read-only and write-only registers. */
    assert_write_undef(env, MIDR);
    assert_write_undef(env, CNTPCT);
    assert_read_undef(env, OSLAR_EL1);
    /* Unallocated encodings, and MIDR's unused op2 slots. */
    assert_read_undef(env, SYSREG(3, 0, 15, 15, 7));
    assert_read_undef(env, SYSREG(3, 0, 0, 0, 1));
    assert_read_undef(env, SYSREG(3, 6, 1, 0, 0));     /* SCTLR_EL3 */

    /* EL0 may not touch EL1's registers. */
    go_el(env, 0);
    assert_read_undef(env, SCTLR_EL1);
    assert_write_undef(env, TTBR0_EL1);
    assert_read_undef(env, MIDR);
    assert_read_undef(env, CURRENTEL);
    assert_read_undef(env, MDSCR_EL1);
    g_assert_cmpint(try_sys(env, TLBI_VMALLE1IS, 0), ==, ARM_EXCP_UDEF);
    g_assert_cmpint(try_sys(env, DC_ISW, 0), ==, ARM_EXCP_UDEF);
    env_free(env);

    /* With EL2: EL1 still may not touch them, EL2 may touch both. */
    env = env_new(true);
    g_assert_cmpint(try_write(env, HCR_EL2, 0), ==, -1);
    g_assert_cmpint(try_read(env, SCTLR_EL1, &v), ==, -1);
    go_el(env, 1);
    assert_read_undef(env, HCR_EL2);
    assert_read_undef(env, SP_EL1);
    assert_read_undef(env, CNTVOFF_EL2);
    g_assert_cmpint(try_sys(env, TLBI_ALLE2, 0), ==, ARM_EXCP_UDEF);
    env_free(env);
}

/* ---- identification and debug ---- */

static void test_id_registers(void)
{
    CPUARMState *env = env_new(true);

    /* EL2 reads the real MIDR/MPIDR, EL1 the virtualised ones. */
    wr(env, VPIDR_EL2, 0x410fd083);
    wr(env, VMPIDR_EL2, 0x5);
    g_assert_cmphex(rd(env, VMPIDR_EL2), ==, 0x80000005ull);
    g_assert_cmphex(rd(env, MIDR), ==, 0x411fd070);
    g_assert_cmphex(rd(env, MPIDR), ==, 0x80000001ull);
    go_el(env, 1);
    g_assert_cmphex(rd(env, MIDR), ==, 0x410fd083);
    g_assert_cmphex(rd(env, MPIDR), ==, 0x80000005ull);

    /* PFR0: EL2 as the machine has it, EL3 never. */
    g_assert_cmphex((rd(env, ID_AA64PFR0) >> 8) & 0xff, ==, 0x01);
    g_assert_cmphex(rd(env, ID_AA64ISAR0), ==, env->id_aa64isar0);
    /* No PMU, whatever the model says. */
    env->id_aa64dfr0 |= 4u << 8;
    g_assert_cmphex(rd(env, ID_AA64DFR0), ==, 0x101006);
    /* The AArch32 and unallocated ID space reads 0. */
    g_assert_cmphex(rd(env, ID_PFR0), ==, 0);
    g_assert_cmphex(rd(env, ID_AA64ZFR0), ==, 0);
    assert_write_undef(env, ID_PFR0);

    /* CCSIDR of L1D, L1I, L2 through CSSELR; L3 does not exist. */
    wr(env, CSSELR, 0);
    g_assert_cmphex(rd(env, CCSIDR) & 7, ==, 2);            /* 64 B */
    g_assert_cmpuint(((rd(env, CCSIDR) >> 3) & 0x3ff) + 1, ==, 2);
    wr(env, CSSELR, 1);
    g_assert_cmpuint(((rd(env, CCSIDR) >> 3) & 0x3ff) + 1, ==, 3);
    wr(env, CSSELR, 2);
    g_assert_cmpuint(((rd(env, CCSIDR) >> 13) & 0x7fff) + 1, ==, 2048);
    wr(env, CSSELR, 4);
    g_assert_cmphex(rd(env, CCSIDR), ==, 0);
    env_free(env);

    /* Without EL2, EL1 reads the real MIDR. */
    env = env_new(false);
    g_assert_cmphex(rd(env, MIDR), ==, 0x411fd070);
    g_assert_cmphex((rd(env, ID_AA64PFR0) >> 8) & 0xf, ==, 0);
    env_free(env);
}

static void test_debug_registers(void)
{
    CPUARMState *env = env_new(false);

    /* Cold reset leaves the OS lock set; Linux clears it with OSLAR. */
    g_assert_cmphex(rd(env, OSLSR_EL1), ==, 0xa);
    wr(env, OSLAR_EL1, 0);
    g_assert_cmphex(rd(env, OSLSR_EL1), ==, 0x8);
    wr(env, OSLAR_EL1, 1);
    g_assert_cmphex(rd(env, OSLSR_EL1), ==, 0xa);

    wr(env, MDSCR_EL1, ~0ull);
    g_assert_cmphex(rd(env, MDSCR_EL1), ==, 0x00e0f041ull);

    /* Two breakpoints and two watchpoints (DFR0 BRPs = WRPs = 1). */
    wr(env, DBGBCR_EL1(1), ~0ull);
    g_assert_cmphex(rd(env, DBGBCR_EL1(1)), ==, 0x00ffe1e7ull);
    wr(env, DBGWVR_EL1(0), 0xffff000012345677ull);
    g_assert_cmphex(rd(env, DBGWVR_EL1(0)), ==, 0xffff000012345674ull);
    assert_read_undef(env, DBGBCR_EL1(2));
    assert_write_undef(env, DBGWVR_EL1(2));
    env_free(env);
}

/* ---- TLB maintenance by register writes and SYS ---- */

static void test_tlb_flush_on_translation_writes(void)
{
    CPUARMState *env = env_new(true);

    go_el(env, 1);
    flushes = 0;
    wr(env, TTBR0_EL1, 0x40001000);
    g_assert_cmpint(flushes, ==, 1);
    g_assert_cmphex(flushed_map, ==, ARM_MMU_E10_MASK);
    /* The same value again: the TLB is still right. */
    wr(env, TTBR0_EL1, 0x40001000);
    g_assert_cmpint(flushes, ==, 1);
    wr(env, TCR_EL1, 0x19);
    wr(env, SCTLR_EL1, 0x30d00801);
    g_assert_cmpint(flushes, ==, 3);
    /* Registers that do not translate flush nothing. */
    wr(env, ELR_EL1, 0x1234);
    g_assert_cmpint(flushes, ==, 3);
    g_assert_cmphex(flushed_map & ARM_MMU_E2_MASK, ==, 0);

    go_el(env, 2);
    wr(env, TCR_EL2, 0x19);
    g_assert_cmpint(flushes, ==, 4);
    g_assert_cmphex(flushed_map & ARM_MMU_E2_MASK, ==, ARM_MMU_E2_MASK);
    /* HCR_EL2.VM changes the EL1&0 regime; IMO only the interrupts. */
    irq_changes = 0;
    wr(env, HCR_EL2, HCR_RW | HCR_IMO);
    g_assert_cmpint(flushes, ==, 4);
    g_assert_cmpint(irq_changes, ==, 1);
    wr(env, HCR_EL2, HCR_RW | HCR_IMO | 1);
    g_assert_cmpint(flushes, ==, 5);
    env_free(env);
}

static void test_sys_ops(void)
{
    CPUARMState *env = env_new(true);

    go_el(env, 1);
    g_assert_cmpint(try_sys(env, DC_CIVAC, 0x1000), ==, -1);
    g_assert_cmpint(try_sys(env, DC_ISW, 0), ==, -1);
    g_assert_cmpint(try_sys(env, IC_IALLU, 0), ==, -1);
    /* DC CVAP needs FEAT_DPB. */
    g_assert_cmpint(try_sys(env, DC_CVAP, 0x1000), ==, ARM_EXCP_UDEF);
    /* TLBI VMALLE1IS is valid, op2 4 of the same group is not. */
    g_assert_cmpint(try_sys(env, TLBI_VMALLE1IS, 0), ==, -1);
    g_assert_cmpint(try_sys(env, SYSREG(1, 0, 8, 3, 4), 0), ==,
                    ARM_EXCP_UDEF);
    /* Range TLBIs (CRm 2, 6) are v8.4. */
    g_assert_cmpint(try_sys(env, SYSREG(1, 0, 8, 6, 1), 0), ==,
                    ARM_EXCP_UDEF);

    /* AT with the MMU off: PA = VA, PAR_EL1.F = 0. */
    env->par_el1 = 1;
    g_assert_cmpint(try_sys(env, AT_S1E1R, 0x12345678), ==, -1);
    g_assert_cmphex(rd(env, PAR_EL1) & 1, ==, 0);
    g_assert_cmphex(rd(env, PAR_EL1) & 0xfffffffff000ull, ==, 0x12345000);

    go_el(env, 2);
    g_assert_cmpint(try_sys(env, TLBI_ALLE2, 0), ==, -1);
    env_free(env);
}

/* ---- GICv3 ---- */

static void test_gicv3_forwarding(void)
{
    CPUARMState *env = env_new(true);

    go_el(env, 1);
    wr(env, ICC_PMR_EL1, 0xf0);
    g_assert_cmphex(gic_enc, ==, ICC_PMR_EL1);
    g_assert_cmphex(gic_val, ==, 0xf0);
    g_assert_cmphex(rd(env, ICC_PMR_EL1), ==, 0xf0);
    /* Not implemented by the interface: UNDEFINED. */
    assert_read_undef(env, ICC_IAR1_EL1);
    g_assert_cmphex(gic_enc, ==, ICC_IAR1_EL1);
    /* EL2's interface registers from EL1. */
    gic_enc = 0;
    assert_read_undef(env, ICC_SRE_EL2);
    g_assert_cmphex(gic_enc, ==, 0);
    go_el(env, 2);
    g_assert_cmphex(rd(env, ICC_SRE_EL2), ==, 0xf0);
    go_el(env, 0);
    assert_read_undef(env, ICC_PMR_EL1);
    env_free(env);
}

/* ---- the generic timer ---- */

static void test_timer_istatus_and_output(void)
{
    CPUARMState *env = env_new(false);

    counter = 1000;
    wr(env, CNTP_CVAL, 1500);
    wr(env, CNTP_CTL, CTL_ENABLE);
    g_assert_cmphex(armed[GTIMER_PHYS], ==, 1500);
    g_assert_cmpint(irq_level[GTIMER_PHYS], ==, 0);
    g_assert_cmphex(rd(env, CNTP_CTL), ==, CTL_ENABLE);
    g_assert_cmphex(rd(env, CNTP_TVAL), ==, 500);
    g_assert_cmphex(rd(env, CNTPCT), ==, 1000);

    /* Past the deadline: ISTATUS reads 1 at once, the host timer fires. */
    counter = 1600;
    g_assert_cmphex(rd(env, CNTP_CTL), ==, CTL_ENABLE | CTL_ISTATUS);
    g_assert_cmpint(irq_level[GTIMER_PHYS], ==, 0);
    arm_gt_update(env, GTIMER_PHYS);
    g_assert_cmpint(irq_level[GTIMER_PHYS], ==, 1);
    g_assert_cmphex(armed[GTIMER_PHYS], ==, UINT64_MAX);
    /* TVAL counts down through 0 as a signed 32-bit value. */
    g_assert_cmphex(rd(env, CNTP_TVAL), ==, 0xffffff9cull);

    /* IMASK drops the line but not ISTATUS; ISTATUS is read-only. */
    wr(env, CNTP_CTL, CTL_ENABLE | CTL_IMASK);
    g_assert_cmpint(irq_level[GTIMER_PHYS], ==, 0);
    g_assert_cmphex(rd(env, CNTP_CTL), ==,
                    CTL_ENABLE | CTL_IMASK | CTL_ISTATUS);
    wr(env, CNTP_CTL, CTL_ENABLE | CTL_ISTATUS);
    g_assert_cmpint(irq_level[GTIMER_PHYS], ==, 1);

    /* TVAL write: cval = now + sext32(val), here in the future. */
    wr(env, CNTP_TVAL, 100);
    g_assert_cmphex(rd(env, CNTP_CVAL), ==, 1700);
    g_assert_cmpint(irq_level[GTIMER_PHYS], ==, 0);
    g_assert_cmphex(armed[GTIMER_PHYS], ==, 1700);
    wr(env, CNTP_TVAL, 0xffffff00u);
    g_assert_cmphex(rd(env, CNTP_CVAL), ==, 1600 - 256);
    g_assert_cmpint(irq_level[GTIMER_PHYS], ==, 1);

    /* Disabled: no ISTATUS, no output, no host timer. */
    wr(env, CNTP_CTL, 0);
    g_assert_cmphex(rd(env, CNTP_CTL), ==, 0);
    g_assert_cmpint(irq_level[GTIMER_PHYS], ==, 0);
    g_assert_cmphex(armed[GTIMER_PHYS], ==, UINT64_MAX);
    env_free(env);
}

static void test_timer_virtual_offset(void)
{
    CPUARMState *env = env_new(true);

    counter = 1000;
    wr(env, CNTVOFF_EL2, 300);
    g_assert_cmphex(rd(env, CNTVCT), ==, 700);
    wr(env, CNTV_CVAL, 800);
    wr(env, CNTV_CTL, CTL_ENABLE);
    /* The host timer is armed in physical counts: cval + CNTVOFF. */
    g_assert_cmphex(armed[GTIMER_VIRT], ==, 1100);
    g_assert_cmpint(irq_level[GTIMER_VIRT], ==, 0);
    /* A smaller offset moves the virtual count past cval. */
    wr(env, CNTVOFF_EL2, 100);
    g_assert_cmpint(irq_level[GTIMER_VIRT], ==, 1);
    g_assert_cmphex(rd(env, CNTV_CTL), ==, CTL_ENABLE | CTL_ISTATUS);
    /* The physical timer does not see the offset. */
    wr(env, CNTP_CVAL, 950);
    wr(env, CNTP_CTL, CTL_ENABLE);
    g_assert_cmpint(irq_level[GTIMER_PHYS], ==, 1);

    /* CNTHP is EL2's own physical timer. */
    wr(env, SYSREG(3, 4, 14, 2, 2), 5000);
    wr(env, CNTHP_CTL, CTL_ENABLE);
    g_assert_cmphex(armed[GTIMER_HYP], ==, 5000);
    env_free(env);

    /* Without EL2 the virtual count is the physical one. */
    env = env_new(false);
    env->cntvoff_el2 = 300;
    counter = 1000;
    g_assert_cmphex(rd(env, CNTVCT), ==, 1000);
    env_free(env);
}

static void test_timer_el0_gates(void)
{
    CPUARMState *env = env_new(false);

    counter = 42;
    go_el(env, 0);
    assert_read_undef(env, CNTVCT);
    assert_read_undef(env, CNTPCT);
    assert_read_undef(env, CNTV_CTL);
    assert_read_undef(env, CNTP_CVAL);
    assert_read_undef(env, CNTKCTL_EL1);
    go_el(env, 1);
    wr(env, CNTKCTL_EL1, 1u << 1 | 1u << 8);    /* EL0VCTEN, EL0VTEN */
    go_el(env, 0);
    g_assert_cmphex(rd(env, CNTVCT), ==, 42);
    wr(env, CNTV_CVAL, 100);
    g_assert_cmphex(rd(env, CNTV_CVAL), ==, 100);
    assert_read_undef(env, CNTPCT);
    assert_read_undef(env, CNTP_CTL);
    env_free(env);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm/sysregs/table-keys-unique", test_table_keys_unique);
    g_test_add_func("/arm/sysregs/roundtrip-and-masks",
                    test_roundtrip_and_masks);
    g_test_add_func("/arm/sysregs/sp-el0-and-spsel", test_sp_el0_and_spsel);
    g_test_add_func("/arm/sysregs/current-el-and-daif",
                    test_current_el_and_daif);
    g_test_add_func("/arm/sysregs/pan-and-msr-imm", test_pan_and_msr_imm);
    g_test_add_func("/arm/sysregs/isr", test_isr);
    g_test_add_func("/arm/sysregs/el-access-rules", test_el_access_rules);
    g_test_add_func("/arm/sysregs/id-registers", test_id_registers);
    g_test_add_func("/arm/sysregs/debug-registers", test_debug_registers);
    g_test_add_func("/arm/sysregs/tlb-flush-on-translation-writes",
                    test_tlb_flush_on_translation_writes);
    g_test_add_func("/arm/sysregs/sys-ops", test_sys_ops);
    g_test_add_func("/arm/sysregs/gicv3-forwarding", test_gicv3_forwarding);
    g_test_add_func("/arm/gtimer/istatus-and-output",
                    test_timer_istatus_and_output);
    g_test_add_func("/arm/gtimer/virtual-offset", test_timer_virtual_offset);
    g_test_add_func("/arm/gtimer/el0-gates", test_timer_el0_gates);
    return g_test_run();
}
