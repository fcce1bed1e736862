/* SPDX-License-Identifier: MIT */
/* virtio-blk (virtio 1.x spec section 5.2) on a BlockBackend. */
#include <errno.h>
#include <inttypes.h>

#include "vemu/block.h"
#include "vemu/log.h"
#include "vemu/virtio.h"

/* Feature bits (spec 5.2.3). */
#define VIRTIO_BLK_F_SIZE_MAX  1
#define VIRTIO_BLK_F_SEG_MAX   2
#define VIRTIO_BLK_F_RO        5
#define VIRTIO_BLK_F_BLK_SIZE  6
#define VIRTIO_BLK_F_FLUSH     9

/* Request types and status (spec 5.2.6). */
enum {
    VIRTIO_BLK_T_IN = 0,
    VIRTIO_BLK_T_OUT = 1,
    VIRTIO_BLK_T_FLUSH = 4,
    VIRTIO_BLK_T_GET_ID = 8,
};
enum {
    VIRTIO_BLK_S_OK = 0,
    VIRTIO_BLK_S_IOERR = 1,
    VIRTIO_BLK_S_UNSUPP = 2,
};

/* Config space offsets (struct virtio_blk_config). */
enum {
    BLK_CFG_CAPACITY = 0,     /* le64, in 512-byte sectors */
    BLK_CFG_SIZE_MAX = 8,     /* le32 */
    BLK_CFG_SEG_MAX = 12,     /* le32 */
    BLK_CFG_BLK_SIZE = 20,    /* le32 */
    BLK_CFG_SIZE = 36,        /* through num_queues */
};

#define SECTOR_SIZE      512
#define VIRTIO_BLK_ID_BYTES 20
#define BLK_QUEUE_SIZE   256
/* Linux builds chains of seg_max data segments plus header and status. */
#define BLK_SEG_MAX      (BLK_QUEUE_SIZE - 2)
#define BLK_SIZE_MAX     (1u << 20)

typedef struct VirtIOBlockReqHdr {
    uint32_t type;
    uint32_t ioprio;
    uint64_t sector;
} VirtIOBlockReqHdr;

typedef struct VirtIOBlock {
    VirtIODevice vdev;
    BlockBackend *blk;        /* property "drive" */
    char *serial;             /* property "serial" (GET_ID) */
    VirtQueue *vq;
} VirtIOBlock;

static void stl_le(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static void stq_le(uint8_t *p, uint64_t v)
{
    stl_le(p, v);
    stl_le(p + 4, v >> 32);
}

/*
 * Transfer between the disk at offset and the bytes [skip, skip + len) of
 * an iovec list, buffer by buffer straight to/from guest RAM.
 */
static int blk_iov_rw(BlockBackend *blk, uint64_t offset,
                      const struct iovec *iov, unsigned cnt, size_t skip,
                      size_t len, bool to_disk)
{
    for (unsigned i = 0; i < cnt && len > 0; i++) {
        uint8_t *base = iov[i].iov_base;
        size_t n = iov[i].iov_len;
        int ret;

        if (skip >= n) {
            skip -= n;
            continue;
        }
        base += skip;
        n = MIN(n - skip, len);
        skip = 0;
        ret = to_disk ? blk_pwrite(blk, offset, base, n)
                      : blk_pread(blk, offset, base, n);
        if (ret < 0) {
            return ret;
        }
        offset += n;
        len -= n;
    }
    return 0;
}

/* Carry out one request; returns its status, *written the data bytes
 * put in the driver's buffers (without the status byte). */
static uint8_t blk_do_request(VirtIOBlock *s, const VirtIOBlockReqHdr *h,
                              VirtQueueElement *elem, size_t out_len,
                              size_t in_len, size_t *written)
{
    uint64_t capacity = blk_getlength(s->blk) / SECTOR_SIZE;
    uint64_t offset;
    size_t len;
    int ret;

    *written = 0;
    switch (h->type) {
    case VIRTIO_BLK_T_IN:
    case VIRTIO_BLK_T_OUT:
        len = h->type == VIRTIO_BLK_T_IN ? in_len : out_len;
        if (len % SECTOR_SIZE) {
            vemu_log_mask(LOG_GUEST_ERROR, "virtio-blk: request of %zu "
                          "bytes is not a whole number of sectors\n", len);
            return VIRTIO_BLK_S_IOERR;
        }
        if (h->sector > capacity || len / SECTOR_SIZE >
            capacity - h->sector) {
            vemu_log_mask(LOG_GUEST_ERROR, "virtio-blk: sectors %" PRIu64
                          "+%zu beyond the disk end (%" PRIu64 ")\n",
                          h->sector, len / SECTOR_SIZE, capacity);
            return VIRTIO_BLK_S_IOERR;
        }
        offset = h->sector * SECTOR_SIZE;
        if (h->type == VIRTIO_BLK_T_IN) {
            ret = blk_iov_rw(s->blk, offset, elem->in_sg, elem->in_num, 0,
                             len, false);
            if (ret == 0) {
                *written = len;
            }
        } else {
            if (blk_is_read_only(s->blk)) {
                vemu_log_mask(LOG_GUEST_ERROR, "virtio-blk: write to the "
                              "read-only drive '%s'\n", blk_name(s->blk));
                return VIRTIO_BLK_S_IOERR;
            }
            ret = blk_iov_rw(s->blk, offset, elem->out_sg, elem->out_num,
                             sizeof(*h), len, true);
        }
        return ret < 0 ? VIRTIO_BLK_S_IOERR : VIRTIO_BLK_S_OK;
    case VIRTIO_BLK_T_FLUSH:
        return blk_flush(s->blk) < 0 ? VIRTIO_BLK_S_IOERR : VIRTIO_BLK_S_OK;
    case VIRTIO_BLK_T_GET_ID: {
        char id[VIRTIO_BLK_ID_BYTES] = { 0 };
        const char *serial = s->serial ? s->serial : "";

        /* Not NUL-terminated when it fills all 20 bytes (spec 5.2.6). */
        strncpy(id, serial, sizeof(id));
        *written = iov_from_buf(elem->in_sg, elem->in_num, 0, id,
                                MIN(in_len, sizeof(id)));
        return VIRTIO_BLK_S_OK;
    }
    default:
        return VIRTIO_BLK_S_UNSUPP;
    }
}

static void blk_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *s = container_of(vdev, VirtIOBlock, vdev);
    VirtQueueElement *elem;
    bool done = false;

    while ((elem = virtqueue_pop(vq, sizeof(*elem)))) {
        VirtIOBlockReqHdr h;
        size_t out_len = iov_size(elem->out_sg, elem->out_num);
        size_t in_len = iov_size(elem->in_sg, elem->in_num);
        size_t written;
        uint8_t status;

        if (out_len < sizeof(h) || in_len < 1) {
            virtio_error(vdev, "virtio-blk: request without header or "
                         "status byte");
            virtqueue_detach_element(vq, elem, 0);
            g_free(elem);
            break;
        }
        iov_to_buf(elem->out_sg, elem->out_num, 0, &h, sizeof(h));
        h.type = GUINT32_FROM_LE(h.type);
        h.sector = GUINT64_FROM_LE(h.sector);
        status = blk_do_request(s, &h, elem, out_len - sizeof(h),
                                in_len - 1, &written);
        /* The status is the last byte of the device-writable part. */
        iov_from_buf(elem->in_sg, elem->in_num, in_len - 1, &status, 1);
        virtqueue_push(vq, elem, written + 1);
        g_free(elem);
        done = true;
    }
    if (done) {
        virtio_notify(vdev, vq);
    }
}

static bool virtio_blk_realize(Device *dev, GError **errp)
{
    VirtIOBlock *s = container_of(dev, VirtIOBlock, vdev.dev);
    VirtIODevice *vdev = &s->vdev;
    uint8_t *cfg;

    if (!s->blk) {
        g_set_error(errp, BLOCK_ERROR, 0,
                    "drive property not set");
        return false;
    }
    if (!blk_attach_dev(s->blk, s, errp)) {
        return false;
    }
    virtio_init(vdev, "virtio-blk", VIRTIO_ID_BLOCK, BLK_CFG_SIZE);
    vdev->host_features |= (1ull << VIRTIO_BLK_F_SIZE_MAX) |
                           (1ull << VIRTIO_BLK_F_SEG_MAX) |
                           (1ull << VIRTIO_BLK_F_BLK_SIZE) |
                           (1ull << VIRTIO_BLK_F_FLUSH);
    if (blk_is_read_only(s->blk)) {
        vdev->host_features |= 1ull << VIRTIO_BLK_F_RO;
    }
    cfg = vdev->config;
    stq_le(cfg + BLK_CFG_CAPACITY, blk_getlength(s->blk) / SECTOR_SIZE);
    stl_le(cfg + BLK_CFG_SIZE_MAX, BLK_SIZE_MAX);
    stl_le(cfg + BLK_CFG_SEG_MAX, BLK_SEG_MAX);
    stl_le(cfg + BLK_CFG_BLK_SIZE, SECTOR_SIZE);
    s->vq = virtio_add_queue(vdev, BLK_QUEUE_SIZE, blk_handle_output);
    return true;
}

static void virtio_blk_unrealize(Device *dev)
{
    VirtIOBlock *s = container_of(dev, VirtIOBlock, vdev.dev);

    if (s->blk) {
        blk_detach_dev(s->blk, s);
    }
    virtio_cleanup(&s->vdev);
}

static void virtio_blk_reset(Device *dev)
{
    virtio_reset(VIRTIO_DEVICE(dev));
}

static const Property virtio_blk_props[] = {
    DEFINE_PROP("drive", PROP_DRIVE, VirtIOBlock, blk, NULL),
    DEFINE_PROP("serial", PROP_STRING, VirtIOBlock, serial, NULL),
    { .name = NULL },
};

static const DeviceClass virtio_blk_class = {
    .name = "virtio-blk-device",
    .desc = "virtio block device (drive=ID)",
    .instance_size = sizeof(VirtIOBlock),
    .props = virtio_blk_props,
    .bus_type = "virtio-bus",
    .user_creatable = true,
    .realize = virtio_blk_realize,
    .unrealize = virtio_blk_unrealize,
    .reset = virtio_blk_reset,
};

static void __attribute__((constructor)) virtio_blk_register(void)
{
    device_class_register(&virtio_blk_class);
}
