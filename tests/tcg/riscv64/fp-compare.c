/* SPDX-License-Identifier: MIT */
/* fmin/fmax, feq/flt/fle, fsgnj*, fclass and fmv on NaNs and signed zeros. */
#include "fp.h"

DEF_FP_NORM(fmin_d, F, "fmin.d", "ft1, ft2")
DEF_FP_NORM(fmax_d, F, "fmax.d", "ft1, ft2")
DEF_FP_NORM(fsgnj_d, F, "fsgnj.d", "ft1, ft2")
DEF_FP_NORM(fsgnjn_d, F, "fsgnjn.d", "ft1, ft2")
DEF_FP_NORM(fsgnjx_d, F, "fsgnjx.d", "ft1, ft2")
DEF_FP_NORM(feq_d, X, "feq.d", "ft1, ft2")
DEF_FP_NORM(flt_d, X, "flt.d", "ft1, ft2")
DEF_FP_NORM(fle_d, X, "fle.d", "ft1, ft2")
DEF_FP_NORM(fclass_d, X, "fclass.d", "ft1")
DEF_FP_NORM(fmin_s, F, "fmin.s", "ft1, ft2")
DEF_FP_NORM(fmax_s, F, "fmax.s", "ft1, ft2")
DEF_FP_NORM(fsgnj_s, F, "fsgnj.s", "ft1, ft2")
DEF_FP_NORM(fsgnjn_s, F, "fsgnjn.s", "ft1, ft2")
DEF_FP_NORM(fsgnjx_s, F, "fsgnjx.s", "ft1, ft2")
DEF_FP_NORM(feq_s, X, "feq.s", "ft1, ft2")
DEF_FP_NORM(flt_s, X, "flt.s", "ft1, ft2")
DEF_FP_NORM(fle_s, X, "fle.s", "ft1, ft2")
DEF_FP_NORM(fclass_s, X, "fclass.s", "ft1")

typedef struct {
    const char *name;
    FpFn fn;
    int nargs;
    int single;
} CmpOp;

static const CmpOp ops[] = {
    { "fmin.d", fmin_d, 2, 0 }, { "fmax.d", fmax_d, 2, 0 },
    { "fsgnj.d", fsgnj_d, 2, 0 }, { "fsgnjn.d", fsgnjn_d, 2, 0 },
    { "fsgnjx.d", fsgnjx_d, 2, 0 }, { "feq.d", feq_d, 2, 0 },
    { "flt.d", flt_d, 2, 0 }, { "fle.d", fle_d, 2, 0 },
    { "fclass.d", fclass_d, 1, 0 },
    { "fmin.s", fmin_s, 2, 1 }, { "fmax.s", fmax_s, 2, 1 },
    { "fsgnj.s", fsgnj_s, 2, 1 }, { "fsgnjn.s", fsgnjn_s, 2, 1 },
    { "fsgnjx.s", fsgnjx_s, 2, 1 }, { "feq.s", feq_s, 2, 1 },
    { "flt.s", flt_s, 2, 1 }, { "fle.s", fle_s, 2, 1 },
    { "fclass.s", fclass_s, 1, 1 },
};

static void test_all_pairs(void)
{
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        const CmpOp *op = &ops[o];
        printf("== %s\n", op->name);
        for (unsigned i = 0; i < NDVALS; i++) {
            for (unsigned j = 0; j < (op->nargs > 1 ? NDVALS : 1); j++) {
                uint64_t a = op->single ? box(svals[i]) : dvals[i];
                uint64_t b = op->single ? box(svals[j]) : dvals[j];
                FpResult r = op->fn(0, 0, a, b, 0);
                printf("%s %016llx %016llx = %016llx ", op->name,
                       (unsigned long long)a, (unsigned long long)b,
                       (unsigned long long)r.bits);
                print_flags(r.flags);
                printf("\n");
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

static void test_known(void)
{
    const uint64_t pz = 0, nz = 0x8000000000000000ull;
    const uint64_t one = 0x3ff0000000000000ull;
    const uint64_t qnan = 0x7ff8000000000000ull;
    const uint64_t snan = 0x7ff0000000000001ull;
    /* fclass bit for each class, in the order of the spec's table. */
    static const struct {
        const char *name;
        uint64_t d;
        uint32_t s;
    } classes[10] = {
        { "-inf", 0xfff0000000000000ull, 0xff800000u },
        { "-normal", 0xbff0000000000000ull, 0xbf800000u },
        { "-subnormal", 0x800fffffffffffffull, 0x807fffffu },
        { "-0", 0x8000000000000000ull, 0x80000000u },
        { "+0", 0, 0 },
        { "+subnormal", 1, 1 },
        { "+normal", 0x7fefffffffffffffull, 0x7f7fffffu },
        { "+inf", 0x7ff0000000000000ull, 0x7f800000u },
        { "sNaN", 0x7ff4000000000000ull, 0x7fa00000u },
        { "qNaN", 0xfff8000000000001ull, 0xffc00001u },
    };

    printf("== known results\n");
    for (int k = 0; k < 10; k++) {
        char what[40];
        snprintf(what, sizeof(what), "fclass.d %s", classes[k].name);
        expect(what, fclass_d(0, 0, classes[k].d, 0, 0), 1u << k, 0);
        snprintf(what, sizeof(what), "fclass.s %s", classes[k].name);
        expect(what, fclass_s(0, 0, box(classes[k].s), 0, 0), 1u << k, 0);
    }
    /* -0 is less than +0 for fmin/fmax, but equal for feq/flt/fle. */
    expect("fmin(-0,+0)", fmin_d(0, 0, nz, pz, 0), nz, 0);
    expect("fmin(+0,-0)", fmin_d(0, 0, pz, nz, 0), nz, 0);
    expect("fmax(-0,+0)", fmax_d(0, 0, nz, pz, 0), pz, 0);
    expect("feq(-0,+0)", feq_d(0, 0, nz, pz, 0), 1, 0);
    expect("flt(-0,+0)", flt_d(0, 0, nz, pz, 0), 0, 0);
    expect("fle(+0,-0)", fle_d(0, 0, pz, nz, 0), 1, 0);
    /* One NaN operand: the other wins; sNaN also raises NV. */
    expect("fmin(qNaN,1)", fmin_d(0, 0, qnan, one, 0), one, 0);
    expect("fmax(1,qNaN)", fmax_d(0, 0, one, qnan, 0), one, 0);
    expect("fmin(sNaN,1)", fmin_d(0, 0, snan, one, 0), one, NV);
    expect("fmax(qNaN,qNaN)", fmax_d(0, 0, qnan | 5, qnan | 7, 0), qnan, 0);
    expect("fmin(sNaN,qNaN)", fmin_d(0, 0, snan, qnan, 0), qnan, NV);
    expect("fmin.s(qNaN,1)", fmin_s(0, 0, box(0x7fc00000u),
                                    box(0x3f800000u), 0),
           box(0x3f800000u), 0);
    /* feq is quiet (NV only for sNaN), flt/fle signal on any NaN. */
    expect("feq(qNaN,qNaN)", feq_d(0, 0, qnan, qnan, 0), 0, 0);
    expect("feq(sNaN,1)", feq_d(0, 0, snan, one, 0), 0, NV);
    expect("flt(qNaN,1)", flt_d(0, 0, qnan, one, 0), 0, NV);
    expect("fle(1,qNaN)", fle_d(0, 0, one, qnan, 0), 0, NV);
    expect("fle(1,1)", fle_d(0, 0, one, one, 0), 1, 0);
    /* Sign injection never looks at NaN-ness and raises nothing. */
    expect("fsgnj(sNaN,-1)", fsgnj_d(0, 0, snan, one | nz, 0), snan | nz, 0);
    expect("fsgnjn(1,1)", fsgnjn_d(0, 0, one, one, 0), one | nz, 0);
    expect("fsgnjx(-1,-1)", fsgnjx_d(0, 0, one | nz, one | nz, 0), one, 0);
    expect("fneg.s", fsgnjn_s(0, 0, box(0x3f800000u), box(0x3f800000u), 0),
           box(0xbf800000u), 0);
}

int main(void)
{
    test_all_pairs();
    test_known();
    return guest_done();
}
