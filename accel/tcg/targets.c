/* SPDX-License-Identifier: MIT */
/* The table of built-in guest architectures. */
#include <string.h>

#include "vemu/target.h"

const TargetInfo *const all_targets[] = {
    &target_riscv64,
    &target_aarch64,
    NULL,
};

const TargetInfo *target_by_name(const char *name)
{
    for (int i = 0; all_targets[i]; i++) {
        if (!strcmp(all_targets[i]->name, name)) {
            return all_targets[i];
        }
    }
    return NULL;
}

const TargetInfo *target_by_elf_machine(uint16_t machine, unsigned elf_class)
{
    for (int i = 0; all_targets[i]; i++) {
        if (all_targets[i]->elf_machine == machine &&
            all_targets[i]->elf_class == elf_class) {
            return all_targets[i];
        }
    }
    return NULL;
}
