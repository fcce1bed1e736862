/* SPDX-License-Identifier: MIT */
/* A64 integer ALU edge cases: results and NZCV of every class. */
#include "minilib.h"

static const uint64_t vals[] = {
    0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x7fffffffffffffff,
    0x8000000000000000, 0xffffffffffffffff, 0x123456789abcdef0,
};
#define NV (sizeof(vals) / sizeof(vals[0]))

static void show(const char *name, uint64_t a, uint64_t b, uint64_t r,
                 uint64_t f)
{
    char fb[5];

    pr("%s %lx %lx = %lx %s\n", name, a, b, r, flags_str(f, fb));
}

/* Binary op setting flags, with the carry in set to cin first. */
#define BINF(insn, regs)                                                     \
    static uint64_t f_##insn##regs(uint64_t a, uint64_t b, uint64_t cin,     \
                                   uint64_t *fl)                             \
    {                                                                        \
        uint64_t r, f;                                                       \
        __asm__ volatile("msr nzcv, %4\n" #insn " " REGS_##regs "\n"         \
                         "mrs %1, nzcv"                                      \
                         : "=&r"(r), "=&r"(f)                                \
                         : "r"(a), "r"(b), "r"(cin << 29) : "cc");           \
        *fl = f;                                                             \
        return r;                                                            \
    }
#define REGS_x "%0, %2, %3"
#define REGS_w "%w0, %w2, %w3"

BINF(adds, x) BINF(adds, w) BINF(subs, x) BINF(subs, w)
BINF(adcs, x) BINF(adcs, w) BINF(sbcs, x) BINF(sbcs, w)
BINF(ands, x) BINF(ands, w) BINF(bics, x) BINF(bics, w)
BINF(adc, x) BINF(sbc, w)

typedef uint64_t BinFn(uint64_t, uint64_t, uint64_t, uint64_t *);

static void test_arith(void)
{
    static const struct {
        const char *name;
        BinFn *fn;
        int carries;
    } ops[] = {
        { "adds", f_addsx, 1 }, { "adds.w", f_addsw, 1 },
        { "subs", f_subsx, 1 }, { "subs.w", f_subsw, 1 },
        { "adcs", f_adcsx, 2 }, { "adcs.w", f_adcsw, 2 },
        { "sbcs", f_sbcsx, 2 }, { "sbcs.w", f_sbcsw, 2 },
        { "ands", f_andsx, 1 }, { "ands.w", f_andsw, 1 },
        { "bics", f_bicsx, 1 }, { "bics.w", f_bicsw, 1 },
        { "adc", f_adcx, 2 }, { "sbc.w", f_sbcw, 2 },
    };

    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        for (unsigned i = 0; i < NV; i++) {
            for (unsigned j = 0; j < NV; j++) {
                for (int c = 0; c < ops[o].carries; c++) {
                    uint64_t f;
                    uint64_t r = ops[o].fn(vals[i], vals[j], c, &f);

                    pr("c%d ", c);
                    show(ops[o].name, vals[i], vals[j], r, f);
                }
            }
        }
    }
}

/* Conditions: CSEL family and CCMP after a compare of a with b. */
#define CSEL_ALL(cond)                                                       \
    __asm__ volatile("cmp %6, %7\n"                                          \
                     "csel %0, %6, %7, " #cond "\n"                          \
                     "csinc %1, %6, %7, " #cond "\n"                         \
                     "csinv %2, %6, %7, " #cond "\n"                         \
                     "csneg %3, %6, %7, " #cond "\n"                         \
                     "ccmp %6, #3, #5, " #cond "\n"                          \
                     "mrs %4, nzcv\n"                                        \
                     "cmp %6, %7\n"                                          \
                     "ccmn %w6, %w7, #10, " #cond "\n"                       \
                     "mrs %5, nzcv\n"                                        \
                     : "=&r"(r[0]), "=&r"(r[1]), "=&r"(r[2]), "=&r"(r[3]),  \
                       "=&r"(r[4]), "=&r"(r[5])                              \
                     : "r"(a), "r"(b) : "cc");                         \
    pr(#cond " %lx %lx: %lx %lx %lx %lx ccmp %s ccmn %s\n", a, b, r[0],      \
       r[1], r[2], r[3], flags_str(r[4], f1), flags_str(r[5], f2))

static void test_cond(void)
{
    char f1[5], f2[5];

    for (unsigned i = 0; i < NV; i += 2) {
        for (unsigned j = 1; j < NV; j += 2) {
            uint64_t a = vals[i], b = vals[j], r[7];

            CSEL_ALL(eq); CSEL_ALL(ne); CSEL_ALL(cs); CSEL_ALL(cc);
            CSEL_ALL(mi); CSEL_ALL(pl); CSEL_ALL(vs); CSEL_ALL(vc);
            CSEL_ALL(hi); CSEL_ALL(ls); CSEL_ALL(ge); CSEL_ALL(lt);
            CSEL_ALL(gt); CSEL_ALL(le); CSEL_ALL(al);
        }
    }
}

#define UN(insn, a)                                                          \
    ({ uint64_t r_; __asm__(insn : "=r"(r_) : "r"(a)); r_; })

static void test_unary(void)
{
    for (unsigned i = 0; i < NV; i++) {
        uint64_t a = vals[i] ^ 0x0102;

        pr("un %lx: rbit %lx %lx rev16 %lx %lx rev32 %lx rev %lx %lx\n", a,
           UN("rbit %0, %1", a), UN("rbit %w0, %w1", a),
           UN("rev16 %0, %1", a), UN("rev16 %w0, %w1", a),
           UN("rev32 %0, %1", a), UN("rev %0, %1", a), UN("rev %w0, %w1", a));
        pr("   clz %lx %lx cls %lx %lx\n", UN("clz %0, %1", a),
           UN("clz %w0, %w1", a), UN("cls %0, %1", a), UN("cls %w0, %w1", a));
        pr("   ubfx %lx sbfx %lx sbfx.w %lx ubfiz %lx sbfiz %lx\n",
           UN("ubfx %0, %1, #5, #17", a), UN("sbfx %0, %1, #60, #4", a),
           UN("sbfx %w0, %w1, #3, #29", a), UN("ubfiz %0, %1, #40, #24", a),
           UN("sbfiz %w0, %w1, #8, #12", a));
        pr("   lsl %lx lsr %lx asr %lx asr.w %lx ror %lx ror.w %lx\n",
           UN("lsl %0, %1, #13", a), UN("lsr %0, %1, #63", a),
           UN("asr %0, %1, #7", a), UN("asr %w0, %w1, #31", a),
           UN("ror %0, %1, #9", a), UN("ror %w0, %w1, #9", a));
        pr("   sxtb %lx sxth %lx sxtw %lx uxtb %lx uxth %lx\n",
           UN("sxtb %0, %w1", a), UN("sxth %w0, %w1", a),
           UN("sxtw %0, %w1", a), UN("uxtb %w0, %w1", a),
           UN("uxth %w0, %w1", a));
        pr("   and %lx orr %lx eor %lx and.w %lx orr.w %lx movn %lx\n",
           UN("and %0, %1, #0xff00ff00ff00ff00", a),
           UN("orr %0, %1, #0x5555555555555555", a),
           UN("eor %0, %1, #0xfffffffffffffffe", a),
           UN("and %w0, %w1, #0x3ffc", a),
           UN("orr %w0, %w1, #0x80000001", a),
           UN("mov %0, #-0x10000", a));
        pr("   movk %lx movk.w %lx adr %lx\n",
           ({ uint64_t r_ = a; __asm__("movk %0, #0xbeef, lsl #32" : "+r"(r_));
              r_; }),
           ({ uint64_t r_ = a; __asm__("movk %w0, #0xbeef, lsl #16"
                                       : "+r"(r_)); r_; }),
           ({ uint64_t r_; __asm__("adrp %0, start_c\n adr x10, start_c\n"
                                   "and x10, x10, #~0xfff\n"
                                   "sub %0, %0, x10\n adr x10, .\n"
                                   "adr x11, .+12\n sub x10, x11, x10\n"
                                   "add %0, %0, x10"
                                   : "=r"(r_) : : "x10", "x11"); r_; }));
    }
}

#define BIN(insn, a, b)                                                      \
    ({ uint64_t r_; __asm__(insn : "=&r"(r_) : "r"(a), "r"(b)); r_; })

static void test_binary(void)
{
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j++) {
            uint64_t a = vals[i], b = vals[j] + j;

            pr("bin %lx %lx: udiv %lx %lx sdiv %lx %lx\n", a, b,
               BIN("udiv %0, %1, %2", a, b), BIN("udiv %w0, %w1, %w2", a, b),
               BIN("sdiv %0, %1, %2", a, b), BIN("sdiv %w0, %w1, %w2", a, b));
            pr("   lslv %lx %lx lsrv %lx %lx asrv %lx %lx rorv %lx %lx\n",
               BIN("lsl %0, %1, %2", a, b), BIN("lsl %w0, %w1, %w2", a, b),
               BIN("lsr %0, %1, %2", a, b), BIN("lsr %w0, %w1, %w2", a, b),
               BIN("asr %0, %1, %2", a, b), BIN("asr %w0, %w1, %w2", a, b),
               BIN("ror %0, %1, %2", a, b), BIN("ror %w0, %w1, %w2", a, b));
            pr("   mul %lx %lx mneg %lx smulh %lx umulh %lx\n",
               BIN("mul %0, %1, %2", a, b), BIN("mul %w0, %w1, %w2", a, b),
               BIN("mneg %0, %1, %2", a, b), BIN("smulh %0, %1, %2", a, b),
               BIN("umulh %0, %1, %2", a, b));
            pr("   smull %lx umull %lx smsubl %lx umaddl %lx madd.w %lx\n",
               BIN("smull %0, %w1, %w2", a, b),
               BIN("umull %0, %w1, %w2", a, b),
               BIN("smsubl %0, %w1, %w2, %1", a, b),
               BIN("umaddl %0, %w1, %w2, %2", a, b),
               BIN("madd %w0, %w1, %w2, %w1", a, b));
            pr("   add.sxtw %lx sub.uxtb %lx add.lsl %lx sub.asr %lx"
               " orn.ror %lx eon %lx\n",
               BIN("add %0, %1, %w2, sxtw #3", a, b),
               BIN("sub %0, %1, %w2, uxtb #1", a, b),
               BIN("add %0, %1, %2, lsl #17", a, b),
               BIN("sub %w0, %w1, %w2, asr #5", a, b),
               BIN("orn %0, %1, %2, ror #33", a, b),
               BIN("eon %w0, %w1, %w2, lsr #31", a, b));
            pr("   extr %lx extr.w %lx bfi %lx bfxil %lx\n",
               BIN("extr %0, %1, %2, #12", a, b),
               BIN("extr %w0, %w1, %w2, #31", a, b),
               ({ uint64_t r_ = a; __asm__("bfi %0, %1, #20, #30"
                                           : "+r"(r_) : "r"(b)); r_; }),
               ({ uint64_t r_ = a; __asm__("bfxil %w0, %w1, #4, #9"
                                           : "+r"(r_) : "r"(b)); r_; }));
            pr("   crc32 %x %x %x %x crc32c %x %x %x %x\n",
               (unsigned)BIN("crc32b %w0, %w1, %w2", a, b),
               (unsigned)BIN("crc32h %w0, %w1, %w2", a, b),
               (unsigned)BIN("crc32w %w0, %w1, %w2", a, b),
               (unsigned)BIN("crc32x %w0, %w1, %2", a, b),
               (unsigned)BIN("crc32cb %w0, %w1, %w2", a, b),
               (unsigned)BIN("crc32ch %w0, %w1, %w2", a, b),
               (unsigned)BIN("crc32cw %w0, %w1, %w2", a, b),
               (unsigned)BIN("crc32cx %w0, %w1, %2", a, b));
        }
    }
}

/* The SP forms: add/sub (immediate, extended) on SP itself. */
static void test_sp(void)
{
    uint64_t r1, r2;

    __asm__ volatile("mov %0, sp\n"
                     "sub sp, sp, #0x1000\n"
                     "add sp, sp, #0x10, lsl #12\n"
                     "sub sp, sp, #0xf000\n"
                     "mov %1, sp\n"
                     "sub %1, %1, %0\n"
                     "mov sp, %0\n"
                     "mov %0, #0x20\n"
                     "add %0, sp, %0, uxtx #2\n"
                     "mov x9, sp\n"
                     "sub %0, %0, x9\n"
                     : "=&r"(r1), "=&r"(r2) : : "x9");
    pr("sp: %lx %lx\n", r1, r2);
}

int main(void)
{
    test_arith();
    test_cond();
    test_unary();
    test_binary();
    test_sp();
    pr("done\n");
    return 0;
}
