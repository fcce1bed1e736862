/* SPDX-License-Identifier: MIT */
/*
 * Differential test of the optimizer: random IR (arithmetic, moves,
 * constants, conditional branches, calls writing globals) runs through
 * TCI with and without tcg_optimize(); the resulting CPU state must be
 * identical. A fixed seed keeps failures reproducible.
 */
#include <string.h>

#include "tcg-test-common.h"

typedef void (*GenBin64)(TCGv_i64, TCGv_i64, TCGv_i64);
typedef void (*GenBin32)(TCGv_i32, TCGv_i32, TCGv_i32);
typedef void (*GenUn64)(TCGv_i64, TCGv_i64);

static const GenBin64 bin64[] = {
    tcg_gen_add_i64, tcg_gen_sub_i64, tcg_gen_mul_i64, tcg_gen_and_i64,
    tcg_gen_or_i64, tcg_gen_xor_i64, tcg_gen_andc_i64, tcg_gen_orc_i64,
    tcg_gen_shl_i64, tcg_gen_shr_i64, tcg_gen_sar_i64, tcg_gen_rotl_i64,
    tcg_gen_rotr_i64, tcg_gen_mulsh_i64, tcg_gen_muluh_i64,
    tcg_gen_clz_i64, tcg_gen_ctz_i64, tcg_gen_eqv_i64,
};

static const GenBin32 bin32[] = {
    tcg_gen_add_i32, tcg_gen_sub_i32, tcg_gen_mul_i32, tcg_gen_and_i32,
    tcg_gen_or_i32, tcg_gen_xor_i32, tcg_gen_shl_i32, tcg_gen_shr_i32,
    tcg_gen_sar_i32, tcg_gen_rotl_i32, tcg_gen_rotr_i32, tcg_gen_clz_i32,
    tcg_gen_mulsh_i32, tcg_gen_muluh_i32,
};

static const GenUn64 un64[] = {
    tcg_gen_neg_i64, tcg_gen_not_i64, tcg_gen_ext8s_i64, tcg_gen_ext16u_i64,
    tcg_gen_ext32s_i64, tcg_gen_ext32u_i64, tcg_gen_bswap32_i64,
    tcg_gen_ext8u_i64, tcg_gen_ext16s_i64, tcg_gen_ext32s_i64,
    tcg_gen_ext32u_i64,
    tcg_gen_bswap64_i64, tcg_gen_ctpop_i64, tcg_gen_mov_i64,
};

static const int64_t edge[] = {
    0, 1, -1, 2, 31, 32, 63, 64, 0x7fffffff, INT32_MIN, INT64_MAX,
    INT64_MIN, 0xff, 0x8000, 0x123456789abcdefll,
};

static const int64_t masks[] = {
    0xff, 0xffff, 0xffffffff, 1, 0x7fffffff, 0xff00, -256, 0x80,
};

static uint8_t guest_mem[256];
static GRand *rng;
static TCGv_i64 tmps[3];
static TCGv_i32 tmp32;

static int pick(int n)
{
    return g_rand_int_range(rng, 0, n);
}

/* A source: a global, a temp written earlier, or a constant. */
static TCGv_i64 src64(void)
{
    switch (pick(4)) {
    case 0:
        return tcg_constant_i64(edge[pick(G_N_ELEMENTS(edge))]);
    case 1:
        return tmps[pick(3)];
    default:
        return test_r[pick(8)];
    }
}

static TCGv_i64 dst64(void)
{
    return pick(3) ? test_r[pick(8)] : tmps[pick(3)];
}

static TCGv_i32 src32(void)
{
    switch (pick(3)) {
    case 0:
        return tcg_constant_i32(edge[pick(G_N_ELEMENTS(edge))]);
    case 1:
        return tmp32;
    default:
        return test_w[pick(4)];
    }
}

static uint64_t helper_clobber(uint64_t env, uint64_t v)
{
    TestEnv *e = (TestEnv *)(uintptr_t)env;

    e->r[v & 7] ^= 0x5a5a5a5a5a5a5a5aull;
    e->w[v & 3] += 3;
    return v * 3;
}

static void gen_random_op(TCGLabel *fwd)
{
    switch (pick(21)) {
    case 19: case 20: {
        /* shl/shr pairs (the optimizer turns them into extensions). */
        static const int counts[] = { 32, 48, 56, 8, 1, 63 };
        int c = counts[pick(G_N_ELEMENTS(counts))];
        TCGv_i64 x = dst64();
        TCGv_i64 y = pick(2) ? x : src64();
        TCGv_i64 r = pick(2) ? x : dst64();

        tcg_gen_shli_i64(x, y, c);
        if (pick(2)) {
            tcg_gen_shri_i64(r, x, c);
        } else {
            tcg_gen_sari_i64(r, x, c);
        }
        break;
    }
    case 16: case 17: {
        TCGv_i64 addr = tcg_temp_new_i64();

        tcg_gen_andi_i64(addr, src64(), 0xf8);
        tcg_gen_qemu_ld_i64(dst64(), addr, 0, pick(8));
        tcg_temp_free_i64(addr);
        break;
    }
    case 18:
        tcg_gen_andi_i64(dst64(), src64(), masks[pick(G_N_ELEMENTS(masks))]);
        break;
    case 0: case 1: case 2: case 3: case 4:
        bin64[pick(G_N_ELEMENTS(bin64))](dst64(), src64(), src64());
        break;
    case 5: case 6:
        un64[pick(G_N_ELEMENTS(un64))](dst64(), src64());
        break;
    case 7:
        bin32[pick(G_N_ELEMENTS(bin32))](pick(2) ? tmp32 : test_w[pick(4)],
                                          src32(), src32());
        break;
    case 8:
        tcg_gen_movi_i64(dst64(), edge[pick(G_N_ELEMENTS(edge))]);
        break;
    case 9:
        tcg_gen_setcond_i64(pick(12), dst64(), src64(), src64());
        break;
    case 10:
        tcg_gen_movcond_i64(pick(12), dst64(), src64(), src64(), src64(),
                            src64());
        break;
    case 11:
        tcg_gen_brcond_i64(pick(12), src64(), src64(), fwd);
        break;
    case 12: {
        TCGTemp *args[2] = { tcgv_ptr_temp(tcg_env),
                             tcgv_i64_temp(src64()) };
        uint32_t tm = TCG_CALL_TYPEMASK(TCG_CALL_TYPE_I64, 1,
                                        TCG_CALL_TYPE_I64) |
                      TCG_CALL_TYPEMASK(0, 2, TCG_CALL_TYPE_I64);

        tcg_gen_callN(helper_clobber, 0, tm, tcgv_i64_temp(dst64()), 2, args);
        break;
    }
    case 13:
        tcg_gen_ext_i32_i64(dst64(), src32());
        tcg_gen_extrh_i64_i32(tmp32, src64());
        break;
    case 14:
        tcg_gen_deposit_i64(dst64(), src64(), src64(), pick(64), 1 + pick(64));
        break;
    default:
        tcg_gen_extract_i64(dst64(), src64(), pick(64), 1 + pick(64));
        break;
    }
}

/* Temps must hold a value before use: give them one first. */
static void gen_program(int len)
{
    TCGLabel *fwd = gen_new_label();

    for (int i = 0; i < 3; i++) {
        tmps[i] = tcg_temp_new_tb_i64();
        tcg_gen_mov_i64(tmps[i], test_r[i]);
    }
    tmp32 = tcg_temp_new_tb_i32();
    tcg_gen_mov_i32(tmp32, test_w[0]);
    for (int i = 0; i < len; i++) {
        if (i == len / 2) {
            gen_set_label(fwd);
            fwd = gen_new_label();
        }
        gen_random_op(fwd);
    }
    gen_set_label(fwd);
    tcg_gen_exit_tb(NULL, 0);
}

static void init_env(TestEnv *env, guint32 seed)
{
    GRand *r = g_rand_new_with_seed(seed);

    for (int i = 0; i < 8; i++) {
        env->r[i] = ((uint64_t)g_rand_int(r) << 32) | g_rand_int(r);
    }
    for (int i = 0; i < 4; i++) {
        env->w[i] = g_rand_int(r);
    }
    env->r[3] = 0;
    env->r[4] = (uint64_t)INT64_MIN;
    g_rand_free(r);
}

static void test_random_programs(void)
{
    for (size_t i = 0; i < sizeof(guest_mem); i++) {
        guest_mem[i] = (uint8_t)(i * 151 + 7);
    }
    guest_base = (uintptr_t)guest_mem;
    for (guint32 seed = 1; seed <= 1500; seed++) {
        TestEnv plain, opt;
        TCGContext *s;

        memset(&plain, 0, sizeof(plain));
        memset(&opt, 0, sizeof(opt));
        init_env(&plain, seed);
        init_env(&opt, seed);

        rng = g_rand_new_with_seed(seed);
        s = test_tcg_start();
        gen_program(40);
        test_tcg_run(s, &plain, false);
        g_rand_free(rng);

        rng = g_rand_new_with_seed(seed);
        s = test_tcg_start();
        gen_program(40);
        test_tcg_run(s, &opt, true);
        g_rand_free(rng);

        if (memcmp(&plain, &opt, sizeof(plain)) != 0) {
            g_test_message("seed %u differs", seed);
        }
        g_assert_cmpmem(&plain, sizeof(plain), &opt, sizeof(opt));
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/random/optimizer-preserves-semantics",
                    test_random_programs);
    return g_test_run();
}
