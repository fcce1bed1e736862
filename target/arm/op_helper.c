/* SPDX-License-Identifier: MIT */
/* Helpers called from A64 generated code: exceptions, system registers,
 * exclusives and LSE atomics on host atomics. */
#include "target/arm/cpu.h"
#include "target/arm/helper.h"
#include "target/arm/internals.h"
#include "vemu/exec.h"

void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome,
                         uintptr_t ra)
{
    CPUState *cpu = &env->parent;

    env->exception.syndrome = syndrome;
    cpu->exception_index = excp;
    cpu_loop_exit_restore(cpu, ra);
}

/* The translator already stored pc: no state to restore. */
void helper_exception(CPUARMState *env, uint32_t excp, uint32_t syndrome)
{
    CPUState *cpu = &env->parent;

    env->exception.syndrome = syndrome;
    cpu->exception_index = excp;
    cpu_loop_exit(cpu);
}

/*
 * The code at addr was not executable at translation time. If it is now,
 * drop this TB (it is listed on addr's page) and translate again.
 */
void helper_fetch_fault(CPUARMState *env, uint64_t addr)
{
    CPUState *cpu = &env->parent;
    uint64_t page = addr & TARGET_PAGE_MASK;

    if (!env->sys && page_check_exec(addr, 1)) {
        tb_invalidate_range(page, page + TARGET_PAGE_SIZE);
        cpu->exception_index = -1;
        cpu_loop_exit(cpu);
    }
    env->exception.vaddress = addr;
    env->exception.access = 2;
    env->exception.maperr = true;   /* cpu_loop refines it */
    helper_exception(env, ARM_EXCP_PREFETCH_ABORT, 0);
}
