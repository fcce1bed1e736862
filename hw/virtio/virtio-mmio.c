/* SPDX-License-Identifier: MIT */
/* virtio-mmio transport, version 2 (virtio 1.x spec section 4.2). */
#include <inttypes.h>

#include "vemu/hw/virtio-mmio.h"
#include "vemu/log.h"
#include "vemu/virtio.h"

/* Register offsets (spec 4.2.2), by their spec names. */
enum {
    VIRTIO_MMIO_MAGIC_VALUE = 0x000,
    VIRTIO_MMIO_VERSION = 0x004,
    VIRTIO_MMIO_DEVICE_ID = 0x008,
    VIRTIO_MMIO_VENDOR_ID = 0x00c,
    VIRTIO_MMIO_DEVICE_FEATURES = 0x010,
    VIRTIO_MMIO_DEVICE_FEATURES_SEL = 0x014,
    VIRTIO_MMIO_DRIVER_FEATURES = 0x020,
    VIRTIO_MMIO_DRIVER_FEATURES_SEL = 0x024,
    VIRTIO_MMIO_QUEUE_SEL = 0x030,
    VIRTIO_MMIO_QUEUE_NUM_MAX = 0x034,
    VIRTIO_MMIO_QUEUE_NUM = 0x038,
    VIRTIO_MMIO_QUEUE_READY = 0x044,
    VIRTIO_MMIO_QUEUE_NOTIFY = 0x050,
    VIRTIO_MMIO_INTERRUPT_STATUS = 0x060,
    VIRTIO_MMIO_INTERRUPT_ACK = 0x064,
    VIRTIO_MMIO_STATUS = 0x070,
    VIRTIO_MMIO_QUEUE_DESC_LOW = 0x080,
    VIRTIO_MMIO_QUEUE_DESC_HIGH = 0x084,
    VIRTIO_MMIO_QUEUE_DRIVER_LOW = 0x090,
    VIRTIO_MMIO_QUEUE_DRIVER_HIGH = 0x094,
    VIRTIO_MMIO_QUEUE_DEVICE_LOW = 0x0a0,
    VIRTIO_MMIO_QUEUE_DEVICE_HIGH = 0x0a4,
    VIRTIO_MMIO_SHM_SEL = 0x0ac,
    VIRTIO_MMIO_SHM_LEN_LOW = 0x0b0,
    VIRTIO_MMIO_SHM_LEN_HIGH = 0x0b4,
    VIRTIO_MMIO_SHM_BASE_LOW = 0x0b8,
    VIRTIO_MMIO_SHM_BASE_HIGH = 0x0bc,
    VIRTIO_MMIO_CONFIG_GENERATION = 0x0fc,
    VIRTIO_MMIO_CONFIG = 0x100,
};

#define VIRT_MAGIC   0x74726976u   /* "virt" */
#define VIRT_VERSION 2u
#define VIRT_VENDOR  0x554d4551u   /* "QEMU", as QEMU reports */

typedef struct VirtIOMMIO {
    Device dev;
    MemoryRegion iomem;
    IRQ *irq;
    AddressSpace *dma_as;
    Bus *bus;
    int index;
    uint32_t host_features_sel;
    uint32_t guest_features_sel;
    uint32_t queue_sel;
    uint64_t guest_features;   /* DriverFeatures, until FEATURES_OK */
} VirtIOMMIO;

static VirtIODevice *mmio_vdev(VirtIOMMIO *s)
{
    Device *child = s->bus->child;

    if (!child || !child->realized) {
        return NULL;
    }
    VirtIODevice *vdev = VIRTIO_DEVICE(child);
    return vdev->device_id ? vdev : NULL;
}

static void mmio_update_irq(VirtIODevice *vdev, void *opaque)
{
    VirtIOMMIO *s = opaque;

    irq_set(s->irq, vdev->isr != 0);
}

static void mmio_reset_regs(VirtIOMMIO *s)
{
    s->host_features_sel = 0;
    s->guest_features_sel = 0;
    s->queue_sel = 0;
    s->guest_features = 0;
}

static uint64_t mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIOMMIO *s = opaque;
    VirtIODevice *vdev = mmio_vdev(s);

    if (addr >= VIRTIO_MMIO_CONFIG) {
        return vdev ? virtio_config_read(vdev, addr - VIRTIO_MMIO_CONFIG,
                                         size) : 0;
    }
    if (size != 4 || (addr & 3)) {
        vemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio.%d: %u-byte read at "
                      "0x%" PRIx64 ": registers are 32-bit\n", s->index,
                      size, addr);
        return 0;
    }
    switch (addr) {
    case VIRTIO_MMIO_MAGIC_VALUE:
        return VIRT_MAGIC;
    case VIRTIO_MMIO_VERSION:
        return VIRT_VERSION;
    case VIRTIO_MMIO_VENDOR_ID:
        return VIRT_VENDOR;
    case VIRTIO_MMIO_DEVICE_ID:
        return vdev ? vdev->device_id : 0;
    }
    if (!vdev) {
        return 0;
    }
    switch (addr) {
    case VIRTIO_MMIO_DEVICE_FEATURES:
        if (s->host_features_sel > 1) {
            return 0;
        }
        return (uint32_t)(vdev->host_features >>
                          (32 * s->host_features_sel));
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
        return virtio_queue_get_num_max(vdev, s->queue_sel);
    case VIRTIO_MMIO_QUEUE_READY:
        return virtio_queue_get_ready(vdev, s->queue_sel);
    case VIRTIO_MMIO_INTERRUPT_STATUS:
        return vdev->isr;
    case VIRTIO_MMIO_STATUS:
        return vdev->status;
    case VIRTIO_MMIO_CONFIG_GENERATION:
        return vdev->config_generation;
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH:
        /* No shared memory regions: a length of -1 says so. */
        return 0xffffffffu;
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
    case VIRTIO_MMIO_DRIVER_FEATURES:
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
    case VIRTIO_MMIO_QUEUE_SEL:
    case VIRTIO_MMIO_QUEUE_NUM:
    case VIRTIO_MMIO_QUEUE_NOTIFY:
    case VIRTIO_MMIO_INTERRUPT_ACK:
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
    case VIRTIO_MMIO_SHM_SEL:
        vemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio.%d: read of write-only "
                      "register 0x%" PRIx64 "\n", s->index, addr);
        return 0;
    default:
        vemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio.%d: read of unknown "
                      "register 0x%" PRIx64 "\n", s->index, addr);
        return 0;
    }
}

/* Replace the low or high 32 bits of one ring address. */
static void mmio_set_ring_half(VirtIODevice *vdev, unsigned n, int ring,
                               bool high, uint32_t val)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);
    hwaddr a[3];

    if (!vq) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: ring address of queue %u, "
                      "which does not exist\n", vdev->name, n);
        return;
    }
    a[0] = vq->desc;
    a[1] = vq->avail;
    a[2] = vq->used;
    if (high) {
        a[ring] = (a[ring] & 0xffffffffu) | (uint64_t)val << 32;
    } else {
        a[ring] = (a[ring] & ~(uint64_t)0xffffffffu) | val;
    }
    virtio_queue_set_rings(vdev, n, a[0], a[1], a[2]);
}

static void mmio_set_status(VirtIOMMIO *s, VirtIODevice *vdev, uint32_t val)
{
    uint8_t status = val;

    if (status == 0) {
        virtio_reset(vdev);
        mmio_reset_regs(s);
        return;
    }
    if ((status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !virtio_set_features(vdev, s->guest_features)) {
        /* Spec 3.1.1: the driver rereads status and sees it refused. */
        status &= ~VIRTIO_CONFIG_S_FEATURES_OK;
    }
    virtio_set_status(vdev, status);
}

static void mmio_write(void *opaque, hwaddr addr, uint64_t val,
                       unsigned size)
{
    VirtIOMMIO *s = opaque;
    VirtIODevice *vdev = mmio_vdev(s);

    if (addr >= VIRTIO_MMIO_CONFIG) {
        if (vdev) {
            virtio_config_write(vdev, addr - VIRTIO_MMIO_CONFIG, val, size);
        }
        return;
    }
    if (size != 4 || (addr & 3)) {
        vemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio.%d: %u-byte write at "
                      "0x%" PRIx64 ": registers are 32-bit\n", s->index,
                      size, addr);
        return;
    }
    if (!vdev) {
        vemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio.%d: write to 0x%"
                      PRIx64 " of an empty slot\n", s->index, addr);
        return;
    }
    switch (addr) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
        s->host_features_sel = val;
        break;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        if (s->guest_features_sel > 1) {
            break;
        }
        if (s->guest_features_sel) {
            s->guest_features = (s->guest_features & 0xffffffffu) |
                                val << 32;
        } else {
            s->guest_features = (s->guest_features &
                                 ~(uint64_t)0xffffffffu) | (uint32_t)val;
        }
        break;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
        s->guest_features_sel = val;
        break;
    case VIRTIO_MMIO_QUEUE_SEL:
        s->queue_sel = val;
        break;
    case VIRTIO_MMIO_QUEUE_NUM:
        virtio_queue_set_num(vdev, s->queue_sel, val);
        break;
    case VIRTIO_MMIO_QUEUE_READY:
        virtio_queue_set_ready(vdev, s->queue_sel, val & 1);
        break;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        virtio_queue_notify(vdev, val & 0xffff);
        break;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        vdev->isr &= ~val;
        mmio_update_irq(vdev, s);
        break;
    case VIRTIO_MMIO_STATUS:
        mmio_set_status(s, vdev, val);
        break;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        mmio_set_ring_half(vdev, s->queue_sel, 0,
                           addr == VIRTIO_MMIO_QUEUE_DESC_HIGH, val);
        break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        mmio_set_ring_half(vdev, s->queue_sel, 1,
                           addr == VIRTIO_MMIO_QUEUE_DRIVER_HIGH, val);
        break;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        mmio_set_ring_half(vdev, s->queue_sel, 2,
                           addr == VIRTIO_MMIO_QUEUE_DEVICE_HIGH, val);
        break;
    case VIRTIO_MMIO_SHM_SEL:
        break;
    case VIRTIO_MMIO_MAGIC_VALUE:
    case VIRTIO_MMIO_VERSION:
    case VIRTIO_MMIO_DEVICE_ID:
    case VIRTIO_MMIO_VENDOR_ID:
    case VIRTIO_MMIO_DEVICE_FEATURES:
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
    case VIRTIO_MMIO_INTERRUPT_STATUS:
    case VIRTIO_MMIO_CONFIG_GENERATION:
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH:
        vemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio.%d: write to read-only "
                      "register 0x%" PRIx64 ": ignored\n", s->index, addr);
        break;
    default:
        vemu_log_mask(LOG_GUEST_ERROR, "virtio-mmio.%d: write to unknown "
                      "register 0x%" PRIx64 ": ignored\n", s->index, addr);
        break;
    }
}

static const MemoryRegionOps mmio_ops = {
    .read = mmio_read,
    .write = mmio_write,
    .min_access_size = 1,
    .max_access_size = 4,
};

static bool mmio_plug(Bus *bus, Device *dev, GError **errp)
{
    VirtIOMMIO *s = container_of(bus->parent, VirtIOMMIO, dev);
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);

    vdev->dma_as = s->dma_as;
    vdev->notify = mmio_update_irq;
    vdev->notify_opaque = s;
    return true;
}

static void mmio_reset(Device *dev)
{
    VirtIOMMIO *s = container_of(dev, VirtIOMMIO, dev);
    VirtIODevice *vdev = mmio_vdev(s);

    mmio_reset_regs(s);
    if (vdev) {
        virtio_reset(vdev);
    }
    irq_set(s->irq, 0);
}

static const DeviceClass virtio_mmio_class = {
    .name = "virtio-mmio",
    .desc = "virtio-mmio transport (version 2)",
    .instance_size = sizeof(VirtIOMMIO),
    .reset = mmio_reset,
};

Device *virtio_mmio_create(MemoryRegion *parent, hwaddr base, IRQ *irq,
                           AddressSpace *dma_as, int index)
{
    Device *dev = device_new_class(&virtio_mmio_class);
    VirtIOMMIO *s = container_of(dev, VirtIOMMIO, dev);
    char *name = g_strdup_printf("virtio-mmio-bus.%d", index);
    GError *err = NULL;

    s->irq = irq;
    s->dma_as = dma_as;
    s->index = index;
    memory_region_init_io(&s->iomem, &mmio_ops, s, "virtio-mmio",
                          VIRTIO_MMIO_SIZE);
    s->bus = bus_new("virtio-bus", name, dev, mmio_plug);
    g_free(name);
    if (!device_realize(dev, &err)) {
        /* Nothing in this class can refuse: a bug, not user input. */
        g_error("virtio-mmio: %s", err->message);
    }
    memory_region_add_subregion(parent, base, &s->iomem);
    return dev;
}
