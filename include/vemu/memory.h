/* SPDX-License-Identifier: MIT */
/*
 * The memory API: regions (RAM, ROM, MMIO, alias, container) arranged in
 * a tree, and address spaces that flatten a root region into a sorted
 * list of ranges for fast lookup. CPUs (through the softmmu TLB) and DMA
 * (through address_space_rw/map) both see guest memory this way.
 *
 * Threading: the tree is built and changed under the BQL; lookups
 * (address_space_translate, _rw) may run on any thread: a flattened view
 * is immutable and replaced atomically (readers keep a reference).
 * MMIO callbacks always run with the BQL held.
 */
#ifndef VEMU_MEMORY_H
#define VEMU_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"

typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;

/* Result of a memory transaction (device-level, not guest faults). */
typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1,        /* device returned an error (bus error) */
    MEMTX_DECODE_ERROR = 2, /* nothing mapped there */
} MemTxResult;

/*
 * Device register callbacks: addr is the offset into the region, size
 * 1/2/4/8 within [min, max]_access_size (the core splits or widens other
 * accesses). Little-endian values unless .big_endian.
 */
typedef struct MemoryRegionOps {
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t val, unsigned size);
    unsigned min_access_size;   /* 0 means 1 */
    unsigned max_access_size;   /* 0 means 4 */
    /* Accesses outside these sizes are rejected (MEMTX_ERROR) instead of
     * being split: for registers that must be accessed whole. */
    bool strict_sizes;
    bool big_endian;
} MemoryRegionOps;

typedef enum MemoryRegionType {
    MR_CONTAINER,
    MR_RAM,
    MR_ROM,        /* RAM that the guest cannot write (writes ignored) */
    MR_IO,
    MR_ALIAS,
} MemoryRegionType;

struct MemoryRegion {
    MemoryRegionType type;
    char *name;
    uint64_t size;
    /* RAM/ROM: host memory. IO: ops and opaque. Alias: target + offset. */
    uint8_t *ram_ptr;
    const MemoryRegionOps *ops;
    void *opaque;
    MemoryRegion *alias;
    hwaddr alias_offset;
    /* Placement in a container. */
    MemoryRegion *container;
    hwaddr addr;
    int priority;
    bool enabled;
    GPtrArray *subregions;      /* MemoryRegion *, containers only */
    /* RAM: offset in the global ram_addr space (TB page tracking). */
    uint64_t ram_addr;
};

/* A size of UINT64_MAX stands for 2^64 (the whole address space). */
#define MEMORY_REGION_SIZE_ALL UINT64_MAX

/* Initialise a region (the caller owns the struct, e.g. in its device). */
void memory_region_init(MemoryRegion *mr, const char *name, uint64_t size);
/* RAM backed by fresh anonymous host memory; false + error if mmap fails. */
bool memory_region_init_ram(MemoryRegion *mr, const char *name,
                            uint64_t size, GError **errp);
bool memory_region_init_rom(MemoryRegion *mr, const char *name,
                            uint64_t size, GError **errp);
void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size);
void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset,
                              uint64_t size);

/* Map subregion at offset in container (priority 0, or the given one). */
void memory_region_add_subregion(MemoryRegion *container, hwaddr offset,
                                 MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *container,
                                         hwaddr offset, MemoryRegion *sub,
                                         int priority);
void memory_region_del_subregion(MemoryRegion *container,
                                 MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);

/* Host pointer of a RAM/ROM region's first byte. */
static inline uint8_t *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    return mr->ram_ptr;
}

/* One range of a flattened view. */
typedef struct FlatRange {
    hwaddr start;               /* guest physical */
    uint64_t size;
    MemoryRegion *mr;           /* a leaf: RAM, ROM or IO (never alias) */
    hwaddr offset_in_region;    /* of start */
} FlatRange;

struct FlatView {
    gint ref;
    FlatRange *ranges;          /* sorted, non-overlapping */
    unsigned nr;
};

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current;          /* atomically replaced */
    /* Called (under the BQL) after the view changed: the softmmu flushes
     * TLBs, KVM updates its memory slots. */
    GPtrArray *listeners;       /* MemoryListener * */
};

typedef struct MemoryListener {
    void (*commit)(struct MemoryListener *l, AddressSpace *as,
                   FlatView *view);
    void *opaque;
} MemoryListener;

void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name);
void address_space_add_listener(AddressSpace *as, MemoryListener *l);
void address_space_remove_listener(AddressSpace *as, MemoryListener *l);
/* Forget an address space (its root region stays the caller's). */
void address_space_destroy(AddressSpace *as);
/* The machine's system memory (root container) and its address space. */
MemoryRegion *get_system_memory(void);
extern AddressSpace address_space_memory;
/*
 * x86 port I/O (in/out): a 64 KiB container and its address space
 * (system/physmem.c), created on first use. Devices map IO regions in it
 * at their port; the KVM accelerator sends KVM_EXIT_IO there.
 */
MemoryRegion *get_system_io(void);
extern AddressSpace address_space_io;

/* Take/drop a reference on the current view (any thread). */
FlatView *address_space_get_flatview(AddressSpace *as);
void flatview_unref(FlatView *view);
/*
 * The current view without taking a reference (no lock, no atomic
 * read-modify-write): a per-thread cache holds one. The view stays valid
 * only until this thread's next peek, so a lookup that may re-enter
 * (through an MMIO callback) must not use it for the inner access.
 */
FlatView *address_space_peek_flatview(AddressSpace *as);

/*
 * The range holding addr, or NULL (decode error). *xlat receives the
 * offset into the range's region and *plen is clamped to what remains of
 * the range (pass the wanted length in).
 */
const FlatRange *flatview_lookup(FlatView *view, hwaddr addr);
MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr,
                                      hwaddr *xlat, hwaddr *plen);

/* Copy to/from guest physical memory (RAM, ROM and MMIO, any length). */
MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, void *buf,
                             hwaddr len, bool is_write);
static inline MemTxResult address_space_read(AddressSpace *as, hwaddr addr,
                                              void *buf, hwaddr len)
{
    return address_space_rw(as, addr, buf, len, false);
}
static inline MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                               const void *buf, hwaddr len)
{
    return address_space_rw(as, addr, (void *)buf, len, true);
}
/* Firmware loading: writes ROM too. */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, hwaddr len);

/* Little-endian loads/stores of 1/2/4/8 bytes (page walkers, devices). */
uint64_t address_space_ldn_le(AddressSpace *as, hwaddr addr, unsigned size,
                              MemTxResult *res);
void address_space_stn_le(AddressSpace *as, hwaddr addr, unsigned size,
                          uint64_t val, MemTxResult *res);

/*
 * DMA: a host pointer for [addr, addr + *plen) if it is RAM (*plen is
 * clamped to the contiguous RAM there), or NULL (not RAM: the caller
 * falls back to address_space_rw or reports the error). is_write marks
 * the pages dirty for TB invalidation. Never points outside the region.
 */
void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write);
void address_space_unmap(AddressSpace *as, void *buffer, hwaddr addr,
                         hwaddr len, bool is_write);

/* MMIO dispatch of one access (size 1/2/4/8) to an IO region. */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *val, unsigned size);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t val, unsigned size);

/*
 * Writes to guest RAM that bypass the TLB (DMA, loaders, gdb) must
 * invalidate translated code there: the memory API calls this hook with
 * the ram_addr range written (set by accel/tcg; NULL under KVM).
 */
extern void (*ram_write_notify)(uint64_t ram_addr, uint64_t len);

/* "info mtree" (HMP): print the region tree. */
void memory_region_dump_tree(MemoryRegion *root, GString *out);
/* Every address space's tree ("info mtree"), or its flat view ("-f"). */
void address_spaces_dump(GString *out, bool flat);

/* The RAM/ROM region holding a host pointer (and the offset in it). */
MemoryRegion *memory_region_from_host(void *ptr, hwaddr *offset);
/* The ram_addr of a host pointer into RAM/ROM, and the bytes left in
 * that block; false if ptr is not guest memory. */
bool ram_addr_from_host(const void *ptr, uint64_t *ram_addr,
                        uint64_t *avail);
/* Unmap from its container, free its RAM and name (hot-unplug, tests). */
void memory_region_finalize(MemoryRegion *mr);

#endif
