/* SPDX-License-Identifier: MIT */
/* Deep recursion and large stack frames: the guest stack must grow. */
#include "guest.h"
#include <alloca.h>

/* Not a tail call: the addition after the call keeps every frame live. */
static __attribute__((noinline)) uint64_t depth_sum(uint64_t n)
{
    volatile uint64_t pad[4] = { n, n * 3, n ^ 5, n + 7 };
    if (n == 0) {
        return 0;
    }
    return depth_sum(n - 1) + pad[0] + (pad[1] & 1) + (pad[3] - pad[2] > n);
}

static __attribute__((noinline)) uint64_t ackermann(uint64_t m, uint64_t n)
{
    if (m == 0) {
        return n + 1;
    }
    if (n == 0) {
        return ackermann(m - 1, 1);
    }
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int is_odd(unsigned n);

static __attribute__((noinline)) int is_even(unsigned n)
{
    return n == 0 ? 1 : is_odd(n - 1);
}

static __attribute__((noinline)) int is_odd(unsigned n)
{
    return n == 0 ? 0 : is_even(n - 1);
}

/* One big frame: the stack pointer jumps down by megabytes at once. */
static __attribute__((noinline)) uint64_t big_frame(size_t bytes)
{
    volatile uint8_t *p = alloca(bytes);
    uint64_t sum = 0;

    for (size_t i = 0; i < bytes; i += 4096) {
        p[i] = (uint8_t)(i >> 12);
    }
    for (size_t i = 0; i < bytes; i += 4096) {
        sum += p[i];
    }
    return sum;
}

int main(void)
{
    uint64_t n = 60000, s = depth_sum(n);
    uint64_t want = 0;

    for (uint64_t i = 1; i <= n; i++) {
        want += i + ((i * 3) & 1) + ((i + 7) - (i ^ 5) > i);
    }
    printf("depth_sum(%llu) = %llu\n", (unsigned long long)n,
           (unsigned long long)s);
    CHECK_EQ(s, want, "deep recursion");

    uint64_t a = ackermann(2, 2000);
    printf("ackermann(2, 2000) = %llu\n", (unsigned long long)a);
    CHECK_EQ(a, 2 * 2000 + 3, "ackermann");

    int e = is_even(100001);
    printf("is_even(100001) = %d\n", e);
    CHECK(e == 0, "mutual recursion");

    uint64_t b = big_frame(4 << 20);
    printf("big frame sum = %llu\n", (unsigned long long)b);
    uint64_t bw = 0;
    for (size_t i = 0; i < (4 << 20); i += 4096) {
        bw += (uint8_t)(i >> 12);
    }
    CHECK_EQ(b, bw, "4 MiB alloca");
    return guest_done();
}
