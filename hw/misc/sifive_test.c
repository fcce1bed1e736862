/* SPDX-License-Identifier: MIT */
/* SiFive test finisher: one register the guest writes to end the run. */
#include "vemu/hw/sifive-test.h"

#include <inttypes.h>

#include "vemu/log.h"
#include "vemu/main-loop.h"

#define SIFIVE_TEST_SIZE 0x1000

/* The register at offset 0: low 16 bits the status, high 16 a code. */
enum SiFiveTestReg {
    SIFIVE_TEST_FINISHER = 0x0,
};

enum SiFiveTestStatus {
    FINISHER_FAIL = 0x3333,
    FINISHER_PASS = 0x5555,
    FINISHER_RESET = 0x7777,
};

typedef struct SiFiveTest {
    Device parent;
    MemoryRegion mmio;
} SiFiveTest;

static uint64_t sifive_test_read(void *opaque, hwaddr addr, unsigned size)
{
    /* Write-only: reads see zero (no side effects). */
    return 0;
}

static void sifive_test_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    uint32_t status = val & 0xffff;
    int code = (val >> 16) & 0xffff;

    switch (addr) {
    case SIFIVE_TEST_FINISHER:
        switch (status) {
        case FINISHER_FAIL:
            system_shutdown_request_status(SHUTDOWN_GUEST_SHUTDOWN, code);
            return;
        case FINISHER_PASS:
            system_shutdown_request_status(SHUTDOWN_GUEST_SHUTDOWN, 0);
            return;
        case FINISHER_RESET:
            system_reset_request(SHUTDOWN_GUEST_RESET);
            return;
        default:
            vemu_log_mask(LOG_GUEST_ERROR,
                          "sifive_test: unknown status 0x%04x (value "
                          "0x%" PRIx64 ")\n", status, val);
            return;
        }
    default:
        vemu_log_mask(LOG_GUEST_ERROR,
                      "sifive_test: write to bad offset 0x%" PRIx64 "\n",
                      addr);
        return;
    }
}

static const MemoryRegionOps sifive_test_ops = {
    .read = sifive_test_read,
    .write = sifive_test_write,
    .min_access_size = 1,
    .max_access_size = 8,
};

static bool sifive_test_realize(Device *dev, GError **errp)
{
    SiFiveTest *s = container_of(dev, SiFiveTest, parent);

    memory_region_init_io(&s->mmio, &sifive_test_ops, s, "sifive_test",
                          SIFIVE_TEST_SIZE);
    return true;
}

static const DeviceClass sifive_test_class = {
    .name = "sifive_test",
    .desc = "SiFive test finisher (power off / reset)",
    .instance_size = sizeof(SiFiveTest),
    .realize = sifive_test_realize,
};

Device *sifive_test_create(MemoryRegion *parent, hwaddr base)
{
    Device *dev = device_new_class(&sifive_test_class);
    SiFiveTest *s = container_of(dev, SiFiveTest, parent);
    GError *err = NULL;

    if (!device_realize(dev, &err)) {
        g_error("sifive_test: %s", err->message);
    }
    memory_region_add_subregion(parent, base, &s->mmio);
    return dev;
}

static void __attribute__((constructor)) sifive_test_register(void)
{
    device_class_register(&sifive_test_class);
}
