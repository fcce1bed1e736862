/* SPDX-License-Identifier: MIT */
/*
 * The softmmu TLB (accel/tcg/cputlb.c): per vCPU and MMU index, a direct
 * mapped table from guest virtual page to host RAM. Generated code looks
 * entries up inline; misses, MMIO, code pages and misaligned accesses go
 * to the slow path, which calls the target's tlb_fill (its page walk).
 *
 * Tags hold the page address plus flag bits below the page offset, so an
 * entry with any flag set never matches the inline compare.
 */
#ifndef VEMU_SOFTMMU_H
#define VEMU_SOFTMMU_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"
#include "vemu/memop.h"

/* True in the system emulator (set before tcg_exec_init). */
extern bool softmmu_enabled;

#define NB_MMU_MODES 8   /* CPUState.tlb_fast */
#define CPU_TLB_BITS 10
#define CPU_TLB_SIZE (1u << CPU_TLB_BITS)
#define CPU_TLB_ENTRY_BITS 5
#define CPU_VTLB_SIZE 8

/* Flag bits in the tags (below TARGET_PAGE_BITS, above the align bits). */
#define TLB_INVALID_MASK (1u << 11)  /* no mapping for this access type */
#define TLB_MMIO (1u << 10)          /* not RAM: dispatch to the device */
#define TLB_NOTDIRTY (1u << 9)       /* RAM page with translated code */
#define TLB_WATCHPOINT (1u << 8)     /* gdb watchpoint on the page */
#define TLB_FLAGS_MASK (TLB_INVALID_MASK | TLB_MMIO | TLB_NOTDIRTY | \
                        TLB_WATCHPOINT)

typedef struct CPUTLBEntry {
    uint64_t addr_read;    /* page | flags, or -1 */
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;      /* host address = guest vaddr + addend (RAM) */
} CPUTLBEntry;

_Static_assert(sizeof(CPUTLBEntry) == 1 << CPU_TLB_ENTRY_BITS,
               "CPUTLBEntry size");

/* What the slow path needs beyond the fast entry. */
typedef struct CPUTLBEntryFull {
    hwaddr phys;           /* guest physical page */
    uint64_t ram_addr;     /* RAM: ram_addr of the page; else -1 */
    struct MemoryRegion *mr;  /* the leaf region (MMIO dispatch) */
    hwaddr mr_offset;      /* offset of the page in mr */
    int prot;
} CPUTLBEntryFull;

typedef struct CPUTLBDesc {
    CPUTLBEntry table[CPU_TLB_SIZE];
    CPUTLBEntryFull full[CPU_TLB_SIZE];
    CPUTLBEntry vtable[CPU_VTLB_SIZE];     /* victims of evictions */
    CPUTLBEntryFull vfull[CPU_VTLB_SIZE];
    unsigned vindex;
    /* Pages larger than TARGET_PAGE_SIZE entered since the last flush. */
    vaddr large_page_addr, large_page_mask;
} CPUTLBDesc;

typedef struct CPUTLB {
    CPUTLBDesc d[NB_MMU_MODES];
    /* MMU indexes with entries since their last flush: a flush skips
     * the others (a Linux context switch flushes everything). */
    uint16_t used_idx;
} CPUTLB;

/* Access types of tlb_fill and faults. */
typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

enum { PAGE_READ = 1, PAGE_WRITE = 2, PAGE_EXEC = 4 };

void tlb_init(CPUState *cpu);
void tlb_destroy(CPUState *cpu);

/*
 * The target's tlb_fill found a translation: enter it. size is the page
 * size the walk found (>= TARGET_PAGE_SIZE); prot is PAGE_* bits.
 */
void tlb_set_page(CPUState *cpu, vaddr va, hwaddr pa, int prot, int mmu_idx,
                  uint64_t size);

/* Flushes of this vCPU's TLB (call on the vCPU's own thread). */
void tlb_flush(CPUState *cpu);
void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap);
void tlb_flush_page(CPUState *cpu, vaddr addr);
void tlb_flush_page_by_mmuidx(CPUState *cpu, vaddr addr, uint16_t idxmap);
/* The same, comparing only the low bits of addresses (AArch64 TBI: 56). */
void tlb_flush_page_bits_by_mmuidx(CPUState *cpu, vaddr addr,
                                   uint16_t idxmap, unsigned bits);
/* From any thread: flush at the vCPU's next TB boundary. */
void tlb_flush_async(CPUState *cpu);
/* HMP info tlb: the valid entries, "mmuN vaddr -> paddr rwx". */
void tlb_dump(CPUState *cpu, GString *out);

/*
 * Helpers' guest accesses: value (zero/sign-extended as the memop says)
 * with full translation, faults raised through the target with ra.
 */
uint64_t cpu_ld_mmu(CPUState *cpu, vaddr addr, MemOpIdx oi, uintptr_t ra);
void cpu_st_mmu(CPUState *cpu, vaddr addr, uint64_t val, MemOpIdx oi,
                uintptr_t ra);

/*
 * Host pointer for size bytes at addr (within one page) for the access,
 * raising the guest fault (not returning) if it is not allowed; NULL if
 * the page is MMIO. Works in user mode too (guest_base).
 */
void *probe_access(CPUState *cpu, vaddr addr, unsigned size,
                   MMUAccessType access, int mmu_idx, uintptr_t ra);

/*
 * Translate a code address to its ram_addr for the TB cache (raising the
 * fetch fault if unmapped). -1 if the page is not RAM (execution from
 * MMIO: the caller translates one insn at a time, uncached).
 */
uint64_t get_page_addr_code(CPUState *cpu, vaddr addr, void **hostp);
/* The same without raising: -1 for a fault too. */
uint64_t get_page_addr_code_probe(CPUState *cpu, vaddr addr);
/* Whether tb's pages map as when it was translated (never raises). */
struct TranslationBlock;
bool tb_code_mapped(CPUState *cpu, const struct TranslationBlock *tb);

/* Slow paths called from generated code (softmmu loads and stores). */
uint64_t helper_ld_mmu(void *env, uint64_t addr, uint32_t oi,
                       uintptr_t retaddr);
void helper_st_mmu(void *env, uint64_t addr, uint64_t val, uint32_t oi,
                   uintptr_t retaddr);

/*
 * Translator code fetch in system mode (accel/tcg/translator.c calls
 * these): records the ram pages in tb->page_addr; the TB's first insn
 * raises its fetch fault, later ones just fail.
 */
struct TranslationBlock;
bool translator_ld_softmmu(CPUState *cpu, struct TranslationBlock *tb,
                           bool first_insn, vaddr pc, void *dest,
                           unsigned size);
bool translator_fetch_softmmu(CPUState *cpu, vaddr pc, void *dest,
                              unsigned size);

/* Mark a ram page as holding code: later stores go through the slow
 * path and invalidate its TBs. */
void tlb_protect_code(uint64_t ram_addr);

#endif
