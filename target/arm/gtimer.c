/* SPDX-License-Identifier: MIT */
/* The generic timer (stub). */
#include "target/arm/cpu.h"
#include "target/arm/internals.h"

void arm_gt_update(CPUARMState *env, int n)
{
}

uint64_t arm_gt_read(CPUARMState *env, uint32_t key)
{
    return 0;
}

void arm_gt_write(CPUARMState *env, uint32_t key, uint64_t val)
{
}
