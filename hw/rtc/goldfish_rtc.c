/* SPDX-License-Identifier: MIT */
/* Goldfish RTC: nanoseconds of host wall-clock time and one alarm. */
#include "vemu/hw/goldfish-rtc.h"

#include <inttypes.h>

#include "vemu/log.h"
#include "vemu/timer.h"

#define GOLDFISH_RTC_SIZE 0x1000

enum GoldfishRTCReg {
    RTC_TIME_LOW = 0x00,        /* reading it latches TIME_HIGH */
    RTC_TIME_HIGH = 0x04,
    RTC_ALARM_LOW = 0x08,       /* writing it arms the alarm */
    RTC_ALARM_HIGH = 0x0c,
    RTC_IRQ_ENABLED = 0x10,
    RTC_CLEAR_ALARM = 0x14,
    RTC_ALARM_STATUS = 0x18,
    RTC_CLEAR_INTERRUPT = 0x1c,
};

typedef struct GoldfishRTC {
    Device parent;
    MemoryRegion mmio;
    IRQ *irq;
    Timer *timer;               /* CLOCK_HOST_NS, at the alarm */

    /* Guest time = host wall clock + tick_offset (set by the guest),
     * modulo 2^64. */
    uint64_t tick_offset;
    uint64_t alarm_next;
    uint32_t time_high;         /* latched by a TIME_LOW read */
    bool alarm_running;
    bool irq_pending;
    bool irq_enabled;
} GoldfishRTC;

static uint64_t rtc_now(GoldfishRTC *s)
{
    return (uint64_t)clock_get_ns(CLOCK_HOST_NS) + s->tick_offset;
}

static void rtc_update_irq(GoldfishRTC *s)
{
    irq_set(s->irq, s->irq_pending && s->irq_enabled);
}

static void rtc_clear_alarm(GoldfishRTC *s)
{
    timer_del(s->timer);
    s->alarm_running = false;
}

static void rtc_alarm_fire(void *opaque)
{
    GoldfishRTC *s = opaque;

    s->alarm_running = false;
    s->irq_pending = true;
    rtc_update_irq(s);
}

/* Arm the alarm at alarm_next; one in the past fires at once. */
static void rtc_set_alarm(GoldfishRTC *s)
{
    uint64_t now = rtc_now(s);
    uint64_t host_ns;

    if (s->alarm_next <= now) {
        rtc_clear_alarm(s);
        rtc_alarm_fire(s);
        return;
    }
    host_ns = s->alarm_next - s->tick_offset;
    s->alarm_running = true;
    timer_mod_ns(s->timer, host_ns > INT64_MAX ? INT64_MAX
                                               : (int64_t)host_ns);
}

static uint64_t goldfish_rtc_read(void *opaque, hwaddr addr, unsigned size)
{
    GoldfishRTC *s = opaque;
    uint64_t now;

    switch (addr) {
    case RTC_TIME_LOW:
        now = rtc_now(s);
        s->time_high = now >> 32;
        return (uint32_t)now;
    case RTC_TIME_HIGH:
        return s->time_high;
    case RTC_ALARM_LOW:
        return (uint32_t)s->alarm_next;
    case RTC_ALARM_HIGH:
        return s->alarm_next >> 32;
    case RTC_IRQ_ENABLED:
        return s->irq_enabled;
    case RTC_ALARM_STATUS:
        return s->alarm_running;
    default:
        vemu_log_mask(LOG_GUEST_ERROR,
                      "goldfish_rtc: bad read at 0x%" PRIx64 "\n", addr);
        return 0;
    }
}

static void goldfish_rtc_write(void *opaque, hwaddr addr, uint64_t val,
                               unsigned size)
{
    GoldfishRTC *s = opaque;
    uint64_t now;
    uint32_t v = val;

    switch (addr) {
    case RTC_TIME_LOW:
        /* Setting the time moves the offset; the other half is kept. */
        now = rtc_now(s);
        s->tick_offset += ((now >> 32) << 32 | v) - now;
        break;
    case RTC_TIME_HIGH:
        now = rtc_now(s);
        s->tick_offset += ((uint64_t)v << 32 | (uint32_t)now) - now;
        break;
    case RTC_ALARM_LOW:
        s->alarm_next = (s->alarm_next >> 32) << 32 | v;
        rtc_set_alarm(s);
        break;
    case RTC_ALARM_HIGH:
        s->alarm_next = (uint64_t)v << 32 | (uint32_t)s->alarm_next;
        break;
    case RTC_IRQ_ENABLED:
        s->irq_enabled = v & 1;
        rtc_update_irq(s);
        break;
    case RTC_CLEAR_ALARM:
        rtc_clear_alarm(s);
        break;
    case RTC_CLEAR_INTERRUPT:
        s->irq_pending = false;
        rtc_update_irq(s);
        break;
    default:
        vemu_log_mask(LOG_GUEST_ERROR,
                      "goldfish_rtc: bad write at 0x%" PRIx64
                      " (0x%" PRIx64 ")\n", addr, val);
        break;
    }
}

static const MemoryRegionOps goldfish_rtc_ops = {
    .read = goldfish_rtc_read,
    .write = goldfish_rtc_write,
    .min_access_size = 4,
    .max_access_size = 4,
};

static void goldfish_rtc_reset(Device *dev)
{
    GoldfishRTC *s = container_of(dev, GoldfishRTC, parent);

    /* The guest's time setting survives a reset, like a battery RTC. */
    rtc_clear_alarm(s);
    s->alarm_next = 0;
    s->time_high = 0;
    s->irq_pending = false;
    s->irq_enabled = false;
    rtc_update_irq(s);
}

static bool goldfish_rtc_realize(Device *dev, GError **errp)
{
    GoldfishRTC *s = container_of(dev, GoldfishRTC, parent);

    s->timer = timer_new_ns(CLOCK_HOST_NS, rtc_alarm_fire, s);
    memory_region_init_io(&s->mmio, &goldfish_rtc_ops, s, "goldfish_rtc",
                          GOLDFISH_RTC_SIZE);
    return true;
}

static const DeviceClass goldfish_rtc_class = {
    .name = "goldfish_rtc",
    .desc = "Goldfish real-time clock",
    .instance_size = sizeof(GoldfishRTC),
    .realize = goldfish_rtc_realize,
    .reset = goldfish_rtc_reset,
};

Device *goldfish_rtc_create(MemoryRegion *parent, hwaddr base, IRQ *irq)
{
    Device *dev = device_new_class(&goldfish_rtc_class);
    GoldfishRTC *s = container_of(dev, GoldfishRTC, parent);
    GError *err = NULL;

    s->irq = irq;
    if (!device_realize(dev, &err)) {
        g_error("%s", err->message);
    }
    memory_region_add_subregion(parent, base, &s->mmio);
    return dev;
}

static void __attribute__((constructor)) goldfish_rtc_register(void)
{
    device_class_register(&goldfish_rtc_class);
}
