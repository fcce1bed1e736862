/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD helpers: shifts by immediate, three-different (long,
 * wide, narrow), permutes and table lookups, by-element multiplies.
 */
#include "target/arm/fpsimd_helper_vec.h"

#define VDESC_SCALAR(x) ((VDESC_IMM(x) >> 13) & 1)
/* Shift amount of the shift-by-immediate helpers. */
#define VDESC_SHIFT(x) (VDESC_IMM(x) & 0x7f)

static inline int vlanes(uint32_t desc)
{
    return VDESC_SCALAR(desc) ? 1 : velems(VDESC_SIZE(desc), VDESC_Q(desc));
}

static uint64_t sat_s(__int128 x, int size, bool *qc)
{
    int bits = 8 << size;
    __int128 max = ((__int128)1 << (bits - 1)) - 1;

    if (x > max) {
        *qc = true;
        x = max;
    } else if (x < -max - 1) {
        *qc = true;
        x = -max - 1;
    }
    return (uint64_t)x & vmask(size);
}

static uint64_t sat_u(__int128 x, int size, bool *qc)
{
    if (x > (__int128)vmask(size)) {
        *qc = true;
        return vmask(size);
    }
    if (x < 0) {
        *qc = true;
        return 0;
    }
    return (uint64_t)x;
}

/* Right shift of a wide value by 1..64 bits, with optional rounding. */
static __int128 shr128(__int128 x, int sh, bool round)
{
    if (round) {
        x += (__int128)1 << (sh - 1);
    }
    return x >> sh;
}

/*
 * Same-size shifts by immediate; EXPR sees a, sa, acc, sh, bits, size.
 * Right shifts have sh in 1..bits.
 */
#define VEC_SHIFT(name, EXPR)                                                \
    void helper_v##name(CPUARMState *env, uint32_t desc)                     \
    {                                                                        \
        int size = VDESC_SIZE(desc), i, bits = 8 << size;                    \
        int sh = VDESC_SHIFT(desc);                                          \
        Vec n = vread(env, VDESC_N(desc)), d = vread(env, VDESC_D(desc));    \
        Vec r = { { 0, 0 } };                                                \
        bool qc = false;                                                     \
                                                                             \
        for (i = 0; i < vlanes(desc); i++) {                                 \
            uint64_t a = vget(&n, i, size), acc = vget(&d, i, size);         \
            int64_t sa = vsx(a, size);                                       \
            (void)sa; (void)acc; (void)bits;                                 \
            vset(&r, i, size, (EXPR));                                       \
        }                                                                    \
        if (qc) {                                                            \
            env->fpsr |= FPSR_QC;                                            \
        }                                                                    \
        vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));                        \
    }

#define USHR(rnd) ((uint64_t)shr128((__int128)a, sh, rnd))
#define SSHR(rnd) ((uint64_t)shr128((__int128)sa, sh, rnd))
/* SRI keeps the top sh bits of d; SLI the low sh bits. */
#define SRI_MASK (sh == bits ? 0 : vmask(size) >> sh)
#define SLI_MASK ((vmask(size) << sh) & vmask(size))

VEC_SHIFT(shl, a << sh)
VEC_SHIFT(ushr, USHR(false))
VEC_SHIFT(sshr, SSHR(false))
VEC_SHIFT(usra, acc + USHR(false))
VEC_SHIFT(ssra, acc + SSHR(false))
VEC_SHIFT(urshr, USHR(true))
VEC_SHIFT(srshr, SSHR(true))
VEC_SHIFT(ursra, acc + USHR(true))
VEC_SHIFT(srsra, acc + SSHR(true))
VEC_SHIFT(sri, (acc & ~SRI_MASK) | (USHR(false) & SRI_MASK))
VEC_SHIFT(sli, (acc & ~SLI_MASK) | ((a << sh) & SLI_MASK))
VEC_SHIFT(uqshl_imm, sat_u((__int128)a << sh, size, &qc))
VEC_SHIFT(sqshl_imm, sat_s((__int128)sa << sh, size, &qc))
VEC_SHIFT(sqshlu, sat_u((__int128)sa << sh, size, &qc))

/*
 * Narrowing right shifts: lanes of size s+1 of n, shifted by sh, become
 * lanes of size s in the low half (Q=0) or the high half (Q=1) of d.
 */
static void vshrn(CPUARMState *env, uint32_t desc, bool round, bool sgn,
                  int sat)
{
    int size = VDESC_SIZE(desc), i, half = 8 >> size;
    int sh = VDESC_SHIFT(desc);
    bool q = VDESC_Q(desc), qc = false;
    int ne = VDESC_SCALAR(desc) ? 1 : half;
    Vec n = vread(env, VDESC_N(desc)), d = vread(env, VDESC_D(desc));
    Vec r = { { q ? d.d[0] : 0, 0 } };

    if (VDESC_SCALAR(desc)) {
        q = false;
        r.d[0] = 0;
    }
    for (i = 0; i < ne; i++) {
        uint64_t a = vget(&n, i, size + 1);
        __int128 x = sgn ? (__int128)vsx(a, size + 1) : (__int128)a;
        uint64_t v;

        x = shr128(x, sh, round);
        switch (sat) {
        case 0:
            v = (uint64_t)x & vmask(size);
            break;
        case 1:
            v = sat_s(x, size, &qc);
            break;
        default:
            v = sat_u(x, size, &qc);
            break;
        }
        vset(&r, (q ? half : 0) + i, size, v);
    }
    if (qc) {
        env->fpsr |= FPSR_QC;
    }
    vwrite(env, VDESC_D(desc), r, true);
}

void helper_vshrn(CPUARMState *env, uint32_t desc)
{
    vshrn(env, desc, false, false, 0);
}

void helper_vrshrn(CPUARMState *env, uint32_t desc)
{
    vshrn(env, desc, true, false, 0);
}

void helper_vuqshrn(CPUARMState *env, uint32_t desc)
{
    vshrn(env, desc, false, false, 2);
}

void helper_vsqshrn(CPUARMState *env, uint32_t desc)
{
    vshrn(env, desc, false, true, 1);
}

void helper_vsqshrun(CPUARMState *env, uint32_t desc)
{
    vshrn(env, desc, false, true, 2);
}

void helper_vuqrshrn(CPUARMState *env, uint32_t desc)
{
    vshrn(env, desc, true, false, 2);
}

void helper_vsqrshrn(CPUARMState *env, uint32_t desc)
{
    vshrn(env, desc, true, true, 1);
}

void helper_vsqrshrun(CPUARMState *env, uint32_t desc)
{
    vshrn(env, desc, true, true, 2);
}

/* USHLL/SSHLL (UXTL/SXTL): widen the low or high half, shift left. */
static void vshll(CPUARMState *env, uint32_t desc, bool sgn)
{
    int size = VDESC_SIZE(desc), i, half = 8 >> size;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };

    for (i = 0; i < half; i++) {
        uint64_t a = vget(&n, (VDESC_Q(desc) ? half : 0) + i, size);

        if (sgn) {
            a = (uint64_t)vsx(a, size);
        }
        vset(&r, i, size + 1, a << VDESC_SHIFT(desc));
    }
    vwrite(env, VDESC_D(desc), r, true);
}

void helper_vushll(CPUARMState *env, uint32_t desc)
{
    vshll(env, desc, false);
}

void helper_vsshll(CPUARMState *env, uint32_t desc)
{
    vshll(env, desc, true);
}

/* ---- three different: long (L), wide (W) and narrowing (HN) ---- */

static uint64_t pmull8(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        if (b >> i & 1) {
            r ^= a << i;
        }
    }
    return r;
}

/*
 * Long ops: lanes of size s from the low (Q=0) or high (Q=1) half of n
 * and m, result lanes of size s+1. EXPR sees a, b (extended per SGN),
 * acc (the wide lane of d), size.
 */
#define VEC_LONG(name, SGN, WIDE_N, EXPR)                                    \
    void helper_v##name(CPUARMState *env, uint32_t desc)                     \
    {                                                                        \
        int size = VDESC_SIZE(desc), i;                                      \
        int half = VDESC_SCALAR(desc) ? 1 : 8 >> size;                       \
        int off = VDESC_Q(desc) ? half : 0;                                  \
        Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));    \
        Vec d = vread(env, VDESC_D(desc)), r = { { 0, 0 } };                 \
        bool qc = false;                                                     \
                                                                             \
        for (i = 0; i < half; i++) {                                         \
            uint64_t a = WIDE_N ? vget(&n, i, size + 1)                      \
                                : vget(&n, off + i, size);                   \
            uint64_t b = vget(&m, off + i, size);                            \
            uint64_t acc = vget(&d, i, size + 1);                            \
            if (SGN) {                                                       \
                a = (uint64_t)vsx(a, WIDE_N ? size + 1 : size);              \
                b = (uint64_t)vsx(b, size);                                  \
            }                                                                \
            (void)acc;                                                       \
            vset(&r, i, size + 1, (EXPR));                                   \
        }                                                                    \
        if (qc) {                                                            \
            env->fpsr |= FPSR_QC;                                            \
        }                                                                    \
        vwrite(env, VDESC_D(desc), r, true);                                 \
    }

#define LABD ((int64_t)a > (int64_t)b ? a - b : b - a)
/* 2ab saturated to the wide lane (only min * min saturates). */
#define SQDMULL sat_s((__int128)2 * (int64_t)a * (int64_t)b, size + 1, &qc)
#define LABDU (a > b ? a - b : b - a)

VEC_LONG(uaddl, 0, 0, a + b)
VEC_LONG(saddl, 1, 0, a + b)
VEC_LONG(usubl, 0, 0, a - b)
VEC_LONG(ssubl, 1, 0, a - b)
VEC_LONG(uaddw, 0, 1, a + b)
VEC_LONG(saddw, 1, 1, a + b)
VEC_LONG(usubw, 0, 1, a - b)
VEC_LONG(ssubw, 1, 1, a - b)
VEC_LONG(umull, 0, 0, a * b)
VEC_LONG(smull, 1, 0, a * b)
VEC_LONG(umlal, 0, 0, acc + a * b)
VEC_LONG(smlal, 1, 0, acc + a * b)
VEC_LONG(umlsl, 0, 0, acc - a * b)
VEC_LONG(smlsl, 1, 0, acc - a * b)
VEC_LONG(uabdl, 0, 0, LABDU)
VEC_LONG(sabdl, 1, 0, LABD)
VEC_LONG(uabal, 0, 0, acc + LABDU)
VEC_LONG(sabal, 1, 0, acc + LABD)
VEC_LONG(sqdmull, 1, 0, SQDMULL)
VEC_LONG(sqdmlal, 1, 0,
         sat_s((__int128)vsx(acc, size + 1) + vsx(SQDMULL, size + 1),
               size + 1, &qc))
VEC_LONG(sqdmlsl, 1, 0,
         sat_s((__int128)vsx(acc, size + 1) - vsx(SQDMULL, size + 1),
               size + 1, &qc))

/* PMULL: 8x8 -> 16 per lane, or 64x64 -> 128 (size 3, the crypto one). */
void helper_vpmull(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i;
    int off = VDESC_Q(desc) ? 8 : 0;
    Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));
    Vec r = { { 0, 0 } };

    if (size == 3) {
        uint64_t a = n.d[VDESC_Q(desc)], b = m.d[VDESC_Q(desc)];

        for (i = 0; i < 64; i++) {
            if (b >> i & 1) {
                r.d[0] ^= a << i;
                r.d[1] ^= i ? a >> (64 - i) : 0;
            }
        }
    } else {
        for (i = 0; i < 8; i++) {
            vset(&r, i, 1, pmull8(vget(&n, off + i, 0),
                                  vget(&m, off + i, 0)));
        }
    }
    vwrite(env, VDESC_D(desc), r, true);
}

/* ADDHN/SUBHN (+R): the high half of wide sums, narrowed. */
static void vhn(CPUARMState *env, uint32_t desc, bool sub, bool round)
{
    int size = VDESC_SIZE(desc), i, half = 8 >> size, bits = 8 << size;
    bool q = VDESC_Q(desc);
    Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));
    Vec d = vread(env, VDESC_D(desc));
    Vec r = { { q ? d.d[0] : 0, 0 } };

    for (i = 0; i < half; i++) {
        uint64_t a = vget(&n, i, size + 1), b = vget(&m, i, size + 1);
        __int128 x = sub ? (__int128)a - b : (__int128)a + b;

        x = shr128(x, bits, round);
        vset(&r, (q ? half : 0) + i, size, (uint64_t)x);
    }
    vwrite(env, VDESC_D(desc), r, true);
}

void helper_vaddhn(CPUARMState *env, uint32_t desc)
{
    vhn(env, desc, false, false);
}

void helper_vsubhn(CPUARMState *env, uint32_t desc)
{
    vhn(env, desc, true, false);
}

void helper_vraddhn(CPUARMState *env, uint32_t desc)
{
    vhn(env, desc, false, true);
}

void helper_vrsubhn(CPUARMState *env, uint32_t desc)
{
    vhn(env, desc, true, true);
}

/* ---- permutes ---- */

/* ZIP/UZP/TRN: part 0 for the "1" forms, 1 for the "2" forms. */
static void vperm(CPUARMState *env, uint32_t desc, int kind, int part)
{
    int size = VDESC_SIZE(desc), ne = vlanes(desc), i;
    Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));
    Vec r = { { 0, 0 } };

    for (i = 0; i < ne; i++) {
        uint64_t x;

        switch (kind) {
        case 0: {               /* ZIP */
            int j = part * ne / 2 + i / 2;
            x = vget(i & 1 ? &m : &n, j, size);
            break;
        }
        case 1: {               /* UZP */
            int j = 2 * i + part;
            x = j < ne ? vget(&n, j, size) : vget(&m, j - ne, size);
            break;
        }
        default:                /* TRN */
            x = vget(i & 1 ? &m : &n, (i & ~1) + part, size);
            break;
        }
        vset(&r, i, size, x);
    }
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

void helper_vzip1(CPUARMState *env, uint32_t desc)
{
    vperm(env, desc, 0, 0);
}

void helper_vzip2(CPUARMState *env, uint32_t desc)
{
    vperm(env, desc, 0, 1);
}

void helper_vuzp1(CPUARMState *env, uint32_t desc)
{
    vperm(env, desc, 1, 0);
}

void helper_vuzp2(CPUARMState *env, uint32_t desc)
{
    vperm(env, desc, 1, 1);
}

void helper_vtrn1(CPUARMState *env, uint32_t desc)
{
    vperm(env, desc, 2, 0);
}

void helper_vtrn2(CPUARMState *env, uint32_t desc)
{
    vperm(env, desc, 2, 1);
}

/* EXT: bytes imm.. of the concatenation m:n. */
void helper_vext(CPUARMState *env, uint32_t desc)
{
    int nb = VDESC_Q(desc) ? 16 : 8, i, pos = VDESC_IMM(desc) & 15;
    Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));
    Vec r = { { 0, 0 } };

    for (i = 0; i < nb; i++, pos++) {
        vset(&r, i, 0, pos < nb ? vget(&n, pos, 0) : vget(&m, pos - nb, 0));
    }
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

/* TBL/TBX: imm = table length - 1; registers n.. wrap around at 31. */
static void vtbl(CPUARMState *env, uint32_t desc, bool tbx)
{
    int len = (VDESC_IMM(desc) & 3) + 1, i, nb = VDESC_Q(desc) ? 16 : 8;
    Vec tab[4], m = vread(env, VDESC_M(desc)), d = vread(env, VDESC_D(desc));
    Vec r = { { 0, 0 } };

    for (i = 0; i < len; i++) {
        tab[i] = vread(env, (VDESC_N(desc) + i) % 32);
    }
    for (i = 0; i < nb; i++) {
        unsigned idx = (unsigned)vget(&m, i, 0);

        if (idx < 16u * len) {
            vset(&r, i, 0, vget(&tab[idx / 16], idx % 16, 0));
        } else if (tbx) {
            vset(&r, i, 0, vget(&d, i, 0));
        }
    }
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

void helper_vtbl(CPUARMState *env, uint32_t desc)
{
    vtbl(env, desc, false);
}

void helper_vtbx(CPUARMState *env, uint32_t desc)
{
    vtbl(env, desc, true);
}

/* DUP Vd.T, Vn.Ts[imm]; scalar form (DUP Bd, Vn.B[i]) is one lane. */
void helper_vdup_elt(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };
    uint64_t x = vget(&n, VDESC_IMM(desc) & 15, size);

    for (i = 0; i < vlanes(desc); i++) {
        vset(&r, i, size, x);
    }
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

/* INS Vd.Ts[imm & 15], Vn.Ts[imm >> 4]: the rest of d is kept. */
void helper_vins_elt(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc);
    Vec n = vread(env, VDESC_N(desc)), d = vread(env, VDESC_D(desc));

    vset(&d, VDESC_IMM(desc) & 15, size,
         vget(&n, (VDESC_IMM(desc) >> 4) & 15, size));
    vwrite(env, VDESC_D(desc), d, true);
}

/* ---- by element: m's lane imm & 15 against every lane of n ---- */

#define VEC_IDX(name, EXPR)                                                  \
    void helper_v##name(CPUARMState *env, uint32_t desc)                     \
    {                                                                        \
        int size = VDESC_SIZE(desc), i;                                      \
        Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));    \
        Vec d = vread(env, VDESC_D(desc)), r = { { 0, 0 } };                 \
        uint64_t b = vget(&m, VDESC_IMM(desc) & 15, size);                   \
        bool qc = false;                                                     \
                                                                             \
        for (i = 0; i < vlanes(desc); i++) {                                 \
            uint64_t a = vget(&n, i, size), acc = vget(&d, i, size);         \
            (void)acc;                                                       \
            vset(&r, i, size, (EXPR));                                       \
        }                                                                    \
        if (qc) {                                                            \
            env->fpsr |= FPSR_QC;                                            \
        }                                                                    \
        vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));                        \
    }

static uint64_t sqdmulh(int64_t a, int64_t b, int size, bool round,
                        bool *qc)
{
    int bits = 8 << size;
    __int128 p = (__int128)2 * a * b;

    if (round) {
        p += (__int128)1 << (bits - 1);
    }
    return sat_s(p >> bits, size, qc);
}

VEC_IDX(mul_idx, a * b)
VEC_IDX(mla_idx, acc + a * b)
VEC_IDX(mls_idx, acc - a * b)
VEC_IDX(sqdmulh_idx, sqdmulh(vsx(a, size), vsx(b, size), size, false, &qc))
VEC_IDX(sqrdmulh_idx, sqdmulh(vsx(a, size), vsx(b, size), size, true, &qc))

#define VEC_LIDX(name, SGN, EXPR)                                            \
    void helper_v##name(CPUARMState *env, uint32_t desc)                     \
    {                                                                        \
        int size = VDESC_SIZE(desc), i;                                      \
        int half = VDESC_SCALAR(desc) ? 1 : 8 >> size;                       \
        int off = VDESC_Q(desc) ? half : 0;                                  \
        Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));    \
        Vec d = vread(env, VDESC_D(desc)), r = { { 0, 0 } };                 \
        uint64_t b = vget(&m, VDESC_IMM(desc) & 15, size);                   \
        bool qc = false;                                                     \
                                                                             \
        if (SGN) {                                                           \
            b = (uint64_t)vsx(b, size);                                      \
        }                                                                    \
        for (i = 0; i < half; i++) {                                         \
            uint64_t a = vget(&n, off + i, size);                            \
            uint64_t acc = vget(&d, i, size + 1);                            \
            if (SGN) {                                                       \
                a = (uint64_t)vsx(a, size);                                  \
            }                                                                \
            (void)acc;                                                       \
            vset(&r, i, size + 1, (EXPR));                                   \
        }                                                                    \
        if (qc) {                                                            \
            env->fpsr |= FPSR_QC;                                            \
        }                                                                    \
        vwrite(env, VDESC_D(desc), r, true);                                 \
    }

VEC_LIDX(umull_idx, 0, a * b)
VEC_LIDX(smull_idx, 1, a * b)
VEC_LIDX(umlal_idx, 0, acc + a * b)
VEC_LIDX(smlal_idx, 1, acc + a * b)
VEC_LIDX(umlsl_idx, 0, acc - a * b)
VEC_LIDX(smlsl_idx, 1, acc - a * b)
VEC_LIDX(sqdmull_idx, 1, SQDMULL)
VEC_LIDX(sqdmlal_idx, 1,
         sat_s((__int128)vsx(acc, size + 1) + vsx(SQDMULL, size + 1),
               size + 1, &qc))
VEC_LIDX(sqdmlsl_idx, 1,
         sat_s((__int128)vsx(acc, size + 1) - vsx(SQDMULL, size + 1),
               size + 1, &qc))
