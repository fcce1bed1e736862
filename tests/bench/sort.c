/* SPDX-License-Identifier: MIT */
/* Benchmark: quicksort and merge sort of a few million pseudo-random ints. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N (2 * 1000 * 1000)

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state ^ (rng_state >> 16);
}

static void quicksort(int32_t *a, long lo, long hi)
{
    while (lo < hi) {
        int32_t p = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) {
                i++;
            }
            while (a[j] > p) {
                j--;
            }
            if (i <= j) {
                int32_t t = a[i];
                a[i++] = a[j];
                a[j--] = t;
            }
        }
        /* Recurse into the smaller half to bound the stack. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
}

static void merge_sort(int32_t *a, int32_t *tmp, long n)
{
    for (long w = 1; w < n; w *= 2) {
        for (long lo = 0; lo < n; lo += 2 * w) {
            long mid = lo + w < n ? lo + w : n;
            long hi = lo + 2 * w < n ? lo + 2 * w : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            }
            while (i < mid) {
                tmp[k++] = a[i++];
            }
            while (j < hi) {
                tmp[k++] = a[j++];
            }
        }
        memcpy(a, tmp, n * sizeof(*a));
    }
}

int main(void)
{
    int32_t *a = malloc(N * sizeof(*a)), *b = malloc(N * sizeof(*b));
    int32_t *tmp = malloc(N * sizeof(*tmp));
    uint64_t h = 0;

    for (long i = 0; i < N; i++) {
        a[i] = b[i] = (int32_t)rng();
    }
    quicksort(a, 0, N - 1);
    merge_sort(b, tmp, N);
    for (long i = 0; i < N; i++) {
        if (a[i] != b[i] || (i && a[i - 1] > a[i])) {
            printf("sort mismatch at %ld\n", i);
            return 1;
        }
        h = h * 31 + (uint32_t)a[i];
    }
    printf("sorted %d ints: min %d max %d hash %016llx\n", N, a[0], a[N - 1],
           (unsigned long long)h);
    return 0;
}
