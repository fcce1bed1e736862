/* SPDX-License-Identifier: MIT */
/* hw/riscv/boot.c: Image header, reset ROM, placement, the boot sequence. */
#include <glib.h>
#include <glib/gstdio.h>
#include <libfdt.h>
#include <string.h>

#include "hw/riscv/virt.h"
#include "vemu/hw/riscv-boot.h"
#include "vemu/loader.h"
#include "vemu/memory.h"

#define MiB (1ULL << 20)
#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (128 * MiB)
#define MROM_BASE 0x1000ULL
#define MROM_SIZE 0xf000ULL

static char *tmpdir;

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, v);
    put32(p + 4, v >> 32);
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
    return get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* A file in the test's temporary directory; g_free the path. */
static char *tmp_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(tmpdir, name, NULL);

    g_assert_true(g_file_set_contents(path, data, len, NULL));
    return path;
}

/* A Linux riscv Image header, then code up to len bytes. */
static uint8_t *make_image(size_t len, uint64_t image_size, bool rsc,
                           bool riscv)
{
    uint8_t *img = g_malloc0(len);

    put32(img, 0x0040006f);             /* j +64 */
    put64(img + 8, 0x200000);           /* text_offset */
    put64(img + 16, image_size);
    put32(img + 32, 2);                 /* version 0.2 */
    if (riscv) {
        memcpy(img + 48, "RISCV\0\0\0", 8);
    }
    if (rsc) {
        memcpy(img + 56, "RSC\x05", 4);
    }
    return img;
}

/* ---- the Image header ------------------------------------------------ */

static void test_image_header(void)
{
    uint8_t *img = make_image(4096, 0x12345, true, true);
    RiscvImageHeader h;

    g_assert_true(riscv_image_header_parse(img, 4096, &h));
    g_assert_cmphex(h.text_offset, ==, 0x200000);
    g_assert_cmphex(h.image_size, ==, 0x12345);
    g_assert_cmpuint(h.version, ==, 2);
    g_assert_true(h.magic_riscv && h.magic_rsc);
    /* Either magic is enough. */
    memset(img + 48, 0, 8);
    g_assert_true(riscv_image_header_parse(img, 4096, &h));
    g_assert_false(h.magic_riscv);
    memcpy(img + 48, "RISCV\0\0\0", 8);
    memset(img + 56, 0, 4);
    g_assert_true(riscv_image_header_parse(img, 4096, &h));
    /* Neither, or too short: not an Image. */
    memset(img + 48, 0, 8);
    g_assert_false(riscv_image_header_parse(img, 4096, &h));
    memcpy(img + 56, "RSC\x05", 4);
    g_assert_false(riscv_image_header_parse(img, 63, &h));
    g_free(img);
}

static void test_image_header_real(void)
{
    const char *path = "/work/shared/guests/riscv64/Image";
    RiscvImageHeader h;
    uint8_t *data;
    size_t size;

    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_test_skip("no Linux Image in ../shared/guests");
        return;
    }
    g_assert_true(load_file(path, &data, &size, NULL));
    g_assert_true(riscv_image_header_parse(data, size, &h));
    g_assert_cmphex(h.text_offset, ==, 0x200000);
    g_assert_cmpuint(h.image_size, >=, size);
    g_assert_true(h.magic_rsc);
    g_free(data);
}

/* ---- the reset ROM ---------------------------------------------------- */

/* Field extractors of the RISC-V base encodings. */
static unsigned opc(uint32_t w) { return w & 0x7f; }
static unsigned rd(uint32_t w) { return (w >> 7) & 0x1f; }
static unsigned f3(uint32_t w) { return (w >> 12) & 7; }
static unsigned rs1(uint32_t w) { return (w >> 15) & 0x1f; }
static int32_t imm_i(uint32_t w) { return (int32_t)w >> 20; }

enum { T0 = 5, A0 = 10, A1 = 11, A2 = 12 };

static void test_reset_rom(void)
{
    uint8_t rom[RISCV_RESET_ROM_SIZE];
    /* The words QEMU 7.2 puts in its MROM (read from its monitor). */
    static const uint32_t qemu[6] = {
        0x00000297, 0x02828613, 0xf1402573, 0x0202b583, 0x0182b283,
        0x00028067,
    };
    uint32_t w[6];
    unsigned i;

    riscv_reset_rom_build(rom, 0x80000000, 0x87e00000, 0x80200000);
    for (i = 0; i < 6; i++) {
        w[i] = get32(rom + 4 * i);
        g_assert_cmphex(w[i], ==, qemu[i]);
    }
    /* auipc t0, 0 */
    g_assert_cmpuint(opc(w[0]), ==, 0x17);
    g_assert_cmpuint(rd(w[0]), ==, T0);
    g_assert_cmpuint(w[0] >> 12, ==, 0);
    /* addi a2, t0, 40: the fw_dynamic_info after the 10 words */
    g_assert_cmpuint(opc(w[1]), ==, 0x13);
    g_assert_cmpuint(f3(w[1]), ==, 0);
    g_assert_cmpuint(rd(w[1]), ==, A2);
    g_assert_cmpuint(rs1(w[1]), ==, T0);
    g_assert_cmpint(imm_i(w[1]), ==, RISCV_RESET_VEC_WORDS * 4);
    /* csrrs a0, mhartid, x0 */
    g_assert_cmpuint(opc(w[2]), ==, 0x73);
    g_assert_cmpuint(f3(w[2]), ==, 2);
    g_assert_cmpuint(rd(w[2]), ==, A0);
    g_assert_cmpuint(rs1(w[2]), ==, 0);
    g_assert_cmphex(w[2] >> 20, ==, 0xf14);
    /* ld a1, 32(t0): the DT address */
    g_assert_cmpuint(opc(w[3]), ==, 0x03);
    g_assert_cmpuint(f3(w[3]), ==, 3);
    g_assert_cmpuint(rd(w[3]), ==, A1);
    g_assert_cmpuint(rs1(w[3]), ==, T0);
    g_assert_cmpint(imm_i(w[3]), ==, 32);
    g_assert_cmphex(get64(rom + imm_i(w[3])), ==, 0x87e00000);
    /* ld t0, 24(t0): the start address */
    g_assert_cmpuint(opc(w[4]), ==, 0x03);
    g_assert_cmpuint(f3(w[4]), ==, 3);
    g_assert_cmpuint(rd(w[4]), ==, T0);
    g_assert_cmpint(imm_i(w[4]), ==, 24);
    g_assert_cmphex(get64(rom + imm_i(w[4])), ==, 0x80000000);
    /* jalr x0, 0(t0) */
    g_assert_cmpuint(opc(w[5]), ==, 0x67);
    g_assert_cmpuint(rd(w[5]), ==, 0);
    g_assert_cmpuint(rs1(w[5]), ==, T0);
    g_assert_cmpint(imm_i(w[5]), ==, 0);

    /* fw_dynamic_info: magic, version, next_addr, next_mode, options,
     * boot_hart. */
    g_assert_cmphex(get64(rom + 40), ==, 0x4942534f);
    g_assert_cmpuint(get64(rom + 48), ==, 2);
    g_assert_cmphex(get64(rom + 56), ==, 0x80200000);
    g_assert_cmpuint(get64(rom + 64), ==, 1);
    g_assert_cmpuint(get64(rom + 72), ==, 0);
    g_assert_cmpuint(get64(rom + 80), ==, 0);
}

/* ---- placement -------------------------------------------------------- */

static void test_fdt_addr(void)
{
    GError *err = NULL;
    hwaddr a;

    /* Values QEMU 7.2 computes (read from its reset ROM). */
    g_assert_true(riscv_compute_fdt_addr(RAM_BASE, 128 * MiB, 0x1000, &a,
                                         &err));
    g_assert_cmphex(a, ==, 0x87e00000);
    g_assert_true(riscv_compute_fdt_addr(RAM_BASE, 100 * MiB, 0x1000, &a,
                                         &err));
    g_assert_cmphex(a, ==, 0x86200000);
    /* Above 3 GiB it stays under 3 GiB. */
    g_assert_true(riscv_compute_fdt_addr(RAM_BASE, 4096 * MiB, 0x1000, &a,
                                         &err));
    g_assert_cmphex(a, ==, 0xbfe00000);
    /* DRAM that starts above 3 GiB: its own end. */
    g_assert_true(riscv_compute_fdt_addr(0x100000000ULL, 1024 * MiB, 0x1000,
                                         &a, &err));
    g_assert_cmphex(a, ==, 0x13fe00000ULL);
    /* Tiny RAM: never below its start. */
    g_assert_true(riscv_compute_fdt_addr(RAM_BASE, 1 * MiB, 0x1000, &a,
                                         &err));
    g_assert_cmphex(a, ==, RAM_BASE);
    g_assert_no_error(err);
    g_assert_false(riscv_compute_fdt_addr(RAM_BASE, 0x800, 0x1000, &a,
                                          &err));
    g_clear_error(&err);
}

static void test_kernel_initrd_addr(void)
{
    g_assert_cmphex(riscv_kernel_start_addr(RAM_BASE), ==, RAM_BASE);
    g_assert_cmphex(riscv_kernel_start_addr(0x8003a2b8), ==, 0x80200000);
    g_assert_cmphex(riscv_kernel_start_addr(0x80200001), ==, 0x80400000);
    /* Half of RAM, at most 128 MiB, past the kernel. */
    g_assert_cmphex(riscv_initrd_start_addr(0x80200000, 128 * MiB), ==,
                    0x84200000);
    g_assert_cmphex(riscv_initrd_start_addr(0x80200000, 512 * MiB), ==,
                    0x88200000);
    g_assert_cmphex(riscv_initrd_start_addr(RAM_BASE, 64 * MiB), ==,
                    0x82000000);
}

static void test_firmware_search(void)
{
    char *dir = g_build_filename(tmpdir, "fw", NULL);
    char *file, *found;
    GError *err = NULL;
    GPtrArray *path;

    g_mkdir_with_parents(dir, 0755);
    file = g_build_filename(dir, "fw_test.bin", NULL);
    g_assert_true(g_file_set_contents(file, "fw", 2, NULL));
    g_setenv("VEMU_FIRMWARE_DIR", dir, true);

    path = riscv_firmware_search_path();
    g_assert_cmpuint(path->len, >=, 3);
    g_assert_cmpstr(g_ptr_array_index(path, 1), ==, dir);
    g_ptr_array_unref(path);

    found = riscv_find_firmware("fw_test.bin", &err);
    g_assert_no_error(err);
    g_assert_cmpstr(found, ==, file);
    g_free(found);
    g_assert_null(riscv_find_firmware("no-such-firmware.bin", &err));
    g_assert_nonnull(strstr(err->message, "scripts/fetch-firmware"));
    g_assert_nonnull(strstr(err->message, "-bios none"));
    g_assert_nonnull(strstr(err->message, RISCV_OPENSBI_SYSTEM_DIR));
    g_clear_error(&err);

    g_unsetenv("VEMU_FIRMWARE_DIR");
    g_free(file);
    g_free(dir);
}

/* ---- the boot sequence into guest memory ------------------------------ */

static MemoryRegion ram, mrom;

static void setup_memory(void)
{
    static bool done;

    if (!done) {
        done = true;
        g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, NULL));
        memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
        g_assert_true(memory_region_init_rom(&mrom, "mrom", MROM_SIZE,
                                             NULL));
        memory_region_add_subregion(get_system_memory(), MROM_BASE, &mrom);
    }
    rom_clear_all();
}

static void *small_fdt(void)
{
    const char *isa[1] = { "rv64imafdc" };
    const char *mmu[1] = { "riscv,sv39" };
    VirtFdtConfig c = {
        .nb_harts = 1, .isa = isa, .mmu_type = mmu, .ram_size = RAM_SIZE,
    };

    return virt_fdt_build(&c, NULL);
}

static RiscvBootConfig boot_config(void)
{
    RiscvBootConfig c = {
        .as = &address_space_memory,
        .dram_base = RAM_BASE,
        .dram_size = RAM_SIZE,
        .mrom_base = MROM_BASE,
        .mrom_size = MROM_SIZE,
        .fdt = small_fdt(),
    };

    return c;
}

/* The reset ROM the guest will run, read back from guest memory. */
static void check_guest_rom(const RiscvBootInfo *bi)
{
    uint8_t want[RISCV_RESET_ROM_SIZE], got[RISCV_RESET_ROM_SIZE];

    riscv_reset_rom_build(want, bi->start_addr, bi->fdt_addr,
                          bi->kernel_entry);
    g_assert_cmpint(address_space_read(&address_space_memory, MROM_BASE, got,
                                       sizeof(got)), ==, MEMTX_OK);
    g_assert_cmpmem(got, sizeof(got), want, sizeof(want));
}

/* The DT as the guest sees it at bi->fdt_addr. */
static void *guest_fdt(const RiscvBootInfo *bi)
{
    void *fdt = g_malloc(bi->fdt_size);

    address_space_read(&address_space_memory, bi->fdt_addr, fdt,
                       bi->fdt_size);
    g_assert_cmpint(fdt_check_header(fdt), ==, 0);
    g_assert_cmpuint(fdt_totalsize(fdt), ==, bi->fdt_size);
    return fdt;
}

static uint32_t chosen_cell(const void *fdt, const char *name)
{
    int node = fdt_path_offset(fdt, "/chosen");
    int len;
    const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

    g_assert_nonnull(p);
    g_assert_cmpint(len, ==, 4);
    return fdt32_to_cpu(*p);
}

static void test_boot_bare_metal(void)
{
    static const uint8_t code[8] = { 0x13, 0, 0, 0, 0x6f, 0, 0, 0 };
    char *kernel = tmp_file("bare.bin", code, sizeof(code));
    RiscvBootConfig c = boot_config();
    RiscvBootInfo bi;
    GError *err = NULL;
    uint8_t buf[8];
    void *fdt;

    setup_memory();
    c.bios = "none";
    c.kernel = kernel;
    g_assert_true(riscv_boot_setup(&c, &bi, &err));
    g_assert_no_error(err);
    g_assert_null(bi.bios_path);
    /* No firmware: the kernel is at DRAM start and runs first. */
    g_assert_cmphex(bi.kernel_start, ==, RAM_BASE);
    g_assert_cmphex(bi.start_addr, ==, RAM_BASE);
    g_assert_cmphex(bi.fdt_addr, ==, 0x87e00000);
    address_space_read(&address_space_memory, RAM_BASE, buf, 8);
    g_assert_cmpmem(buf, 8, code, 8);
    check_guest_rom(&bi);
    fdt = guest_fdt(&bi);
    g_assert_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                              "bootargs", NULL));
    g_assert_cmpstr(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                                "stdout-path", NULL), ==,
                    "/soc/serial@10000000");
    g_free(fdt);
    riscv_boot_info_clear(&bi);
    g_free(kernel);
}

static void test_boot_firmware_image_initrd(void)
{
    uint8_t *fw_data = g_malloc0(0x3a000);
    uint8_t *img = make_image(0x10000, 0x20000, true, false);
    char *fw, *kernel, *initrd;
    RiscvBootConfig c = boot_config();
    RiscvBootInfo bi;
    GError *err = NULL;
    uint8_t buf[4];
    void *fdt;

    memcpy(fw_data, "OSBI", 4);
    fw = tmp_file("fw.bin", fw_data, 0x3a000);
    kernel = tmp_file("Image", img, 0x10000);
    initrd = tmp_file("initrd", "hi\n", 3);
    setup_memory();
    c.bios = fw;
    c.kernel = kernel;
    c.initrd = initrd;
    c.append = "console=ttyS0 foo";
    g_assert_true(riscv_boot_setup(&c, &bi, &err));
    g_assert_no_error(err);
    g_assert_cmpstr(bi.bios_path, ==, fw);
    g_assert_cmphex(bi.fw_end, ==, RAM_BASE + 0x3a000);
    g_assert_cmphex(bi.start_addr, ==, RAM_BASE);
    /* QEMU 7.2's addresses for the same command line. */
    g_assert_cmphex(bi.kernel_entry, ==, 0x80200000);
    g_assert_cmphex(bi.initrd_start, ==, 0x84200000);
    g_assert_cmphex(bi.initrd_end, ==, 0x84200003);
    check_guest_rom(&bi);

    address_space_read(&address_space_memory, RAM_BASE, buf, 4);
    g_assert_cmpmem(buf, 4, "OSBI", 4);
    address_space_read(&address_space_memory, 0x80200000, buf, 4);
    g_assert_cmpmem(buf, 4, img, 4);
    address_space_read(&address_space_memory, 0x84200000, buf, 3);
    g_assert_cmpmem(buf, 3, "hi\n", 3);

    fdt = guest_fdt(&bi);
    g_assert_cmpstr(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                                "bootargs", NULL), ==, "console=ttyS0 foo");
    g_assert_cmphex(chosen_cell(fdt, "linux,initrd-start"), ==, 0x84200000);
    g_assert_cmphex(chosen_cell(fdt, "linux,initrd-end"), ==, 0x84200003);
    g_assert_nonnull(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                                 "rng-seed", NULL));
    g_free(fdt);

    /* A reset restores what the guest overwrote. */
    address_space_write(&address_space_memory, 0x80200000, "XXXX", 4);
    rom_reset_all();
    address_space_read(&address_space_memory, 0x80200000, buf, 4);
    g_assert_cmpmem(buf, 4, img, 4);

    riscv_boot_info_clear(&bi);
    g_free(fw_data);
    g_free(img);
    g_free(fw);
    g_free(kernel);
    g_free(initrd);
}

/* Debian's OpenSBI, when installed: the real firmware ELF and binary. */
static void test_boot_real_opensbi(void)
{
    static const char *const names[] = { "fw_dynamic.elf", "fw_dynamic.bin" };
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        char *fw = g_build_filename(RISCV_OPENSBI_SYSTEM_DIR, names[i], NULL);
        RiscvBootConfig c = boot_config();
        RiscvBootInfo bi;
        GError *err = NULL;

        if (!g_file_test(fw, G_FILE_TEST_IS_REGULAR)) {
            g_free(c.fdt);
            g_free(fw);
            g_test_skip("Debian's opensbi is not installed");
            return;
        }
        setup_memory();
        c.bios = fw;
        g_assert_true(riscv_boot_setup(&c, &bi, &err));
        g_assert_no_error(err);
        g_assert_cmphex(bi.fw_end, >, RAM_BASE);
        g_assert_cmphex(bi.fw_end, <, RAM_BASE + 2 * MiB);
        g_assert_cmphex(bi.start_addr, ==, RAM_BASE);
        g_assert_cmphex(bi.kernel_entry, ==, 0);
        check_guest_rom(&bi);
        riscv_boot_info_clear(&bi);
        g_free(fw);
    }
}

/* One boot that must fail with exactly this message. */
static void expect_boot_error(RiscvBootConfig *c, const char *msg)
{
    RiscvBootInfo bi;
    GError *err = NULL;

    setup_memory();
    g_assert_false(riscv_boot_setup(c, &bi, &err));
    g_assert_nonnull(err);
    if (msg[0] == '~') {
        if (!strstr(err->message, msg + 1)) {
            g_error("'%s' does not contain '%s'", err->message, msg + 1);
        }
    } else {
        g_assert_cmpstr(err->message, ==, msg);
    }
    g_assert_null(bi.fdt);
    g_clear_error(&err);
}

static void test_boot_errors(void)
{
    uint8_t elf[64 + 56 + 16] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
    uint8_t *big = g_malloc0(5 * MiB);
    uint8_t *huge;
    char *x86, *bigfile, *notdtb, *img;
    char *msg;
    RiscvBootConfig c;

    /* A minimal x86-64 executable with one segment. */
    elf[16] = 2;
    elf[18] = 62;
    put32(elf + 20, 1);
    put64(elf + 32, 64);
    elf[54] = 56;
    elf[56] = 1;
    put32(elf + 64, 1);
    put64(elf + 64 + 8, 120);
    put64(elf + 64 + 24, RAM_BASE);
    put64(elf + 64 + 32, 16);
    put64(elf + 64 + 40, 16);
    x86 = tmp_file("x86.elf", elf, sizeof(elf));
    bigfile = tmp_file("big", big, 5 * MiB);
    notdtb = tmp_file("not.dtb", "hello, world\n", 13);

    c = boot_config();
    c.bios = "none";
    c.kernel = "/nonexistent/Image";
    expect_boot_error(&c, "-kernel /nonexistent/Image: Could not open "
                      "'/nonexistent/Image': No such file or directory");

    c = boot_config();
    c.bios = "none";
    c.kernel = x86;
    msg = g_strdup_printf("-kernel %s: ELF for x86_64, not riscv64", x86);
    expect_boot_error(&c, msg);
    g_free(msg);

    c = boot_config();
    c.bios = x86;
    msg = g_strdup_printf("-bios %s: ELF for x86_64, not riscv64", x86);
    expect_boot_error(&c, msg);
    g_free(msg);

    c = boot_config();
    c.bios = "/nonexistent/fw.bin";
    expect_boot_error(&c, "~-bios /nonexistent/fw.bin: Could not open");

    /* The initrd goes at 4 MiB into an 8 MiB RAM: 5 MiB do not fit. */
    c = boot_config();
    c.bios = "none";
    c.kernel = notdtb;
    c.initrd = bigfile;
    c.dram_size = 8 * MiB;
    expect_boot_error(&c, "~does not fit in RAM");

    /* A kernel larger than RAM. */
    c = boot_config();
    c.bios = "none";
    c.kernel = bigfile;
    c.dram_size = 4 * MiB;
    expect_boot_error(&c, "~do not fit in guest RAM");

    /* An Image whose image_size (bss included) exceeds RAM. */
    huge = make_image(4096, 512 * MiB, true, true);
    img = tmp_file("huge-Image", huge, 4096);
    g_free(huge);
    c = boot_config();
    c.bios = "none";
    c.kernel = img;
    expect_boot_error(&c, "~do not fit in guest RAM");

    c = boot_config();
    c.bios = "none";
    c.initrd = notdtb;
    expect_boot_error(&c, "-initrd only allowed with -kernel option");

    c = boot_config();
    c.bios = "none";
    c.kernel = notdtb;
    c.dtb = notdtb;
    expect_boot_error(&c, "~not a valid device tree blob");

    c = boot_config();
    c.bios = "none";
    c.kernel = notdtb;
    c.dtb = "/nonexistent.dtb";
    expect_boot_error(&c, "-dtb /nonexistent.dtb: Could not open "
                      "'/nonexistent.dtb': No such file or directory");

    g_free(big);
    g_free(x86);
    g_free(bigfile);
    g_free(notdtb);
    g_free(img);
}

/* -dtb: the user's tree is used, with /chosen patched in. */
static void test_boot_user_dtb(void)
{
    char buf[512];
    char *dtb, *kernel;
    RiscvBootConfig c = boot_config();
    RiscvBootInfo bi;
    GError *err = NULL;
    void *fdt;

    g_assert_cmpint(fdt_create_empty_tree(buf, sizeof(buf)), ==, 0);
    g_assert_cmpint(fdt_setprop_string(buf, 0, "model", "mine"), ==, 0);
    fdt_pack(buf);
    dtb = tmp_file("user.dtb", buf, fdt_totalsize(buf));
    kernel = tmp_file("k.bin", "\x13\0\0\0", 4);
    setup_memory();
    c.bios = "none";
    c.kernel = kernel;
    c.dtb = dtb;
    c.append = "root=/dev/vda";
    g_assert_true(riscv_boot_setup(&c, &bi, &err));
    g_assert_no_error(err);
    fdt = guest_fdt(&bi);
    g_assert_cmpstr(fdt_getprop(fdt, 0, "model", NULL), ==, "mine");
    /* Not the board's: no /soc. */
    g_assert_cmpint(fdt_path_offset(fdt, "/soc"), <, 0);
    g_assert_cmpstr(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                                "bootargs", NULL), ==, "root=/dev/vda");
    g_free(fdt);
    riscv_boot_info_clear(&bi);
    g_free(dtb);
    g_free(kernel);
}

static void test_update_chosen_high_initrd(void)
{
    void *fdt = small_fdt();
    const fdt64_t *p;
    int len;

    /* Above 4 GiB the addresses take two cells. */
    g_assert_true(riscv_fdt_update_chosen(&fdt, "", 0x100000000ULL,
                                          0x100001000ULL, NULL));
    p = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                    "linux,initrd-start", &len);
    g_assert_cmpint(len, ==, 8);
    g_assert_cmphex(fdt64_to_cpu(*p), ==, 0x100000000ULL);
    /* An empty -append sets no bootargs. */
    g_assert_null(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                              "bootargs", NULL));
    g_free(fdt);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("vemu-boot-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    g_test_add_func("/riscv-boot/image-header", test_image_header);
    g_test_add_func("/riscv-boot/image-header-real", test_image_header_real);
    g_test_add_func("/riscv-boot/reset-rom", test_reset_rom);
    g_test_add_func("/riscv-boot/fdt-addr", test_fdt_addr);
    g_test_add_func("/riscv-boot/kernel-initrd-addr",
                    test_kernel_initrd_addr);
    g_test_add_func("/riscv-boot/firmware-search", test_firmware_search);
    g_test_add_func("/riscv-boot/boot/bare-metal", test_boot_bare_metal);
    g_test_add_func("/riscv-boot/boot/firmware-image-initrd",
                    test_boot_firmware_image_initrd);
    g_test_add_func("/riscv-boot/boot/real-opensbi", test_boot_real_opensbi);
    g_test_add_func("/riscv-boot/boot/errors", test_boot_errors);
    g_test_add_func("/riscv-boot/boot/user-dtb", test_boot_user_dtb);
    g_test_add_func("/riscv-boot/chosen-high-initrd",
                    test_update_chosen_high_initrd);
    ret = g_test_run();
    /* Remove what the tests wrote. */
    {
        GDir *d = g_dir_open(tmpdir, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name(d))) {
            char *p = g_build_filename(tmpdir, name, NULL);
            char *fwp = g_build_filename(p, "fw_test.bin", NULL);

            g_unlink(fwp);
            g_rmdir(p);
            g_unlink(p);
            g_free(fwp);
            g_free(p);
        }
        if (d) {
            g_dir_close(d);
        }
        g_rmdir(tmpdir);
    }
    g_free(tmpdir);
    return ret;
}
