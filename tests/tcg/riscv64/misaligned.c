/* SPDX-License-Identifier: MIT */
/* Misaligned loads/stores (also across a page boundary) and AMO alignment. */
#include "guest.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

static uint64_t model_load(const uint8_t *p, int size, int sign)
{
    uint64_t v = 0;
    for (int i = size - 1; i >= 0; i--) {
        v = (v << 8) | p[i];
    }
    if (sign && size < 8 && (v >> (size * 8 - 1)) & 1) {
        v |= ~0ull << (size * 8);
    }
    return v;
}

#define LOAD(insn, size, sign, p) do { \
        uint64_t r; \
        asm volatile(insn " %0, 0(%1)" : "=r"(r) : "r"(p) : "memory"); \
        printf("%s +%ld = %llx\n", insn, (long)((p) - base), \
               (unsigned long long)r); \
        CHECK_EQ(r, model_load(p, size, sign), insn); \
    } while (0)

#define STORE(insn, size, p, v) do { \
        uint8_t want[16]; \
        uint64_t v_ = (v); \
        memcpy(want, (p) - 4, 16); \
        memcpy(want + 4, &v_, size); \
        asm volatile(insn " %0, 0(%1)" : : "r"(v_), "r"(p) : "memory"); \
        CHECK(memcmp(want, (p) - 4, 16) == 0, "%s +%ld", insn, \
              (long)((p) - base)); \
    } while (0)

static uint8_t *base;

static void run_at(uint8_t *p)
{
    LOAD("lh", 2, 1, p);
    LOAD("lhu", 2, 0, p);
    LOAD("lw", 4, 1, p);
    LOAD("lwu", 4, 0, p);
    LOAD("ld", 8, 0, p);
    STORE("sh", 2, p, 0x8182);
    STORE("sw", 4, p, 0x91929394);
    STORE("sd", 8, p, 0xa1a2a3a4a5a6a7a8ull);
    LOAD("ld", 8, 0, p);
}

static sigjmp_buf jb;
static volatile int caught_sig, caught_code;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    caught_sig = sig;
    caught_code = si->si_code;
    siglongjmp(jb, 1);
}

/* AMOs must be naturally aligned: a misaligned one faults. */
static void test_amo_misaligned(void)
{
    struct sigaction sa = { 0 };
    uint64_t old = 0;

    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("amoadd.w %0, %1, (%2)" : "=r"(old)
                     : "r"(1), "r"(base + 2) : "memory");
        printf("misaligned amoadd.w did not fault\n");
    } else {
        printf("misaligned amoadd.w: signal %d code %d\n", caught_sig,
               caught_code);
        CHECK(caught_sig == SIGBUS || caught_sig == SIGSEGV,
              "misaligned AMO signal %d", caught_sig);
    }
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint8_t *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (m == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    base = m;
    for (long i = 0; i < 2 * pg; i++) {
        m[i] = (uint8_t)(i * 37 + 0x85);
    }
    for (int off = 1; off < 8; off++) {
        run_at(m + 64 + off);
    }
    /* Every split of a doubleword across the page boundary. */
    for (int off = 1; off < 8; off++) {
        run_at(m + pg - off);
    }
    test_amo_misaligned();
    return guest_done();
}
