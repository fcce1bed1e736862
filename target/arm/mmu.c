/* SPDX-License-Identifier: MIT */
/*
 * VMSAv8-64 stage 1 translation (ARMv8.0, no stage 2): the EL1&0 regime
 * with its two VA ranges and the EL2 regime, 4K/16K/64K granules, blocks,
 * hierarchical permissions, PAN and WXN; the softmmu's tlb_fill, AT and
 * TLBI.
 */
#include <inttypes.h>
#include <string.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/exec.h"
#include "vemu/log.h"
#include "vemu/softmmu.h"

/* SCTLR_ELx.WXN (M is in cpu.h); HCR_EL2.DC. */
#define SCTLR_WXN (1ull << 19)
#define HCR_DC (1ull << 12)

/* Descriptor fields (stage 1, VMSAv8-64). */
#define DESC_VALID (1ull << 0)
#define DESC_TABLE (1ull << 1)     /* table (levels 0-2) or page (3) */
#define DESC_AP_EL0 (1ull << 6)    /* AP[1]: EL0 may access */
#define DESC_AP_RO (1ull << 7)     /* AP[2]: read-only */
#define DESC_AF (1ull << 10)
#define DESC_PXN (1ull << 53)
#define DESC_UXN (1ull << 54)      /* XN in the EL2 regime */
#define DESC_PXN_TABLE (1ull << 59)
#define DESC_XN_TABLE (1ull << 60) /* UXNTable, or XNTable at EL2 */
#define DESC_AP_TABLE_NO_EL0 (1ull << 61)
#define DESC_AP_TABLE_RO (1ull << 62)
/* Output address bits (48-bit PAs: no ARMv8.2 LPA). */
#define OA_MASK 0x0000fffffffff000ull
#define OA_MAX_BITS 48

/* The regime's parameters for one VA. */
typedef struct WalkParams {
    uint64_t ttbr;
    unsigned inputsize;         /* 64 - TnSZ */
    unsigned gran_bits;         /* 12, 14 or 16 */
    unsigned oa_bits;           /* output size: min(IPS/PS, PARange) */
    bool upper;                 /* TTBR1 (EL1&0 only) */
    bool el2;
} WalkParams;

/* IPS, TCR_EL2.PS and PARange all use this encoding. */
static unsigned pa_size_bits(unsigned enc)
{
    static const unsigned bits[] = { 32, 36, 40, 42, 44, 48 };

    return enc < 6 ? bits[enc] : OA_MAX_BITS;
}

static unsigned pamax_bits(CPUARMState *env)
{
    return pa_size_bits(env->id_aa64mmfr0 & 0xf);
}

static uint64_t bits_from(unsigned lo, unsigned hi)
{
    uint64_t top = hi >= 63 ? ~0ull : (1ull << (hi + 1)) - 1;

    return top & ~((1ull << lo) - 1);
}

static bool fault(ARMMMUResult *res, int fsc, int level)
{
    res->fsc = fsc | level;
    res->level = level;
    return false;
}

/* TG0 and TG1 encode the granule differently (and TG1 never as 0). */
static unsigned tg0_bits(unsigned tg)
{
    return tg == 1 ? 16 : tg == 2 ? 14 : 12;
}

static unsigned tg1_bits(unsigned tg)
{
    return tg == 1 ? 14 : tg == 3 ? 16 : 12;
}

/*
 * The VA range va belongs to, its TnSZ, granule and top-byte-ignore.
 * False: va is outside every range, or the range's walks are disabled
 * (EPDn): a level 0 translation fault.
 */
static bool walk_params(CPUARMState *env, uint64_t va, bool el2,
                        WalkParams *p)
{
    uint64_t tcr = env->tcr_el[el2 ? 2 : 1];
    unsigned tsz, top, ps;
    bool tbi, epd;
    uint64_t range;

    p->el2 = el2;
    p->upper = !el2 && ((va >> 55) & 1);
    if (el2) {
        tsz = tcr & 0x3f;
        p->gran_bits = tg0_bits((tcr >> 14) & 3);
        tbi = tcr & TCR_EL2_TBI;
        epd = false;
        ps = (tcr >> 16) & 7;
        p->ttbr = env->ttbr0_el[2];
    } else if (p->upper) {
        tsz = (tcr >> 16) & 0x3f;
        p->gran_bits = tg1_bits((tcr >> 30) & 3);
        tbi = tcr & TCR_TBI1;
        epd = (tcr >> 23) & 1;
        ps = (tcr >> 32) & 7;
        p->ttbr = env->ttbr1_el[1];
    } else {
        tsz = tcr & 0x3f;
        p->gran_bits = tg0_bits((tcr >> 14) & 3);
        tbi = tcr & TCR_TBI0;
        epd = (tcr >> 7) & 1;
        ps = (tcr >> 32) & 7;
        p->ttbr = env->ttbr0_el[1];
    }
    /* ARMv8.0 allows TnSZ 16..39; other values act as the nearest. */
    if (tsz < 16 || tsz > 39) {
        vemu_log_mask(LOG_GUEST_ERROR, "arm: TnSZ %u out of range\n", tsz);
        tsz = tsz < 16 ? 16 : 39;
    }
    p->inputsize = 64 - tsz;
    p->oa_bits = pa_size_bits(ps);
    if (p->oa_bits > pamax_bits(env)) {
        p->oa_bits = pamax_bits(env);
    }
    /* Bits above the range, up to the tag if ignored, copy bit 55. */
    top = tbi ? 55 : 63;
    range = bits_from(p->inputsize, top);
    if ((va & range) != (p->upper ? range : 0)) {
        return false;
    }
    return !epd;
}

/* Stage 1 off: flat, all rights, but only within the PA size. */
static bool walk_off(CPUARMState *env, uint64_t va, bool el2,
                     ARMMMUResult *res)
{
    uint64_t tcr = env->tcr_el[el2 ? 2 : 1];
    bool tbi = tcr & (el2 ? TCR_EL2_TBI
                      : (va >> 55) & 1 ? TCR_TBI1 : TCR_TBI0);
    unsigned pamax = pamax_bits(env);

    if (va & bits_from(pamax, tbi ? 55 : 63)) {
        return fault(res, ARM_FSC_ADDR_SIZE, 0);
    }
    res->pa = va & ((1ull << pamax) - 1);
    res->size = TARGET_PAGE_SIZE;
    res->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    res->attr = 0;              /* Device-nGnRnE (data accesses) */
    res->sh = 2;
    return true;
}

/* Blocks: 4K granule at levels 1 and 2, 16K and 64K at level 2. */
static bool block_allowed(unsigned gran_bits, int level)
{
    return level == 2 || (level == 1 && gran_bits == 12);
}

/*
 * Rights of a leaf for mmu_idx. ap: bit 0 AP[1] (EL0 access), bit 1
 * AP[2] (read-only), with the tables' APTable already applied.
 */
static int leaf_prot(int mmu_idx, unsigned ap, bool uxn, bool pxn, bool wxn)
{
    int priv_rw = PAGE_READ | ((ap & 2) ? 0 : PAGE_WRITE);
    int user_rw = (ap & 1) ? priv_rw : 0;
    int rw;
    bool xn;

    switch (mmu_idx) {
    case ARM_MMU_E2:
        /* No EL0 in this regime: AP[1] is ignored, XN is one bit. */
        rw = priv_rw;
        xn = uxn;
        break;
    case ARM_MMU_E10_0:
        rw = user_rw;
        xn = uxn;
        break;
    default:
        /* EL0-writable memory is never executable at EL1. */
        rw = priv_rw;
        xn = pxn || (user_rw & PAGE_WRITE);
        if (wxn && (rw & PAGE_WRITE)) {
            xn = true;
        }
        /* PAN: no data access to EL0-accessible memory (fetches are
         * not affected, hence after the WXN test). */
        if (mmu_idx == ARM_MMU_E10_1_PAN && user_rw) {
            rw = 0;
        }
        return rw | (xn ? 0 : PAGE_EXEC);
    }
    if (wxn && (rw & PAGE_WRITE)) {
        xn = true;
    }
    return rw | (xn ? 0 : PAGE_EXEC);
}

static int access_bit(int access)
{
    return access == 1 ? PAGE_WRITE : access == 2 ? PAGE_EXEC : PAGE_READ;
}

bool arm_mmu_walk(CPUARMState *env, uint64_t va, int mmu_idx, int access,
                  ARMMMUResult *res)
{
    CPUState *cpu = &env->parent;
    bool el2 = mmu_idx == ARM_MMU_E2;
    uint64_t sctlr = env->sctlr_el[el2 ? 2 : 1];
    unsigned g, stride, shift, idx_bits, ap;
    uint64_t base, desc = 0;
    uint64_t table_bits = 0;    /* OR of the tables' 63:59 bits */
    WalkParams p;
    int level;

    memset(res, 0, sizeof(*res));
    /* HCR_EL2.TGE and DC turn the EL1&0 stage 1 off as well. */
    if (!el2 && env->has_el2 && (env->hcr_el2 & (HCR_TGE | HCR_DC))) {
        sctlr &= ~SCTLR_M;
    }
    if (!(sctlr & SCTLR_M)) {
        return walk_off(env, va, el2, res);
    }
    if (!walk_params(env, va, el2, &p)) {
        return fault(res, ARM_FSC_TRANSLATION, 0);
    }
    g = p.gran_bits;
    stride = g - 3;
    /* As many levels as needed to resolve inputsize bits. */
    level = 4 - (int)((p.inputsize - g + stride - 1) / stride);
    if (p.ttbr & OA_MASK & ~((1ull << p.oa_bits) - 1)) {
        return fault(res, ARM_FSC_ADDR_SIZE, 0);
    }
    shift = g + (3 - level) * stride;
    idx_bits = p.inputsize - shift;
    /* The first table is aligned to its size (at least 8 bytes). */
    base = p.ttbr & 0x0000fffffffffffeull & ~((1ull << (idx_bits + 3)) - 1);

    for (;; level++) {
        uint64_t idx = (va >> shift) & ((1ull << idx_bits) - 1);
        uint64_t addr = base + idx * 8;

        if (!env->sys->pte_load(cpu, addr, &desc)) {
            vemu_log_mask(LOG_GUEST_ERROR, "arm: page walk of %016" PRIx64
                          " reads %016" PRIx64 ": bus error\n", va, addr);
            return fault(res, ARM_FSC_EXT_WALK, level);
        }
        if (!(desc & DESC_VALID)) {
            return fault(res, ARM_FSC_TRANSLATION, level);
        }
        if (level == 3) {
            if (!(desc & DESC_TABLE)) {
                /* 0b01 at level 3 is reserved: invalid. */
                return fault(res, ARM_FSC_TRANSLATION, level);
            }
            break;
        }
        if (!(desc & DESC_TABLE)) {
            if (!block_allowed(g, level)) {
                return fault(res, ARM_FSC_TRANSLATION, level);
            }
            break;
        }
        if (desc & OA_MASK & ~((1ull << p.oa_bits) - 1)) {
            return fault(res, ARM_FSC_ADDR_SIZE, level);
        }
        table_bits |= desc;
        base = desc & OA_MASK & ~((1ull << g) - 1);
        shift -= stride;
        idx_bits = stride;
    }

    /* A block or page descriptor at `level`, mapping 1 << shift bytes. */
    if (desc & OA_MASK & ~((1ull << p.oa_bits) - 1)) {
        return fault(res, ARM_FSC_ADDR_SIZE, level);
    }
    if (!(desc & DESC_AF) && access != ARM_MMU_ACCESS_ANY) {
        /* ARMv8.0: no hardware access flag update. */
        return fault(res, ARM_FSC_ACCESS_FLAG, level);
    }
    ap = (desc >> 6) & 3;
    if (table_bits & DESC_AP_TABLE_RO) {
        ap |= 2;
    }
    if (!el2 && (table_bits & DESC_AP_TABLE_NO_EL0)) {
        ap &= ~1u;
    }
    res->prot = leaf_prot(mmu_idx, ap,
                          (desc & DESC_UXN) || (table_bits & DESC_XN_TABLE),
                          !el2 && ((desc & DESC_PXN) ||
                                   (table_bits & DESC_PXN_TABLE)),
                          sctlr & SCTLR_WXN);
    res->level = level;
    res->size = 1ull << shift;
    res->pa = (desc & OA_MASK & ~(res->size - 1)) | (va & (res->size - 1));
    res->attr = env->mair_el[el2 ? 2 : 1] >> (8 * ((desc >> 2) & 7));
    res->sh = (desc >> 8) & 3;
    if (access != ARM_MMU_ACCESS_ANY &&
        !(res->prot & access_bit(access))) {
        return fault(res, ARM_FSC_PERMISSION, level);
    }
    return true;
}

bool arm_tlb_fill(CPUState *cpu, vaddr addr, int size, int access_type,
                  int mmu_idx, bool probe, uintptr_t ra)
{
    CPUARMState *env = arm_env(cpu);
    int access = access_type >= 0 && access_type <= 2 ? access_type : 0;
    ARMMMUResult res;

    if (arm_mmu_walk(env, addr, mmu_idx, access, &res)) {
        vemu_log_mask(LOG_MMU, "arm: tlb_fill %016" PRIx64 " -> %016"
                      PRIx64 " prot %x idx %d size %" PRIx64 "\n", addr,
                      res.pa, res.prot, mmu_idx, res.size);
        /*
         * The softmmu enters the 4K page holding addr; size (a block, a
         * 16K/64K page) only tells it the extent a TLBI by VA must flush.
         */
        env->sys->tlb_set_page(cpu, addr & TARGET_PAGE_MASK,
                               res.pa & TARGET_PAGE_MASK, res.prot, mmu_idx,
                               res.size);
        return true;
    }
    if (probe) {
        return false;
    }
    vemu_log_mask(LOG_MMU, "arm: tlb_fill %016" PRIx64 " access %d idx %d"
                  " faults: fsc %#x\n", addr, access, mmu_idx, res.fsc);
    arm_raise_abort(env, addr, access, res.fsc, false, mmu_idx, ra);
}

/* Debuggers see the current regime, whatever the rights. */
hwaddr arm_get_phys_page_debug(CPUState *cpu, vaddr addr)
{
    CPUARMState *env = arm_env(cpu);
    int mmu_idx = env->el == 2 ? ARM_MMU_E2 : ARM_MMU_E10_1;
    ARMMMUResult res;

    if (!arm_mmu_walk(env, addr, mmu_idx, ARM_MMU_ACCESS_ANY, &res)) {
        return (hwaddr)-1;
    }
    return res.pa & TARGET_PAGE_MASK;
}

/* PAR_EL1 fields. */
#define PAR_F (1ull << 0)
#define PAR_FST_SHIFT 1
#define PAR_SH_SHIFT 7
#define PAR_NS (1ull << 9)
#define PAR_RES1 (1ull << 11)
#define PAR_ATTR_SHIFT 56

uint64_t arm_at_translate(CPUARMState *env, uint64_t va, int mmu_idx,
                          int access)
{
    ARMMMUResult res;
    unsigned sh;

    if (!arm_mmu_walk(env, va, mmu_idx, access == 1 ? 1 : 0, &res)) {
        /* Stage 1 fault: S = 0, PTW = 0. */
        return PAR_F | ((uint64_t)res.fsc << PAR_FST_SHIFT) | PAR_RES1;
    }
    /* Device and Normal Non-cacheable memory report Outer Shareable. */
    sh = res.sh;
    if ((res.attr & 0xf0) == 0 || res.attr == 0x44) {
        sh = 2;
    }
    return (res.pa & OA_MASK) | ((uint64_t)res.attr << PAR_ATTR_SHIFT) |
           ((uint64_t)sh << PAR_SH_SHIFT) | PAR_NS | PAR_RES1;
}

/* TLBI <op>: SYS #op1, C8, Cm, #op2. */
#define TLBI_KEY(op1, crm, op2) SYSREG(1, op1, 8, crm, op2)

enum {
    TLBI_VMALLE1IS = TLBI_KEY(0, 3, 0),
    TLBI_VAE1IS = TLBI_KEY(0, 3, 1),
    TLBI_ASIDE1IS = TLBI_KEY(0, 3, 2),
    TLBI_VAAE1IS = TLBI_KEY(0, 3, 3),
    TLBI_VALE1IS = TLBI_KEY(0, 3, 5),
    TLBI_VAALE1IS = TLBI_KEY(0, 3, 7),
    TLBI_VMALLE1 = TLBI_KEY(0, 7, 0),
    TLBI_VAE1 = TLBI_KEY(0, 7, 1),
    TLBI_ASIDE1 = TLBI_KEY(0, 7, 2),
    TLBI_VAAE1 = TLBI_KEY(0, 7, 3),
    TLBI_VALE1 = TLBI_KEY(0, 7, 5),
    TLBI_VAALE1 = TLBI_KEY(0, 7, 7),
    TLBI_IPAS2E1IS = TLBI_KEY(4, 0, 1),
    TLBI_IPAS2LE1IS = TLBI_KEY(4, 0, 5),
    TLBI_IPAS2E1 = TLBI_KEY(4, 4, 1),
    TLBI_IPAS2LE1 = TLBI_KEY(4, 4, 5),
    TLBI_ALLE2IS = TLBI_KEY(4, 3, 0),
    TLBI_VAE2IS = TLBI_KEY(4, 3, 1),
    TLBI_ALLE1IS = TLBI_KEY(4, 3, 4),
    TLBI_VALE2IS = TLBI_KEY(4, 3, 5),
    TLBI_VMALLS12E1IS = TLBI_KEY(4, 3, 6),
    TLBI_ALLE2 = TLBI_KEY(4, 7, 0),
    TLBI_VAE2 = TLBI_KEY(4, 7, 1),
    TLBI_ALLE1 = TLBI_KEY(4, 7, 4),
    TLBI_VALE2 = TLBI_KEY(4, 7, 5),
    TLBI_VMALLS12E1 = TLBI_KEY(4, 7, 6),
};

/*
 * The TLB is not tagged by ASID or VMID: ASID and "all" operations flush
 * the regime's MMU indexes, VA ones the page (the softmmu flushes the
 * whole index if the page is inside a block it holds). Xt[43:0] is
 * VA[55:12]; the VA is sign-extended from bit 55.
 */
void arm_tlbi(CPUARMState *env, uint32_t key, uint64_t val)
{
    CPUState *cpu = &env->parent;
    const ARMSysOps *sys = env->sys;
    uint64_t va = (uint64_t)((int64_t)(val << 20) >> 8) & TARGET_PAGE_MASK;
    bool is = ((key >> 3) & 0xf) == 3;

    if (!sys) {
        return;
    }
    switch (key) {
    case TLBI_VMALLE1IS:
    case TLBI_ASIDE1IS:
    case TLBI_ALLE1IS:
    case TLBI_VMALLS12E1IS:
    case TLBI_VMALLE1:
    case TLBI_ASIDE1:
    case TLBI_ALLE1:
    case TLBI_VMALLS12E1:
        sys->tlb_flush_by_mmuidx(cpu, ARM_MMU_E10_MASK);
        break;
    case TLBI_VAE1IS:
    case TLBI_VAAE1IS:
    case TLBI_VALE1IS:
    case TLBI_VAALE1IS:
    case TLBI_VAE1:
    case TLBI_VAAE1:
    case TLBI_VALE1:
    case TLBI_VAALE1:
        sys->tlb_flush_page_by_mmuidx(cpu, va, ARM_MMU_E10_MASK);
        break;
    case TLBI_ALLE2IS:
    case TLBI_ALLE2:
        sys->tlb_flush_by_mmuidx(cpu, ARM_MMU_E2_MASK);
        break;
    case TLBI_VAE2IS:
    case TLBI_VALE2IS:
    case TLBI_VAE2:
    case TLBI_VALE2:
        sys->tlb_flush_page_by_mmuidx(cpu, va, ARM_MMU_E2_MASK);
        break;
    case TLBI_IPAS2E1IS:
    case TLBI_IPAS2LE1IS:
    case TLBI_IPAS2E1:
    case TLBI_IPAS2LE1:
        /* No stage 2: nothing is cached by IPA. */
        return;
    default:
        vemu_log_mask(LOG_UNIMP, "arm: TLBI op1=%u CRm=%u op2=%u\n",
                      (key >> 11) & 7, (key >> 3) & 0xf, key & 7);
        return;
    }
    if (is) {
        sys->tlb_flush_others(cpu);
    }
}
