/* SPDX-License-Identifier: MIT */
/*
 * Guest signals: actions, per-thread pending queues, masks, delivery.
 *
 * The host signal mask of each guest thread mirrors the guest's blocked
 * set, so the host kernel picks the receiving thread and keeps blocked
 * signals pending, as it would for a native process. Guest SIG_DFL and
 * SIG_IGN are host SIG_DFL and SIG_IGN (the kernel then terminates,
 * stops or ignores natively); only signals with a guest handler, and the
 * synchronous faults, reach vemu's host handler, which queues them for
 * process_pending_signals().
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/user-int.h"
#include "vemu/log.h"

/* Guest signals 32 and 33 map above the two host ones glibc reserves. */
#define HOST_RT_SHIFT 2
#define RTQ_LEN 8
#define TARGET_SS_ONSTACK 1
#define TARGET_SS_DISABLE 2
#define TARGET_SS_AUTODISARM (1u << 31)
#define TARGET_MINSIGSTKSZ 2048

typedef struct SigQueue {
    TargetSiginfo info[RTQ_LEN];
    int count;
} SigQueue;

typedef struct SigState {
    SigQueue q[TARGET_NSIG + 1];
    bool sync_pending;
    TargetSiginfo sync_info;
    bool in_sigsuspend;
    sigset_t sigsuspend_saved;
} SigState;

/* Guest actions, by guest signal number. Updated under action_lock. */
static TargetSigaction sigact[TARGET_NSIG + 1];
static pthread_mutex_t action_lock = PTHREAD_MUTEX_INITIALIZER;

int user_signal_to_host(int sig)
{
    if (sig < 1 || sig > TARGET_NSIG) {
        return -1;
    }
    if (sig < 32) {
        return sig;
    }
    return sig + HOST_RT_SHIFT <= SIGRTMAX ? sig + HOST_RT_SHIFT : -1;
}

int user_signal_from_host(int sig)
{
    if (sig < 1 || sig > SIGRTMAX) {
        return -1;
    }
    if (sig < 32) {
        return sig;
    }
    return sig - HOST_RT_SHIFT >= 32 ? sig - HOST_RT_SHIFT : -1;
}

uint64_t signal_mask_to_guest(const sigset_t *set)
{
    uint64_t m = 0;

    for (int g = 1; g <= TARGET_NSIG; g++) {
        int h = user_signal_to_host(g);

        if (h > 0 && sigismember(set, h) == 1) {
            m |= 1ull << (g - 1);
        }
    }
    return m;
}

void signal_mask_from_guest(sigset_t *set, uint64_t mask)
{
    sigemptyset(set);
    for (int g = 1; g <= TARGET_NSIG; g++) {
        int h = user_signal_to_host(g);

        if (h > 0 && (mask & (1ull << (g - 1)))) {
            sigaddset(set, h);
        }
    }
}

static TaskState *cpu_ts(CPUState *cpu)
{
    return cpu->opaque;
}

static SigState *cpu_ss(CPUState *cpu)
{
    return cpu_ts(cpu)->sigstate;
}

static bool guest_blocked(TaskState *ts, int g)
{
    int h = user_signal_to_host(g);
    return h > 0 && sigismember(&ts->signal_mask, h) == 1;
}

/* Host mask for a guest mask: faults must always reach vemu. */
static void host_mask_for(sigset_t *host, const sigset_t *guest)
{
    *host = *guest;
    sigdelset(host, SIGSEGV);
    sigdelset(host, SIGBUS);
    sigdelset(host, SIGKILL);
    sigdelset(host, SIGSTOP);
}

static void apply_host_mask(TaskState *ts)
{
    sigset_t host;

    host_mask_for(&host, &ts->signal_mask);
    pthread_sigmask(SIG_SETMASK, &host, NULL);
}

static void block_host_signals(sigset_t *old)
{
    sigset_t all;

    sigfillset(&all);
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    pthread_sigmask(SIG_SETMASK, &all, old);
}

void signal_set_mask(CPUState *cpu, const sigset_t *set)
{
    TaskState *ts = cpu_ts(cpu);

    ts->signal_mask = *set;
    sigdelset(&ts->signal_mask, SIGKILL);
    sigdelset(&ts->signal_mask, SIGSTOP);
    ts->signal_pending = 1;
}

static void queue_push(SigState *ss, int g, const TargetSiginfo *info)
{
    SigQueue *q = &ss->q[g];

    if (g < 32 && q->count) {
        return;     /* standard signals do not queue */
    }
    if (q->count < RTQ_LEN) {
        q->info[q->count++] = *info;
    }
}

static void queue_pop(SigState *ss, int g, TargetSiginfo *info)
{
    SigQueue *q = &ss->q[g];

    *info = q->info[0];
    q->count--;
    memmove(&q->info[0], &q->info[1], q->count * sizeof(q->info[0]));
}

static void siginfo_from_host(TargetSiginfo *ti, int g, const siginfo_t *hi)
{
    G_STATIC_ASSERT(sizeof(TargetSiginfo) == 128);
    G_STATIC_ASSERT(sizeof(siginfo_t) == 128);
    memcpy(ti, hi, sizeof(*ti));
    ti->si_signo = g;
    if (g == SIGCHLD && (hi->si_code == CLD_KILLED ||
                         hi->si_code == CLD_DUMPED ||
                         hi->si_code == CLD_STOPPED ||
                         hi->si_code == CLD_TRAPPED)) {
        int s = user_signal_from_host(hi->si_status);
        ti->u.kill.status = s > 0 ? s : hi->si_status;
    }
}

void signal_queue_host(int host_sig, const siginfo_t *info)
{
    CPUState *cpu = current_cpu;
    int g = user_signal_from_host(host_sig);
    TargetSiginfo ti;

    if (!cpu || !cpu->opaque || g <= 0) {
        return;
    }
    siginfo_from_host(&ti, g, info);
    queue_push(cpu_ss(cpu), g, &ti);
    cpu_ts(cpu)->signal_pending = 1;
    cpu_exit(cpu);
}

static void host_signal_handler(int host_sig, siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;

    if ((host_sig == SIGILL || host_sig == SIGFPE || host_sig == SIGTRAP ||
         host_sig == SIGSYS) && info->si_code > 0) {
        /* A synchronous fault in vemu itself: let it kill us. */
        signal(host_sig, SIG_DFL);
        return;
    }
    signal_queue_host(host_sig, info);
    /* Keep further signals blocked until this one is delivered. */
    sigfillset(&uc->uc_sigmask);
    sigdelset(&uc->uc_sigmask, SIGSEGV);
    sigdelset(&uc->uc_sigmask, SIGBUS);
}

static bool is_sync_signal(int g)
{
    return g == SIGSEGV || g == SIGBUS || g == SIGILL || g == SIGFPE ||
           g == SIGTRAP || g == SIGSYS;
}

/* Host disposition matching the guest action of g. */
static void host_action_update(int g)
{
    int h = user_signal_to_host(g);
    const TargetSigaction *ta = &sigact[g];
    struct sigaction sa;

    if (h <= 0 || g == SIGKILL || g == SIGSTOP ||
        g == SIGSEGV || g == SIGBUS) {
        return;     /* SIGSEGV/SIGBUS stay with user-exec.c */
    }
    memset(&sa, 0, sizeof(sa));
    sigfillset(&sa.sa_mask);
    if (ta->handler == TARGET_SIG_IGN) {
        sa.sa_handler = SIG_IGN;
    } else if (ta->handler == TARGET_SIG_DFL && !is_sync_signal(g)) {
        sa.sa_handler = SIG_DFL;
    } else {
        sa.sa_sigaction = host_signal_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    }
    if (g == SIGCHLD) {
        sa.sa_flags |= ta->flags & (SA_NOCLDSTOP | SA_NOCLDWAIT);
    }
    sigaction(h, &sa, NULL);
}

void signal_init(void)
{
    for (int g = 1; g <= TARGET_NSIG; g++) {
        int h = user_signal_to_host(g);
        struct sigaction old;

        sigact[g].handler = TARGET_SIG_DFL;
        /* Ignored signals stay ignored across exec, as in Linux. */
        if (h > 0 && g != SIGKILL && g != SIGSTOP &&
            sigaction(h, NULL, &old) == 0 && old.sa_handler == SIG_IGN &&
            !is_sync_signal(g)) {
            sigact[g].handler = TARGET_SIG_IGN;
        }
        host_action_update(g);
    }
}

void signal_thread_init(TaskState *ts, const TaskState *parent)
{
    ts->sigstate = g_new0(SigState, 1);
    if (parent) {
        ts->signal_mask = parent->signal_mask;
    } else {
        sigprocmask(SIG_SETMASK, NULL, &ts->signal_mask);
        sigdelset(&ts->signal_mask, SIGSEGV);
        sigdelset(&ts->signal_mask, SIGBUS);
    }
    ts->sigaltstack_sp = 0;
    ts->sigaltstack_size = 0;
    ts->sigaltstack_flags = 0;
}

void signal_fork_child(void)
{
    CPUState *cpu = current_cpu;

    /* A new process starts with nothing pending. */
    if (cpu && cpu->opaque) {
        SigState *ss = cpu_ss(cpu);

        memset(ss->q, 0, sizeof(ss->q));
        ss->sync_pending = false;
    }
}

void signal_prepare_exec(void)
{
    CPUState *cpu = current_cpu;

    /* The new program inherits the guest's mask, as after a real exec. */
    if (cpu && cpu->opaque) {
        apply_host_mask(cpu_ts(cpu));
    }
}

void signal_block_all(void)
{
    block_host_signals(NULL);
}

void signal_die(int g)
{
    int h = user_signal_to_host(g);
    struct sigaction sa;
    struct rlimit nocore = { 0, 0 };
    sigset_t set;

    user_flush_logs();
    if (h <= 0) {
        _exit(128 + g);
    }
    /* Like a native crash, but never dump vemu's own core. */
    setrlimit(RLIMIT_CORE, &nocore);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigaction(h, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, h);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    kill(getpid(), h);
    for (;;) {
        pause();
    }
}

void force_sig(CPUState *cpu, int sig, int si_code, abi_ulong addr)
{
    TaskState *ts = cpu_ts(cpu);
    SigState *ss = cpu_ss(cpu);

    memset(&ss->sync_info, 0, sizeof(ss->sync_info));
    ss->sync_info.si_signo = sig;
    ss->sync_info.si_code = si_code;
    ss->sync_info.u.addr = addr;
    ss->sync_pending = true;
    /* A blocked or ignored fault cannot be delivered: the default wins. */
    pthread_mutex_lock(&action_lock);
    if (guest_blocked(ts, sig) || sigact[sig].handler == TARGET_SIG_IGN) {
        sigact[sig].handler = TARGET_SIG_DFL;
        sigdelset(&ts->signal_mask, user_signal_to_host(sig));
        host_action_update(sig);
    }
    pthread_mutex_unlock(&action_lock);
    ts->signal_pending = 1;
}

static void handle_signal(CPUState *cpu, int g, const TargetSiginfo *info)
{
    TaskState *ts = cpu_ts(cpu);
    SigState *ss = cpu_ss(cpu);
    TargetSigaction sa;
    sigset_t old_mask, new_mask, extra;

    pthread_mutex_lock(&action_lock);
    sa = sigact[g];
    if (sa.handler > TARGET_SIG_IGN && (sa.flags & TARGET_SA_RESETHAND)) {
        sigact[g].handler = TARGET_SIG_DFL;
        host_action_update(g);
    }
    pthread_mutex_unlock(&action_lock);

    vemu_log_mask(LOG_INT, "signal %d (code %d) delivered to thread %d\n",
                  g, info->si_code, ts->ts_tid);
    if (sa.handler == TARGET_SIG_IGN) {
        return;
    }
    if (sa.handler == TARGET_SIG_DFL) {
        switch (g) {
        case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
            return;
        case SIGTSTP: case SIGTTIN: case SIGTTOU:
            kill(getpid(), SIGSTOP);
            return;
        default:
            signal_die(g);
        }
    }
    old_mask = ss->in_sigsuspend ? ss->sigsuspend_saved : ts->signal_mask;
    ss->in_sigsuspend = false;
    signal_mask_from_guest(&extra, sa.mask);
    sigorset(&new_mask, &old_mask, &extra);
    if (!(sa.flags & TARGET_SA_NODEFER)) {
        sigaddset(&new_mask, user_signal_to_host(g));
    }
    user_arch->setup_rt_frame(cpu, g, info, &sa, &old_mask);
    signal_set_mask(cpu, &new_mask);
}

/* Next signal to deliver: a fault first, then the lowest unblocked. */
static int next_signal(CPUState *cpu, TargetSiginfo *info)
{
    TaskState *ts = cpu_ts(cpu);
    SigState *ss = cpu_ss(cpu);

    if (ss->sync_pending) {
        ss->sync_pending = false;
        *info = ss->sync_info;
        return info->si_signo;
    }
    for (int g = 1; g <= TARGET_NSIG; g++) {
        if (ss->q[g].count && !guest_blocked(ts, g)) {
            queue_pop(ss, g, info);
            return g;
        }
    }
    return 0;
}

bool signal_restart_syscall(CPUState *cpu)
{
    TaskState *ts = cpu_ts(cpu);
    SigState *ss = cpu_ss(cpu);
    bool restart = false;
    sigset_t old;
    int g = 0;

    block_host_signals(&old);
    if (ss->sync_pending) {
        g = ss->sync_info.si_signo;
    } else {
        for (int i = 1; i <= TARGET_NSIG && !g; i++) {
            if (ss->q[i].count && !guest_blocked(ts, i)) {
                g = i;
            }
        }
    }
    if (g) {
        pthread_mutex_lock(&action_lock);
        restart = sigact[g].handler > TARGET_SIG_IGN &&
                  (sigact[g].flags & TARGET_SA_RESTART);
        pthread_mutex_unlock(&action_lock);
    } else {
        /* Nothing for the guest (a stop/continue, say): as if unseen. */
        restart = true;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return restart;
}

void process_pending_signals(CPUState *cpu)
{
    TaskState *ts = cpu_ts(cpu);
    SigState *ss = cpu_ss(cpu);

    while (ts->signal_pending) {
        TargetSiginfo info;
        int g;

        block_host_signals(NULL);
        ts->signal_pending = 0;
        while ((g = next_signal(cpu, &info)) != 0) {
            handle_signal(cpu, g, &info);
        }
        if (ss->in_sigsuspend) {
            ts->signal_mask = ss->sigsuspend_saved;
            ss->in_sigsuspend = false;
        }
        /* Unblocking lets the kernel hand over what it kept pending. */
        apply_host_mask(ts);
    }
}

/*
 * The guest's struct sigaction: handler, flags, [restorer,] mask. Where
 * the architecture has sa_restorer (aarch64) it sits before the mask.
 */
static int sigaction_from_guest(TargetSigaction *sa, abi_ulong addr)
{
    uint64_t w[4];
    bool restorer = user_arch && user_arch->sa_restorer;

    if (copy_from_user(w, addr, (restorer ? 4 : 3) * 8)) {
        return -EFAULT;
    }
    sa->handler = w[0];
    sa->flags = w[1];
    sa->restorer = restorer ? w[2] : 0;
    sa->mask = restorer ? w[3] : w[2];
    return 0;
}

static int sigaction_to_guest(abi_ulong addr, const TargetSigaction *sa)
{
    bool restorer = user_arch && user_arch->sa_restorer;
    uint64_t w[4] = { sa->handler, sa->flags, sa->restorer, sa->mask };

    if (!restorer) {
        w[2] = sa->mask;
    }
    return copy_to_user(addr, w, (restorer ? 4 : 3) * 8) ? -EFAULT : 0;
}

abi_long do_rt_sigaction(int sig, abi_ulong act, abi_ulong oldact,
                         size_t sigsetsize)
{
    TargetSigaction nact;

    if (sigsetsize != 8 || sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (act && (sig == SIGKILL || sig == SIGSTOP)) {
        return -EINVAL;
    }
    if (act && sigaction_from_guest(&nact, act)) {
        return -EFAULT;
    }
    pthread_mutex_lock(&action_lock);
    if (oldact && sigaction_to_guest(oldact, &sigact[sig])) {
        pthread_mutex_unlock(&action_lock);
        return -EFAULT;
    }
    if (act) {
        sigact[sig] = nact;
        host_action_update(sig);
    }
    pthread_mutex_unlock(&action_lock);
    return 0;
}

abi_long do_rt_sigprocmask(CPUState *cpu, int how, abi_ulong set,
                           abi_ulong oldset, size_t sigsetsize)
{
    TaskState *ts = cpu_ts(cpu);
    uint64_t old = signal_mask_to_guest(&ts->signal_mask);
    uint64_t m;
    sigset_t nset;

    if (sigsetsize != 8) {
        return -EINVAL;
    }
    if (set) {
        if (get_user_u64(&m, set)) {
            return -EFAULT;
        }
        switch (how) {
        case SIG_BLOCK:
            m |= old;
            break;
        case SIG_UNBLOCK:
            m = old & ~m;
            break;
        case SIG_SETMASK:
            break;
        default:
            return -EINVAL;
        }
    }
    if (oldset && put_user_u64(old, oldset)) {
        return -EFAULT;
    }
    if (set) {
        signal_mask_from_guest(&nset, m);
        signal_set_mask(cpu, &nset);
        apply_host_mask(ts);
    }
    return 0;
}

bool signal_on_altstack(CPUState *cpu, abi_ulong sp)
{
    TaskState *ts = cpu_ts(cpu);

    return ts->sigaltstack_size &&
           sp - ts->sigaltstack_sp <= ts->sigaltstack_size &&
           sp > ts->sigaltstack_sp;
}

abi_ulong signal_frame_sp(CPUState *cpu, abi_ulong sp, uint64_t sa_flags)
{
    TaskState *ts = cpu_ts(cpu);

    if ((sa_flags & TARGET_SA_ONSTACK) && ts->sigaltstack_size &&
        !signal_on_altstack(cpu, sp)) {
        sp = ts->sigaltstack_sp + ts->sigaltstack_size;
        if (ts->sigaltstack_flags & TARGET_SS_AUTODISARM) {
            ts->sigaltstack_sp = 0;
            ts->sigaltstack_size = 0;
        }
    }
    return sp;
}

/* Guest stack_t: ss_sp, ss_flags (int, padded), ss_size. */
typedef struct TargetStack {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
} TargetStack;

abi_long do_sigaltstack(CPUState *cpu, abi_ulong ss, abi_ulong oss,
                        abi_ulong sp)
{
    TaskState *ts = cpu_ts(cpu);
    TargetStack nss, old;
    bool on = signal_on_altstack(cpu, sp);

    memset(&old, 0, sizeof(old));
    old.ss_sp = ts->sigaltstack_sp;
    old.ss_size = ts->sigaltstack_size;
    old.ss_flags = on ? TARGET_SS_ONSTACK
                 : ts->sigaltstack_size ? (int32_t)ts->sigaltstack_flags
                 : TARGET_SS_DISABLE;
    if (ss) {
        uint32_t mode;

        if (copy_from_user(&nss, ss, sizeof(nss))) {
            return -EFAULT;
        }
        if (on) {
            return -EPERM;
        }
        mode = (uint32_t)nss.ss_flags & ~TARGET_SS_AUTODISARM;
        if (mode != 0 && mode != TARGET_SS_ONSTACK &&
            mode != TARGET_SS_DISABLE) {
            return -EINVAL;
        }
        if (mode == TARGET_SS_DISABLE) {
            nss.ss_sp = 0;
            nss.ss_size = 0;
        } else if (nss.ss_size < (user_arch && user_arch->minsigstksz
                                  ? user_arch->minsigstksz
                                  : TARGET_MINSIGSTKSZ)) {
            return -ENOMEM;
        }
        if (oss && copy_to_user(oss, &old, sizeof(old))) {
            return -EFAULT;
        }
        ts->sigaltstack_sp = nss.ss_sp;
        ts->sigaltstack_size = nss.ss_size;
        ts->sigaltstack_flags = (uint32_t)nss.ss_flags & TARGET_SS_AUTODISARM;
        return 0;
    }
    if (oss && copy_to_user(oss, &old, sizeof(old))) {
        return -EFAULT;
    }
    return 0;
}

static bool deliverable_queued(CPUState *cpu)
{
    SigState *ss = cpu_ss(cpu);

    for (int g = 1; g <= TARGET_NSIG; g++) {
        if (ss->q[g].count && !guest_blocked(cpu_ts(cpu), g)) {
            return true;
        }
    }
    return false;
}

abi_long do_rt_sigsuspend(CPUState *cpu, abi_ulong set, size_t sigsetsize)
{
    TaskState *ts = cpu_ts(cpu);
    SigState *ss = cpu_ss(cpu);
    uint64_t m;
    sigset_t nset, host;

    if (sigsetsize != 8) {
        return -EINVAL;
    }
    if (get_user_u64(&m, set)) {
        return -EFAULT;
    }
    block_host_signals(NULL);
    ss->sigsuspend_saved = ts->signal_mask;
    ss->in_sigsuspend = true;
    signal_mask_from_guest(&nset, m);
    signal_set_mask(cpu, &nset);
    if (!deliverable_queued(cpu)) {
        host_mask_for(&host, &ts->signal_mask);
        sigsuspend(&host);
    }
    ts->signal_pending = 1;
    return -EINTR;
}

abi_long do_rt_sigpending(CPUState *cpu, abi_ulong set, size_t sigsetsize)
{
    SigState *ss = cpu_ss(cpu);
    sigset_t host;
    uint64_t m;

    if (sigsetsize > 8) {
        return -EINVAL;
    }
    sigpending(&host);
    m = signal_mask_to_guest(&host);
    for (int g = 1; g <= TARGET_NSIG; g++) {
        if (ss->q[g].count) {
            m |= 1ull << (g - 1);
        }
    }
    if (put_user_u64(m, set)) {
        return -EFAULT;
    }
    return 0;
}

abi_long do_rt_sigtimedwait(CPUState *cpu, abi_ulong set, abi_ulong info,
                            abi_ulong timeout, size_t sigsetsize)
{
    SigState *ss = cpu_ss(cpu);
    TargetSiginfo ti;
    struct timespec ts_host, *tsp = NULL;
    siginfo_t hi;
    sigset_t hset;
    uint64_t m;
    int h, g;

    if (sigsetsize != 8) {
        return -EINVAL;
    }
    if (get_user_u64(&m, set)) {
        return -EFAULT;
    }
    if (timeout) {
        int64_t t[2];

        if (copy_from_user(t, timeout, sizeof(t))) {
            return -EFAULT;
        }
        ts_host.tv_sec = t[0];
        ts_host.tv_nsec = t[1];
        tsp = &ts_host;
    }
    /* A signal vemu already took from the kernel comes first. */
    for (g = 1; g <= TARGET_NSIG; g++) {
        if ((m & (1ull << (g - 1))) && ss->q[g].count) {
            queue_pop(ss, g, &ti);
            goto found;
        }
    }
    signal_mask_from_guest(&hset, m);
    h = sigtimedwait(&hset, &hi, tsp);
    if (h < 0) {
        return -errno;
    }
    g = user_signal_from_host(h);
    siginfo_from_host(&ti, g, &hi);
found:
    if (info && copy_to_user(info, &ti, sizeof(ti))) {
        return -EFAULT;
    }
    return g;
}
