/* SPDX-License-Identifier: MIT */
/* Shifts by register (saturating, rounding) on edge shift counts and
 * scalar FP multiplies by element. */
#include <arm_neon.h>
#include <string.h>
#include <stdio.h>
#include <stdint.h>
static int8_t sh[16] = { 1, -1, 7, -7, 8, -8, 9, -9, 0, 64, -64, 127, -128, 3, -3, 15 };
static uint8_t v[16] = { 0x80, 0x7f, 0xff, 0x01, 0x40, 0x81, 0x33, 0xcc, 0, 1, 2, 3, 0xf0, 0x0f, 0x55, 0xaa };
#define P(n, x) do { __typeof__(x) t = (x); uint8_t b[16]; memcpy(b, &t, 16); printf("%s ", n); for (int i = 15; i >= 0; i--) printf("%02x", b[i]); printf("\n"); } while (0)
int main(void) {
  uint8x16_t a = vld1q_u8(v); int8x16_t s = vld1q_s8(sh);
  for (int k = 0; k < 4; k++) {
    P("uqshl", vqshlq_u8(a, s)); P("sqshl", vqshlq_s8(vreinterpretq_s8_u8(a), s));
    P("urshl", vrshlq_u8(a, s)); P("srshl", vrshlq_s8(vreinterpretq_s8_u8(a), s));
    P("uqrshl", vqrshlq_u8(a, s)); P("sqrshl", vqrshlq_s8(vreinterpretq_s8_u8(a), s));
    P("uqshl16", vqshlq_u16(vreinterpretq_u16_u8(a), vreinterpretq_s16_s8(s)));
    P("srshl32", vrshlq_s32(vreinterpretq_s32_u8(a), vreinterpretq_s32_s8(s)));
    P("sqrshl64", vqrshlq_s64(vreinterpretq_s64_u8(a), vreinterpretq_s64_s8(s)));
    a = vaddq_u8(a, vreinterpretq_u8_s8(s)); s = vrev64q_s8(s);
  }
  {
    uint64_t r1, r2, r3;
    __asm__ volatile("ldr q1, [%3]\n\tfmov d0, #1.5\n\t"
                     "fmul d2, d0, v1.d[1]\n\tfmov %0, d2\n\t"
                     "fmla d0, d0, v1.d[0]\n\tfmov %1, d0\n\t"
                     "fmulx d3, d0, v1.d[1]\n\tfmov %2, d3"
                     : "=r"(r1), "=r"(r2), "=r"(r3) : "r"(v)
                     : "d0", "d1", "d2", "d3");
    printf("%016llx %016llx %016llx\n", (unsigned long long)r1,
           (unsigned long long)r2, (unsigned long long)r3);
    __asm__ volatile("ldr q1, [%3]\n\tfmov s0, #-2.5\n\t"
                     "fmul s2, s0, v1.s[3]\n\tfmov %w0, s2\n\t"
                     "fmls s0, s0, v1.s[1]\n\tfmov %w1, s0\n\t"
                     "fmulx s3, s0, v1.s[2]\n\tfmov %w2, s3"
                     : "=r"(r1), "=r"(r2), "=r"(r3) : "r"(v)
                     : "d0", "d1", "d2", "d3");
    printf("%08llx %08llx %08llx\n", (unsigned long long)r1,
           (unsigned long long)r2, (unsigned long long)r3);
  }
  return 0; }
