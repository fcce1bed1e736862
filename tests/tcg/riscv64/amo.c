/* SPDX-License-Identifier: MIT */
/* Every AMO (.w and .d) and LR/SC on edge values, single-threaded. */
#include "guest.h"

typedef uint64_t u64;
typedef int64_t s64;

static const u64 vals[] = {
    0, 1, (u64)-1, 0x8000000000000000ull, 0x7fffffffffffffffull,
    0x80000000ull, 0x7fffffffull, 0xffffffff80000000ull,
    0x00000001fffffffeull,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

static u64 sext32(u64 x)
{
    return (u64)(s64)(int32_t)x;
}

/* run(mem, src) returns the old value rd; *mem holds the new value. */
#define DEF_AMO(fn, insn, type) \
    static u64 run_##fn(u64 *mem, u64 src) \
    { \
        u64 rd; \
        asm volatile(insn " %0, %2, (%1)" : "=&r"(rd) : "r"(mem), \
                     "r"(src) : "memory"); \
        return rd; \
    }

DEF_AMO(swap_w, "amoswap.w", 32)
DEF_AMO(add_w, "amoadd.w", 32)
DEF_AMO(and_w, "amoand.w", 32)
DEF_AMO(or_w, "amoor.w", 32)
DEF_AMO(xor_w, "amoxor.w", 32)
DEF_AMO(min_w, "amomin.w", 32)
DEF_AMO(max_w, "amomax.w", 32)
DEF_AMO(minu_w, "amominu.w", 32)
DEF_AMO(maxu_w, "amomaxu.w", 32)
DEF_AMO(swap_d, "amoswap.d", 64)
DEF_AMO(add_d, "amoadd.d", 64)
DEF_AMO(and_d, "amoand.d", 64)
DEF_AMO(or_d, "amoor.d", 64)
DEF_AMO(xor_d, "amoxor.d", 64)
DEF_AMO(min_d, "amomin.d", 64)
DEF_AMO(max_d, "amomax.d", 64)
DEF_AMO(minu_d, "amominu.d", 64)
DEF_AMO(maxu_d, "amomaxu.d", 64)
DEF_AMO(add_d_aqrl, "amoadd.d.aqrl", 64)
DEF_AMO(swap_w_aq, "amoswap.w.aq", 32)
DEF_AMO(or_w_rl, "amoor.w.rl", 32)

/* The value stored in memory, computed from the spec's definitions. */
static u64 model(int op, int w, u64 m, u64 s)
{
    if (w) {
        int32_t a = (int32_t)m, b = (int32_t)s;
        uint32_t ua = m, ub = s;
        switch (op) {
        case 0: return (uint32_t)s;
        case 1: return (uint32_t)(ua + ub);
        case 2: return ua & ub;
        case 3: return ua | ub;
        case 4: return ua ^ ub;
        case 5: return (uint32_t)(a < b ? a : b);
        case 6: return (uint32_t)(a > b ? a : b);
        case 7: return ua < ub ? ua : ub;
        default: return ua > ub ? ua : ub;
        }
    }
    switch (op) {
    case 0: return s;
    case 1: return m + s;
    case 2: return m & s;
    case 3: return m | s;
    case 4: return m ^ s;
    case 5: return (s64)m < (s64)s ? m : s;
    case 6: return (s64)m > (s64)s ? m : s;
    case 7: return m < s ? m : s;
    default: return m > s ? m : s;
    }
}

typedef struct {
    const char *name;
    u64 (*run)(u64 *, u64);
    int op, w;
} AmoOp;

static const AmoOp ops[] = {
    { "amoswap.w", run_swap_w, 0, 1 }, { "amoadd.w", run_add_w, 1, 1 },
    { "amoand.w", run_and_w, 2, 1 }, { "amoor.w", run_or_w, 3, 1 },
    { "amoxor.w", run_xor_w, 4, 1 }, { "amomin.w", run_min_w, 5, 1 },
    { "amomax.w", run_max_w, 6, 1 }, { "amominu.w", run_minu_w, 7, 1 },
    { "amomaxu.w", run_maxu_w, 8, 1 },
    { "amoswap.d", run_swap_d, 0, 0 }, { "amoadd.d", run_add_d, 1, 0 },
    { "amoand.d", run_and_d, 2, 0 }, { "amoor.d", run_or_d, 3, 0 },
    { "amoxor.d", run_xor_d, 4, 0 }, { "amomin.d", run_min_d, 5, 0 },
    { "amomax.d", run_max_d, 6, 0 }, { "amominu.d", run_minu_d, 7, 0 },
    { "amomaxu.d", run_maxu_d, 8, 0 },
    { "amoadd.d.aqrl", run_add_d_aqrl, 1, 0 },
    { "amoswap.w.aq", run_swap_w_aq, 0, 1 },
    { "amoor.w.rl", run_or_w_rl, 3, 1 },
};

static void test_amos(void)
{
    /* The .w ops work on the low word; the high word must stay intact. */
    static u64 cell[2] __attribute__((aligned(16)));

    for (unsigned o = 0; o < sizeof(ops) / sizeof(ops[0]); o++) {
        const AmoOp *op = &ops[o];
        printf("== %s\n", op->name);
        for (unsigned i = 0; i < NVALS; i++) {
            for (unsigned j = 0; j < NVALS; j++) {
                u64 m = vals[i], s = vals[j];
                cell[0] = m;
                cell[1] = 0x5a5a5a5a5a5a5a5aull;
                u64 rd = op->run(&cell[0], s);
                printf("%s mem=%llx src=%llx -> rd=%llx mem=%llx\n",
                       op->name, (unsigned long long)m, (unsigned long long)s,
                       (unsigned long long)rd, (unsigned long long)cell[0]);
                if (op->w) {
                    CHECK_EQ(rd, sext32(m), op->name);
                    CHECK_EQ(cell[0], (m & 0xffffffff00000000ull) |
                             model(op->op, 1, m, s), op->name);
                } else {
                    CHECK_EQ(rd, m, op->name);
                    CHECK_EQ(cell[0], model(op->op, 0, m, s), op->name);
                }
                CHECK_EQ(cell[1], 0x5a5a5a5a5a5a5a5aull, "neighbour");
            }
        }
    }
}

/* LR/SC: success writes 0 and stores; a store-conditional without a
 * reservation (after sc consumed it) fails with a nonzero code. */
static void test_lrsc(void)
{
    static u64 cell __attribute__((aligned(8)));
    static uint32_t cellw __attribute__((aligned(4)));
    u64 old, rc, rc2;

    cell = 0x1122334455667788ull;
    asm volatile("lr.d %0, (%2)\n\tsc.d %1, %3, (%2)"
                 : "=&r"(old), "=&r"(rc) : "r"(&cell), "r"(42ull)
                 : "memory");
    printf("lr.d old=%llx sc.d rc=%llu mem=%llx\n", (unsigned long long)old,
           (unsigned long long)rc, (unsigned long long)cell);
    CHECK_EQ(old, 0x1122334455667788ull, "lr.d value");
    CHECK_EQ(rc, 0, "sc.d success");
    CHECK_EQ(cell, 42, "sc.d stored");

    asm volatile("sc.d %0, %2, (%1)" : "=&r"(rc2) : "r"(&cell),
                 "r"(7ull) : "memory");
    printf("sc.d without reservation rc=%s mem=%llx\n",
           rc2 ? "nonzero" : "0", (unsigned long long)cell);
    CHECK(rc2 != 0, "sc.d without reservation must fail");
    CHECK_EQ(cell, 42, "failed sc.d must not store");

    cellw = 0x80000000u;
    asm volatile("lr.w.aq %0, (%2)\n\tsc.w.rl %1, %3, (%2)"
                 : "=&r"(old), "=&r"(rc) : "r"(&cellw), "r"(5ull)
                 : "memory");
    printf("lr.w old=%llx sc.w rc=%llu mem=%x\n", (unsigned long long)old,
           (unsigned long long)rc, cellw);
    CHECK_EQ(old, 0xffffffff80000000ull, "lr.w sign-extends");
    CHECK_EQ(rc, 0, "sc.w success");
    CHECK_EQ(cellw, 5, "sc.w stored");
}

/* Writing x0 as rd still performs the AMO. */
static void test_rd_zero(void)
{
    static u64 cell = 10;

    asm volatile("amoadd.d zero, %1, (%0)" : : "r"(&cell), "r"(5ull)
                 : "memory");
    printf("amoadd.d rd=x0 -> mem=%llu\n", (unsigned long long)cell);
    CHECK_EQ(cell, 15, "amoadd.d with rd=x0");
}

int main(void)
{
    test_amos();
    test_lrsc();
    test_rd_zero();
    return guest_done();
}
