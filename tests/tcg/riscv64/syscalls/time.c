/* SPDX-License-Identifier: MIT */
/* Clocks and sleeps: monotonicity, sleep lengths, select timeouts, timers. */
#include "../guest.h"

#include <errno.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int64_t ns_of(const struct timespec *t)
{
    return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static int64_t now_ns(clockid_t c)
{
    struct timespec t;

    clock_gettime(c, &t);
    return ns_of(&t);
}

int main(void)
{
    struct timespec a, b, res, req;
    struct timeval tv, tv2;
    int64_t t0, t1;
    int monotonic = 1;

    /* The monotonic clock never goes backwards. */
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0, "clock_gettime");
    for (int i = 0; i < 1000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (ns_of(&b) < ns_of(&a)) {
            monotonic = 0;
        }
        a = b;
    }
    printf("monotonic %d\n", monotonic);
    CHECK_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0, "clock_getres");
    printf("resolution <= 1ms %d\n", ns_of(&res) > 0 && ns_of(&res) <= 1000000);
    CHECK_EQ(clock_gettime(CLOCK_REALTIME, &a), 0, "realtime");
    printf("realtime after 2020 %d\n", a.tv_sec > 1577836800);
    CHECK_EQ(gettimeofday(&tv, NULL), 0, "gettimeofday");
    printf("gettimeofday close to realtime %d\n",
           tv.tv_sec - a.tv_sec >= 0 && tv.tv_sec - a.tv_sec < 5);
    CHECK(now_ns(CLOCK_PROCESS_CPUTIME_ID) > 0, "process cputime");
    CHECK(now_ns(CLOCK_THREAD_CPUTIME_ID) > 0, "thread cputime");
    CHECK_EQ(clock_gettime(12345, &a), -1, "bad clock");
    printf("bad clock errno %d\n", errno);

    /* Sleeps last at least as long as asked. */
    t0 = now_ns(CLOCK_MONOTONIC);
    req.tv_sec = 0;
    req.tv_nsec = 20 * 1000000;
    CHECK_EQ(nanosleep(&req, NULL), 0, "nanosleep");
    t1 = now_ns(CLOCK_MONOTONIC);
    printf("nanosleep >= 20ms %d\n", t1 - t0 >= 20000000);
    t0 = now_ns(CLOCK_MONOTONIC);
    CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL), 0,
             "clock_nanosleep");
    t1 = now_ns(CLOCK_MONOTONIC);
    printf("clock_nanosleep >= 20ms %d\n", t1 - t0 >= 20000000);
    req.tv_nsec = 2000000000;
    CHECK_EQ(nanosleep(&req, NULL), -1, "nanosleep invalid");
    printf("nanosleep invalid errno %d\n", errno);

    /* select() with nothing to wait for times out and updates nothing. */
    t0 = now_ns(CLOCK_MONOTONIC);
    tv2.tv_sec = 0;
    tv2.tv_usec = 30000;
    CHECK_EQ(select(0, NULL, NULL, NULL, &tv2), 0, "select timeout");
    t1 = now_ns(CLOCK_MONOTONIC);
    printf("select waited >= 30ms %d remaining %ld\n", t1 - t0 >= 30000000,
           (long)tv2.tv_usec);

    /* timerfd: one expiry after 10ms. */
    {
        int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
        struct itimerspec its = { { 0, 0 }, { 0, 10000000 } };
        struct itimerspec cur;
        uint64_t expiries = 0;

        CHECK(fd >= 0, "timerfd_create");
        CHECK_EQ(timerfd_settime(fd, 0, &its, NULL), 0, "timerfd_settime");
        CHECK_EQ(timerfd_gettime(fd, &cur), 0, "timerfd_gettime");
        printf("timerfd armed %d\n", cur.it_value.tv_nsec > 0 ||
               cur.it_value.tv_sec > 0);
        CHECK_EQ(read(fd, &expiries, 8), 8, "timerfd read");
        printf("timerfd expiries %llu\n", (unsigned long long)expiries);
        close(fd);
    }

    /* Interval timers: set, read back, disarm. */
    {
        struct itimerval it = { { 0, 0 }, { 100, 0 } }, old;
        CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0, "setitimer");
        CHECK_EQ(getitimer(ITIMER_REAL, &old), 0, "getitimer");
        printf("itimer remaining in (90,100] %d\n",
               old.it_value.tv_sec >= 90 && old.it_value.tv_sec <= 100);
        memset(&it, 0, sizeof(it));
        CHECK_EQ(setitimer(ITIMER_REAL, &it, &old), 0, "disarm");
    }
    return guest_done();
}
