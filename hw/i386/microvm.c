/* SPDX-License-Identifier: MIT */
/* The x86 `microvm` machine: QEMU 7.2's minimal KVM board, without BIOS. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hw/i386/x86-boot.h"
#include "vemu/device.h"
#include "vemu/hw/serial.h"
#include "vemu/hw/virtio-mmio.h"
#include "vemu/kvm.h"
#include "vemu/loader.h"
#include "vemu/log.h"
#include "vemu/machine.h"
#include "vemu/memory.h"
#include "vemu/opts.h"
#include "vemu/x86.h"

#define MiB (1ULL << 20)

/*
 * The memory map and interrupt lines (GSIs of the in-kernel IOAPIC) of
 * QEMU's microvm with acpi=off and ioapic2=off. The PIC, PIT, LAPICs
 * and IOAPIC are KVM's: nothing here emulates them.
 */
enum {
    MICROVM_VIRTIO_BASE = 0xfeb00000,
    MICROVM_VIRTIO_COUNT = 8,
    MICROVM_COM1 = 0x3f8,
    MICROVM_COM1_GSI = 4,
    MICROVM_VIRTIO_GSI = 5,     /* slot i: GSI 5 + i */
    MICROVM_NUM_GSI = 24,
    MICROVM_MAX_CPUS = 32,      /* the MP table fits below 640 KiB */
};

/* Largest -bios image: it ends at 4 GiB, above the IOAPIC and LAPIC. */
#define MICROVM_BIOS_MAX (16 * MiB)
/* The last 128 KiB of -bios also shows below 1 MiB (QEMU's isa-bios). */
#define MICROVM_ISA_BIOS_MAX (128 * 1024)

/* -M microvm,... options and what the board built (one a process). */
typedef struct MicrovmMachine {
    bool isa_serial;
    bool auto_cmdline;
    bool entry64;               /* x-linux-entry=64 (default) or 32 */
    MemoryRegion ram;
    MemoryRegion ram_below, ram_above;  /* aliases around the 4G hole */
    MemoryRegion bios, isa_bios;
    Device *virtio[MICROVM_VIRTIO_COUNT];
    IRQ *gsi[MICROVM_NUM_GSI];
    int gsi_level[MICROVM_NUM_GSI];
    X86BootInfo boot;
    bool linux_boot;
    char *append;
} MicrovmMachine;

static MicrovmMachine mvm = {
    .isa_serial = true,
    .auto_cmdline = true,
    .entry64 = true,
};

#define MICROVM_RAM_NAME "microvm.ram"

/* ---- -M microvm,... ---------------------------------------------------- */

static bool opt_bool(const char *key, const char *val, bool *out,
                     GError **errp)
{
    if (!opts_parse_bool(val, out)) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-M microvm,%s=%s: expected on or off", key, val);
        return false;
    }
    return true;
}

/* An on/off/auto option whose only possible value here is `want`. */
static bool opt_fixed(const char *key, const char *val, bool want,
                      const char *why, GError **errp)
{
    bool on;

    if (!strcmp(val, "auto")) {
        return true;
    }
    if (!opt_bool(key, val, &on, errp)) {
        return false;
    }
    if (on != want) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-M microvm,%s=%s: not supported (%s)", key, val, why);
        return false;
    }
    return true;
}

static bool microvm_set_option(MachineState *ms, const char *key,
                               const char *val, GError **errp)
{
    bool dummy;

    if (!strcmp(key, "isa-serial")) {
        return opt_bool(key, val, &mvm.isa_serial, errp);
    }
    if (!strcmp(key, "auto-kernel-cmdline")) {
        return opt_bool(key, val, &mvm.auto_cmdline, errp);
    }
    if (!strcmp(key, "x-option-roms")) {
        return opt_bool(key, val, &dummy, errp);
    }
    if (!strcmp(key, "pit") || !strcmp(key, "pic")) {
        return opt_fixed(key, val, true, "KVM's in-kernel irqchip has it",
                         errp);
    }
    if (!strcmp(key, "rtc")) {
        return opt_fixed(key, val, false, "no RTC model", errp);
    }
    if (!strcmp(key, "acpi")) {
        return opt_fixed(key, val, false, "no ACPI tables; Linux finds the "
                         "CPUs and IOAPIC in the MP table", errp);
    }
    if (!strcmp(key, "ioapic2")) {
        return opt_fixed(key, val, false, "one IOAPIC", errp);
    }
    if (!strcmp(key, "x-linux-entry")) {
        if (strcmp(val, "32") && strcmp(val, "64")) {
            g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "-M microvm,x-linux-entry=%s: expected 32 or 64",
                        val);
            return false;
        }
        mvm.entry64 = !strcmp(val, "64");
        return true;
    }
    g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                "-M microvm,%s=%s: unknown machine option '%s' (supported: "
                "isa-serial=, auto-kernel-cmdline=, x-option-roms=, "
                "pit=on, pic=on, rtc=off, acpi=off, ioapic2=off, "
                "x-linux-entry=32|64)", key, val, key);
    return false;
}

/* ---- CPUs, memory, devices ---------------------------------------------- */

static bool microvm_check_config(MachineState *ms, GError **errp)
{
    if (!kvm_enabled()) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-M microvm: needs -accel kvm (vemu has no x86 TCG "
                    "frontend yet)");
        return false;
    }
    if (ms->smp < 1 || ms->smp > MICROVM_MAX_CPUS) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-smp %u: the microvm board takes 1 to %u CPUs",
                    ms->smp, MICROVM_MAX_CPUS);
        return false;
    }
    if (ms->ram_size < MiB) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-m %" PRIu64 "K: the microvm board needs at least 1 "
                    "MiB of RAM", ms->ram_size >> 10);
        return false;
    }
    if (ms->cpu_type && strcmp(ms->cpu_type, "host") &&
        strcmp(ms->cpu_type, "max")) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-cpu %s: the microvm board under KVM runs 'host' "
                    "(or 'max', the same)", ms->cpu_type);
        return false;
    }
    if (!ms->kernel && (!ms->bios || !strcmp(ms->bios, "none"))) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-M microvm: nothing to run: give -kernel (a Linux "
                    "bzImage or a Multiboot kernel) or -bios (a raw image "
                    "at the top of 4 GiB); vemu has no firmware for it");
        return false;
    }
    return true;
}

static bool microvm_create_cpus(MachineState *ms, GError **errp)
{
    ms->cpus = g_new0(CPUState *, ms->smp);
    for (unsigned i = 0; i < ms->smp; i++) {
        ms->cpus[i] = x86_cpu_create(i, errp);
        if (!ms->cpus[i]) {
            return false;
        }
        if (!ms->cpus[i]->as) {
            ms->cpus[i]->as = &address_space_memory;
        }
    }
    return true;
}

static bool microvm_create_memory(MachineState *ms, MemoryRegion *sys,
                                  GError **errp)
{
    X86RamLayout l = x86_ram_layout(ms->ram_size);
    GError *err = NULL;

    if (!memory_region_init_ram(&mvm.ram, MICROVM_RAM_NAME, ms->ram_size,
                                &err)) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "-m %" PRIu64 "M: cannot set up guest memory '%s': %s",
                    ms->ram_size >> 20, MICROVM_RAM_NAME, err->message);
        g_error_free(err);
        return false;
    }
    if (!l.above_4g) {
        memory_region_add_subregion(sys, 0, &mvm.ram);
        return true;
    }
    /* QEMU's split: the hole below 4G keeps the devices. */
    memory_region_init_alias(&mvm.ram_below, "ram-below-4g", &mvm.ram, 0,
                             l.below_4g);
    memory_region_add_subregion(sys, 0, &mvm.ram_below);
    memory_region_init_alias(&mvm.ram_above, "ram-above-4g", &mvm.ram,
                             l.below_4g, l.above_4g);
    memory_region_add_subregion(sys, X86_4G, &mvm.ram_above);
    return true;
}

/* Device lines go to the in-kernel irqchip, only when they change. */
static void microvm_gsi_set(void *opaque, int gsi, int level)
{
    static bool warned;

    if (mvm.gsi_level[gsi] == level) {
        return;
    }
    mvm.gsi_level[gsi] = level;
    if (!kvm_set_irq(gsi, level) && !warned) {
        warned = true;
        fprintf(stderr, "vemu: microvm: cannot set GSI %d to %d in the "
                "in-kernel irqchip\n", gsi, level);
    }
}

static void microvm_create_devices(MachineState *ms, MemoryRegion *sys)
{
    for (int i = 0; i < MICROVM_NUM_GSI; i++) {
        mvm.gsi[i] = irq_new(microvm_gsi_set, NULL, i);
    }
    if (mvm.isa_serial) {
        serial_isa_create(get_system_io(), MICROVM_COM1,
                          mvm.gsi[MICROVM_COM1_GSI],
                          ms->nb_serial > 0 ? ms->serial[0] : NULL);
    }
    /*
     * Highest slot first: -device takes the first free bus in creation
     * order, and QEMU's microvm gives the first virtio device the last
     * transport (0xfeb00e00, GSI 12).
     */
    for (int i = MICROVM_VIRTIO_COUNT - 1; i >= 0; i--) {
        mvm.virtio[i] = virtio_mmio_create(sys,
                                           MICROVM_VIRTIO_BASE +
                                           i * VIRTIO_MMIO_SIZE,
                                           mvm.gsi[MICROVM_VIRTIO_GSI + i],
                                           &address_space_memory, i);
    }
}

/* ---- boot ------------------------------------------------------------ */

static bool microvm_load_bios(MemoryRegion *sys, const char *path,
                              GError **errp)
{
    g_autofree uint8_t *data = NULL;
    uint64_t base, size, low;
    size_t len;

    if (!load_file(path, &data, &len, errp)) {
        g_prefix_error(errp, "-bios %s: ", path);
        return false;
    }
    if (!x86_bios_layout(len, MICROVM_BIOS_MAX, &base, &size)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "-bios %s: %zu bytes: the image must be 1 byte to "
                    "16 MiB", path, len);
        return false;
    }
    if (!memory_region_init_rom(&mvm.bios, "pc.bios", size, errp)) {
        return false;
    }
    memory_region_add_subregion(sys, base, &mvm.bios);
    /* Real mode sees the image's end below 1 MiB too, over the RAM. */
    low = MIN(size, (uint64_t)MICROVM_ISA_BIOS_MAX);
    memory_region_init_alias(&mvm.isa_bios, "isa-bios", &mvm.bios,
                             size - low, low);
    memory_region_add_subregion_overlap(sys, X86_HIGHMEM - low,
                                        &mvm.isa_bios, 1);
    /* Right-aligned: the reset vector is the file's last 16 bytes. */
    return rom_add_blob("pc.bios", &address_space_memory,
                        X86_4G - len, data, len, len, errp);
}

/* -initrd "file args,file2" for Multiboot: ",," is a literal comma. */
static GPtrArray *split_modules(const char *spec)
{
    GPtrArray *mods = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);

    for (const char *p = spec;; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',' || !*p) {
            g_ptr_array_add(mods, g_string_free(cur, false));
            cur = g_string_new(NULL);
            if (!*p) {
                break;
            }
        } else {
            g_string_append_c(cur, *p);
        }
    }
    g_string_free(cur, true);
    return mods;
}

static bool microvm_boot_multiboot(MachineState *ms, const uint8_t *kernel,
                                   size_t size, GError **errp)
{
    g_autoptr(GPtrArray) specs = ms->initrd ? split_modules(ms->initrd)
                                            : g_ptr_array_new();
    g_autofree MultibootModule *mods = g_new0(MultibootModule,
                                              specs->len + 1);
    /* QEMU's string: the kernel's path, a space, then -append. */
    g_autofree char *cmdline = g_strdup_printf("%s %s", ms->kernel,
                                               ms->append ? ms->append : "");
    g_autoptr(GPtrArray) datas = g_ptr_array_new_with_free_func(g_free);
    MultibootConfig c = {
        .ram = x86_ram_layout(ms->ram_size),
        .kernel = kernel,
        .kernel_size = size,
        .cmdline = cmdline,
        .mods = mods,
        .nb_mods = specs->len,
    };

    for (guint i = 0; i < specs->len; i++) {
        const char *spec = g_ptr_array_index(specs, i);
        g_autofree char *path = g_strndup(spec, strcspn(spec, " "));
        uint8_t *data;

        if (!load_file(path, &data, &mods[i].size, errp)) {
            g_prefix_error(errp, "-initrd %s: ", path);
            return false;
        }
        g_ptr_array_add(datas, data);
        mods[i].data = data;
        mods[i].cmdline = spec;
    }
    if (!multiboot_setup(&c, &mvm.boot, errp)) {
        g_prefix_error(errp, "-kernel %s: ", ms->kernel);
        return false;
    }
    return true;
}

static bool microvm_boot_linux(MachineState *ms, const uint8_t *kernel,
                               size_t size, GError **errp)
{
    g_autofree uint8_t *initrd = NULL;
    size_t initrd_size = 0;
    X86LinuxConfig c = {
        .ram = x86_ram_layout(ms->ram_size),
        .kernel = kernel,
        .kernel_size = size,
        .cmdline = ms->append,
        .entry64 = mvm.entry64,
    };
    GError *err = NULL;

    if (ms->initrd) {
        if (!load_file(ms->initrd, &initrd, &initrd_size, errp)) {
            g_prefix_error(errp, "-initrd %s: ", ms->initrd);
            return false;
        }
        c.initrd = initrd;
        c.initrd_size = initrd_size;
    }
    if (!x86_linux_setup(&c, &mvm.boot, &err)) {
        /* Name the option the problem is with. */
        if (g_str_has_prefix(err->message, "the initrd")) {
            g_propagate_prefixed_error(errp, err, "-initrd %s: ",
                                       ms->initrd);
        } else if (g_str_has_prefix(err->message, "the command line")) {
            g_propagate_prefixed_error(errp, err, "-append: ");
        } else {
            g_propagate_prefixed_error(errp, err, "-kernel %s: ",
                                       ms->kernel);
        }
        return false;
    }
    mvm.linux_boot = true;
    mvm.append = g_strdup(ms->append ? ms->append : "");
    return true;
}

static bool microvm_load_kernel(MachineState *ms, GError **errp)
{
    g_autofree uint8_t *kernel = NULL;
    X86LinuxHeader lh;
    MultibootHeader mh;
    size_t size;

    if (!load_file(ms->kernel, &kernel, &size, errp)) {
        g_prefix_error(errp, "-kernel %s: ", ms->kernel);
        return false;
    }
    /* As QEMU: a Linux setup header first, then a Multiboot header. */
    if (x86_linux_header_parse(kernel, size, &lh)) {
        return microvm_boot_linux(ms, kernel, size, errp);
    }
    if (multiboot_header_find(kernel, size, &mh)) {
        return microvm_boot_multiboot(ms, kernel, size, errp);
    }
    g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                "-kernel %s: neither a Linux bzImage (no \"HdrS\" header) "
                "nor a Multiboot kernel (no header in the first 8 KiB)",
                ms->kernel);
    return false;
}

static bool microvm_add_blobs(GError **errp)
{
    for (guint i = 0; i < mvm.boot.blobs->len; i++) {
        const X86Blob *b = g_ptr_array_index(mvm.boot.blobs, i);

        /* The command line is written at reset (see microvm_reset). */
        if (!strcmp(b->name, "linux-cmdline")) {
            continue;
        }
        if (!rom_add_blob(b->name, &address_space_memory, b->addr, b->data,
                          b->len, b->len, errp)) {
            return false;
        }
    }
    return true;
}

/*
 * The Linux command line, with the virtio-mmio transports that have a
 * device announced as QEMU's microvm does without ACPI. -device runs
 * after the board, so this waits for the first reset.
 */
static void microvm_reset(void *opaque)
{
    GString *cmd = g_string_new(mvm.append);

    for (int i = 0; mvm.auto_cmdline && i < MICROVM_VIRTIO_COUNT; i++) {
        Device *d = mvm.virtio[i];
        Bus *bus = d->child_buses->len ? g_ptr_array_index(d->child_buses, 0)
                                       : NULL;

        if (bus && bus->child) {
            g_string_append_printf(cmd, " virtio_mmio.device=512@0x%x:%d",
                                   MICROVM_VIRTIO_BASE +
                                   i * VIRTIO_MMIO_SIZE,
                                   MICROVM_VIRTIO_GSI + i);
        }
    }
    if (cmd->len + 1 > mvm.boot.cmdline_max) {
        static bool warned;

        if (!warned) {
            warned = true;
            fprintf(stderr, "vemu: microvm: the command line with the "
                    "virtio-mmio devices is %zu bytes, the kernel takes "
                    "%u: virtio devices left out\n", cmd->len,
                    mvm.boot.cmdline_max - 1);
        }
        g_string_assign(cmd, mvm.append);
    }
    address_space_write(&address_space_memory, mvm.boot.cmdline_addr,
                        cmd->str, cmd->len + 1);
    g_string_free(cmd, true);
}

static bool microvm_init(MachineState *ms, GError **errp)
{
    MemoryRegion *sys = get_system_memory();
    X86MpConfig mp = {
        .nb_cpus = ms->smp,
        .level_first = MICROVM_VIRTIO_GSI,
        .level_count = MICROVM_VIRTIO_COUNT,
    };
    g_autofree uint8_t *mptable = NULL;
    size_t mptable_len;

    x86_boot_info_init(&mvm.boot);
    if (!microvm_check_config(ms, errp) || !microvm_create_cpus(ms, errp) ||
        !microvm_create_memory(ms, sys, errp)) {
        return false;
    }
    microvm_create_devices(ms, sys);
    if (ms->bios && strcmp(ms->bios, "none") &&
        !microvm_load_bios(sys, ms->bios, errp)) {
        return false;
    }
    if (ms->kernel && (!microvm_load_kernel(ms, errp) ||
                       !microvm_add_blobs(errp))) {
        return false;
    }
    /* The MP table, for Linux (-smp) and for guests that look. */
    if (ms->ram_size >= X86_LOWMEM_END) {
        mptable = x86_mptable_build(&mp, X86_EBDA_BASE, &mptable_len);
        if (!rom_add_blob("mptable", &address_space_memory, X86_EBDA_BASE,
                          mptable, mptable_len, mptable_len, errp)) {
            return false;
        }
    }
    if (ms->kernel) {
        x86_cpu_set_boot_regs(ms->cpus[0], &mvm.boot.regs);
    }
    if (mvm.linux_boot) {
        reset_register(microvm_reset, NULL);
    }
    return true;
}

static const MachineClass microvm_machine = {
    .name = "microvm",
    .desc = "microvm (i386)",
    .arch = "x86_64",
    .default_cpu = "host",
    .max_cpus = MICROVM_MAX_CPUS,
    .default_ram = 128 * MiB,
    /* The only x86 board: a bare vemu-system-x86_64 runs it. */
    .is_default = true,
    .set_option = microvm_set_option,
    .init = microvm_init,
};

static void __attribute__((constructor)) microvm_register(void)
{
    machine_class_register(&microvm_machine);
}
