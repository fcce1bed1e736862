/* SPDX-License-Identifier: MIT */
/* hw/i386: e820, bzImage and Multiboot layouts, the MP table, -bios. */
#include <glib.h>
#include <string.h>

#include "hw/i386/x86-boot.h"

#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)

static uint16_t g16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static uint32_t g32(const uint8_t *p)
{
    return g16(p) | ((uint32_t)g16(p + 2) << 16);
}

static uint64_t g64(const uint8_t *p)
{
    return g32(p) | ((uint64_t)g32(p + 4) << 32);
}

static void p16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void p32(uint8_t *p, uint32_t v)
{
    p16(p, v);
    p16(p + 2, v >> 16);
}

/* ---- e820 ------------------------------------------------------------- */

static void test_ram_layout(void)
{
    X86RamLayout l = x86_ram_layout(512 * MiB);

    g_assert_cmphex(l.below_4g, ==, 512 * MiB);
    g_assert_cmphex(l.above_4g, ==, 0);
    /* QEMU 7.2's microvm split: 3 GiB below 4G, the rest above. */
    l = x86_ram_layout(4 * GiB);
    g_assert_cmphex(l.below_4g, ==, 0xc0000000);
    g_assert_cmphex(l.above_4g, ==, GiB);
    l = x86_ram_layout(3 * GiB);
    g_assert_cmphex(l.below_4g, ==, 3 * GiB);
    g_assert_cmphex(l.above_4g, ==, 0);
}

static void test_e820(void)
{
    X86RamLayout l = x86_ram_layout(4 * GiB);
    X86E820Entry e[X86_E820_MAX];
    unsigned n = x86_e820_build(&l, e);

    g_assert_cmpuint(n, ==, 5);
    g_assert_cmphex(e[0].addr, ==, 0);
    g_assert_cmphex(e[0].size, ==, 0x9fc00);
    g_assert_cmpuint(e[0].type, ==, E820_RAM);
    g_assert_cmphex(e[1].addr, ==, 0x9fc00);
    g_assert_cmpuint(e[1].type, ==, E820_RESERVED);
    g_assert_cmphex(e[2].addr, ==, 0xf0000);
    g_assert_cmpuint(e[2].type, ==, E820_RESERVED);
    g_assert_cmphex(e[3].addr, ==, MiB);
    g_assert_cmphex(e[3].addr + e[3].size, ==, 0xc0000000);
    g_assert_cmphex(e[4].addr, ==, 4 * GiB);
    g_assert_cmphex(e[4].size, ==, GiB);
    g_assert_cmpuint(e[4].type, ==, E820_RAM);
}

/* ---- bzImage ---------------------------------------------------------- */

#define SETUP_SECTS 4
#define SETUP_SIZE ((SETUP_SECTS + 1) * 512)

/* A bzImage with a protocol 2.15 header and a patterned payload. */
static uint8_t *make_bzimage(size_t payload, uint16_t version,
                             uint32_t init_size, size_t *len)
{
    uint8_t *k = g_malloc0(SETUP_SIZE + payload);

    k[0x1f1] = SETUP_SECTS;
    p16(k + 0x1fe, 0xaa55);
    k[0x200] = 0xeb;
    k[0x201] = 0x268 - 0x202;           /* header up to init_size */
    memcpy(k + 0x202, "HdrS", 4);
    p16(k + 0x206, version);
    k[0x211] = 0x01;                    /* LOADED_HIGH */
    p32(k + 0x214, 0x100000);
    p32(k + 0x22c, 0x7fffffff);
    p32(k + 0x230, 0x200000);
    p16(k + 0x236, 0x3);                /* KERNEL_64, above 4G */
    p32(k + 0x238, 2047);
    p32(k + 0x260, init_size);
    for (size_t i = 0; i < payload; i++) {
        k[SETUP_SIZE + i] = i * 13 + 1;
    }
    *len = SETUP_SIZE + payload;
    return k;
}

static void test_linux_header(void)
{
    size_t len;
    g_autofree uint8_t *k = make_bzimage(4096, 0x020f, 0x1000000, &len);
    X86LinuxHeader h;

    g_assert_true(x86_linux_header_parse(k, len, &h));
    g_assert_cmpuint(h.setup_sects, ==, SETUP_SECTS);
    g_assert_cmphex(h.version, ==, 0x020f);
    g_assert_cmphex(h.init_size, ==, 0x1000000);
    g_assert_cmphex(h.xloadflags, ==, 3);
    g_assert_cmpuint(h.cmdline_size, ==, 2047);
    g_assert_cmpuint(h.header_end, ==, 0x268);
    /* setup_sects 0 means 4 (boot.rst). */
    k[0x1f1] = 0;
    g_assert_true(x86_linux_header_parse(k, len, &h));
    g_assert_cmpuint(h.setup_sects, ==, 4);
    memcpy(k + 0x202, "HdrX", 4);
    g_assert_false(x86_linux_header_parse(k, len, &h));
    g_assert_false(x86_linux_header_parse(k, 0x100, &h));
}

static void test_linux_layout(void)
{
    size_t len;
    g_autofree uint8_t *k = make_bzimage(8192, 0x020f, 0x1000000, &len);
    uint8_t initrd[10000];
    X86LinuxConfig c = {
        .ram = x86_ram_layout(256 * MiB),
        .kernel = k, .kernel_size = len,
        .initrd = initrd, .initrd_size = sizeof(initrd),
        .cmdline = "console=ttyS0 quiet",
        .entry64 = true,
    };
    X86BootInfo bi;
    const X86Blob *zp, *kb, *ib, *cb;
    GError *err = NULL;

    memset(initrd, 0x5a, sizeof(initrd));
    x86_boot_info_init(&bi);
    g_assert_true(x86_linux_setup(&c, &bi, &err));
    g_assert_no_error(err);

    kb = x86_boot_find_blob(&bi, "linux-kernel");
    g_assert_nonnull(kb);
    g_assert_cmphex(kb->addr, ==, MiB);
    g_assert_cmpuint(kb->len, ==, 8192);
    g_assert_cmpmem(kb->data, kb->len, k + SETUP_SIZE, 8192);

    /* Initrd at the top of RAM, page aligned, below initrd_addr_max. */
    ib = x86_boot_find_blob(&bi, "linux-initrd");
    g_assert_nonnull(ib);
    g_assert_cmphex(ib->addr, ==, (256 * MiB - sizeof(initrd)) & ~0xfffULL);
    g_assert_cmphex(bi.initrd_start, ==, ib->addr);
    g_assert_cmphex(bi.kernel_end, ==, MiB + 0x1000000);

    cb = x86_boot_find_blob(&bi, "linux-cmdline");
    g_assert_nonnull(cb);
    g_assert_cmphex(cb->addr, ==, X86_BOOT_CMDLINE);
    g_assert_cmpstr((const char *)cb->data, ==, "console=ttyS0 quiet");
    g_assert_cmpuint(bi.cmdline_max, ==, 2048);

    zp = x86_boot_find_blob(&bi, "linux-zero-page");
    g_assert_nonnull(zp);
    g_assert_cmphex(zp->addr, ==, X86_BOOT_ZERO_PAGE);
    g_assert_cmpmem(zp->data + 0x202, 4, "HdrS", 4);
    g_assert_cmpuint(zp->data[0x1f1], ==, SETUP_SECTS);
    g_assert_cmphex(g32(zp->data + 0x260), ==, 0x1000000);
    g_assert_cmphex(zp->data[BP_TYPE_OF_LOADER], ==, 0xff);
    g_assert_cmphex(g32(zp->data + BP_CMD_LINE_PTR), ==, X86_BOOT_CMDLINE);
    g_assert_cmphex(g32(zp->data + BP_RAMDISK_IMAGE), ==, ib->addr);
    g_assert_cmphex(g32(zp->data + BP_RAMDISK_SIZE), ==, sizeof(initrd));
    /* RAM, EBDA, BIOS area, RAM from 1 MiB. */
    g_assert_cmpuint(zp->data[BP_E820_ENTRIES], ==, 4);
    g_assert_cmphex(g64(zp->data + BP_E820_TABLE + 3 * 20), ==, MiB);
    g_assert_cmphex(g64(zp->data + BP_E820_TABLE + 3 * 20 + 8), ==,
                    255 * MiB);
    g_assert_cmpuint(g32(zp->data + BP_E820_TABLE + 3 * 20 + 16), ==,
                     E820_RAM);
    g_assert_cmpuint(g32(zp->data + BP_E820_TABLE + 1 * 20 + 16), ==,
                     E820_RESERVED);

    /* The 64-bit entry: long mode, identity paging, ESI = zero page. */
    g_assert_cmphex(bi.regs.rip, ==, MiB + 0x200);
    g_assert_cmphex(bi.regs.gpr[X86_RSI], ==, X86_BOOT_ZERO_PAGE);
    g_assert_true(bi.regs.seg[X86_CS].l);
    g_assert_false(bi.regs.seg[X86_CS].db);
    g_assert_cmphex(bi.regs.seg[X86_CS].selector, ==, 0x10);
    g_assert_cmphex(bi.regs.seg[X86_DS].selector, ==, 0x18);
    g_assert_cmphex(bi.regs.efer, ==, 0x500);
    g_assert_cmphex(bi.regs.cr3, ==, X86_BOOT_PML4);
    g_assert_true(bi.regs.cr0 & 0x80000000);
    g_assert_nonnull(x86_boot_find_blob(&bi, "boot-page-tables"));
    x86_boot_info_clear(&bi);
}

static void test_linux_entry32(void)
{
    size_t len;
    g_autofree uint8_t *k = make_bzimage(4096, 0x020f, 0x200000, &len);
    X86LinuxConfig c = {
        .ram = x86_ram_layout(64 * MiB),
        .kernel = k, .kernel_size = len,
    };
    X86BootInfo bi;
    const X86Blob *gdt;

    x86_boot_info_init(&bi);
    g_assert_true(x86_linux_setup(&c, &bi, NULL));
    g_assert_cmphex(bi.regs.rip, ==, MiB);
    g_assert_true(bi.regs.seg[X86_CS].db);
    g_assert_false(bi.regs.seg[X86_CS].l);
    g_assert_cmphex(bi.regs.efer, ==, 0);
    g_assert_false(bi.regs.cr0 & 0x80000000);
    g_assert_true(bi.regs.cr0 & 1);
    g_assert_cmphex(bi.regs.gpr[X86_RSI], ==, X86_BOOT_ZERO_PAGE);
    g_assert_null(x86_boot_find_blob(&bi, "boot-page-tables"));
    g_assert_null(x86_boot_find_blob(&bi, "linux-initrd"));
    /* The GDT matches the selectors: 32-bit code at 0x10, data at 0x18. */
    gdt = x86_boot_find_blob(&bi, "boot-gdt");
    g_assert_nonnull(gdt);
    g_assert_cmphex(gdt->addr, ==, bi.regs.gdt.base);
    g_assert_cmphex(g64(gdt->data + 0x10), ==, 0x00cf9b000000ffffULL);
    g_assert_cmphex(g64(gdt->data + 0x18), ==, 0x00cf93000000ffffULL);
    g_assert_cmpstr((const char *)x86_boot_find_blob(&bi, "linux-cmdline")
                    ->data, ==, "");
    x86_boot_info_clear(&bi);
}

static void test_page_tables(void)
{
    X86BootInfo bi;
    const X86Blob *pt;

    x86_boot_info_init(&bi);
    x86_boot_add_page_tables(&bi);
    pt = x86_boot_find_blob(&bi, "boot-page-tables");
    g_assert_cmphex(g64(pt->data), ==, (X86_BOOT_PML4 + 0x1000) | 3);
    g_assert_cmphex(g64(pt->data + 0x1000 + 3 * 8), ==,
                    (X86_BOOT_PML4 + 0x5000) | 3);
    /* 3 GiB + 2 MiB maps to itself with a 2 MiB page. */
    g_assert_cmphex(g64(pt->data + 0x2000 + (3 * 512 + 1) * 8), ==,
                    (3 * GiB + 2 * MiB) | 0x83);
    x86_boot_info_clear(&bi);
}

static void expect_linux_error(X86LinuxConfig *c, const char *part)
{
    X86BootInfo bi;
    GError *err = NULL;

    x86_boot_info_init(&bi);
    g_assert_false(x86_linux_setup(c, &bi, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, part)) {
        g_error("'%s' does not say '%s'", err->message, part);
    }
    g_error_free(err);
    x86_boot_info_clear(&bi);
}

static void test_linux_errors(void)
{
    size_t len;
    g_autofree uint8_t *k = make_bzimage(4096, 0x020f, 0x1000000, &len);
    g_autofree char *longcmd = g_strnfill(3000, 'x');
    X86LinuxConfig c = {
        .ram = x86_ram_layout(16 * MiB),
        .kernel = k, .kernel_size = len,
    };
    static uint8_t big_initrd[16 * 1024 * 1024];

    /* init_size 16 MiB from 1 MiB does not fit in 16 MiB of RAM. */
    expect_linux_error(&c, "more than -m gives");
    c.ram = x86_ram_layout(32 * MiB);
    c.cmdline = longcmd;
    expect_linux_error(&c, "at most 2047");
    c.cmdline = NULL;
    c.initrd = big_initrd;
    c.initrd_size = sizeof(big_initrd);
    expect_linux_error(&c, "does not fit in RAM above the kernel");
    c.initrd = NULL;
    p16(k + 0x206, 0x0205);
    expect_linux_error(&c, "2.05 is too old");
    p16(k + 0x206, 0x020f);
    k[0x211] = 0;
    expect_linux_error(&c, "zImage");
    k[0x211] = 1;
    c.kernel_size = SETUP_SIZE;
    expect_linux_error(&c, "truncated");
    c.kernel_size = len;
    memset(k + 0x202, 0, 4);
    expect_linux_error(&c, "not a Linux bzImage");
}

/* ---- Multiboot ---------------------------------------------------------- */

#define MB_LOAD 0x100000

/* An ELF32 i386 executable: one PT_LOAD at MB_LOAD holding the header. */
static uint8_t *make_mb_elf(uint32_t flags, uint16_t machine, size_t *len)
{
    size_t size = 0x1000 + 0x200;
    uint8_t *f = g_malloc0(size);
    uint8_t *ph = f + 52;
    uint8_t *mb = f + 0x1000;

    memcpy(f, "\x7f" "ELF", 4);
    f[4] = 1;                           /* ELFCLASS32 */
    f[5] = 1;                           /* little-endian */
    f[6] = 1;
    p16(f + 16, 2);                     /* ET_EXEC */
    p16(f + 18, machine);
    p32(f + 20, 1);
    p32(f + 24, MB_LOAD + 0x10);        /* e_entry */
    p32(f + 28, 52);                    /* e_phoff */
    p16(f + 40, 52);                    /* e_ehsize */
    p16(f + 42, 32);                    /* e_phentsize */
    p16(f + 44, 1);                     /* e_phnum */
    p32(ph, 1);                         /* PT_LOAD */
    p32(ph + 4, 0x1000);                /* p_offset */
    p32(ph + 8, MB_LOAD);               /* p_vaddr */
    p32(ph + 12, MB_LOAD);              /* p_paddr */
    p32(ph + 16, 0x200);                /* p_filesz */
    p32(ph + 20, 0x3000);               /* p_memsz: bss after */
    p32(ph + 24, 5);
    p32(ph + 28, 0x1000);
    p32(mb, MULTIBOOT_MAGIC);
    p32(mb + 4, flags);
    p32(mb + 8, -(MULTIBOOT_MAGIC + flags));
    mb[0x10] = 0xf4;                    /* hlt at the entry */
    *len = size;
    return f;
}

static void test_multiboot_header(void)
{
    size_t len;
    g_autofree uint8_t *f = make_mb_elf(3, 3, &len);
    MultibootHeader h;

    g_assert_true(multiboot_header_find(f, len, &h));
    g_assert_cmpuint(h.offset, ==, 0x1000);
    g_assert_cmphex(h.flags, ==, 3);
    /* A bad checksum is no header. */
    f[0x1008] ^= 1;
    g_assert_false(multiboot_header_find(f, len, &h));
    /* Past the first 8 KiB is too far. */
    g_assert_false(multiboot_header_find(f, 0x1000, &h));
}

static void test_multiboot_elf(void)
{
    size_t len;
    g_autofree uint8_t *f = make_mb_elf(3, 3, &len);
    uint8_t mod0[100], mod1[5000];
    MultibootModule mods[2] = {
        { mod0, sizeof(mod0), "mod0.bin arg" },
        { mod1, sizeof(mod1), "mod1.bin" },
    };
    MultibootConfig c = {
        .ram = x86_ram_layout(128 * MiB),
        .kernel = f, .kernel_size = len,
        .cmdline = "kernel.elf hello=1",
        .mods = mods, .nb_mods = 2,
    };
    X86BootInfo bi;
    const X86Blob *k, *mbi, *m0, *m1;
    const uint8_t *p;
    uint32_t mods_addr;
    GError *err = NULL;

    memset(mod0, 0xa0, sizeof(mod0));
    memset(mod1, 0xa1, sizeof(mod1));
    x86_boot_info_init(&bi);
    g_assert_true(multiboot_setup(&c, &bi, &err));
    g_assert_no_error(err);
    g_assert_true(bi.multiboot);

    k = x86_boot_find_blob(&bi, "multiboot-kernel.0");
    g_assert_nonnull(k);
    g_assert_cmphex(k->addr, ==, MB_LOAD);
    g_assert_cmpuint(k->len, ==, 0x3000);     /* bss zero-filled */
    g_assert_cmpmem(k->data, 0x200, f + 0x1000, 0x200);
    g_assert_cmpuint(k->data[0x2000], ==, 0);

    g_assert_cmphex(bi.regs.rip, ==, MB_LOAD + 0x10);
    g_assert_cmphex(bi.regs.gpr[X86_RAX], ==, 0x2BADB002);
    g_assert_true(bi.regs.seg[X86_CS].db);
    g_assert_cmphex(bi.regs.cr0 & 0x80000001, ==, 1);

    mbi = x86_boot_find_blob(&bi, "multiboot-info");
    g_assert_nonnull(mbi);
    g_assert_cmphex(bi.regs.gpr[X86_RBX], ==, mbi->addr);
    /* Page aligned after the kernel's bss. */
    g_assert_cmphex(mbi->addr, ==, MB_LOAD + 0x3000);
    p = mbi->data;
    g_assert_cmphex(g32(p + MBI_FLAGS) & 0x24f, ==, 0x24f);
    g_assert_cmpuint(g32(p + MBI_MEM_LOWER), ==, 639);
    g_assert_cmpuint(g32(p + MBI_MEM_UPPER), ==, 127 * 1024);
    g_assert_cmpstr((const char *)p + (g32(p + MBI_CMDLINE) - mbi->addr),
                    ==, "kernel.elf hello=1");
    g_assert_cmpstr((const char *)p + (g32(p + MBI_BOOT_LOADER_NAME) -
                                       mbi->addr), ==, "vemu");
    /* mmap: size 20 entries; the fourth is RAM from 1 MiB. */
    g_assert_cmpuint(g32(p + MBI_MMAP_LENGTH), ==, 4 * 24);
    {
        const uint8_t *m = p + (g32(p + MBI_MMAP_ADDR) - mbi->addr) + 3 * 24;

        g_assert_cmpuint(g32(m), ==, 20);
        g_assert_cmphex(g64(m + 4), ==, MiB);
        g_assert_cmphex(g64(m + 12), ==, 127 * MiB);
        g_assert_cmpuint(g32(m + 20), ==, 1);
    }
    /* Modules: page aligned after the information, with their strings. */
    g_assert_cmpuint(g32(p + MBI_MODS_COUNT), ==, 2);
    mods_addr = g32(p + MBI_MODS_ADDR);
    m0 = x86_boot_find_blob(&bi, "multiboot-module.0");
    m1 = x86_boot_find_blob(&bi, "multiboot-module.1");
    g_assert_nonnull(m0);
    g_assert_nonnull(m1);
    g_assert_cmphex(m0->addr, ==, mbi->addr + 0x1000);
    g_assert_cmphex(m1->addr, ==, m0->addr + 0x1000);
    g_assert_cmpmem(m1->data, m1->len, mod1, sizeof(mod1));
    p += mods_addr - mbi->addr;
    g_assert_cmphex(g32(p), ==, m0->addr);
    g_assert_cmphex(g32(p + 4), ==, m0->addr + sizeof(mod0));
    g_assert_cmpstr((const char *)mbi->data + (g32(p + 8) - mbi->addr), ==,
                    "mod0.bin arg");
    g_assert_cmphex(g32(p + 16), ==, m1->addr);
    g_assert_cmpstr((const char *)mbi->data + (g32(p + 24) - mbi->addr), ==,
                    "mod1.bin");
    x86_boot_info_clear(&bi);
}

/* A flat binary with the a.out kludge: loaded whole at 2 MiB, bss after. */
static void test_multiboot_aout(void)
{
    uint8_t f[0x800] = { 0 };
    uint32_t flags = MB_FLAG_AOUT_KLUDGE | MB_FLAG_MEMORY_INFO;
    MultibootConfig c = {
        .ram = x86_ram_layout(64 * MiB),
        .kernel = f, .kernel_size = sizeof(f),
    };
    X86BootInfo bi;
    const X86Blob *k;

    p32(f + 0x40, MULTIBOOT_MAGIC);
    p32(f + 0x44, flags);
    p32(f + 0x48, -(MULTIBOOT_MAGIC + flags));
    p32(f + 0x4c, 0x200040);            /* header_addr */
    p32(f + 0x50, 0x200000);            /* load_addr */
    p32(f + 0x54, 0);                   /* load_end: the whole file */
    p32(f + 0x58, 0x202000);            /* bss_end */
    p32(f + 0x5c, 0x200100);            /* entry */
    f[0x7ff] = 0x77;
    x86_boot_info_init(&bi);
    g_assert_true(multiboot_setup(&c, &bi, NULL));
    k = x86_boot_find_blob(&bi, "multiboot-kernel");
    g_assert_nonnull(k);
    g_assert_cmphex(k->addr, ==, 0x200000);
    g_assert_cmpuint(k->len, ==, 0x2000);
    g_assert_cmpuint(k->data[0x7ff], ==, 0x77);
    g_assert_cmphex(bi.regs.rip, ==, 0x200100);
    x86_boot_info_clear(&bi);

    /* header_addr that would put the image before the file's start. */
    p32(f + 0x4c, 0x200100);
    x86_boot_info_init(&bi);
    g_assert_false(multiboot_setup(&c, &bi, NULL));
    x86_boot_info_clear(&bi);
}

static void expect_mb_error(MultibootConfig *c, const char *part)
{
    X86BootInfo bi;
    GError *err = NULL;

    x86_boot_info_init(&bi);
    g_assert_false(multiboot_setup(c, &bi, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, part)) {
        g_error("'%s' does not say '%s'", err->message, part);
    }
    g_error_free(err);
    x86_boot_info_clear(&bi);
}

static void test_multiboot_errors(void)
{
    size_t len;
    g_autofree uint8_t *f = make_mb_elf(0x8, 3, &len);
    g_autofree uint8_t *x64 = make_mb_elf(0, 62, &len);
    g_autofree uint8_t *ok = make_mb_elf(0, 3, &len);
    uint8_t junk[64] = { 1, 2, 3 };
    MultibootConfig c = {
        .ram = x86_ram_layout(64 * MiB),
        .kernel = f, .kernel_size = len,
    };

    expect_mb_error(&c, "require features");
    c.kernel = x64;
    expect_mb_error(&c, "32-bit i386 ELF");
    c.kernel = junk;
    c.kernel_size = sizeof(junk);
    expect_mb_error(&c, "no Multiboot header");
    /* 1 MiB of RAM: the kernel at 1 MiB is outside it. */
    c.kernel = ok;
    c.kernel_size = len;
    c.ram = x86_ram_layout(MiB);
    expect_mb_error(&c, "not in guest RAM");
}

/* ---- MP table and -bios ------------------------------------------------- */

static uint8_t sum(const uint8_t *p, size_t n)
{
    uint8_t s = 0;

    for (size_t i = 0; i < n; i++) {
        s += p[i];
    }
    return s;
}

static void test_mptable(void)
{
    X86MpConfig c = { .nb_cpus = 4, .level_first = 5, .level_count = 8 };
    size_t len;
    g_autofree uint8_t *t = x86_mptable_build(&c, X86_EBDA_BASE, &len);
    const uint8_t *mpc = t + 16, *e;
    unsigned cpus = 0, ioapics = 0, ints = 0, lints = 0;

    g_assert_cmpmem(t, 4, "_MP_", 4);
    g_assert_cmphex(g32(t + 4), ==, X86_EBDA_BASE + 16);
    g_assert_cmpuint(sum(t, 16), ==, 0);
    g_assert_cmpmem(mpc, 4, "PCMP", 4);
    g_assert_cmpuint(g16(mpc + 4), ==, len - 16);
    g_assert_cmpuint(sum(mpc, len - 16), ==, 0);
    g_assert_cmphex(g32(mpc + 36), ==, 0xfee00000);
    g_assert_cmpuint(len, <=, X86_LOWMEM_END - X86_EBDA_BASE);

    e = mpc + 44;
    for (unsigned i = 0; i < g16(mpc + 34); i++) {
        switch (e[0]) {
        case 0:
            g_assert_cmpuint(e[1], ==, cpus);
            g_assert_cmpuint(e[3] & 3, ==, cpus == 0 ? 3 : 1);
            cpus++;
            e += 20;
            break;
        case 1:
            g_assert_cmpmem(e + 2, 6, "ISA   ", 6);
            e += 8;
            break;
        case 2:
            g_assert_cmpuint(e[1], ==, 4);
            g_assert_cmphex(g32(e + 4), ==, 0xfec00000);
            ioapics++;
            e += 8;
            break;
        case 3:
            g_assert_cmpuint(e[5], ==, e[7]);      /* IRQ n on pin n */
            g_assert_cmpuint(g16(e + 2), ==,
                             e[5] >= 5 && e[5] < 13 ? 0xd : 0);
            ints++;
            e += 8;
            break;
        case 4:
            lints++;
            e += 8;
            break;
        default:
            g_assert_not_reached();
        }
    }
    g_assert_true(e == t + len);
    g_assert_cmpuint(cpus, ==, 4);
    g_assert_cmpuint(ioapics, ==, 1);
    g_assert_cmpuint(ints, ==, 16);
    g_assert_cmpuint(lints, ==, 2);

    /* The board's maximum still fits below 640 KiB. */
    c.nb_cpus = 32;
    g_free(x86_mptable_build(&c, X86_EBDA_BASE, &len));
    g_assert_cmpuint(len, <=, X86_LOWMEM_END - X86_EBDA_BASE);
}

static void test_bios_layout(void)
{
    uint64_t base, size;

    g_assert_true(x86_bios_layout(65536, 16 * MiB, &base, &size));
    g_assert_cmphex(base, ==, 0xffff0000);
    g_assert_cmphex(size, ==, 65536);
    /* Rounded up to 64 KiB: the image's end stays at 4 GiB. */
    g_assert_true(x86_bios_layout(100, 16 * MiB, &base, &size));
    g_assert_cmphex(size, ==, 65536);
    g_assert_true(x86_bios_layout(256 * 1024 + 1, 16 * MiB, &base, &size));
    g_assert_cmphex(base, ==, 0xfffb0000);
    g_assert_false(x86_bios_layout(0, 16 * MiB, &base, &size));
    g_assert_false(x86_bios_layout(17 * MiB, 16 * MiB, &base, &size));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86-boot/ram-layout", test_ram_layout);
    g_test_add_func("/x86-boot/e820", test_e820);
    g_test_add_func("/x86-boot/linux/header", test_linux_header);
    g_test_add_func("/x86-boot/linux/layout", test_linux_layout);
    g_test_add_func("/x86-boot/linux/entry32", test_linux_entry32);
    g_test_add_func("/x86-boot/linux/errors", test_linux_errors);
    g_test_add_func("/x86-boot/page-tables", test_page_tables);
    g_test_add_func("/x86-boot/multiboot/header", test_multiboot_header);
    g_test_add_func("/x86-boot/multiboot/elf", test_multiboot_elf);
    g_test_add_func("/x86-boot/multiboot/aout", test_multiboot_aout);
    g_test_add_func("/x86-boot/multiboot/errors", test_multiboot_errors);
    g_test_add_func("/x86-boot/mptable", test_mptable);
    g_test_add_func("/x86-boot/bios-layout", test_bios_layout);
    return g_test_run();
}
