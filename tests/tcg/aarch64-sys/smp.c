/* SPDX-License-Identifier: MIT */
/*
 * PSCI with -smp 2: CPU 1 starts off; CPU_ON runs it at secondary_entry
 * with the context id in x0; it reports its MPIDR and turns itself off;
 * AFFINITY_INFO then says OFF; CPU_ON of a CPU that is on or absent
 * fails as PSCI says.
 */
#include "sys-test.h"

extern char secondary_entry[];
static volatile uint64_t seen_ctx, seen_mpidr, seen_el;
static volatile int spin;

void secondary_main(uint64_t ctx)
{
    seen_mpidr = read_sysreg(mpidr_el1);
    seen_el = read_sysreg(CurrentEL) >> 2;
    __asm__ volatile("dmb sy" ::: "memory");
    seen_ctx = ctx;
    while (spin) {
    }
    psci(PSCI_CPU_OFF, 0, 0, 0);
}

int main(void)
{
    int64_t r;

    CHECK((read_sysreg(mpidr_el1) & 0xffffff) == 0);
    CHECK(psci(PSCI_AFFINITY_INFO, 1, 0, 0) == 1);      /* OFF */
    spin = 1;
    r = psci(PSCI_CPU_ON, 1, (uint64_t)secondary_entry, 0xabcd);
    CHECK(r == 0);
    while (seen_ctx != 0xabcd) {
    }
    CHECK((seen_mpidr & 0xffffff) == 1);
    CHECK(seen_el == 1);
    CHECK(psci(PSCI_AFFINITY_INFO, 1, 0, 0) == 0);      /* ON */
    r = psci(PSCI_CPU_ON, 1, (uint64_t)secondary_entry, 0);
    CHECK(r == -4);                                     /* ALREADY_ON */
    r = psci(PSCI_CPU_ON, 7, (uint64_t)secondary_entry, 0);
    CHECK(r == -2);                                     /* INVALID_PARAMS */
    spin = 0;
    while (psci(PSCI_AFFINITY_INFO, 1, 0, 0) != 1) {
    }
    return test_failures();
}
