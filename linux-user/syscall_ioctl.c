/* SPDX-License-Identifier: MIT */
/* ioctl: terminal and generic file requests, others are ENOTTY. */
#include <net/if.h>
#include <string.h>
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
    TARGET_FIOQSIZE = 0x5460,
    TARGET_TIOCEXCL = 0x540c,
    TARGET_TIOCNXCL = 0x540d,
    TARGET_TIOCMGET = 0x5415,
    TARGET_TIOCMBIS = 0x5416,
    TARGET_TIOCMBIC = 0x5417,
    TARGET_TIOCMSET = 0x5418,
    TARGET_TIOCSETD = 0x5423,
    TARGET_TIOCGETD = 0x5424,
    TARGET_TIOCGEXCL = 0x80045440,
    /* termios2: termios plus input and output speeds (44 bytes). */
    TARGET_TCGETS2 = 0x802c542a,
    TARGET_TCSETS2 = 0x402c542b,
    TARGET_TCSETSW2 = 0x402c542c,
    TARGET_TCSETSF2 = 0x402c542d,
    /* Sockets and network interfaces (struct ifreq: 40 bytes). */
    TARGET_FIOSETOWN = 0x8901,
    TARGET_SIOCSPGRP = 0x8902,
    TARGET_FIOGETOWN = 0x8903,
    TARGET_SIOCGPGRP = 0x8904,
    TARGET_SIOCATMARK = 0x8905,
    TARGET_SIOCGIFNAME = 0x8910,
    TARGET_SIOCGIFCONF = 0x8912,
    TARGET_SIOCGIFFLAGS = 0x8913,
    TARGET_SIOCGIFADDR = 0x8915,
    TARGET_SIOCGIFDSTADDR = 0x8917,
    TARGET_SIOCGIFBRDADDR = 0x8919,
    TARGET_SIOCGIFNETMASK = 0x891b,
    TARGET_SIOCGIFMETRIC = 0x891d,
    TARGET_SIOCGIFMTU = 0x8921,
    TARGET_SIOCGIFHWADDR = 0x8927,
    TARGET_SIOCGIFINDEX = 0x8933,
    TARGET_SIOCGIFTXQLEN = 0x8942,
    TARGET_SIOCGIFMAP = 0x8970,
};

#define TARGET_IFREQ_SIZE 40
#define TARGET_TERMIOS2_SIZE 44

_Static_assert(sizeof(struct ifreq) == TARGET_IFREQ_SIZE, "ifreq");
_Static_assert(sizeof(struct winsize) == 8, "winsize");
_Static_assert(sizeof(struct ifconf) == 16, "ifconf");
_Static_assert(SIOCGIFCONF == TARGET_SIOCGIFCONF &&
               SIOCGIFINDEX == TARGET_SIOCGIFINDEX, "socket ioctls");

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

/* SIOCGIFCONF: struct ifconf holds a pointer to the ifreq array. */
static abi_long ioctl_ifconf(int fd, abi_ulong addr)
{
    struct {
        int32_t len;
        int32_t pad;
        uint64_t buf;
    } *t = lock_buf(VERIFY_WRITE, addr, 16);
    struct ifconf h;
    abi_long ret;

    if (!t) {
        return -TARGET_EFAULT;
    }
    h.ifc_len = t->len;
    h.ifc_buf = NULL;
    if (t->buf) {
        if (t->len < 0) {
            return -TARGET_EINVAL;
        }
        h.ifc_buf = lock_buf(VERIFY_WRITE, t->buf, t->len);
        if (!h.ifc_buf) {
            return -TARGET_EFAULT;
        }
    }
    ret = get_errno(ioctl(fd, SIOCGIFCONF, &h));
    if (ret == 0) {
        t->len = h.ifc_len;
    }
    return ret;
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
    case TARGET_TCGETS2:
        return ioctl_ptr(fd, req, a, TARGET_TERMIOS2_SIZE, VERIFY_WRITE);
    case TARGET_TCSETS2:
    case TARGET_TCSETSW2:
    case TARGET_TCSETSF2:
        return ioctl_ptr(fd, req, a, TARGET_TERMIOS2_SIZE, VERIFY_READ);
    case TARGET_TIOCMGET:
    case TARGET_TIOCGETD:
    case TARGET_TIOCGEXCL:
    case TARGET_FIOGETOWN:
    case TARGET_SIOCGPGRP:
    case TARGET_SIOCATMARK:
        return ioctl_ptr(fd, req, a, sizeof(int), VERIFY_WRITE);
    case TARGET_FIOQSIZE:
        return ioctl_ptr(fd, req, a, sizeof(int64_t), VERIFY_WRITE);
    case TARGET_TIOCMSET:
    case TARGET_TIOCMBIS:
    case TARGET_TIOCMBIC:
    case TARGET_TIOCSETD:
    case TARGET_FIOSETOWN:
    case TARGET_SIOCSPGRP:
        return ioctl_ptr(fd, req, a, sizeof(int), VERIFY_READ);
    case TARGET_SIOCGIFCONF:
        return ioctl_ifconf(fd, a);
    case TARGET_SIOCGIFNAME:
    case TARGET_SIOCGIFFLAGS:
    case TARGET_SIOCGIFADDR:
    case TARGET_SIOCGIFBRDADDR:
    case TARGET_SIOCGIFNETMASK:
    case TARGET_SIOCGIFMTU:
    case TARGET_SIOCGIFHWADDR:
    case TARGET_SIOCGIFINDEX:
    case TARGET_SIOCGIFDSTADDR:
    case TARGET_SIOCGIFMETRIC:
    case TARGET_SIOCGIFTXQLEN:
    case TARGET_SIOCGIFMAP:
        /* Queries only: ifreq carries names and addresses, no pointers. */
        return ioctl_ptr(fd, req, a, TARGET_IFREQ_SIZE, VERIFY_WRITE);
    case TARGET_TCSBRK:
    case TARGET_TCXONC:
    case TARGET_TCFLSH:
    case TARGET_TIOCSCTTY:
    case TARGET_TIOCGPTPEER:
        /* Integer argument. */
        return get_errno(ioctl(fd, req, (unsigned long)a));
    case TARGET_TIOCNOTTY:
    case TARGET_TIOCEXCL:
    case TARGET_TIOCNXCL:
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
