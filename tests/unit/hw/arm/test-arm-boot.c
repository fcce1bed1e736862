/* SPDX-License-Identifier: MIT */
/* hw/arm/boot.c: arm64 Image header, gzip, placement, the boot sequence. */
#include <glib.h>
#include <glib/gstdio.h>
#include <libfdt.h>
#include <string.h>
#include <zlib.h>

#include "hw/arm/boot.h"
#include "hw/arm/virt.h"
#include "vemu/loader.h"
#include "vemu/memory.h"

#define MiB (UINT64_C(1) << 20)
#define RAM_BASE UINT64_C(0x40000000)
#define RAM_SIZE (256 * MiB)
#define FLASH_SIZE (64 * MiB)

static char *tmpdir;
static GPtrArray *tmp_files;

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        p[i] = v >> (8 * i);
    }
}

/* A file in the test's temporary directory; g_free the path. */
static char *tmp_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(tmpdir, name, NULL);

    g_assert_true(g_file_set_contents(path, data, len, NULL));
    g_ptr_array_add(tmp_files, g_strdup(path));
    return path;
}

/* An arm64 Image of len bytes: header, then a recognisable pattern. */
static uint8_t *make_image(size_t len, uint64_t text_offset,
                           uint64_t image_size, uint64_t flags)
{
    uint8_t *img = g_malloc0(len);

    memcpy(img, "\x10\x00\x00\x14", 4);             /* b +64 */
    put64(img + 8, text_offset);
    put64(img + 16, image_size);
    put64(img + 24, flags);
    memcpy(img + 56, "ARM\x64", 4);
    for (size_t i = 64; i < len; i++) {
        img[i] = i * 7;
    }
    return img;
}

static uint8_t *gzip_data(const uint8_t *data, size_t len, size_t *out_len)
{
    z_stream zs = { 0 };
    size_t cap = compressBound(len) + 64;
    uint8_t *out = g_malloc(cap);

    g_assert_cmpint(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8,
                                 Z_DEFAULT_STRATEGY), ==, Z_OK);
    zs.next_in = (Bytef *)data;
    zs.avail_in = len;
    zs.next_out = out;
    zs.avail_out = cap;
    g_assert_cmpint(deflate(&zs, Z_FINISH), ==, Z_STREAM_END);
    *out_len = zs.total_out;
    deflateEnd(&zs);
    return out;
}

static void test_image_header(void)
{
    uint8_t *img = make_image(4096, 0x80000, 0x123000, 0xa);
    Arm64ImageHeader h;

    g_assert_true(arm64_image_header_parse(img, 4096, &h));
    g_assert_cmphex(h.text_offset, ==, 0x80000);
    g_assert_cmphex(h.image_size, ==, 0x123000);
    g_assert_cmphex(h.flags, ==, 0xa);
    g_assert_false(arm64_image_header_parse(img, 63, &h));
    img[59] = 'x';
    g_assert_false(arm64_image_header_parse(img, 4096, &h));
    g_free(img);
}

static void test_placement(void)
{
    Arm64ImageHeader h = { .text_offset = 0, .image_size = 0x1000000 };

    /* Linux 5.8+: text_offset 0, at the start of (2 MiB aligned) RAM. */
    g_assert_cmphex(arm64_image_load_addr(RAM_BASE, &h), ==, RAM_BASE);
    h.text_offset = 0x80000;
    g_assert_cmphex(arm64_image_load_addr(RAM_BASE, &h), ==,
                    RAM_BASE + 0x80000);
    g_assert_cmphex(arm64_image_load_addr(RAM_BASE + 0x1000, &h), ==,
                    RAM_BASE + 2 * MiB + 0x80000);
    /* image_size 0: a pre-3.17 kernel, whose offset is 0x80000. */
    h.text_offset = 0x12345;
    h.image_size = 0;
    g_assert_cmphex(arm64_image_load_addr(RAM_BASE, &h), ==,
                    RAM_BASE + 0x80000);

    /* The initrd: 128 MiB in, half of small RAM, past a big kernel. */
    g_assert_cmphex(arm_boot_initrd_addr(RAM_BASE, 1024 * MiB,
                                         RAM_BASE + 30 * MiB), ==,
                    RAM_BASE + 128 * MiB);
    g_assert_cmphex(arm_boot_initrd_addr(RAM_BASE, 64 * MiB,
                                         RAM_BASE + 1 * MiB), ==,
                    RAM_BASE + 32 * MiB);
    g_assert_cmphex(arm_boot_initrd_addr(RAM_BASE, 64 * MiB,
                                         RAM_BASE + 40 * MiB + 1), ==,
                    RAM_BASE + 40 * MiB + 4096);
}

static void test_gunzip(void)
{
    uint8_t *img = make_image(300000, 0, 300000, 2);
    size_t gz_len, out_len;
    uint8_t *gz = gzip_data(img, 300000, &gz_len);
    GError *err = NULL;
    uint8_t *out;

    out = arm_boot_gunzip(gz, gz_len, 1 * MiB, &out_len, &err);
    g_assert_no_error(err);
    g_assert_cmpmem(out, out_len, img, 300000);
    g_free(out);
    /* Growing the buffer several times from a small start. */
    out = arm_boot_gunzip(gz, gz_len, 300000, &out_len, &err);
    g_assert_no_error(err);
    g_assert_cmpuint(out_len, ==, 300000);
    g_free(out);
    /* Too big for the limit. */
    g_assert_null(arm_boot_gunzip(gz, gz_len, 299999, &out_len, &err));
    g_assert_nonnull(strstr(err->message, "expands beyond"));
    g_clear_error(&err);
    /* Truncated and corrupt streams. */
    g_assert_null(arm_boot_gunzip(gz, gz_len / 2, 1 * MiB, &out_len, &err));
    g_assert_nonnull(strstr(err->message, "corrupt gzip"));
    g_clear_error(&err);
    gz[gz_len / 2] ^= 0xff;
    gz[gz_len / 2 + 1] ^= 0x55;
    g_assert_null(arm_boot_gunzip(gz, gz_len, 1 * MiB, &out_len, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    g_free(gz);
    g_free(img);
}

/* ---- the boot sequence into guest memory ------------------------------ */

static MemoryRegion ram, flash;

static void setup_memory(void)
{
    static bool done;

    if (!done) {
        done = true;
        g_assert_true(memory_region_init_ram(&ram, "ram", RAM_SIZE, NULL));
        memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
        g_assert_true(memory_region_init_rom(&flash, "flash", FLASH_SIZE,
                                             NULL));
        memory_region_add_subregion(get_system_memory(), 0, &flash);
    }
    rom_clear_all();
}

static ArmBootConfig boot_config(void)
{
    ArmVirtFdtConfig f = {
        .nb_cpus = 1, .cpu_compatible = "arm,cortex-a57",
        .ram_size = RAM_SIZE, .gic_version = 3, .psci_method = "hvc",
    };
    ArmBootConfig c = {
        .as = &address_space_memory,
        .ram_base = RAM_BASE,
        .ram_size = RAM_SIZE,
        .flash_base = 0,
        .flash_size = FLASH_SIZE,
        .fdt = arm_virt_fdt_build(&f, NULL),
    };

    g_assert_nonnull(c.fdt);
    return c;
}

/* The DT as the guest sees it at bi->fdt_addr. */
static void *guest_fdt(const ArmBootInfo *bi)
{
    void *fdt = g_malloc(bi->fdt_size);

    address_space_read(&address_space_memory, bi->fdt_addr, fdt,
                       bi->fdt_size);
    g_assert_cmpint(fdt_check_header(fdt), ==, 0);
    g_assert_cmpuint(fdt_totalsize(fdt), ==, bi->fdt_size);
    return fdt;
}

/* A /chosen address: one cell when it fits, as QEMU writes it. */
static uint64_t chosen_u64(const void *fdt, const char *name)
{
    int len;
    const uint8_t *p = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                                   name, &len);

    g_assert_nonnull(p);
    g_assert_true(len == 4 || len == 8);
    return len == 4 ? fdt32_ld((const fdt32_t *)p)
                    : fdt64_ld((const fdt64_t *)p);
}

static void test_boot_image_initrd(void)
{
    uint8_t *img = make_image(0x10000, 0, 3 * MiB, 2);
    char *kernel = tmp_file("Image", img, 0x10000);
    char *initrd = tmp_file("initrd", "hi\n", 3);
    ArmBootConfig c = boot_config();
    ArmBootInfo bi;
    GError *err = NULL;
    uint8_t buf[4];
    void *fdt;

    setup_memory();
    c.kernel = kernel;
    c.initrd = initrd;
    c.append = "console=ttyAMA0 foo";
    g_assert_true(arm_boot_setup(&c, &bi, &err));
    g_assert_no_error(err);
    g_assert_false(bi.firmware);
    /* QEMU's addresses for the same command line. */
    g_assert_cmphex(bi.entry, ==, RAM_BASE);
    g_assert_cmphex(bi.kernel_end, ==, RAM_BASE + 3 * MiB);
    g_assert_cmphex(bi.initrd_start, ==, RAM_BASE + 128 * MiB);
    g_assert_cmphex(bi.initrd_end, ==, RAM_BASE + 128 * MiB + 3);
    g_assert_cmphex(bi.fdt_addr, ==, RAM_BASE + 130 * MiB);

    address_space_read(&address_space_memory, RAM_BASE, buf, 4);
    g_assert_cmpmem(buf, 4, img, 4);
    address_space_read(&address_space_memory, bi.initrd_start, buf, 3);
    g_assert_cmpmem(buf, 3, "hi\n", 3);
    fdt = guest_fdt(&bi);
    g_assert_cmpstr(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                                "bootargs", NULL), ==,
                    "console=ttyAMA0 foo");
    g_assert_cmphex(chosen_u64(fdt, "linux,initrd-start"), ==,
                    bi.initrd_start);
    g_assert_cmphex(chosen_u64(fdt, "linux,initrd-end"), ==, bi.initrd_end);
    g_assert_nonnull(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                                 "kaslr-seed", NULL));
    g_free(fdt);

    /* A reset restores what the guest overwrote. */
    address_space_write(&address_space_memory, RAM_BASE, "XXXX", 4);
    rom_reset_all();
    address_space_read(&address_space_memory, RAM_BASE, buf, 4);
    g_assert_cmpmem(buf, 4, img, 4);

    arm_boot_info_clear(&bi);
    g_free(img);
    g_free(kernel);
    g_free(initrd);
}

static void test_boot_gzip_no_initrd(void)
{
    uint8_t *img = make_image(200000, 0x80000, 0x100000, 2);
    size_t gz_len;
    uint8_t *gz = gzip_data(img, 200000, &gz_len);
    char *kernel = tmp_file("vmlinuz", gz, gz_len);
    ArmBootConfig c = boot_config();
    ArmBootInfo bi;
    GError *err = NULL;
    uint8_t buf[16];

    setup_memory();
    c.kernel = kernel;
    g_assert_true(arm_boot_setup(&c, &bi, &err));
    g_assert_no_error(err);
    g_assert_cmphex(bi.entry, ==, RAM_BASE + 0x80000);
    g_assert_cmphex(bi.initrd_end, ==, 0);
    /* The DT after the kernel's bss, on the next 2 MiB boundary. */
    g_assert_cmphex(bi.fdt_addr, ==, RAM_BASE + 2 * MiB);
    address_space_read(&address_space_memory, RAM_BASE + 0x80000 + 1000,
                       buf, 16);
    g_assert_cmpmem(buf, 16, img + 1000, 16);
    arm_boot_info_clear(&bi);
    g_free(img);
    g_free(gz);
    g_free(kernel);
}

static void expect_error(ArmBootConfig *c, const char *want);

/* A minimal AArch64 ELF: one PT_LOAD of len bytes at paddr. */
static uint8_t *make_elf(uint64_t paddr, uint64_t entry, size_t len,
                         uint16_t machine, size_t *size)
{
    size_t total = 64 + 56 + len;
    uint8_t *e = g_malloc0(total);
    uint8_t *ph = e + 64;

    memcpy(e, "\x7f" "ELF", 4);
    e[4] = 2;                           /* ELFCLASS64 */
    e[5] = 1;                           /* little-endian */
    e[6] = 1;                           /* EV_CURRENT */
    e[16] = 2;                          /* ET_EXEC */
    e[18] = machine & 0xff;
    e[19] = machine >> 8;
    e[20] = 1;                          /* e_version */
    put64(e + 24, entry);
    put64(e + 32, 64);                  /* e_phoff */
    e[52] = 64;                         /* e_ehsize */
    e[54] = 56;                         /* e_phentsize */
    e[56] = 1;                          /* e_phnum */
    ph[0] = 1;                          /* PT_LOAD */
    ph[4] = 5;                          /* R+X */
    put64(ph + 8, 120);                 /* p_offset */
    put64(ph + 16, paddr);              /* p_vaddr */
    put64(ph + 24, paddr);              /* p_paddr */
    put64(ph + 32, len);                /* p_filesz */
    put64(ph + 40, len);                /* p_memsz */
    for (size_t i = 0; i < len; i++) {
        e[120 + i] = 0x40 + i;
    }
    *size = total;
    return e;
}

static void test_boot_elf(void)
{
    size_t size;
    uint8_t *elf = make_elf(RAM_BASE + 4 * MiB, RAM_BASE + 4 * MiB + 8,
                            256, ELF_EM_AARCH64, &size);
    uint8_t *x86 = make_elf(RAM_BASE, RAM_BASE, 256, ELF_EM_X86_64, &size);
    uint8_t *out = make_elf(0x1000, 0x1000, 256, ELF_EM_AARCH64, &size);
    char *k = tmp_file("k.elf", elf, size);
    char *kx = tmp_file("x86.elf", x86, size);
    char *ko = tmp_file("out.elf", out, size);
    ArmBootConfig c = boot_config();
    ArmBootInfo bi;
    GError *err = NULL;
    uint8_t buf[4];

    setup_memory();
    c.kernel = k;
    g_assert_true(arm_boot_setup(&c, &bi, &err));
    g_assert_no_error(err);
    g_assert_true(bi.elf);
    g_assert_cmphex(bi.entry, ==, RAM_BASE + 4 * MiB + 8);
    g_assert_cmphex(bi.kernel_start, ==, RAM_BASE + 4 * MiB);
    /* Room below the program: the DT at the start of RAM, as QEMU. */
    g_assert_cmphex(bi.fdt_addr, ==, RAM_BASE);
    address_space_read(&address_space_memory, RAM_BASE + 4 * MiB, buf, 4);
    g_assert_cmpmem(buf, 4, "\x40\x41\x42\x43", 4);
    g_free(guest_fdt(&bi));
    arm_boot_info_clear(&bi);

    c = boot_config();
    c.kernel = kx;
    expect_error(&c, "x86_64");
    c = boot_config();
    c.kernel = ko;
    expect_error(&c, "-kernel");

    g_free(elf);
    g_free(x86);
    g_free(out);
    g_free(k);
    g_free(kx);
    g_free(ko);
}

static void test_boot_firmware(void)
{
    char *fw = tmp_file("u-boot.bin", "\x01\x02\x03\x04", 4);
    ArmBootConfig c = boot_config();
    ArmBootInfo bi;
    GError *err = NULL;
    uint8_t buf[4];

    setup_memory();
    c.bios = fw;
    g_assert_true(arm_boot_setup(&c, &bi, &err));
    g_assert_no_error(err);
    g_assert_true(bi.firmware);
    g_assert_cmphex(bi.entry, ==, 0);
    /* Firmware finds the DT at the start of RAM, as QEMU puts it. */
    g_assert_cmphex(bi.fdt_addr, ==, RAM_BASE);
    address_space_read(&address_space_memory, 0, buf, 4);
    g_assert_cmpmem(buf, 4, "\x01\x02\x03\x04", 4);
    g_free(guest_fdt(&bi));
    arm_boot_info_clear(&bi);
    g_free(fw);
}

/* One failing configuration: false and an error containing want. */
static void expect_error(ArmBootConfig *c, const char *want)
{
    ArmBootInfo bi;
    GError *err = NULL;

    setup_memory();
    g_assert_false(arm_boot_setup(c, &bi, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, want)) {
        g_error("error \"%s\" does not contain \"%s\"", err->message, want);
    }
    g_assert_null(bi.fdt);
    g_error_free(err);
}

static void test_boot_errors(void)
{
    uint8_t *img = make_image(4096, 0, 4096, 2);
    uint8_t *huge = make_image(4096, 0, RAM_SIZE + 1, 2);
    uint8_t *be = make_image(4096, 0, 4096, 3);
    uint8_t rv[4096] = { 0 };
    char *k = tmp_file("ok", img, 4096);
    char *h = tmp_file("huge", huge, 4096);
    char *b = tmp_file("be", be, 4096);
    char *r, *empty = tmp_file("empty", "", 0);
    char *fwbig;
    uint8_t *big = g_malloc0(FLASH_SIZE + 1);
    ArmBootConfig c;

    memcpy(rv + 56, "RSC\x05", 4);
    r = tmp_file("rv", rv, sizeof(rv));
    fwbig = tmp_file("fwbig", big, FLASH_SIZE + 1);

    c = boot_config();
    c.kernel = "/nonexistent/Image";
    expect_error(&c, "-kernel /nonexistent/Image: Could not open");
    c = boot_config();
    c.kernel = r;
    expect_error(&c, "a riscv64 Linux Image, not an arm64 kernel");
    c = boot_config();
    c.kernel = empty;
    expect_error(&c, "file is empty");
    c = boot_config();
    c.kernel = h;
    expect_error(&c, "does not fit in RAM");
    c = boot_config();
    c.kernel = b;
    expect_error(&c, "big-endian");
    c = boot_config();
    c.initrd = k;
    expect_error(&c, "-initrd only allowed with -kernel");
    c = boot_config();
    c.append = "x";
    expect_error(&c, "-append only allowed with -kernel");
    c = boot_config();
    c.kernel = k;
    c.bios = k;
    expect_error(&c, "-kernel with -bios");
    c = boot_config();
    c.bios = fwbig;
    expect_error(&c, "do not fit in the 64 MiB flash");
    c = boot_config();
    c.kernel = k;
    c.dtb = k;
    expect_error(&c, "not a valid device tree blob");
    /* An initrd that cannot fit in what RAM is left. */
    c = boot_config();
    c.kernel = k;
    c.initrd = fwbig;
    c.ram_size = 64 * MiB;
    expect_error(&c, "-initrd");

    g_free(img);
    g_free(huge);
    g_free(be);
    g_free(big);
    g_free(k);
    g_free(h);
    g_free(b);
    g_free(r);
    g_free(empty);
    g_free(fwbig);
}

static void test_boot_user_dtb(void)
{
    uint8_t *img = make_image(4096, 0, 4096, 2);
    char *k = tmp_file("k", img, 4096);
    void *own = g_malloc0(4096);
    char *dtb;
    ArmBootConfig c = boot_config();
    ArmBootInfo bi;
    GError *err = NULL;
    void *fdt;

    /* A DT without /chosen: the boot code adds it. */
    g_assert_cmpint(fdt_create_empty_tree(own, 4096), ==, 0);
    g_assert_cmpint(fdt_setprop_string(own, 0, "model", "mine"), ==, 0);
    fdt_pack(own);
    dtb = tmp_file("own.dtb", own, fdt_totalsize(own));
    setup_memory();
    c.kernel = k;
    c.dtb = dtb;
    c.append = "root=/dev/vda";
    g_assert_true(arm_boot_setup(&c, &bi, &err));
    g_assert_no_error(err);
    fdt = guest_fdt(&bi);
    g_assert_cmpstr(fdt_getprop(fdt, 0, "model", NULL), ==, "mine");
    g_assert_cmpstr(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                                "bootargs", NULL), ==, "root=/dev/vda");
    g_free(fdt);
    arm_boot_info_clear(&bi);
    g_free(own);
    g_free(img);
    g_free(k);
    g_free(dtb);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("vemu-arm-boot-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    tmp_files = g_ptr_array_new_with_free_func(g_free);
    g_test_add_func("/arm-boot/image-header", test_image_header);
    g_test_add_func("/arm-boot/placement", test_placement);
    g_test_add_func("/arm-boot/gunzip", test_gunzip);
    g_test_add_func("/arm-boot/boot/image-initrd", test_boot_image_initrd);
    g_test_add_func("/arm-boot/boot/gzip", test_boot_gzip_no_initrd);
    g_test_add_func("/arm-boot/boot/elf", test_boot_elf);
    g_test_add_func("/arm-boot/boot/firmware", test_boot_firmware);
    g_test_add_func("/arm-boot/boot/errors", test_boot_errors);
    g_test_add_func("/arm-boot/boot/user-dtb", test_boot_user_dtb);
    ret = g_test_run();
    for (guint i = 0; i < tmp_files->len; i++) {
        g_unlink(g_ptr_array_index(tmp_files, i));
    }
    g_rmdir(tmpdir);
    g_ptr_array_unref(tmp_files);
    g_free(tmpdir);
    return ret;
}
