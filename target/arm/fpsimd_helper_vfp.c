/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD floating point: lane-wise, pairwise, across-lanes and
 * by-element forms over the scalar operations of fpsimd_helper.c.
 * The lane size in the descriptor is 2 (S lanes) or 3 (D lanes); the
 * operation code sits in the low bits of the immediate.
 */
#include "target/arm/fpsimd_helper_vec.h"

#define VDESC_SCALAR(x) ((VDESC_IMM(x) >> 13) & 1)
#define VDESC_OP(x) (VDESC_IMM(x) & 0xff)

static inline int vft(int size)
{
    return size == 3 ? FT_D : FT_S;
}

static inline int vlanes(uint32_t desc)
{
    return VDESC_SCALAR(desc) ? 1 : velems(VDESC_SIZE(desc), VDESC_Q(desc));
}

static inline uint64_t fsign(int size)
{
    return 1ull << ((8 << size) - 1);
}

/* Vector compares (all ones when true) go through arm_fp_bin too. */
static uint64_t fcompare(ArmFpst *f, int op, int size, uint64_t a,
                         uint64_t b)
{
    return arm_fp_bin(f, op, vft(size), a, b);
}

static uint64_t flane_bin(ArmFpst *f, int op, int size, uint64_t a,
                          uint64_t b)
{
    return arm_fp_bin(f, op, vft(size), a, b);
}

void helper_vfbin(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i;
    Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));
    Vec r = { { 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < vlanes(desc); i++) {
        vset(&r, i, size, flane_bin(&f, VDESC_OP(desc), size,
                                    vget(&n, i, size), vget(&m, i, size)));
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

static void vfmla(CPUARMState *env, uint32_t desc, bool neg, int idx)
{
    int size = VDESC_SIZE(desc), i;
    Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));
    Vec d = vread(env, VDESC_D(desc)), r = { { 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < vlanes(desc); i++) {
        uint64_t a = vget(&n, i, size);
        uint64_t b = vget(&m, idx < 0 ? i : idx, size);

        vset(&r, i, size, arm_fp_muladd(&f, vft(size),
                                        neg ? a ^ fsign(size) : a, b,
                                        vget(&d, i, size)));
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

void helper_vfmla(CPUARMState *env, uint32_t desc)
{
    vfmla(env, desc, false, -1);
}

void helper_vfmls(CPUARMState *env, uint32_t desc)
{
    vfmla(env, desc, true, -1);
}

void helper_vfmla_idx(CPUARMState *env, uint32_t desc)
{
    vfmla(env, desc, false, VDESC_IMM(desc) & 3);
}

void helper_vfmls_idx(CPUARMState *env, uint32_t desc)
{
    vfmla(env, desc, true, VDESC_IMM(desc) & 3);
}

void helper_vfmul_idx(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i;
    Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));
    Vec r = { { 0, 0 } };
    uint64_t b = vget(&m, VDESC_IMM(desc) & 3, size);
    int op = (VDESC_IMM(desc) >> 4) & 1 ? FPOP_MULX : FPOP_MUL;
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < vlanes(desc); i++) {
        vset(&r, i, size, arm_fp_bin(&f, op, vft(size),
                                     vget(&n, i, size), b));
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

/* Unary: op = FPUN_*. */
void helper_vfun(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < vlanes(desc); i++) {
        vset(&r, i, size, arm_fp_un(&f, VDESC_OP(desc), vft(size),
                                    vft(size), vget(&n, i, size)));
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

/* FCVT{N,P,M,Z,A}{S,U}: imm = rm | unsigned << 3 | fbits << 4. */
void helper_vfcvtint(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i, imm = VDESC_IMM(desc);
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < vlanes(desc); i++) {
        vset(&r, i, size, arm_fp_toint(&f, vft(size), imm & 7, imm >> 3 & 1,
                                       size == 3, (imm >> 4) & 0x7f,
                                       vget(&n, i, size)));
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

/* SCVTF/UCVTF (vector): imm = unsigned << 3 | fbits << 4. */
void helper_vintfcvt(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i, imm = VDESC_IMM(desc);
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < vlanes(desc); i++) {
        vset(&r, i, size, arm_int_tofp(&f, vft(size), imm >> 3 & 1,
                                       size == 3, (imm >> 4) & 0x7f,
                                       vget(&n, i, size)));
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

/* Pairwise: lanes 2i, 2i+1 of n:m; the scalar form reduces n's pair. */
static void vfpair(CPUARMState *env, uint32_t desc, int op)
{
    int size = VDESC_SIZE(desc), ne = vlanes(desc), i;
    Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));
    Vec r = { { 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    if (VDESC_SCALAR(desc)) {
        vset(&r, 0, size, arm_fp_bin(&f, op, vft(size), vget(&n, 0, size),
                                     vget(&n, 1, size)));
    } else {
        for (i = 0; i < ne; i++) {
            const Vec *src = 2 * i < ne ? &n : &m;
            int j = (2 * i) % ne;

            vset(&r, i, size, arm_fp_bin(&f, op, vft(size),
                                         vget(src, j, size),
                                         vget(src, j + 1, size)));
        }
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

void helper_vfaddp(CPUARMState *env, uint32_t desc)
{
    vfpair(env, desc, FPOP_ADD);
}

void helper_vfmaxp(CPUARMState *env, uint32_t desc)
{
    vfpair(env, desc, FPOP_MAX);
}

void helper_vfminp(CPUARMState *env, uint32_t desc)
{
    vfpair(env, desc, FPOP_MIN);
}

void helper_vfmaxnmp(CPUARMState *env, uint32_t desc)
{
    vfpair(env, desc, FPOP_MAXNM);
}

void helper_vfminnmp(CPUARMState *env, uint32_t desc)
{
    vfpair(env, desc, FPOP_MINNM);
}

/* FMAXV and friends (4S only): a tree reduction as the ARM ARM does. */
static void vfacross(CPUARMState *env, uint32_t desc, int op)
{
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };
    ArmFpst f;
    uint64_t lo, hi;

    arm_fpst_init(env, &f);
    lo = arm_fp_bin(&f, op, FT_S, vget(&n, 0, 2), vget(&n, 1, 2));
    hi = arm_fp_bin(&f, op, FT_S, vget(&n, 2, 2), vget(&n, 3, 2));
    vset(&r, 0, 2, arm_fp_bin(&f, op, FT_S, lo, hi));
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, false);
}

void helper_vfmaxv(CPUARMState *env, uint32_t desc)
{
    vfacross(env, desc, FPOP_MAX);
}

void helper_vfminv(CPUARMState *env, uint32_t desc)
{
    vfacross(env, desc, FPOP_MIN);
}

void helper_vfmaxnmv(CPUARMState *env, uint32_t desc)
{
    vfacross(env, desc, FPOP_MAXNM);
}

void helper_vfminnmv(CPUARMState *env, uint32_t desc)
{
    vfacross(env, desc, FPOP_MINNM);
}

/* FCVTL/FCVTL2: S lanes (size 2) of the low/high half to D lanes. */
void helper_vfcvtl(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i, half = 8 >> size;
    int off = VDESC_Q(desc) ? half : 0;
    int fts = size == 2 ? FT_S : FT_H, ftd = size == 2 ? FT_D : FT_S;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < half; i++) {
        vset(&r, i, size + 1, arm_fp_un(&f, FPUN_CVT, fts, ftd,
                                        vget(&n, off + i, size)));
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, true);
}

/* FCVTN/FCVTN2: D lanes to S lanes (size 2) in the low/high half. */
void helper_vfcvtn(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i, half = 8 >> size;
    bool q = VDESC_Q(desc);
    int fts = size == 2 ? FT_D : FT_S, ftd = size == 2 ? FT_S : FT_H;
    Vec n = vread(env, VDESC_N(desc)), d = vread(env, VDESC_D(desc));
    Vec r = { { q ? d.d[0] : 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < half; i++) {
        vset(&r, (q ? half : 0) + i, size,
             arm_fp_un(&f, FPUN_CVT, fts, ftd, vget(&n, i, size + 1)));
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, true);
}

void helper_vfabs(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };

    for (i = 0; i < vlanes(desc); i++) {
        vset(&r, i, size, vget(&n, i, size) & ~fsign(size));
    }
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

void helper_vfneg(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };

    for (i = 0; i < vlanes(desc); i++) {
        vset(&r, i, size, vget(&n, i, size) ^ fsign(size));
    }
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

/* FCM{EQ,GE,GT,LE,LT} against zero: op 0 EQ, 1 GE, 2 GT, 3 LE, 4 LT. */
void helper_vfcmp0(CPUARMState *env, uint32_t desc)
{
    static const uint8_t ops[] = {
        FPOP_CMEQ, FPOP_CMGE, FPOP_CMGT, FPOP_CMGE, FPOP_CMGT,
    };
    int size = VDESC_SIZE(desc), i, op = VDESC_OP(desc) % 5;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < vlanes(desc); i++) {
        uint64_t a = vget(&n, i, size);

        /* LE and LT: 0 >= a, 0 > a. */
        vset(&r, i, size, op >= 3 ? fcompare(&f, ops[op], size, 0, a)
                                  : fcompare(&f, ops[op], size, a, 0));
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

/* FCVTXN{2}: D lanes to S lanes, rounding to odd (scalar: one lane). */
void helper_vfcvtxn(CPUARMState *env, uint32_t desc)
{
    bool q = VDESC_Q(desc);
    int ne = VDESC_SCALAR(desc) ? 1 : 2, i;
    Vec n = vread(env, VDESC_N(desc)), d = vread(env, VDESC_D(desc));
    Vec r = { { q ? d.d[0] : 0, 0 } };
    ArmFpst f;

    arm_fpst_init(env, &f);
    for (i = 0; i < ne; i++) {
        ArmFpst g = f;
        uint64_t x;

        g.s.rounding_mode = FLOAT_ROUND_TO_ZERO;
        g.s.flags = 0;
        x = arm_fp_un(&g, FPUN_CVT, FT_D, FT_S, n.d[i]);
        if ((g.s.flags & FLOAT_FLAG_INEXACT) && (x & 0x7fffffff) <= 0x7f800000) {
            x |= 1;
        }
        f.s.flags |= g.s.flags;
        f.fpsr |= g.fpsr;
        vset(&r, (q ? 2 : 0) + i, 2, x);
    }
    arm_fpst_done(env, &f);
    vwrite(env, VDESC_D(desc), r, true);
}

/* URECPE/URSQRTE: 32-bit fixed-point estimates (lane size 2). */
static void vuest(CPUARMState *env, uint32_t desc, bool rsqrt)
{
    int i;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };

    for (i = 0; i < velems(2, VDESC_Q(desc)); i++) {
        uint32_t a = (uint32_t)vget(&n, i, 2), x;

        if (rsqrt ? !(a >> 30) : !(a >> 31)) {
            x = 0xffffffffu;
        } else {
            x = (rsqrt ? arm_rsqrt_estimate(a >> 23)
                       : arm_recip_estimate(a >> 23)) << 23;
        }
        vset(&r, i, 2, x);
    }
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

void helper_vurecpe(CPUARMState *env, uint32_t desc)
{
    vuest(env, desc, false);
}

void helper_vursqrte(CPUARMState *env, uint32_t desc)
{
    vuest(env, desc, true);
}
