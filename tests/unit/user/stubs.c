/* SPDX-License-Identifier: MIT */
/*
 * Weak stand-ins for what the user-mode tests need from the rest of vemu
 * (the accel/tcg and tcg parts, main.c's globals); the real definitions
 * win whenever they are linked in.
 */
#include "linux-user/user-int.h"
#include "vemu/exec.h"

__attribute__((weak)) uintptr_t guest_base;
__attribute__((weak)) unsigned guest_addr_bits;
__attribute__((weak)) __thread CPUState *current_cpu;
__attribute__((weak)) __thread uintptr_t tci_tb_ptr;
__attribute__((weak)) const char *user_sysroot;
__attribute__((weak)) const UserArchOps *user_arch;

__attribute__((weak)) void tb_invalidate_range(vaddr start, vaddr end)
{
    (void)start;
    (void)end;
}

__attribute__((weak)) TranslationBlock *tb_find_by_host_pc(uintptr_t pc)
{
    (void)pc;
    return NULL;
}

__attribute__((weak)) void cpu_exit(CPUState *cpu)
{
    (void)cpu;
}

__attribute__((weak)) void user_flush_logs(void)
{
}
