/* SPDX-License-Identifier: MIT */
/*
 * The A64 integer decoder through the disassembler (field extraction and
 * immediates the translator relies on), bad input to it, and the split
 * NZCV representation of CPUARMState.
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "target/arm/internals.h"

typedef struct DisasCase {
    uint64_t pc;
    uint32_t insn;
    const char *text;
} DisasCase;

static const DisasCase cases[] = {
    { 0x1000, 0xd2800020, "movz x0, #0x1, lsl #0" },
    { 0x1000, 0xf2a00020, "movk x0, #0x1, lsl #16" },
    { 0x1000, 0x12800000, "movn w0, #0x0, lsl #0" },
    { 0x1000, 0x91000863, "add x3, x3, #0x2" },
    { 0x1000, 0xf100a864, "subs x4, x3, #0x2a" },
    { 0x1000, 0xf100a87f, "cmp x3, #0x2a" },
    { 0x1000, 0x910003fd, "mov x29, sp" },
    { 0x1000, 0xaa0303e0, "mov x0, x3" },
    { 0x1000, 0x8b020c20, "add x0, x1, x2, lsl #3" },
    { 0x1000, 0x8b22c020, "add x0, x1, w2, sxtw #0" },
    { 0x1000, 0x54000081, "b.ne 0x1010" },
    { 0x2000, 0x17ffffff, "b 0x1ffc" },
    { 0x2000, 0x94000010, "bl 0x2040" },
    { 0x2000, 0xb4000040, "cbz x0, 0x2008" },
    { 0x2000, 0x37080041, "tbnz w1, #1, 0x2008" },
    { 0x2000, 0xb6f80041, "tbz x1, #63, 0x2008" },
    { 0x2000, 0xd65f03c0, "ret" },
    { 0x2000, 0xd63f0100, "blr x8" },
    { 0x2000, 0xd4000001, "svc #0x0" },
    { 0x2000, 0xd4200020, "brk #0x1" },
    { 0x2000, 0xd69f03e0, "eret" },
    /* FP/AdvSIMD words go to capstone. */
    { 0x2000, 0x1e620842, "fmul d2, d2, d2" },
    { 0x2000, 0x1e61c000, "fsqrt d0, d0" },
    { 0x2000, 0xd503201f, "nop" },
    { 0x2000, 0xd503233f, "paciasp" },
    { 0x2000, 0xd50323bf, "autiasp" },
    { 0x2000, 0xd503245f, "bti c" },
    { 0x2000, 0xd5033bbf, "dmb #11" },
    { 0x3000, 0x90000001, "adrp x1, 0x3000" },
    { 0x3000, 0x10000041, "adr x1, 0x3008" },
    { 0x3000, 0x9ac20c20, "sdiv x0, x1, x2" },
    { 0x3000, 0x1ac24020, "crc32b w0, w1, w2" },
    { 0x3000, 0x9b027c20, "madd x0, x1, x2, xzr" },
    { 0x3000, 0x9a821420, "csinc x0, x1, x2, ne" },
    { 0x3000, 0xdac01020, "clz x0, x1" },
    { 0x3000, 0xf9400420, "ldr x0, [x1, #8]" },
    { 0x3000, 0xb9800420, "ldrsw x0, [x1, #4]" },
    { 0x3000, 0x38401c20, "ldrb w0, [x1, #1]!" },
    { 0x3000, 0xa9bf7bfd, "stp x29, x30, [sp, #-16]!" },
    { 0x3000, 0xa8c17bfd, "ldp x29, x30, [sp], #16" },
    { 0x3000, 0x29400440, "ldp w0, w1, [x2, #0]" },
    { 0x3000, 0xc85f7c20, "ldxr x0, [x1]" },
    { 0x3000, 0xf8200041, "ldadd x0, x1, [x2]" },
    { 0x3000, 0xd53b4200, "mrs x0, s3_3_c4_c2_0" },
};

static void test_disas_cases(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint8_t code[4];
        char buf[96];
        uint32_t w = cases[i].insn;

        code[0] = w;
        code[1] = w >> 8;
        code[2] = w >> 16;
        code[3] = w >> 24;
        g_assert_cmpint(a64_disas_insn(code, 4, cases[i].pc, buf,
                                       sizeof(buf)), ==, 4);
        g_assert_cmpstr(buf, ==, cases[i].text);
    }
}

/* Short input, unallocated words, FP/SIMD words (capstone), a tiny
 * output buffer. */
static void test_disas_bad_input(void)
{
    uint8_t zero[4] = { 0, 0, 0, 0 };
    uint8_t fmov[4] = { 0x20, 0x40, 0x20, 0x1e };   /* fmov s0, s1 */
    char buf[32];
    char tiny[4];

    g_assert_cmpint(a64_disas_insn(zero, 3, 0, buf, sizeof(buf)), ==, 0);
    g_assert_cmpint(a64_disas_insn(zero, 4, 0, buf, sizeof(buf)), ==, 4);
    g_assert_cmpstr(buf, ==, ".inst 0x00000000");
    g_assert_cmpint(a64_disas_insn(fmov, 4, 0, buf, sizeof(buf)), ==, 4);
    g_assert_cmpstr(buf, ==, "fmov s0, s1");
    memset(tiny, 'x', sizeof(tiny));
    g_assert_cmpint(a64_disas_insn(zero, 4, 0, tiny, sizeof(tiny)), ==, 4);
    g_assert_cmpint(tiny[3], ==, 0);
    /* Every word decodes to something printable without crashing. */
    for (uint32_t w = 0; w < 0x100000; w++) {
        uint32_t insn = w * 4099u + 0x9e3779b9u * (w & 7);
        uint8_t code[4] = { insn, insn >> 8, insn >> 16, insn >> 24 };

        g_assert_cmpint(a64_disas_insn(code, 4, 0x400000, buf, sizeof(buf)),
                        ==, 4);
        g_assert_cmpuint(strlen(buf), <, sizeof(buf));
    }
}

static void test_nzcv_roundtrip(void)
{
    CPUARMState env;

    memset(&env, 0, sizeof(env));
    for (uint32_t f = 0; f < 16; f++) {
        arm_nzcv_write(&env, (f << 28) | 0x0fffffff);
        g_assert_cmphex(arm_nzcv_read(&env), ==, f << 28);
        g_assert_cmpint((env.ZF == 0), ==, !!(f & 4));
        g_assert_cmpint(env.CF, ==, !!(f & 2));
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm/disas/cases", test_disas_cases);
    g_test_add_func("/arm/disas/bad-input", test_disas_bad_input);
    g_test_add_func("/arm/cpu/nzcv", test_nzcv_roundtrip);
    return g_test_run();
}
