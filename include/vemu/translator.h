/* SPDX-License-Identifier: MIT */
/*
 * The generic translation loop: a target supplies TranslatorOps, the loop
 * drives them one guest instruction at a time (accel/tcg/translator.c).
 */
#ifndef VEMU_TRANSLATOR_H
#define VEMU_TRANSLATOR_H

#include "vemu/exec.h"
#include "vemu/tcg-op.h"

typedef enum DisasJumpType {
    DISAS_NEXT,       /* keep translating */
    DISAS_TOO_MANY,   /* stop: insn or page limit; tb_stop chains to pc_next */
    DISAS_NORETURN,   /* the insn already left the TB (exception, goto_tb) */
    DISAS_TARGET_0,   /* first target-specific value */
    DISAS_TARGET_1,
    DISAS_TARGET_2,
    DISAS_TARGET_3,
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    vaddr pc_first;
    vaddr pc_next;        /* the translator advances it past each insn */
    DisasJumpType is_jmp;
    int num_insns;        /* including the one being translated */
    int max_insns;
} DisasContextBase;

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db, CPUState *cpu);
    void (*tb_start)(DisasContextBase *db, CPUState *cpu);
    void (*insn_start)(DisasContextBase *db, CPUState *cpu); /* emit it */
    void (*translate_insn)(DisasContextBase *db, CPUState *cpu);
    void (*tb_stop)(DisasContextBase *db, CPUState *cpu);
} TranslatorOps;

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db);

/*
 * Superblocks: a conditional branch need not end the TB; its taken side
 * becomes a side exit that tb_stop emits out of line after the main path
 * (branches to one target share one exit). Targets keep a SideExits in
 * their DisasContext.
 */
#define TRANSLATOR_MAX_SIDE_EXITS 4

typedef struct SideExit {
    TCGLabel *label;            /* where the taken brcond lands */
    vaddr from;                 /* pc of the branch */
    vaddr dest;                 /* its target */
} SideExit;

typedef struct SideExits {
    unsigned n;
    SideExit e[TRANSLATOR_MAX_SIDE_EXITS];
} SideExits;

/* The label of the side exit to dest, made on first use (from: the pc of
 * the branch). The caller bounds the number of branches. */
TCGLabel *translator_side_exit(SideExits *se, vaddr from, vaddr dest);
/*
 * Hand out the two goto_tb slots: first to backward side exits (loops,
 * the exits worth chaining most), then to the main path's direct exit
 * (if has_main), then to forward side exits in program order. Fills
 * side_slot[] and returns the main slot; -1 means no slot (the exit goes
 * through the jump cache).
 */
int translator_assign_slots(const SideExits *se, bool has_main,
                            int *side_slot);

/* May a direct (chained) jump be used to reach dest from this TB? */
bool translator_use_goto_tb(DisasContextBase *db, vaddr dest);

/*
 * Jump to the TB for the guest pc in `pc` (an indirect branch), assuming
 * the cpu flags are those of the current TB: inline jump-cache probe,
 * falling back to helper_lookup_tb_ptr.
 */
void translator_gen_lookup_and_goto_ptr(DisasContextBase *db, TCGv_i64 pc);

/*
 * Fetch insn bytes at pc for translation; false if not executable (the
 * target then ends the TB before pc, or raises the fetch fault if pc is
 * the TB's first insn). Records the pages the TB covers.
 */
bool translator_ld(CPUState *cpu, DisasContextBase *db, vaddr pc,
                   void *dest, unsigned size);

#endif
