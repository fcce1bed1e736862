/* SPDX-License-Identifier: MIT */
/* Shared harness of the TCG unit tests: test env, globals, run via TCI. */
#ifndef TESTS_UNIT_TCG_TEST_COMMON_H
#define TESTS_UNIT_TCG_TEST_COMMON_H

#include <glib.h>

#include "vemu/exec.h"
#include "vemu/tcg-op.h"

/* The CPU state the test TBs run on (globals point into it). */
typedef struct TestEnv {
    uint64_t r[8];       /* globals r0..r7 (i64) */
    uint32_t w[4];       /* globals w0..w3 (i32) */
    uint64_t scratch[8]; /* not globals: for ld/st tests */
} TestEnv;

extern TCGv_i64 test_r[8];
extern TCGv_i32 test_w[4];

/* Fault hook bookkeeping (see tcg-test-stubs.c). */
extern int test_fault_count;
extern uint64_t test_fault_addr;
extern bool test_fault_is_store;
extern uintptr_t test_fault_retaddr;
extern sigjmp_buf test_fault_jmp;

/* Create the globals once and start a fresh TB in the test context. */
TCGContext *test_tcg_start(void);

/*
 * Run passes (optimizer only if optimize) and TCI on the current IR;
 * returns exit_tb's value. Asserts that code generation succeeded.
 */
uintptr_t test_tcg_run(TCGContext *s, TestEnv *env, bool optimize);

/* Count ops with the given opcode (NB_OPS: all ops). */
int test_count_ops(TCGContext *s, TCGOpcode opc);

/* The translation block used by test_tcg_run (for goto_tb tests). */
extern TranslationBlock test_tb;
extern uint8_t test_code_buf[1 << 16];

#endif
