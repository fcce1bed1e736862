/* SPDX-License-Identifier: MIT */
/* Blocking syscalls cut by signals: SA_RESTART restarts, else EINTR. */
#include "../guest.h"

#include <errno.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled;
static int pipefd[2];

static void on_alarm(int sig)
{
    handled++;
}

static void set_handler(int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

/*
 * SIGALRM every `ms` milliseconds (0 disarms): repeating, so a call that
 * starts late on a slow host is still interrupted.
 */
static void arm_ms(int ms)
{
    struct itimerval it = { { 0, ms * 1000 }, { 0, ms * 1000 } };

    setitimer(ITIMER_REAL, &it, NULL);
}

/* Writes one byte into the pipe once a signal has been handled. */
static void *late_writer(void *arg)
{
    struct timespec ts = { 0, 50 * 1000000 };

    while (!handled) {
        nanosleep(&ts, NULL);
    }
    nanosleep(&ts, NULL);
    if (write(pipefd[1], "w", 1) != 1) {
        printf("late write failed\n");
    }
    return NULL;
}

int main(void)
{
    char c = 0;
    ssize_t n;
    pthread_t th;
    sigset_t block;

    /* Only the main thread takes SIGALRM. */
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    CHECK_EQ(pipe(pipefd), 0, "pipe");

    /* 1. SA_RESTART: the read survives the signal and gets the byte. */
    set_handler(SA_RESTART);
    pthread_sigmask(SIG_BLOCK, &block, NULL);
    handled = 0;
    pthread_create(&th, NULL, late_writer, NULL);
    pthread_sigmask(SIG_UNBLOCK, &block, NULL);
    arm_ms(50);
    n = read(pipefd[0], &c, 1);
    arm_ms(0);
    printf("SA_RESTART read: %zd '%c' handled %d\n", n, n == 1 ? c : '?',
           handled > 0);
    pthread_join(th, NULL);

    /* 2. Without SA_RESTART the read fails with EINTR. */
    set_handler(0);
    handled = 0;
    arm_ms(50);
    errno = 0;
    n = read(pipefd[0], &c, 1);
    arm_ms(0);
    printf("plain read: %zd errno %d handled %d\n", n, errno, handled > 0);

    /* 3. Sleeps and select are never restarted. */
    set_handler(SA_RESTART);
    handled = 0;
    arm_ms(30);
    {
        struct timespec ts = { 5, 0 }, rem = { 0, 0 };
        errno = 0;
        n = nanosleep(&ts, &rem);
        arm_ms(0);
        printf("nanosleep: %zd errno %d handled %d rem>3s %d\n", n, errno,
               handled > 0, rem.tv_sec >= 3);
    }
    handled = 0;
    arm_ms(30);
    {
        fd_set r;
        struct timeval tv = { 5, 0 };
        FD_ZERO(&r);
        FD_SET(pipefd[0], &r);
        errno = 0;
        n = select(pipefd[0] + 1, &r, NULL, NULL, &tv);
        arm_ms(0);
        printf("select: %zd errno %d handled %d\n", n, errno, handled > 0);
    }

    /* 4. pselect's mask lets a blocked signal in just for the wait. */
    {
        sigset_t empty;
        struct timespec ts = { 5, 0 };
        fd_set r;

        sigprocmask(SIG_BLOCK, &block, NULL);
        handled = 0;
        arm_ms(30);
        sigemptyset(&empty);
        FD_ZERO(&r);
        FD_SET(pipefd[0], &r);
        errno = 0;
        n = pselect(pipefd[0] + 1, &r, NULL, NULL, &ts, &empty);
        arm_ms(0);
        printf("pselect: %zd errno %d handled %d\n", n, errno, handled > 0);
        sigprocmask(SIG_UNBLOCK, &block, NULL);
    }

    /* 5. The same through ppoll and epoll_pwait. */
    {
        sigset_t empty;
        struct timespec ts = { 5, 0 };
        struct pollfd p = { pipefd[0], POLLIN, 0 };
        struct epoll_event ev = { .events = EPOLLIN }, out;
        int ep = epoll_create1(0);

        sigemptyset(&empty);
        sigprocmask(SIG_BLOCK, &block, NULL);
        handled = 0;
        arm_ms(30);
        errno = 0;
        n = ppoll(&p, 1, &ts, &empty);
        arm_ms(0);
        printf("ppoll: %zd errno %d handled %d\n", n, errno, handled > 0);
        epoll_ctl(ep, EPOLL_CTL_ADD, pipefd[0], &ev);
        handled = 0;
        arm_ms(30);
        errno = 0;
        n = epoll_pwait(ep, &out, 1, 5000, &empty);
        arm_ms(0);
        printf("epoll_pwait: %zd errno %d handled %d\n", n, errno,
               handled > 0);
        /* A disarmed timer may still have one signal pending: take it. */
        sigprocmask(SIG_UNBLOCK, &block, NULL);
        close(ep);
    }
    return guest_done();
}
