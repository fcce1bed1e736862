/* SPDX-License-Identifier: MIT */
/* x86 direct boot: memory map, boot GDT/page tables, bzImage, -bios. */
#include "hw/i386/x86-boot.h"

#include <inttypes.h>
#include <string.h>

#define MiB (1ULL << 20)

static uint16_t ld16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static uint32_t ld32(const uint8_t *p)
{
    return ld16(p) | ((uint32_t)ld16(p + 2) << 16);
}

static uint64_t ld64(const uint8_t *p)
{
    return ld32(p) | ((uint64_t)ld32(p + 4) << 32);
}

static void st16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void st32(uint8_t *p, uint32_t v)
{
    st16(p, v);
    st16(p + 2, v >> 16);
}

static void st64(uint8_t *p, uint64_t v)
{
    st32(p, v);
    st32(p + 4, v >> 32);
}

X86RamLayout x86_ram_layout(uint64_t ram_size)
{
    X86RamLayout l;

    l.below_4g = MIN(ram_size, X86_MAX_BELOW_4G);
    l.above_4g = ram_size - l.below_4g;
    return l;
}

static void e820_add(X86E820Entry *e, unsigned *n, uint64_t addr,
                     uint64_t size, uint32_t type)
{
    if (size && *n < X86_E820_MAX) {
        e[*n] = (X86E820Entry) { addr, size, type };
        (*n)++;
    }
}

unsigned x86_e820_build(const X86RamLayout *l, X86E820Entry *e)
{
    unsigned n = 0;

    /* Base memory up to the EBDA, where the MP table lives. */
    e820_add(e, &n, 0, MIN(l->below_4g, X86_EBDA_BASE), E820_RAM);
    if (l->below_4g > X86_EBDA_BASE) {
        e820_add(e, &n, X86_EBDA_BASE, X86_LOWMEM_END - X86_EBDA_BASE,
                 E820_RESERVED);
    }
    /* The BIOS area (the low alias of a -bios image). */
    e820_add(e, &n, X86_BIOS_AREA, X86_HIGHMEM - X86_BIOS_AREA,
             E820_RESERVED);
    if (l->below_4g > X86_HIGHMEM) {
        e820_add(e, &n, X86_HIGHMEM, l->below_4g - X86_HIGHMEM, E820_RAM);
    }
    e820_add(e, &n, X86_4G, l->above_4g, E820_RAM);
    return n;
}

/* ---- blobs -------------------------------------------------------------- */

static void blob_free(gpointer p)
{
    X86Blob *b = p;

    g_free(b->name);
    g_free(b->data);
    g_free(b);
}

void x86_boot_info_init(X86BootInfo *bi)
{
    memset(bi, 0, sizeof(*bi));
    bi->blobs = g_ptr_array_new_with_free_func(blob_free);
}

void x86_boot_info_clear(X86BootInfo *bi)
{
    if (bi->blobs) {
        g_ptr_array_free(bi->blobs, TRUE);
    }
    memset(bi, 0, sizeof(*bi));
}

void x86_boot_add_blob(X86BootInfo *bi, const char *name, uint64_t addr,
                       const void *data, size_t len)
{
    X86Blob *b = g_new0(X86Blob, 1);

    b->name = g_strdup(name);
    b->addr = addr;
    b->len = len;
    b->data = data ? g_memdup2(data, len) : g_malloc0(len);
    g_ptr_array_add(bi->blobs, b);
}

const X86Blob *x86_boot_find_blob(const X86BootInfo *bi, const char *name)
{
    for (guint i = 0; i < bi->blobs->len; i++) {
        const X86Blob *b = g_ptr_array_index(bi->blobs, i);

        if (!strcmp(b->name, name)) {
            return b;
        }
    }
    return NULL;
}

/* ---- flat protected mode and long mode ---------------------------------- */

/* Descriptor bits (Intel SDM vol. 3, 3.4.5). */
#define DESC_G (1ULL << 55)
#define DESC_DB (1ULL << 54)
#define DESC_L (1ULL << 53)
#define DESC_P (1ULL << 47)
#define DESC_S (1ULL << 44)
#define DESC_TYPE(t) ((uint64_t)(t) << 40)
#define DESC_FLAT_LIMIT (0xffffULL | (0xfULL << 48))

enum {
    SEG_TYPE_DATA_RW_ACC = 0x3,
    SEG_TYPE_CODE_RX_ACC = 0xb,
    SEG_TYPE_TSS_BUSY = 0xb,
    SEG_TYPE_LDT = 0x2,
    TSS_LIMIT = 0x67,
};

enum {
    CR0_PE = 1u << 0,
    CR0_ET = 1u << 4,
    CR0_PG = 1u << 31,
    CR4_PAE = 1u << 5,
    EFER_LME = 1u << 8,
    EFER_LMA = 1u << 10,
    RFLAGS_FIXED = 1u << 1,
};

void x86_boot_add_gdt(X86BootInfo *bi, bool long_mode)
{
    uint8_t gdt[5 * 8] = { 0 };
    uint64_t code = DESC_G | DESC_P | DESC_S | DESC_FLAT_LIMIT |
                    DESC_TYPE(SEG_TYPE_CODE_RX_ACC) |
                    (long_mode ? DESC_L : DESC_DB);
    uint64_t data = DESC_G | DESC_DB | DESC_P | DESC_S | DESC_FLAT_LIMIT |
                    DESC_TYPE(SEG_TYPE_DATA_RW_ACC);
    /* A TSS at 0, never switched to: VM entry wants a usable TR. */
    uint64_t tss = DESC_P | DESC_TYPE(SEG_TYPE_TSS_BUSY) | TSS_LIMIT;

    st64(gdt + X86_BOOT_CS, code);
    st64(gdt + X86_BOOT_DS, data);
    st64(gdt + X86_BOOT_TSS, tss);
    x86_boot_add_blob(bi, "boot-gdt", X86_BOOT_GDT_ADDR, gdt, sizeof(gdt));
}

void x86_boot_add_page_tables(X86BootInfo *bi)
{
    uint8_t *pt = g_malloc0(X86_BOOT_PAGE_TABLES_SIZE);
    uint64_t pdpt = X86_BOOT_PML4 + 0x1000;
    uint64_t pd = X86_BOOT_PML4 + 0x2000;

    /* Present + writable; 2 MiB pages (PS) in the four PDs. */
    st64(pt, pdpt | 0x3);
    for (unsigned i = 0; i < 4; i++) {
        st64(pt + 0x1000 + i * 8, (pd + i * 0x1000) | 0x3);
    }
    for (unsigned i = 0; i < 4 * 512; i++) {
        st64(pt + 0x2000 + i * 8, ((uint64_t)i << 21) | 0x83);
    }
    x86_boot_add_blob(bi, "boot-page-tables", X86_BOOT_PML4, pt,
                      X86_BOOT_PAGE_TABLES_SIZE);
    g_free(pt);
}

static X86Segment flat_seg(uint16_t sel, uint8_t type, bool code64)
{
    return (X86Segment) {
        .base = 0,
        .limit = 0xffffffff,
        .selector = sel,
        .type = type,
        .present = true,
        .db = !code64,
        .s = true,
        .l = code64,
        .g = true,
    };
}

void x86_boot_regs_flat(X86BootRegs *r, uint64_t entry, bool long_mode)
{
    memset(r, 0, sizeof(*r));
    r->rip = entry;
    r->rflags = RFLAGS_FIXED;
    r->gpr[X86_RSP] = X86_BOOT_STACK_TOP;
    r->seg[X86_CS] = flat_seg(X86_BOOT_CS, SEG_TYPE_CODE_RX_ACC, long_mode);
    for (int i = 0; i < X86_NB_SEGS; i++) {
        if (i != X86_CS) {
            r->seg[i] = flat_seg(X86_BOOT_DS, SEG_TYPE_DATA_RW_ACC, false);
        }
    }
    r->tr = (X86Segment) {
        .selector = X86_BOOT_TSS, .limit = TSS_LIMIT,
        .type = SEG_TYPE_TSS_BUSY, .present = true,
    };
    r->ldt = (X86Segment) { .type = SEG_TYPE_LDT, .unusable = true };
    r->gdt = (X86DescTable) { X86_BOOT_GDT_ADDR, 5 * 8 - 1 };
    r->idt = (X86DescTable) { 0, 0 };
    r->cr0 = CR0_PE | CR0_ET;
    if (long_mode) {
        r->cr0 |= CR0_PG;
        r->cr3 = X86_BOOT_PML4;
        r->cr4 = CR4_PAE;
        r->efer = EFER_LME | EFER_LMA;
    }
}

/* ---- Linux bzImage ------------------------------------------------------- */

/* Offsets in the file (and in boot_params) of the setup header. */
enum {
    HDR_SETUP_SECTS = 0x1f1,
    HDR_SYSSIZE = 0x1f4,
    HDR_BOOT_FLAG = 0x1fe,
    HDR_JUMP = 0x200,
    HDR_MAGIC = 0x202,
    HDR_VERSION = 0x206,
    HDR_TYPE_OF_LOADER = 0x210,
    HDR_LOADFLAGS = 0x211,
    HDR_CODE32_START = 0x214,
    HDR_INITRD_ADDR_MAX = 0x22c,
    HDR_KERNEL_ALIGNMENT = 0x230,
    HDR_XLOADFLAGS = 0x236,
    HDR_CMDLINE_SIZE = 0x238,
    HDR_PREF_ADDRESS = 0x258,
    HDR_INIT_SIZE = 0x260,
    HDR_MIN_SIZE = 0x268,       /* up to init_size, protocol 2.10+ */
};

#define X86_LINUX_MIN_PROTOCOL 0x0206
/* initrd_addr_max of kernels that do not say (boot.rst). */
#define X86_INITRD_ADDR_MAX_DEFAULT 0x37ffffffu
/* boot_params is one page: the header copy must stay inside it. */
#define HDR_COPY_MAX (BP_E820_TABLE - BP_HDR)

bool x86_linux_header_parse(const uint8_t *data, size_t size,
                            X86LinuxHeader *h)
{
    memset(h, 0, sizeof(*h));
    if (size < HDR_MIN_SIZE || memcmp(data + HDR_MAGIC, "HdrS", 4)) {
        return false;
    }
    h->setup_sects = data[HDR_SETUP_SECTS] ? data[HDR_SETUP_SECTS] : 4;
    h->version = ld16(data + HDR_VERSION);
    h->loadflags = data[HDR_LOADFLAGS];
    h->code32_start = ld32(data + HDR_CODE32_START);
    h->initrd_addr_max = ld32(data + HDR_INITRD_ADDR_MAX);
    if (h->version < 0x0203 || !h->initrd_addr_max) {
        h->initrd_addr_max = X86_INITRD_ADDR_MAX_DEFAULT;
    }
    if (h->version >= 0x0205) {
        h->kernel_alignment = ld32(data + HDR_KERNEL_ALIGNMENT);
    }
    h->cmdline_size = h->version >= 0x0206 ? ld32(data + HDR_CMDLINE_SIZE)
                                            : 255;
    if (h->version >= 0x020c) {
        h->xloadflags = ld16(data + HDR_XLOADFLAGS);
    }
    if (h->version >= 0x020a) {
        h->pref_address = ld64(data + HDR_PREF_ADDRESS);
        h->init_size = ld32(data + HDR_INIT_SIZE);
    }
    /* The byte at 0x201 is the jump's offset: the header ends there. */
    h->header_end = HDR_JUMP + 2 + data[HDR_JUMP + 1];
    return true;
}

static char *size_mib(uint64_t bytes)
{
    return g_strdup_printf("%" PRIu64 " MiB",
                           (uint64_t)((bytes + MiB - 1) / MiB));
}

/* The zero page: the header as the kernel wrote it, plus our answers. */
static void linux_fill_zero_page(const X86LinuxConfig *c,
                                 const X86LinuxHeader *h, uint8_t *zp,
                                 const X86BootInfo *bi)
{
    X86E820Entry e820[X86_E820_MAX];
    unsigned n = x86_e820_build(&c->ram, e820);
    size_t copy = MIN(h->header_end, c->kernel_size) - BP_HDR;

    memcpy(zp + BP_HDR, c->kernel + BP_HDR, MIN(copy, HDR_COPY_MAX));
    /* 0xff: a boot loader without an assigned id (boot.rst). */
    zp[BP_TYPE_OF_LOADER] = 0xff;
    st32(zp + BP_CMD_LINE_PTR, bi->cmdline_addr);
    st32(zp + BP_RAMDISK_IMAGE, bi->initrd_start);
    st32(zp + BP_RAMDISK_SIZE, bi->initrd_end - bi->initrd_start);
    zp[BP_E820_ENTRIES] = n;
    for (unsigned i = 0; i < n; i++) {
        uint8_t *p = zp + BP_E820_TABLE + i * 20;

        st64(p, e820[i].addr);
        st64(p + 8, e820[i].size);
        st32(p + 16, e820[i].type);
    }
}

static bool linux_check_header(const X86LinuxConfig *c, X86LinuxHeader *h,
                               GError **errp)
{
    if (!x86_linux_header_parse(c->kernel, c->kernel_size, h)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "not a Linux bzImage (no \"HdrS\" at 0x202)");
        return false;
    }
    if (h->version < X86_LINUX_MIN_PROTOCOL) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Linux boot protocol %u.%02u is too old (vemu needs "
                    "2.06 or later)", h->version >> 8, h->version & 0xff);
        return false;
    }
    if (!(h->loadflags & X86_LOADED_HIGH)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "a zImage (loaded below 1 MiB) is not supported, only "
                    "bzImage");
        return false;
    }
    if ((size_t)(h->setup_sects + 1) * 512 >= c->kernel_size) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "truncated bzImage (%zu bytes, setup alone takes %u)",
                    c->kernel_size, (h->setup_sects + 1) * 512);
        return false;
    }
    return true;
}

bool x86_linux_setup(const X86LinuxConfig *c, X86BootInfo *bi,
                     GError **errp)
{
    X86LinuxHeader h;
    size_t setup_size, pm_size;
    uint64_t need, kernel_end, initrd_top;
    size_t cmdlen = c->cmdline ? strlen(c->cmdline) : 0;
    bool entry64;
    uint8_t *zp;

    if (!linux_check_header(c, &h, errp)) {
        return false;
    }
    setup_size = (size_t)(h.setup_sects + 1) * 512;
    pm_size = c->kernel_size - setup_size;
    /* The kernel decompresses in place: it needs init_size from 1 MiB. */
    need = MAX((uint64_t)pm_size, (uint64_t)h.init_size);
    kernel_end = X86_HIGHMEM + need;
    if (kernel_end > c->ram.below_4g) {
        g_autofree char *n = size_mib(kernel_end);

        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                    "the kernel needs %s of RAM, more than -m gives", n);
        return false;
    }
    bi->cmdline_addr = X86_BOOT_CMDLINE;
    bi->cmdline_max = MIN((uint64_t)h.cmdline_size + 1,
                          (uint64_t)X86_BOOT_CMDLINE_MAX);
    if (cmdlen + 1 > bi->cmdline_max) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NAMETOOLONG,
                    "the command line is %zu bytes, the kernel takes at "
                    "most %u", cmdlen, bi->cmdline_max - 1);
        return false;
    }
    bi->kernel_start = X86_HIGHMEM;
    bi->kernel_end = kernel_end;
    if (c->initrd) {
        initrd_top = MIN(c->ram.below_4g, (uint64_t)h.initrd_addr_max + 1);
        if (c->initrd_size > initrd_top ||
            ((initrd_top - c->initrd_size) & ~0xfffULL) < kernel_end) {
            g_autofree char *n = size_mib(c->initrd_size);

            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                        "the initrd (%s) does not fit in RAM above the "
                        "kernel", n);
            return false;
        }
        bi->initrd_start = (initrd_top - c->initrd_size) & ~0xfffULL;
        bi->initrd_end = bi->initrd_start + c->initrd_size;
    }

    entry64 = c->entry64 && (h.xloadflags & X86_XLF_KERNEL_64);
    zp = g_malloc0(BP_SIZE);
    linux_fill_zero_page(c, &h, zp, bi);
    x86_boot_add_gdt(bi, entry64);
    if (entry64) {
        x86_boot_add_page_tables(bi);
    }
    x86_boot_add_blob(bi, "linux-zero-page", X86_BOOT_ZERO_PAGE, zp,
                      BP_SIZE);
    g_free(zp);
    x86_boot_add_blob(bi, "linux-cmdline", bi->cmdline_addr,
                      c->cmdline ? c->cmdline : "", cmdlen + 1);
    x86_boot_add_blob(bi, "linux-kernel", X86_HIGHMEM,
                      c->kernel + setup_size, pm_size);
    if (c->initrd) {
        x86_boot_add_blob(bi, "linux-initrd", bi->initrd_start, c->initrd,
                          c->initrd_size);
    }

    /*
     * The 32-bit entry is where the protected-mode code was loaded (what
     * code32_start says for 1 MiB), the 64-bit one 0x200 past it. Both
     * want ESI = boot_params (and EBP/EDI/EBX zero).
     */
    x86_boot_regs_flat(&bi->regs, entry64 ? X86_HIGHMEM + 0x200
                                          : X86_HIGHMEM, entry64);
    bi->regs.gpr[X86_RSI] = X86_BOOT_ZERO_PAGE;
    return true;
}

/* ---- -bios ------------------------------------------------------------ */

bool x86_bios_layout(size_t size, uint64_t max, uint64_t *region_base,
                     uint64_t *region_size)
{
    uint64_t rounded = ((uint64_t)size + 0xffff) & ~0xffffULL;

    if (size == 0 || rounded > max) {
        return false;
    }
    *region_size = rounded;
    *region_base = X86_4G - rounded;
    return true;
}
