/* SPDX-License-Identifier: MIT */
/*
 * Boards: a MachineClass per -M name, and the MachineState the command
 * line fills in before the board's init runs.
 */
#ifndef VEMU_MACHINE_H
#define VEMU_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"

struct Chardev;

typedef struct MachineState {
    const struct MachineClass *mc;
    char *options;             /* -M name,opt=val: the part after name */
    uint64_t ram_size;         /* -m, bytes */
    unsigned smp;              /* -smp N */
    char *cpu_type;            /* -cpu, or NULL for the board default */
    char *kernel;              /* -kernel */
    char *initrd;              /* -initrd */
    char *append;              /* -append */
    char *bios;                /* -bios path, "none", or NULL (default) */
    char *dtb;                 /* -dtb */
    /* Serial ports in -serial order (NULL: not connected). */
    struct Chardev *serial[4];
    unsigned nb_serial;
    /* The vCPUs the board created, in index order. */
    CPUState **cpus;
    /* Exit status the guest asked for (sifive_test, isa-debug-exit). */
    int exit_status;
} MachineState;

typedef struct MachineClass {
    const char *name;          /* -M virt */
    const char *desc;
    const char *arch;          /* "riscv64": the target it needs */
    const char *default_cpu;   /* for -cpu help and NULL -cpu */
    unsigned max_cpus;
    uint64_t default_ram;
    bool is_default;           /* for its arch: a bare -M missing */
    /* Parse one -M option ("aia=none"); false + error if unknown. */
    bool (*set_option)(MachineState *ms, const char *key, const char *val,
                       GError **errp);
    /* Build the board: RAM, CPUs, devices, firmware, device tree. */
    bool (*init)(MachineState *ms, GError **errp);
} MachineClass;

void machine_class_register(const MachineClass *mc);
const MachineClass *machine_class_find(const char *name);
GPtrArray *machine_class_list(void);   /* sorted by name */
/*
 * One executable serves every guest: its name picks the architecture
 * whose boards -M sees, as QEMU's qemu-system-<arch> do ("aarch64" for
 * vemu-system-aarch64, "riscv64" for vemu and vemu-system-riscv64).
 */
const char *machine_arch_from_progname(const char *argv0);
/* The board of that name for arch (NULL: any arch), or NULL. */
const MachineClass *machine_class_find_arch(const char *name,
                                            const char *arch);

/* The machine being run. */
extern MachineState *current_machine;

#endif
