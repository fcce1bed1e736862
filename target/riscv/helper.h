/* SPDX-License-Identifier: MIT */
/*
 * Helpers called from RISC-V generated code: C prototypes and the
 * gen_helper_*() emitters (included by translate.c only).
 *
 * Flags: a helper that can raise a guest exception must see the guest
 * registers in env, so it may not carry TCG_CALL_NO_READ_GLOBALS.
 */
#ifndef TARGET_RISCV_HELPER_H
#define TARGET_RISCV_HELPER_H

#include "target/riscv/cpu.h"
#include "vemu/helper-gen.h"

/* ---- op_helper.c ---- */
void helper_raise_exception(CPURISCVState *env, uint32_t excp)
    __attribute__((noreturn));
void helper_raise_illegal(CPURISCVState *env, uint32_t insn)
    __attribute__((noreturn));
void helper_fetch_fault(CPURISCVState *env, uint64_t addr)
    __attribute__((noreturn));
uint64_t helper_csrr(CPURISCVState *env, uint32_t insn);
uint64_t helper_csrrw(CPURISCVState *env, uint32_t insn, uint64_t val,
                      uint64_t mask);
uint64_t helper_mret(CPURISCVState *env);
uint64_t helper_sret(CPURISCVState *env, uint32_t insn);
void helper_wfi(CPURISCVState *env, uint32_t insn, uint32_t ilen);
void helper_sfence_vma(CPURISCVState *env, uint64_t addr, uint32_t insn);
uint64_t helper_lr_w(CPURISCVState *env, uint64_t addr);
uint64_t helper_lr_d(CPURISCVState *env, uint64_t addr);
uint64_t helper_sc_w(CPURISCVState *env, uint64_t addr, uint64_t val);
uint64_t helper_sc_d(CPURISCVState *env, uint64_t addr, uint64_t val);

#define RISCV_AMO_LIST(X)                                                    \
    X(amoswap_w) X(amoadd_w) X(amoxor_w) X(amoand_w) X(amoor_w)              \
    X(amomin_w) X(amomax_w) X(amominu_w) X(amomaxu_w)                        \
    X(amoswap_d) X(amoadd_d) X(amoxor_d) X(amoand_d) X(amoor_d)              \
    X(amomin_d) X(amomax_d) X(amominu_d) X(amomaxu_d)

#define RISCV_AMO_PROTO(name)                                                \
    uint64_t helper_##name(CPURISCVState *env, uint64_t addr, uint64_t val);
RISCV_AMO_LIST(RISCV_AMO_PROTO)
#undef RISCV_AMO_PROTO

/* ---- fpu_helper.c (engineer "fpu"): the agreed signatures ---- */
#define RISCV_FP_BINOP_RM(X)                                                 \
    X(fadd_s) X(fsub_s) X(fmul_s) X(fdiv_s)                                  \
    X(fadd_d) X(fsub_d) X(fmul_d) X(fdiv_d)
#define RISCV_FP_TERNOP_RM(X)                                                \
    X(fmadd_s) X(fmsub_s) X(fnmsub_s) X(fnmadd_s)                            \
    X(fmadd_d) X(fmsub_d) X(fnmsub_d) X(fnmadd_d)
#define RISCV_FP_BINOP(X)                                                    \
    X(fmin_s) X(fmax_s) X(feq_s) X(flt_s) X(fle_s)                           \
    X(fmin_d) X(fmax_d) X(feq_d) X(flt_d) X(fle_d)
#define RISCV_FP_UNOP_RM(X)                                                  \
    X(fsqrt_s) X(fsqrt_d)                                                    \
    X(fcvt_w_s) X(fcvt_wu_s) X(fcvt_l_s) X(fcvt_lu_s)                        \
    X(fcvt_w_d) X(fcvt_wu_d) X(fcvt_l_d) X(fcvt_lu_d)                        \
    X(fcvt_s_w) X(fcvt_s_wu) X(fcvt_s_l) X(fcvt_s_lu)                        \
    X(fcvt_d_w) X(fcvt_d_wu) X(fcvt_d_l) X(fcvt_d_lu)                        \
    X(fcvt_s_d) X(fcvt_d_s)
#define RISCV_FP_UNOP(X) X(fclass_s) X(fclass_d)

#define RISCV_P_BINOP_RM(n)                                                  \
    uint64_t helper_##n(CPURISCVState *env, uint64_t a, uint64_t b,          \
                        uint32_t rm);
#define RISCV_P_TERNOP_RM(n)                                                 \
    uint64_t helper_##n(CPURISCVState *env, uint64_t a, uint64_t b,          \
                        uint64_t c, uint32_t rm);
#define RISCV_P_BINOP(n)                                                     \
    uint64_t helper_##n(CPURISCVState *env, uint64_t a, uint64_t b);
#define RISCV_P_UNOP_RM(n)                                                   \
    uint64_t helper_##n(CPURISCVState *env, uint64_t a, uint32_t rm);
#define RISCV_P_UNOP(n) uint64_t helper_##n(CPURISCVState *env, uint64_t a);
RISCV_FP_BINOP_RM(RISCV_P_BINOP_RM)
RISCV_FP_TERNOP_RM(RISCV_P_TERNOP_RM)
RISCV_FP_BINOP(RISCV_P_BINOP)
RISCV_FP_UNOP_RM(RISCV_P_UNOP_RM)
RISCV_FP_UNOP(RISCV_P_UNOP)

#ifdef RISCV_GEN_HELPERS
GEN_HELPER_VOID_2(raise_exception, 0, ptr, i32)
GEN_HELPER_VOID_2(raise_illegal, 0, ptr, i32)
GEN_HELPER_VOID_2(fetch_fault, 0, ptr, i64)
GEN_HELPER_2(csrr, TCG_CALL_NO_WG, i64, ptr, i32)
GEN_HELPER_4(csrrw, TCG_CALL_NO_WG, i64, ptr, i32, i64, i64)
/* Privilege changes: the TB ends right after these. */
GEN_HELPER_1(mret, 0, i64, ptr)
GEN_HELPER_2(sret, 0, i64, ptr, i32)
GEN_HELPER_VOID_3(wfi, 0, ptr, i32, i32)
GEN_HELPER_VOID_3(sfence_vma, 0, ptr, i64, i32)
/* LR/SC update load_res/load_val, which are TCG globals. */
GEN_HELPER_2(lr_w, 0, i64, ptr, i64)
GEN_HELPER_2(lr_d, 0, i64, ptr, i64)
GEN_HELPER_3(sc_w, 0, i64, ptr, i64, i64)
GEN_HELPER_3(sc_d, 0, i64, ptr, i64, i64)

#define RISCV_G_AMO(n) GEN_HELPER_3(n, TCG_CALL_NO_WG, i64, ptr, i64, i64)
RISCV_AMO_LIST(RISCV_G_AMO)
#undef RISCV_G_AMO

/*
 * FP helpers only touch env->fflags/frm (not globals) and never raise:
 * the translator rejects reserved static rm values, and rm=DYN with an
 * invalid frm through TB_FLAG_FRM_INVALID.
 */
#define RISCV_G_BINOP_RM(n) \
    GEN_HELPER_4(n, TCG_CALL_NO_RWG, i64, ptr, i64, i64, i32)
#define RISCV_G_TERNOP_RM(n) \
    GEN_HELPER_5(n, TCG_CALL_NO_RWG, i64, ptr, i64, i64, i64, i32)
#define RISCV_G_BINOP(n) GEN_HELPER_3(n, TCG_CALL_NO_RWG, i64, ptr, i64, i64)
#define RISCV_G_UNOP_RM(n) GEN_HELPER_3(n, TCG_CALL_NO_RWG, i64, ptr, i64, i32)
#define RISCV_G_UNOP(n) GEN_HELPER_2(n, TCG_CALL_NO_RWG_SE, i64, ptr, i64)
RISCV_FP_BINOP_RM(RISCV_G_BINOP_RM)
RISCV_FP_TERNOP_RM(RISCV_G_TERNOP_RM)
RISCV_FP_BINOP(RISCV_G_BINOP)
RISCV_FP_UNOP_RM(RISCV_G_UNOP_RM)
RISCV_FP_UNOP(RISCV_G_UNOP)
#endif

#endif
