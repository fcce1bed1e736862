/* SPDX-License-Identifier: MIT */
/* hw/arm/virt-fdt.c: the arm virt board's device tree, node by node. */
#include <glib.h>
#include <libfdt.h>
#include <string.h>

#include "hw/arm/virt.h"

static void *build(unsigned cpus, int gic, const char *psci, bool pmu)
{
    ArmVirtFdtConfig c = {
        .nb_cpus = cpus, .cpu_compatible = "arm,cortex-a57",
        .ram_size = 256ull << 20, .gic_version = gic,
        .psci_method = psci, .pmu = pmu, .flash = true,
    };
    GError *err = NULL;
    void *fdt = arm_virt_fdt_build(&c, &err);

    g_assert_no_error(err);
    g_assert_nonnull(fdt);
    g_assert_cmpint(fdt_check_header(fdt), ==, 0);
    return fdt;
}

static int node(const void *fdt, const char *path)
{
    int off = fdt_path_offset(fdt, path);

    if (off < 0) {
        g_error("no node %s: %s", path, fdt_strerror(off));
    }
    return off;
}

static const char *str(const void *fdt, const char *path, const char *name)
{
    const char *s = fdt_getprop(fdt, node(fdt, path), name, NULL);

    if (!s) {
        g_error("no %s in %s", name, path);
    }
    return s;
}

static unsigned cells(const void *fdt, const char *path, const char *name,
                      uint32_t *out, unsigned max)
{
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node(fdt, path), name, &len);

    if (!p) {
        g_error("no %s in %s", name, path);
    }
    g_assert_cmpint(len % 4, ==, 0);
    g_assert_cmpint(len / 4, <=, max);
    for (int i = 0; i < len / 4; i++) {
        out[i] = fdt32_to_cpu(p[i]);
    }
    return len / 4;
}

static uint32_t cell(const void *fdt, const char *path, const char *name)
{
    uint32_t v;

    g_assert_cmpuint(cells(fdt, path, name, &v, 1), ==, 1);
    return v;
}

static bool has_prop(const void *fdt, const char *path, const char *name)
{
    return fdt_getprop(fdt, node(fdt, path), name, NULL) != NULL;
}

static void assert_reg(const void *fdt, const char *path, uint64_t base,
                       uint64_t size)
{
    uint32_t c[4];

    g_assert_cmpuint(cells(fdt, path, "reg", c, 4), ==, 4);
    g_assert_cmphex((uint64_t)c[0] << 32 | c[1], ==, base);
    g_assert_cmphex((uint64_t)c[2] << 32 | c[3], ==, size);
}

static void assert_irq(const void *fdt, const char *path, uint32_t type,
                       uint32_t n, uint32_t flags)
{
    uint32_t c[3];

    g_assert_cmpuint(cells(fdt, path, "interrupts", c, 3), ==, 3);
    g_assert_cmpuint(c[0], ==, type);
    g_assert_cmpuint(c[1], ==, n);
    g_assert_cmphex(c[2], ==, flags);
}

static void test_root_memory_chosen(void)
{
    void *fdt = build(1, 3, "hvc", false);
    const char *stdout_path;

    g_assert_cmpstr(str(fdt, "/", "compatible"), ==, "linux,dummy-virt");
    g_assert_cmpuint(cell(fdt, "/", "#address-cells"), ==, 2);
    g_assert_cmpuint(cell(fdt, "/", "#size-cells"), ==, 2);
    g_assert_cmphex(cell(fdt, "/", "interrupt-parent"), ==,
                    VIRT_PHANDLE_GIC);
    g_assert_cmpstr(str(fdt, "/memory@40000000", "device_type"), ==,
                    "memory");
    assert_reg(fdt, "/memory@40000000", 0x40000000, 256ull << 20);
    stdout_path = str(fdt, "/chosen", "stdout-path");
    g_assert_cmpstr(stdout_path, ==, "/pl011@9000000");
    node(fdt, stdout_path);
    /* There is room for the boot code's bootargs. */
    g_assert_cmpint(fdt_setprop_string(fdt, node(fdt, "/chosen"),
                                       "bootargs",
                                       "console=ttyAMA0 root=/dev/vda "
                                       "earlycon loglevel=8"), ==, 0);
    g_free(fdt);
}

static void test_primecells(void)
{
    void *fdt = build(1, 3, "hvc", false);
    uint32_t c[2];
    int len;
    const char *compat;

    assert_reg(fdt, "/pl011@9000000", 0x9000000, 0x1000);
    assert_irq(fdt, "/pl011@9000000", 0, VIRT_UART_IRQ, 4);
    compat = fdt_getprop(fdt, node(fdt, "/pl011@9000000"), "compatible",
                         &len);
    g_assert_cmpint(len, ==, sizeof("arm,pl011\0arm,primecell"));
    g_assert_cmpstr(compat + strlen(compat) + 1, ==, "arm,primecell");
    g_assert_cmpuint(cells(fdt, "/pl011@9000000", "clocks", c, 2), ==, 2);
    g_assert_cmphex(c[0], ==, VIRT_PHANDLE_CLK);
    g_assert_cmpint(fdt_node_offset_by_phandle(fdt, c[0]), ==,
                    node(fdt, "/apb-pclk"));
    g_assert_cmpuint(cell(fdt, "/apb-pclk", "clock-frequency"), ==,
                     24000000);
    assert_reg(fdt, "/pl031@9010000", 0x9010000, 0x1000);
    assert_irq(fdt, "/pl031@9010000", 0, VIRT_RTC_IRQ, 4);
    g_assert_cmpstr(str(fdt, "/pl031@9010000", "compatible"), ==,
                    "arm,pl031");
    g_free(fdt);
}

static void test_virtio_transports(void)
{
    void *fdt = build(1, 3, "hvc", false);
    int prev = -1;

    for (unsigned i = 0; i < VIRT_MMIO_COUNT; i++) {
        g_autofree char *path =
            g_strdup_printf("/virtio_mmio@%x", 0xa000000 + i * 0x200);
        int off = node(fdt, path);

        assert_reg(fdt, path, 0xa000000 + i * 0x200, 0x200);
        assert_irq(fdt, path, 0, 16 + i, 1);
        g_assert_true(has_prop(fdt, path, "dma-coherent"));
        /* Lowest address first. */
        g_assert_cmpint(off, >, prev);
        prev = off;
    }
    g_free(fdt);
}

static void test_gicv3(void)
{
    void *fdt = build(2, 3, "hvc", false);
    uint32_t reg[8], t[12];

    g_assert_cmpstr(str(fdt, "/intc@8000000", "compatible"), ==,
                    "arm,gic-v3");
    g_assert_cmpuint(cells(fdt, "/intc@8000000", "reg", reg, 8), ==, 8);
    g_assert_cmphex(reg[1], ==, 0x8000000);
    g_assert_cmphex(reg[5], ==, 0x80a0000);
    g_assert_cmphex(reg[7], ==, 0xf60000);
    g_assert_cmpuint(cell(fdt, "/intc@8000000", "#interrupt-cells"), ==, 3);
    g_assert_true(has_prop(fdt, "/intc@8000000", "interrupt-controller"));
    g_assert_cmpint(fdt_node_offset_by_phandle(fdt, VIRT_PHANDLE_GIC), ==,
                    node(fdt, "/intc@8000000"));
    /* Timer PPIs 13, 14, 11, 10, level high, no CPU mask on GICv3. */
    g_assert_cmpuint(cells(fdt, "/timer", "interrupts", t, 12), ==, 12);
    g_assert_cmpuint(t[1], ==, 13);
    g_assert_cmpuint(t[4], ==, 14);
    g_assert_cmpuint(t[7], ==, 11);
    g_assert_cmpuint(t[10], ==, 10);
    g_assert_cmphex(t[2], ==, 4);
    g_assert_cmpuint(t[0], ==, 1);
    g_assert_true(has_prop(fdt, "/timer", "always-on"));
    g_free(fdt);
}

static void test_gicv2_pmu(void)
{
    void *fdt = build(2, 2, "smc", true);
    uint32_t reg[8], t[12];

    g_assert_cmpstr(str(fdt, "/intc@8000000", "compatible"), ==,
                    "arm,cortex-a15-gic");
    g_assert_cmpuint(cells(fdt, "/intc@8000000", "reg", reg, 8), ==, 8);
    g_assert_cmphex(reg[5], ==, 0x8010000);
    /* GICv2 PPIs carry the CPU mask. */
    cells(fdt, "/timer", "interrupts", t, 12);
    g_assert_cmphex(t[2], ==, 0x304);
    assert_irq(fdt, "/pmu", 1, 7, 0x304);
    g_assert_cmpstr(str(fdt, "/psci", "method"), ==, "smc");
    g_free(fdt);
}

static void test_cpus_and_psci(void)
{
    void *fdt = build(18, 3, "hvc", false);
    void *bare;

    g_assert_cmpuint(cell(fdt, "/cpus", "#address-cells"), ==, 1);
    g_assert_cmpuint(cell(fdt, "/cpus/cpu@0", "reg"), ==, 0);
    g_assert_cmpuint(cell(fdt, "/cpus/cpu@f", "reg"), ==, 15);
    /* The 17th CPU opens cluster 1 (Aff1). */
    g_assert_cmpuint(cell(fdt, "/cpus/cpu@100", "reg"), ==, 0x100);
    g_assert_cmpuint(cell(fdt, "/cpus/cpu@101", "reg"), ==, 0x101);
    g_assert_cmpstr(str(fdt, "/cpus/cpu@101", "compatible"), ==,
                    "arm,cortex-a57");
    g_assert_cmpstr(str(fdt, "/cpus/cpu@0", "enable-method"), ==, "psci");
    g_assert_cmpstr(str(fdt, "/psci", "method"), ==, "hvc");
    g_assert_cmphex(cell(fdt, "/psci", "cpu_on"), ==, 0xc4000003);
    g_assert_cmphex(cell(fdt, "/psci", "cpu_off"), ==, 0x84000002);
    /* Two flash banks of 64 MiB. */
    {
        uint32_t f[8];

        g_assert_cmpuint(cells(fdt, "/flash@0", "reg", f, 8), ==, 8);
        g_assert_cmphex(f[3], ==, 0x4000000);
        g_assert_cmphex(f[5], ==, 0x4000000);
        g_assert_cmpuint(cell(fdt, "/flash@0", "bank-width"), ==, 4);
    }
    g_free(fdt);

    bare = build(1, 3, NULL, false);
    g_assert_cmpint(fdt_path_offset(bare, "/psci"), <, 0);
    g_assert_false(has_prop(bare, "/cpus/cpu@0", "enable-method"));
    g_assert_cmpint(fdt_path_offset(bare, "/pmu"), <, 0);
    g_free(bare);
}

static void test_bad_config(void)
{
    ArmVirtFdtConfig c = {
        .nb_cpus = 1, .cpu_compatible = "arm,cortex-a57",
        .ram_size = 1 << 30, .gic_version = 4,
    };
    GError *err = NULL;

    g_assert_null(arm_virt_fdt_build(&c, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    c.gic_version = 2;
    c.nb_cpus = 9;
    g_assert_null(arm_virt_fdt_build(&c, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    c.nb_cpus = 0;
    g_assert_null(arm_virt_fdt_build(&c, &err));
    g_clear_error(&err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-virt-fdt/root", test_root_memory_chosen);
    g_test_add_func("/arm-virt-fdt/primecells", test_primecells);
    g_test_add_func("/arm-virt-fdt/virtio", test_virtio_transports);
    g_test_add_func("/arm-virt-fdt/gicv3", test_gicv3);
    g_test_add_func("/arm-virt-fdt/gicv2-pmu", test_gicv2_pmu);
    g_test_add_func("/arm-virt-fdt/cpus-psci", test_cpus_and_psci);
    g_test_add_func("/arm-virt-fdt/bad-config", test_bad_config);
    return g_test_run();
}
