/* SPDX-License-Identifier: MIT */
/* SiFive PLIC: level-triggered sources, priorities, per-context claim. */
#include "vemu/hw/sifive-plic.h"

#include <inttypes.h>
#include <string.h>

#include "vemu/log.h"
#include "vemu/riscv.h"

#define PLIC_MAX_SOURCES 1024
#define PLIC_WORDS(n) (((n) + 31) / 32)

/* Register blocks and their strides (QEMU virt's layout). */
enum SiFivePLICReg {
    PLIC_PRIORITY_BASE = 0x0,        /* 4 bytes per source */
    PLIC_PENDING_BASE = 0x1000,      /* one bit per source */
    PLIC_ENABLE_BASE = 0x2000,       /* one bitmap per context */
    PLIC_ENABLE_STRIDE = 0x80,
    PLIC_CONTEXT_BASE = 0x200000,    /* one page per context */
    PLIC_CONTEXT_STRIDE = 0x1000,
    PLIC_CONTEXT_THRESHOLD = 0x0,    /* within a context page */
    PLIC_CONTEXT_CLAIM = 0x4,        /* read: claim, write: complete */
};

typedef struct SiFivePLIC {
    Device parent;
    MemoryRegion mmio;

    CPUState **harts;
    uint32_t nb_harts;
    uint32_t num_sources;       /* including the reserved source 0 */
    uint32_t num_priorities;
    uint32_t num_contexts;      /* 2 per hart: M, then S */
    uint32_t words;             /* 32-bit words of a source bitmap */
    IRQ **inputs;

    uint32_t *priority;         /* [num_sources] */
    uint32_t *pending;          /* [words]: the gateways' requests */
    uint32_t *claimed;          /* [words]: in flight, awaiting complete */
    uint32_t *level;            /* [words]: the input lines now */
    uint32_t *enable;           /* [num_contexts * words] */
    uint32_t *threshold;        /* [num_contexts] */
    int8_t *out;                /* [num_contexts]: level sent, -1 unknown */
} SiFivePLIC;

static bool bit_get(const uint32_t *map, uint32_t n)
{
    return (map[n / 32] >> (n % 32)) & 1;
}

static void bit_put(uint32_t *map, uint32_t n, bool v)
{
    if (v) {
        map[n / 32] |= 1u << (n % 32);
    } else {
        map[n / 32] &= ~(1u << (n % 32));
    }
}

/*
 * The best source a context may take: pending, enabled, above the
 * threshold; highest priority first, then the lowest id. 0 if none.
 */
static uint32_t plic_best_source(SiFivePLIC *s, uint32_t ctx)
{
    const uint32_t *en = &s->enable[ctx * s->words];
    uint32_t best = 0;
    uint32_t best_prio = s->threshold[ctx];

    for (uint32_t w = 0; w < s->words; w++) {
        uint32_t bits = s->pending[w] & en[w];

        while (bits) {
            uint32_t src = w * 32 + __builtin_ctz(bits);

            bits &= bits - 1;
            if (s->priority[src] > best_prio) {
                best_prio = s->priority[src];
                best = src;
            }
        }
    }
    return best;
}

/*
 * Drive each context's external interrupt line into its hart; only
 * changes are sent (every UART register access comes through here).
 */
static void plic_update(SiFivePLIC *s)
{
    for (uint32_t ctx = 0; ctx < s->num_contexts; ctx++) {
        int irq = (ctx & 1) ? RISCV_IRQ_S_EXT : RISCV_IRQ_M_EXT;
        int8_t level = plic_best_source(s, ctx) != 0;

        if (s->out[ctx] != level) {
            s->out[ctx] = level;
            riscv_cpu_set_irq(s->harts[ctx / 2], irq, level);
        }
    }
}

/*
 * A level gateway: a high line makes the source pending unless it is in
 * flight; a low line withdraws a request nobody claimed yet.
 */
static void plic_gateway(SiFivePLIC *s, uint32_t src)
{
    bool high = bit_get(s->level, src);

    bit_put(s->pending, src, high && !bit_get(s->claimed, src));
}

static void plic_irq_handler(void *opaque, int n, int level)
{
    SiFivePLIC *s = opaque;

    if (n <= 0 || (uint32_t)n >= s->num_sources) {
        return;
    }
    bit_put(s->level, n, level != 0);
    plic_gateway(s, n);
    plic_update(s);
}

/* Priorities and thresholds are WARL: keep only what is implemented. */
static uint32_t plic_legal_priority(SiFivePLIC *s, uint32_t val)
{
    uint32_t max = s->num_priorities;

    if (((max + 1) & max) == 0) {
        return val & max;
    }
    return val > max ? max : val;
}

static uint32_t plic_claim(SiFivePLIC *s, uint32_t ctx)
{
    uint32_t src = plic_best_source(s, ctx);

    if (src) {
        bit_put(s->pending, src, false);
        bit_put(s->claimed, src, true);
        plic_update(s);
    }
    return src;
}

static void plic_complete(SiFivePLIC *s, uint32_t ctx, uint32_t src)
{
    if (src == 0 || src >= s->num_sources) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "sifive_plic: complete of bad source %" PRIu32
                      " (context %" PRIu32 ")\n", src, ctx);
        return;
    }
    /* The spec ignores completions for sources not enabled here. */
    if (!bit_get(&s->enable[ctx * s->words], src)) {
        vemu_log_mask(LOG_GUEST_ERROR,
                      "sifive_plic: complete of source %" PRIu32
                      " not enabled for context %" PRIu32 "\n", src, ctx);
        return;
    }
    bit_put(s->claimed, src, false);
    plic_gateway(s, src);
    plic_update(s);
}

static uint64_t sifive_plic_read(void *opaque, hwaddr addr, unsigned size)
{
    SiFivePLIC *s = opaque;

    if (size != 4 || (addr & 3)) {
        goto bad;
    }
    if (addr < PLIC_PENDING_BASE) {
        uint32_t src = (addr - PLIC_PRIORITY_BASE) / 4;

        return src < s->num_sources ? s->priority[src] : 0;
    }
    if (addr < PLIC_ENABLE_BASE) {
        uint32_t w = (addr - PLIC_PENDING_BASE) / 4;

        return w < s->words ? s->pending[w] : 0;
    }
    if (addr < PLIC_CONTEXT_BASE) {
        uint32_t ctx = (addr - PLIC_ENABLE_BASE) / PLIC_ENABLE_STRIDE;
        uint32_t w = (addr - PLIC_ENABLE_BASE) % PLIC_ENABLE_STRIDE / 4;

        if (ctx < s->num_contexts) {
            return w < s->words ? s->enable[ctx * s->words + w] : 0;
        }
        goto bad;
    } else {
        uint32_t ctx = (addr - PLIC_CONTEXT_BASE) / PLIC_CONTEXT_STRIDE;
        uint32_t reg = (addr - PLIC_CONTEXT_BASE) % PLIC_CONTEXT_STRIDE;

        if (ctx >= s->num_contexts) {
            goto bad;
        }
        switch (reg) {
        case PLIC_CONTEXT_THRESHOLD:
            return s->threshold[ctx];
        case PLIC_CONTEXT_CLAIM:
            return plic_claim(s, ctx);
        default:
            goto bad;
        }
    }
bad:
    vemu_log_mask(LOG_GUEST_ERROR,
                  "sifive_plic: bad read of %u bytes at 0x%" PRIx64 "\n",
                  size, addr);
    return 0;
}

static void sifive_plic_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    SiFivePLIC *s = opaque;
    uint32_t v = val;

    if (size != 4 || (addr & 3)) {
        goto bad;
    }
    if (addr < PLIC_PENDING_BASE) {
        uint32_t src = (addr - PLIC_PRIORITY_BASE) / 4;

        if (src == 0 || src >= s->num_sources) {
            goto bad;
        }
        s->priority[src] = plic_legal_priority(s, v);
        plic_update(s);
        return;
    }
    if (addr < PLIC_ENABLE_BASE) {
        /* Pending bits follow the gateways only. */
        goto bad;
    }
    if (addr < PLIC_CONTEXT_BASE) {
        uint32_t ctx = (addr - PLIC_ENABLE_BASE) / PLIC_ENABLE_STRIDE;
        uint32_t w = (addr - PLIC_ENABLE_BASE) % PLIC_ENABLE_STRIDE / 4;
        uint32_t mask = ~0u;

        if (ctx >= s->num_contexts || w >= s->words) {
            goto bad;
        }
        /* Source 0 and sources past the last one are hardwired off. */
        if (w == 0) {
            mask &= ~1u;
        }
        if (w == s->words - 1 && s->num_sources % 32) {
            mask &= (1u << (s->num_sources % 32)) - 1;
        }
        s->enable[ctx * s->words + w] = v & mask;
        plic_update(s);
        return;
    } else {
        uint32_t ctx = (addr - PLIC_CONTEXT_BASE) / PLIC_CONTEXT_STRIDE;
        uint32_t reg = (addr - PLIC_CONTEXT_BASE) % PLIC_CONTEXT_STRIDE;

        if (ctx >= s->num_contexts) {
            goto bad;
        }
        switch (reg) {
        case PLIC_CONTEXT_THRESHOLD:
            s->threshold[ctx] = plic_legal_priority(s, v);
            plic_update(s);
            return;
        case PLIC_CONTEXT_CLAIM:
            plic_complete(s, ctx, v);
            return;
        default:
            goto bad;
        }
    }
bad:
    vemu_log_mask(LOG_GUEST_ERROR,
                  "sifive_plic: bad write of %u bytes at 0x%" PRIx64
                  " (0x%" PRIx64 ")\n", size, addr, val);
}

static const MemoryRegionOps sifive_plic_ops = {
    .read = sifive_plic_read,
    .write = sifive_plic_write,
    .min_access_size = 4,
    .max_access_size = 4,
};

static void sifive_plic_reset(Device *dev)
{
    SiFivePLIC *s = container_of(dev, SiFivePLIC, parent);

    memset(s->priority, 0, s->num_sources * sizeof(uint32_t));
    memset(s->claimed, 0, s->words * sizeof(uint32_t));
    memset(s->enable, 0, s->num_contexts * s->words * sizeof(uint32_t));
    memset(s->threshold, 0, s->num_contexts * sizeof(uint32_t));
    /* Send every line's level afresh: the harts were reset too. */
    memset(s->out, -1, s->num_contexts);
    /* The input lines keep their level: the gateways see them again. */
    for (uint32_t src = 1; src < s->num_sources; src++) {
        plic_gateway(s, src);
    }
    plic_update(s);
}

static bool sifive_plic_realize(Device *dev, GError **errp)
{
    SiFivePLIC *s = container_of(dev, SiFivePLIC, parent);

    if (s->num_sources < 2 || s->num_sources > PLIC_MAX_SOURCES) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "sifive_plic: %u sources (2..%u supported)",
                    s->num_sources, PLIC_MAX_SOURCES);
        return false;
    }
    s->num_contexts = s->nb_harts * 2;
    s->words = PLIC_WORDS(s->num_sources);
    s->priority = g_new0(uint32_t, s->num_sources);
    s->pending = g_new0(uint32_t, s->words);
    s->claimed = g_new0(uint32_t, s->words);
    s->level = g_new0(uint32_t, s->words);
    s->enable = g_new0(uint32_t, s->num_contexts * s->words);
    s->threshold = g_new0(uint32_t, s->num_contexts);
    s->out = g_new(int8_t, s->num_contexts);
    memset(s->out, -1, s->num_contexts);
    s->inputs = irq_new_array(plic_irq_handler, s, s->num_sources);
    memory_region_init_io(&s->mmio, &sifive_plic_ops, s, "sifive_plic",
                          SIFIVE_PLIC_SIZE(s->nb_harts));
    return true;
}

static const Property sifive_plic_props[] = {
    DEFINE_PROP("num-sources", PROP_UINT32, SiFivePLIC, num_sources, "96"),
    DEFINE_PROP("num-priorities", PROP_UINT32, SiFivePLIC, num_priorities,
                "7"),
    { .name = NULL },
};

static const DeviceClass sifive_plic_class = {
    .name = "riscv.sifive.plic",
    .desc = "SiFive platform-level interrupt controller",
    .instance_size = sizeof(SiFivePLIC),
    .props = sifive_plic_props,
    .realize = sifive_plic_realize,
    .reset = sifive_plic_reset,
};

Device *sifive_plic_create(MemoryRegion *parent, hwaddr base,
                           CPUState **harts, unsigned nb_harts,
                           unsigned num_sources, unsigned num_priorities)
{
    Device *dev = device_new_class(&sifive_plic_class);
    SiFivePLIC *s = container_of(dev, SiFivePLIC, parent);
    GError *err = NULL;

    s->harts = g_new0(CPUState *, nb_harts);
    memcpy(s->harts, harts, nb_harts * sizeof(CPUState *));
    s->nb_harts = nb_harts;
    s->num_sources = num_sources;
    s->num_priorities = num_priorities;
    if (!device_realize(dev, &err)) {
        g_error("%s", err->message);
    }
    memory_region_add_subregion(parent, base, &s->mmio);
    return dev;
}

IRQ *sifive_plic_irq(Device *plic, unsigned source)
{
    SiFivePLIC *s = container_of(plic, SiFivePLIC, parent);

    if (source == 0 || source >= s->num_sources) {
        return NULL;
    }
    return s->inputs[source];
}

static void __attribute__((constructor)) sifive_plic_register(void)
{
    device_class_register(&sifive_plic_class);
}
