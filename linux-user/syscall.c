/* SPDX-License-Identifier: MIT */
/* Syscall dispatch: number -> handler table, -strace hooks, errno map. */

/*
 * How the layer works:
 * - Each family file (syscall_file.c, _stat, _ioctl, _time, _proc, _mem,
 *   _poll, _socket, _signal) has a SyscallDef table; they are merged into
 *   one array indexed by the asm-generic number on first use.
 * - Guest memory is host memory at g2h(): buffers are checked with
 *   lock_user() (EFAULT, never a host fault) and handed to the host call
 *   as they are. Only layouts that differ are copied: struct stat and
 *   epoll_event (and termios field by field); msghdr/iovec are rebuilt
 *   because they hold guest pointers.
 * - Host calls are mostly raw syscall()s, so results have the kernel's
 *   meaning (getcwd's length, getpriority's 20-nice, ...).
 * - A blocking call cut by a host signal returns EINTR; for the calls
 *   Linux restarts (SYSCALL_RESTART) signal.c decides through
 *   signal_restart_syscall() whether it becomes TARGET_ERESTARTSYS.
 *   A signal already queued when do_syscall() starts is delivered before
 *   the call (TARGET_ERESTARTSYS). Known gap: one that arrives between
 *   that check and the moment the host call blocks waits for the call to
 *   end (QEMU closes this window with its safe_syscall assembly).
 */
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "vemu/log.h"
#include "linux-user/syscall_int.h"

/*
 * The guest's open flags are passed to the host unchanged: both sides
 * use the asm-generic values. Prove it here so a port to a host where
 * they differ fails to build instead of corrupting files.
 */
_Static_assert(O_CREAT == TARGET_O_CREAT, "O_CREAT");
_Static_assert(O_EXCL == TARGET_O_EXCL, "O_EXCL");
_Static_assert(O_NOCTTY == TARGET_O_NOCTTY, "O_NOCTTY");
_Static_assert(O_TRUNC == TARGET_O_TRUNC, "O_TRUNC");
_Static_assert(O_APPEND == TARGET_O_APPEND, "O_APPEND");
_Static_assert(O_NONBLOCK == TARGET_O_NONBLOCK, "O_NONBLOCK");
_Static_assert(O_DSYNC == TARGET_O_DSYNC, "O_DSYNC");
_Static_assert(O_ASYNC == TARGET_O_ASYNC, "O_ASYNC");
_Static_assert(O_DIRECT == TARGET_O_DIRECT, "O_DIRECT");
_Static_assert(O_DIRECTORY == TARGET_O_DIRECTORY, "O_DIRECTORY");
_Static_assert(O_NOFOLLOW == TARGET_O_NOFOLLOW, "O_NOFOLLOW");
_Static_assert(O_NOATIME == TARGET_O_NOATIME, "O_NOATIME");
_Static_assert(O_CLOEXEC == TARGET_O_CLOEXEC, "O_CLOEXEC");
_Static_assert(O_SYNC == TARGET_O_SYNC, "O_SYNC");
_Static_assert(O_PATH == TARGET_O_PATH, "O_PATH");
_Static_assert(O_TMPFILE == TARGET_O_TMPFILE, "O_TMPFILE");
_Static_assert(AT_FDCWD == TARGET_AT_FDCWD, "AT_FDCWD");
_Static_assert(EFAULT == TARGET_EFAULT && ENOSYS == TARGET_ENOSYS &&
               ENOTTY == TARGET_ENOTTY && EOPNOTSUPP == TARGET_EOPNOTSUPP,
               "errno values");

static const SyscallDef *const syscall_all_defs[] = {
    syscall_file_defs, syscall_stat_defs, syscall_ioctl_defs,
    syscall_time_defs, syscall_proc_defs, syscall_mem_defs,
    syscall_poll_defs, syscall_socket_defs, syscall_signal_defs,
    syscall_ipc_defs,
};

static const SyscallDef *syscall_table[TARGET_NR_MAX];
static pthread_once_t syscall_table_once = PTHREAD_ONCE_INIT;

static void syscall_table_init(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(syscall_all_defs); i++) {
        for (const SyscallDef *d = syscall_all_defs[i]; d->name; d++) {
            if (d->num >= 0 && d->num < TARGET_NR_MAX) {
                syscall_table[d->num] = d;
            }
        }
    }
}

/* The definition for `num`, or NULL (used by tests and strace). */
const SyscallDef *syscall_lookup(int num)
{
    pthread_once(&syscall_table_once, syscall_table_init);
    if (num < 0 || num >= TARGET_NR_MAX) {
        return NULL;
    }
    return syscall_table[num];
}

int host_to_target_errno(int err)
{
    /*
     * x86-64 and the asm-generic guests share errno numbering, so the
     * map is the identity (checked by the static asserts above).
     */
    return err;
}

/*
 * A restartable call was interrupted by a host signal. Restart it (the
 * cpu loop re-executes the ecall after handling signals) when signal.c
 * says the pending guest signal wants that or none is there; otherwise
 * the guest sees EINTR.
 */
static abi_long syscall_restart_or_eintr(CPUState *cpu)
{
    if (cpu && signal_restart_syscall(cpu)) {
        return -TARGET_ERESTARTSYS;
    }
    return -TARGET_EINTR;
}

static bool syscall_tracing(void)
{
    return user_strace || vemu_log_enabled(LOG_STRACE);
}

static void syscall_trace_pre(const SyscallDef *def, const abi_long *arg)
{
    GString *s = g_string_new(NULL);

    g_string_append_printf(s, "%d ", (int)getpid());
    strace_format_call(s, def, arg);
    if (def->ret == 'n') {
        g_string_append_c(s, '\n');
    }
    vemu_log("%s", s->str);
    g_string_free(s, TRUE);
}

static void syscall_trace_post(const SyscallDef *def, abi_long ret)
{
    GString *s = g_string_new(NULL);

    strace_format_ret(s, def, ret);
    vemu_log("%s", s->str);
    g_string_free(s, TRUE);
}

abi_long do_syscall(CPUState *cpu, int num, abi_long a1, abi_long a2,
                    abi_long a3, abi_long a4, abi_long a5, abi_long a6)
{
    const abi_long arg[6] = { a1, a2, a3, a4, a5, a6 };
    const SyscallDef *def = syscall_lookup(num);
    bool trace = syscall_tracing();
    abi_long ret;

    if (!def) {
        vemu_log_mask(LOG_UNIMP, "Unsupported syscall: %d\n", num);
        if (trace) {
            GString *s = g_string_new(NULL);
            g_string_append_printf(s, "%d ", (int)getpid());
            strace_format_unknown(s, num, arg);
            vemu_log("%s", s->str);
            g_string_free(s, TRUE);
        }
        return -TARGET_ENOSYS;
    }
    /*
     * A signal queued since the cpu loop last looked (it hit on this
     * thread's way from guest code to here) is delivered first: nothing
     * has run yet, so the ecall simply runs again after the handler, as
     * on Linux where it would have been taken before the ecall. Without
     * this a blocking call could sleep with a signal waiting.
     */
    if (cpu && cpu->opaque &&
        ((TaskState *)cpu->opaque)->signal_pending) {
        return -TARGET_ERESTARTSYS;
    }
    if (trace) {
        syscall_trace_pre(def, arg);
    }
    ret = def->fn(cpu, arg);
    if (ret == -TARGET_EINTR && (def->flags & SYSCALL_RESTART)) {
        ret = syscall_restart_or_eintr(cpu);
    }
    if (trace && def->ret != 'n') {
        syscall_trace_post(def, ret);
    }
    return ret;
}
