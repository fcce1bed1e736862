/* SPDX-License-Identifier: MIT */
/*
 * Internal to fpu/: the unpacked form every soft-float operation works on,
 * and the format descriptors that unpack and round-pack use.
 */
#ifndef FPU_SOFTFLOAT_PARTS_H
#define FPU_SOFTFLOAT_PARTS_H

#include <stddef.h>

#include "vemu/softfloat.h"

typedef enum FloatClass {
    FLOAT_CLASS_ZERO,
    FLOAT_CLASS_NORMAL,     /* any finite nonzero value, subnormals too */
    FLOAT_CLASS_INF,
    FLOAT_CLASS_QNAN,
    FLOAT_CLASS_SNAN,
} FloatClass;

/*
 * A finite nonzero value is sig * 2^(exp - 62) with bit 62 of sig set.
 * Bits below the target precision hold the exact value truncated, with
 * bit 0 ORed with everything shifted out ("sticky"), which is all that
 * correct rounding to at most 61 bits needs. NaNs keep their fraction
 * left-aligned below bit 62 (quiet bit at 61) so payloads survive a
 * format change.
 */
typedef struct FloatParts {
    uint64_t sig;
    int32_t exp;
    uint8_t cls;
    bool sign;
} FloatParts;

typedef struct FloatFormat {
    int frac_bits;      /* stored fraction bits: 23 or 52 */
    int exp_bits;       /* 8 or 11 */
    int bias;           /* 127 or 1023 */
} FloatFormat;

extern const FloatFormat float32_format;
extern const FloatFormat float64_format;

#define PARTS_MSB 62
#define PARTS_ONE (1ull << PARTS_MSB)

static inline bool parts_is_nan(const FloatParts *p)
{
    return p->cls >= FLOAT_CLASS_QNAN;
}

FloatParts parts_unpack(uint64_t bits, const FloatFormat *fmt);
uint64_t parts_round_pack(FloatParts p, const FloatFormat *fmt,
                          FloatStatus *s);
/* NaN result of an operation with NaN operands (a, b, c may be NULL). */
FloatParts parts_pick_nan(const FloatParts *a, const FloatParts *b,
                          const FloatParts *c, FloatStatus *s);
FloatParts parts_default_nan(void);

/* Shift right, ORing every bit shifted out into bit 0. */
static inline uint64_t shr_jam64(uint64_t x, unsigned n)
{
    if (n == 0) {
        return x;
    }
    if (n >= 64) {
        return x != 0;
    }
    return (x >> n) | ((x & ((1ull << n) - 1)) != 0);
}

static inline unsigned __int128 shr_jam128(unsigned __int128 x, unsigned n)
{
    if (n == 0) {
        return x;
    }
    if (n >= 128) {
        return x != 0;
    }
    return (x >> n) | ((x & (((unsigned __int128)1 << n) - 1)) != 0);
}

static inline int clz128(unsigned __int128 x)
{
    uint64_t hi = (uint64_t)(x >> 64);

    if (hi) {
        return __builtin_clzll(hi);
    }
    return 64 + __builtin_clzll((uint64_t)x);
}

#endif
