/* SPDX-License-Identifier: MIT */
/* GICv3 core: interrupt selection, output lines, inputs, the device. */
#include "arm_gicv3_int.h"

#include <string.h>

#include "vemu/log.h"

int gicv3_route(ARMGICv3 *s, uint64_t irouter)
{
    uint32_t aff = (uint32_t)(irouter >> 32 & 0xff) << 24 |
                   (uint32_t)(irouter & 0xffffff);

    for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
        if (s->cpu[cpu].affinity == aff) {
            return cpu;
        }
    }
    return -1;
}

static bool gicv3_candidate(ARMGICv3 *s, GICv3Irq *i, unsigned grpmask)
{
    unsigned grp = i->group1 ? 2 : 1;

    return i->enabled && !i->active && (grpmask & grp) &&
           (s->ctlr & grp) && gicv3_pending(i);
}

unsigned gicv3_best(ARMGICv3 *s, unsigned cpu, unsigned grpmask)
{
    unsigned best = GICV3_SPURIOUS;
    unsigned best_prio = 0x100;

    for (unsigned irq = 0; irq < GICV3_INTERNAL; irq++) {
        GICv3Irq *i = &s->cpu[cpu].priv[irq];

        if (i->priority < best_prio && gicv3_candidate(s, i, grpmask)) {
            best = irq;
            best_prio = i->priority;
        }
    }
    for (unsigned irq = GICV3_INTERNAL; irq < s->num_irq; irq++) {
        GICv3Irq *i = &s->spi[irq - GICV3_INTERNAL];

        if (i->target == (int)cpu && i->priority < best_prio &&
            gicv3_candidate(s, i, grpmask)) {
            best = irq;
            best_prio = i->priority;
        }
    }
    return best;
}

static void gicv3_set_line(IRQ *line, int8_t *cur, int level)
{
    if (*cur != level) {
        *cur = level;
        irq_set(line, level);
    }
}

void gicv3_update(ARMGICv3 *s)
{
    for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
        GICv3Cpu *c = &s->cpu[cpu];
        unsigned irq = gicv3_best(s, cpu, gicv3_cpuif_groups(s, cpu));
        bool irq_level = false;
        bool fiq_level = false;

        if (irq != GICV3_SPURIOUS && gicv3_cpuif_can_signal(s, cpu, irq)) {
            if (gicv3_irq(s, cpu, irq)->group1) {
                irq_level = true;
            } else {
                fiq_level = true;
            }
        }
        gicv3_set_line(c->irq_out, &c->irq_level, irq_level);
        gicv3_set_line(c->fiq_out, &c->fiq_level, fiq_level);
    }
}

/* ---- input lines ------------------------------------------------------ */

static void gicv3_set_input(ARMGICv3 *s, unsigned cpu, unsigned irq,
                            int level)
{
    GICv3Irq *i = gicv3_irq(s, cpu, irq);

    if (i->edge && level && !i->level) {
        i->pending = true;
    }
    i->level = level != 0;
    gicv3_update(s);
}

static void gicv3_spi_handler(void *opaque, int n, int level)
{
    gicv3_set_input(opaque, 0, GICV3_INTERNAL + n, level);
}

typedef struct GICv3PPIRef {
    ARMGICv3 *gic;
    unsigned cpu;
} GICv3PPIRef;

static void gicv3_ppi_handler(void *opaque, int n, int level)
{
    GICv3PPIRef *ref = opaque;

    gicv3_set_input(ref->gic, ref->cpu, 16 + n, level);
}

/* ---- device ----------------------------------------------------------- */

static void gicv3_reset_irq(GICv3Irq *i)
{
    bool level = i->level;

    memset(i, 0, sizeof(*i));
    i->level = level;
}

static void gicv3_reset(Device *dev)
{
    ARMGICv3 *s = container_of(dev, ARMGICv3, parent);

    s->ctlr = 0;
    for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
        GICv3Cpu *c = &s->cpu[cpu];

        for (unsigned irq = 0; irq < GICV3_INTERNAL; irq++) {
            gicv3_reset_irq(&c->priv[irq]);
            c->priv[irq].edge = irq < 16;
        }
        c->waker = 1 << 1;      /* ProcessorSleep */
        c->icc_ctlr = 0;
        c->pmr = 0;
        c->bpr0 = 2;
        c->bpr1 = 3;
        c->igrpen0 = false;
        c->igrpen1 = false;
        c->ap0r = 0;
        c->ap1r = 0;
        c->ich_hcr = 0;
        c->ich_vmcr = 0;
        c->ich_ap0r = 0;
        c->ich_ap1r = 0;
        memset(c->ich_lr, 0, sizeof(c->ich_lr));
        c->irq_level = -1;
        c->fiq_level = -1;
    }
    for (unsigned n = 0; n + GICV3_INTERNAL < s->num_irq; n++) {
        gicv3_reset_irq(&s->spi[n]);
        s->spi[n].target = gicv3_route(s, 0);
    }
    gicv3_update(s);
}

static bool gicv3_realize(Device *dev, GError **errp)
{
    ARMGICv3 *s = container_of(dev, ARMGICv3, parent);

    if (s->num_cpu < 1 || s->num_cpu > ARM_GICV3_MAX_CPUS) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "arm_gicv3: %u CPUs (1..%d supported)", s->num_cpu,
                    ARM_GICV3_MAX_CPUS);
        return false;
    }
    if (s->num_irq < 64 || s->num_irq > GICV3_MAX_IRQ + 4 ||
        s->num_irq % 32) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "arm_gicv3: %u interrupts (a multiple of 32, 64..1020)",
                    s->num_irq);
        return false;
    }
    if (s->num_irq > GICV3_MAX_IRQ) {
        s->num_irq = GICV3_MAX_IRQ;
    }
    if (!s->cpu) {
        s->cpu = g_new0(GICv3Cpu, s->num_cpu);
        for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
            s->cpu[cpu].affinity = ARM_GICV3_AFF(0, 0, cpu / 16, cpu % 16);
        }
    }
    s->spi = g_new0(GICv3Irq, s->num_irq - GICV3_INTERNAL);
    s->spi_in = irq_new_array(gicv3_spi_handler, s,
                              s->num_irq - GICV3_INTERNAL);
    for (unsigned cpu = 0; cpu < s->num_cpu; cpu++) {
        GICv3PPIRef *ref = g_new0(GICv3PPIRef, 1);

        ref->gic = s;
        ref->cpu = cpu;
        s->cpu[cpu].ppi_in = irq_new_array(gicv3_ppi_handler, ref, 16);
    }
    memory_region_init_io(&s->dist_mmio, &gicv3_dist_ops, s, "gicv3-dist",
                          ARM_GICV3_DIST_SIZE);
    memory_region_init_io(&s->redist_mmio, &gicv3_redist_ops, s,
                          "gicv3-redist", ARM_GICV3_REDIST_SIZE(s->num_cpu));
    return true;
}

static const Property gicv3_props[] = {
    DEFINE_PROP("num-cpu", PROP_UINT32, ARMGICv3, num_cpu, "1"),
    DEFINE_PROP("num-irq", PROP_UINT32, ARMGICv3, num_irq, "288"),
    { .name = NULL },
};

static const DeviceClass gicv3_class = {
    .name = "arm-gicv3",
    .desc = "ARM Generic Interrupt Controller v3",
    .instance_size = sizeof(ARMGICv3),
    .props = gicv3_props,
    .realize = gicv3_realize,
    .reset = gicv3_reset,
};

Device *arm_gicv3_create(MemoryRegion *parent, hwaddr dist_base,
                         hwaddr redist_base, unsigned num_cpu,
                         unsigned num_irq, const uint32_t *affinity,
                         IRQ **irq_out, IRQ **fiq_out)
{
    Device *dev = device_new_class(&gicv3_class);
    ARMGICv3 *s = container_of(dev, ARMGICv3, parent);
    GError *err = NULL;

    s->num_cpu = num_cpu;
    s->num_irq = num_irq;
    if (num_cpu >= 1 && num_cpu <= ARM_GICV3_MAX_CPUS) {
        s->cpu = g_new0(GICv3Cpu, num_cpu);
        for (unsigned cpu = 0; cpu < num_cpu; cpu++) {
            s->cpu[cpu].affinity = affinity ? affinity[cpu]
                                   : ARM_GICV3_AFF(0, 0, cpu / 16, cpu % 16);
            s->cpu[cpu].irq_out = irq_out ? irq_out[cpu] : NULL;
            s->cpu[cpu].fiq_out = fiq_out ? fiq_out[cpu] : NULL;
        }
    }
    if (!device_realize(dev, &err)) {
        g_error("%s", err->message);
    }
    memory_region_add_subregion(parent, dist_base, &s->dist_mmio);
    memory_region_add_subregion(parent, redist_base, &s->redist_mmio);
    return dev;
}

IRQ *arm_gicv3_spi_irq(Device *dev, unsigned n)
{
    ARMGICv3 *s = container_of(dev, ARMGICv3, parent);

    g_assert(n + GICV3_INTERNAL < s->num_irq);
    return s->spi_in[n];
}

IRQ *arm_gicv3_ppi_irq(Device *dev, unsigned cpu, unsigned ppi)
{
    ARMGICv3 *s = container_of(dev, ARMGICv3, parent);

    g_assert(cpu < s->num_cpu && ppi < 16);
    return s->cpu[cpu].ppi_in[ppi];
}

static void __attribute__((constructor)) gicv3_register(void)
{
    device_class_register(&gicv3_class);
}
