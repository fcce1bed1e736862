/* SPDX-License-Identifier: MIT */
/* Internal interface between the syscall dispatcher and its families. */
#ifndef LINUX_USER_SYSCALL_INT_H
#define LINUX_USER_SYSCALL_INT_H

#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <glib.h>

#include "linux-user/user.h"
#include "linux-user/syscall_defs.h"
#include "linux-user/syscall_nr_generic.h"

/* Open flags between the guest's values and the host's (asm-generic). */
static inline int open_flags_to_host(int flags)
{
    extern const UserArchOps *user_arch;

    return user_arch && user_arch->open_flags_to_host
           ? user_arch->open_flags_to_host(flags) : flags;
}

static inline int open_flags_to_guest(int flags)
{
    extern const UserArchOps *user_arch;

    return user_arch && user_arch->open_flags_to_guest
           ? user_arch->open_flags_to_guest(flags) : flags;
}

/* A handler gets the six raw argument registers. */
typedef abi_long SyscallFn(CPUState *cpu, const abi_long *arg);

/*
 * One syscall: number, name, handler, and how -strace prints it.
 * `args` has one letter per argument (see strace.c):
 *   d int, l long, u unsigned, x hex, p pointer, s string, o octal,
 *   f dirfd, O open flags, P mmap/mprotect prot, M mmap flags,
 *   S signal number.
 * `ret` says how to print the result: 'd' decimal, 'x' hex address,
 * 'n' never returns (print the line before the call).
 */
typedef struct SyscallDef {
    int num;
    const char *name;
    SyscallFn *fn;
    const char *args;
    char ret;
    unsigned flags;     /* SYSCALL_* */
} SyscallDef;

/*
 * The kernel restarts this call after a handler with SA_RESTART (its
 * -ERESTARTSYS cases): a host EINTR may become TARGET_ERESTARTSYS.
 */
#define SYSCALL_RESTART 1u

/* Each family ends its table with an entry whose name is NULL. */
extern const SyscallDef syscall_file_defs[];
extern const SyscallDef syscall_stat_defs[];
extern const SyscallDef syscall_ioctl_defs[];
extern const SyscallDef syscall_time_defs[];
extern const SyscallDef syscall_proc_defs[];
extern const SyscallDef syscall_mem_defs[];
extern const SyscallDef syscall_poll_defs[];
extern const SyscallDef syscall_socket_defs[];
extern const SyscallDef syscall_signal_defs[];
extern const SyscallDef syscall_ipc_defs[];

/* The definition for syscall `num`, or NULL if unsupported. */
const SyscallDef *syscall_lookup(int num);

/* Result of a host call that reports errors through errno. */
static inline abi_long get_errno(long ret)
{
    if (ret == -1) {
        return -host_to_target_errno(errno);
    }
    return ret;
}

static inline bool is_error(abi_long ret)
{
    return (abi_ulong)ret >= (abi_ulong)-4095;
}

/*
 * Host pointer for a guest buffer the host kernel will access, or NULL.
 * A zero length never faults (the kernel would not touch the buffer).
 */
static inline void *lock_buf(int type, abi_ulong addr, abi_ulong len)
{
    if (len == 0) {
        return g2h(addr);
    }
    return lock_user(type, addr, len);
}

/* Like lock_buf but a NULL guest pointer stays NULL (optional args). */
static inline bool lock_opt(int type, abi_ulong addr, abi_ulong len,
                            void **host)
{
    if (addr == 0) {
        *host = NULL;
        return true;
    }
    *host = lock_buf(type, addr, len);
    return *host != NULL;
}

/*
 * Host path to use for a guest path: redirects absolute paths into the
 * -L sysroot when the file exists there, and the guest's own
 * /proc/self/exe to the executable. Returns `path` or `buf`.
 */
const char *user_path(const char *path, char *buf, size_t size);
/* lock_user_string + user_path: NULL if the guest string is bad. */
const char *lock_user_path(abi_ulong addr, char *buf, size_t size);
/* True if `path` names this process's exe link (/proc/self/exe...). */
bool is_proc_self_exe(const char *path);

/*
 * Generated /proc/self/{maps,auxv,cmdline} (syscall_procfs.c): true if
 * `path` is one of them, with the new descriptor or -errno in *ret.
 */
bool procfs_open(CPUState *cpu, const char *path, int flags, abi_long *ret);

/*
 * Guest iovec array -> host iovec array (g_free() it), checking every
 * buffer for `type` access (syscall_file.c).
 */
struct iovec;
abi_long lock_iovec(int type, abi_ulong addr, abi_long count,
                    struct iovec **out, int *out_count);

/* Layout conversions (syscall_conv.c), pure functions. */
void host_to_target_stat(TargetStat *t, const struct stat *h);
void target_to_host_termios(HostKernelTermios *h, const TargetTermios *t);
void host_to_target_termios(TargetTermios *t, const HostKernelTermios *h);
struct epoll_event;
void target_to_host_epoll_event(struct epoll_event *h,
                                const TargetEpollEvent *t);
void host_to_target_epoll_event(TargetEpollEvent *t,
                                const struct epoll_event *h);

/* Signal numbers, 0 <-> 0 (syscall_signal.c, on usercore's mapping). */
int target_to_host_signal(int sig);
int host_to_target_signal(int sig);
/*
 * Guest sigset (bit n-1 = guest signal n) -> host sigset, and back.
 * Guest signals without a host equivalent are dropped.
 */
void target_to_host_sigset(sigset_t *host, uint64_t guest);
uint64_t host_to_target_sigset(const sigset_t *host);
/* Host wait status -> guest wait status (signal numbers mapped). */
int host_to_target_waitstatus(int status);

/* -strace (strace.c). */
void strace_format_call(GString *out, const SyscallDef *def,
                        const abi_long *arg);
void strace_format_ret(GString *out, const SyscallDef *def, abi_long ret);
void strace_format_unknown(GString *out, int num, const abi_long *arg);

#endif
