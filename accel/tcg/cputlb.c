/* SPDX-License-Identifier: MIT */
/*
 * The softmmu TLB: entries filled by the target's page walk, the slow
 * paths of generated loads and stores (misses, MMIO, code pages,
 * misaligned and page-crossing accesses), helpers' accesses, and code
 * fetch for the translator.
 */
#include <string.h>

#include <inttypes.h>

#include <glib.h>

#include "accel/tcg/internal.h"
#include "vemu/accel.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"
#include "vemu/debug.h"
#include "vemu/softmmu.h"
#include "vemu/target.h"

/* ---- code pages --------------------------------------------------------- */

/*
 * ram_addr pages holding translated code (tlb_protect_code): one bit per
 * page, in 1 GiB chunks allocated on first use. Every TLB fill asks, so
 * reads take no lock; bits change with atomic operations.
 */
#define CODE_CHUNK_BITS 30
#define CODE_CHUNKS 4096                 /* 4 TiB of ram_addr space */
#define CODE_CHUNK_WORDS ((1u << (CODE_CHUNK_BITS - TARGET_PAGE_BITS)) / 64)
static uint64_t *code_chunks[CODE_CHUNKS];

/* The bitmap word of ram_page (NULL if its chunk has none, unless create). */
static uint64_t *code_word(uint64_t ram_page, bool create)
{
    uint64_t c = ram_page >> CODE_CHUNK_BITS;
    uint64_t *chunk;

    if (c >= CODE_CHUNKS) {
        return NULL;
    }
    chunk = __atomic_load_n(&code_chunks[c], __ATOMIC_ACQUIRE);
    if (!chunk && create) {
        uint64_t *fresh = g_new0(uint64_t, CODE_CHUNK_WORDS);

        if (__atomic_compare_exchange_n(&code_chunks[c], &chunk, fresh, false,
                                        __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            chunk = fresh;
        } else {
            g_free(fresh);      /* another thread won: use its chunk */
        }
    }
    if (!chunk) {
        return NULL;
    }
    return &chunk[((ram_page >> TARGET_PAGE_BITS) &
                   ((1u << (CODE_CHUNK_BITS - TARGET_PAGE_BITS)) - 1)) / 64];
}

static inline uint64_t code_bit(uint64_t ram_page)
{
    return 1ull << ((ram_page >> TARGET_PAGE_BITS) % 64);
}

static bool ram_page_has_code(uint64_t ram_page)
{
    uint64_t *w = code_word(ram_page, false);

    return w && (__atomic_load_n(w, __ATOMIC_ACQUIRE) & code_bit(ram_page));
}

static void tlb_entry_set_notdirty(CPUTLBEntry *e, const CPUTLBEntryFull *f,
                                   uint64_t ram_page)
{
    uint64_t w = __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED);

    if (w != (uint64_t)-1 && !(w & TLB_MMIO) && f->ram_addr == ram_page) {
        __atomic_fetch_or(&e->addr_write, TLB_NOTDIRTY, __ATOMIC_RELAXED);
    }
}

void tlb_protect_code(uint64_t ram_addr)
{
    uint64_t page = ram_addr & TARGET_PAGE_MASK;
    uint64_t *w = code_word(page, true);

    if (!w || (__atomic_fetch_or(w, code_bit(page), __ATOMIC_ACQ_REL) &
               code_bit(page))) {
        return;     /* already protected (or outside any RAM) */
    }

    /*
     * Every vCPU's writable mapping of the page must take the slow path
     * from now on. Setting a flag bit in a running vCPU's entry is safe:
     * at worst one store takes the slow path needlessly.
     */
    cpu_list_lock();
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        CPUTLB *tlb = cpu->tlb;

        if (!tlb) {
            continue;
        }
        for (int m = 0; m < NB_MMU_MODES; m++) {
            CPUTLBDesc *d = &tlb->d[m];

            for (unsigned i = 0; i < CPU_TLB_SIZE; i++) {
                tlb_entry_set_notdirty(&d->table[i], &d->full[i], page);
            }
            for (unsigned i = 0; i < CPU_VTLB_SIZE; i++) {
                tlb_entry_set_notdirty(&d->vtable[i], &d->vfull[i], page);
            }
        }
    }
    cpu_list_unlock();
}

static void tlb_unprotect_code(uint64_t ram_page)
{
    uint64_t *w = code_word(ram_page, false);

    if (w) {
        __atomic_fetch_and(w, ~code_bit(ram_page), __ATOMIC_ACQ_REL);
    }
}

/* A write to RAM that bypassed the TLB (DMA, loaders, debugger). */
static void tlb_ram_write_notify(uint64_t ram_addr, uint64_t len)
{
    uint64_t end = ram_addr + len;

    for (uint64_t p = ram_addr & TARGET_PAGE_MASK; p < end;
         p += TARGET_PAGE_SIZE) {
        if (ram_page_has_code(p)) {
            tb_invalidate_range(p, p + TARGET_PAGE_SIZE);
            tlb_unprotect_code(p);
        }
    }
}

/* ---- tables -------------------------------------------------------------- */

static void tlb_desc_flush(CPUTLBDesc *d)
{
    memset(d->table, 0xff, sizeof(d->table));
    memset(d->vtable, 0xff, sizeof(d->vtable));
    d->large_page_addr = (vaddr)-1;
    d->large_page_mask = (vaddr)-1;
}

void tlb_init(CPUState *cpu)
{
    cpu->tlb = g_new0(CPUTLB, 1);
    for (int m = 0; m < NB_MMU_MODES; m++) {
        tlb_desc_flush(&cpu->tlb->d[m]);
        cpu->tlb_fast[m].mask =
            (uintptr_t)(CPU_TLB_SIZE - 1) << CPU_TLB_ENTRY_BITS;
        cpu->tlb_fast[m].table = cpu->tlb->d[m].table;
    }
    ram_write_notify = tlb_ram_write_notify;
}

void tlb_destroy(CPUState *cpu)
{
    g_free(cpu->tlb);
    cpu->tlb = NULL;
}

/*
 * Every mapping may have changed: start a new epoch, so that each entry
 * is checked against the new mappings before its next use (KPTI flushes
 * on every kernel entry and exit, and the same TBs run again after). When
 * the epoch wraps, entries as old as the new epoch go for real.
 */
static void tb_jmp_cache_clear(CPUState *cpu)
{
    cpu->tb_jmp_epoch = (cpu->tb_jmp_epoch + 1) & ~TARGET_PAGE_MASK;
    if (cpu->tb_jmp_epoch) {
        return;
    }
    for (unsigned i = 0; i < TB_JMP_CACHE_SIZE; i++) {
        __atomic_store_n(&cpu->tb_jmp_cache[i].tb, NULL, __ATOMIC_RELAXED);
    }
}

/* Entries for TBs that may start on the page (or the one before it,
 * since a TB can run into the next page). */
static void tb_jmp_cache_clear_page(CPUState *cpu, vaddr page)
{
    vaddr pages[2] = { page, page - TARGET_PAGE_SIZE };

    for (int k = 0; k < 2; k++) {
        TBJmpCacheEntry *group =
            &cpu->tb_jmp_cache[tb_jmp_cache_page_group(pages[k])];

        for (unsigned i = 0; i <= TB_JMP_ADDR_MASK; i++) {
            if ((group[i].tag & TARGET_PAGE_MASK) == pages[k]) {
                __atomic_store_n(&group[i].tb, NULL, __ATOMIC_RELAXED);
            }
        }
    }
}

void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    if (!cpu->tlb) {
        return;
    }
    idxmap &= cpu->tlb->used_idx;
    for (int m = 0; m < NB_MMU_MODES; m++) {
        if (idxmap & (1u << m)) {
            tlb_desc_flush(&cpu->tlb->d[m]);
        }
    }
    cpu->tlb->used_idx &= ~idxmap;
    tb_jmp_cache_clear(cpu);
}

void tlb_flush(CPUState *cpu)
{
    cpu->tlb_flush_pending = false;
    tlb_flush_by_mmuidx(cpu, (1u << NB_MMU_MODES) - 1);
}

void tlb_flush_async(CPUState *cpu)
{
    cpu->tlb_flush_pending = true;
    cpu_interrupt(cpu, CPU_INTERRUPT_EXITTB);
}

static bool tlb_hit_page(uint64_t tag, vaddr page)
{
    return tag != (uint64_t)-1 &&
           (tag & (TARGET_PAGE_MASK | TLB_INVALID_MASK)) == page;
}

/* Whether tag maps the page, comparing only the address bits in mask. */
static bool tlb_hit_page_masked(uint64_t tag, vaddr page, vaddr mask)
{
    return tag != (uint64_t)-1 &&
           ((tag ^ page) & mask & (TARGET_PAGE_MASK | TLB_INVALID_MASK)) == 0;
}

static bool tlb_entry_is_page(const CPUTLBEntry *e, vaddr page, vaddr mask)
{
    return tlb_hit_page_masked(e->addr_read, page, mask) ||
           tlb_hit_page_masked(e->addr_write, page, mask) ||
           tlb_hit_page_masked(e->addr_code, page, mask);
}

/*
 * Only the low bits of the address identify the page: entries made for
 * any value of the bits above (AArch64 top-byte-ignore tags) go too.
 * They share the page's slot in the main table, which is indexed by low
 * bits, and the victim table is searched whole anyway.
 */
void tlb_flush_page_bits_by_mmuidx(CPUState *cpu, vaddr addr,
                                   uint16_t idxmap, unsigned bits)
{
    vaddr page = addr & TARGET_PAGE_MASK;
    vaddr mask = bits >= 64 ? (vaddr)-1 : ((vaddr)1 << bits) - 1;

    if (!cpu->tlb) {
        return;
    }
    idxmap &= cpu->tlb->used_idx;
    for (int m = 0; m < NB_MMU_MODES; m++) {
        CPUTLBDesc *d = &cpu->tlb->d[m];
        unsigned i = (page >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1);

        if (!(idxmap & (1u << m))) {
            continue;
        }
        /* Inside a large page: its small entries are anywhere. */
        if (((page ^ d->large_page_addr) & d->large_page_mask & mask) == 0) {
            tlb_desc_flush(d);
            continue;
        }
        if (tlb_entry_is_page(&d->table[i], page, mask)) {
            memset(&d->table[i], 0xff, sizeof(d->table[i]));
        }
        for (unsigned v = 0; v < CPU_VTLB_SIZE; v++) {
            if (tlb_entry_is_page(&d->vtable[v], page, mask)) {
                memset(&d->vtable[v], 0xff, sizeof(d->vtable[v]));
            }
        }
    }
    tb_jmp_cache_clear_page(cpu, page);
}

void tlb_flush_page_by_mmuidx(CPUState *cpu, vaddr addr, uint16_t idxmap)
{
    tlb_flush_page_bits_by_mmuidx(cpu, addr, idxmap, 64);
}

void tlb_flush_page(CPUState *cpu, vaddr addr)
{
    tlb_flush_page_by_mmuidx(cpu, addr, (1u << NB_MMU_MODES) - 1);
}

static void tlb_add_large_page(CPUTLBDesc *d, vaddr va, uint64_t size)
{
    vaddr mask = ~(size - 1);

    if (d->large_page_addr == (vaddr)-1) {
        d->large_page_addr = va & mask;
        d->large_page_mask = mask;
        return;
    }
    /* Widen the range to cover both pages. */
    mask &= d->large_page_mask;
    while (((d->large_page_addr ^ va) & mask) != 0) {
        mask <<= 1;
    }
    d->large_page_mask = mask;
    d->large_page_addr &= mask;
}

void tlb_set_page(CPUState *cpu, vaddr va, hwaddr pa, int prot, int mmu_idx,
                  uint64_t size)
{
    CPUTLBDesc *d = &cpu->tlb->d[mmu_idx];
    vaddr page = va & TARGET_PAGE_MASK;
    unsigned i = (page >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1);
    CPUTLBEntry *e = &d->table[i];
    CPUTLBEntryFull *f = &d->full[i];
    hwaddr phys = pa & TARGET_PAGE_MASK;
    hwaddr xlat, plen = TARGET_PAGE_SIZE;
    MemoryRegion *mr;
    uint64_t flags = 0, wflags = 0;
    uintptr_t addend = 0;

    cpu->tlb->used_idx |= 1u << mmu_idx;

    if (size > TARGET_PAGE_SIZE) {
        tlb_add_large_page(d, va, size);
    } else if (size < TARGET_PAGE_SIZE) {
        /* Rights finer than a page (PMP): good for this access only. */
        flags |= TLB_INVALID_MASK;
    }
    /* Keep the evicted entry as a victim (a cheap second chance). */
    if (e->addr_read != (uint64_t)-1 || e->addr_write != (uint64_t)-1 ||
        e->addr_code != (uint64_t)-1) {
        if (!tlb_entry_is_page(e, page, (vaddr)-1)) {
            unsigned v = d->vindex++ % CPU_VTLB_SIZE;
            d->vtable[v] = *e;
            d->vfull[v] = *f;
        }
    }

    mr = address_space_translate(cpu->as, phys, &xlat, &plen);
    f->phys = phys;
    f->prot = prot;
    f->mr = mr;
    f->mr_offset = xlat;
    f->ram_addr = (uint64_t)-1;
    if (mr && (mr->type == MR_RAM || mr->type == MR_ROM) &&
        plen >= TARGET_PAGE_SIZE) {
        f->ram_addr = mr->ram_addr + xlat;
        addend = (uintptr_t)(mr->ram_ptr + xlat) - (uintptr_t)page;
        if (mr->type == MR_ROM) {
            wflags = TLB_MMIO;          /* writes ignored by dispatch */
        } else if (ram_page_has_code(f->ram_addr)) {
            wflags = TLB_NOTDIRTY;
        }
    } else {
        /* Devices, holes and pages shared by several regions. */
        flags |= TLB_MMIO;
    }
    e->addend = addend;
    if (cpu_watchpoint_on_page(cpu, page, TARGET_PAGE_SIZE)) {
        /* Data accesses take the slow path, which checks the ranges. */
        uint64_t code_flags = flags;

        flags |= TLB_WATCHPOINT;
        e->addr_read = (prot & PAGE_READ) ? page | flags : (uint64_t)-1;
        e->addr_write = (prot & PAGE_WRITE) ? page | flags | wflags
                                            : (uint64_t)-1;
        e->addr_code = (prot & PAGE_EXEC) ? page | code_flags
                                          : (uint64_t)-1;
        return;
    }
    e->addr_read = (prot & PAGE_READ) ? page | flags : (uint64_t)-1;
    e->addr_write = (prot & PAGE_WRITE) ? page | flags | wflags
                                        : (uint64_t)-1;
    e->addr_code = (prot & PAGE_EXEC) ? page | flags : (uint64_t)-1;
}

/* ---- lookup -------------------------------------------------------------- */

static inline uint64_t tlb_tag(const CPUTLBEntry *e, MMUAccessType type)
{
    switch (type) {
    case MMU_DATA_LOAD:
        return e->addr_read;
    case MMU_DATA_STORE:
        return __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED);
    default:
        return e->addr_code;
    }
}

/* Find the entry in the victim TLB and swap it back in. */
static bool victim_tlb_hit(CPUTLBDesc *d, unsigned i, vaddr page,
                           MMUAccessType type)
{
    for (unsigned v = 0; v < CPU_VTLB_SIZE; v++) {
        if (tlb_hit_page(tlb_tag(&d->vtable[v], type), page)) {
            CPUTLBEntry te = d->table[i];
            CPUTLBEntryFull tf = d->full[i];

            d->table[i] = d->vtable[v];
            d->full[i] = d->vfull[v];
            d->vtable[v] = te;
            d->vfull[v] = tf;
            return true;
        }
    }
    return false;
}

/*
 * The entry for addr, filling it through the target on a miss (which
 * raises the guest fault unless probe). NULL only for a failed probe.
 */
static CPUTLBEntry *tlb_lookup(CPUState *cpu, vaddr addr, int size,
                               MMUAccessType type, int mmu_idx, bool probe,
                               uintptr_t ra, CPUTLBEntryFull **full)
{
    CPUTLBDesc *d = &cpu->tlb->d[mmu_idx];
    vaddr page = addr & TARGET_PAGE_MASK;
    unsigned i = (page >> TARGET_PAGE_BITS) & (CPU_TLB_SIZE - 1);

    if (cpu->tlb_flush_pending) {
        tlb_flush(cpu);
    }
    if (!tlb_hit_page(tlb_tag(&d->table[i], type), page) &&
        !victim_tlb_hit(d, i, page, type)) {
        if (!cpu->target->tlb_fill(cpu, addr, size, type, mmu_idx, probe,
                                   ra)) {
            return NULL;
        }
        /*
         * The fill may have flushed and refilled: look again. A sub-page
         * entry (TLB_INVALID_MASK) serves this one access.
         */
        uint64_t tag = tlb_tag(&d->table[i], type);

        if (tag == (uint64_t)-1 || (tag & TARGET_PAGE_MASK) != page) {
            /* A mapping the TLB cannot hold (fill without set_page). */
            return NULL;
        }
    }
    *full = &d->full[i];
    return &d->table[i];
}

/* ---- the slow path ------------------------------------------------------- */

static uint64_t ram_load(const void *host, MemOp mop)
{
    switch (mop & (MO_SIZE | MO_SIGN)) {
    case MO_UB:
        return *(const uint8_t *)host;
    case MO_SB:
        return (uint64_t)(int64_t)*(const int8_t *)host;
    case MO_UW: {
        uint16_t v;
        memcpy(&v, host, 2);
        return v;
    }
    case MO_SW: {
        int16_t v;
        memcpy(&v, host, 2);
        return (uint64_t)(int64_t)v;
    }
    case MO_UL: {
        uint32_t v;
        memcpy(&v, host, 4);
        return v;
    }
    case MO_SL: {
        int32_t v;
        memcpy(&v, host, 4);
        return (uint64_t)(int64_t)v;
    }
    default: {
        uint64_t v;
        memcpy(&v, host, 8);
        return v;
    }
    }
}

static void ram_store(void *host, MemOp mop, uint64_t v)
{
    switch (mop & MO_SIZE) {
    case MO_8:
        *(uint8_t *)host = (uint8_t)v;
        break;
    case MO_16: {
        uint16_t x = (uint16_t)v;
        memcpy(host, &x, 2);
        break;
    }
    case MO_32: {
        uint32_t x = (uint32_t)v;
        memcpy(host, &x, 4);
        break;
    }
    default:
        memcpy(host, &v, 8);
        break;
    }
}

static uint64_t extend(uint64_t v, MemOp mop)
{
    unsigned bits = 8 * memop_size(mop);

    if (bits == 64) {
        return v;
    }
    v &= (1ull << bits) - 1;
    if (mop & MO_SIGN) {
        v = (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    }
    return v;
}

/* A device access at the physical address the entry maps. */
static uint64_t io_access(CPUState *cpu, CPUTLBEntryFull *f, vaddr addr,
                          uint64_t val, MemOp mop, bool is_write,
                          int mmu_idx, uintptr_t ra)
{
    hwaddr phys = f->phys | (addr & ~TARGET_PAGE_MASK);
    unsigned size = memop_size(mop);
    hwaddr xlat, plen = size;
    bool locked = bql_locked();
    MemoryRegion *mr;
    MemTxResult r = MEMTX_DECODE_ERROR;

    if (!locked) {
        bql_lock();
    }
    mr = address_space_translate(cpu->as, phys, &xlat, &plen);
    if (mr && plen >= size) {
        if (mr->type == MR_IO) {
            r = is_write ? memory_region_dispatch_write(mr, xlat, val, size)
                         : memory_region_dispatch_read(mr, xlat, &val, size);
        } else if (mr->type == MR_RAM || mr->type == MR_ROM) {
            /* RAM in a page shared with devices. */
            if (is_write) {
                if (mr->type == MR_RAM) {
                    ram_store(mr->ram_ptr + xlat, mop, val);
                    tlb_ram_write_notify(mr->ram_addr + xlat, size);
                }
            } else {
                val = ram_load(mr->ram_ptr + xlat, mop);
            }
            r = MEMTX_OK;
        }
    } else if (mr) {
        /* Straddles two regions: byte by byte through the bus. */
        uint8_t buf[8];

        memcpy(buf, &val, 8);
        r = address_space_rw(cpu->as, phys, buf, size, is_write);
        memcpy(&val, buf, 8);
    }
    if (!locked) {
        bql_unlock();
    }
    if (r != MEMTX_OK) {
        if (cpu->target->do_transaction_failed) {
            cpu->target->do_transaction_failed(cpu, phys, addr, size,
                                               is_write ? MMU_DATA_STORE
                                                        : MMU_DATA_LOAD,
                                               mmu_idx, ra);
        }
        val = 0;
    }
    return extend(val, mop);
}

/*
 * Store of size bytes at addr to a RAM page with translated code: drop
 * the TBs it overwrites first. Others on the page stay (code patching,
 * e.g. Linux's ftrace and static keys, touches a few bytes at a time);
 * the page stays protected while it has any.
 */
static void notdirty_write(CPUState *cpu, CPUTLBEntry *e, CPUTLBEntryFull *f,
                           vaddr addr, unsigned size, uintptr_t ra)
{
    uint64_t ram_page = f->ram_addr;

    if (ram_page_has_code(ram_page)) {
        uint64_t start = ram_page + (addr & ~TARGET_PAGE_MASK);
        uint64_t end = MIN(start + size, ram_page + TARGET_PAGE_SIZE);
        bool dropped;
        bool left = tb_invalidate_written(ram_page, start, end, &dropped);

        if (!left) {
            tlb_unprotect_code(ram_page);
        }
        /* If the running TB was overwritten, rerun the store alone. */
        if (dropped && ra) {
            tb_exit_if_running_invalid(cpu, ra - 1);
        }
        if (left) {
            return;     /* the page keeps code: stores stay on this path */
        }
    }
    __atomic_fetch_and(&e->addr_write, ~(uint64_t)TLB_NOTDIRTY,
                       __ATOMIC_RELAXED);
}

static uint64_t load_bytewise(CPUState *cpu, vaddr addr, MemOp mop,
                              int mmu_idx, uintptr_t ra);
static void store_bytewise(CPUState *cpu, vaddr addr, uint64_t val,
                           MemOp mop, int mmu_idx, uintptr_t ra);

static uint64_t load_mmu(CPUState *cpu, vaddr addr, MemOp mop, int mmu_idx,
                         uintptr_t ra)
{
    unsigned size = memop_size(mop);
    CPUTLBEntryFull *f;
    CPUTLBEntry *e;

    if (addr & (size - 1)) {
        if (mop & MO_ALIGN) {
            cpu->target->do_unaligned_access(cpu, addr, MMU_DATA_LOAD,
                                             mmu_idx, ra);
        }
        if (((addr ^ (addr + size - 1)) & TARGET_PAGE_MASK) != 0) {
            return load_bytewise(cpu, addr, mop, mmu_idx, ra);
        }
    }
    e = tlb_lookup(cpu, addr, size, MMU_DATA_LOAD, mmu_idx, false, ra, &f);
    if (!e) {
        return 0;
    }
    if (e->addr_read & TLB_WATCHPOINT) {
        cpu_check_watchpoint(cpu, addr, size, BP_MEM_READ, ra);
    }
    if (e->addr_read & TLB_MMIO) {
        return io_access(cpu, f, addr, 0, mop, false, mmu_idx, ra);
    }
    return ram_load((void *)(uintptr_t)(addr + e->addend), mop);
}

static void store_mmu(CPUState *cpu, vaddr addr, uint64_t val, MemOp mop,
                      int mmu_idx, uintptr_t ra)
{
    unsigned size = memop_size(mop);
    CPUTLBEntryFull *f;
    CPUTLBEntry *e;
    uint64_t tag;

    if (addr & (size - 1)) {
        if (mop & MO_ALIGN) {
            cpu->target->do_unaligned_access(cpu, addr, MMU_DATA_STORE,
                                             mmu_idx, ra);
        }
        if (((addr ^ (addr + size - 1)) & TARGET_PAGE_MASK) != 0) {
            store_bytewise(cpu, addr, val, mop, mmu_idx, ra);
            return;
        }
    }
    e = tlb_lookup(cpu, addr, size, MMU_DATA_STORE, mmu_idx, false, ra, &f);
    if (!e) {
        return;
    }
    tag = __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED);
    if (tag & TLB_WATCHPOINT) {
        cpu_check_watchpoint(cpu, addr, size, BP_MEM_WRITE, ra);
    }
    if (tag & TLB_MMIO) {
        if (f->ram_addr != (uint64_t)-1) {
            return;     /* ROM: the write is ignored */
        }
        io_access(cpu, f, addr, val, mop, true, mmu_idx, ra);
        return;
    }
    if (tag & TLB_NOTDIRTY) {
        notdirty_write(cpu, e, f, addr, size, ra);
    }
    ram_store((void *)(uintptr_t)(addr + e->addend), mop, val);
}

/*
 * Accesses crossing a page: check both pages first (a fault on the second
 * must leave memory untouched), then go a byte at a time.
 */
static uint64_t load_bytewise(CPUState *cpu, vaddr addr, MemOp mop,
                              int mmu_idx, uintptr_t ra)
{
    unsigned size = memop_size(mop);
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        v |= load_mmu(cpu, addr + i, MO_UB, mmu_idx, ra) << (8 * i);
    }
    return extend(v, mop);
}

static void store_bytewise(CPUState *cpu, vaddr addr, uint64_t val,
                           MemOp mop, int mmu_idx, uintptr_t ra)
{
    unsigned size = memop_size(mop);
    vaddr last = addr + size - 1;
    CPUTLBEntryFull *f;

    tlb_lookup(cpu, addr, 1, MMU_DATA_STORE, mmu_idx, false, ra, &f);
    tlb_lookup(cpu, last, 1, MMU_DATA_STORE, mmu_idx, false, ra, &f);
    for (unsigned i = 0; i < size; i++) {
        store_mmu(cpu, addr + i, (val >> (8 * i)) & 0xff, MO_UB, mmu_idx,
                  ra);
    }
}

uint64_t helper_ld_mmu(void *env, uint64_t addr, uint32_t oi,
                       uintptr_t retaddr)
{
    return load_mmu(env, addr, get_memop(oi), get_mmuidx(oi), retaddr);
}

void helper_st_mmu(void *env, uint64_t addr, uint64_t val, uint32_t oi,
                   uintptr_t retaddr)
{
    store_mmu(env, addr, val, get_memop(oi), get_mmuidx(oi), retaddr);
}

uint64_t cpu_ld_mmu(CPUState *cpu, vaddr addr, MemOpIdx oi, uintptr_t ra)
{
    return load_mmu(cpu, addr, get_memop(oi), get_mmuidx(oi), ra);
}

void cpu_st_mmu(CPUState *cpu, vaddr addr, uint64_t val, MemOpIdx oi,
                uintptr_t ra)
{
    store_mmu(cpu, addr, val, get_memop(oi), get_mmuidx(oi), ra);
}

void *probe_access(CPUState *cpu, vaddr addr, unsigned size,
                   MMUAccessType access, int mmu_idx, uintptr_t ra)
{
    CPUTLBEntryFull *f;
    CPUTLBEntry *e;
    uint64_t tag;

    if (!softmmu_enabled) {
        return user_probe_access(cpu, addr, size, access, ra);
    }
    e = tlb_lookup(cpu, addr, size, access, mmu_idx, false, ra, &f);
    if (!e) {
        return NULL;
    }
    tag = tlb_tag(e, access);
    if (tag & TLB_WATCHPOINT) {
        cpu_check_watchpoint(cpu, addr, size,
                             access == MMU_DATA_STORE ? BP_MEM_WRITE
                                                      : BP_MEM_READ, ra);
    }
    if (tag & TLB_MMIO) {
        return NULL;
    }
    if (access == MMU_DATA_STORE && (tag & TLB_NOTDIRTY)) {
        notdirty_write(cpu, e, f, addr, size, ra);
    }
    return (void *)(uintptr_t)(addr + e->addend);
}

/* ---- code ---------------------------------------------------------------- */

uint64_t get_page_addr_code(CPUState *cpu, vaddr addr, void **hostp)
{
    int mmu_idx = cpu->target->cpu_mmu_index(cpu, true);
    CPUTLBEntryFull *f;
    CPUTLBEntry *e;

    e = tlb_lookup(cpu, addr, 1, MMU_INST_FETCH, mmu_idx, false, 0, &f);
    if (!e || (e->addr_code & TLB_MMIO) || f->ram_addr == (uint64_t)-1) {
        if (hostp) {
            *hostp = NULL;
        }
        return (uint64_t)-1;
    }
    if (hostp) {
        *hostp = (void *)(uintptr_t)(addr + e->addend);
    }
    return f->ram_addr + (addr & ~TARGET_PAGE_MASK);
}

/* Like get_page_addr_code, without raising: -1 on a fault. */
static uint64_t probe_page_addr_code(CPUState *cpu, vaddr addr, void **hostp)
{
    int mmu_idx = cpu->target->cpu_mmu_index(cpu, true);
    CPUTLBEntryFull *f;
    CPUTLBEntry *e;

    e = tlb_lookup(cpu, addr, 1, MMU_INST_FETCH, mmu_idx, true, 0, &f);
    if (!e || (e->addr_code & TLB_MMIO) || f->ram_addr == (uint64_t)-1) {
        return (uint64_t)-1;
    }
    *hostp = (void *)(uintptr_t)(addr + e->addend);
    return f->ram_addr + (addr & ~TARGET_PAGE_MASK);
}

uint64_t get_page_addr_code_probe(CPUState *cpu, vaddr addr)
{
    void *host;

    return probe_page_addr_code(cpu, addr, &host);
}

/*
 * Whether tb's code is what pc = tb->pc runs now, both of its pages
 * mapped as when it was translated. Never raises: a page that would
 * fault answers no (the caller translates, and faults there).
 */
bool tb_code_mapped(CPUState *cpu, const TranslationBlock *tb)
{
    void *host;
    vaddr next = (tb->pc & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
    uint64_t ram;

    if (probe_page_addr_code(cpu, tb->pc, &host) != tb->phys_pc) {
        return false;
    }
    if (tb->page_addr[1] == (vaddr)-1) {
        return true;
    }
    ram = probe_page_addr_code(cpu, next, &host);
    return ram != (uint64_t)-1 && (ram & TARGET_PAGE_MASK) == tb->page_addr[1];
}

/*
 * Fetch for the translator. The TB's first insn may raise its fetch
 * fault right here (the state is exact: pc is that insn); later insns
 * only probe, so that the TB ends before an insn that would fault.
 */
bool translator_ld_softmmu(CPUState *cpu, TranslationBlock *tb,
                           bool first_insn, vaddr pc, void *dest,
                           unsigned size)
{
    uint8_t *out = dest;

    while (size) {
        vaddr page = pc & TARGET_PAGE_MASK;
        unsigned n = MIN(size, page + TARGET_PAGE_SIZE - pc);
        void *host;
        uint64_t ram = first_insn ? get_page_addr_code(cpu, pc, &host)
                                  : probe_page_addr_code(cpu, pc, &host);
        uint64_t ram_page;

        if (ram == (uint64_t)-1) {
            return false;
        }
        ram_page = ram & TARGET_PAGE_MASK;
        if (tb->page_addr[0] != ram_page && tb->page_addr[1] != ram_page) {
            if (tb->page_addr[0] == (vaddr)-1) {
                tb->page_addr[0] = ram_page;
            } else if (tb->page_addr[1] == (vaddr)-1) {
                tb->page_addr[1] = ram_page;
            } else {
                return false;   /* a TB covers at most two pages */
            }
        }
        memcpy(out, host, n);
        out += n;
        pc += n;
        size -= n;
    }
    return true;
}

bool translator_fetch_softmmu(CPUState *cpu, vaddr pc, void *dest,
                              unsigned size)
{
    uint8_t *out = dest;

    while (size) {
        vaddr page = pc & TARGET_PAGE_MASK;
        unsigned n = MIN(size, page + TARGET_PAGE_SIZE - pc);
        void *host;

        if (probe_page_addr_code(cpu, pc, &host) == (uint64_t)-1) {
            return false;
        }
        memcpy(out, host, n);
        out += n;
        pc += n;
        size -= n;
    }
    return true;
}

void tlb_dump(CPUState *cpu, GString *out)
{
    CPUTLB *tlb = cpu->tlb;
    unsigned n = 0;

    if (!tlb) {
        g_string_append(out, "no softmmu TLB (the accelerator maps guest "
                        "memory itself)\n");
        return;
    }
    for (int m = 0; m < NB_MMU_MODES; m++) {
        const CPUTLBDesc *d = &tlb->d[m];

        for (unsigned i = 0; i < CPU_TLB_SIZE + CPU_VTLB_SIZE; i++) {
            bool victim = i >= CPU_TLB_SIZE;
            const CPUTLBEntry *e = victim ? &d->vtable[i - CPU_TLB_SIZE]
                                          : &d->table[i];
            const CPUTLBEntryFull *f = victim ? &d->vfull[i - CPU_TLB_SIZE]
                                              : &d->full[i];
            uint64_t tags[3] = { e->addr_read, e->addr_write, e->addr_code };
            uint64_t va = (uint64_t)-1, tag = 0;

            for (int k = 0; k < 3 && va == (uint64_t)-1; k++) {
                if (tags[k] != (uint64_t)-1 && !(tags[k] & TLB_INVALID_MASK)) {
                    tag = tags[k];
                    va = tag & TARGET_PAGE_MASK;
                }
            }
            if (va == (uint64_t)-1) {
                continue;
            }
            g_string_append_printf(out, "mmu%d %016" PRIx64 " -> %016" PRIx64
                                   " %c%c%c%s%s\n", m, va,
                                   (uint64_t)f->phys,
                                   (f->prot & PAGE_READ) ? 'r' : '-',
                                   (f->prot & PAGE_WRITE) ? 'w' : '-',
                                   (f->prot & PAGE_EXEC) ? 'x' : '-',
                                   (tag & TLB_MMIO) ? " mmio" : "",
                                   victim ? " (victim)" : "");
            n++;
        }
    }
    g_string_append_printf(out, "%u entries\n", n);
}
