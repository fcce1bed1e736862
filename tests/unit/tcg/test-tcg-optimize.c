/* SPDX-License-Identifier: MIT */
/* Optimizer: folding, copy propagation, identities, branch and dead code. */
#include "tcg-test-common.h"

static TCGOp *find_op(TCGContext *s, TCGOpcode opc, int nth)
{
    for (int i = 0; i < s->nb_ops; i++) {
        if (s->ops[i].opc == opc && nth-- == 0) {
            return &s->ops[i];
        }
    }
    return NULL;
}

static bool arg_is_const_value(TCGArg a, int64_t v)
{
    TCGTemp *t = arg_temp(a);

    return t->kind == TEMP_CONST && t->val == v;
}

static void test_constant_add_becomes_move(void)
{
    TCGContext *s = test_tcg_start();
    TCGOp *op;

    tcg_gen_add_i64(test_r[0], tcg_constant_i64(2), tcg_constant_i64(3));
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_add_i64), ==, 0);
    op = find_op(s, INDEX_op_mov_i64, 0);
    g_assert_nonnull(op);
    g_assert_true(arg_is_const_value(op->args[1], 5));
}

static void test_i32_folding_respects_width(void)
{
    TCGContext *s = test_tcg_start();
    TCGOp *op;

    tcg_gen_add_i32(test_w[0], tcg_constant_i32(0x7fffffff),
                    tcg_constant_i32(1));
    tcg_gen_shl_i32(test_w[1], tcg_constant_i32(1), tcg_constant_i32(33));
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    op = find_op(s, INDEX_op_mov_i32, 0);
    g_assert_true(arg_is_const_value(op->args[1], INT32_MIN));
    op = find_op(s, INDEX_op_mov_i32, 1);
    g_assert_true(arg_is_const_value(op->args[1], 2));
}

static void test_constants_propagate(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGOp *op;

    tcg_gen_movi_i64(t, 20);
    tcg_gen_addi_i64(t, t, 1);
    tcg_gen_muli_i64(test_r[0], t, 2);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    tcg_liveness_analysis(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mul_i64), ==, 0);
    g_assert_cmpint(test_count_ops(s, NB_OPS), ==, 2);
    op = find_op(s, INDEX_op_mov_i64, 0);
    g_assert_true(arg_is_const_value(op->args[1], 42));
}

static void test_copies_propagate(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGOp *op;

    tcg_gen_mov_i64(t, test_r[1]);
    tcg_gen_add_i64(test_r[0], t, test_r[2]);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    op = find_op(s, INDEX_op_add_i64, 0);
    g_assert_true(arg_temp(op->args[1]) == tcgv_i64_temp(test_r[1]));
    tcg_liveness_analysis(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 0);
}

static void test_no_copy_across_redefinition(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 t = tcg_temp_new_i64();
    TestEnv env = { .r = { 0, 10 } };
    TCGOp *op;

    tcg_gen_mov_i64(t, test_r[1]);
    tcg_gen_movi_i64(test_r[1], 7);
    tcg_gen_add_i64(test_r[0], t, t);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    op = find_op(s, INDEX_op_add_i64, 0);
    g_assert_true(arg_temp(op->args[1]) == tcgv_i64_temp(t));
    test_tcg_start();
    t = tcg_temp_new_i64();
    tcg_gen_mov_i64(t, test_r[1]);
    tcg_gen_movi_i64(test_r[1], 7);
    tcg_gen_add_i64(test_r[0], t, t);
    tcg_gen_exit_tb(NULL, 0);
    test_tcg_run(s, &env, true);
    g_assert_cmpuint(env.r[0], ==, 20);
}

static void test_no_propagation_across_label(void)
{
    TCGContext *s = test_tcg_start();
    TCGLabel *l = gen_new_label();
    TCGOp *op;

    tcg_gen_movi_i64(test_r[0], 5);
    tcg_gen_brcondi_i64(TCG_COND_EQ, test_r[2], 0, l);
    tcg_gen_movi_i64(test_r[0], 6);
    gen_set_label(l);
    tcg_gen_addi_i64(test_r[1], test_r[0], 1);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    op = find_op(s, INDEX_op_add_i64, 0);
    g_assert_nonnull(op);
    g_assert_true(arg_temp(op->args[1]) == tcgv_i64_temp(test_r[0]));
}

static void test_identities(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 x = test_r[1];

    tcg_gen_addi_i64(test_r[0], x, 0);
    tcg_gen_add_i64(test_r[0], x, tcg_constant_i64(0));
    tcg_gen_sub_i64(test_r[0], x, tcg_constant_i64(0));
    tcg_gen_muli_i64(test_r[0], x, 1);
    tcg_gen_and_i64(test_r[0], x, tcg_constant_i64(-1));
    tcg_gen_ori_i64(test_r[0], x, 0);
    tcg_gen_xori_i64(test_r[0], x, 0);
    tcg_gen_and_i64(test_r[0], x, x);
    tcg_gen_shli_i64(test_r[0], x, 64);
    tcg_gen_rotri_i64(test_r[0], x, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 1);
    tcg_optimize(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, NB_OPS), ==, 1);

    test_tcg_start();
    tcg_gen_muli_i64(test_r[0], x, 0);
    tcg_gen_and_i64(test_r[2], x, tcg_constant_i64(0));
    tcg_gen_xor_i64(test_r[3], x, x);
    tcg_gen_sub_i64(test_r[4], x, x);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    for (int i = 0; i < 4; i++) {
        TCGOp *op = find_op(s, INDEX_op_mov_i64, i);

        g_assert_nonnull(op);
        g_assert_true(arg_is_const_value(op->args[1], 0));
    }
}

static void test_masks_become_extensions(void)
{
    TCGContext *s = test_tcg_start();

    tcg_gen_andi_i64(test_r[0], test_r[1], 0xff);
    tcg_gen_andi_i64(test_r[0], test_r[1], 0xffff);
    tcg_gen_andi_i64(test_r[0], test_r[1], 0xffffffff);
    tcg_gen_andi_i32(test_w[0], test_w[1], 0xffffffff);
    tcg_gen_xori_i64(test_r[0], test_r[1], -1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_ext8u_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_ext16u_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_ext32u_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i32), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_not_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_and_i64), ==, 0);
}

/* Folding never allocates the last temps: the op stays, still correct. */
static void test_shift_pairs_become_extensions(void)
{
    TCGContext *s = test_tcg_start();
    TestEnv env = { .r = { 0, 0x8123456789abcdefull, 0xfedcba9876543210ull,
                           0x1234567890abcdefull } };

    /* zext.w in place, sext.b in place, zext.h into another register. */
    tcg_gen_shli_i64(test_r[1], test_r[1], 32);
    tcg_gen_shri_i64(test_r[1], test_r[1], 32);
    tcg_gen_insn_start(0x104, 0);
    tcg_gen_shli_i64(test_r[2], test_r[2], 56);
    tcg_gen_sari_i64(test_r[2], test_r[2], 56);
    tcg_gen_shli_i64(test_r[4], test_r[3], 48);
    tcg_gen_shri_i64(test_r[5], test_r[4], 48);
    /* Different counts: untouched. */
    tcg_gen_shli_i64(test_r[6], test_r[3], 8);
    tcg_gen_shri_i64(test_r[6], test_r[6], 4);
    tcg_gen_exit_tb(NULL, 0);
    test_tcg_run(s, &env, true);
    g_assert_cmpint(test_count_ops(s, INDEX_op_ext32u_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_ext8s_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_ext16u_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_shl_i64), ==, 2);
    g_assert_cmpint(test_count_ops(s, INDEX_op_shr_i64), ==, 1);
    g_assert_cmphex(env.r[1], ==, 0x89abcdef);
    g_assert_cmphex(env.r[2], ==, 0x10);
    g_assert_cmphex(env.r[4], ==, 0xcdef000000000000ull);
    g_assert_cmphex(env.r[5], ==, 0xcdef);
    g_assert_cmphex(env.r[6], ==, 0x034567890abcdef0ull);
}

static void test_no_folding_when_temps_exhausted(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 a = tcg_constant_i64(7), b = tcg_constant_i64(8);
    TestEnv env = { 0 };

    for (int64_t v = 1000; s->nb_temps < TCG_MAX_TEMPS - 2; v++) {
        tcg_constant_i64(v);
    }
    tcg_gen_add_i64(test_r[0], a, b);
    tcg_gen_exit_tb(NULL, 0);
    test_tcg_run(s, &env, true);
    g_assert_cmpint(s->nb_temps, <=, TCG_MAX_TEMPS);
    g_assert_cmpint(test_count_ops(s, INDEX_op_add_i64), ==, 1);
    g_assert_cmpuint(env.r[0], ==, 15);
}

static void test_division_by_zero_not_folded(void)
{
    TCGContext *s = test_tcg_start();

    tcg_gen_div_i64(test_r[0], tcg_constant_i64(5), tcg_constant_i64(0));
    tcg_gen_div_i32(test_w[0], tcg_constant_i32(INT32_MIN),
                    tcg_constant_i32(-1));
    tcg_gen_divu_i64(test_r[1], tcg_constant_i64(9), tcg_constant_i64(2));
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_div_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_div_i32), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_divu_i64), ==, 0);
}

static void test_constant_branches(void)
{
    TCGContext *s = test_tcg_start();
    TCGLabel *taken = gen_new_label();
    TCGLabel *never = gen_new_label();
    TCGv_i64 one = tcg_constant_i64(1);

    tcg_gen_brcondi_i64(TCG_COND_EQ, one, 2, never);   /* removed */
    tcg_gen_setcondi_i64(TCG_COND_LTU, test_r[0], one, 2);
    tcg_gen_brcondi_i64(TCG_COND_GTU, one, 0, taken);  /* becomes br */
    tcg_gen_movi_i64(test_r[1], 3);                     /* dead */
    gen_set_label(never);                               /* unreferenced */
    tcg_gen_movi_i64(test_r[2], 4);                     /* dead */
    gen_set_label(taken);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_brcond_i64), ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_setcond_i64), ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_br), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_set_label), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 1);
    g_assert_false(never->referenced);
}

static void test_branch_to_next_label_removed(void)
{
    TCGContext *s = test_tcg_start();
    TCGLabel *l = gen_new_label();

    tcg_gen_brcondi_i64(TCG_COND_LT, test_r[1], 0, l);
    tcg_gen_insn_start(0x104, 0);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_brcond_i64), ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_set_label), ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_insn_start), ==, 1);
}

static void test_dead_code_after_exit(void)
{
    TCGContext *s = test_tcg_start();
    TCGLabel *l = gen_new_label();

    tcg_gen_brcondi_i64(TCG_COND_EQ, test_r[1], 0, l);
    tcg_gen_exit_tb(NULL, 0);
    tcg_gen_insn_start(0x200, 0);
    tcg_gen_movi_i64(test_r[0], 1);
    tcg_gen_addi_i64(test_r[0], test_r[0], 1);
    gen_set_label(l);
    tcg_gen_movi_i64(test_r[0], 9);
    tcg_gen_exit_tb(NULL, 1);
    tcg_optimize(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_add_i64), ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_insn_start), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 1);
    g_assert_cmpint(test_count_ops(s, INDEX_op_exit_tb), ==, 2);
}

static void test_movcond_and_setcond_same_operands(void)
{
    TCGContext *s = test_tcg_start();
    TCGOp *op;

    tcg_gen_movcond_i64(TCG_COND_LT, test_r[0], test_r[1], test_r[2],
                        test_r[3], test_r[3]);
    tcg_gen_setcond_i64(TCG_COND_LEU, test_r[4], test_r[1], test_r[1]);
    tcg_gen_movcond_i64(TCG_COND_NE, test_r[5], test_r[1], test_r[1],
                        test_r[2], test_r[3]);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_movcond_i64), ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_setcond_i64), ==, 0);
    op = find_op(s, INDEX_op_mov_i64, 1);
    g_assert_true(arg_is_const_value(op->args[1], 1));
    op = find_op(s, INDEX_op_mov_i64, 2);
    g_assert_true(arg_temp(op->args[1]) == tcgv_i64_temp(test_r[3]));
}

static void test_known_bits_remove_extensions(void)
{
    TCGContext *s = test_tcg_start();

    /* addw-like: the second sign-extension is redundant. */
    tcg_gen_add_i64(test_r[0], test_r[1], test_r[2]);
    tcg_gen_ext32s_i64(test_r[0], test_r[0]);
    tcg_gen_ext32s_i64(test_r[3], test_r[0]);
    /* lbu then andi 0xff; lwu then zext.w. */
    tcg_gen_qemu_ld_i64(test_r[4], test_r[1], 0, MO_UB);
    tcg_gen_andi_i64(test_r[4], test_r[4], 0xff);
    tcg_gen_qemu_ld_i64(test_r[5], test_r[1], 0, MO_UL);
    tcg_gen_ext32u_i64(test_r[5], test_r[5]);
    /* A small unsigned value is also sign-extended from 32 bits. */
    tcg_gen_shri_i64(test_r[6], test_r[1], 40);
    tcg_gen_ext32s_i64(test_r[6], test_r[6]);
    /* Still needed: the value may have bit 31 set. */
    tcg_gen_ext32u_i64(test_r[7], test_r[2]);
    tcg_gen_ext32s_i64(test_r[7], test_r[7]);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    tcg_liveness_analysis(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_ext32s_i64), ==, 2);
    g_assert_cmpint(test_count_ops(s, INDEX_op_and_i64), ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_ext32u_i64), ==, 1);
}

/*
 * "op t; mov g, t": the op writes g when t has no other use and no insn
 * boundary is between them; the result is the same when run.
 */
static void test_result_mov_folded(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();
    TCGv_i64 v = tcg_temp_new_i64(), w = tcg_temp_new_i64();
    TestEnv env = { .r = { 0, 5, 7 } };
    TCGOp *op;

    tcg_gen_add_i64(t, test_r[1], test_r[2]);
    tcg_gen_mov_i64(test_r[0], t);
    /* u is read twice (w is no better a copy): its mov stays. */
    tcg_gen_sub_i64(u, test_r[2], test_r[1]);
    tcg_gen_mov_i64(w, u);
    tcg_gen_add_i64(test_r[4], u, w);
    /* An insn boundary between them: kept. */
    tcg_gen_xor_i64(v, test_r[1], test_r[2]);
    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_mov_i64(test_r[5], v);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(s);
    op = find_op(s, INDEX_op_add_i64, 0);
    g_assert_true(arg_temp(op->args[0]) == tcgv_i64_temp(test_r[0]));
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 2);
    op = find_op(s, INDEX_op_sub_i64, 0);
    g_assert_true(arg_temp(op->args[0]) == tcgv_i64_temp(u));
    op = find_op(s, INDEX_op_xor_i64, 0);
    g_assert_true(arg_temp(op->args[0]) == tcgv_i64_temp(v));
    test_tcg_run(s, &env, false);
    g_assert_cmpuint(env.r[0], ==, 12);
    g_assert_cmpuint(env.r[4], ==, 4);
    g_assert_cmpuint(env.r[5], ==, 2);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/optimize/constant-add-becomes-move",
                    test_constant_add_becomes_move);
    g_test_add_func("/tcg/optimize/i32-width", test_i32_folding_respects_width);
    g_test_add_func("/tcg/optimize/constants-propagate",
                    test_constants_propagate);
    g_test_add_func("/tcg/optimize/copies-propagate", test_copies_propagate);
    g_test_add_func("/tcg/optimize/no-copy-across-redefinition",
                    test_no_copy_across_redefinition);
    g_test_add_func("/tcg/optimize/no-propagation-across-label",
                    test_no_propagation_across_label);
    g_test_add_func("/tcg/optimize/identities", test_identities);
    g_test_add_func("/tcg/optimize/shift-pairs-become-extensions",
                    test_shift_pairs_become_extensions);
    g_test_add_func("/tcg/optimize/no-folding-when-temps-exhausted",
                    test_no_folding_when_temps_exhausted);
    g_test_add_func("/tcg/optimize/masks-become-extensions",
                    test_masks_become_extensions);
    g_test_add_func("/tcg/optimize/division-by-zero-not-folded",
                    test_division_by_zero_not_folded);
    g_test_add_func("/tcg/optimize/constant-branches", test_constant_branches);
    g_test_add_func("/tcg/optimize/branch-to-next-label",
                    test_branch_to_next_label_removed);
    g_test_add_func("/tcg/optimize/dead-code-after-exit",
                    test_dead_code_after_exit);
    g_test_add_func("/tcg/optimize/same-operands",
                    test_movcond_and_setcond_same_operands);
    g_test_add_func("/tcg/optimize/known-bits-extensions",
                    test_known_bits_remove_extensions);
    g_test_add_func("/tcg/optimize/result-mov-folded",
                    test_result_mov_folded);
    return g_test_run();
}
