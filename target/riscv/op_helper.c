/* SPDX-License-Identifier: MIT */
/*
 * Helpers called from RISC-V generated code: exceptions, CSR access,
 * and the A extension done with host atomics on guest memory.
 */
#include "target/riscv/cpu.h"
#include "target/riscv/helper.h"
#include "target/riscv/internals.h"
#include "vemu/exec.h"

void riscv_raise_exception(CPURISCVState *env, int excp, uintptr_t ra)
{
    CPUState *cpu = &env->parent;

    cpu->exception_index = excp;
    cpu_loop_exit_restore(cpu, ra);
}

/* The translator already stored pc: no state to restore. */
void helper_raise_exception(CPURISCVState *env, uint32_t excp)
{
    CPUState *cpu = &env->parent;

    cpu->exception_index = excp;
    cpu_loop_exit(cpu);
}

void helper_raise_illegal(CPURISCVState *env, uint32_t insn)
{
    env->badaddr = insn;
    helper_raise_exception(env, RISCV_EXCP_ILLEGAL_INST);
}

/*
 * The code at addr was not executable at translation time. If it is now,
 * drop this TB (it is listed on addr's page) and translate again.
 */
void helper_fetch_fault(CPURISCVState *env, uint64_t addr)
{
    CPUState *cpu = &env->parent;
    uint64_t page = addr & TARGET_PAGE_MASK;

    if (env->sys) {
        /*
         * The softmmu raises page faults while translating; what reaches
         * here is code the TLB cannot fetch from (MMIO): access fault.
         */
        env->badaddr = addr;
        helper_raise_exception(env, RISCV_EXCP_INST_ACCESS_FAULT);
    }
    if (page_check_exec(addr, 1)) {
        tb_invalidate_range(page, page + TARGET_PAGE_SIZE);
        cpu->exception_index = -1;
        cpu_loop_exit(cpu);
    }
    env->badaddr = addr;
    helper_raise_exception(env, RISCV_EXCP_INST_PAGE_FAULT);
}

/* ---- CSRs ---- */

static uint64_t csr_access(CPURISCVState *env, uint32_t insn, uint64_t val,
                           uint64_t mask, bool write, uintptr_t ra)
{
    uint64_t old = 0;
    int ret = riscv_csr_rmw(env, insn >> 20, &old, val, mask, write);

    if (ret != RISCV_CSR_OK) {
        env->badaddr = insn;
        riscv_raise_exception(env, ret, ra);
    }
    return old;
}

uint64_t helper_csrr(CPURISCVState *env, uint32_t insn)
{
    return csr_access(env, insn, 0, 0, false, GETPC());
}

uint64_t helper_csrrw(CPURISCVState *env, uint32_t insn, uint64_t val,
                      uint64_t mask)
{
    return csr_access(env, insn, val, mask, true, GETPC());
}

/* ---- privileged instructions ---- */

static void raise_illegal_ra(CPURISCVState *env, uint32_t insn, uintptr_t ra)
{
    env->badaddr = insn;
    riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, ra);
}

/* MRET (the translator allows it in M-mode only): the new pc. */
uint64_t helper_mret(CPURISCVState *env)
{
    uint64_t s = env->mstatus;
    unsigned mpp = (s >> MSTATUS_MPP_SHIFT) & 3;

    s = (s & ~MSTATUS_MIE) | ((s & MSTATUS_MPIE) ? MSTATUS_MIE : 0);
    s |= MSTATUS_MPIE;
    s &= ~MSTATUS_MPP;                  /* MPP = U, the least privileged */
    if (mpp != PRV_M) {
        s &= ~MSTATUS_MPRV;
    }
    env->mstatus = s;
    riscv_set_priv(env, mpp);
    return env->mepc;
}

/* SRET: S-mode or above, and not in S-mode under mstatus.TSR. */
uint64_t helper_sret(CPURISCVState *env, uint32_t insn)
{
    uint64_t s = env->mstatus;
    unsigned spp = (s & MSTATUS_SPP) ? PRV_S : PRV_U;

    if (env->priv < PRV_S ||
        (env->priv == PRV_S && (s & MSTATUS_TSR))) {
        raise_illegal_ra(env, insn, GETPC());
    }
    s = (s & ~MSTATUS_SIE) | ((s & MSTATUS_SPIE) ? MSTATUS_SIE : 0);
    s |= MSTATUS_SPIE;
    s &= ~(MSTATUS_SPP | MSTATUS_MPRV);
    env->mstatus = s;
    riscv_set_priv(env, spp);
    return env->sepc;
}

/*
 * WFI at env->pc (insn length ilen): illegal in S-mode with mstatus.TW.
 * Without a pending enabled interrupt the hart sleeps (EXCP_HLT) and
 * resumes after the WFI; otherwise it is a no-op.
 */
void helper_wfi(CPURISCVState *env, uint32_t insn, uint32_t ilen)
{
    CPUState *cpu = &env->parent;

    if (env->priv < PRV_M && (env->mstatus & MSTATUS_TW)) {
        raise_illegal_ra(env, insn, GETPC());
    }
    if (!env->sys || riscv_cpu_has_work(cpu)) {
        return;
    }
    env->pc += ilen;
    cpu->halted = true;
    cpu->exception_index = EXCP_HLT;
    cpu_loop_exit(cpu);
}

/* SFENCE.VMA (S-mode or above; TVM traps it in S-mode). */
void helper_sfence_vma(CPURISCVState *env, uint64_t addr, uint32_t insn)
{
    CPUState *cpu = &env->parent;
    unsigned rs1 = (insn >> 15) & 31;

    if (env->priv < PRV_S ||
        (env->priv == PRV_S && (env->mstatus & MSTATUS_TVM))) {
        raise_illegal_ra(env, insn, GETPC());
    }
    if (!env->sys) {
        return;
    }
    /* ASIDs are not tracked: rs2 does not narrow the flush. */
    if (rs1 == 0) {
        env->sys->tlb_flush(cpu);
    } else {
        env->sys->tlb_flush_page(cpu, addr);
    }
}

/* ---- atomics ---- */

/*
 * Host pointer for an atomic access (access: 0 load, 1 store). A
 * misaligned address raises the address-misaligned exception of the
 * access kind (AMOs count as stores).
 */
static void *atomic_probe(CPURISCVState *env, uint64_t addr, unsigned size,
                          int access, uintptr_t ra)
{
    if (addr & (size - 1)) {
        env->badaddr = addr;
        riscv_raise_exception(env, access ? RISCV_EXCP_STORE_AMO_ADDR_MIS
                                          : RISCV_EXCP_LOAD_ADDR_MIS, ra);
    }
    if (env->sys) {
        int idx = riscv_cpu_mmu_index(&env->parent, false);
        void *p = env->sys->probe_access(&env->parent, addr, size, access,
                                         idx, ra);

        if (!p) {
            /* Atomics on device memory are not supported: access fault. */
            env->badaddr = addr;
            riscv_raise_exception(env,
                                  access ? RISCV_EXCP_STORE_AMO_ACCESS_FAULT
                                         : RISCV_EXCP_LOAD_ACCESS_FAULT, ra);
        }
        return p;
    }
    return user_probe_access(&env->parent, addr, size, access, ra);
}

uint64_t helper_lr_w(CPURISCVState *env, uint64_t addr)
{
    int32_t *p = atomic_probe(env, addr, 4, 0, GETPC());
    int32_t v = __atomic_load_n(p, __ATOMIC_SEQ_CST);

    env->load_res = addr;
    env->load_val = (int64_t)v;
    return (int64_t)v;
}

uint64_t helper_lr_d(CPURISCVState *env, uint64_t addr)
{
    uint64_t *p = atomic_probe(env, addr, 8, 0, GETPC());
    uint64_t v = __atomic_load_n(p, __ATOMIC_SEQ_CST);

    env->load_res = addr;
    env->load_val = v;
    return v;
}

/*
 * SC succeeds (returns 0) when the reservation is for addr and memory
 * still holds the value LR read; either way the reservation is gone.
 */
uint64_t helper_sc_w(CPURISCVState *env, uint64_t addr, uint64_t val)
{
    uintptr_t ra = GETPC();
    uint64_t res = env->load_res;
    uint32_t expected = (uint32_t)env->load_val;
    uint32_t *p;

    env->load_res = -1;
    if (res != addr) {
        return 1;
    }
    p = atomic_probe(env, addr, 4, 1, ra);
    return __atomic_compare_exchange_n(p, &expected, (uint32_t)val, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
           ? 0 : 1;
}

uint64_t helper_sc_d(CPURISCVState *env, uint64_t addr, uint64_t val)
{
    uintptr_t ra = GETPC();
    uint64_t res = env->load_res;
    uint64_t expected = env->load_val;
    uint64_t *p;

    env->load_res = -1;
    if (res != addr) {
        return 1;
    }
    p = atomic_probe(env, addr, 8, 1, ra);
    return __atomic_compare_exchange_n(p, &expected, val, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
           ? 0 : 1;
}

/* Sign-extend a 32-bit result; identity for 64-bit ones. */
#define AMO_RET_w(v) ((uint64_t)(int64_t)(int32_t)(v))
#define AMO_RET_d(v) ((uint64_t)(v))

#define AMO_FETCH(name, sfx, type, builtin)                                  \
    uint64_t helper_##name##_##sfx(CPURISCVState *env, uint64_t addr,        \
                                   uint64_t val)                             \
    {                                                                        \
        type *p = atomic_probe(env, addr, sizeof(type), 1, GETPC());         \
        return AMO_RET_##sfx(builtin(p, (type)val, __ATOMIC_SEQ_CST));       \
    }

/* min/max have no fetch builtin: compare-and-swap loop. */
#define AMO_MINMAX(name, sfx, type, ctype, pick_old)                         \
    uint64_t helper_##name##_##sfx(CPURISCVState *env, uint64_t addr,        \
                                   uint64_t val)                             \
    {                                                                        \
        type *p = atomic_probe(env, addr, sizeof(type), 1, GETPC());         \
        type old = __atomic_load_n(p, __ATOMIC_RELAXED);                     \
        type nv;                                                             \
        do {                                                                 \
            ctype o = (ctype)old, v = (ctype)(type)val;                      \
            nv = (pick_old) ? old : (type)val;                               \
        } while (!__atomic_compare_exchange_n(p, &old, nv, true,             \
                                              __ATOMIC_SEQ_CST,              \
                                              __ATOMIC_RELAXED));            \
        return AMO_RET_##sfx(old);                                           \
    }

#define AMO_ALL(sfx, utype, stype)                                           \
    AMO_FETCH(amoswap, sfx, utype, __atomic_exchange_n)                      \
    AMO_FETCH(amoadd, sfx, utype, __atomic_fetch_add)                        \
    AMO_FETCH(amoxor, sfx, utype, __atomic_fetch_xor)                        \
    AMO_FETCH(amoand, sfx, utype, __atomic_fetch_and)                        \
    AMO_FETCH(amoor, sfx, utype, __atomic_fetch_or)                          \
    AMO_MINMAX(amomin, sfx, utype, stype, o <= v)                            \
    AMO_MINMAX(amomax, sfx, utype, stype, o >= v)                            \
    AMO_MINMAX(amominu, sfx, utype, utype, o <= v)                           \
    AMO_MINMAX(amomaxu, sfx, utype, utype, o >= v)

AMO_ALL(w, uint32_t, int32_t)
AMO_ALL(d, uint64_t, int64_t)
