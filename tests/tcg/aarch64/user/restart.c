/* SPDX-License-Identifier: MIT */
/*
 * Syscall restart on aarch64: a blocking read interrupted by a handler
 * reruns the svc (pc backed up over it, x0 still the fd) with SA_RESTART,
 * and fails with EINTR without it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile int alarms;
static int wfd = -1;

/* The handler also feeds the pipe the read waits on. */
static void on_alarm(int sig)
{
    alarms++;
    write(wfd, "x", 1);
}

static void check(const char *what, int ok)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAIL");
}

/*
 * read() on an empty pipe; the alarm fires 200 ms later, while it
 * blocks, and its handler writes the byte.
 */
static int read_interrupted(int flags, char *c)
{
    struct sigaction sa;
    struct itimerval it = { { 0, 0 }, { 0, 200000 } };
    int fds[2], r;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
    pipe(fds);
    wfd = fds[1];
    alarms = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    r = read(fds[0], c, 1);
    if (r < 0) {
        r = -errno;
    }
    close(fds[0]);
    close(fds[1]);
    return r;
}

int main(void)
{
    char c = 0;
    int r;

    r = read_interrupted(SA_RESTART, &c);
    check("SA_RESTART: handler ran", alarms == 1);
    check("SA_RESTART: read restarted and got the byte", r == 1 && c == 'x');
    r = read_interrupted(0, &c);
    check("no SA_RESTART: handler ran", alarms == 1);
    check("no SA_RESTART: EINTR", r == -EINTR);
    return 0;
}
