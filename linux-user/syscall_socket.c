/* SPDX-License-Identifier: MIT */
/* Sockets: same constants and layouts, but msghdr holds guest pointers. */
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/syscall_int.h"

_Static_assert(sizeof(struct msghdr) == 56, "msghdr");
_Static_assert(sizeof(struct mmsghdr) == 64, "mmsghdr");
_Static_assert(sizeof(struct cmsghdr) == 16, "cmsghdr");
/* Socket addresses and option values are handed through unchanged. */
_Static_assert(sizeof(struct sockaddr_in) == 16, "sockaddr_in");
_Static_assert(sizeof(struct sockaddr_in6) == 28, "sockaddr_in6");
_Static_assert(sizeof(struct sockaddr_un) == 110, "sockaddr_un");
_Static_assert(sizeof(struct linger) == 8, "linger");
_Static_assert(sizeof(struct ucred) == 12, "ucred");

/* The guest's struct msghdr: the same fields, guest addresses. */
typedef struct TargetMsghdr {
    uint64_t msg_name;
    uint32_t msg_namelen;
    uint32_t pad0;
    uint64_t msg_iov;
    uint64_t msg_iovlen;
    uint64_t msg_control;
    uint64_t msg_controllen;
    int32_t msg_flags;
    int32_t pad1;
} TargetMsghdr;

_Static_assert(sizeof(TargetMsghdr) == sizeof(struct msghdr), "msghdr");

static abi_long sys_socket(CPUState *cpu, const abi_long *arg)
{
    return get_errno(socket((int)arg[0], (int)arg[1], (int)arg[2]));
}

static abi_long sys_socketpair(CPUState *cpu, const abi_long *arg)
{
    int sv[2];
    abi_long ret;

    if (!lock_buf(VERIFY_WRITE, arg[3], sizeof(sv))) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(socketpair((int)arg[0], (int)arg[1], (int)arg[2], sv));
    if (ret == 0) {
        ret = copy_to_user(arg[3], sv, sizeof(sv));
    }
    return ret;
}

/* bind/connect: (fd, const sockaddr *, len). */
static abi_long do_sockaddr_in(long nr, const abi_long *arg)
{
    void *addr;

    if ((int)arg[2] < 0) {
        return -TARGET_EINVAL;
    }
    addr = lock_buf(VERIFY_READ, arg[1], (uint32_t)arg[2]);
    if (!addr) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(nr, (int)arg[0], addr, (socklen_t)arg[2]));
}

static abi_long sys_bind(CPUState *cpu, const abi_long *arg)
{
    return do_sockaddr_in(SYS_bind, arg);
}

static abi_long sys_connect(CPUState *cpu, const abi_long *arg)
{
    return do_sockaddr_in(SYS_connect, arg);
}

static abi_long sys_listen(CPUState *cpu, const abi_long *arg)
{
    return get_errno(listen((int)arg[0], (int)arg[1]));
}

/*
 * An optional (sockaddr *, socklen_t *) output pair: both are checked,
 * the kernel then updates them in place.
 */
static bool lock_sockaddr_out(abi_ulong addr, abi_ulong lenp, void **haddr,
                              void **hlen)
{
    uint32_t len;

    *haddr = NULL;
    *hlen = NULL;
    if (lenp == 0) {
        return addr == 0;
    }
    /* Checked writable: the kernel updates the length in place. */
    *hlen = lock_buf(VERIFY_WRITE, lenp, sizeof(uint32_t));
    if (!*hlen) {
        return false;
    }
    memcpy(&len, *hlen, sizeof(len));
    if (addr == 0) {
        return true;
    }
    *haddr = lock_buf(VERIFY_WRITE, addr, len);
    return *haddr != NULL;
}

static abi_long sys_accept4(CPUState *cpu, const abi_long *arg)
{
    void *addr, *len;

    if (!lock_sockaddr_out(arg[1], arg[2], &addr, &len)) {
        return -TARGET_EFAULT;
    }
    return get_errno(accept4((int)arg[0], addr, len, (int)arg[3]));
}

static abi_long sys_accept(CPUState *cpu, const abi_long *arg)
{
    void *addr, *len;

    if (!lock_sockaddr_out(arg[1], arg[2], &addr, &len)) {
        return -TARGET_EFAULT;
    }
    return get_errno(accept((int)arg[0], addr, len));
}

static abi_long do_sockname(long nr, const abi_long *arg)
{
    void *addr, *len;

    if (!arg[2] || !lock_sockaddr_out(arg[1], arg[2], &addr, &len)) {
        return -TARGET_EFAULT;
    }
    return get_errno(syscall(nr, (int)arg[0], addr, len));
}

static abi_long sys_getsockname(CPUState *cpu, const abi_long *arg)
{
    return do_sockname(SYS_getsockname, arg);
}

static abi_long sys_getpeername(CPUState *cpu, const abi_long *arg)
{
    return do_sockname(SYS_getpeername, arg);
}

static abi_long sys_sendto(CPUState *cpu, const abi_long *arg)
{
    void *buf = lock_buf(VERIFY_READ, arg[1], arg[2]);
    void *addr;

    if (!buf || !lock_opt(VERIFY_READ, arg[4], (uint32_t)arg[5], &addr)) {
        return -TARGET_EFAULT;
    }
    return get_errno(sendto((int)arg[0], buf, arg[2], (int)arg[3], addr,
                            (socklen_t)arg[5]));
}

static abi_long sys_recvfrom(CPUState *cpu, const abi_long *arg)
{
    void *buf = lock_buf(VERIFY_WRITE, arg[1], arg[2]);
    void *addr, *len;

    if (!buf || !lock_sockaddr_out(arg[4], arg[5], &addr, &len)) {
        return -TARGET_EFAULT;
    }
    return get_errno(recvfrom((int)arg[0], buf, arg[2], (int)arg[3], addr,
                              len));
}

static abi_long sys_setsockopt(CPUState *cpu, const abi_long *arg)
{
    void *val;

    if (!lock_opt(VERIFY_READ, arg[3], (uint32_t)arg[4], &val)) {
        return -TARGET_EFAULT;
    }
    return get_errno(setsockopt((int)arg[0], (int)arg[1], (int)arg[2], val,
                                (socklen_t)arg[4]));
}

static abi_long sys_getsockopt(CPUState *cpu, const abi_long *arg)
{
    void *val, *len;

    if (!arg[4] || !lock_sockaddr_out(arg[3], arg[4], &val, &len)) {
        return -TARGET_EFAULT;
    }
    return get_errno(getsockopt((int)arg[0], (int)arg[1], (int)arg[2], val,
                                len));
}

static abi_long sys_shutdown(CPUState *cpu, const abi_long *arg)
{
    return get_errno(shutdown((int)arg[0], (int)arg[1]));
}

/*
 * Guest msghdr -> host msghdr with host pointers. *iov must be g_free()d.
 * Control messages (SCM_RIGHTS, SCM_CREDENTIALS) have the same layout
 * on both ABIs and carry no pointers, so the buffer is used in place.
 */
static abi_long lock_msghdr(const TargetMsghdr *t, struct msghdr *h,
                            bool send, struct iovec **iov)
{
    int type = send ? VERIFY_READ : VERIFY_WRITE;
    int n;
    abi_long ret;

    memset(h, 0, sizeof(*h));
    if (!lock_opt(type, t->msg_name, t->msg_namelen, &h->msg_name) ||
        !lock_opt(type, t->msg_control, t->msg_controllen,
                  &h->msg_control)) {
        return -TARGET_EFAULT;
    }
    h->msg_namelen = t->msg_namelen;
    h->msg_controllen = t->msg_controllen;
    h->msg_flags = t->msg_flags;
    ret = lock_iovec(send ? VERIFY_READ : VERIFY_WRITE, t->msg_iov,
                     t->msg_iovlen, iov, &n);
    if (ret < 0) {
        return ret;
    }
    h->msg_iov = *iov;
    h->msg_iovlen = n;
    return 0;
}

/* After recvmsg: the kernel's lengths and flags back into the guest's. */
static void update_msghdr(TargetMsghdr *t, const struct msghdr *h)
{
    t->msg_namelen = h->msg_namelen;
    t->msg_controllen = h->msg_controllen;
    t->msg_flags = h->msg_flags;
}

static abi_long do_msg(const abi_long *arg, bool send)
{
    TargetMsghdr *t = lock_buf(VERIFY_WRITE, arg[1], sizeof(*t));
    struct msghdr h;
    struct iovec *iov;
    abi_long ret;

    if (!t) {
        return -TARGET_EFAULT;
    }
    ret = lock_msghdr(t, &h, send, &iov);
    if (ret < 0) {
        return ret;
    }
    if (send) {
        ret = get_errno(sendmsg((int)arg[0], &h, (int)arg[2]));
    } else {
        ret = get_errno(recvmsg((int)arg[0], &h, (int)arg[2]));
        if (ret >= 0) {
            update_msghdr(t, &h);
        }
    }
    g_free(iov);
    return ret;
}

static abi_long sys_sendmsg(CPUState *cpu, const abi_long *arg)
{
    return do_msg(arg, true);
}

static abi_long sys_recvmsg(CPUState *cpu, const abi_long *arg)
{
    return do_msg(arg, false);
}

/* The guest's struct mmsghdr: a msghdr then the byte count. */
typedef struct TargetMmsghdr {
    TargetMsghdr hdr;
    uint32_t msg_len;
    uint32_t pad;
} TargetMmsghdr;

static abi_long do_mmsg(const abi_long *arg, bool send)
{
    unsigned vlen = MIN((unsigned)arg[2], 1024u);
    TargetMmsghdr *t;
    struct mmsghdr *h;
    struct iovec **iovs;
    void *tmo = NULL;
    abi_long ret = 0;
    unsigned n;

    t = lock_buf(VERIFY_WRITE, arg[1], vlen * sizeof(*t));
    if (!t || (!send && !lock_opt(VERIFY_WRITE, arg[4],
                                  sizeof(struct timespec), &tmo))) {
        return -TARGET_EFAULT;
    }
    h = g_new0(struct mmsghdr, vlen ? vlen : 1);
    iovs = g_new0(struct iovec *, vlen ? vlen : 1);
    for (n = 0; n < vlen; n++) {
        ret = lock_msghdr(&t[n].hdr, &h[n].msg_hdr, send, &iovs[n]);
        if (ret < 0) {
            break;
        }
    }
    if (n > 0) {
        if (send) {
            ret = get_errno(sendmmsg((int)arg[0], h, n, (int)arg[3]));
        } else {
            ret = get_errno(recvmmsg((int)arg[0], h, n, (int)arg[3], tmo));
        }
        for (abi_long i = 0; i < ret; i++) {
            t[i].msg_len = h[i].msg_len;
            if (!send) {
                update_msghdr(&t[i].hdr, &h[i].msg_hdr);
            }
        }
    }
    for (unsigned i = 0; i < n; i++) {
        g_free(iovs[i]);
    }
    g_free(iovs);
    g_free(h);
    return ret;
}

static abi_long sys_sendmmsg(CPUState *cpu, const abi_long *arg)
{
    return do_mmsg(arg, true);
}

static abi_long sys_recvmmsg(CPUState *cpu, const abi_long *arg)
{
    return do_mmsg(arg, false);
}

const SyscallDef syscall_socket_defs[] = {
    { TARGET_NR_socket, "socket", sys_socket, "ddd", 'd' },
    { TARGET_NR_socketpair, "socketpair", sys_socketpair, "dddp", 'd' },
    { TARGET_NR_bind, "bind", sys_bind, "dpu", 'd' },
    { TARGET_NR_connect, "connect", sys_connect, "dpu", 'd', SYSCALL_RESTART },
    { TARGET_NR_listen, "listen", sys_listen, "dd", 'd' },
    { TARGET_NR_accept, "accept", sys_accept, "dpp", 'd', SYSCALL_RESTART },
    { TARGET_NR_accept4, "accept4", sys_accept4, "dppx", 'd', SYSCALL_RESTART },
    { TARGET_NR_getsockname, "getsockname", sys_getsockname, "dpp", 'd' },
    { TARGET_NR_getpeername, "getpeername", sys_getpeername, "dpp", 'd' },
    { TARGET_NR_sendto, "sendto", sys_sendto, "dpuxpu", 'd', SYSCALL_RESTART },
    { TARGET_NR_recvfrom, "recvfrom", sys_recvfrom, "dpuxpp", 'd', SYSCALL_RESTART },
    { TARGET_NR_setsockopt, "setsockopt", sys_setsockopt, "dddpu", 'd' },
    { TARGET_NR_getsockopt, "getsockopt", sys_getsockopt, "dddpp", 'd' },
    { TARGET_NR_shutdown, "shutdown", sys_shutdown, "dd", 'd' },
    { TARGET_NR_sendmsg, "sendmsg", sys_sendmsg, "dpx", 'd', SYSCALL_RESTART },
    { TARGET_NR_recvmsg, "recvmsg", sys_recvmsg, "dpx", 'd', SYSCALL_RESTART },
    { TARGET_NR_sendmmsg, "sendmmsg", sys_sendmmsg, "dpux", 'd', SYSCALL_RESTART },
    { TARGET_NR_recvmmsg, "recvmmsg", sys_recvmmsg, "dpuxp", 'd' },
    { 0, NULL, NULL, NULL, 0 },
};
