/* SPDX-License-Identifier: MIT */
/*
 * x86-64 backend, system emulation: guest accesses look the page up in
 * the vCPU's softmmu TLB inline and go to an out-of-line slow path (a
 * helper call) on a miss, for MMIO, code pages and misaligned accesses.
 */
#include <stddef.h>

#include "tcg/x86_64/backend.h"
#include "vemu/softmmu.h"

/* Caller-saved registers, in push order. */
static const int8_t x86_slow_order[] = {
    X86_RAX, X86_RCX, X86_RDX, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11,
};

/* The registers a slow path pushes: the mask, padded to an even count
 * so that rsp stays 16-byte aligned at the call. */
static int x86_slow_list(uint32_t mask, int8_t *list)
{
    int n = 0;

    for (size_t i = 0; i < sizeof(x86_slow_order); i++) {
        if (mask & (1u << x86_slow_order[i])) {
            list[n++] = x86_slow_order[i];
        }
    }
    if (n & 1) {
        list[n++] = X86_TLB_SCRATCH;   /* padding: r11 is free here */
    }
    return n;
}

/* [rsp + off] where the slow path saved reg, or -1 if not saved. */
static int x86_slow_slot(const int8_t *list, int n, int reg)
{
    for (int i = 0; i < n; i++) {
        if (list[i] == reg) {
            return 8 * (n - 1 - i);
        }
    }
    return -1;
}

/* dst = the value reg had when the slow path started. */
static void x86_slow_get(X86Code *c, const int8_t *list, int n, int dst,
                         int reg)
{
    int slot = x86_slow_slot(list, n, reg);

    if (slot >= 0) {
        x86_emit_ld(c, true, dst, X86_RSP, slot);
    } else {
        x86_emit_mov_rr(c, true, dst, reg);
    }
}

/* Caller-saved registers holding values at this access (and its inputs,
 * which the argument moves read), minus a load's output. */
static uint32_t x86_slow_save_mask(X86Gen *g, const X86SlowPath *p)
{
    uint32_t clobbered = 0, mask = 0;

    for (size_t i = 0; i < sizeof(x86_slow_order); i++) {
        clobbered |= 1u << x86_slow_order[i];
    }
    for (int r = 0; r < RA_MAX_REGS; r++) {
        if (g->ra.reg_to_temp[r]) {
            mask |= 1u << r;
        }
    }
    mask |= 1u << p->addr_reg;
    if (p->is_store && p->val_reg >= 0) {
        mask |= 1u << p->val_reg;
    }
    if (!p->is_store) {
        mask &= ~(1u << p->val_reg);
    }
    return mask & clobbered & ~(1u << X86_TLB_SCRATCH);
}

void x86_emit_qemu_ldst_softmmu(X86Gen *g, const TCGOp *op,
                                const RAOpArgs *a)
{
    X86Code *c = &g->code;
    bool is_store = op->opc == INDEX_op_qemu_st_i32 ||
                    op->opc == INDEX_op_qemu_st_i64;
    MemOpIdx oi = (MemOpIdx)op->args[2];
    MemOp mop = get_memop(oi);
    unsigned mmu_idx = get_mmuidx(oi);
    int addr = a->reg[1];
    int t0 = X86_GUEST_BASE, t1 = X86_TLB_SCRATCH;
    X86SlowPath p = {
        .addr_reg = addr, .oi = oi, .is_store = is_store,
        .softmmu = true,
        .is64 = op->opc == INDEX_op_qemu_ld_i64 ||
                op->opc == INDEX_op_qemu_st_i64,
        .val_reg = a->is_const[0] ? -1 : a->reg[0],
        .val_const = a->cval[0],
    };
    size_t cmp_off = is_store ? offsetof(CPUTLBEntry, addr_write)
                              : offsetof(CPUTLBEntry, addr_read);
    int32_t mask_off = x86_env_off(X86_AREG0,
        offsetof(CPUState, tlb_fast) + mmu_idx * sizeof(CPUTLBFast) +
        offsetof(CPUTLBFast, mask));
    int32_t table_off = x86_env_off(X86_AREG0,
        offsetof(CPUState, tlb_fast) + mmu_idx * sizeof(CPUTLBFast) +
        offsetof(CPUTLBFast, table));

    x86_collect_dirty(g, &p);

    /* t0 = &table[(addr >> PAGE_BITS) & (n - 1)] */
    x86_emit_mov_rr(c, true, t0, addr);
    x86_emit_shift_ri(c, XS_SHR, true, t0,
                      TARGET_PAGE_BITS - CPU_TLB_ENTRY_BITS);
    x86_emit_arith_rm(c, XA_AND, true, t0, X86_AREG0, mask_off);
    x86_emit_arith_rm(c, XA_ADD, true, t0, X86_AREG0, table_off);
    /*
     * Tag compare on the page plus the low alignment bits: misaligned
     * accesses and flagged entries (MMIO, code, invalid) miss.
     */
    x86_emit_mov_rr(c, true, t1, addr);
    x86_emit_arith_ri(c, XA_AND, true, t1,
                      (int64_t)(TARGET_PAGE_MASK |
                                (memop_size(mop) - 1)));
    x86_emit_arith_rm(c, XA_CMP, true, t1, t0, (int32_t)cmp_off);
    p.jcc_at[p.nb_jcc++] = x86_emit_jcc32(c, XC_NE, 0);
    x86_emit_ld(c, true, t0, t0, offsetof(CPUTLBEntry, addend));

    /* cpu_restore_state looks at retaddr - 1: the access itself. */
    p.retaddr = x86_here(c) + 1;
    x86_emit_guest_access(c, op, a, addr, t0, 0);
    p.ret_pos = c->pos;
    p.save_mask = x86_slow_save_mask(g, &p);
    g_array_append_val(g->slow, p);
}

void x86_emit_softmmu_slow_path(X86Gen *g, X86SlowPath *p)
{
    X86Code *c = &g->code;
    uintptr_t lea_end;
    int ra_reg = p->is_store ? X86_R8 : X86_RCX;
    int8_t list[12];
    int n = x86_slow_list(p->save_mask, list);

    for (int i = 0; i < n; i++) {
        x86_emit_push(c, list[i]);
    }
    /* The guest's state in env: the helper may raise an exception. */
    for (int j = 0; j < p->nb_dirty; j++) {
        x86_emit_fault_store(c, p->dirty[j]);
    }
    /* Arguments from the saved copies: no parallel-move ordering. */
    x86_slow_get(c, list, n, X86_RSI, p->addr_reg);
    if (p->is_store) {
        if (p->val_reg < 0) {
            x86_emit_movi(c, true, X86_RDX, p->val_const);
        } else {
            x86_slow_get(c, list, n, X86_RDX, p->val_reg);
        }
        x86_emit_movi(c, false, X86_RCX, p->oi);
    } else {
        x86_emit_movi(c, false, X86_RDX, p->oi);
    }
    lea_end = x86_here(c) + 7;
    x86_emit_lea(c, true, ra_reg, -1, -1, 0,
                 (int32_t)(p->retaddr - lea_end));
    x86_emit_lea(c, true, X86_RDI, X86_AREG0, -1, 0, -x86_env_bias);
    x86_emit_call(c, p->is_store ? (uintptr_t)helper_st_mmu
                                 : (uintptr_t)helper_ld_mmu);
    if (!p->is_store) {
        int slot = x86_slow_slot(list, n, p->val_reg);

        if (!p->is64) {
            x86_emit_mov_rr(c, false, X86_RAX, X86_RAX);
        }
        if (slot >= 0) {
            x86_emit_st(c, true, X86_RAX, X86_RSP, slot);
        } else {
            x86_emit_mov_rr(c, true, p->val_reg, X86_RAX);
        }
    }
    for (int i = n - 1; i >= 0; i--) {
        x86_emit_pop(c, list[i]);
    }
    x86_emit_jmp32(c, (uintptr_t)(c->buf + p->ret_pos));
}
