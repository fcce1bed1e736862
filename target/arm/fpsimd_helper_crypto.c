/* SPDX-License-Identifier: MIT */
/*
 * A64 cryptographic extension: AESE/AESD/AESMC/AESIMC and the SHA1 and
 * SHA256 hash-update insns, on env->vregs (PMULL is in
 * fpsimd_helper_vec2.c). The AES S-boxes are computed once from their
 * definition (inverse in GF(2^8), then the affine map).
 */
#include <pthread.h>

#include "target/arm/fpsimd_helper_vec.h"

static uint8_t aes_sbox[256], aes_inv_sbox[256];
static pthread_once_t aes_once = PTHREAD_ONCE_INIT;

/* Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;

    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (uint8_t)((a << 1) ^ (a & 0x80 ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

static void aes_init_tables(void)
{
    int i, j;

    for (i = 0; i < 256; i++) {
        uint8_t inv = 0, s, x;

        for (j = 1; j < 256 && i; j++) {
            if (gf_mul((uint8_t)i, (uint8_t)j) == 1) {
                inv = (uint8_t)j;
                break;
            }
        }
        /* affine map: b ^ rotl(b,1) ^ rotl(b,2) ^ rotl(b,3) ^ rotl(b,4) ^ 0x63 */
        s = inv;
        x = inv;
        for (j = 0; j < 4; j++) {
            x = (uint8_t)((x << 1) | (x >> 7));
            s ^= x;
        }
        s ^= 0x63;
        aes_sbox[i] = s;
        aes_inv_sbox[s] = (uint8_t)i;
    }
}

static void aes_tables(void)
{
    pthread_once(&aes_once, aes_init_tables);
}

/* State byte r + 4c is row r, column c (FIPS-197 order). */
static void aes_round(CPUARMState *env, uint32_t desc, bool decrypt)
{
    Vec d = vread(env, VDESC_D(desc)), n = vread(env, VDESC_N(desc));
    uint8_t in[16], out[16];
    int r, c;

    aes_tables();
    d.d[0] ^= n.d[0];
    d.d[1] ^= n.d[1];
    memcpy(in, d.d, 16);
    for (c = 0; c < 4; c++) {
        for (r = 0; r < 4; r++) {
            int src = decrypt ? (c - r + 4) % 4 : (c + r) % 4;
            uint8_t b = in[r + 4 * src];

            out[r + 4 * c] = decrypt ? aes_inv_sbox[b] : aes_sbox[b];
        }
    }
    memcpy(d.d, out, 16);
    vwrite(env, VDESC_D(desc), d, true);
}

static void aes_mix(CPUARMState *env, uint32_t desc, bool inverse)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, inv[4] = { 14, 11, 13, 9 };
    const uint8_t *k = inverse ? inv : fwd;
    Vec n = vread(env, VDESC_N(desc)), d;
    uint8_t in[16], out[16];
    int r, c, i;

    memcpy(in, n.d, 16);
    for (c = 0; c < 4; c++) {
        for (r = 0; r < 4; r++) {
            uint8_t x = 0;

            for (i = 0; i < 4; i++) {
                x ^= gf_mul(k[(i - r + 4) % 4], in[i + 4 * c]);
            }
            out[r + 4 * c] = x;
        }
    }
    memcpy(d.d, out, 16);
    vwrite(env, VDESC_D(desc), d, true);
}

void helper_vaese(CPUARMState *env, uint32_t desc)
{
    aes_round(env, desc, false);
}

void helper_vaesd(CPUARMState *env, uint32_t desc)
{
    aes_round(env, desc, true);
}

void helper_vaesmc(CPUARMState *env, uint32_t desc)
{
    aes_mix(env, desc, false);
}

void helper_vaesimc(CPUARMState *env, uint32_t desc)
{
    aes_mix(env, desc, true);
}

/* ---- SHA ---- */

static inline uint32_t rol32(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static inline uint32_t ror32(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

static void get4(const Vec *v, uint32_t *w)
{
    memcpy(w, v->d, 16);
}

static void put4(CPUARMState *env, int r, const uint32_t *w)
{
    Vec v;

    memcpy(v.d, w, 16);
    vwrite(env, r, v, true);
}

/* SHA1C/SHA1P/SHA1M: op 0 choose, 1 parity, 2 majority. */
static void sha1_hash(CPUARMState *env, uint32_t desc, int op)
{
    Vec vd = vread(env, VDESC_D(desc)), vn = vread(env, VDESC_N(desc));
    Vec vm = vread(env, VDESC_M(desc));
    uint32_t x[4], w[4], y = (uint32_t)vn.d[0], t;
    int e;

    get4(&vd, x);
    get4(&vm, w);
    for (e = 0; e < 4; e++) {
        switch (op) {
        case 0:
            t = (x[1] & x[2]) | (~x[1] & x[3]);
            break;
        case 1:
            t = x[1] ^ x[2] ^ x[3];
            break;
        default:
            t = (x[1] & x[2]) | (x[1] & x[3]) | (x[2] & x[3]);
            break;
        }
        y = y + rol32(x[0], 5) + t + w[e];
        x[1] = rol32(x[1], 30);
        /* (Y:X) rotated left by 32 */
        t = x[3];
        x[3] = x[2];
        x[2] = x[1];
        x[1] = x[0];
        x[0] = y;
        y = t;
    }
    put4(env, VDESC_D(desc), x);
}

void helper_vsha1c(CPUARMState *env, uint32_t desc)
{
    sha1_hash(env, desc, 0);
}

void helper_vsha1p(CPUARMState *env, uint32_t desc)
{
    sha1_hash(env, desc, 1);
}

void helper_vsha1m(CPUARMState *env, uint32_t desc)
{
    sha1_hash(env, desc, 2);
}

void helper_vsha1h(CPUARMState *env, uint32_t desc)
{
    Vec n = vread(env, VDESC_N(desc)), r = { { 0, 0 } };

    r.d[0] = rol32((uint32_t)n.d[0], 30);
    vwrite(env, VDESC_D(desc), r, true);
}

void helper_vsha1su0(CPUARMState *env, uint32_t desc)
{
    Vec d = vread(env, VDESC_D(desc)), n = vread(env, VDESC_N(desc));
    Vec m = vread(env, VDESC_M(desc)), r;

    r.d[0] = d.d[1] ^ d.d[0] ^ m.d[0];
    r.d[1] = n.d[0] ^ d.d[1] ^ m.d[1];
    vwrite(env, VDESC_D(desc), r, true);
}

void helper_vsha1su1(CPUARMState *env, uint32_t desc)
{
    Vec d = vread(env, VDESC_D(desc)), n = vread(env, VDESC_N(desc));
    uint32_t x[4], y[4], t[4], w[4];
    int e;

    get4(&d, x);
    get4(&n, y);
    /* T = Vd ^ (Vn >> 32) */
    t[0] = x[0] ^ y[1];
    t[1] = x[1] ^ y[2];
    t[2] = x[2] ^ y[3];
    t[3] = x[3];
    for (e = 0; e < 4; e++) {
        w[e] = rol32(t[e], 1);
    }
    w[3] ^= rol32(t[0], 2);
    put4(env, VDESC_D(desc), w);
}

static void sha256_hash(uint32_t *x, uint32_t *y, const uint32_t *w)
{
    int e;

    for (e = 0; e < 4; e++) {
        uint32_t chs = (y[0] & y[1]) | (~y[0] & y[2]);
        uint32_t maj = (x[0] & x[1]) | (x[0] & x[2]) | (x[1] & x[2]);
        uint32_t s1 = ror32(y[0], 6) ^ ror32(y[0], 11) ^ ror32(y[0], 25);
        uint32_t s0 = ror32(x[0], 2) ^ ror32(x[0], 13) ^ ror32(x[0], 22);
        uint32_t t = y[3] + s1 + chs + w[e], x3, y3;

        x3 = t + x[3];
        y3 = t + s0 + maj;
        /* (Y:X) rotated left by 32 */
        x[3] = x[2];
        x[2] = x[1];
        x[1] = x[0];
        x[0] = y3;
        y[3] = y[2];
        y[2] = y[1];
        y[1] = y[0];
        y[0] = x3;
    }
}

void helper_vsha256h(CPUARMState *env, uint32_t desc)
{
    Vec vd = vread(env, VDESC_D(desc)), vn = vread(env, VDESC_N(desc));
    Vec vm = vread(env, VDESC_M(desc));
    uint32_t x[4], y[4], w[4];

    get4(&vd, x);
    get4(&vn, y);
    get4(&vm, w);
    sha256_hash(x, y, w);
    put4(env, VDESC_D(desc), x);
}

void helper_vsha256h2(CPUARMState *env, uint32_t desc)
{
    Vec vd = vread(env, VDESC_D(desc)), vn = vread(env, VDESC_N(desc));
    Vec vm = vread(env, VDESC_M(desc));
    uint32_t x[4], y[4], w[4];

    get4(&vn, x);
    get4(&vd, y);
    get4(&vm, w);
    sha256_hash(x, y, w);
    put4(env, VDESC_D(desc), y);
}

void helper_vsha256su0(CPUARMState *env, uint32_t desc)
{
    Vec vd = vread(env, VDESC_D(desc)), vn = vread(env, VDESC_N(desc));
    uint32_t d[4], n[4], t[4], r[4];
    int e;

    get4(&vd, d);
    get4(&vn, n);
    t[0] = d[1];
    t[1] = d[2];
    t[2] = d[3];
    t[3] = n[0];
    for (e = 0; e < 4; e++) {
        r[e] = (ror32(t[e], 7) ^ ror32(t[e], 18) ^ (t[e] >> 3)) + d[e];
    }
    put4(env, VDESC_D(desc), r);
}

void helper_vsha256su1(CPUARMState *env, uint32_t desc)
{
    Vec vd = vread(env, VDESC_D(desc)), vn = vread(env, VDESC_N(desc));
    Vec vm = vread(env, VDESC_M(desc));
    uint32_t d[4], n[4], m[4], t0[4], r[4];
    int e;

    get4(&vd, d);
    get4(&vn, n);
    get4(&vm, m);
    t0[0] = n[1];
    t0[1] = n[2];
    t0[2] = n[3];
    t0[3] = m[0];
    for (e = 0; e < 4; e++) {
        uint32_t x = e < 2 ? m[e + 2] : r[e - 2];

        x = ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
        r[e] = x + d[e] + t0[e];
    }
    put4(env, VDESC_D(desc), r);
}
