/* SPDX-License-Identifier: MIT */
/* hw/riscv/virt-fdt.c: the virt board's device tree, node by node. */
#include <glib.h>
#include <libfdt.h>
#include <string.h>

#include "hw/riscv/virt.h"
#include "vemu/hw/riscv-boot.h"

#define ISA "rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc"

static void *build(unsigned harts, bool aclint)
{
    const char *isa[VIRT_MAX_HARTS], *mmu[VIRT_MAX_HARTS];
    VirtFdtConfig c = {
        .nb_harts = harts, .isa = isa, .mmu_type = mmu,
        .ram_size = 128 << 20, .aclint = aclint,
    };
    GError *err = NULL;
    void *fdt;
    unsigned i;

    for (i = 0; i < harts; i++) {
        isa[i] = ISA;
        mmu[i] = "riscv,sv48";
    }
    fdt = virt_fdt_build(&c, &err);
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

/* The property's cells, into out (at most max); returns the count. */
static unsigned cells(const void *fdt, const char *path, const char *name,
                      uint32_t *out, unsigned max)
{
    int len, i;
    const fdt32_t *p = fdt_getprop(fdt, node(fdt, path), name, &len);

    if (!p) {
        g_error("no %s in %s", name, path);
    }
    g_assert_cmpint(len % 4, ==, 0);
    g_assert_cmpint(len / 4, <=, max);
    for (i = 0; i < len / 4; i++) {
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

static bool compatible(const void *fdt, const char *path, const char *c)
{
    return fdt_node_check_compatible(fdt, node(fdt, path), c) == 0;
}

static void check_reg(const void *fdt, const char *path, uint64_t base,
                      uint64_t size)
{
    uint32_t r[4];

    g_assert_cmpuint(cells(fdt, path, "reg", r, 4), ==, 4);
    g_assert_cmphex((uint64_t)r[0] << 32 | r[1], ==, base);
    g_assert_cmphex((uint64_t)r[2] << 32 | r[3], ==, size);
}

static uint32_t intc_phandle(const void *fdt, unsigned hart)
{
    char *p = g_strdup_printf("/cpus/cpu@%u/interrupt-controller", hart);
    uint32_t ph = fdt_get_phandle(fdt, node(fdt, p));

    g_assert_cmpstr(str(fdt, p, "compatible"), ==, "riscv,cpu-intc");
    g_assert_cmpuint(cell(fdt, p, "#interrupt-cells"), ==, 1);
    g_assert_nonnull(fdt_getprop(fdt, node(fdt, p), "interrupt-controller",
                                 NULL));
    g_free(p);
    g_assert_cmpuint(ph, !=, 0);
    return ph;
}

static void check_common(const void *fdt, unsigned harts)
{
    uint32_t plic = fdt_get_phandle(fdt, node(fdt, "/soc/plic@c000000"));
    uint32_t test = fdt_get_phandle(fdt, node(fdt, "/soc/test@100000"));
    uint32_t ie[4 * VIRT_MAX_HARTS];
    unsigned i;

    g_assert_cmpstr(str(fdt, "/", "compatible"), ==, "riscv-virtio");
    g_assert_cmpuint(cell(fdt, "/", "#address-cells"), ==, 2);
    g_assert_cmpuint(cell(fdt, "/cpus", "timebase-frequency"), ==, 10000000);

    for (i = 0; i < harts; i++) {
        char *cpu = g_strdup_printf("/cpus/cpu@%u", i);
        char *core = g_strdup_printf("/cpus/cpu-map/cluster0/core%u", i);

        g_assert_cmpstr(str(fdt, cpu, "riscv,isa"), ==, ISA);
        g_assert_cmpstr(str(fdt, cpu, "mmu-type"), ==, "riscv,sv48");
        g_assert_cmpstr(str(fdt, cpu, "device_type"), ==, "cpu");
        g_assert_cmpstr(str(fdt, cpu, "status"), ==, "okay");
        g_assert_true(compatible(fdt, cpu, "riscv"));
        g_assert_cmpuint(cell(fdt, cpu, "reg"), ==, i);
        g_assert_cmpuint(cell(fdt, core, "cpu"), ==,
                         fdt_get_phandle(fdt, node(fdt, cpu)));
        g_free(cpu);
        g_free(core);
    }
    g_assert_cmpint(fdt_path_offset(fdt, harts == 1 ? "/cpus/cpu@1"
                                                    : "/cpus/cpu@9"), <, 0);

    check_reg(fdt, "/memory@80000000", 0x80000000, 128 << 20);
    g_assert_cmpstr(str(fdt, "/memory@80000000", "device_type"), ==,
                    "memory");

    /* PLIC: M then S external interrupt of each hart. */
    g_assert_true(compatible(fdt, "/soc/plic@c000000", "sifive,plic-1.0.0"));
    g_assert_true(compatible(fdt, "/soc/plic@c000000", "riscv,plic0"));
    check_reg(fdt, "/soc/plic@c000000", 0xc000000, 0x600000);
    g_assert_cmpuint(cell(fdt, "/soc/plic@c000000", "riscv,ndev"), ==, 96);
    g_assert_cmpuint(cells(fdt, "/soc/plic@c000000", "interrupts-extended",
                           ie, G_N_ELEMENTS(ie)), ==, 4 * harts);
    for (i = 0; i < harts; i++) {
        g_assert_cmpuint(ie[4 * i], ==, intc_phandle(fdt, i));
        g_assert_cmpuint(ie[4 * i + 1], ==, 11);
        g_assert_cmpuint(ie[4 * i + 2], ==, intc_phandle(fdt, i));
        g_assert_cmpuint(ie[4 * i + 3], ==, 9);
    }

    /* UART */
    g_assert_true(compatible(fdt, "/soc/serial@10000000", "ns16550a"));
    check_reg(fdt, "/soc/serial@10000000", 0x10000000, 0x100);
    g_assert_cmpuint(cell(fdt, "/soc/serial@10000000", "clock-frequency"),
                     ==, 3686400);
    g_assert_cmpuint(cell(fdt, "/soc/serial@10000000", "interrupts"), ==,
                     10);
    g_assert_cmpuint(cell(fdt, "/soc/serial@10000000", "interrupt-parent"),
                     ==, plic);

    /* RTC, test finisher and the syscon nodes that drive it. */
    g_assert_true(compatible(fdt, "/soc/rtc@101000", "google,goldfish-rtc"));
    check_reg(fdt, "/soc/rtc@101000", 0x101000, 0x1000);
    g_assert_cmpuint(cell(fdt, "/soc/rtc@101000", "interrupts"), ==, 11);
    g_assert_true(compatible(fdt, "/soc/test@100000", "sifive,test1"));
    g_assert_true(compatible(fdt, "/soc/test@100000", "sifive,test0"));
    g_assert_true(compatible(fdt, "/soc/test@100000", "syscon"));
    check_reg(fdt, "/soc/test@100000", 0x100000, 0x1000);
    g_assert_true(compatible(fdt, "/poweroff", "syscon-poweroff"));
    g_assert_cmpuint(cell(fdt, "/poweroff", "regmap"), ==, test);
    g_assert_cmphex(cell(fdt, "/poweroff", "value"), ==, 0x5555);
    g_assert_cmpuint(cell(fdt, "/poweroff", "offset"), ==, 0);
    g_assert_cmpuint(cell(fdt, "/reboot", "regmap"), ==, test);
    g_assert_cmphex(cell(fdt, "/reboot", "value"), ==, 0x7777);

    /* virtio-mmio: 8 slots, interrupts 1 to 8. */
    for (i = 0; i < 8; i++) {
        char *p = g_strdup_printf("/soc/virtio_mmio@%x", 0x10001000 + i *
                                  0x1000);

        g_assert_true(compatible(fdt, p, "virtio,mmio"));
        check_reg(fdt, p, 0x10001000 + i * 0x1000, 0x1000);
        g_assert_cmpuint(cell(fdt, p, "interrupts"), ==, 1 + i);
        g_assert_cmpuint(cell(fdt, p, "interrupt-parent"), ==, plic);
        g_free(p);
    }

    g_assert_cmpstr(str(fdt, "/chosen", "stdout-path"), ==,
                    "/soc/serial@10000000");
    g_assert_cmpstr(str(fdt, "/soc", "compatible"), ==, "simple-bus");
}

/* Linux probes virtio nodes in DT order: QEMU lists the highest first. */
static void test_virtio_order(void)
{
    void *fdt = build(1, false);
    int soc = node(fdt, "/soc"), child;
    const char *first = NULL;

    fdt_for_each_subnode(child, fdt, soc) {
        const char *name = fdt_get_name(fdt, child, NULL);

        if (g_str_has_prefix(name, "virtio_mmio@")) {
            first = name;
            break;
        }
    }
    g_assert_cmpstr(first, ==, "virtio_mmio@10008000");
    g_free(fdt);
}

static void test_one_hart(void)
{
    void *fdt = build(1, false);
    uint32_t ie[8];

    check_common(fdt, 1);
    g_assert_true(compatible(fdt, "/soc/clint@2000000", "sifive,clint0"));
    g_assert_true(compatible(fdt, "/soc/clint@2000000", "riscv,clint0"));
    check_reg(fdt, "/soc/clint@2000000", 0x2000000, 0x10000);
    g_assert_cmpuint(cells(fdt, "/soc/clint@2000000", "interrupts-extended",
                           ie, 8), ==, 4);
    g_assert_cmpuint(ie[1], ==, 3);
    g_assert_cmpuint(ie[3], ==, 7);
    /* QEMU 7.2's phandles: cpu 1, its intc 2, PLIC 3, test 4. */
    g_assert_cmpuint(intc_phandle(fdt, 0), ==, 2);
    g_assert_cmpuint(fdt_get_phandle(fdt, node(fdt, "/soc/plic@c000000")),
                     ==, 3);
    g_assert_cmpint(fdt_path_offset(fdt, "/soc/mswi@2000000"), <, 0);
    g_free(fdt);
}

static void test_two_harts(void)
{
    void *fdt = build(2, false);
    uint32_t ie[8];

    check_common(fdt, 2);
    g_assert_cmpuint(cells(fdt, "/soc/clint@2000000", "interrupts-extended",
                           ie, 8), ==, 8);
    g_assert_cmpuint(ie[0], ==, intc_phandle(fdt, 0));
    g_assert_cmpuint(ie[4], ==, intc_phandle(fdt, 1));
    g_assert_cmpuint(ie[5], ==, 3);
    g_assert_cmpuint(ie[7], ==, 7);
    /* Numbered from the last hart, as QEMU does. */
    g_assert_cmpuint(intc_phandle(fdt, 1), ==, 2);
    g_assert_cmpuint(intc_phandle(fdt, 0), ==, 4);
    g_free(fdt);
}

static void test_eight_harts_aclint(void)
{
    void *fdt = build(8, true);
    uint32_t r[8], ie[16];

    check_common(fdt, 8);
    g_assert_cmpint(fdt_path_offset(fdt, "/soc/clint@2000000"), <, 0);
    g_assert_true(compatible(fdt, "/soc/mswi@2000000", "riscv,aclint-mswi"));
    check_reg(fdt, "/soc/mswi@2000000", 0x2000000, 0x4000);
    g_assert_cmpuint(cells(fdt, "/soc/mswi@2000000", "interrupts-extended",
                           ie, 16), ==, 16);
    g_assert_cmpuint(ie[15], ==, 3);
    g_assert_true(compatible(fdt, "/soc/mtimer@2004000",
                             "riscv,aclint-mtimer"));
    /* mtime, then mtimecmp: QEMU 7.2's exact cells. */
    g_assert_cmpuint(cells(fdt, "/soc/mtimer@2004000", "reg", r, 8), ==, 8);
    g_assert_cmphex(r[1], ==, 0x200bff8);
    g_assert_cmphex(r[3], ==, 0x4008);
    g_assert_cmphex(r[5], ==, 0x2004000);
    g_assert_cmphex(r[7], ==, 0x7ff8);
    g_assert_true(compatible(fdt, "/soc/sswi@2f00000", "riscv,aclint-sswi"));
    g_assert_cmpuint(cells(fdt, "/soc/sswi@2f00000", "interrupts-extended",
                           ie, 16), ==, 16);
    g_assert_cmpuint(ie[1], ==, 1);
    g_free(fdt);
}

static void test_chosen_with_initrd(void)
{
    void *fdt = build(2, false);

    g_assert_true(riscv_fdt_update_chosen(&fdt, "console=ttyS0 quiet",
                                          0x84200000, 0x84300000, NULL));
    g_assert_cmpint(fdt_pack(fdt), ==, 0);
    g_assert_cmpstr(str(fdt, "/chosen", "bootargs"), ==,
                    "console=ttyS0 quiet");
    g_assert_cmphex(cell(fdt, "/chosen", "linux,initrd-start"), ==,
                    0x84200000);
    g_assert_cmphex(cell(fdt, "/chosen", "linux,initrd-end"), ==,
                    0x84300000);
    /* The rest survived the reopen. */
    check_common(fdt, 2);
    g_free(fdt);
}

static void test_unique_phandles(void)
{
    void *fdt = build(8, true);
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    int off;

    for (off = fdt_next_node(fdt, -1, NULL); off >= 0;
         off = fdt_next_node(fdt, off, NULL)) {
        uint32_t ph = fdt_get_phandle(fdt, off);

        if (ph) {
            g_assert_false(g_hash_table_contains(seen,
                                                 GUINT_TO_POINTER(ph)));
            g_hash_table_add(seen, GUINT_TO_POINTER(ph));
        }
    }
    /* 8 cpus + 8 intcs + PLIC + test. */
    g_assert_cmpuint(g_hash_table_size(seen), ==, 18);
    g_hash_table_unref(seen);
    g_free(fdt);
}

static void test_no_harts(void)
{
    VirtFdtConfig c = { .nb_harts = 0, .ram_size = 1 << 20 };
    GError *err = NULL;

    g_assert_null(virt_fdt_build(&c, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virt-fdt/one-hart", test_one_hart);
    g_test_add_func("/virt-fdt/two-harts", test_two_harts);
    g_test_add_func("/virt-fdt/eight-harts-aclint", test_eight_harts_aclint);
    g_test_add_func("/virt-fdt/virtio-order", test_virtio_order);
    g_test_add_func("/virt-fdt/chosen-with-initrd", test_chosen_with_initrd);
    g_test_add_func("/virt-fdt/unique-phandles", test_unique_phandles);
    g_test_add_func("/virt-fdt/no-harts", test_no_harts);
    return g_test_run();
}
