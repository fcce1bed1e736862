/* SPDX-License-Identifier: MIT */
/* NaN-boxing of single-precision values in 64-bit FP registers. */
#include "fp.h"

DEF_FP(fadd_s, F, "fadd.s", "ft1, ft2")
DEF_FP(fadd_d, F, "fadd.d", "ft1, ft2")
DEF_FP_NORM(fsgnj_s, F, "fsgnj.s", "ft1, ft2")
DEF_FP_NORM(fsgnjx_s, F, "fsgnjx.s", "ft1, ft2")
DEF_FP_NORM(fmin_s, F, "fmin.s", "ft1, ft2")
DEF_FP_NORM(feq_s, X, "feq.s", "ft1, ft2")
DEF_FP_NORM(fclass_s, X, "fclass.s", "ft1")
DEF_FP_NORM(fmv_x_w, X, "fmv.x.w", "ft1")
DEF_FP_NORM(fcvt_d_s, F, "fcvt.d.s", "ft1")
DEF_FP(fcvt_w_s, X, "fcvt.w.s", "ft1")
DEF_FP(fmadd_s, F, "fmadd.s", "ft1, ft2, ft3")

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

int main(void)
{
    const uint64_t unboxed_one = 0x000000003f800000ull;
    const uint64_t half_boxed = 0xfffffffe3f800000ull;
    const uint64_t one = box(0x3f800000u), mone = box(0xbf800000u);
    const uint64_t cnan = box(0x7fc00000u);
    uint64_t r, stored = 0;
    uint32_t st32 = 0;

    /* fmv.w.x and flw write a boxed value. */
    asm volatile("fmv.w.x ft0, %1\n\tfmv.x.d %0, ft0"
                 : "=r"(r) : "r"(0x123456789abcdef0ull) : "ft0");
    printf("fmv.w.x -> %016llx\n", (unsigned long long)r);
    CHECK_EQ(r, 0xffffffff9abcdef0ull, "fmv.w.x boxes");
    /* fmv.x.w sign-extends bit 31. */
    expect("fmv.x.w boxed", fmv_x_w(0, 0, box(0x80000001u), 0, 0),
           0xffffffff80000001ull, 0);

    /* An improperly boxed operand reads as the canonical NaN. */
    expect("fadd.s unboxed+1", fadd_s(RNE, 0, unboxed_one, one, 0), cnan, 0);
    expect("fadd.s halfboxed+1", fadd_s(RNE, 0, half_boxed, one, 0), cnan,
           0);
    expect("fmadd.s 1*1+unboxed", fmadd_s(RNE, 0, one, one, unboxed_one),
           cnan, 0);
    expect("fsgnj.s unboxed,+1", fsgnj_s(0, 0, unboxed_one, one, 0), cnan,
           0);
    expect("fsgnj.s unboxed,-1", fsgnj_s(0, 0, unboxed_one, mone, 0),
           box(0xffc00000u), 0);
    expect("fsgnj.s -1,unboxed", fsgnj_s(0, 0, mone, unboxed_one, 0), one,
           0);
    expect("fsgnjx.s -1,unboxed", fsgnjx_s(0, 0, mone, unboxed_one, 0),
           mone, 0);
    expect("fmin.s unboxed,-1", fmin_s(0, 0, unboxed_one, mone, 0), mone, 0);
    expect("feq.s unboxed,unboxed", feq_s(0, 0, unboxed_one, unboxed_one, 0),
           0, 0);
    expect("fclass.s unboxed", fclass_s(0, 0, unboxed_one, 0, 0), 0x200, 0);
    expect("fcvt.d.s unboxed", fcvt_d_s(0, 0, unboxed_one, 0, 0),
           0x7ff8000000000000ull, 0);
    expect("fcvt.w.s unboxed", fcvt_w_s(RNE, 0, unboxed_one, 0, 0),
           0x7fffffff, NV);
    /* Transfers do not check boxing: they move the low 32 bits. */
    expect("fmv.x.w unboxed", fmv_x_w(0, 0, unboxed_one, 0, 0), 0x3f800000,
           0);
    asm volatile("fmv.d.x ft0, %1\n\tfsw ft0, 0(%0)"
                 : : "r"(&st32), "r"(unboxed_one) : "ft0", "memory");
    printf("fsw unboxed -> %08x\n", st32);
    CHECK_EQ(st32, 0x3f800000, "fsw of unboxed value");
    /* A boxed single seen as a double is a NaN. */
    expect("fadd.d boxed single", fadd_d(RNE, 0, one, 0, 0),
           0x7ff8000000000000ull, 0);
    asm volatile("fmv.d.x ft0, %1\n\tfsd ft0, 0(%0)"
                 : : "r"(&stored), "r"(one) : "ft0", "memory");
    printf("fsd boxed -> %016llx\n", (unsigned long long)stored);
    CHECK_EQ(stored, one, "fsd keeps the box");
    return guest_done();
}
