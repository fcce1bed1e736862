/* SPDX-License-Identifier: MIT */
/* setjmp/longjmp across frames: callee-saved GPRs and FPRs restored. */
#include "guest.h"
#include <setjmp.h>

static jmp_buf env, env2;
static int trail[32], ntrail;

static __attribute__((noinline)) void deep(int n, int val)
{
    trail[ntrail++] = n;
    if (n <= 0) {
        longjmp(env, val);
    }
    if (n > 0) {
        deep(n - 1, val);
    }
    trail[ntrail++] = 100 + n;      /* never reached */
}

static __attribute__((noinline)) double fp_clobber(double x)
{
    /* Use callee-saved FP registers so longjmp must restore them. */
    register double a asm("fs0") = x * 3;
    register double b asm("fs11") = x + 1;
    asm volatile("" : "+f"(a), "+f"(b));
    if (a + b > 0) {
        longjmp(env2, 7);
    }
    return a - b;
}

int main(void)
{
    volatile int count = 0;
    int r;

    r = setjmp(env);
    count++;
    if (r == 0) {
        deep(10, 42);
    } else if (r == 42) {
        printf("longjmp 42 after %d frames, count=%d\n", ntrail, count);
        CHECK(ntrail == 11 && count == 2, "first longjmp");
        deep(3, 0);                 /* longjmp(env, 0) returns 1 */
    } else {
        printf("longjmp(0) returned %d, count=%d\n", r, count);
        CHECK(r == 1 && count == 3, "longjmp with 0");
    }
    if (count < 3) {
        CHECK(0, "fell through with count %d", count);
    }

    /* fs0..fs11 and s-registers live across setjmp must come back. */
    register double keep asm("fs1") = 2.75;
    register long skeep asm("s5") = 0x5eed;
    asm volatile("" : "+f"(keep), "+r"(skeep));
    r = setjmp(env2);
    asm volatile("" : "+f"(keep), "+r"(skeep));
    if (r == 0) {
        fp_clobber(1.5);
    }
    printf("fp longjmp r=%d keep=%g skeep=%lx\n", r, keep, skeep);
    CHECK(r == 7 && keep == 2.75 && skeep == 0x5eed, "registers restored");

    /* sigsetjmp/siglongjmp without mask saving behaves the same. */
    sigjmp_buf sj;
    volatile int hops = 0;
    if (sigsetjmp(sj, 0) < 5) {
        hops++;
        siglongjmp(sj, hops);
    }
    printf("siglongjmp hops=%d\n", hops);
    CHECK(hops == 5, "siglongjmp loop");
    return guest_done();
}
