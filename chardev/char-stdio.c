/* SPDX-License-Identifier: MIT */
/* The stdio backend: fd 0/1, the terminal in raw mode while vemu runs. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "chardev/char-internal.h"

typedef struct StdioChardev {
    Chardev parent;
    ChrFdReader in;
    int out_fd;          /* a non-blocking view of fd 1, or 1 itself */
    bool stalled;
} StdioChardev;

static bool stdio_in_use;
static bool tty_saved;
static struct termios tty_orig;

/* Raw input, but output post-processing (\n -> \r\n) stays on. */
static void stdio_set_raw(bool allow_signals)
{
    struct termios t;

    if (tcgetattr(0, &tty_orig) < 0) {
        return;
    }
    tty_saved = true;
    t = tty_orig;
    t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                   ICRNL | IXON);
    t.c_oflag |= OPOST;
    t.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!allow_signals) {
        /* signal=off: Ctrl-C and Ctrl-Z reach the guest */
        t.c_lflag &= ~ISIG;
    }
    t.c_cflag &= ~(CSIZE | PARENB);
    t.c_cflag |= CS8;
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    tcsetattr(0, TCSANOW, &t);
}

void chardev_cleanup_all(void)
{
    if (tty_saved) {
        tcsetattr(0, TCSANOW, &tty_orig);
        tty_saved = false;
    }
}

static void stdio_atexit(void)
{
    chardev_cleanup_all();
}

/*
 * Writes to a pipe or terminal must not block forever, but setting
 * O_NONBLOCK on fd 1 would leak into the shell and into the shared
 * description of stdin: open a separate description of the same file.
 */
static int stdio_open_out(void)
{
    struct stat st;
    int fd;

    if (fstat(1, &st) < 0 || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
        return 1;
    }
    fd = open("/proc/self/fd/1", O_WRONLY | O_NONBLOCK | O_CLOEXEC |
              O_NOCTTY);
    return fd < 0 ? 1 : fd;
}

static bool stdio_open(Chardev *chr, const ChrOpts *opts, GError **errp)
{
    static bool atexit_done;
    StdioChardev *s = (StdioChardev *)chr;
    bool sig;

    if (stdio_in_use) {
        chr_error(errp, opts,
                  "cannot use stdio by multiple character devices");
        return false;
    }
    if (!chr_opts_get_bool(opts, "signal", true, &sig, errp)) {
        return false;
    }
    stdio_in_use = true;
    chr_ignore_sigpipe();
    if (isatty(0)) {
        stdio_set_raw(sig);
        if (!atexit_done) {
            atexit(stdio_atexit);
            atexit_done = true;
        }
    }
    s->out_fd = stdio_open_out();
    s->in.fd = -1;
    if (fcntl(0, F_GETFD) >= 0) {
        chr_fd_reader_start(&s->in, chr, 0, NULL);
    }
    chr->filename = g_strdup("stdio");
    return true;
}

static int stdio_write(Chardev *chr, const uint8_t *buf, int len)
{
    StdioChardev *s = (StdioChardev *)chr;
    int n = chr_fd_write_bounded(s->out_fd, buf, len, false, &s->stalled);

    return n < 0 ? len : n;
}

static void stdio_accept_input(Chardev *chr)
{
    chr_fd_reader_resume(&((StdioChardev *)chr)->in);
}

static void stdio_close(Chardev *chr)
{
    StdioChardev *s = (StdioChardev *)chr;

    chr_fd_reader_stop(&s->in);
    if (s->out_fd > 2) {
        close(s->out_fd);
    }
    chardev_cleanup_all();
    stdio_in_use = false;
}

static const char *const stdio_opts[] = { "signal", NULL };

const ChardevClass chr_stdio_class = {
    .name = "stdio",
    .instance_size = sizeof(StdioChardev),
    .opts = stdio_opts,
    .bool_opts = stdio_opts,
    .open = stdio_open,
    .write = stdio_write,
    .accept_input = stdio_accept_input,
    .close = stdio_close,
};
