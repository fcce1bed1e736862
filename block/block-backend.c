/* SPDX-License-Identifier: MIT */
/* BlockBackend: format probing, bounds, read-only, snapshot overlay. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "block/block-int.h"

G_DEFINE_QUARK(vemu-block-error-quark, block_error)

/* Formats vemu knows; qcow2 is recognised (to refuse it clearly) until
 * its driver exists. */
static const BlockDriver *const block_drivers[] = { &bdrv_raw };

static const struct {
    const char *name;
    const char *magic;
    size_t len;
} known_magics[] = {
    { "qcow2", "QFI\xfb", 4 },
    { "vmdk", "KDMV", 4 },
    { "vdi", "<<< ", 4 },
};

static GPtrArray *registry;   /* BlockBackend *, by creation order */

const BlockDriver *bdrv_find_format(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(block_drivers); i++) {
        if (strcmp(block_drivers[i]->format_name, name) == 0) {
            return block_drivers[i];
        }
    }
    return NULL;
}

/* Another format's signature at the start of buf, or NULL. */
static const char *probe_magic(const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < G_N_ELEMENTS(known_magics); i++) {
        if (len >= known_magics[i].len &&
            memcmp(buf, known_magics[i].magic, known_magics[i].len) == 0) {
            return known_magics[i].name;
        }
    }
    return NULL;
}

/* Guess the format of filename: a driver, or NULL + error. */
static const BlockDriver *probe_format(const char *filename, GError **errp)
{
    uint8_t buf[512] = { 0 };
    const BlockDriver *best = NULL;
    int best_score = 0;
    ssize_t n;
    int fd = open(filename, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        g_set_error(errp, BLOCK_ERROR, 0, "Could not open '%s': %s",
                    filename, g_strerror(errno));
        return NULL;
    }
    n = pread(fd, buf, sizeof(buf), 0);
    close(fd);
    if (n < 0) {
        g_set_error(errp, BLOCK_ERROR, 0, "Could not read '%s': %s",
                    filename, g_strerror(errno));
        return NULL;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(block_drivers); i++) {
        int score = block_drivers[i]->probe(buf, n);

        if (score > best_score) {
            best_score = score;
            best = block_drivers[i];
        }
    }
    const char *other = probe_magic(buf, n);
    if (other && best_score <= 1) {
        g_set_error(errp, BLOCK_ERROR, 0, "Image '%s' is in the %s format, "
                    "which vemu does not support yet", filename, other);
        return NULL;
    }
    return best;
}

BlockBackend *blk_new_open(const char *filename, const char *format,
                           int flags, GError **errp)
{
    const BlockDriver *drv;
    BlockBackend *blk;
    bool probed = false;

    if (format) {
        drv = bdrv_find_format(format);
        if (!drv) {
            g_set_error(errp, BLOCK_ERROR, 0, "Unknown driver '%s'", format);
            return NULL;
        }
    } else {
        drv = probe_format(filename, errp);
        if (!drv) {
            return NULL;
        }
        probed = true;
    }

    blk = g_new0(BlockBackend, 1);
    blk->flags = flags;
    blk->probed = probed && strcmp(drv->format_name, "raw") == 0;
    blk->bs.drv = drv;
    blk->bs.filename = g_strdup(filename);
    /* Under a snapshot overlay the image itself is never written. */
    blk->bs.read_only = !(flags & BLK_O_RDWR) || (flags & BLK_O_SNAPSHOT);
    if (!drv->open(&blk->bs, filename, errp)) {
        g_free(blk->bs.filename);
        g_free(blk);
        return NULL;
    }
    blk->size = drv->getlength(&blk->bs);
    if (blk->size < 0) {
        g_set_error(errp, BLOCK_ERROR, 0, "Could not get the size of '%s': "
                    "%s", filename, g_strerror(-blk->size));
        goto fail;
    }
    if ((flags & BLK_O_SNAPSHOT) && blk_enable_snapshot(blk, errp) < 0) {
        goto fail;
    }
    if (blk->probed) {
        /* QEMU's warning, with its advice. */
        fprintf(stderr, "vemu: warning: Image format was not specified for "
                "'%s' and probing guessed raw.\n"
                "         Automatically detecting the format is dangerous "
                "for raw images, write operations on block 0 will be "
                "restricted.\n"
                "         Specify the 'raw' format explicitly to remove the "
                "restrictions.\n", filename);
    }
    return blk;

fail:
    drv->close(&blk->bs);
    g_free(blk->bs.filename);
    g_free(blk);
    return NULL;
}

static void overlay_free(Overlay *o)
{
    if (o) {
        close(o->fd);
        g_free(o->map);
        g_free(o);
    }
}

int blk_enable_snapshot(BlockBackend *blk, GError **errp)
{
    char *path;
    GError *err = NULL;
    int fd;

    if (blk->overlay) {
        return 0;
    }
    fd = g_file_open_tmp("vemu-snapshot-XXXXXX", &path, &err);
    if (fd < 0) {
        g_set_error(errp, BLOCK_ERROR, 0, "Could not create the snapshot "
                    "overlay: %s", err->message);
        g_error_free(err);
        return -EIO;
    }
    /* Nobody else needs the name; the file goes away with the fd. */
    unlink(path);
    g_free(path);

    Overlay *o = g_new0(Overlay, 1);
    o->fd = fd;
    o->nclusters = (blk->size + OVERLAY_CLUSTER - 1) / OVERLAY_CLUSTER;
    o->map = g_malloc0((o->nclusters + 7) / 8);
    blk->overlay = o;
    blk->flags |= BLK_O_SNAPSHOT;
    return 0;
}

void blk_unref(BlockBackend *blk)
{
    if (!blk) {
        return;
    }
    if (registry) {
        g_ptr_array_remove(registry, blk);
    }
    overlay_free(blk->overlay);
    blk->bs.drv->close(&blk->bs);
    g_free(blk->bs.filename);
    g_free(blk->id);
    g_free(blk);
}

/* ---- I/O ------------------------------------------------------------ */

static bool blk_check_request(BlockBackend *blk, uint64_t offset,
                              size_t bytes)
{
    return offset <= (uint64_t)blk->size &&
           bytes <= (uint64_t)blk->size - offset;
}

static bool overlay_has(const Overlay *o, uint64_t cluster)
{
    return (o->map[cluster / 8] >> (cluster % 8)) & 1;
}

static int fd_pio(int fd, uint64_t offset, void *buf, size_t bytes,
                  bool is_write)
{
    uint8_t *p = buf;

    while (bytes > 0) {
        ssize_t n = is_write ? pwrite(fd, p, bytes, offset)
                             : pread(fd, p, bytes, offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            if (is_write) {
                return -EIO;
            }
            memset(p, 0, bytes);
            return 0;
        }
        p += n;
        offset += n;
        bytes -= n;
    }
    return 0;
}

int blk_pread(BlockBackend *blk, uint64_t offset, void *buf, size_t bytes)
{
    Overlay *o = blk->overlay;
    uint8_t *p = buf;

    if (!blk_check_request(blk, offset, bytes)) {
        return -EIO;
    }
    if (!o) {
        return blk->bs.drv->pread(&blk->bs, offset, buf, bytes);
    }
    /* Cluster by cluster: from the overlay where written, else the image. */
    while (bytes > 0) {
        uint64_t cluster = offset / OVERLAY_CLUSTER;
        size_t n = MIN(bytes, OVERLAY_CLUSTER - offset % OVERLAY_CLUSTER);
        int ret = overlay_has(o, cluster)
                  ? fd_pio(o->fd, offset, p, n, false)
                  : blk->bs.drv->pread(&blk->bs, offset, p, n);
        if (ret < 0) {
            return ret;
        }
        offset += n;
        p += n;
        bytes -= n;
    }
    return 0;
}

static int overlay_write(BlockBackend *blk, uint64_t offset,
                         const uint8_t *p, size_t bytes)
{
    Overlay *o = blk->overlay;
    uint8_t *cbuf = NULL;
    int ret = 0;

    while (bytes > 0) {
        uint64_t cluster = offset / OVERLAY_CLUSTER;
        uint64_t cstart = cluster * OVERLAY_CLUSTER;
        size_t n = MIN(bytes, OVERLAY_CLUSTER - (offset - cstart));

        if (!overlay_has(o, cluster) && n < OVERLAY_CLUSTER) {
            /* First partial write of the cluster: copy it up whole. */
            size_t clen = MIN(OVERLAY_CLUSTER, (uint64_t)blk->size - cstart);

            if (!cbuf) {
                cbuf = g_malloc(OVERLAY_CLUSTER);
            }
            ret = blk->bs.drv->pread(&blk->bs, cstart, cbuf, clen);
            if (ret < 0) {
                break;
            }
            memcpy(cbuf + (offset - cstart), p, n);
            ret = fd_pio(o->fd, cstart, cbuf, clen, true);
        } else {
            ret = fd_pio(o->fd, offset, (void *)p, n, true);
        }
        if (ret < 0) {
            break;
        }
        o->map[cluster / 8] |= 1u << (cluster % 8);
        offset += n;
        p += n;
        bytes -= n;
    }
    g_free(cbuf);
    return ret;
}

/* A probed raw image must not be turned into another format by a write
 * to its first sector (the next open would probe that format). */
static bool write_changes_format(BlockBackend *blk, uint64_t offset,
                                 const void *buf, size_t bytes)
{
    uint8_t head[512];
    size_t n;

    if (!blk->probed || offset >= sizeof(head)) {
        return false;
    }
    if (blk_pread(blk, 0, head, MIN(sizeof(head), (uint64_t)blk->size))) {
        return true;
    }
    n = MIN(bytes, sizeof(head) - offset);
    memcpy(head + offset, buf, n);
    return probe_magic(head, MIN(sizeof(head), (uint64_t)blk->size)) != NULL;
}

int blk_pwrite(BlockBackend *blk, uint64_t offset, const void *buf,
               size_t bytes)
{
    if (!(blk->flags & BLK_O_RDWR)) {
        return -EACCES;
    }
    if (!blk_check_request(blk, offset, bytes)) {
        return -EIO;
    }
    if (write_changes_format(blk, offset, buf, bytes)) {
        return -EPERM;
    }
    if (blk->overlay) {
        return overlay_write(blk, offset, buf, bytes);
    }
    return blk->bs.drv->pwrite(&blk->bs, offset, buf, bytes);
}

int blk_flush(BlockBackend *blk)
{
    /* The overlay is thrown away at exit: nothing to make durable. */
    if (blk->overlay || (blk->flags & BLK_O_NO_FLUSH) ||
        !(blk->flags & BLK_O_RDWR)) {
        return 0;
    }
    return blk->bs.drv->flush(&blk->bs);
}

int64_t blk_getlength(BlockBackend *blk)
{
    return blk->size;
}

/* ---- attributes ----------------------------------------------------- */

const char *blk_name(const BlockBackend *blk)
{
    return blk->id ? blk->id : "";
}

const char *blk_filename(const BlockBackend *blk)
{
    return blk->bs.filename;
}

bool blk_is_read_only(const BlockBackend *blk)
{
    return !(blk->flags & BLK_O_RDWR);
}

bool blk_is_snapshot(const BlockBackend *blk)
{
    return blk->overlay != NULL;
}

BlockInterfaceType blk_interface(const BlockBackend *blk)
{
    return blk->iface;
}

bool blk_attach_dev(BlockBackend *blk, void *dev, GError **errp)
{
    if (blk->dev && blk->dev != dev) {
        g_set_error(errp, BLOCK_ERROR, 0, "Drive '%s' is already in use",
                    blk_name(blk));
        return false;
    }
    blk->dev = dev;
    return true;
}

void blk_detach_dev(BlockBackend *blk, void *dev)
{
    if (blk->dev == dev) {
        blk->dev = NULL;
    }
}

void *blk_get_attached_dev(const BlockBackend *blk)
{
    return blk->dev;
}

/* ---- registry ------------------------------------------------------- */

void blk_register(BlockBackend *blk, const char *id,
                  BlockInterfaceType iface)
{
    if (!registry) {
        registry = g_ptr_array_new();
    }
    g_free(blk->id);
    blk->id = g_strdup(id);
    blk->iface = iface;
    g_ptr_array_add(registry, blk);
}

BlockBackend *blk_by_id(const char *id)
{
    for (guint i = 0; registry && i < registry->len; i++) {
        BlockBackend *blk = g_ptr_array_index(registry, i);

        if (strcmp(blk->id, id) == 0) {
            return blk;
        }
    }
    return NULL;
}

BlockBackend *blk_next(BlockBackend *blk)
{
    guint i = 0;

    if (!registry) {
        return NULL;
    }
    if (blk) {
        if (!g_ptr_array_find(registry, blk, &i)) {
            return NULL;
        }
        i++;
    }
    return i < registry->len ? g_ptr_array_index(registry, i) : NULL;
}

void block_cleanup_all(void)
{
    while (registry && registry->len > 0) {
        BlockBackend *blk = g_ptr_array_index(registry, registry->len - 1);

        blk_flush(blk);
        blk_unref(blk);
    }
}
