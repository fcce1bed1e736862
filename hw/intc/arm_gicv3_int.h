/* SPDX-License-Identifier: MIT */
/* GICv3 state shared by the distributor, redistributor and CPU interface. */
#ifndef HW_INTC_ARM_GICV3_INT_H
#define HW_INTC_ARM_GICV3_INT_H

#include "vemu/hw/arm-gicv3.h"

#define GICV3_INTERNAL 32
#define GICV3_MAX_IRQ 1020
#define GICV3_SPURIOUS 1023
/* Five priority bits: what ICC_CTLR_EL1.PRIbits says (and QEMU has). */
#define GICV3_PRIO_MASK 0xf8
#define GICV3_PRIO_IDLE 0xff
/* List registers of the (storage-only) virtual CPU interface. */
#define GICV3_NUM_LR 4

/* One interrupt (SGIs and PPIs: one per CPU). */
typedef struct GICv3Irq {
    uint8_t priority;
    bool enabled;
    bool pending;               /* latched: edges, ISPENDR, SGIs */
    bool active;
    bool level;                 /* the input line */
    bool group1;
    bool grpmod;                /* IGRPMODR: kept, no effect with DS=1 */
    bool edge;                  /* ICFGR: edge-triggered */
    /* SPIs: GICD_IROUTER and the CPU it names (-1: none). */
    uint64_t irouter;
    int target;
} GICv3Irq;

typedef struct GICv3Cpu {
    GICv3Irq priv[GICV3_INTERNAL];
    uint32_t affinity;          /* ARM_GICV3_AFF */
    uint32_t waker;             /* GICR_WAKER: ProcessorSleep */
    /* ICC_* */
    uint32_t icc_ctlr;          /* CBPR, EOImode, PMHE */
    uint32_t pmr;
    uint32_t bpr0;
    uint32_t bpr1;
    bool igrpen0;
    bool igrpen1;
    /* Active priorities by preemption level (priority >> 3). */
    uint32_t ap0r;
    uint32_t ap1r;
    /* ICH_* (EL2): kept for a hypervisor to save and restore; no
     * virtual interrupt is delivered from them. */
    uint32_t ich_hcr;
    uint32_t ich_vmcr;
    uint32_t ich_ap0r;
    uint32_t ich_ap1r;
    uint64_t ich_lr[GICV3_NUM_LR];
    IRQ *irq_out;
    IRQ *fiq_out;
    int8_t irq_level;           /* sent; -1 unknown */
    int8_t fiq_level;
    IRQ **ppi_in;               /* [16] */
} GICv3Cpu;

typedef struct ARMGICv3 {
    Device parent;
    MemoryRegion dist_mmio;
    MemoryRegion redist_mmio;
    uint32_t num_cpu;
    uint32_t num_irq;
    uint32_t ctlr;              /* GICD_CTLR: EnableGrp0/1 */
    GICv3Cpu *cpu;              /* [num_cpu] */
    GICv3Irq *spi;              /* [num_irq - 32] */
    IRQ **spi_in;
} ARMGICv3;

static inline GICv3Irq *gicv3_irq(ARMGICv3 *s, unsigned cpu, unsigned irq)
{
    if (irq < GICV3_INTERNAL) {
        return &s->cpu[cpu].priv[irq];
    }
    return &s->spi[irq - GICV3_INTERNAL];
}

static inline bool gicv3_pending(const GICv3Irq *i)
{
    return i->pending || (!i->edge && i->level);
}

/* Recompute every CPU's IRQ and FIQ lines (arm_gicv3.c). */
void gicv3_update(ARMGICv3 *s);
/* The CPU an IROUTER value names, or -1. */
int gicv3_route(ARMGICv3 *s, uint64_t irouter);
/* The highest-priority pending, enabled, inactive interrupt of a CPU
 * among the groups in grpmask (bit 0: group 0, bit 1: group 1) that the
 * distributor enables; lowest INTID on ties; 1023 if none. */
unsigned gicv3_best(ARMGICv3 *s, unsigned cpu, unsigned grpmask);

/* CPU interface (arm_gicv3_cpuif.c): the groups the CPU interface has
 * enabled (a grpmask), and whether a pending interrupt beats the
 * priority mask and the running priority. */
unsigned gicv3_cpuif_groups(ARMGICv3 *s, unsigned cpu);
bool gicv3_cpuif_can_signal(ARMGICv3 *s, unsigned cpu, unsigned irq);

/* Registers shared by GICD (INTIDs 32+) and GICR SGI_base (0-31), read
 * and written a byte at a time (arm_gicv3_dist.c): INTIDs outside
 * [lo, hi) are RAZ/WI; cpu is the bank of private INTIDs. False if addr
 * is not in one of these register blocks. */
bool gicv3_irq_reg_readb(ARMGICv3 *s, unsigned cpu, hwaddr addr,
                         unsigned lo, unsigned hi, uint8_t *val);
bool gicv3_irq_reg_writeb(ARMGICv3 *s, unsigned cpu, hwaddr addr,
                          unsigned lo, unsigned hi, uint8_t val);

extern const MemoryRegionOps gicv3_dist_ops;
extern const MemoryRegionOps gicv3_redist_ops;

/* ID registers from 0xffd0 (PIDR4..7, PIDR0..3, CIDR0..3). */
uint8_t gicv3_id_byte(hwaddr off, bool redist);

#endif
