/* SPDX-License-Identifier: MIT */
/*
 * Booting an x86 PC-style board without firmware, as QEMU 7.2's microvm
 * does: a Linux bzImage by the x86 boot protocol (boot_params, e820,
 * command line, initrd; Documentation/arch/x86/boot.rst), a Multiboot v1
 * kernel (ELF or a.out kludge, with modules), or a raw -bios image at the
 * top of 4 GiB. The loaders are pure: they lay out blobs (address, bytes)
 * and the vCPU's first register state; the board copies the blobs into
 * guest memory as ROM blobs (rewritten on every system reset).
 */
#ifndef HW_I386_X86_BOOT_H
#define HW_I386_X86_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"
#include "vemu/x86.h"

#define X86_4G (1ULL << 32)

/* Where the loaders put things in low memory (below 640 KiB). */
enum {
    X86_BOOT_GDT_ADDR = 0x500,          /* 5 descriptors */
    X86_BOOT_ZERO_PAGE = 0x7000,        /* Linux boot_params */
    X86_BOOT_STACK_TOP = 0x8ff0,        /* a stack, should one be used */
    X86_BOOT_PML4 = 0x9000,             /* identity map of the low 4G */
    X86_BOOT_PAGE_TABLES_SIZE = 0x6000, /* PML4, PDPT, 4 PDs */
    X86_BOOT_CMDLINE = 0x20000,         /* Linux command line */
    X86_BOOT_CMDLINE_MAX = 0x10000,
    X86_EBDA_BASE = 0x9fc00,            /* MP table; reserved in e820 */
    X86_LOWMEM_END = 0xa0000,
    X86_BIOS_AREA = 0xf0000,            /* reserved in e820 */
    X86_HIGHMEM = 0x100000,             /* kernels load from 1 MiB */
};

/* GDT selectors, those the Linux boot protocol names (__BOOT_CS/DS). */
enum {
    X86_BOOT_CS = 0x10,
    X86_BOOT_DS = 0x18,
    X86_BOOT_TSS = 0x20,
};

/* Guest RAM: [0, below_4g) and [4G, 4G + above_4g). */
typedef struct X86RamLayout {
    uint64_t below_4g;
    uint64_t above_4g;
} X86RamLayout;

/* RAM split as QEMU 7.2's microvm: at most 3 GiB below 4G, rest above. */
#define X86_MAX_BELOW_4G 0xc0000000ULL
X86RamLayout x86_ram_layout(uint64_t ram_size);

/* e820 entry types (ACPI's address range types). */
enum { E820_RAM = 1, E820_RESERVED = 2 };

typedef struct X86E820Entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} X86E820Entry;

#define X86_E820_MAX 8

/* The board's memory map as the guest is told: returns the entry count. */
unsigned x86_e820_build(const X86RamLayout *l, X86E820Entry *e);

/* One piece of guest memory to fill (owned data). */
typedef struct X86Blob {
    char *name;
    uint64_t addr;
    uint8_t *data;
    size_t len;
} X86Blob;

typedef struct X86BootInfo {
    GPtrArray *blobs;           /* X86Blob *, in load order */
    X86BootRegs regs;           /* the boot vCPU's first state */
    bool multiboot;
    uint64_t kernel_start;      /* [start, end) of the kernel image */
    uint64_t kernel_end;
    uint64_t initrd_start;      /* both 0 without an initrd */
    uint64_t initrd_end;
    /* Linux: where the command line goes and how long it may be. */
    uint64_t cmdline_addr;
    uint32_t cmdline_max;       /* bytes, the NUL included */
} X86BootInfo;

void x86_boot_info_init(X86BootInfo *bi);
void x86_boot_info_clear(X86BootInfo *bi);
/* Add a blob (data copied; zero-filled up to len when data is NULL). */
void x86_boot_add_blob(X86BootInfo *bi, const char *name, uint64_t addr,
                       const void *data, size_t len);
const X86Blob *x86_boot_find_blob(const X86BootInfo *bi, const char *name);

/*
 * The boot GDT (null, null, code at 0x10, data at 0x18, a TSS at 0x20)
 * and the register state of flat protected mode using it: 32-bit, or
 * 64-bit long mode with the identity page tables at X86_BOOT_PML4.
 */
void x86_boot_add_gdt(X86BootInfo *bi, bool long_mode);
void x86_boot_add_page_tables(X86BootInfo *bi);
void x86_boot_regs_flat(X86BootRegs *r, uint64_t entry, bool long_mode);

/* ---- Linux bzImage (x86-boot.c) -------------------------------------- */

/* The fields of the setup header the loader uses. */
typedef struct X86LinuxHeader {
    unsigned setup_sects;       /* 512-byte sectors after the boot sector */
    uint16_t version;           /* boot protocol, 0x020f = 2.15 */
    uint8_t loadflags;
    uint32_t code32_start;
    uint32_t initrd_addr_max;
    uint32_t kernel_alignment;
    uint32_t cmdline_size;      /* without the NUL */
    uint16_t xloadflags;
    uint64_t pref_address;
    uint32_t init_size;
    size_t header_end;          /* file offset: end of the setup header */
} X86LinuxHeader;

enum {
    X86_LOADED_HIGH = 0x01,     /* loadflags: protected mode at 1 MiB */
    X86_XLF_KERNEL_64 = 0x01,   /* xloadflags: 64-bit entry at +0x200 */
};

/* The file is a bzImage ("HdrS" header): false if not. */
bool x86_linux_header_parse(const uint8_t *data, size_t size,
                            X86LinuxHeader *h);

typedef struct X86LinuxConfig {
    X86RamLayout ram;
    const uint8_t *kernel;
    size_t kernel_size;
    const uint8_t *initrd;      /* NULL: none */
    size_t initrd_size;
    const char *cmdline;        /* NULL: empty */
    bool entry64;               /* the 64-bit entry when the kernel has it */
} X86LinuxConfig;

/*
 * Lay out a bzImage: protected-mode kernel at 1 MiB, boot_params at
 * X86_BOOT_ZERO_PAGE, command line, initrd at the top of low RAM below
 * initrd_addr_max. Errors are one line without the option prefix.
 */
bool x86_linux_setup(const X86LinuxConfig *c, X86BootInfo *bi,
                     GError **errp);

/* Offsets in boot_params (the zero page) that tests and the board use. */
enum {
    BP_E820_ENTRIES = 0x1e8,
    BP_HDR = 0x1f1,
    BP_TYPE_OF_LOADER = 0x210,
    BP_RAMDISK_IMAGE = 0x218,
    BP_RAMDISK_SIZE = 0x21c,
    BP_CMD_LINE_PTR = 0x228,
    BP_E820_TABLE = 0x2d0,
    BP_SIZE = 0x1000,
};

/* ---- Multiboot v1 (multiboot.c) ----------------------------------------- */

#define MULTIBOOT_MAGIC 0x1BADB002u
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002u
#define MULTIBOOT_SEARCH 8192

typedef struct MultibootHeader {
    size_t offset;              /* of the magic in the file */
    uint32_t flags;
    /* With flags bit 16 (the "a.out kludge"): */
    uint32_t header_addr, load_addr, load_end_addr, bss_end_addr;
    uint32_t entry_addr;
} MultibootHeader;

enum {
    MB_FLAG_PAGE_ALIGN = 1u << 0,
    MB_FLAG_MEMORY_INFO = 1u << 1,
    MB_FLAG_VIDEO_MODE = 1u << 2,
    MB_FLAG_AOUT_KLUDGE = 1u << 16,
};

/* A valid header (magic, checksum) in the first 8 KiB: false if none. */
bool multiboot_header_find(const uint8_t *data, size_t size,
                           MultibootHeader *h);

typedef struct MultibootModule {
    const uint8_t *data;
    size_t size;
    const char *cmdline;        /* the module's string */
} MultibootModule;

typedef struct MultibootConfig {
    X86RamLayout ram;
    const uint8_t *kernel;
    size_t kernel_size;
    const char *cmdline;        /* "kernel-path append", as QEMU passes */
    const MultibootModule *mods;
    unsigned nb_mods;
} MultibootConfig;

/* Offsets in the Multiboot information structure. */
enum {
    MBI_FLAGS = 0,
    MBI_MEM_LOWER = 4,
    MBI_MEM_UPPER = 8,
    MBI_BOOT_DEVICE = 12,
    MBI_CMDLINE = 16,
    MBI_MODS_COUNT = 20,
    MBI_MODS_ADDR = 24,
    MBI_MMAP_LENGTH = 44,
    MBI_MMAP_ADDR = 48,
    MBI_BOOT_LOADER_NAME = 64,
    MBI_SIZE = 88,
};

enum {
    MBI_HAS_MEM = 1u << 0,
    MBI_HAS_BOOT_DEVICE = 1u << 1,
    MBI_HAS_CMDLINE = 1u << 2,
    MBI_HAS_MODS = 1u << 3,
    MBI_HAS_MMAP = 1u << 6,
    MBI_HAS_LOADER_NAME = 1u << 9,
};

/*
 * Lay out a Multiboot kernel: its segments (ELF32, or the a.out kludge
 * fields), then page-aligned the information structure with the memory
 * map and strings, then the modules. EAX/EBX as the spec says.
 */
bool multiboot_setup(const MultibootConfig *c, X86BootInfo *bi,
                     GError **errp);

/* ---- -bios (x86-boot.c) and the MP table (mptable.c) ------------------- */

/*
 * Where a raw -bios image of size bytes goes: right-aligned in a region
 * of *region_size bytes (size rounded up to 64 KiB) ending at 4 GiB.
 * False if it is empty or larger than max.
 */
bool x86_bios_layout(size_t size, uint64_t max, uint64_t *region_base,
                     uint64_t *region_size);

#define X86_LAPIC_BASE 0xfee00000u
#define X86_IOAPIC_BASE 0xfec00000u
#define X86_IOAPIC_PINS 24

/* MP spec trigger/polarity flags of an interrupt assignment. */
enum {
    MP_IRQ_CONFORMS = 0x0,
    MP_IRQ_LEVEL_HIGH = 0x1 | (0x3 << 2),
};

typedef struct X86MpConfig {
    unsigned nb_cpus;           /* APIC ids 0..nb_cpus-1, 0 boots */
    /* ISA IRQs [level_first, level_first + level_count): level, high. */
    unsigned level_first;
    unsigned level_count;
} X86MpConfig;

/*
 * The MP floating pointer and configuration table (Intel MP spec 1.4)
 * for addr: processors, an ISA bus, the IOAPIC (id nb_cpus), ISA IRQs
 * 0-15 on IOAPIC pins 0-15 (KVM's default routing), ExtINT on LINT0 and
 * NMI on LINT1. Returns a g_malloc'ed table, its size in *len.
 */
uint8_t *x86_mptable_build(const X86MpConfig *c, uint32_t addr,
                           size_t *len);

#endif
