/* SPDX-License-Identifier: MIT */
/* RISC-V boot: firmware, kernel, initrd, device tree and the reset ROM. */
#include <inttypes.h>
#include <string.h>

#include <libfdt.h>

#include "vemu/hw/boot-util.h"
#include "vemu/hw/riscv-boot.h"
#include "vemu/loader.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define ALIGN_DOWN(x, a) ((x) & ~((uint64_t)(a) - 1))
#define ALIGN_UP(x, a) ALIGN_DOWN((x) + (a) - 1, (a))






/* ---- pieces ----------------------------------------------------------- */

bool riscv_image_header_parse(const uint8_t *data, size_t size,
                              RiscvImageHeader *h)
{
    memset(h, 0, sizeof(*h));
    if (size < 64) {
        return false;
    }
    h->magic_riscv = memcmp(data + 48, "RISCV\0\0\0", 8) == 0;
    h->magic_rsc = memcmp(data + 56, "RSC\x05", 4) == 0;
    if (!h->magic_riscv && !h->magic_rsc) {
        return false;
    }
    h->text_offset = boot_le64(data + 8);
    h->image_size = boot_le64(data + 16);
    h->flags = boot_le64(data + 24);
    h->version = data[32] | data[33] << 8 | data[34] << 16 |
                 (uint32_t)data[35] << 24;
    return true;
}

void riscv_reset_rom_build(uint8_t *buf, hwaddr start_addr, hwaddr fdt_addr,
                           uint64_t next_addr)
{
    /*
     * t0 = the ROM's base; the two doublewords after the code hold the
     * jump target and the DT address, fw_dynamic_info follows at +40.
     */
    static const uint32_t code[6] = {
        0x00000297,     /* auipc t0, 0          t0 = this insn's pc   */
        0x02828613,     /* addi  a2, t0, 40     a2 = &fw_dynamic_info */
        0xf1402573,     /* csrr  a0, mhartid    a0 = hart id          */
        0x0202b583,     /* ld    a1, 32(t0)     a1 = DT address       */
        0x0182b283,     /* ld    t0, 24(t0)     t0 = start address    */
        0x00028067,     /* jr    t0                                   */
    };
    uint8_t *info = buf + RISCV_RESET_VEC_WORDS * 4;
    unsigned i;

    for (i = 0; i < 6; i++) {
        boot_st_le32(buf + i * 4, code[i]);
    }
    boot_st_le64(buf + 24, start_addr);
    boot_st_le64(buf + 32, fdt_addr);
    /* struct fw_dynamic_info: six little-endian doublewords. */
    boot_st_le64(info + 0, RISCV_FW_DYNAMIC_INFO_MAGIC);
    boot_st_le64(info + 8, RISCV_FW_DYNAMIC_INFO_VERSION);
    boot_st_le64(info + 16, next_addr);
    boot_st_le64(info + 24, RISCV_FW_DYNAMIC_NEXT_MODE_S);
    boot_st_le64(info + 32, 0);         /* options */
    boot_st_le64(info + 40, 0);         /* boot_hart: QEMU 7.2 passes 0 */
}

bool riscv_compute_fdt_addr(hwaddr dram_base, uint64_t dram_size,
                            uint64_t fdt_size, hwaddr *addr, GError **errp)
{
    hwaddr dram_end = dram_base + dram_size;
    /* Below 3 GiB when DRAM starts there, so 32-bit kernels reach it. */
    hwaddr top = dram_base < 3 * GiB ? MIN(dram_end, 3 * GiB) : dram_end;

    if (fdt_size == 0 || fdt_size > top - dram_base) {
        return boot_fail(errp, "device tree of %" PRIu64 " bytes does not "
                         "fit in RAM", fdt_size);
    }
    *addr = ALIGN_DOWN(top - fdt_size, 2 * MiB);
    if (*addr < dram_base) {
        *addr = dram_base;
    }
    return true;
}

hwaddr riscv_kernel_start_addr(hwaddr fw_end)
{
    return ALIGN_UP(fw_end, 2 * MiB);
}

hwaddr riscv_initrd_start_addr(hwaddr kernel_entry, uint64_t ram_size)
{
    /*
     * Far enough that the kernel does not overwrite it while setting up,
     * close enough to stay in the low memory a small machine has.
     */
    return kernel_entry + MIN(ram_size / 2, 128 * MiB);
}

/* ---- firmware ------------------------------------------------------- */

GPtrArray *riscv_firmware_search_path(void)
{
    GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
    const char *env = g_getenv("VEMU_FIRMWARE_DIR");
    const char *cache = g_get_user_cache_dir();

    /* An explicit directory comes first: the user asked for it. */
    if (env && *env) {
        g_ptr_array_add(dirs, g_build_filename(env, RISCV_OPENSBI_SYSTEM_DIR,
                                               NULL));
        g_ptr_array_add(dirs, g_strdup(env));
    }
    g_ptr_array_add(dirs, g_strdup(RISCV_OPENSBI_SYSTEM_DIR));
    /* Where scripts/fetch-firmware unpacks Debian's package. */
    g_ptr_array_add(dirs, g_build_filename(cache, "vemu", "firmware",
                                           RISCV_OPENSBI_SYSTEM_DIR, NULL));
    return dirs;
}

char *riscv_find_firmware(const char *name, GError **errp)
{
    GPtrArray *dirs = riscv_firmware_search_path();
    GString *where = g_string_new(NULL);
    char *found = NULL;
    unsigned i;

    for (i = 0; i < dirs->len && !found; i++) {
        char *p = g_build_filename(g_ptr_array_index(dirs, i), name, NULL);

        if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) {
            found = p;
        } else {
            g_string_append_printf(where, "%s%s", i ? ", " : "",
                                   (char *)g_ptr_array_index(dirs, i));
            g_free(p);
        }
    }
    if (!found) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "firmware '%s' not found (looked in %s): install "
                    "Debian's opensbi package or run scripts/fetch-firmware,"
                    " or boot without firmware with -bios none",
                    name, where->str);
    }
    g_string_free(where, true);
    g_ptr_array_unref(dirs);
    return found;
}

/* Load an ELF or a raw image; raw ones go at raw_addr. */
typedef struct LoadedImage {
    bool is_elf;
    bool is_image;              /* a Linux riscv Image */
    hwaddr low, end, entry;
} LoadedImage;

static bool load_elf_into_ram(const char *name, const RiscvBootConfig *c,
                              const uint8_t *data, size_t size,
                              LoadedImage *li, GError **errp)
{
    ElfInfo info;
    bool ok;

    if (!elf_parse(data, size, &info, errp)) {
        return false;
    }
    ok = elf_check_arch(&info, ELF_EM_RISCV, ELF_CLASS_64, errp) &&
         elf_check_fits(&info, c->dram_base, c->dram_size, errp) &&
         rom_add_elf(name, c->as, data, &info, errp);
    if (ok) {
        li->is_elf = true;
        li->low = info.low;
        li->end = info.high;
        li->entry = elf_entry_paddr(&info);
    }
    elf_info_clear(&info);
    return ok;
}

static bool load_raw_into_ram(const char *name, const RiscvBootConfig *c,
                              const uint8_t *data, size_t size,
                              uint64_t need, hwaddr addr, LoadedImage *li,
                              GError **errp)
{
    hwaddr dram_end = c->dram_base + c->dram_size;

    if (size == 0) {
        return boot_fail(errp, "file is empty");
    }
    need = MAX(need, size);
    if (addr < c->dram_base || addr >= dram_end ||
        need > dram_end - addr) {
        return boot_fail(errp, "%" PRIu64 " bytes at 0x%" PRIx64 " do not "
                         "fit in guest RAM (0x%" PRIx64 "-0x%" PRIx64 ")",
                         need, addr, c->dram_base, dram_end - 1);
    }
    if (!rom_add_blob(name, c->as, addr, data, size, size, errp)) {
        return false;
    }
    li->low = addr;
    li->end = addr + size;
    li->entry = addr;
    return true;
}


static bool load_firmware(const RiscvBootConfig *c, RiscvBootInfo *bi,
                          GError **errp)
{
    LoadedImage li = { 0 };
    GError *err = NULL;
    uint8_t *data;
    size_t size;
    bool ok;

    if (c->bios && strcmp(c->bios, "none") == 0) {
        bi->fw_end = c->dram_base;
        return true;
    }
    if (!c->bios) {
        bi->bios_path = riscv_find_firmware(RISCV_DEFAULT_BIOS, &err);
        if (!bi->bios_path) {
            g_propagate_prefixed_error(errp, err, "-bios: ");
            return false;
        }
    } else if (!strchr(c->bios, '/') &&
               !g_file_test(c->bios, G_FILE_TEST_EXISTS)) {
        /* A bare name: look in the firmware directories too. */
        bi->bios_path = riscv_find_firmware(c->bios, NULL);
    }
    if (!bi->bios_path) {
        bi->bios_path = g_strdup(c->bios);
    }
    if (!load_file(bi->bios_path, &data, &size, &err)) {
        return boot_prefix(errp, err, "-bios", bi->bios_path);
    }
    if (elf_is_elf(data, size)) {
        ok = load_elf_into_ram("bios", c, data, size, &li, &err);
    } else {
        ok = load_raw_into_ram("bios", c, data, size, 0, c->dram_base, &li,
                               &err);
    }
    g_free(data);
    if (!ok) {
        return boot_prefix(errp, err, "-bios", bi->bios_path);
    }
    bi->fw_end = li.end;
    return true;
}

static bool load_kernel(const RiscvBootConfig *c, RiscvBootInfo *bi,
                        GError **errp)
{
    LoadedImage li = { 0 };
    RiscvImageHeader h;
    GError *err = NULL;
    const char *foreign;
    uint8_t *data;
    size_t size;
    bool ok;

    if (!load_file(c->kernel, &data, &size, &err)) {
        return boot_prefix(errp, err, "-kernel", c->kernel);
    }
    bi->kernel_start = riscv_kernel_start_addr(bi->fw_end);
    foreign = boot_foreign_kernel(data, size, "riscv64");
    if (elf_is_elf(data, size)) {
        ok = load_elf_into_ram("kernel", c, data, size, &li, &err);
    } else if (foreign) {
        ok = boot_fail(&err, "%s, not a riscv64 kernel", foreign);
    } else if (riscv_image_header_parse(data, size, &h)) {
        if (h.flags & 1) {
            ok = boot_fail(&err, "big-endian riscv Image is not supported");
        } else {
            /* image_size counts the bss: it must fit too. */
            ok = load_raw_into_ram("kernel", c, data, size, h.image_size,
                                   bi->kernel_start, &li, &err);
        }
    } else {
        ok = load_raw_into_ram("kernel", c, data, size, 0, bi->kernel_start,
                               &li, &err);
    }
    g_free(data);
    if (!ok) {
        return boot_prefix(errp, err, "-kernel", c->kernel);
    }
    if (li.is_elf) {
        bi->kernel_start = li.low;
    }
    bi->kernel_entry = li.entry;
    return true;
}

static bool load_initrd(const RiscvBootConfig *c, RiscvBootInfo *bi,
                        GError **errp)
{
    hwaddr start = riscv_initrd_start_addr(bi->kernel_entry, c->dram_size);
    hwaddr dram_end = c->dram_base + c->dram_size;
    GError *err = NULL;
    uint8_t *data;
    size_t size;
    bool ok;

    if (!load_file(c->initrd, &data, &size, &err)) {
        return boot_prefix(errp, err, "-initrd", c->initrd);
    }
    if (start >= dram_end || size > dram_end - start) {
        ok = boot_fail(&err, "initrd of %zu bytes does not fit in RAM at "
                       "0x%" PRIx64 " (RAM ends at 0x%" PRIx64 ")", size,
                       start, dram_end);
    } else {
        ok = rom_add_blob("initrd", c->as, start, data, size, size, &err);
    }
    g_free(data);
    if (!ok) {
        return boot_prefix(errp, err, "-initrd", c->initrd);
    }
    bi->initrd_start = start;
    bi->initrd_end = start + size;
    return true;
}

/* ---- device tree ---------------------------------------------------- */


void *riscv_fdt_load(const char *path, GError **errp)
{
    /* Room for what /chosen gets (QEMU adds 10000 bytes too). */
    return boot_fdt_load(path, 16384, errp);
}


bool riscv_fdt_update_chosen(void **fdt, const char *bootargs,
                             hwaddr initrd_start, hwaddr initrd_end,
                             GError **errp)
{
    return boot_fdt_update_chosen(fdt, bootargs, initrd_start, initrd_end,
                                  false, errp);
}

/* ---- the whole sequence --------------------------------------------- */

bool riscv_boot_setup(const RiscvBootConfig *c, RiscvBootInfo *bi,
                      GError **errp)
{
    uint8_t rom[RISCV_RESET_ROM_SIZE];
    void *fdt = c->fdt;
    int ret;

    memset(bi, 0, sizeof(*bi));
    if (!c->kernel && c->initrd) {
        boot_fail(errp, "-initrd only allowed with -kernel option");
        goto fail;
    }
    if (!c->kernel && c->append && *c->append) {
        boot_fail(errp, "-append only allowed with -kernel option");
        goto fail;
    }
    if (c->mrom_size < RISCV_RESET_ROM_SIZE) {
        boot_fail(errp, "reset ROM too small for the reset vector");
        goto fail;
    }
    if (c->dtb) {
        g_free(fdt);
        fdt = riscv_fdt_load(c->dtb, errp);
        if (!fdt) {
            goto fail;
        }
    }
    if (!fdt) {
        boot_fail(errp, "no device tree");
        goto fail;
    }

    if (!load_firmware(c, bi, errp)) {
        goto fail;
    }
    bi->start_addr = c->dram_base;
    if (c->kernel) {
        if (!load_kernel(c, bi, errp)) {
            goto fail;
        }
        if (c->initrd && !load_initrd(c, bi, errp)) {
            goto fail;
        }
        /* No firmware: the kernel runs first, in M-mode. */
        if (!bi->bios_path) {
            bi->start_addr = bi->kernel_entry;
        }
    }

    if (!riscv_fdt_update_chosen(&fdt, c->append, bi->initrd_start,
                                 bi->initrd_end, errp)) {
        goto fail;
    }
    ret = fdt_pack(fdt);
    if (ret < 0) {
        boot_fail(errp, "device tree: %s", fdt_strerror(ret));
        goto fail;
    }
    bi->fdt = fdt;
    bi->fdt_size = fdt_totalsize(fdt);
    if (!riscv_compute_fdt_addr(c->dram_base, c->dram_size, bi->fdt_size,
                                &bi->fdt_addr, errp) ||
        !rom_add_blob("fdt", c->as, bi->fdt_addr, fdt, bi->fdt_size,
                      bi->fdt_size, errp)) {
        riscv_boot_info_clear(bi);
        return false;
    }

    riscv_reset_rom_build(rom, bi->start_addr, bi->fdt_addr,
                          bi->kernel_entry);
    if (!rom_add_blob("mrom.reset", c->as, c->mrom_base, rom, sizeof(rom),
                      sizeof(rom), errp)) {
        riscv_boot_info_clear(bi);
        return false;
    }
    return true;

fail:
    g_free(fdt);
    riscv_boot_info_clear(bi);
    return false;
}

void riscv_boot_info_clear(RiscvBootInfo *info)
{
    g_free(info->bios_path);
    g_free(info->fdt);
    memset(info, 0, sizeof(*info));
}
