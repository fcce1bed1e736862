/* SPDX-License-Identifier: MIT */
/* FP test helpers: run one F/D instruction on raw bits, capture fflags. */
#ifndef FP_H
#define FP_H

#include "guest.h"

/* fflags bits. */
#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

/* Rounding modes in rm-field encoding; 7 = dynamic (use frm). */
enum { RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7 };
static const char *const rm_names[8] = {
    "rne", "rtz", "rdn", "rup", "rmm", "?5", "?6", "dyn",
};

typedef struct {
    uint64_t bits;      /* result register (x or f, raw 64 bits) */
    unsigned flags;     /* fflags accrued by the single instruction */
} FpResult;

/*
 * Inputs go into ft1..ft3 with fmv.d.x so single-precision operands are
 * written NaN-boxed by the caller (upper 32 bits all ones).  frm is set
 * for the instruction and restored to RNE afterwards.  The result comes
 * back from ft0 via fmv.x.d (or directly from an x register for
 * compares, classify and conversions to integer).
 */
#define FP_ASM_F(insn, ops, rmtext) \
    asm volatile("fmv.d.x ft1, %2\n\tfmv.d.x ft2, %3\n\tfmv.d.x ft3, %4\n\t" \
                 "fsrm %5\n\tfsflags zero\n\t" \
                 insn " ft0, " ops rmtext "\n\t" \
                 "frflags %1\n\tfsrm zero\n\tfmv.x.d %0, ft0" \
                 : "=r"(r.bits), "=r"(fl) \
                 : "r"(a), "r"(b), "r"(c), "r"(frm) \
                 : "ft0", "ft1", "ft2", "ft3")

#define FP_ASM_X(insn, ops, rmtext) \
    asm volatile("fmv.d.x ft1, %2\n\tfmv.d.x ft2, %3\n\tfmv.d.x ft3, %4\n\t" \
                 "fsrm %5\n\tfsflags zero\n\t" \
                 insn " %0, " ops rmtext "\n\t" \
                 "frflags %1\n\tfsrm zero" \
                 : "=&r"(r.bits), "=r"(fl) \
                 : "r"(a), "r"(b), "r"(c), "r"(frm) \
                 : "ft0", "ft1", "ft2", "ft3")

/* Integer source: the operand comes from an x register, result in ft0. */
#define FP_ASM_FI(insn, ops, rmtext) \
    asm volatile("fsrm %5\n\tfsflags zero\n\t" \
                 insn " ft0, %2" rmtext "\n\t" \
                 "frflags %1\n\tfsrm zero\n\tfmv.x.d %0, ft0" \
                 : "=r"(r.bits), "=r"(fl) \
                 : "r"(a), "r"(b), "r"(c), "r"(frm) \
                 : "ft0")

#define FP_CASES(kind, insn, ops) \
    switch (rm) { \
    case RNE: FP_ASM_##kind(insn, ops, ", rne"); break; \
    case RTZ: FP_ASM_##kind(insn, ops, ", rtz"); break; \
    case RDN: FP_ASM_##kind(insn, ops, ", rdn"); break; \
    case RUP: FP_ASM_##kind(insn, ops, ", rup"); break; \
    case RMM: FP_ASM_##kind(insn, ops, ", rmm"); break; \
    default: FP_ASM_##kind(insn, ops, ", dyn"); break; \
    }

/* Define fn(rm, frm, a, b, c) for an instruction with an rm field. */
#define DEF_FP(fn, kind, insn, ops) \
    static FpResult fn(int rm, uint64_t frm, uint64_t a, uint64_t b, \
                       uint64_t c) \
    { \
        FpResult r; \
        uint64_t fl; \
        FP_CASES(kind, insn, ops) \
        r.flags = fl; \
        return r; \
    }

/* Same for instructions without an rm field. */
#define DEF_FP_NORM(fn, kind, insn, ops) \
    static FpResult fn(int rm, uint64_t frm, uint64_t a, uint64_t b, \
                       uint64_t c) \
    { \
        FpResult r; \
        uint64_t fl; \
        FP_ASM_##kind(insn, ops, ""); \
        r.flags = fl; \
        (void)rm; \
        return r; \
    }

typedef FpResult (*FpFn)(int rm, uint64_t frm, uint64_t a, uint64_t b,
                         uint64_t c);

/* Box a single-precision value as a correctly NaN-boxed register. */
static inline uint64_t box(uint32_t x)
{
    return 0xffffffff00000000ull | x;
}

static inline void print_flags(unsigned f)
{
    printf("%s%s%s%s%s", f & NV ? "V" : "-", f & DZ ? "Z" : "-",
           f & OF ? "O" : "-", f & UF ? "U" : "-", f & NX ? "X" : "-");
}

/* Double-precision inputs: every class plus rounding-sensitive values. */
static const uint64_t dvals[] = {
    0x0000000000000000ull,  /* +0 */
    0x8000000000000000ull,  /* -0 */
    0x3ff0000000000000ull,  /* 1 */
    0xbff0000000000000ull,  /* -1 */
    0x3ff8000000000000ull,  /* 1.5 */
    0x4008000000000000ull,  /* 3 */
    0x3fd5555555555555ull,  /* ~1/3 */
    0x7fefffffffffffffull,  /* DBL_MAX */
    0x0010000000000000ull,  /* DBL_MIN */
    0x0000000000000001ull,  /* min subnormal */
    0x800fffffffffffffull,  /* -max subnormal */
    0x7ff0000000000000ull,  /* +inf */
    0xfff0000000000000ull,  /* -inf */
    0x7ff8000000000000ull,  /* canonical qNaN */
    0x7ff0000000000001ull,  /* sNaN */
    0xfff8000000000123ull,  /* -qNaN with payload */
};
#define NDVALS (sizeof(dvals) / sizeof(dvals[0]))

static const uint32_t svals[] = {
    0x00000000u, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x3fc00000u,
    0x40400000u, 0x3eaaaaabu, 0x7f7fffffu, 0x00800000u, 0x00000001u,
    0x807fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7f800001u,
    0xffc00123u,
};
#define NSVALS (sizeof(svals) / sizeof(svals[0]))

#endif
