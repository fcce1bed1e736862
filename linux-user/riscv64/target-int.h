/* SPDX-License-Identifier: MIT */
/* Shared declarations of the riscv64 user-mode files. */
#ifndef LINUX_USER_RISCV64_TARGET_INT_H
#define LINUX_USER_RISCV64_TARGET_INT_H

#include "linux-user/user-int.h"
#include "target/riscv/cpu.h"

/* Guest address of the sigreturn trampoline page (0 if none). */
extern abi_ulong riscv64_sigtramp;

void riscv64_cpu_loop(CPUState *cpu) __attribute__((noreturn));
void riscv64_setup_rt_frame(CPUState *cpu, int sig, const void *info,
                            const void *action, const sigset_t *old_mask);
abi_long riscv64_do_rt_sigreturn(CPUState *cpu);

#endif
