/* SPDX-License-Identifier: MIT */
/* Memory API: flattening, priorities, aliases, MMIO sizes, RAM copies. */
#include <string.h>

#include "vemu/main-loop.h"
#include "vemu/memory.h"

/* ---- a test device that records its accesses ------------------------ */

typedef struct Access {
    bool write;
    hwaddr addr;
    unsigned size;
    uint64_t val;
} Access;

typedef struct TestDev {
    uint8_t regs[64];
    Access log[64];
    int n;
    bool bql_seen;
} TestDev;

static uint64_t tdev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;
    uint64_t v = 0;

    for (unsigned i = 0; i < size && addr + i < sizeof(d->regs); i++) {
        v |= (uint64_t)d->regs[addr + i] << (8 * i);
    }
    d->bql_seen = bql_locked();
    if (d->n < 64) {
        d->log[d->n++] = (Access){ false, addr, size, v };
    }
    return v;
}

static void tdev_write(void *opaque, hwaddr addr, uint64_t val,
                       unsigned size)
{
    TestDev *d = opaque;

    for (unsigned i = 0; i < size && addr + i < sizeof(d->regs); i++) {
        d->regs[addr + i] = val >> (8 * i);
    }
    d->bql_seen = bql_locked();
    if (d->n < 64) {
        d->log[d->n++] = (Access){ true, addr, size, val };
    }
}

static const MemoryRegionOps ops_1_8 = {
    .read = tdev_read, .write = tdev_write,
    .min_access_size = 1, .max_access_size = 8,
};
static const MemoryRegionOps ops_4_4 = {
    .read = tdev_read, .write = tdev_write,
    .min_access_size = 4, .max_access_size = 4,
};
static const MemoryRegionOps ops_1_2 = {
    .read = tdev_read, .write = tdev_write,
    .min_access_size = 1, .max_access_size = 2,
};
static const MemoryRegionOps ops_strict = {
    .read = tdev_read, .write = tdev_write,
    .min_access_size = 4, .max_access_size = 4, .strict_sizes = true,
};
static const MemoryRegionOps ops_be = {
    .read = tdev_read, .write = tdev_write,
    .min_access_size = 4, .max_access_size = 4, .big_endian = true,
};

/* A private address space over a fresh root per test. */
typedef struct Fixture {
    MemoryRegion root;
    AddressSpace as;
} Fixture;

static void fixture_init(Fixture *f)
{
    memory_region_init(&f->root, "root", MEMORY_REGION_SIZE_ALL);
    address_space_init(&f->as, &f->root, "test");
}

static void fixture_fini(Fixture *f)
{
    address_space_destroy(&f->as);
    memory_region_finalize(&f->root);
}

static MemoryRegion *new_ram(const char *name, uint64_t size, uint8_t fill)
{
    MemoryRegion *mr = g_new0(MemoryRegion, 1);
    GError *err = NULL;

    g_assert_true(memory_region_init_ram(mr, name, size, &err));
    g_assert_no_error(err);
    memset(mr->ram_ptr, fill, size);
    return mr;
}

static MemoryRegion *lookup_mr(Fixture *f, hwaddr addr, hwaddr *xlat)
{
    hwaddr len = 1;

    return address_space_translate(&f->as, addr, xlat, &len);
}

/* ---- tests ------------------------------------------------------------ */

static void test_ram_addr_unique(void)
{
    MemoryRegion *a = new_ram("a", 100, 0);
    MemoryRegion *b = new_ram("b", 0x3000, 0);
    GError *err = NULL;
    MemoryRegion rom;

    g_assert_true(memory_region_init_rom(&rom, "rom", 10, &err));
    /* Page aligned and non-overlapping ram_addr ranges. */
    g_assert_cmpuint(a->ram_addr & 0xfff, ==, 0);
    g_assert_cmpuint(b->ram_addr, >=, a->ram_addr + 0x1000);
    g_assert_cmpuint(rom.ram_addr, >=, b->ram_addr + 0x3000);
    g_assert_nonnull(a->ram_ptr);
    memory_region_finalize(&rom);
    g_assert_null(rom.ram_ptr);
}

static void test_ram_too_big(void)
{
    MemoryRegion mr;
    GError *err = NULL;

    /* More than any host gives, but mmap with NORESERVE may still agree
     * on 64-bit hosts for large sizes; 2^63 bytes never fit. */
    g_assert_false(memory_region_init_ram(&mr, "huge", 1ull << 63, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    g_assert_false(memory_region_init_ram(&mr, "empty", 0, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
}

static void test_priority_overlap(void)
{
    Fixture f;
    MemoryRegion *low = new_ram("low", 0x10000, 0x11);
    MemoryRegion *high = new_ram("high", 0x1000, 0x22);
    MemoryRegion *mr;
    hwaddr xlat;
    uint8_t b;

    fixture_init(&f);
    memory_region_add_subregion_overlap(&f.root, 0x1000, high, 1);
    memory_region_add_subregion(&f.root, 0, low);
    /* High priority wins even though added first. */
    mr = lookup_mr(&f, 0x1800, &xlat);
    g_assert_true(mr == high);
    g_assert_cmpuint(xlat, ==, 0x800);
    mr = lookup_mr(&f, 0x2000, &xlat);
    g_assert_true(mr == low);
    g_assert_cmpuint(xlat, ==, 0x2000);
    g_assert_cmpint(address_space_read(&f.as, 0xfff, &b, 1), ==, MEMTX_OK);
    g_assert_cmpuint(b, ==, 0x11);
    address_space_read(&f.as, 0x1000, &b, 1);
    g_assert_cmpuint(b, ==, 0x22);
    /* low is split in two ranges around high. */
    g_assert_cmpuint(f.as.current->nr, ==, 3);
    fixture_fini(&f);
}

static void test_equal_priority_later_wins(void)
{
    Fixture f;
    MemoryRegion *first = new_ram("first", 0x2000, 1);
    MemoryRegion *second = new_ram("second", 0x2000, 2);
    hwaddr xlat;

    fixture_init(&f);
    memory_region_add_subregion(&f.root, 0, first);
    memory_region_add_subregion(&f.root, 0x1000, second);
    g_assert_true(lookup_mr(&f, 0x0fff, &xlat) == first);
    g_assert_true(lookup_mr(&f, 0x1000, &xlat) == second);
    g_assert_true(lookup_mr(&f, 0x2fff, &xlat) == second);
    g_assert_null(lookup_mr(&f, 0x3000, &xlat));
    /* Removing the winner uncovers the other. */
    memory_region_del_subregion(&f.root, second);
    g_assert_true(lookup_mr(&f, 0x1000, &xlat) == first);
    g_assert_cmpuint(xlat, ==, 0x1000);
    fixture_fini(&f);
}

static void test_nested_containers(void)
{
    Fixture f;
    MemoryRegion c;
    MemoryRegion *r = new_ram("r", 0x1000, 7);
    hwaddr xlat;

    fixture_init(&f);
    memory_region_init(&c, "c", 0x800);
    /* r is bigger than its container: clipped to 0x800. */
    memory_region_add_subregion(&c, 0x100, r);
    memory_region_add_subregion(&f.root, 0x10000, &c);
    g_assert_null(lookup_mr(&f, 0x100ff, &xlat));
    g_assert_true(lookup_mr(&f, 0x10100, &xlat) == r);
    g_assert_cmpuint(xlat, ==, 0);
    g_assert_true(lookup_mr(&f, 0x107ff, &xlat) == r);
    g_assert_null(lookup_mr(&f, 0x10800, &xlat));
    /* Moving the container moves everything inside. */
    memory_region_set_address(&c, 0x20000);
    g_assert_null(lookup_mr(&f, 0x10100, &xlat));
    g_assert_true(lookup_mr(&f, 0x20200, &xlat) == r);
    g_assert_cmpuint(xlat, ==, 0x100);
    memory_region_finalize(&c);
    fixture_fini(&f);
}

static void test_alias(void)
{
    Fixture f;
    MemoryRegion *ram = new_ram("ram", 0x4000, 0);
    MemoryRegion alias;
    hwaddr xlat;
    uint32_t v = 0x12345678, r = 0;

    fixture_init(&f);
    memory_region_init_alias(&alias, "alias", ram, 0x1000, 0x2000);
    memory_region_add_subregion(&f.root, 0x80000000, ram);
    memory_region_add_subregion(&f.root, 0x0, &alias);
    g_assert_true(lookup_mr(&f, 0x10, &xlat) == ram);
    g_assert_cmpuint(xlat, ==, 0x1010);
    g_assert_null(lookup_mr(&f, 0x2000, &xlat));
    /* Written through the alias, read through the original. */
    address_space_write(&f.as, 0x10, &v, 4);
    address_space_read(&f.as, 0x80001010, &r, 4);
    g_assert_cmpuint(r, ==, v);
    /* An alias whose offset runs past the target's end is clipped. */
    MemoryRegion alias2;

    memory_region_init_alias(&alias2, "alias2", ram, 0x3000, 0x4000);
    memory_region_add_subregion(&f.root, 0x100000, &alias2);
    g_assert_true(lookup_mr(&f, 0x100fff, &xlat) == ram);
    g_assert_null(lookup_mr(&f, 0x101000, &xlat));
    memory_region_finalize(&alias);
    memory_region_finalize(&alias2);
    fixture_fini(&f);
}

static void test_disable(void)
{
    Fixture f;
    MemoryRegion *under = new_ram("under", 0x1000, 1);
    MemoryRegion *over = new_ram("over", 0x1000, 2);
    hwaddr xlat;

    fixture_init(&f);
    memory_region_add_subregion(&f.root, 0, under);
    memory_region_add_subregion_overlap(&f.root, 0, over, 5);
    g_assert_true(lookup_mr(&f, 0, &xlat) == over);
    memory_region_set_enabled(over, false);
    g_assert_true(lookup_mr(&f, 0, &xlat) == under);
    memory_region_set_enabled(under, false);
    g_assert_null(lookup_mr(&f, 0, &xlat));
    memory_region_set_enabled(over, true);
    g_assert_true(lookup_mr(&f, 0, &xlat) == over);
    fixture_fini(&f);
}

static void test_decode_error(void)
{
    Fixture f;
    MemoryRegion *ram = new_ram("ram", 0x1000, 0xaa);
    uint8_t buf[0x20];

    fixture_init(&f);
    memory_region_add_subregion(&f.root, 0x1000, ram);
    memset(buf, 0x55, sizeof(buf));
    /* Straddles the end of RAM: the RAM part reads, the rest is 0. */
    g_assert_cmpint(address_space_read(&f.as, 0x1ff0, buf, 0x20), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpuint(buf[0xf], ==, 0xaa);
    g_assert_cmpuint(buf[0x10], ==, 0);
    g_assert_cmpuint(buf[0x1f], ==, 0);
    /* Writes to nowhere do nothing. */
    g_assert_cmpint(address_space_write(&f.as, 0x0, buf, 4), ==,
                    MEMTX_DECODE_ERROR);
    /* The very top of the address space, wrapping past 2^64. */
    g_assert_cmpint(address_space_read(&f.as, UINT64_MAX - 3, buf, 0x10),
                    ==, MEMTX_DECODE_ERROR);
    MemTxResult res;

    g_assert_cmpuint(address_space_ldn_le(&f.as, 0x5000, 4, &res), ==, 0);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    g_assert_cmpuint(address_space_ldn_le(&f.as, 0x1000, 3, &res), ==, 0);
    g_assert_cmpint(res, ==, MEMTX_ERROR);
    g_assert_cmpuint(address_space_ldn_le(&f.as, 0x1000, 4, &res), ==,
                     0xaaaaaaaa);
    g_assert_cmpint(res, ==, MEMTX_OK);
    fixture_fini(&f);
}

static uint64_t notified_addr, notified_len;
static int notified;

static void note_write(uint64_t ram_addr, uint64_t len)
{
    notified_addr = ram_addr;
    notified_len = len;
    notified++;
}

static void test_ram_across_regions(void)
{
    Fixture f;
    MemoryRegion *a = new_ram("a", 0x1000, 0);
    MemoryRegion *b = new_ram("b", 0x1000, 0);
    MemoryRegion rom;
    GError *err = NULL;
    uint8_t in[0x100], out[0x100];

    fixture_init(&f);
    g_assert_true(memory_region_init_rom(&rom, "rom", 0x1000, &err));
    memory_region_add_subregion(&f.root, 0x0, a);
    memory_region_add_subregion(&f.root, 0x1000, b);
    memory_region_add_subregion(&f.root, 0x2000, &rom);
    for (int i = 0; i < 0x100; i++) {
        in[i] = i;
    }
    ram_write_notify = note_write;
    notified = 0;
    g_assert_cmpint(address_space_write(&f.as, 0xf80, in, 0x100), ==,
                    MEMTX_OK);
    g_assert_cmpint(notified, ==, 2);
    g_assert_cmpuint(notified_addr, ==, b->ram_addr);
    g_assert_cmpuint(notified_len, ==, 0x80);
    g_assert_cmpuint(a->ram_ptr[0xfff], ==, 0x7f);
    g_assert_cmpuint(b->ram_ptr[0], ==, 0x80);
    g_assert_cmpint(address_space_read(&f.as, 0xf80, out, 0x100), ==,
                    MEMTX_OK);
    g_assert_cmpmem(in, 0x100, out, 0x100);
    /* ROM ignores guest writes but takes firmware loads. */
    notified = 0;
    address_space_write(&f.as, 0x2000, in, 4);
    g_assert_cmpuint(rom.ram_ptr[1], ==, 0);
    g_assert_cmpint(notified, ==, 0);
    g_assert_cmpint(address_space_write_rom(&f.as, 0x2000, in, 4), ==,
                    MEMTX_OK);
    g_assert_cmpuint(rom.ram_ptr[1], ==, 1);
    g_assert_cmpint(notified, ==, 1);
    g_assert_cmpuint(notified_addr, ==, rom.ram_addr);
    /* Little-endian helpers. */
    address_space_stn_le(&f.as, 0xffc, 8, 0x1122334455667788ull, NULL);
    g_assert_cmpuint(b->ram_ptr[3], ==, 0x11);
    g_assert_cmphex(address_space_ldn_le(&f.as, 0xffc, 8, NULL), ==,
                    0x1122334455667788ull);
    ram_write_notify = NULL;
    memory_region_finalize(&rom);
    fixture_fini(&f);
}

static void test_map_clamp(void)
{
    Fixture f;
    MemoryRegion *ram = new_ram("ram", 0x2000, 0);
    MemoryRegion *ram2 = new_ram("ram2", 0x1000, 0);
    MemoryRegion io;
    TestDev d = { 0 };
    hwaddr len;
    uint8_t *p;

    fixture_init(&f);
    memory_region_init_io(&io, &ops_1_8, &d, "io", 0x100);
    memory_region_add_subregion(&f.root, 0x10000, ram);
    memory_region_add_subregion(&f.root, 0x12000, ram2);
    memory_region_add_subregion(&f.root, 0x20000, &io);
    len = 0x10000;
    p = address_space_map(&f.as, 0x11000, &len, true);
    g_assert_true(p == ram->ram_ptr + 0x1000);
    /* Clamped at the region end even though RAM follows. */
    g_assert_cmpuint(len, ==, 0x1000);
    ram_write_notify = note_write;
    notified = 0;
    address_space_unmap(&f.as, p, 0x11000, len, true);
    g_assert_cmpint(notified, ==, 1);
    g_assert_cmpuint(notified_addr, ==, ram->ram_addr + 0x1000);
    g_assert_cmpuint(notified_len, ==, 0x1000);
    ram_write_notify = NULL;
    len = 4;
    g_assert_null(address_space_map(&f.as, 0x20000, &len, false));
    len = 4;
    g_assert_null(address_space_map(&f.as, 0x30000, &len, false));
    len = 0;
    g_assert_null(address_space_map(&f.as, 0x10000, &len, false));
    memory_region_finalize(&io);
    fixture_fini(&f);
}

static void test_mmio_split(void)
{
    Fixture f;
    MemoryRegion io;
    TestDev d = { 0 };
    uint64_t v;

    fixture_init(&f);
    memory_region_init_io(&io, &ops_1_2, &d, "io", 0x40);
    memory_region_add_subregion(&f.root, 0x1000, &io);
    /* An 8-byte write to a device that takes at most 2 bytes: 4 writes. */
    address_space_stn_le(&f.as, 0x1008, 8, 0x8877665544332211ull, NULL);
    g_assert_cmpint(d.n, ==, 4);
    for (int i = 0; i < 4; i++) {
        g_assert_true(d.log[i].write);
        g_assert_cmpuint(d.log[i].size, ==, 2);
        g_assert_cmpuint(d.log[i].addr, ==, 8 + 2 * i);
    }
    g_assert_cmphex(d.log[3].val, ==, 0x8877);
    d.n = 0;
    v = address_space_ldn_le(&f.as, 0x1008, 8, NULL);
    g_assert_cmphex(v, ==, 0x8877665544332211ull);
    g_assert_cmpint(d.n, ==, 4);
    /* Unaligned 2-byte read at an odd offset: two 1-byte reads. */
    d.n = 0;
    g_assert_cmpint(memory_region_dispatch_read(&io, 9, &v, 2), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x3322);
    g_assert_cmpint(d.n, ==, 2);
    g_assert_cmpuint(d.log[0].size, ==, 1);
    memory_region_finalize(&io);
    /* The core took the BQL for the device. */
    g_assert_true(d.bql_seen);
    g_assert_false(bql_locked());
    fixture_fini(&f);
}

static void test_mmio_widen(void)
{
    MemoryRegion io;
    TestDev d = { 0 };
    uint64_t v;

    memory_region_init_io(&io, &ops_4_4, &d, "io4", 0x20);
    memcpy(d.regs, "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
    /* A byte read is one 4-byte read, the byte extracted. */
    g_assert_cmpint(memory_region_dispatch_read(&io, 6, &v, 1), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0x77);
    g_assert_cmpint(d.n, ==, 1);
    g_assert_cmpuint(d.log[0].addr, ==, 4);
    g_assert_cmpuint(d.log[0].size, ==, 4);
    /* A byte write is read-modify-write of the 4-byte register. */
    d.n = 0;
    g_assert_cmpint(memory_region_dispatch_write(&io, 5, 0xab, 1), ==,
                    MEMTX_OK);
    g_assert_cmpint(d.n, ==, 2);
    g_assert_false(d.log[0].write);
    g_assert_true(d.log[1].write);
    g_assert_cmphex(d.log[1].val, ==, 0x8877ab55);
    /* An 8-byte read is two 4-byte reads. */
    d.n = 0;
    memory_region_dispatch_read(&io, 0, &v, 8);
    g_assert_cmphex(v, ==, 0x8877ab5544332211ull);
    g_assert_cmpint(d.n, ==, 2);
    /* Beyond the end: decode error, value 0, no device call. */
    d.n = 0;
    g_assert_cmpint(memory_region_dispatch_read(&io, 0x1e, &v, 4), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpuint(v, ==, 0);
    g_assert_cmpint(memory_region_dispatch_write(&io, 0x100, 1, 4), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpint(memory_region_dispatch_read(&io, UINT64_MAX, &v, 8),
                    ==, MEMTX_DECODE_ERROR);
    g_assert_cmpint(memory_region_dispatch_read(&io, 0, &v, 3), ==,
                    MEMTX_ERROR);
    memory_region_finalize(&io);
    g_assert_cmpint(d.n, ==, 0);
}

static void test_mmio_strict_and_be(void)
{
    MemoryRegion io, be;
    TestDev d = { 0 }, e = { 0 };
    uint64_t v;

    memory_region_init_io(&io, &ops_strict, &d, "strict", 0x20);
    g_assert_cmpint(memory_region_dispatch_read(&io, 0, &v, 1), ==,
                    MEMTX_ERROR);
    g_assert_cmpint(memory_region_dispatch_write(&io, 0, 1, 8), ==,
                    MEMTX_ERROR);
    g_assert_cmpint(memory_region_dispatch_read(&io, 2, &v, 4), ==,
                    MEMTX_ERROR);
    g_assert_cmpint(d.n, ==, 0);
    g_assert_cmpint(memory_region_dispatch_write(&io, 4, 0xdead, 4), ==,
                    MEMTX_OK);
    g_assert_cmpint(d.n, ==, 1);

    memory_region_init_io(&be, &ops_be, &e, "be", 0x20);
    memory_region_dispatch_write(&be, 0, 0x11223344, 4);
    /* The device sees the value byte-swapped. */
    g_assert_cmphex(e.log[0].val, ==, 0x44332211);
    memory_region_dispatch_read(&be, 0, &v, 4);
    memory_region_finalize(&io);
    memory_region_finalize(&be);
    g_assert_cmphex(v, ==, 0x11223344);
}

static int commits;
static unsigned last_nr;

static void count_commit(MemoryListener *ml, AddressSpace *as, FlatView *v)
{
    commits++;
    last_nr = v->nr;
}

static void test_listener(void)
{
    Fixture f;
    MemoryRegion *ram = new_ram("ram", 0x1000, 0);
    MemoryListener l = { .commit = count_commit };

    commits = 0;
    fixture_init(&f);
    address_space_add_listener(&f.as, &l);
    g_assert_cmpint(commits, ==, 1);
    memory_region_add_subregion(&f.root, 0, ram);
    g_assert_cmpint(commits, ==, 2);
    g_assert_cmpuint(last_nr, ==, 1);
    /* A change that does not alter the view is not committed. */
    MemoryRegion hidden;

    memory_region_init(&hidden, "hidden", 0x1000);
    memory_region_add_subregion(&f.root, 0x5000, &hidden);
    g_assert_cmpint(commits, ==, 2);
    /* A held view survives replacement. */
    FlatView *old = address_space_get_flatview(&f.as);

    memory_region_del_subregion(&f.root, ram);
    g_assert_cmpint(commits, ==, 3);
    g_assert_cmpuint(old->nr, ==, 1);
    g_assert_true(old->ranges[0].mr == ram);
    flatview_unref(old);
    address_space_remove_listener(&f.as, &l);
    memory_region_finalize(&hidden);
    fixture_fini(&f);
}

static void test_system_memory(void)
{
    MemoryRegion *sys = get_system_memory();
    MemoryRegion *ram = new_ram("sys.ram", 0x1000, 0x5a);
    uint8_t b = 0;

    g_assert_true(sys == get_system_memory());
    g_assert_cmpstr(sys->name, ==, "system");
    g_assert_true(address_space_memory.root == sys);
    memory_region_add_subregion(sys, 0xfffffffffffff000ull, ram);
    g_assert_cmpint(address_space_read(&address_space_memory,
                                       0xffffffffffffffffull, &b, 1),
                    ==, MEMTX_OK);
    g_assert_cmpuint(b, ==, 0x5a);
    memory_region_del_subregion(sys, ram);
}

static void test_dump_tree(void)
{
    Fixture f;
    MemoryRegion c, io, alias;
    MemoryRegion *ram = new_ram("board.ram", 0x1000, 0);
    TestDev d = { 0 };
    GString *s = g_string_new(NULL);

    fixture_init(&f);
    memory_region_init(&c, "bus", 0x10000);
    memory_region_init_io(&io, &ops_1_8, &d, "uart", 0x100);
    memory_region_init_alias(&alias, "ram.alias", ram, 0x100, 0x200);
    memory_region_add_subregion(&c, 0x200, &io);
    memory_region_add_subregion(&f.root, 0x10000000, &c);
    memory_region_add_subregion_overlap(&f.root, 0x80000000, ram, 2);
    memory_region_add_subregion(&f.root, 0x0, &alias);
    memory_region_set_enabled(&alias, false);
    memory_region_dump_tree(&f.root, s);
    g_assert_nonnull(strstr(s->str,
        "  0000000000000000-ffffffffffffffff (prio 0, container): root\n"));
    g_assert_nonnull(strstr(s->str,
        "    0000000010000000-000000001000ffff (prio 0, container): bus\n"
        "      0000000010000200-00000000100002ff (prio 0, i/o): uart\n"));
    g_assert_nonnull(strstr(s->str,
        "    0000000080000000-0000000080000fff (prio 2, ram): board.ram\n"));
    g_assert_nonnull(strstr(s->str, "(prio 0, ram): ram.alias @board.ram "
        "0000000000000100-00000000000002ff [disabled]\n"));
    g_string_truncate(s, 0);
    address_spaces_dump(s, true);
    g_assert_nonnull(strstr(s->str, "address-space: test\n"));
    g_assert_nonnull(strstr(s->str, "0000000010000200-00000000100002ff "
                                    "(i/o): uart"));
    g_string_free(s, TRUE);
    memory_region_finalize(&c);
    memory_region_finalize(&io);
    memory_region_finalize(&alias);
    fixture_fini(&f);
}

static void test_many_ranges_lookup(void)
{
    Fixture f;
    enum { N = 200 };
    MemoryRegion *io = g_new0(MemoryRegion, N);
    TestDev d = { 0 };
    hwaddr xlat;

    fixture_init(&f);
    for (int i = 0; i < N; i++) {
        memory_region_init_io(&io[i], &ops_1_8, &d, "dev", 0x100);
        memory_region_add_subregion(&f.root, 0x1000 * (hwaddr)i, &io[i]);
    }
    g_assert_cmpuint(f.as.current->nr, ==, N);
    for (int i = 0; i < N; i++) {
        g_assert_true(lookup_mr(&f, 0x1000 * (hwaddr)i + 0x80, &xlat) ==
                      &io[i]);
        g_assert_cmpuint(xlat, ==, 0x80);
        g_assert_null(lookup_mr(&f, 0x1000 * (hwaddr)i + 0x100, &xlat));
    }
    fixture_fini(&f);
    for (int i = 0; i < N; i++) {
        memory_region_finalize(&io[i]);
    }
    g_free(io);
}

typedef struct ReaderArgs {
    AddressSpace *as;
    gint stop;
    int bad;
} ReaderArgs;

static gpointer reader_thread(gpointer opaque)
{
    ReaderArgs *a = opaque;

    while (!g_atomic_int_get(&a->stop)) {
        uint8_t b = 0;
        MemTxResult r = address_space_read(a->as, 0x1000, &b, 1);

        /* Either the overlay, the RAM below, never garbage. */
        if (r != MEMTX_OK || (b != 1 && b != 2)) {
            a->bad++;
        }
    }
    return NULL;
}

static void test_view_swap_while_reading(void)
{
    Fixture f;
    MemoryRegion *under = new_ram("under", 0x2000, 1);
    MemoryRegion *over = new_ram("over", 0x2000, 2);
    ReaderArgs args = { 0 };
    GThread *th;

    fixture_init(&f);
    args.as = &f.as;
    memory_region_add_subregion(&f.root, 0, under);
    memory_region_add_subregion_overlap(&f.root, 0, over, 1);
    th = g_thread_new("reader", reader_thread, &args);
    for (int i = 0; i < 2000; i++) {
        memory_region_set_enabled(over, i & 1);
    }
    g_atomic_int_set(&args.stop, 1);
    g_thread_join(th);
    g_assert_cmpint(args.bad, ==, 0);
    fixture_fini(&f);
}

/*
 * An MMIO write that changes the map and reads memory itself, in the
 * middle of an access spanning into RAM: the outer access keeps using the
 * view it started with (ASan catches it if that view was freed), the
 * nested ones see the new map, and so does the next access.
 */
typedef struct RemapDev {
    MemoryRegion *overlay;
    AddressSpace *as;
    uint8_t nested;
} RemapDev;

static uint64_t remap_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void remap_write(void *opaque, hwaddr addr, uint64_t val,
                        unsigned size)
{
    RemapDev *d = opaque;
    hwaddr xlat, len = 1;

    memory_region_set_enabled(d->overlay, true);
    g_assert_true(address_space_translate(d->as, 0x3000, &xlat, &len) ==
                  d->overlay);
    g_assert_cmpint(address_space_read(d->as, 0x3000, &d->nested, 1), ==,
                    MEMTX_OK);
}

static const MemoryRegionOps remap_ops = {
    .read = remap_read, .write = remap_write,
    .min_access_size = 1, .max_access_size = 8,
};

static void test_remap_from_mmio(void)
{
    Fixture f;
    MemoryRegion io, *ram = new_ram("ram", 0x1000, 0);
    MemoryRegion *under = new_ram("under", 0x1000, 1);
    MemoryRegion *over = new_ram("over", 0x1000, 2);
    RemapDev d = { .overlay = over, .as = &f.as };
    uint8_t buf[16], b = 0;

    fixture_init(&f);
    memory_region_init_io(&io, &remap_ops, &d, "remap", 0x1000);
    memory_region_add_subregion(&f.root, 0, &io);
    memory_region_add_subregion(&f.root, 0x1000, ram);
    memory_region_add_subregion(&f.root, 0x3000, under);
    memory_region_add_subregion_overlap(&f.root, 0x3000, over, 1);
    memory_region_set_enabled(over, false);
    /* This thread's view is the one without the overlay. */
    g_assert_cmpint(address_space_read(&f.as, 0x3000, &b, 1), ==, MEMTX_OK);
    g_assert_cmpuint(b, ==, 1);
    memset(buf, 0x77, sizeof(buf));
    g_assert_cmpint(address_space_write(&f.as, 0xff8, buf, sizeof(buf)), ==,
                    MEMTX_OK);
    g_assert_cmpuint(d.nested, ==, 2);
    g_assert_cmpuint(ram->ram_ptr[0], ==, 0x77);
    g_assert_cmpuint(ram->ram_ptr[7], ==, 0x77);
    g_assert_cmpint(address_space_read(&f.as, 0x3000, &b, 1), ==, MEMTX_OK);
    g_assert_cmpuint(b, ==, 2);
    fixture_fini(&f);
    memory_region_finalize(&io);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/memory/ram-addr-unique", test_ram_addr_unique);
    g_test_add_func("/memory/ram-too-big", test_ram_too_big);
    g_test_add_func("/memory/priority-overlap", test_priority_overlap);
    g_test_add_func("/memory/equal-priority-later-wins",
                    test_equal_priority_later_wins);
    g_test_add_func("/memory/nested-containers", test_nested_containers);
    g_test_add_func("/memory/alias", test_alias);
    g_test_add_func("/memory/disable", test_disable);
    g_test_add_func("/memory/decode-error", test_decode_error);
    g_test_add_func("/memory/ram-across-regions", test_ram_across_regions);
    g_test_add_func("/memory/map-clamp", test_map_clamp);
    g_test_add_func("/memory/mmio-split", test_mmio_split);
    g_test_add_func("/memory/mmio-widen", test_mmio_widen);
    g_test_add_func("/memory/mmio-strict-and-be", test_mmio_strict_and_be);
    g_test_add_func("/memory/listener", test_listener);
    g_test_add_func("/memory/system-memory", test_system_memory);
    g_test_add_func("/memory/dump-tree", test_dump_tree);
    g_test_add_func("/memory/many-ranges-lookup", test_many_ranges_lookup);
    g_test_add_func("/memory/view-swap-while-reading",
                    test_view_swap_while_reading);
    g_test_add_func("/memory/remap-from-mmio", test_remap_from_mmio);
    return g_test_run();
}
