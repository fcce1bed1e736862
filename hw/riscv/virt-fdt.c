/* SPDX-License-Identifier: MIT */
/* The virt board's device tree, generated from its memory map with libfdt. */
#include <inttypes.h>
#include <string.h>

#include <libfdt.h>

#include "hw/riscv/virt.h"
#include "vemu/riscv.h"

#define FDT_BUF_SIZE (64 * 1024)

/*
 * libfdt inserts a new property or node before its existing siblings, so
 * everything below is created in the reverse of the order a dump shows:
 * that makes `dtc -I dtb` output match QEMU 7.2's line for line.
 */
typedef struct FdtBuilder {
    void *fdt;
    int err;                    /* first libfdt error, or 0 */
    char *what;                 /* the node or property it hit */
    uint32_t next_phandle;
} FdtBuilder;

static void fb_check(FdtBuilder *b, int ret, const char *path,
                     const char *name)
{
    if (ret < 0 && !b->err) {
        b->err = ret;
        b->what = g_strdup_printf("%s%s%s", path, name ? " " : "",
                                  name ? name : "");
    }
}

/*
 * Nodes are named by path, not offset: adding a node moves the offsets
 * of everything after it.
 */
static int fb_lookup(FdtBuilder *b, const char *path)
{
    int node;

    if (b->err) {
        return -1;
    }
    node = fdt_path_offset(b->fdt, path);
    fb_check(b, node, path, NULL);
    return node;
}

/* Add parent/name; returns its path (g_free). */
static char *fb_node(FdtBuilder *b, const char *parent, const char *name)
{
    int off = fb_lookup(b, parent);

    if (off >= 0) {
        fb_check(b, fdt_add_subnode(b->fdt, off, name), parent, name);
    }
    return g_strdup_printf("%s/%s", strcmp(parent, "/") ? parent : "",
                           name);
}

static void fb_prop(FdtBuilder *b, const char *node, const char *name,
                    const void *val, int len)
{
    int off = fb_lookup(b, node);

    if (off >= 0) {
        fb_check(b, fdt_setprop(b->fdt, off, name, val, len), node, name);
    }
}

static void fb_str(FdtBuilder *b, const char *node, const char *name,
                   const char *s)
{
    fb_prop(b, node, name, s, strlen(s) + 1);
}

/* A string list: "a\0b\0c\0". */
static void fb_strs(FdtBuilder *b, const char *node, const char *name,
                    const char *const *list, unsigned n)
{
    GString *s = g_string_new(NULL);
    unsigned i;

    for (i = 0; i < n; i++) {
        g_string_append_len(s, list[i], strlen(list[i]) + 1);
    }
    fb_prop(b, node, name, s->str, s->len);
    g_string_free(s, true);
}

static void fb_cells(FdtBuilder *b, const char *node, const char *name,
                     const uint32_t *cells, unsigned n)
{
    fdt32_t *be = g_new(fdt32_t, n ? n : 1);
    unsigned i;

    for (i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    fb_prop(b, node, name, be, n * sizeof(fdt32_t));
    g_free(be);
}

static void fb_cell(FdtBuilder *b, const char *node, const char *name,
                    uint32_t v)
{
    fb_cells(b, node, name, &v, 1);
}

static void fb_empty(FdtBuilder *b, const char *node, const char *name)
{
    fb_prop(b, node, name, NULL, 0);
}

/* reg = <base size> with two address and two size cells. */
static void fb_reg(FdtBuilder *b, const char *node, hwaddr base,
                   uint64_t size)
{
    uint32_t reg[4] = { base >> 32, base, size >> 32, size };

    fb_cells(b, node, "reg", reg, 4);
}

static uint32_t fb_phandle(FdtBuilder *b, const char *node)
{
    uint32_t ph = b->next_phandle++;

    fb_cell(b, node, "phandle", ph);
    return ph;
}

/* /soc/name@base for a memory map entry. */
static char *fb_soc_node(FdtBuilder *b, const char *name, unsigned idx)
{
    char *s = g_strdup_printf("%s@%" PRIx64, name, virt_memmap[idx].base);
    char *node = fb_node(b, "/soc", s);

    g_free(s);
    return node;
}

/* /cpus: fills intc[i] with hart i's interrupt-controller phandle. */
static void fdt_add_cpus(FdtBuilder *b, const VirtFdtConfig *c,
                         uint32_t *intc)
{
    char *cpus = fb_node(b, "/", "cpus");
    char *map, *cluster;
    int i;

    fb_cell(b, cpus, "timebase-frequency", VIRT_TIMEBASE_FREQ);
    fb_cell(b, cpus, "#size-cells", 0);
    fb_cell(b, cpus, "#address-cells", 1);
    map = fb_node(b, cpus, "cpu-map");
    cluster = fb_node(b, map, "cluster0");

    /* Last hart first, as QEMU: it numbers phandles in this order. */
    for (i = c->nb_harts - 1; i >= 0; i--) {
        char name[32];
        char *cpu, *ic, *core;
        uint32_t cpu_ph;

        g_snprintf(name, sizeof(name), "cpu@%d", i);
        cpu = fb_node(b, cpus, name);
        if (c->mmu_type && c->mmu_type[i]) {
            fb_str(b, cpu, "mmu-type", c->mmu_type[i]);
        }
        fb_str(b, cpu, "riscv,isa", c->isa[i]);
        fb_str(b, cpu, "compatible", "riscv");
        fb_str(b, cpu, "status", "okay");
        fb_cell(b, cpu, "reg", i);
        fb_str(b, cpu, "device_type", "cpu");
        cpu_ph = fb_phandle(b, cpu);

        ic = fb_node(b, cpu, "interrupt-controller");
        intc[i] = fb_phandle(b, ic);
        fb_str(b, ic, "compatible", "riscv,cpu-intc");
        fb_empty(b, ic, "interrupt-controller");
        fb_cell(b, ic, "#interrupt-cells", 1);

        g_snprintf(name, sizeof(name), "core%d", i);
        core = fb_node(b, cluster, name);
        fb_cell(b, core, "cpu", cpu_ph);
        g_free(cpu);
        g_free(ic);
        g_free(core);
    }
    g_free(cluster);
    g_free(map);
    g_free(cpus);
}

/* interrupts-extended = <intc[0] irq_a intc[0] irq_b intc[1] ...>. */
static void fb_irqs_ext(FdtBuilder *b, const char *node,
                        const VirtFdtConfig *c, const uint32_t *intc,
                        int irq_a, int irq_b)
{
    unsigned per = irq_b < 0 ? 2 : 4;
    uint32_t *cells = g_new(uint32_t, c->nb_harts * per);
    unsigned i;

    for (i = 0; i < c->nb_harts; i++) {
        cells[i * per + 0] = intc[i];
        cells[i * per + 1] = irq_a;
        if (irq_b >= 0) {
            cells[i * per + 2] = intc[i];
            cells[i * per + 3] = irq_b;
        }
    }
    fb_cells(b, node, "interrupts-extended", cells, c->nb_harts * per);
    g_free(cells);
}

/* An ACLINT software-interrupt node (mswi or sswi). */
static void fdt_add_aclint_swi(FdtBuilder *b, const char *name,
                               const char *compat, hwaddr base, uint64_t size,
                               const VirtFdtConfig *c, const uint32_t *intc,
                               int irq)
{
    char *node = g_strdup_printf("%s@%" PRIx64, name, base);
    char *path = fb_node(b, "/soc", node);

    fb_str(b, path, "compatible", compat);
    fb_reg(b, path, base, size);
    fb_irqs_ext(b, path, c, intc, irq, -1);
    fb_empty(b, path, "interrupt-controller");
    fb_cell(b, path, "#interrupt-cells", 0);
    g_free(path);
    g_free(node);
}

static void fdt_add_clint(FdtBuilder *b, const VirtFdtConfig *c,
                          const uint32_t *intc)
{
    static const char *const compat[] = { "sifive,clint0", "riscv,clint0" };
    hwaddr base = virt_memmap[VIRT_CLINT].base;
    /* ACLINT layout inside the CLINT window (QEMU's defaults). */
    const uint64_t swi_size = 0x4000, mtime_off = 0x7ff8;
    hwaddr mt = base + swi_size;
    uint64_t mt_size = virt_memmap[VIRT_CLINT].size - swi_size;
    /* mtime first, then the mtimecmp array: QEMU's sizes, verbatim. */
    uint32_t reg[8] = {
        0, mt + mtime_off, 0, mt_size - mtime_off,
        0, mt, 0, mtime_off,
    };
    char name[32];
    char *node;

    if (!c->aclint) {
        node = fb_soc_node(b, "clint", VIRT_CLINT);
        fb_strs(b, node, "compatible", compat, 2);
        fb_reg(b, node, base, virt_memmap[VIRT_CLINT].size);
        fb_irqs_ext(b, node, c, intc, RISCV_IRQ_M_SOFT, RISCV_IRQ_M_TIMER);
        g_free(node);
        return;
    }

    fdt_add_aclint_swi(b, "mswi", "riscv,aclint-mswi", base, swi_size, c,
                       intc, RISCV_IRQ_M_SOFT);
    g_snprintf(name, sizeof(name), "mtimer@%" PRIx64, mt);
    node = fb_node(b, "/soc", name);
    fb_str(b, node, "compatible", "riscv,aclint-mtimer");
    fb_cells(b, node, "reg", reg, 8);
    fb_irqs_ext(b, node, c, intc, RISCV_IRQ_M_TIMER, -1);
    g_free(node);
    fdt_add_aclint_swi(b, "sswi", "riscv,aclint-sswi",
                       virt_memmap[VIRT_ACLINT_SSWI].base,
                       virt_memmap[VIRT_ACLINT_SSWI].size, c, intc,
                       RISCV_IRQ_S_SOFT);
}

static uint32_t fdt_add_plic(FdtBuilder *b, const VirtFdtConfig *c,
                             const uint32_t *intc)
{
    static const char *const compat[] = {
        "sifive,plic-1.0.0", "riscv,plic0",
    };
    char *node = fb_soc_node(b, "plic", VIRT_PLIC);
    uint32_t ph;

    fb_cell(b, node, "#interrupt-cells", 1);
    fb_cell(b, node, "#address-cells", 0);
    fb_strs(b, node, "compatible", compat, 2);
    fb_empty(b, node, "interrupt-controller");
    /* Contexts: M then S for each hart, as the PLIC model numbers them. */
    fb_irqs_ext(b, node, c, intc, RISCV_IRQ_M_EXT, RISCV_IRQ_S_EXT);
    fb_reg(b, node, virt_memmap[VIRT_PLIC].base, virt_memmap[VIRT_PLIC].size);
    fb_cell(b, node, "riscv,ndev", VIRT_PLIC_NUM_SOURCES);
    ph = fb_phandle(b, node);
    g_free(node);
    return ph;
}

/* A /soc device of the memory map with one PLIC interrupt. */
static void fdt_add_simple(FdtBuilder *b, const char *name, unsigned idx,
                           hwaddr base, const char *compat, uint32_t clock,
                           uint32_t plic, uint32_t irq)
{
    char *node_name = g_strdup_printf("%s@%" PRIx64, name, base);
    char *node = fb_node(b, "/soc", node_name);

    fb_str(b, node, "compatible", compat);
    fb_reg(b, node, base, virt_memmap[idx].size);
    if (clock) {
        fb_cell(b, node, "clock-frequency", clock);
    }
    fb_cell(b, node, "interrupt-parent", plic);
    fb_cell(b, node, "interrupts", irq);
    g_free(node);
    g_free(node_name);
}

/* The test finisher, and the syscon nodes that use it to power off. */
static uint32_t fdt_add_test(FdtBuilder *b)
{
    static const char *const compat[] = {
        "sifive,test1", "sifive,test0", "syscon",
    };
    char *node = fb_soc_node(b, "test", VIRT_TEST);
    uint32_t ph;

    fb_strs(b, node, "compatible", compat, 3);
    fb_reg(b, node, virt_memmap[VIRT_TEST].base, virt_memmap[VIRT_TEST].size);
    ph = fb_phandle(b, node);
    g_free(node);
    return ph;
}

static void fdt_add_syscon(FdtBuilder *b, const char *name,
                           const char *compat, uint32_t test, uint32_t value)
{
    char *node = fb_node(b, "/", name);

    fb_str(b, node, "compatible", compat);
    fb_cell(b, node, "regmap", test);
    fb_cell(b, node, "offset", 0);
    fb_cell(b, node, "value", value);
    g_free(node);
}

void *virt_fdt_build(const VirtFdtConfig *c, GError **errp)
{
    FdtBuilder b = { .next_phandle = 1 };
    uint32_t *intc;
    uint32_t plic, test;
    char *node;
    char path[64];
    unsigned i;

    if (c->nb_harts == 0) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "device tree: no harts");
        return NULL;
    }
    b.fdt = g_malloc0(FDT_BUF_SIZE);
    fb_check(&b, fdt_create_empty_tree(b.fdt, FDT_BUF_SIZE), "/", NULL);
    intc = g_new0(uint32_t, c->nb_harts);

    fb_str(&b, "/", "model", "riscv-virtio,qemu");
    fb_str(&b, "/", "compatible", "riscv-virtio");
    fb_cell(&b, "/", "#size-cells", 2);
    fb_cell(&b, "/", "#address-cells", 2);

    node = fb_node(&b, "/", "soc");
    fb_empty(&b, node, "ranges");
    fb_str(&b, node, "compatible", "simple-bus");
    fb_cell(&b, node, "#size-cells", 2);
    fb_cell(&b, node, "#address-cells", 2);
    g_free(node);

    fdt_add_cpus(&b, c, intc);

    g_snprintf(path, sizeof(path), "memory@%" PRIx64,
               virt_memmap[VIRT_DRAM].base);
    node = fb_node(&b, "/", path);
    fb_reg(&b, node, virt_memmap[VIRT_DRAM].base, c->ram_size);
    fb_str(&b, node, "device_type", "memory");
    g_free(node);

    fdt_add_clint(&b, c, intc);
    plic = fdt_add_plic(&b, c, intc);
    for (i = 0; i < VIRT_VIRTIO_COUNT; i++) {
        fdt_add_simple(&b, "virtio_mmio", VIRT_VIRTIO,
                       virt_memmap[VIRT_VIRTIO].base +
                       i * virt_memmap[VIRT_VIRTIO].size,
                       "virtio,mmio", 0, plic, VIRT_VIRTIO_IRQ + i);
    }
    test = fdt_add_test(&b);
    fdt_add_simple(&b, "serial", VIRT_UART0, virt_memmap[VIRT_UART0].base,
                   "ns16550a", VIRT_UART_CLOCK, plic, VIRT_UART0_IRQ);
    fdt_add_simple(&b, "rtc", VIRT_RTC, virt_memmap[VIRT_RTC].base,
                   "google,goldfish-rtc", 0, plic, VIRT_RTC_IRQ);
    fdt_add_syscon(&b, "reboot", "syscon-reboot", test, 0x7777);
    fdt_add_syscon(&b, "poweroff", "syscon-poweroff", test, 0x5555);

    node = fb_node(&b, "/", "chosen");
    g_snprintf(path, sizeof(path), "/soc/serial@%" PRIx64,
               virt_memmap[VIRT_UART0].base);
    fb_str(&b, node, "stdout-path", path);
    g_free(node);

    g_free(intc);
    if (b.err) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "device tree: %s: %s", b.what, fdt_strerror(b.err));
        g_free(b.what);
        g_free(b.fdt);
        return NULL;
    }
    return b.fdt;
}
