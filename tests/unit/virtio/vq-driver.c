/* SPDX-License-Identifier: MIT */
/* The tests' virtio driver: mmio register pokes and hand-built rings. */
#include <string.h>

#include "vemu/hw/virtio-mmio.h"
#include "vq-driver.h"

#define QSTRIDE 0x4000ull

static void irq_handler(void *opaque, int n, int level)
{
    TestMachine *t = opaque;

    t->irq_level = level;
}

static uint64_t guard_read(void *opaque, hwaddr addr, unsigned size)
{
    TestMachine *t = opaque;

    t->guard_reads++;
    return 0;
}

static void guard_write(void *opaque, hwaddr addr, uint64_t val,
                        unsigned size)
{
    TestMachine *t = opaque;

    t->guard_writes++;
}

static const MemoryRegionOps guard_ops = {
    .read = guard_read,
    .write = guard_write,
    .min_access_size = 1,
    .max_access_size = 8,
};

TestMachine *tm_new(const char *type, const char *const *props)
{
    /* Never freed: address spaces stay registered with the memory core. */
    TestMachine *t = g_new0(TestMachine, 1);
    GError *err = NULL;

    memory_region_init(&t->root, "root", MEMORY_REGION_SIZE_ALL);
    g_assert_true(memory_region_init_ram(&t->ram, "ram", T_RAM_SIZE, &err));
    g_assert_true(memory_region_init_rom(&t->rom, "rom", 0x1000, &err));
    memory_region_init_io(&t->guard, &guard_ops, t, "guard", T_GUARD_SIZE);
    memory_region_add_subregion(&t->root, T_RAM_BASE, &t->ram);
    memory_region_add_subregion(&t->root, T_ROM_BASE, &t->rom);
    memory_region_add_subregion(&t->root, T_GUARD_BASE, &t->guard);
    address_space_init(&t->as, &t->root, "test");

    t->irq = irq_new(irq_handler, t, 0);
    t->mmio = virtio_mmio_create(&t->root, T_MMIO_BASE, t->irq, &t->as, 0);
    t->mmio2 = virtio_mmio_create(&t->root, T_MMIO2_BASE, NULL, &t->as, 1);
    if (!type) {
        return t;
    }
    t->dev = device_new(type);
    g_assert_nonnull(t->dev);
    for (unsigned i = 0; props && props[i]; i++) {
        char **kv = g_strsplit(props[i], "=", 2);

        g_assert_true(device_set_prop(t->dev, kv[0], kv[1], &err));
        g_strfreev(kv);
    }
    Bus *bus = g_ptr_array_index(t->mmio->child_buses, 0);
    g_assert_true(bus_plug(bus, t->dev, &err));
    g_assert_no_error(err);
    g_assert_true(device_realize(t->dev, &err));
    g_assert_no_error(err);
    t->vdev = VIRTIO_DEVICE(t->dev);
    return t;
}

uint32_t tm_readl_at(TestMachine *t, uint64_t base, unsigned off)
{
    MemTxResult r;
    uint32_t v = address_space_ldn_le(&t->as, base + off, 4, &r);

    g_assert_cmpint(r, ==, MEMTX_OK);
    return v;
}

uint32_t tm_readl(TestMachine *t, unsigned off)
{
    return tm_readl_at(t, T_MMIO_BASE, off);
}

void tm_writel(TestMachine *t, unsigned off, uint32_t val)
{
    MemTxResult r;

    address_space_stn_le(&t->as, T_MMIO_BASE + off, 4, val, &r);
    g_assert_cmpint(r, ==, MEMTX_OK);
}

uint32_t tm_driver_init(TestMachine *t, uint64_t features, unsigned nq,
                        uint16_t qsize)
{
    tm_writel(t, 0x70, 0);
    tm_writel(t, 0x70, VIRTIO_CONFIG_S_ACKNOWLEDGE);
    tm_writel(t, 0x70, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
    tm_writel(t, 0x24, 0);
    tm_writel(t, 0x20, (uint32_t)features);
    tm_writel(t, 0x24, 1);
    tm_writel(t, 0x20, features >> 32);
    tm_writel(t, 0x70, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
                       VIRTIO_CONFIG_S_FEATURES_OK);
    if (!(tm_readl(t, 0x70) & VIRTIO_CONFIG_S_FEATURES_OK)) {
        return tm_readl(t, 0x70);
    }
    /* Clean rings: the device must see avail->idx 0. */
    uint8_t *zero = g_malloc0(QSTRIDE * nq);
    tm_mem_write(t, T_DESC, zero, QSTRIDE * nq);
    g_free(zero);
    for (unsigned q = 0; q < nq; q++) {
        tm_writel(t, 0x30, q);
        g_assert_cmpuint(tm_readl(t, 0x34), >=, qsize);
        tm_writel(t, 0x38, qsize);
        tm_writel(t, 0x80, (uint32_t)(T_DESC + q * QSTRIDE));
        tm_writel(t, 0x84, (T_DESC + q * QSTRIDE) >> 32);
        tm_writel(t, 0x90, (uint32_t)(T_AVAIL + q * QSTRIDE));
        tm_writel(t, 0x94, (T_AVAIL + q * QSTRIDE) >> 32);
        tm_writel(t, 0xa0, (uint32_t)(T_USED + q * QSTRIDE));
        tm_writel(t, 0xa4, (T_USED + q * QSTRIDE) >> 32);
        tm_writel(t, 0x44, 1);
        g_assert_cmpuint(tm_readl(t, 0x44), ==, 1);
    }
    tm_writel(t, 0x70, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
                       VIRTIO_CONFIG_S_FEATURES_OK |
                       VIRTIO_CONFIG_S_DRIVER_OK);
    t->qsize = qsize;
    t->next_desc = 0;
    memset(t->avail_idx, 0, sizeof(t->avail_idx));
    t->used_seen = 0;
    return tm_readl(t, 0x70);
}

void tm_mem_write(TestMachine *t, uint64_t addr, const void *buf,
                  size_t len)
{
    g_assert_cmpint(address_space_write(&t->as, addr, buf, len), ==,
                    MEMTX_OK);
}

void tm_mem_read(TestMachine *t, uint64_t addr, void *buf, size_t len)
{
    g_assert_cmpint(address_space_read(&t->as, addr, buf, len), ==,
                    MEMTX_OK);
}

uint16_t tm_lduw(TestMachine *t, uint64_t addr)
{
    uint16_t v;

    tm_mem_read(t, addr, &v, 2);
    return GUINT16_FROM_LE(v);
}

void tm_stw(TestMachine *t, uint64_t addr, uint16_t v)
{
    v = GUINT16_TO_LE(v);
    tm_mem_write(t, addr, &v, 2);
}

void tm_set_desc(TestMachine *t, unsigned q, unsigned i, uint64_t addr,
                 uint32_t len, uint16_t flags, uint16_t next)
{
    VRingDesc d = {
        .addr = GUINT64_TO_LE(addr),
        .len = GUINT32_TO_LE(len),
        .flags = GUINT16_TO_LE(flags),
        .next = GUINT16_TO_LE(next),
    };

    tm_mem_write(t, T_DESC + q * QSTRIDE + 16ull * i, &d, sizeof(d));
}

void tm_set_avail_idx(TestMachine *t, unsigned q, uint16_t idx)
{
    tm_stw(t, T_AVAIL + q * QSTRIDE + 2, idx);
}

void tm_kick(TestMachine *t, unsigned q, uint16_t head)
{
    uint64_t avail = T_AVAIL + q * QSTRIDE;

    g_assert_cmpuint(q, <, TM_MAX_QUEUES);
    tm_stw(t, avail + 4 + 2 * (t->avail_idx[q] % t->qsize), head);
    t->avail_idx[q]++;
    tm_stw(t, avail + 2, t->avail_idx[q]);
    tm_writel(t, 0x50, q);
}

uint16_t tm_used_idx(TestMachine *t, unsigned q)
{
    return tm_lduw(t, T_USED + q * QSTRIDE + 2);
}

void tm_used_elem(TestMachine *t, unsigned q, unsigned n, uint32_t *id,
                  uint32_t *len)
{
    VRingUsedElem e;

    tm_mem_read(t, T_USED + q * QSTRIDE + 4 + 8 * (n % t->qsize), &e,
                sizeof(e));
    *id = GUINT32_FROM_LE(e.id);
    *len = GUINT32_FROM_LE(e.len);
}

uint16_t tm_chain(TestMachine *t, unsigned q, const TBuf *bufs, unsigned n)
{
    uint16_t head = t->next_desc % t->qsize;

    for (unsigned i = 0; i < n; i++) {
        uint16_t idx = (t->next_desc + i) % t->qsize;
        uint16_t next = (idx + 1) % t->qsize;
        uint16_t flags = (bufs[i].write ? VRING_DESC_F_WRITE : 0) |
                         (i + 1 < n ? VRING_DESC_F_NEXT : 0);

        tm_set_desc(t, q, idx, bufs[i].addr, bufs[i].len, flags, next);
    }
    t->next_desc += n;
    return head;
}
