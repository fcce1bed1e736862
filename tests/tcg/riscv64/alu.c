/* SPDX-License-Identifier: MIT */
/* RV64I/M integer ops on edge values, checked against a C model. */
#include "guest.h"

typedef uint64_t u64;
typedef int64_t s64;

static const u64 vals[] = {
    0, 1, (u64)-1, 2, 0x8000000000000000ull, 0x7fffffffffffffffull,
    0x80000000ull, 0x7fffffffull, 0xffffffffull, 0x100000000ull,
    0xffffffff80000000ull, 0x123456789abcdef0ull, 31, 32, 63, 64,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static u64 sext32(u64 x)
{
    return (u64)(s64)(int32_t)x;
}

/* The C model of each op, written from the ISA manual's definitions. */
static u64 m_div(u64 a, u64 b)
{
    if (b == 0) {
        return (u64)-1;
    }
    if ((s64)a == INT64_MIN && (s64)b == -1) {
        return a;
    }
    return (u64)((s64)a / (s64)b);
}

static u64 m_rem(u64 a, u64 b)
{
    if (b == 0) {
        return a;
    }
    if ((s64)a == INT64_MIN && (s64)b == -1) {
        return 0;
    }
    return (u64)((s64)a % (s64)b);
}

static u64 m_divw(u64 a, u64 b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) {
        return (u64)-1;
    }
    if (x == INT32_MIN && y == -1) {
        return sext32((uint32_t)x);
    }
    return sext32((uint32_t)(x / y));
}

static u64 m_remw(u64 a, u64 b)
{
    int32_t x = (int32_t)a, y = (int32_t)b;
    if (y == 0) {
        return sext32((uint32_t)x);
    }
    if (x == INT32_MIN && y == -1) {
        return 0;
    }
    return sext32((uint32_t)(x % y));
}

static u64 m_divuw(u64 a, u64 b)
{
    uint32_t x = a, y = b;
    return y == 0 ? (u64)-1 : sext32(x / y);
}

static u64 m_remuw(u64 a, u64 b)
{
    uint32_t x = a, y = b;
    return y == 0 ? sext32(x) : sext32(x % y);
}

/* One asm wrapper and one C model per register-register op. */
#define DEF_R(insn, model) \
    static u64 run_##insn(u64 a, u64 b) \
    { \
        u64 r; \
        asm volatile(#insn " %0,%1,%2" : "=r"(r) : "r"(a), "r"(b)); \
        return r; \
    } \
    static u64 model_##insn(u64 a, u64 b) \
    { \
        return (model); \
    }

DEF_R(add, a + b)
DEF_R(sub, a - b)
DEF_R(sll, a << (b & 63))
DEF_R(srl, a >> (b & 63))
DEF_R(sra, (u64)((s64)a >> (b & 63)))
DEF_R(slt, (s64)a < (s64)b)
DEF_R(sltu, a < b)
DEF_R(xor, a ^ b)
DEF_R(or, a | b)
DEF_R(and, a & b)
DEF_R(addw, sext32(a + b))
DEF_R(subw, sext32(a - b))
DEF_R(sllw, sext32((uint32_t)a << (b & 31)))
DEF_R(srlw, sext32((uint32_t)a >> (b & 31)))
DEF_R(sraw, sext32((uint32_t)((int32_t)a >> (b & 31))))
DEF_R(mul, a * b)
DEF_R(mulh, (u64)(((__int128)(s64)a * (__int128)(s64)b) >> 64))
DEF_R(mulhu, (u64)(((unsigned __int128)a * b) >> 64))
DEF_R(mulhsu, (u64)(((__int128)(s64)a * (__int128)b) >> 64))
DEF_R(mulw, sext32(a * b))
DEF_R(div, m_div(a, b))
DEF_R(divu, b == 0 ? (u64)-1 : a / b)
DEF_R(rem, m_rem(a, b))
DEF_R(remu, b == 0 ? a : a % b)
DEF_R(divw, m_divw(a, b))
DEF_R(divuw, m_divuw(a, b))
DEF_R(remw, m_remw(a, b))
DEF_R(remuw, m_remuw(a, b))

typedef struct {
    const char *name;
    u64 (*run)(u64, u64);
    u64 (*model)(u64, u64);
} RegOp;

#define OP_R(insn) { #insn, run_##insn, model_##insn }

static void test_reg_ops(void)
{
    static const RegOp ops[] = {
        OP_R(add),
        OP_R(sub),
        OP_R(sll),
        OP_R(srl),
        OP_R(sra),
        OP_R(slt),
        OP_R(sltu),
        OP_R(xor),
        OP_R(or),
        OP_R(and),
        OP_R(addw),
        OP_R(subw),
        OP_R(sllw),
        OP_R(srlw),
        OP_R(sraw),
        OP_R(mul),
        OP_R(mulh),
        OP_R(mulhu),
        OP_R(mulhsu),
        OP_R(mulw),
        OP_R(div),
        OP_R(divu),
        OP_R(rem),
        OP_R(remu),
        OP_R(divw),
        OP_R(divuw),
        OP_R(remw),
        OP_R(remuw),
    };
    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        printf("== %s\n", ops[o].name);
        for (unsigned i = 0; i < NVALS; i++) {
            for (unsigned j = 0; j < NVALS; j++) {
                u64 r = ops[o].run(vals[i], vals[j]);
                printf("%s %llx %llx = %llx\n", ops[o].name,
                       (unsigned long long)vals[i],
                       (unsigned long long)vals[j], (unsigned long long)r);
                CHECK_EQ(r, ops[o].model(vals[i], vals[j]), ops[o].name);
            }
        }
    }
}

/* Immediate forms: each (insn, imm) pair is its own instruction. */
#define IMM(insn, imm, model) do { \
        for (unsigned i = 0; i < NVALS; i++) { \
            u64 a = vals[i], r, b = (u64)(s64)(imm); \
            asm volatile(insn " %0,%1,%2" : "=r"(r) : "r"(a), "i"(imm)); \
            printf("%s %llx %d = %llx\n", insn, (unsigned long long)a, \
                   (int)(imm), (unsigned long long)r); \
            CHECK_EQ(r, (model), insn); \
            (void)b; \
        } \
    } while (0)

#define IMM5(insn, model) do { \
        IMM(insn, 0, model); IMM(insn, 1, model); IMM(insn, -1, model); \
        IMM(insn, 2047, model); IMM(insn, -2048, model); \
    } while (0)

#define SH64(insn, model) do { \
        IMM(insn, 0, model); IMM(insn, 1, model); IMM(insn, 31, model); \
        IMM(insn, 32, model); IMM(insn, 63, model); \
    } while (0)

#define SH32(insn, model) do { \
        IMM(insn, 0, model); IMM(insn, 1, model); IMM(insn, 16, model); \
        IMM(insn, 31, model); \
    } while (0)

static void test_imm_ops(void)
{
    printf("== immediates\n");
    IMM5("addi", a + b);
    IMM5("slti", (s64)a < (s64)b);
    IMM5("sltiu", a < b);
    IMM5("xori", a ^ b);
    IMM5("ori", a | b);
    IMM5("andi", a & b);
    IMM5("addiw", sext32(a + b));
    SH64("slli", a << b);
    SH64("srli", a >> b);
    SH64("srai", (u64)((s64)a >> b));
    SH32("slliw", sext32((uint32_t)a << b));
    SH32("srliw", sext32((uint32_t)a >> b));
    SH32("sraiw", sext32((uint32_t)((int32_t)a >> b)));
}

#define LUI(imm, want) do { \
        u64 r; \
        asm volatile("lui %0, " #imm : "=r"(r)); \
        printf("lui %s = %llx\n", #imm, (unsigned long long)r); \
        CHECK_EQ(r, want, "lui " #imm); \
    } while (0)

static void test_upper(void)
{
    u64 a, b;

    printf("== lui/auipc\n");
    LUI(0, 0);
    LUI(1, 0x1000);
    LUI(0x7ffff, 0x7ffff000);
    LUI(0x80000, 0xffffffff80000000ull);
    LUI(0xfffff, 0xfffffffffffff000ull);
    /* auipc: the distance between two auipc 8 bytes apart is exact. */
    asm volatile(".option push\n\t.option norvc\n\t"
                 "auipc %0, 0\n\tnop\n\tauipc %1, 1\n\t.option pop"
                 : "=r"(a), "=r"(b));
    printf("auipc delta = %llx\n", (unsigned long long)(b - a));
    CHECK_EQ(b - a, 0x1008, "auipc delta");
    asm volatile(".option push\n\t.option norvc\n\t"
                 "auipc %0, 0x80000\n\tauipc %1, 0\n\t.option pop"
                 : "=r"(a), "=r"(b));
    printf("auipc neg delta = %llx\n", (unsigned long long)(b - a));
    CHECK_EQ(b - a, 0x80000004ull, "auipc negative offset");
}

/* x0 is hardwired: writes to it vanish, reads give zero. */
static void test_x0(void)
{
    u64 r;

    asm volatile("li t0, 5\n\tadd x0, t0, t0\n\tmv %0, x0"
                 : "=r"(r) : : "t0");
    printf("x0 after write = %llx\n", (unsigned long long)r);
    CHECK_EQ(r, 0, "x0");
    asm volatile("addi %0, x0, -7" : "=r"(r));
    CHECK_EQ(r, (u64)-7, "addi from x0");
}

/* Divide never traps on RISC-V: SIGFPE must not be raised. */
static void test_div_no_trap(void)
{
    volatile u64 zero = 0, a = 42;
    u64 r;

    asm volatile("div %0,%1,%2" : "=r"(r) : "r"(a), "r"(zero));
    CHECK_EQ(r, (u64)-1, "div by zero");
    asm volatile("divw %0,%1,%2" : "=r"(r) : "r"(0x80000000ull),
                 "r"((u64)-1));
    CHECK_EQ(r, 0xffffffff80000000ull, "divw overflow");
    printf("division by zero did not trap\n");
}

int main(void)
{
    test_reg_ops();
    test_imm_ops();
    test_upper();
    test_x0();
    test_div_no_trap();
    return guest_done();
}
