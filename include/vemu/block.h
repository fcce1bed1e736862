/* SPDX-License-Identifier: MIT */
/*
 * Block layer: a BlockBackend is what a device (virtio-blk) reads and
 * writes; under it an image opened by a BlockDriver (raw now, qcow2
 * later), and optionally a temporary copy-on-write overlay (snapshot=on)
 * that keeps every write away from the image file.
 *
 * -drive file=disk.img,format=raw,if=none|virtio,id=d0,readonly=on,
 * snapshot=on,cache=... registers a backend under its id; the device
 * property "drive" (PROP_DRIVE) finds it by that id.
 *
 * Offsets and lengths are bytes. I/O is synchronous, under the BQL.
 */
#ifndef VEMU_BLOCK_H
#define VEMU_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

typedef struct BlockBackend BlockBackend;
typedef struct BlockDriverState BlockDriverState;

/* GError domain of the block layer's messages. */
GQuark block_error_quark(void);
#define BLOCK_ERROR block_error_quark()

/* ---- drivers -------------------------------------------------------- */

/* One opened image. */
struct BlockDriverState {
    const struct BlockDriver *drv;
    char *filename;
    bool read_only;
    void *opaque;             /* the driver's state */
};

typedef struct BlockDriver {
    const char *format_name;  /* "raw", "qcow2" */
    /* Confidence 0..100 that the first bytes of a file are this format
     * (raw answers 1: anything can be raw). */
    int (*probe)(const uint8_t *buf, size_t len);
    /* Open filename; false + error ("Could not open 'x': reason"). */
    bool (*open)(BlockDriverState *bs, const char *filename, GError **errp);
    void (*close)(BlockDriverState *bs);
    /* 0 or -errno. Reads past the end of the file give zeros. */
    int (*pread)(BlockDriverState *bs, uint64_t offset, void *buf,
                 size_t bytes);
    int (*pwrite)(BlockDriverState *bs, uint64_t offset, const void *buf,
                  size_t bytes);
    int (*flush)(BlockDriverState *bs);
    /* Virtual disk size in bytes, or -errno. */
    int64_t (*getlength)(BlockDriverState *bs);
} BlockDriver;

extern const BlockDriver bdrv_raw;
/* By format name; NULL if unknown. */
const BlockDriver *bdrv_find_format(const char *name);

/* ---- backends ------------------------------------------------------- */

typedef enum BlockInterfaceType {
    IF_NONE,        /* a device picks it with drive=ID */
    IF_VIRTIO,      /* the board/main creates a virtio-blk-device for it */
} BlockInterfaceType;

enum {
    BLK_O_RDWR = 1 << 0,      /* else read-only */
    BLK_O_SNAPSHOT = 1 << 1,  /* writes go to a temporary overlay */
    BLK_O_NO_FLUSH = 1 << 2,  /* cache=unsafe: flush does nothing */
};

/*
 * Open filename with format (NULL: probe; a raw guess warns like QEMU
 * and refuses writes to the first sector that would make the image
 * probe as another format). Not registered under an id.
 */
BlockBackend *blk_new_open(const char *filename, const char *format,
                           int flags, GError **errp);
/* Close and free (also unregisters it). */
void blk_unref(BlockBackend *blk);

/* 0 or -errno; requests past the end of the disk give -EIO, writes to a
 * read-only backend -EACCES. */
int blk_pread(BlockBackend *blk, uint64_t offset, void *buf, size_t bytes);
int blk_pwrite(BlockBackend *blk, uint64_t offset, const void *buf,
               size_t bytes);
int blk_flush(BlockBackend *blk);
/* Size in bytes (or -errno). */
int64_t blk_getlength(BlockBackend *blk);

const char *blk_name(const BlockBackend *blk);   /* the -drive id */
const char *blk_filename(const BlockBackend *blk);
bool blk_is_read_only(const BlockBackend *blk);
bool blk_is_snapshot(const BlockBackend *blk);
BlockInterfaceType blk_interface(const BlockBackend *blk);

/* One device per backend: false + "Drive 'd0' is already in use". */
bool blk_attach_dev(BlockBackend *blk, void *dev, GError **errp);
void blk_detach_dev(BlockBackend *blk, void *dev);
void *blk_get_attached_dev(const BlockBackend *blk);

/* ---- -drive --------------------------------------------------------- */

/*
 * Parse one -drive option string and open the image. Errors come
 * without the option prefix: the caller prints
 * "vemu: -drive OPTARG: Could not open 'x.img': No such file or
 * directory".
 */
bool drive_add_opts(const char *optarg, GError **errp);
/* The backend registered under id, or NULL. */
BlockBackend *blk_by_id(const char *id);
/* Registered backends in creation order (NULL after the last). */
BlockBackend *blk_next(BlockBackend *blk);
/* -snapshot: every drive, opened already or later, gets snapshot=on. */
void drive_set_snapshot_all(void);
/* Install prop_drive_lookup (device.h) so drive=ID properties work. */
void block_init(void);
/* Close every registered backend (flushes first), at exit. */
void block_cleanup_all(void);

#endif
