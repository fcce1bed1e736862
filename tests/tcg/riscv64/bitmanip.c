/* SPDX-License-Identifier: MIT */
/* Zba, Zbb and Zbs: every instruction on edge values against a C model. */
#include "guest.h"

typedef uint64_t u64;
typedef int64_t s64;

static const u64 vals[] = {
    0, 1, (u64)-1, 0x8000000000000000ull, 0x7fffffffffffffffull,
    0x80000000ull, 0x7fffffffull, 0xffffffffull, 0xffffffff80000000ull,
    0x0123456789abcdefull, 0x00ff0000ff0000f0ull, 31, 32, 63, 64, 0x80,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static u64 sext32(u64 x)
{
    return (u64)(s64)(int32_t)x;
}

static u64 rol64(u64 a, unsigned n)
{
    return n ? (a << n) | (a >> (64 - n)) : a;
}

static uint32_t rol32(uint32_t a, unsigned n)
{
    return n ? (a << n) | (a >> (32 - n)) : a;
}

static u64 orc_b(u64 a)
{
    u64 r = 0;
    for (int i = 0; i < 64; i += 8) {
        if ((a >> i) & 0xff) {
            r |= 0xffull << i;
        }
    }
    return r;
}

#define DEF_R(insn, fn, model) \
    static u64 run_##fn(u64 a, u64 b) \
    { \
        u64 r; \
        asm volatile(insn " %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); \
        return r; \
    } \
    static u64 model_##fn(u64 a, u64 b) \
    { \
        return (model); \
    }

#define DEF_U(insn, fn, model) \
    static u64 run_##fn(u64 a, u64 b) \
    { \
        u64 r; \
        asm volatile(insn " %0,%1" : "=r"(r) : "r"(a)); \
        return r; \
    } \
    static u64 model_##fn(u64 a, u64 b) \
    { \
        return (model); \
    }

DEF_R("add.uw", add_uw, b + (u64)(uint32_t)a)
DEF_R("sh1add", sh1add, b + (a << 1))
DEF_R("sh2add", sh2add, b + (a << 2))
DEF_R("sh3add", sh3add, b + (a << 3))
DEF_R("sh1add.uw", sh1add_uw, b + ((u64)(uint32_t)a << 1))
DEF_R("sh2add.uw", sh2add_uw, b + ((u64)(uint32_t)a << 2))
DEF_R("sh3add.uw", sh3add_uw, b + ((u64)(uint32_t)a << 3))
DEF_R("andn", andn, a & ~b)
DEF_R("orn", orn, a | ~b)
DEF_R("xnor", xnor, ~(a ^ b))
DEF_R("max", max, (s64)a > (s64)b ? a : b)
DEF_R("maxu", maxu, a > b ? a : b)
DEF_R("min", min, (s64)a < (s64)b ? a : b)
DEF_R("minu", minu, a < b ? a : b)
DEF_R("rol", rol, rol64(a, b & 63))
DEF_R("ror", ror, rol64(a, (64 - (b & 63)) & 63))
DEF_R("rolw", rolw, sext32(rol32(a, b & 31)))
DEF_R("rorw", rorw, sext32(rol32(a, (32 - (b & 31)) & 31)))
DEF_R("bclr", bclr, a & ~(1ull << (b & 63)))
DEF_R("bext", bext, (a >> (b & 63)) & 1)
DEF_R("binv", binv, a ^ (1ull << (b & 63)))
DEF_R("bset", bset, a | (1ull << (b & 63)))
DEF_U("clz", clz, a ? (u64)__builtin_clzll(a) : 64)
DEF_U("clzw", clzw, (uint32_t)a ? (u64)__builtin_clz((uint32_t)a) : 32)
DEF_U("ctz", ctz, a ? (u64)__builtin_ctzll(a) : 64)
DEF_U("ctzw", ctzw, (uint32_t)a ? (u64)__builtin_ctz((uint32_t)a) : 32)
DEF_U("cpop", cpop, (u64)__builtin_popcountll(a))
DEF_U("cpopw", cpopw, (u64)__builtin_popcount((uint32_t)a))
DEF_U("sext.b", sext_b, (u64)(s64)(int8_t)a)
DEF_U("sext.h", sext_h, (u64)(s64)(int16_t)a)
DEF_U("zext.h", zext_h, a & 0xffff)
DEF_U("orc.b", orc_b, orc_b(a))
DEF_U("rev8", rev8, __builtin_bswap64(a))

typedef struct {
    const char *name;
    int unary;
    u64 (*run)(u64, u64);
    u64 (*model)(u64, u64);
} BitOp;

static const BitOp ops[] = {
    { "add.uw", 0, run_add_uw, model_add_uw },
    { "sh1add", 0, run_sh1add, model_sh1add },
    { "sh2add", 0, run_sh2add, model_sh2add },
    { "sh3add", 0, run_sh3add, model_sh3add },
    { "sh1add.uw", 0, run_sh1add_uw, model_sh1add_uw },
    { "sh2add.uw", 0, run_sh2add_uw, model_sh2add_uw },
    { "sh3add.uw", 0, run_sh3add_uw, model_sh3add_uw },
    { "andn", 0, run_andn, model_andn },
    { "orn", 0, run_orn, model_orn },
    { "xnor", 0, run_xnor, model_xnor },
    { "max", 0, run_max, model_max },
    { "maxu", 0, run_maxu, model_maxu },
    { "min", 0, run_min, model_min },
    { "minu", 0, run_minu, model_minu },
    { "rol", 0, run_rol, model_rol },
    { "ror", 0, run_ror, model_ror },
    { "rolw", 0, run_rolw, model_rolw },
    { "rorw", 0, run_rorw, model_rorw },
    { "bclr", 0, run_bclr, model_bclr },
    { "bext", 0, run_bext, model_bext },
    { "binv", 0, run_binv, model_binv },
    { "bset", 0, run_bset, model_bset },
    { "clz", 1, run_clz, model_clz },
    { "clzw", 1, run_clzw, model_clzw },
    { "ctz", 1, run_ctz, model_ctz },
    { "ctzw", 1, run_ctzw, model_ctzw },
    { "cpop", 1, run_cpop, model_cpop },
    { "cpopw", 1, run_cpopw, model_cpopw },
    { "sext.b", 1, run_sext_b, model_sext_b },
    { "sext.h", 1, run_sext_h, model_sext_h },
    { "zext.h", 1, run_zext_h, model_zext_h },
    { "orc.b", 1, run_orc_b, model_orc_b },
    { "rev8", 1, run_rev8, model_rev8 },
};

static void test_reg_ops(void)
{
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        printf("== %s\n", ops[o].name);
        for (unsigned i = 0; i < NVALS; i++) {
            for (unsigned j = 0; j < (ops[o].unary ? 1 : NVALS); j++) {
                /*
                 * qemu-riscv64 7.2 gets ctzw wrong when the low word is
                 * zero but the high word is not (63 instead of 32); that
                 * case lives in qemu-deviations.c, away from the live
                 * comparison.
                 */
                if (ops[o].run == run_ctzw && (uint32_t)vals[i] == 0 &&
                    vals[i] != 0) {
                    continue;
                }
                u64 r = ops[o].run(vals[i], vals[j]);
                printf("%s %llx %llx = %llx\n", ops[o].name,
                       (unsigned long long)vals[i],
                       ops[o].unary ? 0ull : (unsigned long long)vals[j],
                       (unsigned long long)r);
                CHECK_EQ(r, ops[o].model(vals[i], vals[j]), ops[o].name);
            }
        }
    }
}

#define IMM(insn, imm, model) do { \
        for (unsigned i = 0; i < NVALS; i++) { \
            u64 a = vals[i], r, b = (imm); \
            asm volatile(insn " %0,%1,%2" : "=r"(r) : "r"(a), "i"(imm)); \
            printf("%s %llx %d = %llx\n", insn, (unsigned long long)a, \
                   (int)(imm), (unsigned long long)r); \
            CHECK_EQ(r, (model), insn); \
        } \
    } while (0)

static void test_imm_ops(void)
{
    IMM("rori", 0, rol64(a, (64 - b) & 63));
    IMM("rori", 1, rol64(a, (64 - b) & 63));
    IMM("rori", 31, rol64(a, (64 - b) & 63));
    IMM("rori", 32, rol64(a, (64 - b) & 63));
    IMM("rori", 63, rol64(a, (64 - b) & 63));
    IMM("roriw", 0, sext32(rol32(a, (32 - b) & 31)));
    IMM("roriw", 1, sext32(rol32(a, (32 - b) & 31)));
    IMM("roriw", 16, sext32(rol32(a, (32 - b) & 31)));
    IMM("roriw", 31, sext32(rol32(a, (32 - b) & 31)));
    IMM("slli.uw", 0, (u64)(uint32_t)a << b);
    IMM("slli.uw", 1, (u64)(uint32_t)a << b);
    IMM("slli.uw", 31, (u64)(uint32_t)a << b);
    IMM("slli.uw", 32, (u64)(uint32_t)a << b);
    IMM("slli.uw", 63, (u64)(uint32_t)a << b);
    IMM("bclri", 0, a & ~(1ull << b));
    IMM("bclri", 31, a & ~(1ull << b));
    IMM("bclri", 32, a & ~(1ull << b));
    IMM("bclri", 63, a & ~(1ull << b));
    IMM("bexti", 0, (a >> b) & 1);
    IMM("bexti", 31, (a >> b) & 1);
    IMM("bexti", 32, (a >> b) & 1);
    IMM("bexti", 63, (a >> b) & 1);
    IMM("binvi", 0, a ^ (1ull << b));
    IMM("binvi", 31, a ^ (1ull << b));
    IMM("binvi", 32, a ^ (1ull << b));
    IMM("binvi", 63, a ^ (1ull << b));
    IMM("bseti", 0, a | (1ull << b));
    IMM("bseti", 31, a | (1ull << b));
    IMM("bseti", 32, a | (1ull << b));
    IMM("bseti", 63, a | (1ull << b));
}

int main(void)
{
    test_reg_ops();
    test_imm_ops();
    return guest_done();
}
