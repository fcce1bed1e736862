/* SPDX-License-Identifier: MIT */
/*
 * x86 backend: guest memory access (all MemOps, guest_base forms), the
 * out-of-range / misaligned fault path, helper calls, register pressure,
 * goto_tb patching, goto_ptr and insn_end_off.
 */
#include <setjmp.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

#include "x86-test-common.h"

#define GMEM_SIZE 65536
static uint8_t *gmem;

static void gmem_fill(void)
{
    for (int i = 0; i < GMEM_SIZE; i++) {
        gmem[i] = (uint8_t)(i * 37 + (i >> 8) * 11 + 0x80);
    }
}

static void gmem_setup(void)
{
    if (!gmem) {
        gmem = g_malloc(GMEM_SIZE);
    }
    gmem_fill();
    guest_base = (uintptr_t)gmem;
    guest_addr_bits = 16;
}

static const MemOp ld_ops[] = {
    MO_UB, MO_SB, MO_UW, MO_SW, MO_UL, MO_SL, MO_UQ,
};

/* Loads and stores of every size at several addresses, TCI vs x86. */
static void run_ldst_case(uint64_t addr)
{
    uint8_t *saved = g_memdup2(gmem, GMEM_SIZE);
    TestEnv in = { .r = { addr, 0x1122334455667788ull, addr + 64 } };
    TestEnv tci = in, x86 = in;
    uintptr_t tret, xret;
    TCGContext *s = test_tcg_start();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i32 u = tcg_temp_new_i32();
    int k = 3;

    for (unsigned i = 0; i < G_N_ELEMENTS(ld_ops); i++) {
        tcg_gen_qemu_ld_i64(t, test_r[0], 0, ld_ops[i]);
        tcg_gen_xor_i64(test_r[k], test_r[k], t);
        tcg_gen_rotli_i64(test_r[k], test_r[k], 7);
        k = k == 7 ? 3 : k + 1;
        if (ld_ops[i] != MO_UQ) {
            tcg_gen_qemu_ld_i32(u, test_r[0], 0, ld_ops[i]);
            tcg_gen_add_i32(test_w[0], test_w[0], u);
        }
    }
    /* Stores from registers and from constants, each size. */
    for (int size = 0; size < 4; size++) {
        tcg_gen_addi_i64(t, test_r[2], size * 8);
        tcg_gen_qemu_st_i64(test_r[1], t, 0, (MemOp)size);
        tcg_gen_addi_i64(t, test_r[2], 32 + size * 8);
        tcg_gen_qemu_st_i64(tcg_constant_i64(-5 - size), t, 0, (MemOp)size);
        tcg_gen_extrl_i64_i32(u, test_r[1]);
        tcg_gen_addi_i64(t, test_r[2], 64 + size * 8);
        tcg_gen_qemu_st_i32(u, t, 0, (MemOp)(size == 3 ? 2 : size));
    }
    /* Load back through an aligned access. */
    tcg_gen_qemu_ld_i64(test_r[7], test_r[2], 0, MO_UQ | MO_ALIGN);
    tcg_gen_exit_tb(NULL, 0);

    tcg_optimize(s);
    tcg_liveness_analysis(s);
    {
        int size;

        memset(&test_tb, 0, sizeof(test_tb));
        size = tcg_backend_tci.gen_code(s, &test_tb, test_code_buf,
                                        sizeof(test_code_buf));
        g_assert_cmpint(size, >, 0);
        tret = tcg_backend_tci.enter(&tci, test_code_buf);
    }
    {
        uint8_t *after_tci = g_memdup2(gmem, GMEM_SIZE);
        TranslationBlock tb = { 0 };

        memcpy(gmem, saved, GMEM_SIZE);
        g_assert_cmpint(tcg_backend_x86_64.gen_code(s, &tb, x86t_code,
                                                    X86T_CODE_SIZE), >, 0);
        xret = tcg_backend_x86_64.enter(&x86, x86t_code);
        g_assert_cmpmem(after_tci, GMEM_SIZE, gmem, GMEM_SIZE);
        g_free(after_tci);
    }
    g_assert_cmpuint(tret, ==, xret);
    x86t_assert_env_equal(&tci, &x86, "ldst");
    g_free(saved);
}

static void test_ldst_all_memops(void)
{
    static const uint64_t addrs[] = { 0, 8, 0x1000, 0x7ff8, 0xff00 };

    x86t_init();
    gmem_setup();
    for (unsigned i = 0; i < G_N_ELEMENTS(addrs); i++) {
        run_ldst_case(addrs[i]);
    }
    /* The limit compare through the frame slot (bits > 30). */
    guest_addr_bits = 40;
    run_ldst_case(0x2000);
    guest_addr_bits = 16;
}

/* guest_base == 0: guest addresses are host addresses. */
static void test_ldst_zero_base(void)
{
    TestEnv env = { 0 };
    TCGContext *s;
    TranslationBlock tb = { 0 };
    uint64_t *cell = g_new0(uint64_t, 2);

    x86t_init();
    guest_base = 0;
    guest_addr_bits = 64;
    cell[0] = 0xfeedfacecafebeefull;
    env.r[0] = (uintptr_t)cell;
    s = test_tcg_start();
    tcg_gen_qemu_ld_i64(test_r[1], test_r[0], 0, MO_UQ);
    tcg_gen_addi_i64(test_r[2], test_r[0], 8);
    tcg_gen_qemu_st_i64(test_r[1], test_r[2], 0, MO_UL);
    tcg_gen_exit_tb(NULL, 0);
    x86t_gen(s, &tb, true);
    tcg_backend_x86_64.enter(&env, x86t_code);
    g_assert_cmphex(env.r[1], ==, 0xfeedfacecafebeefull);
    g_assert_cmphex(cell[1], ==, 0xcafebeefull);
    g_free(cell);
    gmem_setup();
}

/* A small guest_base (disp32 form), if the kernel lets us map there. */
static void test_ldst_small_base(void)
{
    void *want = (void *)(uintptr_t)0x30000000;
    uint8_t *m = mmap(want, 0x20000, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                      -1, 0);
    TestEnv env = { .r = { 0x100 } };
    TranslationBlock tb = { 0 };
    TCGContext *s;

    if (m == MAP_FAILED || m != want) {
        g_test_skip("cannot map at 0x30000000");
        return;
    }
    x86t_init();
    guest_base = (uintptr_t)m;
    guest_addr_bits = 17;
    m[0x100] = 0xab;
    m[0x101] = 0xcd;
    s = test_tcg_start();
    tcg_gen_qemu_ld_i64(test_r[1], test_r[0], 0, MO_SW);
    tcg_gen_qemu_st_i64(test_r[1], test_r[0], 0, MO_8);
    tcg_gen_exit_tb(NULL, 0);
    x86t_gen(s, &tb, false);
    tcg_backend_x86_64.enter(&env, x86t_code);
    g_assert_cmphex(env.r[1], ==, 0xffffffffffffcdabull);
    g_assert_cmphex(m[0x100], ==, 0xab);
    munmap(m, 0x20000);
    gmem_setup();
}

/*
 * Faults: an out-of-range or misaligned access calls the fault hook with
 * the address, the direction and a return address inside the faulting
 * guest insn; globals written before it are in env.
 */
static void run_fault(uint64_t addr, MemOp mop, bool store, bool expect)
{
    volatile TestEnv env = { .r = { addr } };
    TranslationBlock tb = { 0 };
    TCGContext *s = test_tcg_start();
    volatile int faulted = 0;
    uintptr_t off;

    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_movi_i64(test_r[3], 42);
    tcg_gen_addi_i64(test_r[4], test_r[0], 1);
    tcg_gen_insn_start(0x1004, 0);
    if (store) {
        tcg_gen_qemu_st_i64(test_r[4], test_r[0], 0, mop);
    } else {
        tcg_gen_qemu_ld_i64(test_r[5], test_r[0], 0, mop);
    }
    tcg_gen_insn_start(0x1008, 0);
    tcg_gen_movi_i64(test_r[6], 7);
    tcg_gen_exit_tb(NULL, 0);
    x86t_gen(s, &tb, true);
    g_assert_cmpint(s->nb_insns, ==, 3);
    g_assert_cmpuint(s->insn_end_off[0], <, s->insn_end_off[1]);
    g_assert_cmpuint(s->insn_end_off[1], <, s->insn_end_off[2]);

    test_fault_count = 0;
    if (sigsetjmp(test_fault_jmp, 1) == 0) {
        tcg_backend_x86_64.enter((TestEnv *)&env, x86t_code);
    } else {
        faulted = 1;
    }
    g_assert_cmpint(faulted, ==, expect);
    g_assert_cmpint(test_fault_count, ==, expect);
    if (!expect) {
        g_assert_cmpuint(env.r[6], ==, 7);
        return;
    }
    g_assert_cmphex(test_fault_addr, ==, addr);
    g_assert_cmpint(test_fault_is_store, ==, store);
    /* The restore convention looks up retaddr - 1. */
    off = test_fault_retaddr - 1 - (uintptr_t)x86t_code;
    g_assert_cmpuint(off, >=, s->insn_end_off[0]);
    g_assert_cmpuint(off, <, s->insn_end_off[1]);
    /* Globals written by earlier insns reached env; later ones did not. */
    g_assert_cmpuint(env.r[3], ==, 42);
    g_assert_cmpuint(env.r[4], ==, addr + 1);
    g_assert_cmpuint(env.r[6], ==, 0);
}

static void test_fault_paths(void)
{
    x86t_init();
    gmem_setup();
    run_fault(0x10000, MO_UB, false, true);
    run_fault(0xfffffffffffffff0ull, MO_UQ, true, true);
    run_fault(0x8, MO_UQ | MO_ALIGN, false, false);
    run_fault(0xa, MO_UL | MO_ALIGN, false, true);
    run_fault(0xb, MO_UW | MO_ALIGN, true, true);
    run_fault(0xb, MO_UW, true, false);
    guest_addr_bits = 40;
    run_fault(1ull << 40, MO_UL, true, true);
    run_fault(0x100, MO_UB, false, false);
    guest_addr_bits = 16;
}

static uint64_t helper_sum6(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
                            uint64_t e, uint64_t f)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

static int64_t helper_s32(int32_t a)
{
    return (int64_t)a * 3;
}

static void helper_env_rw(void *env)
{
    TestEnv *e = env;

    e->r[7] = e->r[0] * 2;
    e->r[0] = 99;
}

/* Argument registers, results, call-clobbered values kept across calls. */
static void test_calls(void)
{
    TestEnv in = { .r = { 10, 20, 30, 40, 50, 60, 70 }, .w = { 0xfffffffe } };
    TestEnv tci = in, x86 = in;
    uintptr_t tret, xret;
    TCGContext *s = test_tcg_start();
    TCGv_i64 t[12];
    TCGTemp *args[6];
    TCGv_i64 res = tcg_temp_new_i64();

    /* Many live temps so some must sit in call-clobbered registers. */
    for (int i = 0; i < 12; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_addi_i64(t[i], test_r[i % 6], i * 1000);
    }
    /* Arguments in rotated order: registers must be shuffled. */
    for (int i = 0; i < 6; i++) {
        args[i] = tcgv_i64_temp(t[(i + 3) % 12]);
    }
    args[4] = tcgv_i64_temp(tcg_constant_i64(0x123456789abcull));
    tcg_gen_callN((void *)helper_sum6, TCG_CALL_NO_RWG,
                  TCG_CALL_TYPE_I64 |
                  TCG_CALL_TYPEMASK(0, 1, 2) | TCG_CALL_TYPEMASK(0, 2, 2) |
                  TCG_CALL_TYPEMASK(0, 3, 2) | TCG_CALL_TYPEMASK(0, 4, 2) |
                  TCG_CALL_TYPEMASK(0, 5, 2) | TCG_CALL_TYPEMASK(0, 6, 2),
                  tcgv_i64_temp(res), 6, args);
    args[0] = tcgv_i32_temp(test_w[0]);
    tcg_gen_callN((void *)helper_s32, TCG_CALL_NO_RWG,
                  TCG_CALL_TYPE_I64 |
                  TCG_CALL_TYPEMASK(0, 1, TCG_CALL_TYPE_S32),
                  tcgv_i64_temp(test_r[6]), 1, args);
    /* A helper that reads and writes globals: r0 modified before. */
    tcg_gen_addi_i64(test_r[0], test_r[0], 5);
    args[0] = tcgv_ptr_temp(tcg_env);
    tcg_gen_callN((void *)helper_env_rw, 0,
                  TCG_CALL_TYPEMASK(0, 1, TCG_CALL_TYPE_I64), NULL, 1, args);
    tcg_gen_add_i64(test_r[1], test_r[0], res);
    for (int i = 0; i < 12; i++) {
        tcg_gen_rotli_i64(test_r[2], test_r[2], 5);
        tcg_gen_xor_i64(test_r[2], test_r[2], t[i]);
    }
    tcg_gen_exit_tb(NULL, 0);
    xret = x86t_run_both(s, &tci, &x86, false, &tret);
    g_assert_cmpuint(tret, ==, xret);
    x86t_assert_env_equal(&tci, &x86, "calls");
    g_assert_cmpuint(x86.r[7], ==, 30);
    g_assert_cmpuint(x86.r[0], ==, 99);
    g_assert_cmpint((int64_t)x86.r[6], ==, -6);
}

/* More live values than registers: spills and reloads. */
static void test_register_pressure(void)
{
    TestEnv in = { .r = { 1, 2, 3, 4, 5, 6, 7, 8 } };
    TestEnv tci = in, x86 = in;
    uintptr_t tret, xret;
    TCGContext *s = test_tcg_start();
    TCGv_i64 t[40];
    TCGv_i32 u[10];

    for (int i = 0; i < 40; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_muli_i64(t[i], test_r[i % 8], i + 3);
    }
    for (int i = 0; i < 10; i++) {
        u[i] = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(u[i], t[i * 3]);
        tcg_gen_shli_i32(u[i], u[i], i);
    }
    for (int i = 39; i >= 0; i--) {
        tcg_gen_rotli_i64(test_r[0], test_r[0], 3);
        tcg_gen_xor_i64(test_r[0], test_r[0], t[i]);
        tcg_gen_sub_i64(test_r[1], t[i], test_r[1]);
    }
    for (int i = 0; i < 10; i++) {
        tcg_gen_add_i32(test_w[i % 4], test_w[i % 4], u[i]);
    }
    tcg_gen_exit_tb(NULL, 0);
    xret = x86t_run_both(s, &tci, &x86, false, &tret);
    g_assert_cmpuint(tret, ==, xret);
    x86t_assert_env_equal(&tci, &x86, "pressure");
}

/* TB temps keep their value around a loop with a backward branch. */
static void test_loop_tb_temps(void)
{
    TestEnv in = { .r = { 100, 0, 0, 3 } };
    TestEnv tci = in, x86 = in;
    uintptr_t tret, xret;
    TCGContext *s = test_tcg_start();
    TCGv_i64 acc = tcg_temp_new_tb_i64();
    TCGLabel *top = gen_new_label();

    tcg_gen_movi_i64(acc, 1);
    gen_set_label(top);
    tcg_gen_mul_i64(acc, acc, test_r[3]);
    tcg_gen_addi_i64(test_r[1], test_r[1], 1);
    tcg_gen_subi_i64(test_r[0], test_r[0], 1);
    tcg_gen_brcondi_i64(TCG_COND_GTU, test_r[0], 90, top);
    tcg_gen_mov_i64(test_r[2], acc);
    tcg_gen_exit_tb(NULL, 0);
    xret = x86t_run_both(s, &tci, &x86, true, &tret);
    g_assert_cmpuint(tret, ==, xret);
    x86t_assert_env_equal(&tci, &x86, "loop");
    g_assert_cmpuint(x86.r[2], ==, 59049);
    g_assert_cmpuint(x86.r[1], ==, 10);
}

/* goto_tb: falls through to its exit until set_jmp_target patches it. */
static void test_goto_tb_chain(void)
{
    static TranslationBlock tb1, tb2;
    TestEnv env = { 0 };
    TCGContext *s;
    int size1, size2;
    uint8_t *code2;
    uintptr_t ret;

    x86t_init();
    memset(&tb1, 0, sizeof(tb1));
    memset(&tb2, 0, sizeof(tb2));
    s = test_tcg_start();
    tcg_gen_addi_i64(test_r[0], test_r[0], 1);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(&tb1, 0);
    tcg_liveness_analysis(s);
    size1 = tcg_backend_x86_64.gen_code(s, &tb1, x86t_code, 4096);
    g_assert_cmpint(size1, >, 0);
    tb1.tc_ptr = x86t_code;
    g_assert_cmpuint(((uintptr_t)x86t_code + tb1.jmp_insn_offset[0]) & 3,
                     ==, 0);
    g_assert_cmphex(x86t_code[tb1.jmp_insn_offset[0] - 1], ==, 0xe9);
    g_assert_cmpuint(tb1.jmp_reset_offset[0], ==,
                     tb1.jmp_insn_offset[0] + 4);

    code2 = x86t_code + 8192;
    s = test_tcg_start();
    tcg_gen_addi_i64(test_r[1], test_r[1], 10);
    tcg_gen_exit_tb(NULL, 77);
    tcg_liveness_analysis(s);
    size2 = tcg_backend_x86_64.gen_code(s, &tb2, code2, 4096);
    g_assert_cmpint(size2, >, 0);

    ret = tcg_backend_x86_64.enter(&env, x86t_code);
    g_assert_cmphex(ret, ==, (uintptr_t)&tb1);
    g_assert_cmpuint(env.r[0], ==, 1);

    tcg_backend_x86_64.set_jmp_target(&tb1, 0, (uintptr_t)code2);
    ret = tcg_backend_x86_64.enter(&env, x86t_code);
    g_assert_cmpuint(ret, ==, 77);
    g_assert_cmpuint(env.r[0], ==, 2);
    g_assert_cmpuint(env.r[1], ==, 10);

    /* Reset to the fall-through. */
    tcg_backend_x86_64.set_jmp_target(&tb1, 0, (uintptr_t)x86t_code +
                                                   tb1.jmp_reset_offset[0]);
    ret = tcg_backend_x86_64.enter(&env, x86t_code);
    g_assert_cmphex(ret, ==, (uintptr_t)&tb1);
    g_assert_cmpuint(env.r[1], ==, 10);
}

/* goto_ptr to another TB's code, or to the epilogue (returns 0). */
static void test_goto_ptr(void)
{
    TestEnv env = { 0 };
    TranslationBlock tb = { 0 };
    TCGContext *s;
    uint8_t *code2 = x86t_code + 16384;
    uintptr_t ret;

    x86t_init();
    s = test_tcg_start();
    tcg_gen_movi_i64(test_r[2], 5);
    tcg_gen_exit_tb(NULL, 55);
    tcg_liveness_analysis(s);
    g_assert_cmpint(tcg_backend_x86_64.gen_code(s, &tb, code2, 4096), >, 0);

    s = test_tcg_start();
    tcg_gen_addi_i64(test_r[0], test_r[0], 3);
    tcg_gen_lookup_and_goto_ptr();
    x86t_gen(s, &tb, true);

    env.scratch[7] = (uintptr_t)tcg_code_gen_epilogue;
    ret = tcg_backend_x86_64.enter(&env, x86t_code);
    g_assert_cmpuint(ret, ==, 0);
    g_assert_cmpuint(env.r[0], ==, 3);

    env.scratch[7] = (uintptr_t)code2;
    ret = tcg_backend_x86_64.enter(&env, x86t_code);
    g_assert_cmpuint(ret, ==, 55);
    g_assert_cmpuint(env.r[0], ==, 6);
    g_assert_cmpuint(env.r[2], ==, 5);
}

/*
 * env used as a value (pointer arithmetic, the TB-entry flag check that
 * is fused into cmp mem, imm) despite the bias kept in rbp.
 */
static void test_env_pointer_and_flag_check(void)
{
    TestEnv in = { .r = { 5 }, .scratch = { 0, 0, 0x1234, 0xabcdef } };
    TestEnv tci, x86;
    uintptr_t tret, xret;

    for (int flag = 0; flag < 2; flag++) {
        TCGContext *s;
        TCGv_ptr p;
        TCGv_i32 f;
        TCGLabel *l;

        x86t_init();
        s = test_tcg_start();
        p = tcg_temp_new_ptr();
        f = tcg_temp_new_i32();
        l = gen_new_label();
        tcg_gen_ld_i32(f, tcg_env, offsetof(TestEnv, scratch) + 16);
        tcg_gen_brcondi_i32(TCG_COND_EQ, f, 0x1234 + flag, l);
        tcg_gen_addi_ptr(p, tcg_env, offsetof(TestEnv, scratch));
        tcg_gen_ld_i64(test_r[1], p, 24);
        tcg_gen_st_i64(test_r[0], p, 8);
        tcg_gen_movi_i64(test_r[2], 1);
        gen_set_label(l);
        tcg_gen_exit_tb(NULL, 0);
        tci = in;
        x86 = in;
        xret = x86t_run_both(s, &tci, &x86, true, &tret);
        g_assert_cmpuint(tret, ==, xret);
        x86t_assert_env_equal(&tci, &x86, "env-pointer");
        g_assert_cmpuint(x86.r[2], ==, flag);
        g_assert_cmphex(x86.r[1], ==, flag ? 0xabcdef : 0);
        g_assert_cmpuint(x86.scratch[1], ==, flag ? 5 : 0);
    }
}

/* A buffer too small for the code makes gen_code report -1. */
static void test_buffer_overflow(void)
{
    TranslationBlock tb = { 0 };
    TCGContext *s;

    x86t_init();
    s = test_tcg_start();
    for (int i = 0; i < 200; i++) {
        tcg_gen_addi_i64(test_r[i % 8], test_r[(i + 1) % 8], i);
    }
    tcg_gen_exit_tb(NULL, 0);
    tcg_liveness_analysis(s);
    g_assert_cmpint(tcg_backend_x86_64.gen_code(s, &tb, x86t_code, 1500),
                    ==, -1);
    g_assert_cmpint(tcg_backend_x86_64.gen_code(s, &tb, x86t_code, 65536),
                    >, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/system/ldst-all-memops", test_ldst_all_memops);
    g_test_add_func("/x86/system/ldst-zero-base", test_ldst_zero_base);
    g_test_add_func("/x86/system/ldst-small-base", test_ldst_small_base);
    g_test_add_func("/x86/system/fault-paths", test_fault_paths);
    g_test_add_func("/x86/system/calls", test_calls);
    g_test_add_func("/x86/system/register-pressure", test_register_pressure);
    g_test_add_func("/x86/system/loop-tb-temps", test_loop_tb_temps);
    g_test_add_func("/x86/system/goto-tb-chain", test_goto_tb_chain);
    g_test_add_func("/x86/system/goto-ptr", test_goto_ptr);
    g_test_add_func("/x86/system/env-pointer",
                    test_env_pointer_and_flag_check);
    g_test_add_func("/x86/system/buffer-overflow", test_buffer_overflow);
    return g_test_run();
}
