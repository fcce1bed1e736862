/* SPDX-License-Identifier: MIT */
/*
 * aarch64 user mode without libc and without FP/SIMD: raw SVCs for files,
 * mmap, clocks, signals (our own sa_restorer and the emulator's return
 * path, faults with si_addr, registers edited in the ucontext), clone
 * with TLS and futex, fork and wait.
 */
#include <asm/unistd.h>
#include <stddef.h>
#include <stdint.h>

#define O_RDONLY 0
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_DIRECTORY 040000      /* arm64 values */
#define O_NOFOLLOW 0100000
#define AT_FDCWD (-100)
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20
#define SA_SIGINFO 4
#define SA_RESTORER 0x04000000
#define SIGILL 4
#define SIGTRAP 5
#define SIGSEGV 11
#define SIGUSR1 10
#define SIGCHLD 17
#define CLONE_VM 0x100
#define CLONE_FS 0x200
#define CLONE_FILES 0x400
#define CLONE_SIGHAND 0x800
#define CLONE_THREAD 0x10000
#define CLONE_SYSVSEM 0x40000
#define CLONE_SETTLS 0x80000
#define CLONE_CHILD_CLEARTID 0x200000
#define FUTEX_WAIT 0
#define F_GETFL 3
#define ENOTDIR 20
#define ENOMEM 12
#define ELOOP 40

/* Offsets in the kernel's ucontext (uc_mcontext at 176). */
#define UC_REGS (176 + 8)
#define UC_PC (176 + 264)

struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static long svc6(long n, long a, long b, long c, long d, long e, long f)
{
    register long x8 asm("x8") = n;
    register long x0 asm("x0") = a;
    register long x1 asm("x1") = b;
    register long x2 asm("x2") = c;
    register long x3 asm("x3") = d;
    register long x4 asm("x4") = e;
    register long x5 asm("x5") = f;

    asm volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3),
                 "r"(x4), "r"(x5) : "memory");
    return x0;
}

#define svc0(n) svc6(n, 0, 0, 0, 0, 0, 0)
#define svc1(n, a) svc6(n, (long)(a), 0, 0, 0, 0, 0)
#define svc2(n, a, b) svc6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define svc3(n, a, b, c) svc6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define svc4(n, a, b, c, d) \
    svc6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/* The compiler may call these for struct copies. */
void *memset(void *d, int c, size_t n)
{
    volatile char *p = d;

    while (n--) {
        *p++ = (char)c;
    }
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    volatile char *p = d;
    const char *q = s;

    while (n--) {
        *p++ = *q++;
    }
    return d;
}

static size_t slen(const char *s)
{
    size_t n = 0;

    while (s[n]) {
        n++;
    }
    return n;
}

static int seq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static void out(const char *s)
{
    svc3(__NR_write, 1, s, slen(s));
}

static int failures;

static void check(const char *what, int ok)
{
    out(what);
    out(ok ? ": ok\n" : ": FAIL\n");
    failures += !ok;
}

/* ---- files, memory, clocks ---- */

static void test_files(void)
{
    static const char path[] = "/tmp/vemu-a64-nolibc.tmp";
    char buf[16];
    long fd, n;
    char uts[390];

    fd = svc4(__NR_openat, AT_FDCWD, path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    check("openat create", fd >= 0);
    check("write", svc3(__NR_write, fd, "abcdef", 6) == 6);
    check("lseek", svc3(__NR_lseek, fd, 2, 0) == 2);
    n = svc3(__NR_read, fd, buf, sizeof(buf));
    check("read back", n == 4 && buf[0] == 'c' && buf[3] == 'f');
    /* Linux adds O_LARGEFILE (arm64: 0400000); qemu-aarch64 does not. */
    check("F_GETFL is O_RDWR",
          (svc2(__NR_fcntl, fd, F_GETFL) & ~0400000) == O_RDWR);
    svc1(__NR_close, fd);
    fd = svc4(__NR_openat, AT_FDCWD, path, O_RDONLY | O_DIRECTORY, 0);
    check("arm64 O_DIRECTORY on a file: ENOTDIR", fd == -ENOTDIR);
    fd = svc4(__NR_openat, AT_FDCWD, "/tmp", O_RDONLY | O_DIRECTORY, 0);
    check("arm64 O_DIRECTORY on a dir", fd >= 0);
    check("F_GETFL shows arm64 O_DIRECTORY",
          (svc2(__NR_fcntl, fd, F_GETFL) & (O_DIRECTORY | O_NOFOLLOW)) ==
          O_DIRECTORY);
    svc1(__NR_close, fd);
    check("unlinkat", svc3(__NR_unlinkat, AT_FDCWD, path, 0) == 0);
    check("uname", svc1(__NR_uname, uts) == 0);
    check("machine is aarch64", seq(uts + 4 * 65, "aarch64"));
}

static void test_memory(void)
{
    long p = svc6(__NR_mmap, 0, 8192, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long ts[2] = { 0, 0 }, ts2[2];
    volatile long *q = (long *)p;

    check("mmap", p > 0 && (p & 4095) == 0);
    q[1000] = 0x1122334455667788;
    check("mmap memory", q[1000] == 0x1122334455667788 && q[0] == 0);
    check("munmap", svc2(__NR_munmap, p, 8192) == 0);
    check("brk", svc1(__NR_brk, 0) > 0);
    check("clock_gettime", svc2(__NR_clock_gettime, 1, ts) == 0);
    svc2(__NR_clock_gettime, 1, ts2);
    check("monotonic", ts2[0] > ts[0] ||
          (ts2[0] == ts[0] && ts2[1] >= ts[1]));
}

/* ---- signals ---- */

static volatile long got_sig, got_addr, got_fault, got_pc, got_x0;
extern char restorer_code[];

/* Our own sa_restorer, as glibc would install. */
asm(".text\n"
    ".global restorer_code\n"
    "restorer_code:\n"
    "    mov x8, #139\n"
    "    svc #0\n");

static void handler(int sig, void *info, void *uc)
{
    uint64_t *pc = (uint64_t *)((char *)uc + UC_PC);
    uint64_t *regs = (uint64_t *)((char *)uc + UC_REGS);

    got_sig = sig;
    got_addr = *(long *)((char *)info + 16);
    got_fault = *(long *)((char *)uc + 176);
    got_pc = (long)*pc;
    got_x0 = (long)regs[0];
    /* Resume after the insn; the interrupted code sees x0 = 0x4242. */
    *pc += 4;
    regs[0] = 0x4242;
}

static void set_handler(int sig, int with_restorer)
{
    struct ksigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.handler = (void *)handler;
    sa.flags = SA_SIGINFO | (with_restorer ? SA_RESTORER : 0);
    sa.restorer = with_restorer ? (void *)restorer_code : 0;
    svc4(__NR_rt_sigaction, sig, &sa, 0, 8);
}

static void test_signals(void)
{
    long page = svc6(__NR_mmap, 0, 4096, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long insn, x0;
    struct ksigaction old;
    struct { long sp; int flags, pad; long size; } ss = { page, 0, 0, 1024 };

    set_handler(SIGSEGV, 1);
    got_sig = 0;
    asm volatile("adr %0, 1f\n"
                 "mov x0, #7\n"
                 "1: ldr x0, [%2, #16]\n"
                 "mov %1, x0\n"
                 : "=&r"(insn), "=r"(x0) : "r"(page) : "x0", "memory");
    check("SIGSEGV with sa_restorer", got_sig == SIGSEGV);
    check("si_addr", got_addr == page + 16);
    check("fault_address", got_fault == page + 16);
    check("pc of the load", got_pc == insn);
    check("x0 seen by the handler", got_x0 == 7);
    check("x0 edited by the handler", x0 == 0x4242);
    svc4(__NR_rt_sigaction, SIGSEGV, 0, &old, 8);
    check("sa_restorer reads back", old.restorer == (void *)restorer_code &&
          (old.flags & SA_RESTORER));

    set_handler(SIGILL, 0);
    got_sig = 0;
    asm volatile("adr %0, 1f\n"
                 "1: udf #1\n" : "=&r"(insn) :: "x0");
    check("SIGILL without sa_restorer", got_sig == SIGILL &&
          got_pc == insn && got_addr == insn);

    set_handler(SIGTRAP, 0);
    got_sig = 0;
    asm volatile("adr %0, 1f\n"
                 "1: brk #3\n" : "=&r"(insn) :: "x0");
    check("SIGTRAP from brk", got_sig == SIGTRAP && got_pc == insn);

    set_handler(SIGUSR1, 1);
    got_sig = 0;
    svc2(__NR_kill, svc0(__NR_getpid), SIGUSR1);
    check("SIGUSR1 from kill", got_sig == SIGUSR1);

    check("sigaltstack below MINSIGSTKSZ: ENOMEM",
          svc2(__NR_sigaltstack, &ss, 0) == -ENOMEM);
}

/* ---- clone and fork ---- */

static volatile int thread_tid = -1;
static volatile long thread_tls, thread_ran;
static char thread_stack[16384] __attribute__((aligned(16)));

__attribute__((used, noinline)) void thread_body(void);
__attribute__((used, noinline)) void thread_body(void)
{
    long tls;

    asm volatile("mrs %0, tpidr_el0" : "=r"(tls));
    thread_tls = tls;
    thread_ran = 1;
    svc1(__NR_exit, 0);
}

static long clone_thread(unsigned long flags, void *stack, volatile int *ptid,
                         long tls, volatile int *ctid)
{
    register long x8 asm("x8") = __NR_clone;
    register long x0 asm("x0") = (long)flags;
    register long x1 asm("x1") = (long)stack;
    register long x2 asm("x2") = (long)ptid;
    register long x3 asm("x3") = tls;
    register long x4 asm("x4") = (long)ctid;

    /* The child starts on its own stack: it must not return here. */
    asm volatile("svc #0\n"
                 "cbnz x0, 1f\n"
                 "bl thread_body\n"
                 "1:\n"
                 : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4)
                 : "x30", "memory");
    return x0;
}

static void test_clone(void)
{
    unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
                          CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
                          CLONE_CHILD_CLEARTID;
    long tid, my_tls, pid;
    int status = 0;

    asm volatile("mrs %0, tpidr_el0" : "=r"(my_tls));
    thread_tid = 1;
    tid = clone_thread(flags, thread_stack + sizeof(thread_stack), 0,
                       0x123450, &thread_tid);
    check("clone thread", tid > 0);
    /*
     * Wait with the value just tested: reading thread_tid again for the
     * futex could see the child's 0 and then sleep for good.
     */
    for (int t; (t = thread_tid) != 0;) {
        svc6(__NR_futex, (long)&thread_tid, FUTEX_WAIT, t, 0, 0, 0);
    }
    check("thread ran", thread_ran == 1);
    check("thread TLS from CLONE_SETTLS", thread_tls == 0x123450);
    asm volatile("mrs %0, tpidr_el0" : "=r"(tid));
    check("parent TLS unchanged", tid == my_tls);

    pid = svc6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
    if (pid == 0) {
        svc1(__NR_exit_group, 9);
    }
    check("fork", pid > 0);
    check("wait4", svc4(__NR_wait4, pid, &status, 0, 0) == pid &&
          (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 9);
}

int main(void)
{
    out("nolibc aarch64\n");
    test_files();
    test_memory();
    test_signals();
    test_clone();
    return failures ? 1 : 0;
}

void start_c(long *sp)
{
    (void)sp;
    svc1(__NR_exit_group, main());
}

asm(".text\n"
    ".global _start\n"
    "_start:\n"
    "    mov x0, sp\n"
    "    bl start_c\n");
