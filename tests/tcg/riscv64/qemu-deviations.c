/* SPDX-License-Identifier: MIT */
/* Cases where qemu-riscv64 7.2 is wrong: checked against the spec only. */
#include "guest.h"

/*
 * This program is registered "golden-only": its .expected file holds the
 * architecturally correct results and it is never compared with a live
 * qemu-riscv64 run (which fails it).
 */
static uint64_t ctzw(uint64_t a)
{
    uint64_t r;

    asm volatile(".option push\n\t.option arch, +zbb\n\t"
                 "ctzw %0, %1\n\t.option pop" : "=r"(r) : "r"(a));
    return r;
}

int main(void)
{
    /* ctzw looks at bits 31..0 only: a zero low word gives 32. */
    static const uint64_t in[] = {
        0x8000000000000000ull, 0x100000000ull, 0xffffffff00000000ull,
        0x0000000200000000ull,
    };
    for (unsigned i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        uint64_t r = ctzw(in[i]);
        printf("ctzw %llx = %llu\n", (unsigned long long)in[i],
               (unsigned long long)r);
        CHECK_EQ(r, 32, "ctzw with zero low word");
    }
    return guest_done();
}
