/* SPDX-License-Identifier: MIT */
/* Random guest accesses to every virt device: nothing crashes or leaks. */
#include <glib.h>

#include "stubs.h"
#include "vemu/hw/goldfish-rtc.h"
#include "vemu/hw/riscv-aclint.h"
#include "vemu/hw/serial.h"
#include "vemu/hw/sifive-plic.h"
#include "vemu/hw/sifive-test.h"
#include "vemu/riscv.h"

/* QEMU virt's addresses. */
#define TEST_BASE 0x100000ull
#define RTC_BASE 0x101000ull
#define CLINT_BASE 0x2000000ull
#define PLIC_BASE 0xc000000ull
#define UART_BASE 0x10000000ull

static const struct {
    hwaddr base;
    hwaddr size;
} ranges[] = {
    { TEST_BASE, 0x1000 },
    { RTC_BASE, 0x1000 },
    { CLINT_BASE, 0xc000 },
    { PLIC_BASE, SIFIVE_PLIC_SIZE(2) },
    /* The PLIC's live windows: priorities, pending, enables, contexts. */
    { PLIC_BASE, 0x200 },
    { PLIC_BASE + 0x1000, 0x10 },
    { PLIC_BASE + 0x2000, 0x200 },
    { PLIC_BASE + 0x200000, 0x10 },
    { PLIC_BASE + 0x201000, 0x10 },
    { PLIC_BASE + 0x202000, 0x10 },
    { PLIC_BASE + 0x203000, 0x10 },
    { UART_BASE, 0x10 },
};

static void test_random_accesses(void)
{
    MemoryRegion *root = stub_root();
    Device *plic = sifive_plic_create(root, PLIC_BASE, stub_harts, 2, 96, 7);
    Device *uart;
    Device *devs[5];
    GRand *rand = g_rand_new_with_seed(20240601);

    devs[0] = plic;
    devs[1] = sifive_test_create(root, TEST_BASE);
    devs[2] = goldfish_rtc_create(root, RTC_BASE, sifive_plic_irq(plic, 11));
    devs[3] = riscv_aclint_mtimer_create(root, CLINT_BASE + 0x4000,
                                         RISCV_ACLINT_MTIMER_SIZE,
                                         stub_harts, 2,
                                         RISCV_ACLINT_MTIMECMP_OFF,
                                         RISCV_ACLINT_MTIME_OFF, 10000000);
    riscv_aclint_swi_create(root, CLINT_BASE, stub_harts, 2, false);
    uart = serial_mm_create(root, UART_BASE, 0, 230400,
                            sifive_plic_irq(plic, 10), stub_chardev());
    devs[4] = uart;

    for (int i = 0; i < 200000; i++) {
        unsigned r = g_rand_int_range(rand, 0, G_N_ELEMENTS(ranges));
        unsigned size = 1u << g_rand_int_range(rand, 0, 4);
        hwaddr addr = ranges[r].base +
                      g_rand_int_range(rand, 0, ranges[r].size);
        uint64_t val = (uint64_t)g_rand_int(rand) << 32 | g_rand_int(rand);

        /* Aim at the registers that exist more often than not. */
        if (g_rand_boolean(rand)) {
            addr &= ~(hwaddr)(size - 1);
        }
        /* Accesses straddling a region's end may miss: that is fine. */
        stub_access(addr, size, &val, g_rand_int_range(rand, 0, 4) != 0);
        if (i % 1000 == 0) {
            stub_clock_advance(CLOCK_VIRTUAL_NS, g_rand_int(rand));
            stub_clock_advance(CLOCK_HOST_NS, g_rand_int(rand));
            stub_chardev_input((const uint8_t *)"fuzz", 4);
        }
    }
    g_rand_free(rand);

    /* Reset brings every device back to a known, quiet state. */
    for (unsigned i = 0; i < G_N_ELEMENTS(devs); i++) {
        device_reset(devs[i]);
    }
    g_assert_cmphex(stub_read(UART_BASE + 5, 1), ==, 0x60);
    g_assert_cmphex(stub_read(UART_BASE + 2, 1), ==, 0x01);
    g_assert_cmpuint(stub_read(PLIC_BASE + 0x200004, 4), ==, 0);
    for (unsigned h = 0; h < 2; h++) {
        g_assert_cmpint(stub_irq_level(h, RISCV_IRQ_M_EXT), ==, 0);
        g_assert_cmpint(stub_irq_level(h, RISCV_IRQ_S_EXT), ==, 0);
        g_assert_cmpint(stub_irq_level(h, RISCV_IRQ_M_TIMER), ==, 0);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hw/fuzz/random-accesses", test_random_accesses);
    return g_test_run();
}
