/* SPDX-License-Identifier: MIT */
/* VMSAv8-64 stage 1 translation (stub). */
#include "target/arm/cpu.h"
#include "target/arm/internals.h"

bool arm_tlb_fill(CPUState *cpu, vaddr addr, int size, int access_type,
                  int mmu_idx, bool probe, uintptr_t ra)
{
    CPUARMState *env = arm_env(cpu);

    env->sys->tlb_set_page(cpu, addr & ~0xfffull, addr & ~0xfffull, 7,
                           mmu_idx, 4096);
    return true;
}

hwaddr arm_get_phys_page_debug(CPUState *cpu, vaddr addr)
{
    return addr & ~0xfffull;
}

uint64_t arm_at_translate(CPUARMState *env, uint64_t va, int mmu_idx,
                          int access)
{
    return 1;
}

void arm_tlbi(CPUARMState *env, uint32_t key, uint64_t val)
{
}
