/* SPDX-License-Identifier: MIT */
/* Readiness: poll, ppoll, select, epoll, eventfd, FIONREAD, TIOCGWINSZ. */
#include "../guest.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

static void test_poll(int rd, int wr)
{
    struct pollfd p[2] = { { rd, POLLIN, 0 }, { wr, POLLOUT, 0 } };
    struct timespec ts = { 0, 10000000 };
    sigset_t mask;

    CHECK_EQ(poll(p, 1, 10), 0, "poll empty pipe");
    printf("empty: revents %#x\n", p[0].revents);
    CHECK_EQ(poll(p, 2, 0), 1, "poll writable");
    printf("write end revents %#x\n", p[1].revents);
    CHECK_EQ(write(wr, "abc", 3), 3, "write");
    CHECK_EQ(poll(p, 2, -1), 2, "poll both");
    printf("read end revents %#x\n", p[0].revents);
    sigemptyset(&mask);
    CHECK_EQ(ppoll(p, 1, &ts, &mask), 1, "ppoll");
    printf("ppoll revents %#x\n", p[0].revents);
    {
        int avail = -1;
        CHECK_EQ(ioctl(rd, FIONREAD, &avail), 0, "FIONREAD");
        printf("FIONREAD %d\n", avail);
    }
}

static void test_select(int rd, int wr)
{
    fd_set r, w;
    struct timeval tv = { 0, 0 };

    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(rd, &r);
    FD_SET(wr, &w);
    CHECK_EQ(select(wr + 1, &r, &w, NULL, &tv), 2, "select ready");
    printf("select: readable %d writable %d\n", FD_ISSET(rd, &r) != 0,
           FD_ISSET(wr, &w) != 0);
    {
        char buf[8];
        CHECK_EQ(read(rd, buf, sizeof(buf)), 3, "drain");
    }
    FD_ZERO(&r);
    FD_SET(rd, &r);
    tv.tv_usec = 10000;
    CHECK_EQ(select(rd + 1, &r, NULL, NULL, &tv), 0, "select timeout");
    printf("select after drain readable %d\n", FD_ISSET(rd, &r) != 0);
    {
        struct timespec ts = { 0, 1000000 };
        sigset_t mask;
        sigemptyset(&mask);
        FD_SET(rd, &r);
        CHECK_EQ(pselect(rd + 1, &r, NULL, NULL, &ts, &mask), 0, "pselect");
    }
}

static void test_epoll(int rd, int wr)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev, out[4];
    int efd;
    uint64_t v;

    CHECK(ep >= 0, "epoll_create1");
    ev.events = EPOLLIN;
    ev.data.u64 = 0x1122334455667788ull;
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, rd, &ev), 0, "epoll_ctl add");
    CHECK_EQ(epoll_wait(ep, out, 4, 10), 0, "epoll_wait empty");
    CHECK_EQ(write(wr, "z", 1), 1, "write");
    memset(out, 0, sizeof(out));
    CHECK_EQ(epoll_wait(ep, out, 4, 1000), 1, "epoll_wait ready");
    printf("epoll events %#x data %#llx\n", out[0].events,
           (unsigned long long)out[0].data.u64);

    efd = eventfd(5, EFD_NONBLOCK);
    CHECK(efd >= 0, "eventfd");
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.fd = efd;
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev), 0, "epoll add eventfd");
    memset(out, 0, sizeof(out));
    {
        int n = epoll_pwait(ep, out, 4, 1000, NULL);
        int seen_efd = 0;
        CHECK_EQ(n, 2, "epoll_pwait two ready");
        for (int i = 0; i < n; i++) {
            if (out[i].data.fd == efd) {
                seen_efd = out[i].events == (EPOLLIN | EPOLLOUT);
            }
        }
        printf("eventfd in+out via epoll %d\n", seen_efd);
    }
    CHECK_EQ(read(efd, &v, 8), 8, "eventfd read");
    printf("eventfd value %llu\n", (unsigned long long)v);
    CHECK_EQ(read(efd, &v, 8), -1, "eventfd empty");
    printf("eventfd empty errno %d\n", errno);
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL), 0, "epoll_ctl del");
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL), -1, "del again");
    printf("del again errno %d\n", errno);
    close(efd);
    close(ep);
}

int main(void)
{
    int p[2];
    struct winsize ws;
    struct termios t;

    CHECK_EQ(pipe2(p, O_CLOEXEC), 0, "pipe2");
    test_poll(p[0], p[1]);
    test_select(p[0], p[1]);
    test_epoll(p[0], p[1]);
    /* A pipe is no terminal. */
    CHECK_EQ(ioctl(p[0], TIOCGWINSZ, &ws), -1, "TIOCGWINSZ");
    printf("TIOCGWINSZ on pipe errno %d\n", errno);
    CHECK_EQ(tcgetattr(p[0], &t), -1, "tcgetattr");
    printf("tcgetattr on pipe errno %d\n", errno);
    printf("isatty %d\n", isatty(p[1]));
    CHECK_EQ(ioctl(p[0], FIOCLEX), 0, "FIOCLEX");
    CHECK_EQ(ioctl(p[0], FIONCLEX), 0, "FIONCLEX");
    printf("cloexec after FIONCLEX %d\n", fcntl(p[0], F_GETFD));
    close(p[0]);
    close(p[1]);
    return guest_done();
}
