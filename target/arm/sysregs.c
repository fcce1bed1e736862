/* SPDX-License-Identifier: MIT */
/*
 * System registers beyond the ones the translator inlines: MRS/MSR at
 * any EL (access rules, RES0/RES1 masks, side effects), the SYS space
 * (TLBI, AT, DC, IC) and MSR (immediate) to PSTATE fields.
 */
#include <inttypes.h>

#include <glib.h>

#include "target/arm/cpu.h"
#include "target/arm/helper.h"
#include "target/arm/internals.h"
#include "target/arm/sysregs.h"
#include "vemu/arm.h"
#include "vemu/log.h"

/* ---- masks of the registers stored as fields ---- */

/*
 * SCTLR_EL1, Armv8.0 without AArch32 or big-endian: M, A, C, SA, SA0,
 * UMA, I, DZE, UCT, nTWI, nTWE, WXN, UCI are writable; EOS, TSCXT, EIS,
 * SPAN, nTLSMD, LSMAOE are RES1 because their features are absent.
 */
#define SCTLR_EL1_WMASK 0x040dd21full
#define SCTLR_EL1_RES1 0x30d00800ull
#define SCTLR_UMA (1ull << 9)
#define SCTLR_DZE (1ull << 14)
#define SCTLR_UCI (1ull << 26)
/* SCTLR_EL2 without VHE: M, A, C, SA, I, WXN; the rest RES1/RES0. */
#define SCTLR_EL2_WMASK 0x0008100full
#define SCTLR_EL2_RES1 0x30c50830ull
/* TCR_EL1: T0SZ..TG1, IPS, AS, TBI0, TBI1 (no HA/HD, HPD, TBID, E0PD). */
#define TCR_EL1_WMASK 0x77ffffffbfull
/* TCR_EL2 without VHE: T0SZ, IRGN0, ORGN0, SH0, TG0, PS, TBI. */
#define TCR_EL2_WMASK 0x0017ff3full
#define TCR_EL2_RES1 0x80800000ull
/* TTBRn: ASID and BADDR; CnP is RES0 (no FEAT_TTCNP). */
#define TTBR_WMASK (~1ull)
/* TTBR0_EL2 without VHE has no ASID. */
#define TTBR_EL2_WMASK 0x0000fffffffffffeull
/* VTTBR_EL2: 8-bit VMID and BADDR. */
#define VTTBR_WMASK 0x00fffffffffffffeull
#define VTCR_WMASK 0x0007ffffull
#define VTCR_RES1 0x80000000ull
/* SPSR_ELx in AArch64 form: NZCV, SS, IL, DAIF, M[4:0]. */
#define SPSR_WMASK 0xf03003dfull
#define VBAR_WMASK (~0x7ffull)
/* CPACR_EL1: FPEN and TTA (no SVE/SME). */
#define CPACR_WMASK 0x10300000ull
/* CPTR_EL2 without VHE: TFP, TTA, TCPAC; bits 13:12 and 9:0 RES1. */
#define CPTR_WMASK ((1ull << 10) | (1ull << 20) | (1ull << 31))
#define CPTR_RES1 0x33ffull
/*
 * HCR_EL2: VM to ID (bits 0-33) are Armv8.0; E2H, TLOR and later bits
 * belong to absent features. RW is RAO/WI: EL1 is AArch64 only.
 */
#define HCR_WMASK 0x3ffffffffull
#define HCR_VM (1ull << 0)
#define HCR_VF (1ull << 6)
#define HCR_VI (1ull << 7)
#define HCR_VSE (1ull << 8)
#define HCR_DC (1ull << 12)
/* Bits that change how the EL1&0 regime translates. */
#define HCR_TLB_BITS (HCR_VM | HCR_DC | HCR_TGE)
#define MDCR_EL2_WMASK 0xfffull
#define HSTR_WMASK 0xbfefull
#define HPFAR_WMASK 0x00000ffffffffff0ull

#define ICC_PMR_EL1_KEY SYSREG(3, 0, 4, 6, 0)

/* ---- callbacks of the PSTATE and special registers ---- */

/* SP_EL0 as a register exists only while SP_ELx is the stack pointer. */
static bool access_sp_el0(CPUARMState *env, uint32_t key, bool write)
{
    return env->spsel != 0;
}

/* From EL2, SP_EL1 is never the current stack pointer. */
static uint64_t read_sp_el1(CPUARMState *env, uint32_t key)
{
    return env->sp_el[1];
}

static void write_sp_el1(CPUARMState *env, uint32_t key, uint64_t val)
{
    env->sp_el[1] = val;
}

static uint64_t read_spsel(CPUARMState *env, uint32_t key)
{
    return env->spsel;
}

static void write_spsel(CPUARMState *env, uint32_t key, uint64_t val)
{
    arm_switch_sp(env, env->el, val & PSTATE_SP);
}

static uint64_t read_current_el(CPUARMState *env, uint32_t key)
{
    return (uint64_t)env->el << PSTATE_EL_SHIFT;
}

/* EL0 reaches DAIF only when SCTLR_EL1.UMA allows. */
static bool access_daif(CPUARMState *env, uint32_t key, bool write)
{
    return env->el > 0 || (env->sctlr_el[1] & SCTLR_UMA);
}

static uint64_t read_daif(CPUARMState *env, uint32_t key)
{
    return env->daif & PSTATE_DAIF;
}

static void write_daif(CPUARMState *env, uint32_t key, uint64_t val)
{
    env->daif = val & PSTATE_DAIF;
    arm_irq_changed(env);
}

static bool access_pan(CPUARMState *env, uint32_t key, bool write)
{
    return arm_feature_pan(env);
}

static uint64_t read_pan(CPUARMState *env, uint32_t key)
{
    return env->pstate_pan & PSTATE_PAN;
}

static void write_pan(CPUARMState *env, uint32_t key, uint64_t val)
{
    env->pstate_pan = val & PSTATE_PAN;
}

/* EL0 may read TPIDRRO_EL0 (the translator does it inline), not write. */
static bool access_tpidrro(CPUARMState *env, uint32_t key, bool write)
{
    return !write || env->el > 0;
}

static bool line_up(CPUARMState *env, int line)
{
    return __atomic_load_n(&env->irq_lines, __ATOMIC_RELAXED) &
           (1u << line);
}

/*
 * ISR_EL1: pending IRQ/FIQ/SError. At EL1 an interrupt class routed to
 * EL2 (HCR_EL2.IMO/FMO/AMO) shows its virtual counterpart instead.
 */
static uint64_t read_isr(CPUARMState *env, uint32_t key)
{
    bool virt = env->el == 1 && env->has_el2 && !(env->hcr_el2 & HCR_TGE);
    uint64_t hcr = virt ? env->hcr_el2 : 0;
    uint64_t r = 0;

    if (hcr & HCR_IMO) {
        r |= (line_up(env, ARM_CPU_VIRQ) || (hcr & HCR_VI)) ? PSTATE_I : 0;
    } else {
        r |= line_up(env, ARM_CPU_IRQ) ? PSTATE_I : 0;
    }
    if (hcr & HCR_FMO) {
        r |= (line_up(env, ARM_CPU_VFIQ) || (hcr & HCR_VF)) ? PSTATE_F : 0;
    } else {
        r |= line_up(env, ARM_CPU_FIQ) ? PSTATE_F : 0;
    }
    if ((hcr & HCR_AMO) && (hcr & HCR_VSE)) {
        r |= PSTATE_A;
    }
    return r;
}

static void flush_tlb(CPUARMState *env, uint16_t idxmap)
{
    if (env->sys && env->sys->tlb_flush_by_mmuidx) {
        env->sys->tlb_flush_by_mmuidx(&env->parent, idxmap);
    }
}

/* With FEAT_PAN, SCTLR_EL1.SPAN is writable instead of RES1. */
#define SCTLR_SPAN (1ull << 23)

static void write_sctlr_el1(CPUARMState *env, uint32_t key, uint64_t val)
{
    uint64_t span = arm_feature_pan(env) ? SCTLR_SPAN : 0;
    uint64_t old = env->sctlr_el[1];

    env->sctlr_el[1] = (val & (SCTLR_EL1_WMASK | span)) |
                       (SCTLR_EL1_RES1 & ~span);
    if (env->sctlr_el[1] != old) {
        flush_tlb(env, ARM_MMU_E10_MASK);
    }
}

/*
 * TCR_EL1.E0PD0/E0PD1 (FEAT_E0PD, ID_AA64MMFR2_EL1 bits 63:60) exist
 * only when advertised. With them Linux needs no KPTI under KASLR, and
 * KPTI rewrites TTBR1_EL1 (so flushes the TLB) on every kernel entry.
 */
#define TCR_E0PD (3ull << 55)

static void write_tcr_el1(CPUARMState *env, uint32_t key, uint64_t val)
{
    uint64_t e0pd = (env->id_aa64mmfr2 >> 60) ? TCR_E0PD : 0;
    uint64_t old = env->tcr_el[1];

    env->tcr_el[1] = val & (TCR_EL1_WMASK | e0pd);
    if (env->tcr_el[1] != old) {
        flush_tlb(env, ARM_MMU_E10_MASK);
    }
}

/* SPSR_EL1 (op1 0) and SPSR_EL2 (op1 4): PSTATE.PAN only with FEAT_PAN. */
static void write_spsr(CPUARMState *env, uint32_t key, uint64_t val)
{
    uint64_t pan = arm_feature_pan(env) ? PSTATE_PAN : 0;

    env->spsr_el[SR_OP1(key) == 4 ? 2 : 1] = val & (SPSR_WMASK | pan);
}

/* HCR_EL2: the routing bits move interrupts, VM/DC/TGE the EL1&0 MMU. */
static void write_hcr(CPUARMState *env, uint32_t key, uint64_t val)
{
    uint64_t old = env->hcr_el2;

    env->hcr_el2 = (val & HCR_WMASK) | HCR_RW;
    if ((old ^ env->hcr_el2) & HCR_TLB_BITS) {
        flush_tlb(env, ARM_MMU_E10_MASK);
    }
    arm_irq_changed(env);
}

/* ---- the table ---- */

#define FIELD(n, k, el, fl, f, wm) \
    { .key = k, .name = n, .min_el = el, .flags = fl, \
      .offset = SR_FIELD(f), .wmask = wm }
#define FIELD1(n, k, el, fl, f, wm, r1) \
    { .key = k, .name = n, .min_el = el, .flags = fl, \
      .offset = SR_FIELD(f), .wmask = wm, .res1 = r1 }
#define CB(n, k, el, fl, acc, rd, wr) \
    { .key = k, .name = n, .min_el = el, .flags = fl, .access = acc, \
      .read = rd, .write = wr }
#define RAZ(n, k, el, fl) \
    { .key = k, .name = n, .min_el = el, .flags = fl }
/* The generic timer's registers: gtimer.c checks and does everything. */
#define GT(n, k, el, fl) \
    CB(n, k, el, fl, arm_gt_access, arm_gt_read, arm_gt_write)
#define ALL (~0ull)

const ARMSysReg arm_sysregs_main[] = {
    /* EL1 */
    { .key = SYSREG(3, 0, 1, 0, 0), .name = "SCTLR_EL1", .min_el = 1,
      .offset = SR_FIELD(sctlr_el[1]), .write = write_sctlr_el1 },
    FIELD("ACTLR_EL1", SYSREG(3, 0, 1, 0, 1), 1, 0, actlr_el[1], ALL),
    FIELD("CPACR_EL1", SYSREG(3, 0, 1, 0, 2), 1, 0, cpacr_el1, CPACR_WMASK),
    FIELD("TTBR0_EL1", SYSREG(3, 0, 2, 0, 0), 1, SR_FLUSH_E10, ttbr0_el[1],
          TTBR_WMASK),
    FIELD("TTBR1_EL1", SYSREG(3, 0, 2, 0, 1), 1, SR_FLUSH_E10, ttbr1_el[1],
          TTBR_WMASK),
    { .key = SYSREG(3, 0, 2, 0, 2), .name = "TCR_EL1", .min_el = 1,
      .offset = SR_FIELD(tcr_el[1]), .write = write_tcr_el1 },
    { .key = SYSREG(3, 0, 4, 0, 0), .name = "SPSR_EL1", .min_el = 1,
      .offset = SR_FIELD(spsr_el[1]), .write = write_spsr },
    FIELD("ELR_EL1", SYSREG(3, 0, 4, 0, 1), 1, SR_STORE, elr_el[1], ALL),
    { .key = SYSREG(3, 0, 4, 1, 0), .name = "SP_EL0", .min_el = 1,
      .flags = SR_STORE, .access = access_sp_el0,
      .offset = SR_FIELD(sp_el[0]), .wmask = ALL },
    CB("SPSel", SYSREG(3, 0, 4, 2, 0), 1, 0, NULL, read_spsel, write_spsel),
    CB("CurrentEL", SYSREG(3, 0, 4, 2, 2), 1, SR_RO, NULL, read_current_el,
       NULL),
    CB("PAN", SYSREG(3, 0, 4, 2, 3), 1, 0, access_pan, read_pan, write_pan),
    FIELD("AFSR0_EL1", SYSREG(3, 0, 5, 1, 0), 1, SR_STORE, afsr0_el[1],
          0xffffffffull),
    FIELD("AFSR1_EL1", SYSREG(3, 0, 5, 1, 1), 1, SR_STORE, afsr1_el[1],
          0xffffffffull),
    FIELD("ESR_EL1", SYSREG(3, 0, 5, 2, 0), 1, SR_STORE,
          esr_el[1], 0xffffffffull),
    FIELD("FAR_EL1", SYSREG(3, 0, 6, 0, 0), 1, SR_STORE, far_el[1], ALL),
    FIELD("PAR_EL1", SYSREG(3, 0, 7, 4, 0), 1, SR_STORE, par_el1, ALL),
    FIELD("MAIR_EL1", SYSREG(3, 0, 10, 2, 0), 1, SR_FLUSH_E10, mair_el[1],
          ALL),
    FIELD("AMAIR_EL1", SYSREG(3, 0, 10, 3, 0), 1, SR_STORE, amair_el[1], ALL),
    FIELD("VBAR_EL1", SYSREG(3, 0, 12, 0, 0), 1, SR_STORE,
          vbar_el[1], VBAR_WMASK),
    CB("ISR_EL1", SYSREG(3, 0, 12, 1, 0), 1, SR_RO, NULL, read_isr, NULL),
    FIELD("CONTEXTIDR_EL1", SYSREG(3, 0, 13, 0, 1), 1, SR_STORE,
          contextidr_el1, 0xffffffffull),
    FIELD("TPIDR_EL1", SYSREG(3, 0, 13, 0, 4), 1, SR_STORE, tpidr_el[1], ALL),
    GT("CNTKCTL_EL1", SYSREG(3, 0, 14, 1, 0), 1, 0),

    /* EL0 (the translator inlines most of them) */
    CB("DAIF", SYSREG(3, 3, 4, 2, 1), 0, 0, access_daif, read_daif,
       write_daif),
    FIELD("TPIDR_EL0", SYSREG(3, 3, 13, 0, 2), 0, SR_STORE, tpidr_el0, ALL),
    { .key = SYSREG(3, 3, 13, 0, 3), .name = "TPIDRRO_EL0", .min_el = 0,
      .access = access_tpidrro, .offset = SR_FIELD(tpidrro_el0),
      .wmask = ALL },
    GT("CNTFRQ_EL0", SYSREG(3, 3, 14, 0, 0), 0, 0),
    GT("CNTPCT_EL0", SYSREG(3, 3, 14, 0, 1), 0, SR_RO),
    GT("CNTVCT_EL0", SYSREG(3, 3, 14, 0, 2), 0, SR_RO),
    GT("CNTP_TVAL_EL0", SYSREG(3, 3, 14, 2, 0), 0, 0),
    GT("CNTP_CTL_EL0", SYSREG(3, 3, 14, 2, 1), 0, 0),
    GT("CNTP_CVAL_EL0", SYSREG(3, 3, 14, 2, 2), 0, 0),
    GT("CNTV_TVAL_EL0", SYSREG(3, 3, 14, 3, 0), 0, 0),
    GT("CNTV_CTL_EL0", SYSREG(3, 3, 14, 3, 1), 0, 0),
    GT("CNTV_CVAL_EL0", SYSREG(3, 3, 14, 3, 2), 0, 0),

    /* EL2 */
    FIELD1("SCTLR_EL2", SYSREG(3, 4, 1, 0, 0), 2, SR_EL2 | SR_FLUSH_E2,
           sctlr_el[2], SCTLR_EL2_WMASK, SCTLR_EL2_RES1),
    FIELD("ACTLR_EL2", SYSREG(3, 4, 1, 0, 1), 2, SR_EL2, actlr_el[2], ALL),
    { .key = SYSREG(3, 4, 1, 1, 0), .name = "HCR_EL2", .min_el = 2,
      .flags = SR_EL2, .offset = SR_FIELD(hcr_el2), .write = write_hcr },
    FIELD("MDCR_EL2", SYSREG(3, 4, 1, 1, 1), 2, SR_EL2, mdcr_el2,
          MDCR_EL2_WMASK),
    FIELD1("CPTR_EL2", SYSREG(3, 4, 1, 1, 2), 2, SR_EL2, cptr_el2, CPTR_WMASK,
           CPTR_RES1),
    FIELD("HSTR_EL2", SYSREG(3, 4, 1, 1, 3), 2, SR_EL2, hstr_el2, HSTR_WMASK),
    RAZ("HACR_EL2", SYSREG(3, 4, 1, 1, 7), 2, SR_EL2),
    FIELD("TTBR0_EL2", SYSREG(3, 4, 2, 0, 0), 2, SR_EL2 | SR_FLUSH_E2,
          ttbr0_el[2], TTBR_EL2_WMASK),
    FIELD1("TCR_EL2", SYSREG(3, 4, 2, 0, 2), 2, SR_EL2 | SR_FLUSH_E2,
           tcr_el[2], TCR_EL2_WMASK, TCR_EL2_RES1),
    FIELD("VTTBR_EL2", SYSREG(3, 4, 2, 1, 0), 2, SR_EL2 | SR_FLUSH_E10,
          vttbr_el2, VTTBR_WMASK),
    FIELD1("VTCR_EL2", SYSREG(3, 4, 2, 1, 2), 2, SR_EL2 | SR_FLUSH_E10,
           vtcr_el2, VTCR_WMASK, VTCR_RES1),
    { .key = SYSREG(3, 4, 4, 0, 0), .name = "SPSR_EL2", .min_el = 2,
      .flags = SR_EL2, .offset = SR_FIELD(spsr_el[2]), .write = write_spsr },
    FIELD("ELR_EL2", SYSREG(3, 4, 4, 0, 1), 2, SR_EL2 | SR_STORE,
          elr_el[2], ALL),
    CB("SP_EL1", SYSREG(3, 4, 4, 1, 0), 2, SR_EL2, NULL, read_sp_el1,
       write_sp_el1),
    FIELD("AFSR0_EL2", SYSREG(3, 4, 5, 1, 0), 2, SR_EL2, afsr0_el[2],
          0xffffffffull),
    FIELD("AFSR1_EL2", SYSREG(3, 4, 5, 1, 1), 2, SR_EL2, afsr1_el[2],
          0xffffffffull),
    FIELD("ESR_EL2", SYSREG(3, 4, 5, 2, 0), 2, SR_EL2 | SR_STORE, esr_el[2],
          0xffffffffull),
    FIELD("FAR_EL2", SYSREG(3, 4, 6, 0, 0), 2, SR_EL2 | SR_STORE,
          far_el[2], ALL),
    FIELD("HPFAR_EL2", SYSREG(3, 4, 6, 0, 4), 2, SR_EL2, hpfar_el2,
          HPFAR_WMASK),
    FIELD("MAIR_EL2", SYSREG(3, 4, 10, 2, 0), 2, SR_EL2 | SR_FLUSH_E2,
          mair_el[2], ALL),
    FIELD("AMAIR_EL2", SYSREG(3, 4, 10, 3, 0), 2, SR_EL2, amair_el[2], ALL),
    FIELD("VBAR_EL2", SYSREG(3, 4, 12, 0, 0), 2, SR_EL2 | SR_STORE, vbar_el[2],
          VBAR_WMASK),
    FIELD("TPIDR_EL2", SYSREG(3, 4, 13, 0, 2), 2, SR_EL2 | SR_STORE,
          tpidr_el[2], ALL),
    GT("CNTVOFF_EL2", SYSREG(3, 4, 14, 0, 3), 2, SR_EL2),
    GT("CNTHCTL_EL2", SYSREG(3, 4, 14, 1, 0), 2, SR_EL2),
    GT("CNTHP_TVAL_EL2", SYSREG(3, 4, 14, 2, 0), 2, SR_EL2),
    GT("CNTHP_CTL_EL2", SYSREG(3, 4, 14, 2, 1), 2, SR_EL2),
    GT("CNTHP_CVAL_EL2", SYSREG(3, 4, 14, 2, 2), 2, SR_EL2),
};
const size_t arm_sysregs_main_count =
    sizeof(arm_sysregs_main) / sizeof(arm_sysregs_main[0]);

/* ---- lookup ---- */

static GHashTable *sysreg_index;

static void index_add(const ARMSysReg *regs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_hash_table_insert(sysreg_index, GUINT_TO_POINTER(regs[i].key),
                            (gpointer)&regs[i]);
    }
}

const ARMSysReg *arm_sysreg_find(uint32_t key)
{
    static gsize once;
    const ARMSysReg *r;

    if (g_once_init_enter(&once)) {
        sysreg_index = g_hash_table_new(NULL, NULL);
        index_add(arm_sysregs_main, arm_sysregs_main_count);
        index_add(arm_sysregs_id, arm_sysregs_id_count);
        g_once_init_leave(&once, 1);
    }
    r = g_hash_table_lookup(sysreg_index, GUINT_TO_POINTER(key));
    return r ? r : arm_sysreg_find_pattern(key);
}

/* ---- access ---- */

static __attribute__((noreturn))
void sysreg_undef(CPUARMState *env, const char *what, uint32_t key,
                  uintptr_t ra)
{
    vemu_log_mask(LOG_GUEST_ERROR,
                  "%s S%u_%u_C%u_C%u_%u at EL%d: UNDEFINED (pc %#" PRIx64
                  ")\n", what, SR_OP0(key), SR_OP1(key), SR_CRN(key),
                  SR_CRM(key), SR_OP2(key), env->el, env->pc);
    arm_raise_exception(env, ARM_EXCP_UDEF, 0, ra);
}

/*
 * The GICv3 CPU interface: ICC_PMR_EL1 and op0 3, CRn 12, CRm 8-15
 * (ICC_*_EL1 with op1 0, ICH_* and ICC_SRE_EL2 with op1 4).
 */
static bool is_gic_key(uint32_t key)
{
    return key == ICC_PMR_EL1_KEY ||
           (SR_OP0(key) == 3 && SR_CRN(key) == 12 && SR_CRM(key) >= 8);
}

static bool gic_access_ok(CPUARMState *env, uint32_t key)
{
    if (!env->sys) {
        return false;
    }
    switch (SR_OP1(key)) {
    case 0:
        return env->el >= 1;
    case 4:
        return env->el >= 2 && env->has_el2;
    default:
        return false;           /* ICC_*_EL3: no EL3 */
    }
}

/* The register, if the current state may access it that way. */
static const ARMSysReg *sysreg_check(CPUARMState *env, uint32_t key,
                                     bool write)
{
    const ARMSysReg *r = arm_sysreg_find(key);

    if (!r) {
        vemu_log_mask(LOG_UNIMP, "sysreg S%u_%u_C%u_C%u_%u not implemented\n",
                      SR_OP0(key), SR_OP1(key), SR_CRN(key), SR_CRM(key),
                      SR_OP2(key));
        return NULL;
    }
    if (env->el < r->min_el || ((r->flags & SR_EL2) && !env->has_el2)) {
        return NULL;
    }
    if ((write && (r->flags & SR_RO)) || (!write && (r->flags & SR_WO))) {
        return NULL;
    }
    if (r->access && !r->access(env, key, write)) {
        return NULL;
    }
    return r;
}

/*
 * What sysreg_check decides from the EL and PSTATE.SP alone, for the
 * translator (see internals.h). Any other access callback needs state
 * the TB does not fix, so the helper runs.
 */
bool arm_sysreg_move(uint32_t key, bool write, int el, bool has_el2,
                     bool spsel, ARMSysRegMove *m)
{
    const ARMSysReg *r;

    if (is_gic_key(key)) {
        return false;
    }
    r = arm_sysreg_find(key);
    if (!r || el < r->min_el || ((r->flags & SR_EL2) && !has_el2) ||
        (write && (r->flags & SR_RO)) || (!write && (r->flags & SR_WO))) {
        return false;
    }
    if (r->access == access_daif && !write && el > 0) {
        /* DAIF reads at EL1/EL2: the PSTATE bits as they are. */
        *m = (ARMSysRegMove){ .offset = SR_FIELD(daif), .is32 = true,
                              .rmask = PSTATE_DAIF };
        return true;
    }
    if (r->access && !(r->access == access_sp_el0 && spsel)) {
        return false;
    }
    if (!r->offset || (write ? r->write || !(r->flags & SR_STORE)
                             : r->read != NULL)) {
        return false;
    }
    *m = (ARMSysRegMove){ .offset = r->offset, .rmask = ~0ull,
                          .wmask = r->wmask, .res1 = r->res1 };
    return true;
}

static uint64_t *sysreg_field(CPUARMState *env, const ARMSysReg *r)
{
    return (uint64_t *)((char *)env + r->offset);
}

uint64_t arm_sysreg_read(CPUARMState *env, uint32_t key, uintptr_t ra)
{
    const ARMSysReg *r;
    uint64_t val = 0;

    if (is_gic_key(key)) {
        if (!gic_access_ok(env, key) || !env->sys->gicv3_read ||
            !env->sys->gicv3_read(&env->parent, key, &val)) {
            sysreg_undef(env, "MRS", key, ra);
        }
        return val;
    }
    r = sysreg_check(env, key, false);
    if (!r) {
        sysreg_undef(env, "MRS", key, ra);
    }
    if (r->read) {
        return r->read(env, key);
    }
    return r->offset ? *sysreg_field(env, r) : 0;
}

void arm_sysreg_write(CPUARMState *env, uint32_t key, uint64_t val,
                      uintptr_t ra)
{
    const ARMSysReg *r;
    uint64_t *p, old;

    if (is_gic_key(key)) {
        if (!gic_access_ok(env, key) || !env->sys->gicv3_write ||
            !env->sys->gicv3_write(&env->parent, key, val)) {
            sysreg_undef(env, "MSR", key, ra);
        }
        return;
    }
    r = sysreg_check(env, key, true);
    if (!r) {
        sysreg_undef(env, "MSR", key, ra);
    }
    if (r->write) {
        r->write(env, key, val);
        return;
    }
    if (!r->offset) {
        return;                 /* WI */
    }
    p = sysreg_field(env, r);
    old = *p;
    *p = (val & r->wmask) | r->res1;
    /* The softmmu TLB is not tagged by ASID/VMID: drop the regime's. */
    if (*p != old && (r->flags & SR_FLUSH_E10)) {
        flush_tlb(env, ARM_MMU_E10_MASK);
    }
    if (*p != old && (r->flags & SR_FLUSH_E2)) {
        flush_tlb(env, ARM_MMU_E2_MASK);
    }
}

/* ---- SYS: TLBI, AT, DC, IC ---- */

/* The TLBI ops of Armv8.0 (no range or outer-shareable forms). */
static bool tlbi_ok(CPUARMState *env, unsigned op1, unsigned crm,
                    unsigned op2)
{
    if (env->el == 0) {
        return false;
    }
    if (op1 == 0) {
        /* VMALLE1, VAE1, ASIDE1, VAAE1, VALE1, VAALE1 (IS at CRm 3). */
        return (crm == 3 || crm == 7) && op2 != 4 && op2 != 6;
    }
    if (op1 != 4 || env->el < 2 || !env->has_el2) {
        return false;
    }
    if (crm == 0 || crm == 4) {
        return op2 == 1 || op2 == 5;        /* IPAS2E1, IPAS2LE1 */
    }
    if (crm == 3 || crm == 7) {
        /* ALLE2, VAE2, ALLE1, VALE2, VMALLS12E1 */
        return op2 == 0 || op2 == 1 || op2 == 4 || op2 == 5 || op2 == 6;
    }
    return false;
}

/* AT: translate va in the regime the op names; PAR_EL1 gets the result. */
static void sys_at(CPUARMState *env, unsigned op1, unsigned op2,
                   uint64_t va)
{
    static const int e1_idx[4] = {
        ARM_MMU_E10_1, ARM_MMU_E10_1, ARM_MMU_E10_0, ARM_MMU_E10_0,
    };
    int idx = op1 == 4 && op2 < 4 ? ARM_MMU_E2 : e1_idx[op2 & 3];

    env->par_el1 = arm_at_translate(env, va, idx, op2 & 1);
}

/*
 * Cache maintenance EL0 may issue when SCTLR_EL1 allows (the translator
 * normally handles EL0's itself). There are no caches to maintain.
 */
static bool sys_el0_cache_ok(CPUARMState *env, unsigned crm)
{
    if (env->el > 0) {
        return true;
    }
    return (env->sctlr_el[1] & (crm == 4 ? SCTLR_DZE : SCTLR_UCI)) != 0;
}

/* The ops of CRn 7; false: UNDEFINED. */
static bool sys_crn7(CPUARMState *env, unsigned op1, unsigned crm,
                     unsigned op2, uint64_t val)
{
    switch (op1 << 8 | crm << 4 | op2) {
    case 0x010:                 /* IC IALLUIS */
    case 0x050:                 /* IC IALLU */
    case 0x061:                 /* DC IVAC */
    case 0x062:                 /* DC ISW */
    case 0x0a2:                 /* DC CSW */
    case 0x0e2:                 /* DC CISW */
        /* Stores to code already invalidate translated blocks. */
        return env->el >= 1;
    case 0x080: case 0x081: case 0x082: case 0x083:
        /* AT S1E1R, S1E1W, S1E0R, S1E0W */
        if (env->el < 1) {
            return false;
        }
        sys_at(env, op1, op2, val);
        return true;
    case 0x341:                 /* DC ZVA */
        if (!sys_el0_cache_ok(env, crm)) {
            return false;
        }
        helper_a64_dc_zva(env, val);
        return true;
    case 0x3c1:                 /* DC CVAP: FEAT_DPB */
        if ((env->id_aa64isar1 & 15) == 0) {
            return false;
        }
        return sys_el0_cache_ok(env, crm);
    case 0x351:                 /* IC IVAU */
    case 0x3a1:                 /* DC CVAC */
    case 0x3b1:                 /* DC CVAU */
    case 0x3e1:                 /* DC CIVAC */
        return sys_el0_cache_ok(env, crm);
    case 0x480: case 0x481:     /* AT S1E2R, S1E2W */
    case 0x484: case 0x485:     /* AT S12E1R, S12E1W */
    case 0x486: case 0x487:     /* AT S12E0R, S12E0W */
        /* Stage 2 is the MMU's business: it sees HCR_EL2/VTTBR_EL2. */
        if (env->el < 2 || !env->has_el2) {
            return false;
        }
        sys_at(env, op1, op2, val);
        return true;
    default:
        return false;
    }
}

void arm_sysreg_sys(CPUARMState *env, uint32_t key, uint64_t val,
                    uintptr_t ra)
{
    unsigned op1 = SR_OP1(key), crn = SR_CRN(key);
    unsigned crm = SR_CRM(key), op2 = SR_OP2(key);

    if (SR_OP0(key) == 1 && crn == 8 && tlbi_ok(env, op1, crm, op2)) {
        arm_tlbi(env, key, val);
        return;
    }
    if (SR_OP0(key) == 1 && crn == 7 && sys_crn7(env, op1, crm, op2, val)) {
        return;
    }
    sysreg_undef(env, "SYS", key, ra);
}

/* ---- MSR (immediate) ---- */

void arm_msr_imm(CPUARMState *env, uint32_t op1, uint32_t op2, uint32_t imm,
                 uintptr_t ra)
{
    switch (op1 << 3 | op2) {
    case 0 << 3 | 5:            /* SPSel */
        if (env->el == 0) {
            break;
        }
        arm_switch_sp(env, env->el, imm & PSTATE_SP);
        return;
    case 3 << 3 | 6:            /* DAIFSet */
    case 3 << 3 | 7:            /* DAIFClr */
        if (!access_daif(env, 0, true)) {
            break;
        }
        if (op2 == 6) {
            env->daif |= (imm & 15) << 6;
        } else {
            env->daif &= ~((imm & 15) << 6);
        }
        arm_irq_changed(env);
        return;
    case 0 << 3 | 4:            /* PAN */
        if (env->el == 0 || !arm_feature_pan(env)) {
            break;
        }
        env->pstate_pan = (imm & 1) ? PSTATE_PAN : 0;
        return;
    default:
        break;
    }
    vemu_log_mask(LOG_GUEST_ERROR,
                  "MSR (immediate) op1 %u op2 %u at EL%d: UNDEFINED\n",
                  op1, op2, env->el);
    arm_raise_exception(env, ARM_EXCP_UDEF, 0, ra);
}
