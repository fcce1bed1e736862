/* SPDX-License-Identifier: MIT */
/*
 * FP conversions at their edges: FCVT{N,P,M,Z,A}{S,U} to W and X from S
 * and D (NaN, infinities, out of range, ties), fixed point in both
 * directions, SCVTF/UCVTF of extreme integers in every rounding mode,
 * FCVT between S, D and H, FMOV immediates; result bits and FPSR.
 */
#include <stdint.h>
#include <stdio.h>

static void set_fpcr(uint64_t v)
{
    __asm__ volatile("msr fpcr, %0" : : "r"(v));
}

static uint64_t fpsr_take(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, fpsr\n\tmsr fpsr, xzr" : "=r"(v));
    return v;
}

static const uint64_t dv[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3fe0000000000000ull,
    0xbfe0000000000000ull, 0x3ff8000000000000ull, 0xc004000000000000ull,
    0x4004000000000000ull, 0x41dfffffffc00000ull, 0x41e0000000000000ull,
    0xc1e0000000000000ull, 0xc1e0000000200000ull, 0x41efffffffe00000ull,
    0x41f0000000000000ull, 0x43e0000000000000ull, 0xc3e0000000000000ull,
    0x43f0000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
    0x7ff8000000000000ull, 0x7ff0000000000001ull, 0x0000000000000001ull,
    0x3fefffffffffffffull, 0xbff0000000000001ull, 0x4330000000000001ull,
};

static const uint32_t sv[] = {
    0x00000000u, 0x80000000u, 0x3f000000u, 0xbf000000u, 0x3fc00000u,
    0xc0200000u, 0x40200000u, 0x4effffffu, 0x4f000000u, 0xcf000000u,
    0x4f800000u, 0x5f000000u, 0xdf000000u, 0x5f800000u, 0x7f800000u,
    0xff800000u, 0x7fc00000u, 0x7f800001u, 0x00000001u, 0x3f7fffffu,
    0x477ff000u, 0x477ff001u, 0x33800000u, 0x33000001u, 0x7f7fffffu,
};

static const uint64_t iv[] = {
    0, 1, 0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x100000001ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0x0020000000000001ull, 0x0020000000000003ull, 0x0000000001000001ull,
    0xfffffffffffff801ull, 12345,
};

#define ND (sizeof(dv) / sizeof(dv[0]))
#define NS (sizeof(sv) / sizeof(sv[0]))
#define NI (sizeof(iv) / sizeof(iv[0]))

/* Float-to-int of a D and an S source into X and W. */
#define CVT_FROM(mn)                                                         \
    static void mn##_all(void)                                               \
    {                                                                        \
        unsigned i;                                                          \
        for (i = 0; i < ND; i++) {                                           \
            uint64_t x, w;                                                   \
            uint64_t f1, f2;                                                 \
            __asm__ volatile("fmov d0, %1\n\t" #mn " %0, d0"                 \
                             : "=r"(x) : "r"(dv[i]) : "d0");                 \
            f1 = fpsr_take();                                                \
            __asm__ volatile("fmov d0, %1\n\t" #mn " %w0, d0"                \
                             : "=r"(w) : "r"(dv[i]) : "d0");                 \
            f2 = fpsr_take();                                                \
            printf(#mn " d%u -> x %016llx %02llx w %08llx %02llx\n", i,      \
                   (unsigned long long)x, (unsigned long long)f1,            \
                   (unsigned long long)w, (unsigned long long)f2);           \
        }                                                                    \
        for (i = 0; i < NS; i++) {                                           \
            uint64_t x, w;                                                   \
            uint64_t f1, f2;                                                 \
            __asm__ volatile("fmov s0, %w1\n\t" #mn " %0, s0"                \
                             : "=r"(x) : "r"(sv[i]) : "d0");                 \
            f1 = fpsr_take();                                                \
            __asm__ volatile("fmov s0, %w1\n\t" #mn " %w0, s0"               \
                             : "=r"(w) : "r"(sv[i]) : "d0");                 \
            f2 = fpsr_take();                                                \
            printf(#mn " s%u -> x %016llx %02llx w %08llx %02llx\n", i,      \
                   (unsigned long long)x, (unsigned long long)f1,            \
                   (unsigned long long)w, (unsigned long long)f2);           \
        }                                                                    \
    }

CVT_FROM(fcvtns) CVT_FROM(fcvtnu) CVT_FROM(fcvtps) CVT_FROM(fcvtpu)
CVT_FROM(fcvtms) CVT_FROM(fcvtmu) CVT_FROM(fcvtzs) CVT_FROM(fcvtzu)
CVT_FROM(fcvtas) CVT_FROM(fcvtau)

static void int_to_fp(void)
{
    unsigned i;

    for (i = 0; i < NI; i++) {
        uint64_t a, b, c, d, e, f;

        __asm__ volatile("scvtf d0, %1\n\tfmov %0, d0"
                         : "=r"(a) : "r"(iv[i]) : "d0");
        __asm__ volatile("ucvtf d0, %1\n\tfmov %0, d0"
                         : "=r"(b) : "r"(iv[i]) : "d0");
        __asm__ volatile("scvtf s0, %1\n\tfmov %w0, s0"
                         : "=r"(c) : "r"(iv[i]) : "d0");
        __asm__ volatile("ucvtf s0, %w1\n\tfmov %w0, s0"
                         : "=r"(d) : "r"(iv[i]) : "d0");
        __asm__ volatile("scvtf d0, %1, #12\n\tfmov %0, d0"
                         : "=r"(e) : "r"(iv[i]) : "d0");
        __asm__ volatile("ucvtf s0, %w1, #31\n\tfmov %w0, s0"
                         : "=r"(f) : "r"(iv[i]) : "d0");
        printf("i%u -> %016llx %016llx %08llx %08llx %016llx %08llx "
               "fpsr %02llx\n", i, (unsigned long long)a,
               (unsigned long long)b, (unsigned long long)c,
               (unsigned long long)d, (unsigned long long)e,
               (unsigned long long)f, (unsigned long long)fpsr_take());
    }
}

static void fixed_from_fp(void)
{
    unsigned i;

    for (i = 0; i < ND; i++) {
        uint64_t a, b, c;

        __asm__ volatile("fmov d0, %1\n\tfcvtzs %0, d0, #10"
                         : "=r"(a) : "r"(dv[i]) : "d0");
        __asm__ volatile("fmov d0, %1\n\tfcvtzu %w0, d0, #32"
                         : "=r"(b) : "r"(dv[i]) : "d0");
        __asm__ volatile("fmov d0, %1\n\tfcvtzs %0, d0, #64"
                         : "=r"(c) : "r"(dv[i]) : "d0");
        printf("fix d%u -> %016llx %08llx %016llx fpsr %02llx\n", i,
               (unsigned long long)a, (unsigned long long)b,
               (unsigned long long)c, (unsigned long long)fpsr_take());
    }
}

static void fp_to_fp(void)
{
    unsigned i;

    for (i = 0; i < ND; i++) {
        uint64_t s, h;

        __asm__ volatile("fmov d0, %1\n\tfcvt s1, d0\n\tfmov %w0, s1"
                         : "=r"(s) : "r"(dv[i]) : "d0", "d1");
        __asm__ volatile("fmov d0, %1\n\tfcvt h1, d0\n\tumov %w0, v1.h[0]"
                         : "=r"(h) : "r"(dv[i]) : "d0", "d1");
        printf("fcvt d%u -> s %08llx h %04llx fpsr %02llx\n", i,
               (unsigned long long)s, (unsigned long long)h,
               (unsigned long long)fpsr_take());
    }
    for (i = 0; i < NS; i++) {
        uint64_t d, h, back;

        __asm__ volatile("fmov s0, %w1\n\tfcvt d1, s0\n\tfmov %0, d1"
                         : "=r"(d) : "r"(sv[i]) : "d0", "d1");
        __asm__ volatile("fmov s0, %w1\n\tfcvt h1, s0\n\tumov %w0, v1.h[0]"
                         : "=r"(h) : "r"(sv[i]) : "d0", "d1");
        __asm__ volatile("fmov s0, %w1\n\tfcvt h1, s0\n\tfcvt d2, h1\n\t"
                         "fmov %0, d2" : "=r"(back) : "r"(sv[i])
                         : "d0", "d1", "d2");
        printf("fcvt s%u -> d %016llx h %04llx back %016llx fpsr %02llx\n",
               i, (unsigned long long)d, (unsigned long long)h,
               (unsigned long long)back, (unsigned long long)fpsr_take());
    }
}

static void fmov_imm(void)
{
    uint64_t a, b, c, d;

    __asm__ volatile("fmov d0, #-1.25\n\tfmov %0, d0" : "=r"(a) : : "d0");
    __asm__ volatile("fmov s0, #31.0\n\tfmov %w0, s0" : "=r"(b) : : "d0");
    __asm__ volatile("fmov d0, #0.125\n\tfmov %0, d0" : "=r"(c) : : "d0");
    __asm__ volatile("fmov s0, #-0.1875\n\tfmov %w0, s0" : "=r"(d) : : "d0");
    printf("fmov imm %016llx %08llx %016llx %08llx\n",
           (unsigned long long)a, (unsigned long long)b,
           (unsigned long long)c, (unsigned long long)d);
}

int main(void)
{
    static const uint64_t modes[] = { 0, 1ull << 22, 2ull << 22, 3ull << 22 };
    unsigned m;

    fpsr_take();
    fcvtns_all();
    fcvtnu_all();
    fcvtps_all();
    fcvtpu_all();
    fcvtms_all();
    fcvtmu_all();
    fcvtzs_all();
    fcvtzu_all();
    fcvtas_all();
    fcvtau_all();
    fixed_from_fp();
    for (m = 0; m < 4; m++) {
        set_fpcr(modes[m]);
        printf("== mode %u\n", m);
        int_to_fp();
        fp_to_fp();
    }
    set_fpcr(1ull << 25);
    printf("== DN\n");
    fp_to_fp();
    set_fpcr(0);
    fmov_imm();
    return 0;
}
