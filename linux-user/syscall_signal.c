/* SPDX-License-Identifier: MIT */
/* Signal syscalls: sending is done here, the rest by usercore's signal.c. */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"
#include "linux-user/user-int.h"

/*
 * Signal numbers and sets are translated by usercore's signal.c
 * (user_signal_to_host & co. in user-int.h), so that sending, masks
 * and handlers agree on one mapping.
 */
int target_to_host_signal(int sig)
{
    return sig == 0 ? 0 : user_signal_to_host(sig);
}

int host_to_target_signal(int sig)
{
    return sig == 0 ? 0 : user_signal_from_host(sig);
}

void target_to_host_sigset(sigset_t *host, uint64_t guest)
{
    signal_mask_from_guest(host, guest);
}

uint64_t host_to_target_sigset(const sigset_t *host)
{
    return signal_mask_to_guest(host);
}

/* Map a guest signal for sending; 0 stays 0 (existence probe). */
static int send_signal_number(abi_long sig, int *host)
{
    if (sig == 0) {
        *host = 0;
        return 0;
    }
    if (sig < 0 || sig > TARGET_SIGNAL_MAX) {
        return -TARGET_EINVAL;
    }
    *host = target_to_host_signal((int)sig);
    return *host > 0 ? 0 : -TARGET_EINVAL;
}

static abi_long sys_kill(CPUState *cpu, const abi_long *arg)
{
    int sig;
    abi_long ret = send_signal_number(arg[1], &sig);

    if (ret) {
        return ret;
    }
    return get_errno(kill((pid_t)arg[0], sig));
}

static abi_long sys_tkill(CPUState *cpu, const abi_long *arg)
{
    int sig;
    abi_long ret = send_signal_number(arg[1], &sig);

    if (ret) {
        return ret;
    }
    return get_errno(syscall(SYS_tkill, (pid_t)arg[0], sig));
}

static abi_long sys_tgkill(CPUState *cpu, const abi_long *arg)
{
    int sig;
    abi_long ret = send_signal_number(arg[2], &sig);

    if (ret) {
        return ret;
    }
    return get_errno(syscall(SYS_tgkill, (pid_t)arg[0], (pid_t)arg[1], sig));
}

/* siginfo has one layout on both ABIs; only the signal number moves. */
static abi_long get_send_siginfo(abi_ulong addr, int host_sig,
                                 siginfo_t *info)
{
    if (copy_from_user(info, addr, sizeof(*info))) {
        return -TARGET_EFAULT;
    }
    info->si_signo = host_sig;
    return 0;
}

static abi_long sys_rt_sigqueueinfo(CPUState *cpu, const abi_long *arg)
{
    siginfo_t info;
    int sig;
    abi_long ret = send_signal_number(arg[1], &sig);

    if (ret || (ret = get_send_siginfo(arg[2], sig, &info))) {
        return ret;
    }
    return get_errno(syscall(SYS_rt_sigqueueinfo, (pid_t)arg[0], sig,
                             &info));
}

static abi_long sys_rt_tgsigqueueinfo(CPUState *cpu, const abi_long *arg)
{
    siginfo_t info;
    int sig;
    abi_long ret = send_signal_number(arg[2], &sig);

    if (ret || (ret = get_send_siginfo(arg[3], sig, &info))) {
        return ret;
    }
    return get_errno(syscall(SYS_rt_tgsigqueueinfo, (pid_t)arg[0],
                             (pid_t)arg[1], sig, &info));
}

static abi_long sys_pidfd_send_signal(CPUState *cpu, const abi_long *arg)
{
    siginfo_t info;
    int sig;
    abi_long ret = send_signal_number(arg[1], &sig);

    if (ret) {
        return ret;
    }
    if (arg[2] && (ret = get_send_siginfo(arg[2], sig, &info))) {
        return ret;
    }
    return get_errno(syscall(SYS_pidfd_send_signal, (int)arg[0], sig,
                             arg[2] ? &info : NULL, (unsigned)arg[3]));
}

static abi_long sys_pidfd_open(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_pidfd_open, (pid_t)arg[0],
                             (unsigned)arg[1]));
}

static abi_long sys_pidfd_getfd(CPUState *cpu, const abi_long *arg)
{
    return get_errno(syscall(SYS_pidfd_getfd, (int)arg[0], (int)arg[1],
                             (unsigned)arg[2]));
}

/* ---- the guest's own handlers and masks: usercore's signal.c ---- */

static abi_long sys_rt_sigaction(CPUState *cpu, const abi_long *arg)
{
    return do_rt_sigaction((int)arg[0], arg[1], arg[2], arg[3]);
}

static abi_long sys_rt_sigprocmask(CPUState *cpu, const abi_long *arg)
{
    return do_rt_sigprocmask(cpu, (int)arg[0], arg[1], arg[2], arg[3]);
}

static abi_long sys_rt_sigreturn(CPUState *cpu, const abi_long *arg)
{
    return user_arch->do_rt_sigreturn(cpu);
}

static abi_long sys_sigaltstack(CPUState *cpu, const abi_long *arg)
{
    abi_ulong sp = user_arch->get_sp ? user_arch->get_sp(cpu) : 0;

    return do_sigaltstack(cpu, arg[0], arg[1], sp);
}

static abi_long sys_rt_sigsuspend(CPUState *cpu, const abi_long *arg)
{
    return do_rt_sigsuspend(cpu, arg[0], arg[1]);
}

static abi_long sys_rt_sigpending(CPUState *cpu, const abi_long *arg)
{
    return do_rt_sigpending(cpu, arg[0], arg[1]);
}

static abi_long sys_rt_sigtimedwait(CPUState *cpu, const abi_long *arg)
{
    return do_rt_sigtimedwait(cpu, arg[0], arg[1], arg[2], arg[3]);
}

const SyscallDef syscall_signal_defs[] = {
    { TARGET_NR_kill, "kill", sys_kill, "dS", 'd' },
    { TARGET_NR_tkill, "tkill", sys_tkill, "dS", 'd' },
    { TARGET_NR_tgkill, "tgkill", sys_tgkill, "ddS", 'd' },
    { TARGET_NR_rt_sigqueueinfo, "rt_sigqueueinfo", sys_rt_sigqueueinfo,
      "dSp", 'd' },
    { TARGET_NR_rt_tgsigqueueinfo, "rt_tgsigqueueinfo",
      sys_rt_tgsigqueueinfo, "ddSp", 'd' },
    { TARGET_NR_pidfd_send_signal, "pidfd_send_signal",
      sys_pidfd_send_signal, "dSpx", 'd' },
    { TARGET_NR_pidfd_open, "pidfd_open", sys_pidfd_open, "dx", 'd' },
    { TARGET_NR_pidfd_getfd, "pidfd_getfd", sys_pidfd_getfd, "ddx", 'd' },
    { TARGET_NR_rt_sigaction, "rt_sigaction", sys_rt_sigaction, "Sppu",
      'd' },
    { TARGET_NR_rt_sigprocmask, "rt_sigprocmask", sys_rt_sigprocmask,
      "dppu", 'd' },
    { TARGET_NR_rt_sigreturn, "rt_sigreturn", sys_rt_sigreturn, "", 'n' },
    { TARGET_NR_sigaltstack, "sigaltstack", sys_sigaltstack, "pp", 'd' },
    { TARGET_NR_rt_sigsuspend, "rt_sigsuspend", sys_rt_sigsuspend, "pu",
      'd' },
    { TARGET_NR_rt_sigpending, "rt_sigpending", sys_rt_sigpending, "pu",
      'd' },
    { TARGET_NR_rt_sigtimedwait, "rt_sigtimedwait", sys_rt_sigtimedwait,
      "pppu", 'd' },
    { 0, NULL, NULL, NULL, 0 },
};
