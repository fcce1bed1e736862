/* SPDX-License-Identifier: MIT */
/* Lane access to the V registers for the Advanced SIMD helpers. */
#ifndef TARGET_ARM_FPSIMD_HELPER_VEC_H
#define TARGET_ARM_FPSIMD_HELPER_VEC_H

#include <string.h>

#include "target/arm/helper-fpsimd.h"

/*
 * A copy of one 128-bit register: helpers read every source into one of
 * these before writing the destination, which may be a source too.
 * Lane i of size s (0..3: B, H, S, D) is at byte i << s (little-endian
 * hosts only, as everywhere in vemu).
 */
typedef struct Vec {
    uint64_t d[2];
} Vec;

static inline Vec vread(CPUARMState *env, int r)
{
    Vec v = { { env->vregs[r][0], env->vregs[r][1] } };

    return v;
}

/* Writes of 64-bit vectors (Q=0) clear bits 127:64. */
static inline void vwrite(CPUARMState *env, int r, Vec v, bool q)
{
    env->vregs[r][0] = v.d[0];
    env->vregs[r][1] = q ? v.d[1] : 0;
}

static inline uint64_t vget(const Vec *v, int i, int size)
{
    const uint8_t *p = (const uint8_t *)v->d;

    switch (size) {
    case 0:
        return p[i];
    case 1: {
        uint16_t x;
        memcpy(&x, p + 2 * i, 2);
        return x;
    }
    case 2: {
        uint32_t x;
        memcpy(&x, p + 4 * i, 4);
        return x;
    }
    default:
        return v->d[i & 1];
    }
}

static inline void vset(Vec *v, int i, int size, uint64_t x)
{
    uint8_t *p = (uint8_t *)v->d;

    switch (size) {
    case 0:
        p[i] = (uint8_t)x;
        break;
    case 1: {
        uint16_t y = (uint16_t)x;
        memcpy(p + 2 * i, &y, 2);
        break;
    }
    case 2: {
        uint32_t y = (uint32_t)x;
        memcpy(p + 4 * i, &y, 4);
        break;
    }
    default:
        v->d[i & 1] = x;
        break;
    }
}

/* Sign-extend a lane value of size s. */
static inline int64_t vsx(uint64_t x, int size)
{
    int sh = 64 - (8 << size);

    return (int64_t)(x << sh) >> sh;
}

/* Mask of a lane of size s. */
static inline uint64_t vmask(int size)
{
    return size == 3 ? ~0ull : (1ull << (8 << size)) - 1;
}

/* Lanes in a 64-bit (q=0) or 128-bit vector. */
static inline int velems(int size, bool q)
{
    return (q ? 16 : 8) >> size;
}

#endif
