/* SPDX-License-Identifier: MIT */
/*
 * The host-FPU fast path of the A64 FP helpers: FADD/FSUB/FMUL/FDIV and
 * the fused multiply-add done by the host when that is provably exact.
 */
#include <math.h>
#include <string.h>

#include "target/arm/helper-fpsimd.h"

/* Host fused multiply-add, only where the host has it in hardware. */
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

static bool host_has_fma(void)
{
    static int cached = -1;

    if (cached < 0) {
        cached = __builtin_cpu_supports("fma") ? 1 : 0;
    }
    return cached;
}
#elif defined(__FMA__) || defined(__aarch64__)
static double host_fma(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}

static float host_fmaf(float a, float b, float c)
{
    return __builtin_fmaf(a, b, c);
}

static bool host_has_fma(void)
{
    return true;
}
#else
static double host_fma(double a, double b, double c)
{
    return 0;
}

static float host_fmaf(float a, float b, float c)
{
    return 0;
}

static bool host_has_fma(void)
{
    return false;
}
#endif

/*
 * With round-to-nearest, IXC already accrued and operands normal or
 * zero, the host's result is the exact one whenever it is a normal
 * above the smallest normal exponent (no underflow, even detected
 * before rounding, nor overflow) or a zero that is exact. The host runs
 * in round-to-nearest without flush-to-zero, as vemu never changes it.
 */
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

static inline bool fp_bin_fast(int op, int ft, uint64_t a, uint64_t b,
                               uint64_t *res)
{
    bool zero_ok;

    if (ft == FT_D) {
        double x, y, z;
        uint64_t r, e;

        if (!f64_normal_or_zero(a) || !f64_normal_or_zero(b)) {
            return false;
        }
        memcpy(&x, &a, 8);
        memcpy(&y, &b, 8);
        switch (op) {
        case FPOP_ADD:
            z = x + y;
            zero_ok = true;
            break;
        case FPOP_SUB:
            z = x - y;
            zero_ok = true;
            break;
        case FPOP_MUL:
            z = x * y;
            zero_ok = (a << 1) == 0 || (b << 1) == 0;
            break;
        case FPOP_DIV:
            if ((b << 1) == 0) {
                return false;
            }
            z = x / y;
            zero_ok = (a << 1) == 0;
            break;
        default:
            return false;
        }
        memcpy(&r, &z, 8);
        e = (r >> 52) & 0x7ff;
        if ((e >= 2 && e <= 0x7fe) || ((r << 1) == 0 && zero_ok)) {
            *res = r;
            return true;
        }
        return false;
    } else {
        float x, y, z;
        uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, r, e;

        if (ft != FT_S || !f32_normal_or_zero(a32) ||
            !f32_normal_or_zero(b32)) {
            return false;
        }
        memcpy(&x, &a32, 4);
        memcpy(&y, &b32, 4);
        switch (op) {
        case FPOP_ADD:
            z = x + y;
            zero_ok = true;
            break;
        case FPOP_SUB:
            z = x - y;
            zero_ok = true;
            break;
        case FPOP_MUL:
            z = x * y;
            zero_ok = (a32 << 1) == 0 || (b32 << 1) == 0;
            break;
        case FPOP_DIV:
            if ((b32 << 1) == 0) {
                return false;
            }
            z = x / y;
            zero_ok = (a32 << 1) == 0;
            break;
        default:
            return false;
        }
        memcpy(&r, &z, 4);
        e = (r >> 23) & 0xff;
        if ((e >= 2 && e <= 0xfe) || ((r << 1) == 0 && zero_ok)) {
            *res = r;
            return true;
        }
        return false;
    }
}

/*
 * a * b + c on the host: operands normal or zero, the result a normal
 * above the smallest exponent, or a zero when a or b and c are zeros.
 */
bool arm_fp_muladd_fast(int ft, uint64_t a, uint64_t b, uint64_t c,
                        uint64_t *res)
{
    if (!host_has_fma()) {
        return false;
    }
    if (ft == FT_D) {
        double x, y, z, w;
        uint64_t r, e;

        if (!f64_normal_or_zero(a) || !f64_normal_or_zero(b) ||
            !f64_normal_or_zero(c)) {
            return false;
        }
        memcpy(&x, &a, 8);
        memcpy(&y, &b, 8);
        memcpy(&z, &c, 8);
        w = host_fma(x, y, z);
        memcpy(&r, &w, 8);
        e = (r >> 52) & 0x7ff;
        if ((e >= 2 && e <= 0x7fe) ||
            ((r << 1) == 0 && ((a << 1) == 0 || (b << 1) == 0) &&
             (c << 1) == 0)) {
            *res = r;
            return true;
        }
        return false;
    }
    if (ft == FT_S) {
        float x, y, z, w;
        uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, c32 = (uint32_t)c;
        uint32_t r, e;

        if (!f32_normal_or_zero(a32) || !f32_normal_or_zero(b32) ||
            !f32_normal_or_zero(c32)) {
            return false;
        }
        memcpy(&x, &a32, 4);
        memcpy(&y, &b32, 4);
        memcpy(&z, &c32, 4);
        w = host_fmaf(x, y, z);
        memcpy(&r, &w, 4);
        e = (r >> 23) & 0xff;
        if ((e >= 2 && e <= 0xfe) ||
            ((r << 1) == 0 && ((a32 << 1) == 0 || (b32 << 1) == 0) &&
             (c32 << 1) == 0)) {
            *res = r;
            return true;
        }
    }
    return false;
}


bool arm_f64_normal_or_zero(uint64_t a)
{
    return f64_normal_or_zero(a);
}

bool arm_fp_bin_fast(int op, int ft, uint64_t a, uint64_t b, uint64_t *res)
{
    return fp_bin_fast(op, ft, a, b, res);
}

/*
 * The scalar FP helpers live here so that the host fast path inlines
 * into them: with round to nearest and FPSR.IXC already set, a host
 * result that is normal from normal operands sets no new flag, and the
 * common case skips the FloatStatus set-up entirely.
 */
/* The bits of a value of format ft (H, S or D). */
static inline uint64_t fmt_mask(int ft)
{
    return ft == FT_D ? ~0ull : ft == FT_S ? 0xffffffffull : 0xffffull;
}

static inline bool fp_fast_ok(const CPUARMState *env)
{
    return !(env->fpcr & FPCR_RMODE_MASK) && (env->fpsr & FPSR_IXC);
}

uint64_t helper_fp_bin(CPUARMState *env, uint64_t a, uint64_t b,
                       uint32_t desc)
{
    ArmFpst f;
    uint64_t r;
    int op = desc & 0xff;

    if (op <= FPOP_DIV && fp_fast_ok(env) &&
        fp_bin_fast(op, (desc >> 8) & 3, a, b, &r)) {
        return r;
    }
    arm_fpst_init(env, &f);
    r = arm_fp_bin(&f, desc & 0xff, (desc >> 8) & 3, a, b);
    arm_fpst_done(env, &f);
    return r;
}

uint64_t helper_fp_muladd(CPUARMState *env, uint64_t a, uint64_t b,
                          uint64_t c, uint32_t ft)
{
    ArmFpst f;
    uint64_t r;

    if (fp_fast_ok(env) &&
        arm_fp_muladd_fast(ft, a & fmt_mask(ft), b & fmt_mask(ft),
                           c & fmt_mask(ft), &r)) {
        return r;
    }
    arm_fpst_init(env, &f);
    r = arm_fp_muladd(&f, ft, a & fmt_mask(ft), b & fmt_mask(ft),
                      c & fmt_mask(ft));
    arm_fpst_done(env, &f);
    return r;
}


/* FSQRT of a positive normal or a zero: the host's is correctly rounded
 * and raises at most inexact. */
static inline bool fp_sqrt_fast(int ft, uint64_t a, uint64_t *res)
{
    if (ft == FT_D) {
        double x;

        if ((a >> 63) ? (a << 1) != 0 : !f64_normal_or_zero(a)) {
            return false;
        }
        memcpy(&x, &a, 8);
        x = sqrt(x);
        memcpy(res, &x, 8);
        return true;
    }
    if (ft == FT_S) {
        uint32_t a32 = (uint32_t)a, r;
        float x;

        if ((a32 >> 31) ? (a32 << 1) != 0 : !f32_normal_or_zero(a32)) {
            return false;
        }
        memcpy(&x, &a32, 4);
        x = sqrtf(x);
        memcpy(&r, &x, 4);
        *res = r;
        return true;
    }
    return false;
}

uint64_t helper_fp_un(CPUARMState *env, uint64_t a, uint32_t desc)
{
    ArmFpst f;
    uint64_t r;

    if ((desc & 0xff) == FPUN_SQRT && fp_fast_ok(env) &&
        fp_sqrt_fast((desc >> 8) & 3, a & fmt_mask((desc >> 8) & 3), &r)) {
        return r;
    }
    arm_fpst_init(env, &f);
    r = arm_fp_un(&f, desc & 0xff, (desc >> 8) & 3, (desc >> 10) & 3, a);
    arm_fpst_done(env, &f);
    return r;
}

/*
 * FCMP/FCMPE of two normal or zero values: no flag can be raised (only
 * NaNs signal, and denormals, which FZ would flush, are not taken), so
 * the host compares. The PSTATE NZCV bits, or false.
 */
bool arm_fp_cmp_fast(int ft, uint64_t a, uint64_t b, uint64_t *nzcv)
{
    if (ft == FT_D) {
        double x, y;

        if (!f64_normal_or_zero(a) || !f64_normal_or_zero(b)) {
            return false;
        }
        memcpy(&x, &a, 8);
        memcpy(&y, &b, 8);
        *nzcv = x == y ? PSTATE_Z | PSTATE_C : x < y ? PSTATE_N : PSTATE_C;
        return true;
    }
    if (ft == FT_S) {
        uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
        float x, y;

        if (!f32_normal_or_zero(a32) || !f32_normal_or_zero(b32)) {
            return false;
        }
        memcpy(&x, &a32, 4);
        memcpy(&y, &b32, 4);
        *nzcv = x == y ? PSTATE_Z | PSTATE_C : x < y ? PSTATE_N : PSTATE_C;
        return true;
    }
    return false;
}
