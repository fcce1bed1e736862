/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the A64 FP and Advanced SIMD insns (fpsimd_helper*.c):
 * C prototypes and the operation codes the translator passes them.
 *
 * Scalar FP helpers take and return register values; vector helpers take
 * a descriptor (VDESC_*) naming the registers and work on env->vregs,
 * which are not TCG globals, so every helper here is TCG_CALL_NO_RWG.
 */
#ifndef TARGET_ARM_HELPER_FPSIMD_H
#define TARGET_ARM_HELPER_FPSIMD_H

#include <stdint.h>

#include "target/arm/cpu.h"
#include "vemu/softfloat.h"

/* FP types as the A64 ftype field encodes them. */
enum { FT_S = 0, FT_D = 1, FT_H = 3 };

/* Scalar binary ops (helper_fp_bin, helper_vfp_bin): desc = op | ft << 8. */
enum {
    FPOP_ADD, FPOP_SUB, FPOP_MUL, FPOP_DIV, FPOP_MAX, FPOP_MIN,
    FPOP_MAXNM, FPOP_MINNM, FPOP_NMUL, FPOP_ABD, FPOP_MULX,
    /* vector compares: all ones / zeros per lane */
    FPOP_CMEQ, FPOP_CMGE, FPOP_CMGT, FPOP_ACGE, FPOP_ACGT,
    FPOP_RECPS, FPOP_RSQRTS,
};

/*
 * Unary ops (helper_fp_un): desc = op | ft << 8 | target ft << 10.
 * FRINT* round to an integral value in a fixed mode or FPCR's.
 */
enum {
    FPUN_SQRT, FPUN_CVT,
    FPUN_RINTN, FPUN_RINTP, FPUN_RINTM, FPUN_RINTZ, FPUN_RINTA,
    FPUN_RINTX, FPUN_RINTI,
    FPUN_RECPE, FPUN_RSQRTE, FPUN_RECPX,
};

/* Rounding for conversions to integer: FloatRoundMode or this (FPCR). */
#define FPRM_FPCR 7

/*
 * helper_fp_toint: desc = ft | rm << 2 | unsigned << 5 | 64-bit << 6 |
 * fbits << 8. helper_int_tofp: desc = ft | unsigned << 5 | 64-bit source
 * << 6 | fbits << 8.
 */
uint64_t helper_fp_bin(CPUARMState *env, uint64_t a, uint64_t b,
                       uint32_t desc);
uint64_t helper_fp_un(CPUARMState *env, uint64_t a, uint32_t desc);
/* d = c + a * b with the signs already applied by the translator. */
uint64_t helper_fp_muladd(CPUARMState *env, uint64_t a, uint64_t b,
                          uint64_t c, uint32_t ft);
/* Returns NZCV in bits 31:28; desc = ft | signaling << 2. */
uint64_t helper_fp_cmp(CPUARMState *env, uint64_t a, uint64_t b,
                       uint32_t desc);
uint64_t helper_fp_toint(CPUARMState *env, uint64_t a, uint32_t desc);
uint64_t helper_int_tofp(CPUARMState *env, uint64_t a, uint32_t desc);

/*
 * Vector descriptor: rd 4:0, rn 9:5, rm 14:10, size 16:15, Q 17, and an
 * immediate / op / fourth register in 31:18.
 */
#define VDESC(d, n, m, size, q, imm)                                         \
    ((uint32_t)(d) | (uint32_t)(n) << 5 | (uint32_t)(m) << 10 |              \
     (uint32_t)(size) << 15 | (uint32_t)(q) << 17 | (uint32_t)(imm) << 18)
#define VDESC_D(x) ((x) & 31)
#define VDESC_N(x) (((x) >> 5) & 31)
#define VDESC_M(x) (((x) >> 10) & 31)
#define VDESC_SIZE(x) (((x) >> 15) & 3)
#define VDESC_Q(x) (((x) >> 17) & 1)
#define VDESC_IMM(x) ((x) >> 18)

/* Vector helpers: void helper_v<name>(CPUARMState *env, uint32_t desc). */
#define A64_VEC_HELPERS(X)                                                   \
    X(add) X(sub) X(mul) X(mla) X(mls) X(pmul)                               \
    X(cmeq) X(cmgt) X(cmge) X(cmhi) X(cmhs) X(cmtst)                         \
    X(umax) X(umin) X(smax) X(smin) X(uabd) X(sabd) X(uaba) X(saba)          \
    X(addp) X(umaxp) X(uminp) X(smaxp) X(sminp)                              \
    X(uqadd) X(uqsub) X(sqadd) X(sqsub) X(uhadd) X(shadd) X(urhadd)          \
    X(srhadd) X(uhsub) X(shsub) X(ushl) X(sshl) X(sqdmulh) X(sqrdmulh)       \
    X(uqshl) X(sqshl) X(urshl) X(srshl) X(uqrshl) X(sqrshl)                  \
    X(and) X(bic) X(orr) X(orn) X(eor) X(bsl) X(bit) X(bif)                  \
    X(cnt) X(rev16) X(rev32) X(rev64) X(not) X(rbit) X(abs) X(neg)           \
    X(clz) X(cls) X(cmeq0) X(cmgt0) X(cmge0) X(cmle0) X(cmlt0)               \
    X(xtn) X(sqxtn) X(uqxtn) X(sqxtun) X(uaddlp) X(saddlp) X(uadalp)         \
    X(sadalp) X(sqabs) X(sqneg) X(shll)                                      \
    X(addv) X(umaxv) X(uminv) X(smaxv) X(sminv) X(uaddlv) X(saddlv)          \
    X(shl) X(ushr) X(sshr) X(usra) X(ssra) X(urshr) X(srshr) X(ursra)        \
    X(srsra) X(sri) X(sli) X(shrn) X(rshrn) X(ushll) X(sshll)                \
    X(uqshrn) X(sqshrn) X(sqshrun) X(uqrshrn) X(sqrshrn) X(sqrshrun)         \
    X(uqshl_imm) X(sqshl_imm) X(sqshlu)                                      \
    X(uaddl) X(saddl) X(usubl) X(ssubl) X(uaddw) X(saddw) X(usubw)           \
    X(ssubw) X(umull) X(smull) X(umlal) X(smlal) X(umlsl) X(smlsl)           \
    X(uabdl) X(sabdl) X(uabal) X(sabal) X(addhn) X(subhn) X(raddhn)          \
    X(rsubhn) X(pmull) X(sqdmull)                                            \
    X(zip1) X(zip2) X(uzp1) X(uzp2) X(trn1) X(trn2) X(ext) X(tbl) X(tbx)     \
    X(dup_elt) X(ins_elt)                                                    \
    X(mul_idx) X(mla_idx) X(mls_idx) X(umull_idx) X(smull_idx)               \
    X(umlal_idx) X(smlal_idx) X(umlsl_idx) X(smlsl_idx) X(sqdmull_idx)       \
    X(sqdmlal_idx) X(sqdmlsl_idx) X(sqdmulh_idx) X(sqrdmulh_idx)             \
    X(sqdmlal) X(sqdmlsl) X(suqadd) X(usqadd) X(fcvtxn) X(urecpe)            \
    X(ursqrte) X(aese) X(aesd) X(aesmc) X(aesimc) X(sha1c) X(sha1p)          \
    X(sha1m) X(sha1h) X(sha1su0) X(sha1su1) X(sha256h) X(sha256h2)           \
    X(sha256su0) X(sha256su1)                                                \
    X(fbin) X(fmla) X(fmls) X(fun) X(fcvtint) X(intfcvt) X(faddp)            \
    X(fmaxp) X(fminp) X(fmaxnmp) X(fminnmp) X(fmaxv) X(fminv) X(fmaxnmv)     \
    X(fminnmv) X(fmul_idx) X(fmla_idx) X(fmls_idx) X(fcvtl) X(fcvtn)         \
    X(fabs) X(fneg) X(fcmp0)

#define A64_VEC_PROTO(name) \
    void helper_v##name(CPUARMState *env, uint32_t desc);
A64_VEC_HELPERS(A64_VEC_PROTO)
#undef A64_VEC_PROTO

/*
 * The scalar FP operations on bits, shared by the scalar and vector
 * helpers: an ArmFpst gathers one insn's flags (FZ input flushes add
 * IDC); arm_fpst_done() accrues them into FPSR.
 */
typedef struct ArmFpst {
    FloatStatus s;
    bool fz;                    /* FPCR.FZ: flush denormals to zero */
    uint32_t fpsr;              /* extra FPSR bits (IDC) */
    /*
     * Round to nearest and FPSR.IXC already set: the host FPU may do an
     * operation whose operands and result are normal (or exact zeros).
     */
    bool fast;
} ArmFpst;

void arm_fpst_init(CPUARMState *env, ArmFpst *f);
void arm_fpst_done(CPUARMState *env, ArmFpst *f);
uint64_t arm_fp_bin(ArmFpst *f, int op, int ft, uint64_t a, uint64_t b);
uint64_t arm_fp_un(ArmFpst *f, int op, int ft, int ft2, uint64_t a);
uint64_t arm_fp_muladd(ArmFpst *f, int ft, uint64_t a, uint64_t b,
                       uint64_t c);
uint64_t arm_fp_toint(ArmFpst *f, int ft, int rm, bool uns, bool is64,
                      int fbits, uint64_t a);
uint64_t arm_int_tofp(ArmFpst *f, int ft, bool uns, bool is64, int fbits,
                      uint64_t a);
/*
 * Host fast paths (fpsimd_helper_fast.c), for round to nearest with IXC
 * accrued: true and *res set when the host's result is exact.
 */
bool arm_f64_normal_or_zero(uint64_t a);
bool arm_fp_cmp_fast(int ft, uint64_t a, uint64_t b, uint64_t *nzcv);
bool arm_fp_bin_fast(int op, int ft, uint64_t a, uint64_t b,
                     uint64_t *res);
bool arm_fp_muladd_fast(int ft, uint64_t a, uint64_t b, uint64_t c,
                        uint64_t *res);
/* The ARM ARM's 9-bit reciprocal (square root) estimate tables. */
unsigned arm_recip_estimate(unsigned a);
unsigned arm_rsqrt_estimate(unsigned a);

#ifdef ARM_FPSIMD_GEN_HELPERS
#include "vemu/helper-gen.h"
/* They touch env->vregs, fpcr and fpsr only: none is a TCG global. */
GEN_HELPER_4(fp_bin, TCG_CALL_NO_RWG, i64, ptr, i64, i64, i32)
GEN_HELPER_3(fp_un, TCG_CALL_NO_RWG, i64, ptr, i64, i32)
GEN_HELPER_5(fp_muladd, TCG_CALL_NO_RWG, i64, ptr, i64, i64, i64, i32)
GEN_HELPER_4(fp_cmp, TCG_CALL_NO_RWG, i64, ptr, i64, i64, i32)
GEN_HELPER_3(fp_toint, TCG_CALL_NO_RWG, i64, ptr, i64, i32)
GEN_HELPER_3(int_tofp, TCG_CALL_NO_RWG, i64, ptr, i64, i32)
#endif

#endif
