/* SPDX-License-Identifier: MIT */
/*
 * Booting a RISC-V board the way QEMU 7.2 does: M-mode firmware (OpenSBI
 * fw_dynamic) at the start of DRAM, the kernel 2 MiB-aligned after it,
 * the initrd and the device tree further up, and a reset ROM whose code
 * passes hartid, DT address and a fw_dynamic_info struct to the firmware.
 */
#ifndef VEMU_HW_RISCV_BOOT_H
#define VEMU_HW_RISCV_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"
#include "vemu/memory.h"

/* OpenSBI's struct fw_dynamic_info (firmware/fw_dynamic.S). */
#define RISCV_FW_DYNAMIC_INFO_MAGIC 0x4942534fULL     /* "OSBI" */
#define RISCV_FW_DYNAMIC_INFO_VERSION 2
#define RISCV_FW_DYNAMIC_NEXT_MODE_S 1

/* The reset ROM: 10 words of code and data, then fw_dynamic_info. */
#define RISCV_RESET_VEC_WORDS 10
#define RISCV_FW_DYNAMIC_INFO_SIZE (6 * 8)
#define RISCV_RESET_ROM_SIZE (RISCV_RESET_VEC_WORDS * 4 + \
                              RISCV_FW_DYNAMIC_INFO_SIZE)

/* Default firmware, and where Debian's opensbi package installs it. */
#define RISCV_DEFAULT_BIOS "fw_dynamic.bin"
#define RISCV_OPENSBI_SYSTEM_DIR "/usr/lib/riscv64-linux-gnu/opensbi/generic"

/* The header at the start of a Linux riscv "Image" (boot-image-header). */
typedef struct RiscvImageHeader {
    uint64_t text_offset;       /* load offset from a 2 MiB boundary */
    uint64_t image_size;        /* bytes the kernel needs, bss included */
    uint64_t flags;             /* bit 0: big-endian kernel */
    uint32_t version;           /* major << 16 | minor */
    bool magic_riscv;           /* "RISCV\0\0\0" (deprecated magic) */
    bool magic_rsc;             /* "RSC\x05" */
} RiscvImageHeader;

/* Parse the header; false if data is not a riscv Image. */
bool riscv_image_header_parse(const uint8_t *data, size_t size,
                              RiscvImageHeader *h);

/*
 * The reset ROM (RISCV_RESET_ROM_SIZE bytes into buf): jump to start_addr
 * with a0 = mhartid, a1 = fdt_addr, a2 = &fw_dynamic_info whose next_addr
 * is next_addr (the kernel or U-Boot; 0 without one) in S-mode.
 */
void riscv_reset_rom_build(uint8_t *buf, hwaddr start_addr, hwaddr fdt_addr,
                           uint64_t next_addr);

/* Where the DT goes: under min(DRAM end, 3 GiB), 2 MiB aligned down. */
bool riscv_compute_fdt_addr(hwaddr dram_base, uint64_t dram_size,
                            uint64_t fdt_size, hwaddr *addr, GError **errp);
/* The kernel's load address after firmware ending at fw_end (RV64). */
hwaddr riscv_kernel_start_addr(hwaddr fw_end);
/* The initrd: half of RAM, at most 128 MiB, past the kernel entry. */
hwaddr riscv_initrd_start_addr(hwaddr kernel_entry, uint64_t ram_size);

/*
 * The directories searched for firmware named without a '/':
 * $VEMU_FIRMWARE_DIR's and the fetch-firmware cache's copies of Debian's
 * paths, and Debian's own (g_ptr_array_unref).
 */
GPtrArray *riscv_firmware_search_path(void);
/* The path of a firmware file, or NULL + an error listing where. */
char *riscv_find_firmware(const char *name, GError **errp);

/*
 * Set /chosen's bootargs (if non-empty), rng-seed and, when initrd_end >
 * initrd_start, linux,initrd-start/end; grows the blob as needed
 * (*fdt may move). Creates /chosen when a user's DTB lacks it.
 */
bool riscv_fdt_update_chosen(void **fdt, const char *bootargs,
                             hwaddr initrd_start, hwaddr initrd_end,
                             GError **errp);
/* Load a user's DTB (-dtb FILE) into a g_malloc'ed, writable blob. */
void *riscv_fdt_load(const char *path, GError **errp);

/* What the board gives the boot code. */
typedef struct RiscvBootConfig {
    AddressSpace *as;
    hwaddr dram_base;
    uint64_t dram_size;
    hwaddr mrom_base;
    uint64_t mrom_size;
    const char *bios;           /* NULL: default, "none", or a file */
    const char *kernel;
    const char *initrd;
    const char *append;
    const char *dtb;            /* -dtb: replaces fdt */
    void *fdt;                  /* the board's DT (taken over, freed) */
} RiscvBootConfig;

/* What was placed where. */
typedef struct RiscvBootInfo {
    char *bios_path;            /* NULL with -bios none */
    hwaddr fw_end;              /* DRAM base without firmware */
    hwaddr start_addr;          /* where the reset ROM jumps */
    hwaddr kernel_start, kernel_entry;   /* 0 without -kernel */
    hwaddr initrd_start, initrd_end;     /* 0 without -initrd */
    hwaddr fdt_addr;
    void *fdt;                  /* the final, packed DT (g_free) */
    size_t fdt_size;
} RiscvBootInfo;

/*
 * Load firmware, kernel, initrd and DT as ROM blobs (rewritten on every
 * reset) and the reset ROM. Errors name the option: "-kernel x: ...".
 */
bool riscv_boot_setup(const RiscvBootConfig *cfg, RiscvBootInfo *info,
                      GError **errp);
void riscv_boot_info_clear(RiscvBootInfo *info);

#endif
