/* SPDX-License-Identifier: MIT */
/*
 * Address translation for the softmmu: Sv39/Sv48/Sv57 page walks with
 * superpages and hardware A/D updates, U/SUM/MXR rules, PMP on the walk
 * and on the result, and the guest faults of TLB misses.
 */
#include <inttypes.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"
#include "vemu/exec.h"
#include "vemu/log.h"
#include "vemu/softmmu.h"

/* Privilege of an MMU index (and whether S-mode may touch U pages). */
static unsigned mmu_idx_priv(int mmu_idx)
{
    return mmu_idx == RISCV_MMU_IDX_S_SUM ? PRV_S : (unsigned)mmu_idx;
}

static int access_bit(int access)
{
    return access == MMU_DATA_STORE ? PAGE_WRITE
           : access == MMU_INST_FETCH ? PAGE_EXEC : PAGE_READ;
}

/*
 * Leaf rights for privilege priv: U pages belong to U-mode; S-mode
 * reaches them only for data and only with SUM. MXR makes executable
 * pages readable. (The caller drops write until the page is dirty.)
 */
static int pte_prot(CPURISCVState *env, uint64_t pte, unsigned priv,
                    bool sum)
{
    int prot = 0;

    if (pte & PTE_U) {
        if (priv == PRV_S && !sum) {
            return 0;
        }
    } else if (priv == PRV_U) {
        return 0;
    }
    if ((pte & PTE_R) || ((env->mstatus & MSTATUS_MXR) && (pte & PTE_X))) {
        prot |= PAGE_READ;
    }
    if (pte & PTE_W) {
        prot |= PAGE_WRITE;
    }
    if ((pte & PTE_X) && !((pte & PTE_U) && priv == PRV_S)) {
        prot |= PAGE_EXEC;
    }
    return prot;
}

/* The walk proper; *pa and *prot cover the 4K page holding va. */
static int page_walk(CPURISCVState *env, uint64_t va, int access,
                     unsigned priv, bool sum, bool debug, uint64_t *pa,
                     int *prot, uint64_t *page_size)
{
    CPUState *cpu = &env->parent;
    unsigned mode = env->satp >> SATP_MODE_SHIFT;
    unsigned levels = mode - SATP_MODE_SV39 + 3;
    unsigned va_bits = TARGET_PAGE_BITS + 9 * levels;
    uint64_t base;
    int tries = 0;

    /* The bits above the VA width must copy its top bit. */
    if ((uint64_t)((int64_t)(va << (64 - va_bits)) >> (64 - va_bits)) != va) {
        return RISCV_TRANSLATE_PAGE_FAULT;
    }
restart:
    base = (env->satp & SATP_PPN_MASK) << TARGET_PAGE_BITS;
    for (int level = levels - 1; level >= 0; level--) {
        unsigned shift = TARGET_PAGE_BITS + 9 * level;
        uint64_t pte_addr = base + ((va >> shift) & 511) * 8;
        uint64_t pte, ppn, want;
        int p;

        /* Implicit accesses of the walk are S-mode reads for PMP. */
        if (!riscv_pmp_check(env, pte_addr, 8, MMU_DATA_LOAD, PRV_S, NULL) ||
            !env->sys->pte_load(cpu, pte_addr, &pte)) {
            return RISCV_TRANSLATE_ACCESS_FAULT;
        }
        if (!(pte & PTE_V) || ((pte & (PTE_R | PTE_W)) == PTE_W) ||
            (pte & PTE_RESERVED)) {
            return RISCV_TRANSLATE_PAGE_FAULT;
        }
        ppn = (pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT;
        if (!(pte & (PTE_R | PTE_X))) {
            /* Pointer to the next level; A, D and U are reserved. */
            if (level == 0 || (pte & (PTE_A | PTE_D | PTE_U))) {
                return RISCV_TRANSLATE_PAGE_FAULT;
            }
            base = ppn << TARGET_PAGE_BITS;
            continue;
        }
        /* A superpage's PPN must be aligned to its size. */
        if (ppn & ((1ull << (9 * level)) - 1)) {
            return RISCV_TRANSLATE_PAGE_FAULT;
        }
        p = pte_prot(env, pte, priv, sum);
        if (debug) {
            p = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        } else {
            if (!(p & access_bit(access))) {
                return RISCV_TRANSLATE_PAGE_FAULT;
            }
            want = pte | PTE_A | (access == MMU_DATA_STORE ? PTE_D : 0);
            if (want != pte) {
                int r = env->sys->pte_cas(cpu, pte_addr, pte, want);

                if (r < 0) {
                    return RISCV_TRANSLATE_ACCESS_FAULT;
                }
                if (r > 0) {
                    /* Another hart changed the PTE: walk again. */
                    if (++tries > 100) {
                        return RISCV_TRANSLATE_PAGE_FAULT;
                    }
                    goto restart;
                }
                pte = want;
            }
            /* Writable once dirty: a clean page's first store walks
             * again and sets D. */
            if (!(pte & PTE_D)) {
                p &= ~PAGE_WRITE;
            }
        }
        *page_size = 1ull << shift;
        *pa = (ppn << TARGET_PAGE_BITS) | (va & (*page_size - 1));
        *prot = p;
        return RISCV_TRANSLATE_OK;
    }
    return RISCV_TRANSLATE_PAGE_FAULT;
}

int riscv_translate_addr(CPURISCVState *env, uint64_t va, int size,
                         int access, int mmu_idx, bool update_ad,
                         uint64_t *pa, int *prot, uint64_t *page_size)
{
    unsigned priv = mmu_idx_priv(mmu_idx);
    unsigned mode = env->satp >> SATP_MODE_SHIFT;
    bool debug = !update_ad;
    int pmp, ret;

    *page_size = TARGET_PAGE_SIZE;
    if (priv == PRV_M || mode == SATP_MODE_BARE) {
        *pa = va;
        *prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    } else {
        ret = page_walk(env, va, access, priv,
                        mmu_idx == RISCV_MMU_IDX_S_SUM, debug, pa, prot,
                        page_size);
        if (ret != RISCV_TRANSLATE_OK) {
            return ret;
        }
    }
    if (debug) {
        return RISCV_TRANSLATE_OK;
    }
    /*
     * PMP over the whole 4K page the TLB will map. A page only partly
     * inside an entry is checked for the access's own bytes instead, and
     * mapped for this access only (page size 1): the next access to the
     * page walks and checks again.
     */
    if (!riscv_pmp_check(env, *pa & TARGET_PAGE_MASK, TARGET_PAGE_SIZE,
                         access, priv, &pmp)) {
        if (!riscv_pmp_check(env, *pa, size > 0 ? size : 1, access, priv,
                             &pmp)) {
            return RISCV_TRANSLATE_ACCESS_FAULT;
        }
        *page_size = 1;
    }
    *prot &= pmp;
    if (!(*prot & access_bit(access))) {
        return RISCV_TRANSLATE_ACCESS_FAULT;
    }
    return RISCV_TRANSLATE_OK;
}

static int fault_cause(int ret, int access)
{
    static const int page_fault[3] = {
        RISCV_EXCP_LOAD_PAGE_FAULT, RISCV_EXCP_STORE_PAGE_FAULT,
        RISCV_EXCP_INST_PAGE_FAULT,
    };
    static const int access_fault[3] = {
        RISCV_EXCP_LOAD_ACCESS_FAULT, RISCV_EXCP_STORE_AMO_ACCESS_FAULT,
        RISCV_EXCP_INST_ACCESS_FAULT,
    };
    int a = access >= 0 && access < 3 ? access : 0;

    return ret == RISCV_TRANSLATE_PAGE_FAULT ? page_fault[a] : access_fault[a];
}

bool riscv_cpu_tlb_fill(CPUState *cpu, uint64_t addr, int size,
                        int access_type, int mmu_idx, bool probe,
                        uintptr_t ra)
{
    CPURISCVState *env = riscv_env(cpu);
    uint64_t pa, page_size;
    int prot;
    int ret = riscv_translate_addr(env, addr, size, access_type, mmu_idx,
                                   true, &pa, &prot, &page_size);

    if (ret == RISCV_TRANSLATE_OK) {
        vemu_log_mask(LOG_MMU, "riscv: tlb_fill %016" PRIx64 " -> %016"
                      PRIx64 " prot %x idx %d\n", addr, pa, prot, mmu_idx);
        env->sys->tlb_set_page(cpu, addr & TARGET_PAGE_MASK,
                               pa & TARGET_PAGE_MASK, prot, mmu_idx,
                               page_size);
        return true;
    }
    if (probe) {
        return false;
    }
    vemu_log_mask(LOG_MMU, "riscv: tlb_fill %016" PRIx64 " access %d idx %d"
                  " faults (%s)\n", addr, access_type, mmu_idx,
                  ret == RISCV_TRANSLATE_PAGE_FAULT ? "page" : "access");
    env->badaddr = addr;
    cpu->exception_index = fault_cause(ret, access_type);
    cpu_loop_exit_restore(cpu, ra);
}

/* For debuggers: data view first, then the fetch view. */
uint64_t riscv_cpu_get_phys_page_debug(CPUState *cpu, uint64_t addr)
{
    CPURISCVState *env = riscv_env(cpu);
    uint64_t pa, page_size;
    int prot;

    if (riscv_translate_addr(env, addr, 1, MMU_DATA_LOAD,
                             riscv_cpu_mmu_index(cpu, false), false, &pa,
                             &prot, &page_size) == RISCV_TRANSLATE_OK ||
        riscv_translate_addr(env, addr, 1, MMU_INST_FETCH,
                             riscv_cpu_mmu_index(cpu, true), false, &pa,
                             &prot, &page_size) == RISCV_TRANSLATE_OK) {
        return pa & TARGET_PAGE_MASK;
    }
    return (uint64_t)-1;
}

void riscv_cpu_do_unaligned_access(CPUState *cpu, uint64_t addr,
                                   int access_type, int mmu_idx,
                                   uintptr_t ra)
{
    static const int cause[3] = {
        RISCV_EXCP_LOAD_ADDR_MIS, RISCV_EXCP_STORE_AMO_ADDR_MIS,
        RISCV_EXCP_INST_ADDR_MIS,
    };

    riscv_env(cpu)->badaddr = addr;
    cpu->exception_index =
        cause[access_type >= 0 && access_type < 3 ? access_type : 0];
    cpu_loop_exit_restore(cpu, ra);
}

/* A bus error behind a valid translation: the access fault. */
void riscv_cpu_do_transaction_failed(CPUState *cpu, uint64_t phys,
                                     uint64_t addr, int size,
                                     int access_type, int mmu_idx,
                                     uintptr_t ra)
{
    vemu_log_mask(LOG_GUEST_ERROR, "riscv: bus error at %016" PRIx64
                  " (va %016" PRIx64 ")\n", phys, addr);
    riscv_env(cpu)->badaddr = addr;
    cpu->exception_index = fault_cause(RISCV_TRANSLATE_ACCESS_FAULT,
                                       access_type);
    cpu_loop_exit_restore(cpu, ra);
}
