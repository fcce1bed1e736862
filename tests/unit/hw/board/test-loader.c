/* SPDX-License-Identifier: MIT */
/* hw/core/loader.c: files, ELF parsing of good and broken files, ROM blobs. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "vemu/loader.h"
#include "vemu/memory.h"

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (4ULL << 20)

/* ---- a small ELF built by hand --------------------------------------- */

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, v);
    put32(p + 4, v >> 32);
}

typedef struct TestSeg {
    uint64_t vaddr, paddr, filesz, memsz;
    uint32_t type;
} TestSeg;

/*
 * ELF64 little-endian executable: header, program headers at 64, then
 * each segment's bytes (filled with 0x10 + segment index).
 */
static GByteArray *make_elf64(uint16_t machine, uint64_t entry,
                              const TestSeg *segs, unsigned n)
{
    GByteArray *a = g_byte_array_new();
    uint64_t off = 64 + 56 * n;
    uint8_t h[64] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
    unsigned i;

    put16(h + 16, 2);           /* ET_EXEC */
    put16(h + 18, machine);
    put32(h + 20, 1);
    put64(h + 24, entry);
    put64(h + 32, 64);          /* e_phoff */
    put16(h + 52, 64);
    put16(h + 54, 56);
    put16(h + 56, n);
    g_byte_array_append(a, h, 64);
    for (i = 0; i < n; i++) {
        uint8_t p[56] = { 0 };

        put32(p, segs[i].type ? segs[i].type : 1);
        put32(p + 4, 5);
        put64(p + 8, off);
        put64(p + 16, segs[i].vaddr);
        put64(p + 24, segs[i].paddr);
        put64(p + 32, segs[i].filesz);
        put64(p + 40, segs[i].memsz);
        put64(p + 48, 0x1000);
        g_byte_array_append(a, p, 56);
        off += segs[i].filesz;
    }
    for (i = 0; i < n; i++) {
        uint8_t *fill = g_malloc(segs[i].filesz + 1);

        memset(fill, 0x10 + i, segs[i].filesz);
        g_byte_array_append(a, fill, segs[i].filesz);
        g_free(fill);
    }
    return a;
}

/* The reference image: code+bss in one segment, data in another. */
static const TestSeg good_segs[] = {
    { 0xffffffff80000000ULL, RAM_BASE, 0x100, 0x300 },
    { 0xffffffff80002000ULL, RAM_BASE + 0x2000, 0x40, 0x40 },
};

static GByteArray *make_good(void)
{
    return make_elf64(ELF_EM_RISCV, 0xffffffff80000010ULL, good_segs, 2);
}

static void test_elf_good(void)
{
    GByteArray *a = make_good();
    GError *err = NULL;
    ElfInfo info;

    g_assert_true(elf_is_elf(a->data, a->len));
    g_assert_true(elf_parse(a->data, a->len, &info, &err));
    g_assert_no_error(err);
    g_assert_cmpint(info.elf_class, ==, ELF_CLASS_64);
    g_assert_cmpuint(info.machine, ==, ELF_EM_RISCV);
    g_assert_cmpuint(info.nb_segs, ==, 2);
    g_assert_cmphex(info.low, ==, RAM_BASE);
    g_assert_cmphex(info.high, ==, RAM_BASE + 0x2040);
    /* The virtual entry maps through the first segment to physical. */
    g_assert_cmphex(elf_entry_paddr(&info), ==, RAM_BASE + 0x10);
    g_assert_true(elf_check_arch(&info, ELF_EM_RISCV, ELF_CLASS_64, &err));
    g_assert_true(elf_check_fits(&info, RAM_BASE, RAM_SIZE, &err));
    g_assert_no_error(err);
    /* RAM too small for the second segment. */
    g_assert_false(elf_check_fits(&info, RAM_BASE, 0x2000, &err));
    g_assert_nonnull(strstr(err->message, "outside guest RAM"));
    g_clear_error(&err);
    elf_info_clear(&info);
    g_byte_array_unref(a);
}

static void test_elf_entry_outside_segments(void)
{
    GByteArray *a = make_elf64(ELF_EM_RISCV, 0x1234, good_segs, 2);
    ElfInfo info;

    g_assert_true(elf_parse(a->data, a->len, &info, NULL));
    /* Not in any segment: fall back to the lowest address, as QEMU. */
    g_assert_cmphex(elf_entry_paddr(&info), ==, RAM_BASE);
    elf_info_clear(&info);
    g_byte_array_unref(a);
}

static void test_elf_wrong_arch(void)
{
    GByteArray *a = make_elf64(ELF_EM_X86_64, 0, good_segs, 2);
    GError *err = NULL;
    ElfInfo info;

    g_assert_true(elf_parse(a->data, a->len, &info, &err));
    g_assert_false(elf_check_arch(&info, ELF_EM_RISCV, ELF_CLASS_64, &err));
    g_assert_cmpstr(err->message, ==, "ELF for x86_64, not riscv64");
    g_clear_error(&err);
    elf_info_clear(&info);

    /* 32-bit RISC-V is another architecture for a riscv64 board. */
    a->data[4] = 1;
    g_assert_false(elf_parse(a->data, a->len, &info, &err));
    g_clear_error(&err);
    g_byte_array_unref(a);
}

/* A real host binary: /bin/ls is an x86-64 (or other host) ELF. */
static void test_elf_host_binary(void)
{
    GError *err = NULL;
    uint8_t *data;
    size_t size;
    ElfInfo info;

    if (!g_file_test("/bin/ls", G_FILE_TEST_EXISTS)) {
        g_test_skip("no /bin/ls");
        return;
    }
    g_assert_true(load_file("/bin/ls", &data, &size, &err));
    g_assert_true(elf_parse(data, size, &info, &err));
    g_assert_no_error(err);
    g_assert_false(elf_check_arch(&info, ELF_EM_RISCV, ELF_CLASS_64, &err));
#if defined(__x86_64__)
    g_assert_cmpstr(err->message, ==, "ELF for x86_64, not riscv64");
#endif
    g_clear_error(&err);
    elf_info_clear(&info);
    g_free(data);
}

/* A riscv64 file from the cross toolchain or OpenSBI, when installed. */
static void test_elf_real_riscv(void)
{
    static const char *const candidates[] = {
        "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.elf",
        "/usr/riscv64-linux-gnu/lib/libc.so.6",
    };
    unsigned i, tried = 0;

    for (i = 0; i < G_N_ELEMENTS(candidates); i++) {
        GError *err = NULL;
        uint8_t *data;
        size_t size;
        ElfInfo info;

        if (!g_file_test(candidates[i], G_FILE_TEST_IS_REGULAR)) {
            continue;
        }
        tried++;
        g_assert_true(load_file(candidates[i], &data, &size, &err));
        g_assert_true(elf_parse(data, size, &info, &err));
        g_assert_no_error(err);
        g_assert_true(elf_check_arch(&info, ELF_EM_RISCV, ELF_CLASS_64,
                                     &err));
        g_assert_cmpuint(info.nb_segs, >, 0);
        g_assert_cmphex(info.high, >, info.low);
        elf_info_clear(&info);
        g_free(data);
    }
    if (!tried) {
        g_test_skip("no riscv64 ELF file installed");
    }
}

static void expect_bad(const uint8_t *data, size_t size, const char *what)
{
    GError *err = NULL;
    ElfInfo info;

    if (elf_parse(data, size, &info, &err)) {
        g_error("accepted a broken ELF: %s", what);
    }
    g_assert_nonnull(err);
    /* One line, no trailing newline: it ends up after "vemu: -kernel x: ". */
    g_assert_null(strchr(err->message, '\n'));
    g_assert_null(info.segs);
    g_clear_error(&err);
}

/* Every prefix of a good file is refused (g_memdup: ASan sees overreads). */
static void test_elf_truncated(void)
{
    GByteArray *a = make_good();
    unsigned n = 0;
    size_t len;

    for (len = 0; len < a->len; len++) {
        uint8_t *copy = g_malloc(len ? len : 1);
        char what[40];

        memcpy(copy, a->data, len);
        g_snprintf(what, sizeof(what), "truncated to %zu", len);
        expect_bad(copy, len, what);
        g_free(copy);
        n++;
    }
    g_assert_cmpuint(n, >, 50);
    g_byte_array_unref(a);
}

typedef struct Mutation {
    const char *what;
    unsigned off;               /* in the file */
    unsigned width;             /* 1, 2, 4, 8 */
    uint64_t value;
} Mutation;

/* Offsets: ELF header fields, then phdr 0 at 64 and phdr 1 at 120. */
static const Mutation mutations[] = {
    { "bad magic", 1, 1, 'X' },
    { "class 0", 4, 1, 0 },
    { "class 3", 4, 1, 3 },
    { "big-endian", 5, 1, 2 },
    { "ident version 0", 6, 1, 0 },
    { "e_version 2", 20, 4, 2 },
    { "ET_REL", 16, 2, 1 },
    { "ET_CORE", 16, 2, 4 },
    { "phoff past the end", 32, 8, 0x100000 },
    { "phoff near 2^64", 32, 8, UINT64_MAX - 8 },
    { "phoff one byte short", 32, 8, 64 + 112 + 0x140 - 112 + 1 },
    { "phentsize 0", 54, 2, 0 },
    { "phentsize 32", 54, 2, 32 },
    { "phentsize 57", 54, 2, 57 },
    { "phnum 0", 56, 2, 0 },
    { "phnum 0xffff", 56, 2, 0xffff },
    { "phnum 300 (past the end)", 56, 2, 300 },
    { "p_offset past the end", 64 + 8, 8, 0x10000 },
    { "p_offset 2^64-1", 64 + 8, 8, UINT64_MAX },
    { "p_filesz past the end", 64 + 32, 8, 0x10000 },
    { "p_filesz 2^64-1", 64 + 32, 8, UINT64_MAX },
    { "p_filesz > p_memsz", 64 + 40, 8, 0x10 },
    { "p_paddr + memsz wraps", 64 + 24, 8, UINT64_MAX - 0x10 },
    { "p_memsz 2^64-1", 64 + 40, 8, UINT64_MAX },
    { "segments overlap", 120 + 24, 8, RAM_BASE + 0x200 },
    { "second p_offset past the end", 120 + 8, 8, 0x1000 },
    { "second p_filesz past the end", 120 + 32, 8, 0x1000 },
    { "no PT_LOAD", 64, 4, 4 },
};

static void test_elf_mutated(void)
{
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(mutations); i++) {
        GByteArray *a = make_good();
        const Mutation *m = &mutations[i];

        switch (m->width) {
        case 1:
            a->data[m->off] = m->value;
            break;
        case 2:
            put16(a->data + m->off, m->value);
            break;
        case 4:
            put32(a->data + m->off, m->value);
            break;
        default:
            put64(a->data + m->off, m->value);
            break;
        }
        if (!strcmp(m->what, "no PT_LOAD")) {
            put32(a->data + 120, 4);
        }
        expect_bad(a->data, a->len, m->what);
        g_byte_array_unref(a);
    }
}

/*
 * Random damage: whatever the parser accepts must describe bytes inside
 * the file and non-wrapping, non-overlapping ranges.
 */
static void test_elf_random_damage(void)
{
    GRand *r = g_rand_new_with_seed(0x5eed);
    unsigned i, accepted = 0;

    for (i = 0; i < 3000; i++) {
        GByteArray *a = make_good();
        unsigned n = g_rand_int_range(r, 1, 8), k;
        ElfInfo info;

        for (k = 0; k < n; k++) {
            /* Mostly the headers: that is where the offsets live. */
            unsigned off = g_rand_int_range(r, 0, k & 1 ? a->len : 176);
            a->data[off] = g_rand_int(r);
        }
        if (elf_parse(a->data, a->len, &info, NULL)) {
            accepted++;
            for (k = 0; k < info.nb_segs; k++) {
                const ElfSegment *s = &info.segs[k];

                g_assert_cmpuint(s->offset + s->filesz, <=, a->len);
                g_assert_cmpuint(s->filesz, <=, s->memsz);
                g_assert_cmpuint(s->paddr + s->memsz - 1, >=, s->paddr);
                if (k > 0) {
                    g_assert_cmpuint(s->paddr, >, info.segs[k - 1].paddr +
                                     info.segs[k - 1].memsz - 1);
                }
            }
            elf_info_clear(&info);
        }
        g_byte_array_unref(a);
    }
    /* Some damage is harmless (flags, alignment, padding). */
    g_assert_cmpuint(accepted, >, 0);
    g_rand_free(r);
}

static void test_load_file_errors(void)
{
    GError *err = NULL;
    uint8_t *data;
    size_t size;

    g_assert_false(load_file("/nonexistent/kernel", &data, &size, &err));
    g_assert_cmpstr(err->message, ==, "Could not open '/nonexistent/kernel':"
                    " No such file or directory");
    g_assert_null(data);
    g_clear_error(&err);
    g_assert_false(load_file("/", &data, &size, &err));
    g_assert_nonnull(strstr(err->message, "not a regular file"));
    g_clear_error(&err);
}

static void test_load_file_contents(void)
{
    char *path = g_build_filename(g_get_tmp_dir(), "vemu-loader-XXXXXX",
                                  NULL);
    int fd = g_mkstemp(path);
    uint8_t *data;
    size_t size;

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(write(fd, "hello", 5), ==, 5);
    close(fd);
    g_assert_true(load_file(path, &data, &size, NULL));
    g_assert_cmpuint(size, ==, 5);
    g_assert_cmpmem(data, 5, "hello", 5);
    g_free(data);
    g_unlink(path);
    g_free(path);
}

/* ---- ROM blobs ------------------------------------------------------ */

static MemoryRegion ram;

static void setup_ram(void)
{
    static bool done;

    if (!done) {
        done = true;
        g_assert_true(memory_region_init_ram(&ram, "test.ram", RAM_SIZE,
                                             NULL));
        memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
    }
    rom_clear_all();
}

static void test_rom_blob(void)
{
    uint8_t buf[16];
    GError *err = NULL;

    setup_ram();
    memset(buf, 0xaa, sizeof(buf));
    address_space_write(&address_space_memory, RAM_BASE + 0x100, buf, 16);
    /* 4 bytes of data, then zeros up to 16. */
    g_assert_true(rom_add_blob("blob", &address_space_memory,
                               RAM_BASE + 0x100, "abcd", 4, 16, &err));
    g_assert_no_error(err);
    address_space_read(&address_space_memory, RAM_BASE + 0x100, buf, 16);
    g_assert_cmpmem(buf, 4, "abcd", 4);
    g_assert_cmpuint(buf[4], ==, 0);
    g_assert_cmpuint(buf[15], ==, 0);

    /* The guest scribbles over it; a reset brings it back. */
    memset(buf, 0x55, sizeof(buf));
    address_space_write(&address_space_memory, RAM_BASE + 0x100, buf, 16);
    rom_reset_all();
    address_space_read(&address_space_memory, RAM_BASE + 0x100, buf, 16);
    g_assert_cmpmem(buf, 4, "abcd", 4);
    g_assert_cmpuint(buf[8], ==, 0);
}

static void test_rom_overlap(void)
{
    GError *err = NULL;

    setup_ram();
    g_assert_true(rom_add_blob("first", &address_space_memory, RAM_BASE,
                               "x", 1, 0x1000, &err));
    g_assert_false(rom_add_blob("second", &address_space_memory,
                                RAM_BASE + 0xfff, "y", 1, 1, &err));
    g_assert_nonnull(strstr(err->message, "overlaps first"));
    g_clear_error(&err);
    /* Adjacent is fine. */
    g_assert_true(rom_add_blob("third", &address_space_memory,
                               RAM_BASE + 0x1000, "z", 1, 1, &err));
}

static void test_rom_outside_memory(void)
{
    GError *err = NULL;

    setup_ram();
    /* Straddles the end of RAM: the tail is not guest memory. */
    g_assert_false(rom_add_blob("tail", &address_space_memory,
                                RAM_BASE + RAM_SIZE - 2, "abcd", 4, 4,
                                &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    g_assert_false(rom_add_blob("wrap", &address_space_memory,
                                UINT64_MAX - 1, "abcd", 4, 4, &err));
    g_assert_nonnull(strstr(err->message, "wraps"));
    g_clear_error(&err);
}

static void test_rom_elf(void)
{
    GByteArray *a = make_good();
    GError *err = NULL;
    uint8_t buf[4];
    ElfInfo info;

    setup_ram();
    g_assert_true(elf_parse(a->data, a->len, &info, NULL));
    g_assert_true(rom_add_elf("kernel", &address_space_memory, a->data,
                              &info, &err));
    g_assert_no_error(err);
    address_space_read(&address_space_memory, RAM_BASE, buf, 4);
    g_assert_cmpuint(buf[0], ==, 0x10);
    /* bss of the first segment is zero-filled. */
    address_space_read(&address_space_memory, RAM_BASE + 0x200, buf, 4);
    g_assert_cmpuint(buf[0], ==, 0);
    address_space_read(&address_space_memory, RAM_BASE + 0x2000, buf, 4);
    g_assert_cmpuint(buf[3], ==, 0x11);
    elf_info_clear(&info);
    g_byte_array_unref(a);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/loader/elf/good", test_elf_good);
    g_test_add_func("/loader/elf/entry-outside-segments",
                    test_elf_entry_outside_segments);
    g_test_add_func("/loader/elf/wrong-arch", test_elf_wrong_arch);
    g_test_add_func("/loader/elf/host-binary", test_elf_host_binary);
    g_test_add_func("/loader/elf/real-riscv", test_elf_real_riscv);
    g_test_add_func("/loader/elf/truncated", test_elf_truncated);
    g_test_add_func("/loader/elf/mutated", test_elf_mutated);
    g_test_add_func("/loader/elf/random-damage", test_elf_random_damage);
    g_test_add_func("/loader/file/errors", test_load_file_errors);
    g_test_add_func("/loader/file/contents", test_load_file_contents);
    g_test_add_func("/loader/rom/blob-and-reset", test_rom_blob);
    g_test_add_func("/loader/rom/overlap", test_rom_overlap);
    g_test_add_func("/loader/rom/outside-memory", test_rom_outside_memory);
    g_test_add_func("/loader/rom/elf", test_rom_elf);
    return g_test_run();
}
