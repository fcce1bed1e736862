/* SPDX-License-Identifier: MIT */
/*
 * Soft-float against the host FPU: random operands, bits and flags, in
 * the four rounding modes the host has (x86 SSE detects tininess after
 * rounding, like RISC-V). Plus a few checks of the status options.
 */
#include <inttypes.h>
#include <string.h>

#include <glib.h>

#include "vemu/softfloat.h"

#define TIME_BUDGET 1.0     /* seconds for the whole random comparison */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/*
 * Operands biased toward the interesting places: near the subnormal and
 * overflow thresholds, close exponents (cancellation), short
 * significands (exact results and ties), and raw bits (NaNs, infinities).
 */
static uint64_t gen_f64(void)
{
    uint64_t m = rng(), sign = (rng() & 1) << 63, e;

    switch (rng() & 7) {
    case 0:
        return rng();
    case 1:
        e = rng() % 60;
        break;
    case 2:
        e = 2046 - rng() % 60;
        break;
    case 3:
        e = 1023 + rng() % 8 - 4;
        break;
    case 4:
        m &= ~0ull << (rng() % 53);
        e = 1023 + rng() % 64 - 32;
        break;
    default:
        e = rng() % 2048;
        break;
    }
    return sign | (e << 52) | (m & ((1ull << 52) - 1));
}

static uint32_t gen_f32(void)
{
    uint32_t m = (uint32_t)rng(), sign = (uint32_t)(rng() & 1) << 31, e;

    switch (rng() & 7) {
    case 0:
        return (uint32_t)rng();
    case 1:
        e = rng() % 30;
        break;
    case 2:
        e = 254 - rng() % 30;
        break;
    case 3:
        e = 127 + rng() % 8 - 4;
        break;
    case 4:
        m &= ~0u << (rng() % 24);
        e = 127 + rng() % 32 - 16;
        break;
    default:
        e = rng() % 256;
        break;
    }
    return sign | (e << 23) | (m & 0x7fffff);
}

#if defined(__x86_64__)
/* MXCSR: flags in bits 0-5, rounding control in bits 13-14. */
static uint32_t mxcsr_get(void)
{
    uint32_t v;

    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static void mxcsr_set(uint32_t v)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(v));
}

/* Host flags (IE, ZE, OE, UE, PE) as FLOAT_FLAG_* bits. */
static int host_flags(uint32_t mx)
{
    return (mx & 0x20 ? FLOAT_FLAG_INEXACT : 0) |
           (mx & 0x10 ? FLOAT_FLAG_UNDERFLOW : 0) |
           (mx & 0x08 ? FLOAT_FLAG_OVERFLOW : 0) |
           (mx & 0x04 ? FLOAT_FLAG_DIVBYZERO : 0) |
           (mx & 0x01 ? FLOAT_FLAG_INVALID : 0);
}

/* RC encodings for RNE, RTZ, RDN, RUP. */
static const uint32_t host_rc[4] = { 0, 3, 1, 2 };

__attribute__((target("fma"))) static uint64_t host_op64(int op, uint64_t a,
                                                          uint64_t b,
                                                          uint64_t c)
{
    double x, y, z, r;

    memcpy(&x, &a, 8);
    memcpy(&y, &b, 8);
    memcpy(&z, &c, 8);
    /* Keep the operation between the MXCSR accesses. */
    __asm__ volatile("" : "+x"(x), "+x"(y), "+x"(z));
    switch (op) {
    case 0:
        r = x + y;
        break;
    case 1:
        r = x - y;
        break;
    case 2:
        r = x * y;
        break;
    case 3:
        r = x / y;
        break;
    case 4:
        __asm__ volatile("sqrtsd %1, %0" : "=x"(r) : "x"(x));
        break;
    default:
        r = __builtin_fma(x, y, z);
        break;
    }
    __asm__ volatile("" : "+x"(r));
    memcpy(&a, &r, 8);
    return a;
}

__attribute__((target("fma"))) static uint32_t host_op32(int op, uint32_t a,
                                                          uint32_t b,
                                                          uint32_t c)
{
    float x, y, z, r;

    memcpy(&x, &a, 4);
    memcpy(&y, &b, 4);
    memcpy(&z, &c, 4);
    __asm__ volatile("" : "+x"(x), "+x"(y), "+x"(z));
    switch (op) {
    case 0:
        r = x + y;
        break;
    case 1:
        r = x - y;
        break;
    case 2:
        r = x * y;
        break;
    case 3:
        r = x / y;
        break;
    case 4:
        __asm__ volatile("sqrtss %1, %0" : "=x"(r) : "x"(x));
        break;
    default:
        r = __builtin_fmaf(x, y, z);
        break;
    }
    __asm__ volatile("" : "+x"(r));
    memcpy(&a, &r, 4);
    return a;
}

static uint64_t soft_op64(int op, uint64_t a, uint64_t b, uint64_t c,
                          FloatStatus *s)
{
    switch (op) {
    case 0:
        return float64_add(a, b, s);
    case 1:
        return float64_sub(a, b, s);
    case 2:
        return float64_mul(a, b, s);
    case 3:
        return float64_div(a, b, s);
    case 4:
        return float64_sqrt(a, s);
    default:
        return float64_muladd(a, b, c, 0, s);
    }
}

static uint32_t soft_op32(int op, uint32_t a, uint32_t b, uint32_t c,
                          FloatStatus *s)
{
    switch (op) {
    case 0:
        return float32_add(a, b, s);
    case 1:
        return float32_sub(a, b, s);
    case 2:
        return float32_mul(a, b, s);
    case 3:
        return float32_div(a, b, s);
    case 4:
        return float32_sqrt(a, s);
    default:
        return float32_muladd(a, b, c, 0, s);
    }
}

static const char *const op_names[6] = {
    "add", "sub", "mul", "div", "sqrt", "fma"
};

/*
 * One comparison in mode rm; returns false on a mismatch. The host
 * propagates NaN payloads, so any host NaN counts as the default NaN.
 */
static bool compare_one(int op, int rm, bool dbl, uint32_t mx_base)
{
    FloatStatus s = { .rounding_mode = rm, .default_nan_mode = true };
    uint64_t a, b, c, hr, sr;
    int hf;

    if (dbl) {
        a = gen_f64();
        b = gen_f64();
        c = gen_f64();
        mxcsr_set(mx_base);
        hr = host_op64(op, a, b, c);
        hf = host_flags(mxcsr_get());
        sr = soft_op64(op, a, b, c, &s);
        if (float64_is_nan(hr)) {
            hr = FLOAT64_DEFAULT_NAN;
        }
    } else {
        a = gen_f32();
        b = gen_f32();
        c = gen_f32();
        mxcsr_set(mx_base);
        hr = host_op32(op, (uint32_t)a, (uint32_t)b, (uint32_t)c);
        hf = host_flags(mxcsr_get());
        sr = soft_op32(op, (uint32_t)a, (uint32_t)b, (uint32_t)c, &s);
        if (float32_is_nan((uint32_t)hr)) {
            hr = FLOAT32_DEFAULT_NAN;
        }
    }
    if (hr == sr && hf == s.flags) {
        return true;
    }
    g_test_message("%s%s rm=%d a=%" PRIx64 " b=%" PRIx64 " c=%" PRIx64
                   ": host %" PRIx64 "/%02x soft %" PRIx64 "/%02x",
                   op_names[op], dbl ? "64" : "32", rm, a, b, c,
                   hr, hf, sr, s.flags);
    return false;
}

static void test_random_vs_host(void)
{
    uint32_t saved = mxcsr_get();
    GTimer *timer = g_timer_new();
    long count = 0;
    int failures = 0;

    if (!__builtin_cpu_supports("fma")) {
        g_test_skip("host has no FMA");
        g_timer_destroy(timer);
        return;
    }
    while (failures < 10) {
        int i;

        for (i = 0; i < 4096; i++, count++) {
            int op = (int)(count % 6);
            int rm = (int)((count / 6) % 4);
            /* All exceptions masked, no FTZ/DAZ, the mode's RC bits. */
            uint32_t mx = 0x1f80 | (host_rc[rm] << 13);

            if (!compare_one(op, rm, count & 1, mx)) {
                failures++;
            }
        }
        if (g_timer_elapsed(timer, NULL) > TIME_BUDGET) {
            break;
        }
    }
    mxcsr_set(saved);
    g_timer_destroy(timer);
    g_test_message("%ld random operations compared", count);
    g_assert_cmpint(failures, ==, 0);
    g_assert_cmpint(count, >, 100000);
}
#else
static void test_random_vs_host(void)
{
    g_test_skip("host comparison needs x86-64 SSE");
}
#endif

/* Tininess before rounding (ARM): the same input, UF differs. */
static void test_tininess_modes(void)
{
    /* 2^-1022 * (1 - 2^-53) rounds up to 2^-1022 in RNE. */
    FloatStatus after = { .rounding_mode = FLOAT_ROUND_NEAREST_EVEN };
    FloatStatus before = after;
    /* (1 + 2^-52) * (2^-1022 - 2^-1074): not tiny after rounding. */
    uint64_t r1, r2;

    before.tininess_before_rounding = true;
    r1 = float64_mul(0x3ff0000000000001ull, 0x000fffffffffffffull, &after);
    r2 = float64_mul(0x3ff0000000000001ull, 0x000fffffffffffffull, &before);
    g_assert_cmphex(r1, ==, 0x0010000000000000ull);
    g_assert_cmphex(r2, ==, 0x0010000000000000ull);
    g_assert_cmphex(after.flags, ==, FLOAT_FLAG_INEXACT);
    g_assert_cmphex(before.flags, ==,
                    FLOAT_FLAG_INEXACT | FLOAT_FLAG_UNDERFLOW);
}

/* Without default-NaN mode, the first signalling NaN is propagated. */
static void test_nan_propagation(void)
{
    FloatStatus s = { .rounding_mode = FLOAT_ROUND_NEAREST_EVEN };

    g_assert_cmphex(float64_add(0x7ff8000000000005ull, 0x7ff0000000000009ull,
                                &s), ==, 0x7ff8000000000009ull);
    g_assert_cmphex(s.flags, ==, FLOAT_FLAG_INVALID);
    s.flags = 0;
    g_assert_cmphex(float32_mul(0x3f800000u, 0xffc00123u, &s), ==,
                    0xffc00123u);
    g_assert_cmphex(s.flags, ==, 0);
    /* Narrowing keeps the top of the payload. */
    g_assert_cmphex(float64_to_float32(0x7ff8000020000000ull, &s), ==,
                    0x7fc00001u);
    s.default_nan_mode = true;
    g_assert_cmphex(float64_to_float32(0x7ff8000020000000ull, &s), ==,
                    FLOAT32_DEFAULT_NAN);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fpu/softfloat/random-vs-host", test_random_vs_host);
    g_test_add_func("/fpu/softfloat/tininess-modes", test_tininess_modes);
    g_test_add_func("/fpu/softfloat/nan-propagation", test_nan_propagation);
    return g_test_run();
}
