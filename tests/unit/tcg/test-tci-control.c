/* SPDX-License-Identifier: MIT */
/*
 * TCI control flow and the outside world: loops over labels, helper
 * calls with 0..6 arguments and their typemasks, guest memory through
 * guest_base with faults, goto_tb chaining and reset, goto_ptr.
 */
#include <setjmp.h>
#include <string.h>

#include "tcg-test-common.h"

static void test_loop_with_tb_temp(void)
{
    for (int opt = 0; opt < 2; opt++) {
        TCGContext *s = test_tcg_start();
        TestEnv env = { 0 };
        TCGv_i64 i = tcg_temp_new_tb_i64();
        TCGv_i64 sum = tcg_temp_new_tb_i64();
        TCGLabel *top = gen_new_label();

        tcg_gen_movi_i64(i, 10);
        tcg_gen_movi_i64(sum, 0);
        gen_set_label(top);
        tcg_gen_add_i64(sum, sum, i);
        tcg_gen_subi_i64(i, i, 1);
        tcg_gen_brcondi_i64(TCG_COND_NE, i, 0, top);
        tcg_gen_mov_i64(test_r[0], sum);
        tcg_gen_exit_tb(NULL, 0);
        test_tcg_run(s, &env, opt);
        g_assert_cmpuint(env.r[0], ==, 55);
    }
}

static int void_calls;

static uint64_t helper_none(void)
{
    void_calls++;
    return 0;
}

static uint64_t helper_sum6(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                            uint64_t e, uint64_t f)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

static uint64_t helper_widen(uint64_t s32, uint64_t u32)
{
    /* Returns the raw registers so the test sees the extensions. */
    return s32 ^ (u32 << 1);
}

static uint64_t helper_add_env(uint64_t env, uint64_t v)
{
    TestEnv *e = (TestEnv *)(uintptr_t)env;

    e->r[7] += v;   /* writes a global behind the IR's back */
    return 0;
}

static void test_helper_calls(void)
{
    for (int n = 0; n <= 6; n++) {
        for (int opt = 0; opt < 2; opt++) {
            TCGContext *s = test_tcg_start();
            TestEnv env = { .r = { 0, 1, 10, 100, 1000, 10000, 100000 } };
            TCGTemp *args[6];
            uint32_t tm = TCG_CALL_TYPEMASK(TCG_CALL_TYPE_I64, 0, 0);
            uint64_t expect = 0;

            for (int k = 0; k < n; k++) {
                args[k] = tcgv_i64_temp(test_r[k + 1]);
                tm |= TCG_CALL_TYPEMASK(0, k + 1, TCG_CALL_TYPE_I64);
                expect += (k + 1) * env.r[k + 1];
            }
            /* Unused parameters read as whatever: zero them here. */
            tcg_gen_callN(helper_sum6, TCG_CALL_NO_RWG_SE, tm,
                          tcgv_i64_temp(test_r[0]), n, args);
            tcg_gen_exit_tb(NULL, 0);
            test_tcg_run(s, &env, opt);
            g_assert_cmpuint(env.r[0], ==, expect);
        }
    }
}

static void test_helper_void_and_typemask(void)
{
    TCGContext *s = test_tcg_start();
    TestEnv env = { .w = { 0xfffffffe, 0x80000000 } };
    TCGTemp *args[2] = { tcgv_i32_temp(test_w[0]), tcgv_i32_temp(test_w[1]) };
    uint32_t tm = TCG_CALL_TYPEMASK(TCG_CALL_TYPE_I64, 1, TCG_CALL_TYPE_S32) |
                  TCG_CALL_TYPEMASK(0, 2, TCG_CALL_TYPE_I32);

    void_calls = 0;
    tcg_gen_callN(helper_none, 0, 0, NULL, 0, NULL);
    tcg_gen_callN(helper_widen, TCG_CALL_NO_RWG_SE, tm,
                  tcgv_i64_temp(test_r[0]), 2, args);
    /* i32 result: truncated. */
    tcg_gen_callN(helper_widen, TCG_CALL_NO_RWG_SE,
                  tm & ~7u, tcgv_i32_temp(test_w[2]), 2, args);
    tcg_gen_callN(helper_widen, TCG_CALL_NO_RWG_SE,
                  (tm & ~7u) | TCG_CALL_TYPE_I32, tcgv_i32_temp(test_w[2]),
                  2, args);
    tcg_gen_exit_tb(NULL, 0);
    test_tcg_run(s, &env, true);
    g_assert_cmpint(void_calls, ==, 1);
    g_assert_cmphex(env.r[0], ==, 0xfffffffffffffffeull ^ 0x100000000ull);
    g_assert_cmphex(env.w[2], ==, 0xfffffffe);
}

/* A helper writing a global: the optimizer must not reuse a stale copy. */
static void test_helper_writes_global(void)
{
    TCGContext *s = test_tcg_start();
    TestEnv env = { .r = { [7] = 5 } };
    TCGv_i64 t = tcg_temp_new_i64();
    TCGTemp *args[2] = { tcgv_ptr_temp(tcg_env), NULL };
    uint32_t tm = TCG_CALL_TYPEMASK(0, 1, TCG_CALL_TYPE_I64) |
                  TCG_CALL_TYPEMASK(0, 2, TCG_CALL_TYPE_I64);

    tcg_gen_movi_i64(test_r[7], 1);
    tcg_gen_mov_i64(t, test_r[7]);
    args[1] = tcgv_i64_temp(tcg_constant_i64(40));
    tcg_gen_callN(helper_add_env, 0, tm, NULL, 2, args);
    tcg_gen_add_i64(test_r[0], test_r[7], t);   /* (1 + 40) + 1 */
    tcg_gen_exit_tb(NULL, 0);
    test_tcg_run(s, &env, true);
    g_assert_cmpuint(env.r[0], ==, 42);
    g_assert_cmpuint(env.r[7], ==, 41);
}

static uint8_t guest_mem[256] __attribute__((aligned(16)));

static void test_guest_memory(void)
{
    for (int opt = 0; opt < 2; opt++) {
        TCGContext *s = test_tcg_start();
        TestEnv env = { .r = { 0, 16, 0x1122334455667788ull, 32 } };

        memset(guest_mem, 0, sizeof(guest_mem));
        guest_mem[16] = 0x80;
        guest_mem[17] = 0xff;
        guest_base = (uintptr_t)guest_mem;
        tcg_gen_qemu_ld_i64(test_r[0], test_r[1], 0, MO_SW);
        tcg_gen_qemu_ld_i64(test_r[4], test_r[1], 0, MO_UB);
        tcg_gen_qemu_st_i64(test_r[2], test_r[3], 0, MO_UQ | MO_ALIGN);
        tcg_gen_qemu_st_i32(test_w[0], test_r[1], 0, MO_UW);
        tcg_gen_qemu_ld_i32(test_w[1], test_r[3], 0, MO_SB);
        tcg_gen_exit_tb(NULL, 0);
        env.w[0] = 0xabcd1234;
        test_tcg_run(s, &env, opt);
        g_assert_cmphex(env.r[0], ==, 0xffffffffffffff80ull);
        g_assert_cmphex(env.r[4], ==, 0x80);
        g_assert_cmphex(guest_mem[32], ==, 0x88);
        g_assert_cmphex(guest_mem[39], ==, 0x11);
        g_assert_cmphex(guest_mem[16], ==, 0x34);
        g_assert_cmphex(guest_mem[17], ==, 0x12);
        g_assert_cmphex(env.w[1], ==, 0xffffff88);
    }
}

/* Builds insn 0 (a mov) and insn 1 (the access) and runs it. */
static bool run_faulting_access(uint64_t addr, MemOp mo, bool store,
                                TCGContext **sp)
{
    TCGContext *s = test_tcg_start();
    static TestEnv env;

    *sp = s;
    env.r[1] = addr;
    guest_base = (uintptr_t)guest_mem;
    tcg_gen_insn_start(0x100, 0);
    tcg_gen_movi_i64(test_r[2], 7);
    tcg_gen_insn_start(0x104, 0);
    if (store) {
        tcg_gen_qemu_st_i64(test_r[2], test_r[1], 1, mo);
    } else {
        tcg_gen_qemu_ld_i64(test_r[0], test_r[1], 1, mo);
    }
    tcg_gen_insn_start(0x108, 0);
    tcg_gen_exit_tb(NULL, 0);
    test_fault_count = 0;
    if (sigsetjmp(test_fault_jmp, 0) == 0) {
        test_tcg_run(s, &env, true);
        return false;
    }
    /* Globals are in env at the fault: insn 0's result is visible. */
    g_assert_cmpuint(env.r[2], ==, 7);
    return true;
}

static int insn_of_position(TCGContext *s, uintptr_t pos)
{
    uintptr_t off = pos - (uintptr_t)test_code_buf;

    for (int i = 0; i < s->nb_insns; i++) {
        if (off < s->insn_end_off[i]) {
            return i;
        }
    }
    return -1;
}

static void test_guest_faults(void)
{
    TCGContext *s;

    g_assert_true(run_faulting_access(1ull << guest_addr_bits, MO_UQ, false,
                                      &s));
    g_assert_cmpint(test_fault_count, ==, 1);
    g_assert_cmphex(test_fault_addr, ==, 1ull << guest_addr_bits);
    g_assert_false(test_fault_is_store);
    g_assert_cmphex(test_fault_retaddr, ==, tci_tb_ptr);
    g_assert_cmpint(s->nb_insns, ==, 3);
    g_assert_cmpint(insn_of_position(s, test_fault_retaddr), ==, 1);

    g_assert_true(run_faulting_access(17, MO_UL | MO_ALIGN, true, &s));
    g_assert_true(test_fault_is_store);
    g_assert_cmpint(insn_of_position(s, test_fault_retaddr), ==, 1);

    /* Misaligned without MO_ALIGN is fine. */
    g_assert_false(run_faulting_access(17, MO_UL, true, &s));
    g_assert_cmpint(test_fault_count, ==, 0);
}

/* TB "b": r0 = 99, exit with 7. Generated into buf. */
static int gen_tb_b(TranslationBlock *tb, uint8_t *buf, size_t size)
{
    TCGContext *s = test_tcg_start();
    int n;

    tcg_gen_movi_i64(test_r[0], 99);
    tcg_gen_exit_tb(NULL, 7);
    tcg_optimize(s);
    tcg_liveness_analysis(s);
    n = tcg_backend_tci.gen_code(s, tb, buf, size);
    g_assert_cmpint(n, >, 0);
    tb->tc_ptr = buf;
    tb->tc_size = n;
    return n;
}

static uint8_t buf_b[4096] __attribute__((aligned(16)));

static void test_goto_tb_chain_and_reset(void)
{
    static TranslationBlock tb_b;
    TestEnv env = { 0 };
    TCGContext *s;
    uintptr_t ret;

    gen_tb_b(&tb_b, buf_b, sizeof(buf_b));
    s = test_tcg_start();
    tcg_gen_movi_i64(test_r[1], 5);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(&test_tb, 0);
    ret = test_tcg_run(s, &env, true);
    /* Not chained: falls through to exit_tb(tb, 0). */
    g_assert_cmphex(ret, ==, (uintptr_t)&test_tb);
    g_assert_cmpuint(env.r[1], ==, 5);
    g_assert_cmpuint(env.r[0], ==, 0);

    tcg_backend_tci.set_jmp_target(&test_tb, 0, (uintptr_t)buf_b);
    ret = tcg_backend_tci.enter(&env, test_code_buf);
    g_assert_cmpuint(ret, ==, 7);
    g_assert_cmpuint(env.r[0], ==, 99);

    env.r[0] = 0;
    tcg_backend_tci.set_jmp_target(&test_tb, 0, (uintptr_t)test_tb.tc_ptr +
                                   test_tb.jmp_reset_offset[0]);
    ret = tcg_backend_tci.enter(&env, test_code_buf);
    g_assert_cmphex(ret, ==, (uintptr_t)&test_tb);
    g_assert_cmpuint(env.r[0], ==, 0);
}

static void test_goto_ptr(void)
{
    static TranslationBlock tb_b;
    TestEnv env = { 0 };
    TCGContext *s;

    gen_tb_b(&tb_b, buf_b, sizeof(buf_b));
    s = test_tcg_start();
    tcg_gen_movi_i64(test_r[1], 3);
    tcg_gen_lookup_and_goto_ptr();
    env.scratch[7] = (uintptr_t)buf_b;
    g_assert_cmpuint(test_tcg_run(s, &env, true), ==, 7);
    g_assert_cmpuint(env.r[0], ==, 99);
    g_assert_cmpuint(env.r[1], ==, 3);

    env.scratch[7] = 0;
    env.r[0] = 0;
    g_assert_cmpuint(tcg_backend_tci.enter(&env, test_code_buf), ==, 0);
    g_assert_cmpuint(env.r[0], ==, 0);
}

static void test_code_buffer_too_small(void)
{
    TCGContext *s = test_tcg_start();
    static TranslationBlock tb;
    uint8_t small[16];

    for (int i = 0; i < 8; i++) {
        tcg_gen_addi_i64(test_r[0], test_r[0], i + 1);
    }
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    g_assert_cmpint(tcg_backend_tci.gen_code(s, &tb, small, sizeof(small)),
                    ==, -1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg/tci/loop-with-tb-temp", test_loop_with_tb_temp);
    g_test_add_func("/tcg/tci/helper-calls-0-to-6", test_helper_calls);
    g_test_add_func("/tcg/tci/helper-void-typemask",
                    test_helper_void_and_typemask);
    g_test_add_func("/tcg/tci/helper-writes-global",
                    test_helper_writes_global);
    g_test_add_func("/tcg/tci/guest-memory", test_guest_memory);
    g_test_add_func("/tcg/tci/guest-faults", test_guest_faults);
    g_test_add_func("/tcg/tci/goto-tb-chain-reset",
                    test_goto_tb_chain_and_reset);
    g_test_add_func("/tcg/tci/goto-ptr", test_goto_ptr);
    g_test_add_func("/tcg/tci/buffer-too-small", test_code_buffer_too_small);
    return g_test_run();
}
