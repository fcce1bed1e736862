/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the system instructions generated code calls at EL1/EL2:
 * MRS/MSR/SYS beyond the EL0 registers, MSR (immediate), ERET, WFI, and
 * HVC/SMC (PSCI answered in place). The work is in sysregs.c, trap.c
 * and psci.c; these only unwind and end the TB where needed.
 */
#include "target/arm/cpu.h"
#include "target/arm/helper.h"
#include "target/arm/internals.h"
#include "vemu/exec.h"

uint64_t helper_a64_mrs(CPUARMState *env, uint32_t key)
{
    return arm_sysreg_read(env, key, GETPC());
}

void helper_a64_msr(CPUARMState *env, uint32_t key, uint64_t val)
{
    arm_sysreg_write(env, key, val, GETPC());
}

void helper_a64_sys(CPUARMState *env, uint32_t key, uint64_t val)
{
    arm_sysreg_sys(env, key, val, GETPC());
}

void helper_a64_msr_i(CPUARMState *env, uint32_t op1, uint32_t op2,
                      uint32_t imm)
{
    arm_msr_imm(env, op1, op2, imm, GETPC());
}

void helper_a64_eret(CPUARMState *env)
{
    arm_exception_return(env);
}

/* WFI: sleep until an interrupt is pending (even if masked). */
void helper_a64_wfi(CPUARMState *env)
{
    CPUState *cpu = &env->parent;

    if (!env->sys || arm_cpu_has_work(cpu)) {
        return;
    }
    cpu->halted = true;
    cpu->exception_index = EXCP_HLT;
    cpu_loop_exit(cpu);
}

/*
 * HVC/SMC #imm (pc already after the insn): PSCI when the CPU is the
 * conduit's handler, else the exception to EL2 (HVC) or UNDEFINED.
 */
void helper_a64_hvc(CPUARMState *env, uint32_t imm)
{
    if (env->psci_conduit == ARM_PSCI_HVC && arm_psci_call(env)) {
        return;
    }
    if (!env->has_el2 || (env->hcr_el2 & HCR_HCD)) {
        /* No EL2, or HCR_EL2.HCD: UNDEFINED, at the HVC itself. */
        env->pc -= 4;
        helper_a64_exception(env, ARM_EXCP_UDEF, 0);
    }
    helper_a64_exception(env, ARM_EXCP_HVC, imm);
}

void helper_a64_smc(CPUARMState *env, uint32_t imm)
{
    if (env->psci_conduit == ARM_PSCI_SMC && arm_psci_call(env)) {
        return;
    }
    /* No EL3: SMC is UNDEFINED. */
    env->pc -= 4;
    helper_a64_exception(env, ARM_EXCP_UDEF, 0);
}

/*
 * An FP/SIMD insn with FP disabled (the TB flag): CPACR_EL1.FPEN traps
 * EL0/EL1 to EL1, else CPTR_EL2.TFP traps to EL2. EC 0x07, ISS 0.
 */
void helper_a64_fp_trap(CPUARMState *env)
{
    uint32_t fpen = (env->cpacr_el1 >> 20) & 3;
    bool cpacr_traps = env->el == 0 ? fpen != 3
                                    : env->el == 1 && !(fpen & 1);
    int target_el = cpacr_traps ? 1 : 2;

    if (target_el == 1 && env->el == 0 && (env->hcr_el2 & HCR_TGE)) {
        target_el = 2;
    }
    arm_raise_trap(env, (EC_ADVSIMDFPACCESSTRAP << ESR_EC_SHIFT) | ESR_IL,
                   target_el, 0);
}
