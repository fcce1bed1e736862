/* SPDX-License-Identifier: MIT */
/* Every fcvt conversion at saturation boundaries under every rm. */
#include "fp.h"

DEF_FP(fcvt_w_d, X, "fcvt.w.d", "ft1")
DEF_FP(fcvt_wu_d, X, "fcvt.wu.d", "ft1")
DEF_FP(fcvt_l_d, X, "fcvt.l.d", "ft1")
DEF_FP(fcvt_lu_d, X, "fcvt.lu.d", "ft1")
DEF_FP(fcvt_w_s, X, "fcvt.w.s", "ft1")
DEF_FP(fcvt_wu_s, X, "fcvt.wu.s", "ft1")
DEF_FP(fcvt_l_s, X, "fcvt.l.s", "ft1")
DEF_FP(fcvt_lu_s, X, "fcvt.lu.s", "ft1")
DEF_FP_NORM(fcvt_d_w, FI, "fcvt.d.w", "")
DEF_FP_NORM(fcvt_d_wu, FI, "fcvt.d.wu", "")
DEF_FP(fcvt_d_l, FI, "fcvt.d.l", "")
DEF_FP(fcvt_d_lu, FI, "fcvt.d.lu", "")
DEF_FP(fcvt_s_w, FI, "fcvt.s.w", "")
DEF_FP(fcvt_s_wu, FI, "fcvt.s.wu", "")
DEF_FP(fcvt_s_l, FI, "fcvt.s.l", "")
DEF_FP(fcvt_s_lu, FI, "fcvt.s.lu", "")
DEF_FP(fcvt_s_d, F, "fcvt.s.d", "ft1")
DEF_FP_NORM(fcvt_d_s, F, "fcvt.d.s", "ft1")

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static uint64_t sbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return box(u);
}

typedef struct {
    const char *name;
    FpFn fn;
    int src;        /* 'd', 's' (boxed) or 'x' (integer register) */
} CvtOp;

static const CvtOp ops[] = {
    { "fcvt.w.d", fcvt_w_d, 'd' }, { "fcvt.wu.d", fcvt_wu_d, 'd' },
    { "fcvt.l.d", fcvt_l_d, 'd' }, { "fcvt.lu.d", fcvt_lu_d, 'd' },
    { "fcvt.s.d", fcvt_s_d, 'd' },
    { "fcvt.w.s", fcvt_w_s, 's' }, { "fcvt.wu.s", fcvt_wu_s, 's' },
    { "fcvt.l.s", fcvt_l_s, 's' }, { "fcvt.lu.s", fcvt_lu_s, 's' },
    { "fcvt.d.s", fcvt_d_s, 's' },
    { "fcvt.d.w", fcvt_d_w, 'x' }, { "fcvt.d.wu", fcvt_d_wu, 'x' },
    { "fcvt.d.l", fcvt_d_l, 'x' }, { "fcvt.d.lu", fcvt_d_lu, 'x' },
    { "fcvt.s.w", fcvt_s_w, 'x' }, { "fcvt.s.wu", fcvt_s_wu, 'x' },
    { "fcvt.s.l", fcvt_s_l, 'x' }, { "fcvt.s.lu", fcvt_s_lu, 'x' },
};

static void test_sweep(void)
{
    const double two31 = 2147483648.0, two63 = 9223372036854775808.0;
    const double fin[] = {
        0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, -1.0,
        2147483647.0, 2147483647.5, two31, -two31, -two31 - 0.5,
        -two31 - 1.0, 4294967295.0, 4294967295.5, 4294967296.0,
        two63, -two63, 9223372036854774784.0, 18446744073709549568.0,
        2.0 * two63, 1e300, -1e300, 3.4028235677973366e38,
        1.401298464324817e-45, 4.9e-324,
    };
    const uint64_t dspecial[] = {
        0x7ff8000000000000ull, 0x7ff0000000000001ull, 0xfff8000000000000ull,
        0x7ff0000000000000ull, 0xfff0000000000000ull,
    };
    const uint64_t ints[] = {
        0, 1, (uint64_t)-1, 0x7fffffff, 0xffffffff80000000ull,
        0xffffffff, 0x80000001, 0x7fffffffffffffffull,
        0x8000000000000000ull, 0x20000000000001ull, 0x1000001,
        0x123456780000000full, 0x1000000000000003ull,
    };
    uint64_t in[64];
    unsigned n;

    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        const CvtOp *op = &ops[o];
        n = 0;
        if (op->src == 'x') {
            for (unsigned i = 0; i < sizeof(ints) / 8; i++) {
                in[n++] = ints[i];
            }
        } else {
            for (unsigned i = 0; i < sizeof(fin) / 8; i++) {
                in[n++] = op->src == 'd' ? dbits(fin[i])
                                         : sbits((float)fin[i]);
            }
            for (unsigned i = 0; i < sizeof(dspecial) / 8; i++) {
                in[n++] = op->src == 'd' ? dspecial[i] : box(svals[11 + i]);
            }
        }
        printf("== %s\n", op->name);
        for (unsigned i = 0; i < n; i++) {
            for (int rm = RNE; rm <= RMM; rm++) {
                FpResult r = op->fn(rm, 0, in[i], 0, 0);
                FpResult d = op->fn(DYN, rm, in[i], 0, 0);
                printf("%s %s %016llx = %016llx ", op->name, rm_names[rm],
                       (unsigned long long)in[i],
                       (unsigned long long)r.bits);
                print_flags(r.flags);
                printf("\n");
                CHECK(r.bits == d.bits && r.flags == d.flags,
                      "%s static/dyn %s differ", op->name, rm_names[rm]);
            }
        }
    }
}

static void expect(const char *what, FpResult r, uint64_t bits,
                   unsigned flags)
{
    printf("%s = %016llx ", what, (unsigned long long)r.bits);
    print_flags(r.flags);
    printf("\n");
    CHECK(r.bits == bits && r.flags == flags,
          "%s: want %016llx flags %02x, got flags %02x", what,
          (unsigned long long)bits, flags, r.flags);
}

/* Saturation values from the spec's fcvt table, worked by hand. */
static void test_known(void)
{
    const uint64_t qnan = 0x7ff8000000000000ull, inf = 0x7ff0000000000000ull;
    const uint64_t ninf = 0xfff0000000000000ull;

    printf("== known results\n");
    expect("w.d NaN", fcvt_w_d(RNE, 0, qnan, 0, 0), 0x7fffffff, NV);
    expect("w.d -NaN", fcvt_w_d(RNE, 0, qnan | (1ull << 63), 0, 0),
           0x7fffffff, NV);
    expect("w.d +inf", fcvt_w_d(RNE, 0, inf, 0, 0), 0x7fffffff, NV);
    expect("w.d -inf", fcvt_w_d(RNE, 0, ninf, 0, 0),
           0xffffffff80000000ull, NV);
    expect("w.d 2^31-0.5 rne", fcvt_w_d(RNE, 0, dbits(2147483647.5), 0, 0),
           0x7fffffff, NV);
    expect("w.d 2^31-0.5 rtz", fcvt_w_d(RTZ, 0, dbits(2147483647.5), 0, 0),
           0x7fffffff, NX);
    expect("w.d -2^31-0.5 rup",
           fcvt_w_d(RUP, 0, dbits(-2147483648.5), 0, 0),
           0xffffffff80000000ull, NX);
    expect("w.d 2.5 rne", fcvt_w_d(RNE, 0, dbits(2.5), 0, 0), 2, NX);
    expect("w.d 2.5 rmm", fcvt_w_d(RMM, 0, dbits(2.5), 0, 0), 3, NX);
    expect("w.d -2.5 rmm", fcvt_w_d(RMM, 0, dbits(-2.5), 0, 0),
           (uint64_t)-3, NX);
    expect("w.d -2.5 rdn", fcvt_w_d(RDN, 0, dbits(-2.5), 0, 0),
           (uint64_t)-3, NX);
    expect("wu.d -1", fcvt_wu_d(RNE, 0, dbits(-1.0), 0, 0), 0, NV);
    expect("wu.d -0.5 rtz", fcvt_wu_d(RTZ, 0, dbits(-0.5), 0, 0), 0, NX);
    expect("wu.d -0.5 rdn", fcvt_wu_d(RDN, 0, dbits(-0.5), 0, 0), 0, NV);
    expect("wu.d NaN", fcvt_wu_d(RNE, 0, qnan, 0, 0), (uint64_t)-1, NV);
    expect("wu.d 2^32-1", fcvt_wu_d(RNE, 0, dbits(4294967295.0), 0, 0),
           (uint64_t)-1, 0);        /* 32-bit result is sign-extended */
    expect("wu.d 2^32", fcvt_wu_d(RNE, 0, dbits(4294967296.0), 0, 0),
           (uint64_t)-1, NV);
    expect("l.d 2^63", fcvt_l_d(RNE, 0, dbits(9223372036854775808.0), 0, 0),
           0x7fffffffffffffffull, NV);
    expect("l.d -2^63",
           fcvt_l_d(RNE, 0, dbits(-9223372036854775808.0), 0, 0),
           0x8000000000000000ull, 0);
    expect("l.d NaN", fcvt_l_d(RNE, 0, qnan, 0, 0), 0x7fffffffffffffffull,
           NV);
    expect("l.d -inf", fcvt_l_d(RNE, 0, ninf, 0, 0), 0x8000000000000000ull,
           NV);
    expect("lu.d NaN", fcvt_lu_d(RNE, 0, qnan, 0, 0), (uint64_t)-1, NV);
    expect("lu.d 2^64", fcvt_lu_d(RNE, 0, dbits(18446744073709551616.0),
                                  0, 0), (uint64_t)-1, NV);
    expect("lu.d -inf", fcvt_lu_d(RNE, 0, ninf, 0, 0), 0, NV);
    expect("lu.d max below 2^64",
           fcvt_lu_d(RNE, 0, dbits(18446744073709549568.0), 0, 0),
           0xfffffffffffff800ull, 0);
    expect("d.l 2^53+1 rne", fcvt_d_l(RNE, 0, 0x20000000000001ull, 0, 0),
           0x4340000000000000ull, NX);
    expect("d.l 2^53+1 rup", fcvt_d_l(RUP, 0, 0x20000000000001ull, 0, 0),
           0x4340000000000001ull, NX);
    expect("d.w uses low 32 bits",
           fcvt_d_w(RNE, 0, 0x12345678ffffffffull, 0, 0),
           0xbff0000000000000ull, 0);
    expect("d.wu uses low 32 bits",
           fcvt_d_wu(RNE, 0, 0x12345678ffffffffull, 0, 0),
           0x41efffffffe00000ull, 0);
    expect("d.lu 2^64-1 rne", fcvt_d_lu(RNE, 0, (uint64_t)-1, 0, 0),
           0x43f0000000000000ull, NX);
    expect("d.lu 2^64-1 rtz", fcvt_d_lu(RTZ, 0, (uint64_t)-1, 0, 0),
           0x43efffffffffffffull, NX);
    expect("s.w 2^24+1 rne", fcvt_s_w(RNE, 0, 0x1000001, 0, 0),
           box(0x4b800000u), NX);
    expect("s.w 2^24+1 rmm", fcvt_s_w(RMM, 0, 0x1000001, 0, 0),
           box(0x4b800001u), NX);
    expect("s.d max rne", fcvt_s_d(RNE, 0, 0x7fefffffffffffffull, 0, 0),
           box(0x7f800000u), OF | NX);
    expect("s.d max rtz", fcvt_s_d(RTZ, 0, 0x7fefffffffffffffull, 0, 0),
           box(0x7f7fffffu), OF | NX);
    expect("s.d sNaN", fcvt_s_d(RNE, 0, 0x7ff0000000000001ull, 0, 0),
           box(0x7fc00000u), NV);
    expect("s.d tiny", fcvt_s_d(RNE, 0, 1, 0, 0), box(0), UF | NX);
    expect("d.s sNaN", fcvt_d_s(RNE, 0, box(0x7f800001u), 0, 0),
           0x7ff8000000000000ull, NV);
    expect("d.s subnormal", fcvt_d_s(RNE, 0, box(1), 0, 0),
           0x36a0000000000000ull, 0);
    expect("wu.s 2^32-256", fcvt_wu_s(RNE, 0, box(0x4f7fffffu), 0, 0),
           0xffffffffffffff00ull, 0);
    expect("lu.s -1", fcvt_lu_s(RNE, 0, box(0xbf800000u), 0, 0), 0, NV);
}

int main(void)
{
    test_sweep();
    test_known();
    return guest_done();
}
