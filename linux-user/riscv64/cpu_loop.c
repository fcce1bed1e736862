/* SPDX-License-Identifier: MIT */
/* riscv64 user-mode main loop: syscalls, faults, signals. */
#include <signal.h>

#include "linux-user/riscv64/target-int.h"
#include "vemu/exec.h"
#include "vemu/log.h"

/* Linux: what kind of SIGSEGV a fault on addr is. */
static int segv_code(abi_ulong addr)
{
    return (page_get_flags(addr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
}

static void do_ecall(CPUState *cpu, CPURISCVState *env)
{
    abi_long ret = do_syscall(cpu, env->gpr[17], env->gpr[10], env->gpr[11],
                              env->gpr[12], env->gpr[13], env->gpr[14],
                              env->gpr[15]);

    if (ret == -TARGET_ERESTARTSYS) {
        return;     /* pc still points at the ecall: run it again */
    }
    if (ret == -TARGET_QEMU_ESIGRETURN) {
        return;     /* rt_sigreturn set every register */
    }
    env->gpr[10] = ret;
    env->pc += 4;
}

void riscv64_cpu_loop(CPUState *cpu)
{
    CPURISCVState *env = riscv_env(cpu);

    for (;;) {
        int trapnr;

        trapnr = user_cpu_exec(cpu);
        switch (trapnr) {
        case EXCP_INTERRUPT:
        case EXCP_ATOMIC:
        case EXCP_YIELD:
            break;
        case RISCV_EXCP_U_ECALL:
            do_ecall(cpu, env);
            break;
        case RISCV_EXCP_ILLEGAL_INST:
            force_sig(cpu, SIGILL, ILL_ILLOPC, env->pc);
            break;
        case EXCP_DEBUG:
            /* A gdb breakpoint or step (vemu-user -g). */
            user_debug_trap(cpu, env->pc);
            break;
        case RISCV_EXCP_BREAKPOINT:
            force_sig(cpu, SIGTRAP, TRAP_BRKPT, env->pc);
            break;
        case RISCV_EXCP_INST_PAGE_FAULT:
        case RISCV_EXCP_LOAD_PAGE_FAULT:
        case RISCV_EXCP_STORE_PAGE_FAULT:
        case RISCV_EXCP_INST_ACCESS_FAULT:
        case RISCV_EXCP_LOAD_ACCESS_FAULT:
        case RISCV_EXCP_STORE_AMO_ACCESS_FAULT:
            force_sig(cpu, SIGSEGV, segv_code(env->badaddr), env->badaddr);
            break;
        case RISCV_EXCP_INST_ADDR_MIS:
        case RISCV_EXCP_LOAD_ADDR_MIS:
        case RISCV_EXCP_STORE_AMO_ADDR_MIS:
            force_sig(cpu, SIGBUS, user_exec_take_host_sigbus() ?
                      BUS_ADRERR : BUS_ADRALN, env->badaddr);
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
