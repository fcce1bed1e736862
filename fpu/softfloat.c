/* SPDX-License-Identifier: MIT */
/*
 * Soft-float core: unpack, round-and-pack, NaN selection, and the
 * arithmetic operations (add, sub, mul, div, sqrt, fused multiply-add).
 *
 * Every operation computes the exact result truncated to a 63-bit
 * significand plus a sticky bit (see FloatParts), then rounds exactly once
 * in parts_round_pack(). Intermediate products and sums use 128-bit
 * integers so that nothing is lost before that single rounding.
 */
#include "softfloat-parts.h"

typedef unsigned __int128 uint128;

const FloatFormat float32_format = { 23, 8, 127 };
const FloatFormat float64_format = { 52, 11, 1023 };

FloatParts parts_unpack(uint64_t bits, const FloatFormat *fmt)
{
    int f = fmt->frac_bits;
    int emax = (1 << fmt->exp_bits) - 1;
    uint64_t frac = bits & ((1ull << f) - 1);
    int e = (int)(bits >> f) & emax;
    FloatParts p = { 0 };

    p.sign = (bits >> (f + fmt->exp_bits)) & 1;
    if (e == emax) {
        if (frac == 0) {
            p.cls = FLOAT_CLASS_INF;
        } else {
            p.cls = (frac >> (f - 1)) & 1 ? FLOAT_CLASS_QNAN
                                          : FLOAT_CLASS_SNAN;
            p.sig = frac << (PARTS_MSB - f);
        }
    } else if (e == 0) {
        if (frac == 0) {
            p.cls = FLOAT_CLASS_ZERO;
        } else {
            /* Subnormal: normalise so that bit 62 is set. */
            int sh = __builtin_clzll(frac) - 1;

            p.cls = FLOAT_CLASS_NORMAL;
            p.sig = frac << sh;
            p.exp = 1 - fmt->bias - f - sh + PARTS_MSB;
        }
    } else {
        p.cls = FLOAT_CLASS_NORMAL;
        p.sig = (frac | (1ull << f)) << (PARTS_MSB - f);
        p.exp = e - fmt->bias;
    }
    return p;
}

FloatParts parts_default_nan(void)
{
    FloatParts p = { 0 };

    p.cls = FLOAT_CLASS_QNAN;
    p.sig = 1ull << (PARTS_MSB - 1);
    return p;
}

FloatParts parts_pick_nan(const FloatParts *a, const FloatParts *b,
                          const FloatParts *c, FloatStatus *s)
{
    const FloatParts *ops[3] = { a, b, c };
    const FloatParts *pick = NULL;
    FloatParts r;
    int i;

    for (i = 0; i < 3; i++) {
        if (ops[i] && ops[i]->cls == FLOAT_CLASS_SNAN) {
            float_raise(s, FLOAT_FLAG_INVALID);
            if (!pick) {
                pick = ops[i];
            }
        }
    }
    if (s->default_nan_mode) {
        return parts_default_nan();
    }
    for (i = 0; i < 3 && !pick; i++) {
        if (ops[i] && ops[i]->cls == FLOAT_CLASS_QNAN) {
            pick = ops[i];
        }
    }
    if (!pick) {
        return parts_default_nan();
    }
    r = *pick;
    r.cls = FLOAT_CLASS_QNAN;
    r.sig |= 1ull << (PARTS_MSB - 1);
    return r;
}

static FloatParts parts_invalid(FloatStatus *s)
{
    float_raise(s, FLOAT_FLAG_INVALID);
    return parts_default_nan();
}

/*
 * Increment to add below the kept bits before truncating: half an ulp for
 * the nearest modes, all ones (ceiling of the magnitude) when rounding
 * away from zero, nothing toward zero.
 */
static uint64_t round_increment(int rm, bool sign, uint64_t mask)
{
    switch (rm) {
    case FLOAT_ROUND_TO_ZERO:
        return 0;
    case FLOAT_ROUND_DOWN:
        return sign ? mask : 0;
    case FLOAT_ROUND_UP:
        return sign ? 0 : mask;
    default:
        return (mask >> 1) + 1;
    }
}

uint64_t parts_round_pack(FloatParts p, const FloatFormat *fmt,
                          FloatStatus *s)
{
    int f = fmt->frac_bits;
    uint64_t emax = (1u << fmt->exp_bits) - 1;
    uint64_t sign_bit = (uint64_t)p.sign << (f + fmt->exp_bits);
    int shift = PARTS_MSB - f;
    uint64_t mask = (1ull << shift) - 1;
    uint64_t half = 1ull << (shift - 1);
    int rm = s->rounding_mode;
    uint64_t inc, sig, rem, frac, bits;
    int e;

    switch (p.cls) {
    case FLOAT_CLASS_ZERO:
        return sign_bit;
    case FLOAT_CLASS_INF:
        return sign_bit | (emax << f);
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        return sign_bit | (emax << f) | (p.sig >> shift) | (1ull << (f - 1));
    default:
        break;
    }

    inc = round_increment(rm, p.sign, mask);
    sig = p.sig;
    e = p.exp + fmt->bias;
    if (e >= (int)emax) {
        goto overflow;
    }
    if (e <= 0) {
        /*
         * Tiny after rounding: the value rounded to the full precision
         * with an unbounded exponent stays below the smallest normal,
         * i.e. rounding does not carry into bit 63.
         */
        bool tiny = s->tininess_before_rounding || e < 0 ||
                    sig + inc < (1ull << 63);

        sig = shr_jam64(sig, 1 - e);
        rem = sig & mask;
        frac = (sig + inc) >> shift;
        if (rem == half && rm == FLOAT_ROUND_NEAREST_EVEN) {
            frac &= ~1ull;
        }
        if (rem) {
            s->flags |= FLOAT_FLAG_INEXACT | (tiny ? FLOAT_FLAG_UNDERFLOW : 0);
        }
        /* A carry into bit f makes it the smallest normal, as it should. */
        return sign_bit | frac;
    }

    rem = sig & mask;
    frac = (sig + inc) >> shift;
    if (rem == half && rm == FLOAT_ROUND_NEAREST_EVEN) {
        frac &= ~1ull;
    }
    /* frac includes the implicit bit, so adding it bumps the exponent. */
    bits = ((uint64_t)(e - 1) << f) + frac;
    if ((bits >> f) >= emax) {
        goto overflow;
    }
    if (rem) {
        s->flags |= FLOAT_FLAG_INEXACT;
    }
    return sign_bit | bits;

overflow:
    s->flags |= FLOAT_FLAG_OVERFLOW | FLOAT_FLAG_INEXACT;
    if (rm == FLOAT_ROUND_TO_ZERO || (rm == FLOAT_ROUND_DOWN && !p.sign) ||
        (rm == FLOAT_ROUND_UP && p.sign)) {
        return sign_bit | ((emax << f) - 1);
    }
    return sign_bit | (emax << f);
}

/* Keep the top 63 bits of a value whose MSB is at bit 125, jamming. */
static uint64_t compress128(uint128 x)
{
    return (uint64_t)(x >> 63) | ((x & (((uint128)1 << 63) - 1)) != 0);
}

/*
 * Exact sum of two nonzero finite values given as 128-bit significands
 * with the MSB at bit 125. Operands come from unpacked floats (or their
 * exact product), so their low bits are zero and the shift of the smaller
 * one loses nothing unless the exponents differ by at least 2, in which
 * case at most one bit cancels and the sticky bit suffices.
 */
static FloatParts parts_add128(bool sa, int ea, uint128 ma,
                               bool sb, int eb, uint128 mb, FloatStatus *s)
{
    FloatParts r = { 0 };

    if (ea < eb || (ea == eb && ma < mb)) {
        bool ts = sa;
        int te = ea;
        uint128 tm = ma;

        sa = sb;
        ea = eb;
        ma = mb;
        sb = ts;
        eb = te;
        mb = tm;
    }
    mb = shr_jam128(mb, (unsigned)(ea - eb));
    r.cls = FLOAT_CLASS_NORMAL;
    r.sign = sa;
    r.exp = ea;
    if (sa == sb) {
        ma += mb;
        if (ma >> 126) {
            ma = shr_jam128(ma, 1);
            r.exp++;
        }
    } else {
        int sh;

        ma -= mb;
        if (ma == 0) {
            /* Exact cancellation: +0, or -0 when rounding down. */
            r.cls = FLOAT_CLASS_ZERO;
            r.sign = s->rounding_mode == FLOAT_ROUND_DOWN;
            return r;
        }
        sh = clz128(ma) - 2;
        ma <<= sh;
        r.exp -= sh;
    }
    r.sig = compress128(ma);
    return r;
}

static FloatParts parts_addsub(FloatParts a, FloatParts b, bool subtract,
                               FloatStatus *s)
{
    if (parts_is_nan(&a) || parts_is_nan(&b)) {
        return parts_pick_nan(&a, &b, NULL, s);
    }
    b.sign ^= subtract;
    if (a.cls == FLOAT_CLASS_INF) {
        if (b.cls == FLOAT_CLASS_INF && a.sign != b.sign) {
            return parts_invalid(s);
        }
        return a;
    }
    if (b.cls == FLOAT_CLASS_INF) {
        return b;
    }
    if (a.cls == FLOAT_CLASS_ZERO) {
        if (b.cls == FLOAT_CLASS_ZERO && a.sign != b.sign) {
            a.sign = s->rounding_mode == FLOAT_ROUND_DOWN;
            return a;
        }
        return b.cls == FLOAT_CLASS_ZERO ? a : b;
    }
    if (b.cls == FLOAT_CLASS_ZERO) {
        return a;
    }
    return parts_add128(a.sign, a.exp, (uint128)a.sig << 63,
                        b.sign, b.exp, (uint128)b.sig << 63, s);
}

/* Exact product of two normal-class values: MSB at bit 125. */
static uint128 parts_mul128(const FloatParts *a, const FloatParts *b,
                            int *exp)
{
    uint128 p = (uint128)a->sig * b->sig;

    if (p >> 125) {
        *exp = a->exp + b->exp + 1;
    } else {
        p <<= 1;
        *exp = a->exp + b->exp;
    }
    return p;
}

static FloatParts parts_mul(FloatParts a, FloatParts b, FloatStatus *s)
{
    FloatParts r = { 0 };

    if (parts_is_nan(&a) || parts_is_nan(&b)) {
        return parts_pick_nan(&a, &b, NULL, s);
    }
    r.sign = a.sign ^ b.sign;
    if ((a.cls == FLOAT_CLASS_INF && b.cls == FLOAT_CLASS_ZERO) ||
        (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_INF)) {
        return parts_invalid(s);
    }
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_INF) {
        r.cls = FLOAT_CLASS_INF;
        return r;
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_ZERO) {
        r.cls = FLOAT_CLASS_ZERO;
        return r;
    }
    r.cls = FLOAT_CLASS_NORMAL;
    r.sig = compress128(parts_mul128(&a, &b, &r.exp));
    return r;
}

/* 128-by-64 division whose quotient is known to fit in 64 bits. */
static uint64_t div128by64(uint128 n, uint64_t d, uint64_t *rem)
{
#if defined(__x86_64__)
    uint64_t q, r;

    __asm__("divq %4"
            : "=a"(q), "=d"(r)
            : "a"((uint64_t)n), "d"((uint64_t)(n >> 64)), "rm"(d));
    *rem = r;
    return q;
#else
    *rem = (uint64_t)(n % d);
    return (uint64_t)(n / d);
#endif
}

static FloatParts parts_div(FloatParts a, FloatParts b, FloatStatus *s)
{
    FloatParts r = { 0 };
    uint128 n;
    uint64_t q, rem;

    if (parts_is_nan(&a) || parts_is_nan(&b)) {
        return parts_pick_nan(&a, &b, NULL, s);
    }
    r.sign = a.sign ^ b.sign;
    if (a.cls == b.cls &&
        (a.cls == FLOAT_CLASS_INF || a.cls == FLOAT_CLASS_ZERO)) {
        return parts_invalid(s);
    }
    if (a.cls == FLOAT_CLASS_INF) {
        r.cls = FLOAT_CLASS_INF;
        return r;
    }
    if (b.cls == FLOAT_CLASS_INF || a.cls == FLOAT_CLASS_ZERO) {
        r.cls = FLOAT_CLASS_ZERO;
        return r;
    }
    if (b.cls == FLOAT_CLASS_ZERO) {
        float_raise(s, FLOAT_FLAG_DIVBYZERO);
        r.cls = FLOAT_CLASS_INF;
        return r;
    }
    /* Scale so that the quotient has its MSB at bit 62. */
    r.exp = a.exp - b.exp;
    if (a.sig >= b.sig) {
        n = (uint128)a.sig << 62;
    } else {
        n = (uint128)a.sig << 63;
        r.exp--;
    }
    q = div128by64(n, b.sig, &rem);
    r.cls = FLOAT_CLASS_NORMAL;
    r.sig = q | (rem != 0);
    return r;
}

/* floor(sqrt(n)) for n in [2^124, 2^126). */
static uint64_t isqrt128(uint128 n)
{
    uint64_t r = (uint64_t)__builtin_sqrt((double)n);

    /* One Newton step from a 53-bit estimate is within one unit. */
    r = (uint64_t)(((uint128)r + n / r) >> 1);
    while ((uint128)r * r > n) {
        r--;
    }
    while ((uint128)(r + 1) * (r + 1) <= n) {
        r++;
    }
    return r;
}

static FloatParts parts_sqrt(FloatParts a, FloatStatus *s)
{
    uint128 n;
    uint64_t r;
    int sh;

    if (parts_is_nan(&a)) {
        return parts_pick_nan(&a, NULL, NULL, s);
    }
    if (a.cls == FLOAT_CLASS_ZERO) {
        return a;
    }
    if (a.sign) {
        return parts_invalid(s);
    }
    if (a.cls == FLOAT_CLASS_INF) {
        return a;
    }
    /* Make the exponent even; the root then has its MSB at bit 62. */
    sh = 62 + (a.exp & 1);
    n = (uint128)a.sig << sh;
    r = isqrt128(n);
    a.exp = PARTS_MSB + (a.exp - PARTS_MSB - sh) / 2;
    a.sig = r | ((uint128)r * r != n);
    return a;
}

static FloatParts parts_muladd(FloatParts a, FloatParts b, FloatParts c,
                               int negate, FloatStatus *s)
{
    bool inf_zero = (a.cls == FLOAT_CLASS_INF && b.cls == FLOAT_CLASS_ZERO) ||
                    (a.cls == FLOAT_CLASS_ZERO && b.cls == FLOAT_CLASS_INF);
    FloatParts r = { 0 };
    bool psign;
    uint128 p;
    int pexp;

    if (parts_is_nan(&a) || parts_is_nan(&b) || parts_is_nan(&c)) {
        /* inf * 0 is invalid even when the addend is a quiet NaN. */
        if (inf_zero) {
            float_raise(s, FLOAT_FLAG_INVALID);
        }
        return parts_pick_nan(&a, &b, &c, s);
    }
    if (inf_zero) {
        return parts_invalid(s);
    }
    psign = a.sign ^ b.sign ^ !!(negate & FLOAT_MULADD_NEGATE_PRODUCT);
    c.sign ^= !!(negate & FLOAT_MULADD_NEGATE_C);
    if (a.cls == FLOAT_CLASS_INF || b.cls == FLOAT_CLASS_INF) {
        if (c.cls == FLOAT_CLASS_INF && c.sign != psign) {
            return parts_invalid(s);
        }
        r.cls = FLOAT_CLASS_INF;
        r.sign = psign;
        return r;
    }
    if (c.cls == FLOAT_CLASS_INF) {
        return c;
    }
    if (a.cls == FLOAT_CLASS_ZERO || b.cls == FLOAT_CLASS_ZERO) {
        if (c.cls == FLOAT_CLASS_ZERO && c.sign != psign) {
            c.sign = s->rounding_mode == FLOAT_ROUND_DOWN;
        }
        return c;
    }
    p = parts_mul128(&a, &b, &pexp);
    if (c.cls == FLOAT_CLASS_ZERO) {
        r.cls = FLOAT_CLASS_NORMAL;
        r.sign = psign;
        r.exp = pexp;
        r.sig = compress128(p);
        return r;
    }
    return parts_add128(psign, pexp, p, c.sign, c.exp,
                        (uint128)c.sig << 63, s);
}

/* Thin per-format wrappers. */
#define F32(x) parts_unpack(x, &float32_format)
#define F64(x) parts_unpack(x, &float64_format)

float32 float32_add(float32 a, float32 b, FloatStatus *s)
{
    return parts_round_pack(parts_addsub(F32(a), F32(b), false, s),
                            &float32_format, s);
}

float32 float32_sub(float32 a, float32 b, FloatStatus *s)
{
    return parts_round_pack(parts_addsub(F32(a), F32(b), true, s),
                            &float32_format, s);
}

float32 float32_mul(float32 a, float32 b, FloatStatus *s)
{
    return parts_round_pack(parts_mul(F32(a), F32(b), s),
                            &float32_format, s);
}

float32 float32_div(float32 a, float32 b, FloatStatus *s)
{
    return parts_round_pack(parts_div(F32(a), F32(b), s),
                            &float32_format, s);
}

float32 float32_sqrt(float32 a, FloatStatus *s)
{
    return parts_round_pack(parts_sqrt(F32(a), s), &float32_format, s);
}

float32 float32_muladd(float32 a, float32 b, float32 c, int negate,
                       FloatStatus *s)
{
    return parts_round_pack(parts_muladd(F32(a), F32(b), F32(c), negate, s),
                            &float32_format, s);
}

float64 float64_add(float64 a, float64 b, FloatStatus *s)
{
    return parts_round_pack(parts_addsub(F64(a), F64(b), false, s),
                            &float64_format, s);
}

float64 float64_sub(float64 a, float64 b, FloatStatus *s)
{
    return parts_round_pack(parts_addsub(F64(a), F64(b), true, s),
                            &float64_format, s);
}

float64 float64_mul(float64 a, float64 b, FloatStatus *s)
{
    return parts_round_pack(parts_mul(F64(a), F64(b), s),
                            &float64_format, s);
}

float64 float64_div(float64 a, float64 b, FloatStatus *s)
{
    return parts_round_pack(parts_div(F64(a), F64(b), s),
                            &float64_format, s);
}

float64 float64_sqrt(float64 a, FloatStatus *s)
{
    return parts_round_pack(parts_sqrt(F64(a), s), &float64_format, s);
}

float64 float64_muladd(float64 a, float64 b, float64 c, int negate,
                       FloatStatus *s)
{
    return parts_round_pack(parts_muladd(F64(a), F64(b), F64(c), negate, s),
                            &float64_format, s);
}
