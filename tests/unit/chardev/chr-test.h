/* SPDX-License-Identifier: MIT */
/* Helpers for the chardev tests: a recording frontend, loopback sockets. */
#ifndef TESTS_CHR_TEST_H
#define TESTS_CHR_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>

#include "vemu/chardev.h"
#include "vemu/main-loop.h"

/*
 * Stub of the main loop's shutdown request (the mux calls it on Ctrl-A x);
 * the test binary defines it, so system/main-loop.c is not linked in.
 */
static int shutdown_requests;
static ShutdownCause shutdown_cause;

void system_shutdown_request(ShutdownCause cause)
{
    shutdown_requests++;
    shutdown_cause = cause;
}

/* A frontend that records what it gets and takes at most 'room' bytes. */
typedef struct TestFe {
    GString *in;
    int room;             /* bytes can_read reports; -1: unlimited */
    int events[8];        /* count per ChrEvent */
    ChrEvent last_event;
    int handle;
} TestFe;

static int test_fe_can_read(void *opaque)
{
    TestFe *fe = opaque;

    return fe->room < 0 ? 1024 : fe->room;
}

static void test_fe_read(void *opaque, const uint8_t *buf, int len)
{
    TestFe *fe = opaque;

    g_assert_cmpint(len, >, 0);
    if (fe->room >= 0) {
        /* A frontend is never given more than it asked for. */
        g_assert_cmpint(len, <=, fe->room);
        fe->room -= len;
    }
    g_string_append_len(fe->in, (const char *)buf, len);
}

static void test_fe_event(void *opaque, ChrEvent ev)
{
    TestFe *fe = opaque;

    fe->events[ev]++;
    fe->last_event = ev;
}

static inline void test_fe_init(TestFe *fe)
{
    memset(fe, 0, sizeof(*fe));
    fe->in = g_string_new(NULL);
    fe->room = -1;
    fe->last_event = -1;
}

static inline int test_fe_attach(TestFe *fe, Chardev *chr)
{
    ChrFrontendHandlers h = {
        .can_read = test_fe_can_read,
        .read = test_fe_read,
        .event = test_fe_event,
        .opaque = fe,
    };

    fe->handle = chr_add_frontend(chr, &h);
    return fe->handle;
}

static inline void test_fe_free(TestFe *fe)
{
    g_string_free(fe->in, TRUE);
}

/* Run the default main context until cond holds or 3 seconds pass. */
#define ITERATE_UNTIL(cond)                                                  \
    do {                                                                     \
        gint64 deadline_ = g_get_monotonic_time() + 3 * G_USEC_PER_SEC;      \
        while (!(cond) && g_get_monotonic_time() < deadline_) {              \
            if (!g_main_context_iteration(NULL, FALSE)) {                    \
                g_usleep(1000);                                              \
            }                                                                \
        }                                                                    \
        g_assert_true(cond);                                                 \
    } while (0)

/* Run pending main loop work for a while (for things that must NOT happen). */
static inline void iterate_for_ms(int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (g_get_monotonic_time() < end) {
        if (!g_main_context_iteration(NULL, FALSE)) {
            g_usleep(1000);
        }
    }
}

/* A loopback TCP port nobody listens on right now. */
static inline int free_tcp_port(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t len = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int port;

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sa, &len), ==, 0);
    port = ntohs(sa.sin_port);
    close(fd);
    return port;
}

static inline int tcp_connect(int port)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(port);
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    return fd;
}

static inline int unix_connect(const char *path)
{
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&un, sizeof(un)), ==, 0);
    return fd;
}

static inline void send_str(int fd, const char *s)
{
    g_assert_cmpint(send(fd, s, strlen(s), 0), ==, (ssize_t)strlen(s));
}

/* Read from fd (driving the main loop meanwhile) until 'want' shows up. */
static inline char *recv_until(int fd, const char *want)
{
    GString *got = g_string_new(NULL);
    gint64 deadline = g_get_monotonic_time() + 3 * G_USEC_PER_SEC;

    while (!strstr(got->str, want) && g_get_monotonic_time() < deadline) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        char buf[512];

        g_main_context_iteration(NULL, FALSE);
        if (poll(&pfd, 1, 5) == 1) {
            ssize_t n = read(fd, buf, sizeof(buf));

            if (n <= 0) {
                break;
            }
            g_string_append_len(got, buf, n);
        }
    }
    return g_string_free(got, FALSE);
}

#endif
