/* SPDX-License-Identifier: MIT */
/* JIT stress: register pressure, long blocks, indirect jumps, jump tables. */
#include "guest.h"

typedef uint64_t u64;

/* 24 values live at once across a loop: forces the allocator to spill. */
static __attribute__((noinline)) u64 pressure(u64 seed, int rounds)
{
    u64 a = seed, b = a * 3, c = b ^ 7, d = c + a, e = d * 5, f = e ^ b;
    u64 g = f + 11, h = g * 13, i = h ^ a, j = i + b, k = j * 17, l = k ^ c;
    u64 m = l + d, n = m * 19, o = n ^ e, p = o + f, q = p * 23, r = q ^ g;
    u64 s = r + h, t = s * 29, u = t ^ i, v = u + j, w = v * 31, x = w ^ k;

    for (int z = 0; z < rounds; z++) {
        a += x >> 3; b ^= a << 5; c += b * 7; d ^= c >> 11; e += d;
        f ^= e * 3; g += f >> 7; h ^= g; i += h * 5; j ^= i >> 13;
        k += j; l ^= k * 9; m += l >> 17; n ^= m; o += n * 11;
        p ^= o >> 19; q += p; r ^= q * 13; s += r >> 23; t ^= s;
        u += t * 15; v ^= u >> 29; w += v; x ^= w * 17;
        asm volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e),
                     "+r"(f), "+r"(g), "+r"(h));
    }
    return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l ^ m ^ n ^ o ^ p ^
           q ^ r ^ s ^ t ^ u ^ v ^ w ^ x;
}

/* One very long basic block (no branches): 4 x 256 dependent ops. */
#define STEP(x) x = (x ^ (x << 7)) + 0x9e3779b97f4a7c15ull; \
                x = (x ^ (x >> 9)) * 3;
#define STEP4(x) STEP(x) STEP(x) STEP(x) STEP(x)
#define STEP16(x) STEP4(x) STEP4(x) STEP4(x) STEP4(x)
#define STEP64(x) STEP16(x) STEP16(x) STEP16(x) STEP16(x)
#define STEP256(x) STEP64(x) STEP64(x) STEP64(x) STEP64(x)

static __attribute__((noinline)) u64 long_block(u64 x)
{
    STEP256(x) STEP256(x) STEP256(x) STEP256(x)
    return x;
}

static u64 model_long_block(u64 x)
{
    for (int i = 0; i < 1024; i++) {
        x = (x ^ (x << 7)) + 0x9e3779b97f4a7c15ull;
        x = (x ^ (x >> 9)) * 3;
    }
    return x;
}

/* Many tiny functions called through a table in a scrambled order:
 * exercises TB lookup for indirect jumps and return prediction. */
#define FN(n) static __attribute__((noinline)) u64 fn##n(u64 x) \
    { return x * (2 * n + 1) + n; }
FN(0) FN(1) FN(2) FN(3) FN(4) FN(5) FN(6) FN(7)
FN(8) FN(9) FN(10) FN(11) FN(12) FN(13) FN(14) FN(15)

static u64 (*const table[16])(u64) = {
    fn0, fn1, fn2, fn3, fn4, fn5, fn6, fn7,
    fn8, fn9, fn10, fn11, fn12, fn13, fn14, fn15,
};

static u64 indirect_calls(int n)
{
    u64 x = 1, r = 12345;

    for (int i = 0; i < n; i++) {
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        x = table[r >> 60](x);
    }
    return x;
}

static u64 model_indirect(int n)
{
    u64 x = 1, r = 12345;

    for (int i = 0; i < n; i++) {
        r = r * 6364136223846793005ull + 1442695040888963407ull;
        unsigned k = r >> 60;
        x = x * (2 * k + 1) + k;
    }
    return x;
}

/* A dense switch (jump table) and computed goto dispatch. */
static __attribute__((noinline)) u64 switch_dispatch(int n)
{
    u64 acc = 0;

    for (int i = 0; i < n; i++) {
        switch ((i * 7 + (int)(acc & 3)) % 12) {
        case 0: acc += 1; break;
        case 1: acc ^= 0xff; break;
        case 2: acc *= 3; break;
        case 3: acc -= 7; break;
        case 4: acc = (acc << 1) | (acc >> 63); break;
        case 5: acc += i; break;
        case 6: acc ^= acc >> 5; break;
        case 7: acc *= 5; break;
        case 8: acc += 0x1234; break;
        case 9: acc = ~acc; break;
        case 10: acc ^= (u64)i << 20; break;
        default: acc += acc >> 3; break;
        }
    }
    return acc;
}

static __attribute__((noinline)) u64 goto_dispatch(int n)
{
    static const unsigned char prog[] = { 0, 1, 2, 1, 3, 0, 2, 4 };
    static void *const labels[] = { &&op_add, &&op_mul, &&op_xor, &&op_rot,
                                    &&op_next };
    u64 acc = 1;
    int pc = 0, iter = 0;

    goto *labels[prog[pc]];
op_add:
    acc += iter;
    goto *labels[prog[++pc]];
op_mul:
    acc *= 0x2545f4914f6cdd1dull;
    goto *labels[prog[++pc]];
op_xor:
    acc ^= acc >> 29;
    goto *labels[prog[++pc]];
op_rot:
    acc = (acc << 13) | (acc >> 51);
    goto *labels[prog[++pc]];
op_next:
    if (++iter < n) {
        pc = 0;
        goto *labels[prog[pc]];
    }
    return acc;
}

int main(void)
{
    u64 p = pressure(0x0123456789abcdefull, 100000);
    printf("pressure = %016llx\n", (unsigned long long)p);
    CHECK_EQ(p, pressure(0x0123456789abcdefull, 100000), "deterministic");

    u64 lb = long_block(42);
    printf("long block = %016llx\n", (unsigned long long)lb);
    CHECK_EQ(lb, model_long_block(42), "long basic block");

    u64 ic = indirect_calls(1000000);
    printf("indirect calls = %016llx\n", (unsigned long long)ic);
    CHECK_EQ(ic, model_indirect(1000000), "indirect calls");

    printf("switch dispatch = %016llx\n",
           (unsigned long long)switch_dispatch(1000000));
    printf("goto dispatch = %016llx\n",
           (unsigned long long)goto_dispatch(300000));
    return guest_done();
}
