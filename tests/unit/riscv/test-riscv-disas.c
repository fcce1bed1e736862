/* SPDX-License-Identifier: MIT */
/*
 * The RISC-V decoders, through the disassembler: each encoding must
 * print what `riscv64-linux-gnu-objdump -d -M no-aliases` prints (binutils
 * 2.40; compressed insns as the 32-bit insn they expand to), which checks
 * the field extraction and immediates the translator also relies on.
 * With aliases on, the pseudo-instructions objdump also uses (the CSR
 * ones are spelled csrr/csrw/csrs/csrci instead of frflags/fsrm...).
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "target/riscv/internals.h"

typedef struct DisasCase {
    uint64_t pc;
    uint32_t insn;
    int len;
    const char *text;
} DisasCase;

static const DisasCase cases[] = {
    { 0x0, 0x00c58533, 4, "add a0,a1,a2" },
    { 0x4, 0xffb58513, 4, "addi a0,a1,-5" },
    { 0x8, 0x00500513, 4, "addi a0,zero,5" },
    { 0xc, 0x00000013, 4, "addi zero,zero,0" },
    { 0x10, 0x00058513, 4, "addi a0,a1,0" },
    { 0x14, 0x0005851b, 4, "addiw a0,a1,0" },
    { 0x18, 0x0035851b, 4, "addiw a0,a1,3" },
    { 0x1c, 0xfff5c513, 4, "xori a0,a1,-1" },
    { 0x20, 0x40c00533, 4, "sub a0,zero,a2" },
    { 0x24, 0x40c0053b, 4, "subw a0,zero,a2" },
    { 0x28, 0x0015b513, 4, "sltiu a0,a1,1" },
    { 0x2c, 0x00c03533, 4, "sltu a0,zero,a2" },
    { 0x30, 0x0005a533, 4, "slt a0,a1,zero" },
    { 0x34, 0x00c02533, 4, "slt a0,zero,a2" },
    { 0x38, 0x02159513, 4, "slli a0,a1,0x21" },
    { 0x3c, 0x4035d513, 4, "srai a0,a1,0x3" },
    { 0x40, 0x4035d51b, 4, "sraiw a0,a1,0x3" },
    { 0x44, 0x12345537, 4, "lui a0,0x12345" },
    { 0x48, 0x00001517, 4, "auipc a0,0x1" },
    { 0x4c, 0x00813503, 4, "ld a0,8(sp)" },
    { 0x50, 0xfeb42e23, 4, "sw a1,-4(s0)" },
    { 0x54, 0x0005c503, 4, "lbu a0,0(a1)" },
    { 0x58, 0x00b50863, 4, "beq a0,a1,68" },
    { 0x5c, 0xfe050ce3, 4, "beq a0,zero,54" },
    { 0x60, 0x00051463, 4, "bne a0,zero,68" },
    { 0x64, 0x00054463, 4, "blt a0,zero,6c" },
    { 0x68, 0x00055463, 4, "bge a0,zero,70" },
    { 0x6c, 0x00a04463, 4, "blt zero,a0,74" },
    { 0x70, 0x00a05463, 4, "bge zero,a0,78" },
    { 0x74, 0x00b56463, 4, "bltu a0,a1,7c" },
    { 0x78, 0x040000ef, 4, "jal ra,b8" },
    { 0x7c, 0xfc1ff06f, 4, "jal zero,3c" },
    { 0x80, 0x0080056f, 4, "jal a0,88" },
    { 0x84, 0x000500e7, 4, "jalr ra,0(a0)" },
    { 0x88, 0x00008067, 4, "jalr zero,0(ra)" },
    { 0x8c, 0x00058067, 4, "jalr zero,0(a1)" },
    { 0x90, 0x004605e7, 4, "jalr a1,4(a2)" },
    { 0x94, 0x0ff0000f, 4, "fence iorw,iorw" },
    { 0x98, 0x0330000f, 4, "fence rw,rw" },
    { 0x9c, 0x0000100f, 4, "fence.i" },
    { 0xa0, 0x00000073, 4, "ecall" },
    { 0xa4, 0x00100073, 4, "ebreak" },
    { 0xa8, 0x00102573, 4, "csrrs a0,fflags,zero" },
    { 0xac, 0xc0002573, 4, "csrrs a0,cycle,zero" },
    { 0xb0, 0xc0102573, 4, "csrrs a0,time,zero" },
    { 0xb4, 0xc0202573, 4, "csrrs a0,instret,zero" },
    { 0xb8, 0x00259073, 4, "csrrw zero,frm,a1" },
    { 0xbc, 0x00359573, 4, "csrrw a0,fcsr,a1" },
    { 0xc0, 0x0015a073, 4, "csrrs zero,fflags,a1" },
    { 0xc4, 0x00215573, 4, "csrrwi a0,frm,2" },
    { 0xc8, 0x0010f073, 4, "csrrci zero,fflags,1" },
    { 0xcc, 0x02c58533, 4, "mul a0,a1,a2" },
    { 0xd0, 0x02c5a533, 4, "mulhsu a0,a1,a2" },
    { 0xd4, 0x02c5d53b, 4, "divuw a0,a1,a2" },
    { 0xd8, 0x02c5f533, 4, "remu a0,a1,a2" },
    { 0xdc, 0x1005a52f, 4, "lr.w a0,(a1)" },
    { 0xe0, 0x1405b52f, 4, "lr.d.aq a0,(a1)" },
    { 0xe4, 0x1ac5b52f, 4, "sc.d.rl a0,a2,(a1)" },
    { 0xe8, 0x06c5a52f, 4, "amoadd.w.aqrl a0,a2,(a1)" },
    { 0xec, 0xe0c5b52f, 4, "amomaxu.d a0,a2,(a1)" },
    { 0xf0, 0x00812507, 4, "flw fa0,8(sp)" },
    { 0xf4, 0xfe843827, 4, "fsd fs0,-16(s0)" },
    { 0xf8, 0x02c5f553, 4, "fadd.d fa0,fa1,fa2" },
    { 0xfc, 0x00c59553, 4, "fadd.s fa0,fa1,fa2,rtz" },
    { 0x100, 0x6ac5f543, 4, "fmadd.d fa0,fa1,fa2,fa3" },
    { 0x104, 0x68c5854b, 4, "fnmsub.s fa0,fa1,fa2,fa3,rne" },
    { 0x108, 0x5a05f553, 4, "fsqrt.d fa0,fa1" },
    { 0x10c, 0x22b58553, 4, "fsgnj.d fa0,fa1,fa1" },
    { 0x110, 0x20b59553, 4, "fsgnjn.s fa0,fa1,fa1" },
    { 0x114, 0x22b5a553, 4, "fsgnjx.d fa0,fa1,fa1" },
    { 0x118, 0x20c58553, 4, "fsgnj.s fa0,fa1,fa2" },
    { 0x11c, 0x2ac58553, 4, "fmin.d fa0,fa1,fa2" },
    { 0x120, 0xa0c5a553, 4, "feq.s a0,fa1,fa2" },
    { 0x124, 0xa2c58553, 4, "fle.d a0,fa1,fa2" },
    { 0x128, 0xe2059553, 4, "fclass.d a0,fa1" },
    { 0x12c, 0xc2059553, 4, "fcvt.w.d a0,fa1,rtz" },
    { 0x130, 0xc035f553, 4, "fcvt.lu.s a0,fa1" },
    { 0x134, 0xd2058553, 4, "fcvt.d.w fa0,a1" },
    { 0x138, 0xd225f553, 4, "fcvt.d.l fa0,a1" },
    { 0x13c, 0x4015f553, 4, "fcvt.s.d fa0,fa1" },
    { 0x140, 0x42058553, 4, "fcvt.d.s fa0,fa1" },
    { 0x144, 0xe0058553, 4, "fmv.x.w a0,fa1" },
    { 0x148, 0xf2058553, 4, "fmv.d.x fa0,a1" },
    { 0x14c, 0x20c5c533, 4, "sh2add a0,a1,a2" },
    { 0x150, 0x08c5853b, 4, "add.uw a0,a1,a2" },
    { 0x154, 0x0805853b, 4, "add.uw a0,a1,zero" },
    { 0x158, 0x0835951b, 4, "slli.uw a0,a1,0x3" },
    { 0x15c, 0x40c5f533, 4, "andn a0,a1,a2" },
    { 0x160, 0x60059513, 4, "clz a0,a1" },
    { 0x164, 0x6025951b, 4, "cpopw a0,a1" },
    { 0x168, 0x60459513, 4, "sext.b a0,a1" },
    { 0x16c, 0x0805c53b, 4, "zext.h a0,a1" },
    { 0x170, 0x0ac5e533, 4, "max a0,a1,a2" },
    { 0x174, 0x60c59533, 4, "rol a0,a1,a2" },
    { 0x178, 0x60d5d513, 4, "rori a0,a1,0xd" },
    { 0x17c, 0x60d5d51b, 4, "roriw a0,a1,0xd" },
    { 0x180, 0x2875d513, 4, "orc.b a0,a1" },
    { 0x184, 0x6b85d513, 4, "rev8 a0,a1" },
    { 0x188, 0x48c59533, 4, "bclr a0,a1,a2" },
    { 0x18c, 0x4a85d513, 4, "bexti a0,a1,0x28" },
    { 0x190, 0x68359513, 4, "binvi a0,a1,0x3" },
    { 0x194, 0x0808, 2, "addi a0,sp,16" },
    { 0x196, 0x41c8, 2, "lw a0,4(a1)" },
    { 0x198, 0x6588, 2, "ld a0,8(a1)" },
    { 0x19a, 0x2588, 2, "fld fa0,8(a1)" },
    { 0x19c, 0xe988, 2, "sd a0,16(a1)" },
    { 0x19e, 0x0001, 2, "addi zero,zero,0" },
    { 0x1a0, 0x1575, 2, "addi a0,a0,-3" },
    { 0x1a2, 0x2505, 2, "addiw a0,a0,1" },
    { 0x1a4, 0x4515, 2, "addi a0,zero,5" },
    { 0x1a6, 0x7139, 2, "addi sp,sp,-64" },
    { 0x1a8, 0x6505, 2, "lui a0,0x1" },
    { 0x1aa, 0x810d, 2, "srli a0,a0,0x3" },
    { 0x1ac, 0x850d, 2, "srai a0,a0,0x3" },
    { 0x1ae, 0x997d, 2, "andi a0,a0,-1" },
    { 0x1b0, 0x8d0d, 2, "sub a0,a0,a1" },
    { 0x1b2, 0x8d2d, 2, "xor a0,a0,a1" },
    { 0x1b4, 0x9d0d, 2, "subw a0,a0,a1" },
    { 0x1b6, 0x9d2d, 2, "addw a0,a0,a1" },
    { 0x1b8, 0xa029, 2, "jal zero,1c2" },
    { 0x1ba, 0xdd75, 2, "beq a0,zero,1b6" },
    { 0x1bc, 0xe119, 2, "bne a0,zero,1c2" },
    { 0x1be, 0x0516, 2, "slli a0,a0,0x5" },
    { 0x1c0, 0x2522, 2, "fld fa0,8(sp)" },
    { 0x1c2, 0x4532, 2, "lw a0,12(sp)" },
    { 0x1c4, 0x6522, 2, "ld a0,8(sp)" },
    { 0x1c6, 0x8502, 2, "jalr zero,0(a0)" },
    { 0x1c8, 0x8082, 2, "jalr zero,0(ra)" },
    { 0x1ca, 0x852e, 2, "add a0,zero,a1" },
    { 0x1cc, 0x9002, 2, "ebreak" },
    { 0x1ce, 0x9502, 2, "jalr ra,0(a0)" },
    { 0x1d0, 0x952e, 2, "add a0,a0,a1" },
    { 0x1d2, 0xa42a, 2, "fsd fa0,8(sp)" },
    { 0x1d4, 0xc62a, 2, "sw a0,12(sp)" },
    { 0x1d6, 0xe82a, 2, "sd a0,16(sp)" },
};

static const DisasCase alias_cases[] = {
    { 0x4, 0xffb58513, 4, "addi a0,a1,-5" },
    { 0x8, 0x00500513, 4, "li a0,5" },
    { 0xc, 0x00000013, 4, "nop" },
    { 0x10, 0x00058513, 4, "mv a0,a1" },
    { 0x14, 0x0005851b, 4, "sext.w a0,a1" },
    { 0x18, 0x0035851b, 4, "addiw a0,a1,3" },
    { 0x1c, 0xfff5c513, 4, "not a0,a1" },
    { 0x20, 0x40c00533, 4, "neg a0,a2" },
    { 0x24, 0x40c0053b, 4, "negw a0,a2" },
    { 0x28, 0x0015b513, 4, "seqz a0,a1" },
    { 0x2c, 0x00c03533, 4, "snez a0,a2" },
    { 0x30, 0x0005a533, 4, "sltz a0,a1" },
    { 0x34, 0x00c02533, 4, "sgtz a0,a2" },
    { 0x5c, 0xfe050ce3, 4, "beqz a0,54" },
    { 0x60, 0x00051463, 4, "bnez a0,68" },
    { 0x64, 0x00054463, 4, "bltz a0,6c" },
    { 0x68, 0x00055463, 4, "bgez a0,70" },
    { 0x6c, 0x00a04463, 4, "bgtz a0,74" },
    { 0x70, 0x00a05463, 4, "blez a0,78" },
    { 0x78, 0x040000ef, 4, "jal b8" },
    { 0x7c, 0xfc1ff06f, 4, "j 3c" },
    { 0x84, 0x000500e7, 4, "jalr a0" },
    { 0x88, 0x00008067, 4, "ret" },
    { 0x8c, 0x00058067, 4, "jr a1" },
    { 0x94, 0x0ff0000f, 4, "fence" },
    { 0xa8, 0x00102573, 4, "csrr a0,fflags" },
    { 0xb8, 0x00259073, 4, "csrw frm,a1" },
    { 0xc0, 0x0015a073, 4, "csrs fflags,a1" },
    { 0xc8, 0x0010f073, 4, "csrci fflags,1" },
    { 0x10c, 0x22b58553, 4, "fmv.d fa0,fa1" },
    { 0x110, 0x20b59553, 4, "fneg.s fa0,fa1" },
    { 0x114, 0x22b5a553, 4, "fabs.d fa0,fa1" },
    { 0x154, 0x0805853b, 4, "zext.w a0,a1" },
    { 0x19e, 0x0001, 2, "nop" },
    { 0x1a4, 0x4515, 2, "li a0,5" },
    { 0x1b8, 0xa029, 2, "j 1c2" },
    { 0x1ba, 0xdd75, 2, "beqz a0,1b6" },
    { 0x1bc, 0xe119, 2, "bnez a0,1c2" },
    { 0x1c6, 0x8502, 2, "jr a0" },
    { 0x1c8, 0x8082, 2, "ret" },
    { 0x1ca, 0x852e, 2, "mv a0,a1" },
    { 0x1ce, 0x9502, 2, "jalr a0" },
};

static void check_cases(const DisasCase *cases, size_t n, bool aliases)
{
    for (size_t i = 0; i < n; i++) {
        const DisasCase *c = &cases[i];
        uint8_t code[4] = {
            c->insn, c->insn >> 8, c->insn >> 16, c->insn >> 24,
        };
        char buf[128];
        int len = riscv_disas_insn_opts(code, c->len, c->pc, buf,
                                        sizeof(buf), aliases);

        g_assert_cmpint(len, ==, c->len);
        g_assert_cmpstr(buf, ==, c->text);
    }
}

static void test_disas_matches_objdump(void)
{
    check_cases(cases, G_N_ELEMENTS(cases), false);
}

static void test_disas_aliases(void)
{
    check_cases(alias_cases, G_N_ELEMENTS(alias_cases), true);
}

/* Reserved encodings decode to nothing (the translator raises SIGILL). */
static void test_disas_rejects_reserved(void)
{
    static const uint16_t bad16[] = {
        0x0000,     /* all zeros: c.addi4spn with imm 0 */
        0x6101,     /* c.addi16sp sp,0 */
        0x4002,     /* c.lwsp zero */
        0x8002,     /* c.jr zero */
    };
    char buf[64];

    for (size_t i = 0; i < G_N_ELEMENTS(bad16); i++) {
        uint8_t code[2] = { bad16[i], bad16[i] >> 8 };

        g_assert_cmpint(riscv_disas_insn_opts(code, 2, 0, buf, sizeof(buf),
                                              false), ==, 2);
        g_assert_cmpstr(buf, ==, "illegal");
    }
}

/* A 32-bit encoding no extension defines prints as .insn. */
static void test_disas_unknown(void)
{
    uint8_t code[4] = { 0x7f, 0x00, 0x00, 0x00 };   /* opcode 0x7f */
    char buf[64];

    g_assert_cmpint(riscv_disas_insn(code, 4, 0, buf, sizeof(buf)), ==, 4);
    g_assert_cmpstr(buf, ==, ".insn 0x0000007f");
    /* Too short for a 32-bit insn. */
    g_assert_cmpint(riscv_disas_insn(code, 2, 0, buf, sizeof(buf)), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/riscv/disas/matches-objdump",
                    test_disas_matches_objdump);
    g_test_add_func("/riscv/disas/aliases", test_disas_aliases);
    g_test_add_func("/riscv/disas/reserved-rvc", test_disas_rejects_reserved);
    g_test_add_func("/riscv/disas/unknown", test_disas_unknown);
    return g_test_run();
}
