/* SPDX-License-Identifier: MIT */
/* Async signals: raise/kill, masks, pending, alarm, altstack, nesting. */
#include "guest.h"
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t hits[NSIG];
static volatile int last_code, last_pid;
static char log_buf[256];
static volatile int log_len;

/* Append to an ordering log; async-signal-safe (no stdio). */
static void log_event(char c)
{
    if (log_len < (int)sizeof(log_buf) - 1) {
        log_buf[log_len++] = c;
    }
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
    hits[sig]++;
    last_code = si->si_code;
    last_pid = si->si_pid;
}

static void test_raise_kill(void)
{
    struct sigaction sa = { 0 };

    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    raise(SIGUSR1);
    printf("raise: hits=%d code_is_tkill=%d pid_ok=%d\n", hits[SIGUSR1],
           last_code == SI_TKILL, last_pid == getpid());
    CHECK(hits[SIGUSR1] == 1, "raise delivered");
    CHECK(last_code == SI_TKILL, "raise si_code %d", last_code);

    kill(getpid(), SIGUSR2);
    printf("kill: hits=%d code_is_user=%d pid_ok=%d\n", hits[SIGUSR2],
           last_code == SI_USER, last_pid == getpid());
    CHECK(hits[SIGUSR2] == 1, "kill delivered");
    CHECK(last_code == SI_USER, "kill si_code %d", last_code);
    CHECK(last_pid == getpid(), "si_pid");

    /* sigqueue carries a value and SI_QUEUE. */
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), SIGUSR1, v);
    printf("sigqueue: hits=%d code_is_queue=%d\n", hits[SIGUSR1],
           last_code == SI_QUEUE);
    CHECK(last_code == SI_QUEUE, "sigqueue si_code %d", last_code);
}

static void test_mask_pending(void)
{
    sigset_t set, old, pend;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    int before = hits[SIGUSR1];
    raise(SIGUSR1);
    raise(SIGUSR1);             /* standard signals do not queue */
    sigpending(&pend);
    printf("blocked: delivered=%d pending=%d\n", hits[SIGUSR1] - before,
           sigismember(&pend, SIGUSR1));
    CHECK(hits[SIGUSR1] == before, "blocked signal delivered");
    CHECK(sigismember(&pend, SIGUSR1) == 1, "signal not pending");
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: delivered=%d\n", hits[SIGUSR1] - before);
    CHECK(hits[SIGUSR1] == before + 1, "pending signal delivered once");

    /* Real-time signals queue every instance, in order. */
    sigset_t rt;
    struct sigaction sa = { 0 };
    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    for (int i = 0; i < 3; i++) {
        raise(SIGRTMIN + 1);
    }
    sigprocmask(SIG_UNBLOCK, &rt, NULL);
    printf("rt signal delivered %d times\n", hits[SIGRTMIN + 1]);
    CHECK(hits[SIGRTMIN + 1] == 3, "rt signals queue");
}

static void on_alarm(int sig)
{
    log_event('A');
}

static void test_alarm_pause(void)
{
    /*
     * alarm() is setitimer(ITIMER_REAL) on riscv64.  The timer repeats so
     * that pause() cannot hang if the first expiry lands before it.
     */
    struct itimerval it = { { 1, 0 }, { 1, 0 } }, off = { { 0, 0 }, { 0, 0 } };

    signal(SIGALRM, on_alarm);
    log_len = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    pause();
    setitimer(ITIMER_REAL, &off, NULL);
    printf("alarm: woke pause=%d\n", log_len >= 1 && log_buf[0] == 'A');
    CHECK(log_len >= 1 && log_buf[0] == 'A', "alarm woke pause");
    /* alarm() itself: arm, read back the remaining time, cancel. */
    alarm(100);
    unsigned left = alarm(0);
    printf("alarm remaining: %d\n", left >= 99 && left <= 100);
    CHECK(left >= 99 && left <= 100, "alarm remaining %u", left);
    log_len = 0;
}

static char altstack[65536] __attribute__((aligned(16)));
static volatile int on_alt, alt_flags;

static void on_altsig(int sig)
{
    char here;
    stack_t cur;

    on_alt = &here >= altstack && &here < altstack + sizeof(altstack);
    sigaltstack(NULL, &cur);
    alt_flags = cur.ss_flags;
}

static void test_altstack(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa = { 0 };

    sigaltstack(&ss, NULL);
    sa.sa_handler = on_altsig;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGWINCH, &sa, NULL);
    raise(SIGWINCH);
    printf("altstack: on_alt=%d onstack_flag=%d\n", on_alt,
           !!(alt_flags & SS_ONSTACK));
    CHECK(on_alt, "handler not on the alternate stack");
    CHECK(alt_flags & SS_ONSTACK, "SS_ONSTACK not reported");

    stack_t after;
    sigaltstack(NULL, &after);
    CHECK(!(after.ss_flags & SS_ONSTACK), "still SS_ONSTACK after return");
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
}

/* USR1's handler raises USR2 (runs nested at once) and USR1 again
 * (blocked while its handler runs, so it runs after the handler). */
static volatile int depth, max_depth;

static void on_nest(int sig)
{
    depth++;
    if (depth > max_depth) {
        max_depth = depth;
    }
    log_event(sig == SIGUSR1 ? '1' : '2');
    if (sig == SIGUSR1 && hits[0] == 0) {
        hits[0] = 1;
        raise(SIGUSR1);
        log_event('a');
        raise(SIGUSR2);
        log_event('b');
    }
    log_event(')');
    depth--;
}

static void test_nested(void)
{
    struct sigaction sa = { 0 };

    sa.sa_handler = on_nest;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    hits[0] = 0;
    log_len = 0;
    raise(SIGUSR1);
    printf("nested: log=%.*s max_depth=%d\n", log_len, log_buf, max_depth);
    CHECK(log_len == 8 && memcmp(log_buf, "1a2)b)1)", 8) == 0,
          "nesting order %.*s", log_len, log_buf);
    CHECK(max_depth == 2, "max depth %d", max_depth);
    /* sa_mask is in qemu-deviations.c: qemu 7.2 ignores it. */
}

/* SA_RESETHAND restores the default action after one delivery. */
static void test_resethand(void)
{
    struct sigaction sa = { 0 }, cur;

    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGURG, &sa, NULL);
    raise(SIGURG);
    sigaction(SIGURG, NULL, &cur);
    printf("resethand: default now=%d\n", cur.sa_handler == SIG_DFL);
    CHECK(cur.sa_handler == SIG_DFL, "SA_RESETHAND");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_raise_kill();
    test_mask_pending();
    test_alarm_pause();
    test_altstack();
    test_nested();
    test_resethand();
    if (guest_done() != 0) {
        return 1;
    }
    /* Finally die by a signal: the exit status must say SIGTERM. */
    signal(SIGTERM, SIG_DFL);
    raise(SIGTERM);
    printf("still alive after SIGTERM\n");
    return 2;
}
