/* SPDX-License-Identifier: MIT */
/*
 * RISC-V F/D helpers: a host-FPU fast path where it is provably exact,
 * otherwise the soft-float library (fpu/).
 *
 * Fast path rule (arithmetic, fcvt.s.d): the effective rounding mode is
 * RNE, the operands are normal or zero, and the host result is a normal
 * number strictly above the smallest normal (or a zero that cannot come
 * from underflow). Then the exact operation can raise no flag but NX,
 * and the host's round-to-nearest result is the correctly rounded one.
 * NX itself: if fflags already has it, nothing to do (the common case);
 * otherwise an exact error term decides (TwoSum, a fused residual, or an
 * operand bit-width bound for fma), or soft-float when it cannot.
 * Conversions to integers use the host in every mode (exact remainder);
 * from integers, when exact or in RNE.
 *
 * Assumptions about the host, which vemu never changes: round-to-nearest,
 * no flush-to-zero or denormals-are-zero, no excess precision (checked
 * here with FLT_EVAL_METHOD).
 */
#include <float.h>
#include <string.h>

#include "target/riscv/fpu_helper.h"
#include "vemu/softfloat.h"

#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
#define FPU_HOST_FAST 1
#else
#define FPU_HOST_FAST 0
#endif

#define FPU_LIKELY(x) __builtin_expect(!!(x), 1)
#define FPU_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* Host fused multiply-add, only when the host has it in hardware. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__FMA__)
__attribute__((target("fma"))) static double host_fma(double a, double b,
                                                      double c)
{
    return __builtin_fma(a, b, c);
}

__attribute__((target("fma"))) static float host_fmaf(float a, float b,
                                                     float c)
{
    return __builtin_fmaf(a, b, c);
}

static inline bool host_has_fma(void)
{
    return __builtin_cpu_supports("fma");
}
#elif defined(__FMA__) || defined(__aarch64__)
static inline double host_fma(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}

static inline float host_fmaf(float a, float b, float c)
{
    return __builtin_fmaf(a, b, c);
}

static inline bool host_has_fma(void)
{
    return true;
}
#else
static inline double host_fma(double a, double b, double c)
{
    return 0;
}

static inline float host_fmaf(float a, float b, float c)
{
    return 0;
}

static inline bool host_has_fma(void)
{
    return false;
}
#endif

/* ---- register formats ---- */

#define F64_SIGN (1ull << 63)
#define F64_MIN_NORMAL 0x0010000000000000ull
#define F64_INF 0x7ff0000000000000ull
#define F32_SIGN (1u << 31)
#define F32_MIN_NORMAL 0x00800000u
#define F32_INF 0x7f800000u

static inline uint32_t unbox_s(uint64_t a)
{
    return (a >> 32) == 0xffffffffu ? (uint32_t)a : FLOAT32_DEFAULT_NAN;
}

static inline uint64_t box_s(uint32_t a)
{
    return 0xffffffff00000000ull | a;
}

static inline double to_double(uint64_t a)
{
    double d;

    memcpy(&d, &a, sizeof(d));
    return d;
}

static inline uint64_t from_double(double d)
{
    uint64_t a;

    memcpy(&a, &d, sizeof(a));
    return a;
}

static inline float to_float(uint32_t a)
{
    float f;

    memcpy(&f, &a, sizeof(f));
    return f;
}

static inline uint32_t from_float(float f)
{
    uint32_t a;

    memcpy(&a, &f, sizeof(a));
    return a;
}

/* Normal or zero: no subnormal, infinity or NaN. */
static inline bool f64_normal_or_zero(uint64_t a)
{
    uint64_t e = (a >> 52) & 0x7ff;

    return e - 1 < 0x7fe || (a << 1) == 0;
}

static inline bool f32_normal_or_zero(uint32_t a)
{
    uint32_t e = (a >> 23) & 0xff;

    return e - 1 < 0xfe || (a << 1) == 0;
}

/* Finite and strictly above the smallest normal: no OF/UF possible. */
static inline bool f64_result_safe(uint64_t r)
{
    uint64_t m = r & ~F64_SIGN;

    return m > F64_MIN_NORMAL && m < F64_INF;
}

static inline bool f32_result_safe(uint32_t r)
{
    uint32_t m = r & ~F32_SIGN;

    return m > F32_MIN_NORMAL && m < F32_INF;
}

static inline bool f64_is_zero(uint64_t a)
{
    return (a << 1) == 0;
}

static inline bool f32_is_zero(uint32_t a)
{
    return (a << 1) == 0;
}

/* Operation codes of the shared fast paths. */
enum { FPU_ADD, FPU_SUB, FPU_MUL, FPU_DIV, FPU_SQRT };

/* ---- rounding mode and status ---- */

static void __attribute__((noreturn, noinline))
fpu_raise_illegal(CPURISCVState *env, uintptr_t ra)
{
    env->parent.exception_index = RISCV_EXCP_ILLEGAL_INST;
    cpu_loop_exit_restore(&env->parent, ra);
}

/*
 * The effective rounding mode. ra must be GETPC() evaluated in the
 * helper itself, which is why every helper passes it down.
 */
static inline uint32_t fpu_rm(CPURISCVState *env, uint32_t rm, uintptr_t ra)
{
    if (rm == RISCV_FRM_DYN) {
        rm = env->frm;
    }
    if (FPU_UNLIKELY(rm > RISCV_FRM_RMM)) {
        fpu_raise_illegal(env, ra);
    }
    return rm;
}

/* The effective mode is RNE, the host's: host results may be used. */
static inline bool fpu_rne(CPURISCVState *env, uint32_t rm)
{
    uint32_t eff = rm == RISCV_FRM_DYN ? env->frm : rm;

    return FPU_HOST_FAST && eff == RISCV_FRM_RNE;
}

/*
 * Inexactness of a host result r, for when NX is still clear: 1 inexact,
 * 0 exact, -1 unknown (use soft-float). The error terms below are exact
 * in round-to-nearest: TwoSum for sums; for products, quotients and roots
 * the residual computed with one fused operation, which is representable
 * unless it underflows, hence the exponent guards (biased exponent 64 is
 * 2^-959; residuals then stay on the subnormal grid or above).
 */
static int fpu_inexact_d(int op, double x, double y, double r)
{
    uint64_t guard = 64ull << 52;
    double bp;

    switch (op) {
    case FPU_ADD:
    case FPU_SUB:
        /* Keep TwoSum's intermediates away from overflow. */
        if (__builtin_fabs(x) >= 0x1p1020 || __builtin_fabs(y) >= 0x1p1020) {
            return -1;
        }
        y = op == FPU_SUB ? -y : y;
        bp = r - x;
        return (x - (r - bp)) + (y - bp) != 0;
    case FPU_MUL:
        if (r == 0) {
            return 0;
        }
        if (!host_has_fma() || (from_double(r) & ~F64_SIGN) < guard) {
            return -1;
        }
        return host_fma(x, y, -r) != 0;
    case FPU_DIV:
        if (x == 0) {
            return 0;
        }
        if (!host_has_fma() || (from_double(x) & ~F64_SIGN) < guard) {
            return -1;
        }
        return host_fma(-r, y, x) != 0;
    default:    /* FPU_SQRT of x; y unused */
        if (x == 0) {
            return 0;
        }
        if (!host_has_fma() || from_double(x) < guard) {
            return -1;
        }
        return host_fma(-r, r, x) != 0;
    }
}

/* Singles: products of two floats are exact in double. */
static int fpu_inexact_s(int op, float x, float y, float r)
{
    float bp;

    switch (op) {
    case FPU_ADD:
    case FPU_SUB:
        if (__builtin_fabsf(x) >= 0x1p124f || __builtin_fabsf(y) >= 0x1p124f) {
            return -1;
        }
        y = op == FPU_SUB ? -y : y;
        bp = r - x;
        return (x - (r - bp)) + (y - bp) != 0;
    case FPU_MUL:
        return (double)x * (double)y != (double)r;
    case FPU_DIV:
        return (double)r * (double)y != (double)x;
    default:
        return (double)r * (double)r != (double)x;
    }
}

/* Finish a fast-path result: accrue NX if needed; false to fall back. */
static inline bool fpu_fast_finish(CPURISCVState *env, int inexact)
{
    if (inexact < 0) {
        return false;
    }
    env->fflags |= inexact ? FFLAG_NX : 0;
    return true;
}

/* rm is FloatRoundMode-compatible: the encodings match. */
static inline FloatStatus fpu_status(uint32_t rm)
{
    FloatStatus s = {
        .rounding_mode = (uint8_t)rm,
        .flags = 0,
        .tininess_before_rounding = false,
        .default_nan_mode = true,
    };
    return s;
}

static inline uint64_t fpu_done(CPURISCVState *env, const FloatStatus *s,
                                uint64_t r)
{
    env->fflags |= s->flags;
    return r;
}

/* ---- add, sub, mul, div ---- */


static inline __attribute__((always_inline)) uint64_t
fpu_binop_d(CPURISCVState *env, uint64_t a, uint64_t b, uint32_t rm,
            int op, uintptr_t ra)
{
    FloatStatus s;
    uint64_t r;

    if (FPU_LIKELY(fpu_rne(env, rm) && f64_normal_or_zero(a) &&
                   f64_normal_or_zero(b))) {
        double x = to_double(a), y = to_double(b), rd;
        bool zero_ok;

        switch (op) {
        case FPU_ADD:
            rd = x + y;
            zero_ok = true;     /* an exact cancellation */
            break;
        case FPU_SUB:
            rd = x - y;
            zero_ok = true;
            break;
        case FPU_MUL:
            rd = x * y;
            zero_ok = f64_is_zero(a) || f64_is_zero(b);
            break;
        default:
            if (f64_is_zero(b)) {
                goto slow;
            }
            rd = x / y;
            zero_ok = f64_is_zero(a);
            break;
        }
        r = from_double(rd);
        if (FPU_LIKELY(f64_result_safe(r)) || (zero_ok && f64_is_zero(r))) {
            if (FPU_LIKELY(env->fflags & FFLAG_NX) ||
                fpu_fast_finish(env, fpu_inexact_d(op, x, y, rd))) {
                return r;
            }
        }
    }
slow:
    s = fpu_status(fpu_rm(env, rm, ra));
    switch (op) {
    case FPU_ADD:
        r = float64_add(a, b, &s);
        break;
    case FPU_SUB:
        r = float64_sub(a, b, &s);
        break;
    case FPU_MUL:
        r = float64_mul(a, b, &s);
        break;
    default:
        r = float64_div(a, b, &s);
        break;
    }
    return fpu_done(env, &s, r);
}

static inline __attribute__((always_inline)) uint64_t
fpu_binop_s(CPURISCVState *env, uint64_t a64, uint64_t b64, uint32_t rm,
            int op, uintptr_t ra)
{
    uint32_t a = unbox_s(a64), b = unbox_s(b64), r;
    FloatStatus s;

    if (FPU_LIKELY(fpu_rne(env, rm) && f32_normal_or_zero(a) &&
                   f32_normal_or_zero(b))) {
        float x = to_float(a), y = to_float(b), rf;
        bool zero_ok;

        switch (op) {
        case FPU_ADD:
            rf = x + y;
            zero_ok = true;
            break;
        case FPU_SUB:
            rf = x - y;
            zero_ok = true;
            break;
        case FPU_MUL:
            rf = x * y;
            zero_ok = f32_is_zero(a) || f32_is_zero(b);
            break;
        default:
            if (f32_is_zero(b)) {
                goto slow;
            }
            rf = x / y;
            zero_ok = f32_is_zero(a);
            break;
        }
        r = from_float(rf);
        if (FPU_LIKELY(f32_result_safe(r)) || (zero_ok && f32_is_zero(r))) {
            if (FPU_LIKELY(env->fflags & FFLAG_NX) ||
                fpu_fast_finish(env, fpu_inexact_s(op, x, y, rf))) {
                return box_s(r);
            }
        }
    }
slow:
    s = fpu_status(fpu_rm(env, rm, ra));
    switch (op) {
    case FPU_ADD:
        r = float32_add(a, b, &s);
        break;
    case FPU_SUB:
        r = float32_sub(a, b, &s);
        break;
    case FPU_MUL:
        r = float32_mul(a, b, &s);
        break;
    default:
        r = float32_div(a, b, &s);
        break;
    }
    return fpu_done(env, &s, box_s(r));
}

uint64_t helper_fadd_s(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm)
{
    return fpu_binop_s(env, a, b, rm, FPU_ADD, GETPC());
}

uint64_t helper_fsub_s(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm)
{
    return fpu_binop_s(env, a, b, rm, FPU_SUB, GETPC());
}

uint64_t helper_fmul_s(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm)
{
    return fpu_binop_s(env, a, b, rm, FPU_MUL, GETPC());
}

uint64_t helper_fdiv_s(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm)
{
    return fpu_binop_s(env, a, b, rm, FPU_DIV, GETPC());
}

uint64_t helper_fadd_d(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm)
{
    return fpu_binop_d(env, a, b, rm, FPU_ADD, GETPC());
}

uint64_t helper_fsub_d(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm)
{
    return fpu_binop_d(env, a, b, rm, FPU_SUB, GETPC());
}

uint64_t helper_fmul_d(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm)
{
    return fpu_binop_d(env, a, b, rm, FPU_MUL, GETPC());
}

uint64_t helper_fdiv_d(CPURISCVState *env, uint64_t a, uint64_t b,
                       uint32_t rm)
{
    return fpu_binop_d(env, a, b, rm, FPU_DIV, GETPC());
}

/* ---- sqrt ---- */

uint64_t helper_fsqrt_s(CPURISCVState *env, uint64_t a64, uint32_t rm)
{
    uint32_t a = unbox_s(a64);
    FloatStatus s;

    /* Roots of positive normals are normal: only NX is possible. */
    if (FPU_LIKELY(fpu_rne(env, rm) && f32_normal_or_zero(a) &&
                   (!(a & F32_SIGN) || f32_is_zero(a)))) {
        float r = __builtin_sqrtf(to_float(a));

        if (FPU_LIKELY(env->fflags & FFLAG_NX) ||
            fpu_fast_finish(env, fpu_inexact_s(FPU_SQRT, to_float(a), 0, r))) {
            return box_s(from_float(r));
        }
    }
    s = fpu_status(fpu_rm(env, rm, GETPC()));
    return fpu_done(env, &s, box_s(float32_sqrt(a, &s)));
}

uint64_t helper_fsqrt_d(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    FloatStatus s;

    if (FPU_LIKELY(fpu_rne(env, rm) && f64_normal_or_zero(a) &&
                   (!(a & F64_SIGN) || f64_is_zero(a)))) {
        double r = __builtin_sqrt(to_double(a));

        if (FPU_LIKELY(env->fflags & FFLAG_NX) ||
            fpu_fast_finish(env, fpu_inexact_d(FPU_SQRT, to_double(a), 0, r))) {
            return from_double(r);
        }
    }
    s = fpu_status(fpu_rm(env, rm, GETPC()));
    return fpu_done(env, &s, float64_sqrt(a, &s));
}

/* ---- fused multiply-add ---- */

/*
 * Exactness of a fused result r without NX accrued. Every operand is a
 * multiple of 2^lsb (the weight of its lowest set bit), so the exact
 * value v is a multiple of 2^m, m the smaller of lsb(a)+lsb(b) and
 * lsb(c). If |r| < 2^(m+p) (p the precision), then |v| < 2^(m+p) too
 * (rounding is monotonic) and v fits in p bits: r is exact. Otherwise
 * this cannot tell (-1). This catches the integer-valued arithmetic that
 * never raises NX; the first inexact result takes the slow path and sets
 * NX for good.
 */
static inline int f64_lsb_exp(uint64_t a)
{
    uint64_t sig = (a & ((1ull << 52) - 1)) | (1ull << 52);

    return (int)((a >> 52) & 0x7ff) - 1075 + __builtin_ctzll(sig);
}

static inline int f32_lsb_exp(uint32_t a)
{
    uint32_t sig = (a & 0x7fffff) | 0x800000;

    return (int)((a >> 23) & 0xff) - 150 + __builtin_ctz(sig);
}

static int fpu_fma_inexact_d(uint64_t a, uint64_t b, uint64_t c, uint64_t r)
{
    int m;

    if (f64_is_zero(a) || f64_is_zero(b)) {
        return 0;       /* r is c itself */
    }
    m = f64_lsb_exp(a) + f64_lsb_exp(b);
    if (!f64_is_zero(c) && f64_lsb_exp(c) < m) {
        m = f64_lsb_exp(c);
    }
    return (int)((r >> 52) & 0x7ff) - 1023 <= m + 52 ? 0 : -1;
}

static int fpu_fma_inexact_s(uint32_t a, uint32_t b, uint32_t c, uint32_t r)
{
    int m;

    if (f32_is_zero(a) || f32_is_zero(b)) {
        return 0;
    }
    m = f32_lsb_exp(a) + f32_lsb_exp(b);
    if (!f32_is_zero(c) && f32_lsb_exp(c) < m) {
        m = f32_lsb_exp(c);
    }
    return (int)((r >> 23) & 0xff) - 127 <= m + 23 ? 0 : -1;
}

static inline __attribute__((always_inline)) uint64_t
fpu_fma_d(CPURISCVState *env, uint64_t a, uint64_t b, uint64_t c,
          uint32_t rm, int negate, uintptr_t ra)
{
    FloatStatus s;

    if (FPU_LIKELY(fpu_rne(env, rm) && f64_normal_or_zero(a) &&
                   f64_normal_or_zero(b) && f64_normal_or_zero(c) &&
                   host_has_fma())) {
        /* Negating operands is exact, so -(a*b) is (-a)*b. */
        uint64_t na = negate & FLOAT_MULADD_NEGATE_PRODUCT ? F64_SIGN : 0;
        uint64_t nc = negate & FLOAT_MULADD_NEGATE_C ? F64_SIGN : 0;
        uint64_t r = from_double(host_fma(to_double(a ^ na), to_double(b),
                                          to_double(c ^ nc)));

        if (FPU_LIKELY(f64_result_safe(r)) &&
            (FPU_LIKELY(env->fflags & FFLAG_NX) ||
             fpu_fma_inexact_d(a, b, c, r) == 0)) {
            return r;
        }
    }
    s = fpu_status(fpu_rm(env, rm, ra));
    return fpu_done(env, &s, float64_muladd(a, b, c, negate, &s));
}

static inline __attribute__((always_inline)) uint64_t
fpu_fma_s(CPURISCVState *env, uint64_t a64, uint64_t b64, uint64_t c64,
          uint32_t rm, int negate, uintptr_t ra)
{
    uint32_t a = unbox_s(a64), b = unbox_s(b64), c = unbox_s(c64);
    FloatStatus s;

    if (FPU_LIKELY(fpu_rne(env, rm) && f32_normal_or_zero(a) &&
                   f32_normal_or_zero(b) && f32_normal_or_zero(c) &&
                   host_has_fma())) {
        uint32_t na = negate & FLOAT_MULADD_NEGATE_PRODUCT ? F32_SIGN : 0;
        uint32_t nc = negate & FLOAT_MULADD_NEGATE_C ? F32_SIGN : 0;
        uint32_t r = from_float(host_fmaf(to_float(a ^ na), to_float(b),
                                          to_float(c ^ nc)));

        if (FPU_LIKELY(f32_result_safe(r)) &&
            (FPU_LIKELY(env->fflags & FFLAG_NX) ||
             fpu_fma_inexact_s(a, b, c, r) == 0)) {
            return box_s(r);
        }
    }
    s = fpu_status(fpu_rm(env, rm, ra));
    return fpu_done(env, &s, box_s(float32_muladd(a, b, c, negate, &s)));
}

#define FPU_NEG_PROD FLOAT_MULADD_NEGATE_PRODUCT
#define FPU_NEG_C FLOAT_MULADD_NEGATE_C

uint64_t helper_fmadd_s(CPURISCVState *env, uint64_t a, uint64_t b,
                        uint64_t c, uint32_t rm)
{
    return fpu_fma_s(env, a, b, c, rm, 0, GETPC());
}

uint64_t helper_fmsub_s(CPURISCVState *env, uint64_t a, uint64_t b,
                        uint64_t c, uint32_t rm)
{
    return fpu_fma_s(env, a, b, c, rm, FPU_NEG_C, GETPC());
}

uint64_t helper_fnmsub_s(CPURISCVState *env, uint64_t a, uint64_t b,
                         uint64_t c, uint32_t rm)
{
    return fpu_fma_s(env, a, b, c, rm, FPU_NEG_PROD, GETPC());
}

uint64_t helper_fnmadd_s(CPURISCVState *env, uint64_t a, uint64_t b,
                         uint64_t c, uint32_t rm)
{
    return fpu_fma_s(env, a, b, c, rm, FPU_NEG_PROD | FPU_NEG_C, GETPC());
}

uint64_t helper_fmadd_d(CPURISCVState *env, uint64_t a, uint64_t b,
                        uint64_t c, uint32_t rm)
{
    return fpu_fma_d(env, a, b, c, rm, 0, GETPC());
}

uint64_t helper_fmsub_d(CPURISCVState *env, uint64_t a, uint64_t b,
                        uint64_t c, uint32_t rm)
{
    return fpu_fma_d(env, a, b, c, rm, FPU_NEG_C, GETPC());
}

uint64_t helper_fnmsub_d(CPURISCVState *env, uint64_t a, uint64_t b,
                         uint64_t c, uint32_t rm)
{
    return fpu_fma_d(env, a, b, c, rm, FPU_NEG_PROD, GETPC());
}

uint64_t helper_fnmadd_d(CPURISCVState *env, uint64_t a, uint64_t b,
                         uint64_t c, uint32_t rm)
{
    return fpu_fma_d(env, a, b, c, rm, FPU_NEG_PROD | FPU_NEG_C, GETPC());
}

/* ---- compare, min/max, classify ---- */

static inline uint64_t fpu_compare_d(CPURISCVState *env, uint64_t a,
                                     uint64_t b, bool is_signaling)
{
    FloatStatus s = fpu_status(RISCV_FRM_RNE);
    FloatRelation rel = float64_compare(a, b, is_signaling, &s);

    env->fflags |= s.flags;
    return rel;
}

static inline uint64_t fpu_compare_s(CPURISCVState *env, uint32_t a,
                                     uint32_t b, bool is_signaling)
{
    FloatStatus s = fpu_status(RISCV_FRM_RNE);
    FloatRelation rel = float32_compare(a, b, is_signaling, &s);

    env->fflags |= s.flags;
    return rel;
}

/*
 * Without NaNs the host comparison is exact and raises nothing; with
 * them the result is 0 and only the flags need soft-float.
 */
uint64_t helper_feq_d(CPURISCVState *env, uint64_t a, uint64_t b)
{
    if (FPU_LIKELY(!float64_is_nan(a) && !float64_is_nan(b))) {
        return to_double(a) == to_double(b);
    }
    return fpu_compare_d(env, a, b, false) == FLOAT_RELATION_EQUAL;
}

uint64_t helper_flt_d(CPURISCVState *env, uint64_t a, uint64_t b)
{
    if (FPU_LIKELY(!float64_is_nan(a) && !float64_is_nan(b))) {
        return to_double(a) < to_double(b);
    }
    return fpu_compare_d(env, a, b, true) == FLOAT_RELATION_LESS;
}

uint64_t helper_fle_d(CPURISCVState *env, uint64_t a, uint64_t b)
{
    if (FPU_LIKELY(!float64_is_nan(a) && !float64_is_nan(b))) {
        return to_double(a) <= to_double(b);
    }
    fpu_compare_d(env, a, b, true);
    return 0;
}

uint64_t helper_feq_s(CPURISCVState *env, uint64_t a64, uint64_t b64)
{
    uint32_t a = unbox_s(a64), b = unbox_s(b64);

    if (FPU_LIKELY(!float32_is_nan(a) && !float32_is_nan(b))) {
        return to_float(a) == to_float(b);
    }
    return fpu_compare_s(env, a, b, false) == FLOAT_RELATION_EQUAL;
}

uint64_t helper_flt_s(CPURISCVState *env, uint64_t a64, uint64_t b64)
{
    uint32_t a = unbox_s(a64), b = unbox_s(b64);

    if (FPU_LIKELY(!float32_is_nan(a) && !float32_is_nan(b))) {
        return to_float(a) < to_float(b);
    }
    return fpu_compare_s(env, a, b, true) == FLOAT_RELATION_LESS;
}

uint64_t helper_fle_s(CPURISCVState *env, uint64_t a64, uint64_t b64)
{
    uint32_t a = unbox_s(a64), b = unbox_s(b64);

    if (FPU_LIKELY(!float32_is_nan(a) && !float32_is_nan(b))) {
        return to_float(a) <= to_float(b);
    }
    fpu_compare_s(env, a, b, true);
    return 0;
}

/*
 * For equal non-NaN operands the encodings are identical except for
 * +0/-0, where OR picks -0 (the minimum) and AND picks +0 (the maximum).
 */
uint64_t helper_fmin_d(CPURISCVState *env, uint64_t a, uint64_t b)
{
    FloatStatus s;

    if (FPU_LIKELY(!float64_is_nan(a) && !float64_is_nan(b))) {
        double x = to_double(a), y = to_double(b);

        return x < y ? a : y < x ? b : (a | b);
    }
    s = fpu_status(RISCV_FRM_RNE);
    return fpu_done(env, &s, float64_min_number(a, b, &s));
}

uint64_t helper_fmax_d(CPURISCVState *env, uint64_t a, uint64_t b)
{
    FloatStatus s;

    if (FPU_LIKELY(!float64_is_nan(a) && !float64_is_nan(b))) {
        double x = to_double(a), y = to_double(b);

        return x > y ? a : y > x ? b : (a & b);
    }
    s = fpu_status(RISCV_FRM_RNE);
    return fpu_done(env, &s, float64_max_number(a, b, &s));
}

uint64_t helper_fmin_s(CPURISCVState *env, uint64_t a64, uint64_t b64)
{
    uint32_t a = unbox_s(a64), b = unbox_s(b64);
    FloatStatus s;

    if (FPU_LIKELY(!float32_is_nan(a) && !float32_is_nan(b))) {
        float x = to_float(a), y = to_float(b);

        return box_s(x < y ? a : y < x ? b : (a | b));
    }
    s = fpu_status(RISCV_FRM_RNE);
    return fpu_done(env, &s, box_s(float32_min_number(a, b, &s)));
}

uint64_t helper_fmax_s(CPURISCVState *env, uint64_t a64, uint64_t b64)
{
    uint32_t a = unbox_s(a64), b = unbox_s(b64);
    FloatStatus s;

    if (FPU_LIKELY(!float32_is_nan(a) && !float32_is_nan(b))) {
        float x = to_float(a), y = to_float(b);

        return box_s(x > y ? a : y > x ? b : (a & b));
    }
    s = fpu_status(RISCV_FRM_RNE);
    return fpu_done(env, &s, box_s(float32_max_number(a, b, &s)));
}

/* fclass bits: -inf -normal -subnormal -0 +0 +subnormal +normal +inf. */
static uint64_t fpu_class(bool sign, bool exp_zero, bool exp_max,
                          bool frac_zero, bool quiet)
{
    if (exp_max) {
        if (!frac_zero) {
            return quiet ? 1u << 9 : 1u << 8;
        }
        return sign ? 1u << 0 : 1u << 7;
    }
    if (exp_zero) {
        if (frac_zero) {
            return sign ? 1u << 3 : 1u << 4;
        }
        return sign ? 1u << 2 : 1u << 5;
    }
    return sign ? 1u << 1 : 1u << 6;
}

uint64_t helper_fclass_s(CPURISCVState *env, uint64_t a64)
{
    uint32_t a = unbox_s(a64);
    uint32_t e = (a >> 23) & 0xff;

    return fpu_class(a >> 31, e == 0, e == 0xff, (a & 0x7fffff) == 0,
                     (a >> 22) & 1);
}

uint64_t helper_fclass_d(CPURISCVState *env, uint64_t a)
{
    uint64_t e = (a >> 52) & 0x7ff;

    return fpu_class(a >> 63, e == 0, e == 0x7ff,
                     (a & ((1ull << 52) - 1)) == 0, (a >> 51) & 1);
}

/* ---- float to integer ---- */

enum { FPU_TO_W, FPU_TO_WU, FPU_TO_L, FPU_TO_LU };

/*
 * Float to integer on the host, in any rounding mode: below 2^52 the
 * truncation t and the remainder x - t are exact, and the remainder
 * decides the rounding; from 2^52 on, x is already an integer. NaNs,
 * infinities and values that round out of range go to soft-float, which
 * saturates and raises NV.
 */
static inline __attribute__((always_inline)) bool
fpu_cvt_fast(CPURISCVState *env, double x, int kind, uint32_t rm,
             uint64_t *out)
{
    double t = x, frac = 0, lo, hi;

    if (__builtin_fabs(x) < 0x1p52) {
        t = (double)(int64_t)x;
        frac = x - t;
        if (frac != 0) {
            double mag = __builtin_fabs(frac), away = x < 0 ? -1.0 : 1.0;

            switch (rm) {
            case RISCV_FRM_RNE:
                if (mag > 0.5 || (mag == 0.5 && ((int64_t)t & 1))) {
                    t += away;
                }
                break;
            case RISCV_FRM_RMM:
                t += mag >= 0.5 ? away : 0;
                break;
            case RISCV_FRM_RDN:
                t -= frac < 0 ? 1 : 0;
                break;
            case RISCV_FRM_RUP:
                t += frac > 0 ? 1 : 0;
                break;
            default:
                break;
            }
        }
    } else if (!(__builtin_fabs(x) < 0x1p64)) {
        return false;
    }
    switch (kind) {
    case FPU_TO_W:
        lo = -0x1p31;
        hi = 0x1p31;
        break;
    case FPU_TO_WU:
        lo = 0;
        hi = 0x1p32;
        break;
    case FPU_TO_L:
        lo = -0x1p63;
        hi = 0x1p63;
        break;
    default:
        lo = 0;
        hi = 0x1p64;
        break;
    }
    if (!(t >= lo && t < hi)) {
        return false;
    }
    switch (kind) {
    case FPU_TO_W:
    case FPU_TO_L:
        /* The 32-bit results are in int32 range: sign-extend as is. */
        *out = (uint64_t)(int64_t)t;
        break;
    case FPU_TO_WU:
        *out = (uint64_t)(int64_t)(int32_t)(uint32_t)t;
        break;
    default:
        *out = (uint64_t)t;
        break;
    }
    env->fflags |= frac != 0 ? FFLAG_NX : 0;
    return true;
}

static inline __attribute__((always_inline)) uint64_t
fpu_cvt_from_d(CPURISCVState *env, uint64_t a, uint32_t rm, int kind,
               uintptr_t ra)
{
    FloatStatus s;
    uint64_t r;

    rm = fpu_rm(env, rm, ra);
    if (FPU_LIKELY(fpu_cvt_fast(env, to_double(a), kind, rm, &r))) {
        return r;
    }
    s = fpu_status(rm);
    switch (kind) {
    case FPU_TO_W:
        r = (uint64_t)(int64_t)float64_to_int32(a, rm, &s);
        break;
    case FPU_TO_WU:
        r = (uint64_t)(int64_t)(int32_t)float64_to_uint32(a, rm, &s);
        break;
    case FPU_TO_L:
        r = (uint64_t)float64_to_int64(a, rm, &s);
        break;
    default:
        r = float64_to_uint64(a, rm, &s);
        break;
    }
    return fpu_done(env, &s, r);
}

static inline __attribute__((always_inline)) uint64_t
fpu_cvt_from_s(CPURISCVState *env, uint64_t a64, uint32_t rm, int kind,
               uintptr_t ra)
{
    uint32_t a = unbox_s(a64);
    FloatStatus s;
    uint64_t r;

    /* Widening to double is exact; NaNs fail every range test. */
    rm = fpu_rm(env, rm, ra);
    if (FPU_LIKELY(fpu_cvt_fast(env, (double)to_float(a), kind, rm, &r))) {
        return r;
    }
    s = fpu_status(rm);
    switch (kind) {
    case FPU_TO_W:
        r = (uint64_t)(int64_t)float32_to_int32(a, rm, &s);
        break;
    case FPU_TO_WU:
        r = (uint64_t)(int64_t)(int32_t)float32_to_uint32(a, rm, &s);
        break;
    case FPU_TO_L:
        r = (uint64_t)float32_to_int64(a, rm, &s);
        break;
    default:
        r = float32_to_uint64(a, rm, &s);
        break;
    }
    return fpu_done(env, &s, r);
}

uint64_t helper_fcvt_w_s(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    return fpu_cvt_from_s(env, a, rm, FPU_TO_W, GETPC());
}

uint64_t helper_fcvt_wu_s(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    return fpu_cvt_from_s(env, a, rm, FPU_TO_WU, GETPC());
}

uint64_t helper_fcvt_l_s(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    return fpu_cvt_from_s(env, a, rm, FPU_TO_L, GETPC());
}

uint64_t helper_fcvt_lu_s(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    return fpu_cvt_from_s(env, a, rm, FPU_TO_LU, GETPC());
}

uint64_t helper_fcvt_w_d(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    return fpu_cvt_from_d(env, a, rm, FPU_TO_W, GETPC());
}

uint64_t helper_fcvt_wu_d(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    return fpu_cvt_from_d(env, a, rm, FPU_TO_WU, GETPC());
}

uint64_t helper_fcvt_l_d(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    return fpu_cvt_from_d(env, a, rm, FPU_TO_L, GETPC());
}

uint64_t helper_fcvt_lu_d(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    return fpu_cvt_from_d(env, a, rm, FPU_TO_LU, GETPC());
}

/* ---- integer to float ---- */

/*
 * Integers of at most 24 (single) or 53 (double) significant bits
 * convert exactly on the host in any rounding mode; in RNE, the host's
 * mode, any integer does, and converting back tells whether it was exact
 * (a result of 2^63 or 2^64 cannot be, being out of the source's range).
 */
#define F32_EXACT_INT (1ll << 24)
#define F64_EXACT_INT (1ll << 53)

static inline bool fpu_int_fast(uint32_t rm, bool small)
{
    return small || (FPU_HOST_FAST && rm == RISCV_FRM_RNE);
}

uint64_t helper_fcvt_s_w(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    int32_t v = (int32_t)a;
    uint32_t m = fpu_rm(env, rm, GETPC());
    FloatStatus s;

    if (FPU_LIKELY(fpu_int_fast(m, v >= -F32_EXACT_INT &&
                                   v <= F32_EXACT_INT))) {
        float f = (float)v;

        env->fflags |= (int64_t)f != v ? FFLAG_NX : 0;
        return box_s(from_float(f));
    }
    s = fpu_status(m);
    return fpu_done(env, &s, box_s(int64_to_float32(v, &s)));
}

uint64_t helper_fcvt_s_wu(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    uint32_t v = (uint32_t)a;
    uint32_t m = fpu_rm(env, rm, GETPC());
    FloatStatus s;

    if (FPU_LIKELY(fpu_int_fast(m, v <= F32_EXACT_INT))) {
        float f = (float)v;

        env->fflags |= (int64_t)f != v ? FFLAG_NX : 0;
        return box_s(from_float(f));
    }
    s = fpu_status(m);
    return fpu_done(env, &s, box_s(uint64_to_float32(v, &s)));
}

uint64_t helper_fcvt_s_l(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    int64_t v = (int64_t)a;
    uint32_t m = fpu_rm(env, rm, GETPC());
    FloatStatus s;

    if (FPU_LIKELY(fpu_int_fast(m, v >= -F32_EXACT_INT &&
                                   v <= F32_EXACT_INT))) {
        float f = (float)v;

        env->fflags |= f >= 0x1p63f || (int64_t)f != v ? FFLAG_NX : 0;
        return box_s(from_float(f));
    }
    s = fpu_status(m);
    return fpu_done(env, &s, box_s(int64_to_float32(v, &s)));
}

uint64_t helper_fcvt_s_lu(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    uint32_t m = fpu_rm(env, rm, GETPC());
    FloatStatus s;

    if (FPU_LIKELY(fpu_int_fast(m, a <= (uint64_t)F32_EXACT_INT))) {
        float f = (float)a;

        env->fflags |= f >= 0x1p64f || (uint64_t)f != a ? FFLAG_NX : 0;
        return box_s(from_float(f));
    }
    s = fpu_status(m);
    return fpu_done(env, &s, box_s(uint64_to_float32(a, &s)));
}

uint64_t helper_fcvt_d_w(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    fpu_rm(env, rm, GETPC());
    return from_double((double)(int32_t)a);
}

uint64_t helper_fcvt_d_wu(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    fpu_rm(env, rm, GETPC());
    return from_double((double)(uint32_t)a);
}

uint64_t helper_fcvt_d_l(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    int64_t v = (int64_t)a;
    uint32_t m = fpu_rm(env, rm, GETPC());
    FloatStatus s;

    if (FPU_LIKELY(fpu_int_fast(m, v >= -F64_EXACT_INT &&
                                   v <= F64_EXACT_INT))) {
        double d = (double)v;

        env->fflags |= d >= 0x1p63 || (int64_t)d != v ? FFLAG_NX : 0;
        return from_double(d);
    }
    s = fpu_status(m);
    return fpu_done(env, &s, int64_to_float64(v, &s));
}

uint64_t helper_fcvt_d_lu(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    uint32_t m = fpu_rm(env, rm, GETPC());
    FloatStatus s;

    if (FPU_LIKELY(fpu_int_fast(m, a <= (uint64_t)F64_EXACT_INT))) {
        double d = (double)a;

        env->fflags |= d >= 0x1p64 || (uint64_t)d != a ? FFLAG_NX : 0;
        return from_double(d);
    }
    s = fpu_status(m);
    return fpu_done(env, &s, uint64_to_float64(a, &s));
}

/* ---- between formats ---- */

uint64_t helper_fcvt_s_d(CPURISCVState *env, uint64_t a, uint32_t rm)
{
    FloatStatus s;

    if (FPU_LIKELY(fpu_rne(env, rm) && f64_normal_or_zero(a))) {
        float f = (float)to_double(a);
        uint32_t r = from_float(f);

        if (FPU_LIKELY(f32_result_safe(r)) || f64_is_zero(a)) {
            env->fflags |= (double)f != to_double(a) ? FFLAG_NX : 0;
            return box_s(r);
        }
    }
    s = fpu_status(fpu_rm(env, rm, GETPC()));
    return fpu_done(env, &s, box_s(float64_to_float32(a, &s)));
}

uint64_t helper_fcvt_d_s(CPURISCVState *env, uint64_t a64, uint32_t rm)
{
    uint32_t a = unbox_s(a64);
    FloatStatus s = fpu_status(fpu_rm(env, rm, GETPC()));

    /* Every non-NaN single is exactly a double, subnormals included. */
    if (FPU_LIKELY(!float32_is_nan(a))) {
        return from_double((double)to_float(a));
    }
    return fpu_done(env, &s, float32_to_float64(a, &s));
}
