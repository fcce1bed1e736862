/* SPDX-License-Identifier: MIT */
/* Accesses through address spaces: lookup, copy, DMA map, MMIO dispatch. */
#include <inttypes.h>
#include <string.h>

#include "vemu/log.h"
#include "vemu/main-loop.h"
#include "vemu/memory.h"

void (*ram_write_notify)(uint64_t ram_addr, uint64_t len);

static void notify_ram_write(const MemoryRegion *mr, hwaddr off,
                             uint64_t len)
{
    if (ram_write_notify && len) {
        ram_write_notify(mr->ram_addr + off, len);
    }
}

/* ---- lookup ----------------------------------------------------------- */

/* Index of the first range whose last byte is at or after addr. */
static unsigned flatview_find_index(const FlatView *view, hwaddr addr)
{
    unsigned lo = 0, hi = view->nr;

    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        const FlatRange *r = &view->ranges[mid];

        if (r->start + (r->size - 1) < addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

const FlatRange *flatview_lookup(FlatView *view, hwaddr addr)
{
    unsigned i = flatview_find_index(view, addr);

    if (i < view->nr && view->ranges[i].start <= addr) {
        return &view->ranges[i];
    }
    return NULL;
}

/* Bytes from addr to the next mapped range (0 means "up to 2^64"). */
static hwaddr flatview_gap(const FlatView *view, unsigned i, hwaddr addr)
{
    return i < view->nr ? view->ranges[i].start - addr : -addr;
}

/*
 * The view for one lookup: the outermost on this thread peeks (page table
 * walks do several per TLB miss); one nested in an MMIO callback, which
 * may refresh views, takes a reference.
 */
static __thread int view_users;

static FlatView *view_enter(AddressSpace *as)
{
    return view_users++ ? address_space_get_flatview(as)
                        : address_space_peek_flatview(as);
}

static void view_leave(FlatView *view)
{
    if (--view_users) {
        flatview_unref(view);
    }
}

MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr,
                                      hwaddr *xlat, hwaddr *plen)
{
    FlatView *view = view_enter(as);
    unsigned i = flatview_find_index(view, addr);
    MemoryRegion *mr = NULL;
    hwaddr avail;

    if (i < view->nr && view->ranges[i].start <= addr) {
        const FlatRange *r = &view->ranges[i];
        hwaddr off = addr - r->start;

        mr = r->mr;
        *xlat = r->offset_in_region + off;
        avail = r->size - off;
    } else {
        *xlat = 0;
        avail = flatview_gap(view, i, addr);
    }
    if (avail && *plen > avail) {
        *plen = avail;
    }
    view_leave(view);
    return mr;
}

/* ---- MMIO dispatch ---------------------------------------------------- */

static unsigned ops_min(const MemoryRegionOps *ops)
{
    return ops && ops->min_access_size ? ops->min_access_size : 1;
}

static unsigned ops_max(const MemoryRegionOps *ops)
{
    return ops && ops->max_access_size ? ops->max_access_size : 4;
}

static bool size_ok(unsigned size)
{
    return size == 1 || size == 2 || size == 4 || size == 8;
}

static uint64_t size_mask(unsigned size)
{
    return size == 8 ? UINT64_MAX : (1ull << (size * 8)) - 1;
}

static uint64_t bswap_n(uint64_t v, unsigned size)
{
    switch (size) {
    case 2:
        return __builtin_bswap16(v);
    case 4:
        return __builtin_bswap32(v);
    case 8:
        return __builtin_bswap64(v);
    default:
        return v;
    }
}

/* One device call of a size the device accepts; value as on the bus (LE). */
static uint64_t io_read_one(MemoryRegion *mr, hwaddr addr, unsigned size)
{
    uint64_t v = 0;

    if (mr->ops && mr->ops->read) {
        v = mr->ops->read(mr->opaque, addr, size) & size_mask(size);
    }
    if (mr->ops && mr->ops->big_endian) {
        v = bswap_n(v, size);
    }
    return v;
}

static void io_write_one(MemoryRegion *mr, hwaddr addr, uint64_t v,
                         unsigned size)
{
    if (mr->ops && mr->ops->big_endian) {
        v = bswap_n(v, size);
    }
    if (mr->ops && mr->ops->write) {
        mr->ops->write(mr->opaque, addr, v & size_mask(size), size);
    }
}

/*
 * The device's access size for a size-byte access at addr: the request
 * clamped to [min, max], then halved (not below min) until aligned, so
 * that the device only sees naturally aligned accesses when it can.
 */
static unsigned io_unit(const MemoryRegionOps *ops, hwaddr addr,
                        unsigned size)
{
    unsigned lo = ops_min(ops), hi = ops_max(ops);
    unsigned a = size < lo ? lo : size > hi ? hi : size;

    while (a > lo && (addr & (a - 1))) {
        a >>= 1;
    }
    return a;
}

/* Read or write size bytes at addr as units of a: split, widen, merge. */
static uint64_t io_access_units(MemoryRegion *mr, hwaddr addr,
                                unsigned size, uint64_t val, bool is_write)
{
    unsigned a = io_unit(mr->ops, addr, size);
    hwaddr end = addr + size;
    uint64_t out = 0;

    for (hwaddr c = addr & ~(hwaddr)(a - 1); c < end; c += a) {
        uint64_t v = 0;
        bool whole = c >= addr && c + a <= end;

        if (!is_write || !whole) {
            /* Reads, and writes that cover part of a unit: read first. */
            v = io_read_one(mr, c, a);
        }
        for (unsigned k = 0; k < a; k++) {
            hwaddr b = c + k;
            unsigned sh;

            if (b < addr || b >= end) {
                continue;
            }
            sh = (b - addr) * 8;
            if (is_write) {
                v &= ~(0xffull << (k * 8));
                v |= ((val >> sh) & 0xff) << (k * 8);
            } else {
                out |= ((v >> (k * 8)) & 0xff) << sh;
            }
        }
        if (is_write) {
            io_write_one(mr, c, v, a);
        }
    }
    return out;
}

/* Checks shared by reads and writes; MEMTX_OK if the access may proceed. */
static MemTxResult dispatch_check(MemoryRegion *mr, hwaddr addr,
                                  unsigned size, bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;

    if (!size_ok(size)) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: invalid access size %u at "
                      "0x%" PRIx64 "\n", mr->name, size, addr);
        return MEMTX_ERROR;
    }
    if (addr >= mr->size || size > mr->size - addr) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: %s of %u bytes at 0x%" PRIx64
                      " beyond the region's end\n", mr->name,
                      is_write ? "write" : "read", size, addr);
        return MEMTX_DECODE_ERROR;
    }
    if (mr->type == MR_IO && ops && ops->strict_sizes &&
        (size < ops_min(ops) || size > ops_max(ops) ||
         (addr & (size - 1)))) {
        vemu_log_mask(LOG_GUEST_ERROR, "%s: %u-byte %s at 0x%" PRIx64
                      " not allowed\n", mr->name, size,
                      is_write ? "write" : "read", addr);
        return MEMTX_ERROR;
    }
    return MEMTX_OK;
}

static uint64_t ram_load(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)p[i] << (i * 8);
    }
    return v;
}

static void ram_store(uint8_t *p, uint64_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        p[i] = v >> (i * 8);
    }
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *val, unsigned size)
{
    MemTxResult res = dispatch_check(mr, addr, size, false);
    const MemoryRegionOps *ops = mr->ops;
    bool took_bql = false;

    *val = 0;
    if (res != MEMTX_OK) {
        return res;
    }
    switch (mr->type) {
    case MR_RAM:
    case MR_ROM:
        *val = ram_load(mr->ram_ptr + addr, size);
        return MEMTX_OK;
    case MR_IO:
        break;
    default:
        return MEMTX_DECODE_ERROR;
    }
    if (!bql_locked()) {
        bql_lock();
        took_bql = true;
    }
    if (size >= ops_min(ops) && size <= ops_max(ops) &&
        !(addr & (size - 1))) {
        *val = io_read_one(mr, addr, size);
    } else {
        *val = io_access_units(mr, addr, size, 0, false);
    }
    if (took_bql) {
        bql_unlock();
    }
    return MEMTX_OK;
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t val, unsigned size)
{
    MemTxResult res = dispatch_check(mr, addr, size, true);
    const MemoryRegionOps *ops = mr->ops;
    bool took_bql = false;

    if (res != MEMTX_OK) {
        return res;
    }
    switch (mr->type) {
    case MR_RAM:
        ram_store(mr->ram_ptr + addr, val, size);
        notify_ram_write(mr, addr, size);
        return MEMTX_OK;
    case MR_ROM:
        /* The guest cannot change ROM; the write just does nothing. */
        return MEMTX_OK;
    case MR_IO:
        break;
    default:
        return MEMTX_DECODE_ERROR;
    }
    if (!bql_locked()) {
        bql_lock();
        took_bql = true;
    }
    val &= size_mask(size);
    if (size >= ops_min(ops) && size <= ops_max(ops) &&
        !(addr & (size - 1))) {
        io_write_one(mr, addr, val, size);
    } else {
        io_access_units(mr, addr, size, val, true);
    }
    if (took_bql) {
        bql_unlock();
    }
    return MEMTX_OK;
}

/* ---- copies ----------------------------------------------------------- */

static unsigned pow2_floor(hwaddr l)
{
    unsigned s = 8;

    while (s > l) {
        s >>= 1;
    }
    return s;
}

/* Move up to l bytes with one MMIO access; returns how many it moved. */
static hwaddr io_copy(MemoryRegion *mr, hwaddr xlat, uint8_t *buf,
                      hwaddr l, bool is_write, MemTxResult *res)
{
    unsigned s = pow2_floor(l);
    MemTxResult r;
    uint64_t v;

    if (s > ops_max(mr->ops)) {
        s = ops_max(mr->ops);
    }
    while (s > 1 && (xlat & (s - 1))) {
        s >>= 1;
    }
    if (is_write) {
        r = memory_region_dispatch_write(mr, xlat, ram_load(buf, s), s);
    } else {
        r = memory_region_dispatch_read(mr, xlat, &v, s);
        ram_store(buf, v, s);
    }
    if (r != MEMTX_OK && *res == MEMTX_OK) {
        *res = r;
    }
    return s;
}

static MemTxResult as_access(AddressSpace *as, hwaddr addr, uint8_t *buf,
                             hwaddr len, bool is_write, bool rom_writable)
{
    FlatView *view = view_enter(as);
    MemTxResult res = MEMTX_OK;

    while (len > 0) {
        unsigned i = flatview_find_index(view, addr);
        const FlatRange *r = i < view->nr ? &view->ranges[i] : NULL;
        hwaddr l;

        if (!r || r->start > addr) {
            /* Nothing mapped up to the next range: a decode error. */
            hwaddr gap = flatview_gap(view, i, addr);

            l = gap && gap < len ? gap : len;
            if (!is_write) {
                memset(buf, 0, l);
            }
            vemu_log_mask(LOG_GUEST_ERROR, "%s: %s of %" PRIu64 " bytes "
                          "at unmapped 0x%" PRIx64 "\n", as->name,
                          is_write ? "write" : "read", (uint64_t)l, addr);
            if (res == MEMTX_OK) {
                res = MEMTX_DECODE_ERROR;
            }
        } else {
            MemoryRegion *mr = r->mr;
            hwaddr off = addr - r->start;
            hwaddr xlat = r->offset_in_region + off;

            l = r->size - off < len ? r->size - off : len;
            if (mr->type == MR_IO) {
                l = io_copy(mr, xlat, buf, l, is_write, &res);
            } else if (!is_write) {
                memcpy(buf, mr->ram_ptr + xlat, l);
            } else if (mr->type == MR_RAM || rom_writable) {
                memcpy(mr->ram_ptr + xlat, buf, l);
                notify_ram_write(mr, xlat, l);
            }
        }
        buf += l;
        addr += l;
        len -= l;
    }
    view_leave(view);
    return res;
}

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, void *buf,
                             hwaddr len, bool is_write)
{
    return as_access(as, addr, buf, len, is_write, false);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, hwaddr len)
{
    return as_access(as, addr, (void *)buf, len, true, true);
}

uint64_t address_space_ldn_le(AddressSpace *as, hwaddr addr, unsigned size,
                              MemTxResult *res)
{
    uint8_t b[8];
    MemTxResult r;

    if (!size_ok(size)) {
        r = MEMTX_ERROR;
        if (res) {
            *res = r;
        }
        return 0;
    }
    r = as_access(as, addr, b, size, false, false);
    if (res) {
        *res = r;
    }
    return ram_load(b, size);
}

void address_space_stn_le(AddressSpace *as, hwaddr addr, unsigned size,
                          uint64_t val, MemTxResult *res)
{
    uint8_t b[8];
    MemTxResult r = MEMTX_ERROR;

    if (size_ok(size)) {
        ram_store(b, val, size);
        r = as_access(as, addr, b, size, true, false);
    }
    if (res) {
        *res = r;
    }
}

/* ---- DMA mapping ------------------------------------------------------ */

void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write)
{
    hwaddr xlat;
    MemoryRegion *mr;

    if (*plen == 0) {
        return NULL;
    }
    mr = address_space_translate(as, addr, &xlat, plen);
    if (!mr || mr->type == MR_IO || (is_write && mr->type != MR_RAM)) {
        return NULL;
    }
    /* The view may clip a region; never hand out bytes past its end. */
    if (xlat >= mr->size) {
        return NULL;
    }
    if (*plen > mr->size - xlat) {
        *plen = mr->size - xlat;
    }
    return mr->ram_ptr + xlat;
}

void address_space_unmap(AddressSpace *as, void *buffer, hwaddr addr,
                         hwaddr len, bool is_write)
{
    uint64_t ram_addr, avail;

    if (!is_write || !buffer || !len || !ram_write_notify) {
        return;
    }
    if (ram_addr_from_host(buffer, &ram_addr, &avail)) {
        ram_write_notify(ram_addr, len < avail ? len : avail);
    }
}

/* ---- x86 port I/O space ------------------------------------------------ */

AddressSpace address_space_io;
static MemoryRegion system_io;
static bool system_io_ready;

MemoryRegion *get_system_io(void)
{
    if (!system_io_ready) {
        system_io_ready = true;
        memory_region_init(&system_io, "io", 0x10000);
        address_space_init(&address_space_io, &system_io, "I/O");
    }
    return &system_io;
}
