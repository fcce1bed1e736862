/* SPDX-License-Identifier: MIT */
/*
 * Self-modifying code on the system softmmu: code written into RAM runs;
 * patching one insn of a page changes what runs, and the other code on
 * the page keeps working; a TB that stores into its own next insn runs
 * the new insn; data stores next to code on one page never corrupt it.
 */
#include "sys-test.h"

#define MOVZ_W0(imm) (0x52800000u | ((uint32_t)(imm) << 5))
#define RET 0xd65f03c0u
#define NOP 0xd503201fu
#define STR_W1_X0_8 0xb9000801u     /* str w1, [x0, #8] */

static uint32_t code[1024] __attribute__((aligned(4096)));
static volatile uint32_t data_next_to_code[64];

typedef uint32_t (*fn0)(void);
typedef uint32_t (*fn2)(uint32_t *self, uint32_t insn);

static void sync_code(void)
{
    __asm__ volatile("dsb sy\n ic iallu\n dsb sy\n isb" ::: "memory");
}

int main(void)
{
    fn0 f1 = (fn0)(void *)&code[0], f2 = (fn0)(void *)&code[16];

    /* Two functions on one page. */
    code[0] = MOVZ_W0(1);
    code[1] = RET;
    code[16] = MOVZ_W0(2);
    code[17] = RET;
    sync_code();
    CHECK(f1() == 1);
    CHECK(f2() == 2);
    /* Patch the first: it changes, the second still runs. */
    for (int i = 0; i < 10; i++) {
        code[0] = MOVZ_W0(100 + i);
        sync_code();
        CHECK(f1() == 100u + i);
        CHECK(f2() == 2);
    }
    /* Stores next to the code (same page, other bytes). */
    for (int i = 0; i < 200; i++) {
        code[512 + (i & 63)] = (uint32_t)i;
        CHECK(f2() == 2);
    }
    CHECK(code[512 + 7] == 199);
    /*
     * A TB storing into its own next insns: without an IC the old or the
     * new insn may run (vemu runs the new one, QEMU the old); after IC
     * IALLU the new one must.
     */
    code[32] = STR_W1_X0_8;
    code[33] = NOP;
    code[34] = MOVZ_W0(3);
    code[35] = RET;
    sync_code();
    {
        uint32_t r = ((fn2)(void *)&code[32])(&code[32], MOVZ_W0(7));

        CHECK(r == 3 || r == 7);
        CHECK(code[34] == MOVZ_W0(7));
        sync_code();
        code[32] = NOP;
        sync_code();
        CHECK(((fn2)(void *)&code[32])(&code[32], 0) == 7);
    }
    (void)data_next_to_code;
    return test_failures();
}
