/* SPDX-License-Identifier: MIT */
/* Loads and stores of every width and signedness, with +/- offsets. */
#include "guest.h"

static uint8_t buf[64] __attribute__((aligned(16)));

static void fill(void)
{
    for (int i = 0; i < 64; i++) {
        /* Alternate high-bit set and clear so sign extension shows. */
        buf[i] = (uint8_t)(i * 0x47 + 0x81);
    }
}

static uint64_t model_load(const uint8_t *p, int size, int sign)
{
    uint64_t v = 0;
    for (int i = size - 1; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    if (sign && size < 8 && (v >> (size * 8 - 1)) & 1) {
        v |= ~0ull << (size * 8);
    }
    return v;
}

#define LOAD(insn, size, sign, off) do { \
        for (int i = 16; i < 48; i += size) { \
            uint64_t r; \
            asm volatile(insn " %0, " #off "(%1)" : "=r"(r) \
                         : "r"(buf + i - (off)) : "memory"); \
            printf("%s %d(%d) = %llx\n", insn, off, i, \
                   (unsigned long long)r); \
            CHECK_EQ(r, model_load(buf + i, size, sign), insn); \
        } \
    } while (0)

#define STORE(insn, size, off, val) do { \
        for (int i = 16; i < 48; i += size) { \
            uint8_t want[64]; \
            uint64_t v = (val) + i; \
            memcpy(want, buf, 64); \
            memcpy(want + i, &v, size); \
            asm volatile(insn " %0, " #off "(%1)" : : "r"(v), \
                         "r"(buf + i - (off)) : "memory"); \
            CHECK(memcmp(want, buf, 64) == 0, "%s at %d", insn, i); \
        } \
        for (int i = 0; i < 64; i += 8) { \
            printf("%s mem[%d] = %016llx\n", insn, i, \
                   (unsigned long long)model_load(buf + i, 8, 0)); \
        } \
    } while (0)

static void test_loads(void)
{
    fill();
    LOAD("lb", 1, 1, 0);
    LOAD("lbu", 1, 0, 0);
    LOAD("lh", 2, 1, 0);
    LOAD("lhu", 2, 0, 0);
    LOAD("lw", 4, 1, 0);
    LOAD("lwu", 4, 0, 0);
    LOAD("ld", 8, 0, 0);
    LOAD("lb", 1, 1, -16);
    LOAD("lhu", 2, 0, 14);
    LOAD("lw", 4, 1, -8);
    LOAD("ld", 8, 0, 8);
    LOAD("ld", 8, 0, -16);
}

static void test_stores(void)
{
    fill();
    STORE("sb", 1, 0, 0x1122334455667788ull);
    STORE("sh", 2, 0, 0x8877665544332211ull);
    STORE("sw", 4, 0, 0xdeadbeefcafebabeull);
    STORE("sd", 8, 0, 0x0123456789abcdefull);
    STORE("sb", 1, -16, 0xf0ull);
    STORE("sh", 2, 10, 0x8001ull);
    STORE("sw", 4, -4, 0x80000001ull);
    STORE("sd", 8, 16, 0xfedcba9876543210ull);
}

/* FP loads and stores move raw bits; flw must NaN-box into the FPR. */
static void test_fp_mem(void)
{
    uint64_t in = 0x7ff0000000000001ull, out = 0, boxed;
    uint32_t in32 = 0x7f800001u, out32 = 0;

    asm volatile("fld ft0, 0(%1)\n\tfsd ft0, 0(%0)"
                 : : "r"(&out), "r"(&in) : "ft0", "memory");
    printf("fld/fsd signalling NaN bits = %llx\n", (unsigned long long)out);
    CHECK_EQ(out, in, "fld/fsd keeps sNaN bits");
    asm volatile("flw ft0, 0(%2)\n\tfsw ft0, 0(%1)\n\tfmv.x.d %0, ft0"
                 : "=r"(boxed) : "r"(&out32), "r"(&in32)
                 : "ft0", "memory");
    printf("flw/fsw = %x, boxed = %llx\n", out32, (unsigned long long)boxed);
    CHECK_EQ(out32, in32, "flw/fsw keeps sNaN bits");
    CHECK_EQ(boxed, 0xffffffff7f800001ull, "flw NaN-boxes");
}

/* Loads to x0 still access memory but leave x0 zero. */
static void test_x0_load(void)
{
    uint64_t r;

    fill();
    asm volatile("ld x0, 0(%1)\n\tmv %0, x0" : "=r"(r) : "r"(buf));
    CHECK_EQ(r, 0, "ld x0");
    printf("ld x0 = %llx\n", (unsigned long long)r);
}

int main(void)
{
    test_loads();
    test_stores();
    test_fp_mem();
    test_x0_load();
    return guest_done();
}
