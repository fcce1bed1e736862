/* SPDX-License-Identifier: MIT */
/* hw/arm/virt.c: the board's devices at their addresses, wired to the GIC. */
#include <glib.h>

#include "../stubs.h"
#include "hw/arm/virt.h"
#include "vemu/hw/arm-gicv3.h"

#define NCPU 2

static StubLine irq_line[NCPU], fiq_line[NCPU];
static ArmVirtDevices devs;

static void create(int gic_version)
{
    MemoryRegion *root = stub_root();
    AddressSpace *dma = g_new0(AddressSpace, 1);
    IRQ *irqs[NCPU], *fiqs[NCPU];
    GError *err = NULL;

    for (int i = 0; i < NCPU; i++) {
        stub_line_init(&irq_line[i]);
        stub_line_init(&fiq_line[i]);
        irqs[i] = irq_line[i].irq;
        fiqs[i] = fiq_line[i].irq;
    }
    address_space_init(dma, root, "dma");
    g_string_truncate(stub_chardev_output(), 0);
    g_assert_true(arm_virt_create_devices(&devs, root, dma, NCPU,
                                          gic_version, irqs, fiqs,
                                          stub_chardev(), &err));
    g_assert_no_error(err);
}

static void test_memory_map(void)
{
    create(3);
    /* PrimeCell IDs, the GIC's architecture revisions, virtio magic. */
    g_assert_cmphex(stub_read(0x9000fe0, 4), ==, 0x11);
    g_assert_cmphex(stub_read(0x9010fe0, 4), ==, 0x31);
    g_assert_cmphex(stub_read(0x800ffe8, 4), ==, 0x3b);
    g_assert_cmphex(stub_read(0x80a0000 + 0xffe8, 4), ==, 0x3b);
    /* The second CPU's redistributor is the last. */
    g_assert_cmphex(stub_read(0x80c0008, 8), ==, 1ull << 32 | 1 << 8 | 0x10);
    for (unsigned i = 0; i < VIRT_MMIO_COUNT; i++) {
        g_assert_cmphex(stub_read(0xa000000 + i * 0x200, 4), ==,
                        0x74726976);
    }
    create(2);
    g_assert_cmphex(stub_read(0x8000004, 4) & 0xff, ==,
                    (VIRT_GIC_NUM_IRQ / 32 - 1) | (NCPU - 1) << 5);
    g_assert_cmphex(stub_read(0x8010000 + 0xfc, 4), ==, 0x0002043b);
}

static void test_uart_through_gicv2(void)
{
    create(2);
    stub_write(0x9000000, 4, 'o');
    stub_write(0x9000000, 4, 'k');
    g_assert_cmpstr(stub_chardev_output()->str, ==, "ok");
    /* INTID 33 to CPU 1; the UART's RX interrupt unmasked. */
    current_cpu = NULL;
    stub_write(0x8000000, 4, 1);
    stub_write(0x8000400 + 33, 1, 0x80);
    stub_write(0x8000800 + 33, 1, 1 << 1);
    stub_write(0x8000104, 4, 1 << 1);
    stub_write(0x9000038, 4, 1 << 4);
    stub_chardev_input((const uint8_t *)"x", 1);
    /* CPU 1's interface is still off. */
    g_assert_cmpint(irq_line[1].level, ==, 0);
    {
        CPUState cpu1 = { .cpu_index = 1 };

        current_cpu = &cpu1;
        stub_write(0x8010004, 4, 0xf0);
        stub_write(0x8010000, 4, 1);
        g_assert_cmpint(irq_line[1].level, ==, 1);
        g_assert_cmpuint(stub_read(0x801000c, 4), ==, 33);
        g_assert_cmphex(stub_read(0x9000000, 4), ==, 'x');
        stub_write(0x8010010, 4, 33);
        g_assert_cmpint(irq_line[1].level, ==, 0);
        current_cpu = NULL;
    }
    g_assert_cmpint(irq_line[0].level, ==, 0);
}

static void test_rtc_and_timer_through_gicv3(void)
{
    uint64_t v;

    create(3);
    stub_write(0x8000000, 4, 0x12);
    stub_write(0x8000084, 4, ~0u);                 /* group 1 */
    stub_write(0x8000400 + 34, 1, 0x80);
    stub_write(0x8006000 + 8 * 34, 8, 1);          /* to CPU 1 */
    stub_write(0x8000104, 4, 1 << 2);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        hwaddr rd = 0x80a0000 + cpu * 0x20000;

        stub_write(rd + 0x14, 4, 0);
        stub_write(rd + 0x10080, 4, ~0u);
        stub_write(rd + 0x10100, 4, 1u << 30);
        g_assert_true(arm_gicv3_cpuif_write(devs.gic, cpu, ICC_PMR_EL1,
                                            0xff));
        g_assert_true(arm_gicv3_cpuif_write(devs.gic, cpu,
                                            ICC_IGRPEN1_EL1, 1));
    }
    /* The RTC alarm, now, lands on CPU 1. */
    stub_write(0x9010010, 4, 1);
    stub_write(0x9010004, 4, stub_read(0x9010000, 4));
    g_assert_cmpint(irq_line[1].level, ==, 1);
    g_assert_cmpint(irq_line[0].level, ==, 0);
    g_assert_true(arm_gicv3_cpuif_read(devs.gic, 1, ICC_IAR1_EL1, &v));
    g_assert_cmpuint(v, ==, 34);
    /* The EL1 physical timer PPI of CPU 0 (INTID 30). */
    irq_set(arm_virt_ppi(&devs, 0, VIRT_TIMER_NS_EL1_PPI), 1);
    g_assert_cmpint(irq_line[0].level, ==, 1);
    g_assert_true(arm_gicv3_cpuif_read(devs.gic, 0, ICC_IAR1_EL1, &v));
    g_assert_cmpuint(v, ==, 30);
}

static void test_bad_config(void)
{
    MemoryRegion *root = stub_root();
    ArmVirtDevices d;
    GError *err = NULL;

    g_assert_false(arm_virt_create_devices(&d, root, NULL, 1, 4, NULL,
                                           NULL, NULL, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    g_assert_false(arm_virt_create_devices(&d, root, NULL, 9, 2, NULL,
                                           NULL, NULL, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    g_assert_cmphex(arm_virt_cpu_affinity(17, 3), ==, 0x101);
    g_assert_cmphex(arm_virt_cpu_affinity(7, 2), ==, 0x7);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-virt/memory-map", test_memory_map);
    g_test_add_func("/arm-virt/uart-gicv2", test_uart_through_gicv2);
    g_test_add_func("/arm-virt/rtc-timer-gicv3",
                    test_rtc_and_timer_through_gicv3);
    g_test_add_func("/arm-virt/bad-config", test_bad_config);
    return g_test_run();
}
