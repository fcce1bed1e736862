/* SPDX-License-Identifier: MIT */
/* Shared declarations of the aarch64 user-mode files. */
#ifndef LINUX_USER_AARCH64_TARGET_INT_H
#define LINUX_USER_AARCH64_TARGET_INT_H

#include "linux-user/user-int.h"
#include "target/arm/cpu.h"

/*
 * The frontend's TargetInfo (target/arm/). Declared here too so this
 * folder does not depend on where vemu/target.h lists it.
 */
extern const TargetInfo target_aarch64;

/* Guest address of the sigreturn trampoline page (0 if none). */
extern abi_ulong aarch64_sigtramp;

void aarch64_cpu_loop(CPUState *cpu) __attribute__((noreturn));
void aarch64_setup_rt_frame(CPUState *cpu, int sig, const void *info,
                            const void *action, const sigset_t *old_mask);
abi_long aarch64_do_rt_sigreturn(CPUState *cpu);

#endif
