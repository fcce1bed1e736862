/* SPDX-License-Identifier: MIT */
/*
 * goto_lookup: an indirect jump's probe of the vCPU's jump cache, written
 * once as a stub in the prologue page that every such TB exit jumps to.
 * Emitting the probe inline as IR took about 25 ops per TB (a third of a
 * typical kernel TB) for the same host instructions; the stub costs one
 * extra jmp at run time.
 *
 * In: rsi = the guest pc, rdx = the flags the target TB must have, env in
 * rbp (biased) as in TB code; every other register is free (the op ends
 * the block). The probe is accel/tcg's tb_jmp_cache_hash() and, with the
 * softmmu, the entry's epoch tag; a miss calls helper_lookup_tb_ptr.
 */
#include "accel/tcg/internal.h"
#include "tcg/x86_64/backend.h"
#include "vemu/softmmu.h"

uintptr_t x86_lookup_stub;

void x86_gen_lookup_stub(X86Code *c)
{
    size_t miss[4];
    int n = 0;

    G_STATIC_ASSERT(sizeof(TBJmpCacheEntry) == 16);
    x86_lookup_stub = x86_here(c);

    /* rax = &cpu->tb_jmp_cache[tb_jmp_cache_hash(pc)] */
    x86_emit_mov_rr(c, true, X86_RAX, X86_RSI);
    x86_emit_shift_ri(c, XS_SHR, true, X86_RAX, 2);
    x86_emit_arith_rr(c, XA_XOR, true, X86_RAX, X86_RSI);
    x86_emit_mov_rr(c, true, X86_RCX, X86_RSI);
    x86_emit_shift_ri(c, XS_SHR, true, X86_RCX, 9);
    x86_emit_arith_rr(c, XA_XOR, true, X86_RAX, X86_RCX);
    x86_emit_arith_ri(c, XA_AND, false, X86_RAX, TB_JMP_ADDR_MASK);
    x86_emit_mov_rr(c, true, X86_RCX, X86_RSI);
    x86_emit_shift_ri(c, XS_SHR, true, X86_RCX,
                      TARGET_PAGE_BITS - TB_JMP_ADDR_BITS);
    x86_emit_arith_ri(c, XA_AND, false, X86_RCX, TB_JMP_PAGE_MASK);
    x86_emit_arith_rr(c, XA_OR, false, X86_RAX, X86_RCX);
    x86_emit_shift_ri(c, XS_SHL, true, X86_RAX, 4);
    x86_emit_arith_rm(c, XA_ADD, true, X86_RAX, X86_AREG0,
                      x86_env_off(X86_AREG0,
                                  offsetof(CPUState, tb_jmp_cache)));

    /* rcx = its TB; none: miss. */
    x86_emit_ld(c, true, X86_RCX, X86_RAX, offsetof(TBJmpCacheEntry, tb));
    x86_emit_modrm(c, XO_TESTL | XP_REXW, X86_RCX, X86_RCX);
    miss[n++] = x86_emit_jcc8(c, XC_E);
    if (softmmu_enabled) {
        /* tag == (pc & TARGET_PAGE_MASK) | cpu->tb_jmp_epoch */
        x86_emit_mov_rr(c, true, X86_RDI, X86_RSI);
        x86_emit_arith_ri(c, XA_AND, true, X86_RDI, TARGET_PAGE_MASK);
        x86_emit_arith_rm(c, XA_OR, true, X86_RDI, X86_AREG0,
                          x86_env_off(X86_AREG0,
                                      offsetof(CPUState, tb_jmp_epoch)));
        x86_emit_arith_rm(c, XA_CMP, true, X86_RDI, X86_RAX,
                          offsetof(TBJmpCacheEntry, tag));
        miss[n++] = x86_emit_jcc8(c, XC_NE);
    }
    x86_emit_arith_rm(c, XA_CMP, true, X86_RSI, X86_RCX,
                      offsetof(TranslationBlock, pc));
    miss[n++] = x86_emit_jcc8(c, XC_NE);
    x86_emit_arith_rm(c, XA_CMP, true, X86_RDX, X86_RCX,
                      offsetof(TranslationBlock, flags));
    miss[n++] = x86_emit_jcc8(c, XC_NE);
    x86_emit_modrm_offset(c, XO_GRP5, X5_JMPN, X86_RCX,
                          offsetof(TranslationBlock, tc_ptr));

    /*
     * Miss (a few dozen bytes on, so short jumps): the helper finds the
     * TB or returns to the main loop.
     */
    for (int i = 0; i < n; i++) {
        g_assert(c->pos - (miss[i] + 1) <= 127);
        x86_patch_rel8(c, miss[i]);
    }
    x86_emit_lea(c, true, X86_RDI, X86_AREG0, -1, 0, -x86_env_bias);
    x86_emit_call(c, (uintptr_t)helper_lookup_tb_ptr);
    x86_emit_modrm(c, XO_GRP5, X5_JMPN, X86_RAX);
}
