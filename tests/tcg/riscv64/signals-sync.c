/* SPDX-License-Identifier: MIT */
/* Synchronous faults: SIGSEGV/SIGILL/SIGTRAP siginfo, ucontext, sigframe. */
#include "guest.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/ucontext.h>
#include <unistd.h>

static sigjmp_buf jb;

/* An invalid pointer the compiler cannot see through. */
static volatile long *bad_ptr(uintptr_t addr)
{
    volatile uintptr_t a = addr;
    return (volatile long *)a;
}
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void on_fault_jump(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(jb, 1);
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *))
{
    struct sigaction sa = { 0 };

    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

static void test_segv(void)
{
    volatile int *null = NULL;
    long pg = sysconf(_SC_PAGESIZE);

    install(SIGSEGV, on_fault_jump);
    if (sigsetjmp(jb, 1) == 0) {
        *null = 1;
        printf("null store did not fault\n");
    }
    printf("null deref: sig=%d code=%d addr=%p\n", got_sig, got_code,
           got_addr);
    CHECK(got_sig == SIGSEGV && got_code == SEGV_MAPERR && got_addr == NULL,
          "null deref siginfo");

    /* A fault at an odd address inside an unmapped page. */
    got_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        (void)*(volatile char *)0x1235;
    }
    printf("load 0x1235: sig=%d code=%d addr=%p\n", got_sig, got_code,
           got_addr);
    CHECK(got_addr == (void *)0x1235, "si_addr of a load fault");

    /* Writing a read-only mapping is SEGV_ACCERR. */
    char *ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    got_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        ro[100] = 1;
    }
    printf("read-only store: sig=%d code=%d offset=%ld\n", got_sig, got_code,
           (long)((char *)got_addr - ro));
    CHECK(got_sig == SIGSEGV && got_code == SEGV_ACCERR &&
          got_addr == ro + 100, "read-only store siginfo");

    /* The mask is restored by siglongjmp: a second fault still works. */
    got_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        (void)*bad_ptr(8);
    }
    printf("second fault: sig=%d\n", got_sig);
    CHECK(got_sig == SIGSEGV, "second SIGSEGV after siglongjmp");
    munmap(ro, pg);

    /* Jumping to an unmapped address faults with the target as si_addr. */
    got_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        void (*fn)(void) = (void (*)(void))0x2000;
        fn();
    }
    printf("jump to 0x2000: sig=%d code=%d addr=%p\n", got_sig, got_code,
           got_addr);
    CHECK(got_sig == SIGSEGV && got_addr == (void *)0x2000,
          "instruction fetch fault");
}

extern char ill_insn[], ill_after[];

static void test_sigill(void)
{
    install(SIGILL, on_fault_jump);
    got_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        asm volatile(".globl ill_insn\nill_insn:\n\t.word 0\n\t"
                     ".globl ill_after\nill_after:" ::: "memory");
    }
    printf("illegal insn: sig=%d code=%d addr_ok=%d\n", got_sig, got_code,
           got_addr == (void *)ill_insn);
    CHECK(got_sig == SIGILL && got_code == ILL_ILLOPC, "SIGILL siginfo");
    CHECK(got_addr == (void *)ill_insn, "SIGILL si_addr");
}

/* Handler that edits the interrupted context and returns normally. */
static volatile uint64_t seen_s2, seen_fs0, seen_fcsr, seen_pc_ok;

static void on_fault_skip(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    mcontext_t *mc = &uc->uc_mcontext;

    got_sig = sig;
    got_code = si->si_code;
    seen_pc_ok = mc->__gregs[REG_PC] == (unsigned long)si->si_addr;
    seen_s2 = mc->__gregs[18];
    seen_fs0 = mc->__fpregs.__d.__f[8];
    seen_fcsr = mc->__fpregs.__d.__fcsr;
    mc->__gregs[REG_PC] += 4;       /* skip the 4-byte faulting insn */
    mc->__gregs[10] = 0x600d;       /* a0 */
    mc->__fpregs.__d.__f[9] = 0x4045000000000000ull;   /* fs1 = 42.0 */
}

static void test_ucontext(void)
{
    uint64_t a0, fs1;
    struct sigaction sa = { 0 };

    sa.sa_sigaction = on_fault_skip;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);

    /* Registers at the fault must appear in the sigframe; registers
     * written by the handler must come back on sigreturn. */
    asm volatile(".option push\n\t.option norvc\n\t"
                 "li s2, 0x5152535455565758\n\t"
                 "fmv.d.x fs0, s2\n\t"
                 "fsrmi 2\n\t"
                 "li a0, 1\n\t"
                 "fmv.d.x fs1, zero\n\t"
                 ".word 0xffffffff\n\t"     /* illegal, 4 bytes */
                 "mv %0, a0\n\t"
                 "fmv.x.d %1, fs1\n\t"
                 "fsrmi 0\n\t"
                 ".option pop"
                 : "=r"(a0), "=r"(fs1) : : "s2", "a0", "fs0", "fs1");
    printf("ucontext: sig=%d pc_ok=%d s2=%llx fs0=%llx frm=%llu a0=%llx "
           "fs1=%llx\n", got_sig, (int)seen_pc_ok,
           (unsigned long long)seen_s2, (unsigned long long)seen_fs0,
           (unsigned long long)(seen_fcsr >> 5), (unsigned long long)a0,
           (unsigned long long)fs1);
    CHECK(got_sig == SIGILL, "SIGILL for 0xffffffff");
    CHECK(seen_pc_ok, "REG_PC == si_addr");
    CHECK_EQ(seen_s2, 0x5152535455565758ull, "s2 in sigframe");
    CHECK_EQ(seen_fs0, 0x5152535455565758ull, "fs0 in sigframe");
    CHECK_EQ(seen_fcsr >> 5, 2, "frm in sigframe");
    CHECK_EQ(a0, 0x600d, "a0 written by handler");
    CHECK_EQ(fs1, 0x4045000000000000ull, "fs1 written by handler");

    /* ebreak raises SIGTRAP (TRAP_BRKPT) at its own address. */
    got_sig = 0;
    asm volatile(".option push\n\t.option norvc\n\t"
                 "li a0, 0\n\tebreak\n\tmv %0, a0\n\t.option pop"
                 : "=r"(a0) : : "a0");
    printf("ebreak: sig=%d code=%d a0=%llx\n", got_sig, got_code,
           (unsigned long long)a0);
    CHECK(got_sig == SIGTRAP && got_code == TRAP_BRKPT, "ebreak SIGTRAP");
    CHECK_EQ(a0, 0x600d, "a0 after ebreak handler");
}

/* RISC-V integer division never traps: no SIGFPE. */
static volatile int fpe_hits;

static void on_fpe(int sig)
{
    fpe_hits++;
}

#define DIVOP(insn, a, b) ({ \
        long r_; \
        asm volatile(insn " %0, %1, %2" : "=r"(r_) : "r"(a), "r"(b)); \
        r_; \
    })

static void test_no_sigfpe(void)
{
    long zero = 0, big = INT64_MIN, m1 = -1;

    signal(SIGFPE, on_fpe);
    /* Inline asm: in C these divisions are undefined behaviour. */
    long q = DIVOP("div", 7, zero), r = DIVOP("rem", 7, zero);
    long o = DIVOP("div", big, m1), z = DIVOP("rem", big, m1);
    long iq = DIVOP("divw", 7, zero);
    unsigned long uq = DIVOP("divu", 7, zero);
    printf("div: 7/0=%ld 7%%0=%ld min/-1=%ld min%%-1=%ld 7/0w=%ld 7/0u=%lx "
           "sigfpe=%d\n", q, r, o, z, iq, uq, fpe_hits);
    CHECK(q == -1 && r == 7 && o == INT64_MIN && z == 0 && iq == -1 &&
          uq == ~0ul, "division results");
    CHECK(fpe_hits == 0, "SIGFPE raised");
    /* FP exceptions do not trap either: they only set fflags. */
    volatile double dz = 0.0;
    double inf = 1.0 / dz;
    printf("1.0/0.0 = %f sigfpe=%d\n", inf, fpe_hits);
    CHECK(fpe_hits == 0, "SIGFPE from FP division");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_segv();
    test_sigill();
    test_ucontext();
    test_no_sigfpe();
    int rc = guest_done();
    if (rc != 0) {
        return rc;
    }
    /* An unhandled SIGSEGV must terminate with that signal. */
    signal(SIGSEGV, SIG_DFL);
    *bad_ptr(16) = 0;
    return 3;
}
