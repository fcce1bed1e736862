/* SPDX-License-Identifier: MIT */
/* Shared harness of the TCG unit tests: test env, globals, run via TCI. */
#include <stddef.h>
#include <string.h>

#include "tcg-test-common.h"

TCGv_i64 test_r[8];
TCGv_i32 test_w[4];
TranslationBlock test_tb;
uint8_t test_code_buf[1 << 16] __attribute__((aligned(16)));

static TCGContext *test_ctx;

TCGContext *test_tcg_start(void)
{
    if (!test_ctx) {
        tcg_prototype_init();
        for (int i = 0; i < 8; i++) {
            char *name = g_strdup_printf("r%d", i);

            test_r[i] = tcg_global_mem_new_i64(
                offsetof(TestEnv, r) + 8 * i, name);
            g_free(name);
        }
        for (int i = 0; i < 4; i++) {
            char *name = g_strdup_printf("w%d", i);

            test_w[i] = tcg_global_mem_new_i32(
                offsetof(TestEnv, w) + 4 * i, name);
            g_free(name);
        }
        test_ctx = tcg_context_new();
        test_ctx->backend = &tcg_backend_tci;
        tcg_backend_tci.init();
    }
    tcg_ctx = test_ctx;
    tcg_func_start(test_ctx);
    return test_ctx;
}

uintptr_t test_tcg_run(TCGContext *s, TestEnv *env, bool optimize)
{
    int size;

    if (optimize) {
        tcg_optimize(s);
    }
    tcg_liveness_analysis(s);
    memset(&test_tb, 0, sizeof(test_tb));
    size = tcg_backend_tci.gen_code(s, &test_tb, test_code_buf,
                                    sizeof(test_code_buf));
    g_assert_cmpint(size, >, 0);
    test_tb.tc_ptr = test_code_buf;
    test_tb.tc_size = size;
    return tcg_backend_tci.enter(env, test_code_buf);
}

int test_count_ops(TCGContext *s, TCGOpcode opc)
{
    int n = 0;

    for (int i = 0; i < s->nb_ops; i++) {
        if (opc == NB_OPS || s->ops[i].opc == opc) {
            n++;
        }
    }
    return n;
}
