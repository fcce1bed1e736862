/* SPDX-License-Identifier: MIT */
/*
 * The RISC-V virt board's datasheet: memory map, interrupt numbers and
 * device tree parameters, the same as QEMU 7.2's so that firmware and
 * kernels built for QEMU run unmodified. virt.c creates the devices from
 * this table, virt-fdt.c describes them to the guest from it.
 */
#ifndef HW_RISCV_VIRT_H
#define HW_RISCV_VIRT_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"

typedef struct MemMapEntry {
    hwaddr base;
    uint64_t size;
} MemMapEntry;

enum {
    VIRT_DEBUG,
    VIRT_MROM,
    VIRT_TEST,
    VIRT_RTC,
    VIRT_CLINT,
    VIRT_ACLINT_SSWI,
    VIRT_PLIC,
    VIRT_UART0,
    VIRT_VIRTIO,
    VIRT_DRAM,
    VIRT_MEMMAP_COUNT,
};

/*
 * Not implemented, so absent from the table (and the DT): PCIe (PIO at
 * 0x3000000, ECAM at 0x30000000, MMIO at 0x40000000), fw_cfg at
 * 0x10100000, the platform bus at 0x4000000, flash at 0x20000000.
 */
static const MemMapEntry virt_memmap[VIRT_MEMMAP_COUNT] = {
    [VIRT_DEBUG] =       {        0x0,       0x100 },
    [VIRT_MROM] =        {     0x1000,      0xf000 },
    [VIRT_TEST] =        {   0x100000,      0x1000 },
    [VIRT_RTC] =         {   0x101000,      0x1000 },
    [VIRT_CLINT] =       {  0x2000000,     0x10000 },
    [VIRT_ACLINT_SSWI] = {  0x2f00000,      0x4000 },
    /* QEMU's size: PLIC contexts for its 512 harts (the DT says so). */
    [VIRT_PLIC] =        {  0xc000000,    0x600000 },
    [VIRT_UART0] =       { 0x10000000,       0x100 },
    [VIRT_VIRTIO] =      { 0x10001000,      0x1000 },   /* per slot */
    [VIRT_DRAM] =        { 0x80000000,         0x0 },   /* -m */
};

/* PLIC sources. */
enum {
    VIRT_UART0_IRQ = 10,
    VIRT_RTC_IRQ = 11,
    VIRT_VIRTIO_IRQ = 1,        /* 1 to 8 */
    VIRT_VIRTIO_COUNT = 8,
};

#define VIRT_MAX_HARTS 8
#define VIRT_TIMEBASE_FREQ 10000000
#define VIRT_UART_CLOCK 3686400
/* QEMU 7.2's VIRT_IRQCHIP_NUM_SOURCES (its DT's riscv,ndev) and 3 bits
 * of priority. */
#define VIRT_PLIC_NUM_SOURCES 96
#define VIRT_PLIC_NUM_PRIORITIES 7

/* What the DT needs to know about the machine. */
typedef struct VirtFdtConfig {
    unsigned nb_harts;
    const char *const *isa;         /* per hart: "rv64imafdc_..." */
    const char *const *mmu_type;    /* per hart: "riscv,sv48"; NULL: none */
    uint64_t ram_size;
    bool aclint;                    /* ACLINT nodes instead of a CLINT */
} VirtFdtConfig;

/*
 * The board's device tree (with /chosen's stdout-path; the boot code adds
 * bootargs and the initrd): an open blob with free space, g_free.
 */
void *virt_fdt_build(const VirtFdtConfig *cfg, GError **errp);

#endif
