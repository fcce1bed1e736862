/* SPDX-License-Identifier: MIT */
/*
 * Unwinding through an aarch64 signal frame: libgcc recognises the return
 * path (`mov x8, #139; svc #0`) and reads the registers from the
 * ucontext, so backtrace() in a handler reaches the interrupted function
 * and its callers.
 */
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int depth_ok, fault_fn_seen, caller_seen, main_seen;

__attribute__((noinline)) void faulting(volatile int *p);
__attribute__((noinline)) void caller(volatile int *p);
int main(void);

static int within(void *pc, void *fn, size_t len)
{
    return (uintptr_t)pc >= (uintptr_t)fn &&
           (uintptr_t)pc < (uintptr_t)fn + len;
}

static void handler(int sig, siginfo_t *si, void *uc)
{
    void *pcs[32];
    int n = backtrace(pcs, 32);

    depth_ok = n >= 4;
    for (int i = 0; i < n; i++) {
        fault_fn_seen |= within(pcs[i], (void *)faulting, 64);
        caller_seen |= within(pcs[i], (void *)caller, 64);
        main_seen |= within(pcs[i], (void *)main, 256);
    }
    /* Skip the faulting store. */
    ((ucontext_t *)uc)->uc_mcontext.pc += 4;
}

__attribute__((noinline)) void faulting(volatile int *p)
{
    asm volatile("str wzr, [%0]" :: "r"(p) : "memory");
}

__attribute__((noinline)) void caller(volatile int *p)
{
    faulting(p);
    asm volatile("" ::: "memory");      /* not a tail call */
}

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAIL");
}

int main(void)
{
    struct sigaction sa;
    volatile int *bad = (volatile int *)(uintptr_t)64;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    caller(bad);
    check("backtrace depth", depth_ok);
    check("interrupted function in the backtrace", fault_fn_seen);
    check("its caller", caller_seen);
    check("main", main_seen);
    return 0;
}
