/* SPDX-License-Identifier: MIT */
/* Process, identity, scheduling and thread-support syscalls. */
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"
#include "linux-user/user-int.h"

/* Same layouts on x86-64 and asm-generic 64-bit. */
_Static_assert(sizeof(struct utsname) == 390, "utsname");
_Static_assert(sizeof(struct sysinfo) == 112, "sysinfo");
_Static_assert(sizeof(struct rusage) == 144, "rusage");
_Static_assert(sizeof(struct rlimit) == 16, "rlimit");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo");
_Static_assert(sizeof(struct sched_param) == 4, "sched_param");
_Static_assert(sizeof(gid_t) == 4 && sizeof(uid_t) == 4, "32-bit ids");

static TaskState *task_state(CPUState *cpu)
{
    return cpu ? cpu->opaque : NULL;
}

/* ---- identity ---- */

static abi_long sys_getpid(CPUState *cpu, const abi_long *arg)
{
    return getpid();
}

static abi_long sys_getppid(CPUState *cpu, const abi_long *arg)
{
    return getppid();
}

static abi_long sys_gettid(CPUState *cpu, const abi_long *arg)
{
    return syscall(SYS_gettid);
}

static abi_long sys_getuid(CPUState *cpu, const abi_long *arg)
{
    return getuid();
}

static abi_long sys_geteuid(CPUState *cpu, const abi_long *arg)
{
    return geteuid();
}

static abi_long sys_getgid(CPUState *cpu, const abi_long *arg)
{
    return getgid();
}

static abi_long sys_getegid(CPUState *cpu, const abi_long *arg)
{
    return getegid();
}

/* getresuid/getresgid: three u32 outputs. */
static abi_long do_getres(long nr, const abi_long *arg)
{
    void *r = lock_buf(VERIFY_WRITE, arg[0], 4);
    void *e = lock_buf(VERIFY_WRITE, arg[1], 4);
    void *s = lock_buf(VERIFY_WRITE, arg[2], 4);

    if (!r || !e || !s) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(nr, r, e, s));
}

static abi_long sys_getresuid(CPUState *cpu, const abi_long *arg)
{
    return do_getres(SYS_getresuid, arg);
}

static abi_long sys_getresgid(CPUState *cpu, const abi_long *arg)
{
    return do_getres(SYS_getresgid, arg);
}

/*
 * The set*id calls go to the kernel directly: glibc's wrappers would
 * apply the change to every vemu thread, while the guest's libc already
 * runs the call on each of its threads itself.
 */
static abi_long do_raw3(long nr, const abi_long *arg)
{
    return get_errno(syscall(nr, (long)arg[0], (long)arg[1],
                             (long)arg[2]));
}

static abi_long sys_setuid(CPUState *cpu, const abi_long *arg)
{
    return do_raw3(SYS_setuid, arg);
}

static abi_long sys_setgid(CPUState *cpu, const abi_long *arg)
{
    return do_raw3(SYS_setgid, arg);
}

static abi_long sys_setreuid(CPUState *cpu, const abi_long *arg)
{
    return do_raw3(SYS_setreuid, arg);
}

static abi_long sys_setregid(CPUState *cpu, const abi_long *arg)
{
    return do_raw3(SYS_setregid, arg);
}

static abi_long sys_setresuid(CPUState *cpu, const abi_long *arg)
{
    return do_raw3(SYS_setresuid, arg);
}

static abi_long sys_setresgid(CPUState *cpu, const abi_long *arg)
{
    return do_raw3(SYS_setresgid, arg);
}

static abi_long sys_setfsuid(CPUState *cpu, const abi_long *arg)
{
    return do_raw3(SYS_setfsuid, arg);
}

static abi_long sys_setfsgid(CPUState *cpu, const abi_long *arg)
{
    return do_raw3(SYS_setfsgid, arg);
}

static abi_long sys_getgroups(CPUState *cpu, const abi_long *arg)
{
    int size = (int)arg[0];
    void *list;

    if (size < 0) {
        return -TARGET_EINVAL;
    }
    list = lock_buf(VERIFY_WRITE, arg[1], (abi_ulong)size * sizeof(gid_t));
    if (!list) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_getgroups, size, list));
}

static abi_long sys_setgroups(CPUState *cpu, const abi_long *arg)
{
    int size = (int)arg[0];
    void *list;

    if (size < 0) {
        return -TARGET_EINVAL;
    }
    list = lock_buf(VERIFY_READ, arg[1], (abi_ulong)size * sizeof(gid_t));
    if (!list) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_setgroups, size, list));
}

/* ---- system information ---- */

static abi_long sys_uname(CPUState *cpu, const abi_long *arg)
{
    struct utsname u;
    abi_long ret = get_errno(uname(&u));

    if (ret == 0) {
        /* The guest runs on a riscv64 (or aarch64) machine. */
        const char *machine = user_arch && user_arch->target
                                  ? user_arch->target->name
                                  : "riscv64";
        g_strlcpy(u.machine, machine, sizeof(u.machine));
        ret = copy_to_user(arg[0], &u, sizeof(u));
    }
    return ret;
}

static abi_long do_set_name(long nr, const abi_long *arg)
{
    void *name;

    if (arg[1] < 0) {
        return -TARGET_EINVAL;
    }
    name = lock_buf(VERIFY_READ, arg[0], arg[1]);
    if (!name) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(nr, name, (size_t)arg[1]));
}

static abi_long sys_sethostname(CPUState *cpu, const abi_long *arg)
{
    return do_set_name(SYS_sethostname, arg);
}

static abi_long sys_setdomainname(CPUState *cpu, const abi_long *arg)
{
    return do_set_name(SYS_setdomainname, arg);
}

static abi_long sys_sysinfo(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_WRITE, arg[0], sizeof(struct sysinfo));

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(sysinfo(p));
}

/*
 * Limits on the address space, data and stack would constrain vemu
 * itself (its code cache, its reservation of the guest space), so
 * setting them is accepted and ignored, as QEMU does.
 */
static bool rlimit_is_ignored(int resource)
{
    return resource == RLIMIT_AS || resource == RLIMIT_DATA ||
           resource == RLIMIT_STACK;
}

static abi_long sys_prlimit64(CPUState *cpu, const abi_long *arg)
{
    int resource = (int)arg[1];
    void *new_lim, *old_lim;

    if (!lock_opt(VERIFY_READ, arg[2], sizeof(struct rlimit), &new_lim) ||
        !lock_opt(VERIFY_WRITE, arg[3], sizeof(struct rlimit), &old_lim)) {
        return -TARGET_EFAULT;
    }
    if (new_lim && rlimit_is_ignored(resource)) {
        new_lim = NULL;
    }
    return get_errno(syscall(SYS_prlimit64, (pid_t)arg[0], resource,
                             new_lim, old_lim));
}

static abi_long sys_getrlimit(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_WRITE, arg[1], sizeof(struct rlimit));

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(getrlimit((int)arg[0], p));
}

static abi_long sys_setrlimit(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_READ, arg[1], sizeof(struct rlimit));

    if (!p) {
        return -TARGET_EFAULT;
    }
    if (rlimit_is_ignored((int)arg[0])) {
        return 0;
    }
    return get_errno(setrlimit((int)arg[0], p));
}

static abi_long sys_getrusage(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_WRITE, arg[1], sizeof(struct rusage));

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(getrusage((int)arg[0], p));
}

/* ---- sessions and process groups ---- */

static abi_long sys_setsid(CPUState *cpu, const abi_long *arg)
{
    return get_errno(setsid());
}

static abi_long sys_getsid(CPUState *cpu, const abi_long *arg)
{
    return get_errno(getsid((pid_t)arg[0]));
}

static abi_long sys_setpgid(CPUState *cpu, const abi_long *arg)
{
    return get_errno(setpgid((pid_t)arg[0], (pid_t)arg[1]));
}

static abi_long sys_getpgid(CPUState *cpu, const abi_long *arg)
{
    return get_errno(getpgid((pid_t)arg[0]));
}

/* ---- children ---- */

int host_to_target_waitstatus(int status)
{
    if (WIFSIGNALED(status)) {
        return host_to_target_signal(WTERMSIG(status)) | (status & ~0x7f);
    }
    if (WIFSTOPPED(status)) {
        return (host_to_target_signal(WSTOPSIG(status)) << 8) |
               (status & 0xff);
    }
    return status;
}

static abi_long sys_wait4(CPUState *cpu, const abi_long *arg)
{
    void *ru;
    int status;
    abi_long ret;

    if (!lock_opt(VERIFY_WRITE, arg[3], sizeof(struct rusage), &ru)) {
        return -TARGET_EFAULT;
    }
    if (arg[1] && !lock_buf(VERIFY_WRITE, arg[1], sizeof(int))) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(wait4((pid_t)arg[0], &status, (int)arg[2], ru));
    if (ret > 0 && arg[1]) {
        ret = put_user_u32(host_to_target_waitstatus(status), arg[1])
                  ? -TARGET_EFAULT : ret;
    }
    return ret;
}

static abi_long sys_waitid(CPUState *cpu, const abi_long *arg)
{
    siginfo_t *info;
    void *ru;
    abi_long ret;

    if (!lock_opt(VERIFY_WRITE, arg[2], sizeof(siginfo_t), (void **)&info) ||
        !lock_opt(VERIFY_WRITE, arg[4], sizeof(struct rusage), &ru)) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(syscall(SYS_waitid, (int)arg[0], (id_t)arg[1], info,
                            (int)arg[3], ru));
    if (ret == 0 && info && info->si_pid != 0) {
        info->si_signo = host_to_target_signal(info->si_signo);
        if (info->si_code != CLD_EXITED) {
            info->si_status = host_to_target_signal(info->si_status);
        }
    }
    return ret;
}

/* ---- process lifetime (usercore does the work) ---- */

static abi_long sys_exit(CPUState *cpu, const abi_long *arg)
{
    do_exit_thread(cpu, (int)arg[0]);
}

static abi_long sys_exit_group(CPUState *cpu, const abi_long *arg)
{
    do_exit_group(cpu, (int)arg[0]);
}

static abi_long sys_clone(CPUState *cpu, const abi_long *arg)
{
    /* asm-generic order: flags, newsp, parent_tid, tls, child_tid. */
    return do_clone(cpu, arg[0], arg[1], arg[2], arg[3], arg[4]);
}

static abi_long sys_clone3(CPUState *cpu, const abi_long *arg)
{
    /* glibc falls back to clone() on ENOSYS. */
    return -TARGET_ENOSYS;
}

static abi_long sys_execve(CPUState *cpu, const abi_long *arg)
{
    return do_execve(cpu, arg[0], arg[1], arg[2]);
}

static abi_long sys_execveat(CPUState *cpu, const abi_long *arg)
{
    /* Only the execve() equivalent is supported. */
    if ((int)arg[0] != TARGET_AT_FDCWD || arg[4] != 0) {
        return -TARGET_ENOSYS;
    }
    return do_execve(cpu, arg[1], arg[2], arg[3]);
}

static abi_long sys_set_tid_address(CPUState *cpu, const abi_long *arg)
{
    TaskState *ts = task_state(cpu);

    if (ts) {
        ts->child_tidptr = arg[0];
    }
    return syscall(SYS_gettid);
}

static abi_long sys_set_robust_list(CPUState *cpu, const abi_long *arg)
{
    TaskState *ts = task_state(cpu);

    /* struct robust_list_head is 24 bytes on 64-bit guests. */
    if (arg[1] != 24) {
        return -TARGET_EINVAL;
    }
    if (ts) {
        ts->robust_list = arg[0];
        ts->robust_list_len = arg[1];
    }
    return 0;
}

static abi_long sys_get_robust_list(CPUState *cpu, const abi_long *arg)
{
    TaskState *ts = task_state(cpu);

    if (arg[0] != 0 && arg[0] != syscall(SYS_gettid)) {
        return -TARGET_EPERM;
    }
    if (!ts) {
        return -TARGET_ENOSYS;
    }
    if (put_user_u64(ts->robust_list, arg[1]) ||
        put_user_u64(ts->robust_list_len, arg[2])) {
        return -TARGET_EFAULT;
    }
    return 0;
}

static abi_long sys_unshare(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_unshare, (unsigned long)arg[0]));
}

static abi_long sys_setns(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_setns, (int)arg[0], (int)arg[1]));
}

static abi_long sys_personality(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_personality, (unsigned long)arg[0]));
}

static abi_long sys_prctl(CPUState *cpu, const abi_long *arg)
{
    int option = (int)arg[0];
    void *p;

    switch (option) {
    case PR_SET_NAME:
        p = lock_buf(VERIFY_READ, arg[1], 1);
        if (!p || !lock_user_string(arg[1])) {
            return -TARGET_EFAULT;
        }
        return get_errno(prctl(option, p, 0, 0, 0));
    case PR_GET_NAME:
        p = lock_buf(VERIFY_WRITE, arg[1], 16);
        if (!p) {
            return -TARGET_EFAULT;
        }
        return get_errno(prctl(option, p, 0, 0, 0));
    case PR_SET_PDEATHSIG:
        return get_errno(prctl(option, target_to_host_signal((int)arg[1]),
                               0, 0, 0));
    case PR_GET_PDEATHSIG: {
        int sig;
        abi_long ret = get_errno(prctl(option, &sig, 0, 0, 0));
        if (ret == 0 &&
            put_user_u32(host_to_target_signal(sig), arg[1])) {
            return -TARGET_EFAULT;
        }
        return ret;
    }
    case PR_GET_CHILD_SUBREAPER:
        p = lock_buf(VERIFY_WRITE, arg[1], sizeof(int));
        if (!p) {
            return -TARGET_EFAULT;
        }
        return get_errno(prctl(option, p, 0, 0, 0));
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_NO_NEW_PRIVS:
    case PR_SET_CHILD_SUBREAPER:
    case PR_CAPBSET_READ:
    case PR_GET_TIMERSLACK:
    case PR_SET_TIMERSLACK:
        return get_errno(prctl(option, (unsigned long)arg[1],
                               (unsigned long)arg[2], (unsigned long)arg[3],
                               (unsigned long)arg[4]));
    default:
        /* Seccomp, mm fields, ...: acting on vemu itself is wrong. */
        return -TARGET_EINVAL;
    }
}

/* ---- scheduling ---- */

static abi_long sys_sched_yield(CPUState *cpu, const abi_long *arg)
{
    return get_errno(sched_yield());
}

static abi_long sys_sched_getaffinity(CPUState *cpu, const abi_long *arg)
{
    void *mask = lock_buf(VERIFY_WRITE, arg[2], (unsigned)arg[1]);

    if (!mask) {
        return -TARGET_EFAULT;
    }
    /* The raw call returns the size of the kernel's mask, as the guest's. */
    return get_errno(syscall(SYS_sched_getaffinity, (pid_t)arg[0],
                             (unsigned)arg[1], mask));
}

static abi_long sys_sched_setaffinity(CPUState *cpu, const abi_long *arg)
{
    void *mask = lock_buf(VERIFY_READ, arg[2], (unsigned)arg[1]);

    if (!mask) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_sched_setaffinity, (pid_t)arg[0],
                             (unsigned)arg[1], mask));
}

static abi_long sys_getcpu(CPUState *cpu, const abi_long *arg)
{
    void *c, *n;

    if (!lock_opt(VERIFY_WRITE, arg[0], 4, &c) ||
        !lock_opt(VERIFY_WRITE, arg[1], 4, &n)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_getcpu, c, n, NULL));
}

static abi_long sys_getpriority(CPUState *cpu, const abi_long *arg)
{
    /* The raw call returns 20 - nice, which the guest's libc expects. */
    return get_errno(syscall(SYS_getpriority, (int)arg[0], (int)arg[1]));
}

static abi_long sys_setpriority(CPUState *cpu, const abi_long *arg)
{
    return do_raw3(SYS_setpriority, arg);
}

static abi_long sys_sched_getscheduler(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_sched_getscheduler, (pid_t)arg[0]));
}

static abi_long do_sched_param(long nr, const abi_long *arg, int idx,
                               int type)
{
    void *p = lock_buf(type, arg[idx], sizeof(struct sched_param));

    if (!p) {
        return -TARGET_EFAULT;
    }
    if (idx == 1) {
        return get_errno(syscall(nr, (pid_t)arg[0], p));
    }
    return get_errno(syscall(nr, (pid_t)arg[0], (int)arg[1], p));
}

static abi_long sys_sched_getparam(CPUState *cpu, const abi_long *arg)
{
    return do_sched_param(SYS_sched_getparam, arg, 1, VERIFY_WRITE);
}

static abi_long sys_sched_setparam(CPUState *cpu, const abi_long *arg)
{
    return do_sched_param(SYS_sched_setparam, arg, 1, VERIFY_READ);
}

static abi_long sys_sched_setscheduler(CPUState *cpu, const abi_long *arg)
{
    return do_sched_param(SYS_sched_setscheduler, arg, 2, VERIFY_READ);
}

static abi_long sys_sched_get_priority_max(CPUState *cpu,
                                           const abi_long *arg)
{
    return get_errno(sched_get_priority_max((int)arg[0]));
}

static abi_long sys_sched_get_priority_min(CPUState *cpu,
                                           const abi_long *arg)
{
    return get_errno(sched_get_priority_min((int)arg[0]));
}

static abi_long sys_sched_rr_get_interval(CPUState *cpu,
                                          const abi_long *arg)
{
    void *ts = lock_buf(VERIFY_WRITE, arg[1], sizeof(struct timespec));

    if (!ts) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_sched_rr_get_interval, (pid_t)arg[0], ts));
}

static abi_long sys_syslog(CPUState *cpu, const abi_long *arg)
{
    void *buf;

    if ((int)arg[2] < 0) {
        return -TARGET_EINVAL;
    }
    if (!lock_opt(VERIFY_WRITE, arg[1], (unsigned)arg[2], &buf)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_syslog, (int)arg[0], buf, (int)arg[2]));
}

static abi_long sys_ioprio_get(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_ioprio_get, (int)arg[0], (int)arg[1]));
}

static abi_long sys_ioprio_set(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_ioprio_set, (int)arg[0], (int)arg[1],
                             (int)arg[2]));
}

static abi_long do_cap(long nr, const abi_long *arg, int data_type)
{
    /* header {u32 version; i32 pid}, data up to 2 x {u32 x3}. */
    void *hdr = lock_buf(VERIFY_WRITE, arg[0], 8);
    void *data;

    if (!hdr || !lock_opt(data_type, arg[1], 24, &data)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(nr, hdr, data));
}

static abi_long sys_capget(CPUState *cpu, const abi_long *arg)
{
    return do_cap(SYS_capget, arg, VERIFY_WRITE);
}

static abi_long sys_capset(CPUState *cpu, const abi_long *arg)
{
    return do_cap(SYS_capset, arg, VERIFY_READ);
}

/* ---- futex and friends ---- */

static bool futex_has_timeout(int cmd)
{
    return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
           cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
           cmd == FUTEX_WAIT_REQUEUE_PI;
}

static bool futex_has_uaddr2(int cmd)
{
    return cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE ||
           cmd == FUTEX_WAKE_OP || cmd == FUTEX_CMP_REQUEUE_PI ||
           cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* Ops where the kernel itself stores to uaddr (or uaddr2: WAKE_OP). */
static bool futex_writes_uaddr(int cmd)
{
    return cmd == FUTEX_LOCK_PI || cmd == FUTEX_LOCK_PI2 ||
           cmd == FUTEX_TRYLOCK_PI || cmd == FUTEX_UNLOCK_PI ||
           cmd == FUTEX_WAIT_REQUEUE_PI || cmd == FUTEX_CMP_REQUEUE_PI;
}

static abi_long sys_futex(CPUState *cpu, const abi_long *arg)
{
    int op = (int)arg[1];
    int cmd = op & TARGET_FUTEX_CMD_MASK;
    void *uaddr2 = NULL;
    void *timeout = NULL;
    long val2 = (long)arg[3];

    /*
     * The futex words are only checked to lie in the guest space: the
     * host kernel then faults exactly where the guest's would (a private
     * FUTEX_WAKE never touches memory and succeeds on unmapped pages).
     */
    if (!guest_range_valid(arg[0], sizeof(uint32_t))) {
        return -TARGET_EFAULT;
    }
    /*
     * A futex word on a page holding translated code is write-protected
     * on the host: let lock_user make it writable before the kernel
     * stores to it (a failure is left for the kernel to report).
     */
    if (futex_writes_uaddr(cmd)) {
        lock_user(VERIFY_WRITE, arg[0], sizeof(uint32_t));
    }
    if (cmd == FUTEX_WAKE_OP &&
        guest_range_valid(arg[4], sizeof(uint32_t))) {
        lock_user(VERIFY_WRITE, arg[4], sizeof(uint32_t));
    }
    if (futex_has_timeout(cmd)) {
        if (!lock_opt(VERIFY_READ, arg[3], sizeof(struct timespec),
                      &timeout)) {
            return -TARGET_EFAULT;
        }
        val2 = (long)(uintptr_t)timeout;
    }
    if (futex_has_uaddr2(cmd)) {
        if (!guest_range_valid(arg[4], sizeof(uint32_t))) {
            return -TARGET_EFAULT;
        }
        uaddr2 = g2h(arg[4]);
    }
    /*
     * Guest threads are host threads and guest memory is host memory,
     * so the host futex gives the exact semantics (shared and private).
     */
    return get_errno(syscall(SYS_futex, g2h(arg[0]), op, (uint32_t)arg[2], val2,
                             uaddr2, (uint32_t)arg[5]));
}

static abi_long sys_getrandom(CPUState *cpu, const abi_long *arg)
{
    void *p = lock_buf(VERIFY_WRITE, arg[0], arg[1]);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_getrandom, p, (size_t)arg[1],
                             (unsigned)arg[2]));
}

static abi_long sys_membarrier(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_membarrier, (int)arg[0], (unsigned)arg[1],
                             (int)arg[2]));
}

static abi_long sys_enosys(CPUState *cpu, const abi_long *arg)
{
    return -TARGET_ENOSYS;
}

static abi_long sys_riscv_flush_icache(CPUState *cpu, const abi_long *arg)
{
    /* The number is riscv's own: other architectures have no such call. */
    if (user_arch && user_arch->target &&
        strcmp(user_arch->target->name, "riscv64") != 0) {
        return -TARGET_ENOSYS;
    }
    /* Translated code is already invalidated when guest code is written. */
    return 0;
}

const SyscallDef syscall_proc_defs[] = {
    { TARGET_NR_getpid, "getpid", sys_getpid, "", 'd' },
    { TARGET_NR_getppid, "getppid", sys_getppid, "", 'd' },
    { TARGET_NR_gettid, "gettid", sys_gettid, "", 'd' },
    { TARGET_NR_getuid, "getuid", sys_getuid, "", 'd' },
    { TARGET_NR_geteuid, "geteuid", sys_geteuid, "", 'd' },
    { TARGET_NR_getgid, "getgid", sys_getgid, "", 'd' },
    { TARGET_NR_getegid, "getegid", sys_getegid, "", 'd' },
    { TARGET_NR_getresuid, "getresuid", sys_getresuid, "ppp", 'd' },
    { TARGET_NR_getresgid, "getresgid", sys_getresgid, "ppp", 'd' },
    { TARGET_NR_setuid, "setuid", sys_setuid, "d", 'd' },
    { TARGET_NR_setgid, "setgid", sys_setgid, "d", 'd' },
    { TARGET_NR_setreuid, "setreuid", sys_setreuid, "dd", 'd' },
    { TARGET_NR_setregid, "setregid", sys_setregid, "dd", 'd' },
    { TARGET_NR_setresuid, "setresuid", sys_setresuid, "ddd", 'd' },
    { TARGET_NR_setresgid, "setresgid", sys_setresgid, "ddd", 'd' },
    { TARGET_NR_setfsuid, "setfsuid", sys_setfsuid, "d", 'd' },
    { TARGET_NR_setfsgid, "setfsgid", sys_setfsgid, "d", 'd' },
    { TARGET_NR_getgroups, "getgroups", sys_getgroups, "dp", 'd' },
    { TARGET_NR_setgroups, "setgroups", sys_setgroups, "dp", 'd' },
    { TARGET_NR_uname, "uname", sys_uname, "p", 'd' },
    { TARGET_NR_sethostname, "sethostname", sys_sethostname, "pd", 'd' },
    { TARGET_NR_setdomainname, "setdomainname", sys_setdomainname, "pd",
      'd' },
    { TARGET_NR_sysinfo, "sysinfo", sys_sysinfo, "p", 'd' },
    { TARGET_NR_prlimit64, "prlimit64", sys_prlimit64, "ddpp", 'd' },
    { TARGET_NR_getrlimit, "getrlimit", sys_getrlimit, "dp", 'd' },
    { TARGET_NR_setrlimit, "setrlimit", sys_setrlimit, "dp", 'd' },
    { TARGET_NR_getrusage, "getrusage", sys_getrusage, "dp", 'd' },
    { TARGET_NR_setsid, "setsid", sys_setsid, "", 'd' },
    { TARGET_NR_getsid, "getsid", sys_getsid, "d", 'd' },
    { TARGET_NR_setpgid, "setpgid", sys_setpgid, "dd", 'd' },
    { TARGET_NR_getpgid, "getpgid", sys_getpgid, "d", 'd' },
    { TARGET_NR_wait4, "wait4", sys_wait4, "dpxp", 'd', SYSCALL_RESTART },
    { TARGET_NR_waitid, "waitid", sys_waitid, "ddpxp", 'd', SYSCALL_RESTART },
    { TARGET_NR_exit, "exit", sys_exit, "d", 'n' },
    { TARGET_NR_exit_group, "exit_group", sys_exit_group, "d", 'n' },
    { TARGET_NR_clone, "clone", sys_clone, "xpppp", 'd' },
    { TARGET_NR_clone3, "clone3", sys_clone3, "pu", 'd' },
    { TARGET_NR_execve, "execve", sys_execve, "spp", 'd' },
    { TARGET_NR_execveat, "execveat", sys_execveat, "fsppx", 'd' },
    { TARGET_NR_set_tid_address, "set_tid_address", sys_set_tid_address,
      "p", 'd' },
    { TARGET_NR_set_robust_list, "set_robust_list", sys_set_robust_list,
      "pu", 'd' },
    { TARGET_NR_get_robust_list, "get_robust_list", sys_get_robust_list,
      "dpp", 'd' },
    { TARGET_NR_unshare, "unshare", sys_unshare, "x", 'd' },
    { TARGET_NR_setns, "setns", sys_setns, "dx", 'd' },
    { TARGET_NR_personality, "personality", sys_personality, "x", 'd' },
    { TARGET_NR_prctl, "prctl", sys_prctl, "dxxxx", 'd' },
    { TARGET_NR_sched_yield, "sched_yield", sys_sched_yield, "", 'd' },
    { TARGET_NR_sched_getaffinity, "sched_getaffinity",
      sys_sched_getaffinity, "dup", 'd' },
    { TARGET_NR_sched_setaffinity, "sched_setaffinity",
      sys_sched_setaffinity, "dup", 'd' },
    { TARGET_NR_getcpu, "getcpu", sys_getcpu, "ppp", 'd' },
    { TARGET_NR_getpriority, "getpriority", sys_getpriority, "dd", 'd' },
    { TARGET_NR_setpriority, "setpriority", sys_setpriority, "ddd", 'd' },
    { TARGET_NR_sched_getscheduler, "sched_getscheduler",
      sys_sched_getscheduler, "d", 'd' },
    { TARGET_NR_sched_setscheduler, "sched_setscheduler",
      sys_sched_setscheduler, "ddp", 'd' },
    { TARGET_NR_sched_getparam, "sched_getparam", sys_sched_getparam, "dp",
      'd' },
    { TARGET_NR_sched_setparam, "sched_setparam", sys_sched_setparam, "dp",
      'd' },
    { TARGET_NR_sched_get_priority_max, "sched_get_priority_max",
      sys_sched_get_priority_max, "d", 'd' },
    { TARGET_NR_sched_get_priority_min, "sched_get_priority_min",
      sys_sched_get_priority_min, "d", 'd' },
    { TARGET_NR_sched_rr_get_interval, "sched_rr_get_interval",
      sys_sched_rr_get_interval, "dp", 'd' },
    { TARGET_NR_syslog, "syslog", sys_syslog, "dpd", 'd' },
    { TARGET_NR_ioprio_get, "ioprio_get", sys_ioprio_get, "dd", 'd' },
    { TARGET_NR_ioprio_set, "ioprio_set", sys_ioprio_set, "ddx", 'd' },
    { TARGET_NR_capget, "capget", sys_capget, "pp", 'd' },
    { TARGET_NR_capset, "capset", sys_capset, "pp", 'd' },
    { TARGET_NR_futex, "futex", sys_futex, "pddppd", 'd' },
    { TARGET_NR_getrandom, "getrandom", sys_getrandom, "pux", 'd', SYSCALL_RESTART },
    { TARGET_NR_membarrier, "membarrier", sys_membarrier, "dxd", 'd' },
    { TARGET_NR_rseq, "rseq", sys_enosys, "puxx", 'd' },
    { TARGET_NR_riscv_hwprobe, "riscv_hwprobe", sys_enosys, "pupux", 'd' },
    { TARGET_NR_riscv_flush_icache, "riscv_flush_icache",
      sys_riscv_flush_icache, "ppx", 'd' },
    { 0, NULL, NULL, NULL, 0 },
};
