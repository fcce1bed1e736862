/* SPDX-License-Identifier: MIT */
/*
 * Loads and stores of SIMD&FP registers: LDR/STR B/H/S/D/Q with unsigned
 * offset, unscaled, pre/post-index and register offsets (extends and
 * shifts), literal loads, LDP/STP/LDNP of S/D/Q with write-back,
 * LD1-LD4/ST1-ST4 (multiple and single structures, post-index by
 * immediate and register) and LD1R-LD4R; the upper bits the scalar and
 * 64-bit forms clear.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t mem[256] __attribute__((aligned(16)));
static uint8_t out[256] __attribute__((aligned(16)));

static void init(void)
{
    int i;

    for (i = 0; i < 256; i++) {
        mem[i] = (uint8_t)(i * 7 + 3);
    }
    memset(out, 0, sizeof(out));
}

static void dump(const char *name, const void *p, int n)
{
    const uint8_t *b = p;
    int i;

    printf("%-12s", name);
    for (i = 0; i < n; i++) {
        printf("%02x", b[i]);
    }
    printf("\n");
}

/* Store v0-v3 (whole Q) to r[] after the asm under test ran. */
#define SAVE4 "st1 {v0.16b-v3.16b}, [%[r]]\n\t"
#define FILLV "movi v0.16b, #0xee\n\tmovi v1.16b, #0xdd\n\t"              \
              "movi v2.16b, #0xcc\n\tmovi v3.16b, #0xbb\n\t"

#define RUN(name, body, ...)                                                 \
    do {                                                                     \
        uint8_t r[64];                                                       \
        uint64_t base = (uint64_t)mem, obase = (uint64_t)out;                \
        init();                                                              \
        __asm__ volatile(FILLV body SAVE4                                    \
                         : [b] "+r"(base), [o] "+r"(obase)                   \
                         : [r] "r"(r), ##__VA_ARGS__                         \
                         : "v0", "v1", "v2", "v3", "x9", "memory");          \
        dump(name, r, 64);                                                   \
        printf("%-12sbase+%lld out+%lld\n", "", (long long)(base -          \
               (uint64_t)mem), (long long)(obase - (uint64_t)out));          \
        dump("  out", out, 80);                                              \
    } while (0)

static const uint64_t lit_data[2] = { 0x1122334455667788ull,
                                      0x99aabbccddeeff00ull };

int main(void)
{
    RUN("ldr b", "ldr b0, [%[b], #5]\n\tldr h1, [%[b], #6]\n\t"
        "ldr s2, [%[b], #12]\n\tldr d3, [%[b], #24]\n\t");
    RUN("ldr q", "ldr q0, [%[b], #32]\n\tldur q1, [%[b], #3]\n\t"
        "ldur d2, [%[b], #-0]\n\tldur s3, [%[b], #255]\n\t");
    RUN("ldr pre", "ldr q0, [%[b], #16]!\n\tldr d1, [%[b], #-8]!\n\t"
        "ldr s2, [%[b]], #20\n\tldr h3, [%[b]], #-2\n\t");
    RUN("ldr reg", "mov x9, #3\n\tldr q0, [%[b], x9, lsl #4]\n\t"
        "ldr d1, [%[b], w9, uxtw #3]\n\tmov x9, #-2\n\t"
        "add %[b], %[b], #64\n\tldr s2, [%[b], w9, sxtw #2]\n\t"
        "ldr h3, [%[b], x9, sxtx]\n\t");
    RUN("str", "ldr q0, [%[b], #48]\n\tstr q0, [%[o], #16]\n\t"
        "str d0, [%[o], #40]\n\tstr s0, [%[o], #3]\n\tstr h0, [%[o], #50]\n\t"
        "str b0, [%[o], #63]\n\tstur q0, [%[o], #1]\n\t"
        "str q0, [%[o], #64]!\n\tstr s0, [%[o]], #-4\n\t");
    RUN("str reg", "ldr q1, [%[b]]\n\tmov x9, #2\n\t"
        "str q1, [%[o], x9, lsl #4]\n\tstr d1, [%[o], x9]\n\t"
        "str b1, [%[o], w9, uxtw]\n\t");
    RUN("ldp", "ldp q0, q1, [%[b], #32]\n\tldp d2, d3, [%[b], #-0]\n\t");
    RUN("ldp wb", "ldp s0, s1, [%[b], #8]!\n\tldp q2, q3, [%[b]], #64\n\t");
    RUN("stp", "ldp q0, q1, [%[b]]\n\tstp q1, q0, [%[o], #16]\n\t"
        "stp d0, d1, [%[o], #-16]!\n\tstp s1, s0, [%[o]], #24\n\t"
        "stnp d1, d0, [%[o], #48]\n\tldnp q2, q3, [%[b], #16]\n\t");
    RUN("lit", "ldr q0, %[lit]\n\tldr d1, %[lit]\n\tldr s2, %[lit]\n\t",
        [lit] "m"(lit_data));
    RUN("ld1", "ld1 {v0.16b}, [%[b]], #16\n\t"
        "ld1 {v1.8b, v2.8b}, [%[b]]\n\t"
        "mov x9, #5\n\tld1 {v3.4h}, [%[b]], x9\n\t");
    RUN("ld1x4", "ld1 {v0.2d-v3.2d}, [%[b]], #64\n\t");
    RUN("ld1x3", "ld1 {v1.4s-v3.4s}, [%[b]]\n\t");
    RUN("ld2", "ld2 {v0.8h, v1.8h}, [%[b]], #32\n\t"
        "ld2 {v2.8b, v3.8b}, [%[b]]\n\t");
    RUN("ld3", "ld3 {v0.16b-v2.16b}, [%[b]]\n\t");
    RUN("ld4", "ld4 {v0.4s-v3.4s}, [%[b]], #64\n\t");
    RUN("ld4d", "ld4 {v0.4h-v3.4h}, [%[b]]\n\t");
    RUN("st1", "ld1 {v0.16b-v3.16b}, [%[b]]\n\t"
        "st1 {v0.16b, v1.16b}, [%[o]], #32\n\tst1 {v2.4h}, [%[o]]\n\t");
    RUN("st2", "ld1 {v0.16b-v3.16b}, [%[b]]\n\t"
        "st2 {v0.4s, v1.4s}, [%[o]], #32\n\tst2 {v2.8b, v3.8b}, [%[o]]\n\t");
    RUN("st3", "ld1 {v0.16b-v3.16b}, [%[b]]\n\t"
        "st3 {v1.8h-v3.8h}, [%[o]]\n\t");
    RUN("st4", "ld1 {v0.16b-v3.16b}, [%[b]]\n\t"
        "st4 {v0.16b-v3.16b}, [%[o]], #64\n\t");
    RUN("ld1 lane", "ld1 {v0.b}[7], [%[b]]\n\tld1 {v1.h}[5], [%[b]], #2\n\t"
        "ld1 {v2.s}[3], [%[b]]\n\tld1 {v3.d}[1], [%[b]], #8\n\t");
    RUN("ld2 lane", "ld2 {v0.s, v1.s}[1], [%[b]], #8\n\t"
        "ld3 {v1.b, v2.b, v3.b}[15], [%[b]]\n\t");
    RUN("ld4 lane", "ld4 {v0.h-v3.h}[6], [%[b]], #8\n\t");
    RUN("st1 lane", "ld1 {v0.16b-v3.16b}, [%[b]]\n\t"
        "st1 {v0.b}[9], [%[o]], #1\n\tst1 {v1.s}[2], [%[o]]\n\t"
        "st2 {v2.d, v3.d}[1], [%[o]], #16\n\tst4 {v0.h-v3.h}[3], [%[o]]\n\t");
    RUN("ld1r", "ld1r {v0.16b}, [%[b]], #1\n\tld1r {v1.4h}, [%[b]]\n\t"
        "ld2r {v2.2d, v3.2d}, [%[b]], #16\n\t");
    RUN("ld4r", "ld4r {v0.4s-v3.4s}, [%[b]]\n\t");
    RUN("ld3r", "mov x9, #3\n\tld3r {v0.8b-v2.8b}, [%[b]], x9\n\t");
    RUN("scalar clr", "mov x9, #0x1234\n\tldr q0, [%[b]]\n\tldr q1, [%[b]]\n\tldr q2, [%[b]]\n\t"
        "fmov s0, w9\n\tfadd d1, d1, d1\n\tmov v2.d[1], x9\n\t"
        "ins v3.s[1], w9\n\tfmov v3.d[1], x9\n\t");
    return 0;
}
