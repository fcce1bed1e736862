/* SPDX-License-Identifier: MIT */
/* x86 backend: globals dirty at a brcond are stored on the taken edge only. */
#include <setjmp.h>
#include <string.h>

#include "x86-test-common.h"

#define BIG_CONST 0x123456789abcdef0ull

/*
 * Before the branch: r0 dirty in a register (and the branch's input),
 * r3 a pending 64-bit constant that needs movabs, r4 a pending imm32,
 * w0 an i32 global dirty in a register, w1 a pending i32 constant. The
 * fall-through overwrites them all; the label's side sees them in env.
 */
static void gen_dirty_branch(bool is64, TCGCond cond)
{
    TCGLabel *l = gen_new_label();

    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_add_i64(test_r[0], test_r[1], test_r[2]);
    tcg_gen_movi_i64(test_r[3], (int64_t)BIG_CONST);
    tcg_gen_movi_i64(test_r[4], -5);
    tcg_gen_addi_i32(test_w[0], test_w[0], 3);
    tcg_gen_movi_i32(test_w[1], (int32_t)0x87654321);
    if (is64) {
        tcg_gen_brcond_i64(cond, test_r[0], test_r[5], l);
    } else {
        tcg_gen_brcond_i32(cond, test_w[0], test_w[2], l);
    }
    tcg_gen_insn_start(0x1004, 0);
    tcg_gen_movi_i64(test_r[0], 1);
    tcg_gen_movi_i64(test_r[3], 2);
    tcg_gen_addi_i64(test_r[4], test_r[4], 1);
    tcg_gen_movi_i32(test_w[0], 7);
    tcg_gen_addi_i32(test_w[1], test_w[1], 1);
    tcg_gen_exit_tb(NULL, 1);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 2);
}

static void run_dirty_branch(bool is64, TCGCond cond, bool taken,
                             bool optimize)
{
    TestEnv in = {
        .r = { 0, 0x1111, 0x2222, 0x33, 0x44, 0, 0x66, 0x77 },
        .w = { 100, 0xdeadbeef, 0, 0x5a5a5a5a },
    };
    TestEnv tci, x86;
    uintptr_t tret, xret;
    TCGContext *s = test_tcg_start();

    /* EQ taken when equal, NE taken when different. */
    in.r[5] = 0x3333 + ((cond == TCG_COND_EQ) != taken);
    in.w[2] = 103 + ((cond == TCG_COND_EQ) != taken);
    gen_dirty_branch(is64, cond);
    tci = in;
    x86 = in;
    xret = x86t_run_both(s, &tci, &x86, optimize, &tret);
    if (memcmp(&tci, &x86, sizeof(tci))) {
        x86t_dump_last(s);
    }
    g_assert_cmpuint(xret, ==, tret);
    g_assert_cmpuint(xret, ==, taken ? 2 : 1);
    x86t_assert_env_equal(&tci, &x86, "dirty branch");
    if (taken) {
        g_assert_cmphex(x86.r[0], ==, 0x3333);
        g_assert_cmphex(x86.r[3], ==, BIG_CONST);
        g_assert_cmphex(x86.r[4], ==, (uint64_t)-5);
        g_assert_cmphex(x86.w[0], ==, 103);
        g_assert_cmphex(x86.w[1], ==, 0x87654321);
    } else {
        g_assert_cmphex(x86.r[0], ==, 1);
        g_assert_cmphex(x86.r[3], ==, 2);
        g_assert_cmphex(x86.r[4], ==, (uint64_t)-4);
        g_assert_cmphex(x86.w[0], ==, 7);
        g_assert_cmphex(x86.w[1], ==, 0x87654322);
    }
    /* i32 globals are stored as 32 bits: the neighbour is intact. */
    g_assert_cmphex(x86.w[3], ==, 0x5a5a5a5a);
}

static void test_taken_and_not_taken(void)
{
    x86t_init();
    for (int opt = 0; opt < 2; opt++) {
        for (int is64 = 0; is64 < 2; is64++) {
            run_dirty_branch(is64, TCG_COND_EQ, true, opt);
            run_dirty_branch(is64, TCG_COND_EQ, false, opt);
            run_dirty_branch(is64, TCG_COND_NE, true, opt);
            run_dirty_branch(is64, TCG_COND_NE, false, opt);
        }
    }
}

/* Is there a REX.W mov [rbp + disp], reg (a global's write-back)? */
static bool has_env_store(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++) {
        if ((p[i] & 0xf8) == 0x48 && p[i + 1] == 0x89 &&
            (p[i + 2] & 0xc7) != 0xc5 && (p[i + 2] & 7) == 5) {
            return true;
        }
    }
    return false;
}

/* The first jcc rel32 in the code: its position, and its target. */
static size_t find_jcc32(const uint8_t *p, size_t n, size_t *target)
{
    for (size_t i = 0; i + 6 <= n; i++) {
        if (p[i] == 0x0f && (p[i + 1] & 0xf0) == 0x80) {
            int32_t rel;

            memcpy(&rel, p + i + 2, 4);
            *target = i + 6 + rel;
            return i;
        }
    }
    g_assert_not_reached();
    return 0;
}

/*
 * r0 = r1 + r2; brcond r0 != r3: r0 is dirty at the branch. Nothing is
 * stored before the jcc; its target is a stub storing r0. With r0 not
 * written, the jcc goes straight to the label (no store there).
 */
static void test_code_shape(void)
{
    for (int dirty = 0; dirty < 2; dirty++) {
        TCGContext *s = test_tcg_start();
        TCGLabel *l = gen_new_label();
        TranslationBlock tb = { 0 };
        size_t at, target;
        int size;

        x86t_init();
        if (dirty) {
            tcg_gen_add_i64(test_r[0], test_r[1], test_r[2]);
            tcg_gen_brcond_i64(TCG_COND_NE, test_r[0], test_r[3], l);
        } else {
            tcg_gen_brcond_i64(TCG_COND_NE, test_r[1], test_r[3], l);
        }
        tcg_gen_movi_i64(test_r[0], 0x12345);
        tcg_gen_exit_tb(NULL, 1);
        gen_set_label(l);
        tcg_gen_exit_tb(NULL, 2);
        size = x86t_gen(s, &tb, false);
        g_assert_cmpint(size, >, 0);
        at = find_jcc32(x86t_code, (size_t)size, &target);
        g_assert_cmpuint(target, <, (size_t)size);
        g_assert_false(has_env_store(x86t_code, at));
        g_assert_cmpint(has_env_store(x86t_code + target, 4), ==, dirty);
    }
}

/*
 * A guest access after a not-taken branch faults: r3, dirty since before
 * the branch and overwritten after the access, must reach env.
 */
static void test_fault_after_branch(void)
{
    uint64_t addr = 1ull << 20;
    volatile TestEnv env = { .r = { addr, 0, 0, 0, 0, 0, 0, 5 } };
    TranslationBlock tb = { 0 };
    TCGContext *s;
    TCGLabel *l;
    volatile int faulted = 0;

    x86t_init();
    guest_base = 0;
    guest_addr_bits = 16;
    s = test_tcg_start();
    l = gen_new_label();
    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_addi_i64(test_r[3], test_r[0], 1);
    tcg_gen_movi_i64(test_r[4], (int64_t)BIG_CONST);
    tcg_gen_brcond_i64(TCG_COND_EQ, test_r[3], test_r[7], l);
    tcg_gen_insn_start(0x1004, 0);
    tcg_gen_qemu_ld_i64(test_r[6], test_r[0], 0, MO_UQ);
    tcg_gen_insn_start(0x1008, 0);
    tcg_gen_movi_i64(test_r[3], 9);
    tcg_gen_movi_i64(test_r[4], 10);
    tcg_gen_exit_tb(NULL, 1);
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 2);
    x86t_gen(s, &tb, false);
    /* The access lists r3 among its dirty globals. */
    g_assert_cmpuint(s->nb_fault_data, >=, 3);
    test_fault_count = 0;
    if (sigsetjmp(test_fault_jmp, 1) == 0) {
        tcg_backend_x86_64.enter((TestEnv *)&env, x86t_code);
    } else {
        faulted = 1;
    }
    g_assert_cmpint(faulted, ==, 1);
    g_assert_cmpint(test_fault_count, ==, 1);
    g_assert_cmphex(env.r[3], ==, addr + 1);
    g_assert_cmphex(env.r[4], ==, BIG_CONST);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/branch-sync/taken-and-not-taken",
                    test_taken_and_not_taken);
    g_test_add_func("/x86/branch-sync/code-shape", test_code_shape);
    g_test_add_func("/x86/branch-sync/fault-after-branch",
                    test_fault_after_branch);
    return g_test_run();
}
