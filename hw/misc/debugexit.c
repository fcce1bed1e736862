/* SPDX-License-Identifier: MIT */
/* isa-debug-exit: a guest write of v ends vemu with status (v << 1) | 1. */
#include <inttypes.h>
#include <string.h>

#include "vemu/device.h"
#include "vemu/log.h"
#include "vemu/machine.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"

#define DEBUG_EXIT_PORTS 0x10000

typedef struct DebugExit {
    Device parent;
    MemoryRegion io;
    uint32_t iobase;            /* property "iobase" (QEMU: 0x501) */
    uint32_t iosize;            /* property "iosize" (QEMU: 2) */
    bool fired;                 /* the first write decides the status */
} DebugExit;

static uint64_t debug_exit_read(void *opaque, hwaddr addr, unsigned size)
{
    /* Write-only, as QEMU's: reads see zero. */
    return 0;
}

static void debug_exit_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    DebugExit *s = opaque;

    /*
     * QEMU exits at once with (val << 1) | 1 (so never 0); the process
     * status keeps the low 8 bits. Later writes, which QEMU never sees,
     * must not change the status the first one asked for.
     */
    if (s->fired) {
        return;
    }
    s->fired = true;
    system_shutdown_request_status(SHUTDOWN_GUEST_SHUTDOWN,
                                   (int)(((val << 1) | 1) & 0xff));
}

static const MemoryRegionOps debug_exit_ops = {
    .read = debug_exit_read,
    .write = debug_exit_write,
    .min_access_size = 1,
    .max_access_size = 4,
};

static bool debug_exit_realize(Device *dev, GError **errp)
{
    DebugExit *s = container_of(dev, DebugExit, parent);

    /* Only x86 boards have port I/O (QEMU: no 'ISA' bus elsewhere). */
    if (current_machine && current_machine->mc &&
        current_machine->mc->arch &&
        strcmp(current_machine->mc->arch, "x86_64")) {
        g_set_error(errp, DEVICE_ERROR, 0, "No 'ISA' bus found for device "
                    "'isa-debug-exit' (machine '%s' has no port I/O)",
                    current_machine->mc->name);
        return false;
    }
    if (s->iosize == 0 || s->iosize > 4 || s->iobase >= DEBUG_EXIT_PORTS ||
        s->iosize > DEBUG_EXIT_PORTS - s->iobase) {
        g_set_error(errp, DEVICE_ERROR, 0, "isa-debug-exit: iobase=0x%x "
                    "iosize=0x%x: ports outside 0-0xffff or size not 1-4",
                    s->iobase, s->iosize);
        return false;
    }
    memory_region_init_io(&s->io, &debug_exit_ops, s, "isa-debug-exit",
                          s->iosize);
    memory_region_add_subregion(get_system_io(), s->iobase, &s->io);
    return true;
}

static void debug_exit_unrealize(Device *dev)
{
    DebugExit *s = container_of(dev, DebugExit, parent);

    memory_region_del_subregion(get_system_io(), &s->io);
    memory_region_finalize(&s->io);
}

static void debug_exit_reset(Device *dev)
{
    container_of(dev, DebugExit, parent)->fired = false;
}

static const Property debug_exit_props[] = {
    DEFINE_PROP("iobase", PROP_UINT32, DebugExit, iobase, "0x501"),
    DEFINE_PROP("iosize", PROP_UINT32, DebugExit, iosize, "0x02"),
    { .name = NULL },
};

static const DeviceClass debug_exit_class = {
    .name = "isa-debug-exit",
    .desc = "guest writes end vemu with status (value << 1) | 1",
    .instance_size = sizeof(DebugExit),
    .props = debug_exit_props,
    .user_creatable = true,
    .realize = debug_exit_realize,
    .unrealize = debug_exit_unrealize,
    .reset = debug_exit_reset,
};

static void __attribute__((constructor)) debug_exit_register(void)
{
    device_class_register(&debug_exit_class);
}
