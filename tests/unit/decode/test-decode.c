/* SPDX-License-Identifier: MIT */
/* Generated decoders for a made-up ISA call the right trans_ and fields. */
#include <stdint.h>
#include <string.h>

#include <glib.h>

/* What the trans_ functions saw; reject names one that returns false. */
typedef struct DisasContext {
    const char *called[4];
    int ncalls;
    int rd, rs1, rs2, imm, kind;
    const char *reject[2];
    int func_calls;
} DisasContext;

static int toy_times_2(DisasContext *ctx, int x)
{
    ctx->func_calls++;
    return x * 2;
}

static int toy_shl12(DisasContext *ctx, int x)
{
    return (int)((uint32_t)x << 12);
}

static int toy_creg(DisasContext *ctx, int x)
{
    return x + 8;
}

#include "decode/decode-toy.c.inc"
#include "decode/decode-toy16.c.inc"

static bool record(DisasContext *ctx, const char *name)
{
    int i;

    g_assert_cmpint(ctx->ncalls, <, 4);
    ctx->called[ctx->ncalls++] = name;
    for (i = 0; i < 2; i++) {
        if (ctx->reject[i] && strcmp(ctx->reject[i], name) == 0) {
            return false;
        }
    }
    return true;
}

static bool record_r(DisasContext *ctx, const char *name, arg_r *a)
{
    ctx->rd = a->rd;
    ctx->rs1 = a->rs1;
    ctx->rs2 = a->rs2;
    return record(ctx, name);
}

static bool record_i(DisasContext *ctx, const char *name, arg_i *a)
{
    ctx->rd = a->rd;
    ctx->rs1 = a->rs1;
    ctx->imm = a->imm;
    return record(ctx, name);
}

static bool record_b(DisasContext *ctx, const char *name, arg_b *a)
{
    ctx->rs1 = a->rs1;
    ctx->rs2 = a->rs2;
    ctx->imm = a->imm;
    return record(ctx, name);
}

static bool trans_add(DisasContext *ctx, arg_r *a)
{
    return record_r(ctx, "add", a);
}

static bool trans_sub(DisasContext *ctx, arg_r *a)
{
    return record_r(ctx, "sub", a);
}

static bool trans_nop(DisasContext *ctx, arg_nop *a)
{
    return record(ctx, "nop");
}

static bool trans_li(DisasContext *ctx, arg_i *a)
{
    return record_i(ctx, "li", a);
}

static bool trans_mv(DisasContext *ctx, arg_i *a)
{
    return record_i(ctx, "mv", a);
}

static bool trans_addi(DisasContext *ctx, arg_i *a)
{
    return record_i(ctx, "addi", a);
}

static bool trans_xori(DisasContext *ctx, arg_i *a)
{
    return record_i(ctx, "xori", a);
}

static bool trans_beq(DisasContext *ctx, arg_b *a)
{
    return record_b(ctx, "beq", a);
}

static bool trans_bne(DisasContext *ctx, arg_b *a)
{
    return record_b(ctx, "bne", a);
}

static bool trans_lui(DisasContext *ctx, arg_lui *a)
{
    ctx->rd = a->rd;
    ctx->imm = a->imm;
    return record(ctx, "lui");
}

static bool trans_mark(DisasContext *ctx, arg_mark *a)
{
    ctx->rd = a->rd;
    ctx->imm = a->imm;
    ctx->kind = a->kind;
    return record(ctx, "mark");
}

static bool trans_c_addi4(DisasContext *ctx, arg_c_addi4 *a)
{
    ctx->rd = a->rd;
    ctx->imm = a->imm;
    return record(ctx, "c_addi4");
}

static bool trans_c_x(DisasContext *ctx, arg_c_x *a)
{
    return record(ctx, "c_x");
}

static bool trans_c_y(DisasContext *ctx, arg_c_y *a)
{
    return record(ctx, "c_y");
}

static bool trans_c_z(DisasContext *ctx, arg_c_z *a)
{
    return record(ctx, "c_z");
}

/* Encoders, so that the test cases read like assembly. */
static uint32_t enc_r(int f7, int rs2, int rs1, int f3, int rd, int op)
{
    return (uint32_t)f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 |
           op;
}

static uint32_t enc_i(int imm, int rs1, int f3, int rd, int op)
{
    return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 |
           op;
}

static uint32_t enc_b(int off, int rs2, int rs1, int f3, int op)
{
    uint32_t o = (uint32_t)off;

    return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | rs2 << 20 |
           rs1 << 15 | f3 << 12 | ((o >> 1) & 0xf) << 8 |
           ((o >> 11) & 1) << 7 | op;
}

static void ctx_init(DisasContext *ctx, const char *reject0,
                     const char *reject1)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->rd = ctx->rs1 = ctx->rs2 = ctx->imm = ctx->kind = -999;
    ctx->reject[0] = reject0;
    ctx->reject[1] = reject1;
}

static void test_register_fields(void)
{
    DisasContext ctx;

    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, enc_r(0, 3, 2, 0, 1, 0x33)));
    g_assert_cmpint(ctx.ncalls, ==, 1);
    g_assert_cmpstr(ctx.called[0], ==, "add");
    g_assert_cmpint(ctx.rd, ==, 1);
    g_assert_cmpint(ctx.rs1, ==, 2);
    g_assert_cmpint(ctx.rs2, ==, 3);

    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, enc_r(0x20, 31, 17, 0, 30, 0x33)));
    g_assert_cmpstr(ctx.called[0], ==, "sub");
    g_assert_cmpint(ctx.rd, ==, 30);
    g_assert_cmpint(ctx.rs1, ==, 17);
    g_assert_cmpint(ctx.rs2, ==, 31);
}

static void test_signed_immediate(void)
{
    DisasContext ctx;

    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, enc_i(-1, 6, 0, 5, 0x13)));
    g_assert_cmpstr(ctx.called[0], ==, "addi");
    g_assert_cmpint(ctx.imm, ==, -1);
    g_assert_cmpint(ctx.rs1, ==, 6);
    g_assert_cmpint(ctx.rd, ==, 5);

    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, enc_i(2047, 6, 4, 5, 0x13)));
    g_assert_cmpstr(ctx.called[0], ==, "xori");
    g_assert_cmpint(ctx.imm, ==, 2047);

    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, enc_i(-2048, 6, 4, 5, 0x13)));
    g_assert_cmpint(ctx.imm, ==, -2048);
}

static void test_multi_segment_function(void)
{
    static const int offsets[] = { -8, 8, -4096, 4094, 2048, -2 };
    DisasContext ctx;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(offsets); i++) {
        ctx_init(&ctx, NULL, NULL);
        g_assert_true(decode_toy(&ctx, enc_b(offsets[i], 9, 8, 1, 0x63)));
        g_assert_cmpstr(ctx.called[0], ==, "bne");
        g_assert_cmpint(ctx.imm, ==, offsets[i]);
        g_assert_cmpint(ctx.rs1, ==, 8);
        g_assert_cmpint(ctx.rs2, ==, 9);
        /* The scaling went through the !function, once. */
        g_assert_cmpint(ctx.func_calls, ==, 1);
    }
}

static void test_function_result(void)
{
    DisasContext ctx;

    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, 0xfffff0b7u));   /* lui x1, 0xfffff */
    g_assert_cmpstr(ctx.called[0], ==, "lui");
    g_assert_cmpint(ctx.rd, ==, 1);
    g_assert_cmpint(ctx.imm, ==, -4096);
}

static void test_inline_signed_and_constant(void)
{
    DisasContext ctx;

    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, 0x80000u << 12 | 4 << 7 | 0x0b));
    g_assert_cmpstr(ctx.called[0], ==, "mark");
    g_assert_cmpint(ctx.imm, ==, -524288);
    g_assert_cmpint(ctx.rd, ==, 4);
    g_assert_cmpint(ctx.kind, ==, 3);

    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, 0x7ffffu << 12 | 4 << 7 | 0x0b));
    g_assert_cmpint(ctx.imm, ==, 524287);
}

static void test_group_order(void)
{
    DisasContext ctx;

    /* addi x0, x0, 0: nop is the first member that matches. */
    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, enc_i(0, 0, 0, 0, 0x13)));
    g_assert_cmpint(ctx.ncalls, ==, 1);
    g_assert_cmpstr(ctx.called[0], ==, "nop");

    /* addi x5, x0, 7: nop's bits do not match, li's do. */
    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, enc_i(7, 0, 0, 5, 0x13)));
    g_assert_cmpint(ctx.ncalls, ==, 1);
    g_assert_cmpstr(ctx.called[0], ==, "li");
    g_assert_cmpint(ctx.imm, ==, 7);

    /* addi x1, x16, 0: the other member of the nested [ ] group. */
    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy(&ctx, enc_i(0, 16, 0, 1, 0x13)));
    g_assert_cmpint(ctx.ncalls, ==, 1);
    g_assert_cmpstr(ctx.called[0], ==, "mv");
    g_assert_cmpint(ctx.rs1, ==, 16);
}

static void test_group_fallthrough(void)
{
    DisasContext ctx;

    /* nop refuses: li (rs1 == 0) is tried next and accepts. */
    ctx_init(&ctx, "nop", NULL);
    g_assert_true(decode_toy(&ctx, enc_i(0, 0, 0, 0, 0x13)));
    g_assert_cmpint(ctx.ncalls, ==, 2);
    g_assert_cmpstr(ctx.called[0], ==, "nop");
    g_assert_cmpstr(ctx.called[1], ==, "li");

    /* nop and li refuse: the general addi gets it, with its fields. */
    ctx_init(&ctx, "nop", "li");
    g_assert_true(decode_toy(&ctx, enc_i(0, 0, 0, 0, 0x13)));
    g_assert_cmpint(ctx.ncalls, ==, 3);
    g_assert_cmpstr(ctx.called[2], ==, "addi");
    g_assert_cmpint(ctx.rd, ==, 0);

    /* mv refuses: straight to addi, li's bits do not match. */
    ctx_init(&ctx, "mv", NULL);
    g_assert_true(decode_toy(&ctx, enc_i(0, 16, 0, 1, 0x13)));
    g_assert_cmpint(ctx.ncalls, ==, 2);
    g_assert_cmpstr(ctx.called[0], ==, "mv");
    g_assert_cmpstr(ctx.called[1], ==, "addi");
    g_assert_cmpint(ctx.rs1, ==, 16);

    /* Every member refuses: the insn is illegal. */
    ctx_init(&ctx, "mv", "addi");
    g_assert_false(decode_toy(&ctx, enc_i(0, 16, 0, 1, 0x13)));
    g_assert_cmpint(ctx.ncalls, ==, 2);
}

static void test_no_match(void)
{
    DisasContext ctx;

    ctx_init(&ctx, NULL, NULL);
    g_assert_false(decode_toy(&ctx, 0xffffffffu));
    g_assert_false(decode_toy(&ctx, 0));
    /* Right opcode, unknown funct3 / funct7. */
    g_assert_false(decode_toy(&ctx, enc_i(0, 1, 7, 1, 0x13)));
    g_assert_false(decode_toy(&ctx, enc_r(1, 3, 2, 0, 1, 0x33)));
    g_assert_false(decode_toy(&ctx, enc_b(8, 1, 2, 2, 0x63)));
    g_assert_cmpint(ctx.ncalls, ==, 0);

    /* A matching pattern whose trans_ refuses outside a group. */
    ctx_init(&ctx, "add", NULL);
    g_assert_false(decode_toy(&ctx, enc_r(0, 3, 2, 0, 1, 0x33)));
    g_assert_cmpint(ctx.ncalls, ==, 1);
}

static void test_16bit_decoder(void)
{
    DisasContext ctx;

    /* addi x9, x9, -3 in 16 bits: shares trans_addi and arg_i. */
    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy16(&ctx, 0x0 << 13 | 1 << 12 | 9 << 7 |
                               0x1d << 2 | 1));
    g_assert_cmpstr(ctx.called[0], ==, "addi");
    g_assert_cmpint(ctx.rd, ==, 9);
    g_assert_cmpint(ctx.rs1, ==, 9);
    g_assert_cmpint(ctx.imm, ==, -3);

    /* !function on a 3-bit register field. */
    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy16(&ctx, 1 << 13 | 5 << 2));
    g_assert_cmpstr(ctx.called[0], ==, "c_addi4");
    g_assert_cmpint(ctx.rd, ==, 13);
    g_assert_cmpint(ctx.imm, ==, 5);

    /* Bits above the 16 of the insn are ignored, signed fields included. */
    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy16(&ctx, 0xffff0000u | 1 << 12 | 9 << 7 |
                               0x1d << 2 | 1));
    g_assert_cmpstr(ctx.called[0], ==, "addi");
    g_assert_cmpint(ctx.rd, ==, 9);
    g_assert_cmpint(ctx.imm, ==, -3);
    ctx_init(&ctx, NULL, NULL);
    g_assert_true(decode_toy16(&ctx, 0x12340000u | 0x0081));
    g_assert_cmpstr(ctx.called[0], ==, "addi");
    g_assert_cmpint(ctx.rd, ==, 1);
    g_assert_cmpint(ctx.imm, ==, 0);

    /* Quadrant 2 does not exist in this ISA. */
    ctx_init(&ctx, NULL, NULL);
    g_assert_false(decode_toy16(&ctx, 0x0002));
    g_assert_cmpint(ctx.ncalls, ==, 0);
}

static void test_split_without_common_bits(void)
{
    static const struct {
        uint32_t insn;
        const char *name;
    } cases[] = {
        { 0xe00e, "c_x" }, { 0xe01e, "c_x" },     /* bits 3,2 = 11 */
        { 0xe012, "c_y" }, { 0xe016, "c_y" },     /* bits 4,3 = 10 */
        { 0xe002, "c_z" }, { 0xe00a, "c_z" },     /* bits 4,2 = 00 */
        { 0xe006, NULL }, { 0xe01a, NULL },       /* 001, 110 */
    };
    DisasContext ctx;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        ctx_init(&ctx, NULL, NULL);
        if (cases[i].name) {
            g_assert_true(decode_toy16(&ctx, cases[i].insn));
            g_assert_cmpint(ctx.ncalls, ==, 1);
            g_assert_cmpstr(ctx.called[0], ==, cases[i].name);
        } else {
            g_assert_false(decode_toy16(&ctx, cases[i].insn));
            g_assert_cmpint(ctx.ncalls, ==, 0);
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/register-fields", test_register_fields);
    g_test_add_func("/decode/signed-immediate", test_signed_immediate);
    g_test_add_func("/decode/multi-segment-function",
                    test_multi_segment_function);
    g_test_add_func("/decode/function-result", test_function_result);
    g_test_add_func("/decode/inline-signed-and-constant",
                    test_inline_signed_and_constant);
    g_test_add_func("/decode/group-order", test_group_order);
    g_test_add_func("/decode/group-fallthrough", test_group_fallthrough);
    g_test_add_func("/decode/no-match", test_no_match);
    g_test_add_func("/decode/16bit-decoder", test_16bit_decoder);
    g_test_add_func("/decode/split-without-common-bits",
                    test_split_without_common_bits);
    return g_test_run();
}
