/* SPDX-License-Identifier: MIT */
/*
 * x86-64 encoder: emitted bytes against encodings produced by GNU as
 * ({load} picks the reg <- r/m opcode direction the encoder uses).
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "tcg/x86_64/emit.h"

static void check_bytes(const X86Code *c, const char *hex, const char *what)
{
    GString *got = g_string_new(NULL);

    for (size_t i = 0; i < c->pos; i++) {
        g_string_append_printf(got, i ? " %02x" : "%02x", c->buf[i]);
    }
    if (strcmp(got->str, hex)) {
        g_test_message("%s: got %s, want %s", what, got->str, hex);
    }
    g_assert_cmpstr(got->str, ==, hex);
    g_string_free(got, true);
}

#define CHECK(hex, stmt)                                                     \
    do {                                                                     \
        uint8_t buf_[64];                                                    \
        X86Code c = { .buf = buf_, .pos = 0, .size = sizeof(buf_) };         \
        stmt;                                                                \
        check_bytes(&c, hex, #stmt);                                         \
    } while (0)

static void test_encodings(void)
{
    /* {load} mov %rbx,%rax */
    CHECK("48 8b c3", x86_emit_mov_rr(&c, true, X86_RAX, X86_RBX));
    /* {load} mov %r9d,%ecx */
    CHECK("41 8b c9", x86_emit_mov_rr(&c, false, X86_RCX, X86_R9));
    /* {load} xor %eax,%eax */
    CHECK("33 c0", x86_emit_movi(&c, true, X86_RAX, 0));
    /* mov $0x12345678,%ebx */
    CHECK("bb 78 56 34 12", x86_emit_movi(&c, true, X86_RBX, 0x12345678));
    /* mov $0x80000000,%r10d */
    CHECK("41 ba 00 00 00 80", x86_emit_movi(&c, true, X86_R10, 0x80000000));
    /* mov $-5,%rax */
    CHECK("48 c7 c0 fb ff ff ff", x86_emit_movi(&c, true, X86_RAX, -5));
    /* movabs $0x123456789abc,%r12 */
    CHECK("49 bc bc 9a 78 56 34 12 00 00",
          x86_emit_movi(&c, true, X86_R12, 0x123456789abcll));
    /* mov $0xfffffffb,%edx */
    CHECK("ba fb ff ff ff", x86_emit_movi(&c, false, X86_RDX, -5));
    /* {load} add %rbx,%rax */
    CHECK("48 03 c3", x86_emit_arith_rr(&c, XA_ADD, true, X86_RAX, X86_RBX));
    /* {load} sub %r15d,%r8d */
    CHECK("45 2b c7", x86_emit_arith_rr(&c, XA_SUB, false, X86_R8, X86_R15));
    /* {load} cmp %rdi,%r13 */
    CHECK("4c 3b ef", x86_emit_arith_rr(&c, XA_CMP, true, X86_R13, X86_RDI));
    /* add $5,%r13 */
    CHECK("49 83 c5 05", x86_emit_arith_ri(&c, XA_ADD, true, X86_R13, 5));
    /* cmp $0x1000,%rsi */
    CHECK("48 81 fe 00 10 00 00",
          x86_emit_arith_ri(&c, XA_CMP, true, X86_RSI, 0x1000));
    /* and $-1,%ecx */
    CHECK("83 e1 ff", x86_emit_arith_ri(&c, XA_AND, false, X86_RCX, -1));
    /* xor $-0x80000000,%rax */
    CHECK("48 35 00 00 00 80",
          x86_emit_arith_ri(&c, XA_XOR, true, X86_RAX, INT32_MIN));
    /* shl $3,%rdx */
    CHECK("48 c1 e2 03", x86_emit_shift_ri(&c, XS_SHL, true, X86_RDX, 3));
    /* sar $1,%r9d */
    CHECK("41 d1 f9", x86_emit_shift_ri(&c, XS_SAR, false, X86_R9, 1));
    /* ror $63,%r11 */
    CHECK("49 c1 cb 3f", x86_emit_shift_ri(&c, XS_ROR, true, X86_R11, 63));
    /* rol %cl,%rax */
    CHECK("48 d3 c0", x86_emit_shift_rcl(&c, XS_ROL, true, X86_RAX));
    /* shr %cl,%esi */
    CHECK("d3 ee", x86_emit_shift_rcl(&c, XS_SHR, false, X86_RSI));
    /* neg %rax */
    CHECK("48 f7 d8", x86_emit_grp3(&c, X3_NEG, true, X86_RAX));
    /* not %r12d */
    CHECK("41 f7 d4", x86_emit_grp3(&c, X3_NOT, false, X86_R12));
    /* idiv %rcx */
    CHECK("48 f7 f9", x86_emit_grp3(&c, X3_IDIV, true, X86_RCX));
    /* mul %r8 */
    CHECK("49 f7 e0", x86_emit_grp3(&c, X3_MUL, true, X86_R8));
    /* lea 0x10(%rbp),%rax */
    CHECK("48 8d 45 10",
          x86_emit_lea(&c, true, X86_RAX, X86_RBP, -1, 0, 0x10));
    /* lea (%r12,%r13,1),%rbx */
    CHECK("4b 8d 1c 2c",
          x86_emit_lea(&c, true, X86_RBX, X86_R12, X86_R13, 0, 0));
    /* lea (%rax,%rax,1),%eax */
    CHECK("8d 04 00",
          x86_emit_lea(&c, false, X86_RAX, X86_RAX, X86_RAX, 0, 0));
    /* lea -0x80(%r13),%rcx */
    CHECK("49 8d 4d 80",
          x86_emit_lea(&c, true, X86_RCX, X86_R13, -1, 0, -0x80));
    /* lea 0x12345(%rsp),%rdi */
    CHECK("48 8d bc 24 45 23 01 00",
          x86_emit_lea(&c, true, X86_RDI, X86_RSP, -1, 0, 0x12345));
    /* lea 0x8(,%rdx,8),%r10 */
    CHECK("4c 8d 14 d5 08 00 00 00",
          x86_emit_lea(&c, true, X86_R10, -1, X86_RDX, 3, 8));
    /* lea 0x10(%rip),%r8 */
    CHECK("4c 8d 05 10 00 00 00",
          x86_emit_lea(&c, true, X86_R8, -1, -1, 0, 0x10));
    /* mov 0x8(%rsp),%r15 */
    CHECK("4c 8b 7c 24 08", x86_emit_ld(&c, true, X86_R15, X86_RSP, 8));
    /* mov (%rbx),%rax */
    CHECK("48 8b 03", x86_emit_ld(&c, true, X86_RAX, X86_RBX, 0));
    /* mov 0x0(%r13),%eax */
    CHECK("41 8b 45 00", x86_emit_ld(&c, false, X86_RAX, X86_R13, 0));
    /* mov (%r12),%edx */
    CHECK("41 8b 14 24", x86_emit_ld(&c, false, X86_RDX, X86_R12, 0));
    /* mov %ecx,0x100(%rbp) */
    CHECK("89 8d 00 01 00 00",
          x86_emit_st(&c, false, X86_RCX, X86_RBP, 0x100));
    /* mov %r9,-0x8(%rsp) */
    CHECK("4c 89 4c 24 f8", x86_emit_st(&c, true, X86_R9, X86_RSP, -8));
    /* sete %sil */
    CHECK("40 0f 94 c6", x86_emit_setcc(&c, XC_E, X86_RSI));
    /* setb %r10b */
    CHECK("41 0f 92 c2", x86_emit_setcc(&c, XC_B, X86_R10));
    /* setl %al */
    CHECK("0f 9c c0", x86_emit_setcc(&c, XC_L, X86_RAX));
    /* cmovne %rbx,%r8 */
    CHECK("4c 0f 45 c3", x86_emit_cmovcc(&c, XC_NE, true, X86_R8, X86_RBX));
    /* cmovbe %r15d,%eax */
    CHECK("41 0f 46 c7", x86_emit_cmovcc(&c, XC_BE, false, X86_RAX, X86_R15));
    /* bswap %r11d */
    CHECK("41 0f cb", x86_emit_bswap(&c, false, X86_R11));
    /* bswap %rax */
    CHECK("48 0f c8", x86_emit_bswap(&c, true, X86_RAX));
    /* push %r15 */
    CHECK("41 57", x86_emit_push(&c, X86_R15));
    /* push %rbp */
    CHECK("55", x86_emit_push(&c, X86_RBP));
    /* pop %rbx */
    CHECK("5b", x86_emit_pop(&c, X86_RBX));
    /* pop %r12 */
    CHECK("41 5c", x86_emit_pop(&c, X86_R12));
    /* movzbl %dil,%eax */
    CHECK("40 0f b6 c7",
          x86_emit_modrm(&c, XO_MOVZBL | XP_REXB_RM, X86_RAX, X86_RDI));
    /* movzbl %bl,%r9d */
    CHECK("44 0f b6 cb",
          x86_emit_modrm(&c, XO_MOVZBL | XP_REXB_RM, X86_R9, X86_RBX));
    /* movzwl %r9w,%edx */
    CHECK("41 0f b7 d1", x86_emit_modrm(&c, XO_MOVZWL, X86_RDX, X86_R9));
    /* movsbq %al,%rcx */
    CHECK("48 0f be c8",
          x86_emit_modrm(&c, XO_MOVSBL | XP_REXB_RM | XP_REXW, X86_RCX,
              X86_RAX));
    /* movswl %si,%edi */
    CHECK("0f bf fe", x86_emit_modrm(&c, XO_MOVSWL, X86_RDI, X86_RSI));
    /* movslq %r10d,%r11 */
    CHECK("4d 63 da", x86_emit_modrm(&c, XO_MOVSLQ, X86_R11, X86_R10));
    /* lzcnt %rax,%rbx */
    CHECK("f3 48 0f bd d8",
          x86_emit_modrm(&c, XO_LZCNT | XP_REXW, X86_RBX, X86_RAX));
    /* tzcnt %ecx,%edx */
    CHECK("f3 0f bc d1", x86_emit_modrm(&c, XO_TZCNT, X86_RDX, X86_RCX));
    /* popcnt %r9d,%r10d */
    CHECK("f3 45 0f b8 d1", x86_emit_modrm(&c, XO_POPCNT, X86_R10, X86_R9));
    /* bsr %r14,%r13 */
    CHECK("4d 0f bd ee",
          x86_emit_modrm(&c, XO_BSR | XP_REXW, X86_R13, X86_R14));
    /* imul %rbx,%rax */
    CHECK("48 0f af c3",
          x86_emit_modrm(&c, XO_IMUL_GvEv | XP_REXW, X86_RAX, X86_RBX));
    /* test %rax,%rax */
    CHECK("48 85 c0",
          x86_emit_modrm(&c, XO_TESTL | XP_REXW, X86_RAX, X86_RAX));
    /* cqto */
    CHECK("48 99", x86_emit_opc(&c, XO_CQO | XP_REXW, 0, 0, 0));
    /* cltd */
    CHECK("99", x86_emit_opc(&c, XO_CQO, 0, 0, 0));
    /* jmp *%rsi */
    CHECK("ff e6", x86_emit_modrm(&c, XO_GRP5, X5_JMPN, X86_RSI));
    /* call *%r11 */
    CHECK("41 ff d3", x86_emit_modrm(&c, XO_GRP5, X5_CALLN, X86_R11));
    /* andn %rcx,%rbx,%rax */
    CHECK("c4 e2 e0 f2 c1",
          x86_emit_andn(&c, true, X86_RAX, X86_RBX, X86_RCX));
    /* andn %r9d,%r10d,%r11d */
    CHECK("c4 42 28 f2 d9",
          x86_emit_andn(&c, false, X86_R11, X86_R10, X86_R9));
    /* shlx %rcx,%rax,%r8 */
    CHECK("c4 62 f1 f7 c0",
          x86_emit_shiftx(&c, XS_SHL, true, X86_R8, X86_RAX, X86_RCX));
    /* sarx %r9d,%r12d,%edx */
    CHECK("c4 c2 32 f7 d4",
          x86_emit_shiftx(&c, XS_SAR, false, X86_RDX, X86_R12, X86_R9));
    /* shrx %r15,%r13,%rbx */
    CHECK("c4 c2 83 f7 dd",
          x86_emit_shiftx(&c, XS_SHR, true, X86_RBX, X86_R13, X86_R15));
    /* mfence */
    CHECK("0f ae f0", x86_emit_mfence(&c));
    /* mov (%r14,%rbx,1),%rax */
    CHECK("49 8b 04 1e",
          x86_emit_modrm_sib(&c, XO_MOVL_GvEv | XP_REXW, X86_RAX, X86_R14,
              X86_RBX, 0, 0));
    /* mov 0x0(%r13,%r12,1),%eax */
    CHECK("43 8b 44 25 00",
          x86_emit_modrm_sib(&c, XO_MOVL_GvEv, X86_RAX, X86_R13, X86_R12, 0,
              0));
    /* mov %sil,(%r14,%rdi,1) */
    CHECK("41 88 34 3e",
          x86_emit_modrm_sib(&c, XO_MOVB_EvGv | XP_REXB_R, X86_RSI, X86_R14,
              X86_RDI, 0, 0));
    /* mov %dx,0x40(%rbx,%r8,1) */
    CHECK("66 42 89 54 03 40",
          x86_emit_modrm_sib(&c, XO_MOVL_EvGv | XP_DATA16, X86_RDX, X86_RBX,
              X86_R8, 0, 0x40));
    /* movzwl 0x7fffffff(%rax),%ecx */
    CHECK("0f b7 88 ff ff ff 7f",
          x86_emit_modrm_offset(&c, XO_MOVZWL, X86_RCX, X86_RAX, 0x7fffffff));
    /* rolw $8,%r9w */
    CHECK("66 41 c1 c1 08",
          x86_emit_modrm(&c, XO_SHIFT_Ib | XP_DATA16, XS_ROL, X86_R9);
              x86_out8(&c, 8));
    /* cmp (%rsp),%rbx */
    CHECK("48 3b 1c 24",
          x86_emit_modrm_offset(&c, (XO_ARITH_GvEv + (XA_CMP << 3)) | XP_REXW,
              X86_RBX, X86_RSP, 0));
    /* testb $7,%dil */
    CHECK("40 f6 c7 07",
          x86_emit_modrm(&c, 0xf6 | XP_REXB_RM, X3_TEST, X86_RDI); x86_out8(&c,
              7));
    /* movl $0x12345678,0x20(%rbp) */
    CHECK("c7 45 20 78 56 34 12",
          x86_emit_modrm_offset(&c, XO_MOVL_EvIz, 0, X86_RBP, 0x20);
              x86_out32(&c, 0x12345678));
    /* inc %rbx */
    CHECK("48 ff c3", x86_emit_modrm(&c, 0xff | XP_REXW, 0, X86_RBX));
    /* nop */
    CHECK("90", x86_emit_nops(&c, 1));
    /* xchg %ax,%ax */
    CHECK("66 90", x86_emit_nops(&c, 2));
    /* nopl (%rax) */
    CHECK("0f 1f 00", x86_emit_nops(&c, 3));
}

/* Branches: rel32 displacements count from the end of the instruction. */
static void test_branches(void)
{
    uint8_t buf[64];
    X86Code c = { .buf = buf, .pos = 0, .size = sizeof(buf) };
    size_t at;

    at = x86_emit_jcc32(&c, XC_NE, (uintptr_t)buf + 40);
    g_assert_cmpuint(at, ==, 2);
    g_assert_cmphex(buf[0], ==, 0x0f);
    g_assert_cmphex(buf[1], ==, 0x85);
    g_assert_cmpint(*(int32_t *)(buf + 2), ==, 40 - 6);

    c.pos = 0;
    at = x86_emit_jmp32(&c, (uintptr_t)buf);
    g_assert_cmpuint(at, ==, 1);
    g_assert_cmphex(buf[0], ==, 0xe9);
    g_assert_cmpint(*(int32_t *)(buf + 1), ==, -5);

    /* A short jcc fixed up to the current position. */
    c.pos = 0;
    at = x86_emit_jcc8(&c, XC_AE);
    x86_emit_nops(&c, 3);
    x86_patch_rel8(&c, at);
    g_assert_cmphex(buf[0], ==, 0x73);
    g_assert_cmphex(buf[1], ==, 3);

    /* A near call is direct; a far one goes through r11. */
    c.pos = 0;
    x86_emit_call(&c, (uintptr_t)buf + 100);
    g_assert_cmphex(buf[0], ==, 0xe8);
    g_assert_cmpint(*(int32_t *)(buf + 1), ==, 95);
    c.pos = 0;
    x86_emit_call(&c, (uintptr_t)buf + (1ull << 40));
    g_assert_cmpuint(c.pos, ==, 13);
    g_assert_cmphex(buf[0], ==, 0x49);
    g_assert_cmphex(buf[1], ==, 0xbb);
    g_assert_cmphex(buf[10], ==, 0x41);
    g_assert_cmphex(buf[11], ==, 0xff);
    g_assert_cmphex(buf[12], ==, 0xd3);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/emit/encodings", test_encodings);
    g_test_add_func("/x86/emit/branches", test_branches);
    return g_test_run();
}
