/* SPDX-License-Identifier: MIT */
/*
 * The gdbstub in vemu-user (-g PORT): one gdb connection on a blocking
 * socket, served by the guest thread that stopped (at the start, on a
 * breakpoint or a step); the guest runs again when gdb resumes it.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gdbstub/internal.h"
#include "linux-user/user-int.h"
#include "linux-user/user.h"
#include "vemu/debug.h"
#include "vemu/gdbstub.h"
#include "vemu/target.h"

typedef struct GdbUser {
    GdbState state;
    int fd;                 /* the connection, -1 when gone */
    bool resume;            /* gdb said continue/step: leave the loop */
} GdbUser;

static GdbUser *gdb_user;
/* One guest thread at a time talks to gdb. */
static pthread_mutex_t gdb_user_lock = PTHREAD_MUTEX_INITIALIZER;

static void user_send(GdbState *s, const uint8_t *buf, size_t len)
{
    GdbUser *g = s->opaque;

    while (len && g->fd >= 0) {
        ssize_t n = send(g->fd, buf, len, MSG_NOSIGNAL);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            close(g->fd);
            g->fd = -1;
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

static bool user_memory_rw(CPUState *cpu, vaddr addr, uint8_t *buf,
                           size_t len, bool write)
{
    if (!page_check_range(addr, len, write ? PAGE_WRITE : PAGE_READ)) {
        return false;
    }
    if (write) {
        memcpy(g2h(addr), buf, len);
        /* Code gdb patched must be translated again. */
        page_invalidate_code(addr, addr + len);
    } else {
        memcpy(buf, g2h(addr), len);
    }
    return true;
}

static void user_resume(GdbState *s)
{
    GdbUser *g = s->opaque;

    g->resume = true;
}

static void user_interrupt(GdbState *s)
{
    /* Not reachable: the socket is only read while the guest is stopped. */
}

static void user_kill(GdbState *s)
{
    _exit(0);
}

static const GdbOps user_ops = {
    .send = user_send,
    .memory_rw = user_memory_rw,
    .resume = user_resume,
    .interrupt = user_interrupt,
    .kill = user_kill,
    .watchpoints = false,
    .can_hold = true,
};

bool gdbserver_start_user(const char *port_spec, GError **errp)
{
    struct sockaddr_in sa;
    char *end;
    long port = strtol(port_spec, &end, 10);
    int one = 1, lfd, fd;

    if (*end || port <= 0 || port > 65535) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "-g %s: expected a TCP port number", port_spec);
        return false;
    }
    lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (lfd < 0) {
        goto fail;
    }
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
        listen(lfd, 1) < 0) {
        close(lfd);
        goto fail;
    }
    do {
        fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    close(lfd);
    if (fd < 0) {
        goto fail;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    gdb_user = g_new0(GdbUser, 1);
    gdb_user->fd = fd;
    gdb_state_init(&gdb_user->state, &user_ops, gdb_user);
    return true;
fail:
    g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "-g %s: %s",
                port_spec, g_strerror(errno));
    return false;
}

/* Serve gdb until it resumes the guest (or goes away). */
static void gdb_user_serve(GdbUser *g)
{
    uint8_t buf[4096];

    g->resume = false;
    while (!g->resume && g->fd >= 0) {
        ssize_t n = recv(g->fd, buf, sizeof(buf), 0);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            close(g->fd);
            g->fd = -1;
            break;
        }
        gdb_input(&g->state, buf, (size_t)n);
    }
    if (g->fd < 0) {
        /* gdb went away: forget its breakpoints and run on. */
        for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
            if (cpu->debug) {
                cpu_breakpoint_remove_all(cpu);
                cpu_single_step(cpu, false);
                cpu_debug_hold(cpu, false);
            }
        }
    }
}

bool gdb_user_connected(void)
{
    return gdb_user && gdb_user->fd >= 0;
}

void gdb_user_wait_start(CPUState *cpu)
{
    if (!gdb_user_connected()) {
        return;
    }
    pthread_mutex_lock(&gdb_user_lock);
    gdb_user->state.g_cpu = gdb_user->state.c_cpu = cpu;
    gdb_user_serve(gdb_user);
    pthread_mutex_unlock(&gdb_user_lock);
}

bool gdb_user_debug_stop(CPUState *cpu, int signo)
{
    if (!gdb_user_connected() || !gdb_user->state.attached) {
        return false;
    }
    for (;;) {
        if (cpu_debug_held(cpu)) {
            /*
             * gdb resumed other threads only (vCont): wait for our turn,
             * then run again; a breakpoint still there stops us anew, so
             * gdb never sees a stale stop while it steps another thread.
             */
            while (cpu_debug_held(cpu) && gdb_user_connected()) {
                g_usleep(200);
            }
            return true;
        }
        pthread_mutex_lock(&gdb_user_lock);
        /* The thread that had the stub may have held us meanwhile. */
        if (!cpu_debug_held(cpu)) {
            break;
        }
        pthread_mutex_unlock(&gdb_user_lock);
    }
    /* All-stop: the other guest threads wait while gdb looks. */
    start_exclusive();
    cpu_debug_exclusive_held(true);
    gdb_report_stop(&gdb_user->state, cpu, signo);
    gdb_user_serve(gdb_user);
    cpu_debug_exclusive_held(false);
    end_exclusive();
    pthread_mutex_unlock(&gdb_user_lock);
    return true;
}

void gdb_user_exit(int status, int signo)
{
    char buf[8];

    if (!gdb_user_connected() || !gdb_user->state.attached) {
        return;
    }
    snprintf(buf, sizeof(buf), signo ? "X%02x" : "W%02x",
             (signo ? signo : status) & 0xff);
    gdb_send_packet(&gdb_user->state, buf);
    close(gdb_user->fd);
    gdb_user->fd = -1;
}
