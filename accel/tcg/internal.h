/* SPDX-License-Identifier: MIT */
/* Internal interfaces between the files of accel/tcg. */
#ifndef ACCEL_TCG_INTERNAL_H
#define ACCEL_TCG_INTERNAL_H

#include "vemu/exec.h"
#include "vemu/log.h"
#include "vemu/tcg.h"

/* tb-maint.c */
void tb_maint_init(void);
void tb_lock(void);
void tb_unlock(void);
TranslationBlock *tb_htable_lookup(CPUState *cpu, vaddr pc, uint64_t phys_pc,
                                   uint64_t flags, uint32_t cflags);
void tb_link(TranslationBlock *tb);
void tb_add_jump(TranslationBlock *src, int n, TranslationBlock *dst);
void tb_flush_locked(void);

/* translate-all.c */
const TCGBackend *tcg_ctx_backend(void);
bool code_buffer_contains(uintptr_t addr);
void code_buffer_reset(void);
/* Translate a new TB; may flush the whole cache (then longjmps out). */
TranslationBlock *tb_gen_code(CPUState *cpu, vaddr pc, uint64_t phys_pc,
                              uint64_t flags, uint32_t cflags);
/* A fault longjmp'd out of the translator: free its half-built TB. */
void tb_gen_code_abandoned(void);
/* Default cflags for new TBs (nochain when exec logging is on). */
static inline uint32_t tb_default_cflags(void)
{
    if (vemu_log_enabled(LOG_EXEC | LOG_CPU | LOG_NOCHAIN)) {
        return CF_NO_GOTO_TB | CF_NO_GOTO_PTR;
    }
    return 0;
}

/*
 * The jump cache index: the high bits come from the page number, the low
 * bits from the offset in the page, so that flushing one page
 * (tb_jmp_cache_clear_page) only looks at the entries of its group. The
 * offset keeps 8 bits of 2-byte or 4-byte aligned pcs, so that the TBs
 * of a hot loop in one page seldom share an entry (a shared entry sends
 * every lookup of both to the hash table).
 */
#define TB_JMP_ADDR_BITS 8
#define TB_JMP_PAGE_BITS (TB_JMP_CACHE_BITS - TB_JMP_ADDR_BITS)
#define TB_JMP_ADDR_MASK ((1u << TB_JMP_ADDR_BITS) - 1)
#define TB_JMP_PAGE_MASK (((1u << TB_JMP_PAGE_BITS) - 1) << TB_JMP_ADDR_BITS)

static inline uint32_t tb_jmp_cache_page_group(vaddr pc)
{
    return (uint32_t)(pc >> (TARGET_PAGE_BITS - TB_JMP_ADDR_BITS)) &
           TB_JMP_PAGE_MASK;
}

static inline uint32_t tb_jmp_cache_hash(vaddr pc)
{
    return tb_jmp_cache_page_group(pc) |
           ((uint32_t)(pc ^ (pc >> 2) ^ (pc >> 9)) & TB_JMP_ADDR_MASK);
}

/* The tag of a current jump cache entry for pc. */
static inline uint64_t tb_jmp_cache_tag(const CPUState *cpu, vaddr pc)
{
    return (pc & TARGET_PAGE_MASK) | cpu->tb_jmp_epoch;
}

static inline void tb_jmp_cache_set(CPUState *cpu, vaddr pc,
                                    TranslationBlock *tb)
{
    TBJmpCacheEntry *e = &cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)];

    e->tag = tb_jmp_cache_tag(cpu, pc);
    __atomic_store_n(&e->tb, tb, __ATOMIC_RELEASE);
}

/* disas.c */
void disas_host_code(FILE *f, const void *code, size_t size);
int disas_guest_insn(FILE *f, CPUState *cpu, vaddr pc, unsigned max);

#endif
