/* SPDX-License-Identifier: MIT */
/* Shared helpers of the riscv64 guest tests: checks that count failures. */
#ifndef GUEST_H
#define GUEST_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int guest_failures;
static int guest_checks;

/* Every check prints nothing on success so the output stays the values. */
#define CHECK(cond, ...) do { \
        guest_checks++; \
        if (!(cond)) { \
            guest_failures++; \
            printf("FAIL %s:%d: ", __FILE__, __LINE__); \
            printf(__VA_ARGS__); \
            printf("\n"); \
        } \
    } while (0)

#define CHECK_EQ(got, want, what) do { \
        uint64_t got_ = (uint64_t)(got), want_ = (uint64_t)(want); \
        CHECK(got_ == want_, "%s: got 0x%016llx want 0x%016llx", (what), \
              (unsigned long long)got_, (unsigned long long)want_); \
    } while (0)

/* Print the summary and turn failures into the exit status. */
static inline int guest_done(void)
{
    printf("checks: %d, failures: %d\n", guest_checks, guest_failures);
    fflush(stdout);
    return guest_failures ? 1 : 0;
}

#endif
