/* SPDX-License-Identifier: MIT */
/* Large malloc, brk growth/shrink, mmap/mremap/munmap, calloc zeroing. */
#include "guest.h"
#include <sys/mman.h>
#include <unistd.h>

static uint64_t fill_and_sum(uint8_t *p, size_t n, uint8_t seed)
{
    uint64_t sum = 0;

    for (size_t i = 0; i < n; i += 512) {
        p[i] = (uint8_t)(i / 512 + seed);
    }
    for (size_t i = 0; i < n; i += 512) {
        sum += p[i];
    }
    return sum;
}

static uint64_t want_sum(size_t n, uint8_t seed)
{
    uint64_t sum = 0;

    for (size_t i = 0; i < n; i += 512) {
        sum += (uint8_t)(i / 512 + seed);
    }
    return sum;
}

static void test_malloc(void)
{
    size_t big = 96u << 20;
    uint8_t *p = malloc(big);

    CHECK(p != NULL, "malloc 96 MiB");
    if (!p) {
        return;
    }
    uint64_t s = fill_and_sum(p, big, 1);
    printf("malloc 96 MiB: sum=%llu\n", (unsigned long long)s);
    CHECK_EQ(s, want_sum(big, 1), "malloc contents");
    /* realloc keeps the prefix. */
    p = realloc(p, big + (32u << 20));
    CHECK(p != NULL, "realloc");
    CHECK_EQ(p[512 * 7], (uint8_t)8, "realloc prefix");
    free(p);

    /* Many small blocks. */
    void *blocks[10000];
    uint64_t acc = 0;
    for (int i = 0; i < 10000; i++) {
        blocks[i] = malloc(16 + i % 300);
        memset(blocks[i], i & 0xff, 16 + i % 300);
    }
    for (int i = 0; i < 10000; i++) {
        acc += ((uint8_t *)blocks[i])[i % 16];
        free(blocks[i]);
    }
    printf("small blocks: acc=%llu\n", (unsigned long long)acc);

    uint64_t *z = calloc(1 << 20, 8);
    uint64_t nz = 0;
    for (size_t i = 0; i < (1 << 20); i++) {
        nz |= z[i];
    }
    printf("calloc 8 MiB all zero: %d\n", nz == 0);
    CHECK(nz == 0, "calloc zeroed");
    free(z);
}

static void test_brk(void)
{
    uint8_t *start = sbrk(0);
    size_t grow = 24u << 20;

    if (sbrk(grow) == (void *)-1) {
        printf("sbrk failed\n");
        CHECK(0, "sbrk grow");
        return;
    }
    uint8_t *end = sbrk(0);
    printf("brk grew by %ld\n", (long)(end - start));
    CHECK(end - start == (long)grow, "brk delta");
    uint64_t s = fill_and_sum(start, grow, 3);
    CHECK_EQ(s, want_sum(grow, 3), "brk memory contents");
    /* Shrink then grow again: the re-grown part reads as zero. */
    sbrk(-(long)grow / 2);
    sbrk(grow / 2);
    uint8_t *mid = start + grow / 2;
    int zero = 1;
    for (size_t i = 0; i < grow / 2; i += 4096) {
        zero &= mid[i] == 0 && mid[i + 512] == 0;
    }
    printf("brk re-grown memory zeroed: %d\n", zero);
    CHECK(zero, "brk re-grown memory is zero");
    CHECK_EQ(start[512], (uint8_t)4, "brk kept low part");
    sbrk(-(long)grow);
}

static void test_mmap(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    size_t n = 64 * pg;
    uint8_t *m = mmap(NULL, n, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    CHECK(m != MAP_FAILED, "mmap");
    memset(m, 0xab, n);
    /* Punch a hole, then map it again: it must read as zero. */
    munmap(m + 8 * pg, pg);
    uint8_t *h = mmap(m + 8 * pg, pg, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("fixed remap in hole: same=%d zero=%d neighbour=%x\n", h == m +
           8 * pg, h[0] == 0, m[9 * pg]);
    CHECK(h == m + 8 * pg && h[0] == 0 && m[9 * pg] == 0xab, "MAP_FIXED");

    uint8_t *r = mremap(m, n, 4 * n, MREMAP_MAYMOVE);
    CHECK(r != MAP_FAILED, "mremap");
    printf("mremap: kept=%x new_zero=%d\n", r[n - 1], r[2 * n] == 0);
    CHECK(r[n - 1] == 0xab && r[2 * n] == 0, "mremap contents");
    munmap(r, 4 * n);

    /* A large reservation that is only sparsely touched. */
    size_t huge = 1ul << 32;
    uint8_t *big = mmap(NULL, huge, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(big != MAP_FAILED, "4 GiB NORESERVE mapping");
    if (big != MAP_FAILED) {
        for (size_t i = 0; i < huge; i += huge / 16) {
            big[i] = 1;
        }
        printf("4 GiB sparse mapping ok\n");
        munmap(big, huge);
    }
}

int main(void)
{
    test_malloc();
    test_brk();
    test_mmap();
    return guest_done();
}
