/* SPDX-License-Identifier: MIT */
/*
 * AArch64 exceptions in system mode (EL0-EL2, no EL3): synchronous
 * exception and interrupt entry, the abort/trap raisers, ERET, PSTATE
 * as the SPSR shows it, SP banking, interrupt routing and masking, WFI's
 * wake-up condition, and the system part of CPU reset.
 */
#include <inttypes.h>
#include <string.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/accel.h"
#include "vemu/arm.h"
#include "vemu/log.h"

/* HCR_EL2 bits this file routes by. */
#define HCR_FMO (1ull << 3)
#define HCR_IMO (1ull << 4)
#define HCR_VF (1ull << 6)
#define HCR_VI (1ull << 7)
#define HCR_TGE (1ull << 27)

/* SCTLR_EL1.SPAN: 0 makes exception entry to EL1 set PSTATE.PAN. */
#define SCTLR_SPAN (1ull << 23)
/* Reset values: the RES1 bits, MMU and caches off (E2H == 0 layout). */
#define SCTLR_EL1_RESET 0x30d00800ull
#define SCTLR_EL2_RESET 0x30c50830ull
/* CPTR_EL2 RES1 bits (E2H == 0): nothing trapped. */
#define CPTR_EL2_RESET 0x33ffull

/* Vector table offsets from VBAR_ELx. */
enum {
    VEC_CUR_SP0 = 0x000,
    VEC_CUR_SPX = 0x200,
    VEC_LOWER_A64 = 0x400,
    VEC_SYNC = 0x000,
    VEC_IRQ = 0x080,
    VEC_FIQ = 0x100,
    VEC_SERROR = 0x180,
};

/* Alignment fault status code (DFSC). */
#define FSC_ALIGNMENT 0x21
/* Translation fault, level 3: what an abort raised without an ESR gets. */
#define FSC_TRANSLATION_L3 0x07

static const char *excp_name(int excp)
{
    switch (excp) {
    case ARM_EXCP_UDEF:
        return "UDEF";
    case ARM_EXCP_SWI:
        return "SVC";
    case ARM_EXCP_HVC:
        return "HVC";
    case ARM_EXCP_SMC:
        return "SMC";
    case ARM_EXCP_BKPT:
        return "BRK";
    case ARM_EXCP_PREFETCH_ABORT:
        return "Prefetch Abort";
    case ARM_EXCP_DATA_ABORT:
        return "Data Abort";
    case ARM_EXCP_UNALIGNED:
        return "Alignment fault";
    case ARM_EXCP_TRAP:
        return "Trap";
    case ARM_EXCP_IRQ:
        return "IRQ";
    case ARM_EXCP_FIQ:
        return "FIQ";
    case ARM_EXCP_VIRQ:
        return "vIRQ";
    case ARM_EXCP_VFIQ:
        return "vFIQ";
    default:
        return "unknown";
    }
}

/* PAN is implemented when ID_AA64MMFR1_EL1.PAN (bits 23:20) is set. */
static bool cpu_has_pan(const CPUARMState *env)
{
    return ((env->id_aa64mmfr1 >> 20) & 0xf) != 0;
}

/* HCR_EL2 as it acts: zero when EL2 is not implemented. */
static uint64_t hcr_eff(const CPUARMState *env)
{
    return env->has_el2 ? env->hcr_el2 : 0;
}

/* Where a synchronous exception taken now goes. */
static int sync_target_el(const CPUARMState *env)
{
    if (env->el == 2) {
        return 2;
    }
    return (hcr_eff(env) & HCR_TGE) ? 2 : 1;
}

/* ---- PSTATE and SP banking ---- */

uint32_t arm_pstate_read(CPUARMState *env)
{
    uint32_t spsel = env->el ? (env->spsel & PSTATE_SP) : 0;

    return arm_nzcv_read(env) | (env->daif & PSTATE_DAIF) |
           env->pstate_pan | (env->pstate_ss_il & (PSTATE_SS | PSTATE_IL)) |
           ((uint32_t)env->el << PSTATE_EL_SHIFT) | spsel;
}

/* SP slot of an (EL, SPSel) pair: SP_EL0 at EL0 or with SPSel == 0. */
static int sp_index(int el, uint32_t spsel)
{
    return (el == 0 || !(spsel & PSTATE_SP)) ? 0 : el;
}

void arm_switch_sp(CPUARMState *env, int new_el, uint32_t new_spsel)
{
    int cur = sp_index(env->el, env->spsel);
    int nxt = sp_index(new_el, new_spsel);

    env->sp_el[cur] = env->xregs[31];
    env->xregs[31] = env->sp_el[nxt];
    env->el = new_el;
    env->spsel = new_el ? (new_spsel & PSTATE_SP) : 0;
}

/*
 * Every field of an AArch64 SPSR, no legality checks (ERET checks
 * first; gdb may write anything): an EL the CPU lacks becomes the
 * highest one it has.
 */
void arm_pstate_write(CPUARMState *env, uint32_t spsr)
{
    int el = (spsr >> PSTATE_EL_SHIFT) & 3;
    int max_el = env->has_el2 ? 2 : 1;

    if (!env->sys) {
        el = 0;
    } else if (el > max_el) {
        el = max_el;
    }
    arm_nzcv_write(env, spsr);
    env->daif = spsr & PSTATE_DAIF;
    env->pstate_pan = cpu_has_pan(env) ? (spsr & PSTATE_PAN) : 0;
    env->pstate_ss_il = spsr & (PSTATE_SS | PSTATE_IL);
    arm_switch_sp(env, el, spsr & PSTATE_SP);
}

void arm_irq_changed(CPUARMState *env)
{
    if (env->sys && env->sys->irq_changed) {
        env->sys->irq_changed(&env->parent);
    }
}

/* ---- exception entry ---- */

/*
 * Take an exception to target_el: save PSTATE and the return address,
 * write the syndrome registers, mask DAIF, select SP_ELx and jump to the
 * vector. vec_type is VEC_SYNC/IRQ/FIQ/SERROR.
 */
static void take_exception(CPUARMState *env, int target_el, unsigned vec_type,
                           uint64_t ret, bool has_esr, uint32_t esr,
                           bool has_far, uint64_t far)
{
    uint32_t spsr = arm_pstate_read(env);
    uint64_t offset;

    if (target_el > env->el) {
        offset = VEC_LOWER_A64;
    } else {
        offset = (env->spsel & PSTATE_SP) ? VEC_CUR_SPX : VEC_CUR_SP0;
    }
    env->spsr_el[target_el] = spsr;
    env->elr_el[target_el] = ret;
    if (has_esr) {
        env->esr_el[target_el] = esr;
    }
    if (has_far) {
        env->far_el[target_el] = far;
    }
    arm_switch_sp(env, target_el, PSTATE_SP);
    env->daif = PSTATE_DAIF;
    env->pstate_ss_il = 0;
    /* v8.1 PAN: entry to EL1 sets it unless SCTLR_EL1.SPAN. */
    if (target_el == 1 && cpu_has_pan(env) &&
        !(env->sctlr_el[1] & SCTLR_SPAN)) {
        env->pstate_pan = PSTATE_PAN;
    }
    env->exclusive_addr = (uint64_t)-1;
    env->pc = (env->vbar_el[target_el] & ~0x7ffull) + offset + vec_type;
}

/* Which physical interrupt target EL the HCR_EL2 routing gives. */
static int irq_route_el(const CPUARMState *env, bool fiq)
{
    uint64_t hcr = hcr_eff(env);

    return (hcr & (HCR_TGE | (fiq ? HCR_FMO : HCR_IMO))) ? 2 : 1;
}

/*
 * Abort and trap syndromes as raised: the EC's "same EL" bit follows the
 * EL actually taken to (the raiser may have guessed before a clamp).
 */
static uint32_t fix_abort_ec(uint32_t esr, bool same_el)
{
    uint32_t ec = esr >> ESR_EC_SHIFT;

    if ((ec & ~1u) == EC_INSNABORT || (ec & ~1u) == EC_DATAABORT) {
        ec = (ec & ~1u) | (same_el ? 1u : 0u);
        esr = (esr & ((1u << ESR_EC_SHIFT) - 1)) | (ec << ESR_EC_SHIFT);
    }
    return esr;
}

static uint32_t esr_make(unsigned ec, uint32_t iss)
{
    return ((uint32_t)ec << ESR_EC_SHIFT) | ESR_IL | (iss & 0x1ffffff);
}

/* Clamp a requested target EL to one that exists and is not below now. */
static int clamp_target_el(const CPUARMState *env, int el)
{
    if (el < 1) {
        el = 1;
    }
    if (el > 2 || (el == 2 && !env->has_el2)) {
        el = env->has_el2 ? 2 : 1;
    }
    return el < env->el ? env->el : el;
}

/* An abort or trap delivered by exception_index with env->exception. */
static void take_recorded(CPUARMState *env, int excp)
{
    int target = clamp_target_el(env, env->exception.target_el);
    uint32_t esr = env->exception.esr;
    uint32_t ec;
    bool far;

    if (esr == 0 && excp != ARM_EXCP_TRAP) {
        /* Raised without a syndrome (a path that predates arm_raise_abort):
         * call it a translation fault where it happened. */
        target = sync_target_el(env);
        if (excp == ARM_EXCP_PREFETCH_ABORT) {
            esr = esr_make(EC_INSNABORT, FSC_TRANSLATION_L3);
        } else {
            esr = esr_make(EC_DATAABORT, FSC_TRANSLATION_L3 |
                           (env->exception.access == 1 ? 1u << 6 : 0));
        }
    }
    esr = fix_abort_ec(esr, target == env->el);
    ec = esr >> ESR_EC_SHIFT;
    far = excp != ARM_EXCP_TRAP || ec == EC_PCALIGNMENT ||
          (ec & ~1u) == EC_INSNABORT || (ec & ~1u) == EC_DATAABORT;
    take_exception(env, target, VEC_SYNC, env->pc, true, esr, far,
                   env->exception.vaddress);
}

void arm_cpu_do_interrupt(CPUState *cpu)
{
    CPUARMState *env = arm_env(cpu);
    int excp = cpu->exception_index;
    uint32_t imm = env->exception.syndrome & 0xffff;
    uint32_t iss;
    int from_el = env->el;
    uint64_t from_pc = env->pc;

    switch (excp) {
    case ARM_EXCP_UDEF:
        take_exception(env, sync_target_el(env), VEC_SYNC, env->pc, true,
                       esr_make(EC_UNCATEGORIZED, 0), false, 0);
        break;
    case ARM_EXCP_SWI:
        /* pc is already the insn after the SVC: the preferred return. */
        take_exception(env, sync_target_el(env), VEC_SYNC, env->pc, true,
                       esr_make(EC_AA64_SVC, imm), false, 0);
        break;
    case ARM_EXCP_HVC:
        if (env->el == 0 || !env->has_el2) {
            vemu_log_mask(LOG_GUEST_ERROR, "HVC at EL%d without EL2: "
                          "UNDEFINED\n", env->el);
            take_exception(env, sync_target_el(env), VEC_SYNC, env->pc - 4,
                           true, esr_make(EC_UNCATEGORIZED, 0), false, 0);
            break;
        }
        take_exception(env, 2, VEC_SYNC, env->pc, true,
                       esr_make(EC_AA64_HVC, imm), false, 0);
        break;
    case ARM_EXCP_SMC:
        /* No EL3 (and HCR_EL2.TSC not modelled): UNDEFINED at the SMC. */
        take_exception(env, sync_target_el(env), VEC_SYNC, env->pc - 4, true,
                       esr_make(EC_UNCATEGORIZED, 0), false, 0);
        break;
    case ARM_EXCP_BKPT:
        take_exception(env, sync_target_el(env), VEC_SYNC, env->pc, true,
                       esr_make(EC_AA64_BKPT, imm), false, 0);
        break;
    case ARM_EXCP_UNALIGNED: {
        int target = sync_target_el(env);

        if (env->exception.access == 2) {
            take_exception(env, target, VEC_SYNC, env->pc, true,
                           esr_make(EC_PCALIGNMENT, 0), true,
                           env->exception.vaddress);
            break;
        }
        iss = FSC_ALIGNMENT | (env->exception.access == 1 ? 1u << 6 : 0);
        take_exception(env, target, VEC_SYNC, env->pc, true,
                       esr_make(target == env->el ? EC_DATAABORT_SAME_EL
                                                  : EC_DATAABORT, iss),
                       true, env->exception.vaddress);
        break;
    }
    case ARM_EXCP_PREFETCH_ABORT:
    case ARM_EXCP_DATA_ABORT:
    case ARM_EXCP_TRAP:
        take_recorded(env, excp);
        break;
    case ARM_EXCP_IRQ:
    case ARM_EXCP_FIQ: {
        bool fiq = excp == ARM_EXCP_FIQ;
        int target = irq_route_el(env, fiq);

        if (target < env->el) {
            target = env->el;
        }
        take_exception(env, target, fiq ? VEC_FIQ : VEC_IRQ, env->pc, false,
                       0, false, 0);
        break;
    }
    case ARM_EXCP_VIRQ:
    case ARM_EXCP_VFIQ:
        take_exception(env, 1, excp == ARM_EXCP_VFIQ ? VEC_FIQ : VEC_IRQ,
                       env->pc, false, 0, false, 0);
        break;
    default:
        vemu_log_mask(LOG_GUEST_ERROR, "arm_cpu_do_interrupt: unknown "
                      "exception %d at 0x%016" PRIx64 "\n", excp, env->pc);
        take_exception(env, sync_target_el(env), VEC_SYNC, env->pc, true,
                       esr_make(EC_UNCATEGORIZED, 0), false, 0);
        break;
    }
    /* A syndrome is used once: a later raise without one is detectable. */
    env->exception.esr = 0;
    if (excp == ARM_EXCP_IRQ || excp == ARM_EXCP_FIQ ||
        excp == ARM_EXCP_VIRQ || excp == ARM_EXCP_VFIQ) {
        vemu_log_mask(LOG_INT, "arm_cpu_do_interrupt: cpu:%d %s from EL%d "
                      "pc=0x%016" PRIx64 " to EL%d vector=0x%016" PRIx64
                      "\n", cpu->cpu_index, excp_name(excp), from_el,
                      from_pc, env->el, env->pc);
        return;
    }
    vemu_log_mask(LOG_INT, "arm_cpu_do_interrupt: cpu:%d %s (%d) from EL%d "
                  "pc=0x%016" PRIx64 " to EL%d vector=0x%016" PRIx64
                  " ESR=0x%08" PRIx64 " FAR=0x%016" PRIx64 "\n",
                  cpu->cpu_index, excp_name(excp), excp, from_el, from_pc,
                  env->el, env->pc, env->esr_el[env->el],
                  env->far_el[env->el]);
}

/* ---- raising from helpers ---- */

void arm_raise_abort(CPUARMState *env, uint64_t va, int access, int fsc,
                     bool s1ptw, int mmu_idx, uintptr_t ra)
{
    CPUState *cpu = &env->parent;
    int target = sync_target_el(env);
    bool same = target == env->el;
    uint32_t iss = (uint32_t)fsc & 0x3f;
    unsigned ec;

    (void)mmu_idx;      /* the regime does not change where it goes */
    if (s1ptw) {
        iss |= 1u << 7;
    }
    if (access == 2) {
        ec = same ? EC_INSNABORT_SAME_EL : EC_INSNABORT;
    } else {
        ec = same ? EC_DATAABORT_SAME_EL : EC_DATAABORT;
        if (access == 1) {
            iss |= 1u << 6;     /* WnR */
        }
    }
    env->exception.vaddress = va;
    env->exception.access = access;
    env->exception.target_el = target;
    env->exception.esr = esr_make(ec, iss);
    cpu->exception_index = access == 2 ? ARM_EXCP_PREFETCH_ABORT
                                       : ARM_EXCP_DATA_ABORT;
    cpu_loop_exit_restore(cpu, ra);
}

void arm_raise_trap(CPUARMState *env, uint32_t esr, int target_el,
                    uintptr_t ra)
{
    CPUState *cpu = &env->parent;

    env->exception.esr = esr;
    env->exception.target_el = target_el;
    cpu->exception_index = ARM_EXCP_TRAP;
    cpu_loop_exit_restore(cpu, ra);
}

/* ---- ERET ---- */

/* Whether an ERET from the current EL with this SPSR is illegal. */
static bool eret_is_illegal(const CPUARMState *env, uint32_t spsr)
{
    unsigned m = spsr & PSTATE_M_MASK;
    int el = (m >> PSTATE_EL_SHIFT) & 3;

    if (m & 0x10) {
        return true;            /* AArch32: not implemented */
    }
    if (m & 2) {
        return true;            /* M[1] is reserved in AArch64 */
    }
    if (el == 0 && (m & PSTATE_SP)) {
        return true;            /* "EL0h" does not exist */
    }
    if (el > env->el || el == 3 || (el == 2 && !env->has_el2)) {
        return true;
    }
    /* With HCR_EL2.TGE (and no E2H), EL1 is not in use. */
    if (el == 1 && (hcr_eff(env) & HCR_TGE)) {
        return true;
    }
    return false;
}

/*
 * An illegal return keeps EL and SPSel, restores the rest and sets
 * PSTATE.IL; the insn at ELR would then take an Illegal State exception
 * (EC 0x0e). Nothing else can run in between (an interrupt taken first
 * would come back to the same state), so it is raised here, at ELR,
 * saving IL = 1 in the SPSR.
 */
void arm_exception_return(CPUARMState *env)
{
    int cur = env->el;
    uint32_t spsr;
    uint64_t elr;

    if (cur == 0 || cur > 2) {
        vemu_log_mask(LOG_GUEST_ERROR, "ERET at EL%d ignored\n", cur);
        return;
    }
    spsr = (uint32_t)env->spsr_el[cur];
    elr = env->elr_el[cur];
    env->exclusive_addr = (uint64_t)-1;
    if (eret_is_illegal(env, spsr)) {
        vemu_log_mask(LOG_GUEST_ERROR, "ERET from EL%d: illegal return "
                      "(SPSR 0x%08x)\n", cur, spsr);
        arm_nzcv_write(env, spsr);
        env->daif = spsr & PSTATE_DAIF;
        env->pstate_pan = cpu_has_pan(env) ? (spsr & PSTATE_PAN) : 0;
        env->pstate_ss_il = PSTATE_IL;
        env->pc = elr;
        if (env->sys) {
            CPUState *cpu = &env->parent;

            env->exception.esr = esr_make(EC_ILLEGALSTATE, 0);
            env->exception.target_el = sync_target_el(env);
            cpu->exception_index = ARM_EXCP_TRAP;
            cpu_loop_exit(cpu);
        }
        return;
    }
    arm_pstate_write(env, spsr);
    env->pc = elr;
    vemu_log_mask(LOG_INT, "ERET: EL%d -> EL%d pc=0x%016" PRIx64
                  " SPSR=0x%08x\n", cur, env->el, elr, spsr);
}

/* ---- interrupts ---- */

/* A physical interrupt routed to target is taken now (no EL3). */
static bool phys_irq_enabled(const CPUARMState *env, int target,
                             uint32_t pstate_bit)
{
    if (env->el > target) {
        return false;           /* routed below us: waits */
    }
    if (target == 2 && env->el < 2) {
        return true;            /* routed up to EL2: PSTATE does not mask */
    }
    return !(env->daif & pstate_bit);
}

/*
 * Virtual IRQ/FIQ: pending from HCR_EL2.VI/VF or the GIC's virtual lines,
 * meaningful only while HCR_EL2.IMO/FMO route physical ones to EL2 (and
 * TGE is clear); taken at EL0/EL1 unless PSTATE masks them.
 */
static bool virt_pending(const CPUARMState *env, uint32_t lines, bool fiq)
{
    uint64_t hcr = hcr_eff(env);
    uint64_t mo = fiq ? HCR_FMO : HCR_IMO;
    bool level = (hcr & (fiq ? HCR_VF : HCR_VI)) ||
                 (lines & (1u << (fiq ? ARM_CPU_VFIQ : ARM_CPU_VIRQ)));

    return level && (hcr & mo) && !(hcr & HCR_TGE);
}

/* The exception to take now (ARM_EXCP_*), or -1. FIQ first, like QEMU. */
static int pending_interrupt(const CPUARMState *env)
{
    uint32_t lines = __atomic_load_n(&env->irq_lines, __ATOMIC_SEQ_CST);

    if ((lines & (1u << ARM_CPU_FIQ)) &&
        phys_irq_enabled(env, irq_route_el(env, true), PSTATE_F)) {
        return ARM_EXCP_FIQ;
    }
    if ((lines & (1u << ARM_CPU_IRQ)) &&
        phys_irq_enabled(env, irq_route_el(env, false), PSTATE_I)) {
        return ARM_EXCP_IRQ;
    }
    if (env->el <= 1 && virt_pending(env, lines, true) &&
        !(env->daif & PSTATE_F)) {
        return ARM_EXCP_VFIQ;
    }
    if (env->el <= 1 && virt_pending(env, lines, false) &&
        !(env->daif & PSTATE_I)) {
        return ARM_EXCP_VIRQ;
    }
    return -1;
}

bool arm_cpu_exec_interrupt(CPUState *cpu, int interrupt_request)
{
    CPUARMState *env = arm_env(cpu);
    int excp;

    if (!(interrupt_request & CPU_INTERRUPT_HARD)) {
        return false;
    }
    excp = pending_interrupt(env);
    if (excp < 0) {
        return false;
    }
    cpu->exception_index = excp;
    arm_cpu_do_interrupt(cpu);
    cpu->exception_index = -1;
    return true;
}

/* WFI wakes on any pending interrupt, masked or not; a CPU that PSCI
 * turned off waits for CPU_ON instead. */
bool arm_cpu_has_work(CPUState *cpu)
{
    CPUARMState *env = arm_env(cpu);
    uint32_t lines = __atomic_load_n(&env->irq_lines, __ATOMIC_SEQ_CST);

    if (__atomic_load_n(&env->powered_off, __ATOMIC_SEQ_CST)) {
        return false;
    }
    return (lines & ((1u << ARM_CPU_IRQ) | (1u << ARM_CPU_FIQ))) ||
           virt_pending(env, lines, false) || virt_pending(env, lines, true);
}

/* ---- reset ---- */

void arm_cpu_sys_reset(CPUARMState *env)
{
    CPUState *cpu = &env->parent;

    env->el = env->has_el2 ? 2 : 1;
    env->spsel = PSTATE_SP;
    memset(env->sp_el, 0, sizeof(env->sp_el));
    env->xregs[31] = 0;
    env->daif = PSTATE_DAIF;
    env->pstate_pan = 0;
    env->pstate_ss_il = 0;

    memset(env->sctlr_el, 0, sizeof(env->sctlr_el));
    env->sctlr_el[1] = SCTLR_EL1_RESET;
    env->sctlr_el[2] = SCTLR_EL2_RESET;
    memset(env->tcr_el, 0, sizeof(env->tcr_el));
    memset(env->ttbr0_el, 0, sizeof(env->ttbr0_el));
    memset(env->ttbr1_el, 0, sizeof(env->ttbr1_el));
    memset(env->mair_el, 0, sizeof(env->mair_el));
    memset(env->amair_el, 0, sizeof(env->amair_el));
    memset(env->vbar_el, 0, sizeof(env->vbar_el));
    memset(env->esr_el, 0, sizeof(env->esr_el));
    memset(env->far_el, 0, sizeof(env->far_el));
    memset(env->elr_el, 0, sizeof(env->elr_el));
    memset(env->spsr_el, 0, sizeof(env->spsr_el));
    memset(env->tpidr_el, 0, sizeof(env->tpidr_el));
    memset(env->afsr0_el, 0, sizeof(env->afsr0_el));
    memset(env->afsr1_el, 0, sizeof(env->afsr1_el));
    memset(env->actlr_el, 0, sizeof(env->actlr_el));

    env->cpacr_el1 = 0;
    env->contextidr_el1 = 0;
    env->par_el1 = 0;
    env->mdscr_el1 = 0;
    env->cntkctl_el1 = 0;
    env->csselr_el1 = 0;
    env->oslsr_el1 = 0xa;       /* OSLM = 0b10, OS lock set (cold reset) */
    env->mdccint_el1 = 0;
    env->disr_el1 = 0;

    env->hcr_el2 = 0;
    env->cptr_el2 = CPTR_EL2_RESET;
    env->mdcr_el2 = 0;
    env->hstr_el2 = 0;
    env->hpfar_el2 = 0;
    env->vttbr_el2 = 0;
    env->vtcr_el2 = 0;
    /* What EL1 reads as MIDR/MPIDR until EL2 says otherwise. */
    env->vpidr_el2 = env->midr;
    env->vmpidr_el2 = env->mpidr;
    /* EL1 may use the physical counter and timer (firmware would allow
     * it before entering the kernel at EL1). */
    env->cnthctl_el2 = 3;
    env->cntvoff_el2 = 0;

    for (int n = 0; n < 4; n++) {
        env->gt[n].cval = 0;
        env->gt[n].ctl = 0;
    }

    env->exclusive_addr = (uint64_t)-1;
    env->exception.esr = 0;
    env->exception.target_el = 0;

    env->pc = env->boot_pc;
    for (int i = 0; i < 4; i++) {
        env->xregs[i] = env->boot_x[i];
    }
    __atomic_store_n(&env->powered_off, env->boot_off, __ATOMIC_SEQ_CST);
    cpu->halted = env->boot_off;

    if (env->sys) {
        /* Stop the host timers and drop the timer outputs. */
        if (env->sys->timer_arm) {
            for (int n = 0; n < 4; n++) {
                arm_gt_update(env, n);
            }
        }
        arm_irq_changed(env);
    }
}
