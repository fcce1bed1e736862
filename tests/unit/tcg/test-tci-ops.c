/* SPDX-License-Identifier: MIT */
/*
 * Every arithmetic op on edge values, run through TCI three ways: inputs
 * in globals without the optimizer, the same optimized, and inputs as
 * constants (so the optimizer folds them). All must give the expected
 * value.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg-test-common.h"

typedef void (*GenBin64)(TCGv_i64, TCGv_i64, TCGv_i64);
typedef void (*GenBin32)(TCGv_i32, TCGv_i32, TCGv_i32);
typedef void (*GenUn64)(TCGv_i64, TCGv_i64);
typedef void (*GenUn32)(TCGv_i32, TCGv_i32);

typedef struct Bin64Case {
    const char *name;
    GenBin64 gen;
    uint64_t a, b, expect;
} Bin64Case;

typedef struct Bin32Case {
    const char *name;
    GenBin32 gen;
    uint32_t a, b, expect;
} Bin32Case;

typedef struct Un64Case {
    const char *name;
    GenUn64 gen;
    uint64_t a, expect;
} Un64Case;

typedef struct Un32Case {
    const char *name;
    GenUn32 gen;
    uint32_t a, expect;
} Un32Case;

#define M64 0x8000000000000000ull
#define ONES64 0xffffffffffffffffull

static const Bin64Case bin64[] = {
    { "add", tcg_gen_add_i64, ONES64, 1, 0 },
    { "add", tcg_gen_add_i64, 0x7fffffffffffffffull, 1, M64 },
    { "sub", tcg_gen_sub_i64, 0, 1, ONES64 },
    { "mul", tcg_gen_mul_i64, 0x100000001ull, 0x100000001ull,
      0x200000001ull },
    { "div", tcg_gen_div_i64, (uint64_t)-7, 2, (uint64_t)-3 },
    { "divu", tcg_gen_divu_i64, ONES64, 2, 0x7fffffffffffffffull },
    { "rem", tcg_gen_rem_i64, (uint64_t)-7, 2, (uint64_t)-1 },
    { "remu", tcg_gen_remu_i64, ONES64, 10, 5 },
    { "mulsh", tcg_gen_mulsh_i64, ONES64, ONES64, 0 },
    { "mulsh", tcg_gen_mulsh_i64, M64, 2, ONES64 },
    { "muluh", tcg_gen_muluh_i64, ONES64, ONES64, ONES64 - 1 },
    { "muluh", tcg_gen_muluh_i64, M64, 2, 1 },
    { "and", tcg_gen_and_i64, 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull,
      0x0f000f000f000f00ull },
    { "or", tcg_gen_or_i64, 0xf0, 0x0f00000000000000ull,
      0x0f000000000000f0ull },
    { "xor", tcg_gen_xor_i64, ONES64, 0x1234, ~0x1234ull },
    { "andc", tcg_gen_andc_i64, ONES64, 0xff, ~0xffull },
    { "orc", tcg_gen_orc_i64, 0, ~0xffull, 0xff },
    { "eqv", tcg_gen_eqv_i64, 0xf0, 0xff, ~0x0full },
    { "shl", tcg_gen_shl_i64, 1, 63, M64 },
    { "shl", tcg_gen_shl_i64, 1, 64, 1 },          /* count modulo 64 */
    { "shr", tcg_gen_shr_i64, M64, 63, 1 },
    { "shr", tcg_gen_shr_i64, M64, 65, M64 >> 1 },
    { "sar", tcg_gen_sar_i64, M64, 63, ONES64 },
    { "sar", tcg_gen_sar_i64, 0x4000000000000000ull, 62, 1 },
    { "rotl", tcg_gen_rotl_i64, M64 | 1, 1, 3 },
    { "rotl", tcg_gen_rotl_i64, 0x1234, 0, 0x1234 },
    { "rotr", tcg_gen_rotr_i64, 3, 1, M64 | 1 },
    { "rotr", tcg_gen_rotr_i64, 0x10, 68, 1 },
    { "clz", tcg_gen_clz_i64, 0, 99, 99 },
    { "clz", tcg_gen_clz_i64, 1, 99, 63 },
    { "clz", tcg_gen_clz_i64, M64, 99, 0 },
    { "ctz", tcg_gen_ctz_i64, 0, 64, 64 },
    { "ctz", tcg_gen_ctz_i64, M64, 64, 63 },
};

static const Bin32Case bin32[] = {
    { "add", tcg_gen_add_i32, 0xffffffff, 1, 0 },
    { "sub", tcg_gen_sub_i32, 0, 1, 0xffffffff },
    { "mul", tcg_gen_mul_i32, 0x10001, 0x10001, 0x20001 },
    { "div", tcg_gen_div_i32, (uint32_t)-7, 2, (uint32_t)-3 },
    { "divu", tcg_gen_divu_i32, 0xffffffff, 2, 0x7fffffff },
    { "rem", tcg_gen_rem_i32, (uint32_t)-7, 2, (uint32_t)-1 },
    { "remu", tcg_gen_remu_i32, 0xffffffff, 10, 5 },
    { "mulsh", tcg_gen_mulsh_i32, 0x80000000, 2, 0xffffffff },
    { "mulsh", tcg_gen_mulsh_i32, 0xffffffff, 0xffffffff, 0 },
    { "muluh", tcg_gen_muluh_i32, 0xffffffff, 0xffffffff, 0xfffffffe },
    { "and", tcg_gen_and_i32, 0xff00ff00, 0x0ff00ff0, 0x0f000f00 },
    { "or", tcg_gen_or_i32, 0xf0, 0x0f000000, 0x0f0000f0 },
    { "xor", tcg_gen_xor_i32, 0xffffffff, 0x1234, ~0x1234u },
    { "andc", tcg_gen_andc_i32, 0xffffffff, 0xff, ~0xffu },
    { "orc", tcg_gen_orc_i32, 0, ~0xffu, 0xff },
    { "shl", tcg_gen_shl_i32, 1, 31, 0x80000000 },
    { "shl", tcg_gen_shl_i32, 1, 32, 1 },          /* count modulo 32 */
    { "shr", tcg_gen_shr_i32, 0x80000000, 31, 1 },
    { "sar", tcg_gen_sar_i32, 0x80000000, 31, 0xffffffff },
    { "sar", tcg_gen_sar_i32, 0x80000000, 33, 0xc0000000 },
    { "rotl", tcg_gen_rotl_i32, 0x80000001, 1, 3 },
    { "rotr", tcg_gen_rotr_i32, 3, 1, 0x80000001 },
    { "rotr", tcg_gen_rotr_i32, 0x10, 36, 1 },
    { "clz", tcg_gen_clz_i32, 0, 32, 32 },
    { "clz", tcg_gen_clz_i32, 1, 32, 31 },
    { "ctz", tcg_gen_ctz_i32, 0, 7, 7 },
    { "ctz", tcg_gen_ctz_i32, 0x80000000, 7, 31 },
};

static const Un64Case un64[] = {
    { "neg", tcg_gen_neg_i64, 1, ONES64 },
    { "neg", tcg_gen_neg_i64, M64, M64 },
    { "not", tcg_gen_not_i64, 0, ONES64 },
    { "ext8s", tcg_gen_ext8s_i64, 0x1280, 0xffffffffffffff80ull },
    { "ext8u", tcg_gen_ext8u_i64, 0x12ff, 0xff },
    { "ext16s", tcg_gen_ext16s_i64, 0x18000, 0xffffffffffff8000ull },
    { "ext16u", tcg_gen_ext16u_i64, 0x1ffff, 0xffff },
    { "ext32s", tcg_gen_ext32s_i64, 0x180000000ull, 0xffffffff80000000ull },
    { "ext32u", tcg_gen_ext32u_i64, ONES64, 0xffffffff },
    { "bswap16", tcg_gen_bswap16_i64, 0xffff1234, 0x3412 },
    { "bswap32", tcg_gen_bswap32_i64, 0xffffffff12345678ull, 0x78563412 },
    { "bswap64", tcg_gen_bswap64_i64, 0x0123456789abcdefull,
      0xefcdab8967452301ull },
    { "ctpop", tcg_gen_ctpop_i64, ONES64, 64 },
    { "ctpop", tcg_gen_ctpop_i64, 0, 0 },
};

static const Un32Case un32[] = {
    { "neg", tcg_gen_neg_i32, 1, 0xffffffff },
    { "not", tcg_gen_not_i32, 0x0f0f0f0f, 0xf0f0f0f0 },
    { "ext8s", tcg_gen_ext8s_i32, 0x80, 0xffffff80 },
    { "ext8u", tcg_gen_ext8u_i32, 0xfff, 0xff },
    { "ext16s", tcg_gen_ext16s_i32, 0x8000, 0xffff8000 },
    { "ext16u", tcg_gen_ext16u_i32, 0xfffff, 0xffff },
    { "bswap16", tcg_gen_bswap16_i32, 0xffff1234, 0x3412 },
    { "bswap32", tcg_gen_bswap32_i32, 0x12345678, 0x78563412 },
    { "ctpop", tcg_gen_ctpop_i32, 0x80000001, 2 },
};

/*
 * Mode 0: globals, no optimizer; 1: globals, optimized; 2: constants,
 * optimized (folded); 3: a global and a constant, not optimized (TCI's
 * immediate forms); 4: through frame temps, not optimized.
 */
static void check_bin64(const Bin64Case *c, int mode)
{
    TCGContext *s = test_tcg_start();
    TestEnv env = { .r = { 0, c->a, c->b } };

    if (mode == 2) {
        c->gen(test_r[0], tcg_constant_i64(c->a), tcg_constant_i64(c->b));
    } else if (mode == 3) {
        c->gen(test_r[0], test_r[1], tcg_constant_i64(c->b));
    } else if (mode == 4) {
        /* Frame temps: the generic operand encoding. */
        TCGv_i64 ta = tcg_temp_new_i64(), tb = tcg_temp_new_i64();

        tcg_gen_mov_i64(ta, test_r[1]);
        tcg_gen_mov_i64(tb, test_r[2]);
        c->gen(ta, ta, tb);
        tcg_gen_mov_i64(test_r[0], ta);
    } else {
        c->gen(test_r[0], test_r[1], test_r[2]);
    }
    tcg_gen_exit_tb(NULL, 0);
    test_tcg_run(s, &env, mode == 1 || mode == 2);
    if (env.r[0] != c->expect) {
        g_test_message("%s_i64 %#" PRIx64 ", %#" PRIx64 " mode %d: got %#"
                       PRIx64, c->name, c->a, c->b, mode, env.r[0]);
    }
    g_assert_cmphex(env.r[0], ==, c->expect);
}

static void check_bin32(const Bin32Case *c, int mode)
{
    TCGContext *s = test_tcg_start();
    TestEnv env = { .w = { 0, c->a, c->b } };

    if (mode == 2) {
        c->gen(test_w[0], tcg_constant_i32(c->a), tcg_constant_i32(c->b));
    } else if (mode == 3) {
        c->gen(test_w[0], test_w[1], tcg_constant_i32(c->b));
    } else if (mode == 4) {
        TCGv_i32 ta = tcg_temp_new_i32(), tb = tcg_temp_new_i32();

        tcg_gen_mov_i32(ta, test_w[1]);
        tcg_gen_mov_i32(tb, test_w[2]);
        c->gen(ta, ta, tb);
        tcg_gen_mov_i32(test_w[0], ta);
    } else {
        c->gen(test_w[0], test_w[1], test_w[2]);
    }
    tcg_gen_exit_tb(NULL, 0);
    test_tcg_run(s, &env, mode == 1 || mode == 2);
    if (env.w[0] != c->expect) {
        g_test_message("%s_i32 %#x, %#x mode %d: got %#x", c->name, c->a,
                       c->b, mode, env.w[0]);
    }
    g_assert_cmphex(env.w[0], ==, c->expect);
}

static void test_binary_i64(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(bin64); i++) {
        for (int mode = 0; mode < 5; mode++) {
            check_bin64(&bin64[i], mode);
        }
    }
}

static void test_binary_i32(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(bin32); i++) {
        for (int mode = 0; mode < 5; mode++) {
            check_bin32(&bin32[i], mode);
        }
    }
}

static void test_unary_i64(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(un64); i++) {
        for (int mode = 0; mode < 4; mode++) {
            TCGContext *s = test_tcg_start();
            TestEnv env = { .r = { 0, un64[i].a } };

            un64[i].gen(test_r[0], mode >= 2 ? tcg_constant_i64(un64[i].a)
                                             : test_r[1]);
            tcg_gen_exit_tb(NULL, 0);
            test_tcg_run(s, &env, mode == 1 || mode == 2);
            g_assert_cmphex(env.r[0], ==, un64[i].expect);
        }
    }
}

static void test_unary_i32(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(un32); i++) {
        for (int mode = 0; mode < 4; mode++) {
            TCGContext *s = test_tcg_start();
            TestEnv env = { .w = { 0, un32[i].a } };

            un32[i].gen(test_w[0], mode >= 2 ? tcg_constant_i32(un32[i].a)
                                             : test_w[1]);
            tcg_gen_exit_tb(NULL, 0);
            test_tcg_run(s, &env, mode == 1 || mode == 2);
            g_assert_cmphex(env.w[0], ==, un32[i].expect);
        }
    }
}

/* Division by zero and INT_MIN / -1 must not trap (any result is fine). */
static void test_division_never_traps(void)
{
    static const uint64_t den[] = { 0, ONES64 };

    for (int mode = 0; mode < 3; mode++) {
        for (size_t i = 0; i < G_N_ELEMENTS(den); i++) {
            TCGContext *s = test_tcg_start();
            TestEnv env = { .r = { 0, M64, den[i] }, .w = { 0, 0x80000000,
                                                           (uint32_t)den[i] } };
            TCGv_i64 a = mode == 2 ? tcg_constant_i64(M64) : test_r[1];
            TCGv_i64 b = mode == 2 ? tcg_constant_i64(den[i]) : test_r[2];
            TCGv_i32 a32 = mode == 2 ? tcg_constant_i32(0x80000000)
                                     : test_w[1];
            TCGv_i32 b32 = mode == 2 ? tcg_constant_i32(den[i]) : test_w[2];

            tcg_gen_div_i64(test_r[3], a, b);
            tcg_gen_rem_i64(test_r[4], a, b);
            tcg_gen_divu_i64(test_r[5], a, b);
            tcg_gen_remu_i64(test_r[6], a, b);
            tcg_gen_div_i32(test_w[0], a32, b32);
            tcg_gen_rem_i32(test_w[3], a32, b32);
            tcg_gen_movi_i64(test_r[7], 77);
            tcg_gen_exit_tb(NULL, 0);
            test_tcg_run(s, &env, mode != 0);
            g_assert_cmpuint(env.r[7], ==, 77);
        }
    }
}

typedef struct CondCase {
    TCGCond cond;
    uint64_t a, b;
    bool expect64;
    bool expect32;     /* same compare on the low 32 bits */
} CondCase;

static const CondCase conds[] = {
    { TCG_COND_EQ, 5, 5, true, true },
    { TCG_COND_NE, 5, 5, false, false },
    { TCG_COND_LT, ONES64, 0, true, true },
    { TCG_COND_LTU, ONES64, 0, false, false },
    { TCG_COND_GE, 0, ONES64, true, true },
    { TCG_COND_GEU, 0, ONES64, false, false },
    { TCG_COND_LE, M64, 0, true, true },
    { TCG_COND_LEU, M64, 0, false, true },      /* low halves both 0 */
    { TCG_COND_GT, 0x80000000ull, 0, true, false },
    { TCG_COND_GTU, 0x80000000ull, 0, true, true },
    { TCG_COND_ALWAYS, 1, 2, true, true },
    { TCG_COND_NEVER, 1, 1, false, false },
};

/*
 * Modes as for the binary ops; mode 3 compares a global with a constant
 * without the optimizer, mode 4 loads the first operand from env into a
 * temp that dies at the brcond (TCI fuses the two).
 */
static void test_setcond_movcond_brcond(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(conds); i++) {
        const CondCase *c = &conds[i];

        for (int mode = 0; mode < 5; mode++) {
            TCGContext *s = test_tcg_start();
            TestEnv env = { .r = { 0, c->a, c->b, 111, 222 },
                            .w = { 0, (uint32_t)c->a, (uint32_t)c->b } };
            TCGv_i64 a = mode == 2 ? tcg_constant_i64(c->a) : test_r[1];
            TCGv_i64 b = mode >= 2 ? tcg_constant_i64(c->b) : test_r[2];
            TCGv_i32 a32 = mode == 2 ? tcg_constant_i32(c->a) : test_w[1];
            TCGv_i32 b32 = mode >= 2 ? tcg_constant_i32(c->b) : test_w[2];
            TCGLabel *l = gen_new_label();
            TCGLabel *l32 = gen_new_label();
            TCGLabel *done = gen_new_label();
            uintptr_t ret;

            tcg_gen_setcond_i64(c->cond, test_r[0], a, b);
            tcg_gen_setcond_i32(c->cond, test_w[0], a32, b32);
            tcg_gen_movcond_i64(c->cond, test_r[5], a, b, test_r[3],
                                test_r[4]);
            if (mode == 4) {
                TCGv_i32 t = tcg_temp_new_i32();

                tcg_gen_ld_i32(t, tcg_env, offsetof(TestEnv, w[1]));
                tcg_gen_brcond_i32(c->cond, t, b32, l32);
            } else {
                tcg_gen_brcond_i32(c->cond, a32, b32, l32);
            }
            tcg_gen_movi_i64(test_r[6], 0);
            tcg_gen_br(done);
            gen_set_label(l32);
            tcg_gen_movi_i64(test_r[6], 1);
            gen_set_label(done);
            if (mode == 4) {
                TCGv_i64 t = tcg_temp_new_i64();

                tcg_gen_ld_i64(t, tcg_env, offsetof(TestEnv, r[1]));
                tcg_gen_brcond_i64(c->cond, t, b, l);
            } else {
                tcg_gen_brcond_i64(c->cond, a, b, l);
            }
            tcg_gen_exit_tb(NULL, 0);
            gen_set_label(l);
            tcg_gen_exit_tb(NULL, 1);
            ret = test_tcg_run(s, &env, mode == 1 || mode == 2);
            g_assert_cmpuint(ret, ==, c->expect64);
            g_assert_cmpuint(env.r[0], ==, c->expect64);
            g_assert_cmpuint(env.w[0], ==, c->expect32);
            g_assert_cmpuint(env.r[5], ==, c->expect64 ? 111 : 222);
            g_assert_cmpuint(env.r[6], ==, c->expect32);
        }
    }
}

static void test_conversions(void)
{
    for (int mode = 0; mode < 2; mode++) {
        TCGContext *s = test_tcg_start();
        TestEnv env = { .r = { 0, 0x89abcdef01234567ull },
                        .w = { 0x80000001 } };

        tcg_gen_ext_i32_i64(test_r[2], test_w[0]);
        tcg_gen_extu_i32_i64(test_r[3], test_w[0]);
        tcg_gen_extrl_i64_i32(test_w[1], test_r[1]);
        tcg_gen_extrh_i64_i32(test_w[2], test_r[1]);
        tcg_gen_extract_i64(test_r[4], test_r[1], 4, 12);
        tcg_gen_sextract_i64(test_r[5], test_r[1], 60, 4);
        tcg_gen_deposit_i64(test_r[6], test_r[1], tcg_constant_i64(0xff), 8, 8);
        tcg_gen_extract_i64(test_r[7], test_r[1], 8, 40);
        tcg_gen_exit_tb(NULL, 0);
        test_tcg_run(s, &env, mode);
        g_assert_cmphex(env.r[2], ==, 0xffffffff80000001ull);
        g_assert_cmphex(env.r[3], ==, 0x80000001ull);
        g_assert_cmphex(env.w[1], ==, 0x01234567);
        g_assert_cmphex(env.w[2], ==, 0x89abcdef);
        g_assert_cmphex(env.r[4], ==, 0x456);
        g_assert_cmphex(env.r[5], ==, 0xfffffffffffffff8ull);
        g_assert_cmphex(env.r[6], ==, 0x89abcdef0123ff67ull);
        g_assert_cmphex(env.r[7], ==, 0xcdef012345ull);
    }
}

static void test_env_loads_stores(void)
{
    TCGContext *s = test_tcg_start();
    TestEnv env = { .scratch = { 0x80818283848586f7ull } };
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i32 t32 = tcg_temp_new_i32();
    intptr_t sc = offsetof(TestEnv, scratch);

    tcg_gen_ld8s_i64(test_r[0], tcg_env, sc);
    tcg_gen_ld16u_i64(test_r[1], tcg_env, sc);
    tcg_gen_ld32s_i64(test_r[2], tcg_env, sc + 4);
    tcg_gen_ld_i64(t, tcg_env, sc);
    tcg_gen_st32_i64(t, tcg_env, sc + 8);
    tcg_gen_st8_i64(t, tcg_env, sc + 16);
    tcg_gen_ld8u_i32(t32, tcg_env, sc);
    tcg_gen_st16_i32(t32, tcg_env, sc + 24);
    tcg_gen_ld16s_i32(test_w[0], tcg_env, sc + 6);
    tcg_gen_exit_tb(NULL, 0);
    test_tcg_run(s, &env, true);
    g_assert_cmphex(env.r[0], ==, 0xfffffffffffffff7ull);
    g_assert_cmphex(env.r[1], ==, 0x86f7);
    g_assert_cmphex(env.r[2], ==, 0xffffffff80818283ull);
    g_assert_cmphex(env.scratch[1], ==, 0x848586f7);
    g_assert_cmphex(env.scratch[2], ==, 0xf7);
    g_assert_cmphex(env.scratch[3], ==, 0xf7);
    g_assert_cmphex(env.w[0], ==, 0xffff8081);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/tci/binary-i64", test_binary_i64);
    g_test_add_func("/tcg/tci/binary-i32", test_binary_i32);
    g_test_add_func("/tcg/tci/unary-i64", test_unary_i64);
    g_test_add_func("/tcg/tci/unary-i32", test_unary_i32);
    g_test_add_func("/tcg/tci/division-never-traps",
                    test_division_never_traps);
    g_test_add_func("/tcg/tci/setcond-movcond-brcond",
                    test_setcond_movcond_brcond);
    g_test_add_func("/tcg/tci/conversions-bitfields", test_conversions);
    g_test_add_func("/tcg/tci/env-loads-stores", test_env_loads_stores);
    return g_test_run();
}
