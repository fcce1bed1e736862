/* SPDX-License-Identifier: MIT */
/* Guest threads (clone), fork, execve and exit. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <elf.h>
#include <glib.h>

#include "linux-user/syscall_int.h"
#include "linux-user/user-int.h"
#include "vemu/exec.h"
#include "vemu/gdbstub.h"
#include "vemu/log.h"

#define HOST_THREAD_STACK (8u << 20)
#define CLONE_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES |            \
                            CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM)
#define CLONE_OPTIONAL_FLAGS (CLONE_SETTLS | CLONE_PARENT_SETTID |         \
                              CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |  \
                              CLONE_DETACHED)

TaskState *task_state_new(ImageInfo *info)
{
    TaskState *ts = g_new0(TaskState, 1);

    ts->info = info;
    ts->ts_tid = gettid();
    signal_thread_init(ts, NULL);
    return ts;
}

void user_flush_logs(void)
{
    vemu_log_lock();
    if (vemu_logfile) {
        fflush(vemu_logfile);
    }
    vemu_log_unlock();
    fflush(stdout);
    fflush(stderr);
}

typedef struct CloneStart {
    CPUState *cpu;
    abi_ulong flags;
    abi_ulong child_tidptr;
    abi_ulong parent_tidptr;
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    pid_t tid;
    sigset_t parent_mask;
} CloneStart;

static void *clone_thread_main(void *opaque)
{
    CloneStart *cs = opaque;
    CPUState *cpu = cs->cpu;
    TaskState *ts = cpu->opaque;
    pid_t tid = gettid();
    sigset_t host;

    current_cpu = cpu;
    cpu->thread = pthread_self();
    ts->ts_tid = tid;
    user_thread_sigaltstack_init();
    if (cs->flags & CLONE_CHILD_SETTID) {
        put_user_u32(tid, cs->child_tidptr);
    }
    if (cs->flags & CLONE_PARENT_SETTID) {
        put_user_u32(tid, cs->parent_tidptr);
    }
    if (cs->flags & CLONE_CHILD_CLEARTID) {
        ts->child_tidptr = cs->child_tidptr;
    }
    /* The parent may go on now; cs is its stack frame. */
    pthread_mutex_lock(&cs->mutex);
    cs->tid = tid;
    pthread_cond_signal(&cs->cond);
    pthread_mutex_unlock(&cs->mutex);

    host = ts->signal_mask;
    sigdelset(&host, SIGSEGV);
    sigdelset(&host, SIGBUS);
    pthread_sigmask(SIG_SETMASK, &host, NULL);
    user_arch->cpu_loop(cpu);
    return NULL;
}

static abi_long clone_thread(CPUState *cpu, abi_ulong flags, abi_ulong newsp,
                             abi_ulong parent_tidptr, abi_ulong tls,
                             abi_ulong child_tidptr)
{
    const TargetInfo *t = cpu->target;
    TaskState *pts = cpu->opaque;
    TaskState *ts = g_new0(TaskState, 1);
    CPUState *child;
    CloneStart cs;
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all, old;
    int err;

    if ((flags & CLONE_THREAD_FLAGS) != CLONE_THREAD_FLAGS ||
        (flags & ~(CLONE_THREAD_FLAGS | CLONE_OPTIONAL_FLAGS | CSIGNAL))) {
        g_free(ts);
        return -EINVAL;
    }
    child = cpu_create(t);
    /* Copy the architectural state that follows the common header. */
    memcpy((char *)child + sizeof(CPUState), (char *)cpu + sizeof(CPUState),
           t->cpu_size - sizeof(CPUState));
    child->singlestep = cpu->singlestep;
    ts->info = pts->info;
    signal_thread_init(ts, pts);
    child->opaque = ts;
    user_arch->clone_regs(child, newsp, flags & CLONE_SETTLS, tls);

    memset(&cs, 0, sizeof(cs));
    cs.cpu = child;
    cs.flags = flags;
    cs.child_tidptr = child_tidptr;
    cs.parent_tidptr = parent_tidptr;
    pthread_mutex_init(&cs.mutex, NULL);
    pthread_cond_init(&cs.cond, NULL);

    /* The new thread starts with every signal blocked. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, HOST_THREAD_STACK);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_mutex_lock(&cs.mutex);
    err = pthread_create(&th, &attr, clone_thread_main, &cs);
    if (err == 0) {
        while (cs.tid == 0) {
            pthread_cond_wait(&cs.cond, &cs.mutex);
        }
    }
    pthread_mutex_unlock(&cs.mutex);
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err) {
        cpu_destroy(child);
        g_free(ts->sigstate);
        g_free(ts);
        return -err;
    }
    return cs.tid;
}

static abi_long clone_fork(CPUState *cpu, abi_ulong flags, abi_ulong newsp,
                           abi_ulong parent_tidptr, abi_ulong tls,
                           abi_ulong child_tidptr)
{
    int exit_sig = flags & CSIGNAL;
    TaskState *ts = cpu->opaque;
    pid_t pid;

    /* vfork is a fork: the parent simply does not wait. */
    flags &= ~(CLONE_VFORK | CLONE_VM);
    if (flags & ~(CLONE_OPTIONAL_FLAGS | CSIGNAL)) {
        return -EINVAL;
    }
    user_flush_logs();
    start_exclusive();
    mmap_fork_start();
    if (exit_sig == SIGCHLD) {
        pid = fork();
    } else {
        int h = exit_sig ? user_signal_to_host(exit_sig) : 0;

        pid = syscall(SYS_clone, (long)(h > 0 ? h : 0), 0L, NULL, NULL, 0L);
    }
    if (pid != 0) {
        int e = errno;

        mmap_fork_end(false);
        end_exclusive();
        if (pid < 0) {
            return -e;
        }
        if (flags & CLONE_PARENT_SETTID) {
            put_user_u32(pid, parent_tidptr);
        }
        return pid;
    }
    /* Child: the only thread left is this one. */
    mmap_fork_end(true);
    {
        GPtrArray *others = g_ptr_array_new();

        cpu_list_lock();
        for (CPUState *c = first_cpu; c; c = c->next) {
            if (c != cpu) {
                g_ptr_array_add(others, c);
            }
        }
        cpu_list_unlock();
        for (guint i = 0; i < others->len; i++) {
            cpu_list_remove(g_ptr_array_index(others, i));
        }
        g_ptr_array_free(others, true);
    }
    end_exclusive();
    ts->ts_tid = gettid();
    cpu->thread = pthread_self();
    signal_fork_child();
    if (flags & CLONE_CHILD_SETTID) {
        put_user_u32(ts->ts_tid, child_tidptr);
    }
    if (flags & CLONE_CHILD_CLEARTID) {
        ts->child_tidptr = child_tidptr;
    }
    if (newsp || (flags & CLONE_SETTLS)) {
        /* clone_regs also steps over the ecall; the syscall return will. */
        vaddr pc = cpu->target->get_pc(cpu);

        user_arch->clone_regs(cpu, newsp, flags & CLONE_SETTLS, tls);
        cpu->target->set_pc(cpu, pc);
    }
    return 0;
}

abi_long do_clone(CPUState *cpu, abi_ulong flags, abi_ulong newsp,
                  abi_ulong parent_tidptr, abi_ulong tls,
                  abi_ulong child_tidptr)
{
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) {
        return clone_thread(cpu, flags, newsp, parent_tidptr, tls,
                            child_tidptr);
    }
    return clone_fork(cpu, flags, newsp, parent_tidptr, tls, child_tidptr);
}

/* Read a NULL-terminated guest array of strings; NULL on fault. */
static GPtrArray *read_guest_strv(abi_ulong addr)
{
    GPtrArray *v = g_ptr_array_new();

    for (int i = 0; addr; i++) {
        uint64_t p;
        char *s;

        if (i > 1 << 20 || get_user_u64(&p, addr + 8 * i)) {
            g_ptr_array_free(v, true);
            return NULL;
        }
        if (!p) {
            break;
        }
        s = lock_user_string(p);
        if (!s) {
            g_ptr_array_free(v, true);
            return NULL;
        }
        g_ptr_array_add(v, s);
    }
    return v;
}

/* Kind of executable: 1 guest ELF, 0 other (host) ELF, 2 #! script. */
static int exec_kind(const char *path, char *head, size_t headlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    if (fd < 0) {
        return -errno;
    }
    n = read(fd, head, headlen - 1);
    close(fd);
    if (n < 0) {
        return -EACCES;
    }
    head[n] = 0;
    if (n >= 2 && head[0] == '#' && head[1] == '!') {
        return 2;
    }
    if (n >= (ssize_t)sizeof(Elf64_Ehdr) && !memcmp(head, ELFMAG, SELFMAG)) {
        const Elf64_Ehdr *eh = (const Elf64_Ehdr *)head;
        const TargetInfo *t = target_by_elf_machine(eh->e_machine,
                                                    eh->e_ident[EI_CLASS]);

        return t && user_arch_for_target(t) ? 1 : 0;
    }
    return 0;
}

/* The host file for a guest path: the sysroot copy wins if present. */
static char *exec_host_path(const char *path)
{
    /*
     * The guest's own executable, as BusyBox runs its applets: the host's
     * /proc/self/exe would be vemu itself.
     */
    if (user_exec_path && is_proc_self_exe(path)) {
        return g_strdup(user_exec_path);
    }
    if (user_sysroot && path[0] == '/') {
        char *p = g_strconcat(user_sysroot, path, NULL);

        if (access(p, F_OK) == 0) {
            return p;
        }
        g_free(p);
    }
    return g_strdup(path);
}

static abi_long exec_via_vemu(const char *file, GPtrArray *args,
                              char **envp)
{
    GPtrArray *v = g_ptr_array_new();

    g_ptr_array_add(v, (gpointer)vemu_self_path);
    for (char **a = user_reexec_args; a && *a; a++) {
        g_ptr_array_add(v, *a);
    }
    g_ptr_array_add(v, "-0");
    g_ptr_array_add(v, args->len ? g_ptr_array_index(args, 0)
                                 : (gpointer)file);
    g_ptr_array_add(v, "--");
    g_ptr_array_add(v, (gpointer)file);
    for (guint i = 1; i < args->len; i++) {
        g_ptr_array_add(v, g_ptr_array_index(args, i));
    }
    g_ptr_array_add(v, NULL);
    user_flush_logs();
    signal_prepare_exec();
    execve(vemu_self_path, (char **)v->pdata, envp);
    g_ptr_array_free(v, true);
    return -errno;
}

abi_long do_execve(CPUState *cpu, abi_ulong path_addr, abi_ulong argv_addr,
                   abi_ulong envp_addr)
{
    char *gpath = lock_user_string(path_addr);
    GPtrArray *args, *envs;
    char head[256];
    char *file;
    abi_long ret;
    int kind;

    if (!gpath) {
        return -EFAULT;
    }
    args = read_guest_strv(argv_addr);
    envs = read_guest_strv(envp_addr);
    if (!args || !envs) {
        ret = -EFAULT;
        goto out_args;
    }
    g_ptr_array_add(envs, NULL);
    file = exec_host_path(gpath);
    if (access(file, X_OK) != 0) {
        ret = -errno;
        goto out;
    }
    kind = exec_kind(file, head, sizeof(head));
    if (kind < 0) {
        ret = kind;
    } else if (kind == 1) {
        ret = exec_via_vemu(file, args, (char **)envs->pdata);
    } else if (kind == 2) {
        /* #!interp [arg]: run the interpreter on the script, maybe emulated */
        char *nl = strchr(head + 2, '\n');
        char *interp, *iarg = NULL, *ifile;
        GPtrArray *nargs = g_ptr_array_new();
        char ih[256];

        if (!nl) {
            ret = -ENOEXEC;
            g_ptr_array_free(nargs, true);
            goto out;
        }
        *nl = 0;
        interp = head + 2;
        while (*interp == ' ' || *interp == '\t') {
            interp++;
        }
        iarg = interp + strcspn(interp, " \t");
        if (*iarg) {
            *iarg++ = 0;
            while (*iarg == ' ' || *iarg == '\t') {
                iarg++;
            }
            g_strchomp(iarg);
        }
        ifile = exec_host_path(interp);
        if (exec_kind(ifile, ih, sizeof(ih)) == 1) {
            g_ptr_array_add(nargs, interp);
            if (*iarg) {
                g_ptr_array_add(nargs, iarg);
            }
            g_ptr_array_add(nargs, gpath);
            for (guint i = 1; i < args->len; i++) {
                g_ptr_array_add(nargs, g_ptr_array_index(args, i));
            }
            ret = exec_via_vemu(ifile, nargs, (char **)envs->pdata);
        } else {
            g_ptr_array_add(args, NULL);
            user_flush_logs();
            signal_prepare_exec();
            execve(file, (char **)args->pdata, (char **)envs->pdata);
            ret = -errno;
        }
        g_free(ifile);
        g_ptr_array_free(nargs, true);
    } else {
        /* Not for us (a host program): the host runs it. */
        g_ptr_array_add(args, NULL);
        user_flush_logs();
        signal_prepare_exec();
        execve(file, (char **)args->pdata, (char **)envs->pdata);
        ret = -errno;
    }
out:
    g_free(file);
out_args:
    if (args) {
        g_ptr_array_free(args, true);
    }
    if (envs) {
        g_ptr_array_free(envs, true);
    }
    return ret;
}


void do_exit_thread(CPUState *cpu, int status)
{
    TaskState *ts = cpu->opaque;

    /*
     * Leaving the list and counting are one step: two threads exiting at
     * once must not both see the other and both pthread_exit (the process
     * would then end with status 0 instead of the guest's).
     */
    if (!cpu_list_remove_unless_last(cpu)) {
        do_exit_group(cpu, status);
    }
    signal_block_all();
    if (ts->child_tidptr) {
        /* What the kernel does for CLONE_CHILD_CLEARTID threads. */
        put_user_u32(0, ts->child_tidptr);
        syscall(SYS_futex, g2h(ts->child_tidptr), FUTEX_WAKE, INT_MAX,
                NULL, NULL, 0);
    }
    current_cpu = NULL;
    cpu_destroy(cpu);
    g_free(ts->sigstate);
    g_free(ts);
    user_thread_sigaltstack_free();
    pthread_exit(NULL);
}

void do_exit_group(CPUState *cpu, int status)
{
    gdb_user_exit(status, 0);
    user_flush_logs();
    _exit(status & 0xff);
}
