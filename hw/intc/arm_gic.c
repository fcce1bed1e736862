/* SPDX-License-Identifier: MIT */
/* ARM GICv2: distributor, memory-mapped CPU interface, SGIs, preemption. */
#include "vemu/hw/arm-gic.h"

#include <inttypes.h>
#include <string.h>

#include "vemu/cpu.h"
#include "vemu/log.h"

/* Distributor registers (GICD_*). */
enum GICDistReg {
    GICD_CTLR = 0x000,
    GICD_TYPER = 0x004,
    GICD_IIDR = 0x008,
    GICD_IGROUPR = 0x080,
    GICD_ISENABLER = 0x100,
    GICD_ICENABLER = 0x180,
    GICD_ISPENDR = 0x200,
    GICD_ICPENDR = 0x280,
    GICD_ISACTIVER = 0x300,
    GICD_ICACTIVER = 0x380,
    GICD_IPRIORITYR = 0x400,
    GICD_ITARGETSR = 0x800,
    GICD_ICFGR = 0xc00,
    GICD_SGIR = 0xf00,
    GICD_CPENDSGIR = 0xf10,
    GICD_SPENDSGIR = 0xf20,
    GICD_ID_BASE = 0xfd0,       /* PIDR4..7, PIDR0..3, CIDR0..3 */
};

/* CPU interface registers (GICC_*). */
enum GICCpuReg {
    GICC_CTLR = 0x00,
    GICC_PMR = 0x04,
    GICC_BPR = 0x08,
    GICC_IAR = 0x0c,
    GICC_EOIR = 0x10,
    GICC_RPR = 0x14,
    GICC_HPPIR = 0x18,
    GICC_ABPR = 0x1c,
    GICC_AIAR = 0x20,
    GICC_AEOIR = 0x24,
    GICC_AHPPIR = 0x28,
    GICC_APR0 = 0xd0,           /* 4 words of active priorities */
    GICC_NSAPR0 = 0xe0,
    GICC_IIDR = 0xfc,
    GICC_DIR = 0x1000,
};

enum {
    CTLR_GRP0 = 1 << 0,         /* GICD_CTLR and GICC_CTLR */
    CTLR_GRP1 = 1 << 1,
    GICC_CTLR_ACKCTL = 1 << 2,
    GICC_CTLR_FIQEN = 1 << 3,
    GICC_CTLR_CBPR = 1 << 4,
    GICC_CTLR_EOIMODE = 1 << 9,
    GICC_CTLR_MASK = 0x21f,
};

/* ID registers from 0xfd0: an ARM GICv2 (PIDR2 ArchRev 2). */
static const uint8_t gic_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00,
    0x0d, 0xf0, 0x05, 0xb1,
};

/* The state of one interrupt (SGIs and PPIs: one per CPU). */
typedef struct GICIrq {
    uint8_t priority;
    uint8_t target;             /* SPIs: ITARGETSR CPU mask */
    bool enabled;
    bool pending;               /* latched: edge, ISPENDR (not SGIs) */
    bool active;
    bool level;                 /* the input line */
    bool group1;
    bool edge;                  /* ICFGR: edge-triggered */
} GICIrq;

typedef struct GICCpu {
    GICIrq priv[ARM_GIC_INTERNAL];
    uint8_t sgi_sources[16];    /* pending SGIs: a bit per source CPU */
    uint8_t sgi_active_src[16]; /* the source whose SGI was acked */
    uint32_t ctlr;
    uint32_t pmr;
    uint32_t bpr;
    uint32_t abpr;
    /* Active priorities: bit n = group priority 2n is active. */
    uint64_t apr[2];
    IRQ *irq_out;
    IRQ *fiq_out;
    int8_t irq_level;           /* level sent; -1: unknown */
    int8_t fiq_level;
    IRQ **ppi_in;               /* [16] */
} GICCpu;

typedef struct ARMGIC {
    Device parent;
    MemoryRegion dist_mmio;
    MemoryRegion cpu_mmio;
    uint32_t num_cpu;
    uint32_t num_irq;
    uint32_t ctlr;
    GICCpu cpu[ARM_GIC_MAX_CPUS];
    GICIrq *spi;                /* [num_irq - 32] */
    IRQ **spi_in;
} ARMGIC;

/* The CPU making the current access (banked registers). */
static unsigned gic_cur_cpu(ARMGIC *s)
{
    if (current_cpu && current_cpu->cpu_index >= 0 &&
        (unsigned)current_cpu->cpu_index < s->num_cpu) {
        return current_cpu->cpu_index;
    }
    return 0;
}

static GICIrq *gic_irq(ARMGIC *s, unsigned cpu, unsigned irq)
{
    if (irq < ARM_GIC_INTERNAL) {
        return &s->cpu[cpu].priv[irq];
    }
    return &s->spi[irq - ARM_GIC_INTERNAL];
}

static bool gic_pending(ARMGIC *s, unsigned cpu, unsigned irq)
{
    GICIrq *i = gic_irq(s, cpu, irq);

    if (irq < 16) {
        return s->cpu[cpu].sgi_sources[irq] != 0;
    }
    return i->pending || (!i->edge && i->level);
}

/* Preemption level of a priority under the CPU's binary point. */
static uint32_t gic_group_prio(ARMGIC *s, unsigned cpu, GICIrq *i)
{
    GICCpu *c = &s->cpu[cpu];
    uint32_t bpr = c->bpr;

    if (i->group1 && !(c->ctlr & GICC_CTLR_CBPR)) {
        /* ABPR is one less than the equivalent BPR. */
        bpr = c->abpr ? c->abpr - 1 : 0;
    }
    return i->priority & (0xffu << (bpr + 1)) & 0xff;
}

static uint32_t gic_running_prio(ARMGIC *s, unsigned cpu)
{
    GICCpu *c = &s->cpu[cpu];

    if (c->apr[0]) {
        return __builtin_ctzll(c->apr[0]) << 1;
    }
    if (c->apr[1]) {
        return (64 + __builtin_ctzll(c->apr[1])) << 1;
    }
    return 0x100;               /* idle: anything preempts */
}

/*
 * The highest-priority interrupt pending for a CPU among those enabled
 * in the distributor and not active (lowest INTID wins ties); group: -1
 * any, else only that group. 1023 if none.
 */
static unsigned gic_best(ARMGIC *s, unsigned cpu, int group)
{
    unsigned best = ARM_GIC_SPURIOUS;
    unsigned best_prio = 0x100;

    for (unsigned irq = 0; irq < s->num_irq; irq++) {
        GICIrq *i = gic_irq(s, cpu, irq);

        if (!i->enabled || i->active || i->priority >= best_prio) {
            continue;
        }
        if (irq >= ARM_GIC_INTERNAL && !(i->target & (1u << cpu))) {
            continue;
        }
        if (!(s->ctlr & (i->group1 ? CTLR_GRP1 : CTLR_GRP0)) ||
            (group >= 0 && i->group1 != group)) {
            continue;
        }
        if (gic_pending(s, cpu, irq)) {
            best = irq;
            best_prio = i->priority;
        }
    }
    return best;
}

/* Whether a pending interrupt may interrupt the CPU now. */
static bool gic_can_signal(ARMGIC *s, unsigned cpu, unsigned irq)
{
    GICCpu *c = &s->cpu[cpu];
    GICIrq *i;

    if (irq >= ARM_GIC_MAX_IRQ) {
        return false;
    }
    i = gic_irq(s, cpu, irq);
    return (c->ctlr & (i->group1 ? CTLR_GRP1 : CTLR_GRP0)) &&
           i->priority < c->pmr &&
           gic_group_prio(s, cpu, i) < gic_running_prio(s, cpu);
}

static void gic_set_line(IRQ *line, int8_t *cur, int level)
{
    if (*cur != level) {
        *cur = level;
        irq_set(line, level);
    }
}

static void gic_update(ARMGIC *s)
{
    for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
        GICCpu *c = &s->cpu[cpu];
        unsigned irq = gic_best(s, cpu, -1);
        bool irq_level = false;
        bool fiq_level = false;

        if (irq != ARM_GIC_SPURIOUS && gic_can_signal(s, cpu, irq)) {
            /* Group 0 is an FIQ when the CPU interface asks for it. */
            if (!gic_irq(s, cpu, irq)->group1 &&
                (c->ctlr & GICC_CTLR_FIQEN)) {
                fiq_level = true;
            } else {
                irq_level = true;
            }
        }
        gic_set_line(c->irq_out, &c->irq_level, irq_level);
        gic_set_line(c->fiq_out, &c->fiq_level, fiq_level);
    }
}

/* ---- input lines ------------------------------------------------------ */

static void gic_set_input(ARMGIC *s, unsigned cpu, unsigned irq, int level)
{
    GICIrq *i = gic_irq(s, cpu, irq);

    if (i->edge && level && !i->level) {
        i->pending = true;
    }
    i->level = level != 0;
    gic_update(s);
}

static void gic_spi_handler(void *opaque, int n, int level)
{
    gic_set_input(opaque, 0, ARM_GIC_INTERNAL + n, level);
}

typedef struct GICPPIRef {
    ARMGIC *gic;
    unsigned cpu;
} GICPPIRef;

static void gic_ppi_handler(void *opaque, int n, int level)
{
    GICPPIRef *ref = opaque;

    gic_set_input(ref->gic, ref->cpu, 16 + n, level);
}

/* ---- acknowledge and end of interrupt ------------------------------- */

static uint32_t gic_acknowledge(ARMGIC *s, unsigned cpu, int group)
{
    GICCpu *c = &s->cpu[cpu];
    unsigned irq = gic_best(s, cpu, group);
    uint32_t src = 0;
    uint32_t gprio;
    GICIrq *i;

    if (irq == ARM_GIC_SPURIOUS || !gic_can_signal(s, cpu, irq)) {
        return ARM_GIC_SPURIOUS;
    }
    i = gic_irq(s, cpu, irq);
    /* GICC_IAR leaves group 1 to GICC_AIAR unless AckCtl is set. */
    if (group < 0 && i->group1 && !(c->ctlr & GICC_CTLR_ACKCTL)) {
        return ARM_GIC_GROUP1_PENDING;
    }
    if (irq < 16) {
        /* One source at a time: the others stay pending. */
        src = __builtin_ctz(c->sgi_sources[irq]);
        c->sgi_sources[irq] &= ~(1u << src);
        c->sgi_active_src[irq] = src;
    } else {
        i->pending = false;
    }
    i->active = true;
    gprio = gic_group_prio(s, cpu, i) >> 1;
    c->apr[gprio / 64] |= 1ull << (gprio % 64);
    gic_update(s);
    return irq | src << 10;
}

static void gic_deactivate(ARMGIC *s, unsigned cpu, unsigned irq)
{
    GICIrq *i;

    if (irq >= s->num_irq) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "arm_gic: deactivating INTID %u out of range\n", irq);
        return;
    }
    i = gic_irq(s, cpu, irq);
    if (!i->active) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "arm_gic: deactivating inactive INTID %u\n", irq);
    }
    i->active = false;
}

static void gic_eoi(ARMGIC *s, unsigned cpu, uint32_t val)
{
    GICCpu *c = &s->cpu[cpu];
    unsigned irq = val & 0x3ff;

    if (irq >= ARM_GIC_MAX_IRQ) {
        return;                 /* special INTIDs: nothing to end */
    }
    /* Priority drop: the highest active priority is done. */
    if (c->apr[0]) {
        c->apr[0] &= c->apr[0] - 1;
    } else if (c->apr[1]) {
        c->apr[1] &= c->apr[1] - 1;
    } else {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "arm_gic: EOI of INTID %u with nothing active\n", irq);
        return;
    }
    if (!(c->ctlr & GICC_CTLR_EOIMODE)) {
        gic_deactivate(s, cpu, irq);
    }
    gic_update(s);
}

/* ---- distributor ------------------------------------------------------ */

/* Bitmap registers: one bit per INTID, 32 INTIDs per word. */
static uint8_t gic_bits_read(ARMGIC *s, unsigned cpu, unsigned first,
                             unsigned reg)
{
    uint8_t v = 0;

    for (unsigned b = 0; b < 8; b++) {
        unsigned irq = first + b;
        GICIrq *i;
        bool bit;

        if (irq >= s->num_irq) {
            break;
        }
        i = gic_irq(s, cpu, irq);
        switch (reg) {
        case GICD_IGROUPR:
            bit = i->group1;
            break;
        case GICD_ISENABLER:
        case GICD_ICENABLER:
            bit = i->enabled;
            break;
        case GICD_ISPENDR:
        case GICD_ICPENDR:
            bit = gic_pending(s, cpu, irq);
            break;
        default:
            bit = i->active;
            break;
        }
        v |= bit << b;
    }
    return v;
}

static void gic_bits_write(ARMGIC *s, unsigned cpu, unsigned first,
                           unsigned reg, uint8_t v)
{
    for (unsigned b = 0; b < 8; b++) {
        unsigned irq = first + b;
        bool bit = (v >> b) & 1;
        GICIrq *i;

        if (irq >= s->num_irq) {
            break;
        }
        i = gic_irq(s, cpu, irq);
        if (reg == GICD_IGROUPR) {
            i->group1 = bit;
            continue;
        }
        if (!bit) {
            continue;
        }
        switch (reg) {
        case GICD_ISENABLER:
            i->enabled = true;
            break;
        case GICD_ICENABLER:
            i->enabled = false;
            break;
        case GICD_ISPENDR:
            /* SGIs are made pending through GICD_SPENDSGIR only. */
            if (irq >= 16) {
                i->pending = true;
            }
            break;
        case GICD_ICPENDR:
            if (irq >= 16) {
                i->pending = false;
            }
            break;
        case GICD_ISACTIVER:
            i->active = true;
            break;
        case GICD_ICACTIVER:
            i->active = false;
            break;
        }
    }
}

static uint8_t gic_dist_readb(ARMGIC *s, unsigned cpu, hwaddr addr)
{
    unsigned irq;

    if (addr < 0x0c) {
        uint32_t w;

        if (addr < GICD_TYPER) {
            w = s->ctlr;
        } else if (addr < GICD_IIDR) {
            w = (s->num_irq / 32 - 1) | (s->num_cpu - 1) << 5;
        } else {
            w = 0x0000043b;     /* ARM; no product that has errata */
        }
        return w >> (8 * (addr & 3));
    }
    if (addr >= GICD_IGROUPR && addr < GICD_IPRIORITYR) {
        unsigned reg = addr & ~0x7f;

        return gic_bits_read(s, cpu, (addr & 0x7f) * 8, reg);
    }
    if (addr >= GICD_IPRIORITYR && addr < GICD_IPRIORITYR + 0x3fc) {
        irq = addr - GICD_IPRIORITYR;
        return irq < s->num_irq ? gic_irq(s, cpu, irq)->priority : 0;
    }
    if (addr >= GICD_ITARGETSR && addr < GICD_ITARGETSR + 0x3fc) {
        irq = addr - GICD_ITARGETSR;
        if (irq < ARM_GIC_INTERNAL) {
            /* Private interrupts target the CPU reading them. */
            return 1u << cpu;
        }
        return irq < s->num_irq ? gic_irq(s, cpu, irq)->target : 0;
    }
    if (addr >= GICD_ICFGR && addr < GICD_ICFGR + 0x100) {
        uint8_t v = 0;

        irq = (addr - GICD_ICFGR) * 4;
        for (unsigned k = 0; k < 4 && irq + k < s->num_irq; k++) {
            if (gic_irq(s, cpu, irq + k)->edge) {
                v |= 2 << (2 * k);
            }
        }
        return v;
    }
    if (addr >= GICD_CPENDSGIR && addr < GICD_SPENDSGIR + 0x10) {
        return s->cpu[cpu].sgi_sources[addr & 0xf];
    }
    if (addr >= GICD_ID_BASE && !(addr & 3)) {
        return gic_id[(addr - GICD_ID_BASE) >> 2];
    }
    if (addr >= GICD_ID_BASE) {
        return 0;
    }
    vemu_log_mask(LOG_GUEST_ERROR, "arm_gic: bad distributor read at 0x%"
                  PRIx64 "\n", addr);
    return 0;
}

/* GICD_SGIR: an SGI to a target list, the others, or oneself. */
static void gic_send_sgi(ARMGIC *s, unsigned cpu, uint32_t val)
{
    unsigned sgi = val & 0xf;
    unsigned targets;

    switch ((val >> 24) & 3) {
    case 0:
        targets = (val >> 16) & 0xff;
        break;
    case 1:
        targets = ((1u << s->num_cpu) - 1) & ~(1u << cpu);
        break;
    case 2:
        targets = 1u << cpu;
        break;
    default:
        vemu_log_mask(LOG_GUEST_ERROR,
                      "arm_gic: reserved SGIR target filter\n");
        return;
    }
    for (unsigned t = 0; t < s->num_cpu; t++) {
        if (targets & (1u << t)) {
            s->cpu[t].sgi_sources[sgi] |= 1u << cpu;
        }
    }
}

static void gic_dist_writeb(ARMGIC *s, unsigned cpu, hwaddr addr,
                            uint8_t v)
{
    unsigned irq;

    if (addr == GICD_CTLR) {
        s->ctlr = v & (CTLR_GRP0 | CTLR_GRP1);
        return;
    }
    if (addr < 0x0c) {
        return;                 /* TYPER, IIDR: read-only */
    }
    if (addr >= GICD_IGROUPR && addr < GICD_IPRIORITYR) {
        gic_bits_write(s, cpu, (addr & 0x7f) * 8, addr & ~0x7f, v);
        return;
    }
    if (addr >= GICD_IPRIORITYR && addr < GICD_IPRIORITYR + 0x3fc) {
        irq = addr - GICD_IPRIORITYR;
        if (irq < s->num_irq) {
            gic_irq(s, cpu, irq)->priority = v;
        }
        return;
    }
    if (addr >= GICD_ITARGETSR && addr < GICD_ITARGETSR + 0x3fc) {
        irq = addr - GICD_ITARGETSR;
        /* With one CPU, every SPI targets it: the field is fixed. */
        if (irq >= ARM_GIC_INTERNAL && irq < s->num_irq &&
            s->num_cpu > 1) {
            gic_irq(s, cpu, irq)->target = v & ((1u << s->num_cpu) - 1);
        }
        return;
    }
    if (addr >= GICD_ICFGR && addr < GICD_ICFGR + 0x100) {
        irq = (addr - GICD_ICFGR) * 4;
        for (unsigned k = 0; k < 4 && irq + k < s->num_irq; k++) {
            /* SGIs are always edge-triggered. */
            if (irq + k >= 16) {
                gic_irq(s, cpu, irq + k)->edge = (v >> (2 * k + 1)) & 1;
            }
        }
        return;
    }
    if (addr >= GICD_CPENDSGIR && addr < GICD_SPENDSGIR + 0x10) {
        uint8_t mask = v & ((1u << s->num_cpu) - 1);

        if (addr < GICD_SPENDSGIR) {
            s->cpu[cpu].sgi_sources[addr & 0xf] &= ~mask;
        } else {
            s->cpu[cpu].sgi_sources[addr & 0xf] |= mask;
        }
        return;
    }
    vemu_log_mask(LOG_GUEST_ERROR, "arm_gic: bad distributor write at 0x%"
                  PRIx64 "\n", addr);
}

static uint64_t gic_dist_read(void *opaque, hwaddr addr, unsigned size)
{
    ARMGIC *s = opaque;
    unsigned cpu = gic_cur_cpu(s);
    uint64_t v = 0;

    for (unsigned b = 0; b < size; b++) {
        v |= (uint64_t)gic_dist_readb(s, cpu, addr + b) << (8 * b);
    }
    return v;
}

static void gic_dist_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
    ARMGIC *s = opaque;
    unsigned cpu = gic_cur_cpu(s);

    if (addr >= GICD_SGIR && addr < GICD_SGIR + 4) {
        if (addr != GICD_SGIR || size != 4) {
            vemu_log_mask(LOG_GUEST_ERROR,
                          "arm_gic: GICD_SGIR needs a word write\n");
            return;
        }
        gic_send_sgi(s, cpu, val);
    } else {
        for (unsigned b = 0; b < size; b++) {
            gic_dist_writeb(s, cpu, addr + b, val >> (8 * b));
        }
    }
    gic_update(s);
}

static const MemoryRegionOps gic_dist_ops = {
    .read = gic_dist_read,
    .write = gic_dist_write,
    .min_access_size = 1,
    .max_access_size = 4,
};

/* ---- CPU interface ---------------------------------------------------- */

static uint32_t gic_hppir(ARMGIC *s, unsigned cpu, int group)
{
    unsigned irq = gic_best(s, cpu, group);

    if (group < 0 && irq != ARM_GIC_SPURIOUS &&
        gic_irq(s, cpu, irq)->group1 &&
        !(s->cpu[cpu].ctlr & GICC_CTLR_ACKCTL)) {
        return ARM_GIC_GROUP1_PENDING;
    }

    if (irq < 16) {
        return irq | __builtin_ctz(s->cpu[cpu].sgi_sources[irq]) << 10;
    }
    return irq;
}

static uint64_t gic_cpu_read(void *opaque, hwaddr addr, unsigned size)
{
    ARMGIC *s = opaque;
    unsigned cpu = gic_cur_cpu(s);
    GICCpu *c = &s->cpu[cpu];
    uint32_t rp;

    switch (addr) {
    case GICC_CTLR:
        return c->ctlr;
    case GICC_PMR:
        return c->pmr;
    case GICC_BPR:
        return c->bpr;
    case GICC_ABPR:
        return c->abpr;
    case GICC_IAR:
        return gic_acknowledge(s, cpu, -1);
    case GICC_AIAR:
        return gic_acknowledge(s, cpu, 1);
    case GICC_RPR:
        rp = gic_running_prio(s, cpu);
        return rp > 0xff ? 0xff : rp;
    case GICC_HPPIR:
        return gic_hppir(s, cpu, -1);
    case GICC_AHPPIR:
        return gic_hppir(s, cpu, 1);
    case GICC_APR0:
    case GICC_APR0 + 4:
    case GICC_APR0 + 8:
    case GICC_APR0 + 12:
        return c->apr[(addr - GICC_APR0) / 8] >> (32 * ((addr >> 2) & 1));
    case GICC_NSAPR0:
    case GICC_NSAPR0 + 4:
    case GICC_NSAPR0 + 8:
    case GICC_NSAPR0 + 12:
        return 0;
    case GICC_IIDR:
        return 0x0002043b;
    default:
        vemu_log_mask(LOG_GUEST_ERROR, "arm_gic: bad CPU interface read "
                      "at 0x%" PRIx64 "\n", addr);
        return 0;
    }
}

static void gic_cpu_write(void *opaque, hwaddr addr, uint64_t val64,
                          unsigned size)
{
    ARMGIC *s = opaque;
    unsigned cpu = gic_cur_cpu(s);
    GICCpu *c = &s->cpu[cpu];
    uint32_t val = val64;

    switch (addr) {
    case GICC_CTLR:
        c->ctlr = val & GICC_CTLR_MASK;
        break;
    case GICC_PMR:
        c->pmr = val & 0xff;
        break;
    case GICC_BPR:
        c->bpr = val & 7;
        break;
    case GICC_ABPR:
        c->abpr = (val & 7) ? val & 7 : 1;
        break;
    case GICC_EOIR:
    case GICC_AEOIR:
        gic_eoi(s, cpu, val);
        break;
    case GICC_DIR:
        if (!(c->ctlr & GICC_CTLR_EOIMODE)) {
            vemu_log_mask(LOG_GUEST_ERROR,
                          "arm_gic: GICC_DIR write with EOImode 0\n");
            break;
        }
        if ((val & 0x3ff) < ARM_GIC_MAX_IRQ) {
            gic_deactivate(s, cpu, val & 0x3ff);
        }
        break;
    case GICC_APR0:
    case GICC_APR0 + 4:
    case GICC_APR0 + 8:
    case GICC_APR0 + 12: {
        /* Restoring saved state: replace the 32 bits. */
        unsigned sh = 32 * ((addr >> 2) & 1);
        uint64_t *w = &c->apr[(addr - GICC_APR0) / 8];

        *w = (*w & ~(0xffffffffull << sh)) | (uint64_t)val << sh;
        break;
    }
    default:
        vemu_log_mask(LOG_GUEST_ERROR, "arm_gic: bad CPU interface write "
                      "at 0x%" PRIx64 " (0x%x)\n", addr, val);
        return;
    }
    gic_update(s);
}

static const MemoryRegionOps gic_cpu_ops = {
    .read = gic_cpu_read,
    .write = gic_cpu_write,
    .min_access_size = 4,
    .max_access_size = 4,
};

/* ---- device ----------------------------------------------------------- */

static void gic_reset(Device *dev)
{
    ARMGIC *s = container_of(dev, ARMGIC, parent);

    s->ctlr = 0;
    for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
        GICCpu *c = &s->cpu[cpu];

        for (unsigned irq = 0; irq < ARM_GIC_INTERNAL; irq++) {
            bool level = c->priv[irq].level;

            memset(&c->priv[irq], 0, sizeof(c->priv[irq]));
            c->priv[irq].level = level;
            /* SGIs are edge-triggered and always enabled here. */
            c->priv[irq].edge = irq < 16;
            c->priv[irq].enabled = irq < 16;
        }
        memset(c->sgi_sources, 0, sizeof(c->sgi_sources));
        c->ctlr = 0;
        c->pmr = 0;
        c->bpr = 2;
        c->abpr = 3;
        c->apr[0] = c->apr[1] = 0;
        c->irq_level = -1;
        c->fiq_level = -1;
    }
    for (unsigned n = 0; n + ARM_GIC_INTERNAL < s->num_irq; n++) {
        bool level = s->spi[n].level;

        memset(&s->spi[n], 0, sizeof(s->spi[n]));
        s->spi[n].level = level;
        /* One CPU: the single target is implied. */
        s->spi[n].target = s->num_cpu == 1 ? 1 : 0;
    }
    gic_update(s);
}

static bool gic_realize(Device *dev, GError **errp)
{
    ARMGIC *s = container_of(dev, ARMGIC, parent);

    if (s->num_cpu < 1 || s->num_cpu > ARM_GIC_MAX_CPUS) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "arm_gic: %u CPUs (1..%d supported)", s->num_cpu,
                    ARM_GIC_MAX_CPUS);
        return false;
    }
    if (s->num_irq < 64 || s->num_irq > ARM_GIC_MAX_IRQ + 4 ||
        s->num_irq % 32) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "arm_gic: %u interrupts (a multiple of 32, 64..1020)",
                    s->num_irq);
        return false;
    }
    /* 1024 INTIDs in the register layout, but 1020 usable. */
    if (s->num_irq > ARM_GIC_MAX_IRQ) {
        s->num_irq = ARM_GIC_MAX_IRQ;
    }
    s->spi = g_new0(GICIrq, s->num_irq - ARM_GIC_INTERNAL);
    s->spi_in = irq_new_array(gic_spi_handler, s,
                              s->num_irq - ARM_GIC_INTERNAL);
    for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
        GICPPIRef *ref = g_new0(GICPPIRef, 1);

        ref->gic = s;
        ref->cpu = cpu;
        s->cpu[cpu].ppi_in = irq_new_array(gic_ppi_handler, ref, 16);
    }
    memory_region_init_io(&s->dist_mmio, &gic_dist_ops, s, "gic-dist",
                          ARM_GIC_DIST_SIZE);
    memory_region_init_io(&s->cpu_mmio, &gic_cpu_ops, s, "gic-cpu",
                          ARM_GIC_CPU_SIZE);
    return true;
}

static const Property gic_props[] = {
    DEFINE_PROP("num-cpu", PROP_UINT32, ARMGIC, num_cpu, "1"),
    DEFINE_PROP("num-irq", PROP_UINT32, ARMGIC, num_irq, "288"),
    { .name = NULL },
};

static const DeviceClass gic_class = {
    .name = "arm_gic",
    .desc = "ARM Generic Interrupt Controller v2",
    .instance_size = sizeof(ARMGIC),
    .props = gic_props,
    .realize = gic_realize,
    .reset = gic_reset,
};

Device *arm_gic_create(MemoryRegion *parent, hwaddr dist_base,
                       hwaddr cpu_base, unsigned num_cpu, unsigned num_irq,
                       IRQ **irq_out, IRQ **fiq_out)
{
    Device *dev = device_new_class(&gic_class);
    ARMGIC *s = container_of(dev, ARMGIC, parent);
    GError *err = NULL;

    s->num_cpu = num_cpu;
    s->num_irq = num_irq;
    for (unsigned cpu = 0; cpu < num_cpu && cpu < ARM_GIC_MAX_CPUS; cpu++) {
        s->cpu[cpu].irq_out = irq_out ? irq_out[cpu] : NULL;
        s->cpu[cpu].fiq_out = fiq_out ? fiq_out[cpu] : NULL;
    }
    if (!device_realize(dev, &err)) {
        g_error("%s", err->message);
    }
    if (dist_base != (hwaddr)-1) {
        memory_region_add_subregion(parent, dist_base, &s->dist_mmio);
    }
    if (cpu_base != (hwaddr)-1) {
        memory_region_add_subregion(parent, cpu_base, &s->cpu_mmio);
    }
    return dev;
}

IRQ *arm_gic_spi_irq(Device *dev, unsigned n)
{
    ARMGIC *s = container_of(dev, ARMGIC, parent);

    g_assert(n + ARM_GIC_INTERNAL < s->num_irq);
    return s->spi_in[n];
}

IRQ *arm_gic_ppi_irq(Device *dev, unsigned cpu, unsigned ppi)
{
    ARMGIC *s = container_of(dev, ARMGIC, parent);

    g_assert(cpu < s->num_cpu && ppi < 16);
    return s->cpu[cpu].ppi_in[ppi];
}

static void __attribute__((constructor)) gic_register(void)
{
    device_class_register(&gic_class);
}
