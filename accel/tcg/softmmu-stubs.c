/* SPDX-License-Identifier: MIT */
/*
 * Softmmu entry points for programs without system emulation (vemu-user,
 * unit tests of the JIT): softmmu_enabled is false there, so none of
 * these can be reached.
 */
#include <glib.h>

#include "vemu/exec.h"
#include "vemu/softmmu.h"

void tlb_init(CPUState *cpu)
{
}

void tlb_destroy(CPUState *cpu)
{
}

void tlb_flush(CPUState *cpu)
{
}

void tlb_protect_code(uint64_t ram_addr)
{
    g_assert_not_reached();
}

uint64_t get_page_addr_code(CPUState *cpu, vaddr addr, void **hostp)
{
    g_assert_not_reached();
}

uint64_t get_page_addr_code_probe(CPUState *cpu, vaddr addr)
{
    g_assert_not_reached();
}

bool tb_code_mapped(CPUState *cpu, const struct TranslationBlock *tb)
{
    g_assert_not_reached();
}

bool translator_ld_softmmu(CPUState *cpu, TranslationBlock *tb,
                           bool first_insn, vaddr pc, void *dest,
                           unsigned size)
{
    g_assert_not_reached();
}

bool translator_fetch_softmmu(CPUState *cpu, vaddr pc, void *dest,
                              unsigned size)
{
    g_assert_not_reached();
}

uint64_t helper_ld_mmu(void *env, uint64_t addr, uint32_t oi,
                       uintptr_t retaddr)
{
    g_assert_not_reached();
}

void helper_st_mmu(void *env, uint64_t addr, uint64_t val, uint32_t oi,
                   uintptr_t retaddr)
{
    g_assert_not_reached();
}
