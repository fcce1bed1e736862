/* SPDX-License-Identifier: MIT */
/* Benchmark: LZ77 compressor (hash chains) + decompressor round trip. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 32768
#define MIN_MATCH 4
#define MAX_MATCH 258
#define HASH_BITS 15
#define CHAIN 32

/* Output: literal runs and (distance, length) pairs, byte-oriented. */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out)
{
    static int32_t head[1 << HASH_BITS];
    int32_t *prev = malloc(n * sizeof(*prev));
    size_t o = 0, lit_start = 0, i = 0;

    memset(head, -1, sizeof(head));
    while (i + MIN_MATCH <= n) {
        uint32_t h = (in[i] | in[i + 1] << 8 | in[i + 2] << 16 |
                      (uint32_t)in[i + 3] << 24) * 2654435761u >>
                     (32 - HASH_BITS);
        int32_t cand = head[h];
        size_t best = 0, dist = 0;
        for (int c = 0; c < CHAIN && cand >= 0 && i - cand <= WINDOW; c++) {
            size_t l = 0;
            while (l < MAX_MATCH && i + l < n && in[cand + l] == in[i + l]) {
                l++;
            }
            if (l > best) {
                best = l;
                dist = i - cand;
            }
            cand = prev[cand];
        }
        prev[i] = head[h];
        head[h] = i;
        if (best >= MIN_MATCH) {
            /* Flush pending literals: 0x00 len16 bytes. */
            while (lit_start < i) {
                size_t run = i - lit_start > 65535 ? 65535 : i - lit_start;
                out[o++] = 0;
                out[o++] = run;
                out[o++] = run >> 8;
                memcpy(out + o, in + lit_start, run);
                o += run;
                lit_start += run;
            }
            out[o++] = 1;
            out[o++] = best - MIN_MATCH;
            out[o++] = dist;
            out[o++] = dist >> 8;
            for (size_t k = 1; k < best && i + k + MIN_MATCH <= n; k++) {
                size_t j = i + k;
                uint32_t h2 = (in[j] | in[j + 1] << 8 | in[j + 2] << 16 |
                               (uint32_t)in[j + 3] << 24) * 2654435761u >>
                              (32 - HASH_BITS);
                prev[j] = head[h2];
                head[h2] = j;
            }
            i += best;
            lit_start = i;
        } else {
            i++;
        }
    }
    i = n;
    while (lit_start < i) {
        size_t run = i - lit_start > 65535 ? 65535 : i - lit_start;
        out[o++] = 0;
        out[o++] = run;
        out[o++] = run >> 8;
        memcpy(out + o, in + lit_start, run);
        o += run;
        lit_start += run;
    }
    free(prev);
    return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out)
{
    size_t i = 0, o = 0;

    while (i < n) {
        if (in[i] == 0) {
            size_t run = in[i + 1] | in[i + 2] << 8;
            memcpy(out + o, in + i + 3, run);
            o += run;
            i += 3 + run;
        } else {
            size_t len = in[i + 1] + MIN_MATCH;
            size_t dist = in[i + 2] | in[i + 3] << 8;
            for (size_t k = 0; k < len; k++) {
                out[o + k] = out[o - dist + k];
            }
            o += len;
            i += 4;
        }
    }
    return o;
}

int main(void)
{
    size_t n = 12u << 20;
    uint8_t *in = malloc(n), *c = malloc(n + n / 2 + 1024), *d = malloc(n);
    static const char *const words[] = {
        "the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ",
        "dog ", "emulator ", "riscv ", "vemu ", "\n", "0123456789 ",
    };
    uint32_t x = 7;
    size_t p = 0;

    /* Text-like input with repetition at many distances. */
    while (p < n) {
        x = x * 1103515245u + 12345u;
        const char *w = words[(x >> 16) % 13];
        size_t l = strlen(w);
        if ((x >> 8) % 11 == 0) {
            in[p++] = (uint8_t)(x >> 3);
            continue;
        }
        for (size_t k = 0; k < l && p < n; k++) {
            in[p++] = w[k];
        }
    }
    size_t cn = compress(in, n, c);
    size_t dn = decompress(c, cn, d);
    int ok = dn == n && memcmp(in, d, n) == 0;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < cn; i++) {
        h = (h ^ c[i]) * 1099511628211ull;
    }
    printf("lz77: %zu -> %zu bytes, round trip %s, hash %016llx\n", n, cn,
           ok ? "ok" : "FAILED", (unsigned long long)h);
    return ok ? 0 : 1;
}
