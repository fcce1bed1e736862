/* SPDX-License-Identifier: MIT */
/*
 * The arm virt board's datasheet: QEMU's memory map, interrupt numbers
 * and device tree parameters, so that firmware and kernels built for
 * QEMU's `-M virt` run unmodified. virt.c creates the devices from this
 * table, virt-fdt.c describes them to the guest from it.
 */
#ifndef HW_ARM_VIRT_H
#define HW_ARM_VIRT_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"
#include "vemu/device.h"
#include "vemu/memory.h"

struct Chardev;

typedef struct ArmMemMapEntry {
    hwaddr base;
    uint64_t size;
} ArmMemMapEntry;

enum {
    VIRT_FLASH,
    VIRT_GIC_DIST,
    VIRT_GIC_CPU,
    VIRT_GIC_REDIST,
    VIRT_UART,
    VIRT_RTC,
    VIRT_MMIO,
    VIRT_MEM,
    VIRT_ARM_MEMMAP_COUNT,
};

/*
 * Not implemented, so absent from the table (and the DT): the GICv2m
 * MSI frame (0x8020000), the GIC virtualization frames (0x8030000,
 * 0x8040000), the ITS (0x8080000), fw_cfg (0x9020000), the PL061 GPIO
 * (0x9030000), the SMMU, the platform bus (0xc000000), PCIe (MMIO at
 * 0x10000000, PIO at 0x3eff0000, ECAM at 0x3f000000).
 */
static const ArmMemMapEntry arm_virt_memmap[VIRT_ARM_MEMMAP_COUNT] = {
    /* Two 64 MiB banks: firmware (-bios), then variables. */
    [VIRT_FLASH] =      {          0x0,  0x8000000 },
    [VIRT_GIC_DIST] =   {    0x8000000,    0x10000 },
    [VIRT_GIC_CPU] =    {    0x8010000,    0x10000 },
    /* Room for 123 redistributor frame pairs. */
    [VIRT_GIC_REDIST] = {    0x80a0000,   0xf60000 },
    [VIRT_UART] =       {    0x9000000,     0x1000 },
    [VIRT_RTC] =        {    0x9010000,     0x1000 },
    [VIRT_MMIO] =       {    0xa000000,      0x200 },  /* per transport */
    [VIRT_MEM] =        {   0x40000000,        0x0 },  /* -m */
};

/* SPIs (the DT's interrupts = <0 n flags>; GIC INTID 32 + n). */
enum {
    VIRT_UART_IRQ = 1,
    VIRT_RTC_IRQ = 2,
    VIRT_MMIO_IRQ = 16,         /* 16 to 47 */
    VIRT_MMIO_COUNT = 32,
};

/* PPIs of the generic timer (INTID 16 + n) and the PMU. */
enum {
    VIRT_TIMER_S_EL1_PPI = 13,
    VIRT_TIMER_NS_EL1_PPI = 14,
    VIRT_TIMER_VIRT_PPI = 11,
    VIRT_TIMER_NS_EL2_PPI = 10,
    VIRT_PMU_PPI = 7,
    VIRT_GIC_MAINT_PPI = 9,
};

/* 256 SPIs after the 32 private interrupts. */
#define VIRT_GIC_NUM_IRQ 288
#define VIRT_ARM_MAX_CPUS_GICV2 8
#define VIRT_ARM_MAX_CPUS 123
/* The apb-pclk fixed clock of the PrimeCells. */
#define VIRT_APB_PCLK_HZ 24000000
#define VIRT_PHANDLE_CLK 0x8000
#define VIRT_PHANDLE_GIC 0x8001

/* Each CPU's affinity as QEMU's virt numbers them: clusters of 8
 * (GICv2: its target lists) or 16 CPUs (GICv3). Aff1 << 8 | Aff0. */
uint32_t arm_virt_cpu_affinity(unsigned cpu, int gic_version);

/* What the DT needs to know about the machine. */
typedef struct ArmVirtFdtConfig {
    unsigned nb_cpus;
    const char *cpu_compatible;     /* "arm,cortex-a57" */
    uint64_t ram_size;
    int gic_version;                /* 2 or 3 */
    const char *psci_method;        /* "hvc", "smc", or NULL: no PSCI */
    bool pmu;                       /* the CPUs have a PMUv3 */
    bool flash;                     /* the flash banks are mapped */
} ArmVirtFdtConfig;

/*
 * The board's device tree (with /chosen's stdout-path; the boot code
 * adds bootargs and the initrd): an open blob with free space, g_free.
 */
void *arm_virt_fdt_build(const ArmVirtFdtConfig *cfg, GError **errp);

/* The devices of the board (virt.c), once created. */
typedef struct ArmVirtDevices {
    int gic_version;
    unsigned nb_cpus;
    Device *gic;
    Device *uart;
    Device *rtc;
    Device *virtio[VIRT_MMIO_COUNT];
} ArmVirtDevices;

/*
 * Create the GIC (version 2 or 3, outputs irq_out/fiq_out[cpu]), the
 * PL011 (host side uart, may be NULL), the PL031 and the virtio-mmio
 * transports (DMA through dma_as) in sys at their virt addresses.
 * False + error for an impossible configuration.
 */
bool arm_virt_create_devices(ArmVirtDevices *d, MemoryRegion *sys,
                             AddressSpace *dma_as, unsigned nb_cpus,
                             int gic_version, IRQ **irq_out,
                             IRQ **fiq_out, struct Chardev *uart,
                             GError **errp);
/* The input line of SPI n or of a CPU's PPI, whatever the GIC. */
IRQ *arm_virt_spi(ArmVirtDevices *d, unsigned n);
IRQ *arm_virt_ppi(ArmVirtDevices *d, unsigned cpu, unsigned ppi);

#endif
