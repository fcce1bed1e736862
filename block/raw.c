/* SPDX-License-Identifier: MIT */
/* The raw format: the file's bytes are the disk's bytes. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/fs.h>

#include "vemu/block.h"

typedef struct RawState {
    int fd;
} RawState;

static int raw_probe(const uint8_t *buf, size_t len)
{
    /* Anything can be a raw image, so only when nothing else claims it. */
    return 1;
}

static bool raw_open(BlockDriverState *bs, const char *filename,
                     GError **errp)
{
    int fd = open(filename, (bs->read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    struct stat st;

    if (fd < 0) {
        g_set_error(errp, BLOCK_ERROR, 0, "Could not open '%s': %s",
                    filename, g_strerror(errno));
        return false;
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        g_set_error(errp, BLOCK_ERROR, 0, "Could not open '%s': %s",
                    filename, g_strerror(EISDIR));
        return false;
    }
    RawState *s = g_new0(RawState, 1);
    s->fd = fd;
    bs->opaque = s;
    return true;
}

static void raw_close(BlockDriverState *bs)
{
    RawState *s = bs->opaque;

    if (s) {
        close(s->fd);
        g_free(s);
        bs->opaque = NULL;
    }
}

static int raw_pread(BlockDriverState *bs, uint64_t offset, void *buf,
                     size_t bytes)
{
    RawState *s = bs->opaque;
    uint8_t *p = buf;

    while (bytes > 0) {
        ssize_t n = pread(s->fd, p, bytes, offset);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            /* Past the end of the file: a hole of zeros. */
            memset(p, 0, bytes);
            return 0;
        }
        p += n;
        offset += n;
        bytes -= n;
    }
    return 0;
}

static int raw_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf,
                      size_t bytes)
{
    RawState *s = bs->opaque;
    const uint8_t *p = buf;

    while (bytes > 0) {
        ssize_t n = pwrite(s->fd, p, bytes, offset);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            return -EIO;
        }
        p += n;
        offset += n;
        bytes -= n;
    }
    return 0;
}

static int raw_flush(BlockDriverState *bs)
{
    RawState *s = bs->opaque;

    return fdatasync(s->fd) < 0 ? -errno : 0;
}

static int64_t raw_getlength(BlockDriverState *bs)
{
    RawState *s = bs->opaque;
    struct stat st;

    if (fstat(s->fd, &st) < 0) {
        return -errno;
    }
    if (S_ISBLK(st.st_mode)) {
        uint64_t size;

        if (ioctl(s->fd, BLKGETSIZE64, &size) < 0) {
            return -errno;
        }
        return size;
    }
    return st.st_size;
}

const BlockDriver bdrv_raw = {
    .format_name = "raw",
    .probe = raw_probe,
    .open = raw_open,
    .close = raw_close,
    .pread = raw_pread,
    .pwrite = raw_pwrite,
    .flush = raw_flush,
    .getlength = raw_getlength,
};
