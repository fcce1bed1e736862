/* SPDX-License-Identifier: MIT */
/* glibc float formatting/parsing and libm: exercises FP + soft quad paths. */
#include "guest.h"
#include <float.h>
#include <math.h>

int main(void)
{
    static const double d[] = {
        0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456789.125,
        1e-300, 4.9406564584124654e-324, 2.2250738585072014e-308,
        DBL_MAX, 6.02214076e23, 3.141592653589793, 2.5, 3.5, 0.125,
        1e22, 1e23, 9007199254740993.0,
    };
    char buf[128];

    for (unsigned i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
        printf("%.17g | %f | %.3e | %g | %a | %.0f\n", d[i], d[i], d[i],
               d[i], d[i], d[i]);
        /* %.17g must round-trip exactly through strtod. */
        snprintf(buf, sizeof(buf), "%.17g", d[i]);
        double back = strtod(buf, NULL);
        CHECK(memcmp(&back, &d[i], 8) == 0, "round trip of %s", buf);
    }
    printf("%f %f %f %F\n", INFINITY, -INFINITY, NAN, INFINITY);
    printf("floats: %.9g %.9g %a\n", (double)FLT_MAX, (double)FLT_MIN,
           (double)0.1f);

    /* long double is IEEE binary128, done in software on riscv64. */
    long double q = 1.0L / 3.0L;
    printf("long double 1/3 = %.36Lg\n", q);
    printf("long double sqrt2 = %.36Lg\n", sqrtl(2.0L));
    long double qs = 0;
    for (int i = 1; i <= 1000; i++) {
        qs += 1.0L / ((long double)i * i);
    }
    printf("sum 1/i^2 (binary128) = %.33Lg\n", qs);

    /* strtod corner cases: halfway, hex, underflow to subnormal. */
    static const char *const in[] = {
        "2.2250738585072011e-308", "0x1.fffffffffffffp+1023", "1e400",
        "4.9e-325", "0.1e1", "-0x0.0000000000001p-1022", "nan(123)",
        "9007199254740993",
        "1.00000000000000011102230246251565404236316680908203125",
    };
    for (unsigned i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        double v = strtod(in[i], NULL);
        uint64_t bits;
        memcpy(&bits, &v, 8);
        printf("strtod(%s) = %016llx\n", in[i], (unsigned long long)bits);
    }
    CHECK(strtod("9007199254740993", NULL) == 9007199254740992.0,
          "strtod ties to even");

    /* libm: results printed to the last bit. */
    static const double x[] = { 0.5, 1.0, 2.0, 10.0, -3.75, 1e-10, 700.0 };
    for (unsigned i = 0; i < sizeof(x) / sizeof(x[0]); i++) {
        printf("x=%g sin=%a cos=%a exp=%a log=%a pow=%a atan2=%a\n", x[i],
               sin(x[i]), cos(x[i]), exp(x[i]), log(fabs(x[i])),
               pow(fabs(x[i]), 1.5), atan2(x[i], 3.0));
    }
    printf("sqrt(2)=%a fma=%a rint(2.5)=%g nearbyint(-3.5)=%g lround=%ld\n",
           sqrt(2.0), fma(0.1, 10.0, -1.0), rint(2.5), nearbyint(-3.5),
           lround(-2.5));
    CHECK(fma(0.1, 10.0, -1.0) == 0x1p-54, "fma(0.1, 10, -1)");
    CHECK(sqrt(2.0) == 0x1.6a09e667f3bcdp+0, "sqrt(2)");
    return guest_done();
}
