/* SPDX-License-Identifier: MIT */
/*
 * ARM Generic Interrupt Controller v3 (hw/intc/arm_gicv3*.c): the
 * distributor, one redistributor per CPU and the CPU interface as
 * system registers, in a single security state (GICD_CTLR.DS = 1) with
 * affinity routing always on and no LPIs/ITS -- what QEMU's virt board
 * gives Linux with gic-version=3.
 *
 * INTIDs 0-15 are SGIs, 16-31 PPIs (in each CPU's redistributor), 32 and
 * up SPIs (in the distributor, routed by GICD_IROUTER<n>). Group 0
 * interrupts are FIQs, group 1 IRQs.
 */
#ifndef VEMU_HW_ARM_GICV3_H
#define VEMU_HW_ARM_GICV3_H

#include <stdbool.h>
#include <stdint.h>

#include "vemu/device.h"
#include "vemu/memory.h"

#define ARM_GICV3_MAX_CPUS 64
#define ARM_GICV3_DIST_SIZE 0x10000
/* RD_base and SGI_base: two 64 KiB frames per CPU. */
#define ARM_GICV3_REDIST_STRIDE 0x20000
#define ARM_GICV3_REDIST_SIZE(cpus) ((hwaddr)(cpus) * ARM_GICV3_REDIST_STRIDE)

/*
 * A system register as the CPU interface functions take it: the fields
 * of MRS/MSR's bits [20:5], i.e. (insn >> 5) & 0xffff of the instruction.
 */
#define ARM_SYSREG_ENC(op0, op1, crn, crm, op2) \
    ((uint32_t)(op0) << 14 | (uint32_t)(op1) << 11 | (uint32_t)(crn) << 7 | \
     (uint32_t)(crm) << 3 | (uint32_t)(op2))

#define ICC_PMR_EL1 ARM_SYSREG_ENC(3, 0, 4, 6, 0)
#define ICC_IAR0_EL1 ARM_SYSREG_ENC(3, 0, 12, 8, 0)
#define ICC_EOIR0_EL1 ARM_SYSREG_ENC(3, 0, 12, 8, 1)
#define ICC_HPPIR0_EL1 ARM_SYSREG_ENC(3, 0, 12, 8, 2)
#define ICC_BPR0_EL1 ARM_SYSREG_ENC(3, 0, 12, 8, 3)
#define ICC_AP0R_EL1(n) ARM_SYSREG_ENC(3, 0, 12, 8, 4 + (n))
#define ICC_AP1R_EL1(n) ARM_SYSREG_ENC(3, 0, 12, 9, (n))
#define ICC_DIR_EL1 ARM_SYSREG_ENC(3, 0, 12, 11, 1)
#define ICC_RPR_EL1 ARM_SYSREG_ENC(3, 0, 12, 11, 3)
#define ICC_SGI1R_EL1 ARM_SYSREG_ENC(3, 0, 12, 11, 5)
#define ICC_ASGI1R_EL1 ARM_SYSREG_ENC(3, 0, 12, 11, 6)
#define ICC_SGI0R_EL1 ARM_SYSREG_ENC(3, 0, 12, 11, 7)
#define ICC_IAR1_EL1 ARM_SYSREG_ENC(3, 0, 12, 12, 0)
#define ICC_EOIR1_EL1 ARM_SYSREG_ENC(3, 0, 12, 12, 1)
#define ICC_HPPIR1_EL1 ARM_SYSREG_ENC(3, 0, 12, 12, 2)
#define ICC_BPR1_EL1 ARM_SYSREG_ENC(3, 0, 12, 12, 3)
#define ICC_CTLR_EL1 ARM_SYSREG_ENC(3, 0, 12, 12, 4)
#define ICC_SRE_EL1 ARM_SYSREG_ENC(3, 0, 12, 12, 5)
#define ICC_IGRPEN0_EL1 ARM_SYSREG_ENC(3, 0, 12, 12, 6)
#define ICC_IGRPEN1_EL1 ARM_SYSREG_ENC(3, 0, 12, 12, 7)
#define ICC_SRE_EL2 ARM_SYSREG_ENC(3, 4, 12, 9, 5)
/* The hypervisor's view (EL2): registers only, see arm_gicv3_cpuif.c. */
#define ICH_AP0R_EL2(n) ARM_SYSREG_ENC(3, 4, 12, 8, (n))
#define ICH_AP1R_EL2(n) ARM_SYSREG_ENC(3, 4, 12, 9, (n))
#define ICH_HCR_EL2 ARM_SYSREG_ENC(3, 4, 12, 11, 0)
#define ICH_VTR_EL2 ARM_SYSREG_ENC(3, 4, 12, 11, 1)
#define ICH_MISR_EL2 ARM_SYSREG_ENC(3, 4, 12, 11, 2)
#define ICH_EISR_EL2 ARM_SYSREG_ENC(3, 4, 12, 11, 3)
#define ICH_ELRSR_EL2 ARM_SYSREG_ENC(3, 4, 12, 11, 5)
#define ICH_VMCR_EL2 ARM_SYSREG_ENC(3, 4, 12, 11, 7)
#define ICH_LR_EL2(n) \
    ARM_SYSREG_ENC(3, 4, 12, 12 + (n) / 8, (n) % 8)

/* A CPU's affinity as GICR_TYPER[63:32] and IROUTER hold it:
 * Aff3 << 24 | Aff2 << 16 | Aff1 << 8 | Aff0. */
#define ARM_GICV3_AFF(aff3, aff2, aff1, aff0) \
    ((uint32_t)(aff3) << 24 | (uint32_t)(aff2) << 16 | \
     (uint32_t)(aff1) << 8 | (uint32_t)(aff0))

/*
 * Map a GICv3 for num_cpu CPUs with num_irq INTIDs in all (a multiple of
 * 32, 64..1020; QEMU virt: 288): the distributor at dist_base, the
 * redistributors from redist_base (ARM_GICV3_REDIST_SIZE(num_cpu)).
 * affinity[cpu] is each CPU's affinity (ARM_GICV3_AFF; NULL: Aff1 =
 * cpu / 16, Aff0 = cpu % 16, as QEMU virt numbers them). irq_out[cpu]
 * and fiq_out[cpu] are the CPUs' request lines (entries may be NULL).
 */
Device *arm_gicv3_create(MemoryRegion *parent, hwaddr dist_base,
                         hwaddr redist_base, unsigned num_cpu,
                         unsigned num_irq, const uint32_t *affinity,
                         IRQ **irq_out, IRQ **fiq_out);
/* The input line of SPI n (INTID 32 + n). */
IRQ *arm_gicv3_spi_irq(Device *gic, unsigned n);
/* The input line of PPI ppi (0..15: INTID 16 + ppi) of one CPU. */
IRQ *arm_gicv3_ppi_irq(Device *gic, unsigned cpu, unsigned ppi);

/*
 * The CPU interface: MRS/MSR of an ICC_* register (encoding as
 * ARM_SYSREG_ENC) by the given CPU. False if the register does not
 * exist or cannot be accessed in that direction (the CPU makes that an
 * UNDEFINED instruction); reads of IAR acknowledge, writes of EOIR end.
 * Call with the BQL held.
 */
bool arm_gicv3_cpuif_read(Device *gic, int cpu, uint32_t sysreg_encoding,
                          uint64_t *val);
bool arm_gicv3_cpuif_write(Device *gic, int cpu, uint32_t sysreg_encoding,
                           uint64_t val);

#endif
