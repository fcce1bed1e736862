/* SPDX-License-Identifier: MIT */
/*
 * glibc's AdvSIMD string and memory functions (memchr, strlen, strnlen,
 * strchr, strrchr, strcmp, strncmp, memcmp, memcpy, memmove, memset,
 * strcpy, stpcpy, memrchr, rawmemchr...) on every alignment of source
 * and target and many lengths, against byte-by-byte references. Any
 * mismatch is printed; a checksum of all results is printed at the end.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 512

static unsigned char b1[BUF + 64] __attribute__((aligned(64)));
static unsigned char b2[BUF + 64] __attribute__((aligned(64)));
static unsigned char b3[BUF + 64] __attribute__((aligned(64)));
static unsigned long fails, sum, runs;

static void check(const char *what, long got, long want, int al, int len)
{
    runs++;
    sum = sum * 31 + (unsigned long)got;
    if (got != want) {
        if (fails++ < 30) {
            printf("FAIL %s align %d len %d: got %ld want %ld\n", what, al,
                   len, got, want);
        }
    }
}

static int sgn(int x)
{
    return (x > 0) - (x < 0);
}

static int ref_strcmp(const unsigned char *a, const unsigned char *b,
                      size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (a[i] != b[i] || !a[i]) {
            return sgn(a[i] - b[i]);
        }
    }
    return 0;
}

static unsigned rnd_state = 12345;

static unsigned rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 16;
}

static void fill(unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        p[i] = (unsigned char)(1 + rnd() % 255);
    }
}

static void test_len_chr(void)
{
    int al, len;

    for (al = 0; al < 32; al++) {
        for (len = 0; len < 200; len += (len < 40 ? 1 : 7)) {
            unsigned char *s = b1 + al;
            unsigned char c;
            const unsigned char *p;
            size_t i, want;

            fill(b1, sizeof(b1));
            s[len] = 0;
            check("strlen", strlen((char *)s), len, al, len);
            check("strnlen", strnlen((char *)s, len / 2), len / 2, al, len);
            check("strnlen+", strnlen((char *)s, len + 9), len, al, len);
            c = len ? s[rnd() % len] : 7;
            for (want = 0; want < (size_t)len && s[want] != c; want++) {
            }
            p = memchr(s, c, len);
            check("memchr", p ? p - s : -1, want < (size_t)len ? (long)want : -1,
                  al, len);
            p = (unsigned char *)strchr((char *)s, c);
            check("strchr", p ? p - s : -1, want < (size_t)len ? (long)want : -1,
                  al, len);
            p = (unsigned char *)strchr((char *)s, 0);
            check("strchr0", p - s, len, al, len);
            p = (unsigned char *)strrchr((char *)s, c);
            for (i = len, want = (size_t)-1; i-- > 0;) {
                if (s[i] == c) {
                    want = i;
                    break;
                }
            }
            check("strrchr", p ? p - s : -1, (long)want, al, len);
            p = memrchr(s, c, len);
            check("memrchr", p ? p - s : -1, (long)want, al, len);
            p = memchr(s, 0x100 + c, len + 1);   /* only the low byte counts */
            for (want = 0; want <= (size_t)len && s[want] != c; want++) {
            }
            check("memchr-hi", p ? p - s : -1,
                  want <= (size_t)len ? (long)want : -1, al, len);
            p = (unsigned char *)strchrnul((char *)s, 0xff);
            for (want = 0; s[want] && s[want] != 0xff; want++) {
            }
            check("strchrnul", p - s, (long)want, al, len);
            p = rawmemchr(s, 0);
            check("rawmemchr", p - s, len, al, len);
        }
    }
}

static void test_cmp(void)
{
    int al1, al2, len;

    for (al1 = 0; al1 < 17; al1++) {
        for (al2 = 0; al2 < 17; al2 += 3) {
            for (len = 0; len < 150; len += (len < 33 ? 1 : 11)) {
                unsigned char *a = b1 + al1, *b = b2 + al2;
                int pos = len ? (int)(rnd() % len) : 0;

                fill(b1, sizeof(b1));
                memcpy(b, a, len + 1);
                a[len] = 0;
                b[len] = 0;
                check("strcmp=", sgn(strcmp((char *)a, (char *)b)), 0,
                      al1 * 32 + al2, len);
                check("memcmp=", sgn(memcmp(a, b, len)), 0, al1 * 32 + al2,
                      len);
                if (len) {
                    b[pos] = (unsigned char)(b[pos] + 1 + rnd() % 200);
                    if (b[pos] == 0) {
                        b[pos] = 1;
                    }
                    check("strcmp", sgn(strcmp((char *)a, (char *)b)),
                          ref_strcmp(a, b, len + 1), al1 * 32 + al2, len);
                    check("strncmp", sgn(strncmp((char *)a, (char *)b, pos)),
                          0, al1 * 32 + al2, len);
                    check("strncmp+", sgn(strncmp((char *)a, (char *)b,
                                                  pos + 1)),
                          ref_strcmp(a, b, pos + 1), al1 * 32 + al2, len);
                    check("memcmp", sgn(memcmp(a, b, len)),
                          sgn(a[pos] - b[pos]), al1 * 32 + al2, len);
                    b[pos] = 0;
                    check("strcmp0", sgn(strcmp((char *)a, (char *)b)),
                          ref_strcmp(a, b, len + 1), al1 * 32 + al2, len);
                }
            }
        }
    }
}

static void test_copy(void)
{
    int al1, al2, len;

    for (al1 = 0; al1 < 16; al1++) {
        for (al2 = 0; al2 < 16; al2 += 5) {
            for (len = 0; len < 300; len += (len < 70 ? 1 : 23)) {
                unsigned char *d = b2 + al2, *s = b1 + al1;
                int i, bad = 0;
                char *e;

                fill(b1, sizeof(b1));
                memset(b2, 0xee, sizeof(b2));
                memcpy(d, s, len);
                for (i = 0; i < len; i++) {
                    bad |= d[i] != s[i];
                }
                bad |= d[len] != 0xee || (al2 && d[-1] != 0xee);
                check("memcpy", bad, 0, al1 * 32 + al2, len);
                memset(d, al1, len);
                for (i = 0; i < len; i++) {
                    bad |= d[i] != al1;
                }
                bad |= d[len] != 0xee;
                check("memset", bad, 0, al1 * 32 + al2, len);
                s[len] = 0;
                e = stpcpy((char *)d, (char *)s);
                check("stpcpy", e - (char *)d, len, al1 * 32 + al2, len);
                check("strcpy", memcmp(d, s, len + 1) != 0, 0,
                      al1 * 32 + al2, len);
                /* overlapping moves both ways */
                memcpy(b3, b1, sizeof(b3));
                memmove(b1 + al2, b1 + al1, len);
                memmove(b3 + al2, b3 + al1, 0);
                for (i = 0; i < len; i++) {
                    bad |= b1[al2 + i] != b3[al1 + i];
                }
                check("memmove", bad, 0, al1 * 32 + al2, len);
            }
        }
    }
}

int main(void)
{
    test_len_chr();
    test_cmp();
    test_copy();
    printf("%lu runs, %lu failures, checksum %016lx\n", runs, fails, sum);
    return fails != 0;
}
