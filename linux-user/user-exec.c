/* SPDX-License-Identifier: MIT */
/* Host SIGSEGV/SIGBUS handling, code write protection, guest probes. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <glib.h>

#include "vemu/softmmu.h"
#include "linux-user/user-int.h"
#include "linux-user/user.h"
#include "vemu/exec.h"
#include "vemu/gdbstub.h"
#include "vemu/tcg.h"

#define ALTSTACK_SIZE (256 * 1024)

static __thread void *thread_altstack;
/* The last guest fault of this thread was a host SIGBUS (file hole). */
static __thread bool last_fault_host_sigbus;

bool user_exec_take_host_sigbus(void)
{
    bool r = last_fault_host_sigbus;

    last_fault_host_sigbus = false;
    return r;
}

void user_thread_sigaltstack_init(void)
{
    stack_t ss;

    if (thread_altstack) {
        return;
    }
    thread_altstack = g_malloc(ALTSTACK_SIZE);
    ss.ss_sp = thread_altstack;
    ss.ss_size = ALTSTACK_SIZE;
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
}

void user_thread_sigaltstack_free(void)
{
    stack_t ss = { .ss_flags = SS_DISABLE };

    if (thread_altstack) {
        sigaltstack(&ss, NULL);
        g_free(thread_altstack);
        thread_altstack = NULL;
    }
}

static void write_str(const char *s)
{
    ssize_t r = write(2, s, strlen(s));
    (void)r;
}

/* A fault vemu cannot blame on the guest: report it and die. */
static void host_fault_fatal(int sig, const siginfo_t *info, uintptr_t pc)
{
    char buf[160];
    struct sigaction sa;

    snprintf(buf, sizeof(buf), "vemu-user: internal error: host %s at "
             "address %p (host pc %#lx)\n",
             sig == SIGSEGV ? "SIGSEGV" : "SIGBUS", info->si_addr,
             (unsigned long)pc);
    write_str(buf);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    /* Returning re-runs the faulting insn, which now kills us. */
}

static void host_fault_handler(int sig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
    bool is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
    uintptr_t host_addr = (uintptr_t)info->si_addr;
    CPUState *cpu = current_cpu;
    abi_ulong addr;
    uintptr_t ra = 0;
    int flags;

    if (info->si_code <= 0) {
        /* Sent by kill() or tgkill(): an ordinary asynchronous signal. */
        signal_queue_host(sig, info);
        return;
    }
    if (!guest_base || host_addr < guest_base ||
        host_addr - guest_base >= guest_space_size()) {
        host_fault_fatal(sig, info, pc);
        return;
    }
    addr = host_addr - guest_base;
    flags = page_get_flags(addr);

    /* (a) A store to a page write-protected because it holds code. */
    if (sig == SIGSEGV && is_write && (flags & PAGE_WRITE_ORG) &&
        (flags & PAGE_VALID)) {
        bool retry;

        /* Restoring the state there needs the registers of the fault. */
        tcg_fault_ucontext = uc;
        retry = page_unprotect(addr);
        if (retry && cpu) {
            /* Leaving by siglongjmp: first put back the pre-fault mask. */
            sigset_t old;

            pthread_sigmask(SIG_SETMASK, &uc->uc_sigmask, &old);
            tb_exit_if_running_on_page(cpu, guest_page_trunc(addr), pc);
            pthread_sigmask(SIG_SETMASK, &old, NULL);
        }
        tcg_fault_ucontext = NULL;
        if (retry) {
            return;
        }
    }
    if (!cpu) {
        host_fault_fatal(sig, info, pc);
        return;
    }
    if (tb_find_by_host_pc(pc)) {
        /* cpu_restore_state expects a return address (pc of next). */
        ra = pc + 1;
    } else if (tci_tb_ptr) {
        ra = tci_tb_ptr;
    } else {
        host_fault_fatal(sig, info, pc);
        return;
    }
    /* We leave by siglongjmp: put back the mask from before the fault. */
    pthread_sigmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
    /*
     * Globals the faulting access had only in host registers: the state
     * restore writes them to env from here (cleared by its first use).
     */
    tcg_fault_ucontext = uc;
    if (sig == SIGBUS) {
        last_fault_host_sigbus = true;
        cpu->target->record_sigbus(cpu, addr, is_write, ra);
    }
    cpu->target->record_sigsegv(cpu, addr, is_write,
                                !(flags & PAGE_VALID), ra);
}

void user_exec_init(void)
{
    struct sigaction sa;

    user_thread_sigaltstack_init();
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigfillset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    /* An inherited mask must not hide faults from us. */
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGSEGV);
    sigaddset(&sa.sa_mask, SIGBUS);
    pthread_sigmask(SIG_UNBLOCK, &sa.sa_mask, NULL);
}

void *user_probe_access(CPUState *cpu, vaddr addr, unsigned size,
                        int access, uintptr_t ra)
{
    int need = access == 0 ? PAGE_READ
             : access == 1 ? PAGE_WRITE_ORG : PAGE_EXEC;

    if (size == 0) {
        return g2h(addr);
    }
    if (!guest_range_valid(addr, size)) {
        cpu->target->record_sigsegv(cpu, addr, access, true, ra);
    }
    for (abi_ulong a = guest_page_trunc(addr); a < addr + size;
         a += GUEST_PAGE_SIZE) {
        int f = page_get_flags(a);
        abi_ulong fault = a < addr ? addr : a;

        if (!(f & PAGE_VALID)) {
            cpu->target->record_sigsegv(cpu, fault, access, true, ra);
        }
        if (!(f & need)) {
            cpu->target->record_sigsegv(cpu, fault, access, false, ra);
        }
        if (access == 1 && !(f & PAGE_WRITE)) {
            page_unprotect(a);
        }
    }
    return g2h(addr);
}

void tcg_user_access_fault(void *env, uint64_t addr, MemOpIdx oi,
                           bool is_store, uintptr_t retaddr)
{
    CPUState *cpu = env;
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop);

    if ((mop & MO_ALIGN) && (addr & (size - 1))) {
        cpu->target->record_sigbus(cpu, addr, is_store, retaddr);
    }
    cpu->target->record_sigsegv(cpu, addr, is_store,
                                !(page_get_flags(addr) & PAGE_VALID),
                                retaddr);
}

/* The softmmu's probe_access, for user mode: guest_base + addr. */
void *probe_access(CPUState *cpu, vaddr addr, unsigned size,
                   MMUAccessType access, int mmu_idx, uintptr_t ra)
{
    return user_probe_access(cpu, addr, size, access, ra);
}

/* Run the insn that asked for it with every other vCPU stopped. */
static int exec_atomic(CPUState *cpu)
{
    int trapnr;

    start_exclusive();
    cpu->cflags_next_tb = 1 | CF_NO_GOTO_TB;
    trapnr = cpu_exec(cpu);
    end_exclusive();
    return trapnr;
}

int user_cpu_exec(CPUState *cpu)
{
    int trapnr;

    cpu_exec_start(cpu);
    trapnr = cpu_exec(cpu);
    cpu_exec_end(cpu);
    if (trapnr == EXCP_ATOMIC) {
        trapnr = exec_atomic(cpu);
    }
    return trapnr;
}

void user_debug_trap(CPUState *cpu, abi_ulong pc)
{
    if (!gdb_user_debug_stop(cpu, 5)) {
        force_sig(cpu, SIGTRAP, TRAP_BRKPT, pc);
    }
}
