/* SPDX-License-Identifier: MIT */
/* Liveness: dead/sync bits at BB ends, calls, side effects; dead ops. */
#include "tcg-test-common.h"

static TCGOp *find_op(TCGContext *s, TCGOpcode opc, int nth)
{
    for (int i = 0; i < s->nb_ops; i++) {
        if (s->ops[i].opc == opc && nth-- == 0) {
            return &s->ops[i];
        }
    }
    g_assert_not_reached();
    return NULL;
}

static void test_dead_op_removed(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_add_i64(t, test_r[1], test_r[2]);      /* result unused */
    tcg_gen_ld_i64(t, tcg_env, 0);                 /* no side effect */
    tcg_gen_qemu_ld_i64(t, test_r[1], 0, MO_UQ);   /* may fault: kept */
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_add_i64), ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_ld_i64), ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_qemu_ld_i64), ==, 1);
    /* Its output is dead. */
    g_assert_cmpint(find_op(s, INDEX_op_qemu_ld_i64, 0)->dead_args & 1, ==,
                    1);
}

static void test_dead_and_sync_bits(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGOp *op0, *op1;

    tcg_gen_addi_i64(t, test_r[1], 1);
    tcg_gen_add_i64(test_r[0], t, test_r[2]);
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    op0 = find_op(s, INDEX_op_add_i64, 0);
    op1 = find_op(s, INDEX_op_add_i64, 1);
    /* t is used later: not dead, not synced (EBB temp). */
    g_assert_cmpint(op0->dead_args & 1, ==, 0);
    g_assert_cmpint(op0->sync_args, ==, 0);
    /* r1 is not used again before the BB end: its register may go. */
    g_assert_cmpint(op0->dead_args & 2, ==, 2);
    /* t and r2 die at op1; r0 must reach memory before exit_tb. */
    g_assert_cmpint(op1->dead_args & 6, ==, 6);
    g_assert_cmpint(op1->sync_args, ==, 1);
}

static void test_overwritten_global_store_removed(void)
{
    TCGContext *s = test_tcg_start();

    tcg_gen_movi_i64(test_r[0], 1);
    tcg_gen_movi_i64(test_r[0], 2);
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 1);
    g_assert_cmpint(find_op(s, INDEX_op_mov_i64, 0)->sync_args, ==, 1);
}

static void test_side_effect_op_syncs_globals(void)
{
    TCGContext *s = test_tcg_start();

    tcg_gen_movi_i64(test_r[0], 1);
    tcg_gen_st_i64(test_r[2], tcg_env, offsetof(TestEnv, scratch));
    tcg_gen_movi_i64(test_r[0], 2);
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 2);
    g_assert_cmpint(find_op(s, INDEX_op_mov_i64, 0)->sync_args, ==, 1);
}

/*
 * A guest access may fault, so the value it would expose is kept (in a
 * register is enough: the backend writes it back on a fault), but it is
 * not a sync point: values overwritten after it are dead there with
 * their fault bit (the op defining them stays).
 */
static void test_guest_access_keeps_globals(void)
{
    TCGContext *s = test_tcg_start();
    TCGOp *op;

    tcg_gen_movi_i64(test_r[0], 1);
    tcg_gen_qemu_st_i64(test_r[2], test_r[1], 0, MO_UQ);
    tcg_gen_movi_i64(test_r[0], 2);
    tcg_gen_movi_i64(test_r[2], 3);
    tcg_gen_movi_i64(test_r[1], 4);
    tcg_gen_movi_i64(test_r[3], 5);
    tcg_gen_qemu_ld_i64(test_r[3], test_r[3], 0, MO_UQ);
    tcg_gen_movi_i64(test_r[3], 6);
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 6);
    op = find_op(s, INDEX_op_mov_i64, 0);
    g_assert_cmpint(op->sync_args, ==, 0);
    g_assert_cmpint(op->dead_args, ==, 1);
    g_assert_cmpint(op->fault_args, ==, 1);
    /* Value and address are overwritten later: dead, needed on a fault. */
    op = find_op(s, INDEX_op_qemu_st_i64, 0);
    g_assert_cmpint(op->dead_args, ==, 3);
    g_assert_cmpint(op->fault_args, ==, 3);
    /* r0 = 2 reaches the exit: synced where it is set, no fault bit. */
    op = find_op(s, INDEX_op_mov_i64, 1);
    g_assert_cmpint(op->sync_args, ==, 1);
    g_assert_cmpint(op->fault_args, ==, 0);
    /* The loaded value is overwritten with no access in between. */
    op = find_op(s, INDEX_op_qemu_ld_i64, 0);
    g_assert_cmpint(op->dead_args, ==, 3);
    g_assert_cmpint(op->sync_args, ==, 0);
    g_assert_cmpint(op->fault_args, ==, 2);
    /* r3 = 5 is read by the load (which has its dead and fault bits). */
    op = find_op(s, INDEX_op_mov_i64, 4);
    g_assert_cmpint(op->dead_args, ==, 0);
    g_assert_cmpint(op->fault_args, ==, 0);
}

static uint64_t helper_dummy(uint64_t a)
{
    return a;
}

static void test_calls(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGTemp *args[1] = { tcgv_i64_temp(test_r[1]) };
    uint32_t tm = TCG_CALL_TYPEMASK(TCG_CALL_TYPE_I64, 1, TCG_CALL_TYPE_I64);

    /* Reads globals: r0 must be synced before it, even if redefined. */
    tcg_gen_movi_i64(test_r[0], 1);
    tcg_gen_callN(helper_dummy, TCG_CALL_NO_WG, tm, NULL, 1, args);
    tcg_gen_movi_i64(test_r[0], 2);
    /* No side effects and unused result: removed. */
    tcg_gen_callN(helper_dummy, TCG_CALL_NO_RWG_SE, tm, tcgv_i64_temp(t), 1,
                  args);
    /* NO_RWG: not a sync point, so this store dies. */
    tcg_gen_movi_i64(test_r[3], 1);
    tcg_gen_callN(helper_dummy, TCG_CALL_NO_RWG, tm, NULL, 1, args);
    tcg_gen_movi_i64(test_r[3], 2);
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    g_assert_cmpint(test_count_ops(s, INDEX_op_call), ==, 2);
    g_assert_cmpint(test_count_ops(s, INDEX_op_mov_i64), ==, 3);
    g_assert_cmpint(find_op(s, INDEX_op_mov_i64, 0)->sync_args, ==, 1);
    g_assert_true(arg_temp(find_op(s, INDEX_op_mov_i64, 2)->args[0]) ==
                  tcgv_i64_temp(test_r[3]));
}

static void test_tb_temp_synced_at_label(void)
{
    TCGContext *s = test_tcg_start();
    TCGv_i64 t = tcg_temp_new_tb_i64();
    TCGv_i64 e = tcg_temp_new_i64();
    TCGLabel *l = gen_new_label();
    TCGOp *op;

    tcg_gen_movi_i64(e, 3);
    tcg_gen_add_i64(t, test_r[1], e);
    tcg_gen_brcondi_i64(TCG_COND_EQ, test_r[2], 0, l);
    tcg_gen_add_i64(test_r[3], e, e);   /* EBB temp live across brcond */
    gen_set_label(l);
    tcg_gen_mov_i64(test_r[0], t);
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    op = find_op(s, INDEX_op_add_i64, 0);
    g_assert_cmpint(op->sync_args, ==, 1);
    /* e is still needed after the brcond. */
    g_assert_cmpint(op->dead_args & 4, ==, 0);
    g_assert_cmpint(test_count_ops(s, INDEX_op_add_i64), ==, 2);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/liveness/dead-op-removed", test_dead_op_removed);
    g_test_add_func("/tcg/liveness/dead-and-sync-bits",
                    test_dead_and_sync_bits);
    g_test_add_func("/tcg/liveness/overwritten-global-store",
                    test_overwritten_global_store_removed);
    g_test_add_func("/tcg/liveness/side-effect-syncs",
                    test_side_effect_op_syncs_globals);
    g_test_add_func("/tcg/liveness/guest-access-keeps-globals",
                    test_guest_access_keeps_globals);
    g_test_add_func("/tcg/liveness/calls", test_calls);
    g_test_add_func("/tcg/liveness/tb-temp-synced-at-label",
                    test_tb_temp_synced_at_label);
    return g_test_run();
}
