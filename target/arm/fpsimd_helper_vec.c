/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD integer helpers: three-same, two-register misc and
 * across-lanes classes. Each walks the lanes of copies of its sources.
 */
#include "target/arm/fpsimd_helper_vec.h"

/* Scalar forms (one lane) set this bit of the descriptor's immediate. */
#define VDESC_SCALAR(x) ((VDESC_IMM(x) >> 13) & 1)

static inline int vlanes(uint32_t desc)
{
    return VDESC_SCALAR(desc) ? 1 : velems(VDESC_SIZE(desc), VDESC_Q(desc));
}

/* Saturate a wide value to a lane of size s; *qc set when it clips. */
static uint64_t sat_s(__int128 x, int size, bool *qc)
{
    int bits = 8 << size;
    __int128 max = ((__int128)1 << (bits - 1)) - 1;
    __int128 min = -max - 1;

    if (x > max) {
        *qc = true;
        x = max;
    } else if (x < min) {
        *qc = true;
        x = min;
    }
    return (uint64_t)x & vmask(size);
}

static uint64_t sat_u(__int128 x, int size, bool *qc)
{
    __int128 max = (__int128)vmask(size);

    if (x > max) {
        *qc = true;
        return vmask(size);
    }
    if (x < 0) {
        *qc = true;
        return 0;
    }
    return (uint64_t)x;
}

/* USHL/SSHL: shift by the signed low byte of b, right when negative. */
static uint64_t shl_reg(uint64_t a, int64_t sa, uint64_t b, int size,
                        bool sgn)
{
    int bits = 8 << size;
    int sh = (int8_t)b;

    if (sh >= 0) {
        return sh >= bits ? 0 : a << sh;
    }
    sh = -sh;
    if (sgn) {
        return (uint64_t)(sh >= bits ? sa >> (bits - 1) : sa >> sh);
    }
    return sh >= bits ? 0 : a >> sh;
}

/*
 * The shift-by-register family: shift by the signed low byte of b, left
 * when positive; `round` rounds right shifts, `sat` saturates left ones.
 */
static uint64_t shl_full(uint64_t a, int64_t sa, uint64_t b, int size,
                         bool sgn, bool round, bool sat, bool *qc)
{
    int bits = 8 << size, sh = (int8_t)b;
    __int128 x = sgn ? (__int128)sa : (__int128)a;

    if (sh >= 0) {
        if (!sat) {
            return sh >= bits ? 0 : a << sh;
        }
        if (x != 0 && sh >= bits) {
            x = x < 0 ? -((__int128)1 << 100) : (__int128)1 << 100;
        } else {
            x <<= sh;
        }
        return sgn ? sat_s(x, size, qc) : sat_u(x, size, qc);
    }
    sh = -sh > 100 ? 100 : -sh;
    if (round) {
        x += (__int128)1 << (sh - 1);
    }
    x >>= sh;
    return (uint64_t)x;
}

static uint64_t pmul8(uint64_t a, uint64_t b)
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

/*
 * Three registers of the same arrangement; in EXPR: a, b (lanes of n,
 * m, zero-extended), sa, sb (sign-extended), acc (lane of d), size,
 * bits, m1 (lane mask), qc (saturation).
 */
#define VEC_3SAME_BODY(T, ST, EXPR)                                          \
    {                                                                        \
        uint64_t a = pn[i], b = pm[i], acc = pd[i];                          \
        int64_t sa = (ST)pn[i], sb = (ST)pm[i];                              \
        (void)a; (void)b; (void)acc; (void)sa; (void)sb; (void)bits;         \
        (void)m1; (void)size;                                                \
        pr[i] = (T)(EXPR);                                                   \
    }

/* 128-bit vectors get a constant trip count, which the host vectorizes. */
#define VEC_3SAME_LOOP(S, T, ST, EXPR)                                       \
    do {                                                                     \
        const int size = S, bits = 8 << S;                                   \
        const uint64_t m1 = (T)~0ull;                                        \
        const T *pn = (const T *)n.d, *pm = (const T *)m.d;                  \
        const T *pd = (const T *)d.d;                                        \
        T *pr = (T *)r.d;                                                    \
        if (ne == 16 / (int)sizeof(T)) {                                     \
            for (i = 0; i < 16 / (int)sizeof(T); i++)                        \
                VEC_3SAME_BODY(T, ST, EXPR)                                  \
        } else {                                                             \
            for (i = 0; i < ne; i++)                                         \
                VEC_3SAME_BODY(T, ST, EXPR)                                  \
        }                                                                    \
    } while (0)

/*
 * One loop per lane size, so that lane accesses are plain array
 * accesses the host compiler can vectorize.
 */
#define VEC_3SAME(name, EXPR)                                                \
    void helper_v##name(CPUARMState *env, uint32_t desc)                     \
    {                                                                        \
        int i, ne = vlanes(desc);                                            \
        Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));    \
        Vec d = vread(env, VDESC_D(desc)), r = { { 0, 0 } };                 \
        bool qc = false;                                                     \
                                                                             \
        switch (VDESC_SIZE(desc)) {                                          \
        case 0:                                                              \
            VEC_3SAME_LOOP(0, uint8_t, int8_t, EXPR);                        \
            break;                                                           \
        case 1:                                                              \
            VEC_3SAME_LOOP(1, uint16_t, int16_t, EXPR);                      \
            break;                                                           \
        case 2:                                                              \
            VEC_3SAME_LOOP(2, uint32_t, int32_t, EXPR);                      \
            break;                                                           \
        default:                                                             \
            VEC_3SAME_LOOP(3, uint64_t, int64_t, EXPR);                      \
            break;                                                           \
        }                                                                    \
        if (qc) {                                                            \
            env->fpsr |= FPSR_QC;                                            \
        }                                                                    \
        vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));                        \
    }

#define UABD(a, b) ((a) > (b) ? (a) - (b) : (b) - (a))
#define SABD(a, b) ((uint64_t)((a) > (b) ? (a) - (b) : (b) - (a)))

VEC_3SAME(add, a + b)
VEC_3SAME(sub, a - b)
VEC_3SAME(mul, a * b)
VEC_3SAME(mla, acc + a * b)
VEC_3SAME(mls, acc - a * b)
VEC_3SAME(pmul, pmul8(a, b))
VEC_3SAME(cmeq, a == b ? m1 : 0)
VEC_3SAME(cmgt, sa > sb ? m1 : 0)
VEC_3SAME(cmge, sa >= sb ? m1 : 0)
VEC_3SAME(cmhi, a > b ? m1 : 0)
VEC_3SAME(cmhs, a >= b ? m1 : 0)
VEC_3SAME(cmtst, (a & b) ? m1 : 0)
VEC_3SAME(umax, a > b ? a : b)
VEC_3SAME(umin, a < b ? a : b)
VEC_3SAME(smax, sa > sb ? a : b)
VEC_3SAME(smin, sa < sb ? a : b)
VEC_3SAME(uabd, UABD(a, b))
VEC_3SAME(sabd, SABD(sa, sb))
VEC_3SAME(uaba, acc + UABD(a, b))
VEC_3SAME(saba, acc + SABD(sa, sb))
VEC_3SAME(uqadd, sat_u((__int128)a + b, size, &qc))
VEC_3SAME(uqsub, sat_u((__int128)a - b, size, &qc))
VEC_3SAME(sqadd, sat_s((__int128)sa + sb, size, &qc))
VEC_3SAME(sqsub, sat_s((__int128)sa - sb, size, &qc))
VEC_3SAME(uhadd, (uint64_t)(((__int128)a + b) >> 1))
VEC_3SAME(shadd, (uint64_t)(((__int128)sa + sb) >> 1))
VEC_3SAME(urhadd, (uint64_t)(((__int128)a + b + 1) >> 1))
VEC_3SAME(srhadd, (uint64_t)(((__int128)sa + sb + 1) >> 1))
VEC_3SAME(uhsub, (uint64_t)(((__int128)a - b) >> 1))
VEC_3SAME(shsub, (uint64_t)(((__int128)sa - sb) >> 1))
VEC_3SAME(ushl, shl_reg(a, sa, b, size, false))
VEC_3SAME(sshl, shl_reg(a, sa, b, size, true))
VEC_3SAME(uqshl, shl_full(a, sa, b, size, false, false, true, &qc))
VEC_3SAME(sqshl, shl_full(a, sa, b, size, true, false, true, &qc))
VEC_3SAME(urshl, shl_full(a, sa, b, size, false, true, false, &qc))
VEC_3SAME(srshl, shl_full(a, sa, b, size, true, true, false, &qc))
VEC_3SAME(uqrshl, shl_full(a, sa, b, size, false, true, true, &qc))
VEC_3SAME(sqrshl, shl_full(a, sa, b, size, true, true, true, &qc))
/* SUQADD/USQADD accumulate n into d (the translator passes m = 0). */
VEC_3SAME(suqadd, sat_s((__int128)vsx(acc, size) + a, size, &qc))
VEC_3SAME(usqadd, sat_u((__int128)acc + sa, size, &qc))
VEC_3SAME(sqdmulh, sqdmulh(sa, sb, size, false, &qc))
VEC_3SAME(sqrdmulh, sqdmulh(sa, sb, size, true, &qc))
VEC_3SAME(and, a & b)
VEC_3SAME(bic, a & ~b)
VEC_3SAME(orr, a | b)
VEC_3SAME(orn, a | ~b)
VEC_3SAME(eor, a ^ b)
VEC_3SAME(bsl, (acc & a) | (~acc & b))
VEC_3SAME(bit, (acc & ~b) | (a & b))
VEC_3SAME(bif, (acc & b) | (a & ~b))

/* Pairwise: lane i of the result combines lanes 2i, 2i+1 of n:m. */
#define VEC_PAIR_BODY(T, ST, EXPR)                                           \
    {                                                                        \
        uint64_t a = cat[2 * i], b = cat[2 * i + 1];                         \
        int64_t sa = (ST)cat[2 * i], sb = (ST)cat[2 * i + 1];                \
        (void)sa; (void)sb; (void)a; (void)b;                                \
        pr[i] = (T)(EXPR);                                                   \
    }

#define VEC_PAIR_LOOP(T, ST, EXPR)                                           \
    do {                                                                     \
        T cat[32 / sizeof(T)], *pr = (T *)r.d;                               \
        if (ne == 16 / (int)sizeof(T)) {                                     \
            memcpy(cat, n.d, 16);                                            \
            memcpy(cat + 16 / sizeof(T), m.d, 16);                           \
            for (i = 0; i < 16 / (int)sizeof(T); i++)                        \
                VEC_PAIR_BODY(T, ST, EXPR)                                   \
        } else {                                                             \
            memcpy(cat, n.d, ne * sizeof(T));                                \
            memcpy(cat + ne, m.d, ne * sizeof(T));                           \
            for (i = 0; i < ne; i++)                                         \
                VEC_PAIR_BODY(T, ST, EXPR)                                   \
        }                                                                    \
    } while (0)

#define VEC_PAIR(name, EXPR)                                                 \
    void helper_v##name(CPUARMState *env, uint32_t desc)                     \
    {                                                                        \
        int i, ne = vlanes(desc);                                            \
        Vec n = vread(env, VDESC_N(desc)), m = vread(env, VDESC_M(desc));    \
        Vec r = { { 0, 0 } };                                                \
                                                                             \
        if (VDESC_SCALAR(desc)) {                                            \
            /* ADDP Dd, Vn.2D: the pair is Vn itself. */                     \
            m.d[0] = n.d[1];                                                 \
            ne = 1;                                                          \
        }                                                                    \
        switch (VDESC_SIZE(desc)) {                                          \
        case 0:                                                              \
            VEC_PAIR_LOOP(uint8_t, int8_t, EXPR);                            \
            break;                                                           \
        case 1:                                                              \
            VEC_PAIR_LOOP(uint16_t, int16_t, EXPR);                          \
            break;                                                           \
        case 2:                                                              \
            VEC_PAIR_LOOP(uint32_t, int32_t, EXPR);                          \
            break;                                                           \
        default:                                                             \
            VEC_PAIR_LOOP(uint64_t, int64_t, EXPR);                          \
            break;                                                           \
        }                                                                    \
        vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));                        \
    }

VEC_PAIR(addp, a + b)
VEC_PAIR(umaxp, a > b ? a : b)
VEC_PAIR(uminp, a < b ? a : b)
VEC_PAIR(smaxp, sa > sb ? a : b)
VEC_PAIR(sminp, sa < sb ? a : b)

/* ---- two-register misc ---- */

/*
 * Same-size unary ops; in EXPR: a, sa, size, bits, m1, qc.
 */
#define VEC_2MISC_BODY(T, ST, EXPR)                                          \
    {                                                                        \
        uint64_t a = pn[i];                                                  \
        int64_t sa = (ST)pn[i];                                              \
        (void)a; (void)sa; (void)bits; (void)m1; (void)size;                 \
        pr[i] = (T)(EXPR);                                                   \
    }

#define VEC_2MISC_LOOP(S, T, ST, EXPR)                                       \
    do {                                                                     \
        const int size = S, bits = 8 << S;                                   \
        const uint64_t m1 = (T)~0ull;                                        \
        const T *pn = (const T *)n.d;                                        \
        T *pr = (T *)r.d;                                                    \
        if (ne == 16 / (int)sizeof(T)) {                                     \
            for (i = 0; i < 16 / (int)sizeof(T); i++)                        \
                VEC_2MISC_BODY(T, ST, EXPR)                                  \
        } else {                                                             \
            for (i = 0; i < ne; i++)                                         \
                VEC_2MISC_BODY(T, ST, EXPR)                                  \
        }                                                                    \
    } while (0)

#define VEC_2MISC(name, EXPR)                                                \
    void helper_v##name(CPUARMState *env, uint32_t desc)                     \
    {                                                                        \
        int i, ne = vlanes(desc);                                            \
        Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };                 \
        bool qc = false;                                                     \
                                                                             \
        switch (VDESC_SIZE(desc)) {                                          \
        case 0:                                                              \
            VEC_2MISC_LOOP(0, uint8_t, int8_t, EXPR);                        \
            break;                                                           \
        case 1:                                                              \
            VEC_2MISC_LOOP(1, uint16_t, int16_t, EXPR);                      \
            break;                                                           \
        case 2:                                                              \
            VEC_2MISC_LOOP(2, uint32_t, int32_t, EXPR);                      \
            break;                                                           \
        default:                                                             \
            VEC_2MISC_LOOP(3, uint64_t, int64_t, EXPR);                      \
            break;                                                           \
        }                                                                    \
        if (qc) {                                                            \
            env->fpsr |= FPSR_QC;                                            \
        }                                                                    \
        vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));                        \
    }

static uint64_t rbit8(uint64_t a)
{
    uint64_t r = 0;
    int i;

    for (i = 0; i < 8; i++) {
        r |= (a >> i & 1) << (7 - i);
    }
    return r;
}

static uint64_t clz_lane(uint64_t a, int bits)
{
    return a ? (uint64_t)(__builtin_clzll(a) - (64 - bits)) : bits;
}

/* CLS: leading bits equal to the sign, not counting the sign itself. */
static uint64_t cls_lane(int64_t sa, int bits)
{
    uint64_t x = (uint64_t)(sa ^ (sa >> 63));

    return clz_lane(x, 64) - (64 - bits) - 1;
}

VEC_2MISC(cnt, (uint64_t)__builtin_popcountll(a))
VEC_2MISC(not, ~a)
VEC_2MISC(rbit, rbit8(a))
VEC_2MISC(abs, sa < 0 ? -(uint64_t)sa : a)
VEC_2MISC(neg, -a)
VEC_2MISC(clz, clz_lane(a, bits))
VEC_2MISC(cls, cls_lane(sa, bits))
VEC_2MISC(cmeq0, a == 0 ? m1 : 0)
VEC_2MISC(cmgt0, sa > 0 ? m1 : 0)
VEC_2MISC(cmge0, sa >= 0 ? m1 : 0)
VEC_2MISC(cmle0, sa <= 0 ? m1 : 0)
VEC_2MISC(cmlt0, sa < 0 ? m1 : 0)
VEC_2MISC(sqabs, sat_s(sa < 0 ? -(__int128)sa : sa, size, &qc))
VEC_2MISC(sqneg, sat_s(-(__int128)sa, size, &qc))

/* REV16/32/64: reverse the lanes of size s inside each container. */
static void vrev(CPUARMState *env, uint32_t desc, int container)
{
    int size = VDESC_SIZE(desc), i;
    int per = container >> size;        /* lanes per container */
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };

    for (i = 0; i < velems(size, VDESC_Q(desc)); i++) {
        int base = i - i % per;

        vset(&r, base + per - 1 - i % per, size, vget(&n, i, size));
    }
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

void helper_vrev16(CPUARMState *env, uint32_t desc)
{
    vrev(env, desc, 2);
}

void helper_vrev32(CPUARMState *env, uint32_t desc)
{
    vrev(env, desc, 4);
}

void helper_vrev64(CPUARMState *env, uint32_t desc)
{
    vrev(env, desc, 8);
}

/*
 * Narrowing (XTN and friends): lanes of size s+1 of n become lanes of
 * size s, written to the low half (Q=0, the high half cleared) or the
 * high half (the "2" forms, Q=1, low half kept). Scalar forms: one lane.
 */
static void vnarrow(CPUARMState *env, uint32_t desc, int kind)
{
    int size = VDESC_SIZE(desc), i, half = 8 >> size;
    int ne = VDESC_SCALAR(desc) ? 1 : half;
    bool q = VDESC_Q(desc), qc = false;
    Vec n = vread(env, VDESC_N(desc)), d = vread(env, VDESC_D(desc));
    Vec r = { { q ? d.d[0] : 0, 0 } };

    if (VDESC_SCALAR(desc)) {
        r.d[0] = 0;
        q = false;
    }
    for (i = 0; i < ne; i++) {
        uint64_t a = vget(&n, i, size + 1);
        int64_t sa = vsx(a, size + 1);
        uint64_t x;

        switch (kind) {
        case 0:
            x = a;
            break;
        case 1:
            x = sat_s(sa, size, &qc);
            break;
        case 2:
            x = sat_u(a, size, &qc);
            break;
        default:
            x = sat_u(sa, size, &qc);
            break;
        }
        vset(&r, (q ? half : 0) + i, size, x);
    }
    if (qc) {
        env->fpsr |= FPSR_QC;
    }
    vwrite(env, VDESC_D(desc), r, true);
}

void helper_vxtn(CPUARMState *env, uint32_t desc)
{
    vnarrow(env, desc, 0);
}

void helper_vsqxtn(CPUARMState *env, uint32_t desc)
{
    vnarrow(env, desc, 1);
}

void helper_vuqxtn(CPUARMState *env, uint32_t desc)
{
    vnarrow(env, desc, 2);
}

void helper_vsqxtun(CPUARMState *env, uint32_t desc)
{
    vnarrow(env, desc, 3);
}

/* UADDLP/SADDLP/UADALP/SADALP: pairs of lanes of size s, summed wide. */
static void vaddlp(CPUARMState *env, uint32_t desc, bool sgn, bool acc)
{
    int size = VDESC_SIZE(desc), i;
    Vec n = vread(env, VDESC_N(desc)), d = vread(env, VDESC_D(desc));
    Vec r = { { 0, 0 } };

    for (i = 0; i < velems(size + 1, VDESC_Q(desc)); i++) {
        uint64_t a = vget(&n, 2 * i, size), b = vget(&n, 2 * i + 1, size);
        uint64_t s = sgn ? (uint64_t)(vsx(a, size) + vsx(b, size)) : a + b;

        vset(&r, i, size + 1, s + (acc ? vget(&d, i, size + 1) : 0));
    }
    vwrite(env, VDESC_D(desc), r, VDESC_Q(desc));
}

void helper_vuaddlp(CPUARMState *env, uint32_t desc)
{
    vaddlp(env, desc, false, false);
}

void helper_vsaddlp(CPUARMState *env, uint32_t desc)
{
    vaddlp(env, desc, true, false);
}

void helper_vuadalp(CPUARMState *env, uint32_t desc)
{
    vaddlp(env, desc, false, true);
}

void helper_vsadalp(CPUARMState *env, uint32_t desc)
{
    vaddlp(env, desc, true, true);
}

/* SHLL/SHLL2: widen the low or high half, shifted left by the lane size. */
void helper_vshll(CPUARMState *env, uint32_t desc)
{
    int size = VDESC_SIZE(desc), i, half = 8 >> size;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };

    for (i = 0; i < half; i++) {
        uint64_t a = vget(&n, (VDESC_Q(desc) ? half : 0) + i, size);

        vset(&r, i, size + 1, a << (8 << size));
    }
    vwrite(env, VDESC_D(desc), r, true);
}

/* ---- across lanes: the result is a scalar in lane 0 ---- */

static void vacross(CPUARMState *env, uint32_t desc, int kind)
{
    int size = VDESC_SIZE(desc), i;
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };
    uint64_t acc = vget(&n, 0, size);
    int64_t sacc = vsx(acc, size);
    int rsize = size;

    for (i = 1; i < velems(size, VDESC_Q(desc)); i++) {
        uint64_t a = vget(&n, i, size);
        int64_t sa = vsx(a, size);

        switch (kind) {
        case 0:                 /* ADDV */
        case 5:                 /* UADDLV */
            acc += a;
            break;
        case 1:
            acc = a > acc ? a : acc;
            break;
        case 2:
            acc = a < acc ? a : acc;
            break;
        case 3:
            sacc = sa > sacc ? sa : sacc;
            break;
        case 4:
            sacc = sa < sacc ? sa : sacc;
            break;
        default:                /* SADDLV */
            sacc += sa;
            break;
        }
    }
    if (kind >= 5) {
        rsize = size + 1;
    }
    vset(&r, 0, rsize, (kind == 3 || kind == 4 || kind == 6)
                       ? (uint64_t)sacc & vmask(rsize) : acc & vmask(rsize));
    vwrite(env, VDESC_D(desc), r, false);
}

void helper_vaddv(CPUARMState *env, uint32_t desc)
{
    vacross(env, desc, 0);
}

void helper_vumaxv(CPUARMState *env, uint32_t desc)
{
    vacross(env, desc, 1);
}

void helper_vuminv(CPUARMState *env, uint32_t desc)
{
    vacross(env, desc, 2);
}

void helper_vsmaxv(CPUARMState *env, uint32_t desc)
{
    vacross(env, desc, 3);
}

void helper_vsminv(CPUARMState *env, uint32_t desc)
{
    vacross(env, desc, 4);
}

void helper_vuaddlv(CPUARMState *env, uint32_t desc)
{
    vacross(env, desc, 5);
}

void helper_vsaddlv(CPUARMState *env, uint32_t desc)
{
    vacross(env, desc, 6);
}
