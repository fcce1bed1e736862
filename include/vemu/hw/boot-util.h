/* SPDX-License-Identifier: MIT */
/*
 * What every board's boot code shares (hw/core/boot-util.c): reading
 * little-endian header fields, the "-kernel file: ..." error style,
 * telling which other architecture a kernel is for, and the device tree
 * work of a DT-booting board (-dtb blobs, /chosen).
 */
#ifndef VEMU_HW_BOOT_UTIL_H
#define VEMU_HW_BOOT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/memory.h"

static inline uint16_t boot_le16(const uint8_t *p)
{
    return p[0] | (uint16_t)p[1] << 8;
}

static inline uint32_t boot_le32(const uint8_t *p)
{
    return boot_le16(p) | (uint32_t)boot_le16(p + 2) << 16;
}

static inline uint64_t boot_le64(const uint8_t *p)
{
    return boot_le32(p) | (uint64_t)boot_le32(p + 4) << 32;
}

static inline void boot_st_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static inline void boot_st_le64(uint8_t *p, uint64_t v)
{
    boot_st_le32(p, (uint32_t)v);
    boot_st_le32(p + 4, (uint32_t)(v >> 32));
}

/* Set a G_FILE_ERROR_INVAL error from a format; returns false. */
bool boot_fail(GError **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Propagate err prefixed with "OPT PATH: "; returns false. */
bool boot_prefix(GError **errp, GError *err, const char *opt,
                 const char *path);

/*
 * What the file is if it is a Linux kernel for another architecture than
 * `arch` ("aarch64", "riscv64", "x86_64"): "an arm64 Linux Image", ...;
 * NULL if it is none of those.
 */
const char *boot_foreign_kernel(const uint8_t *data, size_t size,
                                const char *arch);

/* A -dtb file, checked, with `extra` free bytes to edit in; g_free. */
void *boot_fdt_load(const char *path, size_t extra, GError **errp);
/* Reopen the blob with extra free bytes (libfdt edits in place). */
bool boot_fdt_grow(void **fdt, size_t extra, GError **errp);
/*
 * /chosen as QEMU fills it: bootargs, rng-seed (and kaslr-seed if asked),
 * linux,initrd-start/end when initrd_end > initrd_start (one cell each
 * when the address fits, as QEMU 7.2 writes them).
 */
bool boot_fdt_update_chosen(void **fdt, const char *bootargs,
                            hwaddr initrd_start, hwaddr initrd_end,
                            bool kaslr_seed, GError **errp);

#endif
