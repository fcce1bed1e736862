/* SPDX-License-Identifier: MIT */
/* Boot code shared by the boards: errors, foreign kernels, -dtb, /chosen. */
#include <stdarg.h>
#include <string.h>

#include <glib.h>
#include <libfdt.h>

#include "vemu/hw/boot-util.h"
#include "vemu/loader.h"

bool boot_fail(GError **errp, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s", msg);
    g_free(msg);
    return false;
}

bool boot_prefix(GError **errp, GError *err, const char *opt,
                 const char *path)
{
    g_propagate_prefixed_error(errp, err, "%s %s: ", opt, path);
    return false;
}

const char *boot_foreign_kernel(const uint8_t *data, size_t size,
                                const char *arch)
{
    static const struct {
        const char *arch;
        size_t off;
        const char *magic;
        size_t len;
        const char *what;
    } kinds[] = {
        { "aarch64", 0x38, "ARM\x64", 4, "an arm64 Linux Image" },
        { "riscv64", 0x38, "RSC\x05", 4, "a riscv64 Linux Image" },
        { "riscv64", 0x30, "RISCV\0\0\0", 8, "a riscv64 Linux Image" },
        { "x86_64", 0x202, "HdrS", 4, "an x86 Linux bzImage" },
        { "arm", 0x24, "\x18\x28\x6f\x01", 4, "a 32-bit arm zImage" },
        { NULL, 0, "\x27\x05\x19\x56", 4,
          "a U-Boot uImage (use the Image or the ELF)" },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(kinds); i++) {
        if (kinds[i].arch && arch && !strcmp(kinds[i].arch, arch)) {
            continue;
        }
        if (size >= kinds[i].off + kinds[i].len &&
            memcmp(data + kinds[i].off, kinds[i].magic, kinds[i].len) == 0) {
            return kinds[i].what;
        }
    }
    return NULL;
}

bool boot_fdt_grow(void **fdt, size_t extra, GError **errp)
{
    size_t newsize = fdt_totalsize(*fdt) + extra;
    void *buf = g_malloc0(newsize);
    int err = fdt_open_into(*fdt, buf, newsize);

    if (err < 0) {
        g_free(buf);
        return boot_fail(errp, "device tree: %s", fdt_strerror(err));
    }
    g_free(*fdt);
    *fdt = buf;
    return true;
}

void *boot_fdt_load(const char *path, size_t extra, GError **errp)
{
    g_autofree uint8_t *data = NULL;
    GError *err = NULL;
    void *fdt;
    size_t size;
    int ret;

    if (!load_file(path, &data, &size, &err)) {
        boot_prefix(errp, err, "-dtb", path);
        return NULL;
    }
    ret = size >= sizeof(struct fdt_header) ? fdt_check_header(data)
                                            : -FDT_ERR_TRUNCATED;
    if (ret == 0 && fdt_totalsize(data) > size) {
        ret = -FDT_ERR_TRUNCATED;
    }
    if (ret < 0) {
        boot_fail(errp, "-dtb %s: not a valid device tree blob (%s)", path,
                  fdt_strerror(ret));
        return NULL;
    }
    fdt = g_steal_pointer(&data);
    if (extra && !boot_fdt_grow(&fdt, extra, &err)) {
        g_free(fdt);
        boot_prefix(errp, err, "-dtb", path);
        return NULL;
    }
    return fdt;
}

static int fdt_set_addr(void *fdt, int node, const char *name, hwaddr a)
{
    if (a <= UINT32_MAX) {
        return fdt_setprop_cell(fdt, node, name, a);
    }
    return fdt_setprop_u64(fdt, node, name, a);
}

bool boot_fdt_update_chosen(void **fdt, const char *bootargs,
                            hwaddr initrd_start, hwaddr initrd_end,
                            bool kaslr_seed, GError **errp)
{
    uint32_t seed[8];
    int node, err = 0;

    if (!boot_fdt_grow(fdt, 1024 + (bootargs ? strlen(bootargs) : 0),
                       errp)) {
        return false;
    }
    node = fdt_path_offset(*fdt, "/chosen");
    if (node < 0) {
        node = fdt_add_subnode(*fdt, 0, "chosen");
    }
    if (node < 0) {
        return boot_fail(errp, "device tree: cannot add /chosen: %s",
                         fdt_strerror(node));
    }
    if (bootargs && *bootargs) {
        err = fdt_setprop_string(*fdt, node, "bootargs", bootargs);
    }
    /* Entropy for the kernel's early random pool (and KASLR), as QEMU. */
    for (unsigned i = 0; i < 8; i++) {
        seed[i] = cpu_to_fdt32(g_random_int());
    }
    if (!err) {
        err = fdt_setprop(*fdt, node, "rng-seed", seed, sizeof(seed));
    }
    if (!err && kaslr_seed) {
        err = fdt_setprop_u64(*fdt, node, "kaslr-seed",
                              (uint64_t)g_random_int() << 32 |
                              g_random_int());
    }
    if (!err && initrd_end > initrd_start) {
        err = fdt_set_addr(*fdt, node, "linux,initrd-start", initrd_start);
        if (!err) {
            err = fdt_set_addr(*fdt, node, "linux,initrd-end", initrd_end);
        }
    }
    if (err) {
        return boot_fail(errp, "device tree: cannot set /chosen: %s",
                         fdt_strerror(err));
    }
    return true;
}
