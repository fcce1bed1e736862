/* SPDX-License-Identifier: MIT */
/*
 * AArch64 exceptions without running code: entry (vector offsets by
 * source EL and SPSel, SPSR, ELR, ESR/FAR of SVC, HVC, BRK, UDEF, aborts,
 * alignment and traps, SP banking), ERET round trips and illegal returns,
 * IRQ/FIQ masking and HCR_EL2 routing, WFI's wake-up, PSCI calls, reset
 * state, and the system emulator's CPU (models, ID registers, interrupt
 * inputs, CPU_ON).
 */
#include <setjmp.h>
#include <string.h>

#include <glib.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/accel.h"
#include "vemu/arm.h"

#define HCR_FMO (1ull << 3)
#define HCR_IMO (1ull << 4)
#define HCR_VI (1ull << 7)
#define HCR_TGE (1ull << 27)

#define VBAR1 0x10000ull
#define VBAR2 0x20000ull

#define PSCI_VERSION 0x84000000ull
#define PSCI_CPU_SUSPEND64 0xc4000001ull
#define PSCI_CPU_OFF 0x84000002ull
#define PSCI_CPU_ON32 0x84000003ull
#define PSCI_CPU_ON64 0xc4000003ull
#define PSCI_AFFINITY_INFO64 0xc4000004ull
#define PSCI_MIGRATE_INFO_TYPE 0x84000006ull
#define PSCI_SYSTEM_OFF 0x84000008ull
#define PSCI_FEATURES 0x8400000aull

static int irq_changes, system_offs;
static uint64_t on_mpidr, on_entry, on_ctx;

static void fake_irq_changed(CPUState *cpu)
{
    irq_changes++;
}

static int fake_psci_cpu_on(CPUState *cpu, uint64_t mpidr, uint64_t entry,
                            uint64_t ctx)
{
    on_mpidr = mpidr;
    on_entry = entry;
    on_ctx = ctx;
    return mpidr == 0x101 ? -4 : 0;
}

static void fake_system_off(CPUState *cpu)
{
    system_offs++;
}

static const ARMSysOps fake_ops = {
    .irq_changed = fake_irq_changed,
    .psci_cpu_on = fake_psci_cpu_on,
    .system_off = fake_system_off,
};

/* A CPU just out of reset (boot pc 0x40080000, x0 = 0x48000000). */
static CPUARMState *env_new(bool has_el2)
{
    CPUState *cpu = cpu_create(&target_aarch64);
    CPUARMState *env = arm_env(cpu);

    env->sys = &fake_ops;
    env->has_el2 = has_el2;
    env->mpidr = 0x80000000ull;
    env->boot_pc = 0x40080000ull;
    env->boot_x[0] = 0x48000000ull;
    arm_cpu_sys_reset(env);
    env->vbar_el[1] = VBAR1;
    env->vbar_el[2] = VBAR2;
    irq_changes = system_offs = 0;
    return env;
}

static void env_free(CPUARMState *env)
{
    arm_cpu_destroy(&env->parent);
}

/* Put the CPU at el with SPSel (EL0: SP_EL0), DAIF clear, NZCV = nzcv. */
static void enter(CPUARMState *env, int el, int spsel, uint32_t nzcv)
{
    arm_pstate_write(env, nzcv | ((uint32_t)el << 2) | (el ? spsel : 0));
}

static void take(CPUARMState *env, int excp, uint32_t syndrome)
{
    env->exception.syndrome = syndrome;
    env->parent.exception_index = excp;
    arm_cpu_do_interrupt(&env->parent);
}

static void test_reset_state(void)
{
    CPUARMState *env = env_new(true);

    g_assert_cmpint(env->el, ==, 2);
    g_assert_cmpuint(env->spsel, ==, 1);
    g_assert_cmpuint(env->daif, ==, PSTATE_DAIF);
    g_assert_cmpuint(env->sctlr_el[1] & 1, ==, 0);
    g_assert_cmpuint(env->sctlr_el[2] & 1, ==, 0);
    g_assert_cmpuint(env->sctlr_el[1] & (1ull << 29), !=, 0);  /* RES1 */
    g_assert_cmpuint(env->pc, ==, 0x40080000ull);
    g_assert_cmpuint(env->xregs[0], ==, 0x48000000ull);
    g_assert_false(env->powered_off);
    g_assert_false(env->parent.halted);
    g_assert_cmpuint(arm_pstate_read(env), ==, PSTATE_DAIF | 0x9);
    env_free(env);

    env = env_new(false);
    g_assert_cmpint(env->el, ==, 1);
    g_assert_cmpuint(arm_pstate_read(env), ==, PSTATE_DAIF | 0x5);
    env->boot_off = true;
    arm_cpu_sys_reset(env);
    g_assert_true(env->powered_off);
    g_assert_true(env->parent.halted);
    g_assert_false(arm_cpu_has_work(&env->parent));
    env_free(env);
}

static void test_svc_from_el0(void)
{
    CPUARMState *env = env_new(true);

    enter(env, 1, 1, 0);
    env->xregs[31] = 0xffff000000100000ull;        /* SP_EL1 */
    enter(env, 0, 0, PSTATE_N | PSTATE_C);
    env->xregs[31] = 0x7ffff000ull;                /* SP_EL0 */
    env->pc = 0x400004;                            /* after the SVC */
    take(env, ARM_EXCP_SWI, 0x42);
    g_assert_cmpint(env->el, ==, 1);
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x400);
    g_assert_cmpuint(env->elr_el[1], ==, 0x400004);
    g_assert_cmpuint(env->esr_el[1], ==, (0x15u << 26) | ESR_IL | 0x42);
    g_assert_cmpuint(env->spsr_el[1], ==, PSTATE_N | PSTATE_C);
    g_assert_cmpuint(env->daif, ==, PSTATE_DAIF);
    g_assert_cmpuint(env->spsel, ==, 1);
    g_assert_cmpuint(env->xregs[31], ==, 0xffff000000100000ull);
    g_assert_cmpuint(env->sp_el[0], ==, 0x7ffff000ull);

    /* ERET goes back with flags, SP_EL0 and the masks as they were. */
    arm_nzcv_write(env, PSTATE_Z);
    arm_exception_return(env);
    g_assert_cmpint(env->el, ==, 0);
    g_assert_cmpuint(env->pc, ==, 0x400004);
    g_assert_cmpuint(arm_nzcv_read(env), ==, PSTATE_N | PSTATE_C);
    g_assert_cmpuint(env->daif, ==, 0);
    g_assert_cmpuint(env->xregs[31], ==, 0x7ffff000ull);
    g_assert_cmpuint(env->sp_el[1], ==, 0xffff000000100000ull);
    g_assert_cmpuint(env->pstate_ss_il, ==, 0);
    env_free(env);
}

/* The vector offsets for each source: SP0, SPx, lower EL; +0x80 IRQ. */
static void test_vector_offsets(void)
{
    CPUARMState *env = env_new(true);

    enter(env, 1, 0, 0);
    env->pc = 0x1000;
    take(env, ARM_EXCP_UDEF, 0);
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x000);
    g_assert_cmpuint(env->spsr_el[1], ==, 0x4);        /* EL1t */

    enter(env, 1, 1, 0);
    env->pc = 0x1000;
    take(env, ARM_EXCP_UDEF, 0);
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x200);
    g_assert_cmpuint(env->spsr_el[1], ==, 0x5);        /* EL1h */
    g_assert_cmpuint(env->esr_el[1], ==, ESR_IL);      /* EC 0 */
    g_assert_cmpuint(env->elr_el[1], ==, 0x1000);

    enter(env, 0, 0, 0);
    take(env, ARM_EXCP_IRQ, 0);
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x480);

    enter(env, 1, 1, 0);
    take(env, ARM_EXCP_FIQ, 0);
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x300);

    /* HVC from EL1 to EL2: lower EL; pc is already past the HVC. */
    enter(env, 1, 1, 0);
    env->pc = 0x2004;
    take(env, ARM_EXCP_HVC, 7);
    g_assert_cmpint(env->el, ==, 2);
    g_assert_cmpuint(env->pc, ==, VBAR2 + 0x400);
    g_assert_cmpuint(env->elr_el[2], ==, 0x2004);
    g_assert_cmpuint(env->esr_el[2], ==, (0x16u << 26) | ESR_IL | 7);
    g_assert_cmpuint(env->spsr_el[2], ==, 0x5);

    /* At EL2 (SPx): current EL. */
    env->pc = 0x3000;
    take(env, ARM_EXCP_BKPT, 0x1234);
    g_assert_cmpint(env->el, ==, 2);
    g_assert_cmpuint(env->pc, ==, VBAR2 + 0x200);
    g_assert_cmpuint(env->elr_el[2], ==, 0x3000);
    g_assert_cmpuint(env->esr_el[2], ==, (0x3cu << 26) | ESR_IL | 0x1234);
    g_assert_cmpuint(env->spsr_el[2], ==, PSTATE_DAIF | 0x9);
    env_free(env);
}

static void test_tge_routes_el0_to_el2(void)
{
    CPUARMState *env = env_new(true);

    env->hcr_el2 = HCR_TGE;
    enter(env, 0, 0, 0);
    env->pc = 0x5004;
    take(env, ARM_EXCP_SWI, 1);
    g_assert_cmpint(env->el, ==, 2);
    g_assert_cmpuint(env->pc, ==, VBAR2 + 0x400);
    g_assert_cmpuint(env->esr_el[2], ==, (0x15u << 26) | ESR_IL | 1);
    env_free(env);
}

/* arm_raise_abort unwinds: catch it as cpu_exec would. */
static int raise_abort(CPUARMState *env, uint64_t va, int access, int fsc,
                       bool s1ptw)
{
    if (sigsetjmp(env->parent.jmp_env, 0) == 0) {
        arm_raise_abort(env, va, access, fsc, s1ptw, ARM_MMU_E10_0, 0);
    }
    return env->parent.exception_index;
}

static void test_aborts(void)
{
    CPUARMState *env = env_new(true);

    /* A store from EL0: lower EL data abort, WnR, FAR. */
    enter(env, 0, 0, 0);
    env->pc = 0x8000;
    g_assert_cmpint(raise_abort(env, 0xdead0000, 1, 0x07, false), ==,
                    ARM_EXCP_DATA_ABORT);
    g_assert_cmpuint(env->exception.esr, ==,
                     (0x24u << 26) | ESR_IL | (1u << 6) | 0x07);
    arm_cpu_do_interrupt(&env->parent);
    g_assert_cmpint(env->el, ==, 1);
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x400);
    g_assert_cmpuint(env->elr_el[1], ==, 0x8000);
    g_assert_cmpuint(env->far_el[1], ==, 0xdead0000);
    g_assert_cmpuint(env->esr_el[1], ==,
                     (0x24u << 26) | ESR_IL | (1u << 6) | 0x07);

    /* A fetch at EL1 faulting on the walk itself: same EL, S1PTW. */
    enter(env, 1, 1, 0);
    env->pc = 0x9000;
    g_assert_cmpint(raise_abort(env, 0x9000, 2, 0x14, true), ==,
                    ARM_EXCP_PREFETCH_ABORT);
    arm_cpu_do_interrupt(&env->parent);
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x200);
    g_assert_cmpuint(env->esr_el[1], ==,
                     (0x21u << 26) | ESR_IL | (1u << 7) | 0x14);
    g_assert_cmpuint(env->far_el[1], ==, 0x9000);

    /* A load at EL2: same EL data abort to EL2. */
    enter(env, 2, 1, 0);
    raise_abort(env, 0x1234, 0, 0x0d, false);
    arm_cpu_do_interrupt(&env->parent);
    g_assert_cmpint(env->el, ==, 2);
    g_assert_cmpuint(env->esr_el[2], ==, (0x25u << 26) | ESR_IL | 0x0d);
    g_assert_cmpuint(env->far_el[2], ==, 0x1234);

    /* An abort recorded with a lower-EL EC but taken at the same EL gets
     * its EC fixed; one without a syndrome becomes a translation fault. */
    enter(env, 1, 1, 0);
    env->exception.esr = (0x24u << 26) | ESR_IL | 0x05;
    env->exception.target_el = 1;
    env->exception.vaddress = 0x42;
    take(env, ARM_EXCP_DATA_ABORT, 0);
    g_assert_cmpuint(env->esr_el[1], ==, (0x25u << 26) | ESR_IL | 0x05);
    g_assert_cmpuint(env->exception.esr, ==, 0);
    enter(env, 0, 0, 0);
    env->exception.access = 0;
    take(env, ARM_EXCP_PREFETCH_ABORT, 0);
    g_assert_cmpuint(env->esr_el[1], ==, (0x20u << 26) | ESR_IL | 0x07);
    env_free(env);
}

static void test_alignment_and_trap(void)
{
    CPUARMState *env = env_new(true);
    uint32_t esr = (0x18u << 26) | ESR_IL | 0x1234;

    enter(env, 0, 0, 0);
    env->pc = 0xa000;
    env->exception.vaddress = 0xb001;
    env->exception.access = 1;
    take(env, ARM_EXCP_UNALIGNED, 0);
    g_assert_cmpuint(env->esr_el[1], ==,
                     (0x24u << 26) | ESR_IL | (1u << 6) | 0x21);
    g_assert_cmpuint(env->far_el[1], ==, 0xb001);
    g_assert_cmpuint(env->elr_el[1], ==, 0xa000);

    /* A sysreg trap from EL1 to EL2 with the ESR as given. */
    enter(env, 1, 1, 0);
    env->pc = 0xc000;
    if (sigsetjmp(env->parent.jmp_env, 0) == 0) {
        arm_raise_trap(env, esr, 2, 0);
    }
    g_assert_cmpint(env->parent.exception_index, ==, ARM_EXCP_TRAP);
    arm_cpu_do_interrupt(&env->parent);
    g_assert_cmpint(env->el, ==, 2);
    g_assert_cmpuint(env->pc, ==, VBAR2 + 0x400);
    g_assert_cmpuint(env->esr_el[2], ==, esr);
    g_assert_cmpuint(env->elr_el[2], ==, 0xc000);
    env_free(env);

    /* Without EL2 a trap asked for EL2 lands at EL1. */
    env = env_new(false);
    enter(env, 0, 0, 0);
    env->exception.esr = esr;
    env->exception.target_el = 2;
    take(env, ARM_EXCP_TRAP, 0);
    g_assert_cmpint(env->el, ==, 1);
    g_assert_cmpuint(env->esr_el[1], ==, esr);
    env_free(env);
}

static void test_eret_el2_to_el1(void)
{
    CPUARMState *env = env_new(true);

    /* What the kernel's EL2 entry does: drop to EL1h, DAIF masked. */
    env->xregs[31] = 0x1000;                     /* SP_EL2 */
    env->sp_el[1] = 0x2000;
    env->spsr_el[2] = PSTATE_DAIF | 0x5;
    env->elr_el[2] = 0x40200000ull;
    env->exclusive_addr = 0x80;
    arm_exception_return(env);
    g_assert_cmpint(env->el, ==, 1);
    g_assert_cmpuint(env->spsel, ==, 1);
    g_assert_cmpuint(env->pc, ==, 0x40200000ull);
    g_assert_cmpuint(env->xregs[31], ==, 0x2000);
    g_assert_cmpuint(env->sp_el[2], ==, 0x1000);
    g_assert_cmpuint(env->daif, ==, PSTATE_DAIF);
    g_assert_cmpuint(env->exclusive_addr, ==, (uint64_t)-1);
    env_free(env);
}

/*
 * An illegal ERET from el: EL and SPSel stay, PSTATE.IL is set and the
 * Illegal State exception is raised at ELR (unwinding like a helper).
 */
static void check_illegal(CPUARMState *env, int el, uint32_t spsr)
{
    enter(env, el, 1, 0);
    env->spsr_el[el] = spsr;
    env->elr_el[el] = 0x7000;
    env->parent.exception_index = -1;
    if (sigsetjmp(env->parent.jmp_env, 0) == 0) {
        arm_exception_return(env);
        g_assert_not_reached();
    }
    g_assert_cmpint(env->parent.exception_index, ==, ARM_EXCP_TRAP);
    g_assert_cmpint(env->el, ==, el);
    g_assert_cmpuint(env->spsel, ==, 1);
    g_assert_cmpuint(env->pc, ==, 0x7000);
    g_assert_cmpuint(env->pstate_ss_il & PSTATE_IL, ==, PSTATE_IL);
    g_assert_cmpuint(arm_pstate_read(env) & PSTATE_IL, ==, PSTATE_IL);
}

/* Then the exception: EC 0x0e at ELR, IL = 1 in the saved SPSR only. */
static void check_illegal_taken(CPUARMState *env, int el)
{
    arm_cpu_do_interrupt(&env->parent);
    g_assert_cmpint(env->el, ==, el);
    g_assert_cmpuint(env->esr_el[el], ==, (0x0eu << 26) | ESR_IL);
    g_assert_cmpuint(env->elr_el[el], ==, 0x7000);
    g_assert_cmpuint(env->spsr_el[el] & PSTATE_IL, ==, PSTATE_IL);
    g_assert_cmpuint(env->pstate_ss_il, ==, 0);
}

static void test_illegal_eret(void)
{
    CPUARMState *env = env_new(true);

    check_illegal(env, 1, 0x9);                 /* EL1 -> EL2: higher */
    check_illegal_taken(env, 1);
    check_illegal(env, 1, 0x10);                /* AArch32 */
    check_illegal(env, 1, 0x1);                 /* "EL0h" */
    check_illegal(env, 1, 0x6);                 /* M[1] reserved */
    check_illegal(env, 2, 0xd);                 /* EL3 */
    /* NZCV and DAIF still come from the SPSR. */
    check_illegal(env, 1, PSTATE_Z | PSTATE_I | 0x9);
    g_assert_cmpuint(arm_nzcv_read(env), ==, PSTATE_Z);
    g_assert_cmpuint(env->daif, ==, PSTATE_I);
    env->hcr_el2 = HCR_TGE;
    check_illegal(env, 2, 0x5);                 /* EL1 with TGE */
    check_illegal_taken(env, 2);
    env_free(env);

    env = env_new(false);
    check_illegal(env, 1, 0x9);                 /* no EL2 */
    env_free(env);
}

static void set_line(CPUARMState *env, int line, bool up)
{
    if (up) {
        env->irq_lines |= 1u << line;
    } else {
        env->irq_lines &= ~(1u << line);
    }
}

static bool exec_irq(CPUARMState *env)
{
    return arm_cpu_exec_interrupt(&env->parent, CPU_INTERRUPT_HARD);
}

static void test_irq_masking(void)
{
    CPUARMState *env = env_new(true);

    enter(env, 1, 1, 0);
    g_assert_false(exec_irq(env));              /* no line */
    set_line(env, ARM_CPU_IRQ, true);
    env->daif = PSTATE_I;
    g_assert_false(exec_irq(env));              /* masked at EL1 */
    g_assert_true(arm_cpu_has_work(&env->parent));  /* WFI still wakes */
    env->daif = 0;
    g_assert_false(arm_cpu_exec_interrupt(&env->parent, 0));
    g_assert_true(exec_irq(env));
    g_assert_cmpint(env->el, ==, 1);
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x280);
    g_assert_cmpint(env->parent.exception_index, ==, -1);
    g_assert_cmpuint(env->daif, ==, PSTATE_DAIF);
    /* Once in the handler (DAIF set) the same line waits. */
    g_assert_false(exec_irq(env));

    /* EL0: PSTATE.I still masks an interrupt for EL1. */
    enter(env, 0, 0, 0);
    env->daif = PSTATE_I;
    g_assert_false(exec_irq(env));
    env->daif = 0;
    g_assert_true(exec_irq(env));
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x480);

    /* At EL2, an IRQ routed to EL1 is never taken. */
    enter(env, 2, 1, 0);
    g_assert_false(exec_irq(env));

    /* FIQ comes first. */
    set_line(env, ARM_CPU_FIQ, true);
    enter(env, 1, 1, 0);
    g_assert_true(exec_irq(env));
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x300);
    env_free(env);
}

static void test_irq_routing_imo(void)
{
    CPUARMState *env = env_new(true);

    set_line(env, ARM_CPU_IRQ, true);
    env->hcr_el2 = HCR_IMO;
    /* EL1 with PSTATE.I set: routed to EL2, taken regardless. */
    enter(env, 1, 1, 0);
    env->daif = PSTATE_I;
    env->pc = 0x1234;
    g_assert_true(exec_irq(env));
    g_assert_cmpint(env->el, ==, 2);
    g_assert_cmpuint(env->pc, ==, VBAR2 + 0x480);
    g_assert_cmpuint(env->elr_el[2], ==, 0x1234);
    g_assert_cmpuint(env->spsr_el[2], ==, PSTATE_I | 0x5);

    /* At EL2, PSTATE.I masks it. */
    enter(env, 2, 1, 0);
    env->daif = PSTATE_I;
    g_assert_false(exec_irq(env));
    env->daif = 0;
    g_assert_true(exec_irq(env));
    g_assert_cmpuint(env->pc, ==, VBAR2 + 0x280);

    /* FMO routes FIQ; IMO alone does not. */
    set_line(env, ARM_CPU_IRQ, false);
    set_line(env, ARM_CPU_FIQ, true);
    enter(env, 1, 1, 0);
    env->daif = PSTATE_F;
    g_assert_false(exec_irq(env));
    env->hcr_el2 = HCR_FMO;
    g_assert_true(exec_irq(env));
    g_assert_cmpuint(env->pc, ==, VBAR2 + 0x500);
    set_line(env, ARM_CPU_FIQ, false);

    /* A virtual IRQ (HCR_EL2.VI with IMO) goes to EL1. */
    env->hcr_el2 = HCR_IMO | HCR_VI;
    enter(env, 0, 0, 0);
    g_assert_true(arm_cpu_has_work(&env->parent));
    g_assert_true(exec_irq(env));
    g_assert_cmpint(env->el, ==, 1);
    g_assert_cmpuint(env->pc, ==, VBAR1 + 0x480);
    env_free(env);

    /* Without EL2, HCR_EL2 does not route. */
    env = env_new(false);
    set_line(env, ARM_CPU_IRQ, true);
    env->hcr_el2 = HCR_IMO;
    enter(env, 1, 1, 0);
    env->daif = PSTATE_I;
    g_assert_false(exec_irq(env));
    env_free(env);
}

static void test_has_work(void)
{
    CPUARMState *env = env_new(false);

    g_assert_false(arm_cpu_has_work(&env->parent));
    set_line(env, ARM_CPU_FIQ, true);
    g_assert_true(arm_cpu_has_work(&env->parent));
    env->powered_off = true;
    g_assert_false(arm_cpu_has_work(&env->parent));
    env_free(env);
}

/* One PSCI call: x0 = fid, x1..x3 = args; returns x0 (call handled). */
static int64_t psci(CPUARMState *env, uint64_t fid, uint64_t a1, uint64_t a2,
                    uint64_t a3)
{
    env->xregs[0] = fid;
    env->xregs[1] = a1;
    env->xregs[2] = a2;
    env->xregs[3] = a3;
    g_assert_true(arm_psci_call(env));
    return (int64_t)env->xregs[0];
}

static void test_psci_basic(void)
{
    CPUARMState *env = env_new(false);

    g_assert_cmpint(psci(env, PSCI_VERSION, 0, 0, 0), ==, 0x10000);
    g_assert_cmpint(psci(env, PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), ==, 2);
    g_assert_cmpint(psci(env, PSCI_FEATURES, PSCI_CPU_ON64, 0, 0), ==, 0);
    g_assert_cmpint(psci(env, PSCI_FEATURES, PSCI_CPU_SUSPEND64, 0, 0), ==,
                    0);
    g_assert_cmpint(psci(env, PSCI_FEATURES, 0x80000000, 0, 0), ==, -1);
    g_assert_cmpint(psci(env, PSCI_FEATURES, 0xc4000000, 0, 0), ==, -1);
    g_assert_cmpint(psci(env, 0x8400001f, 0, 0, 0), ==, -1);
    g_assert_cmpint(psci(env, 0xc4000008, 0, 0, 0), ==, -1);
    g_assert_cmpint(psci(env, 0x84000005, 0, 0, 0), ==, -1);   /* MIGRATE */

    /* Outside the PSCI ranges: not ours, x0 untouched. */
    env->xregs[0] = 0x80000000;
    g_assert_false(arm_psci_call(env));
    g_assert_cmpuint(env->xregs[0], ==, 0x80000000);
    env->xregs[0] = 0x84000020;
    g_assert_false(arm_psci_call(env));
    env->xregs[0] = 0x1c4000003ull;
    g_assert_false(arm_psci_call(env));
    /* EL0 cannot call firmware. */
    enter(env, 0, 0, 0);
    env->xregs[0] = PSCI_SYSTEM_OFF;
    g_assert_false(arm_psci_call(env));
    g_assert_cmpint(system_offs, ==, 0);
    enter(env, 1, 1, 0);

    /* CPU_ON reaches the machine; the 32-bit form truncates arguments. */
    g_assert_cmpint(psci(env, PSCI_CPU_ON64, 0x1, 0x123456789ull, 0xabc),
                    ==, 0);
    g_assert_cmpuint(on_mpidr, ==, 1);
    g_assert_cmpuint(on_entry, ==, 0x123456789ull);
    g_assert_cmpuint(on_ctx, ==, 0xabc);
    g_assert_cmpint(psci(env, PSCI_CPU_ON32, 0x100000002ull,
                         0x100040000ull, 0x1ffffffffull), ==, 0);
    g_assert_cmpuint(on_mpidr, ==, 2);
    g_assert_cmpuint(on_entry, ==, 0x40000);
    g_assert_cmpuint(on_ctx, ==, 0xffffffff);
    g_assert_cmpint(psci(env, PSCI_CPU_ON64, 0x101, 0, 0), ==, -4);

    /* CPU_SUSPEND with an interrupt pending returns at once. */
    set_line(env, ARM_CPU_IRQ, true);
    g_assert_cmpint(psci(env, PSCI_CPU_SUSPEND64, 0, 0, 0), ==, 0);
    g_assert_false(env->parent.halted);
    env_free(env);
}

static void test_psci_off_and_affinity(void)
{
    CPUARMState *a = env_new(false), *b = env_new(false);

    a->mpidr = 0x80000000ull;
    b->mpidr = 0x80000001ull;
    g_assert_cmpint(psci(a, PSCI_AFFINITY_INFO64, 1, 0, 0), ==, 0);
    g_assert_cmpint(psci(a, PSCI_AFFINITY_INFO64, 1, 1, 0), ==, -2);
    g_assert_cmpint(psci(a, PSCI_AFFINITY_INFO64, 7, 0, 0), ==, -2);

    /* CPU_OFF leaves the loop halted and powered off. */
    b->xregs[0] = PSCI_CPU_OFF;
    b->parent.exception_index = -1;
    if (sigsetjmp(b->parent.jmp_env, 0) == 0) {
        arm_psci_call(b);
        g_assert_not_reached();
    }
    g_assert_cmpint(b->parent.exception_index, ==, EXCP_HLT);
    g_assert_true(b->parent.halted);
    g_assert_true(b->powered_off);
    g_assert_cmpint(psci(a, PSCI_AFFINITY_INFO64, 1, 0, 0), ==, 1);

    /* CPU_SUSPEND with nothing pending sleeps like WFI. */
    a->parent.exception_index = -1;
    a->xregs[0] = PSCI_CPU_SUSPEND64;
    if (sigsetjmp(a->parent.jmp_env, 0) == 0) {
        arm_psci_call(a);
        g_assert_not_reached();
    }
    g_assert_cmpint(a->parent.exception_index, ==, EXCP_HLT);
    g_assert_cmpuint(a->xregs[0], ==, 0);
    g_assert_true(a->parent.halted);
    g_assert_false(a->powered_off);

    /* SYSTEM_OFF asks the machine, then stops. */
    a->xregs[0] = PSCI_SYSTEM_OFF;
    if (sigsetjmp(a->parent.jmp_env, 0) == 0) {
        arm_psci_call(a);
        g_assert_not_reached();
    }
    g_assert_cmpint(system_offs, ==, 1);
    env_free(a);
    env_free(b);
}

/* ---- the system emulator's CPU (cpu_sys.c) ---- */

static void test_cpu_models(void)
{
    GError *err = NULL;
    CPUState *cpu = arm_cpu_create("cortex-a72", 0, 0x0103, true, &err);
    CPUARMState *env;
    GString *list = g_string_new(NULL);

    g_assert_no_error(err);
    g_assert_nonnull(cpu);
    env = arm_env(cpu);
    g_assert_cmpuint(env->midr, ==, 0x410fd083);
    g_assert_cmpuint(env->mpidr, ==, 0x80000103ull);
    g_assert_cmpuint(env->id_aa64pfr0 & 0xffff, ==, 0x111);
    g_assert_cmpuint((env->id_aa64pfr0 >> 24) & 0xf, ==, 0);
    g_assert_cmpuint(env->id_aa64mmfr0 & 0xf, ==, 4);
    g_assert_cmpuint((env->id_aa64mmfr0 >> 4) & 0xf, ==, 2);
    g_assert_cmpstr(arm_cpu_dt_compatible(cpu), ==, "arm,cortex-a72");
    g_assert_true(env->has_el2);
    g_assert_nonnull(env->gt[0].timer);
    g_assert_nonnull(env->gt[3].timer);

    arm_cpu_set_gicv3(cpu, (struct Device *)env);   /* any non-NULL */
    g_assert_cmpuint((env->id_aa64pfr0 >> 24) & 0xf, ==, 1);
    arm_cpu_set_gicv3(cpu, NULL);
    g_assert_cmpuint((env->id_aa64pfr0 >> 24) & 0xf, ==, 0);

    arm_cpu_set_psci_conduit(cpu, "smc");
    g_assert_cmpint(env->psci_conduit, ==, ARM_PSCI_SMC);
    arm_cpu_set_psci_conduit(cpu, NULL);
    g_assert_cmpint(env->psci_conduit, ==, ARM_PSCI_NONE);
    arm_cpu_destroy(cpu);

    cpu = arm_cpu_create("max", 0, 0, false, &err);
    g_assert_nonnull(cpu);
    g_assert_cmpuint(arm_env(cpu)->id_aa64pfr0 & 0xffff, ==, 0x11);
    g_assert_cmpstr(arm_cpu_dt_compatible(cpu), ==, "arm,arm-v8");
    arm_cpu_destroy(cpu);

    g_assert_null(arm_cpu_create("cortex-x9", 0, 0, false, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);

    arm_cpu_list(list);
    g_assert_nonnull(strstr(list->str, "cortex-a57"));
    g_assert_nonnull(strstr(list->str, "max"));
    g_string_free(list, true);
}

static void test_cpu_irq_request(void)
{
    CPUState *cpu = arm_cpu_create("cortex-a57", 0, 0, false, NULL);
    CPUARMState *env = arm_env(cpu);

    arm_cpu_sys_reset(env);
    cpu->interrupt_request = 0;
    arm_cpu_set_irq(cpu, ARM_CPU_IRQ, 1);
    g_assert_cmpuint(env->irq_lines, ==, 1u << ARM_CPU_IRQ);
    g_assert_cmpuint(cpu->interrupt_request & CPU_INTERRUPT_HARD, !=, 0);
    /* Masked (reset DAIF): the request stays, the interrupt waits. */
    g_assert_false(arm_cpu_exec_interrupt(cpu, cpu->interrupt_request));
    arm_cpu_set_irq(cpu, ARM_CPU_FIQ, 1);
    arm_cpu_set_irq(cpu, ARM_CPU_IRQ, 0);
    g_assert_cmpuint(cpu->interrupt_request & CPU_INTERRUPT_HARD, !=, 0);
    arm_cpu_set_irq(cpu, ARM_CPU_FIQ, 0);
    g_assert_cmpuint(env->irq_lines, ==, 0);
    g_assert_cmpuint(cpu->interrupt_request & CPU_INTERRUPT_HARD, ==, 0);
    arm_cpu_destroy(cpu);
}

static void test_cpu_on(void)
{
    CPUState *c0 = arm_cpu_create("cortex-a57", 0, 0x0, false, NULL);
    CPUState *c1 = arm_cpu_create("cortex-a57", 1, 0x1, false, NULL);
    CPUARMState *e1 = arm_env(c1);
    const ARMSysOps *ops = arm_env(c0)->sys;
    uint64_t x[4] = { 0 };

    arm_cpu_sys_reset(arm_env(c0));
    arm_cpu_set_boot(c1, 0x40000000, x, true);
    arm_cpu_sys_reset(e1);
    g_assert_true(e1->powered_off);
    g_assert_true(c1->halted);
    g_assert_cmpint(ops->psci_cpu_on(c0, 0x7, 0, 0), ==, -2);
    g_assert_cmpint(ops->psci_cpu_on(c0, 0x0, 0x1000, 0), ==, -4);
    g_assert_cmpint(ops->psci_cpu_on(c0, 0x1, 0x40100000, 0x55), ==, 0);
    g_assert_false(e1->powered_off);
    g_assert_false(c1->halted);
    g_assert_cmpuint(e1->pc, ==, 0x40100000);
    g_assert_cmpuint(e1->xregs[0], ==, 0x55);
    g_assert_cmpint(e1->el, ==, 1);
    g_assert_cmpuint(e1->sctlr_el[1] & 1, ==, 0);
    g_assert_cmpint(ops->psci_cpu_on(c0, 0x1, 0x40100000, 0x55), ==, -4);
    arm_cpu_destroy(c0);
    arm_cpu_destroy(c1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-trap/reset-state", test_reset_state);
    g_test_add_func("/arm-trap/svc-from-el0-and-eret", test_svc_from_el0);
    g_test_add_func("/arm-trap/vector-offsets", test_vector_offsets);
    g_test_add_func("/arm-trap/tge-routes-el0-to-el2",
                    test_tge_routes_el0_to_el2);
    g_test_add_func("/arm-trap/aborts", test_aborts);
    g_test_add_func("/arm-trap/alignment-and-trap", test_alignment_and_trap);
    g_test_add_func("/arm-trap/eret-el2-to-el1", test_eret_el2_to_el1);
    g_test_add_func("/arm-trap/illegal-eret", test_illegal_eret);
    g_test_add_func("/arm-trap/irq-masking", test_irq_masking);
    g_test_add_func("/arm-trap/irq-routing-imo", test_irq_routing_imo);
    g_test_add_func("/arm-trap/has-work", test_has_work);
    g_test_add_func("/arm-trap/psci-basic", test_psci_basic);
    g_test_add_func("/arm-trap/psci-off-and-affinity",
                    test_psci_off_and_affinity);
    g_test_add_func("/arm-trap/cpu-models", test_cpu_models);
    g_test_add_func("/arm-trap/cpu-irq-request", test_cpu_irq_request);
    g_test_add_func("/arm-trap/cpu-on", test_cpu_on);
    return g_test_run();
}
