/* SPDX-License-Identifier: MIT */
/*
 * RISC-V F and D instruction helpers, called from generated code.
 *
 * Operands and results are raw 64-bit f-register contents: singles are
 * NaN-boxed both ways (a badly boxed input reads as the canonical NaN),
 * integer results are sign-extended to 64 bits. rm is the instruction's
 * rounding-mode field; 7 (DYN) selects env->frm, and a reserved mode
 * raises an illegal-instruction exception. Flags accrue into env->fflags.
 */
#ifndef TARGET_RISCV_FPU_HELPER_H
#define TARGET_RISCV_FPU_HELPER_H

#include <stdint.h>

#include "target/riscv/cpu.h"

/* Arithmetic, correctly rounded in mode rm. */
uint64_t helper_fadd_s(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm);
uint64_t helper_fsub_s(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm);
uint64_t helper_fmul_s(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm);
uint64_t helper_fdiv_s(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm);
uint64_t helper_fadd_d(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm);
uint64_t helper_fsub_d(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm);
uint64_t helper_fmul_d(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm);
uint64_t helper_fdiv_d(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm);
uint64_t helper_fsqrt_s(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fsqrt_d(CPURISCVState *env, uint64_t a, uint32_t rm);

/* Fused: fmsub = a*b-c, fnmsub = -(a*b)+c, fnmadd = -(a*b)-c. */
uint64_t helper_fmadd_s(CPURISCVState *env, uint64_t a, uint64_t b,
                        uint64_t c, uint32_t rm);
uint64_t helper_fmsub_s(CPURISCVState *env, uint64_t a, uint64_t b,
                        uint64_t c, uint32_t rm);
uint64_t helper_fnmsub_s(CPURISCVState *env, uint64_t a, uint64_t b,
                         uint64_t c, uint32_t rm);
uint64_t helper_fnmadd_s(CPURISCVState *env, uint64_t a, uint64_t b,
                         uint64_t c, uint32_t rm);
uint64_t helper_fmadd_d(CPURISCVState *env, uint64_t a, uint64_t b,
                        uint64_t c, uint32_t rm);
uint64_t helper_fmsub_d(CPURISCVState *env, uint64_t a, uint64_t b,
                        uint64_t c, uint32_t rm);
uint64_t helper_fnmsub_d(CPURISCVState *env, uint64_t a, uint64_t b,
                         uint64_t c, uint32_t rm);
uint64_t helper_fnmadd_d(CPURISCVState *env, uint64_t a, uint64_t b,
                         uint64_t c, uint32_t rm);

/* minimumNumber/maximumNumber; comparisons return 0 or 1. */
uint64_t helper_fmin_s(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_fmax_s(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_feq_s(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_flt_s(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_fle_s(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_fmin_d(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_fmax_d(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_feq_d(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_flt_d(CPURISCVState *env, uint64_t a, uint64_t b);
uint64_t helper_fle_d(CPURISCVState *env, uint64_t a, uint64_t b);

/* The 10-bit class mask. */
uint64_t helper_fclass_s(CPURISCVState *env, uint64_t a);
uint64_t helper_fclass_d(CPURISCVState *env, uint64_t a);

/* Conversions; integer sources are in the low bits of a. */
uint64_t helper_fcvt_w_s(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_wu_s(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_l_s(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_lu_s(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_w_d(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_wu_d(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_l_d(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_lu_d(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_s_w(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_s_wu(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_s_l(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_s_lu(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_d_w(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_d_wu(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_d_l(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_d_lu(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_s_d(CPURISCVState *env, uint64_t a, uint32_t rm);
uint64_t helper_fcvt_d_s(CPURISCVState *env, uint64_t a, uint32_t rm);

#endif
