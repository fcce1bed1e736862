/* SPDX-License-Identifier: MIT */
/* Image loading: whole files, checked ELF parsing, ROM blobs kept for reset. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vemu/device.h"
#include "vemu/loader.h"

/* ---- files ---------------------------------------------------------- */

bool load_file(const char *path, uint8_t **data, size_t *size,
               GError **errp)
{
    struct stat st;
    uint8_t *buf = NULL;
    size_t done = 0;
    int fd;

    *data = NULL;
    *size = 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "Could not open '%s': %s", path, g_strerror(errno));
        return false;
    }
    if (fstat(fd, &st) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "Could not open '%s': %s", path, g_strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Could not open '%s': not a regular file", path);
        goto fail;
    }
    if ((uint64_t)st.st_size > LOADER_MAX_FILE_SIZE) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    "'%s' is too large (%" PRIu64 " bytes)", path,
                    (uint64_t)st.st_size);
        goto fail;
    }
    /* One spare byte so that an empty file still gets a buffer. */
    buf = g_malloc(st.st_size + 1);
    while (done < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + done, st.st_size - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                        "Could not read '%s': %s", path, g_strerror(errno));
            goto fail;
        }
        if (n == 0) {
            break;      /* the file shrank under us: take what is there */
        }
        done += n;
    }
    close(fd);
    *data = buf;
    *size = done;
    return true;

fail:
    g_free(buf);
    close(fd);
    return false;
}

/* ---- ELF ------------------------------------------------------------ */

enum {
    EI_CLASS = 4,
    EI_DATA = 5,
    EI_VERSION = 6,
    ELFDATA2LSB = 1,
    ET_EXEC = 2,
    ET_DYN = 3,
    PT_LOAD = 1,
    EHDR32_SIZE = 52,
    EHDR64_SIZE = 64,
    PHDR32_SIZE = 32,
    PHDR64_SIZE = 56,
    /* More program headers than any real image has: refuse, not loop. */
    ELF_MAX_PHNUM = 1024,
};

static uint16_t rd16(const uint8_t *p)
{
    return p[0] | (uint16_t)p[1] << 8;
}

static uint32_t rd32(const uint8_t *p)
{
    return rd16(p) | (uint32_t)rd16(p + 2) << 16;
}

static uint64_t rd64(const uint8_t *p)
{
    return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

bool elf_is_elf(const uint8_t *data, size_t size)
{
    return size >= 4 && memcmp(data, "\x7f" "ELF", 4) == 0;
}

const char *elf_arch_name(uint16_t machine, int elf_class, char *buf,
                          size_t buflen)
{
    bool is64 = elf_class == ELF_CLASS_64;

    switch (machine) {
    case ELF_EM_386:
        return "i386";
    case ELF_EM_X86_64:
        return "x86_64";
    case ELF_EM_ARM:
        return "arm";
    case ELF_EM_AARCH64:
        return "aarch64";
    case ELF_EM_RISCV:
        return is64 ? "riscv64" : "riscv32";
    case 8:
        return is64 ? "mips64" : "mips";
    case 20:
        return "ppc";
    case 21:
        return "ppc64";
    case 22:
        return "s390x";
    case 43:
        return "sparc64";
    case 258:
        return "loongarch64";
    default:
        g_snprintf(buf, buflen, "machine %u", machine);
        return buf;
    }
}

static bool elf_fail(GError **errp, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

static bool elf_fail(GError **errp, const char *fmt, ...)
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

/* Decode program header i; its bytes were checked to be in the file. */
static void elf_read_phdr(const uint8_t *p, bool is64, uint32_t *type,
                          ElfSegment *seg)
{
    *type = rd32(p);
    if (is64) {
        seg->flags = rd32(p + 4);
        seg->offset = rd64(p + 8);
        seg->vaddr = rd64(p + 16);
        seg->paddr = rd64(p + 24);
        seg->filesz = rd64(p + 32);
        seg->memsz = rd64(p + 40);
    } else {
        seg->offset = rd32(p + 4);
        seg->vaddr = rd32(p + 8);
        seg->paddr = rd32(p + 12);
        seg->filesz = rd32(p + 16);
        seg->memsz = rd32(p + 20);
        seg->flags = rd32(p + 24);
    }
}

static int seg_cmp(const void *a, const void *b)
{
    const ElfSegment *x = a, *y = b;

    return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

/* Check one PT_LOAD against the file and the address space. */
static bool elf_check_seg(const ElfSegment *s, unsigned i, size_t size,
                          bool is64, GError **errp)
{
    uint64_t addr_limit = is64 ? UINT64_MAX : UINT32_MAX;

    if (s->filesz > s->memsz) {
        return elf_fail(errp, "ELF segment %u: file size 0x%" PRIx64
                        " exceeds memory size 0x%" PRIx64,
                        i, s->filesz, s->memsz);
    }
    if (s->offset > size || s->filesz > size - s->offset) {
        return elf_fail(errp, "truncated ELF file: segment %u needs bytes "
                        "0x%" PRIx64 "+0x%" PRIx64 " of a %zu-byte file",
                        i, s->offset, s->filesz, size);
    }
    if (s->paddr > addr_limit || s->memsz - 1 > addr_limit - s->paddr) {
        return elf_fail(errp, "ELF segment %u at 0x%" PRIx64 " (size 0x%"
                        PRIx64 ") wraps around the address space",
                        i, s->paddr, s->memsz);
    }
    return true;
}

bool elf_parse(const uint8_t *data, size_t size, ElfInfo *info,
               GError **errp)
{
    uint64_t phoff;
    unsigned phentsize, phnum, i;
    bool is64;

    memset(info, 0, sizeof(*info));
    if (!elf_is_elf(data, size)) {
        return elf_fail(errp, "not an ELF file");
    }
    if (size < EI_VERSION + 1) {
        return elf_fail(errp, "truncated ELF header");
    }
    if (data[EI_CLASS] != ELF_CLASS_32 && data[EI_CLASS] != ELF_CLASS_64) {
        return elf_fail(errp, "bad ELF class %u", data[EI_CLASS]);
    }
    is64 = data[EI_CLASS] == ELF_CLASS_64;
    if (size < (is64 ? EHDR64_SIZE : EHDR32_SIZE)) {
        return elf_fail(errp, "truncated ELF header (%zu bytes)", size);
    }
    info->elf_class = data[EI_CLASS];
    info->type = rd16(data + 16);
    info->machine = rd16(data + 18);
    if (data[EI_DATA] != ELFDATA2LSB) {
        char buf[32];
        return elf_fail(errp, "big-endian ELF (%s) is not supported",
                        elf_arch_name(info->machine, info->elf_class, buf,
                                      sizeof(buf)));
    }
    if (data[EI_VERSION] != 1 || rd32(data + 20) != 1) {
        return elf_fail(errp, "bad ELF version");
    }
    if (info->type != ET_EXEC && info->type != ET_DYN) {
        return elf_fail(errp, "ELF type %u is not an executable",
                        info->type);
    }
    if (is64) {
        info->entry = rd64(data + 24);
        phoff = rd64(data + 32);
        phentsize = rd16(data + 54);
        phnum = rd16(data + 56);
    } else {
        info->entry = rd32(data + 24);
        phoff = rd32(data + 28);
        phentsize = rd16(data + 42);
        phnum = rd16(data + 44);
    }
    if (phentsize != (is64 ? PHDR64_SIZE : PHDR32_SIZE)) {
        return elf_fail(errp, "bad ELF program header size %u", phentsize);
    }
    if (phnum == 0 || phnum > ELF_MAX_PHNUM) {
        return elf_fail(errp, "bad ELF program header count %u", phnum);
    }
    if (phoff > size || (uint64_t)phnum * phentsize > size - phoff) {
        return elf_fail(errp, "truncated ELF file: program headers at "
                        "0x%" PRIx64 " beyond its %zu bytes", phoff, size);
    }

    info->segs = g_new0(ElfSegment, phnum);
    for (i = 0; i < phnum; i++) {
        ElfSegment s;
        uint32_t type;

        elf_read_phdr(data + phoff + (uint64_t)i * phentsize, is64, &type,
                      &s);
        if (type != PT_LOAD || s.memsz == 0) {
            continue;
        }
        if (!elf_check_seg(&s, i, size, is64, errp)) {
            goto fail;
        }
        info->segs[info->nb_segs++] = s;
    }
    if (info->nb_segs == 0) {
        elf_fail(errp, "ELF file has nothing to load");
        goto fail;
    }

    qsort(info->segs, info->nb_segs, sizeof(ElfSegment), seg_cmp);
    info->low = info->segs[0].paddr;
    info->high = 0;
    for (i = 0; i < info->nb_segs; i++) {
        const ElfSegment *s = &info->segs[i];
        /* Last byte, so that a segment ending at 2^64 does not wrap. */
        hwaddr last = s->paddr + s->memsz - 1;

        if (i > 0 && s->paddr <= info->segs[i - 1].paddr +
                                 info->segs[i - 1].memsz - 1) {
            elf_fail(errp, "ELF segments overlap at 0x%" PRIx64, s->paddr);
            goto fail;
        }
        info->high = MAX(info->high, last);
    }
    /* [low, high): saturate rather than wrap for a segment at the top. */
    info->high = info->high == UINT64_MAX ? UINT64_MAX : info->high + 1;
    return true;

fail:
    elf_info_clear(info);
    return false;
}

void elf_info_clear(ElfInfo *info)
{
    g_free(info->segs);
    memset(info, 0, sizeof(*info));
}

bool elf_check_arch(const ElfInfo *info, uint16_t machine, int elf_class,
                    GError **errp)
{
    char b1[32], b2[32];

    if (info->machine == machine && info->elf_class == elf_class) {
        return true;
    }
    return elf_fail(errp, "ELF for %s, not %s",
                    elf_arch_name(info->machine, info->elf_class, b1,
                                  sizeof(b1)),
                    elf_arch_name(machine, elf_class, b2, sizeof(b2)));
}

hwaddr elf_entry_paddr(const ElfInfo *info)
{
    unsigned i;

    for (i = 0; i < info->nb_segs; i++) {
        const ElfSegment *s = &info->segs[i];

        if (info->entry >= s->vaddr && info->entry - s->vaddr < s->memsz) {
            return s->paddr + (info->entry - s->vaddr);
        }
    }
    return info->low;
}

bool elf_check_fits(const ElfInfo *info, hwaddr base, uint64_t size,
                    GError **errp)
{
    unsigned i;

    for (i = 0; i < info->nb_segs; i++) {
        const ElfSegment *s = &info->segs[i];

        if (s->paddr < base || s->paddr - base > size ||
            s->memsz > size - (s->paddr - base)) {
            return elf_fail(errp, "ELF segment at 0x%" PRIx64 "-0x%" PRIx64
                            " is outside guest RAM (0x%" PRIx64 "-0x%"
                            PRIx64 ")", s->paddr, s->paddr + s->memsz - 1,
                            base, base + size - 1);
        }
    }
    return true;
}

/* ---- ROM blobs ------------------------------------------------------ */

typedef struct Rom {
    char *name;
    AddressSpace *as;
    hwaddr addr;
    uint8_t *data;
    size_t len;
    uint64_t size;
} Rom;

static GPtrArray *roms;        /* Rom *, in registration order */
static bool rom_reset_registered;

static bool rom_write(const Rom *rom)
{
    static const uint8_t zeros[4096];
    uint64_t done;

    if (rom->len &&
        address_space_write_rom(rom->as, rom->addr, rom->data, rom->len)
        != MEMTX_OK) {
        return false;
    }
    for (done = rom->len; done < rom->size; done += sizeof(zeros)) {
        uint64_t n = MIN(rom->size - done, sizeof(zeros));

        if (address_space_write_rom(rom->as, rom->addr + done, zeros, n)
            != MEMTX_OK) {
            return false;
        }
    }
    return true;
}

static void rom_reset_cb(void *opaque)
{
    rom_reset_all();
}

void rom_reset_all(void)
{
    unsigned i;

    for (i = 0; roms && i < roms->len; i++) {
        rom_write(g_ptr_array_index(roms, i));
    }
}

static void rom_free(gpointer p)
{
    Rom *rom = p;

    g_free(rom->name);
    g_free(rom->data);
    g_free(rom);
}

void rom_clear_all(void)
{
    if (roms) {
        g_ptr_array_set_size(roms, 0);
    }
}

bool rom_add_blob(const char *name, AddressSpace *as, hwaddr addr,
                  const void *data, size_t len, uint64_t size,
                  GError **errp)
{
    Rom *rom;
    unsigned i;

    if (len > size) {
        size = len;
    }
    if (size == 0) {
        return true;
    }
    if (addr + size - 1 < addr) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s at 0x%" PRIx64 " wraps around the address space",
                    name, addr);
        return false;
    }
    for (i = 0; roms && i < roms->len; i++) {
        Rom *o = g_ptr_array_index(roms, i);

        if (o->as == as && addr <= o->addr + o->size - 1 &&
            o->addr <= addr + size - 1) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "%s (0x%" PRIx64 "-0x%" PRIx64 ") overlaps %s "
                        "(0x%" PRIx64 "-0x%" PRIx64 ")", name, addr,
                        addr + size - 1, o->name, o->addr,
                        o->addr + o->size - 1);
            return false;
        }
    }

    rom = g_new0(Rom, 1);
    rom->name = g_strdup(name);
    rom->as = as;
    rom->addr = addr;
    rom->data = g_malloc(len + 1);
    if (len) {
        memcpy(rom->data, data, len);
    }
    rom->len = len;
    rom->size = size;
    if (!rom_write(rom)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: 0x%" PRIx64 "-0x%" PRIx64 " is not guest memory",
                    name, addr, addr + size - 1);
        rom_free(rom);
        return false;
    }
    if (!roms) {
        roms = g_ptr_array_new_with_free_func(rom_free);
    }
    g_ptr_array_add(roms, rom);
    if (!rom_reset_registered) {
        rom_reset_registered = true;
        reset_register(rom_reset_cb, NULL);
    }
    return true;
}

bool rom_add_elf(const char *name, AddressSpace *as, const uint8_t *data,
                 const ElfInfo *info, GError **errp)
{
    unsigned i;

    for (i = 0; i < info->nb_segs; i++) {
        const ElfSegment *s = &info->segs[i];
        char *segname = g_strdup_printf("%s segment %u", name, i);
        bool ok = rom_add_blob(segname, as, s->paddr, data + s->offset,
                               s->filesz, s->memsz, errp);

        g_free(segname);
        if (!ok) {
            return false;
        }
    }
    return true;
}
