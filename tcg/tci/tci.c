/* SPDX-License-Identifier: MIT */
/* TCI interpreter: runs the bytecode of tci-gen.c with threaded dispatch. */
#include <string.h>

#include "vemu/exec.h"
#include "tcg/tci/tci-internal.h"
#include "vemu/softmmu.h"

__thread uintptr_t tci_tb_ptr;

typedef uint64_t (*TciHelper)(uint64_t, uint64_t, uint64_t, uint64_t,
                              uint64_t, uint64_t);

uintptr_t tci_enter(void *env, const void *tc_ptr);

static inline uint64_t rd_u64(const uint32_t *p)
{
    uint64_t v;

    memcpy(&v, p, sizeof(v));
    return v;
}

static inline uint64_t clz64(uint64_t a, uint64_t dflt)
{
    return a ? (uint64_t)__builtin_clzll(a) : dflt;
}

static inline uint64_t ctz64(uint64_t a, uint64_t dflt)
{
    return a ? (uint64_t)__builtin_ctzll(a) : dflt;
}

static inline uint32_t clz32(uint32_t a, uint32_t dflt)
{
    return a ? (uint32_t)__builtin_clz(a) : dflt;
}

static inline uint32_t ctz32(uint32_t a, uint32_t dflt)
{
    return a ? (uint32_t)__builtin_ctz(a) : dflt;
}

static inline uint64_t rotl64(uint64_t a, unsigned n)
{
    n &= 63;
    return n ? (a << n) | (a >> (64 - n)) : a;
}

static inline uint32_t rotl32(uint32_t a, unsigned n)
{
    n &= 31;
    return n ? (a << n) | (a >> (32 - n)) : a;
}

/* Division never traps the host; the results for /0 follow RISC-V. */
static inline int64_t div_s64(int64_t a, int64_t b)
{
    if (b == 0) {
        return -1;
    }
    if (b == -1) {
        return (int64_t)(0 - (uint64_t)a);
    }
    return a / b;
}

static inline int64_t rem_s64(int64_t a, int64_t b)
{
    if (b == 0) {
        return a;
    }
    if (b == -1) {
        return 0;
    }
    return a % b;
}

static inline int32_t div_s32(int32_t a, int32_t b)
{
    if (b == 0) {
        return -1;
    }
    if (b == -1) {
        return (int32_t)(0 - (uint32_t)a);
    }
    return a / b;
}

static inline int32_t rem_s32(int32_t a, int32_t b)
{
    if (b == 0) {
        return a;
    }
    if (b == -1) {
        return 0;
    }
    return a % b;
}

/* Load of guest memory already checked; sign/zero extension per memop. */
static inline uint64_t guest_load(uintptr_t host, MemOp mo)
{
    switch (mo & (MO_SIZE | MO_SIGN)) {
    case MO_UB:
        return *(uint8_t *)host;
    case MO_SB:
        return (uint64_t)(int64_t)*(int8_t *)host;
    case MO_UW: {
        uint16_t v;
        memcpy(&v, (void *)host, 2);
        return v;
    }
    case MO_SW: {
        int16_t v;
        memcpy(&v, (void *)host, 2);
        return (uint64_t)(int64_t)v;
    }
    case MO_UL: {
        uint32_t v;
        memcpy(&v, (void *)host, 4);
        return v;
    }
    case MO_SL: {
        int32_t v;
        memcpy(&v, (void *)host, 4);
        return (uint64_t)(int64_t)v;
    }
    default: {
        uint64_t v;
        memcpy(&v, (void *)host, 8);
        return v;
    }
    }
}

static inline void guest_store(uintptr_t host, MemOp mo, uint64_t v)
{
    switch (mo & MO_SIZE) {
    case MO_8:
        *(uint8_t *)host = (uint8_t)v;
        break;
    case MO_16: {
        uint16_t x = (uint16_t)v;
        memcpy((void *)host, &x, 2);
        break;
    }
    case MO_32: {
        uint32_t x = (uint32_t)v;
        memcpy((void *)host, &x, 4);
        break;
    }
    default:
        memcpy((void *)host, &v, 8);
        break;
    }
}

/*
 * Host address of a guest access, or 0 after the fault hook longjmp'd
 * (it never returns). limit_mask has the address bits that must be 0.
 */
static inline uintptr_t guest_addr(void *env, uint64_t addr, MemOpIdx oi,
                                   bool is_store, uint64_t limit_mask,
                                   uintptr_t pos)
{
    MemOp mo = get_memop(oi);

    tci_tb_ptr = pos;
    if ((addr & limit_mask) ||
        ((mo & MO_ALIGN) && (addr & (memop_size(mo) - 1)))) {
        tcg_user_access_fault(env, addr, oi, is_store, pos);
    }
    return guest_base + (uintptr_t)addr;
}

/*
 * System mode: the vCPU's softmmu TLB, looked up here as generated code
 * does, with the same slow path helpers on a miss.
 */
static inline CPUTLBEntry *tci_tlb_entry(void *env, uint64_t addr,
                                         MemOpIdx oi)
{
    const CPUTLBFast *f = &((CPUState *)env)->tlb_fast[get_mmuidx(oi)];
    uintptr_t off = (addr >> (TARGET_PAGE_BITS - CPU_TLB_ENTRY_BITS)) &
                    f->mask;

    return (CPUTLBEntry *)((uintptr_t)f->table + off);
}

static inline uint64_t tci_tlb_tag(uint64_t addr, MemOpIdx oi)
{
    return addr & (TARGET_PAGE_MASK | (memop_size(get_memop(oi)) - 1));
}

static inline uint64_t tci_qemu_ld(void *env, uint64_t addr, MemOpIdx oi,
                                   uint64_t limit_mask, uintptr_t pos)
{
    if (softmmu_enabled) {
        CPUTLBEntry *e = tci_tlb_entry(env, addr, oi);

        tci_tb_ptr = pos;
        if (tci_tlb_tag(addr, oi) == e->addr_read) {
            return guest_load(addr + e->addend, get_memop(oi));
        }
        return helper_ld_mmu(env, addr, oi, pos);
    }
    return guest_load(guest_addr(env, addr, oi, false, limit_mask, pos),
                      get_memop(oi));
}

static inline void tci_qemu_st(void *env, uint64_t addr, MemOpIdx oi,
                               uint64_t val, uint64_t limit_mask,
                               uintptr_t pos)
{
    if (softmmu_enabled) {
        CPUTLBEntry *e = tci_tlb_entry(env, addr, oi);

        tci_tb_ptr = pos;
        if (tci_tlb_tag(addr, oi) ==
            __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED)) {
            guest_store(addr + e->addend, get_memop(oi), val);
        } else {
            helper_st_mmu(env, addr, val, oi, pos);
        }
        return;
    }
    guest_store(guest_addr(env, addr, oi, true, limit_mask, pos),
                get_memop(oi), val);
}

/* Argument value of a helper call, extended as its typemask says. */
static inline uint64_t call_arg(uint64_t v, unsigned code)
{
    switch (code) {
    case TCG_CALL_TYPE_I32:
        return (uint32_t)v;
    case TCG_CALL_TYPE_S32:
        return (uint64_t)(int64_t)(int32_t)v;
    default:
        return v;
    }
}

#define CONDS(X, W)                                                          \
    X(W, 0) X(W, 1) X(W, 2) X(W, 3) X(W, 4) X(W, 5)                          \
    X(W, 6) X(W, 7) X(W, 8) X(W, 9) X(W, 10) X(W, 11)

uintptr_t tci_enter(void *env, const void *tc_ptr)
{
    uint64_t frame[TCG_MAX_TEMPS];
    uint8_t *bases[4];
    const uint32_t *pc = tc_ptr;
    uint64_t limit_mask =
        guest_addr_bits >= 64 ? 0 : ~(uint64_t)0 << guest_addr_bits;

    static const void *const dispatch[TCI_OP_COUNT] = {
#define DEF(name, oa, ia, ca, fl) [INDEX_op_##name] = &&do_##name,
#include "vemu/tcg-opc.h"
#undef DEF
#define X_BR32(W, c) [TCI_OP_BRCOND32_FIRST + c] = &&do_brcond32_##c,
#define X_BR64(W, c) [TCI_OP_BRCOND64_FIRST + c] = &&do_brcond64_##c,
#define X_SET32(W, c) [TCI_OP_SETCOND32_FIRST + c] = &&do_setcond32_##c,
#define X_SET64(W, c) [TCI_OP_SETCOND64_FIRST + c] = &&do_setcond64_##c,
        CONDS(X_BR32, 0) CONDS(X_BR64, 0)
        CONDS(X_SET32, 0) CONDS(X_SET64, 0)
#define X_VAR_BIN(n)                                                         \
    [TCI_VAR_ENV + INDEX_op_##n##_i32] = &&do_##n##_i32_e,                   \
    [TCI_VAR_ENVI + INDEX_op_##n##_i32] = &&do_##n##_i32_ei,                 \
    [TCI_VAR_ENV + INDEX_op_##n##_i64] = &&do_##n##_i64_e,                   \
    [TCI_VAR_ENVI + INDEX_op_##n##_i64] = &&do_##n##_i64_ei,
#define X_VAR_UN(n)                                                          \
    [TCI_VAR_ENV + INDEX_op_##n] = &&do_##n##_e,                             \
    [TCI_VAR_ENVI + INDEX_op_##n] = &&do_##n##_ei,
        TCI_BIN_OPS(X_VAR_BIN)
        TCI_UN_OPS(X_VAR_UN)
#define X_BRE(W, c)                                                          \
    [TCI_OP_BRE32_FIRST + c] = &&do_bre32_##c,                               \
    [TCI_OP_BREI32_FIRST + c] = &&do_brei32_##c,                             \
    [TCI_OP_BRE64_FIRST + c] = &&do_bre64_##c,                               \
    [TCI_OP_BREI64_FIRST + c] = &&do_brei64_##c,
        CONDS(X_BRE, 0)
        [TCI_VAR_ENV + INDEX_op_qemu_ld_i32] = &&do_qemu_ld_i32_e,
        [TCI_VAR_ENV + INDEX_op_qemu_ld_i64] = &&do_qemu_ld_i64_e,
        [TCI_VAR_ENV + INDEX_op_qemu_st_i32] = &&do_qemu_st_i32_e,
        [TCI_VAR_ENV + INDEX_op_qemu_st_i64] = &&do_qemu_st_i64_e,
    };
    uint8_t *envp = env;

    frame[TCG_ENV_TEMP_INDEX] = (uintptr_t)env;
    bases[TCI_BASE_FRAME] = (uint8_t *)frame;
    bases[TCI_BASE_ENV] = env;
    bases[TCI_BASE_TB] = (uint8_t *)tc_ptr;
    bases[3] = NULL;

/* Operand access: word i of the current instruction. */
#define P(i) ((void *)(bases[pc[i] & 3] + ((int32_t)pc[i] >> 2)))
#define R64(i) (*(uint64_t *)P(i))
#define R32(i) (*(uint32_t *)P(i))
#define S64(i) (*(int64_t *)P(i))
#define S32(i) (*(int32_t *)P(i))
#define NEXT(n)                                                              \
    do {                                                                     \
        pc += (n);                                                           \
        goto *dispatch[*pc];                                                 \
    } while (0)
#define JUMP(off)                                                            \
    do {                                                                     \
        pc = (const uint32_t *)bases[TCI_BASE_TB] + (off);                   \
        goto *dispatch[*pc];                                                 \
    } while (0)
/* Env-offset operands of the _ENV/_ENVI forms. */
#define E64(i) (*(uint64_t *)(envp + (int32_t)pc[i]))
#define E32(i) (*(uint32_t *)(envp + (int32_t)pc[i]))
#define BIN64(name, expr)                                                    \
    do_##name##_i64 : {                                                      \
        uint64_t a = R64(2), b = R64(3);                                     \
        R64(1) = (expr);                                                     \
        NEXT(4);                                                             \
    }                                                                        \
    do_##name##_i64_e : {                                                    \
        uint64_t a = E64(2), b = E64(3);                                     \
        E64(1) = (expr);                                                     \
        NEXT(4);                                                             \
    }                                                                        \
    do_##name##_i64_ei : {                                                   \
        uint64_t a = E64(2), b = rd_u64(pc + 3);                             \
        E64(1) = (expr);                                                     \
        NEXT(5);                                                             \
    }
#define BIN32(name, expr)                                                    \
    do_##name##_i32 : {                                                      \
        uint32_t a = R32(2), b = R32(3);                                     \
        R32(1) = (expr);                                                     \
        NEXT(4);                                                             \
    }                                                                        \
    do_##name##_i32_e : {                                                    \
        uint32_t a = E32(2), b = E32(3);                                     \
        E32(1) = (expr);                                                     \
        NEXT(4);                                                             \
    }                                                                        \
    do_##name##_i32_ei : {                                                   \
        uint32_t a = E32(2), b = (uint32_t)rd_u64(pc + 3);                   \
        E32(1) = (expr);                                                     \
        NEXT(5);                                                             \
    }
#define UN64(name, expr)                                                     \
    do_##name : {                                                            \
        uint64_t a = R64(2);                                                 \
        R64(1) = (expr);                                                     \
        NEXT(3);                                                             \
    }                                                                        \
    do_##name##_e : {                                                        \
        uint64_t a = E64(2);                                                 \
        E64(1) = (expr);                                                     \
        NEXT(3);                                                             \
    }                                                                        \
    do_##name##_ei : {                                                       \
        uint64_t a = rd_u64(pc + 2);                                         \
        E64(1) = (expr);                                                     \
        NEXT(4);                                                             \
    }
#define UN32(name, expr)                                                     \
    do_##name : {                                                            \
        uint32_t a = R32(2);                                                 \
        R32(1) = (expr);                                                     \
        NEXT(3);                                                             \
    }                                                                        \
    do_##name##_e : {                                                        \
        uint32_t a = E32(2);                                                 \
        E32(1) = (expr);                                                     \
        NEXT(3);                                                             \
    }                                                                        \
    do_##name##_ei : {                                                       \
        uint32_t a = (uint32_t)rd_u64(pc + 2);                               \
        E32(1) = (expr);                                                     \
        NEXT(4);                                                             \
    }
#define HOSTADDR ((uintptr_t)R64(2) + (uintptr_t)rd_u64(pc + 3))
#define LD(name, W, type)                                                    \
    do_##name : {                                                            \
        R##W(1) = *(type *)HOSTADDR;                                         \
        NEXT(5);                                                             \
    }
#define ST(name, W, type)                                                    \
    do_##name : {                                                            \
        *(type *)HOSTADDR = (type)R##W(1);                                   \
        NEXT(5);                                                             \
    }

    goto *dispatch[*pc];

    /* Control */
do_discard:
do_set_label:
do_insn_start:
do_goto_lookup:
    /* Never emitted by tci-gen.c (TCI lacks has_goto_lookup). */
    return 0;
do_mb:
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    NEXT(2);
do_br:
    JUMP(pc[1]);
do_exit_tb:
    return (uintptr_t)rd_u64(pc + 1);
do_goto_tb: {
    uintptr_t *slot = (uintptr_t *)(uintptr_t)rd_u64(pc + 1);
    uintptr_t t = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

    pc += 3;
    if (t && t != (uintptr_t)pc) {
        pc = (const uint32_t *)t;
        bases[TCI_BASE_TB] = (uint8_t *)t;
    }
    goto *dispatch[*pc];
}
do_goto_ptr: {
    uintptr_t t = (uintptr_t)R64(1);

    if (!t || t == (uintptr_t)tcg_code_gen_epilogue) {
        return 0;
    }
    pc = (const uint32_t *)t;
    bases[TCI_BASE_TB] = (uint8_t *)t;
    goto *dispatch[*pc];
}
do_call: {
    unsigned ni = pc[1] & 0xff, no = pc[1] >> 8;
    uint32_t typemask = pc[2];
    TciHelper fn = (TciHelper)(uintptr_t)rd_u64(pc + 3);
    const uint32_t *argw = pc + 5 + no;
    uint64_t a[TCG_MAX_CALL_IARGS] = { 0 };
    uint64_t ret;

    for (unsigned i = 0; i < ni; i++) {
        unsigned code = (typemask >> (3 * (i + 1))) & 7;

        a[i] = call_arg(code == TCG_CALL_TYPE_I64
                            ? R64(argw - pc + i)
                            : (uint64_t)R32(argw - pc + i),
                        code);
    }
    tci_tb_ptr = (uintptr_t)pc;
    ret = fn(a[0], a[1], a[2], a[3], a[4], a[5]);
    if (no) {
        if ((typemask & 7) == TCG_CALL_TYPE_I64) {
            R64(5) = ret;
        } else {
            R32(5) = (uint32_t)ret;
        }
    }
    NEXT(5 + no + ni);
}

    /* 32-bit */
    UN32(mov_i32, a)
do_setcond_i32:
    R32(1) = tci_cond32(pc[4], R32(2), R32(3));
    NEXT(5);
do_movcond_i32:
    R32(1) = tci_cond32(pc[6], R32(2), R32(3)) ? R32(4) : R32(5);
    NEXT(7);
do_brcond_i32:
do_brcond_i64:
    /* Specialized per condition by tci-gen.c. */
    return 0;
    LD(ld8u_i32, 32, uint8_t)
    LD(ld8s_i32, 32, int8_t)
    LD(ld16u_i32, 32, uint16_t)
    LD(ld16s_i32, 32, int16_t)
    LD(ld_i32, 32, uint32_t)
    ST(st8_i32, 32, uint8_t)
    ST(st16_i32, 32, uint16_t)
    ST(st_i32, 32, uint32_t)
    BIN32(add, a + b)
    BIN32(sub, a - b)
    BIN32(mul, a * b)
    BIN32(div, (uint32_t)div_s32((int32_t)a, (int32_t)b))
    BIN32(divu, b ? a / b : UINT32_MAX)
    BIN32(rem, (uint32_t)rem_s32((int32_t)a, (int32_t)b))
    BIN32(remu, b ? a % b : a)
    BIN32(and, a & b)
    BIN32(or, a | b)
    BIN32(xor, a ^ b)
    BIN32(andc, a & ~b)
    BIN32(orc, a | ~b)
    BIN32(shl, a << (b & 31))
    BIN32(shr, a >> (b & 31))
    BIN32(sar, (uint32_t)((int32_t)a >> (b & 31)))
    BIN32(rotl, rotl32(a, b))
    BIN32(rotr, rotl32(a, 32 - (b & 31)))
    UN32(neg_i32, 0 - a)
    UN32(not_i32, ~a)
    UN32(ext8s_i32, (uint32_t)(int8_t)a)
    UN32(ext8u_i32, (uint8_t)a)
    UN32(ext16s_i32, (uint32_t)(int16_t)a)
    UN32(ext16u_i32, (uint16_t)a)
    UN32(bswap16_i32, __builtin_bswap16((uint16_t)a))
    UN32(bswap32_i32, __builtin_bswap32(a))
    BIN32(clz, clz32(a, b))
    BIN32(ctz, ctz32(a, b))
    UN32(ctpop_i32, (uint32_t)__builtin_popcount(a))
    BIN32(mulsh, (uint32_t)(((int64_t)(int32_t)a * (int32_t)b) >> 32))
    BIN32(muluh, (uint32_t)(((uint64_t)a * b) >> 32))

    /* 64-bit */
    UN64(mov_i64, a)
do_setcond_i64:
    R64(1) = tci_cond64(pc[4], R64(2), R64(3));
    NEXT(5);
do_movcond_i64:
    R64(1) = tci_cond64(pc[6], R64(2), R64(3)) ? R64(4) : R64(5);
    NEXT(7);
    LD(ld8u_i64, 64, uint8_t)
    LD(ld8s_i64, 64, int8_t)
    LD(ld16u_i64, 64, uint16_t)
    LD(ld16s_i64, 64, int16_t)
    LD(ld32u_i64, 64, uint32_t)
    LD(ld32s_i64, 64, int32_t)
    LD(ld_i64, 64, uint64_t)
    ST(st8_i64, 64, uint8_t)
    ST(st16_i64, 64, uint16_t)
    ST(st32_i64, 64, uint32_t)
    ST(st_i64, 64, uint64_t)
    BIN64(add, a + b)
    BIN64(sub, a - b)
    BIN64(mul, a * b)
    BIN64(div, (uint64_t)div_s64((int64_t)a, (int64_t)b))
    BIN64(divu, b ? a / b : UINT64_MAX)
    BIN64(rem, (uint64_t)rem_s64((int64_t)a, (int64_t)b))
    BIN64(remu, b ? a % b : a)
    BIN64(and, a & b)
    BIN64(or, a | b)
    BIN64(xor, a ^ b)
    BIN64(andc, a & ~b)
    BIN64(orc, a | ~b)
    BIN64(shl, a << (b & 63))
    BIN64(shr, a >> (b & 63))
    BIN64(sar, (uint64_t)((int64_t)a >> (b & 63)))
    BIN64(rotl, rotl64(a, b))
    BIN64(rotr, rotl64(a, 64 - (b & 63)))
    UN64(neg_i64, 0 - a)
    UN64(not_i64, ~a)
    UN64(ext8s_i64, (uint64_t)(int8_t)a)
    UN64(ext8u_i64, (uint8_t)a)
    UN64(ext16s_i64, (uint64_t)(int16_t)a)
    UN64(ext16u_i64, (uint16_t)a)
    UN64(ext32s_i64, (uint64_t)(int32_t)a)
    UN64(ext32u_i64, (uint32_t)a)
    UN64(bswap16_i64, __builtin_bswap16((uint16_t)a))
    UN64(bswap32_i64, __builtin_bswap32((uint32_t)a))
    UN64(bswap64_i64, __builtin_bswap64(a))
    BIN64(clz, clz64(a, b))
    BIN64(ctz, ctz64(a, b))
    UN64(ctpop_i64, (uint64_t)__builtin_popcountll(a))
    BIN64(mulsh, (uint64_t)(((__int128)(int64_t)a * (int64_t)b) >> 64))
    BIN64(muluh, (uint64_t)(((unsigned __int128)a * b) >> 64))

    /* Conversions */
do_ext_i32_i64:
    R64(1) = (uint64_t)(int64_t)S32(2);
    NEXT(3);
do_extu_i32_i64:
    R64(1) = R32(2);
    NEXT(3);
do_extrl_i64_i32:
    R32(1) = (uint32_t)R64(2);
    NEXT(3);
do_extrh_i64_i32:
    R32(1) = (uint32_t)(R64(2) >> 32);
    NEXT(3);

    /* Guest memory: value, address, MemOpIdx */
do_qemu_ld_i32: {
    R32(1) = (uint32_t)tci_qemu_ld(env, R64(2), pc[3], limit_mask,
                              (uintptr_t)pc);
    NEXT(4);
}
do_qemu_ld_i64: {
    R64(1) = tci_qemu_ld(env, R64(2), pc[3], limit_mask,
                              (uintptr_t)pc);
    NEXT(4);
}
do_qemu_st_i32: {
    tci_qemu_st(env, R64(2), pc[3], R32(1), limit_mask, (uintptr_t)pc);
    NEXT(4);
}
do_qemu_st_i64: {
    tci_qemu_st(env, R64(2), pc[3], R64(1), limit_mask, (uintptr_t)pc);
    NEXT(4);
}

    /* Same, with the value operand a global (raw env offset). */
do_qemu_ld_i32_e: {
    E32(1) = (uint32_t)tci_qemu_ld(env, R64(2), pc[3], limit_mask,
                              (uintptr_t)pc);
    NEXT(4);
}
do_qemu_ld_i64_e: {
    E64(1) = tci_qemu_ld(env, R64(2), pc[3], limit_mask,
                              (uintptr_t)pc);
    NEXT(4);
}
do_qemu_st_i32_e: {
    tci_qemu_st(env, R64(2), pc[3], E32(1), limit_mask, (uintptr_t)pc);
    NEXT(4);
}
do_qemu_st_i64_e: {
    tci_qemu_st(env, R64(2), pc[3], E64(1), limit_mask, (uintptr_t)pc);
    NEXT(4);
}

    /* Conditions folded into the opcode (tci-gen.c). */
#define COND_HANDLERS(W, c)                                                  \
    do_brcond32_##c:                                                         \
        if (tci_cond32(c, R32(1), R32(2))) {                                 \
            JUMP(pc[3]);                                                     \
        }                                                                    \
        NEXT(4);                                                             \
    do_brcond64_##c:                                                         \
        if (tci_cond64(c, R64(1), R64(2))) {                                 \
            JUMP(pc[3]);                                                     \
        }                                                                    \
        NEXT(4);                                                             \
    do_setcond32_##c:                                                        \
        R32(1) = tci_cond32(c, R32(2), R32(3));                              \
        NEXT(4);                                                             \
    do_setcond64_##c:                                                        \
        R64(1) = tci_cond64(c, R64(2), R64(3));                              \
        NEXT(4);                                                             \
    do_bre32_##c:                                                            \
        if (tci_cond32(c, E32(1), E32(2))) {                                 \
            JUMP(pc[3]);                                                     \
        }                                                                    \
        NEXT(4);                                                             \
    do_brei32_##c:                                                           \
        if (tci_cond32(c, E32(1), (uint32_t)rd_u64(pc + 2))) {               \
            JUMP(pc[4]);                                                     \
        }                                                                    \
        NEXT(5);                                                             \
    do_bre64_##c:                                                            \
        if (tci_cond64(c, E64(1), E64(2))) {                                 \
            JUMP(pc[3]);                                                     \
        }                                                                    \
        NEXT(4);                                                             \
    do_brei64_##c:                                                           \
        if (tci_cond64(c, E64(1), rd_u64(pc + 2))) {                         \
            JUMP(pc[4]);                                                     \
        }                                                                    \
        NEXT(5);
    CONDS(COND_HANDLERS, 0)
}
