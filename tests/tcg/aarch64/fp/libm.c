/* SPDX-License-Identifier: MIT */
/*
 * glibc's libm and printf/strtod on many doubles and floats: exercises
 * what compiled FP code uses (FMA, FRINT*, conversions, compares, FCSEL,
 * SIMD FP) through real library code; prints every result in hex and
 * with printf's decimal conversion.
 */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t bits(double d)
{
    uint64_t u;

    memcpy(&u, &d, 8);
    return u;
}

static uint32_t fbits(float f)
{
    uint32_t u;

    memcpy(&u, &f, 4);
    return u;
}

int main(void)
{
    static const double xs[] = {
        0.0, -0.0, 1e-310, 0.1, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.14159,
        10.0, 100.5, 1e10, 1e300, -1e-5, -0.3, -1.0, -2.5, -700.0, 709.7,
        710.0, INFINITY, -INFINITY, NAN, 123456.789, 0x1p-1022, 0x1.fffp1023,
    };
    static const char *const strs[] = {
        "0", "1e-320", "3.14159265358979323846", "2.2250738585072014e-308",
        "1.7976931348623157e308", "1e400", "-0x1.8p3", "nan", "-inf",
        "0.1", "4.9e-324", "123456789012345678901234567890",
    };
    static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD,
                                 FE_TOWARDZERO };
    unsigned i, m;
    volatile double sink = 0;

    for (i = 0; i < sizeof(xs) / sizeof(xs[0]); i++) {
        double x = xs[i];
        float f = (float)x;

        printf("x=%a\n", x);
        printf(" sqrt %016llx exp %016llx log %016llx sin %016llx\n",
               (unsigned long long)bits(sqrt(x)),
               (unsigned long long)bits(exp(x)),
               (unsigned long long)bits(log(x)),
               (unsigned long long)bits(sin(x)));
        printf(" cos %016llx tan %016llx atan %016llx pow %016llx\n",
               (unsigned long long)bits(cos(x)),
               (unsigned long long)bits(tan(x)),
               (unsigned long long)bits(atan(x)),
               (unsigned long long)bits(pow(x, 1.7)));
        printf(" floor %016llx ceil %016llx round %016llx trunc %016llx\n",
               (unsigned long long)bits(floor(x)),
               (unsigned long long)bits(ceil(x)),
               (unsigned long long)bits(round(x)),
               (unsigned long long)bits(trunc(x)));
        printf(" rint %016llx lrint %ld llround %lld fmod %016llx\n",
               (unsigned long long)bits(rint(x)), lrint(x), llround(x),
               (unsigned long long)bits(fmod(x, 0.7)));
        printf(" expf %08x logf %08x sinf %08x powf %08x sqrtf %08x\n",
               fbits(expf(f)), fbits(logf(f)), fbits(sinf(f)),
               fbits(powf(f, 2.5f)), fbits(sqrtf(f)));
        printf(" cbrt %016llx hypot %016llx fma %016llx ldexp %016llx\n",
               (unsigned long long)bits(cbrt(x)),
               (unsigned long long)bits(hypot(x, 3.0)),
               (unsigned long long)bits(fma(x, x, -1.0)),
               (unsigned long long)bits(ldexp(x, -1070)));
        printf(" %.17g %e %.3f %g %a\n", x, x, x, (double)f, x);
    }
    for (m = 0; m < 4; m++) {
        fesetround(modes[m]);
        for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
            double d = strtod(strs[i], NULL);
            float f = strtof(strs[i], NULL);

            printf("mode %u %s -> %016llx %08x %.20g rint %016llx\n", m,
                   strs[i], (unsigned long long)bits(d), fbits(f), d,
                   (unsigned long long)bits(rint(d * 1.5)));
        }
        {
            double acc = 0;

            for (i = 1; i < 2000; i++) {
                acc += 1.0 / i;
                sink = acc;
            }
            printf("harmonic %016llx\n", (unsigned long long)bits(acc));
        }
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    sink = 1.0 / sink - 1e308 * 10.0;
    printf("except %x\n", fetestexcept(FE_ALL_EXCEPT));
    return 0;
}
