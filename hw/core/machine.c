/* SPDX-License-Identifier: MIT */
/* The registry of boards (-M) and the machine being run. */
#include <string.h>

#include <glib.h>

#include "vemu/machine.h"

MachineState *current_machine;
static GPtrArray *machine_classes;

void machine_class_register(const MachineClass *mc)
{
    if (!machine_classes) {
        machine_classes = g_ptr_array_new();
    }
    g_ptr_array_add(machine_classes, (gpointer)mc);
}

const MachineClass *machine_class_find(const char *name)
{
    for (guint i = 0; machine_classes && i < machine_classes->len; i++) {
        const MachineClass *mc = g_ptr_array_index(machine_classes, i);

        if (!strcmp(mc->name, name)) {
            return mc;
        }
    }
    return NULL;
}

const MachineClass *machine_class_find_arch(const char *name,
                                            const char *arch)
{
    for (guint i = 0; machine_classes && i < machine_classes->len; i++) {
        const MachineClass *mc = g_ptr_array_index(machine_classes, i);

        if (!strcmp(mc->name, name) && (!arch || !strcmp(mc->arch, arch))) {
            return mc;
        }
    }
    return NULL;
}

const char *machine_arch_from_progname(const char *argv0)
{
    g_autofree char *base = g_path_get_basename(argv0 ? argv0 : "vemu");

    /* vemu-system-aarch64, and also a copy renamed vemu-aarch64-... */
    if (strstr(base, "aarch64") || strstr(base, "arm64")) {
        return "aarch64";
    }
    if (strstr(base, "x86_64") || strstr(base, "amd64")) {
        return "x86_64";
    }
    return "riscv64";
}

static gint machine_class_cmp(gconstpointer a, gconstpointer b)
{
    const MachineClass *x = *(const MachineClass *const *)a;
    const MachineClass *y = *(const MachineClass *const *)b;

    return strcmp(x->name, y->name);
}

GPtrArray *machine_class_list(void)
{
    GPtrArray *list = g_ptr_array_new();

    for (guint i = 0; machine_classes && i < machine_classes->len; i++) {
        g_ptr_array_add(list, g_ptr_array_index(machine_classes, i));
    }
    g_ptr_array_sort(list, machine_class_cmp);
    return list;
}
