/* SPDX-License-Identifier: MIT */
/*
 * Physical memory protection: 16 entries (pmpcfg0/2, pmpaddr0..15; the
 * other pmpaddr registers read as zero), TOR/NA4/NAPOT matching with a
 * 4-byte grain, and the lock bit that binds M-mode too.
 */
#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"
#include "vemu/log.h"
#include "vemu/softmmu.h"

/* pmpaddr holds bits 55:2 of an address. */
#define PMPADDR_MASK ((1ull << 54) - 1)

static unsigned pmp_mode(uint8_t cfg)
{
    return (cfg & PMP_A) >> PMP_A_SHIFT;
}

static bool pmp_locked(CPURISCVState *env, unsigned i)
{
    return (env->pmpcfg[i] & PMP_L) != 0;
}

/*
 * The byte range [*lo, *last] entry i covers; false if it is off or
 * empty (a TOR whose top is not above the previous entry's address).
 */
static bool pmp_range(CPURISCVState *env, unsigned i, uint64_t *lo,
                      uint64_t *last)
{
    uint64_t a = env->pmpaddr[i];

    switch (pmp_mode(env->pmpcfg[i])) {
    case PMP_A_TOR: {
        uint64_t bottom = i ? env->pmpaddr[i - 1] << 2 : 0;
        uint64_t top = a << 2;

        if (top <= bottom) {
            return false;
        }
        *lo = bottom;
        *last = top - 1;
        return true;
    }
    case PMP_A_NA4:
        *lo = a << 2;
        *last = *lo + 3;
        return true;
    case PMP_A_NAPOT: {
        /* Trailing ones t encode a 2^(t+3)-byte naturally aligned range. */
        unsigned t = __builtin_ctzll(~a);

        *lo = (a & ~((1ull << t) - 1)) << 2;
        *last = *lo + ((1ull << (t + 3)) - 1);
        return true;
    }
    default:
        return false;
    }
}

static int pmp_cfg_prot(uint8_t cfg)
{
    return ((cfg & PMP_R) ? PAGE_READ : 0) |
           ((cfg & PMP_W) ? PAGE_WRITE : 0) |
           ((cfg & PMP_X) ? PAGE_EXEC : 0);
}

/*
 * Rights of privilege priv over [addr, addr + size): the lowest-numbered
 * entry matching any byte decides; it must cover all of them. M-mode
 * passes unlocked entries and unmatched addresses; S/U get nothing from
 * an unmatched address (the spec's rule once any entry exists).
 */
static int pmp_prot(CPURISCVState *env, uint64_t addr, uint64_t size,
                    unsigned priv)
{
    uint64_t last = addr + size - 1;

    for (unsigned i = 0; i < RISCV_PMP_ENTRIES; i++) {
        uint64_t lo, hi;

        if (!pmp_range(env, i, &lo, &hi)) {
            continue;
        }
        if (addr >= lo && last <= hi) {
            if (priv == PRV_M && !pmp_locked(env, i)) {
                return PAGE_READ | PAGE_WRITE | PAGE_EXEC;
            }
            return pmp_cfg_prot(env->pmpcfg[i]);
        }
        if (addr <= hi && last >= lo) {
            return 0;               /* only part of the access matches */
        }
    }
    return priv == PRV_M ? PAGE_READ | PAGE_WRITE | PAGE_EXEC : 0;
}

bool riscv_pmp_check(CPURISCVState *env, uint64_t addr, uint64_t size,
                     int access, unsigned priv, int *prot)
{
    static const int need[3] = { PAGE_READ, PAGE_WRITE, PAGE_EXEC };
    int p = pmp_prot(env, addr, size ? size : 1, priv);

    if (prot) {
        *prot = p;
    }
    return (p & need[access >= 0 && access < 3 ? access : 0]) != 0;
}

uint64_t riscv_pmpcfg_read(CPURISCVState *env, unsigned index)
{
    unsigned first = index * 4;     /* pmpcfg2 holds entries 8..15 */
    uint64_t v = 0;

    for (unsigned b = 0; b < 8; b++) {
        if (first + b < RISCV_PMP_ENTRIES) {
            v |= (uint64_t)env->pmpcfg[first + b] << (8 * b);
        }
    }
    return v;
}

void riscv_pmpcfg_write(CPURISCVState *env, unsigned index, uint64_t val)
{
    unsigned first = index * 4;

    for (unsigned b = 0; b < 8; b++) {
        unsigned i = first + b;
        uint8_t cfg = (val >> (8 * b)) & 0xff;

        if (i >= RISCV_PMP_ENTRIES || pmp_locked(env, i)) {
            continue;
        }
        cfg &= PMP_R | PMP_W | PMP_X | PMP_A | PMP_L;
        if ((cfg & (PMP_R | PMP_W)) == PMP_W) {
            /* W without R is reserved: keep W off. */
            vemu_log_mask(LOG_GUEST_ERROR,
                          "riscv: pmp%ucfg W without R is reserved\n", i);
            cfg &= ~PMP_W;
        }
        env->pmpcfg[i] = cfg;
    }
}

void riscv_pmpaddr_write(CPURISCVState *env, unsigned index, uint64_t val)
{
    if (index >= RISCV_PMP_ENTRIES || pmp_locked(env, index)) {
        return;
    }
    /* A locked TOR entry above also freezes its bottom address. */
    if (index + 1 < RISCV_PMP_ENTRIES && pmp_locked(env, index + 1) &&
        pmp_mode(env->pmpcfg[index + 1]) == PMP_A_TOR) {
        return;
    }
    env->pmpaddr[index] = val & PMPADDR_MASK;
}
