/* SPDX-License-Identifier: MIT */
/*
 * User-mode entry points for the system emulator: accel/tcg calls them
 * only when softmmu_enabled is false, which never happens in vemu.
 */
#include <glib.h>

#include "vemu/exec.h"
#include "vemu/tcg.h"

void page_protect_for_code(vaddr page)
{
    g_assert_not_reached();
}

bool page_check_exec(vaddr addr, unsigned size)
{
    g_assert_not_reached();
}

void *user_probe_access(CPUState *cpu, vaddr addr, unsigned size,
                        int access, uintptr_t ra)
{
    g_assert_not_reached();
}

void tcg_user_access_fault(void *env, uint64_t addr, MemOpIdx oi,
                           bool is_store, uintptr_t retaddr)
{
    g_assert_not_reached();
}
