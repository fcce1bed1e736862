/* SPDX-License-Identifier: MIT */
/* virtio-net-device driven through hand-built split rings. */
#include <string.h>

#include <glib.h>

#include "vemu/device.h"
#include "vemu/memory.h"
#include "vemu/net.h"
#include "vemu/virtio.h"

#define RAM_SIZE 0x100000
#define QSIZE 16
#define BUF_BASE 0x40000

#define F_MAC        5
#define F_MRG_RXBUF  15
#define F_STATUS     16
#define HDR_LEN      12

static MemoryRegion root, ram;
static AddressSpace as;
static uint8_t *mem;

/* The driver's view of one queue. */
typedef struct TQ {
    unsigned n;
    hwaddr desc, avail, used;
    uint16_t avail_idx;
    unsigned next_desc;
} TQ;

typedef struct Rig {
    Device *dev;
    VirtIODevice *vdev;
    NetClient *backend;
    GPtrArray *frames;      /* what the backend received */
    bool backend_ready;
    unsigned irqs;
    TQ rx, tx;
    hwaddr buf_next;
} Rig;

static void put16(hwaddr a, uint16_t v)
{
    mem[a] = v;
    mem[a + 1] = v >> 8;
}

static uint16_t get16(hwaddr a)
{
    return mem[a] | (mem[a + 1] << 8);
}

static uint32_t get32(hwaddr a)
{
    return get16(a) | ((uint32_t)get16(a + 2) << 16);
}

static void put32(hwaddr a, uint32_t v)
{
    put16(a, v);
    put16(a + 2, v >> 16);
}

static void put64(hwaddr a, uint64_t v)
{
    put32(a, v);
    put32(a + 4, v >> 32);
}

static void mem_init(void)
{
    GError *err = NULL;

    if (mem) {
        memset(mem, 0, RAM_SIZE);
        return;
    }
    memory_region_init(&root, "test-root", MEMORY_REGION_SIZE_ALL);
    g_assert_true(memory_region_init_ram(&ram, "test-ram", RAM_SIZE, &err));
    memory_region_add_subregion(&root, 0, &ram);
    address_space_init(&as, &root, "test-dma");
    mem = memory_region_get_ram_ptr(&ram);
}

/* ---- the test backend ---------------------------------------------- */

static ssize_t backend_receive(NetClient *nc, const uint8_t *buf, size_t len)
{
    Rig *r = nc->opaque;
    GByteArray *f = g_byte_array_new();

    g_byte_array_append(f, buf, len);
    g_ptr_array_add(r->frames, f);
    return len;
}

static bool backend_can_receive(NetClient *nc)
{
    return ((Rig *)nc->opaque)->backend_ready;
}

static void count_irq(VirtIODevice *vdev, void *opaque)
{
    Rig *r = opaque;

    if (vdev->isr) {
        r->irqs++;
    }
}

/* ---- driver side ----------------------------------------------------- */

static void tq_setup(Rig *r, TQ *q, unsigned n)
{
    q->n = n;
    q->desc = 0x1000 + n * 0x1000;
    q->avail = q->desc + 0x400;
    q->used = q->desc + 0x800;
    q->avail_idx = 0;
    q->next_desc = 0;
    g_assert_true(virtio_queue_set_num(r->vdev, n, QSIZE));
    virtio_queue_set_rings(r->vdev, n, q->desc, q->avail, q->used);
    g_assert_true(virtio_queue_set_ready(r->vdev, n, true));
}

typedef struct Buf {
    hwaddr addr;
    uint32_t len;
    bool write;
} Buf;

/* Put a chain of descriptors in the avail ring (not kicked yet). */
static void tq_add(TQ *q, const Buf *bufs, unsigned nbufs)
{
    unsigned head = q->next_desc % QSIZE;

    for (unsigned i = 0; i < nbufs; i++) {
        unsigned d = (head + i) % QSIZE;
        hwaddr a = q->desc + 16 * d;
        uint16_t flags = bufs[i].write ? VRING_DESC_F_WRITE : 0;

        if (i + 1 < nbufs) {
            flags |= VRING_DESC_F_NEXT;
        }
        put64(a, bufs[i].addr);
        put32(a + 8, bufs[i].len);
        put16(a + 12, flags);
        put16(a + 14, (d + 1) % QSIZE);
    }
    q->next_desc += nbufs;
    put16(q->avail + 4 + 2 * (q->avail_idx % QSIZE), head);
    q->avail_idx++;
    put16(q->avail + 2, q->avail_idx);
}

static uint16_t tq_used_idx(TQ *q)
{
    return get16(q->used + 2);
}

static uint32_t tq_used_len(TQ *q, unsigned i)
{
    return get32(q->used + 4 + 8 * (i % QSIZE) + 4);
}

static uint32_t tq_used_id(TQ *q, unsigned i)
{
    return get32(q->used + 4 + 8 * (i % QSIZE));
}

static hwaddr rig_buf(Rig *r, size_t len)
{
    hwaddr a = r->buf_next;

    r->buf_next += (len + 63) & ~63;
    g_assert_cmpuint(r->buf_next, <, RAM_SIZE);
    return a;
}

static void rig_init(Rig *r, const char *netdev_id, const char *mac,
                     bool mergeable)
{
    GError *err = NULL;
    uint64_t features = (1ull << VIRTIO_F_VERSION_1) | (1ull << F_MAC) |
                        (1ull << F_STATUS);

    memset(r, 0, sizeof(*r));
    mem_init();
    r->buf_next = BUF_BASE;
    r->frames = g_ptr_array_new_with_free_func(
        (GDestroyNotify)g_byte_array_unref);
    r->backend_ready = true;
    r->backend = net_client_new("test", netdev_id);
    r->backend->receive = backend_receive;
    r->backend->can_receive = backend_can_receive;
    r->backend->opaque = r;
    g_assert_true(netdev_add(r->backend, &err));

    r->dev = device_new("virtio-net-device");
    g_assert_nonnull(r->dev);
    r->vdev = VIRTIO_DEVICE(r->dev);
    r->vdev->dma_as = &as;
    r->vdev->notify = count_irq;
    r->vdev->notify_opaque = r;
    g_assert_true(device_set_prop(r->dev, "netdev", netdev_id, &err));
    if (mac) {
        g_assert_true(device_set_prop(r->dev, "mac", mac, &err));
    }
    g_assert_true(device_realize(r->dev, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(r->vdev->device_id, ==, VIRTIO_ID_NET);

    /* The driver's side of initialisation (spec 3.1.1). */
    virtio_set_status(r->vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE |
                                   VIRTIO_CONFIG_S_DRIVER);
    if (mergeable) {
        features |= 1ull << F_MRG_RXBUF;
    }
    g_assert_true(virtio_set_features(r->vdev, features));
    virtio_set_status(r->vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE |
                                   VIRTIO_CONFIG_S_DRIVER |
                                   VIRTIO_CONFIG_S_FEATURES_OK);
    tq_setup(r, &r->rx, 0);
    tq_setup(r, &r->tx, 1);
    virtio_set_status(r->vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE |
                                   VIRTIO_CONFIG_S_DRIVER |
                                   VIRTIO_CONFIG_S_FEATURES_OK |
                                   VIRTIO_CONFIG_S_DRIVER_OK);
}

static void rig_free(Rig *r)
{
    GError *err = NULL;

    device_free(r->dev);
    g_assert_true(netdev_del(r->backend->id, &err));
    g_ptr_array_free(r->frames, TRUE);
}

static void fill_frame(uint8_t *f, size_t len, uint8_t seed)
{
    for (size_t i = 0; i < len; i++) {
        f[i] = seed + i * 7;
    }
}

/* ---- tests --------------------------------------------------------- */

static void test_config_space(void)
{
    Rig r;
    static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef };
    GError *err = NULL;
    Device *bad;

    rig_init(&r, "cfg0", "52:54:00:ab:cd:ef", false);
    for (int i = 0; i < 6; i++) {
        g_assert_cmphex(virtio_config_read(r.vdev, i, 1), ==, mac[i]);
    }
    g_assert_cmphex(virtio_config_read(r.vdev, 6, 2), ==, 1);   /* up */
    g_assert_true(virtio_host_has_feature(r.vdev, F_MAC));
    g_assert_true(virtio_host_has_feature(r.vdev, F_STATUS));
    g_assert_true(virtio_host_has_feature(r.vdev, VIRTIO_F_VERSION_1));
    /* The link status is the device's: a write does not stick. */
    virtio_config_write(r.vdev, 6, 0, 2);
    g_assert_cmphex(virtio_config_read(r.vdev, 6, 2), ==, 1);
    g_assert_cmpuint(virtio_queue_get_num_max(r.vdev, 0), ==, 256);
    g_assert_cmpuint(virtio_queue_get_num_max(r.vdev, 1), ==, 256);
    g_assert_cmpuint(virtio_queue_get_num_max(r.vdev, 2), ==, 0);

    /* Bad properties are refused. */
    bad = device_new("virtio-net-device");
    g_assert_true(device_set_prop(bad, "mac", "01:00:5e:00:00:01", &err));
    g_assert_false(device_realize(bad, &err));
    g_assert_nonnull(strstr(err->message, "mac"));
    g_clear_error(&err);
    device_free(bad);
    bad = device_new("virtio-net-device");
    g_assert_true(device_set_prop(bad, "mac", "52:54:00:12:34", &err));
    g_assert_false(device_realize(bad, &err));
    g_clear_error(&err);
    device_free(bad);
    /* A backend serves one card. */
    bad = device_new("virtio-net-device");
    g_assert_true(device_set_prop(bad, "netdev", "cfg0", &err));
    g_assert_false(device_realize(bad, &err));
    g_assert_nonnull(strstr(err->message, "in use"));
    g_clear_error(&err);
    device_free(bad);
    g_assert_false(device_set_prop(r.dev, "netdev", "nosuch", &err));
    g_clear_error(&err);
    rig_free(&r);
}

static void test_tx(void)
{
    Rig r;
    uint8_t frame[100];
    hwaddr hdr, data;
    GByteArray *got;

    rig_init(&r, "tx0", NULL, false);
    fill_frame(frame, sizeof(frame), 3);
    hdr = rig_buf(&r, HDR_LEN);
    data = rig_buf(&r, sizeof(frame));
    memset(mem + hdr, 0, HDR_LEN);
    memcpy(mem + data, frame, sizeof(frame));
    /* Header and frame in separate descriptors, frame split in two. */
    tq_add(&r.tx, (Buf[]){ { hdr, HDR_LEN, false }, { data, 40, false },
                           { data + 40, 60, false } }, 3);
    virtio_queue_notify(r.vdev, 1);
    g_assert_cmpuint(r.frames->len, ==, 1);
    got = g_ptr_array_index(r.frames, 0);
    g_assert_cmpuint(got->len, ==, sizeof(frame));
    g_assert_cmpmem(got->data, got->len, frame, sizeof(frame));
    g_assert_cmpuint(tq_used_idx(&r.tx), ==, 1);
    g_assert_cmpuint(tq_used_id(&r.tx, 0), ==, 0);
    g_assert_cmpuint(r.irqs, >, 0);

    /* Header and frame in one descriptor. */
    data = rig_buf(&r, HDR_LEN + 20);
    memset(mem + data, 0, HDR_LEN);
    memcpy(mem + data + HDR_LEN, frame, 20);
    tq_add(&r.tx, (Buf[]){ { data, HDR_LEN + 20, false } }, 1);
    virtio_queue_notify(r.vdev, 1);
    g_assert_cmpuint(r.frames->len, ==, 2);
    got = g_ptr_array_index(r.frames, 1);
    g_assert_cmpmem(got->data, got->len, frame, 20);
    g_assert_false(r.vdev->broken);

    /* A chain shorter than the header is a device error. */
    tq_add(&r.tx, (Buf[]){ { data, 4, false } }, 1);
    virtio_queue_notify(r.vdev, 1);
    g_assert_cmpuint(r.frames->len, ==, 2);
    g_assert_true(r.vdev->broken);
    g_assert_true(r.vdev->status & VIRTIO_CONFIG_S_NEEDS_RESET);
    rig_free(&r);
}

static void test_rx_waits_for_buffers(void)
{
    Rig r;
    uint8_t frame[80];
    hwaddr b;
    uint16_t used;

    rig_init(&r, "rx0", NULL, false);
    fill_frame(frame, sizeof(frame), 9);
    /* No rx buffers yet: the frame waits at the card. */
    g_assert_cmpint(net_send_packet(r.backend, frame, sizeof(frame)), ==, 0);
    g_assert_cmpuint(net_queued_count(r.backend->peer), ==, 1);

    b = rig_buf(&r, 2048);
    memset(mem + b, 0xee, 2048);
    tq_add(&r.rx, (Buf[]){ { b, 2048, true } }, 1);
    r.irqs = 0;
    virtio_queue_notify(r.vdev, 0);
    g_assert_cmpuint(net_queued_count(r.backend->peer), ==, 0);
    used = tq_used_idx(&r.rx);
    g_assert_cmpuint(used, ==, 1);
    g_assert_cmpuint(tq_used_len(&r.rx, 0), ==, HDR_LEN + sizeof(frame));
    g_assert_cmpuint(get16(b + 10), ==, 1);            /* num_buffers */
    g_assert_cmpuint(mem[b], ==, 0);                   /* flags */
    g_assert_cmpmem(mem + b + HDR_LEN, sizeof(frame), frame, sizeof(frame));
    g_assert_cmpuint(mem[b + HDR_LEN + sizeof(frame)], ==, 0xee);
    g_assert_cmpuint(r.irqs, >, 0);

    /* With a buffer there, frames go straight in. */
    b = rig_buf(&r, 2048);
    tq_add(&r.rx, (Buf[]){ { b, 2048, true } }, 1);
    g_assert_cmpint(net_send_packet(r.backend, frame, 60), ==, 60);
    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 2);

    /* A frame bigger than a non-mergeable buffer is dropped; the buffer
     * stays for the next one. */
    b = rig_buf(&r, 64);
    tq_add(&r.rx, (Buf[]){ { b, 64, true } }, 1);
    g_assert_cmpint(net_send_packet(r.backend, frame, 80), ==, 80);
    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 2);
    g_assert_cmpint(net_send_packet(r.backend, frame, 40), ==, 40);
    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 3);
    g_assert_cmpuint(tq_used_len(&r.rx, 2), ==, HDR_LEN + 40);

    /* A driver reset drops what waited for it. */
    g_assert_cmpint(net_send_packet(r.backend, frame, 40), ==, 0);
    virtio_set_status(r.vdev, 0);
    g_assert_cmpuint(net_queued_count(r.backend->peer), ==, 0);
    /* Not started: frames wait (nothing is written to old rings). */
    g_assert_cmpint(net_send_packet(r.backend, frame, 40), ==, 0);
    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 3);
    rig_free(&r);
}

static void test_rx_mergeable(void)
{
    Rig r;
    uint8_t frame[150];
    hwaddr b[4];

    rig_init(&r, "mrg0", NULL, true);
    fill_frame(frame, sizeof(frame), 1);
    for (int i = 0; i < 4; i++) {
        b[i] = rig_buf(&r, 64);
        tq_add(&r.rx, (Buf[]){ { b[i], 64, true } }, 1);
    }
    /* 12 + 150 bytes: three 64-byte buffers. */
    g_assert_cmpint(net_send_packet(r.backend, frame, sizeof(frame)), ==,
                    sizeof(frame));
    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 3);
    g_assert_cmpuint(tq_used_len(&r.rx, 0), ==, 64);
    g_assert_cmpuint(tq_used_len(&r.rx, 1), ==, 64);
    g_assert_cmpuint(tq_used_len(&r.rx, 2), ==, 34);
    g_assert_cmpuint(get16(b[0] + 10), ==, 3);
    g_assert_cmpmem(mem + b[0] + HDR_LEN, 52, frame, 52);
    g_assert_cmpmem(mem + b[1], 64, frame + 52, 64);
    g_assert_cmpmem(mem + b[2], 34, frame + 116, 34);

    /* One buffer left is not enough: nothing is used, the frame waits. */
    g_assert_cmpint(net_send_packet(r.backend, frame, sizeof(frame)), ==, 0);
    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 3);
    for (int i = 0; i < 2; i++) {
        tq_add(&r.rx, (Buf[]){ { rig_buf(&r, 64), 64, true } }, 1);
    }
    virtio_queue_notify(r.vdev, 0);
    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 6);
    g_assert_cmpuint(get16(b[3] + 10), ==, 3);
    g_assert_cmpuint(net_queued_count(r.backend->peer), ==, 0);
    rig_free(&r);
}

static void test_rx_bad_rings(void)
{
    Rig r;
    uint8_t frame[60] = { 0 };

    /* A device-readable rx buffer is nonsense: device error. */
    rig_init(&r, "bad0", NULL, false);
    tq_add(&r.rx, (Buf[]){ { rig_buf(&r, 64), 64, false } }, 1);
    g_assert_cmpint(net_send_packet(r.backend, frame, 60), ==, 60);
    g_assert_true(r.vdev->broken);
    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 0);
    /* Broken: later frames wait, nothing touches the rings. */
    g_assert_cmpint(net_send_packet(r.backend, frame, 60), ==, 0);
    rig_free(&r);

    /* A buffer outside guest RAM. */
    rig_init(&r, "bad1", NULL, false);
    tq_add(&r.rx, (Buf[]){ { RAM_SIZE + 0x1000, 2048, true } }, 1);
    g_assert_cmpint(net_send_packet(r.backend, frame, 60), ==, 60);
    g_assert_true(r.vdev->broken);
    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 0);
    rig_free(&r);

    /* A tx buffer outside guest RAM. */
    rig_init(&r, "bad2", NULL, false);
    tq_add(&r.tx, (Buf[]){ { 0xfffffffffffff000ull, 2048, false } }, 1);
    virtio_queue_notify(r.vdev, 1);
    g_assert_true(r.vdev->broken);
    g_assert_cmpuint(r.frames->len, ==, 0);
    rig_free(&r);
}

/* The card and slirp together: an ARP request gets its answer. */
static void test_with_slirp(void)
{
    GError *err = NULL;
    Device *dev;
    VirtIODevice *vdev;
    Rig r = { 0 };
    hwaddr rxb, txb;
    uint8_t *f;

    mem_init();
    r.buf_next = BUF_BASE;
    g_assert_true(netdev_add_opts("user,id=slirp0", &err));
    dev = device_new("virtio-net-device");
    vdev = VIRTIO_DEVICE(dev);
    vdev->dma_as = &as;
    r.dev = dev;
    r.vdev = vdev;
    g_assert_true(device_set_prop(dev, "netdev", "slirp0", &err));
    g_assert_true(device_set_prop(dev, "mac", "52:54:00:12:34:56", &err));
    g_assert_true(device_realize(dev, &err));
    virtio_set_status(vdev, 3);
    g_assert_true(virtio_set_features(vdev, 1ull << VIRTIO_F_VERSION_1));
    virtio_set_status(vdev, 3 | VIRTIO_CONFIG_S_FEATURES_OK);
    tq_setup(&r, &r.rx, 0);
    tq_setup(&r, &r.tx, 1);
    virtio_set_status(vdev, 0xf);

    rxb = rig_buf(&r, 2048);
    tq_add(&r.rx, (Buf[]){ { rxb, 2048, true } }, 1);
    virtio_queue_notify(vdev, 0);

    /* ARP who-has 10.0.2.2 from 10.0.2.15. */
    txb = rig_buf(&r, HDR_LEN + 60);
    f = mem + txb + HDR_LEN;
    memset(mem + txb, 0, HDR_LEN + 60);
    memset(f, 0xff, 6);
    memcpy(f + 6, (uint8_t[]){ 0x52, 0x54, 0, 0x12, 0x34, 0x56 }, 6);
    memcpy(f + 12, (uint8_t[]){ 0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1 }, 10);
    memcpy(f + 22, (uint8_t[]){ 0x52, 0x54, 0, 0x12, 0x34, 0x56,
                                10, 0, 2, 15, 0, 0, 0, 0, 0, 0,
                                10, 0, 2, 2 }, 20);
    tq_add(&r.tx, (Buf[]){ { txb, HDR_LEN + 60, false } }, 1);
    virtio_queue_notify(vdev, 1);

    g_assert_cmpuint(tq_used_idx(&r.rx), ==, 1);
    f = mem + rxb + HDR_LEN;
    g_assert_cmpmem(f, 6, ((uint8_t[]){ 0x52, 0x54, 0, 0x12, 0x34, 0x56 }),
                    6);
    g_assert_cmpuint(f[12], ==, 0x08);
    g_assert_cmpuint(f[13], ==, 0x06);
    g_assert_cmpuint(f[21], ==, 2);                    /* ARP reply */
    g_assert_cmpmem(f + 28, 4, ((uint8_t[]){ 10, 0, 2, 2 }), 4);

    device_free(dev);
    net_cleanup();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    net_init();
    g_test_add_func("/virtio-net/config-space", test_config_space);
    g_test_add_func("/virtio-net/tx", test_tx);
    g_test_add_func("/virtio-net/rx-waits-for-buffers",
                    test_rx_waits_for_buffers);
    g_test_add_func("/virtio-net/rx-mergeable", test_rx_mergeable);
    g_test_add_func("/virtio-net/rx-bad-rings", test_rx_bad_rings);
    g_test_add_func("/virtio-net/with-slirp", test_with_slirp);
    return g_test_run();
}
