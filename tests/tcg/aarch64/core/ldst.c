/* SPDX-License-Identifier: MIT */
/* A64 loads and stores: every addressing form, size and extension. */
#include "minilib.h"

static uint8_t mem[256] __attribute__((aligned(16)));
static const uint64_t lit64 = 0xfedcba9876543210;

static void fill(void)
{
    for (int i = 0; i < 256; i++) {
        mem[i] = (uint8_t)(i * 37 + 0x81);
    }
}

static uint64_t sum_mem(void)
{
    uint64_t h = 0;

    for (int i = 0; i < 256; i++) {
        h = h * 31 + mem[i];
    }
    return h;
}

#define LD(insn)                                                             \
    ({ uint64_t r_; uint8_t *b_ = mem + 64;                                  \
       __asm__ volatile(insn : "=&r"(r_), "+r"(b_) : : "memory");            \
       pr("%s: %016lx base %d\n", insn, r_, (int)(b_ - (mem + 64))); })

#define LDX(insn, idx)                                                       \
    ({ uint64_t r_; uint64_t i_ = (idx);                                     \
       __asm__ volatile(insn : "=&r"(r_) : "r"(mem + 64), "r"(i_)            \
                        : "memory");                                         \
       pr("%s: %016lx idx %lx\n", insn, r_, i_); })

static void test_loads(void)
{
    LD("ldrb %w0, [%1]");
    LD("ldrsb %w0, [%1, #1]");
    LD("ldrsb %0, [%1, #3]");
    LD("ldrh %w0, [%1, #6]");
    LD("ldrsh %w0, [%1, #8]");
    LD("ldrsh %0, [%1, #4094]");
    LD("ldr %w0, [%1, #4]");
    LD("ldrsw %0, [%1, #12]");
    LD("ldr %0, [%1, #16]");
    LD("ldur %0, [%1, #-3]");
    LD("ldurh %w0, [%1, #-1]");
    LD("ldursb %0, [%1, #-64]");
    LD("ldursw %0, [%1, #255]");
    LD("ldr %0, [%1, #8]!");
    LD("ldr %0, [%1], #-16");
    LD("ldrb %w0, [%1, #-1]!");
    LD("ldrsh %0, [%1], #3");
    LD("ldrsw %0, [%1, #-4]!");
    LD("ldtr %0, [%1, #5]");
    LD("ldtrsb %w0, [%1, #7]");
    LDX("ldr %0, [%1, %2]", 8);
    LDX("ldr %0, [%1, %2, lsl #3]", 2);
    LDX("ldr %w0, [%1, %w2, sxtw #2]", 0xfffffffe);
    LDX("ldr %w0, [%1, %w2, uxtw]", 5);
    LDX("ldrsh %0, [%1, %2, sxtx #1]", -3);
    LDX("ldrb %w0, [%1, %2, lsl #0]", 17);
    LDX("ldrsb %w0, [%1, %w2, sxtw]", 0xffffffc1);
    {
        uint64_t a, b, c;

        __asm__ volatile("ldr %0, 1f\n ldrsw %1, 1f\n ldr %w2, 1f\n b 2f\n"
                         ".p2align 3\n1: .quad 0x89abcdef80000001\n2:"
                         : "=r"(a), "=r"(b), "=r"(c));
        pr("literal %lx %lx %lx\n", a, b, c);
        a = lit64;
        pr("lit64 %lx\n", a);
    }
}

static void test_pairs(void)
{
    uint64_t a, b;
    uint8_t *p;

    p = mem + 64;
    __asm__ volatile("ldp %0, %1, [%2, #-16]" : "=&r"(a), "=&r"(b)
                     : "r"(p) : "memory");
    pr("ldp %lx %lx\n", a, b);
    __asm__ volatile("ldp %w0, %w1, [%2, #-8]!" : "=&r"(a), "=&r"(b), "+r"(p)
                     : : "memory");
    pr("ldp.w pre %lx %lx %d\n", a, b, (int)(p - mem));
    __asm__ volatile("ldpsw %0, %1, [%2], #24" : "=&r"(a), "=&r"(b), "+r"(p)
                     : : "memory");
    pr("ldpsw post %lx %lx %d\n", a, b, (int)(p - mem));
    __asm__ volatile("ldnp %0, %1, [%2, #504]" : "=&r"(a), "=&r"(b)
                     : "r"((uintptr_t)mem - 400) : "memory");
    pr("ldnp %lx %lx\n", a, b);
    p = mem + 128;
    __asm__ volatile("ldr x9, =0x1111222233334444\n"
                     "ldr x10, =0x5555666677778888\n"
                     "stp x9, x10, [%0, #-32]!\n"
                     "stp w10, w9, [%0], #8\n"
                     "stnp w9, w9, [%0, #100]\n"
                     : "+r"(p) : : "memory", "x9", "x10");
    pr("stp %d %lx\n", (int)(p - mem), sum_mem());
}

#define ST(insn, v)                                                          \
    ({ uint8_t *b_ = mem + 64;                                               \
       __asm__ volatile(insn : "+r"(b_) : "r"((uint64_t)(v)) : "memory");    \
       pr("%s: base %d sum %lx\n", insn, (int)(b_ - (mem + 64)),           \
          sum_mem()); })

static void test_stores(void)
{
    ST("strb %w1, [%0, #3]", 0x1234);
    ST("strh %w1, [%0, #-7]!", 0xabcdef);
    ST("str %w1, [%0], #12", 0xdeadbeefcafe);
    ST("str %1, [%0, #4088]", 0x0123456789abcdef);
    ST("stur %1, [%0, #-255]", 0x1122334455667788);
    ST("sturh %w1, [%0, #1]", 0x99);
    ST("sttr %w1, [%0, #33]", 0x77665544);
    ST("str xzr, [%0, #48]\n str wzr, [%0, #-60]", 0);
    {
        uint64_t i = 7;

        __asm__ volatile("str %1, [%0, %2, lsl #3]\n"
                         "strh %w1, [%0, %w2, uxtw #1]\n"
                         "strb %w1, [%0, %2]"
                         : : "r"(mem), "r"(0xa5a4a3a2a1a0a9a8ull), "r"(i)
                         : "memory");
        pr("str reg sum %lx\n", sum_mem());
    }
}

/* Writeback to SP and loads into SP-relative frames. */
static void test_sp(void)
{
    uint64_t a, b;

    __asm__ volatile("stp %2, %3, [sp, #-16]!\n"
                     "ldr %0, [sp, #8]\n"
                     "ldr %1, [sp], #16\n"
                     : "=&r"(a), "=&r"(b) : "r"(0x1234ull), "r"(0x5678ull)
                     : "memory");
    pr("sp %lx %lx\n", a, b);
}

int main(void)
{
    fill();
    test_loads();
    test_pairs();
    fill();
    test_stores();
    test_sp();
    pr("done\n");
    return 0;
}
