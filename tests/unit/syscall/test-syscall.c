/* SPDX-License-Identifier: MIT */
/* Syscall layer: layout conversions, strace text, dispatch of real calls. */
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/syscall_int.h"

/* Guest addresses are host addresses in these tests (guest_base 0). */
#define GA(p) ((abi_long)(uintptr_t)(p))
#define BAD_ADDR 0x100

static abi_long call(int nr, abi_long a1, abi_long a2, abi_long a3,
                     abi_long a4)
{
    return do_syscall(NULL, nr, a1, a2, a3, a4, 0, 0);
}

/* Read a little-endian field of a guest structure at a byte offset. */
static uint64_t field(const void *base, size_t off, size_t size)
{
    uint64_t v = 0;

    memcpy(&v, (const char *)base + off, size);
    return v;
}

static void test_stat_layout(void)
{
    struct stat h;
    TargetStat t;

    memset(&h, 0, sizeof(h));
    h.st_dev = 0x1122;
    h.st_ino = 0x33445566778899ull;
    h.st_mode = 0100644;
    h.st_nlink = 3;
    h.st_uid = 1000;
    h.st_gid = 1001;
    h.st_rdev = 0x0801;
    h.st_size = 123456789;
    h.st_blksize = 4096;
    h.st_blocks = 242;
    h.st_atim.tv_sec = 1111;
    h.st_atim.tv_nsec = 2222;
    h.st_mtim.tv_sec = 3333;
    h.st_mtim.tv_nsec = 4444;
    h.st_ctim.tv_sec = 5555;
    h.st_ctim.tv_nsec = 6666;
    host_to_target_stat(&t, &h);

    /* Offsets of the riscv64 kernel's struct stat (asm-generic). */
    g_assert_cmpuint(sizeof(t), ==, 128);
    g_assert_cmphex(field(&t, 0, 8), ==, 0x1122);
    g_assert_cmphex(field(&t, 8, 8), ==, 0x33445566778899ull);
    g_assert_cmpuint(field(&t, 16, 4), ==, 0100644);
    g_assert_cmpuint(field(&t, 20, 4), ==, 3);
    g_assert_cmpuint(field(&t, 24, 4), ==, 1000);
    g_assert_cmpuint(field(&t, 28, 4), ==, 1001);
    g_assert_cmphex(field(&t, 32, 8), ==, 0x0801);
    g_assert_cmpuint(field(&t, 48, 8), ==, 123456789);
    g_assert_cmpuint(field(&t, 56, 4), ==, 4096);
    g_assert_cmpuint(field(&t, 64, 8), ==, 242);
    g_assert_cmpuint(field(&t, 72, 8), ==, 1111);
    g_assert_cmpuint(field(&t, 80, 8), ==, 2222);
    g_assert_cmpuint(field(&t, 88, 8), ==, 3333);
    g_assert_cmpuint(field(&t, 96, 8), ==, 4444);
    g_assert_cmpuint(field(&t, 104, 8), ==, 5555);
    g_assert_cmpuint(field(&t, 112, 8), ==, 6666);
    g_assert_cmpuint(field(&t, 120, 8), ==, 0);
}

static void test_epoll_layout(void)
{
    struct epoll_event h = { .events = EPOLLIN | EPOLLET };
    TargetEpollEvent t;
    struct epoll_event back;

    h.data.u64 = 0x0123456789abcdefull;
    host_to_target_epoll_event(&t, &h);
    /* The guest's data is at offset 8 (x86-64 packs it at 4). */
    g_assert_cmpuint(sizeof(struct epoll_event), ==, 12);
    g_assert_cmpuint(sizeof(t), ==, 16);
    g_assert_cmphex(field(&t, 0, 4), ==, EPOLLIN | EPOLLET);
    g_assert_cmphex(field(&t, 8, 8), ==, 0x0123456789abcdefull);

    target_to_host_epoll_event(&back, &t);
    g_assert_cmphex(back.events, ==, h.events);
    g_assert_cmphex(back.data.u64, ==, h.data.u64);
}

static void test_termios_layout(void)
{
    TargetTermios t, t2;
    HostKernelTermios h;

    memset(&t, 0, sizeof(t));
    t.c_iflag = 0x1;
    t.c_oflag = 0x2;
    t.c_cflag = 0xbf;
    t.c_lflag = 0x8a3b;
    t.c_line = 5;
    for (int i = 0; i < TARGET_NCCS; i++) {
        t.c_cc[i] = 0x40 + i;
    }
    target_to_host_termios(&h, &t);
    g_assert_cmphex(h.c_lflag, ==, 0x8a3b);
    g_assert_cmpuint(h.c_cc[6], ==, 0x46);   /* VMIN */
    g_assert_cmpuint(h.c_cc[18], ==, 0x52);
    host_to_target_termios(&t2, &h);
    g_assert_cmpmem(&t, sizeof(t), &t2, sizeof(t2));
    g_assert_cmpuint(offsetof(TargetTermios, c_cc), ==, 17);
}

static void test_errno_map(void)
{
    g_assert_cmpint(host_to_target_errno(EFAULT), ==, 14);
    g_assert_cmpint(host_to_target_errno(ENOSYS), ==, 38);
    g_assert_cmpint(host_to_target_errno(EAGAIN), ==, 11);
    g_assert_cmpint(host_to_target_errno(ENOTTY), ==, 25);
}

static void test_strace_call(void)
{
    static const char path[] = "/etc/passwd";
    const SyscallDef *def = syscall_lookup(TARGET_NR_openat);
    abi_long args[6] = { TARGET_AT_FDCWD, GA(path),
                         TARGET_O_RDONLY | TARGET_O_CLOEXEC, 0, 0, 0 };
    GString *s = g_string_new(NULL);

    g_assert_nonnull(def);
    strace_format_call(s, def, args);
    g_assert_cmpstr(s->str, ==,
                    "openat(AT_FDCWD,\"/etc/passwd\",O_RDONLY|O_CLOEXEC)");
    g_string_truncate(s, 0);
    args[2] = TARGET_O_WRONLY | TARGET_O_CREAT | TARGET_O_TRUNC;
    args[3] = 0644;
    strace_format_call(s, def, args);
    g_assert_cmpstr(s->str, ==, "openat(AT_FDCWD,\"/etc/passwd\","
                    "O_WRONLY|O_CREAT|O_TRUNC,0644)");
    g_string_truncate(s, 0);
    strace_format_ret(s, def, -ENOENT);
    g_assert_cmpstr(s->str, ==,
                    " = -1 errno=2 (No such file or directory)\n");
    g_string_truncate(s, 0);
    strace_format_ret(s, def, 3);
    g_assert_cmpstr(s->str, ==, " = 3\n");
    g_string_free(s, TRUE);
}

static void test_strace_pointers_and_bad_string(void)
{
    const SyscallDef *brk = syscall_lookup(TARGET_NR_brk);
    const SyscallDef *chdir_def = syscall_lookup(TARGET_NR_chdir);
    const SyscallDef *mprotect = syscall_lookup(TARGET_NR_mprotect);
    abi_long a0[6] = { 0 };
    abi_long bad[6] = { BAD_ADDR };
    abi_long mp[6] = { 0x71000, 16384, 1 | 2, 0, 0, 0 };
    GString *s = g_string_new(NULL);

    strace_format_call(s, brk, a0);
    strace_format_ret(s, brk, 0x7d000);
    g_assert_cmpstr(s->str, ==, "brk(NULL) = 0x000000000007d000\n");
    g_string_truncate(s, 0);
    strace_format_call(s, chdir_def, bad);
    g_assert_cmpstr(s->str, ==, "chdir(0x100)");
    g_string_truncate(s, 0);
    strace_format_call(s, mprotect, mp);
    g_assert_cmpstr(s->str, ==,
                    "mprotect(0x0000000000071000,16384,PROT_READ|PROT_WRITE)");
    g_string_truncate(s, 0);
    {
        abi_long mm[6] = { 0, 8192, 3, 0x22, -1, 0 };
        strace_format_call(s, syscall_lookup(TARGET_NR_mmap), mm);
        g_assert_cmpstr(s->str, ==, "mmap(NULL,8192,PROT_READ|PROT_WRITE,"
                        "MAP_PRIVATE|MAP_ANONYMOUS,-1,0)");
    }
    g_string_free(s, TRUE);
}

static void test_table_consistent(void)
{
    int count = 0;

    for (int nr = 0; nr < TARGET_NR_MAX; nr++) {
        const SyscallDef *d = syscall_lookup(nr);
        if (d) {
            g_assert_cmpint(d->num, ==, nr);
            g_assert_nonnull(d->fn);
            g_assert_nonnull(d->args);
            g_assert_cmpuint(strlen(d->args), <=, 6);
            count++;
        }
    }
    /* The families cover the syscalls glibc programs use. */
    g_assert_cmpint(count, >, 200);
    g_assert_nonnull(syscall_lookup(TARGET_NR_futex));
    g_assert_nonnull(syscall_lookup(TARGET_NR_newfstatat));
    g_assert_null(syscall_lookup(-1));
    g_assert_null(syscall_lookup(TARGET_NR_MAX));
}

static void test_unknown_is_enosys(void)
{
    g_assert_cmpint(call(5000, 0, 0, 0, 0), ==, -TARGET_ENOSYS);
    g_assert_cmpint(call(-3, 0, 0, 0, 0), ==, -TARGET_ENOSYS);
    g_assert_cmpint(call(TARGET_NR_clone3, 0, 0, 0, 0), ==,
                    -TARGET_ENOSYS);
}

static void test_pipe_write_read(void)
{
    int fds[2] = { -1, -1 };
    char buf[16] = { 0 };

    g_assert_cmpint(call(TARGET_NR_pipe2, GA(fds), 0, 0, 0), ==, 0);
    g_assert_cmpint(fds[0], >=, 0);
    g_assert_cmpint(call(TARGET_NR_write, fds[1], GA("hello"), 5, 0), ==, 5);
    g_assert_cmpint(call(TARGET_NR_read, fds[0], GA(buf), sizeof(buf), 0),
                    ==, 5);
    g_assert_cmpstr(buf, ==, "hello");
    /* A bad buffer is EFAULT from the layer, never a crash. */
    g_assert_cmpint(call(TARGET_NR_write, fds[1], BAD_ADDR, 5, 0), ==,
                    -TARGET_EFAULT);
    g_assert_cmpint(call(TARGET_NR_pipe2, BAD_ADDR, 0, 0, 0), ==,
                    -TARGET_EFAULT);
    /* A pipe is not a terminal. */
    g_assert_cmpint(call(TARGET_NR_ioctl, fds[0], 0x5413, GA(buf), 0), ==,
                    -TARGET_ENOTTY);
    g_assert_cmpint(call(TARGET_NR_ioctl, fds[0], 0x12345678, 0, 0), ==,
                    -TARGET_ENOTTY);
    call(TARGET_NR_close, fds[0], 0, 0, 0);
    call(TARGET_NR_close, fds[1], 0, 0, 0);
}

static void test_fstat_through_dispatch(void)
{
    char *path = g_build_filename(g_get_tmp_dir(), "vemu-stat-XXXXXX", NULL);
    int fd = g_mkstemp(path);
    TargetStat t;

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(write(fd, "0123456789", 10), ==, 10);
    memset(&t, 0xff, sizeof(t));
    g_assert_cmpint(call(TARGET_NR_fstat, fd, GA(&t), 0, 0), ==, 0);
    g_assert_cmpint(t.st_size, ==, 10);
    g_assert_cmpuint(t.st_nlink, ==, 1);
    g_assert_true(S_ISREG(t.st_mode));
    memset(&t, 0, sizeof(t));
    g_assert_cmpint(call(TARGET_NR_newfstatat, TARGET_AT_FDCWD, GA(path),
                         GA(&t), 0), ==, 0);
    g_assert_cmpint(t.st_size, ==, 10);
    g_assert_cmpint(call(TARGET_NR_fstat, fd, BAD_ADDR, 0, 0), ==,
                    -TARGET_EFAULT);
    close(fd);
    unlink(path);
    g_free(path);
}

static void test_readlink_self_exe(void)
{
    char buf[64] = { 0 };
    abi_long n = call(TARGET_NR_readlinkat, TARGET_AT_FDCWD,
                      GA("/proc/self/exe"), GA(buf), sizeof(buf));

    g_assert_cmpint(n, ==, strlen("/test/guest-exe"));
    g_assert_cmpstr(buf, ==, "/test/guest-exe");
}

static void test_uname_machine(void)
{
    struct utsname u;

    g_assert_cmpint(call(TARGET_NR_uname, GA(&u), 0, 0, 0), ==, 0);
    g_assert_cmpstr(u.machine, ==, "riscv64");
    g_assert_cmpint(call(TARGET_NR_uname, BAD_ADDR, 0, 0, 0), ==,
                    -TARGET_EFAULT);
}

static void test_epoll_through_dispatch(void)
{
    int fds[2];
    int ep = epoll_create1(0);
    TargetEpollEvent ev = { .events = EPOLLIN, .data = 0xfeedfacecafe0001ull };
    TargetEpollEvent out[2];

    g_assert_cmpint(pipe(fds), ==, 0);
    g_assert_cmpint(call(TARGET_NR_epoll_ctl, ep, EPOLL_CTL_ADD, fds[0],
                         GA(&ev)), ==, 0);
    g_assert_cmpint(write(fds[1], "x", 1), ==, 1);
    memset(out, 0, sizeof(out));
    g_assert_cmpint(do_syscall(NULL, TARGET_NR_epoll_pwait, ep, GA(out), 2,
                               0, 0, 0), ==, 1);
    g_assert_cmphex(out[0].events, ==, EPOLLIN);
    g_assert_cmphex(out[0].data, ==, 0xfeedfacecafe0001ull);
    close(fds[0]);
    close(fds[1]);
    close(ep);
}

static void test_task_state(void)
{
    TaskState ts = { 0 };
    CPUState cpu = { 0 };

    cpu.opaque = &ts;
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_set_tid_address, 0x1234, 0, 0,
                               0, 0, 0), ==, gettid());
    g_assert_cmphex(ts.child_tidptr, ==, 0x1234);
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_set_robust_list, 0x5678, 24,
                               0, 0, 0, 0), ==, 0);
    g_assert_cmphex(ts.robust_list, ==, 0x5678);
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_set_robust_list, 0x5678, 7,
                               0, 0, 0, 0), ==, -TARGET_EINVAL);
}

/* A signal queued before the call is delivered first; nothing runs. */
static void test_pending_signal_first(void)
{
    TaskState ts = { 0 };
    CPUState cpu = { 0 };
    int fds[2];
    char c;

    cpu.opaque = &ts;
    g_assert_cmpint(pipe(fds), ==, 0);
    ts.signal_pending = 1;
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_write, fds[1], GA("x"), 1, 0,
                               0, 0), ==, -TARGET_ERESTARTSYS);
    ts.signal_pending = 0;
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_write, fds[1], GA("y"), 1, 0,
                               0, 0), ==, 1);
    g_assert_cmpint(read(fds[0], &c, 1), ==, 1);
    g_assert_cmpint(c, ==, 'y');
    close(fds[0]);
    close(fds[1]);
}

static void test_wait_status_signal_mapping(void)
{
    /* Exit codes pass through; standard signals keep their numbers. */
    g_assert_cmphex(host_to_target_waitstatus(42 << 8), ==, 42 << 8);
    g_assert_cmphex(host_to_target_waitstatus(SIGKILL), ==, SIGKILL);
    g_assert_cmphex(host_to_target_waitstatus(SIGSEGV | 0x80), ==,
                    SIGSEGV | 0x80);
    /* A host real-time signal becomes the guest's number (stub map). */
    g_assert_cmphex(host_to_target_waitstatus(SIGRTMIN + 2), ==, 34);
    g_assert_cmphex(host_to_target_waitstatus(0x7f | (SIGSTOP << 8)), ==,
                    0x7f | (SIGSTOP << 8));
}

extern bool stub_restart_answer;

static void alarm_handler(int sig)
{
}

/* A blocking read cut by a host signal: restart or EINTR, per the hook. */
static abi_long interrupted_read(bool restart)
{
    struct sigaction sa = { .sa_handler = alarm_handler };
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };
    CPUState cpu = { 0 };
    int fds[2];
    char c;
    abi_long ret;

    g_assert_cmpint(pipe(fds), ==, 0);
    sigaction(SIGALRM, &sa, NULL);      /* no SA_RESTART: host EINTR */
    stub_restart_answer = restart;
    setitimer(ITIMER_REAL, &it, NULL);
    ret = do_syscall(&cpu, TARGET_NR_read, fds[0], GA(&c), 1, 0, 0, 0);
    close(fds[0]);
    close(fds[1]);
    return ret;
}

static void test_eintr_restart(void)
{
    g_assert_cmpint(interrupted_read(true), ==, -TARGET_ERESTARTSYS);
    g_assert_cmpint(interrupted_read(false), ==, -TARGET_EINTR);
}

extern bool stub_wait_begin_answer;
extern int stub_wait_begin_calls, stub_wait_end_calls;
extern bool stub_wait_end_interrupted;
extern uint64_t stub_wait_mask;

/* ppoll with a mask goes through signal.c's begin/end hooks. */
static void test_ppoll_mask_hooks(void)
{
    CPUState cpu = { 0 };
    int fds[2];
    struct pollfd p;
    struct timespec zero = { 0, 0 };
    uint64_t mask = 1ull << (SIGUSR1 - 1);

    g_assert_cmpint(pipe(fds), ==, 0);
    p.fd = fds[0];
    p.events = POLLIN;
    stub_wait_begin_calls = stub_wait_end_calls = 0;

    stub_wait_begin_answer = true;
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_ppoll, GA(&p), 1, GA(&zero),
                               GA(&mask), 8, 0), ==, 0);
    g_assert_cmpint(stub_wait_begin_calls, ==, 1);
    g_assert_cmpint(stub_wait_end_calls, ==, 1);
    g_assert_false(stub_wait_end_interrupted);
    g_assert_cmphex(stub_wait_mask, ==, mask);

    /* A signal already queued: EINTR without waiting, end(interrupted). */
    stub_wait_begin_answer = false;
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_ppoll, GA(&p), 1, 0,
                               GA(&mask), 8, 0), ==, -TARGET_EINTR);
    g_assert_cmpint(stub_wait_end_calls, ==, 2);
    g_assert_true(stub_wait_end_interrupted);

    /* No mask: no hooks; a bad sigset size is EINVAL. */
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_ppoll, GA(&p), 1, GA(&zero),
                               0, 0, 0), ==, 0);
    g_assert_cmpint(stub_wait_begin_calls, ==, 2);
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_ppoll, GA(&p), 1, GA(&zero),
                               GA(&mask), 4, 0), ==, -TARGET_EINVAL);
    stub_wait_begin_answer = true;
    close(fds[0]);
    close(fds[1]);
}

/* Read everything from a descriptor (and close it). */
static gsize slurp(int fd, char *buf, gsize size)
{
    gsize n = 0;
    ssize_t r;

    while (n < size && (r = read(fd, buf + n, size - n)) > 0) {
        n += r;
    }
    close(fd);
    return n;
}

/* /proc/self/{cmdline,auxv,maps} come from the guest's image and stack. */
static void test_procfs(void)
{
    static char args[] = "prog\0-x\0";
    uint64_t stack[] = { 2, 0x1000, 0x1005, 0, 0x2000, 0,
                         6, 4096, 9, 0x10144, 0, 0 };
    ImageInfo info = { 0 };
    TaskState ts = { 0 };
    CPUState cpu = { 0 };
    static char buf[65536];
    abi_long fd;
    gsize n;

    info.arg_start = GA(args);
    info.arg_end = GA(args) + sizeof(args) - 1;
    info.start_stack = GA(stack);
    ts.info = &info;
    cpu.opaque = &ts;

    fd = do_syscall(&cpu, TARGET_NR_openat, TARGET_AT_FDCWD,
                    GA("/proc/self/cmdline"), TARGET_O_RDONLY, 0, 0, 0);
    g_assert_cmpint(fd, >=, 0);
    n = slurp(fd, buf, sizeof(buf));
    g_assert_cmpmem(buf, n, args, sizeof(args) - 1);

    fd = do_syscall(&cpu, TARGET_NR_openat, TARGET_AT_FDCWD,
                    GA("/proc/self/auxv"), TARGET_O_RDONLY, 0, 0, 0);
    g_assert_cmpint(fd, >=, 0);
    n = slurp(fd, buf, sizeof(buf));
    /* AT_PAGESZ, AT_ENTRY and the AT_NULL terminator: 3 pairs. */
    g_assert_cmpmem(buf, n, &stack[6], 6 * sizeof(uint64_t));

    fd = do_syscall(&cpu, TARGET_NR_openat, TARGET_AT_FDCWD,
                    GA("/proc/self/maps"), TARGET_O_RDONLY, 0, 0, 0);
    g_assert_cmpint(fd, >=, 0);
    n = slurp(fd, buf, sizeof(buf) - 1);
    buf[n] = 0;
    g_assert_nonnull(strstr(buf, "[stack]"));

    /* Writing to them is refused; other /proc files are the host's. */
    g_assert_cmpint(do_syscall(&cpu, TARGET_NR_openat, TARGET_AT_FDCWD,
                               GA("/proc/self/maps"), TARGET_O_RDWR, 0, 0,
                               0), ==, -TARGET_EACCES);
    fd = do_syscall(&cpu, TARGET_NR_openat, TARGET_AT_FDCWD,
                    GA("/proc/self/status"), TARGET_O_RDONLY, 0, 0, 0);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
}

/*
 * Every syscall with every argument a bad pointer (0x100, also a harmless
 * small number) returns an error value instead of crashing vemu; those
 * that take a path first give EFAULT. Calls that end the process, need
 * an architecture, or change the test's identity are left out.
 */
static void test_bad_pointer_sweep(void)
{
    static const int skip[] = {
        TARGET_NR_exit, TARGET_NR_exit_group, TARGET_NR_clone,
        TARGET_NR_execve, TARGET_NR_execveat, TARGET_NR_rt_sigreturn,
        TARGET_NR_sigaltstack, TARGET_NR_setuid, TARGET_NR_setgid,
        TARGET_NR_setreuid, TARGET_NR_setregid, TARGET_NR_setresuid,
        TARGET_NR_setresgid, TARGET_NR_setfsuid, TARGET_NR_setfsgid,
        TARGET_NR_personality, TARGET_NR_setsid, TARGET_NR_unshare,
        TARGET_NR_umask, TARGET_NR_sync, TARGET_NR_brk,
    };
    CPUState cpu = { 0 };
    TaskState ts = { 0 };
    int checked = 0;

    cpu.opaque = &ts;
    for (int nr = 0; nr < TARGET_NR_MAX; nr++) {
        const SyscallDef *d = syscall_lookup(nr);
        bool skipped = false;
        abi_long ret;

        for (size_t i = 0; i < G_N_ELEMENTS(skip); i++) {
            skipped |= skip[i] == nr;
        }
        if (!d || skipped) {
            continue;
        }
        ret = do_syscall(&cpu, nr, BAD_ADDR, BAD_ADDR, BAD_ADDR, BAD_ADDR,
                         BAD_ADDR, BAD_ADDR);
        if (d->args[0] == 's') {
            if (ret != -TARGET_EFAULT) {
                g_test_message("%s returned %ld", d->name, (long)ret);
            }
            g_assert_cmpint(ret, ==, -TARGET_EFAULT);
        }
        checked++;
    }
    g_assert_cmpint(checked, >, 180);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/syscall/layout/stat", test_stat_layout);
    g_test_add_func("/syscall/layout/epoll", test_epoll_layout);
    g_test_add_func("/syscall/layout/termios", test_termios_layout);
    g_test_add_func("/syscall/errno", test_errno_map);
    g_test_add_func("/syscall/strace/call", test_strace_call);
    g_test_add_func("/syscall/strace/pointers",
                    test_strace_pointers_and_bad_string);
    g_test_add_func("/syscall/table", test_table_consistent);
    g_test_add_func("/syscall/unknown-enosys", test_unknown_is_enosys);
    g_test_add_func("/syscall/pipe", test_pipe_write_read);
    g_test_add_func("/syscall/fstat", test_fstat_through_dispatch);
    g_test_add_func("/syscall/readlink-self-exe", test_readlink_self_exe);
    g_test_add_func("/syscall/uname", test_uname_machine);
    g_test_add_func("/syscall/epoll", test_epoll_through_dispatch);
    g_test_add_func("/syscall/task-state", test_task_state);
    g_test_add_func("/syscall/wait-status", test_wait_status_signal_mapping);
    g_test_add_func("/syscall/pending-signal-first",
                    test_pending_signal_first);
    g_test_add_func("/syscall/eintr-restart", test_eintr_restart);
    g_test_add_func("/syscall/procfs", test_procfs);
    g_test_add_func("/syscall/bad-pointer-sweep", test_bad_pointer_sweep);
    g_test_add_func("/syscall/ppoll-mask-hooks", test_ppoll_mask_hooks);
    return g_test_run();
}
