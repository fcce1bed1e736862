/* SPDX-License-Identifier: MIT */
/*
 * Compiler-generated integer code under glibc: 128-bit arithmetic,
 * jump tables, setjmp/longjmp, qsort/bsearch, varargs, bit-fields,
 * string conversions, C11 atomics through libatomic-free builtins.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf jb;

struct bits {
    unsigned a : 3;
    signed b : 7;
    unsigned c : 13;
    signed d : 9;
    uint64_t e : 37;
};

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static long vsum(int n, ...)
{
    va_list ap;
    long s = 0;

    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        s += (i & 1) ? va_arg(ap, long) : va_arg(ap, int);
    }
    va_end(ap);
    return s;
}

static __attribute__((noinline)) const char *kind(int c)
{
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return "vowel";
    case '0' ... '9': return "digit";
    case ' ': return "space";
    case 'A' ... 'Z': return "upper";
    default: return "other";
    }
}

static void deep(int n);
static void (*volatile deep_ptr)(int) = deep;

static __attribute__((noinline)) void deep(int n)
{
    if (n == 0) {
        longjmp(jb, 42);
    }
    deep_ptr(n - 1);
}

int main(void)
{
    unsigned __int128 a = ((unsigned __int128)0x0123456789abcdefull << 64) |
                          0xfedcba9876543210ull;
    __int128 sa = -(__int128)a / 7;
    uint64_t arr[64];
    uint64_t x = 88172645463325252ull;
    struct bits bf;
    _Atomic uint64_t at = 5;
    char buf[64];

    for (int i = 0; i < 3; i++) {
        a = a * a + 0x9e3779b97f4a7c15ull;
        printf("u128 %016" PRIx64 "%016" PRIx64 " / %" PRIu64 "\n",
               (uint64_t)(a >> 64), (uint64_t)a,
               (uint64_t)(a / 0xfffffffbu % 1000000007u));
    }
    printf("s128 %" PRId64 " %" PRId64 "\n", (int64_t)(sa >> 64),
           (int64_t)(sa % 1000003));
    for (int i = 0; i < 64; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        arr[i] = x % 100000;
    }
    qsort(arr, 64, sizeof(arr[0]), cmp_u64);
    printf("sorted %" PRIu64 " %" PRIu64 " %" PRIu64 " found %d\n", arr[0],
           arr[31], arr[63],
           bsearch(&arr[17], arr, 64, sizeof(arr[0]), cmp_u64) != NULL);
    printf("vsum %ld\n", vsum(6, 1, -2L, 3, 1L << 40, -5, 6L));
    for (const char *s = "aZ 7q"; *s; s++) {
        printf("%c:%s ", *s, kind(*s));
    }
    printf("\n");
    memset(&bf, 0, sizeof(bf));
    bf.a = 5;
    bf.b = -50;
    bf.c = 8191;
    bf.d = -256;
    bf.e = 0x1fffffffffull;
    bf.b += 3;
    printf("bits %u %d %u %d %" PRIx64 "\n", bf.a, bf.b, bf.c, bf.d,
           (uint64_t)bf.e);
    if (setjmp(jb) == 0) {
        deep(100);
    } else {
        printf("longjmp back\n");
    }
    atomic_fetch_add(&at, 10);
    printf("atomic %" PRIu64 " %d\n", (uint64_t)atomic_exchange(&at, 3),
           (int)atomic_compare_exchange_strong(&at, &(uint64_t){3}, 9));
    printf("strtoul %lu %ld %llx\n", strtoul("4294967297", NULL, 10),
           strtol("-0x7fffffff", NULL, 16), strtoull("ffffffffffffffff", NULL, 16));
    snprintf(buf, sizeof(buf), "%08x|%-6d|%+ld|%llu", 0xbeef, -42, 99L,
             18446744073709551615ull);
    printf("%s %zu\n", buf, strlen(buf));
    printf("clz %d ctz %d pop %d bswap %" PRIx64 "\n",
           __builtin_clzll(0x00f0000000000000ull), __builtin_ctzll(1ull << 45),
           __builtin_popcountll(0xf0f0f0f0f0f0f0f1ull),
           __builtin_bswap64(0x0102030405060708ull));
    return 0;
}
