/* SPDX-License-Identifier: MIT */
/*
 * The TCG opcode list, expanded with DEF(name, oargs, iargs, cargs, flags).
 * Argument order in TCGOp.args: outputs, then inputs, then constants.
 * Suffix _i32/_i64 is the type of every temp operand unless said otherwise.
 */

/* Control and bookkeeping */
DEF(discard, 1, 0, 0, TCG_OPF_NOT_PRESENT)          /* temp is dead from here */
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_NOT_PRESENT) /* label */
DEF(call, 0, 0, 3, TCG_OPF_CALL_CLOBBER)            /* see TCGOp call layout */
DEF(br, 0, 0, 1, TCG_OPF_BB_END)                    /* label */
DEF(mb, 0, 0, 1, TCG_OPF_NOT_PRESENT)               /* TCGBar */
/* insn_start: guest data words (pc, target extra); marks an insn boundary */
DEF(insn_start, 0, 0, TCG_INSN_START_WORDS, TCG_OPF_NOT_PRESENT)
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END) /* value returned */
DEF(goto_tb, 0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END) /* slot 0/1 */
DEF(goto_ptr, 0, 1, 0, TCG_OPF_BB_EXIT | TCG_OPF_BB_END) /* i64 host addr */
/* Go to the TB for guest pc (i64) with the given TB flags (the constant):
 * jump cache, else helper_lookup_tb_ptr. Backends with has_goto_lookup. */
DEF(goto_lookup, 0, 1, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)

/* 32-bit */
DEF(mov_i32, 1, 1, 0, TCG_OPF_NOT_PRESENT)
DEF(setcond_i32, 1, 2, 1, 0)                        /* cond */
DEF(movcond_i32, 1, 4, 1, 0)                        /* r = c1 cond c2 ? v1 : v2 */
DEF(brcond_i32, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH) /* cond, label */
DEF(ld8u_i32, 1, 1, 1, 0)                           /* host load: base ptr, offset */
DEF(ld8s_i32, 1, 1, 1, 0)
DEF(ld16u_i32, 1, 1, 1, 0)
DEF(ld16s_i32, 1, 1, 1, 0)
DEF(ld_i32, 1, 1, 1, 0)
DEF(st8_i32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)         /* value, base ptr, offset */
DEF(st16_i32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(st_i32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(add_i32, 1, 2, 0, 0)
DEF(sub_i32, 1, 2, 0, 0)
DEF(mul_i32, 1, 2, 0, 0)
DEF(div_i32, 1, 2, 0, 0)    /* undefined for /0 and INT_MIN/-1: frontends guard */
DEF(divu_i32, 1, 2, 0, 0)
DEF(rem_i32, 1, 2, 0, 0)
DEF(remu_i32, 1, 2, 0, 0)
DEF(and_i32, 1, 2, 0, 0)
DEF(or_i32, 1, 2, 0, 0)
DEF(xor_i32, 1, 2, 0, 0)
DEF(andc_i32, 1, 2, 0, 0)   /* a & ~b */
DEF(orc_i32, 1, 2, 0, 0)    /* a | ~b */
DEF(shl_i32, 1, 2, 0, 0)    /* shift counts are taken modulo 32 */
DEF(shr_i32, 1, 2, 0, 0)
DEF(sar_i32, 1, 2, 0, 0)
DEF(rotl_i32, 1, 2, 0, 0)
DEF(rotr_i32, 1, 2, 0, 0)
DEF(neg_i32, 1, 1, 0, 0)
DEF(not_i32, 1, 1, 0, 0)
DEF(ext8s_i32, 1, 1, 0, 0)
DEF(ext8u_i32, 1, 1, 0, 0)
DEF(ext16s_i32, 1, 1, 0, 0)
DEF(ext16u_i32, 1, 1, 0, 0)
DEF(bswap16_i32, 1, 1, 0, 0) /* result zero-extended */
DEF(bswap32_i32, 1, 1, 0, 0)
DEF(clz_i32, 1, 2, 0, 0)    /* r = a ? clz(a) : b */
DEF(ctz_i32, 1, 2, 0, 0)    /* r = a ? ctz(a) : b */
DEF(ctpop_i32, 1, 1, 0, 0)
DEF(mulsh_i32, 1, 2, 0, 0)  /* high half of the signed product */
DEF(muluh_i32, 1, 2, 0, 0)  /* high half of the unsigned product */

/* 64-bit */
DEF(mov_i64, 1, 1, 0, TCG_OPF_NOT_PRESENT | TCG_OPF_64BIT)
DEF(setcond_i64, 1, 2, 1, TCG_OPF_64BIT)
DEF(movcond_i64, 1, 4, 1, TCG_OPF_64BIT)
DEF(brcond_i64, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH | TCG_OPF_64BIT)
DEF(ld8u_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF(ld8s_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF(ld16u_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF(ld16s_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF(ld32u_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF(ld32s_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF(ld_i64, 1, 1, 1, TCG_OPF_64BIT)
DEF(st8_i64, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_64BIT)
DEF(st16_i64, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_64BIT)
DEF(st32_i64, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_64BIT)
DEF(st_i64, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_64BIT)
DEF(add_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(sub_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(mul_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(div_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(divu_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(rem_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(remu_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(and_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(or_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(xor_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(andc_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(orc_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(shl_i64, 1, 2, 0, TCG_OPF_64BIT)    /* shift counts are taken modulo 64 */
DEF(shr_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(sar_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(rotl_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(rotr_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(neg_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(not_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(ext8s_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(ext8u_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(ext16s_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(ext16u_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(ext32s_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(ext32u_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(bswap16_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(bswap32_i64, 1, 1, 0, TCG_OPF_64BIT) /* of the low 32 bits, zero-extended */
DEF(bswap64_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(clz_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(ctz_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(ctpop_i64, 1, 1, 0, TCG_OPF_64BIT)
DEF(mulsh_i64, 1, 2, 0, TCG_OPF_64BIT)
DEF(muluh_i64, 1, 2, 0, TCG_OPF_64BIT)

/* Conversions between the two sizes */
DEF(ext_i32_i64, 1, 1, 0, TCG_OPF_64BIT)   /* sign-extend i32 -> i64 */
DEF(extu_i32_i64, 1, 1, 0, TCG_OPF_64BIT)  /* zero-extend i32 -> i64 */
DEF(extrl_i64_i32, 1, 1, 0, 0)             /* low half of i64 -> i32 */
DEF(extrh_i64_i32, 1, 1, 0, 0)             /* high half of i64 -> i32 */

/* Guest memory: value, address (always i64), MemOpIdx constant */
DEF(qemu_ld_i32, 1, 1, 1, TCG_OPF_SIDE_EFFECTS)
DEF(qemu_st_i32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS)
DEF(qemu_ld_i64, 1, 1, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_64BIT)
DEF(qemu_st_i64, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_64BIT)
