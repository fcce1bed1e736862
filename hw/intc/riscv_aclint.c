/* SPDX-License-Identifier: MIT */
/* RISC-V ACLINT: MSWI (software interrupts) and MTIMER (mtime/mtimecmp). */
#include "vemu/hw/riscv-aclint.h"

#include <inttypes.h>
#include <string.h>

#include "vemu/log.h"
#include "vemu/riscv.h"
#include "vemu/timer.h"

/* ---- MSWI / SSWI ------------------------------------------------------ */

/* One 32-bit word per hart; only bit 0 is implemented. */
enum RISCVAclintSwiReg {
    ACLINT_SWI_MSIP = 0x0,      /* + 4 * hart */
};

typedef struct RISCVAclintSwi {
    Device parent;
    MemoryRegion mmio;
    CPUState **harts;
    uint32_t nb_harts;
    bool sswi;                  /* setssip registers: S_SOFT, edge */
    uint32_t *msip;             /* [nb_harts]: MSWI state, bit 0 */
} RISCVAclintSwi;

static uint64_t aclint_swi_read(void *opaque, hwaddr addr, unsigned size)
{
    RISCVAclintSwi *s = opaque;
    uint32_t hart = (addr - ACLINT_SWI_MSIP) / 4;

    if (size != 4 || (addr & 3) || hart >= s->nb_harts) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "riscv_aclint_swi: bad read of %u bytes at 0x%"
                      PRIx64 "\n", size, addr);
        return 0;
    }
    /* setssip reads as zero: the pending bit lives in the hart's sip. */
    return s->sswi ? 0 : s->msip[hart];
}

static void aclint_swi_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    RISCVAclintSwi *s = opaque;
    uint32_t hart = (addr - ACLINT_SWI_MSIP) / 4;

    if (size != 4 || (addr & 3) || hart >= s->nb_harts) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "riscv_aclint_swi: bad write of %u bytes at 0x%"
                      PRIx64 "\n", size, addr);
        return;
    }
    if (s->sswi) {
        /* Edge: writing 1 sets SSIP, writing 0 does nothing. */
        if (val & 1) {
            riscv_cpu_set_irq(s->harts[hart], RISCV_IRQ_S_SOFT, 1);
        }
        return;
    }
    s->msip[hart] = val & 1;
    riscv_cpu_set_irq(s->harts[hart], RISCV_IRQ_M_SOFT, s->msip[hart]);
}

static const MemoryRegionOps aclint_swi_ops = {
    .read = aclint_swi_read,
    .write = aclint_swi_write,
    .min_access_size = 4,
    .max_access_size = 4,
};

static void aclint_swi_reset(Device *dev)
{
    RISCVAclintSwi *s = container_of(dev, RISCVAclintSwi, parent);

    for (uint32_t i = 0; i < s->nb_harts; i++) {
        if (!s->sswi) {
            s->msip[i] = 0;
            riscv_cpu_set_irq(s->harts[i], RISCV_IRQ_M_SOFT, 0);
        }
    }
}

static bool aclint_swi_realize(Device *dev, GError **errp)
{
    RISCVAclintSwi *s = container_of(dev, RISCVAclintSwi, parent);

    s->msip = g_new0(uint32_t, s->nb_harts ? s->nb_harts : 1);
    memory_region_init_io(&s->mmio, &aclint_swi_ops, s,
                          s->sswi ? "riscv.aclint.sswi" : "riscv.aclint.mswi",
                          RISCV_ACLINT_SWI_SIZE);
    return true;
}

static const DeviceClass aclint_swi_class = {
    .name = "riscv.aclint.swi",
    .desc = "RISC-V ACLINT software interrupts (MSWI/SSWI)",
    .instance_size = sizeof(RISCVAclintSwi),
    .realize = aclint_swi_realize,
    .reset = aclint_swi_reset,
};

Device *riscv_aclint_swi_create(MemoryRegion *parent, hwaddr base,
                                CPUState **harts, unsigned nb_harts,
                                bool sswi)
{
    Device *dev = device_new_class(&aclint_swi_class);
    RISCVAclintSwi *s = container_of(dev, RISCVAclintSwi, parent);
    GError *err = NULL;

    s->harts = g_new0(CPUState *, nb_harts ? nb_harts : 1);
    memcpy(s->harts, harts, nb_harts * sizeof(CPUState *));
    s->nb_harts = nb_harts;
    s->sswi = sswi;
    if (!device_realize(dev, &err)) {
        g_error("%s", err->message);
    }
    memory_region_add_subregion(parent, base, &s->mmio);
    return dev;
}

/* ---- MTIMER ----------------------------------------------------------- */

enum RISCVAclintMtimerReg {
    ACLINT_MTIMECMP,            /* timecmp_off + 8 * hart, 64 bits */
    ACLINT_MTIME,               /* time_off, 64 bits */
};

typedef struct RISCVAclintMtimer RISCVAclintMtimer;

/* What a per-hart timer callback needs to find its comparator. */
typedef struct MtimerHart {
    RISCVAclintMtimer *mtimer;
    uint32_t index;
    Timer *timer;
} MtimerHart;

struct RISCVAclintMtimer {
    Device parent;
    MemoryRegion mmio;
    CPUState **harts;
    uint32_t nb_harts;
    uint64_t size;
    uint64_t timecmp_off;
    uint64_t time_off;
    uint64_t timebase_freq;

    /* mtime = ticks of the virtual clock + time_delta (guest writes). */
    int64_t time_delta;
    uint64_t *timecmp;          /* [nb_harts] */
    MtimerHart *hart;           /* [nb_harts] */
};

static uint64_t ns_to_ticks(RISCVAclintMtimer *s, int64_t ns)
{
    return (unsigned __int128)(uint64_t)ns * s->timebase_freq /
           NANOSECONDS_PER_SECOND;
}

static uint64_t mtimer_time_at(RISCVAclintMtimer *s, int64_t ns)
{
    int64_t delta = __atomic_load_n(&s->time_delta, __ATOMIC_RELAXED);

    return ns_to_ticks(s, ns) + (uint64_t)delta;
}

static uint64_t mtimer_rdtime(void *opaque)
{
    RISCVAclintMtimer *s = opaque;

    return mtimer_time_at(s, clock_get_ns(CLOCK_VIRTUAL_NS));
}

/*
 * Level of M_TIMER for one hart: raised while mtime >= mtimecmp; while
 * it is in the future, a timer fires when mtime gets there.
 */
static void mtimer_update_hart(RISCVAclintMtimer *s, uint32_t i)
{
    int64_t now_ns = clock_get_ns(CLOCK_VIRTUAL_NS);
    uint64_t now = mtimer_time_at(s, now_ns);
    uint64_t cmp = s->timecmp[i];
    unsigned __int128 wait_ns;

    if (cmp <= now) {
        timer_del(s->hart[i].timer);
        riscv_cpu_set_irq(s->harts[i], RISCV_IRQ_M_TIMER, 1);
        return;
    }
    riscv_cpu_set_irq(s->harts[i], RISCV_IRQ_M_TIMER, 0);
    /* Round up so the timer never fires a tick early. */
    wait_ns = ((unsigned __int128)(cmp - now) * NANOSECONDS_PER_SECOND +
               s->timebase_freq - 1) / s->timebase_freq;
    if (wait_ns > (unsigned __int128)(INT64_MAX - now_ns)) {
        /* Beyond the end of the host's time: never. */
        timer_del(s->hart[i].timer);
        return;
    }
    timer_mod_ns(s->hart[i].timer, now_ns + (int64_t)wait_ns);
}

static void mtimer_timer_cb(void *opaque)
{
    MtimerHart *h = opaque;

    mtimer_update_hart(h->mtimer, h->index);
}

static void mtimer_set_time(RISCVAclintMtimer *s, uint64_t val)
{
    int64_t now_ns = clock_get_ns(CLOCK_VIRTUAL_NS);

    __atomic_store_n(&s->time_delta, (int64_t)(val - ns_to_ticks(s, now_ns)),
                     __ATOMIC_RELAXED);
    for (uint32_t i = 0; i < s->nb_harts; i++) {
        mtimer_update_hart(s, i);
    }
}

/* Which 64-bit register addr falls in, its hart and byte offset in it. */
static int mtimer_decode(RISCVAclintMtimer *s, hwaddr addr, uint32_t *hart,
                         unsigned *shift)
{
    if (addr >= s->time_off && addr - s->time_off < 8) {
        *shift = (addr - s->time_off) * 8;
        return ACLINT_MTIME;
    }
    if (addr >= s->timecmp_off &&
        addr - s->timecmp_off < 8ull * s->nb_harts) {
        *hart = (addr - s->timecmp_off) / 8;
        *shift = (addr - s->timecmp_off) % 8 * 8;
        return ACLINT_MTIMECMP;
    }
    return -1;
}

/* A 32-bit access sees one half; a 64-bit one must be aligned. */
static bool mtimer_access_ok(unsigned size, unsigned shift)
{
    return (size == 4 && (shift == 0 || shift == 32)) ||
           (size == 8 && shift == 0);
}

static uint64_t aclint_mtimer_read(void *opaque, hwaddr addr, unsigned size)
{
    RISCVAclintMtimer *s = opaque;
    uint32_t hart = 0;
    unsigned shift = 0;
    int reg = mtimer_decode(s, addr, &hart, &shift);
    uint64_t val;

    if (reg < 0 || !mtimer_access_ok(size, shift)) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "riscv_aclint_mtimer: bad read of %u bytes at 0x%"
                      PRIx64 "\n", size, addr);
        return 0;
    }
    switch (reg) {
    case ACLINT_MTIME:
        val = mtimer_rdtime(s);
        break;
    case ACLINT_MTIMECMP:
        val = s->timecmp[hart];
        break;
    default:
        return 0;
    }
    val >>= shift;
    return size == 4 ? (uint32_t)val : val;
}

static uint64_t deposit_half(uint64_t old, uint64_t val, unsigned size,
                             unsigned shift)
{
    if (size == 8) {
        return val;
    }
    old &= ~(0xffffffffull << shift);
    return old | ((val & 0xffffffffull) << shift);
}

static void aclint_mtimer_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    RISCVAclintMtimer *s = opaque;
    uint32_t hart = 0;
    unsigned shift = 0;
    int reg = mtimer_decode(s, addr, &hart, &shift);

    if (reg < 0 || !mtimer_access_ok(size, shift)) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "riscv_aclint_mtimer: bad write of %u bytes at 0x%"
                      PRIx64 "\n", size, addr);
        return;
    }
    switch (reg) {
    case ACLINT_MTIME:
        mtimer_set_time(s, deposit_half(mtimer_rdtime(s), val, size, shift));
        break;
    case ACLINT_MTIMECMP:
        s->timecmp[hart] = deposit_half(s->timecmp[hart], val, size, shift);
        mtimer_update_hart(s, hart);
        break;
    default:
        break;
    }
}

static const MemoryRegionOps aclint_mtimer_ops = {
    .read = aclint_mtimer_read,
    .write = aclint_mtimer_write,
    .min_access_size = 4,
    .max_access_size = 8,
};

static void aclint_mtimer_reset(Device *dev)
{
    RISCVAclintMtimer *s = container_of(dev, RISCVAclintMtimer, parent);

    /* The ACLINT spec clears mtime; mtimecmp is unspecified: keep the
     * timer interrupt quiet until the guest programs it. */
    for (uint32_t i = 0; i < s->nb_harts; i++) {
        s->timecmp[i] = UINT64_MAX;
    }
    mtimer_set_time(s, 0);
}

static bool aclint_mtimer_realize(Device *dev, GError **errp)
{
    RISCVAclintMtimer *s = container_of(dev, RISCVAclintMtimer, parent);

    if (s->timebase_freq == 0) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "riscv_aclint_mtimer: timebase-freq must not be 0");
        return false;
    }
    s->timecmp = g_new0(uint64_t, s->nb_harts ? s->nb_harts : 1);
    s->hart = g_new0(MtimerHart, s->nb_harts ? s->nb_harts : 1);
    for (uint32_t i = 0; i < s->nb_harts; i++) {
        s->timecmp[i] = UINT64_MAX;
        s->hart[i].mtimer = s;
        s->hart[i].index = i;
        s->hart[i].timer = timer_new_ns(CLOCK_VIRTUAL_NS, mtimer_timer_cb,
                                        &s->hart[i]);
    }
    memory_region_init_io(&s->mmio, &aclint_mtimer_ops, s,
                          "riscv.aclint.mtimer", s->size);
    return true;
}

static const Property aclint_mtimer_props[] = {
    DEFINE_PROP("timebase-freq", PROP_UINT64, RISCVAclintMtimer,
                timebase_freq, "10000000"),
    DEFINE_PROP("aperture-size", PROP_UINT64, RISCVAclintMtimer, size,
                "0x8000"),
    DEFINE_PROP("timecmp-base", PROP_UINT64, RISCVAclintMtimer, timecmp_off,
                "0x0"),
    DEFINE_PROP("time-base", PROP_UINT64, RISCVAclintMtimer, time_off,
                "0x7ff8"),
    { .name = NULL },
};

static const DeviceClass aclint_mtimer_class = {
    .name = "riscv.aclint.mtimer",
    .desc = "RISC-V ACLINT machine timer",
    .instance_size = sizeof(RISCVAclintMtimer),
    .props = aclint_mtimer_props,
    .realize = aclint_mtimer_realize,
    .reset = aclint_mtimer_reset,
};

Device *riscv_aclint_mtimer_create(MemoryRegion *parent, hwaddr base,
                                   hwaddr size, CPUState **harts,
                                   unsigned nb_harts, hwaddr timecmp_off,
                                   hwaddr time_off, uint64_t timebase_freq)
{
    Device *dev = device_new_class(&aclint_mtimer_class);
    RISCVAclintMtimer *s = container_of(dev, RISCVAclintMtimer, parent);
    GError *err = NULL;

    s->harts = g_new0(CPUState *, nb_harts ? nb_harts : 1);
    memcpy(s->harts, harts, nb_harts * sizeof(CPUState *));
    s->nb_harts = nb_harts;
    s->size = size;
    s->timecmp_off = timecmp_off;
    s->time_off = time_off;
    s->timebase_freq = timebase_freq;
    if (!device_realize(dev, &err)) {
        g_error("%s", err->message);
    }
    for (uint32_t i = 0; i < nb_harts; i++) {
        riscv_cpu_set_rdtime_fn(harts[i], mtimer_rdtime, s, timebase_freq);
    }
    memory_region_add_subregion(parent, base, &s->mmio);
    return dev;
}

static void __attribute__((constructor)) riscv_aclint_register(void)
{
    device_class_register(&aclint_swi_class);
    device_class_register(&aclint_mtimer_class);
}
