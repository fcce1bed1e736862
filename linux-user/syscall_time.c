/* SPDX-License-Identifier: MIT */
/* Clocks, sleeps, interval timers and timerfd. */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"

/* timespec, timeval, itimerval, itimerspec, tms: same on both ABIs. */
_Static_assert(sizeof(struct timespec) == 16, "timespec");
_Static_assert(sizeof(struct timeval) == 16, "timeval");
_Static_assert(sizeof(struct itimerspec) == 32, "itimerspec");
_Static_assert(sizeof(struct itimerval) == 32, "itimerval");
_Static_assert(sizeof(struct tms) == 32, "tms");

static abi_long sys_clock_gettime(CPUState *cpu, const abi_long *arg)
{
    void *tp = lock_buf(VERIFY_WRITE, arg[1], sizeof(struct timespec));

    if (!tp) {
        return -TARGET_EFAULT;
    }
    return get_errno(clock_gettime((clockid_t)arg[0], tp));
}

static abi_long sys_clock_getres(CPUState *cpu, const abi_long *arg)
{
    void *tp;

    if (!lock_opt(VERIFY_WRITE, arg[1], sizeof(struct timespec), &tp)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_clock_getres, (clockid_t)arg[0], tp));
}

static abi_long sys_clock_settime(CPUState *cpu, const abi_long *arg)
{
    void *tp = lock_buf(VERIFY_READ, arg[1], sizeof(struct timespec));

    if (!tp) {
        return -TARGET_EFAULT;
    }
    return get_errno(clock_settime((clockid_t)arg[0], tp));
}

/*
 * Sleeps: a host signal meant for the guest interrupts them with EINTR,
 * which goes back to the guest unchanged (the remaining time is written
 * by the host kernel straight into guest memory).
 */
static abi_long sys_clock_nanosleep(CPUState *cpu, const abi_long *arg)
{
    void *req = lock_buf(VERIFY_READ, arg[2], sizeof(struct timespec));
    void *rem;

    if (!req ||
        !lock_opt(VERIFY_WRITE, arg[3], sizeof(struct timespec), &rem)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_clock_nanosleep, (clockid_t)arg[0],
                             (int)arg[1], req, rem));
}

static abi_long sys_nanosleep(CPUState *cpu, const abi_long *arg)
{
    void *req = lock_buf(VERIFY_READ, arg[0], sizeof(struct timespec));
    void *rem;

    if (!req ||
        !lock_opt(VERIFY_WRITE, arg[1], sizeof(struct timespec), &rem)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_nanosleep, req, rem));
}

static abi_long sys_gettimeofday(CPUState *cpu, const abi_long *arg)
{
    void *tv, *tz;

    if (!lock_opt(VERIFY_WRITE, arg[0], sizeof(struct timeval), &tv) ||
        !lock_opt(VERIFY_WRITE, arg[1], sizeof(struct timezone), &tz)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_gettimeofday, tv, tz));
}

static abi_long sys_settimeofday(CPUState *cpu, const abi_long *arg)
{
    void *tv, *tz;

    if (!lock_opt(VERIFY_READ, arg[0], sizeof(struct timeval), &tv) ||
        !lock_opt(VERIFY_READ, arg[1], sizeof(struct timezone), &tz)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_settimeofday, tv, tz));
}

static abi_long sys_adjtimex(CPUState *cpu, const abi_long *arg)
{
    /* Changing the host clock is not something a guest gets to do. */
    return -TARGET_EPERM;
}

static abi_long sys_times(CPUState *cpu, const abi_long *arg)
{
    void *buf;

    if (!lock_opt(VERIFY_WRITE, arg[0], sizeof(struct tms), &buf)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_times, buf));
}

static abi_long sys_getitimer(CPUState *cpu, const abi_long *arg)
{
    void *v = lock_buf(VERIFY_WRITE, arg[1], sizeof(struct itimerval));

    if (!v) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_getitimer, (int)arg[0], v));
}

static abi_long sys_setitimer(CPUState *cpu, const abi_long *arg)
{
    void *nv, *ov;

    if (!lock_opt(VERIFY_READ, arg[1], sizeof(struct itimerval), &nv) ||
        !lock_opt(VERIFY_WRITE, arg[2], sizeof(struct itimerval), &ov)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_setitimer, (int)arg[0], nv, ov));
}

static abi_long sys_timerfd_create(CPUState *cpu, const abi_long *arg)
{
    /* TFD_* flags equal O_NONBLOCK/O_CLOEXEC, the same on both sides. */
    return get_errno(timerfd_create((int)arg[0], (int)arg[1]));
}

static abi_long sys_timerfd_settime(CPUState *cpu, const abi_long *arg)
{
    void *nv = lock_buf(VERIFY_READ, arg[2], sizeof(struct itimerspec));
    void *ov;

    if (!nv ||
        !lock_opt(VERIFY_WRITE, arg[3], sizeof(struct itimerspec), &ov)) {
        return -TARGET_EFAULT;
    }
    return get_errno(timerfd_settime((int)arg[0], (int)arg[1], nv, ov));
}

static abi_long sys_timerfd_gettime(CPUState *cpu, const abi_long *arg)
{
    void *v = lock_buf(VERIFY_WRITE, arg[1], sizeof(struct itimerspec));

    if (!v) {
        return -TARGET_EFAULT;
    }
    return get_errno(timerfd_gettime((int)arg[0], v));
}

/*
 * POSIX timers. The kernel's struct sigevent is 64 bytes on both ABIs:
 * sigval (8), signo (4), notify (4), then tid or padding. Only the
 * signal number needs mapping; timer ids are plain ints.
 */
typedef struct TargetSigevent {
    uint64_t sigev_value;
    int32_t sigev_signo;
    int32_t sigev_notify;
    int32_t sigev_tid;
    int32_t pad[11];
} TargetSigevent;

_Static_assert(sizeof(TargetSigevent) == 64, "sigevent");

static abi_long sys_timer_create(CPUState *cpu, const abi_long *arg)
{
    TargetSigevent ev;
    void *id = lock_buf(VERIFY_WRITE, arg[2], sizeof(int));

    if (!id) {
        return -TARGET_EFAULT;
    }
    if (arg[1] == 0) {
        return get_errno(syscall(SYS_timer_create, (clockid_t)arg[0], NULL,
                                 id));
    }
    if (copy_from_user(&ev, arg[1], sizeof(ev))) {
        return -TARGET_EFAULT;
    }
    if (ev.sigev_notify != SIGEV_NONE) {
        ev.sigev_signo = target_to_host_signal(ev.sigev_signo);
    }
    return get_errno(syscall(SYS_timer_create, (clockid_t)arg[0], &ev, id));
}

static abi_long sys_timer_settime(CPUState *cpu, const abi_long *arg)
{
    void *nv = lock_buf(VERIFY_READ, arg[2], sizeof(struct itimerspec));
    void *ov;

    if (!nv ||
        !lock_opt(VERIFY_WRITE, arg[3], sizeof(struct itimerspec), &ov)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_timer_settime, (int)arg[0], (int)arg[1],
                             nv, ov));
}

static abi_long sys_timer_gettime(CPUState *cpu, const abi_long *arg)
{
    void *v = lock_buf(VERIFY_WRITE, arg[1], sizeof(struct itimerspec));

    if (!v) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(SYS_timer_gettime, (int)arg[0], v));
}

static abi_long sys_timer_getoverrun(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_timer_getoverrun, (int)arg[0]));
}

static abi_long sys_timer_delete(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_timer_delete, (int)arg[0]));
}

const SyscallDef syscall_time_defs[] = {
    { TARGET_NR_clock_gettime, "clock_gettime", sys_clock_gettime, "dp",
      'd' },
    { TARGET_NR_clock_getres, "clock_getres", sys_clock_getres, "dp", 'd' },
    { TARGET_NR_clock_settime, "clock_settime", sys_clock_settime, "dp",
      'd' },
    { TARGET_NR_clock_nanosleep, "clock_nanosleep", sys_clock_nanosleep,
      "ddpp", 'd' },
    { TARGET_NR_nanosleep, "nanosleep", sys_nanosleep, "pp", 'd' },
    { TARGET_NR_gettimeofday, "gettimeofday", sys_gettimeofday, "pp", 'd' },
    { TARGET_NR_settimeofday, "settimeofday", sys_settimeofday, "pp", 'd' },
    { TARGET_NR_adjtimex, "adjtimex", sys_adjtimex, "p", 'd' },
    { TARGET_NR_clock_adjtime, "clock_adjtime", sys_adjtimex, "dp", 'd' },
    { TARGET_NR_times, "times", sys_times, "p", 'd' },
    { TARGET_NR_getitimer, "getitimer", sys_getitimer, "dp", 'd' },
    { TARGET_NR_setitimer, "setitimer", sys_setitimer, "dpp", 'd' },
    { TARGET_NR_timerfd_create, "timerfd_create", sys_timerfd_create, "dx",
      'd' },
    { TARGET_NR_timerfd_settime, "timerfd_settime", sys_timerfd_settime,
      "dxpp", 'd' },
    { TARGET_NR_timerfd_gettime, "timerfd_gettime", sys_timerfd_gettime,
      "dp", 'd' },
    { TARGET_NR_timer_create, "timer_create", sys_timer_create, "dpp",
      'd' },
    { TARGET_NR_timer_settime, "timer_settime", sys_timer_settime, "dxpp",
      'd' },
    { TARGET_NR_timer_gettime, "timer_gettime", sys_timer_gettime, "dp",
      'd' },
    { TARGET_NR_timer_getoverrun, "timer_getoverrun", sys_timer_getoverrun,
      "d", 'd' },
    { TARGET_NR_timer_delete, "timer_delete", sys_timer_delete, "d", 'd' },
    { 0, NULL, NULL, NULL, 0 },
};
