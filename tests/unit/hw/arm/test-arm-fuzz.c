/* SPDX-License-Identifier: MIT */
/* Random guest accesses to every arm virt device: nothing crashes. */
#include <glib.h>

#include "../stubs.h"
#include "vemu/hw/arm-gic.h"
#include "vemu/hw/arm-gicv3.h"
#include "vemu/hw/pl011.h"
#include "vemu/hw/pl031.h"

#define NCPU 2
#define GIC2_DIST 0x8000000ull
#define GIC2_CPU 0x8010000ull
#define GIC3_DIST 0x20000000ull
#define GIC3_REDIST 0x20100000ull
#define UART_BASE 0x9000000ull
#define RTC_BASE 0x9010000ull

static const struct {
    hwaddr base;
    hwaddr size;
} ranges[] = {
    { GIC2_DIST, 0x1000 },
    { GIC2_DIST, 0x100 },
    { GIC2_DIST + 0xf00, 0x30 },
    { GIC2_CPU, 0x30 },
    { GIC2_CPU, 0x2000 },
    { GIC3_DIST, 0x10000 },
    { GIC3_DIST, 0x1000 },
    { GIC3_DIST + 0x6000, 0x900 },
    { GIC3_REDIST, 0x40 },
    { GIC3_REDIST + 0x10000, 0x1000 },
    { GIC3_REDIST + 0x30000, 0x1000 },
    { GIC3_REDIST, ARM_GICV3_REDIST_SIZE(NCPU) + 0x100 },
    { UART_BASE, 0x50 },
    { UART_BASE + 0xfe0, 0x20 },
    { RTC_BASE, 0x20 },
    { RTC_BASE, 0x1000 },
};

static CPUState cpus[NCPU];
static StubLine lines[4 * NCPU];

static void test_random_accesses(void)
{
    MemoryRegion *root = stub_root();
    IRQ *irq2[NCPU], *fiq2[NCPU], *irq3[NCPU], *fiq3[NCPU];
    Device *gic2, *gic3, *devs[4];
    GRand *rand = g_rand_new_with_seed(20261126);

    for (int i = 0; i < 4 * NCPU; i++) {
        stub_line_init(&lines[i]);
    }
    for (int c = 0; c < NCPU; c++) {
        cpus[c].cpu_index = c;
        irq2[c] = lines[4 * c].irq;
        fiq2[c] = lines[4 * c + 1].irq;
        irq3[c] = lines[4 * c + 2].irq;
        fiq3[c] = lines[4 * c + 3].irq;
    }
    gic2 = arm_gic_create(root, GIC2_DIST, GIC2_CPU, NCPU, 288, irq2, fiq2);
    gic3 = arm_gicv3_create(root, GIC3_DIST, GIC3_REDIST, NCPU, 288, NULL,
                            irq3, fiq3);
    devs[0] = gic2;
    devs[1] = gic3;
    devs[2] = pl011_create(root, UART_BASE, arm_gic_spi_irq(gic2, 1),
                           stub_chardev());
    devs[3] = pl031_create(root, RTC_BASE, arm_gicv3_spi_irq(gic3, 2));

    for (int i = 0; i < 300000; i++) {
        unsigned r = g_rand_int_range(rand, 0, G_N_ELEMENTS(ranges));
        unsigned size = 1u << g_rand_int_range(rand, 0, 4);
        hwaddr addr = ranges[r].base +
                      g_rand_int_range(rand, 0, ranges[r].size);
        uint64_t val = (uint64_t)g_rand_int(rand) << 32 | g_rand_int(rand);
        int cpu = g_rand_int_range(rand, -1, NCPU + 1);

        current_cpu = (cpu >= 0 && cpu < NCPU) ? &cpus[cpu] : NULL;
        if (g_rand_boolean(rand)) {
            addr &= ~(hwaddr)(size - 1);
        }
        if (g_rand_int_range(rand, 0, 8) == 0) {
            /* An ICC-space system register, sometimes a wrong one. */
            uint32_t reg = ARM_SYSREG_ENC(3, g_rand_boolean(rand) ? 0 : 4,
                                          g_rand_int_range(rand, 0, 8)
                                              ? 12 : 4,
                                          g_rand_int_range(rand, 6, 14),
                                          g_rand_int_range(rand, 0, 8));

            if (g_rand_boolean(rand)) {
                arm_gicv3_cpuif_read(gic3, cpu, reg, &val);
            } else {
                arm_gicv3_cpuif_write(gic3, cpu, reg, val);
            }
        } else {
            stub_access(addr, size, &val, g_rand_int_range(rand, 0, 3) != 0);
        }
        if (i % 64 == 0) {
            unsigned spi = g_rand_int_range(rand, 0, 256);
            unsigned ppi = g_rand_int_range(rand, 0, 16);
            int level = g_rand_boolean(rand);

            irq_set(arm_gic_spi_irq(gic2, spi), level);
            irq_set(arm_gicv3_spi_irq(gic3, spi), level);
            irq_set(arm_gic_ppi_irq(gic2, i % NCPU, ppi), level);
            irq_set(arm_gicv3_ppi_irq(gic3, i % NCPU, ppi), level);
        }
        if (i % 1000 == 0) {
            stub_clock_advance(CLOCK_VIRTUAL_NS, g_rand_int(rand));
            stub_clock_advance(CLOCK_HOST_NS, g_rand_int(rand));
            stub_chardev_input((const uint8_t *)"fuzz", 4);
        }
    }
    g_rand_free(rand);
    current_cpu = NULL;

    /* Every line low, then a reset brings every device to a quiet state. */
    for (unsigned spi = 0; spi < 256; spi++) {
        irq_set(arm_gic_spi_irq(gic2, spi), 0);
        irq_set(arm_gicv3_spi_irq(gic3, spi), 0);
    }
    for (unsigned c = 0; c < NCPU; c++) {
        for (unsigned ppi = 0; ppi < 16; ppi++) {
            irq_set(arm_gic_ppi_irq(gic2, c, ppi), 0);
            irq_set(arm_gicv3_ppi_irq(gic3, c, ppi), 0);
        }
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(devs); i++) {
        device_reset(devs[i]);
    }
    for (int i = 0; i < 4 * NCPU; i++) {
        g_assert_cmpint(lines[i].level, ==, 0);
    }
    g_assert_cmphex(stub_read(UART_BASE + 0x18, 4) & 0x90, ==, 0x90);
    g_assert_cmphex(stub_read(GIC2_CPU + 0x0c, 4), ==, 1023);
    g_assert_cmphex(stub_read(GIC3_DIST, 4), ==, 0x50);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hw/arm-fuzz/random-accesses", test_random_accesses);
    return g_test_run();
}
