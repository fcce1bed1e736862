/* SPDX-License-Identifier: MIT */
/*
 * A64 scalar floating point on top of vemu's soft-float: FPCR rounding,
 * FZ and DN, FPSR cumulative flags, and the ARM ARM's NaN rules where
 * they differ from the library's (fused multiply-add, min/max, FRINT).
 */
#include <string.h>

#include "fpu/softfloat-parts.h"
#include "target/arm/helper-fpsimd.h"

static const FloatFormat float16_format = { 10, 5, 15 };

/* ---- format parameters of S, D and H ---- */

static inline int ft_frac_bits(int ft)
{
    return ft == FT_D ? 52 : ft == FT_S ? 23 : 10;
}

static inline int ft_exp_bits(int ft)
{
    return ft == FT_D ? 11 : ft == FT_S ? 8 : 5;
}

static inline uint64_t ft_sign(int ft)
{
    return 1ull << (ft_frac_bits(ft) + ft_exp_bits(ft));
}

static inline uint64_t ft_exp_mask(int ft)
{
    return ((1ull << ft_exp_bits(ft)) - 1) << ft_frac_bits(ft);
}

static inline uint64_t ft_frac_mask(int ft)
{
    return (1ull << ft_frac_bits(ft)) - 1;
}

static inline bool ft_is_nan(int ft, uint64_t a)
{
    return (a & ft_exp_mask(ft)) == ft_exp_mask(ft) && (a & ft_frac_mask(ft));
}

static inline bool ft_is_snan(int ft, uint64_t a)
{
    return ft_is_nan(ft, a) && !(a >> (ft_frac_bits(ft) - 1) & 1);
}

static inline bool ft_is_zero(int ft, uint64_t a)
{
    return (a & ~ft_sign(ft)) == 0;
}

static inline bool ft_is_inf(int ft, uint64_t a)
{
    return (a & ~ft_sign(ft)) == ft_exp_mask(ft);
}

static inline bool ft_is_denormal(int ft, uint64_t a)
{
    return (a & ft_exp_mask(ft)) == 0 && (a & ft_frac_mask(ft));
}

static inline uint64_t ft_default_nan(int ft)
{
    return ft_exp_mask(ft) | 1ull << (ft_frac_bits(ft) - 1);
}

static inline uint64_t ft_mask(int ft)
{
    return ft == FT_D ? ~0ull : (ft_sign(ft) << 1) - 1;
}

static const FloatFormat *ft_format(int ft)
{
    return ft == FT_D ? &float64_format
         : ft == FT_S ? &float32_format : &float16_format;
}

/* ---- status ---- */

void arm_fpst_init(CPUARMState *env, ArmFpst *f)
{
    static const uint8_t rmode[4] = {
        FLOAT_ROUND_NEAREST_EVEN, FLOAT_ROUND_UP, FLOAT_ROUND_DOWN,
        FLOAT_ROUND_TO_ZERO,
    };

    memset(f, 0, sizeof(*f));
    f->s.rounding_mode = rmode[(env->fpcr >> FPCR_RMODE_SHIFT) & 3];
    f->s.tininess_before_rounding = true;
    f->s.default_nan_mode = (env->fpcr & FPCR_DN) != 0;
    f->fz = (env->fpcr & FPCR_FZ) != 0;
    f->fast = !(env->fpcr & FPCR_RMODE_MASK) && (env->fpsr & FPSR_IXC);
}

void arm_fpst_done(CPUARMState *env, ArmFpst *f)
{
    uint32_t r = f->fpsr;
    int fl = f->s.flags;

    r |= fl & FLOAT_FLAG_INVALID ? FPSR_IOC : 0;
    r |= fl & FLOAT_FLAG_DIVBYZERO ? FPSR_DZC : 0;
    r |= fl & FLOAT_FLAG_OVERFLOW ? FPSR_OFC : 0;
    r |= fl & FLOAT_FLAG_UNDERFLOW ? FPSR_UFC : 0;
    r |= fl & FLOAT_FLAG_INEXACT ? FPSR_IXC : 0;
    env->fpsr |= r;
}

/* FZ: a denormal input counts as a zero of its sign (and sets IDC). */
static uint64_t flush_in(ArmFpst *f, int ft, uint64_t a)
{
    if (f->fz && ft != FT_H && ft_is_denormal(ft, a)) {
        f->fpsr |= FPSR_IDC;
        return a & ft_sign(ft);
    }
    return a;
}

/*
 * FZ: a denormal result becomes a zero and signals underflow, not
 * inexact. `before` are the flags the operation found.
 */
static uint64_t flush_out(ArmFpst *f, int ft, uint64_t r, int before)
{
    /* Tiny before rounding: a denormal, or a zero/min normal result. */
    bool uf = (f->s.flags & ~before) & FLOAT_FLAG_UNDERFLOW;

    if (f->fz && ft != FT_H && (uf || ft_is_denormal(ft, r))) {
        f->s.flags = before | FLOAT_FLAG_UNDERFLOW;
        return r & ft_sign(ft);
    }
    return r;
}

/*
 * FPProcessNaNs: the first signalling NaN (quieted, raising invalid),
 * else the first quiet NaN, else nothing (returns false).
 */
static bool process_nans(ArmFpst *f, int ft, int n, const uint64_t *ops,
                         uint64_t *res)
{
    int i;

    for (i = 0; i < n; i++) {
        if (ft_is_snan(ft, ops[i])) {
            float_raise(&f->s, FLOAT_FLAG_INVALID);
            *res = f->s.default_nan_mode
                   ? ft_default_nan(ft)
                   : ops[i] | 1ull << (ft_frac_bits(ft) - 1);
            return true;
        }
    }
    for (i = 0; i < n; i++) {
        if (ft_is_nan(ft, ops[i])) {
            *res = f->s.default_nan_mode ? ft_default_nan(ft) : ops[i];
            return true;
        }
    }
    return false;
}

/* ---- min / max ---- */

static uint64_t fp_minmax(ArmFpst *f, int ft, uint64_t a, uint64_t b,
                          bool is_max, bool num)
{
    uint64_t ops[2] = { a, b };
    uint64_t r;
    FloatRelation rel;

    if (num) {
        /* FMINNM: a quiet NaN loses against a number. */
        bool qa = ft_is_nan(ft, a) && !ft_is_snan(ft, a);
        bool qb = ft_is_nan(ft, b) && !ft_is_snan(ft, b);

        if (qa && !ft_is_nan(ft, b)) {
            return b;
        }
        if (qb && !ft_is_nan(ft, a)) {
            return a;
        }
    }
    if (process_nans(f, ft, 2, ops, &r)) {
        return r;
    }
    if (ft_is_zero(ft, a) && ft_is_zero(ft, b)) {
        return is_max ? (a & b) : (a | b);
    }
    rel = ft == FT_D ? float64_compare(a, b, false, &f->s)
                     : float32_compare((float32)a, (float32)b, false, &f->s);
    if (rel == FLOAT_RELATION_GREATER) {
        return is_max ? a : b;
    }
    return is_max ? b : a;
}

/* ---- round to integral ---- */

static uint64_t fp_rint(ArmFpst *f, int ft, uint64_t a, int rm, bool exact)
{
    int fb = ft_frac_bits(ft);
    int bias = (1 << (ft_exp_bits(ft) - 1)) - 1;
    uint64_t sign = a & ft_sign(ft);
    int e = (int)((a & ft_exp_mask(ft)) >> fb);
    uint64_t r, frac, mask, half;
    bool up;
    int nb;

    if (ft_is_nan(ft, a)) {
        process_nans(f, ft, 1, &a, &r);
        return r;
    }
    if (ft_is_inf(ft, a) || ft_is_zero(ft, a) || e >= bias + fb) {
        return a;
    }
    if (e < bias) {
        /* |a| < 1: the result is 0 or 1 of a's sign. */
        switch (rm) {
        case FLOAT_ROUND_NEAREST_EVEN:
            up = e == bias - 1 && (a & ft_frac_mask(ft));
            break;
        case FLOAT_ROUND_TIES_AWAY:
            up = e == bias - 1;
            break;
        case FLOAT_ROUND_UP:
            up = !sign;
            break;
        case FLOAT_ROUND_DOWN:
            up = sign != 0;
            break;
        default:
            up = false;
            break;
        }
        r = sign | (up ? (uint64_t)bias << fb : 0);
    } else {
        nb = bias + fb - e;             /* fraction bits below the point */
        mask = (1ull << nb) - 1;
        frac = a & mask;
        if (!frac) {
            return a;
        }
        half = 1ull << (nb - 1);
        r = a & ~mask;
        switch (rm) {
        case FLOAT_ROUND_NEAREST_EVEN:
            up = frac > half || (frac == half && (r >> nb & 1));
            break;
        case FLOAT_ROUND_TIES_AWAY:
            up = frac >= half;
            break;
        case FLOAT_ROUND_UP:
            up = !sign;
            break;
        case FLOAT_ROUND_DOWN:
            up = sign != 0;
            break;
        default:
            up = false;
            break;
        }
        if (up) {
            r += 1ull << nb;            /* may carry into the exponent */
        }
    }
    if (exact) {
        float_raise(&f->s, FLOAT_FLAG_INEXACT);
    }
    return r;
}

/* ---- conversions between formats ---- */

static uint64_t fp_convert(ArmFpst *f, int ft, int ft2, uint64_t a)
{
    FloatParts p;

    if (ft == ft2) {
        return a;
    }
    if (ft_is_nan(ft, a)) {
        uint64_t q;

        if (ft_is_snan(ft, a)) {
            float_raise(&f->s, FLOAT_FLAG_INVALID);
        }
        if (f->s.default_nan_mode) {
            return ft_default_nan(ft2);
        }
        /* Keep the sign and the top of the payload, quieted. */
        q = a & ft_frac_mask(ft);
        if (ft_frac_bits(ft2) > ft_frac_bits(ft)) {
            q <<= ft_frac_bits(ft2) - ft_frac_bits(ft);
        } else {
            q >>= ft_frac_bits(ft) - ft_frac_bits(ft2);
        }
        return (a & ft_sign(ft) ? ft_sign(ft2) : 0) | ft_exp_mask(ft2) | q |
               1ull << (ft_frac_bits(ft2) - 1);
    }
    p = parts_unpack(a, ft_format(ft));
    return parts_round_pack(p, ft_format(ft2), &f->s);
}

/* ---- estimates (FRECPE, FRSQRTE, FRECPX) ---- */

unsigned arm_recip_estimate(unsigned a)
{
    unsigned b;

    a = a * 2 + 1;
    b = (1u << 19) / a;
    return (b + 1) / 2;
}

unsigned arm_rsqrt_estimate(unsigned a)
{
    uint64_t b = 512;

    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28)) {
        b++;
    }
    return (unsigned)((b + 1) / 2);
}

/* The fraction of a left-aligned in 52 bits, and its biased exponent. */
static uint64_t ft_frac52(int ft, uint64_t a, int *exp)
{
    *exp = (int)((a & ft_exp_mask(ft)) >> ft_frac_bits(ft));
    return (a & ft_frac_mask(ft)) << (52 - ft_frac_bits(ft));
}

static uint64_t ft_pack52(int ft, uint64_t sign, int exp, uint64_t frac)
{
    return sign | (uint64_t)exp << ft_frac_bits(ft) |
           frac >> (52 - ft_frac_bits(ft));
}

static uint64_t fp_recpe(ArmFpst *f, int ft, uint64_t a)
{
    uint64_t sign = a & ft_sign(ft), frac, r;
    int exp, rexp, bias = ft == FT_D ? 1023 : 127;
    bool d = ft == FT_D;

    if (ft_is_nan(ft, a)) {
        process_nans(f, ft, 1, &a, &r);
        return r;
    }
    if (ft_is_inf(ft, a)) {
        return sign;
    }
    if (ft_is_zero(ft, a)) {
        float_raise(&f->s, FLOAT_FLAG_DIVBYZERO);
        return sign | ft_exp_mask(ft);
    }
    frac = ft_frac52(ft, a, &exp);
    /* |a| < 2^-(bias+1): the reciprocal overflows */
    if (exp == 0 && !(frac >> 50)) {
        int rm = f->s.rounding_mode;
        bool to_inf = rm == FLOAT_ROUND_NEAREST_EVEN ||
                      (rm == FLOAT_ROUND_UP && !sign) ||
                      (rm == FLOAT_ROUND_DOWN && sign);

        float_raise(&f->s, FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT);
        /* infinity, or the largest normal (exp_mask - 1) */
        return sign | (to_inf ? ft_exp_mask(ft) : ft_exp_mask(ft) - 1);
    }
    if (f->fz && exp >= 2 * bias - 1) {
        /* |a| >= 2^(bias-1) with FZ: the result would be denormal */
        f->fpsr |= FPSR_UFC;
        return sign;
    }
    if (exp == 0) {
        if (!(frac >> 51)) {
            exp = -1;
            frac = (frac << 2) & ((1ull << 52) - 1);
        } else {
            frac = (frac << 1) & ((1ull << 52) - 1);
        }
    }
    rexp = (d ? 2045 : 253) - exp;
    frac = (uint64_t)(arm_recip_estimate(256 | (unsigned)(frac >> 44)) & 0xff)
           << 44;
    if (rexp == 0) {
        frac = 1ull << 51 | frac >> 1;
    } else if (rexp == -1) {
        frac = 1ull << 50 | frac >> 2;
        rexp = 0;
    }
    return ft_pack52(ft, sign, rexp, frac);
}

static uint64_t fp_rsqrte(ArmFpst *f, int ft, uint64_t a)
{
    uint64_t frac, r;
    unsigned scaled;
    int exp, rexp;

    if (ft_is_nan(ft, a)) {
        process_nans(f, ft, 1, &a, &r);
        return r;
    }
    if (ft_is_zero(ft, a)) {
        float_raise(&f->s, FLOAT_FLAG_DIVBYZERO);
        return (a & ft_sign(ft)) | ft_exp_mask(ft);
    }
    if (a & ft_sign(ft)) {
        float_raise(&f->s, FLOAT_FLAG_INVALID);
        return ft_default_nan(ft);
    }
    if (ft_is_inf(ft, a)) {
        return 0;
    }
    frac = ft_frac52(ft, a, &exp);
    if (exp == 0) {
        while (!(frac >> 51)) {
            frac = (frac << 1) & ((1ull << 52) - 1);
            exp--;
        }
        frac = (frac << 1) & ((1ull << 52) - 1);
    }
    if (!(exp & 1)) {
        scaled = 256 | (unsigned)(frac >> 44);
    } else {
        scaled = 128 | (unsigned)(frac >> 45);
    }
    rexp = ((ft == FT_D ? 3068 : 380) - exp) / 2;
    frac = (uint64_t)(arm_rsqrt_estimate(scaled) & 0xff) << 44;
    return ft_pack52(ft, 0, rexp, frac);
}

/* FRECPX: the exponent inverted, the fraction cleared. */
static uint64_t fp_recpx(ArmFpst *f, int ft, uint64_t a)
{
    uint64_t sign = a & ft_sign(ft), r;
    int fb = ft_frac_bits(ft), emax = (int)(ft_exp_mask(ft) >> fb);
    int exp = (int)((a & ft_exp_mask(ft)) >> fb);

    if (ft_is_nan(ft, a)) {
        process_nans(f, ft, 1, &a, &r);
        return r;
    }
    if (exp == 0) {
        return sign | (uint64_t)(emax - 1) << fb;
    }
    return sign | (uint64_t)(~exp & emax) << fb;
}

/* ---- vector compares and Newton-Raphson steps ---- */

/* FCMEQ/FCMGE/FCMGT/FACGE/FACGT: all ones when true. */
static uint64_t fp_cmp_mask(ArmFpst *f, int op, int ft, uint64_t a,
                            uint64_t b)
{
    FloatRelation rel;
    bool t;

    if (op == FPOP_ACGE || op == FPOP_ACGT) {
        a &= ~ft_sign(ft);
        b &= ~ft_sign(ft);
    }
    rel = ft == FT_D ? float64_compare(a, b, op != FPOP_CMEQ, &f->s)
                     : float32_compare(a, b, op != FPOP_CMEQ, &f->s);
    switch (op) {
    case FPOP_CMEQ:
        t = rel == FLOAT_RELATION_EQUAL;
        break;
    case FPOP_CMGE:
    case FPOP_ACGE:
        t = rel == FLOAT_RELATION_EQUAL || rel == FLOAT_RELATION_GREATER;
        break;
    default:
        t = rel == FLOAT_RELATION_GREATER;
        break;
    }
    return t ? ft_mask(ft) : 0;
}

/* a halved exactly when it is a normal above the smallest exponent. */
static bool fp_halve(int ft, uint64_t *a)
{
    uint64_t e = (*a & ft_exp_mask(ft)) >> ft_frac_bits(ft);

    if (e >= 2 && e < ft_exp_mask(ft) >> ft_frac_bits(ft)) {
        *a -= 1ull << ft_frac_bits(ft);
        return true;
    }
    return false;
}

/*
 * FRECPS: 2 - a*b; FRSQRTS: (3 - a*b) / 2; fused, one rounding, and
 * inf * 0 gives 2.0 / 1.5 rather than invalid.
 */
static uint64_t fp_step(ArmFpst *f, bool rsqrt, int ft, uint64_t a,
                        uint64_t b)
{
    uint64_t ops[2], r, c;
    bool d = ft == FT_D;

    a = flush_in(f, ft, a) ^ ft_sign(ft);
    b = flush_in(f, ft, b);
    ops[0] = a;
    ops[1] = b;
    if (process_nans(f, ft, 2, ops, &r)) {
        return r;
    }
    if ((ft_is_inf(ft, a) && ft_is_zero(ft, b)) ||
        (ft_is_zero(ft, a) && ft_is_inf(ft, b))) {
        return rsqrt ? (d ? 0x3ff8000000000000ull : 0x3fc00000)
                     : (d ? 0x4000000000000000ull : 0x40000000);
    }
    if (!rsqrt) {
        return arm_fp_muladd(f, ft, a, b, d ? 0x4000000000000000ull
                                            : 0x40000000);
    }
    /* (a/2)*b + 1.5 is exact scaling when a or b halves exactly */
    c = d ? 0x3ff8000000000000ull : 0x3fc00000;
    if (fp_halve(ft, &a) || fp_halve(ft, &b)) {
        return arm_fp_muladd(f, ft, a, b, c);
    }
    r = arm_fp_muladd(f, ft, a, b, d ? 0x4008000000000000ull : 0x40400000);
    if (!fp_halve(ft, &r) && !ft_is_inf(ft, r) && !ft_is_nan(ft, r)) {
        r = arm_fp_bin(f, FPOP_MUL, ft, r,
                       d ? 0x3fe0000000000000ull : 0x3f000000);
    }
    return r;
}

/* ---- arithmetic ---- */

uint64_t arm_fp_bin(ArmFpst *f, int op, int ft, uint64_t a, uint64_t b)
{
    int before = f->s.flags;
    uint64_t r;
    bool d = ft == FT_D;

    if (f->fast && op <= FPOP_DIV && arm_fp_bin_fast(op, ft, a, b, &r)) {
        return r;
    }
    a = flush_in(f, ft, a);
    b = flush_in(f, ft, b);
    switch (op) {
    case FPOP_ADD:
        r = d ? float64_add(a, b, &f->s) : float32_add(a, b, &f->s);
        break;
    case FPOP_SUB:
        r = d ? float64_sub(a, b, &f->s) : float32_sub(a, b, &f->s);
        break;
    case FPOP_MUL:
    case FPOP_NMUL:
    case FPOP_MULX:
        if (op == FPOP_MULX && !ft_is_nan(ft, a) && !ft_is_nan(ft, b) &&
            ((ft_is_inf(ft, a) && ft_is_zero(ft, b)) ||
             (ft_is_zero(ft, a) && ft_is_inf(ft, b)))) {
            /* FMULX: inf * 0 is 2.0 with the product's sign. */
            r = ((a ^ b) & ft_sign(ft)) |
                (d ? 0x4000000000000000ull : 0x40000000ull);
            break;
        }
        r = d ? float64_mul(a, b, &f->s) : float32_mul(a, b, &f->s);
        if (op == FPOP_NMUL) {
            r ^= ft_sign(ft);
        }
        break;
    case FPOP_DIV:
        r = d ? float64_div(a, b, &f->s) : float32_div(a, b, &f->s);
        break;
    case FPOP_ABD:
        r = d ? float64_sub(a, b, &f->s) : float32_sub(a, b, &f->s);
        r &= ~ft_sign(ft);          /* FPAbs: NaNs too */
        break;
    case FPOP_MAX:
    case FPOP_MIN:
    case FPOP_MAXNM:
    case FPOP_MINNM:
        return fp_minmax(f, ft, a, b, op == FPOP_MAX || op == FPOP_MAXNM,
                         op == FPOP_MAXNM || op == FPOP_MINNM);
    case FPOP_CMEQ:
    case FPOP_CMGE:
    case FPOP_CMGT:
    case FPOP_ACGE:
    case FPOP_ACGT:
        return fp_cmp_mask(f, op, ft, a, b);
    case FPOP_RECPS:
    case FPOP_RSQRTS:
        return fp_step(f, op == FPOP_RSQRTS, ft, a, b);
    default:
        return 0;
    }
    return flush_out(f, ft, r, before);
}

uint64_t arm_fp_muladd(ArmFpst *f, int ft, uint64_t a, uint64_t b,
                       uint64_t c)
{
    int before = f->s.flags;
    uint64_t ops[3], r;

    if (f->fast && arm_fp_muladd_fast(ft, a, b, c, &r)) {
        return r;
    }
    a = flush_in(f, ft, a);
    b = flush_in(f, ft, b);
    c = flush_in(f, ft, c);
    /* A quiet NaN addend does not hide the invalid inf * 0. */
    if (ft_is_nan(ft, c) && !ft_is_snan(ft, c) &&
        ((ft_is_inf(ft, a) && ft_is_zero(ft, b)) ||
         (ft_is_zero(ft, a) && ft_is_inf(ft, b)))) {
        float_raise(&f->s, FLOAT_FLAG_INVALID);
        return ft_default_nan(ft);
    }
    ops[0] = c;
    ops[1] = a;
    ops[2] = b;
    if (process_nans(f, ft, 3, ops, &r)) {
        return r;
    }
    r = ft == FT_D ? float64_muladd(a, b, c, 0, &f->s)
                   : float32_muladd(a, b, c, 0, &f->s);
    return flush_out(f, ft, r, before);
}

uint64_t arm_fp_un(ArmFpst *f, int op, int ft, int ft2, uint64_t a)
{
    static const uint8_t rint_mode[] = {
        [FPUN_RINTN] = FLOAT_ROUND_NEAREST_EVEN,
        [FPUN_RINTP] = FLOAT_ROUND_UP,
        [FPUN_RINTM] = FLOAT_ROUND_DOWN,
        [FPUN_RINTZ] = FLOAT_ROUND_TO_ZERO,
        [FPUN_RINTA] = FLOAT_ROUND_TIES_AWAY,
    };
    int before = f->s.flags;
    uint64_t r;

    a = flush_in(f, ft, a);
    switch (op) {
    case FPUN_SQRT:
        r = ft == FT_D ? float64_sqrt(a, &f->s) : float32_sqrt(a, &f->s);
        return flush_out(f, ft, r, before);
    case FPUN_CVT:
        r = fp_convert(f, ft, ft2, a);
        return flush_out(f, ft2, r, before);
    case FPUN_RINTX:
    case FPUN_RINTI:
        return fp_rint(f, ft, a, f->s.rounding_mode, op == FPUN_RINTX);
    case FPUN_RECPE:
        return fp_recpe(f, ft, a);
    case FPUN_RSQRTE:
        return fp_rsqrte(f, ft, a);
    case FPUN_RECPX:
        return fp_recpx(f, ft, a);
    case FPUN_RINTN:
    case FPUN_RINTP:
    case FPUN_RINTM:
    case FPUN_RINTZ:
    case FPUN_RINTA:
        return fp_rint(f, ft, a, rint_mode[op], false);
    default:
        return 0;
    }
}

/* a * 2^n, exactly (n >= 0), or infinity; no flags. */
static uint64_t fp_scale_up(int ft, uint64_t a, int n)
{
    FloatStatus tmp = { 0 };
    uint64_t p;

    if (n == 0) {
        return a;
    }
    if (ft == FT_D) {
        p = (uint64_t)(1023 + n) << 52;
        return float64_mul(a, p, &tmp);
    }
    p = (uint64_t)(127 + n) << 23;
    return float32_mul((float32)a, (float32)p, &tmp);
}

uint64_t arm_fp_toint(ArmFpst *f, int ft, int rm, bool uns, bool is64,
                      int fbits, uint64_t a)
{
    FloatRoundMode mode = rm == FPRM_FPCR ? f->s.rounding_mode : rm;

    a = flush_in(f, ft, a);
    if (ft_is_nan(ft, a)) {
        float_raise(&f->s, FLOAT_FLAG_INVALID);
        return 0;
    }
    if (ft == FT_H) {
        a = fp_convert(f, FT_H, FT_S, a);   /* exact */
        ft = FT_S;
    }
    a = fp_scale_up(ft, a, fbits);
    if (ft == FT_D) {
        if (is64) {
            return uns ? float64_to_uint64(a, mode, &f->s)
                       : (uint64_t)float64_to_int64(a, mode, &f->s);
        }
        return uns ? float64_to_uint32(a, mode, &f->s)
                   : (uint32_t)float64_to_int32(a, mode, &f->s);
    }
    if (is64) {
        return uns ? float32_to_uint64(a, mode, &f->s)
                   : (uint64_t)float32_to_int64(a, mode, &f->s);
    }
    return uns ? float32_to_uint32(a, mode, &f->s)
               : (uint32_t)float32_to_int32(a, mode, &f->s);
}

uint64_t arm_int_tofp(ArmFpst *f, int ft, bool uns, bool is64, int fbits,
                      uint64_t a)
{
    uint64_t r;
    int before = f->s.flags;

    if (!is64) {
        a = uns ? (uint32_t)a : (uint64_t)(int64_t)(int32_t)a;
    }
    if (ft == FT_D) {
        r = uns ? uint64_to_float64(a, &f->s)
                : int64_to_float64((int64_t)a, &f->s);
    } else {
        r = uns ? uint64_to_float32(a, &f->s)
                : int64_to_float32((int64_t)a, &f->s);
    }
    /* Scaling by 2^-fbits is exact: the result stays normal. */
    if (fbits && !ft_is_zero(ft, r)) {
        r -= (uint64_t)fbits << ft_frac_bits(ft);
    }
    if (ft == FT_H) {
        /* Half results go through the exact double (no FP16 insns). */
        FloatStatus tmp = f->s;
        uint64_t dd;

        tmp.flags = 0;
        dd = uns ? uint64_to_float64(a, &tmp) : int64_to_float64(a, &tmp);
        if (fbits && !ft_is_zero(FT_D, dd)) {
            dd -= (uint64_t)fbits << 52;
        }
        f->s.flags = before;
        r = fp_convert(f, FT_D, FT_H, dd);
    }
    return r;
}

/* ---- the helpers ---- */

uint64_t helper_fp_cmp(CPUARMState *env, uint64_t a, uint64_t b,
                       uint32_t desc)
{
    int ft = desc & 3;
    ArmFpst f;
    FloatRelation rel;
    uint64_t r;

    if (arm_fp_cmp_fast(ft, a, b, &r)) {
        return r;
    }
    arm_fpst_init(env, &f);
    a = flush_in(&f, ft, a);
    b = flush_in(&f, ft, b);
    if (ft == FT_H) {
        a = fp_convert(&f, FT_H, FT_S, a);
        b = fp_convert(&f, FT_H, FT_S, b);
        f.s.flags &= ~FLOAT_FLAG_INVALID;
    }
    rel = ft == FT_D ? float64_compare(a, b, desc & 4, &f.s)
                     : float32_compare(a, b, desc & 4, &f.s);
    switch (rel) {
    case FLOAT_RELATION_EQUAL:
        r = PSTATE_Z | PSTATE_C;
        break;
    case FLOAT_RELATION_LESS:
        r = PSTATE_N;
        break;
    case FLOAT_RELATION_GREATER:
        r = PSTATE_C;
        break;
    default:
        r = PSTATE_C | PSTATE_V;
        break;
    }
    arm_fpst_done(env, &f);
    return r;
}

uint64_t helper_fp_toint(CPUARMState *env, uint64_t a, uint32_t desc)
{
    ArmFpst f;
    uint64_t r;

    /* FCVTZS of a double in range: the host truncates exactly. */
    if ((desc & 0xff3f) == (FT_D | FLOAT_ROUND_TO_ZERO << 2)) {
        double x;

        memcpy(&x, &a, 8);
        if (x > -2147483649.0 && x < 2147483648.0 &&
            ((desc >> 6 & 1) || x == (double)(int32_t)x ||
             (env->fpsr & FPSR_IXC)) && arm_f64_normal_or_zero(a)) {
            int64_t i = (int64_t)x;

            if ((double)i != x) {
                env->fpsr |= FPSR_IXC;
            }
            return desc >> 6 & 1 ? (uint64_t)i : (uint32_t)i;
        }
    }

    arm_fpst_init(env, &f);
    r = arm_fp_toint(&f, desc & 3, (desc >> 2) & 7, desc >> 5 & 1,
                     desc >> 6 & 1, (desc >> 8) & 0x7f, a);
    arm_fpst_done(env, &f);
    return r;
}

uint64_t helper_int_tofp(CPUARMState *env, uint64_t a, uint32_t desc)
{
    ArmFpst f;
    uint64_t r;

    /* SCVTF Dd of an integer a double holds exactly: the host's. */
    if ((desc & 0xff23) == FT_D) {
        int64_t i = desc >> 6 & 1 ? (int64_t)a : (int64_t)(int32_t)a;

        if (i >= -(1ll << 53) && i <= (1ll << 53)) {
            double x = (double)i;

            memcpy(&r, &x, 8);
            return r;
        }
    }

    arm_fpst_init(env, &f);
    r = arm_int_tofp(&f, desc & 3, desc >> 5 & 1, desc >> 6 & 1,
                     (desc >> 8) & 0x7f, a);
    arm_fpst_done(env, &f);
    return r;
}
