/* SPDX-License-Identifier: MIT */
/* fd plumbing for backends: flow-controlled input watch, bounded writes. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>

#include "chardev/char-internal.h"

#define CHR_READ_CHUNK 4096

static gboolean chr_fd_reader_cb(gint fd, GIOCondition cond, gpointer opaque)
{
    ChrFdReader *r = opaque;
    uint8_t buf[CHR_READ_CHUNK];
    int room = chr_be_can_read(r->chr);
    ssize_t n;

    if (room <= 0) {
        /* Stop polling until the frontend calls chr_accept_input. */
        r->watch = 0;
        return G_SOURCE_REMOVE;
    }
    if (room > CHR_READ_CHUNK) {
        room = CHR_READ_CHUNK;
    }
    n = read(fd, buf, room);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return G_SOURCE_CONTINUE;
    }
    if (n <= 0) {
        r->watch = 0;
        r->eof = true;
        if (r->on_eof) {
            r->on_eof(r->chr);
        } else {
            chr_be_event(r->chr, CHR_EVENT_CLOSED);
        }
        return G_SOURCE_REMOVE;
    }
    chr_be_write(r->chr, buf, n);
    return G_SOURCE_CONTINUE;
}

void chr_fd_reader_start(ChrFdReader *r, Chardev *chr, int fd,
                         void (*on_eof)(Chardev *chr))
{
    chr_fd_reader_stop(r);
    r->chr = chr;
    r->fd = fd;
    r->eof = false;
    r->on_eof = on_eof;
    chr_fd_reader_resume(r);
}

void chr_fd_reader_resume(ChrFdReader *r)
{
    if (r->watch || r->eof || r->fd < 0 || !r->chr) {
        return;
    }
    r->watch = g_unix_fd_add(r->fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                             chr_fd_reader_cb, r);
}

void chr_fd_reader_stop(ChrFdReader *r)
{
    if (r->watch) {
        g_source_remove(r->watch);
        r->watch = 0;
    }
    r->fd = -1;
}

bool chr_fd_set_nonblock(int fd, GError **errp)
{
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
        g_set_error(errp, CHR_ERROR, 0,
                    "cannot set O_NONBLOCK: %s", g_strerror(errno));
        return false;
    }
    return true;
}

int chr_fd_write_bounded(int fd, const uint8_t *buf, int len, bool is_socket,
                         bool *stalled)
{
    gint64 deadline = g_get_monotonic_time() + CHR_WRITE_TIMEOUT_MS * 1000;
    int done = 0;

    while (done < len) {
        ssize_t n;

        if (is_socket) {
            n = send(fd, buf + done, len - done, MSG_NOSIGNAL);
        } else {
            n = write(fd, buf + done, len - done);
        }
        if (n > 0) {
            done += n;
            *stalled = false;
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            gint64 left = deadline - g_get_monotonic_time();
            struct pollfd pfd = { .fd = fd, .events = POLLOUT };

            if (*stalled || left <= 0) {
                *stalled = true;
                break;
            }
            if (poll(&pfd, 1, (int)((left + 999) / 1000)) == 0) {
                *stalled = true;
                break;
            }
            continue;
        }
        return done > 0 ? done : -1;
    }
    return done;
}

void chr_ignore_sigpipe(void)
{
    struct sigaction sa;

    if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
        sa.sa_handler = SIG_IGN;
        sigaction(SIGPIPE, &sa, NULL);
    }
}
