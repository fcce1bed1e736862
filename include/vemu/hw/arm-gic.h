/* SPDX-License-Identifier: MIT */
/*
 * ARM Generic Interrupt Controller v2 (hw/intc/arm_gic.c): a distributor
 * and the memory-mapped CPU interface, without the Security Extensions
 * (as QEMU's virt board has it with gic-version=2).
 *
 * INTIDs 0-15 are SGIs, 16-31 PPIs (both banked per CPU), 32 and up
 * SPIs. The distributor and the CPU interface are banked by the CPU
 * making the access: current_cpu's cpu_index (CPU 0 without one).
 */
#ifndef VEMU_HW_ARM_GIC_H
#define VEMU_HW_ARM_GIC_H

#include "vemu/device.h"
#include "vemu/memory.h"

#define ARM_GIC_MAX_CPUS 8
#define ARM_GIC_INTERNAL 32         /* SGIs + PPIs */
#define ARM_GIC_MAX_IRQ 1020        /* INTIDs 1020-1023 are special */
#define ARM_GIC_SPURIOUS 1023
/* GICC_IAR/HPPIR: the pending interrupt is group 1 (take it by AIAR). */
#define ARM_GIC_GROUP1_PENDING 1022
#define ARM_GIC_DIST_SIZE 0x1000
#define ARM_GIC_CPU_SIZE 0x2000     /* GICC_DIR lives at 0x1000 */

/*
 * Map a GICv2 for num_cpu CPUs (1..8) with num_irq INTIDs in all (a
 * multiple of 32, 64..1020 -- QEMU virt: 288): the distributor at
 * dist_base and the CPU interface at cpu_base (either may be
 * (hwaddr)-1 to leave it unmapped). irq_out[cpu] and fiq_out[cpu] are
 * the CPUs' interrupt request lines (entries may be NULL).
 */
Device *arm_gic_create(MemoryRegion *parent, hwaddr dist_base,
                       hwaddr cpu_base, unsigned num_cpu, unsigned num_irq,
                       IRQ **irq_out, IRQ **fiq_out);
/* The input line of SPI n (INTID 32 + n): level or edge per GICD_ICFGR. */
IRQ *arm_gic_spi_irq(Device *gic, unsigned n);
/* The input line of PPI ppi (0..15: INTID 16 + ppi) of one CPU. */
IRQ *arm_gic_ppi_irq(Device *gic, unsigned cpu, unsigned ppi);

#endif
