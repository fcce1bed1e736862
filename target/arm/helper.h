/* SPDX-License-Identifier: MIT */
/*
 * Helpers called from A64 generated code (integer side): C prototypes
 * and, under ARM_GEN_HELPERS, the gen_helper_*() emitters.
 *
 * A helper that can raise a guest exception must see the guest
 * registers in env, so it may not carry TCG_CALL_NO_READ_GLOBALS.
 */
#ifndef TARGET_ARM_HELPER_H
#define TARGET_ARM_HELPER_H

#include "target/arm/cpu.h"
#include "vemu/helper-gen.h"

/* ---- op_helper.c ---- */
void helper_exception(CPUARMState *env, uint32_t excp, uint32_t syndrome)
    __attribute__((noreturn));
void helper_fetch_fault(CPUARMState *env, uint64_t addr)
    __attribute__((noreturn));

#ifdef ARM_GEN_HELPERS
GEN_HELPER_VOID_3(exception, 0, ptr, i32, i32)
GEN_HELPER_VOID_2(fetch_fault, 0, ptr, i64)
#endif

#endif
