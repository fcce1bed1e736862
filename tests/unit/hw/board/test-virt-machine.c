/* SPDX-License-Identifier: MIT */
/* The whole virt board: options, harts, memory map, devices, boot state. */
#include <glib.h>
#include <glib/gstdio.h>
#include <libfdt.h>
#include <string.h>

#include "hw/riscv/virt.h"
#include "vemu/hw/riscv-boot.h"
#include "vemu/loader.h"
#include "vemu/machine.h"
#include "vemu/memory.h"

#define MiB (1ULL << 20)

static const MachineClass *virt_class(void)
{
    const MachineClass *mc = machine_class_find("virt");

    g_assert_nonnull(mc);
    return mc;
}

static void test_class(void)
{
    const MachineClass *mc = virt_class();

    g_assert_cmpstr(mc->arch, ==, "riscv64");
    g_assert_cmpstr(mc->default_cpu, ==, "rv64");
    g_assert_cmpuint(mc->max_cpus, ==, 8);
    g_assert_cmpuint(mc->default_ram, ==, 128 * MiB);
    g_assert_true(mc->is_default);
}

static void test_options(void)
{
    const MachineClass *mc = virt_class();
    MachineState ms = { .mc = mc };
    GError *err = NULL;

    g_assert_true(mc->set_option(&ms, "aclint", "off", &err));
    g_assert_true(mc->set_option(&ms, "aia", "none", &err));
    g_assert_no_error(err);
    g_assert_false(mc->set_option(&ms, "aclint", "maybe", &err));
    g_assert_nonnull(strstr(err->message, "aclint=maybe"));
    g_clear_error(&err);
    g_assert_false(mc->set_option(&ms, "aia", "aplic-imsic", &err));
    g_assert_nonnull(strstr(err->message, "aia=aplic-imsic"));
    g_clear_error(&err);
    g_assert_false(mc->set_option(&ms, "foo", "bar", &err));
    g_assert_nonnull(strstr(err->message, "'foo'"));
    g_clear_error(&err);
}

static uint32_t ld32(hwaddr addr)
{
    MemTxResult res;
    uint32_t v = address_space_ldn_le(&address_space_memory, addr, 4, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

/*
 * One board per process (like vemu): 2 harts, 64 MiB, bare-metal kernel,
 * initrd and command line; then look at it from the guest's side.
 */
static void test_board(void)
{
    static const uint8_t code[8] = { 0x13, 0, 0, 0, 0x6f, 0, 0, 0 };
    char *dir = g_dir_make_tmp("vemu-virt-XXXXXX", NULL);
    char *kernel = g_build_filename(dir, "k.bin", NULL);
    char *initrd = g_build_filename(dir, "initrd", NULL);
    const MachineClass *mc = virt_class();
    MachineState ms = {
        .mc = mc, .ram_size = 64 * MiB, .smp = 2, .bios = "none",
        .kernel = kernel, .initrd = initrd, .append = "console=ttyS0",
    };
    uint8_t rom[RISCV_RESET_ROM_SIZE], want[RISCV_RESET_ROM_SIZE];
    GError *err = NULL;
    hwaddr fdt_addr = 0x83e00000;   /* 64 MiB: end minus 2 MiB */
    uint8_t hdr[64];
    void *fdt;
    uint8_t buf[8];
    unsigned i;

    g_assert_true(g_file_set_contents(kernel, (const char *)code, 8, NULL));
    g_assert_true(g_file_set_contents(initrd, "initrd!", 7, NULL));
    current_machine = &ms;
    if (!mc->init(&ms, &err)) {
        g_error("board init: %s", err->message);
    }
    g_assert_nonnull(ms.cpus);
    g_assert_nonnull(ms.cpus[0]);
    g_assert_nonnull(ms.cpus[1]);

    /* Kernel at DRAM start, initrd at half of RAM. */
    address_space_read(&address_space_memory, 0x80000000, buf, 8);
    g_assert_cmpmem(buf, 8, code, 8);
    address_space_read(&address_space_memory, 0x82000000, buf, 7);
    g_assert_cmpmem(buf, 7, "initrd!", 7);

    /* The reset ROM jumps to the kernel with the DT's address. */
    address_space_read(&address_space_memory, 0x1000, rom, sizeof(rom));
    riscv_reset_rom_build(want, 0x80000000, fdt_addr, 0x80000000);
    g_assert_cmpmem(rom, sizeof(rom), want, sizeof(want));
    /* ROM: the guest cannot change it. */
    address_space_write(&address_space_memory, 0x1000, "\0\0\0\0", 4);
    g_assert_cmphex(ld32(0x1000), ==, 0x00000297);

    /* The DT in guest memory describes this machine. */
    address_space_read(&address_space_memory, fdt_addr, hdr, sizeof(hdr));
    g_assert_cmpint(fdt_check_header(hdr), ==, 0);
    fdt = g_malloc(fdt_totalsize(hdr));
    address_space_read(&address_space_memory, fdt_addr, fdt,
                       fdt_totalsize(hdr));
    g_assert_cmpint(fdt_path_offset(fdt, "/cpus/cpu@1"), >=, 0);
    g_assert_cmpint(fdt_path_offset(fdt, "/cpus/cpu@2"), <, 0);
    g_assert_true(g_str_has_prefix(fdt_getprop(fdt,
                      fdt_path_offset(fdt, "/cpus/cpu@0"), "riscv,isa",
                      NULL), "rv64i"));
    g_assert_cmpstr(fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"),
                                "bootargs", NULL), ==, "console=ttyS0");
    g_free(fdt);

    /* The devices answer where the DT says. */
    for (i = 0; i < VIRT_VIRTIO_COUNT; i++) {
        hwaddr base = 0x10001000 + i * 0x1000;

        g_assert_cmphex(ld32(base), ==, 0x74726976);    /* "virt" */
        g_assert_cmpuint(ld32(base + 4), ==, 2);        /* version */
        g_assert_cmpuint(ld32(base + 8), ==, 0);        /* no device */
    }
    /* 16550: LSR says the transmitter is empty. */
    g_assert_cmphex(address_space_ldn_le(&address_space_memory, 0x10000005,
                                         1, NULL) & 0x60, ==, 0x60);
    /* CLINT: mtimecmp of hart 1 is writable. */
    address_space_stn_le(&address_space_memory, 0x2004008, 4, 0x1234, NULL);
    g_assert_cmphex(ld32(0x2004008), ==, 0x1234);
    /* PLIC: a source priority is writable, 7 at most. */
    address_space_stn_le(&address_space_memory, 0xc000000 + 4 * 10, 4, 5,
                         NULL);
    g_assert_cmpuint(ld32(0xc000000 + 4 * 10), ==, 5);

    g_unlink(kernel);
    g_unlink(initrd);
    g_rmdir(dir);
    g_free(ms.cpus);
    g_free(kernel);
    g_free(initrd);
    g_free(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virt/class", test_class);
    g_test_add_func("/virt/options", test_options);
    g_test_add_func("/virt/board", test_board);
    return g_test_run();
}
