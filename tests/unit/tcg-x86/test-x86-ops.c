/* SPDX-License-Identifier: MIT */
/* x86 backend vs TCI on every op at edge values, reg/imm/aliased forms. */
#include <string.h>

#include "x86-test-common.h"

static const uint64_t edge64[] = {
    0, 1, 2, (uint64_t)-1, (uint64_t)-2, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffull, 0x80000000ull, 0x7fffffffull,
    31, 32, 63, 64, 0x123456789abcdef0ull, 0xff, 0xffffffff80000000ull,
    0x8000ull,
};
#define NB_EDGE (sizeof(edge64) / sizeof(edge64[0]))

typedef void (*Bin64)(TCGv_i64, TCGv_i64, TCGv_i64);
typedef void (*Bin32)(TCGv_i32, TCGv_i32, TCGv_i32);
typedef void (*Un64)(TCGv_i64, TCGv_i64);
typedef void (*Un32)(TCGv_i32, TCGv_i32);

typedef struct BinOp {
    const char *name;
    Bin64 g64;
    Bin32 g32;
    bool div;        /* skip b == 0 and INT_MIN / -1 */
} BinOp;

static void gen_clz64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b)
{
    tcg_gen_clz_i64(r, a, b);
}

static const BinOp bin_ops[] = {
    { "add", tcg_gen_add_i64, tcg_gen_add_i32 },
    { "sub", tcg_gen_sub_i64, tcg_gen_sub_i32 },
    { "mul", tcg_gen_mul_i64, tcg_gen_mul_i32 },
    { "and", tcg_gen_and_i64, tcg_gen_and_i32 },
    { "or", tcg_gen_or_i64, tcg_gen_or_i32 },
    { "xor", tcg_gen_xor_i64, tcg_gen_xor_i32 },
    { "andc", tcg_gen_andc_i64, tcg_gen_andc_i32 },
    { "orc", tcg_gen_orc_i64, tcg_gen_orc_i32 },
    { "shl", tcg_gen_shl_i64, tcg_gen_shl_i32 },
    { "shr", tcg_gen_shr_i64, tcg_gen_shr_i32 },
    { "sar", tcg_gen_sar_i64, tcg_gen_sar_i32 },
    { "rotl", tcg_gen_rotl_i64, tcg_gen_rotl_i32 },
    { "rotr", tcg_gen_rotr_i64, tcg_gen_rotr_i32 },
    { "mulsh", tcg_gen_mulsh_i64, tcg_gen_mulsh_i32 },
    { "muluh", tcg_gen_muluh_i64, tcg_gen_muluh_i32 },
    { "clz", gen_clz64, tcg_gen_clz_i32 },
    { "ctz", tcg_gen_ctz_i64, tcg_gen_ctz_i32 },
    { "div", tcg_gen_div_i64, tcg_gen_div_i32, true },
    { "divu", tcg_gen_divu_i64, tcg_gen_divu_i32, true },
    { "rem", tcg_gen_rem_i64, tcg_gen_rem_i32, true },
    { "remu", tcg_gen_remu_i64, tcg_gen_remu_i32, true },
};

static bool div_ok64(uint64_t a, uint64_t b)
{
    return b != 0 && !(a == 0x8000000000000000ull && b == (uint64_t)-1);
}

static bool div_ok32(uint32_t a, uint32_t b)
{
    return b != 0 && !(a == 0x80000000u && b == 0xffffffffu);
}

static void run_and_compare(TCGContext *s, const TestEnv *in, bool opt,
                            const char *what)
{
    TestEnv tci = *in, x86 = *in;
    uintptr_t tret, xret;

    tcg_gen_exit_tb(NULL, 0);
    xret = x86t_run_both(s, &tci, &x86, opt, &tret);
    g_assert_cmpuint(tret, ==, xret);
    x86t_assert_env_equal(&tci, &x86, what);
}

static void test_binary_i64(gconstpointer data)
{
    const BinOp *op = data;

    for (int opt = 0; opt < 2; opt++) {
        for (unsigned i = 0; i < NB_EDGE; i++) {
            for (unsigned j = 0; j < NB_EDGE; j++) {
                uint64_t a = edge64[i], b = edge64[j];
                TestEnv in = { .r = { a, b } };
                TCGContext *s;
                TCGv_i64 t;

                if (op->div && (!div_ok64(a, b) || !div_ok64(a, a) ||
                                !div_ok64(b, a))) {
                    continue;
                }
                s = test_tcg_start();
                op->g64(test_r[2], test_r[0], test_r[1]);
                op->g64(test_r[3], test_r[0], tcg_constant_i64(b));
                op->g64(test_r[4], tcg_constant_i64(a), test_r[1]);
                op->g64(test_r[5], test_r[0], test_r[0]);
                t = tcg_temp_new_i64();
                tcg_gen_mov_i64(t, test_r[0]);
                op->g64(t, t, test_r[1]);
                tcg_gen_mov_i64(test_r[6], t);
                op->g64(test_r[7], test_r[1], test_r[0]);
                run_and_compare(s, &in, opt, op->name);
            }
        }
    }
}

static void test_binary_i32(gconstpointer data)
{
    const BinOp *op = data;

    for (int opt = 0; opt < 2; opt++) {
        for (unsigned i = 0; i < NB_EDGE; i++) {
            for (unsigned j = 0; j < NB_EDGE; j++) {
                uint32_t a = edge64[i], b = edge64[j];
                TestEnv in = { .w = { a, b } };
                TCGContext *s;
                TCGv_i32 t, u;

                if (op->div && (!div_ok32(a, b) || !div_ok32(a, a) ||
                                !div_ok32(b, a))) {
                    continue;
                }
                /* Garbage in the upper halves must not leak. */
                in.r[0] = 0xdeadbeef00000000ull;
                s = test_tcg_start();
                op->g32(test_w[2], test_w[0], test_w[1]);
                op->g32(test_w[3], test_w[0], tcg_constant_i32(b));
                t = tcg_temp_new_i32();
                op->g32(t, tcg_constant_i32(a), test_w[1]);
                tcg_gen_extu_i32_i64(test_r[2], t);
                u = tcg_temp_new_i32();
                op->g32(u, test_w[0], test_w[0]);
                tcg_gen_ext_i32_i64(test_r[3], u);
                t = tcg_temp_new_i32();
                tcg_gen_mov_i32(t, test_w[1]);
                op->g32(t, t, test_w[0]);
                tcg_gen_extu_i32_i64(test_r[4], t);
                /* i32 op on the low half of an i64 with junk above. */
                t = tcg_temp_new_i32();
                u = tcg_temp_new_i32();
                tcg_gen_extrl_i64_i32(t, test_r[0]);
                tcg_gen_or_i32(t, t, test_w[0]);
                op->g32(u, t, test_w[1]);
                tcg_gen_extu_i32_i64(test_r[5], u);
                run_and_compare(s, &in, opt, op->name);
            }
        }
    }
}

typedef struct UnOp {
    const char *name;
    Un64 g64;
    Un32 g32;
} UnOp;

static void gen_ctpop64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ctpop_i64(r, a);
}

static void gen_clzi64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_clzi_i64(r, a, 64);
}

static void gen_clzi32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_clzi_i32(r, a, 32);
}

static void gen_ctzi64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ctzi_i64(r, a, 64);
}

static void gen_ctzi32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_ctzi_i32(r, a, 32);
}

static void gen_clz7_64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_clzi_i64(r, a, 7);
}

static void gen_clz7_32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_clzi_i32(r, a, 7);
}

static void gen_ctzm1_64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ctzi_i64(r, a, -1);
}

static void gen_ctzm1_32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_ctzi_i32(r, a, -1);
}

static void gen_ext32s(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ext32s_i64(r, a);
}

static void gen_ext32u(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_ext32u_i64(r, a);
}

static void gen_bswap64(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_bswap64_i64(r, a);
}

static void gen_addi_big(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_addi_i64(r, a, 0x123456789ll);
}

static void gen_addi_big32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_addi_i32(r, a, 0x7ffffff0);
}

static void gen_andi_ff(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_andi_i64(r, a, 0xffff);
}

static void gen_andi_ff32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_andi_i32(r, a, 0xff);
}

static void gen_shli1(TCGv_i64 r, TCGv_i64 a)
{
    tcg_gen_shli_i64(r, a, 1);
}

static void gen_shli1_32(TCGv_i32 r, TCGv_i32 a)
{
    tcg_gen_shli_i32(r, a, 1);
}

static const UnOp un_ops[] = {
    { "neg", tcg_gen_neg_i64, tcg_gen_neg_i32 },
    { "not", tcg_gen_not_i64, tcg_gen_not_i32 },
    { "ext8s", tcg_gen_ext8s_i64, tcg_gen_ext8s_i32 },
    { "ext8u", tcg_gen_ext8u_i64, tcg_gen_ext8u_i32 },
    { "ext16s", tcg_gen_ext16s_i64, tcg_gen_ext16s_i32 },
    { "ext16u", tcg_gen_ext16u_i64, tcg_gen_ext16u_i32 },
    { "ext32", gen_ext32s, NULL },
    { "ext32u", gen_ext32u, NULL },
    { "bswap16", tcg_gen_bswap16_i64, tcg_gen_bswap16_i32 },
    { "bswap32", tcg_gen_bswap32_i64, tcg_gen_bswap32_i32 },
    { "bswap64", gen_bswap64, NULL },
    { "ctpop", gen_ctpop64, tcg_gen_ctpop_i32 },
    { "clzi-w", gen_clzi64, gen_clzi32 },
    { "ctzi-w", gen_ctzi64, gen_ctzi32 },
    { "clzi-7", gen_clz7_64, gen_clz7_32 },
    { "ctzi-m1", gen_ctzm1_64, gen_ctzm1_32 },
    { "addi-big", gen_addi_big, gen_addi_big32 },
    { "andi-mask", gen_andi_ff, gen_andi_ff32 },
    { "shli-1", gen_shli1, gen_shli1_32 },
};

static void test_unary(gconstpointer data)
{
    const UnOp *op = data;

    for (int opt = 0; opt < 2; opt++) {
        for (unsigned i = 0; i < NB_EDGE; i++) {
            uint64_t a = edge64[i];
            TestEnv in = { .r = { a, ~a }, .w = { a, a >> 32 } };
            TCGContext *s = test_tcg_start();
            TCGv_i64 t = tcg_temp_new_i64();

            op->g64(test_r[2], test_r[0]);
            op->g64(test_r[3], tcg_constant_i64(a));
            tcg_gen_mov_i64(t, test_r[1]);
            op->g64(t, t);
            tcg_gen_mov_i64(test_r[4], t);
            if (op->g32) {
                TCGv_i32 u = tcg_temp_new_i32();

                op->g32(test_w[2], test_w[0]);
                op->g32(u, test_w[1]);
                tcg_gen_ext_i32_i64(test_r[5], u);
                op->g32(test_w[3], tcg_constant_i32(a));
            }
            run_and_compare(s, &in, opt, op->name);
        }
    }
}

static const TCGCond all_conds[] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_LT, TCG_COND_GE, TCG_COND_LE,
    TCG_COND_GT, TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
    TCG_COND_ALWAYS, TCG_COND_NEVER,
};

static void test_conditions(void)
{
    static const uint64_t vals[] = {
        0, 1, (uint64_t)-1, 0x7fffffffffffffffull, 0x8000000000000000ull,
        0x80000000ull, 0x7fffffffull, 0xffffffff00000000ull,
    };
    int nv = sizeof(vals) / sizeof(vals[0]);

    for (unsigned c = 0; c < G_N_ELEMENTS(all_conds); c++) {
        TCGCond cond = all_conds[c];

        for (int i = 0; i < nv; i++) {
            for (int j = 0; j < nv; j++) {
                TestEnv in = { .r = { vals[i], vals[j], 0x1111, 0x2222 },
                               .w = { vals[i], vals[j] } };
                TCGContext *s = test_tcg_start();
                TCGLabel *l1 = gen_new_label();
                TCGLabel *l2 = gen_new_label();
                TCGv_i32 u = tcg_temp_new_i32();

                tcg_gen_setcond_i64(cond, test_r[4], test_r[0], test_r[1]);
                tcg_gen_setcondi_i64(cond, test_r[5], test_r[0], 0);
                tcg_gen_setcond_i32(cond, test_w[2], test_w[0], test_w[1]);
                tcg_gen_movcond_i64(cond, test_r[6], test_r[0], test_r[1],
                                    test_r[2], test_r[3]);
                tcg_gen_movcond_i32(cond, u, test_w[0], test_w[1],
                                    test_w[1], test_w[0]);
                tcg_gen_extu_i32_i64(test_r[7], u);
                tcg_gen_brcond_i64(cond, test_r[0], test_r[1], l1);
                tcg_gen_addi_i64(test_r[2], test_r[2], 1);
                gen_set_label(l1);
                tcg_gen_brcond_i32(cond, test_w[0], test_w[1], l2);
                tcg_gen_addi_i32(test_w[3], test_w[3], 1);
                gen_set_label(l2);
                l1 = gen_new_label();
                tcg_gen_brcondi_i64(cond, test_r[0], 1, l1);
                tcg_gen_xori_i64(test_r[3], test_r[3], 5);
                gen_set_label(l1);
                run_and_compare(s, &in, c & 1, "cond");
            }
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (unsigned i = 0; i < G_N_ELEMENTS(bin_ops); i++) {
        char *p = g_strdup_printf("/x86/ops/%s_i64", bin_ops[i].name);

        g_test_add_data_func(p, &bin_ops[i], test_binary_i64);
        g_free(p);
        p = g_strdup_printf("/x86/ops/%s_i32", bin_ops[i].name);
        g_test_add_data_func(p, &bin_ops[i], test_binary_i32);
        g_free(p);
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(un_ops); i++) {
        char *p = g_strdup_printf("/x86/ops/%s", un_ops[i].name);

        g_test_add_data_func(p, &un_ops[i], test_unary);
        g_free(p);
    }
    g_test_add_func("/x86/ops/conditions", test_conditions);
    return g_test_run();
}
