/* SPDX-License-Identifier: MIT */
/* ELF loader: map the program and its interpreter, build the stack. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/user-int.h"
#include "vemu/tcg.h"

#define DEFAULT_STACK_SIZE (8ull << 20)
/* Linux refuses program header tables larger than 64 KiB. */
#define MAX_PHDR_BYTES 65536
/* Unhinted mmaps start this far below the stack (room to grow). */
#define STACK_GAP (16ull << 20)

abi_ulong user_stack_size = DEFAULT_STACK_SIZE;

typedef struct ElfFile {
    const char *path;
    int fd;
    uint64_t size;
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;
} ElfFile;

static const struct {
    uint16_t machine;
    const char *name;
} machine_names[] = {
    { EM_386, "i386" }, { EM_X86_64, "x86_64" }, { EM_AARCH64, "aarch64" },
    { EM_ARM, "arm" }, { EM_RISCV, "riscv" }, { EM_MIPS, "mips" },
    { EM_PPC, "ppc" }, { EM_PPC64, "ppc64" }, { EM_S390, "s390x" },
    { EM_SPARCV9, "sparc64" }, { EM_LOONGARCH, "loongarch" },
};

const char *elf_machine_name(uint16_t machine, unsigned elf_class)
{
    if (machine == EM_RISCV) {
        return elf_class == ELFCLASS64 ? "riscv64" : "riscv32";
    }
    for (size_t i = 0; i < G_N_ELEMENTS(machine_names); i++) {
        if (machine_names[i].machine == machine) {
            return machine_names[i].name;
        }
    }
    return "an unknown machine";
}

static bool read_full(int fd, void *buf, size_t len, uint64_t off)
{
    uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = pread(fd, p, len, off);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        p += n;
        off += n;
        len -= n;
    }
    return true;
}

/* Check the identification bytes and the header fields we rely on. */
static bool elf_check_ehdr(const Elf64_Ehdr *eh, uint64_t file_size,
                           char **errmsg)
{
    if (eh->e_ident[EI_CLASS] != ELFCLASS64) {
        *errmsg = g_strdup("32-bit ELF files are not supported");
        return false;
    }
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB) {
        *errmsg = g_strdup("big-endian ELF files are not supported");
        return false;
    }
    if (eh->e_ident[EI_VERSION] != EV_CURRENT) {
        *errmsg = g_strdup("invalid ELF version");
        return false;
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        *errmsg = g_strdup("ELF file is not an executable");
        return false;
    }
    if (eh->e_phentsize != sizeof(Elf64_Phdr)) {
        *errmsg = g_strdup("malformed ELF: bad program header size");
        return false;
    }
    if (eh->e_phnum == 0 || eh->e_phnum == PN_XNUM ||
        (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > MAX_PHDR_BYTES) {
        *errmsg = g_strdup("malformed ELF: bad number of program headers");
        return false;
    }
    if (eh->e_phoff > file_size ||
        (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) >
            file_size - eh->e_phoff) {
        *errmsg = g_strdup("malformed ELF: program headers beyond the end "
                           "of the file");
        return false;
    }
    return true;
}

static bool elf_open(ElfFile *ef, const char *path, char **errmsg)
{
    struct stat st;
    unsigned char ident[EI_NIDENT];

    memset(ef, 0, sizeof(*ef));
    ef->path = path;
    ef->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (ef->fd < 0) {
        *errmsg = g_strdup(g_strerror(errno));
        return false;
    }
    if (fstat(ef->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *errmsg = g_strdup(S_ISDIR(st.st_mode) ? "Is a directory"
                                               : "not a regular file");
        goto fail;
    }
    ef->size = st.st_size;
    if (ef->size < EI_NIDENT || !read_full(ef->fd, ident, EI_NIDENT, 0) ||
        memcmp(ident, ELFMAG, SELFMAG) != 0) {
        *errmsg = g_strdup("not an ELF file");
        goto fail;
    }
    if (ef->size < sizeof(Elf64_Ehdr) ||
        !read_full(ef->fd, &ef->eh, sizeof(ef->eh), 0)) {
        *errmsg = g_strdup("truncated ELF file");
        goto fail;
    }
    if (!elf_check_ehdr(&ef->eh, ef->size, errmsg)) {
        goto fail;
    }
    ef->ph = g_new(Elf64_Phdr, ef->eh.e_phnum);
    if (!read_full(ef->fd, ef->ph, ef->eh.e_phnum * sizeof(Elf64_Phdr),
                   ef->eh.e_phoff)) {
        *errmsg = g_strdup("truncated ELF file");
        goto fail;
    }
    return true;
fail:
    close(ef->fd);
    ef->fd = -1;
    g_free(ef->ph);
    ef->ph = NULL;
    return false;
}

static void elf_close(ElfFile *ef)
{
    if (ef->fd >= 0) {
        close(ef->fd);
    }
    g_free(ef->ph);
    ef->ph = NULL;
    ef->fd = -1;
}

int elf_probe(const char *path, uint16_t *machine, unsigned *elf_class,
              char **errmsg)
{
    ElfFile ef;

    if (!elf_open(&ef, path, errmsg)) {
        return -1;
    }
    *machine = ef.eh.e_machine;
    *elf_class = ef.eh.e_ident[EI_CLASS];
    elf_close(&ef);
    return 0;
}

/* Validate every PT_LOAD; compute the page-aligned span and alignment. */
static bool elf_check_loads(ElfFile *ef, abi_ulong *lo, abi_ulong *hi,
                            abi_ulong *align, char **errmsg)
{
    bool any = false;

    *lo = (abi_ulong)-1;
    *hi = 0;
    *align = GUEST_PAGE_SIZE;
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];

        if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
            continue;
        }
        /* A segment with no file bytes (pure bss) may name any offset:
         * linkers put it past the end of the file. */
        if (ph->p_filesz > ph->p_memsz ||
            (ph->p_filesz > 0 &&
             (ph->p_offset > ef->size ||
              ph->p_filesz > ef->size - ph->p_offset))) {
            *errmsg = g_strdup("malformed ELF: segment beyond the end of "
                               "the file");
            return false;
        }
        if (ph->p_vaddr + ph->p_memsz < ph->p_vaddr ||
            ph->p_memsz > guest_space_size() ||
            ph->p_vaddr > guest_space_size()) {
            *errmsg = g_strdup("malformed ELF: segment outside the guest "
                               "address space");
            return false;
        }
        if ((ph->p_vaddr - ph->p_offset) & (GUEST_PAGE_SIZE - 1)) {
            *errmsg = g_strdup("malformed ELF: segment offset and address "
                               "are not page-congruent");
            return false;
        }
        if (ph->p_align > *align && ph->p_align <= (1ull << 30) &&
            !(ph->p_align & (ph->p_align - 1))) {
            *align = ph->p_align;
        }
        *lo = MIN(*lo, guest_page_trunc(ph->p_vaddr));
        *hi = MAX(*hi, guest_page_align(ph->p_vaddr + ph->p_memsz));
        any = true;
    }
    if (!any) {
        *errmsg = g_strdup("malformed ELF: no loadable segment");
        return false;
    }
    if (*hi > guest_space_size()) {
        *errmsg = g_strdup("malformed ELF: segment outside the guest "
                           "address space");
        return false;
    }
    return true;
}

static int elf_prot(uint32_t pflags)
{
    return ((pflags & PF_R) ? PROT_READ : 0) |
           ((pflags & PF_W) ? PROT_WRITE : 0) |
           ((pflags & PF_X) ? PROT_EXEC : 0);
}

static bool map_segment(ElfFile *ef, const Elf64_Phdr *ph, abi_ulong bias,
                        char **errmsg)
{
    abi_ulong vaddr = ph->p_vaddr + bias;
    abi_ulong page = guest_page_trunc(vaddr);
    abi_ulong file_end = vaddr + ph->p_filesz;
    abi_ulong mem_end = vaddr + ph->p_memsz;
    abi_ulong anon_start;
    int prot = elf_prot(ph->p_flags);
    bool has_bss = ph->p_memsz > ph->p_filesz;
    int map_prot = has_bss ? prot | PROT_WRITE : prot;
    abi_long r;

    if (ph->p_filesz > 0) {
        r = target_mmap(page, file_end - page, map_prot,
                        MAP_PRIVATE | MAP_FIXED, ef->fd,
                        ph->p_offset - (vaddr - page));
        if (r < 0) {
            *errmsg = g_strdup_printf("cannot map segment: %s",
                                      g_strerror(-r));
            return false;
        }
        anon_start = guest_page_align(file_end);
        if (has_bss && file_end < anon_start) {
            /*
             * The file's bytes after p_filesz read as zero up to the end
             * of the page, past p_memsz too: ld.so's early allocator
             * hands out that tail as zeroed memory.
             */
            memset(g2h(file_end), 0, anon_start - file_end);
        }
    } else {
        anon_start = page;
    }
    if (guest_page_align(mem_end) > anon_start) {
        r = target_mmap(anon_start, guest_page_align(mem_end) - anon_start,
                        prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (r < 0) {
            *errmsg = g_strdup_printf("cannot map segment: %s",
                                      g_strerror(-r));
            return false;
        }
    }
    if (map_prot != prot && ph->p_filesz > 0) {
        target_mprotect(page, guest_page_align(file_end) - page, prot);
    }
    return true;
}

/* Unmap the PROT_NONE holes left between segments of one image. */
static void unmap_holes(abi_ulong lo, abi_ulong hi)
{
    abi_ulong a = lo;

    while (a < hi) {
        abi_ulong b;

        if (page_get_flags(a) != (PAGE_VALID | PAGE_ANON)) {
            a += GUEST_PAGE_SIZE;
            continue;
        }
        for (b = a; b < hi && page_get_flags(b) == (PAGE_VALID | PAGE_ANON);
             b += GUEST_PAGE_SIZE) {
        }
        target_munmap(a, b - a);
        a = b;
    }
}

typedef struct LoadedImage {
    abi_ulong bias, lo, hi, entry, phdr, brk;
    abi_ulong start_code, end_code, start_data, end_data;
} LoadedImage;

static bool elf_load_image(ElfFile *ef, bool is_main, LoadedImage *li,
                           char **errmsg)
{
    abi_ulong lo, hi, align, span, base;
    abi_long r;

    if (!elf_check_loads(ef, &lo, &hi, &align, errmsg)) {
        return false;
    }
    span = hi - lo;
    if (ef->eh.e_type == ET_DYN) {
        base = 0;
        if (is_main && lo == 0) {
            base = (guest_space_size() / 3 * 2) & ~(align - 1);
        }
        mmap_lock();
        base = mmap_find_vma(base, span, align);
        mmap_unlock();
        if (base == (abi_ulong)-1) {
            *errmsg = g_strdup("not enough guest address space");
            return false;
        }
        li->bias = base - lo;
    } else {
        li->bias = 0;
    }
    /* Reserve the whole span so nothing lands between the segments. */
    r = target_mmap(lo + li->bias, span, PROT_NONE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0) {
        *errmsg = g_strdup_printf("cannot map the image: %s",
                                  g_strerror(-r));
        return false;
    }
    li->lo = lo + li->bias;
    li->hi = hi + li->bias;
    li->brk = 0;
    li->start_code = (abi_ulong)-1;
    li->end_code = li->start_data = li->end_data = 0;
    li->phdr = 0;
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        abi_ulong v = ph->p_vaddr + li->bias;

        if (ph->p_type == PT_PHDR) {
            li->phdr = v;
        }
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
            continue;
        }
        if (!map_segment(ef, ph, li->bias, errmsg)) {
            return false;
        }
        if (!li->phdr && ef->eh.e_phoff >= ph->p_offset &&
            ef->eh.e_phoff - ph->p_offset < ph->p_filesz) {
            li->phdr = v + (ef->eh.e_phoff - ph->p_offset);
        }
        if (ph->p_flags & PF_X) {
            li->start_code = MIN(li->start_code, v);
            li->end_code = MAX(li->end_code, v + ph->p_filesz);
        } else {
            if (!li->start_data) {
                li->start_data = v;
            }
            li->end_data = MAX(li->end_data, v + ph->p_filesz);
        }
        li->brk = MAX(li->brk, v + ph->p_memsz);
    }
    if (li->start_code == (abi_ulong)-1) {
        li->start_code = li->lo;
    }
    unmap_holes(li->lo, li->hi);
    li->entry = ef->eh.e_entry + li->bias;
    return true;
}

/* PT_INTERP's path, NUL-terminated and bounded, or NULL. */
static char *elf_interp_path(ElfFile *ef, bool *bad)
{
    *bad = false;
    for (unsigned i = 0; i < ef->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &ef->ph[i];
        char *s;

        if (ph->p_type != PT_INTERP) {
            continue;
        }
        if (ph->p_filesz < 2 || ph->p_filesz > 4096 ||
            ph->p_offset > ef->size || ph->p_filesz > ef->size - ph->p_offset) {
            *bad = true;
            return NULL;
        }
        s = g_malloc(ph->p_filesz);
        if (!read_full(ef->fd, s, ph->p_filesz, ph->p_offset) ||
            s[ph->p_filesz - 1] != 0 || strlen(s) == 0) {
            g_free(s);
            *bad = true;
            return NULL;
        }
        return s;
    }
    return NULL;
}

static bool open_interp(ElfFile *ef, const char *interp, char **errmsg)
{
    char *err = NULL;

    if (user_sysroot && interp[0] == '/') {
        char *p = g_strconcat(user_sysroot, interp, NULL);

        if (access(p, F_OK) == 0) {
            bool ok = elf_open(ef, p, &err);

            if (ok) {
                ef->path = p;   /* leaked on purpose: lives for the run */
                return true;
            }
            *errmsg = g_strdup_printf("ELF interpreter %s: %s", p, err);
            g_free(err);
            g_free(p);
            return false;
        }
        g_free(p);
    }
    if (!elf_open(ef, interp, &err)) {
        *errmsg = g_strdup_printf("could not open ELF interpreter %s: %s",
                                  interp, err);
        g_free(err);
        return false;
    }
    return true;
}

static bool map_stack(ImageInfo *info, bool exec, char **errmsg)
{
    abi_ulong size = guest_page_align(user_stack_size);
    abi_ulong top = guest_space_size();
    abi_long r;

    if (size < 16 * GUEST_PAGE_SIZE || size > top / 4) {
        *errmsg = g_strdup("bad stack size");
        return false;
    }
    r = target_mmap(top - size, size,
                    PROT_READ | PROT_WRITE | (exec ? PROT_EXEC : 0),
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE,
                    -1, 0);
    if (r < 0) {
        *errmsg = g_strdup_printf("cannot map the stack: %s",
                                  g_strerror(-r));
        return false;
    }
    info->stack_limit = top - size;
    info->start_stack = top;
    mmap_set_layout(top - size - STACK_GAP, 0x10000);
    return true;
}

static abi_ulong push_bytes(abi_ulong sp, const void *data, size_t len)
{
    sp -= len;
    memcpy(g2h(sp), data, len);
    return sp;
}

static bool build_stack(ImageInfo *info, const char *execfn, char **argv,
                        char **envp, const LoadedImage *main_li,
                        char **errmsg)
{
    const UserArchOps *arch = user_arch;
    abi_ulong sp = info->start_stack;
    abi_ulong limit = info->stack_limit + (info->start_stack -
                                           info->stack_limit) / 4 * 3;
    size_t argc = 0, envc = 0, strings = 0;
    abi_ulong execfn_addr, platform_addr = 0, random_addr, p;
    uint8_t random[16];
    GArray *aux;
    size_t words;

    for (; argv[argc]; argc++) {
        strings += strlen(argv[argc]) + 1;
    }
    for (; envp[envc]; envc++) {
        strings += strlen(envp[envc]) + 1;
    }
    strings += strlen(execfn) + 1 + 64 + 16;
    if (strings + (argc + envc + 64) * 8 > info->start_stack - limit) {
        *errmsg = g_strdup("Argument list too long");
        return false;
    }
    /* Strings at the top: execfn, then env strings, below them argv. */
    sp -= 8;
    execfn_addr = sp = push_bytes(sp, execfn, strlen(execfn) + 1);
    p = sp;
    for (size_t i = 0; i < envc; i++) {
        p -= strlen(envp[i]) + 1;
    }
    for (size_t i = 0; i < argc; i++) {
        p -= strlen(argv[i]) + 1;
    }
    info->arg_start = p;
    for (size_t i = 0; i < argc; i++) {
        size_t n = strlen(argv[i]) + 1;

        memcpy(g2h(p), argv[i], n);
        p += n;
    }
    info->arg_end = info->env_start = p;
    for (size_t i = 0; i < envc; i++) {
        size_t n = strlen(envp[i]) + 1;

        memcpy(g2h(p), envp[i], n);
        p += n;
    }
    info->env_end = p;
    sp = info->arg_start;
    if (arch && arch->platform) {
        sp = platform_addr = push_bytes(sp, arch->platform,
                                        strlen(arch->platform) + 1);
    }
    if (getrandom(random, sizeof(random), 0) != sizeof(random)) {
        for (size_t i = 0; i < sizeof(random); i++) {
            random[i] = g_random_int();
        }
    }
    sp &= ~(abi_ulong)15;
    sp = random_addr = push_bytes(sp, random, sizeof(random));

    aux = g_array_new(false, false, sizeof(uint64_t));
#define AUX(k, v)                                                         \
    do {                                                                  \
        uint64_t kv_[2] = { (k), (v) };                                   \
        g_array_append_vals(aux, kv_, 2);                                 \
    } while (0)
    AUX(AT_HWCAP, arch && arch->hwcap ? arch->hwcap() : 0);
    AUX(AT_PAGESZ, GUEST_PAGE_SIZE);
    AUX(AT_CLKTCK, sysconf(_SC_CLK_TCK));
    AUX(AT_PHDR, info->phdr);
    AUX(AT_PHENT, sizeof(Elf64_Phdr));
    AUX(AT_PHNUM, info->phnum);
    AUX(AT_BASE, info->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, info->prog_entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, random_addr);
    AUX(AT_EXECFN, execfn_addr);
    if (platform_addr) {
        AUX(AT_PLATFORM, platform_addr);
    }
    AUX(AT_NULL, 0);
#undef AUX

    /* argc, argv[], NULL, envp[], NULL, auxv: sp ends 16-byte aligned. */
    words = 1 + argc + 1 + envc + 1 + aux->len;
    sp = (sp - words * 8) & ~(abi_ulong)15;
    {
        uint64_t *w = g2h(sp);
        abi_ulong s = info->arg_start;

        *w++ = argc;
        for (size_t i = 0; i < argc; i++) {
            *w++ = s;
            s += strlen(argv[i]) + 1;
        }
        *w++ = 0;
        for (size_t i = 0; i < envc; i++) {
            *w++ = s;
            s += strlen(envp[i]) + 1;
        }
        *w++ = 0;
        memcpy(w, aux->data, aux->len * 8);
    }
    g_array_free(aux, true);
    info->start_stack = sp;
    (void)main_li;
    return true;
}

int loader_exec(const char *path, char **argv, char **envp,
                const TargetInfo *target, ImageInfo *info, char **errmsg)
{
    ElfFile ef, ief;
    LoadedImage li, ili;
    char *interp = NULL;
    bool bad_interp, exec_stack = false;
    int ret = -1;

    memset(info, 0, sizeof(*info));
    ief.fd = -1;
    ief.ph = NULL;
    if (!elf_open(&ef, path, errmsg)) {
        return -1;
    }
    if (ef.eh.e_machine != target->elf_machine ||
        ef.eh.e_ident[EI_CLASS] != target->elf_class) {
        *errmsg = g_strdup_printf("ELF for %s, not %s",
                                  elf_machine_name(ef.eh.e_machine,
                                                   ef.eh.e_ident[EI_CLASS]),
                                  target->name);
        goto out;
    }
    interp = elf_interp_path(&ef, &bad_interp);
    if (bad_interp) {
        *errmsg = g_strdup("malformed ELF: bad PT_INTERP");
        goto out;
    }
    for (unsigned i = 0; i < ef.eh.e_phnum; i++) {
        if (ef.ph[i].p_type == PT_GNU_STACK) {
            exec_stack = (ef.ph[i].p_flags & PF_X) != 0;
        }
    }
    if (interp) {
        if (!open_interp(&ief, interp, errmsg)) {
            goto out;
        }
        if (ief.eh.e_machine != target->elf_machine ||
            ief.eh.e_ident[EI_CLASS] != target->elf_class) {
            *errmsg = g_strdup_printf("ELF interpreter %s is for %s",
                                      interp,
                                      elf_machine_name(ief.eh.e_machine,
                                          ief.eh.e_ident[EI_CLASS]));
            goto out;
        }
    }
    /* The stack first: it fixes where unhinted mappings go. */
    if (!map_stack(info, exec_stack, errmsg)) {
        goto out;
    }
    if (!elf_load_image(&ef, true, &li, errmsg)) {
        goto out;
    }
    info->load_bias = li.bias;
    info->load_addr = li.lo;
    info->prog_entry = li.entry;
    info->entry = li.entry;
    info->phdr = li.phdr;
    info->phnum = ef.eh.e_phnum;
    info->phent = sizeof(Elf64_Phdr);
    info->start_code = li.start_code;
    info->end_code = li.end_code;
    info->start_data = li.start_data;
    info->end_data = li.end_data;
    info->start_brk = info->brk = guest_page_align(li.brk);
    target_set_brk(info->brk);
    if (interp) {
        char *ierr = NULL;

        if (!elf_load_image(&ief, false, &ili, &ierr)) {
            *errmsg = g_strdup_printf("ELF interpreter %s: %s", interp,
                                      ierr);
            g_free(ierr);
            goto out;
        }
        info->interp_base = ili.lo;
        info->entry = ili.entry;
    }
    info->exe_path = g_strdup(path);
    if (!build_stack(info, path, argv, envp, &li, errmsg)) {
        goto out;
    }
    ret = 0;
out:
    g_free(interp);
    elf_close(&ef);
    elf_close(&ief);
    return ret;
}
