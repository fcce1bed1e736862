/* SPDX-License-Identifier: MIT */
/* GICv3 redistributors: RD_base (control, wake) and SGI_base (SGIs, PPIs). */
#include "arm_gicv3_int.h"

#include <inttypes.h>

#include "vemu/log.h"

#define GICR_FRAME 0x10000      /* RD_base, then SGI_base */

/* RD_base registers (GICR_*). */
enum GICv3RedistReg {
    GICR_CTLR = 0x0000,
    GICR_IIDR = 0x0004,
    GICR_TYPER = 0x0008,        /* 64-bit */
    GICR_STATUSR = 0x0010,
    GICR_WAKER = 0x0014,
    GICR_PROPBASER = 0x0070,    /* LPIs: not implemented, RAZ/WI */
    GICR_PENDBASER = 0x0078,
    GICR_ID_BASE = 0xffd0,
};

enum {
    GICR_TYPER_LAST = 1 << 4,
    GICR_WAKER_PROCESSOR_SLEEP = 1 << 1,
    GICR_WAKER_CHILDREN_ASLEEP = 1 << 2,
};

static uint64_t gicv3_rd_word(ARMGICv3 *s, unsigned cpu, hwaddr addr,
                              bool *ok)
{
    GICv3Cpu *c = &s->cpu[cpu];
    uint64_t typer;

    switch (addr) {
    case GICR_CTLR:
        return 0;
    case GICR_IIDR:
        return 0x0000043b;
    case GICR_TYPER:
    case GICR_TYPER + 4:
        /* Affinity, processor number, Last for the final frame. */
        typer = (uint64_t)c->affinity << 32 | (uint64_t)cpu << 8;
        if (cpu == s->num_cpu - 1) {
            typer |= GICR_TYPER_LAST;
        }
        return addr == GICR_TYPER ? (uint32_t)typer : typer >> 32;
    case GICR_STATUSR:
        return 0;
    case GICR_WAKER:
        /* The children are asleep exactly when the processor is: the
         * handshake completes at once. */
        return c->waker & GICR_WAKER_PROCESSOR_SLEEP
                   ? GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP
                   : 0;
    case GICR_PROPBASER:
    case GICR_PROPBASER + 4:
    case GICR_PENDBASER:
    case GICR_PENDBASER + 4:
        return 0;
    default:
        if (addr >= GICR_ID_BASE) {
            return gicv3_id_byte(addr, true);
        }
        *ok = false;
        return 0;
    }
}

static bool gicv3_rd_write_word(ARMGICv3 *s, unsigned cpu, hwaddr addr,
                                uint32_t v)
{
    switch (addr) {
    case GICR_CTLR:
        /* EnableLPIs: no LPIs here, so it stays clear. */
        return true;
    case GICR_WAKER:
        s->cpu[cpu].waker = v & GICR_WAKER_PROCESSOR_SLEEP;
        return true;
    case GICR_STATUSR:
    case GICR_PROPBASER:
    case GICR_PROPBASER + 4:
    case GICR_PENDBASER:
    case GICR_PENDBASER + 4:
        return true;
    default:
        return false;
    }
}

/* Split an offset into the CPU and the offset in its two frames. */
static bool gicv3_redist_decode(ARMGICv3 *s, hwaddr addr, unsigned *cpu,
                                hwaddr *off)
{
    *cpu = addr / ARM_GICV3_REDIST_STRIDE;
    *off = addr % ARM_GICV3_REDIST_STRIDE;
    return *cpu < s->num_cpu;
}

static uint64_t gicv3_redist_read(void *opaque, hwaddr addr, unsigned size)
{
    ARMGICv3 *s = opaque;
    unsigned cpu;
    hwaddr off;
    uint64_t v = 0;
    bool ok = gicv3_redist_decode(s, addr, &cpu, &off);

    if (ok && off < GICR_FRAME) {
        /* RD_base: word registers (TYPER also as a doubleword). */
        if ((off & 3) || (size != 4 && !(size == 8 && !(off & 7)))) {
            ok = false;
        } else {
            v = gicv3_rd_word(s, cpu, off, &ok);
            if (size == 8) {
                v |= gicv3_rd_word(s, cpu, off + 4, &ok) << 32;
            }
        }
    } else if (ok) {
        off -= GICR_FRAME;
        for (unsigned b = 0; b < size && ok; b++) {
            uint8_t byte = 0;

            if (off + b >= GICR_ID_BASE) {
                byte = gicv3_id_byte(off + b, true);
            } else {
                ok = gicv3_irq_reg_readb(s, cpu, off + b, 0,
                                         GICV3_INTERNAL, &byte);
            }
            v |= (uint64_t)byte << (8 * b);
        }
    }
    if (!ok) {
        vemu_log_mask(LOG_GUEST_ERROR, "arm_gicv3: bad redistributor read "
                      "of %u bytes at 0x%" PRIx64 "\n", size, addr);
        return 0;
    }
    return v;
}

static void gicv3_redist_write(void *opaque, hwaddr addr, uint64_t val,
                               unsigned size)
{
    ARMGICv3 *s = opaque;
    unsigned cpu;
    hwaddr off;
    bool ok = gicv3_redist_decode(s, addr, &cpu, &off);

    if (ok && off < GICR_FRAME) {
        if ((off & 3) || (size != 4 && !(size == 8 && !(off & 7)))) {
            ok = false;
        } else {
            ok = gicv3_rd_write_word(s, cpu, off, val);
            if (ok && size == 8) {
                ok = gicv3_rd_write_word(s, cpu, off + 4, val >> 32);
            }
        }
    } else if (ok) {
        off -= GICR_FRAME;
        for (unsigned b = 0; b < size && ok; b++) {
            ok = gicv3_irq_reg_writeb(s, cpu, off + b, 0, GICV3_INTERNAL,
                                      val >> (8 * b));
        }
    }
    if (!ok) {
        vemu_log_mask(LOG_GUEST_ERROR, "arm_gicv3: bad redistributor "
                      "write of %u bytes at 0x%" PRIx64 "\n", size, addr);
    }
    gicv3_update(s);
}

const MemoryRegionOps gicv3_redist_ops = {
    .read = gicv3_redist_read,
    .write = gicv3_redist_write,
    .min_access_size = 1,
    .max_access_size = 8,
};
