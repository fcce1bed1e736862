/* SPDX-License-Identifier: MIT */
/* GICv3 CPU interface: the ICC_* system registers of each CPU. */
#include "arm_gicv3_int.h"

#include <inttypes.h>

#include "vemu/log.h"

enum {
    ICC_CTLR_CBPR = 1 << 0,
    ICC_CTLR_EOIMODE = 1 << 1,
    ICC_CTLR_PMHE = 1 << 6,
    ICC_CTLR_RW = ICC_CTLR_CBPR | ICC_CTLR_EOIMODE | ICC_CTLR_PMHE,
    /* Read-only: PRIbits = 5 - 1, IDbits = 0 (16), no SEIS, no A3V. */
    ICC_CTLR_RO = 4 << 8,

    ICC_SRE_SRE = 1 << 0,       /* system registers only: RAO/WI */
    ICC_SRE_DFB = 1 << 1,
    ICC_SRE_DIB = 1 << 2,
    ICC_SRE_ENABLE = 1 << 3,    /* EL2's: lower ELs may use ICC_SRE */

    GICV3_MIN_BPR0 = 2,         /* 5 priority bits: 3 ignored + 1 */
    GICV3_MIN_BPR1 = 3,
};

unsigned gicv3_cpuif_groups(ARMGICv3 *s, unsigned cpu)
{
    GICv3Cpu *c = &s->cpu[cpu];

    return (c->igrpen0 ? 1 : 0) | (c->igrpen1 ? 2 : 0);
}

/* The preemption level of an interrupt's priority (an AP*R bit). */
static unsigned gicv3_preempt_level(ARMGICv3 *s, unsigned cpu,
                                    GICv3Irq *i)
{
    GICv3Cpu *c = &s->cpu[cpu];
    uint32_t mask;

    if (!i->group1 || (c->icc_ctlr & ICC_CTLR_CBPR)) {
        mask = 0xffu << (c->bpr0 + 1);
    } else {
        mask = 0xffu << c->bpr1;
    }
    return (i->priority & mask & GICV3_PRIO_MASK) >> 3;
}

static uint32_t gicv3_running_prio(ARMGICv3 *s, unsigned cpu)
{
    uint32_t ap = s->cpu[cpu].ap0r | s->cpu[cpu].ap1r;

    if (!ap) {
        return GICV3_PRIO_IDLE;
    }
    return __builtin_ctz(ap) << 3;
}

bool gicv3_cpuif_can_signal(ARMGICv3 *s, unsigned cpu, unsigned irq)
{
    GICv3Irq *i = gicv3_irq(s, cpu, irq);
    uint32_t rp = gicv3_running_prio(s, cpu);

    if ((i->priority & GICV3_PRIO_MASK) >= s->cpu[cpu].pmr) {
        return false;
    }
    return rp == GICV3_PRIO_IDLE ||
           (gicv3_preempt_level(s, cpu, i) << 3) < rp;
}

static uint64_t gicv3_acknowledge(ARMGICv3 *s, unsigned cpu, int group)
{
    GICv3Cpu *c = &s->cpu[cpu];
    unsigned irq = gicv3_best(s, cpu, gicv3_cpuif_groups(s, cpu));
    unsigned level;
    GICv3Irq *i;

    if (irq == GICV3_SPURIOUS || !gicv3_cpuif_can_signal(s, cpu, irq)) {
        return GICV3_SPURIOUS;
    }
    i = gicv3_irq(s, cpu, irq);
    if (i->group1 != group) {
        return GICV3_SPURIOUS;
    }
    i->pending = false;
    i->active = true;
    level = gicv3_preempt_level(s, cpu, i);
    if (group) {
        c->ap1r |= 1u << level;
    } else {
        c->ap0r |= 1u << level;
    }
    gicv3_update(s);
    return irq;
}

static void gicv3_deactivate(ARMGICv3 *s, unsigned cpu, unsigned irq)
{
    GICv3Irq *i;

    if (irq >= s->num_irq) {
        vemu_log_mask(LOG_GUEST_ERROR, "arm_gicv3: CPU %u deactivates "
                      "INTID %u out of range\n", cpu, irq);
        return;
    }
    i = gicv3_irq(s, cpu, irq);
    if (!i->active) {
        vemu_log_mask(LOG_GUEST_ERROR, "arm_gicv3: CPU %u deactivates "
                      "inactive INTID %u\n", cpu, irq);
    }
    i->active = false;
}

static void gicv3_eoi(ARMGICv3 *s, unsigned cpu, uint64_t val)
{
    GICv3Cpu *c = &s->cpu[cpu];
    unsigned irq = val & 0xffffff;
    uint32_t ap = c->ap0r | c->ap1r;
    uint32_t low;

    if (irq >= GICV3_MAX_IRQ && irq <= GICV3_SPURIOUS) {
        return;                 /* special INTIDs: nothing to end */
    }
    if (!ap) {
        vemu_log_mask(LOG_GUEST_ERROR, "arm_gicv3: CPU %u EOI of INTID %u "
                      "with nothing active\n", cpu, irq);
        return;
    }
    /* Priority drop: the highest active priority is done. */
    low = ap & -ap;
    c->ap0r &= ~low;
    c->ap1r &= ~low;
    if (!(c->icc_ctlr & ICC_CTLR_EOIMODE)) {
        gicv3_deactivate(s, cpu, irq);
    }
}

static uint64_t gicv3_hppir(ARMGICv3 *s, unsigned cpu, int group)
{
    unsigned irq = gicv3_best(s, cpu, 3);

    if (irq == GICV3_SPURIOUS || gicv3_irq(s, cpu, irq)->group1 != group) {
        return GICV3_SPURIOUS;
    }
    return irq;
}

/* ICC_SGI0R/SGI1R: an SGI to a target list in one cluster, or to all
 * but the sender (IRM). */
static void gicv3_send_sgi(ARMGICv3 *s, unsigned cpu, uint64_t val,
                           bool group1)
{
    unsigned sgi = (val >> 24) & 0xf;
    uint32_t cluster = ARM_GICV3_AFF((val >> 48) & 0xff, (val >> 32) & 0xff,
                                     (val >> 16) & 0xff, 0);
    unsigned rs = (val >> 44) & 0xf;
    bool irm = (val >> 40) & 1;

    for (unsigned t = 0; t < s->num_cpu; t++) {
        uint32_t aff = s->cpu[t].affinity;
        GICv3Irq *i = &s->cpu[t].priv[sgi];
        unsigned aff0 = aff & 0xff;

        if (irm) {
            if (t == cpu) {
                continue;
            }
        } else if ((aff & ~0xffu) != cluster || aff0 / 16 != rs ||
                   !((val >> (aff0 % 16)) & 1)) {
            continue;
        }
        /* Only if the target has the SGI in the requested group. */
        if (i->group1 == group1) {
            i->pending = true;
        }
    }
}

/*
 * The virtual CPU interface's control registers (EL2), as storage: a
 * hypervisor (KVM at boot) can probe, save and restore them, but the
 * list registers never signal virtual interrupts here.
 */
/* ListRegs - 1, 5 bits of preemption (PREbits) and priority (PRIbits). */
#define ICH_VTR_VALUE ((uint64_t)(GICV3_NUM_LR - 1) | 4ull << 26 | 4ull << 29)

static bool gicv3_ich_access(GICv3Cpu *c, uint32_t reg, uint64_t *val,
                             bool write)
{
    uint64_t *lr = NULL;
    uint32_t *r32 = NULL;
    uint64_t elrsr = 0;

    for (unsigned n = 0; n < GICV3_NUM_LR; n++) {
        if (reg == ICH_LR_EL2(n)) {
            lr = &c->ich_lr[n];
        }
        /* An LR with state 0 (bits 63:62) is free for a new interrupt. */
        if (!(c->ich_lr[n] >> 62)) {
            elrsr |= 1u << n;
        }
    }
    switch (reg) {
    case ICH_HCR_EL2:
        r32 = &c->ich_hcr;
        break;
    case ICH_VMCR_EL2:
        r32 = &c->ich_vmcr;
        break;
    case ICH_AP0R_EL2(0):
        r32 = &c->ich_ap0r;
        break;
    case ICH_AP1R_EL2(0):
        r32 = &c->ich_ap1r;
        break;
    case ICH_AP0R_EL2(1):
    case ICH_AP0R_EL2(2):
    case ICH_AP0R_EL2(3):
    case ICH_AP1R_EL2(1):
    case ICH_AP1R_EL2(2):
    case ICH_AP1R_EL2(3):
        if (!write) {
            *val = 0;
        }
        return true;
    case ICH_VTR_EL2:
    case ICH_MISR_EL2:
    case ICH_EISR_EL2:
    case ICH_ELRSR_EL2:
        if (write) {
            return false;       /* read-only */
        }
        *val = reg == ICH_VTR_EL2 ? ICH_VTR_VALUE
               : reg == ICH_ELRSR_EL2 ? elrsr : 0;
        return true;
    default:
        if (!lr) {
            return false;
        }
        if (write) {
            *lr = *val;
        } else {
            *val = *lr;
        }
        return true;
    }
    if (write) {
        *r32 = *val;
    } else {
        *val = *r32;
    }
    return true;
}

static GICv3Cpu *gicv3_cpuif_get(Device *gic, int cpu, ARMGICv3 **sp)
{
    ARMGICv3 *s = container_of(gic, ARMGICv3, parent);

    *sp = s;
    if (cpu < 0 || (unsigned)cpu >= s->num_cpu) {
        vemu_log_mask(LOG_GUEST_ERROR, "arm_gicv3: no CPU interface %d\n",
                      cpu);
        return NULL;
    }
    return &s->cpu[cpu];
}

bool arm_gicv3_cpuif_read(Device *gic, int cpu, uint32_t reg,
                          uint64_t *val)
{
    ARMGICv3 *s;
    GICv3Cpu *c = gicv3_cpuif_get(gic, cpu, &s);

    if (!c) {
        return false;
    }
    switch (reg) {
    case ICC_PMR_EL1:
        *val = c->pmr;
        return true;
    case ICC_IAR0_EL1:
        *val = gicv3_acknowledge(s, cpu, 0);
        return true;
    case ICC_IAR1_EL1:
        *val = gicv3_acknowledge(s, cpu, 1);
        return true;
    case ICC_HPPIR0_EL1:
        *val = gicv3_hppir(s, cpu, 0);
        return true;
    case ICC_HPPIR1_EL1:
        *val = gicv3_hppir(s, cpu, 1);
        return true;
    case ICC_BPR0_EL1:
        *val = c->bpr0;
        return true;
    case ICC_BPR1_EL1:
        if (c->icc_ctlr & ICC_CTLR_CBPR) {
            *val = c->bpr0 < 7 ? c->bpr0 + 1 : 7;
        } else {
            *val = c->bpr1;
        }
        return true;
    case ICC_AP0R_EL1(0):
        *val = c->ap0r;
        return true;
    case ICC_AP1R_EL1(0):
        *val = c->ap1r;
        return true;
    case ICC_AP0R_EL1(1):
    case ICC_AP0R_EL1(2):
    case ICC_AP0R_EL1(3):
    case ICC_AP1R_EL1(1):
    case ICC_AP1R_EL1(2):
    case ICC_AP1R_EL1(3):
        *val = 0;               /* 32 preemption levels fit in AP*R0 */
        return true;
    case ICC_RPR_EL1:
        *val = gicv3_running_prio(s, cpu);
        return true;
    case ICC_CTLR_EL1:
        *val = c->icc_ctlr | ICC_CTLR_RO;
        return true;
    case ICC_SRE_EL1:
        *val = ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB;
        return true;
    case ICC_SRE_EL2:
        *val = ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB | ICC_SRE_ENABLE;
        return true;
    case ICC_IGRPEN0_EL1:
        *val = c->igrpen0;
        return true;
    case ICC_IGRPEN1_EL1:
        *val = c->igrpen1;
        return true;
    default:
        /* Write-only (EOIR, DIR, SGI*R) or not a GIC register. */
        return gicv3_ich_access(c, reg, val, false);
    }
}

bool arm_gicv3_cpuif_write(Device *gic, int cpu, uint32_t reg,
                           uint64_t val)
{
    ARMGICv3 *s;
    GICv3Cpu *c = gicv3_cpuif_get(gic, cpu, &s);

    if (!c) {
        return false;
    }
    switch (reg) {
    case ICC_PMR_EL1:
        c->pmr = val & GICV3_PRIO_MASK;
        break;
    case ICC_EOIR0_EL1:
    case ICC_EOIR1_EL1:
        gicv3_eoi(s, cpu, val);
        break;
    case ICC_DIR_EL1:
        if (!(c->icc_ctlr & ICC_CTLR_EOIMODE)) {
            vemu_log_mask(LOG_GUEST_ERROR,
                          "arm_gicv3: ICC_DIR_EL1 write with EOImode 0\n");
        }
        if ((val & 0xffffff) < GICV3_MAX_IRQ) {
            gicv3_deactivate(s, cpu, val & 0xffffff);
        }
        break;
    case ICC_BPR0_EL1:
        c->bpr0 = (val & 7) < GICV3_MIN_BPR0 ? GICV3_MIN_BPR0 : val & 7;
        break;
    case ICC_BPR1_EL1:
        if (!(c->icc_ctlr & ICC_CTLR_CBPR)) {
            c->bpr1 = (val & 7) < GICV3_MIN_BPR1 ? GICV3_MIN_BPR1 : val & 7;
        }
        break;
    case ICC_AP0R_EL1(0):
        c->ap0r = val;
        break;
    case ICC_AP1R_EL1(0):
        c->ap1r = val;
        break;
    case ICC_AP0R_EL1(1):
    case ICC_AP0R_EL1(2):
    case ICC_AP0R_EL1(3):
    case ICC_AP1R_EL1(1):
    case ICC_AP1R_EL1(2):
    case ICC_AP1R_EL1(3):
        break;
    case ICC_SGI0R_EL1:
        gicv3_send_sgi(s, cpu, val, false);
        break;
    case ICC_SGI1R_EL1:
    case ICC_ASGI1R_EL1:
        gicv3_send_sgi(s, cpu, val, true);
        break;
    case ICC_CTLR_EL1:
        c->icc_ctlr = val & ICC_CTLR_RW;
        break;
    case ICC_SRE_EL1:
    case ICC_SRE_EL2:
        break;                  /* the system registers are always on */
    case ICC_IGRPEN0_EL1:
        c->igrpen0 = val & 1;
        break;
    case ICC_IGRPEN1_EL1:
        c->igrpen1 = val & 1;
        break;
    default:
        /* Read-only (IAR, HPPIR, RPR) or not a GIC register. */
        return gicv3_ich_access(c, reg, &val, true);
    }
    gicv3_update(s);
    return true;
}
