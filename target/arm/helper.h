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
void helper_a64_exception(CPUARMState *env, uint32_t excp, uint32_t syndrome)
    __attribute__((noreturn));
void helper_a64_fetch_fault(CPUARMState *env, uint64_t addr)
    __attribute__((noreturn));
uint64_t helper_a64_crc32(uint64_t acc, uint64_t val, uint32_t bytes);
uint64_t helper_a64_crc32c(uint64_t acc, uint64_t val, uint32_t bytes);
uint64_t helper_a64_get_nzcv(CPUARMState *env);
void helper_a64_set_nzcv(CPUARMState *env, uint64_t val);
uint64_t helper_a64_get_cntvct(CPUARMState *env);
uint64_t helper_a64_get_idreg(CPUARMState *env, uint32_t key);
void helper_a64_dc_zva(CPUARMState *env, uint64_t addr);
/* Exclusives and LSE (op_helper.c): host atomics on guest memory. */
uint64_t helper_a64_ldxp(CPUARMState *env, uint64_t addr);
uint64_t helper_a64_stxr(CPUARMState *env, uint64_t addr, uint64_t val,
                     uint32_t size);
uint64_t helper_a64_stxp(CPUARMState *env, uint64_t addr, uint64_t lo,
                     uint64_t hi);
uint64_t helper_a64_cas(CPUARMState *env, uint64_t addr, uint64_t cmp,
                    uint64_t val, uint32_t size);
void helper_a64_casp(CPUARMState *env, uint64_t addr, uint32_t regs);
uint64_t helper_a64_atomic(CPUARMState *env, uint64_t addr, uint64_t val,
                       uint32_t desc);
/* ---- sys_helper.c (system mode; pc is synced, all may raise) ---- */
uint64_t helper_a64_mrs(CPUARMState *env, uint32_t key);
void helper_a64_msr(CPUARMState *env, uint32_t key, uint64_t val);
void helper_a64_sys(CPUARMState *env, uint32_t key, uint64_t val);
void helper_a64_msr_i(CPUARMState *env, uint32_t op1, uint32_t op2,
                      uint32_t imm);
void helper_a64_eret(CPUARMState *env);
void helper_a64_wfi(CPUARMState *env);
void helper_a64_hvc(CPUARMState *env, uint32_t imm);
void helper_a64_smc(CPUARMState *env, uint32_t imm);
void helper_a64_fp_trap(CPUARMState *env) __attribute__((noreturn));

#ifdef ARM_GEN_HELPERS
GEN_HELPER_VOID_3(a64_exception, 0, ptr, i32, i32)
GEN_HELPER_VOID_2(a64_fetch_fault, 0, ptr, i64)
GEN_HELPER_3(a64_crc32, TCG_CALL_NO_RWG_SE, i64, i64, i64, i32)
GEN_HELPER_3(a64_crc32c, TCG_CALL_NO_RWG_SE, i64, i64, i64, i32)
/* NZCV lives in globals: these read or write them in env. */
GEN_HELPER_1(a64_get_nzcv, 0, i64, ptr)
GEN_HELPER_VOID_2(a64_set_nzcv, 0, ptr, i64)
GEN_HELPER_1(a64_get_cntvct, TCG_CALL_NO_RWG, i64, ptr)
GEN_HELPER_2(a64_get_idreg, TCG_CALL_NO_RWG, i64, ptr, i32)
GEN_HELPER_VOID_2(a64_dc_zva, 0, ptr, i64)
/* The monitor (exclusive_*) is in globals; all of these may fault. */
GEN_HELPER_2(a64_ldxp, 0, i64, ptr, i64)
GEN_HELPER_4(a64_stxr, 0, i64, ptr, i64, i64, i32)
GEN_HELPER_4(a64_stxp, 0, i64, ptr, i64, i64, i64)
GEN_HELPER_5(a64_cas, 0, i64, ptr, i64, i64, i64, i32)
GEN_HELPER_VOID_3(a64_casp, 0, ptr, i64, i32)
GEN_HELPER_4(a64_atomic, 0, i64, ptr, i64, i64, i32)
GEN_HELPER_2(a64_mrs, 0, i64, ptr, i32)
GEN_HELPER_VOID_3(a64_msr, 0, ptr, i32, i64)
GEN_HELPER_VOID_3(a64_sys, 0, ptr, i32, i64)
GEN_HELPER_VOID_4(a64_msr_i, 0, ptr, i32, i32, i32)
GEN_HELPER_VOID_1(a64_eret, 0, ptr)
GEN_HELPER_VOID_1(a64_wfi, 0, ptr)
GEN_HELPER_VOID_2(a64_hvc, 0, ptr, i32)
GEN_HELPER_VOID_2(a64_smc, 0, ptr, i32)
GEN_HELPER_VOID_1(a64_fp_trap, 0, ptr)
#endif

#endif
