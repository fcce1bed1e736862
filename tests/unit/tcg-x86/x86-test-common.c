/* SPDX-License-Identifier: MIT */
/* Harness of the x86-64 backend tests: run one IR on TCI and on x86. */
#include <string.h>
#include <sys/mman.h>

#include "x86-test-common.h"

uint8_t *x86t_code;
static int x86t_last_size;

/* Map the buffer once; (re)init the backend after the TCI's init. */
static void x86t_backend_ready(void)
{
    if (x86t_code) {
        tcg_backend_x86_64.init();
        return;
    }
    x86t_code = mmap(NULL, X86T_CODE_SIZE,
                     PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert_true(x86t_code != MAP_FAILED);
    tcg_backend_x86_64.init();
    g_assert_nonnull(tcg_code_gen_epilogue);
}

void x86t_init(void)
{
    /* The TCI's init (first test_tcg_start) clears the epilogue pointer. */
    test_tcg_start();
    x86t_backend_ready();
}

int x86t_gen(TCGContext *s, TranslationBlock *tb, bool optimize)
{
    int size;

    x86t_backend_ready();
    if (optimize) {
        tcg_optimize(s);
    }
    tcg_liveness_analysis(s);
    size = tcg_backend_x86_64.gen_code(s, tb, x86t_code, X86T_CODE_SIZE);
    g_assert_cmpint(size, >, 0);
    tb->tc_ptr = x86t_code;
    tb->tc_size = size;
    return size;
}

uintptr_t x86t_run_both(TCGContext *s, TestEnv *tci, TestEnv *x86,
                        bool optimize, uintptr_t *tci_ret)
{
    return x86t_run_both_mem(s, tci, x86, optimize, tci_ret, NULL, NULL, 0);
}

uintptr_t x86t_run_both_mem(TCGContext *s, TestEnv *tci, TestEnv *x86,
                            bool optimize, uintptr_t *tci_ret,
                            uint8_t *mem, uint8_t *tci_mem, size_t mem_size)
{
    uint8_t *initial = mem_size ? g_memdup2(mem, mem_size) : NULL;
    static TranslationBlock tb;
    int size;

    x86t_backend_ready();
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
    *tci_ret = tcg_backend_tci.enter(tci, test_code_buf);
    if (mem_size) {
        /* TCI's memory result aside; x86 starts from the same bytes. */
        memcpy(tci_mem, mem, mem_size);
        memcpy(mem, initial, mem_size);
        g_free(initial);
    }

    memset(&tb, 0, sizeof(tb));
    size = tcg_backend_x86_64.gen_code(s, &tb, x86t_code, X86T_CODE_SIZE);
    g_assert_cmpint(size, >, 0);
    tb.tc_ptr = x86t_code;
    tb.tc_size = size;
    x86t_last_size = size;
    return tcg_backend_x86_64.enter(x86, x86t_code);
}

void x86t_dump_last(TCGContext *s)
{
    FILE *f;

    if (!getenv("X86T_DUMP")) {
        return;
    }
    tcg_dump_ops(s, stderr, true);
    f = fopen("/tmp/x86t.bin", "wb");
    if (f) {
        fwrite(x86t_code, 1, x86t_last_size, f);
        fclose(f);
    }
}

void x86t_assert_env_equal(const TestEnv *tci, const TestEnv *x86,
                           const char *what)
{
    for (int i = 0; i < 8; i++) {
        if (tci->r[i] != x86->r[i]) {
            g_test_message("%s: r%d tci=%#" G_GINT64_MODIFIER "x x86=%#"
                           G_GINT64_MODIFIER "x", what, i, tci->r[i],
                           x86->r[i]);
        }
        g_assert_cmphex(tci->r[i], ==, x86->r[i]);
    }
    for (int i = 0; i < 4; i++) {
        if (tci->w[i] != x86->w[i]) {
            g_test_message("%s: w%d tci=%#x x86=%#x", what, i, tci->w[i],
                           x86->w[i]);
        }
        g_assert_cmphex(tci->w[i], ==, x86->w[i]);
    }
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(tci->scratch[i], ==, x86->scratch[i]);
    }
}
