/* SPDX-License-Identifier: MIT */
/*
 * Scalar FP arithmetic corner cases: every op on NaNs (signalling and
 * quiet, payloads), infinities, zeros, denormals and rounding ties, in
 * the four FPCR rounding modes and with DN and FZ; prints result bits,
 * the FPSR flags and (compares) NZCV.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void set_fpcr(uint64_t v)
{
    __asm__ volatile("msr fpcr, %0" : : "r"(v));
}

static uint64_t get_fpsr(void)
{
    uint64_t v;

    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}

/* FPSR before each op: 0, or IXC already set (the accrued state). */
static uint64_t fpsr_preset;

static void clr_fpsr(void)
{
    __asm__ volatile("msr fpsr, %0" : : "r"(fpsr_preset));
}

static const uint64_t d_vals[] = {
    0x0000000000000000ull, 0x8000000000000000ull,   /* +-0 */
    0x3ff0000000000000ull, 0xbff0000000000000ull,   /* +-1 */
    0x7ff0000000000000ull, 0xfff0000000000000ull,   /* +-inf */
    0x7ff8000000000000ull, 0x7ff4000000000001ull,   /* qNaN, sNaN */
    0xfff8000000000123ull, 0x7ff0000000000042ull,   /* -qNaN payload, sNaN */
    0x0000000000000001ull, 0x800fffffffffffffull,   /* denormals */
    0x0010000000000000ull, 0x7fefffffffffffffull,   /* min normal, max */
    0x3ff0000000000001ull, 0x4008000000000000ull,   /* 1+ulp, 3 */
    0x3fe0000000000000ull, 0xc004000000000000ull,   /* 0.5, -2.5 */
};

static const uint32_t s_vals[] = {
    0x00000000u, 0x80000000u, 0x3f800000u, 0xbf800000u,
    0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7fa00001u,
    0xffc00123u, 0x7f800042u, 0x00000001u, 0x807fffffu,
    0x00800000u, 0x7f7fffffu, 0x3f800001u, 0x40400000u,
    0x3f000000u, 0xc0200000u,
};

#define ND (sizeof(d_vals) / sizeof(d_vals[0]))
#define NS (sizeof(s_vals) / sizeof(s_vals[0]))

#define BIN_D(name, insn)                                                    \
    static uint64_t name(uint64_t a, uint64_t b)                            \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile("fmov d0, %1\n\tfmov d1, %2\n\t" insn               \
                         " d2, d0, d1\n\tfmov %0, d2"                        \
                         : "=r"(r) : "r"(a), "r"(b) : "d0", "d1", "d2");     \
        return r;                                                            \
    }
#define BIN_S(name, insn)                                                    \
    static uint32_t name(uint32_t a, uint32_t b)                            \
    {                                                                        \
        uint32_t r;                                                          \
        __asm__ volatile("fmov s0, %w1\n\tfmov s1, %w2\n\t" insn             \
                         " s2, s0, s1\n\tfmov %w0, s2"                       \
                         : "=r"(r) : "r"(a), "r"(b) : "d0", "d1", "d2");     \
        return r;                                                            \
    }
#define UN_D(name, insn)                                                     \
    static uint64_t name(uint64_t a)                                         \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile("fmov d0, %1\n\t" insn " d2, d0\n\tfmov %0, d2"     \
                         : "=r"(r) : "r"(a) : "d0", "d2");                   \
        return r;                                                            \
    }
#define UN_S(name, insn)                                                     \
    static uint32_t name(uint32_t a)                                         \
    {                                                                        \
        uint32_t r;                                                          \
        __asm__ volatile("fmov s0, %w1\n\t" insn " s2, s0\n\tfmov %w0, s2"   \
                         : "=r"(r) : "r"(a) : "d0", "d2");                   \
        return r;                                                            \
    }
#define TER_D(name, insn)                                                    \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t c)                \
    {                                                                        \
        uint64_t r;                                                          \
        __asm__ volatile("fmov d0, %1\n\tfmov d1, %2\n\tfmov d3, %3\n\t"     \
                         insn " d2, d0, d1, d3\n\tfmov %0, d2"               \
                         : "=r"(r) : "r"(a), "r"(b), "r"(c)                  \
                         : "d0", "d1", "d2", "d3");                          \
        return r;                                                            \
    }

BIN_D(fadd_d, "fadd") BIN_D(fsub_d, "fsub") BIN_D(fmul_d, "fmul")
BIN_D(fdiv_d, "fdiv") BIN_D(fmax_d, "fmax") BIN_D(fmin_d, "fmin")
BIN_D(fmaxnm_d, "fmaxnm") BIN_D(fminnm_d, "fminnm")
BIN_D(fnmul_d, "fnmul") BIN_D(fabd_d, "fabd")
BIN_S(fadd_s, "fadd") BIN_S(fmul_s, "fmul") BIN_S(fdiv_s, "fdiv")
BIN_S(fmin_s, "fmin") BIN_S(fmaxnm_s, "fmaxnm") BIN_S(fsub_s, "fsub")
UN_D(fsqrt_d, "fsqrt") UN_D(frintn_d, "frintn") UN_D(frintp_d, "frintp")
UN_D(frintm_d, "frintm") UN_D(frintz_d, "frintz") UN_D(frinta_d, "frinta")
UN_D(frintx_d, "frintx") UN_D(frinti_d, "frinti") UN_D(fabs_d, "fabs")
UN_D(fneg_d, "fneg")
UN_S(fsqrt_s, "fsqrt") UN_S(frintx_s, "frintx") UN_S(frinta_s, "frinta")
TER_D(fmadd_d, "fmadd") TER_D(fmsub_d, "fmsub") TER_D(fnmadd_d, "fnmadd")
TER_D(fnmsub_d, "fnmsub")

static uint64_t fcmp_d(uint64_t a, uint64_t b, int e)
{
    uint64_t r;

    if (e) {
        __asm__ volatile("fmov d0, %1\n\tfmov d1, %2\n\tfcmpe d0, d1\n\t"
                         "mrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b)
                         : "d0", "d1", "cc");
    } else {
        __asm__ volatile("fmov d0, %1\n\tfmov d1, %2\n\tfcmp d0, d1\n\t"
                         "mrs %0, nzcv" : "=r"(r) : "r"(a), "r"(b)
                         : "d0", "d1", "cc");
    }
    return r >> 28;
}

static uint64_t fccmp_d(uint64_t a, uint64_t b, uint64_t x)
{
    uint64_t r;

    /* cond EQ on x == 0: compare, else NZCV = 0b1010 */
    __asm__ volatile("cmp %3, #0\n\tfmov d0, %1\n\tfmov d1, %2\n\t"
                     "fccmp d0, d1, #10, eq\n\tmrs %0, nzcv"
                     : "=r"(r) : "r"(a), "r"(b), "r"(x) : "d0", "d1", "cc");
    return r >> 28;
}

static uint64_t fcsel_d(uint64_t a, uint64_t b, uint64_t x)
{
    uint64_t r;

    __asm__ volatile("cmp %3, #5\n\tfmov d0, %1\n\tfmov d1, %2\n\t"
                     "fcsel d2, d0, d1, gt\n\tfmov %0, d2"
                     : "=r"(r) : "r"(a), "r"(b), "r"(x)
                     : "d0", "d1", "d2", "cc");
    return r;
}

static unsigned long checks;
static int verbose;
static uint64_t block_hash;

/*
 * Every result with its FPSR when verbose (any argument); else a hash
 * per block of 32 results, which keeps the golden file small: on a
 * mismatch, run both emulators verbose and diff.
 */
static void out(const char *what, uint64_t r)
{
    uint64_t fpsr = get_fpsr();

    if (verbose) {
        printf("%s -> %016llx fpsr %02llx\n", what, (unsigned long long)r,
               (unsigned long long)fpsr);
    }
    block_hash = (block_hash ^ r) * 0x100000001b3ull;
    block_hash = (block_hash ^ fpsr) * 0x100000001b3ull;
    if (++checks % 32 == 0 && !verbose) {
        printf("%s: %016llx\n", what, (unsigned long long)block_hash);
        block_hash = 0;
    }
}

typedef uint64_t BinD(uint64_t, uint64_t);
typedef uint32_t BinS(uint32_t, uint32_t);

static void all_bin_d(const char *name, BinD *fn)
{
    char buf[96];
    unsigned i, j;

    for (i = 0; i < ND; i++) {
        for (j = 0; j < ND; j++) {
            uint64_t r;

            clr_fpsr();
            r = fn(d_vals[i], d_vals[j]);
            snprintf(buf, sizeof(buf), "%s %u %u", name, i, j);
            out(buf, r);
        }
    }
}

static void all_bin_s(const char *name, BinS *fn)
{
    char buf[96];
    unsigned i, j;

    for (i = 0; i < NS; i++) {
        for (j = 0; j < NS; j++) {
            uint32_t r;

            clr_fpsr();
            r = fn(s_vals[i], s_vals[j]);
            snprintf(buf, sizeof(buf), "%s %u %u", name, i, j);
            out(buf, r);
        }
    }
}

int main(int argc, char **argv)
{
    static const uint64_t rmodes[] = { 0, 1ull << 22, 2ull << 22,
                                       3ull << 22 };
    static const char *const rname[] = { "RN", "RP", "RM", "RZ" };
    unsigned m, i, j, k;
    char buf[96];

    verbose = argc > 1;

    for (m = 0; m < 4; m++) {
        set_fpcr(rmodes[m]);
        printf("== rounding %s\n", rname[m]);
        all_bin_d("fadd.d", fadd_d);
        all_bin_d("fsub.d", fsub_d);
        all_bin_d("fmul.d", fmul_d);
        all_bin_d("fdiv.d", fdiv_d);
        all_bin_s("fadd.s", fadd_s);
        all_bin_s("fdiv.s", fdiv_s);
        for (i = 0; i < ND; i++) {
            uint64_t (*const un[])(uint64_t) = {
                fsqrt_d, frintn_d, frintp_d, frintm_d, frintz_d, frinta_d,
                frintx_d, frinti_d,
            };
            for (k = 0; k < sizeof(un) / sizeof(un[0]); k++) {
                clr_fpsr();
                snprintf(buf, sizeof(buf), "un%u.d %u", k, i);
                out(buf, un[k](d_vals[i]));
            }
        }
        for (i = 0; i < NS; i++) {
            clr_fpsr();
            snprintf(buf, sizeof(buf), "fsqrt.s %u", i);
            out(buf, fsqrt_s(s_vals[i]));
            clr_fpsr();
            snprintf(buf, sizeof(buf), "frintx.s %u", i);
            out(buf, frintx_s(s_vals[i]));
        }
    }
    set_fpcr(0);
    all_bin_d("fmax.d", fmax_d);
    all_bin_d("fmin.d", fmin_d);
    all_bin_d("fmaxnm.d", fmaxnm_d);
    all_bin_d("fminnm.d", fminnm_d);
    all_bin_d("fnmul.d", fnmul_d);
    all_bin_d("fabd.d", fabd_d);
    all_bin_s("fmul.s", fmul_s);
    all_bin_s("fmin.s", fmin_s);
    all_bin_s("fmaxnm.s", fmaxnm_s);
    all_bin_s("fsub.s", fsub_s);
    for (i = 0; i < ND; i++) {
        clr_fpsr();
        snprintf(buf, sizeof(buf), "fabs %u", i);
        out(buf, fabs_d(d_vals[i]));
        snprintf(buf, sizeof(buf), "fneg %u", i);
        out(buf, fneg_d(d_vals[i]));
        snprintf(buf, sizeof(buf), "frinta.s %u", i);
        out(buf, frinta_s(s_vals[i]));
    }
    /* fused multiply-add: every triple of a smaller set */
    for (i = 0; i < ND; i += 1) {
        for (j = 0; j < ND; j += 2) {
            for (k = 0; k < ND; k += 3) {
                uint64_t a = d_vals[i], b = d_vals[j], c = d_vals[k];

                clr_fpsr();
                snprintf(buf, sizeof(buf), "fmadd %u %u %u", i, j, k);
                out(buf, fmadd_d(a, b, c));
                clr_fpsr();
                snprintf(buf, sizeof(buf), "fmsub %u %u %u", i, j, k);
                out(buf, fmsub_d(a, b, c));
                clr_fpsr();
                snprintf(buf, sizeof(buf), "fnmadd %u %u %u", i, j, k);
                out(buf, fnmadd_d(a, b, c));
                clr_fpsr();
                snprintf(buf, sizeof(buf), "fnmsub %u %u %u", i, j, k);
                out(buf, fnmsub_d(a, b, c));
            }
        }
    }
    for (i = 0; i < ND; i++) {
        for (j = 0; j < ND; j++) {
            clr_fpsr();
            snprintf(buf, sizeof(buf), "fcmp %u %u", i, j);
            out(buf, fcmp_d(d_vals[i], d_vals[j], 0));
            clr_fpsr();
            snprintf(buf, sizeof(buf), "fcmpe %u %u", i, j);
            out(buf, fcmp_d(d_vals[i], d_vals[j], 1));
            clr_fpsr();
            snprintf(buf, sizeof(buf), "fccmp %u %u", i, j);
            out(buf, fccmp_d(d_vals[i], d_vals[j], j & 1));
            snprintf(buf, sizeof(buf), "fcsel %u %u", i, j);
            out(buf, fcsel_d(d_vals[i], d_vals[j], i));
        }
    }
    /* default NaN, then flush-to-zero */
    set_fpcr(1ull << 25);
    printf("== DN\n");
    all_bin_d("fadd.d", fadd_d);
    all_bin_s("fmul.s", fmul_s);
    set_fpcr(1ull << 24);
    printf("== FZ\n");
    all_bin_d("fadd.d", fadd_d);
    all_bin_d("fmul.d", fmul_d);
    all_bin_s("fsub.s", fsub_s);
    set_fpcr(0);
    printf("== IXC accrued\n");
    fpsr_preset = 0x10;
    all_bin_d("fadd.d", fadd_d);
    all_bin_d("fsub.d", fsub_d);
    all_bin_d("fmul.d", fmul_d);
    all_bin_d("fdiv.d", fdiv_d);
    all_bin_s("fadd.s", fadd_s);
    all_bin_s("fmul.s", fmul_s);
    all_bin_s("fdiv.s", fdiv_s);
    for (i = 0; i < ND; i++) {
        for (j = 0; j < ND; j++) {
            for (k = 0; k < ND; k += 2) {
                clr_fpsr();
                snprintf(buf, sizeof(buf), "ixc fmadd %u %u %u", i, j, k);
                out(buf, fmadd_d(d_vals[i], d_vals[j], d_vals[k]));
                clr_fpsr();
                snprintf(buf, sizeof(buf), "ixc fnmsub %u %u %u", i, j, k);
                out(buf, fnmsub_d(d_vals[i], d_vals[j], d_vals[k]));
            }
        }
    }
    set_fpcr(1ull << 24);
    all_bin_d("fmul.d FZ", fmul_d);
    set_fpcr(0);
    fpsr_preset = 0;
    printf("%lu checks, last block %016llx\n", checks,
           (unsigned long long)block_hash);
    return 0;
}
