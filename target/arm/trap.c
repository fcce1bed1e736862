/* SPDX-License-Identifier: MIT */
/* Exceptions and interrupts in system mode (stub). */
#include "target/arm/cpu.h"
#include "target/arm/internals.h"

void arm_cpu_do_interrupt(CPUState *cpu)
{
}

bool arm_cpu_exec_interrupt(CPUState *cpu, int interrupt_request)
{
    return false;
}

bool arm_cpu_has_work(CPUState *cpu)
{
    return true;
}

void arm_raise_abort(CPUARMState *env, uint64_t va, int access, int fsc,
                     bool s1ptw, int mmu_idx, uintptr_t ra)
{
    arm_raise_exception(env, access == 2 ? ARM_EXCP_PREFETCH_ABORT
                                         : ARM_EXCP_DATA_ABORT, 0, ra);
}

void arm_raise_trap(CPUARMState *env, uint32_t esr, int target_el,
                    uintptr_t ra)
{
    arm_raise_exception(env, ARM_EXCP_TRAP, 0, ra);
}

uint32_t arm_pstate_read(CPUARMState *env)
{
    return arm_nzcv_read(env) | env->daif | ((uint32_t)env->el << 2) |
           env->spsel;
}

void arm_pstate_write(CPUARMState *env, uint32_t spsr)
{
    arm_nzcv_write(env, spsr);
}

void arm_switch_sp(CPUARMState *env, int new_el, uint32_t new_spsel)
{
    env->el = new_el;
    env->spsel = new_spsel;
}

void arm_irq_changed(CPUARMState *env)
{
}

void arm_exception_return(CPUARMState *env)
{
    env->pc = env->elr_el[env->el];
}
