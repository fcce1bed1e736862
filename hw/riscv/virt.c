/* SPDX-License-Identifier: MIT */
/* The RISC-V `virt` machine: QEMU 7.2's memory map, devices and boot. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/riscv/virt.h"
#include "vemu/device.h"
#include "vemu/hw/goldfish-rtc.h"
#include "vemu/hw/riscv-aclint.h"
#include "vemu/hw/riscv-boot.h"
#include "vemu/hw/serial.h"
#include "vemu/hw/sifive-plic.h"
#include "vemu/hw/sifive-test.h"
#include "vemu/hw/virtio-mmio.h"
#include "vemu/machine.h"
#include "vemu/opts.h"
#include "vemu/memory.h"
#include "vemu/riscv.h"

/* -M virt,... options and what the board built (one machine a process). */
typedef struct VirtMachine {
    bool aclint;
    char *dumpdtb;
    MemoryRegion ram;
    MemoryRegion mrom;
    Device *plic;
    RiscvBootInfo boot;
} VirtMachine;

static VirtMachine virt;

/* QEMU 7.2's region names (they show in errors and "info mtree"). */
#define VIRT_RAM_NAME "riscv_virt_board.ram"
#define VIRT_MROM_NAME "riscv_virt_board.mrom"

static bool parse_onoff(const char *key, const char *val, bool *out,
                        GError **errp)
{
    if (!val) {
        *out = true;
    } else if (!opts_parse_bool(val, out)) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-M virt,%s=%s: expected on or off", key, val);
        return false;
    }
    return true;
}

static bool virt_set_option(MachineState *ms, const char *key,
                            const char *val, GError **errp)
{
    if (!strcmp(key, "aclint")) {
        return parse_onoff(key, val, &virt.aclint, errp);
    }
    if (!strcmp(key, "aia")) {
        if (val && !strcmp(val, "none")) {
            return true;
        }
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-M virt,aia=%s: only aia=none is supported (no APLIC "
                    "or IMSIC yet)", val ? val : "");
        return false;
    }
    if (!strcmp(key, "dumpdtb") && val && *val) {
        g_free(virt.dumpdtb);
        virt.dumpdtb = g_strdup(val);
        return true;
    }
    g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                "-M virt,%s%s%s: unknown machine option '%s' (supported: "
                "aclint=on|off, aia=none, dumpdtb=FILE)", key,
                val ? "=" : "", val ? val : "", key);
    return false;
}

/* "-m 512M" back from a byte count, for error messages. */
static char *ram_size_str(uint64_t size)
{
    static const char units[] = "KMGT";
    int i;

    for (i = 3; i >= 0; i--) {
        uint64_t unit = 1ULL << (10 * (i + 1));

        if (size % unit == 0) {
            return g_strdup_printf("%" PRIu64 "%c", size / unit, units[i]);
        }
    }
    return g_strdup_printf("%" PRIu64, size);
}

static bool virt_create_harts(MachineState *ms, GError **errp)
{
    const char *model = ms->cpu_type ? ms->cpu_type : "rv64";
    unsigned i;

    if (ms->smp == 0 || ms->smp > VIRT_MAX_HARTS) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-smp %u: the virt machine has 1 to %u harts", ms->smp,
                    VIRT_MAX_HARTS);
        return false;
    }
    ms->cpus = g_new0(CPUState *, ms->smp);
    for (i = 0; i < ms->smp; i++) {
        ms->cpus[i] = riscv_cpu_create(model, i, errp);
        if (!ms->cpus[i]) {
            return false;
        }
        if (!ms->cpus[i]->as) {
            ms->cpus[i]->as = &address_space_memory;
        }
        /* Every hart starts in the reset ROM; mhartid tells them apart. */
        riscv_cpu_set_reset_pc(ms->cpus[i], virt_memmap[VIRT_MROM].base);
    }
    return true;
}

static bool virt_create_memory(MachineState *ms, MemoryRegion *sys,
                               GError **errp)
{
    GError *err = NULL;

    if (ms->ram_size == 0) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-m 0: the virt machine needs some RAM");
        return false;
    }
    if (!memory_region_init_ram(&virt.ram, VIRT_RAM_NAME,
                                ms->ram_size, &err)) {
        char *s = ram_size_str(ms->ram_size);

        /* QEMU's wording: the region's name and the errno text. */
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-m %s: cannot set up guest memory '%s': %s", s,
                    VIRT_RAM_NAME,
                    err->code == G_FILE_ERROR_NOMEM ? g_strerror(ENOMEM)
                                                    : err->message);
        g_error_free(err);
        g_free(s);
        return false;
    }
    memory_region_add_subregion(sys, virt_memmap[VIRT_DRAM].base, &virt.ram);
    if (!memory_region_init_rom(&virt.mrom, VIRT_MROM_NAME,
                                virt_memmap[VIRT_MROM].size, errp)) {
        return false;
    }
    memory_region_add_subregion(sys, virt_memmap[VIRT_MROM].base,
                                &virt.mrom);
    return true;
}

static void virt_create_devices(MachineState *ms, MemoryRegion *sys)
{
    const MemMapEntry *m = virt_memmap;
    int i;

    virt.plic = sifive_plic_create(sys, m[VIRT_PLIC].base, ms->cpus, ms->smp,
                                   VIRT_PLIC_NUM_SOURCES,
                                   VIRT_PLIC_NUM_PRIORITIES);
    /* CLINT or ACLINT, the devices are the same: only the DT differs. */
    riscv_aclint_swi_create(sys, m[VIRT_CLINT].base, ms->cpus, ms->smp,
                            false);
    riscv_aclint_mtimer_create(sys, m[VIRT_CLINT].base + RISCV_ACLINT_SWI_SIZE,
                               RISCV_ACLINT_MTIMER_SIZE, ms->cpus, ms->smp,
                               RISCV_ACLINT_MTIMECMP_OFF,
                               RISCV_ACLINT_MTIME_OFF, VIRT_TIMEBASE_FREQ);
    if (virt.aclint) {
        riscv_aclint_swi_create(sys, m[VIRT_ACLINT_SSWI].base, ms->cpus,
                                ms->smp, true);
    }
    sifive_test_create(sys, m[VIRT_TEST].base);
    goldfish_rtc_create(sys, m[VIRT_RTC].base,
                        sifive_plic_irq(virt.plic, VIRT_RTC_IRQ));
    serial_mm_create(sys, m[VIRT_UART0].base, 0, VIRT_UART_CLOCK / 16,
                     sifive_plic_irq(virt.plic, VIRT_UART0_IRQ),
                     ms->nb_serial > 0 ? ms->serial[0] : NULL);
    /*
     * Highest slot first: -device fills free buses in creation order, so
     * the first virtio -device lands at 0x10008000, which the DT lists
     * first and Linux probes first (vda, eth0), exactly as in QEMU.
     */
    for (i = VIRT_VIRTIO_COUNT - 1; i >= 0; i--) {
        virtio_mmio_create(sys, m[VIRT_VIRTIO].base + i * m[VIRT_VIRTIO].size,
                           sifive_plic_irq(virt.plic, VIRT_VIRTIO_IRQ + i),
                           &address_space_memory, i);
    }
}

static void *virt_build_fdt(MachineState *ms, GError **errp)
{
    char **isa = g_new0(char *, ms->smp + 1);
    const char **mmu = g_new0(const char *, ms->smp);
    VirtFdtConfig cfg = {
        .nb_harts = ms->smp,
        .isa = (const char *const *)isa,
        .mmu_type = mmu,
        .ram_size = ms->ram_size,
        .aclint = virt.aclint,
    };
    void *fdt;
    unsigned i;

    for (i = 0; i < ms->smp; i++) {
        isa[i] = riscv_cpu_isa_string(ms->cpus[i]);
        mmu[i] = riscv_cpu_mmu_type(ms->cpus[i]);
    }
    fdt = virt_fdt_build(&cfg, errp);
    g_strfreev(isa);
    g_free(mmu);
    return fdt;
}

static bool virt_dump_dtb(const char *path, GError **errp)
{
    if (!g_file_set_contents(path, virt.boot.fdt, virt.boot.fdt_size,
                             errp)) {
        g_prefix_error(errp, "-M virt,dumpdtb=%s: ", path);
        return false;
    }
    fprintf(stderr, "vemu: info: dtb dumped to %s. Exiting.\n", path);
    exit(0);
}

static bool virt_init(MachineState *ms, GError **errp)
{
    MemoryRegion *sys = get_system_memory();
    RiscvBootConfig boot = {
        .as = &address_space_memory,
        .dram_base = virt_memmap[VIRT_DRAM].base,
        .dram_size = ms->ram_size,
        .mrom_base = virt_memmap[VIRT_MROM].base,
        .mrom_size = virt_memmap[VIRT_MROM].size,
        .bios = ms->bios,
        .kernel = ms->kernel,
        .initrd = ms->initrd,
        .append = ms->append,
        .dtb = ms->dtb,
    };

    if (!virt_create_harts(ms, errp) ||
        !virt_create_memory(ms, sys, errp)) {
        return false;
    }
    virt_create_devices(ms, sys);

    boot.fdt = virt_build_fdt(ms, errp);
    if (!boot.fdt || !riscv_boot_setup(&boot, &virt.boot, errp)) {
        return false;
    }
    if (virt.dumpdtb) {
        return virt_dump_dtb(virt.dumpdtb, errp);
    }
    return true;
}

static const MachineClass virt_machine = {
    .name = "virt",
    .desc = "RISC-V VirtIO board",
    .arch = "riscv64",
    .default_cpu = "rv64",
    .max_cpus = VIRT_MAX_HARTS,
    .default_ram = 128 * 1024 * 1024,
    .is_default = true,
    .set_option = virt_set_option,
    .init = virt_init,
};

static void __attribute__((constructor)) virt_register(void)
{
    machine_class_register(&virt_machine);
}
