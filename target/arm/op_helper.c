/* SPDX-License-Identifier: MIT */
/* Helpers called from A64 generated code: exceptions, system registers,
 * exclusives and LSE atomics on host atomics. */
#include "target/arm/cpu.h"
#include "target/arm/helper.h"
#include "target/arm/internals.h"
#include <string.h>
#include <time.h>

#include "vemu/exec.h"

void arm_raise_exception(CPUARMState *env, int excp, uint32_t syndrome,
                         uintptr_t ra)
{
    CPUState *cpu = &env->parent;

    env->exception.syndrome = syndrome;
    cpu->exception_index = excp;
    cpu_loop_exit_restore(cpu, ra);
}

/* The translator already stored pc: no state to restore. */
void helper_a64_exception(CPUARMState *env, uint32_t excp, uint32_t syndrome)
{
    CPUState *cpu = &env->parent;

    env->exception.syndrome = syndrome;
    cpu->exception_index = excp;
    cpu_loop_exit(cpu);
}

/*
 * The code at addr was not executable at translation time. If it is now,
 * drop this TB (it is listed on addr's page) and translate again.
 */
void helper_a64_fetch_fault(CPUARMState *env, uint64_t addr)
{
    CPUState *cpu = &env->parent;
    uint64_t page = addr & TARGET_PAGE_MASK;

    if (!env->sys && page_check_exec(addr, 1)) {
        tb_invalidate_range(page, page + TARGET_PAGE_SIZE);
        cpu->exception_index = -1;
        cpu_loop_exit(cpu);
    }
    if (env->sys) {
        /* Not RAM (the MMU faults were raised by the fetch itself). */
        arm_raise_abort(env, addr, 2, 0x10, false,
                        arm_cpu_mmu_index(cpu, true), 0);
    }
    env->exception.vaddress = addr;
    env->exception.access = 2;
    env->exception.maperr = true;   /* cpu_loop refines it */
    helper_a64_exception(env, ARM_EXCP_PREFETCH_ABORT, 0);
}

/* ---- CRC32 (HWCAP_CRC32): reflected, byte at a time ---- */

static uint32_t crc_update(uint32_t crc, uint64_t val, unsigned bytes,
                           uint32_t poly)
{
    for (unsigned i = 0; i < bytes; i++) {
        crc ^= (uint8_t)(val >> (8 * i));
        for (int b = 0; b < 8; b++) {
            crc = (crc >> 1) ^ ((crc & 1) ? poly : 0);
        }
    }
    return crc;
}

/* The instructions do no pre/post inversion: the plain remainder. */
uint64_t helper_a64_crc32(uint64_t acc, uint64_t val, uint32_t bytes)
{
    return crc_update((uint32_t)acc, val, bytes, 0xedb88320u);
}

uint64_t helper_a64_crc32c(uint64_t acc, uint64_t val, uint32_t bytes)
{
    return crc_update((uint32_t)acc, val, bytes, 0x82f63b78u);
}

/* ---- system registers ---- */

uint64_t helper_a64_get_nzcv(CPUARMState *env)
{
    return arm_nzcv_read(env);
}

void helper_a64_set_nzcv(CPUARMState *env, uint64_t val)
{
    arm_nzcv_write(env, (uint32_t)val);
}

/* The virtual count: host monotonic time in 16 ns ticks (62.5 MHz). */
uint64_t helper_a64_get_cntvct(CPUARMState *env)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec) /
           (1000000000ull / ARM_CNTFRQ);
}

/*
 * EL0 reads of the ID register space, as Linux emulates them: MIDR,
 * MPIDR, REVIDR and the AArch64 feature registers sanitised to what
 * this CPU implements; everything else in the space reads 0.
 */
uint64_t helper_a64_get_idreg(CPUARMState *env, uint32_t key)
{
    unsigned crm = (key >> 3) & 15, op2 = key & 7;

    switch (crm << 3 | op2) {
    case 0 << 3 | 0:    /* MIDR_EL1 */
        return env->midr;
    case 0 << 3 | 5:    /* MPIDR_EL1 */
        return env->mpidr;
    case 4 << 3 | 0:    /* ID_AA64PFR0_EL1: EL0/EL1 AArch64, FP, AdvSIMD */
        return 0x11;
    case 6 << 3 | 0:    /* ID_AA64ISAR0_EL1 */
        return env->id_aa64isar0;
    default:
        return 0;
    }
}

/* ---- guest memory for atomics ---- */

/*
 * Host pointer for an atomic access of size bytes at addr (access: 0
 * load, 1 store). Misaligned: alignment fault (SIGBUS in user mode).
 */
static void *atomic_probe(CPUARMState *env, uint64_t addr, unsigned size,
                          int access, uintptr_t ra)
{
    CPUState *cpu = &env->parent;

    if (addr & (size - 1)) {
        env->exception.vaddress = addr;
        env->exception.access = access;
        arm_raise_exception(env, ARM_EXCP_UNALIGNED, 0, ra);
    }
    if (env->sys) {
        void *p = NULL;

        if (env->sys->probe_access) {
            p = env->sys->probe_access(cpu, addr, size, access,
                                       arm_cpu_mmu_index(cpu, false), ra);
        }
        if (!p) {
            /* Atomics on MMIO: a synchronous external abort. */
            arm_raise_abort(env, addr, access, 0x10, false,
                            arm_cpu_mmu_index(cpu, false), ra);
        }
        return p;
    }
    return user_probe_access(cpu, addr, size, access, ra);
}

void helper_a64_dc_zva(CPUARMState *env, uint64_t addr)
{
    uint64_t base = addr & ~(uint64_t)(ARM_DCZVA_BYTES - 1);
    void *p = atomic_probe(env, base, ARM_DCZVA_BYTES, 1, GETPC());

    memset(p, 0, ARM_DCZVA_BYTES);
}

/* ---- exclusives ---- */

/* 128-bit compare-and-swap; *expected gets the memory's value. */
static bool cmpxchg128(unsigned __int128 *p, unsigned __int128 *expected,
                       unsigned __int128 desired)
{
#if defined(__x86_64__)
    uint64_t lo = (uint64_t)*expected, hi = (uint64_t)(*expected >> 64);
    bool ok;

    __asm__ volatile("lock cmpxchg16b %1"
                     : "=@ccz"(ok), "+m"(*p), "+a"(lo), "+d"(hi)
                     : "b"((uint64_t)desired),
                       "c"((uint64_t)(desired >> 64))
                     : "memory");
    *expected = ((unsigned __int128)hi << 64) | lo;
    return ok;
#else
    return __atomic_compare_exchange_n(p, expected, desired, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
#endif
}

/*
 * LDXP of two X registers. Two 8-byte atomic reads, not a 16-byte one: a
 * CAS would write (and fault on read-only pages). A torn pair is harmless:
 * STXP's 16-byte compare-and-swap then fails and the guest retries.
 */
uint64_t helper_a64_ldxp(CPUARMState *env, uint64_t addr)
{
    uint64_t *p = atomic_probe(env, addr, 16, 0, GETPC());

    env->exclusive_val = __atomic_load_n(&p[0], __ATOMIC_SEQ_CST);
    env->exclusive_high = __atomic_load_n(&p[1], __ATOMIC_SEQ_CST);
    env->exclusive_addr = addr;
    return env->exclusive_val;
}

/* STXR of 1 << size bytes: 0 on success, 1 on failure; clears the monitor */
uint64_t helper_a64_stxr(CPUARMState *env, uint64_t addr, uint64_t val,
                     uint32_t size)
{
    uintptr_t ra = GETPC();
    uint64_t mon = env->exclusive_addr;
    uint64_t expected = env->exclusive_val;
    void *p;
    bool ok;

    env->exclusive_addr = (uint64_t)-1;
    if (mon != addr) {
        /* A misaligned address still faults first. */
        if (addr & ((1u << size) - 1)) {
            atomic_probe(env, addr, 1u << size, 1, ra);
        }
        return 1;
    }
    p = atomic_probe(env, addr, 1u << size, 1, ra);
    switch (size) {
    case 0: {
        uint8_t e = expected;
        ok = __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)val,
                                         false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        break;
    }
    case 1: {
        uint16_t e = expected;
        ok = __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)val,
                                         false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        break;
    }
    case 2: {
        uint32_t e = expected;
        ok = __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)val,
                                         false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        break;
    }
    default:
        ok = __atomic_compare_exchange_n((uint64_t *)p, &expected, val,
                                         false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST);
        break;
    }
    return ok ? 0 : 1;
}

uint64_t helper_a64_stxp(CPUARMState *env, uint64_t addr, uint64_t lo,
                     uint64_t hi)
{
    uintptr_t ra = GETPC();
    uint64_t mon = env->exclusive_addr;
    unsigned __int128 expected, *p;

    env->exclusive_addr = (uint64_t)-1;
    if (mon != addr) {
        if (addr & 15) {
            atomic_probe(env, addr, 16, 1, ra);
        }
        return 1;
    }
    p = atomic_probe(env, addr, 16, 1, ra);
    expected = ((unsigned __int128)env->exclusive_high << 64) |
               env->exclusive_val;
    return cmpxchg128(p, &expected,
                      ((unsigned __int128)hi << 64) | lo) ? 0 : 1;
}

/* ---- LSE ---- */

uint64_t helper_a64_cas(CPUARMState *env, uint64_t addr, uint64_t cmp,
                    uint64_t val, uint32_t size)
{
    void *p = atomic_probe(env, addr, 1u << size, 1, GETPC());

    switch (size) {
    case 0: {
        uint8_t e = cmp;
        __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)val, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    case 1: {
        uint16_t e = cmp;
        __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)val, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    case 2: {
        uint32_t e = cmp;
        __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)val, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return e;
    }
    default:
        __atomic_compare_exchange_n((uint64_t *)p, &cmp, val, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        return cmp;
    }
}

static uint64_t xreg_or_zero(CPUARMState *env, unsigned r)
{
    return r == 31 ? 0 : env->xregs[r];
}

/* CASP of X pairs: regs = rs | rt << 8 (both even). */
void helper_a64_casp(CPUARMState *env, uint64_t addr, uint32_t regs)
{
    unsigned rs = regs & 31, rt = (regs >> 8) & 31;
    unsigned __int128 *p = atomic_probe(env, addr, 16, 1, GETPC());
    unsigned __int128 e, v;

    e = ((unsigned __int128)xreg_or_zero(env, rs + 1) << 64) |
        xreg_or_zero(env, rs);
    v = ((unsigned __int128)xreg_or_zero(env, rt + 1) << 64) |
        xreg_or_zero(env, rt);
    cmpxchg128(p, &e, v);
    env->xregs[rs] = (uint64_t)e;
    if (rs + 1 != 31) {
        env->xregs[rs + 1] = (uint64_t)(e >> 64);
    }
}

/*
 * LDADD..LDUMIN (op 0..7: ADD, CLR, EOR, SET, SMAX, SMIN, UMAX, UMIN)
 * and SWP (op 8), desc = op | size << 4. Returns the old value.
 */
#define ATOMIC_OPS(type, stype)                                              \
    static uint64_t atomic_##type(type *p, type v, unsigned op)             \
    {                                                                        \
        type old, nv;                                                        \
                                                                             \
        switch (op) {                                                        \
        case 0:                                                              \
            return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);               \
        case 1:                                                              \
            return __atomic_fetch_and(p, (type)~v, __ATOMIC_SEQ_CST);        \
        case 2:                                                              \
            return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);               \
        case 3:                                                              \
            return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);                \
        case 8:                                                              \
            return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);              \
        default:                                                             \
            break;                                                           \
        }                                                                    \
        old = __atomic_load_n(p, __ATOMIC_RELAXED);                          \
        do {                                                                 \
            switch (op) {                                                    \
            case 4:                                                          \
                nv = (stype)old > (stype)v ? old : v;                        \
                break;                                                       \
            case 5:                                                          \
                nv = (stype)old < (stype)v ? old : v;                        \
                break;                                                       \
            case 6:                                                          \
                nv = old > v ? old : v;                                      \
                break;                                                       \
            default:                                                         \
                nv = old < v ? old : v;                                      \
                break;                                                       \
            }                                                                \
        } while (!__atomic_compare_exchange_n(p, &old, nv, true,             \
                                              __ATOMIC_SEQ_CST,              \
                                              __ATOMIC_RELAXED));            \
        return old;                                                          \
    }

ATOMIC_OPS(uint8_t, int8_t)
ATOMIC_OPS(uint16_t, int16_t)
ATOMIC_OPS(uint32_t, int32_t)
ATOMIC_OPS(uint64_t, int64_t)

uint64_t helper_a64_atomic(CPUARMState *env, uint64_t addr, uint64_t val,
                       uint32_t desc)
{
    unsigned op = desc & 15, size = desc >> 4;
    void *p = atomic_probe(env, addr, 1u << size, 1, GETPC());

    switch (size) {
    case 0:
        return atomic_uint8_t(p, val, op);
    case 1:
        return atomic_uint16_t(p, val, op);
    case 2:
        return atomic_uint32_t(p, val, op);
    default:
        return atomic_uint64_t(p, val, op);
    }
}
