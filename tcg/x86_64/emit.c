/* SPDX-License-Identifier: MIT */
/* x86-64 instruction encoder used by the host backend. */
#include "tcg/x86_64/emit.h"

void x86_emit_opc(X86Code *c, int opc, int r, int rm, int index)
{
    int rex = 0;

    if (opc & XP_DATA16) {
        x86_out8(c, 0x66);
    }
    if (opc & XP_F3) {
        x86_out8(c, 0xf3);
    } else if (opc & XP_F2) {
        x86_out8(c, 0xf2);
    }
    if (opc & XP_REXW) {
        rex |= 8;
    }
    rex |= (r & 8) >> 1;
    rex |= (index & 8) >> 2;
    rex |= (rm & 8) >> 3;
    /*
     * Byte registers 4..7 mean ah..bh without a REX prefix; an empty REX
     * selects spl/bpl/sil/dil instead.
     */
    if (((opc & XP_REXB_R) && r >= 4 && r < 8) ||
        ((opc & XP_REXB_RM) && rm >= 4 && rm < 8)) {
        rex |= 0x40;
    }
    if (rex) {
        x86_out8(c, 0x40 | rex);
    }
    if (opc & (XP_EXT | XP_EXT38)) {
        x86_out8(c, 0x0f);
        if (opc & XP_EXT38) {
            x86_out8(c, 0x38);
        }
    }
    x86_out8(c, opc & 0xff);
}

void x86_emit_modrm(X86Code *c, int opc, int r, int rm)
{
    x86_emit_opc(c, opc, r, rm, 0);
    x86_out8(c, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

void x86_emit_modrm_sib(X86Code *c, int opc, int r, int base, int index,
                        int shift, int32_t disp)
{
    int mod;

    x86_emit_opc(c, opc, r, base < 0 ? 0 : base, index < 0 ? 0 : index);
    if (base < 0 && index < 0) {
        /* RIP-relative: disp counts from the end of the instruction. */
        x86_out8(c, 0x05 | ((r & 7) << 3));
        x86_out32(c, disp);
        return;
    }
    if (base < 0) {
        x86_out8(c, 0x04 | ((r & 7) << 3));
        x86_out8(c, (shift << 6) | ((index & 7) << 3) | 5);
        x86_out32(c, disp);
        return;
    }
    /* rbp/r13 as a base have no disp-less form. */
    if (disp == 0 && (base & 7) != X86_RBP) {
        mod = 0x00;
    } else if (x86_fits_s8(disp)) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if (index < 0 && (base & 7) != X86_RSP) {
        x86_out8(c, mod | ((r & 7) << 3) | (base & 7));
    } else {
        /* SIB byte; index 4 (rsp) encodes "no index". */
        int idx = index < 0 ? 4 : (index & 7);

        x86_out8(c, mod | ((r & 7) << 3) | 4);
        x86_out8(c, (shift << 6) | (idx << 3) | (base & 7));
    }
    if (mod == 0x40) {
        x86_out8(c, (uint8_t)disp);
    } else if (mod == 0x80) {
        x86_out32(c, disp);
    }
}

void x86_emit_mov_rr(X86Code *c, bool rexw, int dst, int src)
{
    if (dst != src) {
        x86_emit_modrm(c, XO_MOVL_GvEv | (rexw ? XP_REXW : 0), dst, src);
    }
}

void x86_emit_movi(X86Code *c, bool rexw, int dst, int64_t v)
{
    if (!rexw) {
        v = (uint32_t)v;
    }
    if (v == 0) {
        /* Shortest, but clobbers the flags: callers know. */
        x86_emit_modrm(c, XO_ARITH_GvEv | (XA_XOR << 3), dst, dst);
    } else if ((uint64_t)v <= 0xffffffffu) {
        x86_emit_opc(c, XO_MOVL_Iv + (dst & 7), 0, dst, 0);
        x86_out32(c, (uint32_t)v);
    } else if (x86_fits_s32(v)) {
        x86_emit_modrm(c, XO_MOVL_EvIz | XP_REXW, 0, dst);
        x86_out32(c, (uint32_t)v);
    } else {
        x86_emit_opc(c, (XO_MOVL_Iv + (dst & 7)) | XP_REXW, 0, dst, 0);
        x86_out64(c, (uint64_t)v);
    }
}

void x86_emit_arith_rr(X86Code *c, int ext, bool rexw, int dst, int src)
{
    x86_emit_modrm(c, (XO_ARITH_GvEv + (ext << 3)) | (rexw ? XP_REXW : 0),
                   dst, src);
}

void x86_emit_arith_rm(X86Code *c, int ext, bool rexw, int dst, int base,
                       int32_t disp)
{
    x86_emit_modrm_offset(c, (XO_ARITH_GvEv + (ext << 3)) |
                          (rexw ? XP_REXW : 0), dst, base, disp);
}

void x86_emit_arith_ri(X86Code *c, int ext, bool rexw, int dst, int64_t v)
{
    int w = rexw ? XP_REXW : 0;

    if (!rexw) {
        v = (int32_t)v;
    }
    if (x86_fits_s8(v)) {
        x86_emit_modrm(c, XO_ARITH_EvIb | w, ext, dst);
        x86_out8(c, (uint8_t)v);
    } else if (dst == X86_RAX) {
        /* The accumulator form has no ModRM byte. */
        x86_emit_opc(c, ((ext << 3) + 5) | w, 0, 0, 0);
        x86_out32(c, (uint32_t)v);
    } else {
        x86_emit_modrm(c, XO_ARITH_EvIz | w, ext, dst);
        x86_out32(c, (uint32_t)v);
    }
}

void x86_emit_shift_ri(X86Code *c, int ext, bool rexw, int dst, int count)
{
    int w = rexw ? XP_REXW : 0;

    if (count == 1) {
        x86_emit_modrm(c, XO_SHIFT_1 | w, ext, dst);
    } else {
        x86_emit_modrm(c, XO_SHIFT_Ib | w, ext, dst);
        x86_out8(c, (uint8_t)count);
    }
}

void x86_emit_shift_rcl(X86Code *c, int ext, bool rexw, int dst)
{
    x86_emit_modrm(c, XO_SHIFT_cl | (rexw ? XP_REXW : 0), ext, dst);
}

void x86_emit_grp3(X86Code *c, int ext, bool rexw, int rm)
{
    x86_emit_modrm(c, XO_GRP3 | (rexw ? XP_REXW : 0), ext, rm);
}

void x86_emit_lea(X86Code *c, bool rexw, int dst, int base, int index,
                  int shift, int32_t disp)
{
    x86_emit_modrm_sib(c, XO_LEA | (rexw ? XP_REXW : 0), dst, base, index,
                       shift, disp);
}

void x86_emit_ld(X86Code *c, bool rexw, int dst, int base, int32_t disp)
{
    x86_emit_modrm_offset(c, XO_MOVL_GvEv | (rexw ? XP_REXW : 0), dst,
                          base, disp);
}

void x86_emit_st(X86Code *c, bool rexw, int src, int base, int32_t disp)
{
    x86_emit_modrm_offset(c, XO_MOVL_EvGv | (rexw ? XP_REXW : 0), src,
                          base, disp);
}

void x86_emit_setcc(X86Code *c, int cc, int dst)
{
    x86_emit_modrm(c, XO_SETCC + cc, 0, dst);
}

void x86_emit_cmovcc(X86Code *c, int cc, bool rexw, int dst, int src)
{
    x86_emit_modrm(c, (XO_CMOVCC + cc) | (rexw ? XP_REXW : 0), dst, src);
}

void x86_emit_bswap(X86Code *c, bool rexw, int reg)
{
    x86_emit_opc(c, (XO_BSWAP + (reg & 7)) | (rexw ? XP_REXW : 0), 0, reg,
                 0);
}

void x86_emit_push(X86Code *c, int reg)
{
    x86_emit_opc(c, XO_PUSH + (reg & 7), 0, reg, 0);
}

void x86_emit_pop(X86Code *c, int reg)
{
    x86_emit_opc(c, XO_POP + (reg & 7), 0, reg, 0);
}

size_t x86_emit_jcc32(X86Code *c, int cc, uintptr_t target)
{
    size_t at;

    x86_out8(c, 0x0f);
    x86_out8(c, 0x80 + cc);
    at = c->pos;
    x86_out32(c, target ? (uint32_t)(target - (x86_here(c) + 4)) : 0);
    return at;
}

size_t x86_emit_jmp32(X86Code *c, uintptr_t target)
{
    size_t at;

    x86_out8(c, XO_JMP_long);
    at = c->pos;
    x86_out32(c, target ? (uint32_t)(target - (x86_here(c) + 4)) : 0);
    return at;
}

size_t x86_emit_jcc8(X86Code *c, int cc)
{
    x86_out8(c, XO_JCC_short + cc);
    x86_out8(c, 0);
    return c->pos - 1;
}

void x86_patch_rel8(X86Code *c, size_t at)
{
    c->buf[at] = (uint8_t)(c->pos - (at + 1));
}

void x86_emit_call(X86Code *c, uintptr_t target)
{
    int64_t disp = (int64_t)(target - (x86_here(c) + 5));

    if (x86_fits_s32(disp)) {
        x86_out8(c, XO_CALL);
        x86_out32(c, (uint32_t)disp);
    } else {
        x86_emit_movi(c, true, X86_R11, (int64_t)target);
        x86_emit_modrm(c, XO_GRP5, X5_CALLN, X86_R11);
    }
}

void x86_emit_jmp_abs(X86Code *c, uintptr_t target)
{
    int64_t disp = (int64_t)(target - (x86_here(c) + 5));

    if (x86_fits_s32(disp)) {
        x86_out8(c, XO_JMP_long);
        x86_out32(c, (uint32_t)disp);
    } else {
        x86_emit_movi(c, true, X86_R11, (int64_t)target);
        x86_emit_modrm(c, XO_GRP5, X5_JMPN, X86_R11);
    }
}

void x86_emit_nops(X86Code *c, int n)
{
    /* Recommended multi-byte nops for the few bytes of padding we need. */
    static const uint8_t nops[4][4] = {
        { 0 }, { 0x90 }, { 0x66, 0x90 }, { 0x0f, 0x1f, 0x00 },
    };

    while (n > 0) {
        int k = n > 3 ? 3 : n;

        for (int i = 0; i < k; i++) {
            x86_out8(c, nops[k][i]);
        }
        n -= k;
    }
}

void x86_emit_mfence(X86Code *c)
{
    x86_out8(c, 0x0f);
    x86_out8(c, 0xae);
    x86_out8(c, 0xf0);
}

/* Three-byte VEX prefix for the 0f38 map, LZ, with vvvv = v. */
static void x86_emit_vex38(X86Code *c, int pp, bool w, int r, int v, int rm)
{
    x86_out8(c, 0xc4);
    x86_out8(c, ((~r & 8) << 4) | 0x40 | ((~rm & 8) << 2) | 0x02);
    x86_out8(c, (w ? 0x80 : 0) | ((~v & 15) << 3) | pp);
}

void x86_emit_andn(X86Code *c, bool rexw, int dst, int src1, int src2)
{
    x86_emit_vex38(c, 0, rexw, dst, src1, src2);
    x86_out8(c, 0xf2);
    x86_out8(c, 0xc0 | ((dst & 7) << 3) | (src2 & 7));
}

void x86_emit_shiftx(X86Code *c, int ext, bool rexw, int dst, int src,
                     int cnt)
{
    /* shlx: 66, shrx: f2, sarx: f3 (pp encodings 1, 3, 2). */
    int pp = ext == XS_SHL ? 1 : ext == XS_SHR ? 3 : 2;

    x86_emit_vex38(c, pp, rexw, dst, cnt, src);
    x86_out8(c, 0xf7);
    x86_out8(c, 0xc0 | ((dst & 7) << 3) | (src & 7));
}
