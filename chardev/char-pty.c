/* SPDX-License-Identifier: MIT */
/* The pty backend: a new pseudo-terminal whose slave a user opens. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "chardev/char-internal.h"

/* How often to look for a program opening the slave side. */
#define PTY_POLL_MS 1000

typedef struct PtyChardev {
    Chardev parent;
    int master;
    bool connected;
    bool stalled;
    guint timer;
    ChrFdReader in;
} PtyChardev;

/* The master reports POLLHUP for as long as nobody has the slave open. */
static bool pty_slave_open(int master)
{
    struct pollfd pfd = { .fd = master, .events = POLLIN };

    if (poll(&pfd, 1, 0) < 0) {
        return false;
    }
    return !(pfd.revents & POLLHUP);
}

static gboolean pty_timer_cb(gpointer opaque);
static void pty_on_eof(Chardev *chr);

static void pty_set_connected(PtyChardev *s, bool connected)
{
    Chardev *chr = &s->parent;

    if (connected == s->connected) {
        return;
    }
    s->connected = connected;
    if (connected) {
        if (s->timer) {
            g_source_remove(s->timer);
            s->timer = 0;
        }
        chr_fd_reader_start(&s->in, chr, s->master, pty_on_eof);
        chr_be_event(chr, CHR_EVENT_OPENED);
    } else {
        chr_fd_reader_stop(&s->in);
        if (!s->timer) {
            s->timer = g_timeout_add(PTY_POLL_MS, pty_timer_cb, s);
        }
        chr_be_event(chr, CHR_EVENT_CLOSED);
    }
}

static gboolean pty_timer_cb(gpointer opaque)
{
    PtyChardev *s = opaque;

    if (pty_slave_open(s->master)) {
        s->timer = 0;
        pty_set_connected(s, true);
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

/* Reading the master fails with EIO once the last slave fd closes. */
static void pty_on_eof(Chardev *chr)
{
    pty_set_connected((PtyChardev *)chr, false);
}

static bool pty_open(Chardev *chr, const ChrOpts *opts, GError **errp)
{
    PtyChardev *s = (PtyChardev *)chr;
    struct termios t;
    char name[256];
    int slave;

    s->master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s->master < 0 || grantpt(s->master) < 0 ||
        unlockpt(s->master) < 0 ||
        ptsname_r(s->master, name, sizeof(name)) != 0) {
        chr_error(errp, opts, "Failed to create PTY: %s", g_strerror(errno));
        if (s->master >= 0) {
            close(s->master);
        }
        return false;
    }
    /* Raw on the slave side too, so the guest sees bytes unchanged. */
    slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave >= 0) {
        if (tcgetattr(slave, &t) == 0) {
            cfmakeraw(&t);
            tcsetattr(slave, TCSAFLUSH, &t);
        }
        close(slave);
    }
    chr_fd_set_nonblock(s->master, NULL);
    chr->filename = g_strdup_printf("pty:%s", name);
    chr->be_open = false;
    s->in.fd = -1;
    s->timer = g_timeout_add(PTY_POLL_MS, pty_timer_cb, s);
    fprintf(stderr, "char device redirected to %s (label %s)\n", name,
            chr->id);
    return true;
}

static int pty_write(Chardev *chr, const uint8_t *buf, int len)
{
    PtyChardev *s = (PtyChardev *)chr;
    int n;

    /* Without a reader the pty buffer would fill up: drop the output. */
    if (!s->connected && !pty_slave_open(s->master)) {
        return len;
    }
    n = chr_fd_write_bounded(s->master, buf, len, false, &s->stalled);
    return n < 0 ? len : n;
}

static void pty_accept_input(Chardev *chr)
{
    PtyChardev *s = (PtyChardev *)chr;

    if (s->connected) {
        chr_fd_reader_resume(&s->in);
    }
}

static void pty_close(Chardev *chr)
{
    PtyChardev *s = (PtyChardev *)chr;

    chr_fd_reader_stop(&s->in);
    if (s->timer) {
        g_source_remove(s->timer);
        s->timer = 0;
    }
    close(s->master);
}

const ChardevClass chr_pty_class = {
    .name = "pty",
    .instance_size = sizeof(PtyChardev),
    .open = pty_open,
    .write = pty_write,
    .accept_input = pty_accept_input,
    .close = pty_close,
};
