/* SPDX-License-Identifier: MIT */
/* The virtio core: split virtqueues, features, status, device errors. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "vemu/log.h"
#include "vemu/virtio.h"

/* Split ring offsets (spec 2.7): avail and used headers, then rings. */
#define VRING_AVAIL_FLAGS(vq)      ((vq)->avail)
#define VRING_AVAIL_IDX(vq)        ((vq)->avail + 2)
#define VRING_AVAIL_RING(vq, i)    ((vq)->avail + 4 + 2 * (hwaddr)(i))
#define VRING_USED_EVENT(vq)       VRING_AVAIL_RING(vq, (vq)->num)
#define VRING_USED_FLAGS(vq)       ((vq)->used)
#define VRING_USED_IDX(vq)         ((vq)->used + 2)
#define VRING_USED_RING(vq, i)     ((vq)->used + 4 + 8 * (hwaddr)(i))
#define VRING_AVAIL_EVENT(vq)      VRING_USED_RING(vq, (vq)->num)

static inline void smp_mb(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* ---- guest memory --------------------------------------------------- */

/*
 * Copy between buf and guest RAM at [addr, addr + len). Only RAM counts:
 * a ring or descriptor table reaching MMIO or unmapped space fails, and
 * nothing is written outside guest RAM. Pieces are mapped one by one so
 * that adjacent RAM regions work.
 */
static bool ram_rw(AddressSpace *as, hwaddr addr, void *buf, hwaddr len,
                   bool is_write)
{
    uint8_t *p = buf;

    if (addr + len < addr) {
        return false;
    }
    while (len > 0) {
        hwaddr l = len;
        void *host = address_space_map(as, addr, &l, is_write);

        if (!host || l == 0) {
            if (host) {
                address_space_unmap(as, host, addr, 0, is_write);
            }
            return false;
        }
        if (l > len) {
            l = len;
        }
        if (is_write) {
            memcpy(host, p, l);
        } else {
            memcpy(p, host, l);
        }
        address_space_unmap(as, host, addr, l, is_write);
        addr += l;
        p += l;
        len -= l;
    }
    return true;
}

static bool vring_read16(VirtQueue *vq, hwaddr addr, uint16_t *val)
{
    uint16_t v;

    if (!ram_rw(vq->vdev->dma_as, addr, &v, 2, false)) {
        virtio_error(vq->vdev, "queue %u: ring at 0x%" PRIx64
                     " is not in guest RAM", vq->index, addr);
        return false;
    }
    *val = GUINT16_FROM_LE(v);
    return true;
}

static bool vring_write(VirtQueue *vq, hwaddr addr, const void *buf,
                        hwaddr len)
{
    if (!ram_rw(vq->vdev->dma_as, addr, (void *)buf, len, true)) {
        virtio_error(vq->vdev, "queue %u: ring at 0x%" PRIx64
                     " is not in guest RAM", vq->index, addr);
        return false;
    }
    return true;
}

static bool vring_write16(VirtQueue *vq, hwaddr addr, uint16_t val)
{
    uint16_t v = GUINT16_TO_LE(val);

    return vring_write(vq, addr, &v, 2);
}

/* ---- device setup --------------------------------------------------- */

static void virtio_queue_reset_one(VirtQueue *vq)
{
    vq->num = vq->num_max;
    vq->ready = false;
    vq->desc = vq->avail = vq->used = 0;
    vq->last_avail_idx = 0;
    vq->used_idx = 0;
    vq->inuse = 0;
    vq->signalled_used = 0;
    vq->signalled_used_valid = false;
    vq->notification = true;
}

void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id,
                 size_t config_size)
{
    vdev->name = name;
    vdev->device_id = device_id;
    vdev->status = 0;
    vdev->isr = 0;
    vdev->broken = false;
    vdev->host_features = (1ull << VIRTIO_F_VERSION_1) |
                          (1ull << VIRTIO_RING_F_INDIRECT_DESC) |
                          (1ull << VIRTIO_RING_F_EVENT_IDX);
    vdev->guest_features = 0;
    vdev->config_generation = 0;
    vdev->config_len = config_size;
    g_free(vdev->config);
    vdev->config = config_size ? g_malloc0(config_size) : NULL;
    for (unsigned i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        VirtQueue *vq = &vdev->vq[i];

        memset(vq, 0, sizeof(*vq));
        vq->vdev = vdev;
        vq->index = i;
    }
    if (!vdev->dma_as) {
        vdev->dma_as = &address_space_memory;
    }
}

void virtio_cleanup(VirtIODevice *vdev)
{
    g_free(vdev->config);
    vdev->config = NULL;
    vdev->config_len = 0;
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned max_size,
                            VirtIOHandleOutput handle_output)
{
    unsigned i;

    g_assert(max_size > 0 && max_size <= VIRTQUEUE_MAX_SIZE &&
             (max_size & (max_size - 1)) == 0);
    for (i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        if (vdev->vq[i].num_max == 0) {
            break;
        }
    }
    g_assert(i < VIRTIO_QUEUE_MAX);
    VirtQueue *vq = &vdev->vq[i];
    vq->vdev = vdev;
    vq->index = i;
    vq->num_max = max_size;
    vq->handle_output = handle_output;
    virtio_queue_reset_one(vq);
    return vq;
}

VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n)
{
    if (n >= VIRTIO_QUEUE_MAX || vdev->vq[n].num_max == 0) {
        return NULL;
    }
    return &vdev->vq[n];
}

static void virtio_update_irq(VirtIODevice *vdev)
{
    if (vdev->notify) {
        vdev->notify(vdev, vdev->notify_opaque);
    }
}

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    vemu_log_mask(LOG_GUEST_ERROR, "%s: device error: %s\n",
                  vdev->name ? vdev->name : "virtio", msg);
    g_free(msg);

    if (vdev->broken) {
        return;
    }
    vdev->broken = true;
    /* Spec 2.1.2: NEEDS_RESET, then a configuration change notification
     * if the driver is running. */
    vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
    virtio_notify_config(vdev);
}

/* ---- status and features -------------------------------------------- */

void virtio_reset(VirtIODevice *vdev)
{
    vdev->status = 0;
    vdev->isr = 0;
    vdev->broken = false;
    vdev->guest_features = 0;
    for (unsigned i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        if (vdev->vq[i].num_max) {
            virtio_queue_reset_one(&vdev->vq[i]);
        }
    }
    if (vdev->ops && vdev->ops->reset) {
        vdev->ops->reset(vdev);
    }
    virtio_update_irq(vdev);
}

void virtio_set_status(VirtIODevice *vdev, uint8_t status)
{
    if (status == 0) {
        virtio_reset(vdev);
        return;
    }
    /* NEEDS_RESET is the device's to set; only a reset clears it. */
    status &= ~VIRTIO_CONFIG_S_NEEDS_RESET;
    if (vdev->broken) {
        status |= VIRTIO_CONFIG_S_NEEDS_RESET;
    }
    vdev->status = status;
    if (vdev->ops && vdev->ops->set_status) {
        vdev->ops->set_status(vdev, status);
    }
}

bool virtio_set_features(VirtIODevice *vdev, uint64_t features)
{
    if (vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "%s: features changed after FEATURES_OK\n",
                      vdev->name);
        return false;
    }
    if (features & ~vdev->host_features) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "%s: driver accepts features 0x%" PRIx64
                      " that were not offered (0x%" PRIx64 ")\n",
                      vdev->name, features, vdev->host_features);
        return false;
    }
    if (!(features & (1ull << VIRTIO_F_VERSION_1))) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "%s: driver did not accept VIRTIO_F_VERSION_1\n",
                      vdev->name);
        return false;
    }
    vdev->guest_features = features;
    if (vdev->ops && vdev->ops->set_features) {
        vdev->ops->set_features(vdev, features);
    }
    return true;
}

uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset,
                            unsigned size)
{
    uint8_t b[4] = { 0 };

    if ((size != 1 && size != 2 && size != 4) ||
        offset + (uint64_t)size > vdev->config_len) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "%s: config read of %u bytes at 0x%x outside the "
                      "%zu-byte config space\n",
                      vdev->name, size, offset, vdev->config_len);
        return 0;
    }
    if (vdev->ops && vdev->ops->get_config) {
        vdev->ops->get_config(vdev, vdev->config);
    }
    memcpy(b, vdev->config + offset, size);
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

void virtio_config_write(VirtIODevice *vdev, uint32_t offset, uint32_t val,
                         unsigned size)
{
    if ((size != 1 && size != 2 && size != 4) ||
        offset + (uint64_t)size > vdev->config_len) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "%s: config write of %u bytes at 0x%x outside the "
                      "%zu-byte config space\n",
                      vdev->name, size, offset, vdev->config_len);
        return;
    }
    if (!vdev->ops || !vdev->ops->set_config) {
        /* Nothing in this device's config space is writable. */
        vemu_log_mask(LOG_GUEST_ERROR, "%s: write to the read-only config "
                      "space at 0x%x: ignored\n", vdev->name, offset);
        return;
    }
    if (vdev->ops->get_config) {
        vdev->ops->get_config(vdev, vdev->config);
    }
    for (unsigned i = 0; i < size; i++) {
        vdev->config[offset + i] = val >> (8 * i);
    }
    vdev->ops->set_config(vdev, vdev->config);
}

/* ---- queue registers ------------------------------------------------ */

static VirtQueue *transport_queue(VirtIODevice *vdev, unsigned n,
                                  const char *what)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: %s of queue %u, which does "
                      "not exist\n", vdev->name, what, n);
    }
    return vq;
}

unsigned virtio_queue_get_num_max(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    return vq ? vq->num_max : 0;
}

unsigned virtio_queue_get_num(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    return vq ? vq->num : 0;
}

bool virtio_queue_set_num(VirtIODevice *vdev, unsigned n, unsigned num)
{
    VirtQueue *vq = transport_queue(vdev, n, "size write");

    if (!vq) {
        return false;
    }
    if (vq->ready) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: queue %u: size changed while "
                      "ready: ignored\n", vdev->name, n);
        return false;
    }
    if (num == 0 || num > vq->num_max || (num & (num - 1))) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: queue %u: size %u is not a "
                      "power of 2 <= %u: ignored\n", vdev->name, n, num,
                      vq->num_max);
        return false;
    }
    vq->num = num;
    return true;
}

void virtio_queue_set_rings(VirtIODevice *vdev, unsigned n, hwaddr desc,
                            hwaddr avail, hwaddr used)
{
    VirtQueue *vq = transport_queue(vdev, n, "ring address write");

    if (!vq) {
        return;
    }
    if (vq->ready) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: queue %u: ring addresses "
                      "changed while ready: ignored\n", vdev->name, n);
        return;
    }
    vq->desc = desc;
    vq->avail = avail;
    vq->used = used;
}

/* Is [addr, addr + len) entirely guest RAM? */
static bool ram_range_ok(AddressSpace *as, hwaddr addr, hwaddr len)
{
    if (addr + len < addr) {
        return false;
    }
    while (len > 0) {
        hwaddr l = len;
        void *host = address_space_map(as, addr, &l, false);

        if (!host || l == 0) {
            return false;
        }
        address_space_unmap(as, host, addr, 0, false);
        if (l > len) {
            l = len;
        }
        addr += l;
        len -= l;
    }
    return true;
}

bool virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready)
{
    VirtQueue *vq = transport_queue(vdev, n, "ready write");

    if (!vq) {
        return false;
    }
    if (!ready) {
        vq->ready = false;
        return true;
    }
    /* Spec 2.7: alignments 16 (desc), 2 (avail), 4 (used). */
    if ((vq->desc & 15) || (vq->avail & 1) || (vq->used & 3)) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: queue %u: misaligned rings "
                      "(desc 0x%" PRIx64 " avail 0x%" PRIx64 " used 0x%"
                      PRIx64 "): not ready\n", vdev->name, n, vq->desc,
                      vq->avail, vq->used);
        return false;
    }
    if (!ram_range_ok(vdev->dma_as, vq->desc, 16 * (hwaddr)vq->num) ||
        !ram_range_ok(vdev->dma_as, vq->avail, 6 + 2 * (hwaddr)vq->num) ||
        !ram_range_ok(vdev->dma_as, vq->used, 6 + 8 * (hwaddr)vq->num)) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: queue %u: rings are not in "
                      "guest RAM: not ready\n", vdev->name, n);
        return false;
    }
    vq->ready = true;
    return true;
}

bool virtio_queue_get_ready(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    return vq && vq->ready;
}

void virtio_queue_notify(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: notify of queue %u, which "
                      "does not exist\n", vdev->name, n);
        return;
    }
    if (!vq->ready || vdev->broken || !vq->handle_output) {
        return;
    }
    vq->handle_output(vdev, vq);
}

bool virtio_queue_ready(const VirtQueue *vq)
{
    return vq->ready;
}

/* ---- the rings ------------------------------------------------------ */

/* avail->idx, checked against a jump of more than the queue size. */
static bool vring_avail_idx(VirtQueue *vq, uint16_t *idx)
{
    if (!vring_read16(vq, VRING_AVAIL_IDX(vq), idx)) {
        return false;
    }
    if ((uint16_t)(*idx - vq->last_avail_idx) > vq->num) {
        virtio_error(vq->vdev, "queue %u: avail idx moved from %u to %u, "
                     "more than the queue size %u", vq->index,
                     vq->last_avail_idx, *idx, vq->num);
        return false;
    }
    return true;
}

bool virtio_queue_empty(VirtQueue *vq)
{
    uint16_t idx;

    if (!vq->ready || vq->vdev->broken) {
        return true;
    }
    if (!vring_avail_idx(vq, &idx)) {
        return true;
    }
    return idx == vq->last_avail_idx;
}

void virtio_queue_set_notification(VirtQueue *vq, bool enable)
{
    uint16_t idx;

    vq->notification = enable;
    if (!vq->ready || vq->vdev->broken) {
        return;
    }
    if (virtio_has_feature(vq->vdev, VIRTIO_RING_F_EVENT_IDX)) {
        if (enable && vring_read16(vq, VRING_AVAIL_IDX(vq), &idx)) {
            vring_write16(vq, VRING_AVAIL_EVENT(vq), idx);
        }
    } else {
        vring_write16(vq, VRING_USED_FLAGS(vq),
                      enable ? 0 : VRING_USED_F_NO_NOTIFY);
    }
    if (enable) {
        /* The driver's next avail write must see the flag. */
        smp_mb();
    }
}

/* Scratch lists of a chain being walked. */
typedef struct SgList {
    struct iovec *sg;
    hwaddr *addr;
    bool *is_write;
    unsigned num;
    unsigned cap;
    unsigned in_num;
} SgList;

static void sglist_unmap(VirtIODevice *vdev, SgList *s)
{
    for (unsigned i = 0; i < s->num; i++) {
        address_space_unmap(vdev->dma_as, s->sg[i].iov_base, s->addr[i], 0,
                            s->is_write[i]);
    }
    s->num = 0;
}

/* Map one descriptor's buffer: RAM only, split where regions meet. */
static bool map_desc(VirtQueue *vq, SgList *s, const VRingDesc *d)
{
    VirtIODevice *vdev = vq->vdev;
    bool is_write = d->flags & VRING_DESC_F_WRITE;
    hwaddr addr = d->addr;
    hwaddr len = d->len;

    if (!is_write && s->in_num > 0) {
        virtio_error(vdev, "queue %u: device-readable descriptor after a "
                     "device-writable one", vq->index);
        return false;
    }
    if (addr + len < addr) {
        virtio_error(vdev, "queue %u: descriptor 0x%" PRIx64 "+0x%" PRIx64
                     " wraps around", vq->index, addr, len);
        return false;
    }
    while (len > 0) {
        hwaddr l = len;
        void *host;

        if (s->num == VIRTQUEUE_MAX_SG) {
            virtio_error(vdev, "queue %u: too many buffers in one chain",
                         vq->index);
            return false;
        }
        host = address_space_map(vdev->dma_as, addr, &l, is_write);
        if (!host || l == 0) {
            virtio_error(vdev, "queue %u: buffer 0x%" PRIx64 "+0x%" PRIx64
                         " is not in guest RAM", vq->index, addr, len);
            return false;
        }
        if (l > len) {
            l = len;
        }
        if (s->num == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 16;
            s->sg = g_renew(struct iovec, s->sg, s->cap);
            s->addr = g_renew(hwaddr, s->addr, s->cap);
            s->is_write = g_renew(bool, s->is_write, s->cap);
        }
        s->sg[s->num].iov_base = host;
        s->sg[s->num].iov_len = l;
        s->addr[s->num] = addr;
        s->is_write[s->num] = is_write;
        s->num++;
        if (is_write) {
            s->in_num++;
        }
        addr += l;
        len -= l;
    }
    return true;
}

static bool read_desc(VirtQueue *vq, hwaddr table, unsigned i, VRingDesc *d)
{
    if (!ram_rw(vq->vdev->dma_as, table + 16 * (hwaddr)i, d, 16, false)) {
        virtio_error(vq->vdev, "queue %u: descriptor %u of the table at "
                     "0x%" PRIx64 " is not in guest RAM", vq->index, i,
                     table);
        return false;
    }
    d->addr = GUINT64_FROM_LE(d->addr);
    d->len = GUINT32_FROM_LE(d->len);
    d->flags = GUINT16_FROM_LE(d->flags);
    d->next = GUINT16_FROM_LE(d->next);
    return true;
}

/* Walk the chain starting at head into s; false on a malformed chain. */
static bool walk_chain(VirtQueue *vq, unsigned head, SgList *s)
{
    VirtIODevice *vdev = vq->vdev;
    hwaddr table = vq->desc;
    unsigned table_size = vq->num;
    unsigned i = head;
    unsigned count = 0;
    VRingDesc d;

    if (!read_desc(vq, table, i, &d)) {
        return false;
    }
    if (d.flags & VRING_DESC_F_INDIRECT) {
        if (!virtio_has_feature(vdev, VIRTIO_RING_F_INDIRECT_DESC)) {
            virtio_error(vdev, "queue %u: indirect descriptor without "
                         "VIRTIO_RING_F_INDIRECT_DESC", vq->index);
            return false;
        }
        if (d.flags & VRING_DESC_F_NEXT) {
            virtio_error(vdev, "queue %u: indirect descriptor with NEXT",
                         vq->index);
            return false;
        }
        if (d.len == 0 || (d.len % 16) != 0 ||
            d.len / 16 > VIRTQUEUE_MAX_SIZE) {
            virtio_error(vdev, "queue %u: bad indirect table size %u",
                         vq->index, d.len);
            return false;
        }
        table = d.addr;
        table_size = d.len / 16;
        i = 0;
        if (!read_desc(vq, table, i, &d)) {
            return false;
        }
    }
    for (;;) {
        if (++count > table_size) {
            virtio_error(vdev, "queue %u: descriptor chain from %u is "
                         "longer than its table (a loop?)", vq->index, head);
            return false;
        }
        if (d.flags & VRING_DESC_F_INDIRECT) {
            virtio_error(vdev, "queue %u: indirect descriptor %s",
                         vq->index, table == vq->desc ?
                         "inside a chain" : "inside an indirect table");
            return false;
        }
        if (!map_desc(vq, s, &d)) {
            return false;
        }
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            return true;
        }
        i = d.next;
        if (i >= table_size) {
            virtio_error(vdev, "queue %u: next descriptor %u out of a "
                         "table of %u", vq->index, i, table_size);
            return false;
        }
        if (!read_desc(vq, table, i, &d)) {
            return false;
        }
    }
}

void *virtqueue_pop(VirtQueue *vq, size_t sz)
{
    VirtIODevice *vdev = vq->vdev;
    SgList s = { 0 };
    VirtQueueElement *elem = NULL;
    uint16_t avail_idx, head;
    unsigned out_num;
    size_t off;

    g_assert(sz >= sizeof(VirtQueueElement));
    if (!vq->ready || vdev->broken) {
        return NULL;
    }
    if (!vring_avail_idx(vq, &avail_idx) ||
        avail_idx == vq->last_avail_idx) {
        return NULL;
    }
    /* Read the ring entry only after seeing the index. */
    smp_mb();
    if (vq->inuse >= vq->num) {
        virtio_error(vdev, "queue %u: more buffers in use than its size",
                     vq->index);
        return NULL;
    }
    if (!vring_read16(vq, VRING_AVAIL_RING(vq, vq->last_avail_idx %
                                               vq->num), &head)) {
        return NULL;
    }
    if (head >= vq->num) {
        virtio_error(vdev, "queue %u: head descriptor %u out of a queue "
                     "of %u", vq->index, head, vq->num);
        return NULL;
    }
    if (!walk_chain(vq, head, &s)) {
        sglist_unmap(vdev, &s);
        goto out;
    }

    out_num = s.num - s.in_num;
    off = (sz + 7) & ~(size_t)7;
    elem = g_malloc0(off + s.num * (sizeof(struct iovec) + sizeof(hwaddr)));
    elem->index = head;
    elem->out_num = out_num;
    elem->in_num = s.in_num;
    elem->out_sg = (struct iovec *)((char *)elem + off);
    elem->in_sg = elem->out_sg + out_num;
    elem->out_addr = (hwaddr *)(elem->out_sg + s.num);
    elem->in_addr = elem->out_addr + out_num;
    /* map_desc put every out buffer before the in ones. */
    memcpy(elem->out_sg, s.sg, s.num * sizeof(struct iovec));
    memcpy(elem->out_addr, s.addr, s.num * sizeof(hwaddr));

    vq->last_avail_idx++;
    vq->inuse++;
    if (virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX) &&
        vq->notification) {
        vring_write16(vq, VRING_AVAIL_EVENT(vq), vq->last_avail_idx);
    }
out:
    g_free(s.sg);
    g_free(s.addr);
    g_free(s.is_write);
    return elem;
}

/* Unmap elem, len bytes having been written to its in buffers. */
static void element_unmap(VirtIODevice *vdev, const VirtQueueElement *elem,
                          unsigned len)
{
    for (unsigned i = 0; i < elem->out_num; i++) {
        address_space_unmap(vdev->dma_as, elem->out_sg[i].iov_base,
                            elem->out_addr[i], 0, false);
    }
    for (unsigned i = 0; i < elem->in_num; i++) {
        size_t l = MIN(len, elem->in_sg[i].iov_len);

        address_space_unmap(vdev->dma_as, elem->in_sg[i].iov_base,
                            elem->in_addr[i], l, true);
        len -= l;
    }
}

void virtqueue_unpop(VirtQueue *vq, const VirtQueueElement *elem)
{
    element_unmap(vq->vdev, elem, 0);
    vq->last_avail_idx--;
    vq->inuse--;
}

void virtqueue_detach_element(VirtQueue *vq, const VirtQueueElement *elem,
                              unsigned len)
{
    element_unmap(vq->vdev, elem, len);
    vq->inuse--;
}

void virtqueue_fill(VirtQueue *vq, const VirtQueueElement *elem,
                    unsigned len, unsigned idx)
{
    VRingUsedElem u;
    unsigned slot;

    element_unmap(vq->vdev, elem, len);
    if (vq->vdev->broken || !vq->ready) {
        return;
    }
    slot = (uint16_t)(vq->used_idx + idx) % vq->num;
    u.id = GUINT32_TO_LE(elem->index);
    u.len = GUINT32_TO_LE(len);
    vring_write(vq, VRING_USED_RING(vq, slot), &u, sizeof(u));
}

void virtqueue_flush(VirtQueue *vq, unsigned count)
{
    uint16_t old = vq->used_idx;
    uint16_t new = old + count;

    vq->inuse -= MIN(count, vq->inuse);
    if (vq->vdev->broken || !vq->ready) {
        return;
    }
    /* The used elements must be visible before the index. */
    smp_mb();
    if (!vring_write16(vq, VRING_USED_IDX(vq), new)) {
        return;
    }
    vq->used_idx = new;
    /* If the index wrapped past the last signalled value, a comparison
     * with it would be meaningless: signal next time. */
    if ((uint16_t)(new - vq->signalled_used) < (uint16_t)(new - old)) {
        vq->signalled_used_valid = false;
    }
}

void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem,
                    unsigned len)
{
    virtqueue_fill(vq, elem, len, 0);
    virtqueue_flush(vq, 1);
}

/* Spec 2.7.10: interrupt when used idx passed used_event. */
static bool vring_need_event(uint16_t event, uint16_t new, uint16_t old)
{
    return (uint16_t)(new - event - 1) < (uint16_t)(new - old);
}

static bool virtio_should_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    uint16_t flags, event;
    uint16_t old, new;
    bool valid;

    /* Our used idx write before reading the driver's flags. */
    smp_mb();
    if (virtio_has_feature(vdev, VIRTIO_F_NOTIFY_ON_EMPTY) &&
        vq->inuse == 0 && virtio_queue_empty(vq)) {
        return true;
    }
    if (!virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX)) {
        if (!vring_read16(vq, VRING_AVAIL_FLAGS(vq), &flags)) {
            return false;
        }
        return !(flags & VRING_AVAIL_F_NO_INTERRUPT);
    }
    valid = vq->signalled_used_valid;
    vq->signalled_used_valid = true;
    old = vq->signalled_used;
    new = vq->signalled_used = vq->used_idx;
    if (!vring_read16(vq, VRING_USED_EVENT(vq), &event)) {
        return false;
    }
    return !valid || vring_need_event(event, new, old);
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (!vq->ready || vdev->broken) {
        return;
    }
    if (!virtio_should_notify(vdev, vq)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_VRING;
    virtio_update_irq(vdev);
}

void virtio_notify_config(VirtIODevice *vdev)
{
    if (!(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        return;
    }
    vdev->config_generation++;
    vdev->isr |= VIRTIO_ISR_CONFIG;
    virtio_update_irq(vdev);
}
