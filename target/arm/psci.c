/* SPDX-License-Identifier: MIT */
/* PSCI 1.0 over HVC/SMC (stub). */
#include "target/arm/cpu.h"
#include "target/arm/internals.h"

bool arm_psci_call(CPUARMState *env)
{
    return false;
}
