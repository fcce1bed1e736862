/* SPDX-License-Identifier: MIT */
/* Soft-float comparisons and IEEE 754-2019 minimumNumber/maximumNumber. */
#include "softfloat-parts.h"

/*
 * Map a non-NaN encoding to an integer that orders like the value; +0
 * and -0 both map to 0. sign_shift is the position of the sign bit.
 */
static int64_t order_key(uint64_t a, int sign_shift)
{
    int64_t mag = (int64_t)(a & ((1ull << sign_shift) - 1));

    return (a >> sign_shift) & 1 ? -mag : mag;
}

/* Same, but -0 orders below +0 (for min/max). */
static int64_t order_key_signed_zero(uint64_t a, int sign_shift)
{
    int64_t mag = (int64_t)(a & ((1ull << sign_shift) - 1));

    return (a >> sign_shift) & 1 ? -mag - 1 : mag;
}

static FloatRelation compare_common(uint64_t a, uint64_t b, int sign_shift,
                                    bool a_nan, bool b_nan, bool any_snan,
                                    bool is_signaling, FloatStatus *s)
{
    int64_t ka, kb;

    if (a_nan || b_nan) {
        if (any_snan || is_signaling) {
            float_raise(s, FLOAT_FLAG_INVALID);
        }
        return FLOAT_RELATION_UNORDERED;
    }
    ka = order_key(a, sign_shift);
    kb = order_key(b, sign_shift);
    if (ka < kb) {
        return FLOAT_RELATION_LESS;
    }
    return ka == kb ? FLOAT_RELATION_EQUAL : FLOAT_RELATION_GREATER;
}

FloatRelation float32_compare(float32 a, float32 b, bool is_signaling,
                              FloatStatus *s)
{
    return compare_common(a, b, 31, float32_is_nan(a), float32_is_nan(b),
                          float32_is_signaling_nan(a) ||
                          float32_is_signaling_nan(b),
                          is_signaling, s);
}

FloatRelation float64_compare(float64 a, float64 b, bool is_signaling,
                              FloatStatus *s)
{
    return compare_common(a, b, 63, float64_is_nan(a), float64_is_nan(b),
                          float64_is_signaling_nan(a) ||
                          float64_is_signaling_nan(b),
                          is_signaling, s);
}

/*
 * Shared minimumNumber/maximumNumber: returns a, b, or dflt (the default
 * NaN) when both are NaN.
 */
static uint64_t minmax_common(uint64_t a, uint64_t b, int sign_shift,
                              bool a_nan, bool b_nan, bool any_snan,
                              bool is_max, uint64_t dflt, FloatStatus *s)
{
    int64_t ka, kb;

    if (any_snan) {
        float_raise(s, FLOAT_FLAG_INVALID);
    }
    if (a_nan) {
        return b_nan ? dflt : b;
    }
    if (b_nan) {
        return a;
    }
    ka = order_key_signed_zero(a, sign_shift);
    kb = order_key_signed_zero(b, sign_shift);
    if (is_max) {
        return ka >= kb ? a : b;
    }
    return ka <= kb ? a : b;
}

#define MINMAX32(a, b, is_max, s)                                           \
    (float32)minmax_common(a, b, 31, float32_is_nan(a), float32_is_nan(b),  \
                           float32_is_signaling_nan(a) ||                   \
                           float32_is_signaling_nan(b),                     \
                           is_max, FLOAT32_DEFAULT_NAN, s)
#define MINMAX64(a, b, is_max, s)                                           \
    minmax_common(a, b, 63, float64_is_nan(a), float64_is_nan(b),           \
                  float64_is_signaling_nan(a) ||                            \
                  float64_is_signaling_nan(b),                              \
                  is_max, FLOAT64_DEFAULT_NAN, s)

float32 float32_min_number(float32 a, float32 b, FloatStatus *s)
{
    return MINMAX32(a, b, false, s);
}

float32 float32_max_number(float32 a, float32 b, FloatStatus *s)
{
    return MINMAX32(a, b, true, s);
}

float64 float64_min_number(float64 a, float64 b, FloatStatus *s)
{
    return MINMAX64(a, b, false, s);
}

float64 float64_max_number(float64 a, float64 b, FloatStatus *s)
{
    return MINMAX64(a, b, true, s);
}
