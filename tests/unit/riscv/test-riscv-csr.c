/* SPDX-License-Identifier: MIT */
/*
 * The user-mode CSR table: FP CSR aliasing and masking, read-only
 * counters, and illegal-instruction for unknown or privileged CSRs.
 */
#include <string.h>

#include <glib.h>

#include "target/riscv/internals.h"

static void env_init(CPURISCVState *env)
{
    memset(env, 0, sizeof(*env));
    env->misa = MISA_RV64 | RVI | RVF | RVD;
    env->priv = PRV_U;
}

static void test_fcsr_aliases_frm_and_fflags(void)
{
    CPURISCVState env;
    uint64_t old;

    env_init(&env);
    g_assert_cmpint(riscv_csr_rmw(&env, 0x003, &old, 0xff, -1, true), ==,
                    RISCV_CSR_OK);
    g_assert_cmpuint(old, ==, 0);
    g_assert_cmpuint(env.frm, ==, 7);
    g_assert_cmpuint(env.fflags, ==, 0x1f);
    /* csrrc fflags, NX|UF: clears only those bits, returns the old value. */
    g_assert_cmpint(riscv_csr_rmw(&env, 0x001, &old, 0, 3, true), ==,
                    RISCV_CSR_OK);
    g_assert_cmpuint(old, ==, 0x1f);
    g_assert_cmpuint(env.fflags, ==, 0x1c);
    /* frm keeps 3 bits. */
    g_assert_cmpint(riscv_csr_rmw(&env, 0x002, &old, 0x9, -1, true), ==,
                    RISCV_CSR_OK);
    g_assert_cmpuint(env.frm, ==, 1);
    g_assert_cmpint(riscv_csr_rmw(&env, 0x003, &old, 0, 0, false), ==,
                    RISCV_CSR_OK);
    g_assert_cmpuint(old, ==, (1 << 5) | 0x1c);
}

static void test_counters_read_only(void)
{
    CPURISCVState env;
    uint64_t a = 0, b = 0;

    env_init(&env);
    g_assert_cmpint(riscv_csr_rmw(&env, 0xc00, &a, 0, 0, false), ==,
                    RISCV_CSR_OK);
    g_assert_cmpint(riscv_csr_rmw(&env, 0xc00, &b, 0, 0, false), ==,
                    RISCV_CSR_OK);
    g_assert_cmpuint(b, >=, a);
    g_assert_cmpint(riscv_csr_rmw(&env, 0xc01, &a, 0, 0, false), ==,
                    RISCV_CSR_OK);
    g_assert_cmpint(riscv_csr_rmw(&env, 0xc02, &a, 0, 0, false), ==,
                    RISCV_CSR_OK);
    g_assert_cmpint(riscv_csr_rmw(&env, 0xc00, &a, 1, -1, true), ==,
                    RISCV_EXCP_ILLEGAL_INST);
}

static void test_privileged_and_unknown_illegal(void)
{
    CPURISCVState env;
    uint64_t old;

    env_init(&env);
    g_assert_cmpint(riscv_csr_rmw(&env, 0x300, &old, 0, 0, false), ==,
                    RISCV_EXCP_ILLEGAL_INST);     /* mstatus */
    g_assert_cmpint(riscv_csr_rmw(&env, 0x100, &old, 0, 0, false), ==,
                    RISCV_EXCP_ILLEGAL_INST);     /* sstatus */
    g_assert_cmpint(riscv_csr_rmw(&env, 0x7ff, &old, 0, 0, false), ==,
                    RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmpint(riscv_csr_rmw(&env, 0x004, &old, 0, 0, false), ==,
                    RISCV_EXCP_ILLEGAL_INST);
    /* No F extension: the FP CSRs do not exist. */
    env.misa = MISA_RV64 | RVI;
    g_assert_cmpint(riscv_csr_rmw(&env, 0x001, &old, 0, 0, false), ==,
                    RISCV_EXCP_ILLEGAL_INST);
}

static void test_csr_names(void)
{
    g_assert_cmpstr(riscv_csr_name(0x003), ==, "fcsr");
    g_assert_cmpstr(riscv_csr_name(0xc01), ==, "time");
    g_assert_cmpstr(riscv_csr_name(0x300), ==, "mstatus");
    g_assert_cmpstr(riscv_csr_name(0x3bc), ==, "pmpaddr12");
    g_assert_cmpstr(riscv_csr_name(0xb05), ==, "mhpmcounter5");
    g_assert_null(riscv_csr_name(0x7ff));
    g_assert_null(riscv_csr_name(4096));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/riscv/csr/fcsr-aliases",
                    test_fcsr_aliases_frm_and_fflags);
    g_test_add_func("/riscv/csr/counters-read-only", test_counters_read_only);
    g_test_add_func("/riscv/csr/privileged-illegal",
                    test_privileged_and_unknown_illegal);
    g_test_add_func("/riscv/csr/names", test_csr_names);
    return g_test_run();
}
