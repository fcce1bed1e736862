/* SPDX-License-Identifier: MIT */
/* System registers beyond EL0's: MRS/MSR/SYS at EL1 and EL2 (stub). */
#include "target/arm/cpu.h"
#include "target/arm/internals.h"

uint64_t arm_sysreg_read(CPUARMState *env, uint32_t key, uintptr_t ra)
{
    arm_raise_exception(env, ARM_EXCP_UDEF, 0, ra);
}

void arm_sysreg_write(CPUARMState *env, uint32_t key, uint64_t val,
                      uintptr_t ra)
{
    arm_raise_exception(env, ARM_EXCP_UDEF, 0, ra);
}

void arm_sysreg_sys(CPUARMState *env, uint32_t key, uint64_t val,
                    uintptr_t ra)
{
    arm_raise_exception(env, ARM_EXCP_UDEF, 0, ra);
}

void arm_msr_imm(CPUARMState *env, uint32_t op1, uint32_t op2, uint32_t imm,
                 uintptr_t ra)
{
    arm_raise_exception(env, ARM_EXCP_UDEF, 0, ra);
}
