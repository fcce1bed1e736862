/* SPDX-License-Identifier: MIT */
/*
 * FRECPE, FRSQRTE, FRECPX, URECPE, URSQRTE, FRECPS and FRSQRTS on
 * special, subnormal, huge and random values, with FZ and every
 * rounding mode: result bits and FPSR.
 */
#include <stdint.h>
#include <stdio.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t take_fpsr(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, fpsr\n\tmsr fpsr, xzr" : "=r"(v));
    return v;
}

int main(void)
{
    static const uint64_t dsp[] = {
        0, 0x8000000000000000ull, 0x7ff0000000000000ull,
        0xfff0000000000000ull, 0x7ff8000000000001ull, 0x7ff0000000000001ull,
        0x0000000000000001ull, 0x0008000000000000ull, 0x0004000000000000ull,
        0x000fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull,
        0x7fd0000000000000ull, 0x7fc0000000000000ull, 0xbff0000000000000ull,
        0x3ff8000000000000ull, 0x4000000000000000ull,
    };
    static const uint32_t ssp[] = {
        0, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00001u, 0x7f800001u,
        1, 0x00400000u, 0x00200000u, 0x007fffffu, 0x00800000u, 0x7f7fffffu,
        0x7e800000u, 0x7e000000u, 0xbf800000u, 0x3fc00000u, 0x40000000u,
    };
    unsigned i, mode;

    for (mode = 0; mode < 8; mode++) {
        uint64_t fpcr = (uint64_t)(mode & 3) << 22 | (mode & 4 ? 1u << 24 : 0);

        __asm__ volatile("msr fpcr, %0" : : "r"(fpcr));
        printf("== fpcr %08llx\n", (unsigned long long)fpcr);
        for (i = 0; i < 17 + 40; i++) {
            uint64_t d = i < 17 ? dsp[i] : rnd();
            uint64_t s = i < 17 ? ssp[i] : (uint32_t)rnd();
            uint64_t r[8];

            if (i >= 17 && (i & 1)) {
                d &= 0x801fffffffffffffull;      /* tiny */
                s &= 0x80ffffffu;
            }
            take_fpsr();
            __asm__ volatile("fmov d0, %1\n\tfrecpe d1, d0\n\tfmov %0, d1"
                             : "=r"(r[0]) : "r"(d) : "d0", "d1");
            __asm__ volatile("fmov d0, %1\n\tfrsqrte d1, d0\n\tfmov %0, d1"
                             : "=r"(r[1]) : "r"(d) : "d0", "d1");
            __asm__ volatile("fmov d0, %1\n\tfrecpx d1, d0\n\tfmov %0, d1"
                             : "=r"(r[2]) : "r"(d) : "d0", "d1");
            __asm__ volatile("fmov s0, %w1\n\tfrecpe s1, s0\n\tfmov %w0, s1"
                             : "=r"(r[3]) : "r"(s) : "d0", "d1");
            __asm__ volatile("dup v0.4s, %w1\n\tfrsqrte v1.4s, v0.4s\n\t"
                             "umov %w0, v1.s[3]" : "=r"(r[4]) : "r"(s)
                             : "d0", "d1");
            __asm__ volatile("dup v0.2s, %w1\n\turecpe v1.2s, v0.2s\n\t"
                             "ursqrte v2.2s, v0.2s\n\tfmov %0, d1\n\t"
                             "fmov %1, d2" : "=r"(r[5]), "=r"(r[6])
                             : "r"(s) : "d0", "d1", "d2");
            __asm__ volatile("fmov d0, %1\n\tfmov d2, %2\n\t"
                             "frsqrts d1, d0, d2\n\tfrecps d3, d0, d1\n\t"
                             "fmov %0, d3" : "=r"(r[7]) : "r"(d), "r"(r[1])
                             : "d0", "d1", "d2", "d3");
            printf("%016llx %08llx: %016llx %016llx %016llx %08llx %08llx "
                   "%016llx %016llx %016llx fpsr %02llx\n",
                   (unsigned long long)d, (unsigned long long)s,
                   (unsigned long long)r[0], (unsigned long long)r[1],
                   (unsigned long long)r[2], (unsigned long long)r[3],
                   (unsigned long long)r[4], (unsigned long long)r[5],
                   (unsigned long long)r[6], (unsigned long long)r[7],
                   (unsigned long long)take_fpsr());
        }
    }
    __asm__ volatile("msr fpcr, xzr");
    return 0;
}
