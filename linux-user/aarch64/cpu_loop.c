/* SPDX-License-Identifier: MIT */
/* aarch64 user-mode main loop: SVC to syscalls, exceptions to signals. */
#include <signal.h>

#include "linux-user/aarch64/target-int.h"
#include "vemu/exec.h"
#include "vemu/log.h"

/* SVC #0: number in x8, arguments in x0..x5, result in x0. */
static void do_svc(CPUState *cpu, CPUARMState *env)
{
    abi_long ret = do_syscall(cpu, env->xregs[8], env->xregs[0],
                              env->xregs[1], env->xregs[2], env->xregs[3],
                              env->xregs[4], env->xregs[5]);

    if (ret == -TARGET_ERESTARTSYS) {
        env->pc -= 4;   /* pc is past the svc: run it again */
        return;
    }
    if (ret == -TARGET_QEMU_ESIGRETURN) {
        return;         /* rt_sigreturn set every register */
    }
    env->xregs[0] = ret;
}

void aarch64_cpu_loop(CPUState *cpu)
{
    CPUARMState *env = arm_env(cpu);

    for (;;) {
        int trapnr;

        trapnr = user_cpu_exec(cpu);
        switch (trapnr) {
        case EXCP_INTERRUPT:
        case EXCP_ATOMIC:
        case EXCP_YIELD:
            break;
        case ARM_EXCP_SWI:
            do_svc(cpu, env);
            break;
        case ARM_EXCP_UDEF:
        case ARM_EXCP_HVC:      /* both UNDEFINED at EL0 */
        case ARM_EXCP_SMC:
            force_sig(cpu, SIGILL, ILL_ILLOPC, env->pc);
            break;
        case EXCP_DEBUG:
            /* A gdb breakpoint or step (vemu-user -g). */
            user_debug_trap(cpu, env->pc);
            break;
        case ARM_EXCP_BKPT:
            force_sig(cpu, SIGTRAP, TRAP_BRKPT, env->pc);
            break;
        case ARM_EXCP_PREFETCH_ABORT:
        case ARM_EXCP_DATA_ABORT:
            force_sig(cpu, SIGSEGV,
                      env->exception.maperr ? SEGV_MAPERR : SEGV_ACCERR,
                      env->exception.vaddress);
            break;
        case ARM_EXCP_UNALIGNED:
            force_sig(cpu, SIGBUS, user_exec_take_host_sigbus() ?
                      BUS_ADRERR : BUS_ADRALN, env->exception.vaddress);
            break;
        default:
            vemu_log_mask(LOG_GUEST_ERROR | LOG_INT,
                          "unhandled exception %#x at pc %#llx\n", trapnr,
                          (unsigned long long)env->pc);
            force_sig(cpu, SIGILL, ILL_ILLTRP, env->pc);
            break;
        }
        process_pending_signals(cpu);
    }
}
