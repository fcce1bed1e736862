/* SPDX-License-Identifier: MIT */
/*
 * Booting an AArch64 board as QEMU 7.2 does: either firmware (-bios) in
 * the flash at 0 with the device tree at the start of RAM, or a Linux
 * kernel (arm64 Image, gzip-compressed Image or ELF) with its initrd and
 * device tree in RAM, entered directly with x0 = the DT's address
 * (Documentation/arm64/booting.rst): no boot stub, the board sets the
 * CPUs' reset state from ArmBootInfo.
 */
#ifndef HW_ARM_BOOT_H
#define HW_ARM_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"
#include "vemu/memory.h"

/* The largest kernel a gzip-compressed Image may expand to (as QEMU). */
#define ARM_BOOT_MAX_GUNZIP (256ULL << 20)

/* The 64-byte header at the start of an arm64 Linux Image. */
typedef struct Arm64ImageHeader {
    uint64_t text_offset;   /* load offset from a 2 MiB aligned base */
    uint64_t image_size;    /* bytes the kernel needs, bss included */
    uint64_t flags;         /* bit 0: big-endian; bit 3: anywhere in RAM */
} Arm64ImageHeader;

/* Parse the header ("ARM\x64" at 56); false if data is no arm64 Image. */
bool arm64_image_header_parse(const uint8_t *data, size_t size,
                              Arm64ImageHeader *h);
/*
 * Where an Image with this header goes in RAM starting at ram_base:
 * 2 MiB aligned base + text_offset (0x80000 for kernels older than 3.17,
 * whose image_size is 0).
 */
hwaddr arm64_image_load_addr(hwaddr ram_base, const Arm64ImageHeader *h);
/*
 * The initrd's address: half of RAM, at most 128 MiB in, and never below
 * the end of the kernel (page aligned), as QEMU places it.
 */
hwaddr arm_boot_initrd_addr(hwaddr ram_base, uint64_t ram_size,
                            hwaddr kernel_end);
/*
 * Inflate a gzip stream of at most max output bytes; NULL + an error for
 * a corrupt or too large one. g_free the result.
 */
uint8_t *arm_boot_gunzip(const uint8_t *data, size_t size, size_t max,
                         size_t *out_size, GError **errp);

typedef struct ArmBootConfig {
    AddressSpace *as;
    hwaddr ram_base;
    uint64_t ram_size;
    hwaddr flash_base;          /* -bios goes into this ROM */
    uint64_t flash_size;
    const char *bios;           /* -bios FILE, "none" or NULL */
    const char *kernel;         /* -kernel */
    const char *initrd;         /* -initrd */
    const char *append;         /* -append */
    const char *dtb;            /* -dtb: replaces fdt */
    void *fdt;                  /* the board's DT (taken over, g_free) */
} ArmBootConfig;

typedef struct ArmBootInfo {
    bool firmware;              /* -bios (or nothing): runs from flash */
    bool elf;                   /* the kernel is an ELF file */
    hwaddr entry;               /* the primary CPU's first pc */
    hwaddr kernel_start;        /* [start, end): bss of an Image included */
    hwaddr kernel_end;
    hwaddr initrd_start;        /* [start, end), both 0 without -initrd */
    hwaddr initrd_end;
    hwaddr fdt_addr;            /* x0 */
    void *fdt;                  /* the final blob (g_free) */
    size_t fdt_size;
} ArmBootInfo;

/*
 * Load everything as ROM blobs (rewritten on every system reset) and
 * finish the DT's /chosen. Errors name the option and the file
 * ("-kernel x: not an arm64 Linux Image ...").
 */
bool arm_boot_setup(const ArmBootConfig *c, ArmBootInfo *bi, GError **errp);
void arm_boot_info_clear(ArmBootInfo *bi);

#endif
