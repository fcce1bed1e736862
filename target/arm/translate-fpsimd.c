/* SPDX-License-Identifier: MIT */
/*
 * A64 FP and Advanced SIMD to TCG IR: the decoder of a64-fpsimd.decode,
 * register access shared by its parts, and decode_a64_fpsimd().
 *
 * V registers live in env->vregs and are not TCG globals: loads, stores
 * and moves access them with ld/st on env, everything else calls a
 * helper (helper-fpsimd.h) that works on env->vregs directly. The parts
 * (loads and stores, scalar FP, SIMD) are .c.inc files because the
 * generated trans_ prototypes are static to this file.
 */
#include "target/arm/internals.h"
#include "vemu/tcg-op.h"
#define ARM_FPSIMD_GEN_HELPERS
#include "target/arm/helper-fpsimd.h"

#include "decode-a64-fpsimd.c.inc"

/* ---- V register access ---- */

static TCGv_i64 read_vreg_lo(int r)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_ld_i64(t, tcg_env, vreg_offset(r));
    return t;
}

static TCGv_i64 read_vreg_hi(int r)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_ld_i64(t, tcg_env, vreg_hi_offset(r));
    return t;
}

/* Lane `idx` of size `size` (0..3), zero-extended. */
static TCGv_i64 read_vreg_elt(int r, int idx, int size)
{
    TCGv_i64 t = tcg_temp_new_i64();
    intptr_t off = vreg_offset(r) + ((intptr_t)idx << size);

    switch (size) {
    case 0:
        tcg_gen_ld8u_i64(t, tcg_env, off);
        break;
    case 1:
        tcg_gen_ld16u_i64(t, tcg_env, off);
        break;
    case 2:
        tcg_gen_ld32u_i64(t, tcg_env, off);
        break;
    default:
        tcg_gen_ld_i64(t, tcg_env, off);
        break;
    }
    return t;
}

static void write_vreg_elt(int r, int idx, int size, TCGv_i64 v)
{
    intptr_t off = vreg_offset(r) + ((intptr_t)idx << size);

    switch (size) {
    case 0:
        tcg_gen_st8_i64(v, tcg_env, off);
        break;
    case 1:
        tcg_gen_st16_i64(v, tcg_env, off);
        break;
    case 2:
        tcg_gen_st32_i64(v, tcg_env, off);
        break;
    default:
        tcg_gen_st_i64(v, tcg_env, off);
        break;
    }
}

static void clear_vreg_hi(int r)
{
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, vreg_hi_offset(r));
}

/* Scalar writes: bits above the value (up to 127) become zero. */
static void write_fp_dreg(int r, TCGv_i64 v)
{
    tcg_gen_st_i64(v, tcg_env, vreg_offset(r));
    clear_vreg_hi(r);
}

static void write_fp_sreg(int r, TCGv_i64 v)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_ext32u_i64(t, v);
    write_fp_dreg(r, t);
}

static void write_fp_hreg(int r, TCGv_i64 v)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_ext16u_i64(t, v);
    write_fp_dreg(r, t);
}

/* An FP scalar of type ft (FT_S, FT_D, FT_H) zero-extended. */
static TCGv_i64 read_fp(int r, int ft)
{
    return read_vreg_elt(r, 0, ft == FT_D ? 3 : ft == FT_S ? 2 : 1);
}

static void write_fp(int r, int ft, TCGv_i64 v)
{
    if (ft == FT_D) {
        write_fp_dreg(r, v);
    } else if (ft == FT_S) {
        write_fp_sreg(r, v);
    } else {
        write_fp_hreg(r, v);
    }
}

/* Call a vector helper: void helper_v<op>(CPUARMState *, uint32_t). */
static void gen_vcall(void (*fn)(CPUARMState *, uint32_t), uint32_t desc)
{
    TCGTemp *args[2] = {
        tcgv_ptr_temp(tcg_env),
        tcgv_i32_temp(tcg_constant_i32((int32_t)desc)),
    };

    tcg_gen_callN((void *)fn, TCG_CALL_NO_RWG,
                  HG_TM(1, ptr) | HG_TM(2, i32), NULL, 2, args);
}

/* ---- flags and conditions (the split NZCV of cpu.h) ---- */

/* NZCV from a value holding them in bits 31:28. */
static void gen_set_nzcv(TCGv_i64 v)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_shli_i64(cpu_NF, v, 32);
    tcg_gen_andi_i64(t, v, PSTATE_Z);
    tcg_gen_setcondi_i64(TCG_COND_EQ, cpu_ZF, t, 0);
    tcg_gen_extract_i64(cpu_CF, v, 29, 1);
    tcg_gen_shli_i64(cpu_VF, v, 35);
}

/* 1 if condition `cond` (A64 encoding) holds, else 0. */
static TCGv_i64 gen_cond_value(int cond)
{
    TCGv_i64 r = tcg_temp_new_i64(), t = tcg_temp_new_i64();

    switch (cond >> 1) {
    case 0:                     /* EQ: Z */
        tcg_gen_setcondi_i64(TCG_COND_EQ, r, cpu_ZF, 0);
        break;
    case 1:                     /* CS: C */
        tcg_gen_setcondi_i64(TCG_COND_NE, r, cpu_CF, 0);
        break;
    case 2:                     /* MI: N */
        tcg_gen_setcondi_i64(TCG_COND_LT, r, cpu_NF, 0);
        break;
    case 3:                     /* VS: V */
        tcg_gen_setcondi_i64(TCG_COND_LT, r, cpu_VF, 0);
        break;
    case 4:                     /* HI: C && !Z */
        tcg_gen_setcondi_i64(TCG_COND_NE, r, cpu_CF, 0);
        tcg_gen_setcondi_i64(TCG_COND_NE, t, cpu_ZF, 0);
        tcg_gen_and_i64(r, r, t);
        break;
    case 5:                     /* GE: N == V */
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        tcg_gen_setcondi_i64(TCG_COND_GE, r, t, 0);
        break;
    case 6:                     /* GT: !Z && N == V */
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        tcg_gen_setcondi_i64(TCG_COND_GE, r, t, 0);
        tcg_gen_setcondi_i64(TCG_COND_NE, t, cpu_ZF, 0);
        tcg_gen_and_i64(r, r, t);
        break;
    default:                    /* AL, NV */
        tcg_gen_movi_i64(r, 1);
        return r;
    }
    if (cond & 1) {
        tcg_gen_xori_i64(r, r, 1);
    }
    return r;
}

#include "target/arm/translate-fpsimd-ldst.c.inc"
#include "target/arm/translate-fpsimd-fp.c.inc"
#include "target/arm/translate-fpsimd-simd.c.inc"

bool decode_a64_fpsimd(DisasContext *s, uint32_t insn)
{
    return decode_a64_fpsimd_insn(s, insn);
}
