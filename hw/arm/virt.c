/* SPDX-License-Identifier: MIT */
/* The arm `virt` machine (AArch64): QEMU 7.2's board, CPUs and boot. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hw/arm/boot.h"
#include "hw/arm/virt.h"
#include "vemu/arm.h"
#include "vemu/device.h"
#include "vemu/machine.h"
#include "vemu/memory.h"
#include "vemu/opts.h"

#define GiB (1ULL << 30)
/* RAM from 1 GiB up to where QEMU's high memory map starts (256 GiB). */
#define VIRT_MAX_RAM (255 * GiB)
#define VIRT_DEFAULT_CPU "cortex-a57"

/* -M virt,... options and what the board built (one machine a process). */
typedef struct ArmVirtMachine {
    int gic_version;            /* 2 (QEMU's default) or 3 */
    bool virtualization;        /* EL2 for the guest; PSCI over SMC */
    char *dumpdtb;
    MemoryRegion ram;
    MemoryRegion flash[2];
    ArmVirtDevices dev;
    ArmBootInfo boot;
} ArmVirtMachine;

static ArmVirtMachine avirt = { .gic_version = 2 };

/* QEMU's region names (they show in errors and "info mtree"). */
#define VIRT_RAM_NAME "mach-virt.ram"

static bool opt_onoff(const char *key, const char *val, bool *out,
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

static bool opt_gic_version(const char *val, GError **errp)
{
    /* "max": the best the emulated CPU interface offers, GICv3. */
    if (val && (!strcmp(val, "3") || !strcmp(val, "max"))) {
        avirt.gic_version = 3;
    } else if (val && !strcmp(val, "2")) {
        avirt.gic_version = 2;
    } else {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-M virt,gic-version=%s: Invalid gic-version value "
                    "(valid values are 2, 3 and max; 'host' needs KVM)",
                    val ? val : "");
        return false;
    }
    return true;
}

/* Options QEMU has whose only value vemu supports is its default. */
static bool opt_fixed(const char *key, const char *val, bool want,
                      const char *why, GError **errp)
{
    bool on;

    if (!opt_onoff(key, val, &on, errp)) {
        return false;
    }
    if (on != want) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-M virt,%s=%s: not supported (%s)", key, val, why);
        return false;
    }
    return true;
}

static bool virt_set_option(MachineState *ms, const char *key,
                            const char *val, GError **errp)
{
    bool dummy;

    if (!strcmp(key, "gic-version")) {
        return opt_gic_version(val, errp);
    }
    if (!strcmp(key, "virtualization")) {
        return opt_onoff(key, val, &avirt.virtualization, errp);
    }
    if (!strcmp(key, "secure")) {
        return opt_fixed(key, val, false, "no EL3", errp);
    }
    if (!strcmp(key, "mte")) {
        return opt_fixed(key, val, false, "no MTE", errp);
    }
    /* Nothing vemu maps lives in high memory, nor behind an ITS. */
    if (!strcmp(key, "highmem") || !strcmp(key, "its") ||
        !strcmp(key, "gic-its")) {
        return opt_onoff(key, val, &dummy, errp);
    }
    if (!strcmp(key, "dumpdtb") && val && *val) {
        g_free(avirt.dumpdtb);
        avirt.dumpdtb = g_strdup(val);
        return true;
    }
    g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                "-M virt,%s%s%s: unknown machine option '%s' (supported: "
                "gic-version=2|3|max, virtualization=on|off, highmem=, "
                "its=, secure=off, dumpdtb=FILE)", key, val ? "=" : "",
                val ? val : "", key);
    return false;
}

static void virt_cpu_irq(void *opaque, int line, int level)
{
    arm_cpu_set_irq(opaque, line, level);
}

static bool virt_check_config(MachineState *ms, GError **errp)
{
    unsigned max = avirt.gic_version == 2 ? VIRT_ARM_MAX_CPUS_GICV2
                                          : VIRT_ARM_MAX_CPUS;

    if (ms->smp < 1 || ms->smp > max) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-smp %u: the virt board with GICv%d takes 1 to %u "
                    "CPUs%s", ms->smp, avirt.gic_version, max,
                    avirt.gic_version == 2 ? " (-M virt,gic-version=3 "
                                             "takes 123)" : "");
        return false;
    }
    if (ms->ram_size == 0 || ms->ram_size > VIRT_MAX_RAM) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-m %" PRIu64 "M: the virt board takes 1 MiB to 255 "
                    "GiB of RAM", ms->ram_size >> 20);
        return false;
    }
    return true;
}

static bool virt_create_cpus(MachineState *ms, GError **errp)
{
    const char *model = ms->cpu_type ? ms->cpu_type : VIRT_DEFAULT_CPU;

    ms->cpus = g_new0(CPUState *, ms->smp);
    for (unsigned i = 0; i < ms->smp; i++) {
        uint32_t mpidr = arm_virt_cpu_affinity(i, avirt.gic_version);
        GError *err = NULL;

        ms->cpus[i] = arm_cpu_create(model, i, mpidr, avirt.virtualization,
                                     &err);
        if (!ms->cpus[i]) {
            if (g_str_has_prefix(err->message, "-")) {
                g_propagate_error(errp, err);
            } else {
                g_propagate_prefixed_error(errp, err, "-cpu %s: ", model);
            }
            return false;
        }
        if (!ms->cpus[i]->as) {
            ms->cpus[i]->as = &address_space_memory;
        }
    }
    return true;
}

static bool virt_create_memory(MachineState *ms, MemoryRegion *sys,
                               bool flash, GError **errp)
{
    const ArmMemMapEntry *f = &arm_virt_memmap[VIRT_FLASH];
    GError *err = NULL;

    if (!memory_region_init_ram(&avirt.ram, VIRT_RAM_NAME, ms->ram_size,
                                &err)) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-m %" PRIu64 "M: cannot set up guest memory '%s': %s",
                    ms->ram_size >> 20, VIRT_RAM_NAME, err->message);
        g_error_free(err);
        return false;
    }
    memory_region_add_subregion(sys, arm_virt_memmap[VIRT_MEM].base,
                                &avirt.ram);
    /*
     * The two flash banks, read-only: firmware in the first, an empty
     * (erased) variable store in the second. Without CFI commands the
     * firmware finds no writable flash and keeps its defaults.
     */
    if (flash) {
        for (int i = 0; i < 2; i++) {
            static const char *const names[2] = { "virt.flash0",
                                                  "virt.flash1" };

            if (!memory_region_init_rom(&avirt.flash[i], names[i],
                                        f->size / 2, errp)) {
                return false;
            }
            memory_region_add_subregion(sys, f->base + i * (f->size / 2),
                                        &avirt.flash[i]);
        }
    }
    return true;
}

static bool virt_wire_cpus(MachineState *ms, MemoryRegion *sys,
                           GError **errp)
{
    g_autofree IRQ **irq = g_new0(IRQ *, ms->smp);
    g_autofree IRQ **fiq = g_new0(IRQ *, ms->smp);
    ArmVirtDevices *d = &avirt.dev;

    for (unsigned i = 0; i < ms->smp; i++) {
        irq[i] = irq_new(virt_cpu_irq, ms->cpus[i], ARM_CPU_IRQ);
        fiq[i] = irq_new(virt_cpu_irq, ms->cpus[i], ARM_CPU_FIQ);
    }
    if (!arm_virt_create_devices(d, sys, &address_space_memory, ms->smp,
                                 avirt.gic_version, irq, fiq,
                                 ms->nb_serial > 0 ? ms->serial[0] : NULL,
                                 errp)) {
        return false;
    }
    for (unsigned i = 0; i < ms->smp; i++) {
        CPUState *cpu = ms->cpus[i];

        arm_cpu_set_timer_irq(cpu, ARM_GT_PHYS,
                              arm_virt_ppi(d, i, VIRT_TIMER_NS_EL1_PPI));
        arm_cpu_set_timer_irq(cpu, ARM_GT_VIRT,
                              arm_virt_ppi(d, i, VIRT_TIMER_VIRT_PPI));
        arm_cpu_set_timer_irq(cpu, ARM_GT_HYP,
                              arm_virt_ppi(d, i, VIRT_TIMER_NS_EL2_PPI));
        arm_cpu_set_timer_irq(cpu, ARM_GT_SEC,
                              arm_virt_ppi(d, i, VIRT_TIMER_S_EL1_PPI));
        arm_cpu_set_gicv3(cpu, avirt.gic_version == 3 ? d->gic : NULL);
        /* QEMU's PSCI: HVC, or SMC when the guest owns EL2. */
        arm_cpu_set_psci_conduit(cpu, avirt.virtualization ? "smc" : "hvc");
    }
    return true;
}

static bool virt_dump_dtb(const char *path, GError **errp)
{
    if (!g_file_set_contents(path, avirt.boot.fdt, avirt.boot.fdt_size,
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
    /* The flash holds firmware, or nothing when there is no kernel. */
    bool flash = !ms->kernel;
    ArmVirtFdtConfig fcfg = {
        .nb_cpus = ms->smp,
        .ram_size = ms->ram_size,
        .gic_version = avirt.gic_version,
        .psci_method = avirt.virtualization ? "smc" : "hvc",
        /* No PMU registers in the CPU model: no DT node for Linux. */
        .pmu = false,
        .flash = flash,
    };
    ArmBootConfig boot = {
        .as = &address_space_memory,
        .ram_base = arm_virt_memmap[VIRT_MEM].base,
        .ram_size = ms->ram_size,
        .flash_base = arm_virt_memmap[VIRT_FLASH].base,
        .flash_size = arm_virt_memmap[VIRT_FLASH].size / 2,
        .bios = ms->bios,
        .kernel = ms->kernel,
        .initrd = ms->initrd,
        .append = ms->append,
        .dtb = ms->dtb,
    };

    if (!virt_check_config(ms, errp) || !virt_create_cpus(ms, errp) ||
        !virt_create_memory(ms, sys, flash, errp) ||
        !virt_wire_cpus(ms, sys, errp)) {
        return false;
    }
    fcfg.cpu_compatible = arm_cpu_dt_compatible(ms->cpus[0]);
    boot.fdt = arm_virt_fdt_build(&fcfg, errp);
    if (!boot.fdt || !arm_boot_setup(&boot, &avirt.boot, errp)) {
        return false;
    }
    if (avirt.dumpdtb) {
        return virt_dump_dtb(avirt.dumpdtb, errp);
    }
    /* The primary enters the kernel or firmware; PSCI starts the rest. */
    for (unsigned i = 0; i < ms->smp; i++) {
        uint64_t x[4] = { 0 };

        if (i == 0 && !avirt.boot.firmware) {
            x[0] = avirt.boot.fdt_addr;
        }
        arm_cpu_set_boot(ms->cpus[i], i == 0 ? avirt.boot.entry : 0, x,
                         i != 0);
    }
    return true;
}

static const MachineClass arm_virt_machine = {
    .name = "virt",
    .desc = "QEMU 7.2 ARM Virtual Machine",
    .arch = "aarch64",
    .default_cpu = VIRT_DEFAULT_CPU,
    .max_cpus = VIRT_ARM_MAX_CPUS,
    .default_ram = 128 * 1024 * 1024,
    .is_default = false,        /* as qemu-system-aarch64: -M is needed */
    .set_option = virt_set_option,
    .init = virt_init,
};

static void __attribute__((constructor)) arm_virt_register(void)
{
    machine_class_register(&arm_virt_machine);
}
