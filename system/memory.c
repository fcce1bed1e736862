/* SPDX-License-Identifier: MIT */
/* The memory region tree, its flattening into views, and `info mtree`. */
#include <inttypes.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include "vemu/exec.h"
#include "vemu/host-mem.h"
#include "vemu/log.h"
#include "vemu/memory.h"

/*
 * Region ends can be 2^64 (the system container), which uint64_t cannot
 * hold: the renderer works with 128-bit addresses and clips to 64 bits
 * only when it emits a leaf range.
 */
typedef unsigned __int128 u128;
typedef __int128 s128;

#define ADDR_SPACE_END ((u128)1 << 64)

AddressSpace address_space_memory;
static MemoryRegion system_memory;
static bool system_memory_ready;

/* Every address space, for re-rendering after any change to the tree. */
static GPtrArray *all_address_spaces;
/* Host memory of every RAM/ROM region, to map host pointers back. */
typedef struct RAMBlock {
    uint8_t *host;
    uint64_t len;           /* page-rounded size */
    uint64_t ram_addr;
    MemoryRegion *mr;
} RAMBlock;
static GPtrArray *ram_blocks;   /* RAMBlock * */
/* Next free ram_addr: every RAM/ROM byte gets its own. */
static uint64_t ram_addr_next;

static void memory_changed(void);

/* Guards the swap of AddressSpace.current against readers taking a ref. */
/* pthread (not GMutex) so that ThreadSanitizer understands it. */
static pthread_mutex_t view_lock = PTHREAD_MUTEX_INITIALIZER;
/* Bumped whenever an address space's view changes or goes away. */
static unsigned view_gen;

static u128 region_size(const MemoryRegion *mr)
{
    /* UINT64_MAX stands for 2^64 (see MEMORY_REGION_SIZE_ALL). */
    if (mr->size == MEMORY_REGION_SIZE_ALL) {
        return ADDR_SPACE_END;
    }
    return mr->size;
}

/* ---- region initialisation ------------------------------------------ */

void memory_region_init(MemoryRegion *mr, const char *name, uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->type = MR_CONTAINER;
    mr->name = g_strdup(name ? name : "anon");
    mr->size = size;
    mr->enabled = true;
    mr->subregions = g_ptr_array_new();
    mr->ram_addr = (uint64_t)-1;
}

static bool ram_alloc(MemoryRegion *mr, uint64_t size, GError **errp)
{
    uint64_t len = (size + TARGET_PAGE_SIZE - 1) & TARGET_PAGE_MASK;
    RAMBlock *blk;
    void *p;

    if (size == 0 || len < size) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "cannot allocate %" PRIu64 " bytes for '%s'",
                    size, mr->name);
        return false;
    }
    p = host_mmap_big(len, PROT_READ | PROT_WRITE);
    if (p == MAP_FAILED) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                    "cannot allocate %" PRIu64 " MiB of memory for '%s'",
                    size >> 20, mr->name);
        return false;
    }
    mr->ram_ptr = p;
    mr->ram_addr = __atomic_fetch_add(&ram_addr_next, len, __ATOMIC_RELAXED);
    blk = g_new0(RAMBlock, 1);
    blk->host = p;
    blk->len = len;
    blk->ram_addr = mr->ram_addr;
    blk->mr = mr;
    if (!ram_blocks) {
        ram_blocks = g_ptr_array_new_with_free_func(g_free);
    }
    g_ptr_array_add(ram_blocks, blk);
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, const char *name,
                            uint64_t size, GError **errp)
{
    memory_region_init(mr, name, size);
    mr->type = MR_RAM;
    if (!ram_alloc(mr, size, errp)) {
        memory_region_finalize(mr);
        return false;
    }
    return true;
}

bool memory_region_init_rom(MemoryRegion *mr, const char *name,
                            uint64_t size, GError **errp)
{
    memory_region_init(mr, name, size);
    mr->type = MR_ROM;
    if (!ram_alloc(mr, size, errp)) {
        memory_region_finalize(mr);
        return false;
    }
    return true;
}

void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size)
{
    memory_region_init(mr, name, size);
    mr->type = MR_IO;
    mr->ops = ops;
    mr->opaque = opaque;
}

void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset,
                              uint64_t size)
{
    memory_region_init(mr, name, size);
    mr->type = MR_ALIAS;
    mr->alias = orig;
    mr->alias_offset = offset;
}

static RAMBlock *ram_block_from_host(const void *ptr)
{
    const uint8_t *p = ptr;

    for (guint i = 0; ram_blocks && i < ram_blocks->len; i++) {
        RAMBlock *blk = g_ptr_array_index(ram_blocks, i);

        if (p >= blk->host && p < blk->host + blk->len) {
            return blk;
        }
    }
    return NULL;
}

MemoryRegion *memory_region_from_host(void *ptr, hwaddr *offset)
{
    RAMBlock *blk = ram_block_from_host(ptr);

    if (!blk) {
        return NULL;
    }
    *offset = (uint8_t *)ptr - blk->host;
    return blk->mr;
}

bool ram_addr_from_host(const void *ptr, uint64_t *ram_addr,
                        uint64_t *avail)
{
    RAMBlock *blk = ram_block_from_host(ptr);
    uint64_t off;

    if (!blk) {
        return false;
    }
    off = (const uint8_t *)ptr - blk->host;
    *ram_addr = blk->ram_addr + off;
    *avail = blk->len - off;
    return true;
}

void memory_region_finalize(MemoryRegion *mr)
{
    if (mr->container) {
        memory_region_del_subregion(mr->container, mr);
    }
    if (mr->ram_ptr) {
        RAMBlock *blk = ram_block_from_host(mr->ram_ptr);

        if (blk) {
            munmap(blk->host, blk->len);
            g_ptr_array_remove(ram_blocks, blk);
        }
        mr->ram_ptr = NULL;
    }
    if (mr->subregions) {
        /* Children become free-standing (their owners finalize them). */
        for (guint i = 0; i < mr->subregions->len; i++) {
            MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);

            sub->container = NULL;
        }
        if (mr->subregions->len) {
            g_ptr_array_set_size(mr->subregions, 0);
            memory_changed();
        }
        g_ptr_array_free(mr->subregions, TRUE);
        mr->subregions = NULL;
    }
    g_free(mr->name);
    mr->name = NULL;
}

/* ---- flattening ------------------------------------------------------ */

/* A view under construction: sorted, non-overlapping ranges. */
typedef struct ViewBuilder {
    GArray *ranges;     /* FlatRange */
} ViewBuilder;

static void builder_insert_at(ViewBuilder *b, guint idx, u128 start,
                              u128 end, MemoryRegion *mr, u128 base)
{
    FlatRange fr = {
        .start = (hwaddr)start,
        .size = (uint64_t)(end - start),
        .mr = mr,
        .offset_in_region = (hwaddr)(start - base),
    };

    /* A leaf covering all 2^64 bytes cannot be described: clip by one. */
    if (end - start == ADDR_SPACE_END) {
        fr.size = UINT64_MAX;
    }
    g_array_insert_val(b->ranges, idx, fr);
}

/*
 * Add the parts of [start, end) of leaf mr (whose byte 0 is at base) that
 * no range rendered earlier covers: earlier means higher priority.
 */
static void builder_fill_gaps(ViewBuilder *b, u128 start, u128 end,
                              MemoryRegion *mr, u128 base)
{
    u128 cur = start;
    guint i = 0;

    while (i < b->ranges->len && cur < end) {
        FlatRange *r = &g_array_index(b->ranges, FlatRange, i);
        u128 rs = r->start;
        u128 re = rs + r->size;

        if (re <= cur) {
            i++;
            continue;
        }
        if (rs >= end) {
            break;
        }
        if (rs > cur) {
            builder_insert_at(b, i, cur, rs, mr, base);
            i++;
        }
        cur = re;
        i++;
    }
    if (cur < end) {
        builder_insert_at(b, i, cur, end, mr, base);
    }
}

/* Render mr, whose byte 0 sits at guest address base, inside [cs, ce). */
static void render_region(ViewBuilder *b, MemoryRegion *mr, s128 base,
                          u128 cs, u128 ce, int depth)
{
    s128 rs = base;
    s128 re = base + (s128)region_size(mr);

    /* Alias loops are a board bug; stop rather than recurse forever. */
    if (!mr->enabled || depth > 64) {
        return;
    }
    if (rs > (s128)cs) {
        cs = (u128)rs;
    }
    if (re < (s128)ce) {
        ce = re < 0 ? 0 : (u128)re;
    }
    if (cs >= ce) {
        return;
    }
    switch (mr->type) {
    case MR_ALIAS:
        if (mr->alias) {
            render_region(b, mr->alias, base - (s128)mr->alias_offset,
                          cs, ce, depth + 1);
        }
        break;
    case MR_CONTAINER:
        for (guint i = 0; i < mr->subregions->len; i++) {
            MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);

            render_region(b, sub, base + (s128)sub->addr, cs, ce,
                          depth + 1);
        }
        break;
    default:
        builder_fill_gaps(b, cs, ce, mr, (u128)base);
        break;
    }
}

/* Join neighbours that continue the same region: fewer, longer ranges. */
static void builder_simplify(ViewBuilder *b)
{
    guint out = 0;

    for (guint i = 0; i < b->ranges->len; i++) {
        FlatRange *r = &g_array_index(b->ranges, FlatRange, i);

        if (out > 0) {
            FlatRange *p = &g_array_index(b->ranges, FlatRange, out - 1);

            if (p->mr == r->mr && p->start + p->size == r->start &&
                p->offset_in_region + p->size == r->offset_in_region &&
                p->size + r->size > p->size) {
                p->size += r->size;
                continue;
            }
        }
        g_array_index(b->ranges, FlatRange, out++) = *r;
    }
    g_array_set_size(b->ranges, out);
}

static FlatView *flatview_render(MemoryRegion *root)
{
    ViewBuilder b = { g_array_new(FALSE, FALSE, sizeof(FlatRange)) };
    FlatView *view = g_new0(FlatView, 1);

    if (root) {
        render_region(&b, root, 0, 0, ADDR_SPACE_END, 0);
    }
    builder_simplify(&b);
    view->ref = 1;
    view->nr = b.ranges->len;
    view->ranges = (FlatRange *)g_array_free(b.ranges, FALSE);
    return view;
}

static bool flatview_equal(const FlatView *a, const FlatView *b)
{
    return a->nr == b->nr &&
           (a->nr == 0 ||
            memcmp(a->ranges, b->ranges, a->nr * sizeof(FlatRange)) == 0);
}

FlatView *address_space_get_flatview(AddressSpace *as)
{
    FlatView *view;

    pthread_mutex_lock(&view_lock);
    view = as->current;
    g_atomic_int_inc(&view->ref);
    pthread_mutex_unlock(&view_lock);
    return view;
}

/*
 * Per-thread views for address_space_peek_flatview: each entry holds a
 * reference, dropped when the entry is refreshed after a view change.
 */
#define VIEW_CACHE_SIZE 4
typedef struct ViewCacheEntry {
    AddressSpace *as;
    FlatView *view;
    unsigned gen;
} ViewCacheEntry;
static __thread ViewCacheEntry view_cache[VIEW_CACHE_SIZE];
static __thread unsigned view_cache_next;

/* At thread exit (static TLS is still there): drop the references. */
static void view_cache_release(gpointer cache)
{
    ViewCacheEntry *e = cache;

    for (int i = 0; i < VIEW_CACHE_SIZE; i++) {
        flatview_unref(e[i].view);
        e[i] = (ViewCacheEntry){ 0 };
    }
}
static GPrivate view_cache_owner = G_PRIVATE_INIT(view_cache_release);

FlatView *address_space_peek_flatview(AddressSpace *as)
{
    unsigned gen = __atomic_load_n(&view_gen, __ATOMIC_ACQUIRE);
    ViewCacheEntry *e = NULL;

    for (int i = 0; i < VIEW_CACHE_SIZE; i++) {
        if (view_cache[i].as == as) {
            if (view_cache[i].gen == gen) {
                return view_cache[i].view;
            }
            e = &view_cache[i];
            break;
        }
    }
    if (!e) {
        if (!g_private_get(&view_cache_owner)) {
            g_private_set(&view_cache_owner, view_cache);
        }
        e = &view_cache[view_cache_next++ % VIEW_CACHE_SIZE];
    }
    /* A change after reading gen only makes the next peek refresh again. */
    flatview_unref(e->view);
    e->as = as;
    e->view = address_space_get_flatview(as);
    e->gen = gen;
    return e->view;
}

void flatview_unref(FlatView *view)
{
    if (view && g_atomic_int_dec_and_test(&view->ref)) {
        g_free(view->ranges);
        g_free(view);
    }
}

static void address_space_update(AddressSpace *as)
{
    FlatView *view = flatview_render(as->root);
    FlatView *old;

    if (as->current && flatview_equal(view, as->current)) {
        flatview_unref(view);
        return;
    }
    pthread_mutex_lock(&view_lock);
    old = as->current;
    as->current = view;
    __atomic_add_fetch(&view_gen, 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&view_lock);
    flatview_unref(old);
    for (guint i = 0; i < as->listeners->len; i++) {
        MemoryListener *l = g_ptr_array_index(as->listeners, i);

        if (l->commit) {
            l->commit(l, as, view);
        }
    }
}

/* Any change may be visible in any address space (through aliases). */
static void memory_changed(void)
{
    for (guint i = 0; all_address_spaces && i < all_address_spaces->len;
         i++) {
        address_space_update(g_ptr_array_index(all_address_spaces, i));
    }
}

void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name)
{
    memset(as, 0, sizeof(*as));
    as->name = g_strdup(name);
    as->root = root;
    as->listeners = g_ptr_array_new();
    as->current = flatview_render(root);
    if (!all_address_spaces) {
        all_address_spaces = g_ptr_array_new();
    }
    g_ptr_array_add(all_address_spaces, as);
}

void address_space_add_listener(AddressSpace *as, MemoryListener *l)
{
    g_ptr_array_add(as->listeners, l);
    /* Tell the newcomer what is mapped now. */
    if (l->commit) {
        l->commit(l, as, as->current);
    }
}

void address_space_remove_listener(AddressSpace *as, MemoryListener *l)
{
    g_ptr_array_remove(as->listeners, l);
}

void address_space_destroy(AddressSpace *as)
{
    g_ptr_array_remove(all_address_spaces, as);
    pthread_mutex_lock(&view_lock);
    flatview_unref(as->current);
    as->current = NULL;
    __atomic_add_fetch(&view_gen, 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&view_lock);
    g_ptr_array_free(as->listeners, TRUE);
    as->listeners = NULL;
    g_free(as->name);
    as->name = NULL;
}

MemoryRegion *get_system_memory(void)
{
    if (!system_memory_ready) {
        system_memory_ready = true;
        memory_region_init(&system_memory, "system",
                           MEMORY_REGION_SIZE_ALL);
        address_space_init(&address_space_memory, &system_memory,
                           "memory");
    }
    return &system_memory;
}

/* ---- tree changes ---------------------------------------------------- */

void memory_region_add_subregion_overlap(MemoryRegion *container,
                                         hwaddr offset, MemoryRegion *sub,
                                         int priority)
{
    guint i;

    if (container->type != MR_CONTAINER || sub->container ||
        sub == container) {
        g_critical("memory: cannot add '%s' to '%s'", sub->name,
                   container->name);
        return;
    }
    sub->container = container;
    sub->addr = offset;
    sub->priority = priority;
    /*
     * Keep the list in rendering order: higher priority first and, among
     * equals, the most recently added first (it wins the overlap).
     */
    for (i = 0; i < container->subregions->len; i++) {
        MemoryRegion *other = g_ptr_array_index(container->subregions, i);

        if (priority >= other->priority) {
            break;
        }
    }
    g_ptr_array_insert(container->subregions, i, sub);
    memory_changed();
}

void memory_region_add_subregion(MemoryRegion *container, hwaddr offset,
                                 MemoryRegion *sub)
{
    memory_region_add_subregion_overlap(container, offset, sub, 0);
}

void memory_region_del_subregion(MemoryRegion *container,
                                 MemoryRegion *sub)
{
    if (sub->container != container ||
        !g_ptr_array_remove(container->subregions, sub)) {
        g_critical("memory: '%s' is not in '%s'", sub->name,
                   container->name);
        return;
    }
    sub->container = NULL;
    memory_changed();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled == enabled) {
        return;
    }
    mr->enabled = enabled;
    memory_changed();
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    if (mr->addr == addr) {
        return;
    }
    mr->addr = addr;
    if (mr->container) {
        memory_changed();
    }
}

/* ---- info mtree ------------------------------------------------------ */

static const char *region_kind(const MemoryRegion *mr)
{
    switch (mr->type) {
    case MR_RAM:
        return "ram";
    case MR_ROM:
        return "rom";
    case MR_IO:
        return "i/o";
    case MR_ALIAS:
        return mr->alias && mr->alias->type == MR_ROM ? "rom" :
               mr->alias && mr->alias->type == MR_RAM ? "ram" : "i/o";
    default:
        return "container";
    }
}

static uint64_t last_byte(u128 start, const MemoryRegion *mr)
{
    u128 end = start + region_size(mr);

    return (uint64_t)(end > start ? end - 1 : start);
}

static void dump_region(const MemoryRegion *mr, u128 base, int level,
                        GString *out)
{
    g_string_append_printf(out, "%*s%016" PRIx64 "-%016" PRIx64
                           " (prio %d, %s): %s",
                           level * 2 + 2, "", (uint64_t)base,
                           last_byte(base, mr), mr->priority,
                           region_kind(mr), mr->name);
    if (mr->type == MR_ALIAS && mr->alias) {
        u128 as = mr->alias_offset;

        g_string_append_printf(out, " @%s %016" PRIx64 "-%016" PRIx64,
                               mr->alias->name, (uint64_t)as,
                               last_byte(as, mr));
    }
    if (!mr->enabled) {
        g_string_append(out, " [disabled]");
    }
    g_string_append_c(out, '\n');
    if (mr->type != MR_CONTAINER || level > 64) {
        return;
    }
    for (guint i = 0; i < mr->subregions->len; i++) {
        const MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);

        dump_region(sub, base + sub->addr, level + 1, out);
    }
}

void memory_region_dump_tree(MemoryRegion *root, GString *out)
{
    u128 base = root->addr;

    /* A region inside a container prints at its absolute address. */
    for (MemoryRegion *c = root->container; c; c = c->container) {
        base += c->addr;
    }
    dump_region(root, base, 0, out);
}

void address_spaces_dump(GString *out, bool flat)
{
    for (guint i = 0; all_address_spaces && i < all_address_spaces->len;
         i++) {
        AddressSpace *as = g_ptr_array_index(all_address_spaces, i);

        g_string_append_printf(out, "address-space: %s\n", as->name);
        if (flat) {
            FlatView *v = address_space_get_flatview(as);

            for (unsigned j = 0; j < v->nr; j++) {
                const FlatRange *r = &v->ranges[j];

                g_string_append_printf(out, "  %016" PRIx64 "-%016" PRIx64
                                       " (%s): %s @%016" PRIx64 "\n",
                                       r->start, r->start + r->size - 1,
                                       region_kind(r->mr), r->mr->name,
                                       r->offset_in_region);
            }
            flatview_unref(v);
        } else if (as->root) {
            memory_region_dump_tree(as->root, out);
        }
        g_string_append_c(out, '\n');
    }
}
