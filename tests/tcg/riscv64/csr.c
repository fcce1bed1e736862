/* SPDX-License-Identifier: MIT */
/* Zicsr on fflags/frm/fcsr, user counters, fences, hints, SIGILL on CSRs. */
#include "guest.h"
#include <setjmp.h>
#include <signal.h>

static sigjmp_buf jb;
static volatile int ill_hits;

static void on_ill(int sig, siginfo_t *si, void *uc)
{
    ill_hits++;
    siglongjmp(jb, 1);
}

static void test_fcsr(void)
{
    uint64_t old, r1, r2, r3, r4, r5, r6;

    /* Every CSR instruction form, each returning the previous value. */
    asm volatile("fscsr zero\n\t"
                 "csrrwi %0, fflags, 0x1f\n\t"    /* old 0, set all */
                 "csrrci %1, fflags, 0x3\n\t"     /* old 1f, clear UF|NX */
                 "csrrsi %2, frm, 0x4\n\t"        /* old 0, frm = rmm */
                 "csrrc %3, fcsr, %6\n\t"         /* clear NV */
                 "csrrs %4, fcsr, %7\n\t"         /* set NX */
                 "csrr %5, fcsr\n\t"
                 "fscsr zero"
                 : "=&r"(old), "=&r"(r1), "=&r"(r2), "=&r"(r3), "=&r"(r4),
                   "=&r"(r5)
                 : "r"(0x10ull), "r"(0x01ull));
    printf("csrrwi old=%llx csrrci old=%llx csrrsi old=%llx csrrc old=%llx "
           "csrrs old=%llx final=%llx\n", (unsigned long long)old,
           (unsigned long long)r1, (unsigned long long)r2,
           (unsigned long long)r3, (unsigned long long)r4,
           (unsigned long long)r5);
    CHECK_EQ(old, 0, "csrrwi old");
    CHECK_EQ(r1, 0x1f, "csrrci old");
    CHECK_EQ(r2, 0, "csrrsi old frm");
    CHECK_EQ(r3, (4 << 5) | 0x1c, "csrrc old fcsr");
    CHECK_EQ(r4, (4 << 5) | 0x0c, "csrrs old fcsr");
    CHECK_EQ(r5, (4 << 5) | 0x0d, "final fcsr");

    /* Only the low 8 bits of fcsr are writable; frm has 3 bits. */
    asm volatile("fscsr %1\n\tfrcsr %0\n\tfscsr zero" : "=r"(r6)
                 : "r"(0xffffull));
    printf("fcsr after writing 0xffff = %llx\n", (unsigned long long)r6);
    CHECK_EQ(r6, 0xff, "fcsr width");
    asm volatile("fsrm %1\n\tfrrm %0\n\tfsrm zero" : "=r"(r6) : "r"(0xfull));
    printf("frm after writing 0xf = %llx\n", (unsigned long long)r6);
    CHECK_EQ(r6, 7, "frm width");
}

static void test_counters(void)
{
    uint64_t t0, t1, i0, i1;

    asm volatile("rdtime %0" : "=r"(t0));
    for (volatile int i = 0; i < 100000; i++) {
    }
    asm volatile("rdtime %0" : "=r"(t1));
    printf("rdtime monotonic: %d\n", t1 >= t0);
    CHECK(t1 >= t0, "rdtime went backwards");
    asm volatile("rdinstret %0" : "=r"(i0));
    asm volatile("rdinstret %0" : "=r"(i1));
    printf("rdinstret non-decreasing: %d\n", i1 >= i0);
}

/* Accessing a machine-mode CSR or writing a read-only one is illegal. */
static void test_illegal_csr(void)
{
    struct sigaction sa = { 0 };
    uint64_t v = 0;

    sa.sa_sigaction = on_ill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("csrr %0, mstatus" : "=r"(v));
    }
    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("csrw time, %0" : : "r"(v));   /* read-only CSR */
    }
    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("csrr %0, satp" : "=r"(v));
    }
    printf("illegal CSR accesses trapped: %d\n", ill_hits);
    CHECK(ill_hits == 3, "SIGILL count %d", ill_hits);
}

/* Fences and hints are no-ops for a single thread; none may trap. */
static void test_fences_hints(void)
{
    uint64_t r = 5;

    asm volatile("fence\n\tfence rw, rw\n\tfence r, r\n\tfence.tso\n\t"
                 "fence.i\n\t.word 0x0100000f\n\t"   /* pause */
                 ".option push\n\t.option norvc\n\t"
                 "addi x0, x0, 0\n\t"       /* canonical nop */
                 "slli x0, x0, 3\n\t"       /* hint encodings */
                 "add x0, %0, %0\n\t"
                 "lui x0, 5\n\t"
                 ".option pop\n\t"
                 "c.nop\n\t"
                 : "+r"(r) : : "memory");
    printf("fences and hints ok: %llu\n", (unsigned long long)r);
    CHECK_EQ(r, 5, "hints left registers alone");
}

/* An unknown syscall number returns -ENOSYS (no signal). */
static void test_enosys(void)
{
    register long a0 asm("a0") = 0;
    register long a7 asm("a7") = 1999;

    asm volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
    printf("syscall 1999 = %ld\n", a0);
    CHECK(a0 == -38, "ENOSYS");
}

int main(void)
{
    test_fcsr();
    test_counters();
    test_illegal_csr();
    test_fences_hints();
    test_enosys();
    return guest_done();
}
