/* SPDX-License-Identifier: MIT */
/* Waiting on descriptors: poll, select, epoll, eventfd, signalfd, inotify. */
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"

_Static_assert(sizeof(struct pollfd) == 8, "pollfd");
_Static_assert(sizeof(fd_set) == 128, "fd_set");

/* Kernel sigset size for the host calls (not glibc's 128 bytes). */
#define HOST_KERNEL_SIGSET_SIZE 8

/*
 * Read an optional guest sigset (signalfd) into a host sigset. Returns 0
 * with *use false when there is none.
 */
static abi_long get_poll_sigmask(abi_ulong addr, abi_ulong size,
                                 sigset_t *host, bool *use)
{
    uint64_t guest;

    *use = false;
    if (addr == 0) {
        return 0;
    }
    if (size != sizeof(uint64_t)) {
        return -TARGET_EINVAL;
    }
    if (get_user_u64(&guest, addr)) {
        return -TARGET_EFAULT;
    }
    target_to_host_sigset(host, guest);
    *use = true;
    return 0;
}

/* Optional hooks of signal.c (see user.h): weak, so they may be missing. */
extern bool signal_wait_mask_begin(CPUState *cpu, uint64_t mask,
                                   sigset_t *host) __attribute__((weak));
extern void signal_wait_mask_end(CPUState *cpu, bool interrupted)
    __attribute__((weak));

/* The temporary signal mask of a ppoll/pselect6/epoll_pwait call. */
typedef struct PollMask {
    bool use;       /* the guest gave one: pass `host` to the host call */
    bool hooked;    /* signal.c tracks it like rt_sigsuspend's */
    abi_ulong addr; /* the guest's copy of the mask */
    sigset_t host;
} PollMask;

/*
 * Install the call's mask. With signal.c's hooks, a signal that cuts the
 * wait is handled under that mask, as on Linux; without them the mask
 * only applies to the host call (a handler may then run late). Returns
 * -TARGET_EINTR when a deliverable signal is already queued.
 */
static abi_long poll_mask_begin(CPUState *cpu, abi_ulong addr,
                                abi_ulong size, PollMask *pm)
{
    uint64_t guest;

    pm->use = false;
    pm->hooked = false;
    if (addr == 0) {
        return 0;
    }
    if (size != sizeof(uint64_t)) {
        return -TARGET_EINVAL;
    }
    if (get_user_u64(&guest, addr)) {
        return -TARGET_EFAULT;
    }
    pm->use = true;
    pm->addr = addr;
    if (cpu && signal_wait_mask_begin && signal_wait_mask_end) {
        pm->hooked = true;
        if (!signal_wait_mask_begin(cpu, guest, &pm->host)) {
            signal_wait_mask_end(cpu, true);
            return -TARGET_EINTR;
        }
        return 0;
    }
    target_to_host_sigset(&pm->host, guest);
    return 0;
}

static abi_long poll_mask_end(CPUState *cpu, PollMask *pm, abi_long ret)
{
    if (pm->hooked) {
        signal_wait_mask_end(cpu, ret == -TARGET_EINTR);
    } else if (pm->use && cpu && ret == -TARGET_EINTR) {
        /*
         * Without the hooks: the host handler has queued a signal the
         * call's mask lets through. rt_sigsuspend with the same mask
         * finds it queued, returns at once, and has it handled under
         * that mask with the old one restored afterwards: what Linux
         * does for an interrupted ppoll/pselect/epoll_pwait.
         */
        ret = do_rt_sigsuspend(cpu, pm->addr, sizeof(uint64_t));
    }
    return ret;
}

static abi_long sys_ppoll(CPUState *cpu, const abi_long *arg)
{
    abi_ulong nfds = arg[1];
    void *fds, *tmo;
    PollMask pm;
    abi_long ret;

    if (nfds > (abi_ulong)INT_MAX / sizeof(struct pollfd)) {
        return -TARGET_EINVAL;
    }
    fds = lock_buf(VERIFY_WRITE, arg[0], nfds * sizeof(struct pollfd));
    if (!fds ||
        !lock_opt(VERIFY_WRITE, arg[2], sizeof(struct timespec), &tmo)) {
        return -TARGET_EFAULT;
    }
    ret = poll_mask_begin(cpu, arg[3], arg[4], &pm);
    if (ret) {
        return ret;
    }
    ret = get_errno(syscall(SYS_ppoll, fds, (unsigned long)nfds, tmo,
                            pm.use ? &pm.host : NULL,
                            HOST_KERNEL_SIGSET_SIZE));
    return poll_mask_end(cpu, &pm, ret);
}

static abi_long sys_pselect6(CPUState *cpu, const abi_long *arg)
{
    int nfds = (int)arg[0];
    size_t setsize;
    void *sets[3];
    void *tmo;
    PollMask pm = { false, false };
    abi_long ret;
    struct {
        const sigset_t *set;
        size_t size;
    } host_sig = { NULL, HOST_KERNEL_SIGSET_SIZE };

    if (nfds < 0) {
        return -TARGET_EINVAL;
    }
    setsize = ((size_t)nfds + 63) / 64 * 8;
    for (int i = 0; i < 3; i++) {
        if (!lock_opt(VERIFY_WRITE, arg[1 + i], setsize, &sets[i])) {
            return -TARGET_EFAULT;
        }
    }
    if (!lock_opt(VERIFY_WRITE, arg[4], sizeof(struct timespec), &tmo)) {
        return -TARGET_EFAULT;
    }
    /* The 6th argument points at { const sigset_t *ss; size_t ss_len }. */
    if (arg[5]) {
        uint64_t ss, len;
        if (get_user_u64(&ss, arg[5]) || get_user_u64(&len, arg[5] + 8)) {
            return -TARGET_EFAULT;
        }
        ret = poll_mask_begin(cpu, ss, len, &pm);
        if (ret) {
            return ret;
        }
        host_sig.set = pm.use ? &pm.host : NULL;
    }
    ret = get_errno(syscall(SYS_pselect6, nfds, sets[0], sets[1], sets[2],
                            tmo, arg[5] ? &host_sig : NULL));
    return poll_mask_end(cpu, &pm, ret);
}

static abi_long sys_epoll_create1(CPUState *cpu, const abi_long *arg)
{
    return get_errno(epoll_create1((int)arg[0]));
}

static abi_long sys_epoll_ctl(CPUState *cpu, const abi_long *arg)
{
    struct epoll_event ev;
    TargetEpollEvent tev;

    /* EPOLL_CTL_DEL ignores the event (old kernels wanted non-NULL). */
    if (arg[3] == 0) {
        return get_errno(epoll_ctl((int)arg[0], (int)arg[1], (int)arg[2],
                                   NULL));
    }
    if (copy_from_user(&tev, arg[3], sizeof(tev))) {
        return -TARGET_EFAULT;
    }
    target_to_host_epoll_event(&ev, &tev);
    return get_errno(epoll_ctl((int)arg[0], (int)arg[1], (int)arg[2], &ev));
}

/* epoll_pwait and epoll_pwait2 differ only in the timeout's type. */
static abi_long do_epoll_wait(CPUState *cpu, const abi_long *arg,
                              bool timespec_timeout)
{
    int maxevents = (int)arg[2];
    struct epoll_event *events;
    TargetEpollEvent *out;
    PollMask pm;
    void *tmo = NULL;
    abi_long ret;

    if (maxevents <= 0 || maxevents > INT_MAX / (int)sizeof(*out)) {
        return -TARGET_EINVAL;
    }
    out = lock_buf(VERIFY_WRITE, arg[1], maxevents * sizeof(*out));
    if (!out) {
        return -TARGET_EFAULT;
    }
    if (timespec_timeout &&
        !lock_opt(VERIFY_READ, arg[3], sizeof(struct timespec), &tmo)) {
        return -TARGET_EFAULT;
    }
    ret = poll_mask_begin(cpu, arg[4], arg[5], &pm);
    if (ret) {
        return ret;
    }
    events = g_new(struct epoll_event, maxevents);
    if (timespec_timeout) {
        ret = get_errno(syscall(SYS_epoll_pwait2, (int)arg[0], events,
                                maxevents, tmo, pm.use ? &pm.host : NULL,
                                HOST_KERNEL_SIGSET_SIZE));
    } else {
        ret = get_errno(syscall(SYS_epoll_pwait, (int)arg[0], events,
                                maxevents, (int)arg[3],
                                pm.use ? &pm.host : NULL,
                                HOST_KERNEL_SIGSET_SIZE));
    }
    ret = poll_mask_end(cpu, &pm, ret);
    for (abi_long i = 0; i < ret; i++) {
        host_to_target_epoll_event(&out[i], &events[i]);
    }
    g_free(events);
    return ret;
}

static abi_long sys_epoll_pwait(CPUState *cpu, const abi_long *arg)
{
    return do_epoll_wait(cpu, arg, false);
}

static abi_long sys_epoll_pwait2(CPUState *cpu, const abi_long *arg)
{
    return do_epoll_wait(cpu, arg, true);
}

static abi_long sys_eventfd2(CPUState *cpu, const abi_long *arg)
{
    return get_errno(eventfd((unsigned)arg[0], (int)arg[1]));
}

static abi_long sys_signalfd4(CPUState *cpu, const abi_long *arg)
{
    sigset_t mask;
    bool use_mask;
    abi_long ret;

    if (arg[1] == 0) {
        return -TARGET_EFAULT;
    }
    ret = get_poll_sigmask(arg[1], arg[2], &mask, &use_mask);
    if (ret) {
        return ret;
    }
    /*
     * The signalfd_siginfo records read later carry host signal numbers;
     * they equal the guest's for the standard signals 1..31.
     */
    return get_errno(syscall(SYS_signalfd4, (int)arg[0], &mask,
                             HOST_KERNEL_SIGSET_SIZE, (int)arg[3]));
}

static abi_long sys_inotify_init1(CPUState *cpu, const abi_long *arg)
{
    return get_errno(inotify_init1((int)arg[0]));
}

static abi_long sys_inotify_add_watch(CPUState *cpu, const abi_long *arg)
{
    char buf[PATH_MAX];
    const char *p = lock_user_path(arg[1], buf, sizeof(buf));

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(inotify_add_watch((int)arg[0], p, (uint32_t)arg[2]));
}

static abi_long sys_inotify_rm_watch(CPUState *cpu, const abi_long *arg)
{
    return get_errno(inotify_rm_watch((int)arg[0], (int)arg[1]));
}

const SyscallDef syscall_poll_defs[] = {
    { TARGET_NR_ppoll, "ppoll", sys_ppoll, "pupp", 'd' },
    { TARGET_NR_pselect6, "pselect6", sys_pselect6, "dppppp", 'd' },
    { TARGET_NR_epoll_create1, "epoll_create1", sys_epoll_create1, "x",
      'd' },
    { TARGET_NR_epoll_ctl, "epoll_ctl", sys_epoll_ctl, "dddp", 'd' },
    { TARGET_NR_epoll_pwait, "epoll_pwait", sys_epoll_pwait, "dpddpu",
      'd' },
    { TARGET_NR_epoll_pwait2, "epoll_pwait2", sys_epoll_pwait2, "dpdppu",
      'd' },
    { TARGET_NR_eventfd2, "eventfd2", sys_eventfd2, "ux", 'd' },
    { TARGET_NR_signalfd4, "signalfd4", sys_signalfd4, "dpux", 'd' },
    { TARGET_NR_inotify_init1, "inotify_init1", sys_inotify_init1, "x",
      'd' },
    { TARGET_NR_inotify_add_watch, "inotify_add_watch",
      sys_inotify_add_watch, "dsx", 'd' },
    { TARGET_NR_inotify_rm_watch, "inotify_rm_watch", sys_inotify_rm_watch,
      "dd", 'd' },
    { 0, NULL, NULL, NULL, 0 },
};
