/* SPDX-License-Identifier: MIT */
/* Benchmark: libc string/memory routines (memcpy, strlen, strstr, qsort). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    size_t n = 1 << 20;
    char *a = malloc(n + 64), *b = malloc(n + 64);
    uint64_t acc = 0;
    uint32_t x = 99;

    for (size_t i = 0; i < n; i++) {
        x = x * 1664525u + 1013904223u;
        a[i] = 'a' + (x >> 24) % 26;
    }
    a[n] = 0;
    /* Copies at every alignment, both directions. */
    for (int r = 0; r < 600; r++) {
        size_t off = r % 13;
        memcpy(b + off, a + (r % 7), n - 16);
        memmove(b + 1, b + off, n / 2);
        acc += (unsigned char)b[n / 3] + memcmp(a, b, 64);
    }
    /* Strings of many lengths. */
    char **words = malloc(400000 * sizeof(*words));
    size_t p = 0;
    for (int w = 0; w < 400000; w++) {
        size_t len = 3 + (p * 7 + w) % 29;
        words[w] = malloc(len + 1);
        memcpy(words[w], a + (p % (n - 64)), len);
        words[w][len] = 0;
        p += len * 13 + 1;
        acc += strlen(words[w]);
    }
    qsort(words, 400000, sizeof(*words), cmp_str);
    for (int w = 1; w < 400000; w++) {
        if (strcmp(words[w - 1], words[w]) > 0) {
            printf("qsort order broken\n");
            return 1;
        }
    }
    acc = acc * 31 + (unsigned char)words[200000][0];
    for (int r = 0; r < 30; r++) {
        char needle[5] = { 'q', 'z', (char)('a' + r % 26), 'x', 0 };
        char *hit = strstr(a, needle);
        acc = acc * 31 + (hit ? (uint64_t)(hit - a) : 7);
        acc += (uint64_t)(strchr(a + r, 'z') - a);
    }
    printf("strings: acc %016llx first %s last %s\n", (unsigned long long)acc,
           words[0], words[399999]);
    return 0;
}
