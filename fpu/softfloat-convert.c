/* SPDX-License-Identifier: MIT */
/* Soft-float conversions: between formats and to and from integers. */
#include "softfloat-parts.h"

float32 float64_to_float32(float64 a, FloatStatus *s)
{
    FloatParts p = parts_unpack(a, &float64_format);

    if (parts_is_nan(&p)) {
        p = parts_pick_nan(&p, NULL, NULL, s);
    }
    return (float32)parts_round_pack(p, &float32_format, s);
}

float64 float32_to_float64(float32 a, FloatStatus *s)
{
    FloatParts p = parts_unpack(a, &float32_format);

    if (parts_is_nan(&p)) {
        p = parts_pick_nan(&p, NULL, NULL, s);
    }
    return parts_round_pack(p, &float64_format, s);
}

/* An integer magnitude as parts (exact up to the sticky bit). */
static FloatParts parts_from_uint(uint64_t mag, bool sign)
{
    FloatParts p = { 0 };
    int k;

    p.sign = sign;
    if (mag == 0) {
        p.cls = FLOAT_CLASS_ZERO;
        return p;
    }
    p.cls = FLOAT_CLASS_NORMAL;
    k = 63 - __builtin_clzll(mag);
    p.exp = k;
    if (k == 63) {
        p.sig = shr_jam64(mag, 1);
    } else {
        p.sig = mag << (PARTS_MSB - k);
    }
    return p;
}

static uint64_t int_mag(int64_t a)
{
    return a < 0 ? 0 - (uint64_t)a : (uint64_t)a;
}

float32 int64_to_float32(int64_t a, FloatStatus *s)
{
    return (float32)parts_round_pack(parts_from_uint(int_mag(a), a < 0),
                                     &float32_format, s);
}

float32 uint64_to_float32(uint64_t a, FloatStatus *s)
{
    return (float32)parts_round_pack(parts_from_uint(a, false),
                                     &float32_format, s);
}

float64 int64_to_float64(int64_t a, FloatStatus *s)
{
    return parts_round_pack(parts_from_uint(int_mag(a), a < 0),
                            &float64_format, s);
}

float64 uint64_to_float64(uint64_t a, FloatStatus *s)
{
    return parts_round_pack(parts_from_uint(a, false), &float64_format, s);
}

/*
 * Round a finite nonzero value to an integer magnitude. Sets *big when
 * the magnitude reaches 2^64 (exactly, or after rounding).
 */
static uint64_t parts_round_to_uint(const FloatParts *p, int rm,
                                    bool *inexact, bool *big)
{
    uint64_t ip, rem, half;
    bool up;
    int shift;

    *inexact = false;
    *big = false;
    if (p->exp >= 64) {
        *big = true;
        return 0;
    }
    if (p->exp >= PARTS_MSB) {
        return p->sig << (p->exp - PARTS_MSB);
    }
    shift = PARTS_MSB - p->exp;
    if (shift >= 64) {
        /* Below 0.5: only the directed modes can round up to 1. */
        ip = 0;
        rem = 1;
        half = 2;
    } else {
        ip = p->sig >> shift;
        rem = p->sig & ((1ull << shift) - 1);
        half = 1ull << (shift - 1);
    }
    if (rem == 0) {
        return ip;
    }
    *inexact = true;
    switch (rm) {
    case FLOAT_ROUND_TO_ZERO:
        up = false;
        break;
    case FLOAT_ROUND_DOWN:
        up = p->sign;
        break;
    case FLOAT_ROUND_UP:
        up = !p->sign;
        break;
    case FLOAT_ROUND_TIES_AWAY:
        up = rem >= half;
        break;
    default:
        up = rem > half || (rem == half && (ip & 1));
        break;
    }
    return ip + up;
}

/* Convert to a signed integer of the given width, saturating. */
static int64_t parts_to_sint(FloatParts p, int rm, int bits, FloatStatus *s)
{
    uint64_t limit = 1ull << (bits - 1);
    int64_t min = (int64_t)(0 - limit);
    int64_t max = (int64_t)(limit - 1);
    bool inexact, big;
    uint64_t mag;

    switch (p.cls) {
    case FLOAT_CLASS_ZERO:
        return 0;
    case FLOAT_CLASS_INF:
        float_raise(s, FLOAT_FLAG_INVALID);
        return p.sign ? min : max;
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        float_raise(s, FLOAT_FLAG_INVALID);
        return max;
    default:
        break;
    }
    mag = parts_round_to_uint(&p, rm, &inexact, &big);
    if (big || mag > (p.sign ? limit : limit - 1)) {
        float_raise(s, FLOAT_FLAG_INVALID);
        return p.sign ? min : max;
    }
    if (inexact) {
        float_raise(s, FLOAT_FLAG_INEXACT);
    }
    return p.sign ? (int64_t)(0 - mag) : (int64_t)mag;
}

/* Convert to an unsigned integer of the given width, saturating. */
static uint64_t parts_to_uint(FloatParts p, int rm, int bits, FloatStatus *s)
{
    uint64_t max = bits == 64 ? ~0ull : (1ull << bits) - 1;
    bool inexact, big;
    uint64_t mag;

    switch (p.cls) {
    case FLOAT_CLASS_ZERO:
        return 0;
    case FLOAT_CLASS_INF:
        float_raise(s, FLOAT_FLAG_INVALID);
        return p.sign ? 0 : max;
    case FLOAT_CLASS_QNAN:
    case FLOAT_CLASS_SNAN:
        float_raise(s, FLOAT_FLAG_INVALID);
        return max;
    default:
        break;
    }
    mag = parts_round_to_uint(&p, rm, &inexact, &big);
    if (p.sign && (big || mag != 0)) {
        float_raise(s, FLOAT_FLAG_INVALID);
        return 0;
    }
    if (big || mag > max) {
        float_raise(s, FLOAT_FLAG_INVALID);
        return max;
    }
    if (inexact) {
        float_raise(s, FLOAT_FLAG_INEXACT);
    }
    return mag;
}

#define U32(x) parts_unpack(x, &float32_format)
#define U64(x) parts_unpack(x, &float64_format)

int32_t float32_to_int32(float32 a, FloatRoundMode rm, FloatStatus *s)
{
    return (int32_t)parts_to_sint(U32(a), rm, 32, s);
}

uint32_t float32_to_uint32(float32 a, FloatRoundMode rm, FloatStatus *s)
{
    return (uint32_t)parts_to_uint(U32(a), rm, 32, s);
}

int64_t float32_to_int64(float32 a, FloatRoundMode rm, FloatStatus *s)
{
    return parts_to_sint(U32(a), rm, 64, s);
}

uint64_t float32_to_uint64(float32 a, FloatRoundMode rm, FloatStatus *s)
{
    return parts_to_uint(U32(a), rm, 64, s);
}

int32_t float64_to_int32(float64 a, FloatRoundMode rm, FloatStatus *s)
{
    return (int32_t)parts_to_sint(U64(a), rm, 32, s);
}

uint32_t float64_to_uint32(float64 a, FloatRoundMode rm, FloatStatus *s)
{
    return (uint32_t)parts_to_uint(U64(a), rm, 32, s);
}

int64_t float64_to_int64(float64 a, FloatRoundMode rm, FloatStatus *s)
{
    return parts_to_sint(U64(a), rm, 64, s);
}

uint64_t float64_to_uint64(float64 a, FloatRoundMode rm, FloatStatus *s)
{
    return parts_to_uint(U64(a), rm, 64, s);
}
