/* SPDX-License-Identifier: MIT */
/* AArch64 boot: firmware in flash, or Linux, its initrd and its DT. */
#include <inttypes.h>
#include <string.h>

#include <libfdt.h>
#include <zlib.h>

#include "hw/arm/boot.h"
#include "vemu/hw/boot-util.h"
#include "vemu/loader.h"

#define KiB (UINT64_C(1) << 10)
#define MiB (UINT64_C(1) << 20)
#define ALIGN_DOWN(x, a) ((x) & ~((uint64_t)(a) - 1))
#define ALIGN_UP(x, a) ALIGN_DOWN((x) + (a) - 1, (a))

/* Kernels older than 3.17 leave image_size 0 and expect this offset. */
#define ARM64_LEGACY_TEXT_OFFSET 0x80000
/* The DT sits on a 2 MiB boundary: the kernel maps it by 2 MiB blocks. */
#define ARM64_FDT_ALIGN (2 * MiB)
#define ARM64_PAGE (4 * KiB)




/* ---- pieces ----------------------------------------------------------- */

bool arm64_image_header_parse(const uint8_t *data, size_t size,
                              Arm64ImageHeader *h)
{
    memset(h, 0, sizeof(*h));
    if (size < 64 || memcmp(data + 56, "ARM\x64", 4) != 0) {
        return false;
    }
    h->text_offset = boot_le64(data + 8);
    h->image_size = boot_le64(data + 16);
    h->flags = boot_le64(data + 24);
    return true;
}

hwaddr arm64_image_load_addr(hwaddr ram_base, const Arm64ImageHeader *h)
{
    uint64_t off = h->image_size ? h->text_offset : ARM64_LEGACY_TEXT_OFFSET;

    /*
     * Flags bit 3 clear asks for the 2 MiB boundary nearest the start of
     * RAM; set allows anywhere: the start of RAM satisfies both.
     */
    return ALIGN_UP(ram_base, 2 * MiB) + off;
}

hwaddr arm_boot_initrd_addr(hwaddr ram_base, uint64_t ram_size,
                            hwaddr kernel_end)
{
    hwaddr a = ram_base + MIN(ram_size / 2, 128 * MiB);

    return MAX(a, ALIGN_UP(kernel_end, ARM64_PAGE));
}

uint8_t *arm_boot_gunzip(const uint8_t *data, size_t size, size_t max,
                         size_t *out_size, GError **errp)
{
    z_stream zs = { 0 };
    size_t cap = MIN(MAX(size * 4, 1 * MiB), max);
    uint8_t *out;
    int ret;

    /* 16 + MAX_WBITS: a gzip header and trailer, not a zlib one. */
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        boot_fail(errp, "cannot start the gzip decompressor");
        return NULL;
    }
    out = g_malloc(cap);
    zs.next_in = (Bytef *)data;
    zs.avail_in = MIN(size, (size_t)UINT32_MAX);
    for (;;) {
        const char *why = NULL;

        zs.next_out = out + zs.total_out;
        zs.avail_out = cap - zs.total_out;
        ret = inflate(&zs, Z_NO_FLUSH);
        if (ret == Z_STREAM_END) {
            break;
        }
        if (ret != Z_OK && ret != Z_BUF_ERROR) {
            why = zs.msg ? zs.msg : "bad data";
        } else if (zs.avail_out == 0 && cap < max) {
            cap = MIN(cap * 2, max);
            out = g_realloc(out, cap);
            continue;
        } else if (zs.avail_out == 0) {
            boot_fail(errp, "gzip data expands beyond %zu MiB",
                      max / (size_t)MiB);
        } else if (ret == Z_BUF_ERROR) {
            why = "truncated";          /* room left, no input left */
        } else {
            continue;
        }
        if (why) {
            boot_fail(errp, "corrupt gzip data (%s)", why);
        }
        inflateEnd(&zs);
        g_free(out);
        return NULL;
    }
    *out_size = zs.total_out;
    inflateEnd(&zs);
    return out;
}


/* ---- loading ---------------------------------------------------------- */

static bool fits_in_ram(const ArmBootConfig *c, hwaddr addr, uint64_t len)
{
    hwaddr end = c->ram_base + c->ram_size;

    return addr >= c->ram_base && addr <= end && len <= end - addr;
}

static char *ram_desc(const ArmBootConfig *c)
{
    return g_strdup_printf("RAM 0x%" PRIx64 "-0x%" PRIx64 ", -m %" PRIu64
                           "M", c->ram_base, c->ram_base + c->ram_size - 1,
                           c->ram_size / MiB);
}

static bool load_image(const ArmBootConfig *c, ArmBootInfo *bi,
                       const uint8_t *data, size_t size, GError **errp)
{
    Arm64ImageHeader h;
    g_autofree char *ram = NULL;
    hwaddr addr;
    uint64_t need;

    if (!arm64_image_header_parse(data, size, &h)) {
        const char *foreign = boot_foreign_kernel(data, size, "aarch64");

        if (foreign) {
            return boot_fail(errp, "%s, not an arm64 kernel", foreign);
        }
        return boot_fail(errp, "not an arm64 Linux Image (no \"ARM\\x64\" "
                         "magic at offset 56), gzip-compressed Image or "
                         "ELF file");
    }
    if (h.flags & 1) {
        return boot_fail(errp, "big-endian arm64 Image is not supported");
    }
    addr = arm64_image_load_addr(c->ram_base, &h);
    /* image_size counts the bss, which must fit too. */
    need = MAX(h.image_size, size);
    if (!fits_in_ram(c, addr, need)) {
        ram = ram_desc(c);
        return boot_fail(errp, "kernel of %" PRIu64 " bytes at 0x%" PRIx64
                         " does not fit in RAM (%s)", need, addr, ram);
    }
    if (!rom_add_blob("kernel", c->as, addr, data, size, size, errp)) {
        return false;
    }
    bi->kernel_start = addr;
    bi->kernel_end = addr + need;
    bi->entry = addr;
    return true;
}

static bool load_elf(const ArmBootConfig *c, ArmBootInfo *bi,
                     const uint8_t *data, size_t size, GError **errp)
{
    ElfInfo info = { 0 };
    bool ok;

    ok = elf_parse(data, size, &info, errp) &&
         elf_check_arch(&info, ELF_EM_AARCH64, ELF_CLASS_64, errp) &&
         elf_check_fits(&info, c->ram_base, c->ram_size, errp) &&
         rom_add_elf("kernel", c->as, data, &info, errp);
    if (ok) {
        bi->kernel_start = info.low;
        bi->kernel_end = info.high;
        bi->entry = elf_entry_paddr(&info);
        bi->elf = true;
    }
    elf_info_clear(&info);
    return ok;
}

static bool load_kernel(const ArmBootConfig *c, ArmBootInfo *bi,
                        GError **errp)
{
    g_autofree uint8_t *data = NULL;
    g_autofree uint8_t *raw = NULL;
    GError *err = NULL;
    size_t size;
    bool ok;

    if (!load_file(c->kernel, &data, &size, &err)) {
        return boot_prefix(errp, err, "-kernel", c->kernel);
    }
    if (size == 0) {
        return boot_fail(errp, "-kernel %s: file is empty", c->kernel);
    }
    /* Debian's and Fedora's vmlinuz: a gzip-compressed Image. */
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        raw = arm_boot_gunzip(data, size, ARM_BOOT_MAX_GUNZIP, &size, &err);
        if (!raw) {
            return boot_prefix(errp, err, "-kernel", c->kernel);
        }
        g_free(data);
        data = g_steal_pointer(&raw);
    }
    if (elf_is_elf(data, size)) {
        ok = load_elf(c, bi, data, size, &err);
    } else {
        ok = load_image(c, bi, data, size, &err);
    }
    if (!ok) {
        return boot_prefix(errp, err, "-kernel", c->kernel);
    }
    return true;
}

static bool load_initrd(const ArmBootConfig *c, ArmBootInfo *bi,
                        GError **errp)
{
    hwaddr start = arm_boot_initrd_addr(c->ram_base, c->ram_size,
                                        bi->kernel_end);
    g_autofree uint8_t *data = NULL;
    g_autofree char *ram = NULL;
    GError *err = NULL;
    size_t size;

    if (!load_file(c->initrd, &data, &size, &err)) {
        return boot_prefix(errp, err, "-initrd", c->initrd);
    }
    if (!fits_in_ram(c, start, size)) {
        ram = ram_desc(c);
        return boot_fail(errp, "-initrd %s: initrd of %zu bytes at 0x%"
                         PRIx64 " does not fit in RAM (%s)", c->initrd, size,
                         start, ram);
    }
    if (size && !rom_add_blob("initrd", c->as, start, data, size, size,
                              &err)) {
        return boot_prefix(errp, err, "-initrd", c->initrd);
    }
    bi->initrd_start = start;
    bi->initrd_end = start + size;
    return true;
}

static bool load_firmware(const ArmBootConfig *c, ArmBootInfo *bi,
                          GError **errp)
{
    g_autofree uint8_t *data = NULL;
    GError *err = NULL;
    size_t size;

    if (!load_file(c->bios, &data, &size, &err)) {
        return boot_prefix(errp, err, "-bios", c->bios);
    }
    if (size == 0 || size > c->flash_size) {
        return boot_fail(errp, "-bios %s: %zu bytes do not fit in the %"
                         PRIu64 " MiB flash at 0x%" PRIx64, c->bios, size,
                         c->flash_size / MiB, c->flash_base);
    }
    if (!rom_add_blob("bios", c->as, c->flash_base, data, size, size,
                      &err)) {
        return boot_prefix(errp, err, "-bios", c->bios);
    }
    bi->firmware = true;
    bi->entry = c->flash_base;
    return true;
}

/* ---- device tree ------------------------------------------------------ */





/* Past the kernel and initrd (firmware: the start of RAM), as QEMU. */
static bool place_fdt(const ArmBootConfig *c, ArmBootInfo *bi, GError **errp)
{
    hwaddr after = MAX(bi->kernel_end, bi->initrd_end);
    g_autofree char *ram = NULL;

    bi->fdt_addr = bi->firmware || !after ? c->ram_base
                                          : ALIGN_UP(after, ARM64_FDT_ALIGN);
    /*
     * Bare-metal ELF programs written for QEMU find the DT at the start
     * of RAM when they leave room for it there (x0 points at it too).
     */
    if (bi->elf && bi->kernel_start >= c->ram_base + bi->fdt_size &&
        (!bi->initrd_end || bi->initrd_start >= c->ram_base + bi->fdt_size)) {
        bi->fdt_addr = c->ram_base;
    }
    if (!fits_in_ram(c, bi->fdt_addr, bi->fdt_size)) {
        ram = ram_desc(c);
        return boot_fail(errp, "not enough space for the device tree (%zu "
                         "bytes at 0x%" PRIx64 ") after the kernel and "
                         "initrd (%s)", bi->fdt_size, bi->fdt_addr, ram);
    }
    return rom_add_blob("dtb", c->as, bi->fdt_addr, bi->fdt, bi->fdt_size,
                        bi->fdt_size, errp);
}

/* ---- the whole sequence ----------------------------------------------- */

static bool check_options(const ArmBootConfig *c, GError **errp)
{
    bool bios = c->bios && strcmp(c->bios, "none") != 0;

    if (!c->kernel && c->initrd) {
        return boot_fail(errp, "-initrd only allowed with -kernel option");
    }
    if (!c->kernel && c->append && *c->append) {
        return boot_fail(errp, "-append only allowed with -kernel option");
    }
    if (bios && c->kernel) {
        /* QEMU hands the kernel to the firmware through fw_cfg. */
        return boot_fail(errp, "-kernel with -bios: the arm virt board has "
                         "no fw_cfg to pass the kernel to the firmware; "
                         "give one or the other");
    }
    return true;
}

bool arm_boot_setup(const ArmBootConfig *c, ArmBootInfo *bi, GError **errp)
{
    void *fdt = c->fdt;
    int ret;

    memset(bi, 0, sizeof(*bi));
    if (!check_options(c, errp)) {
        goto fail;
    }
    if (c->dtb) {
        g_free(fdt);
        fdt = boot_fdt_load(c->dtb, 0, errp);
    }
    if (!fdt) {
        if (!c->dtb) {
            boot_fail(errp, "no device tree");
        }
        goto fail;
    }
    if (c->kernel) {
        if (!load_kernel(c, bi, errp) ||
            (c->initrd && !load_initrd(c, bi, errp))) {
            goto fail;
        }
    } else if (c->bios && strcmp(c->bios, "none") != 0) {
        if (!load_firmware(c, bi, errp)) {
            goto fail;
        }
    } else {
        /* Nothing: the CPU runs the empty flash, as in QEMU (-S, gdb). */
        bi->firmware = true;
        bi->entry = c->flash_base;
    }
    if (!boot_fdt_update_chosen(&fdt, c->append, bi->initrd_start,
                                bi->initrd_end, true, errp)) {
        goto fail;
    }
    ret = fdt_pack(fdt);
    if (ret < 0) {
        boot_fail(errp, "device tree: %s", fdt_strerror(ret));
        goto fail;
    }
    bi->fdt = fdt;
    bi->fdt_size = fdt_totalsize(fdt);
    if (!place_fdt(c, bi, errp)) {
        arm_boot_info_clear(bi);
        return false;
    }
    return true;

fail:
    g_free(fdt);
    arm_boot_info_clear(bi);
    return false;
}

void arm_boot_info_clear(ArmBootInfo *bi)
{
    g_free(bi->fdt);
    memset(bi, 0, sizeof(*bi));
}
