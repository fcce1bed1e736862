/* SPDX-License-Identifier: MIT */
/*
 * Loops GCC auto-vectorizes at -O3 (built with -O3): integer widening
 * sums, saturating clamps, min/max reductions, byte histograms, dot
 * products, float and double axpy, conversions and compares with
 * selects; prints checksums of every loop.
 */
#include <stdint.h>
#include <stdio.h>

#define N 1027

static uint8_t u8a[N], u8b[N];
static int16_t s16a[N], s16b[N];
static int32_t s32a[N], s32b[N];
static uint32_t u32a[N];
static int64_t s64a[N];
static float fa[N], fb[N], fc[N];
static double da[N], db[N];

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3ull;
}

__attribute__((noinline)) static void init(unsigned seed)
{
    unsigned i, x = seed;

    for (i = 0; i < N; i++) {
        x = x * 1664525u + 1013904223u;
        u8a[i] = x >> 24;
        u8b[i] = x >> 16;
        s16a[i] = (int16_t)(x >> 8);
        s16b[i] = (int16_t)x;
        s32a[i] = (int32_t)x;
        s32b[i] = (int32_t)(x >> 3) - 1000000;
        u32a[i] = x ^ (x >> 13);
        s64a[i] = (int64_t)x * 977;
        fa[i] = (float)(int32_t)x / 65536.0f;
        fb[i] = (float)(x >> 20) - 2048.0f;
        da[i] = (double)(int32_t)x * 1e-3;
        db[i] = (double)(x >> 11) - 1e6;
    }
}

__attribute__((noinline)) static uint64_t loops(void)
{
    uint64_t h = 1469598103934665603ull;
    uint32_t sum8 = 0, hist[16] = { 0 };
    int64_t dot = 0, sum64 = 0;
    int32_t mx = INT32_MIN, mn = INT32_MAX;
    uint8_t umx = 0;
    float fs = 0;
    double ds = 0;
    unsigned i;

    for (i = 0; i < N; i++) {
        sum8 += u8a[i];
    }
    h = mix(h, sum8);
    for (i = 0; i < N; i++) {
        dot += (int32_t)s16a[i] * s16b[i];
    }
    h = mix(h, (uint64_t)dot);
    for (i = 0; i < N; i++) {
        int v = u8a[i] + u8b[i];
        u8a[i] = v > 255 ? 255 : v;
    }
    for (i = 0; i < N; i++) {
        int32_t v = s32a[i] >> 8;
        s16a[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
    for (i = 0; i < N; i++) {
        mx = s32a[i] > mx ? s32a[i] : mx;
        mn = s32b[i] < mn ? s32b[i] : mn;
        umx = u8b[i] > umx ? u8b[i] : umx;
    }
    h = mix(mix(mix(h, (uint32_t)mx), (uint32_t)mn), umx);
    for (i = 0; i < N; i++) {
        hist[u8b[i] & 15]++;
    }
    for (i = 0; i < 16; i++) {
        h = mix(h, hist[i]);
    }
    for (i = 0; i < N; i++) {
        s32a[i] = s32a[i] * 3 + (s32b[i] >> 2) - (int32_t)(u32a[i] >> 7);
        u32a[i] = (u32a[i] << 3) | (u32a[i] >> 29);
        s64a[i] += (int64_t)s32b[i] * s32a[i];
        sum64 += s64a[i];
    }
    h = mix(h, (uint64_t)sum64);
    for (i = 0; i < N; i++) {
        fc[i] = fa[i] * 1.5f + fb[i];
        fs += fc[i] > 0 ? fc[i] : -fc[i] * 0.5f;
    }
    for (i = 0; i < N; i++) {
        da[i] = da[i] * db[i] + 0.25 * da[i];
        ds += da[i] < db[i] ? da[i] : db[i];
    }
    for (i = 0; i < N; i++) {
        s32b[i] = (int32_t)fc[i];
        fb[i] = (float)s32a[i];
        db[i] = (double)s64a[i];
    }
    for (i = 0; i < N; i++) {
        h = mix(h, (uint64_t)s32a[i] ^ ((uint64_t)u32a[i] << 32));
        h = mix(h, (uint64_t)s32b[i] + u8a[i] + (uint16_t)s16a[i]);
        h = mix(h, (uint64_t)(int64_t)fb[i] ^ (uint64_t)(int64_t)db[i]);
    }
    printf("fs %a ds %a\n", fs, ds);
    return h;
}

int main(void)
{
    unsigned seed;

    for (seed = 1; seed < 6; seed++) {
        init(seed * 7919);
        printf("seed %u: %016llx\n", seed, (unsigned long long)loops());
    }
    return 0;
}
