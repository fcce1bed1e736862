/* SPDX-License-Identifier: MIT */
/* A second decoder over toy.decode with --trans-prefix and --ctx-type. */
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

/* A disassembler's context: the text of the last insn. */
typedef struct DisasInfo {
    char text[64];
} DisasInfo;

static int toy_times_2(DisasInfo *info, int x)
{
    return x * 2;
}

static int toy_shl12(DisasInfo *info, int x)
{
    return (int)((uint32_t)x << 12);
}

#include "decode/disas-toy.c.inc"

static bool disas_r(DisasInfo *info, const char *name, arg_r *a)
{
    snprintf(info->text, sizeof(info->text), "%s x%d, x%d, x%d", name,
             a->rd, a->rs1, a->rs2);
    return true;
}

static bool disas_i(DisasInfo *info, const char *name, arg_i *a)
{
    snprintf(info->text, sizeof(info->text), "%s x%d, x%d, %d", name,
             a->rd, a->rs1, a->imm);
    return true;
}

static bool disas_b(DisasInfo *info, const char *name, arg_b *a)
{
    snprintf(info->text, sizeof(info->text), "%s x%d, x%d, %d", name,
             a->rs1, a->rs2, a->imm);
    return true;
}

static bool disas_add(DisasInfo *info, arg_r *a)
{
    return disas_r(info, "add", a);
}

static bool disas_sub(DisasInfo *info, arg_r *a)
{
    return disas_r(info, "sub", a);
}

static bool disas_nop(DisasInfo *info, arg_nop *a)
{
    snprintf(info->text, sizeof(info->text), "nop");
    return true;
}

static bool disas_li(DisasInfo *info, arg_i *a)
{
    snprintf(info->text, sizeof(info->text), "li x%d, %d", a->rd, a->imm);
    return true;
}

static bool disas_mv(DisasInfo *info, arg_i *a)
{
    snprintf(info->text, sizeof(info->text), "mv x%d, x%d", a->rd, a->rs1);
    return true;
}

static bool disas_addi(DisasInfo *info, arg_i *a)
{
    return disas_i(info, "addi", a);
}

static bool disas_xori(DisasInfo *info, arg_i *a)
{
    return disas_i(info, "xori", a);
}

static bool disas_beq(DisasInfo *info, arg_b *a)
{
    return disas_b(info, "beq", a);
}

static bool disas_bne(DisasInfo *info, arg_b *a)
{
    return disas_b(info, "bne", a);
}

static bool disas_lui(DisasInfo *info, arg_lui *a)
{
    snprintf(info->text, sizeof(info->text), "lui x%d, 0x%x", a->rd,
             (unsigned)a->imm >> 12);
    return true;
}

static bool disas_mark(DisasInfo *info, arg_mark *a)
{
    snprintf(info->text, sizeof(info->text), "mark.%d x%d, %d", a->kind,
             a->rd, a->imm);
    return true;
}

static void check(uint32_t insn, const char *want)
{
    DisasInfo info = { "" };

    g_assert_true(disas_toy(&info, insn));
    g_assert_cmpstr(info.text, ==, want);
}

static void test_disas_text(void)
{
    check(0x003100b3u, "add x1, x2, x3");
    check(0x40310133u, "sub x2, x2, x3");
    check(0x00000013u, "nop");
    check(0x00700293u, "li x5, 7");
    check(0x00080093u, "mv x1, x16");
    check(0xfff30293u, "addi x5, x6, -1");
    check(0xfe209ce3u, "bne x1, x2, -8");
    check(0xfffff0b7u, "lui x1, 0xfffff");
    check(0x8000020bu, "mark.3 x4, -524288");
}

static void test_disas_unknown(void)
{
    DisasInfo info = { "untouched" };

    g_assert_false(disas_toy(&info, 0xffffffffu));
    g_assert_cmpstr(info.text, ==, "untouched");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/disas/text", test_disas_text);
    g_test_add_func("/decode/disas/unknown", test_disas_unknown);
    return g_test_run();
}
