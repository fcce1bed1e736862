/* SPDX-License-Identifier: MIT */
/* The file backend: output to path= (truncated, or append=on). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "chardev/char-internal.h"

typedef struct FileChardev {
    Chardev parent;
    int fd;
    bool stalled;
} FileChardev;

static bool file_open(Chardev *chr, const ChrOpts *opts, GError **errp)
{
    FileChardev *s = (FileChardev *)chr;
    const char *path = chr_opts_get(opts, "path");
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC;
    bool append;

    if (!path || !path[0]) {
        chr_error(errp, opts, "chardev: file: no filename given");
        return false;
    }
    if (!chr_opts_get_bool(opts, "append", false, &append, errp)) {
        return false;
    }
    flags |= append ? O_APPEND : O_TRUNC;
    chr_ignore_sigpipe();
    s->fd = open(path, flags, 0666);
    if (s->fd < 0) {
        chr_error(errp, opts, "Could not open '%s': %s", path,
                  g_strerror(errno));
        return false;
    }
    chr->filename = g_strdup_printf("file:%s", path);
    return true;
}

static int file_write(Chardev *chr, const uint8_t *buf, int len)
{
    FileChardev *s = (FileChardev *)chr;
    int n = chr_fd_write_bounded(s->fd, buf, len, false, &s->stalled);

    /* A full disk loses output; the guest must not notice. */
    return n < 0 ? len : n;
}

static void file_close(Chardev *chr)
{
    FileChardev *s = (FileChardev *)chr;

    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
}

static const char *const file_opts[] = { "path", "append", NULL };
static const char *const file_bool_opts[] = { "append", NULL };

const ChardevClass chr_file_class = {
    .name = "file",
    .instance_size = sizeof(FileChardev),
    .opts = file_opts,
    .bool_opts = file_bool_opts,
    .open = file_open,
    .write = file_write,
    .close = file_close,
};
