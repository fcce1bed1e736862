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
TranslationBlock *tb_htable_lookup(vaddr pc, uint64_t phys_pc,
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
 * The jump cache index: the high half comes from the page number, the
 * low half from the offset in the page, so that flushing one page
 * (tb_jmp_cache_clear_page) only looks at the entries of its group.
 */
#define TB_JMP_PAGE_BITS (TB_JMP_CACHE_BITS / 2)
#define TB_JMP_ADDR_MASK ((1u << TB_JMP_PAGE_BITS) - 1)
#define TB_JMP_PAGE_MASK (TB_JMP_ADDR_MASK << TB_JMP_PAGE_BITS)

static inline uint32_t tb_jmp_cache_page_group(vaddr pc)
{
    return (uint32_t)(pc >> (TARGET_PAGE_BITS - TB_JMP_PAGE_BITS)) &
           TB_JMP_PAGE_MASK;
}

static inline uint32_t tb_jmp_cache_hash(vaddr pc)
{
    return tb_jmp_cache_page_group(pc) |
           ((uint32_t)((pc >> 1) ^ (pc >> (TB_JMP_PAGE_BITS + 1))) &
            TB_JMP_ADDR_MASK);
}

/* disas.c */
void disas_host_code(FILE *f, const void *code, size_t size);
int disas_guest_insn(FILE *f, CPUState *cpu, vaddr pc, unsigned max);

#endif
