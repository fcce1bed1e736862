/* SPDX-License-Identifier: MIT */
/*
 * Exclusives (LDXR/STXR, pairs), acquire/release and the LSE atomics:
 * single-threaded semantics, then counters hammered by 4 threads.
 */
#include "minilib.h"

#define NTHREADS 4
#define ITERS 20000

static uint64_t ctr_x, ctr_lse, ctr_cas, ctr_b;
static uint64_t pair[2] __attribute__((aligned(16)));
static uint64_t casp_pair[2] __attribute__((aligned(16)));
static uint32_t ctr_w;
static uint8_t stacks[NTHREADS][16384] __attribute__((aligned(16)));
static volatile int tids[NTHREADS];

#define LSE(op, sfx, reg, v, m)                                              \
    ({ uint64_t o_; __asm__ volatile(#op #sfx " %" #reg "2, %" #reg "0, [%1]" \
                                     : "=&r"(o_) : "r"(m), "r"(v)            \
                                     : "memory"); o_; })

static void test_single(void)
{
    static const uint64_t vals[] = {
        0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x7fffffff, 0x80000000,
        0xffffffff, 0x8000000000000000, 0xffffffffffffffff,
    };
    uint64_t m[2] __attribute__((aligned(16)));

    for (unsigned i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        for (unsigned j = 0; j < sizeof(vals) / sizeof(vals[0]); j += 3) {
            uint64_t a = vals[i] ^ 0x5a00, b = vals[j], o;

#define ONE(op, sfx, reg)                                                    \
            m[0] = a;                                                        \
            o = LSE(op, sfx, reg, b, m);                                     \
            pr(#op #sfx " %lx %lx: %lx %lx\n", a, b, o, m[0]);
            ONE(ldadd, , x) ONE(ldclr, a, w) ONE(ldeor, l, x)
            ONE(ldset, al, w) ONE(ldsmax, , x) ONE(ldsmax, b, w)
            ONE(ldsmin, h, w) ONE(ldsmin, , w) ONE(ldumax, , x)
            ONE(ldumax, h, w) ONE(ldumin, b, w) ONE(ldumin, , x)
            ONE(swp, , x) ONE(swp, alb, w) ONE(ldaddh, , w)
            {
                uint64_t c = b;

                m[0] = a;
                __asm__ volatile("cas %0, %2, [%1]" : "+r"(c)
                                 : "r"(m), "r"(a + 1) : "memory");
                pr("cas %lx %lx: %lx %lx\n", a, b, c, m[0]);
                c = a;
                __asm__ volatile("casalh %w0, %w2, [%1]" : "+r"(c)
                                 : "r"(m), "r"(b) : "memory");
                pr("casalh %lx %lx: %lx %lx\n", a, b, c, m[0]);
            }
        }
    }
    {
        register uint64_t x0 __asm__("x0") = 1, x1 __asm__("x1") = 2;
        register uint64_t x2 __asm__("x2") = 3, x3 __asm__("x3") = 4;

        m[0] = 1;
        m[1] = 2;
        __asm__ volatile("caspal x0, x1, x2, x3, [%4]"
                         : "+r"(x0), "+r"(x1) : "r"(x2), "r"(x3), "r"(m)
                         : "memory");
        pr("casp ok %lx %lx %lx %lx\n", x0, x1, m[0], m[1]);
        x0 = 5;
        __asm__ volatile("casp x0, x1, x2, x3, [%4]"
                         : "+r"(x0), "+r"(x1) : "r"(x2), "r"(x3), "r"(m)
                         : "memory");
        pr("casp fail %lx %lx %lx %lx\n", x0, x1, m[0], m[1]);
        x0 = 0x100000001;
        x2 = 0x200000002;
        m[0] = 0x0000000300000001;
        __asm__ volatile("casp w0, w1, w2, w3, [%4]"
                         : "+r"(x0), "+r"(x1) : "r"(x2), "r"(x3), "r"(m)
                         : "memory");
        pr("casp.w %lx %lx %lx\n", x0, x1, m[0]);
    }
    {
        uint64_t v, st, lo, hi;

        m[0] = 0x1122334455667788;
        __asm__ volatile("ldxr %0, [%2]\n clrex\n stxr %w1, %0, [%2]"
                         : "=&r"(v), "=&r"(st) : "r"(m) : "memory");
        pr("stxr after clrex: %lu\n", st);
        __asm__ volatile("ldaxrb %w0, [%2]\n add %w0, %w0, #1\n"
                         "stlxrb %w1, %w0, [%2]"
                         : "=&r"(v), "=&r"(st) : "r"(m) : "memory");
        pr("stxrb: %lu %lx\n", st, m[0]);
        __asm__ volatile("ldxrh %w0, [%2]\n stxr %w1, %0, [%3]"
                         : "=&r"(v), "=&r"(st) : "r"(m), "r"(&m[1])
                         : "memory");
        pr("stxr other addr: %lu\n", st);
        __asm__ volatile("ldaxp %0, %1, [%3]\n stlxp %w2, %1, %0, [%3]"
                         : "=&r"(lo), "=&r"(hi), "=&r"(st) : "r"(m)
                         : "memory");
        pr("ldxp %lx %lx st %lu mem %lx %lx\n", lo, hi, st, m[0], m[1]);
        __asm__ volatile("ldxp %w0, %w1, [%3]\n stxp %w2, %w1, %w0, [%3]"
                         : "=&r"(lo), "=&r"(hi), "=&r"(st) : "r"(m)
                         : "memory");
        pr("ldxp.w %lx %lx st %lu mem %lx\n", lo, hi, st, m[0]);
        __asm__ volatile("stlr %0, [%1]\n ldar %w0, [%1]\n"
                         "stlrh %w0, [%2]\n ldarb %w0, [%2]\n"
                         "ldapr %0, [%1]"
                         : "+r"(v) : "r"(m), "r"(&m[1]) : "memory");
        (void)v;
        pr("ldar/stlr %lx %lx\n", m[0], m[1]);
    }
}

static void worker(void *arg)
{
    for (int i = 0; i < ITERS; i++) {
        uint64_t v, st;
        uint32_t w;

        do {
            __asm__ volatile("ldaxr %0, [%2]\n add %0, %0, #1\n"
                             "stlxr %w1, %0, [%2]"
                             : "=&r"(v), "=&r"(st) : "r"(&ctr_x) : "memory");
        } while (st);
        do {
            __asm__ volatile("ldxr %w0, [%2]\n add %w0, %w0, #3\n"
                             "stxr %w1, %w0, [%2]"
                             : "=&r"(w), "=&r"(st) : "r"(&ctr_w) : "memory");
        } while (st);
        __asm__ volatile("stadd %0, [%1]" : : "r"(2ull), "r"(&ctr_lse)
                         : "memory");
        do {
            uint64_t old = __atomic_load_n(&ctr_cas, __ATOMIC_RELAXED);
            uint64_t exp = old;

            __asm__ volatile("casal %0, %2, [%1]" : "+r"(exp)
                             : "r"(&ctr_cas), "r"(old + 5) : "memory");
            st = exp != old;
        } while (st);
        do {
            uint64_t lo, hi;

            __asm__ volatile("ldaxp %0, %1, [%3]\n add %0, %0, #1\n"
                             "add %1, %1, #2\n stlxp %w2, %0, %1, [%3]"
                             : "=&r"(lo), "=&r"(hi), "=&r"(st) : "r"(pair)
                             : "memory");
        } while (st);
        {
            register uint64_t x0 __asm__("x0"), x1 __asm__("x1");
            register uint64_t x2 __asm__("x2"), x3 __asm__("x3");

            do {
                uint64_t o0 = casp_pair[0], o1 = casp_pair[1];

                x0 = o0;
                x1 = o1;
                x2 = o0 + 1;
                x3 = o1 - 1;
                __asm__ volatile("caspal x0, x1, x2, x3, [%4]"
                                 : "+r"(x0), "+r"(x1) : "r"(x2), "r"(x3),
                                   "r"(casp_pair) : "memory");
                st = x0 != o0 || x1 != o1;
            } while (st);
        }
        __asm__ volatile("ldsetb %w0, wzr, [%1]" : : "r"(1u << (i & 7)),
                         "r"(&ctr_b) : "memory");
    }
    (void)arg;
}

int main(void)
{
    test_single();
    for (int t = 0; t < NTHREADS; t++) {
        tids[t] = -1;
        thread_start(worker, 0, stacks[t + 1] - 64, &tids[t]);
    }
    for (int t = 0; t < NTHREADS; t++) {
        thread_join(&tids[t]);
    }
    pr("threads: x %lu w %u lse %lu cas %lu pair %lu %lu casp %lx %lx b %lx\n",
       ctr_x, ctr_w, ctr_lse, ctr_cas, pair[0], pair[1], casp_pair[0],
       casp_pair[1], ctr_b);
    return 0;
}
