/* SPDX-License-Identifier: MIT */
/*
 * Advanced SIMD integer insns on edge lanes (0, 1, max, min, sign bits):
 * arithmetic, compares, logic, saturating ops, shifts, narrowing and
 * widening, permutes, TBL/TBX, across-lanes, DUP/INS/UMOV/SMOV, MOVI,
 * CNT/REV/CLZ; and SIMD FP lanes. Prints every result vector.
 */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t src[4][16] = {
    { 0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x55, 0xaa,
      0x10, 0x20, 0x40, 0x81, 0x0f, 0xf0, 0x33, 0xcc },
    { 0xff, 0x01, 0x01, 0x80, 0x7f, 0x02, 0xaa, 0x55,
      0x90, 0x00, 0x40, 0x7f, 0xf0, 0x0f, 0x33, 0x34 },
    { 0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0x7f,
      0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80 },
    { 3, 17, 31, 32, 47, 63, 64, 0, 15, 16, 200, 1, 2, 33, 48, 5 },
};

static unsigned long nout;

static void show(const char *name, const void *p, int n)
{
    const uint8_t *b = p;
    int i;

    printf("%-10s", name);
    for (i = n - 1; i >= 0; i--) {
        printf("%02x", b[i]);
    }
    printf("\n");
    nout++;
}

#define SHOWQ(name, v) do { __typeof__(v) t_ = (v); show(name, &t_, 16); } while (0)
#define SHOWD(name, v) do { __typeof__(v) t_ = (v); show(name, &t_, 8); } while (0)

static volatile int sink;

__attribute__((noinline)) static void test_all(const uint8_t *pa,
                                              const uint8_t *pb,
                                              const uint8_t *pc,
                                              const uint8_t *pidx)
{
    uint8x16_t a = vld1q_u8(pa), b = vld1q_u8(pb), c = vld1q_u8(pc);
    uint8x16_t idx = vld1q_u8(pidx);
    uint16x8_t a16 = vreinterpretq_u16_u8(a), b16 = vreinterpretq_u16_u8(b);
    uint32x4_t a32 = vreinterpretq_u32_u8(a), b32 = vreinterpretq_u32_u8(b);
    uint64x2_t a64 = vreinterpretq_u64_u8(a), b64 = vreinterpretq_u64_u8(b);
    int8x16_t sa = vreinterpretq_s8_u8(a), sb = vreinterpretq_s8_u8(b);
    int16x8_t sa16 = vreinterpretq_s16_u8(a), sb16 = vreinterpretq_s16_u8(b);
    int32x4_t sa32 = vreinterpretq_s32_u8(a), sb32 = vreinterpretq_s32_u8(b);
    int64x2_t sa64 = vreinterpretq_s64_u8(a), sb64 = vreinterpretq_s64_u8(b);
    uint8x8_t ad = vget_low_u8(a), bd = vget_low_u8(b);
    uint8x16x2_t tab2 = { { a, b } };
    uint8x16x3_t tab3 = { { a, b, c } };
    uint8x16x4_t tab4 = { { a, b, c, idx } };

    SHOWQ("add8", vaddq_u8(a, b));
    SHOWQ("add16", vaddq_u16(a16, b16));
    SHOWQ("add32", vaddq_u32(a32, b32));
    SHOWQ("add64", vaddq_u64(a64, b64));
    SHOWD("add8d", vadd_u8(ad, bd));
    SHOWQ("sub16", vsubq_u16(a16, b16));
    SHOWQ("sub64", vsubq_u64(a64, b64));
    SHOWQ("sub8", vsubq_u8(a, b));
    SHOWQ("sub32", vsubq_u32(a32, b32));
    SHOWD("sub16d", vsub_u16(vget_low_u16(a16), vget_low_u16(b16)));
    SHOWQ("mul8", vmulq_u8(a, b));
    SHOWQ("mul16", vmulq_u16(a16, b16));
    SHOWQ("mul32", vmulq_u32(a32, b32));
    SHOWQ("mla16", vmlaq_u16(a16, b16, a16));
    SHOWQ("mls32", vmlsq_u32(a32, b32, a32));
    SHOWQ("pmul", vmulq_p8(vreinterpretq_p8_u8(a), vreinterpretq_p8_u8(b)));
    SHOWQ("and", vandq_u8(a, b));
    SHOWQ("orr", vorrq_u8(a, b));
    SHOWQ("eor", veorq_u8(a, b));
    SHOWQ("bic", vbicq_u8(a, b));
    SHOWQ("orn", vornq_u8(a, b));
    SHOWQ("not", vmvnq_u8(a));
    SHOWQ("bsl", vbslq_u8(c, a, b));
    SHOWQ("cmeq8", vceqq_u8(a, b));
    SHOWQ("cmeq0", vceqzq_u8(a));
    SHOWQ("cmhi8", vcgtq_u8(a, b));
    SHOWQ("cmhs16", vcgeq_u16(a16, b16));
    SHOWQ("cmgt8", vcgtq_s8(sa, sb));
    SHOWQ("cmge32", vcgeq_s32(sa32, sb32));
    SHOWQ("cmgt64", vcgtq_s64(sa64, sb64));
    SHOWQ("cmhi64", vcgtq_u64(a64, b64));
    SHOWQ("cmtst", vtstq_u8(a, b));
    SHOWQ("cmlt0", vcltzq_s8(sa));
    SHOWQ("cmle0", vclezq_s16(sa16));
    SHOWQ("cmgt0", vcgtzq_s32(sa32));
    SHOWQ("umax", vmaxq_u8(a, b));
    SHOWQ("smin16", vminq_s16(sa16, sb16));
    SHOWQ("uabd", vabdq_u8(a, b));
    SHOWQ("sabd16", vabdq_s16(sa16, sb16));
    SHOWQ("uqadd8", vqaddq_u8(a, b));
    SHOWQ("uqsub8", vqsubq_u8(a, b));
    SHOWQ("sqadd8", vqaddq_s8(sa, sb));
    SHOWQ("sqsub16", vqsubq_s16(sa16, sb16));
    SHOWQ("uqadd64", vqaddq_u64(a64, b64));
    SHOWQ("sqsub64", vqsubq_s64(sa64, sb64));
    SHOWQ("uhadd", vhaddq_u8(a, b));
    SHOWQ("urhadd", vrhaddq_u8(a, b));
    SHOWQ("shsub16", vhsubq_s16(sa16, sb16));
    SHOWQ("ushl8", vshlq_u8(a, vreinterpretq_s8_u8(c)));
    SHOWQ("sshl8", vshlq_s8(sa, vreinterpretq_s8_u8(c)));
    SHOWQ("sqdmulh", vqdmulhq_s16(sa16, sb16));
    SHOWQ("sqrdmulh", vqrdmulhq_s32(sa32, sb32));
    SHOWQ("addp8", vpaddq_u8(a, b));
    SHOWQ("addp64", vpaddq_u64(a64, b64));
    SHOWQ("umaxp", vpmaxq_u8(a, b));
    SHOWQ("uminp16", vpminq_u16(a16, b16));
    SHOWQ("smaxp32", vpmaxq_s32(sa32, sb32));
    SHOWD("uminp8d", vpmin_u8(ad, bd));
    SHOWQ("cnt", vcntq_u8(a));
    SHOWQ("rev16", vrev16q_u8(a));
    SHOWQ("rev32", vrev32q_u8(a));
    SHOWQ("rev64", vrev64q_u8(a));
    SHOWQ("rev64h", vrev64q_u16(a16));
    SHOWQ("rbit", vrbitq_u8(a));
    SHOWQ("clz8", vclzq_u8(a));
    SHOWQ("clz32", vclzq_u32(a32));
    SHOWQ("cls16", vclsq_s16(sa16));
    SHOWQ("abs8", vabsq_s8(sa));
    SHOWQ("neg64", vnegq_s64(sa64));
    SHOWQ("sqabs8", vqabsq_s8(sa));
    SHOWQ("sqneg16", vqnegq_s16(sa16));
    SHOWD("xtn", vmovn_u16(a16));
    SHOWQ("xtn2", vmovn_high_u16(ad, b16));
    SHOWD("sqxtn", vqmovn_s16(sa16));
    SHOWD("uqxtn", vqmovn_u32(a32));
    SHOWD("sqxtun", vqmovun_s16(sa16));
    SHOWQ("uaddlp", vpaddlq_u8(a));
    SHOWQ("sadalp", vpadalq_s16(sa32, sa16));
    SHOWQ("uxtl", vmovl_u8(ad));
    SHOWQ("sxtl2", vmovl_high_s16(sa16));
    SHOWQ("shl3", vshlq_n_u8(a, 3));
    SHOWQ("shl63", vshlq_n_u64(a64, 63));
    SHOWQ("ushr1", vshrq_n_u8(a, 1));
    SHOWQ("ushr8", vshrq_n_u8(a, 8));
    SHOWQ("sshr7", vshrq_n_s8(sa, 7));
    SHOWQ("sshr64", vshrq_n_s64(sa64, 64));
    SHOWQ("sshr64_5", vshrq_n_s64(sa64, 5));
    SHOWQ("shl16", vshlq_n_u16(a16, 7));
    SHOWQ("shl32", vshlq_n_u32(a32, 31));
    SHOWQ("ushr16", vshrq_n_u16(a16, 16));
    SHOWQ("ushr32", vshrq_n_u32(a32, 13));
    SHOWQ("ushr64", vshrq_n_u64(a64, 64));
    SHOWD("ushr32d", vshr_n_u32(vget_low_u32(a32), 3));
    SHOWQ("usra", vsraq_n_u16(a16, b16, 5));
    SHOWQ("srshr", vrshrq_n_s32(sa32, 9));
    SHOWQ("ursra", vrsraq_n_u8(a, b, 2));
    SHOWQ("sri", vsriq_n_u8(a, b, 3));
    SHOWQ("sli", vsliq_n_u16(a16, b16, 4));
    SHOWD("shrn", vshrn_n_u16(a16, 4));
    SHOWQ("shrn2", vshrn_high_n_u16(ad, b16, 8));
    SHOWD("rshrn", vrshrn_n_u32(a32, 3));
    SHOWD("sqshrn", vqshrn_n_s16(sa16, 2));
    SHOWD("uqshrn", vqshrn_n_u64(a64, 7));
    SHOWD("sqrshrun", vqrshrun_n_s16(sa16, 1));
    SHOWQ("uqshl", vqshlq_n_u8(a, 2));
    SHOWQ("sqshl", vqshlq_n_s16(sa16, 3));
    SHOWQ("sqshlu", vqshluq_n_s8(sa, 1));
    SHOWQ("ushll", vshll_n_u8(ad, 3));
    SHOWQ("sshll2", vshll_high_n_s8(sa, 7));
    SHOWQ("uaddl", vaddl_u8(ad, bd));
    SHOWQ("saddl2", vaddl_high_s16(sa16, sb16));
    SHOWQ("usubw", vsubw_u8(a16, bd));
    SHOWQ("umull", vmull_u8(ad, bd));
    SHOWQ("smull2", vmull_high_s32(sa32, sb32));
    SHOWQ("umlal", vmlal_u16(a32, vget_low_u16(a16), vget_low_u16(b16)));
    SHOWQ("sabal", vabal_s8(sa16, vget_low_s8(sa), vget_low_s8(sb)));
    SHOWQ("uabdl2", vabdl_high_u8(a, b));
    SHOWD("addhn", vaddhn_u16(a16, b16));
    SHOWD("raddhn", vraddhn_u32(a32, b32));
    SHOWQ("subhn2", vsubhn_high_u16(ad, a16, b16));
    SHOWQ("pmull", vmull_p8(vget_low_p8(vreinterpretq_p8_u8(a)),
                            vget_low_p8(vreinterpretq_p8_u8(b))));
    SHOWQ("sqdmull", vqdmull_s16(vget_low_s16(sa16), vget_low_s16(sb16)));
    SHOWQ("zip1", vzip1q_u8(a, b));
    SHOWQ("zip2h", vzip2q_u16(a16, b16));
    SHOWQ("uzp1", vuzp1q_u8(a, b));
    SHOWQ("uzp2s", vuzp2q_u32(a32, b32));
    SHOWQ("trn1", vtrn1q_u8(a, b));
    SHOWQ("trn2d", vtrn2q_u64(a64, b64));
    SHOWD("zip1d", vzip1_u8(ad, bd));
    SHOWQ("ext3", vextq_u8(a, b, 3));
    SHOWQ("ext15", vextq_u8(a, b, 15));
    SHOWD("ext5d", vext_u8(ad, bd, 5));
    SHOWQ("tbl1", vqtbl1q_u8(a, idx));
    SHOWQ("tbl2", vqtbl2q_u8(tab2, idx));
    SHOWQ("tbl3", vqtbl3q_u8(tab3, idx));
    SHOWQ("tbl4", vqtbl4q_u8(tab4, idx));
    SHOWQ("tbx1", vqtbx1q_u8(c, a, idx));
    SHOWQ("tbx2", vqtbx2q_u8(c, tab2, idx));
    SHOWD("tbl1d", vqtbl1_u8(a, vget_low_u8(idx)));
    {
        uint64_t r[12];

        r[0] = vaddvq_u8(a);
        r[1] = vmaxvq_u8(a);
        r[2] = vminvq_u8(a);
        r[3] = (uint64_t)vmaxvq_s8(sa);
        r[4] = (uint64_t)vminvq_s16(sa16);
        r[5] = vaddlvq_u8(a);
        r[6] = (uint64_t)vaddlvq_s16(sa16);
        r[7] = vmaxvq_u32(a32);
        r[8] = vaddvq_u32(a32);
        r[9] = vmaxv_u8(ad);
        r[10] = vaddlv_u8(ad);
        r[11] = vaddvq_u64(a64);
        show("across", r, sizeof(r));
    }
    SHOWQ("dup8", vdupq_laneq_u8(a, 13));
    SHOWQ("dup64", vdupq_laneq_u64(a64, 1));
    SHOWQ("dupx", vdupq_n_u16((uint16_t)pa[3] * 257));
    SHOWQ("ins", vsetq_lane_u32(0xdeadbeef, a32, 2));
    SHOWQ("inselt", vcopyq_laneq_u8(a, 5, b, 12));
    {
        uint64_t r[6];

        r[0] = vgetq_lane_u8(a, 15);
        r[1] = vgetq_lane_u16(a16, 6);
        r[2] = vgetq_lane_u64(a64, 1);
        r[3] = (uint64_t)(int64_t)vgetq_lane_s8(sa, 11);
        r[4] = (uint64_t)(int64_t)vgetq_lane_s32(sa32, 3);
        r[5] = (uint64_t)(int64_t)vgetq_lane_s16(sa16, 1);
        show("umov", r, sizeof(r));
    }
    SHOWQ("mulidx", vmulq_laneq_u16(a16, b16, 5));
    SHOWQ("mlaidx", vmlaq_laneq_u32(a32, b32, a32, 3));
    SHOWQ("umullidx", vmull_laneq_u16(vget_low_u16(a16), b16, 7));
    SHOWQ("smlalidx", vmlal_high_laneq_s32(sa64, sa32, sb32, 1));
}

__attribute__((noinline)) static void test_imm(void)
{
    uint64x2_t z = vdupq_n_u64(0x1234567890abcdefull);

    SHOWQ("movi8", vdupq_n_u8(0xa5));
    SHOWQ("movi16", vdupq_n_u16(0x4d00));
    SHOWQ("mvni32", vdupq_n_u32(0xff00ffff));
    SHOWQ("movi64", vdupq_n_u64(0xff00ff0000ffff00ull));
    SHOWQ("orr16", vorrq_u64(z, vreinterpretq_u64_u16(vdupq_n_u16(0x8800))));
    SHOWQ("bic32", vandq_u64(z, vreinterpretq_u64_u32(
                                    vdupq_n_u32(0xffff00ff))));
    SHOWQ("fmov4s", vreinterpretq_u8_f32(vdupq_n_f32(-3.5f)));
    SHOWQ("fmov2d", vreinterpretq_u8_f64(vdupq_n_f64(0.25)));
}

__attribute__((noinline)) static void test_fp(const float *pf,
                                             const double *pd)
{
    float32x4_t a = vld1q_f32(pf), b = vld1q_f32(pf + 4);
    float64x2_t c = vld1q_f64(pd), d = vld1q_f64(pd + 2);

    SHOWQ("fadd4s", vaddq_f32(a, b));
    SHOWQ("fsub2d", vsubq_f64(c, d));
    SHOWQ("fmul4s", vmulq_f32(a, b));
    SHOWQ("fdiv2d", vdivq_f64(c, d));
    SHOWQ("fmla4s", vfmaq_f32(a, a, b));
    SHOWQ("fmls2d", vfmsq_f64(c, c, d));
    SHOWQ("fmax4s", vmaxq_f32(a, b));
    SHOWQ("fminnm", vminnmq_f32(a, b));
    SHOWQ("fabd", vabdq_f32(a, b));
    SHOWQ("fabs", vabsq_f64(c));
    SHOWQ("fneg", vnegq_f32(a));
    SHOWQ("fsqrt", vsqrtq_f32(b));
    SHOWQ("fcmeq", vceqq_f32(a, b));
    SHOWQ("fcmge", vcgeq_f64(c, d));
    SHOWQ("fcmgt0", vcgtzq_f32(a));
    SHOWQ("fcmlt0", vcltzq_f64(d));
    SHOWQ("facgt", vcagtq_f32(a, b));
    SHOWQ("faddp", vpaddq_f32(a, b));
    SHOWQ("fmaxp", vpmaxq_f64(c, d));
    SHOWQ("frinta", vrndaq_f32(a));
    SHOWQ("frintm", vrndmq_f64(c));
    SHOWQ("fcvtzs", vcvtq_s32_f32(a));
    SHOWQ("fcvtnu", vcvtnq_u64_f64(c));
    SHOWQ("scvtf", vcvtq_f32_s32(vreinterpretq_s32_f32(b)));
    SHOWQ("ucvtf2d", vcvtq_f64_u64(vreinterpretq_u64_f64(d)));
    SHOWQ("fcvtl", vcvt_f64_f32(vget_low_f32(a)));
    SHOWQ("fcvtn2", vcvt_high_f32_f64(vget_low_f32(b), c));
    SHOWQ("fmulidx", vmulq_laneq_f32(a, b, 3));
    SHOWQ("fmlaidx", vfmaq_laneq_f64(c, d, c, 1));
    SHOWQ("fcvtzs#", vcvtq_n_s32_f32(a, 8));
    SHOWQ("scvtf#", vcvtq_n_f64_s64(vreinterpretq_s64_f64(c), 3));
    {
        float r[4] = { vmaxvq_f32(a), vminvq_f32(b), vmaxnmvq_f32(a),
                       vpadds_f32(vget_low_f32(b)) };
        show("fpacross", r, sizeof(r));
    }
}

int main(void)
{
    static const float f[8] = {
        1.5f, -0.0f, 3.0e38f, -7.25f, 2.0f, 0.0f, 1.0e38f, __builtin_nanf(""),
    };
    static const double d[4] = { 1e300, -2.5, 1e-300, 0.5 };
    int i, j;

    for (i = 0; i < 4; i++) {
        for (j = 0; j < 4; j++) {
            if (i == j) {
                continue;
            }
            printf("== %d %d\n", i, j);
            test_all(src[i], src[j], src[(i + j) & 3], src[3]);
        }
    }
    test_imm();
    test_fp(f, d);
    printf("%lu vectors\n", nout);
    return sink;
}
