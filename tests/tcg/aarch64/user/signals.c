/* SPDX-License-Identifier: MIT */
/*
 * aarch64 signals: siginfo, the rt_sigframe's ucontext (registers, the
 * fpsimd record), sigreturn restoring FP/SIMD registers and FPCR,
 * SIGSEGV/SIGBUS/SIGILL/SIGTRAP with their addresses, resuming at an
 * edited pc, sigaltstack, masks.
 */
#define _GNU_SOURCE
#include <asm/sigcontext.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_fault, got_pc;
static volatile int fpsimd_ok;
static volatile uintptr_t handler_sp;

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAIL");
}

/* Find the fpsimd record in __reserved and check its shape. */
static struct fpsimd_context *find_fpsimd(ucontext_t *uc)
{
    struct _aarch64_ctx *h = (void *)uc->uc_mcontext.__reserved;

    while (h->magic) {
        if (h->magic == FPSIMD_MAGIC && h->size == 528) {
            return (struct fpsimd_context *)h;
        }
        h = (void *)((char *)h + h->size);
    }
    return NULL;
}

/* Record what the kernel reports, then resume after the faulting insn. */
static void skip_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_fault = uc->uc_mcontext.fault_address;
    got_pc = uc->uc_mcontext.pc;
    fpsimd_ok = find_fpsimd(uc) != NULL;
    uc->uc_mcontext.pc += 4;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void test_segv(void)
{
    char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    uintptr_t insn;

    install(SIGSEGV, skip_handler, 0);
    got_sig = 0;
    /* A store to a read-only page: the str is at label 1. */
    asm volatile("adr %0, 1f\n"
                 "1: str wzr, [%1, #8]\n"
                 : "=&r"(insn) : "r"(p) : "memory");
    check("SIGSEGV delivered", got_sig == SIGSEGV);
    check("SIGSEGV si_code SEGV_ACCERR", got_code == SEGV_ACCERR);
    check("SIGSEGV si_addr", got_addr == (uintptr_t)p + 8);
    check("SIGSEGV fault_address", got_fault == (uintptr_t)p + 8);
    check("SIGSEGV pc", got_pc == insn);
    check("fpsimd record present", fpsimd_ok);
    munmap(p, 4096);

    got_sig = 0;
    asm volatile("adr %0, 1f\n"
                 "1: ldr xzr, [%1]\n"
                 : "=&r"(insn) : "r"(p) : "memory");
    check("SIGSEGV unmapped: SEGV_MAPERR",
          got_sig == SIGSEGV && got_code == SEGV_MAPERR &&
          got_addr == (uintptr_t)p && got_pc == insn);
}

static void test_ill_trap(void)
{
    uintptr_t insn;

    install(SIGILL, skip_handler, 0);
    got_sig = 0;
    asm volatile("adr %0, 1f\n"
                 "1: udf #0x1234\n" : "=&r"(insn));
    check("SIGILL delivered", got_sig == SIGILL);
    /* Linux says ILL_ILLOPC; qemu-aarch64 7.2 says ILL_ILLOPN. */
    check("SIGILL ILL_ILLOPC", got_code == ILL_ILLOPC ||
          got_code == ILL_ILLOPN);
    check("SIGILL si_addr is the insn", got_addr == insn && got_pc == insn);

    install(SIGTRAP, skip_handler, 0);
    got_sig = 0;
    asm volatile("adr %0, 1f\n"
                 "1: brk #7\n" : "=&r"(insn));
    check("SIGTRAP from brk", got_sig == SIGTRAP && got_pc == insn);
}

/* Exclusives and acquire loads need alignment: SIGBUS BUS_ADRALN. */
static void test_sigbus(void)
{
    static uint64_t buf[4];
    char *p = (char *)buf + 3;
    uintptr_t insn;
    uint64_t v;

    install(SIGBUS, skip_handler, 0);
    got_sig = 0;
    asm volatile("adr %0, 1f\n"
                 "1: ldxr %1, [%2]\n"
                 : "=&r"(insn), "=r"(v) : "r"(p) : "memory");
    check("SIGBUS from a misaligned ldxr", got_sig == SIGBUS &&
          got_code == BUS_ADRALN && got_addr == (uintptr_t)p &&
          got_pc == insn);
    got_sig = 0;
    asm volatile("ldar %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    check("SIGBUS from a misaligned ldar", got_sig == SIGBUS);
    got_sig = 0;
    asm volatile("ldr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    check("a misaligned ldr is fine", got_sig == 0);
}

/* The handler scribbles on every SIMD register and FPCR. */
static void clobber_handler(int sig, siginfo_t *si, void *ctx)
{
    struct fpsimd_context *fp = find_fpsimd(ctx);

    got_sig = sig;
    got_code = si->si_code;
    fpsimd_ok = fp && fp->vregs[16] == (((__uint128_t)0x0f0e0d0c0b0a0908ull
                                          << 64) | 0x0706050403020100ull);
    asm volatile("movi v16.16b, #0xee\n"
                 "movi v17.16b, #0xee\n"
                 "movi v31.16b, #0xee\n"
                 "movi v8.16b, #0xee\n"
                 "msr fpcr, xzr\n"
                 ::: "v8", "v16", "v17", "v31");
}

static void test_fp_restore(void)
{
    uint8_t in[4][16], out[4][16];
    uint64_t fpcr_in = 3ull << 22, fpcr_out;   /* round toward zero */
    long pid = getpid();

    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 16; j++) {
            in[i][j] = i * 16 + j;
        }
    }
    install(SIGUSR1, clobber_handler, 0);
    got_sig = 0;
    /* kill() with the registers loaded; the handler runs on its return. */
    asm volatile("ldr q16, [%[in]]\n"
                 "ldr q17, [%[in], #16]\n"
                 "ldr q31, [%[in], #32]\n"
                 "ldr q8, [%[in], #48]\n"
                 "mrs x9, fpcr\n"
                 "msr fpcr, %[fpcr]\n"
                 "mov x0, %[pid]\n"
                 "mov x1, #10\n"            /* SIGUSR1 */
                 "mov x8, #129\n"           /* kill */
                 "svc #0\n"
                 "mrs %[fpcr_out], fpcr\n"
                 "msr fpcr, x9\n"
                 "str q16, [%[out]]\n"
                 "str q17, [%[out], #16]\n"
                 "str q31, [%[out], #32]\n"
                 "str q8, [%[out], #48]\n"
                 : [fpcr_out] "=&r"(fpcr_out)
                 : [in] "r"(in), [out] "r"(out), [fpcr] "r"(fpcr_in),
                   [pid] "r"(pid)
                 : "x0", "x1", "x8", "x9", "v8", "v16", "v17", "v31",
                   "memory");
    check("SIGUSR1 handled", got_sig == SIGUSR1 && got_code == SI_USER);
    check("frame holds v16", fpsimd_ok);
    check("v8/v16/v17/v31 restored", !memcmp(in, out, sizeof(in)));
    check("fpcr restored", fpcr_out == fpcr_in);
}

static void stack_handler(int sig)
{
    int local;

    handler_sp = (uintptr_t)&local;
    got_sig = sig;
}

static void test_altstack_mask(void)
{
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    stack_t small = { .ss_sp = altstack, .ss_size = 1024 };
    struct sigaction sa;
    sigset_t set, pend;

    check("sigaltstack too small: ENOMEM", sigaltstack(&small, NULL) < 0);
    check("sigaltstack", sigaltstack(&ss, NULL) == 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = stack_handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa, NULL);
    got_sig = 0;
    raise(SIGUSR2);
    check("handler on the alternate stack", got_sig == SIGUSR2 &&
          handler_sp >= (uintptr_t)altstack &&
          handler_sp < (uintptr_t)altstack + sizeof(altstack));

    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    got_sig = 0;
    raise(SIGUSR2);
    sigpending(&pend);
    check("blocked signal stays pending",
          got_sig == 0 && sigismember(&pend, SIGUSR2));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    check("delivered on unblock", got_sig == SIGUSR2);

    /* sa_restorer round trip through the kernel's struct sigaction. */
    sigaction(SIGUSR2, NULL, &sa);
    check("sigaction reads back", sa.sa_handler == stack_handler &&
          (sa.sa_flags & SA_ONSTACK));
}

static sigjmp_buf jb;

static void jump_handler(int sig)
{
    siglongjmp(jb, sig);
}

static void test_siglongjmp(void)
{
    volatile int *bad = (volatile int *)(uintptr_t)(getpagesize() / 256);
    int r;

    signal(SIGSEGV, jump_handler);
    r = sigsetjmp(jb, 1);
    if (r == 0) {
        *bad = 1;
    }
    check("siglongjmp out of SIGSEGV", r == SIGSEGV);
}

int main(void)
{
    test_segv();
    test_ill_trap();
    test_sigbus();
    test_fp_restore();
    test_altstack_mask();
    test_siglongjmp();
    /* The default action last: the status line shows SIGABRT. */
    fflush(stdout);
    signal(SIGABRT, SIG_DFL);
    abort();
}
