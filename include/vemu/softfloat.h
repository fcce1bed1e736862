/* SPDX-License-Identifier: MIT */
/*
 * Exact IEEE 754 binary32/binary64 arithmetic in software, for guest FPU
 * emulation. Every operation is correctly rounded in all five rounding
 * modes and reports the five IEEE exception flags; the target decides
 * tininess detection and NaN behaviour through FloatStatus.
 */
#ifndef VEMU_SOFTFLOAT_H
#define VEMU_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t float32;
typedef uint64_t float64;

/* Numbered like RISC-V's frm field so that targets can map cheaply. */
typedef enum FloatRoundMode {
    FLOAT_ROUND_NEAREST_EVEN = 0,
    FLOAT_ROUND_TO_ZERO = 1,
    FLOAT_ROUND_DOWN = 2,
    FLOAT_ROUND_UP = 3,
    FLOAT_ROUND_TIES_AWAY = 4,
} FloatRoundMode;

/* Exception flags; bit values equal RISC-V fflags. */
enum {
    FLOAT_FLAG_INEXACT = 1,
    FLOAT_FLAG_UNDERFLOW = 2,
    FLOAT_FLAG_OVERFLOW = 4,
    FLOAT_FLAG_DIVBYZERO = 8,
    FLOAT_FLAG_INVALID = 16,
};

typedef struct FloatStatus {
    uint8_t rounding_mode;     /* FloatRoundMode */
    uint8_t flags;             /* accrued FLOAT_FLAG_* */
    /*
     * Underflow is signalled for tiny inexact results. Tiny means below
     * the smallest normal before rounding (ARM) or after rounding to the
     * target precision with an unbounded exponent (RISC-V, x86).
     */
    bool tininess_before_rounding;
    /*
     * Every NaN result is the default NaN (positive, quiet bit only).
     * When false, the first signalling NaN operand (quieted), else the
     * first quiet NaN operand, is propagated.
     */
    bool default_nan_mode;
} FloatStatus;

/* Negation controls for the fused multiply-add. */
enum {
    FLOAT_MULADD_NEGATE_C = 1,         /* a * b - c */
    FLOAT_MULADD_NEGATE_PRODUCT = 2,   /* -(a * b) + c */
};

/* Result of a comparison. */
typedef enum FloatRelation {
    FLOAT_RELATION_LESS = -1,
    FLOAT_RELATION_EQUAL = 0,
    FLOAT_RELATION_GREATER = 1,
    FLOAT_RELATION_UNORDERED = 2,
} FloatRelation;

#define FLOAT32_DEFAULT_NAN 0x7fc00000u
#define FLOAT64_DEFAULT_NAN 0x7ff8000000000000ull

static inline void float_raise(FloatStatus *s, int flags)
{
    s->flags |= flags;
}

static inline bool float32_is_nan(float32 a)
{
    return (a & 0x7fffffffu) > 0x7f800000u;
}

static inline bool float64_is_nan(float64 a)
{
    return (a & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
}

static inline bool float32_is_signaling_nan(float32 a)
{
    return float32_is_nan(a) && !(a & 0x00400000u);
}

static inline bool float64_is_signaling_nan(float64 a)
{
    return float64_is_nan(a) && !(a & 0x0008000000000000ull);
}

/* Arithmetic (fpu/softfloat.c). */
float32 float32_add(float32 a, float32 b, FloatStatus *s);
float32 float32_sub(float32 a, float32 b, FloatStatus *s);
float32 float32_mul(float32 a, float32 b, FloatStatus *s);
float32 float32_div(float32 a, float32 b, FloatStatus *s);
float32 float32_sqrt(float32 a, FloatStatus *s);
float32 float32_muladd(float32 a, float32 b, float32 c, int negate,
                       FloatStatus *s);
float64 float64_add(float64 a, float64 b, FloatStatus *s);
float64 float64_sub(float64 a, float64 b, FloatStatus *s);
float64 float64_mul(float64 a, float64 b, FloatStatus *s);
float64 float64_div(float64 a, float64 b, FloatStatus *s);
float64 float64_sqrt(float64 a, FloatStatus *s);
float64 float64_muladd(float64 a, float64 b, float64 c, int negate,
                       FloatStatus *s);

/*
 * Comparisons, min/max (fpu/softfloat-compare.c). A signalling NaN
 * operand always raises invalid; a quiet one only if is_signaling.
 */
FloatRelation float32_compare(float32 a, float32 b, bool is_signaling,
                              FloatStatus *s);
FloatRelation float64_compare(float64 a, float64 b, bool is_signaling,
                              FloatStatus *s);
/*
 * IEEE 754-2019 minimumNumber/maximumNumber: -0 < +0, a NaN operand
 * yields the other operand, two NaNs the default NaN, and a signalling
 * NaN raises invalid.
 */
float32 float32_min_number(float32 a, float32 b, FloatStatus *s);
float32 float32_max_number(float32 a, float32 b, FloatStatus *s);
float64 float64_min_number(float64 a, float64 b, FloatStatus *s);
float64 float64_max_number(float64 a, float64 b, FloatStatus *s);

/*
 * Conversions (fpu/softfloat-convert.c). Float to integer rounds with
 * the given mode; out-of-range values saturate and raise invalid only;
 * NaN converts to the largest positive value.
 */
float32 float64_to_float32(float64 a, FloatStatus *s);
float64 float32_to_float64(float32 a, FloatStatus *s);
float32 int64_to_float32(int64_t a, FloatStatus *s);
float32 uint64_to_float32(uint64_t a, FloatStatus *s);
float64 int64_to_float64(int64_t a, FloatStatus *s);
float64 uint64_to_float64(uint64_t a, FloatStatus *s);
int32_t float32_to_int32(float32 a, FloatRoundMode rm, FloatStatus *s);
uint32_t float32_to_uint32(float32 a, FloatRoundMode rm, FloatStatus *s);
int64_t float32_to_int64(float32 a, FloatRoundMode rm, FloatStatus *s);
uint64_t float32_to_uint64(float32 a, FloatRoundMode rm, FloatStatus *s);
int32_t float64_to_int32(float64 a, FloatRoundMode rm, FloatStatus *s);
uint32_t float64_to_uint32(float64 a, FloatRoundMode rm, FloatStatus *s);
int64_t float64_to_int64(float64 a, FloatRoundMode rm, FloatStatus *s);
uint64_t float64_to_uint64(float64 a, FloatRoundMode rm, FloatStatus *s);

#endif
