/* SPDX-License-Identifier: MIT */
/* Harness of the x86-64 backend tests: run one IR on TCI and on x86. */
#ifndef TESTS_UNIT_TCG_X86_TEST_COMMON_H
#define TESTS_UNIT_TCG_X86_TEST_COMMON_H

#include "../tcg/tcg-test-common.h"

/* Executable buffer the x86 code is generated into. */
extern uint8_t *x86t_code;
#define X86T_CODE_SIZE (1 << 18)

/* Map the code buffer and init the backend; call before building IR. */
void x86t_init(void);

/*
 * Run optimizer (if asked) and liveness once, then generate and run the
 * IR on TCI with *tci (in/out) and on x86 with *x86 (in/out). Returns
 * the x86 exit value; *tci_ret gets TCI's.
 */
uintptr_t x86t_run_both(TCGContext *s, TestEnv *tci, TestEnv *x86,
                        bool optimize, uintptr_t *tci_ret);

/* Same, with guest memory mem: TCI's final bytes go to tci_mem. */
uintptr_t x86t_run_both_mem(TCGContext *s, TestEnv *tci, TestEnv *x86,
                            bool optimize, uintptr_t *tci_ret,
                            uint8_t *mem, uint8_t *tci_mem, size_t size);

/* Generate only (x86): returns the code size. */
int x86t_gen(TCGContext *s, TranslationBlock *tb, bool optimize);

/* With X86T_DUMP set: print the IR, write the code to /tmp/x86t.bin. */
void x86t_dump_last(TCGContext *s);

/* Assert the two envs are identical, naming the first difference. */
void x86t_assert_env_equal(const TestEnv *tci, const TestEnv *x86,
                           const char *what);

#endif
