/* SPDX-License-Identifier: MIT */
/*
 * A bare-metal program for the gdbstub tests (tests/functional/gdb-riscv):
 * named functions to break on and variables to print and watch. Ends
 * through the SiFive test finisher: PASS (exit 0) iff result == 10.
 */
#define TESTDEV ((volatile unsigned int *)0x100000)

volatile long counter;
volatile long result;
char stack[4096] __attribute__((aligned(16)));

__attribute__((noinline)) long add_one(long x)
{
    return x + 1;
}

__attribute__((noreturn)) void finish(long ok)
{
    *TESTDEV = ok ? 0x5555 : (1u << 16) | 0x3333;
    for (;;) {
    }
}

void c_main(void)
{
    for (int i = 0; i < 5; i++) {
        counter = add_one(counter);
    }
    result = counter * 2;
    finish(result == 10);
}

/* spin (at 0x80000004, fixed for raw protocol tests) loops forever. */
__asm__(".pushsection .text.init, \"ax\"\n"
        ".option push\n"
        ".option norvc\n"
        ".global _start\n"
        "_start:\n"
        "    j 1f\n"
        ".global spin\n"
        "spin:\n"
        "    j spin\n"
        "1:  csrr t0, mhartid\n"       /* other harts (-smp) park */
        "    bnez t0, spin\n"
        "    lla sp, stack + 4096\n"
        "    call c_main\n"
        "    j spin\n"
        ".option pop\n"
        ".popsection\n");
