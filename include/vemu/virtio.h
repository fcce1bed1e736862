/* SPDX-License-Identifier: MIT */
/*
 * The virtio core (hw/virtio/virtio.c): a VirtIODevice header embedded by
 * every virtio device (blk, net, rng, console), split virtqueues with
 * indirect descriptors and event index, feature negotiation and the
 * device status, independent of the transport (virtio-mmio today).
 *
 * A device embeds VirtIODevice first:
 *     typedef struct VirtIOBlock { VirtIODevice vdev; ... } VirtIOBlock;
 * its DeviceClass has bus_type "virtio-bus"; its realize calls
 * virtio_init(), sets host_features and adds its queues. The transport's
 * bus plug callback binds it (notify, dma_as) before realize.
 *
 * Guest input is never trusted: a malformed ring (descriptor outside RAM,
 * looping chain, nested indirect table, avail index jump...) marks the
 * device broken as the spec defines for device errors (status
 * NEEDS_RESET and a configuration change interrupt), logs under
 * -d guest_errors, and virtqueue_pop() returns NULL from then on until
 * the driver resets the device.
 *
 * Everything here runs under the BQL.
 */
#ifndef VEMU_VIRTIO_H
#define VEMU_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/uio.h>

#include "vemu/device.h"
#include "vemu/memory.h"

/* ---- constants from the virtio 1.x specification --------------------- */

/* Device IDs (spec 5). */
enum {
    VIRTIO_ID_NET = 1,
    VIRTIO_ID_BLOCK = 2,
    VIRTIO_ID_CONSOLE = 3,
    VIRTIO_ID_RNG = 4,
};

/* Device status bits (spec 2.1). */
enum {
    VIRTIO_CONFIG_S_ACKNOWLEDGE = 1,
    VIRTIO_CONFIG_S_DRIVER = 2,
    VIRTIO_CONFIG_S_DRIVER_OK = 4,
    VIRTIO_CONFIG_S_FEATURES_OK = 8,
    VIRTIO_CONFIG_S_NEEDS_RESET = 0x40,
    VIRTIO_CONFIG_S_FAILED = 0x80,
};

/* Reserved (transport/ring) feature bits (spec 6). */
#define VIRTIO_F_NOTIFY_ON_EMPTY     24
#define VIRTIO_F_ANY_LAYOUT          27
#define VIRTIO_RING_F_INDIRECT_DESC  28
#define VIRTIO_RING_F_EVENT_IDX      29
#define VIRTIO_F_VERSION_1           32
#define VIRTIO_F_ACCESS_PLATFORM     33

/* Interrupt status bits (ISR / InterruptStatus). */
#define VIRTIO_ISR_VRING   1u
#define VIRTIO_ISR_CONFIG  2u

/* Split ring layout (spec 2.7). */
#define VRING_DESC_F_NEXT       1
#define VRING_DESC_F_WRITE      2
#define VRING_DESC_F_INDIRECT   4
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY     1

typedef struct VRingDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
} VRingDesc;

typedef struct VRingUsedElem {
    uint32_t id;
    uint32_t len;
} VRingUsedElem;

/* Largest queue any device offers; also the bound of an indirect table. */
#define VIRTQUEUE_MAX_SIZE 1024
/* Queues per device (net: rx, tx, ctrl; console with ports: more). */
#define VIRTIO_QUEUE_MAX 64
/* Bound of the iovecs of one element (a descriptor may be split where
 * guest RAM regions meet). */
#define VIRTQUEUE_MAX_SG (2 * VIRTQUEUE_MAX_SIZE)

typedef struct VirtIODevice VirtIODevice;
typedef struct VirtQueue VirtQueue;

/* Called when the driver kicks the queue (QueueNotify). */
typedef void (*VirtIOHandleOutput)(VirtIODevice *vdev, VirtQueue *vq);

struct VirtQueue {
    VirtIODevice *vdev;
    unsigned index;
    uint16_t num_max;         /* 0: the queue does not exist */
    uint16_t num;             /* size chosen by the driver (power of 2) */
    bool ready;
    hwaddr desc;              /* descriptor table */
    hwaddr avail;             /* driver area */
    hwaddr used;              /* device area */
    uint16_t last_avail_idx;  /* next avail entry the device will take */
    uint16_t used_idx;        /* the used->idx the device publishes */
    unsigned inuse;           /* popped, not pushed yet */
    /* Event index: the used idx at the last interrupt sent. */
    uint16_t signalled_used;
    bool signalled_used_valid;
    bool notification;        /* device wants kicks (see set_notification) */
    VirtIOHandleOutput handle_output;
};

/*
 * One popped descriptor chain: device-readable buffers (out) first, then
 * device-writable ones (in), mapped into host memory. A device may embed
 * it at the start of a bigger struct (virtqueue_pop's sz). Free with
 * g_free() after virtqueue_push()/virtqueue_detach_element().
 */
typedef struct VirtQueueElement {
    unsigned index;           /* head descriptor, returned in the used ring */
    unsigned out_num;
    unsigned in_num;
    hwaddr *out_addr;         /* guest address of each out_sg */
    hwaddr *in_addr;
    struct iovec *out_sg;
    struct iovec *in_sg;
} VirtQueueElement;

/* Device-specific hooks, all optional. */
typedef struct VirtIODeviceOps {
    /* Refresh vdev->config before the driver reads it. */
    void (*get_config)(VirtIODevice *vdev, uint8_t *config);
    /* The driver wrote vdev->config (already updated; the device puts
     * back what is read-only). NULL: the whole config space is read-only
     * and driver writes are ignored. */
    void (*set_config)(VirtIODevice *vdev, const uint8_t *config);
    /* Features accepted (FEATURES_OK): vdev->guest_features is final. */
    void (*set_features)(VirtIODevice *vdev, uint64_t features);
    /* After every status write (DRIVER_OK: start receiving). */
    void (*set_status)(VirtIODevice *vdev, uint8_t status);
    /* Device part of a reset (the core resets queues and status). */
    void (*reset)(VirtIODevice *vdev);
} VirtIODeviceOps;

struct VirtIODevice {
    Device dev;               /* first: Device * <-> VirtIODevice * */
    const char *name;
    uint16_t device_id;       /* VIRTIO_ID_*; 0 before virtio_init */
    const VirtIODeviceOps *ops;
    uint8_t status;
    uint8_t isr;              /* VIRTIO_ISR_* pending */
    bool broken;              /* a device error: pop refuses until reset */
    uint64_t host_features;   /* offered (virtio_init adds the core's) */
    uint64_t guest_features;  /* accepted by the driver */
    uint32_t config_generation;
    size_t config_len;
    uint8_t *config;          /* little-endian config space */
    VirtQueue vq[VIRTIO_QUEUE_MAX];

    /* Bound by the transport when plugged (before realize); kept by
     * virtio_init and reset. */
    AddressSpace *dma_as;
    /* Recompute the interrupt line from vdev->isr. */
    void (*notify)(VirtIODevice *vdev, void *opaque);
    void *notify_opaque;
};

static inline VirtIODevice *VIRTIO_DEVICE(Device *dev)
{
    return container_of(dev, VirtIODevice, dev);
}

/* ---- device side ---------------------------------------------------- */

/*
 * Set up the core part (call from realize): id, config space of
 * config_size zeroed bytes, host_features = VERSION_1 | INDIRECT_DESC |
 * EVENT_IDX (the device ORs its own bits in afterwards).
 */
void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id,
                 size_t config_size);
void virtio_cleanup(VirtIODevice *vdev);
/* Add the next queue (index 0, 1, ...); max_size is a power of 2. */
VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned max_size,
                            VirtIOHandleOutput handle_output);
VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n);

static inline bool virtio_has_feature(const VirtIODevice *vdev,
                                      unsigned bit)
{
    return (vdev->guest_features >> bit) & 1;
}
static inline bool virtio_host_has_feature(const VirtIODevice *vdev,
                                           unsigned bit)
{
    return (vdev->host_features >> bit) & 1;
}
static inline bool virtio_device_started(const VirtIODevice *vdev)
{
    return (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && !vdev->broken;
}

/*
 * Take the next available chain: NULL when the queue is empty, not
 * ready, the device is broken, or the chain is malformed (then the
 * device is marked broken, see virtio_error). sz >= sizeof(element).
 */
void *virtqueue_pop(VirtQueue *vq, size_t sz);
/* Put elem back to be popped again (undoes the pop, nothing is used). */
void virtqueue_unpop(VirtQueue *vq, const VirtQueueElement *elem);
/* Drop elem without returning it to the driver (unmaps it). */
void virtqueue_detach_element(VirtQueue *vq, const VirtQueueElement *elem,
                              unsigned len);
/* Write elem to the used ring at used_idx + idx, len bytes written into
 * its in buffers; unmaps it. */
void virtqueue_fill(VirtQueue *vq, const VirtQueueElement *elem,
                    unsigned len, unsigned idx);
/* Publish count filled elements (used->idx += count). */
void virtqueue_flush(VirtQueue *vq, unsigned count);
/* fill + flush of one element. */
void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem,
                    unsigned len);
/* Interrupt the driver for vq unless it suppressed it (NO_INTERRUPT or
 * used_event). */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
/* Configuration change interrupt (config_generation++). */
void virtio_notify_config(VirtIODevice *vdev);

/* Nothing available (also true for a queue that is not ready). */
bool virtio_queue_empty(VirtQueue *vq);
bool virtio_queue_ready(const VirtQueue *vq);
/* Ask for kicks (enable) or not (VRING_USED_F_NO_NOTIFY / avail_event). */
void virtio_queue_set_notification(VirtQueue *vq, bool enable);

/*
 * A device error (spec 2.1.2): log under -d guest_errors, set
 * NEEDS_RESET (when DRIVER_OK was set), raise a configuration change
 * interrupt, and refuse further work until reset.
 */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- transport side ------------------------------------------------- */

/* Reset device and queues (status 0); keeps the transport binding. */
void virtio_reset(VirtIODevice *vdev);
/* Status write: 0 resets; FEATURES_OK is kept only if the features set
 * with virtio_set_features were accepted. */
void virtio_set_status(VirtIODevice *vdev, uint8_t status);
/* Driver's feature choice; false (and nothing changes) if it is not a
 * subset of host_features or lacks VERSION_1 (modern transports). */
bool virtio_set_features(VirtIODevice *vdev, uint64_t features);
/* Config space byte access: out of range reads 0, writes are ignored
 * (logged). size 1, 2 or 4, little-endian. */
uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset,
                            unsigned size);
void virtio_config_write(VirtIODevice *vdev, uint32_t offset, uint32_t val,
                         unsigned size);

/* Queue registers; n out of range or a queue that does not exist is
 * ignored (num_max reads 0). */
unsigned virtio_queue_get_num_max(VirtIODevice *vdev, unsigned n);
/* Power of 2 <= num_max, else ignored and logged: returns false. */
bool virtio_queue_set_num(VirtIODevice *vdev, unsigned n, unsigned num);
unsigned virtio_queue_get_num(VirtIODevice *vdev, unsigned n);
void virtio_queue_set_rings(VirtIODevice *vdev, unsigned n, hwaddr desc,
                            hwaddr avail, hwaddr used);
/* Ready only with a valid size and aligned rings; false if refused. */
bool virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready);
bool virtio_queue_get_ready(VirtIODevice *vdev, unsigned n);
/* QueueNotify: run the queue's handler. */
void virtio_queue_notify(VirtIODevice *vdev, unsigned n);

/* ---- scatter/gather helpers ------------------------------------------ */

static inline size_t iov_size(const struct iovec *iov, unsigned cnt)
{
    size_t n = 0;

    for (unsigned i = 0; i < cnt; i++) {
        n += iov[i].iov_len;
    }
    return n;
}

/* Copy up to bytes from iov (starting offset bytes in) to buf. */
static inline size_t iov_to_buf(const struct iovec *iov, unsigned cnt,
                                size_t offset, void *buf, size_t bytes)
{
    size_t done = 0;

    for (unsigned i = 0; i < cnt && done < bytes; i++) {
        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        size_t n = MIN(iov[i].iov_len - offset, bytes - done);
        memcpy((char *)buf + done, (char *)iov[i].iov_base + offset, n);
        done += n;
        offset = 0;
    }
    return done;
}

/* Copy up to bytes from buf into iov (starting offset bytes in). */
static inline size_t iov_from_buf(const struct iovec *iov, unsigned cnt,
                                  size_t offset, const void *buf,
                                  size_t bytes)
{
    size_t done = 0;

    for (unsigned i = 0; i < cnt && done < bytes; i++) {
        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        size_t n = MIN(iov[i].iov_len - offset, bytes - done);
        memcpy((char *)iov[i].iov_base + offset, (const char *)buf + done, n);
        done += n;
        offset = 0;
    }
    return done;
}

#endif
