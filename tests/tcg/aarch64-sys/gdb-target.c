/* SPDX-License-Identifier: MIT */
/*
 * A bare-metal program for the gdbstub test on aarch64
 * (tests/functional/gdb-riscv sys-aarch64): a function to break on and
 * variables to print and watch. PASS (and PSCI SYSTEM_OFF) iff
 * result == 10.
 */
#include "sys-test.h"

volatile long counter;
volatile long result;

__attribute__((noinline)) long add_one(long x)
{
    return x + 1;
}

int main(void)
{
    for (int i = 0; i < 5; i++) {
        counter = add_one(counter);
    }
    result = counter * 2;
    CHECK(result == 10);
    return test_failures();
}
