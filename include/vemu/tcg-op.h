/* SPDX-License-Identifier: MIT */
/*
 * The frontends' API for emitting TCG IR (implemented in tcg/tcg-op.c).
 *
 * Handles (TCGv_i32, TCGv_i64, TCGv_ptr) are temp indices disguised as
 * pointers, so a global created once is valid in every thread's context.
 * Immediate forms (addi, shli...) take an int64_t and use interned
 * constants; the optimizer folds them.
 */
#ifndef VEMU_TCG_OP_H
#define VEMU_TCG_OP_H

#include "vemu/tcg.h"

typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef struct TCGv_ptr_d *TCGv_ptr;

static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v)
{
    return &tcg_ctx->temps[(uintptr_t)v - 1];
}

static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v)
{
    return &tcg_ctx->temps[(uintptr_t)v - 1];
}

static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v)
{
    return &tcg_ctx->temps[(uintptr_t)v - 1];
}

static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t)
{
    return (TCGv_i32)(uintptr_t)(t->index + 1);
}

static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t)
{
    return (TCGv_i64)(uintptr_t)(t->index + 1);
}

static inline TCGv_ptr temp_tcgv_ptr(TCGTemp *t)
{
    return (TCGv_ptr)(uintptr_t)(t->index + 1);
}

/* The env pointer (CPU state of the running vCPU). */
#define tcg_env ((TCGv_ptr)(uintptr_t)(TCG_ENV_TEMP_INDEX + 1))

/* Globals: call from a target's tcg_init(), once, before any translation. */
TCGv_i32 tcg_global_mem_new_i32(intptr_t offset, const char *name);
TCGv_i64 tcg_global_mem_new_i64(intptr_t offset, const char *name);

/* Temps: tcg_temp_new_* die at the next label; tcg_temp_new_tb_* live on. */
TCGv_i32 tcg_temp_new_i32(void);
TCGv_i64 tcg_temp_new_i64(void);
TCGv_ptr tcg_temp_new_ptr(void);
TCGv_i32 tcg_temp_new_tb_i32(void);
TCGv_i64 tcg_temp_new_tb_i64(void);
void tcg_temp_free_i32(TCGv_i32 t);   /* optional: recycles the slot */
void tcg_temp_free_i64(TCGv_i64 t);
void tcg_temp_free_ptr(TCGv_ptr t);

/* Read-only interned constants (never write to them). */
TCGv_i32 tcg_constant_i32(int32_t v);
TCGv_i64 tcg_constant_i64(int64_t v);
TCGv_ptr tcg_constant_ptr(intptr_t v);

/* Labels and control flow. */
void gen_set_label(TCGLabel *l);
void tcg_gen_br(TCGLabel *l);
void tcg_gen_mb(TCGBar bar);
void tcg_gen_insn_start(uint64_t pc, uint64_t extra);
void tcg_gen_exit_tb(const struct TranslationBlock *tb, unsigned idx);
void tcg_gen_goto_tb(unsigned idx);
void tcg_gen_goto_ptr(TCGv_ptr dest);
/* Jump to the TB for the pc in env (indirect branches): helper + goto_ptr. */
void tcg_gen_lookup_and_goto_ptr(void);
/* The TB for pc and these TB flags (backends with has_goto_lookup). */
void tcg_gen_goto_lookup(TCGv_i64 pc, uint64_t flags);

/* Helper calls: ret may be NULL (void). Arguments are TCGTemp pointers. */
void tcg_gen_callN(void *func, unsigned flags, uint32_t typemask,
                   TCGTemp *ret, int nargs, TCGTemp **args);

#define DECL_OPS(T, S)                                                       \
    void tcg_gen_mov_##S(T r, T a);                                          \
    void tcg_gen_movi_##S(T r, int64_t v);                                   \
    void tcg_gen_add_##S(T r, T a, T b);                                     \
    void tcg_gen_addi_##S(T r, T a, int64_t b);                              \
    void tcg_gen_sub_##S(T r, T a, T b);                                     \
    void tcg_gen_subi_##S(T r, T a, int64_t b);                              \
    void tcg_gen_subfi_##S(T r, int64_t a, T b);                             \
    void tcg_gen_mul_##S(T r, T a, T b);                                     \
    void tcg_gen_muli_##S(T r, T a, int64_t b);                              \
    void tcg_gen_div_##S(T r, T a, T b);                                     \
    void tcg_gen_divu_##S(T r, T a, T b);                                    \
    void tcg_gen_rem_##S(T r, T a, T b);                                     \
    void tcg_gen_remu_##S(T r, T a, T b);                                    \
    void tcg_gen_mulsh_##S(T r, T a, T b);                                   \
    void tcg_gen_muluh_##S(T r, T a, T b);                                   \
    void tcg_gen_and_##S(T r, T a, T b);                                     \
    void tcg_gen_andi_##S(T r, T a, int64_t b);                              \
    void tcg_gen_or_##S(T r, T a, T b);                                      \
    void tcg_gen_ori_##S(T r, T a, int64_t b);                               \
    void tcg_gen_xor_##S(T r, T a, T b);                                     \
    void tcg_gen_xori_##S(T r, T a, int64_t b);                              \
    void tcg_gen_andc_##S(T r, T a, T b);                                    \
    void tcg_gen_orc_##S(T r, T a, T b);                                     \
    void tcg_gen_eqv_##S(T r, T a, T b);                                     \
    void tcg_gen_shl_##S(T r, T a, T b);                                     \
    void tcg_gen_shli_##S(T r, T a, int64_t b);                              \
    void tcg_gen_shr_##S(T r, T a, T b);                                     \
    void tcg_gen_shri_##S(T r, T a, int64_t b);                              \
    void tcg_gen_sar_##S(T r, T a, T b);                                     \
    void tcg_gen_sari_##S(T r, T a, int64_t b);                              \
    void tcg_gen_rotl_##S(T r, T a, T b);                                    \
    void tcg_gen_rotli_##S(T r, T a, int64_t b);                             \
    void tcg_gen_rotr_##S(T r, T a, T b);                                    \
    void tcg_gen_rotri_##S(T r, T a, int64_t b);                             \
    void tcg_gen_neg_##S(T r, T a);                                          \
    void tcg_gen_not_##S(T r, T a);                                          \
    void tcg_gen_ext8s_##S(T r, T a);                                        \
    void tcg_gen_ext8u_##S(T r, T a);                                        \
    void tcg_gen_ext16s_##S(T r, T a);                                       \
    void tcg_gen_ext16u_##S(T r, T a);                                       \
    void tcg_gen_clz_##S(T r, T a, T b);                                     \
    void tcg_gen_clzi_##S(T r, T a, int64_t b);                              \
    void tcg_gen_ctz_##S(T r, T a, T b);                                     \
    void tcg_gen_ctzi_##S(T r, T a, int64_t b);                              \
    void tcg_gen_ctpop_##S(T r, T a);                                        \
    void tcg_gen_setcond_##S(TCGCond c, T r, T a, T b);                      \
    void tcg_gen_setcondi_##S(TCGCond c, T r, T a, int64_t b);               \
    void tcg_gen_movcond_##S(TCGCond c, T r, T c1, T c2, T v1, T v2);        \
    void tcg_gen_brcond_##S(TCGCond c, T a, T b, TCGLabel *l);               \
    void tcg_gen_brcondi_##S(TCGCond c, T a, int64_t b, TCGLabel *l);        \
    void tcg_gen_ld8u_##S(T r, TCGv_ptr base, intptr_t off);                 \
    void tcg_gen_ld8s_##S(T r, TCGv_ptr base, intptr_t off);                 \
    void tcg_gen_ld16u_##S(T r, TCGv_ptr base, intptr_t off);                \
    void tcg_gen_ld16s_##S(T r, TCGv_ptr base, intptr_t off);                \
    void tcg_gen_ld_##S(T r, TCGv_ptr base, intptr_t off);                   \
    void tcg_gen_st8_##S(T v, TCGv_ptr base, intptr_t off);                  \
    void tcg_gen_st16_##S(T v, TCGv_ptr base, intptr_t off);                 \
    void tcg_gen_st_##S(T v, TCGv_ptr base, intptr_t off);                   \
    void tcg_gen_qemu_ld_##S(T v, TCGv_i64 addr, unsigned mmu_idx, MemOp mo); \
    void tcg_gen_qemu_st_##S(T v, TCGv_i64 addr, unsigned mmu_idx, MemOp mo);

DECL_OPS(TCGv_i32, i32)
DECL_OPS(TCGv_i64, i64)
#undef DECL_OPS

void tcg_gen_bswap16_i32(TCGv_i32 r, TCGv_i32 a);
void tcg_gen_bswap32_i32(TCGv_i32 r, TCGv_i32 a);
void tcg_gen_bswap16_i64(TCGv_i64 r, TCGv_i64 a);
void tcg_gen_bswap32_i64(TCGv_i64 r, TCGv_i64 a);
void tcg_gen_bswap64_i64(TCGv_i64 r, TCGv_i64 a);
void tcg_gen_ext32s_i64(TCGv_i64 r, TCGv_i64 a);
void tcg_gen_ext32u_i64(TCGv_i64 r, TCGv_i64 a);
void tcg_gen_ld32u_i64(TCGv_i64 r, TCGv_ptr base, intptr_t off);
void tcg_gen_ld32s_i64(TCGv_i64 r, TCGv_ptr base, intptr_t off);
void tcg_gen_st32_i64(TCGv_i64 v, TCGv_ptr base, intptr_t off);
void tcg_gen_ext_i32_i64(TCGv_i64 r, TCGv_i32 a);
void tcg_gen_extu_i32_i64(TCGv_i64 r, TCGv_i32 a);
void tcg_gen_extrl_i64_i32(TCGv_i32 r, TCGv_i64 a);
void tcg_gen_extrh_i64_i32(TCGv_i32 r, TCGv_i64 a);
/* Bit field helpers built from shifts and masks. */
void tcg_gen_extract_i64(TCGv_i64 r, TCGv_i64 a, unsigned ofs, unsigned len);
void tcg_gen_sextract_i64(TCGv_i64 r, TCGv_i64 a, unsigned ofs, unsigned len);
void tcg_gen_deposit_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b,
                         unsigned ofs, unsigned len);

/* Pointer-sized ops (host pointers, e.g. into env). */
void tcg_gen_ld_ptr(TCGv_ptr r, TCGv_ptr base, intptr_t off);
void tcg_gen_addi_ptr(TCGv_ptr r, TCGv_ptr a, intptr_t b);

static inline TCGv_i64 tcgv_ptr_as_i64(TCGv_ptr p)
{
    return (TCGv_i64)p;
}

#endif
