/* SPDX-License-Identifier: MIT */
/* GICv3 distributor: SPI configuration, affinity routing, IDs. */
#include "arm_gicv3_int.h"

#include <inttypes.h>

#include "vemu/log.h"

/* Distributor registers (GICD_*); the INTID blocks are shared with the
 * redistributor's SGI_base frame, at the same offsets. */
enum GICv3DistReg {
    GICD_CTLR = 0x0000,
    GICD_TYPER = 0x0004,
    GICD_IIDR = 0x0008,
    GICD_TYPER2 = 0x000c,
    GICD_STATUSR = 0x0010,
    GICD_IGROUPR = 0x0080,
    GICD_ISENABLER = 0x0100,
    GICD_ICENABLER = 0x0180,
    GICD_ISPENDR = 0x0200,
    GICD_ICPENDR = 0x0280,
    GICD_ISACTIVER = 0x0300,
    GICD_ICACTIVER = 0x0380,
    GICD_IPRIORITYR = 0x0400,
    GICD_ITARGETSR = 0x0800,    /* RAZ/WI with affinity routing */
    GICD_ICFGR = 0x0c00,
    GICD_IGRPMODR = 0x0d00,
    GICD_NSACR = 0x0e00,
    GICD_SGIR = 0x0f00,         /* RAZ/WI with affinity routing */
    GICD_IROUTER = 0x6000,      /* 8 bytes per INTID, from INTID 32 */
    GICD_ID_BASE = 0xffd0,
};

enum {
    GICD_CTLR_GRP0 = 1 << 0,
    GICD_CTLR_GRP1 = 1 << 1,
    GICD_CTLR_ARE = 1 << 4,     /* always on (RAO/WI) */
    GICD_CTLR_DS = 1 << 6,      /* one security state (RAO/WI) */
};

static const uint8_t gicv3_ids[12] = {
    0x44, 0x00, 0x00, 0x00,     /* PIDR4..7 */
    0x92, 0xb4, 0x3b, 0x00,     /* PIDR0..3: PIDR2 ArchRev 3 */
    0x0d, 0xf0, 0x05, 0xb1,     /* CIDR0..3 */
};

uint8_t gicv3_id_byte(hwaddr off, bool redist)
{
    if (off >= GICD_ID_BASE && off < 0x10000 && !(off & 3)) {
        uint8_t v = gicv3_ids[(off - GICD_ID_BASE) >> 2];

        /* The redistributor's part number is one more. */
        return (redist && off == 0xffe0) ? v + 1 : v;
    }
    return 0;
}

bool gicv3_irq_reg_readb(ARMGICv3 *s, unsigned cpu, hwaddr addr,
                         unsigned lo, unsigned hi, uint8_t *val)
{
    uint8_t v = 0;
    unsigned first;

    if (addr >= GICD_IGROUPR && addr < GICD_IPRIORITYR) {
        unsigned reg = addr & ~0x7f;

        first = (addr & 0x7f) * 8;
        for (unsigned b = 0; b < 8; b++) {
            unsigned irq = first + b;
            GICv3Irq *i;
            bool bit;

            if (irq < lo || irq >= hi) {
                continue;
            }
            i = gicv3_irq(s, cpu, irq);
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
                bit = gicv3_pending(i);
                break;
            default:
                bit = i->active;
                break;
            }
            v |= bit << b;
        }
    } else if (addr >= GICD_IPRIORITYR && addr < GICD_IPRIORITYR + 0x400) {
        first = addr - GICD_IPRIORITYR;
        if (first >= lo && first < hi) {
            v = gicv3_irq(s, cpu, first)->priority;
        }
    } else if (addr >= GICD_ICFGR && addr < GICD_ICFGR + 0x100) {
        first = (addr - GICD_ICFGR) * 4;
        for (unsigned k = 0; k < 4; k++) {
            if (first + k >= lo && first + k < hi &&
                gicv3_irq(s, cpu, first + k)->edge) {
                v |= 2 << (2 * k);
            }
        }
    } else if (addr >= GICD_IGRPMODR && addr < GICD_IGRPMODR + 0x80) {
        first = (addr - GICD_IGRPMODR) * 8;
        for (unsigned b = 0; b < 8; b++) {
            if (first + b >= lo && first + b < hi &&
                gicv3_irq(s, cpu, first + b)->grpmod) {
                v |= 1 << b;
            }
        }
    } else if (addr >= GICD_NSACR && addr < GICD_NSACR + 0x100) {
        v = 0;                  /* RAZ/WI with one security state */
    } else {
        return false;
    }
    *val = v;
    return true;
}

bool gicv3_irq_reg_writeb(ARMGICv3 *s, unsigned cpu, hwaddr addr,
                          unsigned lo, unsigned hi, uint8_t v)
{
    unsigned first;

    if (addr >= GICD_IGROUPR && addr < GICD_IPRIORITYR) {
        unsigned reg = addr & ~0x7f;

        first = (addr & 0x7f) * 8;
        for (unsigned b = 0; b < 8; b++) {
            unsigned irq = first + b;
            bool bit = (v >> b) & 1;
            GICv3Irq *i;

            if (irq < lo || irq >= hi) {
                continue;
            }
            i = gicv3_irq(s, cpu, irq);
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
                i->pending = true;
                break;
            case GICD_ICPENDR:
                i->pending = false;
                break;
            case GICD_ISACTIVER:
                i->active = true;
                break;
            case GICD_ICACTIVER:
                i->active = false;
                break;
            }
        }
    } else if (addr >= GICD_IPRIORITYR && addr < GICD_IPRIORITYR + 0x400) {
        first = addr - GICD_IPRIORITYR;
        if (first >= lo && first < hi) {
            gicv3_irq(s, cpu, first)->priority = v;
        }
    } else if (addr >= GICD_ICFGR && addr < GICD_ICFGR + 0x100) {
        first = (addr - GICD_ICFGR) * 4;
        for (unsigned k = 0; k < 4; k++) {
            /* SGIs are always edge-triggered. */
            if (first + k >= lo && first + k < hi && first + k >= 16) {
                gicv3_irq(s, cpu, first + k)->edge = (v >> (2 * k + 1)) & 1;
            }
        }
    } else if (addr >= GICD_IGRPMODR && addr < GICD_IGRPMODR + 0x80) {
        first = (addr - GICD_IGRPMODR) * 8;
        for (unsigned b = 0; b < 8; b++) {
            if (first + b >= lo && first + b < hi) {
                gicv3_irq(s, cpu, first + b)->grpmod = (v >> b) & 1;
            }
        }
    } else if (!(addr >= GICD_NSACR && addr < GICD_NSACR + 0x100)) {
        return false;
    }
    return true;
}

static uint32_t gicv3_dist_word(ARMGICv3 *s, hwaddr addr)
{
    switch (addr) {
    case GICD_CTLR:
        return s->ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
    case GICD_TYPER:
        /* ITLinesNumber, CPUNumber, IDbits = 9 (10-bit INTIDs), No1N. */
        return (s->num_irq / 32 - 1) |
               ((s->num_cpu > 8 ? 7 : s->num_cpu - 1) << 5) |
               9u << 19 | 1u << 25;
    case GICD_IIDR:
        return 0x0000043b;      /* ARM; no product that has errata */
    default:
        return 0;               /* TYPER2, STATUSR */
    }
}

static uint8_t gicv3_dist_readb(ARMGICv3 *s, hwaddr addr, bool *ok)
{
    uint8_t v;

    *ok = true;
    if (addr < 0x14) {
        return gicv3_dist_word(s, addr & ~3) >> (8 * (addr & 3));
    }
    if (gicv3_irq_reg_readb(s, 0, addr, GICV3_INTERNAL, s->num_irq, &v)) {
        return v;
    }
    if ((addr >= GICD_ITARGETSR && addr < GICD_ITARGETSR + 0x400) ||
        (addr >= GICD_SGIR && addr < GICD_SGIR + 0x30)) {
        return 0;
    }
    if (addr >= GICD_IROUTER + 8 * GICV3_INTERNAL &&
        addr < GICD_IROUTER + 8 * 1020) {
        unsigned irq = (addr - GICD_IROUTER) / 8;

        if (irq >= s->num_irq) {
            return 0;
        }
        return gicv3_irq(s, 0, irq)->irouter >> (8 * (addr & 7));
    }
    if (addr >= GICD_ID_BASE) {
        return gicv3_id_byte(addr, false);
    }
    *ok = false;
    return 0;
}

static bool gicv3_dist_writeb(ARMGICv3 *s, hwaddr addr, uint8_t v)
{
    if (addr < 0x14) {
        if (addr == GICD_CTLR) {
            s->ctlr = v & (GICD_CTLR_GRP0 | GICD_CTLR_GRP1);
        }
        return true;            /* the rest is read-only */
    }
    if (gicv3_irq_reg_writeb(s, 0, addr, GICV3_INTERNAL, s->num_irq, v)) {
        return true;
    }
    if ((addr >= GICD_ITARGETSR && addr < GICD_ITARGETSR + 0x400) ||
        (addr >= GICD_SGIR && addr < GICD_SGIR + 0x30)) {
        return true;
    }
    if (addr >= GICD_IROUTER + 8 * GICV3_INTERNAL &&
        addr < GICD_IROUTER + 8 * 1020) {
        unsigned irq = (addr - GICD_IROUTER) / 8;
        unsigned sh = 8 * (addr & 7);
        GICv3Irq *i;

        if (irq >= s->num_irq) {
            return true;
        }
        i = gicv3_irq(s, 0, irq);
        i->irouter = (i->irouter & ~(0xffull << sh)) | (uint64_t)v << sh;
        /* Aff3 (39:32), Aff2, Aff1, Aff0; IRM is WI (No1N). */
        i->irouter &= 0xff00ffffffull;
        i->target = gicv3_route(s, i->irouter);
        return true;
    }
    return false;
}

static uint64_t gicv3_dist_read(void *opaque, hwaddr addr, unsigned size)
{
    ARMGICv3 *s = opaque;
    uint64_t v = 0;
    bool ok = true;

    for (unsigned b = 0; b < size && ok; b++) {
        v |= (uint64_t)gicv3_dist_readb(s, addr + b, &ok) << (8 * b);
    }
    if (!ok) {
        vemu_log_mask(LOG_GUEST_ERROR, "arm_gicv3: bad distributor read "
                      "of %u bytes at 0x%" PRIx64 "\n", size, addr);
        return 0;
    }
    return v;
}

static void gicv3_dist_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    ARMGICv3 *s = opaque;

    for (unsigned b = 0; b < size; b++) {
        if (!gicv3_dist_writeb(s, addr + b, val >> (8 * b))) {
            vemu_log_mask(LOG_GUEST_ERROR, "arm_gicv3: bad distributor "
                          "write of %u bytes at 0x%" PRIx64 "\n",
                          size, addr);
            break;
        }
    }
    gicv3_update(s);
}

const MemoryRegionOps gicv3_dist_ops = {
    .read = gicv3_dist_read,
    .write = gicv3_dist_write,
    .min_access_size = 1,
    .max_access_size = 8,
};
