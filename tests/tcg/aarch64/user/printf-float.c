/* SPDX-License-Identifier: MIT */
/* aarch64 libc formatting and parsing of floating point numbers. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    static const double d[] = {
        0.0, -0.0, 1.0, -1.5, 3.141592653589793, 1e-300, 1e300,
        DBL_MIN, DBL_MAX, 5e-324, 0.1, 123456789.125, 2.5, 3.5,
    };
    static const char *const s[] = {
        "1e10", "0x1.8p3", "-2.5e-3", "inf", "nan", "1e400", "4.9e-324",
        "0.30000000000000004",
    };
    volatile float f = 1.0f / 3.0f;
    long double ld = 1.0L / 3.0L;

    for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
        printf("%.17g | %e | %f | %a | %.0f\n", d[i], d[i], d[i], d[i], d[i]);
    }
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
        double v = strtod(s[i], NULL);
        printf("strtod(%s) = %.17g %a\n", s[i], v, v);
    }
    printf("float %.9g %a\n", f, (double)f);
    printf("long double %.36Lg %La\n", ld, ld);
    printf("sqrt(2) %.17g exp(1) %.17g sin(1) %.17g\n", sqrt(2.0), exp(1.0),
           sin(1.0));
    printf("pow(2, 0.5) %.17g log(10) %.17g fma %.17g\n", pow(2.0, 0.5),
           log(10.0), fma(0.1, 10.0, -1.0));
    printf("inf %f -inf %f nan %f\n", INFINITY, -INFINITY, NAN);
    return 0;
}
