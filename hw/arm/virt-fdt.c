/* SPDX-License-Identifier: MIT */
/* The arm virt board's device tree, written in order with libfdt. */
#include <inttypes.h>
#include <string.h>

#include <libfdt.h>

#include "hw/arm/virt.h"

#define FDT_BUF_SIZE (64 * 1024)
/* Room left in the final blob for /chosen's bootargs and initrd. */
#define FDT_FREE_SPACE (16 * 1024)

/* The DT's GIC interrupt specifier: <type number flags>. */
enum {
    GIC_FDT_SPI = 0,
    GIC_FDT_PPI = 1,
    GIC_FDT_EDGE_LO_HI = 1,
    GIC_FDT_LEVEL_HI = 4,
};

/* PSCI 0.2 function ids (SMC64 where there is one). */
#define PSCI_CPU_SUSPEND 0xc4000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_MIGRATE 0xc4000005u

/* Sequential writes: the first libfdt error sticks (and says where). */
typedef struct FdtWriter {
    void *fdt;
    int err;
    const char *where;
} FdtWriter;

static void fw_check(FdtWriter *w, int ret, const char *where)
{
    if (ret < 0 && !w->err) {
        w->err = ret;
        w->where = where;
    }
}

static void fw_begin(FdtWriter *w, const char *name)
{
    fw_check(w, fdt_begin_node(w->fdt, name), name);
}

static void fw_end(FdtWriter *w)
{
    fw_check(w, fdt_end_node(w->fdt), "end of node");
}

static void fw_prop(FdtWriter *w, const char *name, const void *v, int len)
{
    fw_check(w, fdt_property(w->fdt, name, v, len), name);
}

static void fw_str(FdtWriter *w, const char *name, const char *s)
{
    fw_prop(w, name, s, strlen(s) + 1);
}

static void fw_empty(FdtWriter *w, const char *name)
{
    fw_prop(w, name, NULL, 0);
}

/* A list of n 32-bit cells. */
static void fw_cells(FdtWriter *w, const char *name, const uint32_t *c,
                     unsigned n)
{
    fdt32_t *be = g_new(fdt32_t, n ? n : 1);

    for (unsigned i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(c[i]);
    }
    fw_prop(w, name, be, n * sizeof(fdt32_t));
    g_free(be);
}

static void fw_u32(FdtWriter *w, const char *name, uint32_t v)
{
    fw_cells(w, name, &v, 1);
}

/* reg = <base size> with two cells each (the root's #address-cells). */
static void fw_reg(FdtWriter *w, hwaddr base, uint64_t size)
{
    uint32_t c[4] = { base >> 32, (uint32_t)base, size >> 32,
                      (uint32_t)size };

    fw_cells(w, "reg", c, 4);
}

static void fw_irq(FdtWriter *w, uint32_t type, uint32_t n, uint32_t flags)
{
    uint32_t c[3] = { type, n, flags };

    fw_cells(w, "interrupts", c, 3);
}

uint32_t arm_virt_cpu_affinity(unsigned cpu, int gic_version)
{
    unsigned cluster = gic_version == 2 ? 8 : 16;

    return (cpu / cluster) << 8 | (cpu % cluster);
}

static char *node_name(const char *name, hwaddr base)
{
    return g_strdup_printf("%s@%" PRIx64, name, base);
}

static void fdt_psci(FdtWriter *w, const ArmVirtFdtConfig *cfg)
{
    static const char compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";

    if (!cfg->psci_method) {
        return;
    }
    fw_begin(w, "psci");
    fw_prop(w, "compatible", compat, sizeof(compat));
    fw_str(w, "method", cfg->psci_method);
    fw_u32(w, "cpu_suspend", PSCI_CPU_SUSPEND);
    fw_u32(w, "cpu_off", PSCI_CPU_OFF);
    fw_u32(w, "cpu_on", PSCI_CPU_ON);
    fw_u32(w, "migrate", PSCI_MIGRATE);
    fw_end(w);
}

static void fdt_memory(FdtWriter *w, const ArmVirtFdtConfig *cfg)
{
    hwaddr base = arm_virt_memmap[VIRT_MEM].base;
    g_autofree char *name = node_name("memory", base);

    fw_begin(w, name);
    fw_str(w, "device_type", "memory");
    fw_reg(w, base, cfg->ram_size);
    fw_end(w);
}

static void fdt_virtio(FdtWriter *w)
{
    const ArmMemMapEntry *m = &arm_virt_memmap[VIRT_MMIO];

    /* Lowest address first: Linux probes them in this order. */
    for (unsigned i = 0; i < VIRT_MMIO_COUNT; i++) {
        g_autofree char *name = node_name("virtio_mmio",
                                          m->base + i * m->size);

        fw_begin(w, name);
        fw_str(w, "compatible", "virtio,mmio");
        fw_reg(w, m->base + i * m->size, m->size);
        fw_irq(w, GIC_FDT_SPI, VIRT_MMIO_IRQ + i, GIC_FDT_EDGE_LO_HI);
        fw_empty(w, "dma-coherent");
        fw_end(w);
    }
}

static void fdt_primecells(FdtWriter *w)
{
    static const char rtc_compat[] = "arm,pl031\0arm,primecell";
    static const char uart_compat[] = "arm,pl011\0arm,primecell";
    static const char uart_clocks[] = "uartclk\0apb_pclk";
    const uint32_t clk2[2] = { VIRT_PHANDLE_CLK, VIRT_PHANDLE_CLK };
    const ArmMemMapEntry *m = arm_virt_memmap;
    g_autofree char *rtc = node_name("pl031", m[VIRT_RTC].base);
    g_autofree char *uart = node_name("pl011", m[VIRT_UART].base);

    fw_begin(w, rtc);
    fw_prop(w, "compatible", rtc_compat, sizeof(rtc_compat));
    fw_reg(w, m[VIRT_RTC].base, m[VIRT_RTC].size);
    fw_irq(w, GIC_FDT_SPI, VIRT_RTC_IRQ, GIC_FDT_LEVEL_HI);
    fw_u32(w, "clocks", VIRT_PHANDLE_CLK);
    fw_str(w, "clock-names", "apb_pclk");
    fw_end(w);

    fw_begin(w, uart);
    fw_prop(w, "compatible", uart_compat, sizeof(uart_compat));
    fw_reg(w, m[VIRT_UART].base, m[VIRT_UART].size);
    fw_irq(w, GIC_FDT_SPI, VIRT_UART_IRQ, GIC_FDT_LEVEL_HI);
    fw_cells(w, "clocks", clk2, 2);
    fw_prop(w, "clock-names", uart_clocks, sizeof(uart_clocks));
    fw_end(w);
}

/* PPI flags: GICv2 lists the CPUs the PPI goes to in bits 15:8. */
static uint32_t ppi_flags(const ArmVirtFdtConfig *cfg)
{
    uint32_t flags = GIC_FDT_LEVEL_HI;

    if (cfg->gic_version == 2) {
        flags |= ((1u << cfg->nb_cpus) - 1) << 8;
    }
    return flags;
}

static void fdt_gic(FdtWriter *w, const ArmVirtFdtConfig *cfg)
{
    const ArmMemMapEntry *m = arm_virt_memmap;
    g_autofree char *name = node_name("intc", m[VIRT_GIC_DIST].base);
    uint32_t reg[8] = {
        0, m[VIRT_GIC_DIST].base, 0, m[VIRT_GIC_DIST].size,
    };

    fw_begin(w, name);
    fw_u32(w, "phandle", VIRT_PHANDLE_GIC);
    if (cfg->gic_version == 3) {
        reg[5] = m[VIRT_GIC_REDIST].base;
        reg[7] = m[VIRT_GIC_REDIST].size;
        fw_cells(w, "reg", reg, 8);
        fw_u32(w, "#redistributor-regions", 1);
        fw_str(w, "compatible", "arm,gic-v3");
    } else {
        reg[5] = m[VIRT_GIC_CPU].base;
        reg[7] = m[VIRT_GIC_CPU].size;
        fw_cells(w, "reg", reg, 8);
        fw_str(w, "compatible", "arm,cortex-a15-gic");
    }
    fw_empty(w, "ranges");
    fw_u32(w, "#size-cells", 2);
    fw_u32(w, "#address-cells", 2);
    fw_empty(w, "interrupt-controller");
    fw_u32(w, "#interrupt-cells", 3);
    fw_end(w);
}

static void fdt_cpus(FdtWriter *w, const ArmVirtFdtConfig *cfg)
{
    fw_begin(w, "cpus");
    fw_u32(w, "#size-cells", 0);
    fw_u32(w, "#address-cells", 1);
    for (unsigned i = 0; i < cfg->nb_cpus; i++) {
        uint32_t aff = arm_virt_cpu_affinity(i, cfg->gic_version);
        g_autofree char *name = g_strdup_printf("cpu@%x", aff);

        fw_begin(w, name);
        fw_u32(w, "reg", aff);
        /* As QEMU: a single CPU needs no way to be started. */
        if (cfg->psci_method && cfg->nb_cpus > 1) {
            fw_str(w, "enable-method", "psci");
        }
        fw_str(w, "compatible", cfg->cpu_compatible);
        fw_str(w, "device_type", "cpu");
        fw_end(w);
    }
    fw_end(w);
}

static void fdt_pmu(FdtWriter *w, const ArmVirtFdtConfig *cfg)
{
    fw_begin(w, "pmu");
    fw_irq(w, GIC_FDT_PPI, VIRT_PMU_PPI, ppi_flags(cfg));
    fw_str(w, "compatible", "arm,armv8-pmuv3");
    fw_end(w);
}

static void fdt_timer(FdtWriter *w, const ArmVirtFdtConfig *cfg)
{
    static const char compat[] = "arm,armv8-timer\0arm,armv7-timer";
    uint32_t f = ppi_flags(cfg);
    uint32_t irqs[12] = {
        GIC_FDT_PPI, VIRT_TIMER_S_EL1_PPI, f,
        GIC_FDT_PPI, VIRT_TIMER_NS_EL1_PPI, f,
        GIC_FDT_PPI, VIRT_TIMER_VIRT_PPI, f,
        GIC_FDT_PPI, VIRT_TIMER_NS_EL2_PPI, f,
    };

    fw_begin(w, "timer");
    fw_cells(w, "interrupts", irqs, 12);
    fw_empty(w, "always-on");
    fw_prop(w, "compatible", compat, sizeof(compat));
    fw_end(w);
}

static void fdt_clock(FdtWriter *w)
{
    fw_begin(w, "apb-pclk");
    fw_u32(w, "phandle", VIRT_PHANDLE_CLK);
    fw_str(w, "clock-output-names", "clk24mhz");
    fw_u32(w, "clock-frequency", VIRT_APB_PCLK_HZ);
    fw_u32(w, "#clock-cells", 0);
    fw_str(w, "compatible", "fixed-clock");
    fw_end(w);
}

static void fdt_flash(FdtWriter *w)
{
    const ArmMemMapEntry *f = &arm_virt_memmap[VIRT_FLASH];
    g_autofree char *name = node_name("flash", f->base);
    uint64_t bank = f->size / 2;
    uint32_t reg[8] = {
        0, f->base, 0, bank, 0, f->base + bank, 0, bank,
    };

    fw_begin(w, name);
    fw_u32(w, "bank-width", 4);
    fw_cells(w, "reg", reg, 8);
    fw_str(w, "compatible", "cfi-flash");
    fw_end(w);
}

void *arm_virt_fdt_build(const ArmVirtFdtConfig *cfg, GError **errp)
{
    FdtWriter w = { .fdt = g_malloc0(FDT_BUF_SIZE) };
    g_autofree char *stdout_path =
        node_name("/pl011", arm_virt_memmap[VIRT_UART].base);
    void *out;
    int size;

    if (cfg->gic_version != 2 && cfg->gic_version != 3) {
        g_set_error(errp, DEVICE_ERROR, 0, "GIC version %d: expected 2 or 3",
                    cfg->gic_version);
        g_free(w.fdt);
        return NULL;
    }
    if (cfg->nb_cpus < 1 ||
        (cfg->gic_version == 2 && cfg->nb_cpus > VIRT_ARM_MAX_CPUS_GICV2) ||
        cfg->nb_cpus > VIRT_ARM_MAX_CPUS) {
        g_set_error(errp, DEVICE_ERROR, 0, "%u CPUs: too many for GICv%d",
                    cfg->nb_cpus, cfg->gic_version);
        g_free(w.fdt);
        return NULL;
    }
    fw_check(&w, fdt_create(w.fdt, FDT_BUF_SIZE), "header");
    fw_check(&w, fdt_finish_reservemap(w.fdt), "reserve map");
    fw_begin(&w, "");
    fw_u32(&w, "interrupt-parent", VIRT_PHANDLE_GIC);
    fw_u32(&w, "#size-cells", 2);
    fw_u32(&w, "#address-cells", 2);
    fw_str(&w, "model", "linux,dummy-virt");
    fw_str(&w, "compatible", "linux,dummy-virt");

    fdt_psci(&w, cfg);
    fdt_memory(&w, cfg);
    fdt_virtio(&w);
    fdt_primecells(&w);
    if (cfg->pmu) {
        fdt_pmu(&w, cfg);
    }
    fdt_gic(&w, cfg);
    if (cfg->flash) {
        fdt_flash(&w);
    }
    fdt_cpus(&w, cfg);
    fdt_timer(&w, cfg);
    fdt_clock(&w);

    fw_begin(&w, "chosen");
    fw_str(&w, "stdout-path", stdout_path);
    fw_end(&w);

    fw_end(&w);
    fw_check(&w, fdt_finish(w.fdt), "finish");
    if (w.err) {
        g_set_error(errp, DEVICE_ERROR, 0, "device tree: %s: %s", w.where,
                    fdt_strerror(w.err));
        g_free(w.fdt);
        return NULL;
    }
    /* Reopen with free space for the boot code's /chosen properties. */
    size = fdt_totalsize(w.fdt) + FDT_FREE_SPACE;
    out = g_malloc0(size);
    fw_check(&w, fdt_open_into(w.fdt, out, size), "open");
    g_free(w.fdt);
    if (w.err) {
        g_set_error(errp, DEVICE_ERROR, 0, "device tree: %s: %s", w.where,
                    fdt_strerror(w.err));
        g_free(out);
        return NULL;
    }
    return out;
}
