/* SPDX-License-Identifier: MIT */
/* x86 backend: globals only in host registers at a faulting guest access. */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "x86-test-common.h"

#define GMEM_SIZE 65536
#define GMEM_HOLE 0x8000    /* a PROT_NONE page of the guest memory */

/*
 * r3, r4 and w0 change before the access and again after it, so they are
 * only in host registers at the access (a guest access is no sync point);
 * r5 is set before it and kept, so it is synced where it is set.
 */
static void gen_dirty_access(TCGContext *s, bool store, TCGType vtype)
{
    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_addi_i64(test_r[3], test_r[0], 1);
    tcg_gen_xori_i64(test_r[4], test_r[0], 0x55);
    tcg_gen_addi_i32(test_w[0], test_w[0], 5);
    tcg_gen_movi_i64(test_r[5], 0x77);
    tcg_gen_insn_start(0x1004, 0);
    if (store && vtype == TCG_TYPE_I32) {
        tcg_gen_qemu_st_i32(test_w[0], test_r[0], 0, MO_UL);
    } else if (store) {
        tcg_gen_qemu_st_i64(test_r[4], test_r[0], 0, MO_UQ);
    } else {
        /* The load's output is r3 itself: written only after the access. */
        tcg_gen_qemu_ld_i64(test_r[3], test_r[0], 0, MO_UQ);
    }
    tcg_gen_insn_start(0x1008, 0);
    tcg_gen_movi_i64(test_r[3], 9);
    tcg_gen_movi_i64(test_r[4], 10);
    tcg_gen_movi_i32(test_w[0], 11);
    tcg_gen_exit_tb(NULL, 0);
    (void)s;
}

static void check_env_at_fault(volatile TestEnv *env, uint64_t addr)
{
    g_assert_cmphex(env->r[3], ==, addr + 1);
    g_assert_cmphex(env->r[4], ==, addr ^ 0x55);
    g_assert_cmphex(env->w[0], ==, 105);
    /* An i32 global is stored as 32 bits: its neighbour is intact. */
    g_assert_cmphex(env->w[1], ==, 0xdeadbeef);
    g_assert_cmphex(env->r[5], ==, 0x77);
}

/* Out of range: the slow path stores the registers before the hook. */
static void run_slow_path(bool store, TCGType vtype)
{
    uint64_t addr = 1ull << 20;
    volatile TestEnv env = { .r = { addr }, .w = { 100, 0xdeadbeef } };
    TranslationBlock tb = { 0 };
    TCGContext *s = test_tcg_start();
    volatile int faulted = 0;

    gen_dirty_access(s, store, vtype);
    x86t_gen(s, &tb, false);
    /* One access with dirty globals: its offset, a count, the entries. */
    g_assert_cmpuint(s->nb_fault_data, >=, 3);
    g_assert_cmpuint(s->nb_fault_data, ==, 2 + s->fault_data[1]);
    test_fault_count = 0;
    if (sigsetjmp(test_fault_jmp, 1) == 0) {
        tcg_backend_x86_64.enter((TestEnv *)&env, x86t_code);
    } else {
        faulted = 1;
    }
    g_assert_cmpint(faulted, ==, 1);
    g_assert_cmpint(test_fault_count, ==, 1);
    g_assert_cmphex(test_fault_addr, ==, addr);
    /* The table is keyed by the access, which retaddr - 1 points into. */
    g_assert_cmpuint(test_fault_retaddr - 1 - (uintptr_t)x86t_code, ==,
                     s->fault_data[0]);
    check_env_at_fault(&env, addr);
}

static void test_slow_path(void)
{
    x86t_init();
    guest_base = 0;
    guest_addr_bits = 16;
    run_slow_path(false, TCG_TYPE_I64);
    run_slow_path(true, TCG_TYPE_I64);
    run_slow_path(true, TCG_TYPE_I32);
}

static sigjmp_buf host_fault_jmp;
static TranslationBlock *host_fault_tb;
static volatile TestEnv *host_fault_env;
static volatile uintptr_t host_fault_off;

/* What user-exec's handler and cpu_restore_state do, in short. */
static void on_host_fault(int sig, siginfo_t *si, void *uc)
{
    uintptr_t pc = ((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP];

    (void)sig;
    (void)si;
    host_fault_off = pc - (uintptr_t)host_fault_tb->tc_ptr;
    tcg_backend_x86_64.restore_fault_regs(host_fault_tb, host_fault_off, uc,
                                          (void *)host_fault_env);
    siglongjmp(host_fault_jmp, 1);
}

/* In range but the host page is not accessible: a real SIGSEGV. */
static void run_host_fault(uint8_t *gmem, bool store, TCGType vtype)
{
    uint64_t addr = GMEM_HOLE + 8;
    volatile TestEnv env = { .r = { addr }, .w = { 100, 0xdeadbeef } };
    TranslationBlock tb = { 0 };
    TCGContext *s = test_tcg_start();
    struct sigaction sa, old;
    volatile int faulted = 0;

    gen_dirty_access(s, store, vtype);
    x86t_gen(s, &tb, false);
    tb.fault_data = s->fault_data;
    tb.nb_fault_data = s->nb_fault_data;
    host_fault_tb = &tb;
    host_fault_env = &env;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_host_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, &old);
    guest_base = (uintptr_t)gmem;
    if (sigsetjmp(host_fault_jmp, 1) == 0) {
        tcg_backend_x86_64.enter((TestEnv *)&env, x86t_code);
    } else {
        faulted = 1;
    }
    sigaction(SIGSEGV, &old, NULL);
    g_assert_cmpint(faulted, ==, 1);
    g_assert_cmpuint(host_fault_off, ==, s->fault_data[0]);
    check_env_at_fault(&env, addr);
}

static void test_host_fault(void)
{
    uint8_t *gmem = mmap(NULL, GMEM_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    g_assert_true(gmem != MAP_FAILED);
    mprotect(gmem + GMEM_HOLE, 4096, PROT_NONE);
    x86t_init();
    guest_addr_bits = 16;
    g_assert_nonnull(tcg_backend_x86_64.restore_fault_regs);
    run_host_fault(gmem, false, TCG_TYPE_I64);
    run_host_fault(gmem, true, TCG_TYPE_I64);
    run_host_fault(gmem, true, TCG_TYPE_I32);
    /* An offset that is no recorded access changes nothing. */
    {
        TestEnv env = { 0 };
        TranslationBlock tb = { .fault_data = tcg_ctx->fault_data,
                                .nb_fault_data = tcg_ctx->nb_fault_data };
        ucontext_t uc;

        memset(&uc, 0xff, sizeof(uc));
        tcg_backend_x86_64.restore_fault_regs(&tb, tcg_ctx->fault_data[0] + 1,
                                              &uc, &env);
        g_assert_cmphex(env.r[3], ==, 0);
        g_assert_cmphex(env.w[0], ==, 0);
    }
    munmap(gmem, GMEM_SIZE);
    guest_base = 0;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/fault-regs/slow-path", test_slow_path);
    g_test_add_func("/x86/fault-regs/host-fault", test_host_fault);
    return g_test_run();
}
