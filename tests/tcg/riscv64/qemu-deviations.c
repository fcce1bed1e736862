/* SPDX-License-Identifier: MIT */
/* Cases where qemu-riscv64 7.2 is wrong: checked against the spec only. */
#include "guest.h"
#include <signal.h>

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

static volatile int usr2_blocked = -1;

static void on_usr1(int sig)
{
    sigset_t cur;

    sigprocmask(SIG_BLOCK, NULL, &cur);
    usr2_blocked = sigismember(&cur, SIGUSR2);
}

/* sa_mask is added to the blocked set while the handler runs. */
static void test_sa_mask(void)
{
    struct sigaction sa = { 0 };

    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("sa_mask: SIGUSR2 blocked in handler = %d\n", usr2_blocked);
    CHECK(usr2_blocked == 1, "sa_mask not applied in the handler");
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
    test_sa_mask();
    return guest_done();
}
