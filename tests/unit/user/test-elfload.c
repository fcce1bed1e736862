/* SPDX-License-Identifier: MIT */
/* ELF loader: malformed files are rejected with a reason; good ones load. */
#include <elf.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "linux-user/user-int.h"

static const TargetInfo fake_riscv64 = {
    .name = "riscv64",
    .elf_machine = EM_RISCV,
    .elf_class = ELFCLASS64,
};

static char *tmpdir;

/* An image: header, up to 4 program headers, then raw bytes. */
typedef struct TestElf {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[4];
    uint8_t body[0x2000];
    size_t len;            /* bytes of the file to write */
} TestElf;

/* A two-segment static executable: code at 0x10000, data+bss above. */
static void elf_init_valid(TestElf *e)
{
    memset(e, 0, sizeof(*e));
    memcpy(e->eh.e_ident, ELFMAG, SELFMAG);
    e->eh.e_ident[EI_CLASS] = ELFCLASS64;
    e->eh.e_ident[EI_DATA] = ELFDATA2LSB;
    e->eh.e_ident[EI_VERSION] = EV_CURRENT;
    e->eh.e_type = ET_EXEC;
    e->eh.e_machine = EM_RISCV;
    e->eh.e_version = EV_CURRENT;
    e->eh.e_entry = 0x10000;
    e->eh.e_phoff = sizeof(Elf64_Ehdr);
    e->eh.e_ehsize = sizeof(Elf64_Ehdr);
    e->eh.e_phentsize = sizeof(Elf64_Phdr);
    e->eh.e_phnum = 2;
    e->ph[0] = (Elf64_Phdr) {
        .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
        .p_vaddr = 0x10000, .p_filesz = 0x400, .p_memsz = 0x400,
        .p_align = 0x1000,
    };
    e->ph[1] = (Elf64_Phdr) {
        .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = 0x1000,
        .p_vaddr = 0x12000, .p_filesz = 0x10, .p_memsz = 0x3000,
        .p_align = 0x1000,
    };
    /* Bytes past p_filesz in the file must not leak into the bss. */
    memset(e->body + 0x1000 - 0x200, 0xee, 0x100);
    memset(e->body + 0x1000 - 0x200, 0xcc, 0x10);
    e->len = 0x1100;
}

static char *elf_write(const TestElf *e, const char *name)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    uint8_t *buf = g_malloc0(sizeof(*e));

    memcpy(buf, &e->eh, sizeof(e->eh));
    memcpy(buf + sizeof(e->eh), e->ph, sizeof(e->ph));
    memcpy(buf + 0x200, e->body, sizeof(e->body) - 0x200);
    g_assert_true(g_file_set_contents(path, (char *)buf, e->len, NULL));
    g_free(buf);
    return path;
}

static char *argv_one[] = { "prog", "arg1", NULL };
static char *envp_one[] = { "A=1", NULL };

/* Load and expect failure whose message contains `reason`. */
static void expect_reject(const TestElf *e, const char *reason)
{
    char *path = elf_write(e, "bad");
    ImageInfo info;
    char *err = NULL;

    g_assert_cmpint(loader_exec(path, argv_one, envp_one, &fake_riscv64,
                                &info, &err), ==, -1);
    g_assert_nonnull(err);
    if (!strstr(err, reason)) {
        g_test_message("got '%s', wanted '%s'", err, reason);
    }
    g_assert_nonnull(strstr(err, reason));
    g_free(err);
    g_free(path);
}

static void test_reject_not_elf(void)
{
    TestElf e;

    elf_init_valid(&e);
    memcpy(e.eh.e_ident, "#!/b", 4);
    expect_reject(&e, "not an ELF file");
}

static void test_reject_truncated_header(void)
{
    TestElf e;

    elf_init_valid(&e);
    e.len = 40;
    expect_reject(&e, "truncated");
}

static void test_reject_bad_phoff(void)
{
    TestElf e;

    elf_init_valid(&e);
    e.eh.e_phoff = 0x100000;
    expect_reject(&e, "program headers beyond");
    e.eh.e_phoff = (uint64_t)-8;
    expect_reject(&e, "program headers beyond");
}

static void test_reject_wrong_machine(void)
{
    TestElf e;

    elf_init_valid(&e);
    e.eh.e_machine = EM_X86_64;
    expect_reject(&e, "ELF for x86_64, not riscv64");
}

static void test_reject_huge_phnum(void)
{
    TestElf e;

    elf_init_valid(&e);
    e.eh.e_phnum = 0xfff0;
    expect_reject(&e, "number of program headers");
    e.eh.e_phnum = 0;
    expect_reject(&e, "number of program headers");
}

static void test_reject_segment_beyond_file(void)
{
    TestElf e;

    elf_init_valid(&e);
    e.ph[1].p_filesz = 0x100000;
    e.ph[1].p_memsz = 0x100000;
    expect_reject(&e, "segment beyond the end");
    elf_init_valid(&e);
    e.ph[1].p_offset = (uint64_t)-16;
    expect_reject(&e, "segment beyond the end");
}

static void test_reject_segment_outside_space(void)
{
    TestElf e;

    elf_init_valid(&e);
    e.ph[1].p_vaddr = (uint64_t)-0x1000;
    expect_reject(&e, "outside the guest address space");
    elf_init_valid(&e);
    e.ph[1].p_vaddr = 0x12001;     /* not congruent with the offset */
    expect_reject(&e, "page-congruent");
}

static void test_reject_missing_file_and_interp(void)
{
    ImageInfo info;
    char *err = NULL;
    TestElf e;

    g_assert_cmpint(loader_exec("/nonexistent/prog", argv_one, envp_one,
                                &fake_riscv64, &info, &err), ==, -1);
    g_assert_nonnull(strstr(err, "No such file"));
    g_free(err);

    elf_init_valid(&e);
    e.eh.e_phnum = 3;
    e.ph[2] = (Elf64_Phdr) {
        .p_type = PT_INTERP, .p_offset = 0x300, .p_filesz = 16,
    };
    memcpy(e.body + 0x100, "/nonexistent/ld", 16);
    expect_reject(&e, "could not open ELF interpreter /nonexistent/ld");
    e.ph[2].p_filesz = 4;       /* not NUL-terminated */
    expect_reject(&e, "bad PT_INTERP");
}

static uint64_t aux_get(const uint64_t *auxv, uint64_t key)
{
    for (; auxv[0] != AT_NULL; auxv += 2) {
        if (auxv[0] == key) {
            return auxv[1];
        }
    }
    return (uint64_t)-1;
}

static void test_load_static_exec(void)
{
    TestElf e;
    char *path;
    ImageInfo info;
    char *err = NULL;
    const uint64_t *sp;

    elf_init_valid(&e);
    path = elf_write(&e, "good");
    g_assert_cmpint(loader_exec(path, argv_one, envp_one, &fake_riscv64,
                                &info, &err), ==, 0);
    g_assert_null(err);
    g_assert_cmphex(info.entry, ==, 0x10000);
    g_assert_cmphex(info.prog_entry, ==, 0x10000);
    g_assert_cmphex(info.phdr, ==, 0x10000 + sizeof(Elf64_Ehdr));
    g_assert_cmpint(page_get_flags(0x10000) &
                    (PAGE_READ | PAGE_WRITE | PAGE_EXEC), ==,
                    PAGE_READ | PAGE_EXEC);
    g_assert_cmpint(page_get_flags(0x12000) &
                    (PAGE_READ | PAGE_WRITE | PAGE_EXEC), ==,
                    PAGE_READ | PAGE_WRITE);
    /* The hole between the segments is not mapped. */
    g_assert_cmpint(page_get_flags(0x11000), ==, 0);
    g_assert_cmpint(*(uint8_t *)g2h(0x1200f), ==, 0xcc);
    g_assert_cmpint(*(uint8_t *)g2h(0x12010), ==, 0);
    g_assert_cmpint(*(uint8_t *)g2h(0x14fff), ==, 0);
    g_assert_cmphex(info.start_brk, ==, 0x15000);

    sp = g2h(info.start_stack);
    g_assert_cmpint(info.start_stack % 16, ==, 0);
    g_assert_cmpint(sp[0], ==, 2);
    g_assert_cmpstr(g2h(sp[1]), ==, "prog");
    g_assert_cmpstr(g2h(sp[2]), ==, "arg1");
    g_assert_cmpint(sp[3], ==, 0);
    g_assert_cmpstr(g2h(sp[4]), ==, "A=1");
    g_assert_cmpint(sp[5], ==, 0);
    g_assert_cmpint(aux_get(sp + 6, AT_PAGESZ), ==, 4096);
    g_assert_cmphex(aux_get(sp + 6, AT_ENTRY), ==, 0x10000);
    g_assert_cmpint(aux_get(sp + 6, AT_PHNUM), ==, 2);
    g_assert_cmpint(aux_get(sp + 6, AT_PHENT), ==, sizeof(Elf64_Phdr));
    g_assert_cmpint(aux_get(sp + 6, AT_BASE), ==, 0);
    g_assert_true(page_check_range(aux_get(sp + 6, AT_RANDOM), 16,
                                   PAGE_READ));
    g_assert_cmpstr(g2h(aux_get(sp + 6, AT_EXECFN)), ==, path);
    g_free(info.exe_path);
    g_free(path);
}

static void test_load_pie(void)
{
    TestElf e;
    char *path;
    ImageInfo info;
    char *err = NULL;

    elf_init_valid(&e);
    e.eh.e_type = ET_DYN;
    e.eh.e_entry = 0x100;
    e.ph[0].p_vaddr = 0;
    e.ph[1].p_vaddr = 0x2000;
    /* bss ends mid-page: the rest of that page must still read as 0. */
    e.ph[1].p_memsz = 0x20;
    path = elf_write(&e, "pie");
    g_assert_cmpint(loader_exec(path, argv_one, envp_one, &fake_riscv64,
                                &info, &err), ==, 0);
    g_assert_cmphex(info.load_bias, !=, 0);
    g_assert_cmphex(info.load_bias % 4096, ==, 0);
    g_assert_cmphex(info.entry, ==, info.load_bias + 0x100);
    g_assert_cmpint(page_get_flags(info.load_bias) & PAGE_EXEC, ==,
                    PAGE_EXEC);
    g_assert_cmpint(page_get_flags(info.load_bias + 0x2000) & PAGE_WRITE,
                    ==, PAGE_WRITE);
    g_assert_cmpint(*(uint8_t *)g2h(info.load_bias + 0x200f), ==, 0xcc);
    g_assert_cmpint(*(uint8_t *)g2h(info.load_bias + 0x2010), ==, 0);
    g_assert_cmpint(*(uint8_t *)g2h(info.load_bias + 0x2080), ==, 0);
    g_free(info.exe_path);
    g_free(path);
}

int main(int argc, char **argv)
{
    char *err = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    if (!guest_space_init(32, &err)) {
        g_printerr("guest_space_init: %s\n", err);
        return 1;
    }
    tmpdir = g_dir_make_tmp("vemu-elf-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/user/elf/reject-not-elf", test_reject_not_elf);
    g_test_add_func("/user/elf/reject-truncated-header",
                    test_reject_truncated_header);
    g_test_add_func("/user/elf/reject-bad-phoff", test_reject_bad_phoff);
    g_test_add_func("/user/elf/reject-wrong-machine",
                    test_reject_wrong_machine);
    g_test_add_func("/user/elf/reject-huge-phnum", test_reject_huge_phnum);
    g_test_add_func("/user/elf/reject-segment-beyond-file",
                    test_reject_segment_beyond_file);
    g_test_add_func("/user/elf/reject-segment-outside-space",
                    test_reject_segment_outside_space);
    g_test_add_func("/user/elf/reject-missing-file-and-interp",
                    test_reject_missing_file_and_interp);
    g_test_add_func("/user/elf/load-static-exec", test_load_static_exec);
    g_test_add_func("/user/elf/load-pie", test_load_pie);
    ret = g_test_run();
    for (const char *n = "bad"; n; n = !strcmp(n, "bad") ? "good"
                                  : !strcmp(n, "good") ? "pie" : NULL) {
        char *p = g_build_filename(tmpdir, n, NULL);
        g_unlink(p);
        g_free(p);
    }
    g_rmdir(tmpdir);
    return ret;
}
