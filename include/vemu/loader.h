/* SPDX-License-Identifier: MIT */
/*
 * Loading guest images: whole files, ELF executables (every offset checked
 * against the file, every segment against the place it may go) and ROM
 * blobs, which are copied into guest memory now and again on every system
 * reset, as QEMU's rom list does (a reboot starts from pristine firmware).
 */
#ifndef VEMU_LOADER_H
#define VEMU_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"
#include "vemu/memory.h"

/* ELF constants the boards need (values from the ELF specification). */
enum {
    ELF_CLASS_32 = 1,
    ELF_CLASS_64 = 2,
    ELF_EM_386 = 3,
    ELF_EM_ARM = 40,
    ELF_EM_X86_64 = 62,
    ELF_EM_AARCH64 = 183,
    ELF_EM_RISCV = 243,
};

/* Largest file the loader reads (a guard against reading /dev/zero). */
#define LOADER_MAX_FILE_SIZE (4ULL << 30)

/*
 * Read a whole regular file. Errors read "Could not open 'x': No such
 * file or directory" (QEMU's wording); g_free(*data).
 */
bool load_file(const char *path, uint8_t **data, size_t *size,
               GError **errp);

/* One loadable segment (PT_LOAD with a non-zero memory size). */
typedef struct ElfSegment {
    hwaddr paddr;
    uint64_t vaddr;
    uint64_t offset;        /* in the file; offset + filesz <= file size */
    uint64_t filesz;        /* <= memsz: the rest is zero-filled */
    uint64_t memsz;
    uint32_t flags;
} ElfSegment;

typedef struct ElfInfo {
    int elf_class;          /* ELF_CLASS_32 or ELF_CLASS_64 */
    uint16_t machine;       /* e_machine */
    uint16_t type;          /* ET_EXEC (2) or ET_DYN (3) */
    uint64_t entry;         /* e_entry, as written (a virtual address) */
    ElfSegment *segs;
    unsigned nb_segs;
    hwaddr low, high;       /* physical extent [low, high) of the segments */
} ElfInfo;

/* The file starts with the ELF magic (it may still be malformed). */
bool elf_is_elf(const uint8_t *data, size_t size);
/*
 * Validate and decode a little-endian ELF executable: header, program
 * headers and loadable segments must lie inside the file, segments must
 * not wrap around the address space nor overlap. Never reads outside
 * data[0..size). false + a one-line error otherwise.
 */
bool elf_parse(const uint8_t *data, size_t size, ElfInfo *info,
               GError **errp);
void elf_info_clear(ElfInfo *info);
/* "riscv64", "x86_64", "aarch64"... or "machine 1234". */
const char *elf_arch_name(uint16_t machine, int elf_class, char *buf,
                          size_t buflen);
/* "ELF for x86_64, not riscv64" unless the file is for (machine, class). */
bool elf_check_arch(const ElfInfo *info, uint16_t machine, int elf_class,
                    GError **errp);
/*
 * Physical address of the entry point: e_entry translated through the
 * segment whose virtual range holds it (Linux's vmlinux links at virtual
 * addresses), else the lowest physical address loaded.
 */
hwaddr elf_entry_paddr(const ElfInfo *info);
/* Every segment lies inside [base, base + size); else an error. */
bool elf_check_fits(const ElfInfo *info, hwaddr base, uint64_t size,
                    GError **errp);

/*
 * Register a ROM blob: len bytes of data (copied), then zeros up to
 * size, at addr in as (RAM or ROM). Written at once and on every system
 * reset. Refused (with an error naming both) if it overlaps an earlier
 * blob in the same address space.
 */
bool rom_add_blob(const char *name, AddressSpace *as, hwaddr addr,
                  const void *data, size_t len, uint64_t size,
                  GError **errp);
/* Copy the segments of a parsed ELF file as ROM blobs. */
bool rom_add_elf(const char *name, AddressSpace *as, const uint8_t *data,
                 const ElfInfo *info, GError **errp);
/* Rewrite every blob (the reset handler; also callable directly). */
void rom_reset_all(void);
/* Forget every blob (unit tests). */
void rom_clear_all(void);

#endif
