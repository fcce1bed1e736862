/* SPDX-License-Identifier: MIT */
/* TCG core: temps, interned constants, labels, op emission and dumps. */
#include <stdio.h>
#include <string.h>

#include "tcg-test-common.h"

static void test_globals_are_shared(void)
{
    TCGContext *s = test_tcg_start();
    TCGTemp *t = tcgv_i64_temp(test_r[3]);

    g_assert_cmpint(t->kind, ==, TEMP_GLOBAL);
    g_assert_cmpstr(t->name, ==, "r3");
    g_assert_cmpint(t->mem_offset, ==, offsetof(TestEnv, r[3]));
    g_assert_cmpint(s->temps[TCG_ENV_TEMP_INDEX].kind, ==, TEMP_FIXED);
    g_assert_cmpint(s->nb_globals, ==, 13);
}

static void test_constants_interned(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 a = tcg_constant_i64(42);
    TCGv_i64 b = tcg_constant_i64(42);
    TCGv_i32 c = tcg_constant_i32(42);
    TCGv_i32 m = tcg_constant_i32(-1);

    g_assert_true(a == b);
    g_assert_true((void *)a != (void *)c);
    g_assert_cmpint(tcgv_i32_temp(m)->val, ==, -1);
    g_assert_cmpint(tcgv_i64_temp(a)->kind, ==, TEMP_CONST);
    /* A new TB forgets them. */
    test_tcg_start();
    g_assert_cmpint(s->nb_temps, ==, s->nb_globals);
}

static void test_freed_temps_recycled(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 a = tcg_temp_new_i64();
    TCGv_i64 b;
    TCGv_i32 c;

    tcg_temp_free_i64(a);
    c = tcg_temp_new_i32();           /* other type: not the freed slot */
    b = tcg_temp_new_i64();
    g_assert_true(a == b);
    g_assert_true((void *)c != (void *)a);
    g_assert_cmpint(tcgv_i64_temp(b)->kind, ==, TEMP_EBB);
    g_assert_cmpint(tcgv_i64_temp(tcg_temp_new_tb_i64())->kind, ==, TEMP_TB);
    g_assert_cmpint(s->nb_temps, ==, s->nb_globals + 3);
}

static void test_emit_layout(void)
{
    TCGContext *s = test_tcg_start();
    TCGLabel *l = gen_new_label();

    tcg_gen_insn_start(0x10078, 0);
    tcg_gen_addi_i64(test_r[1], test_r[2], 5);
    tcg_gen_brcondi_i64(TCG_COND_LTU, test_r[1], 7, l);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);

    g_assert_cmpint(s->nb_ops, ==, 5);
    g_assert_cmpint(s->ops[1].opc, ==, INDEX_op_add_i64);
    g_assert_true(arg_temp(s->ops[1].args[0]) == tcgv_i64_temp(test_r[1]));
    g_assert_cmpint(arg_temp(s->ops[1].args[2])->val, ==, 5);
    g_assert_cmpint(s->ops[2].args[2], ==, TCG_COND_LTU);
    g_assert_true(arg_label(s->ops[2].args[3]) == l);
    g_assert_true(l->referenced && l->present);
    g_assert_cmpint(s->nb_insns, ==, 1);
    g_assert_cmpint(s->insn_data[0][0], ==, 0x10078);
}

static void test_conditions(void)
{
    g_assert_cmpint(tcg_invert_cond(TCG_COND_LT), ==, TCG_COND_GE);
    g_assert_cmpint(tcg_invert_cond(TCG_COND_GTU), ==, TCG_COND_LEU);
    g_assert_cmpint(tcg_swap_cond(TCG_COND_LT), ==, TCG_COND_GT);
    g_assert_cmpint(tcg_swap_cond(TCG_COND_GEU), ==, TCG_COND_LEU);
    g_assert_true(tcg_cond_is_unsigned(TCG_COND_LTU));
    g_assert_false(tcg_cond_is_unsigned(TCG_COND_LT));
    g_assert_true(tcg_cond_eval_i32(TCG_COND_LT, 0x80000000u, 1));
    g_assert_false(tcg_cond_eval_i32(TCG_COND_LTU, 0x80000000u, 1));
    g_assert_true(tcg_cond_eval_i64(TCG_COND_GTU, ~0ull, 1));
    g_assert_false(tcg_cond_eval_i64(TCG_COND_GT, ~0ull, 1));
    for (int c = TCG_COND_EQ; c <= TCG_COND_GTU; c++) {
        uint64_t a = 0xfffffffffffffff0ull, b = 5;

        g_assert_cmpint(tcg_cond_eval_i64(c, a, b), ==,
                        !tcg_cond_eval_i64(tcg_invert_cond(c), a, b));
        g_assert_cmpint(tcg_cond_eval_i64(c, a, b), ==,
                        tcg_cond_eval_i64(tcg_swap_cond(c), b, a));
    }
}

static void test_dump_format(void)
{
    TCGContext *s = test_tcg_start();
    TCGLabel *l = gen_new_label();
    TCGv_i64 t = tcg_temp_new_i64();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    tcg_gen_insn_start(0x10078, 0);
    tcg_gen_addi_i64(test_r[1], test_r[1], 5);
    tcg_gen_mov_i64(t, test_r[1]);
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, 0, l);
    tcg_gen_exit_tb(NULL, 0);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 1);
    tcg_liveness_analysis(s);
    tcg_dump_ops(s, f, true);
    fclose(f);

    g_assert_nonnull(strstr(buf, " ---- 0000000000010078 0000000000000000"));
    g_assert_nonnull(strstr(buf, " add_i64 r1,r1,$0x5"));
    g_assert_nonnull(strstr(buf, " brcond_i64 tmp"));
    g_assert_nonnull(strstr(buf, ",$0x0,eq,$L0"));
    g_assert_nonnull(strstr(buf, " set_label $L0"));
    g_assert_nonnull(strstr(buf, "sync: 0"));
    g_assert_nonnull(strstr(buf, "dead: 0"));
    free(buf);
}

static void test_simple_tb_runs(void)
{
    TCGContext *s = test_tcg_start();
    TestEnv env = { .r = { 0, 40 } };

    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_addi_i64(test_r[0], test_r[1], 2);
    tcg_gen_exit_tb(NULL, 0);
    g_assert_cmpuint(test_tcg_run(s, &env, true), ==, 0);
    g_assert_cmpuint(env.r[0], ==, 42);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/core/globals-shared", test_globals_are_shared);
    g_test_add_func("/tcg/core/constants-interned", test_constants_interned);
    g_test_add_func("/tcg/core/freed-temps-recycled",
                    test_freed_temps_recycled);
    g_test_add_func("/tcg/core/emit-layout", test_emit_layout);
    g_test_add_func("/tcg/core/conditions", test_conditions);
    g_test_add_func("/tcg/core/dump-format", test_dump_format);
    g_test_add_func("/tcg/core/simple-tb-runs", test_simple_tb_runs);
    return g_test_run();
}
