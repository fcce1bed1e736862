/* SPDX-License-Identifier: MIT */
/*
 * Symbols the TCG tests need from parts outside the core they link:
 * the user-mode fault hook (records the call and longjmps back) and the
 * TB lookup helper (weak: libvemucore's own wins if it gets linked).
 */
#include <setjmp.h>

#include "tcg-test-common.h"

int test_fault_count;
uint64_t test_fault_addr;
bool test_fault_is_store;
uintptr_t test_fault_retaddr;
sigjmp_buf test_fault_jmp;

void tcg_user_access_fault(void *env, uint64_t addr, MemOpIdx oi,
                           bool is_store, uintptr_t retaddr)
{
    test_fault_count++;
    test_fault_addr = addr;
    test_fault_is_store = is_store;
    test_fault_retaddr = retaddr;
    siglongjmp(test_fault_jmp, 1);
}

__attribute__((weak)) const void *helper_lookup_tb_ptr(void *env)
{
    TestEnv *e = env;

    /* Tests put the next code pointer (or 0) in scratch[7]. */
    return (const void *)(uintptr_t)e->scratch[7];
}
