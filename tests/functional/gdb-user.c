/* SPDX-License-Identifier: MIT */
/*
 * A user program for tests/functional/gdb-riscv: a function to break on
 * and a variable the debugger changes, which shows in the exit status
 * (3 untouched, 145 after gdb sets total = 100 in the first iteration).
 */
volatile long total;

__attribute__((noinline)) long add_one(long x)
{
    return x + 1;
}

int main(void)
{
    for (long i = 1; i <= 3; i++) {
        total += add_one(i) - i;
    }
    return (int)(total + 42 - 42 * (total < 100));
}
