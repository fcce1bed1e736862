/* SPDX-License-Identifier: MIT */
/*
 * The cryptographic extension against known answers: AES-128 of the
 * FIPS-197 example (AESE/AESMC, then AESD/AESIMC back), SHA-1 and
 * SHA-256 of "abc" and of a two-block message (SHA1C/P/M/H/SU0/SU1,
 * SHA256H/H2/SU0/SU1), and PMULL/PMULL2 of 64-bit polynomials.
 */
#include <arm_neon.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void hex(const char *name, const void *p, int n)
{
    const uint8_t *b = p;
    int i;

    printf("%s ", name);
    for (i = 0; i < n; i++) {
        printf("%02x", b[i]);
    }
    printf("\n");
}

/* ---- AES-128 ---- */

static uint8_t sbox(uint8_t x)
{
    /* one AESE with a zero key and a replicated byte gives S(x) */
    uint8x16_t v = vaeseq_u8(vdupq_n_u8(x), vdupq_n_u8(0));

    return vgetq_lane_u8(v, 0);
}

static void aes_test(void)
{
    static const uint8_t key[16] = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    };
    static const uint8_t pt[16] = {
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
        0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
    };
    uint8_t rk[11][16], out[16], back[16];
    uint8_t rcon = 1;
    uint8x16_t s;
    int r, i;

    memcpy(rk[0], key, 16);
    for (r = 1; r <= 10; r++) {
        uint8_t t[4];

        for (i = 0; i < 4; i++) {
            t[i] = sbox(rk[r - 1][12 + (i + 1) % 4]);
        }
        t[0] ^= rcon;
        rcon = (uint8_t)((rcon << 1) ^ (rcon & 0x80 ? 0x1b : 0));
        for (i = 0; i < 16; i++) {
            rk[r][i] = rk[r - 1][i] ^ (i < 4 ? t[i] : rk[r][i - 4]);
        }
    }
    s = vld1q_u8(pt);
    for (r = 0; r < 9; r++) {
        s = vaesmcq_u8(vaeseq_u8(s, vld1q_u8(rk[r])));
    }
    s = veorq_u8(vaeseq_u8(s, vld1q_u8(rk[9])), vld1q_u8(rk[10]));
    vst1q_u8(out, s);
    hex("aes128", out, 16);
    s = vaesdq_u8(s, vld1q_u8(rk[10]));
    for (r = 9; r > 0; r--) {
        s = vaesdq_u8(vaesimcq_u8(s), vaesimcq_u8(vld1q_u8(rk[r])));
    }
    s = veorq_u8(s, vld1q_u8(rk[0]));
    vst1q_u8(back, s);
    hex("aes128 back", back, 16);
}

/* ---- SHA ---- */

static void sha1_block(uint32_t *st, const uint8_t *data)
{
    static const uint32_t k[4] = {
        0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6,
    };
    uint32x4_t abcd = vld1q_u32(st), abcd0 = abcd, m[4];
    uint32_t e0 = st[4], e00 = e0, e1;
    int i;

    for (i = 0; i < 4; i++) {
        m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 16 * i)));
    }
    for (i = 0; i < 20; i++) {
        uint32x4_t wk = vaddq_u32(m[i % 4], vdupq_n_u32(k[i / 5]));

        e1 = vsha1h_u32(vgetq_lane_u32(abcd, 0));
        if (i < 5) {
            abcd = vsha1cq_u32(abcd, e0, wk);
        } else if (i < 10 || i >= 15) {
            abcd = vsha1pq_u32(abcd, e0, wk);
        } else {
            abcd = vsha1mq_u32(abcd, e0, wk);
        }
        e0 = e1;
        if (i < 16) {
            m[i % 4] = vsha1su1q_u32(vsha1su0q_u32(m[i % 4], m[(i + 1) % 4],
                                                   m[(i + 2) % 4]),
                                     m[(i + 3) % 4]);
        }
    }
    vst1q_u32(st, vaddq_u32(abcd, abcd0));
    st[4] = e0 + e00;
}

static uint32_t sha256_k[64];

/* The first 32 bits of the fractional part of the cube roots of primes. */
static void sha256_init_k(void)
{
    int n = 0, p;

    for (p = 2; n < 64; p++) {
        int q, prime = 1;

        for (q = 2; q * q <= p; q++) {
            prime &= p % q != 0;
        }
        if (prime) {
            double c = cbrt((double)p);

            sha256_k[n++] = (uint32_t)((c - floor(c)) * 4294967296.0);
        }
    }
}

static void sha256_block(uint32_t *st, const uint8_t *data)
{
    uint32x4_t s0 = vld1q_u32(st), s1 = vld1q_u32(st + 4), m[4];
    uint32x4_t a0 = s0, a1 = s1;
    int i;

    for (i = 0; i < 4; i++) {
        m[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 16 * i)));
    }
    for (i = 0; i < 16; i++) {
        uint32x4_t wk = vaddq_u32(m[i % 4], vld1q_u32(&sha256_k[4 * i]));
        uint32x4_t t = s0;

        s0 = vsha256hq_u32(s0, s1, wk);
        s1 = vsha256h2q_u32(s1, t, wk);
        if (i < 12) {
            m[i % 4] = vsha256su1q_u32(vsha256su0q_u32(m[i % 4],
                                                       m[(i + 1) % 4]),
                                       m[(i + 2) % 4], m[(i + 3) % 4]);
        }
    }
    vst1q_u32(st, vaddq_u32(s0, a0));
    vst1q_u32(st + 4, vaddq_u32(s1, a1));
}

/* Pad msg into blocks (at most 2) and hash with fn. */
static void sha(const char *name, const char *msg, int words,
                void (*fn)(uint32_t *, const uint8_t *), const uint32_t *iv)
{
    uint8_t buf[128] = { 0 };
    uint32_t st[8];
    size_t len = strlen(msg), nb = len + 9 > 64 ? 2 : 1, i;
    uint64_t bits = (uint64_t)len * 8;

    memcpy(st, iv, sizeof(st));
    memcpy(buf, msg, len);
    buf[len] = 0x80;
    for (i = 0; i < 8; i++) {
        buf[nb * 64 - 1 - i] = (uint8_t)(bits >> (8 * i));
    }
    for (i = 0; i < nb; i++) {
        fn(st, buf + 64 * i);
    }
    printf("%s(\"%.20s\") ", name, msg);
    for (i = 0; i < (size_t)words; i++) {
        printf("%08x", st[i]);
    }
    printf("\n");
}

int main(void)
{
    static const uint32_t sha1_iv[8] = {
        0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
    };
    static const uint32_t sha256_iv[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    static const char *const long_msg =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    poly64_t a = 0x8000000000000001ull, b = 0xf00000000000000full;
    poly128_t p;

    aes_test();
    sha256_init_k();
    sha("sha1", "abc", 5, sha1_block, sha1_iv);
    sha("sha1", long_msg, 5, sha1_block, sha1_iv);
    sha("sha256", "abc", 8, sha256_block, sha256_iv);
    sha("sha256", long_msg, 8, sha256_block, sha256_iv);
    p = vmull_p64(a, b);
    hex("pmull", &p, 16);
    p = vmull_high_p64(vreinterpretq_p64_u64(vdupq_n_u64(0x123456789abcdefull)),
                       vreinterpretq_p64_u64(vdupq_n_u64(0xfedcba987654321ull)));
    hex("pmull2", &p, 16);
    return 0;
}
