/* SPDX-License-Identifier: MIT */
/*
 * Seeded random IR (straight-line and forward branches, calls, env
 * loads/stores, register pressure) run on TCI and x86: envs must match.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "x86-test-common.h"

#define NB_TB64 2
#define NB_EBB64 5
#define NB_EBB32 2

typedef struct RandGen {
    GRand *rng;
    TCGv_i64 v64[8 + NB_TB64 + NB_EBB64];
    TCGv_i32 v32[4 + NB_EBB32];
    TCGLabel *open[4];
    int nb_open;
} RandGen;

static uint64_t helper_mix6(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                            uint64_t e, uint64_t f)
{
    return (a * 3) ^ (b + 7) ^ (c << 1) ^ (d >> 2) ^ (e * f);
}

static void helper_touch_env(void *env)
{
    TestEnv *e = env;

    /* Reads and writes globals: the backend must sync and reload them. */
    e->r[3] += e->r[5] | 1;
    e->w[1] ^= 0x55aa;
}

static uint32_t helper_u32(uint32_t a, int32_t b)
{
    return a * 5 + (uint32_t)(b >> 3);
}

static const uint64_t interesting[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 63, 64, 0xff, 0xffff, 0xffffffffull,
    0x80000000ull, 0x7fffffffull, (uint64_t)-1, (uint64_t)-8,
    0x8000000000000000ull, 0x123456789ull, 0xffffffff80000000ull,
};

static uint64_t rand_val(RandGen *g)
{
    if (g_rand_int_range(g->rng, 0, 3) == 0) {
        return ((uint64_t)g_rand_int(g->rng) << 32) | g_rand_int(g->rng);
    }
    return interesting[g_rand_int_range(g->rng, 0,
                                        G_N_ELEMENTS(interesting))];
}

static TCGv_i64 pick64(RandGen *g, bool allow_const)
{
    if (allow_const && g_rand_int_range(g->rng, 0, 4) == 0) {
        return tcg_constant_i64(rand_val(g));
    }
    return g->v64[g_rand_int_range(g->rng, 0, G_N_ELEMENTS(g->v64))];
}

static TCGv_i32 pick32(RandGen *g, bool allow_const)
{
    if (allow_const && g_rand_int_range(g->rng, 0, 4) == 0) {
        return tcg_constant_i32((uint32_t)rand_val(g));
    }
    return g->v32[g_rand_int_range(g->rng, 0, G_N_ELEMENTS(g->v32))];
}

/* EBB temps die at labels: give them fresh values after each one. */
static void init_ebb(RandGen *g)
{
    for (int i = 0; i < NB_EBB64; i++) {
        tcg_gen_xori_i64(g->v64[8 + NB_TB64 + i], test_r[i], i * 0x1111);
    }
    for (int i = 0; i < NB_EBB32; i++) {
        tcg_gen_extrl_i64_i32(g->v32[4 + i], test_r[7 - i]);
    }
}

static void gen_bin64(RandGen *g)
{
    TCGv_i64 d = pick64(g, false), a = pick64(g, true), b = pick64(g, true);
    TCGv_i64 t;

    switch (g_rand_int_range(g->rng, 0, 22)) {
    case 0: tcg_gen_add_i64(d, a, b); break;
    case 1: tcg_gen_sub_i64(d, a, b); break;
    case 2: tcg_gen_mul_i64(d, a, b); break;
    case 3: tcg_gen_and_i64(d, a, b); break;
    case 4: tcg_gen_or_i64(d, a, b); break;
    case 5: tcg_gen_xor_i64(d, a, b); break;
    case 6: tcg_gen_andc_i64(d, a, b); break;
    case 7: tcg_gen_orc_i64(d, a, b); break;
    case 8: tcg_gen_shl_i64(d, a, b); break;
    case 9: tcg_gen_shr_i64(d, a, b); break;
    case 10: tcg_gen_sar_i64(d, a, b); break;
    case 11: tcg_gen_rotl_i64(d, a, b); break;
    case 12: tcg_gen_rotr_i64(d, a, b); break;
    case 13: tcg_gen_mulsh_i64(d, a, b); break;
    case 14: tcg_gen_muluh_i64(d, a, b); break;
    case 15: tcg_gen_clz_i64(d, a, b); break;
    case 16: tcg_gen_ctz_i64(d, a, b); break;
    case 17: tcg_gen_addi_i64(d, a, (int64_t)rand_val(g)); break;
    case 18:
    case 19:
        /* Unsigned division by a non-zero value. */
        t = tcg_temp_new_i64();
        tcg_gen_ori_i64(t, b, 1);
        if (g_rand_boolean(g->rng)) {
            tcg_gen_divu_i64(d, a, t);
        } else {
            tcg_gen_remu_i64(d, a, t);
        }
        tcg_temp_free_i64(t);
        break;
    default:
        /* Signed division by a positive value. */
        t = tcg_temp_new_i64();
        tcg_gen_andi_i64(t, b, 0xfffff);
        tcg_gen_ori_i64(t, t, 1);
        if (g_rand_boolean(g->rng)) {
            tcg_gen_div_i64(d, a, t);
        } else {
            tcg_gen_rem_i64(d, a, t);
        }
        tcg_temp_free_i64(t);
        break;
    }
}

static void gen_un64(RandGen *g)
{
    TCGv_i64 d = pick64(g, false), a = pick64(g, true);

    switch (g_rand_int_range(g->rng, 0, 12)) {
    case 0: tcg_gen_neg_i64(d, a); break;
    case 1: tcg_gen_not_i64(d, a); break;
    case 2: tcg_gen_ext8s_i64(d, a); break;
    case 3: tcg_gen_ext16u_i64(d, a); break;
    case 4: tcg_gen_ext32s_i64(d, a); break;
    case 5: tcg_gen_ext32u_i64(d, a); break;
    case 6: tcg_gen_bswap64_i64(d, a); break;
    case 7: tcg_gen_bswap32_i64(d, a); break;
    case 8: tcg_gen_ctpop_i64(d, a); break;
    case 9: tcg_gen_mov_i64(d, a); break;
    case 10: tcg_gen_shli_i64(d, a, g_rand_int_range(g->rng, 0, 64)); break;
    default: tcg_gen_sari_i64(d, a, g_rand_int_range(g->rng, 0, 64)); break;
    }
}

static void gen_op32(RandGen *g)
{
    TCGv_i32 d = pick32(g, false), a = pick32(g, true), b = pick32(g, true);
    TCGv_i32 t;

    switch (g_rand_int_range(g->rng, 0, 16)) {
    case 0: tcg_gen_add_i32(d, a, b); break;
    case 1: tcg_gen_sub_i32(d, a, b); break;
    case 2: tcg_gen_mul_i32(d, a, b); break;
    case 3: tcg_gen_xor_i32(d, a, b); break;
    case 4: tcg_gen_shr_i32(d, a, b); break;
    case 5: tcg_gen_sar_i32(d, a, b); break;
    case 6: tcg_gen_rotl_i32(d, a, b); break;
    case 7: tcg_gen_setcond_i32(TCG_COND_LTU, d, a, b); break;
    case 8: tcg_gen_extrl_i64_i32(d, pick64(g, false)); break;
    case 9: tcg_gen_extrh_i64_i32(d, pick64(g, false)); break;
    case 10: tcg_gen_ext_i32_i64(pick64(g, false), a); break;
    case 11: tcg_gen_extu_i32_i64(pick64(g, false), a); break;
    case 12: tcg_gen_clz_i32(d, a, b); break;
    case 13:
        t = tcg_temp_new_i32();
        tcg_gen_ori_i32(t, b, 1);
        tcg_gen_divu_i32(d, a, t);
        tcg_temp_free_i32(t);
        break;
    case 14: tcg_gen_bswap16_i32(d, a); break;
    default: tcg_gen_movcond_i32(TCG_COND_GE, d, a, b, b, a); break;
    }
}

static TCGCond rand_cond(RandGen *g)
{
    return (TCGCond)g_rand_int_range(g->rng, TCG_COND_EQ,
                                     TCG_COND_GTU + 1);
}

static void gen_call(RandGen *g)
{
    TCGTemp *args[6];

    switch (g_rand_int_range(g->rng, 0, 3)) {
    case 0: {
        uint32_t tm = TCG_CALL_TYPE_I64;

        for (int i = 0; i < 6; i++) {
            args[i] = tcgv_i64_temp(pick64(g, true));
            tm |= TCG_CALL_TYPEMASK(0, i + 1, TCG_CALL_TYPE_I64);
        }
        tcg_gen_callN((void *)helper_mix6, TCG_CALL_NO_RWG_SE, tm,
                      tcgv_i64_temp(pick64(g, false)), 6, args);
        break;
    }
    case 1:
        args[0] = tcgv_ptr_temp(tcg_env);
        tcg_gen_callN((void *)helper_touch_env, 0,
                      TCG_CALL_TYPEMASK(TCG_CALL_TYPE_VOID, 1,
                                        TCG_CALL_TYPE_I64),
                      NULL, 1, args);
        break;
    default:
        args[0] = tcgv_i32_temp(pick32(g, true));
        args[1] = tcgv_i32_temp(pick32(g, true));
        tcg_gen_callN((void *)helper_u32, TCG_CALL_NO_RWG,
                      TCG_CALL_TYPE_I32 |
                      TCG_CALL_TYPEMASK(0, 1, TCG_CALL_TYPE_I32) |
                      TCG_CALL_TYPEMASK(0, 2, TCG_CALL_TYPE_S32),
                      tcgv_i32_temp(pick32(g, false)), 2, args);
        break;
    }
}

/* Guest memory: a 64 KiB buffer at guest_base, addresses masked in. */
#define RGMEM_SIZE 65536
static uint8_t *rgmem, *rgmem_init, *rgmem_tci;

static void gen_guest_access(RandGen *g)
{
    TCGv_i64 addr = tcg_temp_new_i64();
    MemOp mop = (MemOp)g_rand_int_range(g->rng, 0, 8);   /* size, sign */

    tcg_gen_andi_i64(addr, pick64(g, false), RGMEM_SIZE - 8);
    switch (g_rand_int_range(g->rng, 0, 4)) {
    case 0:
        tcg_gen_qemu_ld_i64(pick64(g, false), addr, 0, mop);
        break;
    case 1:
        tcg_gen_qemu_ld_i32(pick32(g, false), addr, 0,
                            (MemOp)(mop & MO_SIZE) == MO_64 ? MO_UL : mop);
        break;
    case 2:
        tcg_gen_qemu_st_i64(pick64(g, true), addr, 0, mop & MO_SIZE);
        break;
    default:
        tcg_gen_qemu_st_i32(pick32(g, true), addr, 0,
                            (mop & MO_SIZE) == MO_64 ? MO_32 : mop & MO_SIZE);
        break;
    }
    tcg_temp_free_i64(addr);
}

static void gen_random_tb(RandGen *g, int nb_ops)
{
    for (int i = 0; i < NB_TB64; i++) {
        g->v64[8 + i] = tcg_temp_new_tb_i64();
        tcg_gen_mov_i64(g->v64[8 + i], test_r[i + 2]);
    }
    for (int i = 0; i < NB_EBB64; i++) {
        g->v64[8 + NB_TB64 + i] = tcg_temp_new_i64();
    }
    for (int i = 0; i < NB_EBB32; i++) {
        g->v32[4 + i] = tcg_temp_new_i32();
    }
    init_ebb(g);
    g->nb_open = 0;

    for (int k = 0; k < nb_ops; k++) {
        int what = g_rand_int_range(g->rng, 0, 100);

        if (what < 45) {
            gen_bin64(g);
        } else if (what < 58) {
            gen_un64(g);
        } else if (what < 72) {
            gen_op32(g);
        } else if (what < 78) {
            tcg_gen_setcond_i64(rand_cond(g), pick64(g, false),
                                pick64(g, true), pick64(g, true));
        } else if (what < 82) {
            tcg_gen_movcond_i64(rand_cond(g), pick64(g, false),
                                pick64(g, false), pick64(g, true),
                                pick64(g, false), pick64(g, true));
        } else if (what < 88 && g->nb_open < 4) {
            TCGLabel *l = gen_new_label();

            tcg_gen_brcond_i64(rand_cond(g), pick64(g, false),
                               pick64(g, true), l);
            g->open[g->nb_open++] = l;
        } else if (what < 91 && g->nb_open) {
            int i = g_rand_int_range(g->rng, 0, g->nb_open);

            if (g_rand_boolean(g->rng)) {
                tcg_gen_br(g->open[i]);
            }
            gen_set_label(g->open[i]);
            g->open[i] = g->open[--g->nb_open];
            init_ebb(g);
        } else if (what < 93) {
            gen_guest_access(g);
        } else if (what < 95) {
            int slot = g_rand_int_range(g->rng, 0, 8);
            intptr_t off = offsetof(TestEnv, scratch) + 8 * slot;

            if (g_rand_boolean(g->rng)) {
                tcg_gen_st_i64(pick64(g, true), tcg_env, off);
            } else if (g_rand_boolean(g->rng)) {
                tcg_gen_st8_i64(pick64(g, true), tcg_env, off + 3);
            } else {
                tcg_gen_ld32s_i64(pick64(g, false), tcg_env, off);
            }
        } else if (what < 97) {
            gen_call(g);
        } else {
            tcg_gen_insn_start(k, 0);
        }
    }
    while (g->nb_open) {
        gen_set_label(g->open[--g->nb_open]);
    }
    init_ebb(g);
    /* Fold the temps into globals so that their values are compared. */
    for (int i = 8; i < (int)G_N_ELEMENTS(g->v64); i++) {
        tcg_gen_rotli_i64(test_r[7], test_r[7], 9);
        tcg_gen_xor_i64(test_r[7], test_r[7], g->v64[i]);
    }
    tcg_gen_exit_tb(NULL, 0);
}

static void run_random(bool optimize, int nb_tbs, int nb_ops)
{
    const char *env_seed = getenv("X86T_SEED");
    guint32 seed = env_seed ? (guint32)strtoul(env_seed, NULL, 0) : 0x5eed;
    GRand *rng = g_rand_new_with_seed(seed + optimize + nb_ops);
    RandGen g = { .rng = rng };

    if (!rgmem) {
        rgmem = g_malloc(RGMEM_SIZE);
        rgmem_init = g_malloc(RGMEM_SIZE);
        rgmem_tci = g_malloc(RGMEM_SIZE);
        for (int i = 0; i < RGMEM_SIZE; i++) {
            rgmem_init[i] = (uint8_t)(i * 73 + (i >> 9));
        }
    }
    guest_base = (uintptr_t)rgmem;
    guest_addr_bits = 47;
    for (int n = 0; n < nb_tbs; n++) {
        TestEnv in, tci, x86;
        uintptr_t tret, xret;
        TCGContext *s;

        for (int i = 0; i < 8; i++) {
            in.r[i] = rand_val(&g);
            in.scratch[i] = rand_val(&g);
        }
        for (int i = 0; i < 4; i++) {
            in.w[i] = (uint32_t)rand_val(&g);
        }
        s = test_tcg_start();
        for (int i = 0; i < 8; i++) {
            g.v64[i] = test_r[i];
        }
        for (int i = 0; i < 4; i++) {
            g.v32[i] = test_w[i];
        }
        gen_random_tb(&g, nb_ops);
        tci = in;
        x86 = in;
        memcpy(rgmem, rgmem_init, RGMEM_SIZE);
        xret = x86t_run_both_mem(s, &tci, &x86, optimize, &tret, rgmem,
                                 rgmem_tci, RGMEM_SIZE);
        g_assert_cmpmem(rgmem_tci, RGMEM_SIZE, rgmem, RGMEM_SIZE);
        if (memcmp(&tci, &x86, sizeof(tci))) {
            x86t_dump_last(s);
        }
        g_assert_cmpuint(tret, ==, xret);
        x86t_assert_env_equal(&tci, &x86, "random");
    }
    g_rand_free(rng);
}

static void test_random_short(void)
{
    run_random(false, 400, 12);
    run_random(true, 400, 12);
}

static void test_random_long(void)
{
    run_random(false, 150, 80);
    run_random(true, 150, 80);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/random/short", test_random_short);
    g_test_add_func("/x86/random/long", test_random_long);
    return g_test_run();
}
