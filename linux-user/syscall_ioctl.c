/* SPDX-License-Identifier: MIT */
/* ioctl: terminal and generic file requests, others are ENOTTY. */
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "vemu/log.h"
#include "linux-user/syscall_int.h"

/* asm-generic ioctl numbers (x86-64 uses the same header). */
enum {
    TARGET_TCGETS = 0x5401,
    TARGET_TCSETS = 0x5402,
    TARGET_TCSETSW = 0x5403,
    TARGET_TCSETSF = 0x5404,
    TARGET_TCSBRK = 0x5409,
    TARGET_TCXONC = 0x540a,
    TARGET_TCFLSH = 0x540b,
    TARGET_TIOCSCTTY = 0x540e,
    TARGET_TIOCGPGRP = 0x540f,
    TARGET_TIOCSPGRP = 0x5410,
    TARGET_TIOCOUTQ = 0x5411,
    TARGET_TIOCGWINSZ = 0x5413,
    TARGET_TIOCSWINSZ = 0x5414,
    TARGET_FIONREAD = 0x541b,
    TARGET_TIOCNOTTY = 0x5422,
    TARGET_TIOCGSID = 0x5429,
    TARGET_TIOCGPTN = 0x80045430,
    TARGET_TIOCSPTLCK = 0x40045431,
    TARGET_TIOCGPTPEER = 0x5441,
    TARGET_FIONBIO = 0x5421,
    TARGET_FIONCLEX = 0x5450,
    TARGET_FIOCLEX = 0x5451,
    TARGET_FIOASYNC = 0x5452,
};

_Static_assert(TCGETS == TARGET_TCGETS && TIOCGWINSZ == TARGET_TIOCGWINSZ &&
               TIOCGPTN == TARGET_TIOCGPTN &&
               TIOCSPTLCK == TARGET_TIOCSPTLCK && FIOCLEX == TARGET_FIOCLEX,
               "host uses the asm-generic ioctl numbers");

static abi_long ioctl_termios_get(int fd, unsigned long req, abi_ulong addr)
{
    HostKernelTermios h;
    TargetTermios t;
    abi_long ret;

    if (!lock_buf(VERIFY_WRITE, addr, sizeof(t))) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(ioctl(fd, req, &h));
    if (ret == 0) {
        host_to_target_termios(&t, &h);
        ret = copy_to_user(addr, &t, sizeof(t));
    }
    return ret;
}

static abi_long ioctl_termios_set(int fd, unsigned long req, abi_ulong addr)
{
    HostKernelTermios h;
    TargetTermios t;

    if (copy_from_user(&t, addr, sizeof(t))) {
        return -TARGET_EFAULT;
    }
    target_to_host_termios(&h, &t);
    return get_errno(ioctl(fd, req, &h));
}

/* Requests whose argument points at `size` bytes of identical layout. */
static abi_long ioctl_ptr(int fd, unsigned long req, abi_ulong addr,
                          size_t size, int type)
{
    void *p = lock_buf(type, addr, size);

    if (!p) {
        return -TARGET_EFAULT;
    }
    return get_errno(ioctl(fd, req, p));
}

static abi_long sys_ioctl(CPUState *cpu, const abi_long *arg)
{
    int fd = (int)arg[0];
    unsigned req = (unsigned)arg[1];
    abi_ulong a = arg[2];

    switch (req) {
    case TARGET_TCGETS:
        return ioctl_termios_get(fd, TCGETS, a);
    case TARGET_TCSETS:
        return ioctl_termios_set(fd, TCSETS, a);
    case TARGET_TCSETSW:
        return ioctl_termios_set(fd, TCSETSW, a);
    case TARGET_TCSETSF:
        return ioctl_termios_set(fd, TCSETSF, a);
    case TARGET_TIOCGWINSZ:
        return ioctl_ptr(fd, TIOCGWINSZ, a, sizeof(struct winsize),
                         VERIFY_WRITE);
    case TARGET_TIOCSWINSZ:
        return ioctl_ptr(fd, TIOCSWINSZ, a, sizeof(struct winsize),
                         VERIFY_READ);
    case TARGET_TIOCGPGRP:
    case TARGET_TIOCGSID:
    case TARGET_FIONREAD:
    case TARGET_TIOCOUTQ:
    case TARGET_TIOCGPTN:
        return ioctl_ptr(fd, req, a, sizeof(int), VERIFY_WRITE);
    case TARGET_TIOCSPGRP:
    case TARGET_FIONBIO:
    case TARGET_FIOASYNC:
    case TARGET_TIOCSPTLCK:
        return ioctl_ptr(fd, req, a, sizeof(int), VERIFY_READ);
    case TARGET_TCSBRK:
    case TARGET_TCXONC:
    case TARGET_TCFLSH:
    case TARGET_TIOCSCTTY:
    case TARGET_TIOCGPTPEER:
        /* Integer argument. */
        return get_errno(ioctl(fd, req, (unsigned long)a));
    case TARGET_TIOCNOTTY:
    case TARGET_FIOCLEX:
    case TARGET_FIONCLEX:
        return get_errno(ioctl(fd, req));
    default:
        vemu_log_mask(LOG_UNIMP, "Unsupported ioctl: cmd=0x%04x\n", req);
        return -TARGET_ENOTTY;
    }
}

const SyscallDef syscall_ioctl_defs[] = {
    { TARGET_NR_ioctl, "ioctl", sys_ioctl, "dxp", 'd', SYSCALL_RESTART },
    { 0, NULL, NULL, NULL, 0 },
};
