/* SPDX-License-Identifier: MIT */
/* F/D arithmetic: NaNs, rounding modes (static and dynamic), fflags, FMA. */
#include "fp.h"

DEF_FP(fadd_d, F, "fadd.d", "ft1, ft2")
DEF_FP(fsub_d, F, "fsub.d", "ft1, ft2")
DEF_FP(fmul_d, F, "fmul.d", "ft1, ft2")
DEF_FP(fdiv_d, F, "fdiv.d", "ft1, ft2")
DEF_FP(fsqrt_d, F, "fsqrt.d", "ft1")
DEF_FP(fmadd_d, F, "fmadd.d", "ft1, ft2, ft3")
DEF_FP(fmsub_d, F, "fmsub.d", "ft1, ft2, ft3")
DEF_FP(fnmadd_d, F, "fnmadd.d", "ft1, ft2, ft3")
DEF_FP(fnmsub_d, F, "fnmsub.d", "ft1, ft2, ft3")
DEF_FP(fadd_s, F, "fadd.s", "ft1, ft2")
DEF_FP(fsub_s, F, "fsub.s", "ft1, ft2")
DEF_FP(fmul_s, F, "fmul.s", "ft1, ft2")
DEF_FP(fdiv_s, F, "fdiv.s", "ft1, ft2")
DEF_FP(fsqrt_s, F, "fsqrt.s", "ft1")
DEF_FP(fmadd_s, F, "fmadd.s", "ft1, ft2, ft3")
DEF_FP(fmsub_s, F, "fmsub.s", "ft1, ft2, ft3")
DEF_FP(fnmadd_s, F, "fnmadd.s", "ft1, ft2, ft3")
DEF_FP(fnmsub_s, F, "fnmsub.s", "ft1, ft2, ft3")

typedef struct {
    const char *name;
    FpFn fn;
    int nargs;
    int single;
} FpOp;

static const FpOp ops[] = {
    { "fadd.d", fadd_d, 2, 0 }, { "fsub.d", fsub_d, 2, 0 },
    { "fmul.d", fmul_d, 2, 0 }, { "fdiv.d", fdiv_d, 2, 0 },
    { "fsqrt.d", fsqrt_d, 1, 0 }, { "fmadd.d", fmadd_d, 3, 0 },
    { "fmsub.d", fmsub_d, 3, 0 }, { "fnmadd.d", fnmadd_d, 3, 0 },
    { "fnmsub.d", fnmsub_d, 3, 0 },
    { "fadd.s", fadd_s, 2, 1 }, { "fsub.s", fsub_s, 2, 1 },
    { "fmul.s", fmul_s, 2, 1 }, { "fdiv.s", fdiv_s, 2, 1 },
    { "fsqrt.s", fsqrt_s, 1, 1 }, { "fmadd.s", fmadd_s, 3, 1 },
    { "fmsub.s", fmsub_s, 3, 1 }, { "fnmadd.s", fnmadd_s, 3, 1 },
    { "fnmsub.s", fnmsub_s, 3, 1 },
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))

static uint64_t val(const FpOp *op, unsigned i)
{
    return op->single ? box(svals[i % NSVALS]) : dvals[i % NDVALS];
}

static void show(const FpOp *op, const char *mode, uint64_t a, uint64_t b,
                 uint64_t c, FpResult r)
{
    if (op->single) {
        printf("%s %s %08x %08x %08x = %016llx ", op->name, mode,
               (uint32_t)a, (uint32_t)b, (uint32_t)c,
               (unsigned long long)r.bits);
    } else {
        printf("%s %s %016llx %016llx %016llx = %016llx ", op->name, mode,
               (unsigned long long)a, (unsigned long long)b,
               (unsigned long long)c, (unsigned long long)r.bits);
    }
    print_flags(r.flags);
    printf("\n");
}

/* Every op on every pair (ternary: third operand from a rotation), RNE. */
static void test_all_pairs(void)
{
    for (unsigned o = 0; o < NOPS; o++) {
        const FpOp *op = &ops[o];
        printf("== %s\n", op->name);
        for (unsigned i = 0; i < NDVALS; i++) {
            for (unsigned j = 0; j < (op->nargs > 1 ? NDVALS : 1); j++) {
                uint64_t a = val(op, i), b = val(op, j);
                uint64_t c = val(op, i + j + 3);
                FpResult r = op->fn(RNE, 0, a, b, c);
                show(op, "rne", a, b, c, r);
                if (op->single) {
                    CHECK((r.bits >> 32) == 0xffffffffu,
                          "%s result not NaN-boxed", op->name);
                }
            }
        }
    }
}

/* Inexact operands under every static rm and every frm with rm=dyn. */
static void test_rounding(void)
{
    static const uint64_t dpairs[][3] = {
        { 0x3ff0000000000000ull, 0x3ca0000000000000ull, 0 }, /* 1+2^-53 */
        { 0x3ff0000000000000ull, 0x4008000000000000ull, 0 }, /* 1, 3 */
        { 0xbff0000000000000ull, 0x4008000000000000ull, 0 }, /* -1, 3 */
        { 0x3ff0000000000001ull, 0x3ff0000000000001ull,
          0xbff0000000000000ull },
        { 0x7fefffffffffffffull, 0x4000000000000000ull, 0 }, /* max, 2 */
        { 0x0010000000000000ull, 0x3fd5555555555555ull, 0 }, /* tiny */
        { 0x0000000000000003ull, 0x3fe0000000000000ull, 0 }, /* 3ulp/2 */
    };
    static const unsigned dops[] = { 0, 1, 2, 3, 4, 5, 8 };

    printf("== rounding modes\n");
    for (unsigned k = 0; k < sizeof(dops) / sizeof(dops[0]); k++) {
        const FpOp *op = &ops[dops[k]];
        for (unsigned p = 0; p < sizeof(dpairs) / sizeof(dpairs[0]); p++) {
            uint64_t a = dpairs[p][0], b = dpairs[p][1], c = dpairs[p][2];
            for (int rm = RNE; rm <= RMM; rm++) {
                FpResult s = op->fn(rm, 0, a, b, c);
                FpResult d = op->fn(DYN, rm, a, b, c);
                show(op, rm_names[rm], a, b, c, s);
                CHECK(s.bits == d.bits && s.flags == d.flags,
                      "%s: static %s differs from dyn", op->name,
                      rm_names[rm]);
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

/* Values worked out by hand from IEEE 754 and the RISC-V F/D chapters. */
static void test_known(void)
{
    const uint64_t one = 0x3ff0000000000000ull, tie = 0x3ca0000000000000ull;
    const uint64_t three = 0x4008000000000000ull;

    printf("== known results\n");
    /* 1 + 2^-53 is exactly halfway between 1 and 1+2^-52. */
    expect("1+2^-53 rne", fadd_d(RNE, 0, one, tie, 0), one, NX);
    expect("1+2^-53 rmm", fadd_d(RMM, 0, one, tie, 0), one + 1, NX);
    expect("1+2^-53 rup", fadd_d(RUP, 0, one, tie, 0), one + 1, NX);
    expect("1+2^-53 rdn", fadd_d(RDN, 0, one, tie, 0), one, NX);
    expect("1+2^-53 rtz", fadd_d(RTZ, 0, one, tie, 0), one, NX);
    expect("1+2^-53 dyn=rmm", fadd_d(DYN, RMM, one, tie, 0), one + 1, NX);
    /* 1.5 ulp above 1 rounds to 2 ulp under rne (tie to even). */
    expect("1+3*2^-53 rne",
           fadd_d(RNE, 0, one, 0x3cb8000000000000ull, 0), one + 2, NX);
    expect("1+3*2^-53 rmm",
           fadd_d(RMM, 0, one, 0x3cb8000000000000ull, 0), one + 2, NX);
    /* 1/3 = 0x3fd5555555555555 and a remainder below half an ulp. */
    expect("1/3 rne", fdiv_d(RNE, 0, one, three, 0),
           0x3fd5555555555555ull, NX);
    expect("1/3 rup", fdiv_d(RUP, 0, one, three, 0),
           0x3fd5555555555556ull, NX);
    expect("-1/3 rdn", fdiv_d(RDN, 0, one | (1ull << 63), three, 0),
           0xbfd5555555555556ull, NX);
    expect("-1/3 rtz", fdiv_d(RTZ, 0, one | (1ull << 63), three, 0),
           0xbfd5555555555555ull, NX);
    /* Division by zero and invalid operations. */
    expect("1/0", fdiv_d(RNE, 0, one, 0, 0), 0x7ff0000000000000ull, DZ);
    expect("-1/0", fdiv_d(RNE, 0, one | (1ull << 63), 0, 0),
           0xfff0000000000000ull, DZ);
    expect("0/0", fdiv_d(RNE, 0, 0, 0, 0), 0x7ff8000000000000ull, NV);
    expect("inf-inf", fsub_d(RNE, 0, 0x7ff0000000000000ull,
                             0x7ff0000000000000ull, 0),
           0x7ff8000000000000ull, NV);
    expect("sqrt(-1)", fsqrt_d(RNE, 0, 0xbff0000000000000ull, 0, 0),
           0x7ff8000000000000ull, NV);
    expect("sqrt(-0)", fsqrt_d(RNE, 0, 0x8000000000000000ull, 0, 0),
           0x8000000000000000ull, 0);
    expect("sqrt(4)", fsqrt_d(RNE, 0, 0x4010000000000000ull, 0, 0),
           0x4000000000000000ull, 0);
    /* NaN propagation gives the canonical NaN; only sNaN raises NV. */
    expect("qNaN+1", fadd_d(RNE, 0, 0xfff8000000000123ull, one, 0),
           0x7ff8000000000000ull, 0);
    expect("sNaN+1", fadd_d(RNE, 0, 0x7ff0000000000001ull, one, 0),
           0x7ff8000000000000ull, NV);
    expect("sNaN.s*1", fmul_s(RNE, 0, box(0x7f800001u), box(0x3f800000u),
                              0),
           box(0x7fc00000u), NV);
    /* Overflow: rounding mode decides between inf and the largest. */
    expect("max*2 rne", fmul_d(RNE, 0, 0x7fefffffffffffffull,
                               0x4000000000000000ull, 0),
           0x7ff0000000000000ull, OF | NX);
    expect("max*2 rtz", fmul_d(RTZ, 0, 0x7fefffffffffffffull,
                               0x4000000000000000ull, 0),
           0x7fefffffffffffffull, OF | NX);
    expect("-max*2 rup", fmul_d(RUP, 0, 0xffefffffffffffffull,
                                0x4000000000000000ull, 0),
           0xffefffffffffffffull, OF | NX);
    expect("-max*2 rdn", fmul_d(RDN, 0, 0xffefffffffffffffull,
                                0x4000000000000000ull, 0),
           0xfff0000000000000ull, OF | NX);
    /* Subnormal results: exact ones do not underflow, inexact ones do. */
    expect("min/2 exact", fmul_d(RNE, 0, 0x0010000000000000ull,
                                 0x3fe0000000000000ull, 0),
           0x0008000000000000ull, 0);
    expect("minsub/2 rne", fmul_d(RNE, 0, 0x0000000000000001ull,
                                  0x3fe0000000000000ull, 0),
           0, UF | NX);
    expect("minsub/2 rup", fmul_d(RUP, 0, 0x0000000000000001ull,
                                  0x3fe0000000000000ull, 0),
           1, UF | NX);
    expect("3sub/2 rne", fmul_d(RNE, 0, 3, 0x3fe0000000000000ull, 0),
           2, UF | NX);
    expect("subnormal add", fadd_d(RNE, 0, 1, 1, 0), 2, 0);
    /* fma is fused: (1+2^-52)(1-2^-52) - 1 = -2^-104 exactly. */
    expect("fma exact", fmadd_d(RNE, 0, 0x3ff0000000000001ull,
                                0x3feffffffffffffeull,
                                0xbff0000000000000ull),
           0xb970000000000000ull, 0);
    expect("fnmsub", fnmsub_d(RNE, 0, one, three, 0x4014000000000000ull),
           0x4000000000000000ull, 0);       /* -(1*3) + 5 */
    expect("fnmadd", fnmadd_d(RNE, 0, one, three, 0x4014000000000000ull),
           0xc020000000000000ull, 0);       /* -(1*3) - 5 */
    expect("fmsub", fmsub_d(RNE, 0, one, three, 0x4014000000000000ull),
           0xc000000000000000ull, 0);       /* 1*3 - 5 */
    /* fma with inf*0 is invalid even when the addend is a qNaN. */
    expect("fma inf*0+qNaN", fmadd_d(RNE, 0, 0x7ff0000000000000ull, 0,
                                     0x7ff8000000000000ull),
           0x7ff8000000000000ull, NV);
    /* Exact zero sums: sign depends on the rounding mode. */
    expect("1-1 rne", fsub_d(RNE, 0, one, one, 0), 0, 0);
    expect("1-1 rdn", fsub_d(RDN, 0, one, one, 0), 0x8000000000000000ull, 0);
    expect("-0+-0", fadd_d(RNE, 0, 0x8000000000000000ull,
                           0x8000000000000000ull, 0),
           0x8000000000000000ull, 0);
    /* Single precision tie. */
    expect("1+2^-24 s rne", fadd_s(RNE, 0, box(0x3f800000u),
                                   box(0x33800000u), 0),
           box(0x3f800000u), NX);
    expect("1+2^-24 s rmm", fadd_s(RMM, 0, box(0x3f800000u),
                                   box(0x33800000u), 0),
           box(0x3f800001u), NX);
}

/* fflags accrue across instructions and fcsr packs frm and fflags. */
static void test_csr(void)
{
    uint64_t flags, fcsr, frm;

    asm volatile("fsflags zero\n\t"
                 "fmv.d.x ft1, %3\n\tfdiv.d ft0, ft1, ft1\n\t" /* 0/0: NV */
                 "fmv.d.x ft2, %4\n\tfdiv.d ft0, ft2, ft1\n\t" /* 1/0: DZ */
                 "frflags %0\n\tfsrmi 3\n\tfrcsr %1\n\tfrrm %2\n\t"
                 "fscsr zero"
                 : "=r"(flags), "=r"(fcsr), "=r"(frm)
                 : "r"(0ull), "r"(0x3ff0000000000000ull) : "ft0", "ft1",
                 "ft2");
    printf("accrued flags = %02llx fcsr = %03llx frm = %llx\n",
           (unsigned long long)flags, (unsigned long long)fcsr,
           (unsigned long long)frm);
    CHECK_EQ(flags, NV | DZ, "accrued fflags");
    CHECK_EQ(fcsr, (3 << 5) | NV | DZ, "fcsr");
    CHECK_EQ(frm, 3, "frm");
}

int main(void)
{
    test_all_pairs();
    test_rounding();
    test_known();
    test_csr();
    return guest_done();
}
