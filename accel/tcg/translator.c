/* SPDX-License-Identifier: MIT */
/*
 * The generic translation loop shared by every target, and guest code
 * fetch for the translator (user mode: guest memory at guest_base).
 */
#include <stddef.h>
#include <string.h>

#include <glib.h>

#include "accel/tcg/internal.h"
#include "vemu/debug.h"
#include "vemu/helper-gen.h"
#include "vemu/softmmu.h"
#include "vemu/translator.h"

/* Stop a TB early when the IR grows this large (temps are finite). */
#define TB_MAX_TEMPS_MARGIN 128

bool translator_use_goto_tb(DisasContextBase *db, vaddr dest)
{
    if (db->tb->cflags & CF_NO_GOTO_TB) {
        return false;
    }
    /*
     * Chaining across pages is safe in user mode: invalidating a page
     * unchains every jump into its TBs. In system mode the mapping of
     * another page may change under the jump (only a TLB flush tells):
     * chain within the TB's first page only.
     */
    return !softmmu_enabled ||
           ((dest ^ db->pc_first) & TARGET_PAGE_MASK) == 0;
}

static bool tb_note_page(TranslationBlock *tb, vaddr page)
{
    for (int i = 0; i < 2; i++) {
        if (tb->page_addr[i] == page) {
            return true;
        }
        if (tb->page_addr[i] == (vaddr)-1) {
            tb->page_addr[i] = page;
            return true;
        }
    }
    return false;   /* a TB covers at most two pages */
}

bool translator_ld(CPUState *cpu, DisasContextBase *db, vaddr pc,
                   void *dest, unsigned size)
{
    TranslationBlock *tb = db->tb;
    vaddr first = pc & TARGET_PAGE_MASK;
    vaddr last = (pc + size - 1) & TARGET_PAGE_MASK;
    vaddr saved[2] = { tb->page_addr[0], tb->page_addr[1] };

    if (softmmu_enabled) {
        return translator_ld_softmmu(cpu, tb, db->num_insns <= 1, pc, dest,
                                     size);
    }
    if (!tb_note_page(tb, first) || !tb_note_page(tb, last)) {
        tb->page_addr[0] = saved[0];
        tb->page_addr[1] = saved[1];
        return false;
    }
    if (!page_check_exec(pc, size)) {
        tb->page_addr[0] = saved[0];
        tb->page_addr[1] = saved[1];
        return false;
    }
    memcpy(dest, (const void *)(guest_base + (uintptr_t)pc), size);
    return true;
}

bool translator_fetch(CPUState *cpu, vaddr pc, void *dest, unsigned size)
{
    if (softmmu_enabled) {
        return translator_fetch_softmmu(cpu, pc, dest, size);
    }
    if (!page_check_exec(pc, size)) {
        return false;
    }
    memcpy(dest, (const void *)(guest_base + (uintptr_t)pc), size);
    return true;
}

/*
 * Indirect jump: probe this vCPU's jump cache from generated code and jump
 * straight to the TB for `pc` when it is there with the same flags; else
 * ask helper_lookup_tb_ptr (which may return to the main loop).
 */
void translator_gen_lookup_and_goto_ptr(DisasContextBase *db, TCGv_i64 pc)
{
    TCGLabel *slow;
    TCGv_i64 hash, tmp;
    TCGv_ptr entry, tb, code;

    G_STATIC_ASSERT(sizeof(TBJmpCacheEntry) == 16);
    if (db->tb->cflags & CF_NO_GOTO_PTR) {
        tcg_gen_lookup_and_goto_ptr();
        return;
    }
    if (tcg_ctx->backend && tcg_ctx->backend->has_goto_lookup) {
        /* The same probe, written once by the backend. */
        tcg_gen_goto_lookup(pc, db->tb->flags);
        return;
    }
    slow = gen_new_label();
    hash = tcg_temp_new_i64();
    tmp = tcg_temp_new_i64();
    entry = tcg_temp_new_ptr();
    tb = tcg_temp_new_ptr();
    code = tcg_temp_new_ptr();

    /* entry = &cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)] */
    tcg_gen_shri_i64(hash, pc, 2);
    tcg_gen_xor_i64(hash, hash, pc);
    tcg_gen_shri_i64(tmp, pc, 9);
    tcg_gen_xor_i64(hash, hash, tmp);
    tcg_gen_andi_i64(hash, hash, TB_JMP_ADDR_MASK);
    tcg_gen_shri_i64(tmp, pc, TARGET_PAGE_BITS - TB_JMP_ADDR_BITS);
    tcg_gen_andi_i64(tmp, tmp, TB_JMP_PAGE_MASK);
    tcg_gen_or_i64(hash, hash, tmp);
    tcg_gen_shli_i64(hash, hash, 4);
    tcg_gen_ld_ptr(entry, tcg_env, offsetof(CPUState, tb_jmp_cache));
    tcg_gen_add_i64(tcgv_ptr_as_i64(entry), tcgv_ptr_as_i64(entry), hash);

    /*
     * A cached TB is valid (invalidation clears every entry naming it);
     * in system mode its entry must be of this epoch (checked since the
     * last TLB flush): tag == (pc & TARGET_PAGE_MASK) | epoch.
     */
    tcg_gen_ld_ptr(tb, entry, offsetof(TBJmpCacheEntry, tb));
    tcg_gen_brcondi_i64(TCG_COND_EQ, tcgv_ptr_as_i64(tb), 0, slow);
    if (softmmu_enabled) {
        tcg_gen_ld_i64(hash, tcg_env, offsetof(CPUState, tb_jmp_epoch));
        tcg_gen_andi_i64(tmp, pc, TARGET_PAGE_MASK);
        tcg_gen_or_i64(hash, hash, tmp);
        tcg_gen_ld_i64(tmp, entry, offsetof(TBJmpCacheEntry, tag));
        tcg_gen_brcond_i64(TCG_COND_NE, tmp, hash, slow);
    }
    tcg_gen_ld_i64(tmp, tb, offsetof(TranslationBlock, pc));
    tcg_gen_brcond_i64(TCG_COND_NE, tmp, pc, slow);
    tcg_gen_ld_i64(tmp, tb, offsetof(TranslationBlock, flags));
    tcg_gen_brcondi_i64(TCG_COND_NE, tmp, db->tb->flags, slow);
    tcg_gen_ld_ptr(code, tb, offsetof(TranslationBlock, tc_ptr));
    tcg_gen_goto_ptr(code);

    gen_set_label(slow);
    tcg_gen_lookup_and_goto_ptr();
}

GEN_HELPER_VOID_2(debug_breakpoint, 0, ptr, i64)

/*
 * A debugger breakpoint at the next insn: on the TB's first insn, stop
 * there with EXCP_DEBUG instead of translating it; later in the TB, end
 * the TB before it (the next TB starts with it). True if the TB ends.
 */
static bool translator_breakpoint(CPUState *cpu, DisasContextBase *db,
                                  const TranslatorOps *ops)
{
    if (!cpu_breakpoint_test(cpu, db->pc_next)) {
        return false;
    }
    if (db->num_insns > 0) {
        db->is_jmp = DISAS_TOO_MANY;
        return true;
    }
    db->num_insns++;
    ops->insn_start(db, cpu);
    gen_helper_debug_breakpoint(tcg_env, tcg_constant_i64(db->pc_next));
    /* Give the TB a size so that it covers the breakpoint's bytes. */
    db->pc_next += 1;
    db->is_jmp = DISAS_NORETURN;
    return true;
}

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db)
{
    TCGLabel *exit_label = gen_new_label();
    TCGv_i32 request = tcg_temp_new_i32();

    db->tb = tb;
    db->pc_first = tb->pc;
    db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns;
    ops->init_disas_context(db, cpu);

    /* Leave before the first insn when the vCPU is asked to stop. */
    tcg_gen_ld_i32(request, tcg_env, offsetof(CPUState, exit_request));
    tcg_gen_brcondi_i32(TCG_COND_NE, request, 0, exit_label);

    ops->tb_start(db, cpu);
    for (;;) {
        if (translator_breakpoint(cpu, db, ops)) {
            break;
        }
        db->num_insns++;
        ops->insn_start(db, cpu);
        ops->translate_insn(db, cpu);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns ||
            db->num_insns >= TCG_MAX_INSNS ||
            tcg_ctx->nb_temps > TCG_MAX_TEMPS - TB_MAX_TEMPS_MARGIN ||
            tcg_ctx->nb_labels > TCG_MAX_LABELS - 16) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db, cpu);

    gen_set_label(exit_label);
    tcg_gen_exit_tb(tb, TB_EXIT_REQUESTED);

    tb->size = db->pc_next - db->pc_first;
    tb->icount = db->num_insns;
}

TCGLabel *translator_side_exit(SideExits *se, vaddr from, vaddr dest)
{
    SideExit *x;

    for (unsigned i = 0; i < se->n; i++) {
        if (se->e[i].dest == dest) {
            return se->e[i].label;
        }
    }
    g_assert(se->n < TRANSLATOR_MAX_SIDE_EXITS);
    x = &se->e[se->n++];
    x->label = gen_new_label();
    x->from = from;
    x->dest = dest;
    return x->label;
}

int translator_assign_slots(const SideExits *se, bool has_main,
                            int *side_slot)
{
    int next = 0, main_slot = -1;

    for (unsigned i = 0; i < se->n; i++) {
        side_slot[i] = -1;
        if (se->e[i].dest <= se->e[i].from && next < 2) {
            side_slot[i] = next++;
        }
    }
    if (has_main && next < 2) {
        main_slot = next++;
    }
    for (unsigned i = 0; i < se->n; i++) {
        if (side_slot[i] < 0 && next < 2) {
            side_slot[i] = next++;
        }
    }
    return main_slot;
}
