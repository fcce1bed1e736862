/* SPDX-License-Identifier: MIT */
/* ARM PL031 RTC: a 32-bit seconds counter, one match alarm, PrimeCell IDs. */
#include "vemu/hw/pl031.h"

#include <inttypes.h>

#include "vemu/log.h"
#include "vemu/timer.h"

enum PL031Reg {
    PL031_DR = 0x00,            /* data (read-only): the seconds now */
    PL031_MR = 0x04,            /* match: the alarm */
    PL031_LR = 0x08,            /* load: sets the counter */
    PL031_CR = 0x0c,            /* control: the RTC always runs */
    PL031_IMSC = 0x10,
    PL031_RIS = 0x14,
    PL031_MIS = 0x18,
    PL031_ICR = 0x1c,
    PL031_ID_BASE = 0xfe0,
};

/* PrimeCell peripheral ID 0x00141031 and cell ID 0xb105f00d. */
static const uint8_t pl031_id[8] = {
    0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

typedef struct PL031 {
    Device parent;
    MemoryRegion mmio;
    IRQ *irq;
    Timer *timer;               /* CLOCK_HOST_NS, when DR reaches MR */

    /* Guest seconds = host wall-clock seconds + tick_offset (mod 2^32);
     * set by LR, kept across resets like a battery-backed clock. */
    uint32_t tick_offset;
    uint32_t mr;
    uint32_t lr;
    uint32_t im;
    uint32_t is;
} PL031;

static uint32_t pl031_now(PL031 *s)
{
    int64_t host = clock_get_ns(CLOCK_HOST_NS) / NANOSECONDS_PER_SECOND;

    return (uint32_t)host + s->tick_offset;
}

static void pl031_update_irq(PL031 *s)
{
    irq_set(s->irq, s->is & s->im & 1);
}

static void pl031_alarm(void *opaque)
{
    PL031 *s = opaque;

    s->is = 1;
    pl031_update_irq(s);
}

/* Arm the timer for the next time the counter equals MR (it wraps). */
static void pl031_set_alarm(PL031 *s)
{
    int64_t now_ns = clock_get_ns(CLOCK_HOST_NS);
    uint32_t ticks = s->mr - pl031_now(s);
    int64_t next;

    if (ticks == 0) {
        timer_del(s->timer);
        pl031_alarm(s);
        return;
    }
    /* The start of the second in which DR will read MR. */
    next = (now_ns / NANOSECONDS_PER_SECOND + ticks) *
           NANOSECONDS_PER_SECOND;
    timer_mod_ns(s->timer, next);
}

static uint64_t pl031_read(void *opaque, hwaddr addr, unsigned size)
{
    PL031 *s = opaque;

    if (addr >= PL031_ID_BASE && addr < PL031_MMIO_SIZE && !(addr & 3)) {
        return pl031_id[(addr - PL031_ID_BASE) >> 2];
    }
    switch (addr) {
    case PL031_DR:
        return pl031_now(s);
    case PL031_MR:
        return s->mr;
    case PL031_LR:
        return s->lr;
    case PL031_CR:
        return 1;
    case PL031_IMSC:
        return s->im;
    case PL031_RIS:
        return s->is;
    case PL031_MIS:
        return s->is & s->im;
    default:
        vemu_log_mask(LOG_GUEST_ERROR,
                      "pl031: bad read of %u bytes at 0x%" PRIx64 "\n",
                      size, addr);
        return 0;
    }
}

static void pl031_write(void *opaque, hwaddr addr, uint64_t val64,
                        unsigned size)
{
    PL031 *s = opaque;
    uint32_t val = val64;

    switch (addr) {
    case PL031_MR:
        s->mr = val;
        pl031_set_alarm(s);
        break;
    case PL031_LR:
        s->lr = val;
        s->tick_offset += val - pl031_now(s);
        pl031_set_alarm(s);
        break;
    case PL031_CR:
        /* The counter cannot be stopped; the enable bit is ignored. */
        break;
    case PL031_IMSC:
        s->im = val & 1;
        pl031_update_irq(s);
        break;
    case PL031_ICR:
        s->is &= ~val;
        pl031_update_irq(s);
        break;
    default:
        vemu_log_mask(LOG_GUEST_ERROR,
                      "pl031: bad write of %u bytes at 0x%" PRIx64
                      " (0x%" PRIx64 ")\n", size, addr, val64);
        break;
    }
}

static const MemoryRegionOps pl031_ops = {
    .read = pl031_read,
    .write = pl031_write,
    .min_access_size = 4,
    .max_access_size = 4,
};

static void pl031_reset(Device *dev)
{
    PL031 *s = container_of(dev, PL031, parent);

    timer_del(s->timer);
    s->mr = 0;
    s->lr = 0;
    s->im = 0;
    s->is = 0;
    pl031_update_irq(s);
}

static bool pl031_realize(Device *dev, GError **errp)
{
    PL031 *s = container_of(dev, PL031, parent);

    s->timer = timer_new_ns(CLOCK_HOST_NS, pl031_alarm, s);
    memory_region_init_io(&s->mmio, &pl031_ops, s, "pl031",
                          PL031_MMIO_SIZE);
    return true;
}

static const DeviceClass pl031_class = {
    .name = "pl031",
    .desc = "ARM PrimeCell PL031 real-time clock",
    .instance_size = sizeof(PL031),
    .realize = pl031_realize,
    .reset = pl031_reset,
};

Device *pl031_create(MemoryRegion *parent, hwaddr base, IRQ *irq)
{
    Device *dev = device_new_class(&pl031_class);
    PL031 *s = container_of(dev, PL031, parent);
    GError *err = NULL;

    s->irq = irq;
    if (!device_realize(dev, &err)) {
        g_error("%s", err->message);
    }
    memory_region_add_subregion(parent, base, &s->mmio);
    return dev;
}

static void __attribute__((constructor)) pl031_register(void)
{
    device_class_register(&pl031_class);
}
