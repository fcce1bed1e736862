/* SPDX-License-Identifier: MIT */
/* Multiboot v1 kernels (ELF32 or a.out kludge) with modules, as QEMU. */
#include <inttypes.h>
#include <string.h>

#include "hw/i386/x86-boot.h"
#include "vemu/loader.h"

#define MB_PAGE 0x1000ULL
#define MB_MMAP_ENTRY_SIZE 24       /* size field + 20 bytes it counts */
#define MB_MOD_SIZE 16
/* Bits 0-15 are requirements: fail on those we do not know (spec 3.1.2). */
#define MB_KNOWN_REQUIRED (MB_FLAG_PAGE_ALIGN | MB_FLAG_MEMORY_INFO | \
                           MB_FLAG_VIDEO_MODE)
/* "No partition" on the first hard disk, QEMU's value. */
#define MB_BOOT_DEVICE 0x8000ffffu
#define MB_LOADER_NAME "vemu"

static uint32_t rd32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void wr32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static uint64_t page_up(uint64_t a)
{
    return (a + MB_PAGE - 1) & ~(MB_PAGE - 1);
}

bool multiboot_header_find(const uint8_t *data, size_t size,
                           MultibootHeader *h)
{
    size_t end = MIN(size, (size_t)MULTIBOOT_SEARCH);

    memset(h, 0, sizeof(*h));
    for (size_t off = 0; off + 12 <= end; off += 4) {
        const uint8_t *p = data + off;
        uint32_t flags = rd32(p + 4);

        if (rd32(p) != MULTIBOOT_MAGIC ||
            (uint32_t)(rd32(p) + flags + rd32(p + 8)) != 0) {
            continue;
        }
        h->offset = off;
        h->flags = flags;
        if ((flags & MB_FLAG_AOUT_KLUDGE) && off + 32 <= size) {
            h->header_addr = rd32(p + 12);
            h->load_addr = rd32(p + 16);
            h->load_end_addr = rd32(p + 20);
            h->bss_end_addr = rd32(p + 24);
            h->entry_addr = rd32(p + 28);
        }
        return true;
    }
    return false;
}

/* [addr, addr + len) lies inside one RAM range of the memory map. */
static bool mb_in_ram(const X86RamLayout *l, uint64_t addr, uint64_t len)
{
    X86E820Entry e[X86_E820_MAX];
    unsigned n = x86_e820_build(l, e);

    for (unsigned i = 0; i < n; i++) {
        if (e[i].type == E820_RAM && addr >= e[i].addr &&
            addr - e[i].addr <= e[i].size &&
            len <= e[i].size - (addr - e[i].addr)) {
            return true;
        }
    }
    return false;
}

static bool mb_place(const MultibootConfig *c, X86BootInfo *bi,
                     const char *what, uint64_t addr, const uint8_t *data,
                     uint64_t filesz, uint64_t memsz, GError **errp)
{
    if (!mb_in_ram(&c->ram, addr, memsz)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                    "Multiboot %s at 0x%" PRIx64 "-0x%" PRIx64 " is not "
                    "in guest RAM", what, addr, addr + memsz - 1);
        return false;
    }
    x86_boot_add_blob(bi, what, addr, NULL, memsz);
    memcpy(((X86Blob *)g_ptr_array_index(bi->blobs,
                                          bi->blobs->len - 1))->data,
           data, filesz);
    bi->kernel_start = MIN(bi->kernel_start, addr);
    bi->kernel_end = MAX(bi->kernel_end, addr + memsz);
    return true;
}

/* The a.out kludge: one image at load_addr, entry and bss from the header. */
static bool mb_load_aout(const MultibootConfig *c, const MultibootHeader *h,
                         X86BootInfo *bi, uint64_t *entry, GError **errp)
{
    uint64_t off, filesz, memsz;

    if (h->header_addr < h->load_addr ||
        h->header_addr - h->load_addr > h->offset) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Multiboot header_addr 0x%x / load_addr 0x%x do not "
                    "match the header's place in the file", h->header_addr,
                    h->load_addr);
        return false;
    }
    off = h->offset - (h->header_addr - h->load_addr);
    filesz = h->load_end_addr ? (uint64_t)h->load_end_addr - h->load_addr
                              : c->kernel_size - off;
    if (h->load_end_addr && (h->load_end_addr < h->load_addr ||
                             filesz > c->kernel_size - off)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Multiboot load_end_addr 0x%x is past the end of the "
                    "file", h->load_end_addr);
        return false;
    }
    memsz = filesz;
    if (h->bss_end_addr) {
        if (h->bss_end_addr < h->load_addr + filesz) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "Multiboot bss_end_addr 0x%x is below the loaded "
                        "image", h->bss_end_addr);
            return false;
        }
        memsz = h->bss_end_addr - h->load_addr;
    }
    *entry = h->entry_addr;
    return mb_place(c, bi, "multiboot-kernel", h->load_addr,
                    c->kernel + off, filesz, memsz, errp);
}

static bool mb_load_elf(const MultibootConfig *c, X86BootInfo *bi,
                        uint64_t *entry, GError **errp)
{
    ElfInfo info;
    bool ok = true;

    if (!elf_parse(c->kernel, c->kernel_size, &info, errp)) {
        return false;
    }
    if (info.elf_class != ELF_CLASS_32 || info.machine != ELF_EM_386) {
        /* QEMU's rule: a 64-bit kernel uses the a.out kludge fields. */
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Multiboot needs a 32-bit i386 ELF (or the a.out "
                    "kludge fields for a 64-bit one)");
        elf_info_clear(&info);
        return false;
    }
    for (unsigned i = 0; ok && i < info.nb_segs; i++) {
        const ElfSegment *s = &info.segs[i];
        g_autofree char *name = g_strdup_printf("multiboot-kernel.%u", i);

        ok = mb_place(c, bi, name, s->paddr, c->kernel + s->offset,
                      s->filesz, s->memsz, errp);
    }
    *entry = elf_entry_paddr(&info);
    elf_info_clear(&info);
    return ok;
}

/* Strings after the MBI, the mmap and the module list. */
static uint32_t mb_put_str(GByteArray *area, uint64_t base, const char *s)
{
    uint32_t addr = base + area->len;

    g_byte_array_append(area, (const guint8 *)s, strlen(s) + 1);
    return addr;
}

bool multiboot_setup(const MultibootConfig *c, X86BootInfo *bi,
                     GError **errp)
{
    MultibootHeader h;
    X86E820Entry e820[X86_E820_MAX];
    unsigned n = x86_e820_build(&c->ram, e820);
    uint64_t entry = 0, mbi, mods_addr, next;
    uint32_t str;
    GByteArray *area;
    uint8_t *p;
    bool ok;

    if (!multiboot_header_find(c->kernel, c->kernel_size, &h)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "no Multiboot header in the first 8 KiB");
        return false;
    }
    if (h.flags & 0xffff & ~MB_KNOWN_REQUIRED) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Multiboot header flags 0x%x require features vemu "
                    "does not know", h.flags);
        return false;
    }
    bi->multiboot = true;
    bi->kernel_start = UINT64_MAX;
    ok = (h.flags & MB_FLAG_AOUT_KLUDGE) ? mb_load_aout(c, &h, bi, &entry,
                                                        errp)
                                          : mb_load_elf(c, bi, &entry, errp);
    if (!ok) {
        return false;
    }

    /* The MBI, the memory map, the module list and strings, one page on. */
    mbi = page_up(bi->kernel_end);
    area = g_byte_array_new();
    g_byte_array_set_size(area, MBI_SIZE + n * MB_MMAP_ENTRY_SIZE +
                          c->nb_mods * MB_MOD_SIZE);
    memset(area->data, 0, area->len);
    mods_addr = mbi + MBI_SIZE + n * MB_MMAP_ENTRY_SIZE;
    /* (Appending may move area->data: take each address first.) */
    str = mb_put_str(area, mbi, c->cmdline ? c->cmdline : "");
    wr32(area->data + MBI_CMDLINE, str);
    str = mb_put_str(area, mbi, MB_LOADER_NAME);
    wr32(area->data + MBI_BOOT_LOADER_NAME, str);
    for (unsigned i = 0; i < c->nb_mods; i++) {
        uint32_t s = mb_put_str(area, mbi, c->mods[i].cmdline
                                           ? c->mods[i].cmdline : "");

        wr32(area->data + (mods_addr - mbi) + i * MB_MOD_SIZE + 8, s);
    }
    /* Modules: each page aligned, after the information area. */
    next = page_up(mbi + area->len);
    for (unsigned i = 0; i < c->nb_mods; i++) {
        g_autofree char *name = g_strdup_printf("multiboot-module.%u", i);
        uint8_t *m = area->data + (mods_addr - mbi) + i * MB_MOD_SIZE;

        if (!mb_in_ram(&c->ram, next, c->mods[i].size)) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                        "Multiboot module %u (%zu bytes) does not fit in "
                        "RAM after the kernel", i, c->mods[i].size);
            g_byte_array_free(area, TRUE);
            return false;
        }
        x86_boot_add_blob(bi, name, next, c->mods[i].data, c->mods[i].size);
        wr32(m, next);
        wr32(m + 4, next + c->mods[i].size);
        if (i == 0) {
            bi->initrd_start = next;
        }
        bi->initrd_end = next + c->mods[i].size;
        next = page_up(next + c->mods[i].size);
    }

    p = area->data;
    wr32(p + MBI_FLAGS, MBI_HAS_MEM | MBI_HAS_BOOT_DEVICE | MBI_HAS_CMDLINE |
                        MBI_HAS_MODS | MBI_HAS_MMAP | MBI_HAS_LOADER_NAME);
    /* KiB of RAM below the EBDA: 639, as QEMU reports. */
    wr32(p + MBI_MEM_LOWER, X86_EBDA_BASE / 1024);
    wr32(p + MBI_MEM_UPPER, c->ram.below_4g > X86_HIGHMEM
                            ? (c->ram.below_4g - X86_HIGHMEM) / 1024 : 0);
    wr32(p + MBI_BOOT_DEVICE, MB_BOOT_DEVICE);
    wr32(p + MBI_MODS_COUNT, c->nb_mods);
    wr32(p + MBI_MODS_ADDR, mods_addr);
    wr32(p + MBI_MMAP_LENGTH, n * MB_MMAP_ENTRY_SIZE);
    wr32(p + MBI_MMAP_ADDR, mbi + MBI_SIZE);
    for (unsigned i = 0; i < n; i++) {
        uint8_t *m = p + MBI_SIZE + i * MB_MMAP_ENTRY_SIZE;

        wr32(m, MB_MMAP_ENTRY_SIZE - 4);
        wr32(m + 4, e820[i].addr);
        wr32(m + 8, e820[i].addr >> 32);
        wr32(m + 12, e820[i].size);
        wr32(m + 16, e820[i].size >> 32);
        wr32(m + 20, e820[i].type);
    }
    if (!mb_in_ram(&c->ram, mbi, area->len)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                    "no RAM after the Multiboot kernel for its boot "
                    "information");
        g_byte_array_free(area, TRUE);
        return false;
    }
    x86_boot_add_blob(bi, "multiboot-info", mbi, area->data, area->len);
    g_byte_array_free(area, TRUE);

    x86_boot_add_gdt(bi, false);
    x86_boot_regs_flat(&bi->regs, entry, false);
    bi->regs.gpr[X86_RAX] = MULTIBOOT_BOOTLOADER_MAGIC;
    bi->regs.gpr[X86_RBX] = mbi;
    return true;
}
