/* SPDX-License-Identifier: MIT */
/* Identification, cache-geometry and debug system registers (EL1/EL2). */
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "target/arm/sysregs.h"

/* ID_AA64PFR0_EL1 fields this file sets from the machine. */
#define PFR0_EL2_SHIFT 8
#define PFR0_EL3_SHIFT 12
/*
 * When the CPU model leaves ID_AA64PFR0 at 0: EL0 and EL1 AArch64 only,
 * FP and AdvSIMD without half precision, and CSV2/CSV3 (no speculation
 * to leak through, so Linux needs neither KPTI nor branch hardening).
 */
#define PFR0_DEFAULT (0x11ull | 1ull << 56 | 1ull << 60)

/*
 * ID_AA64DFR0_EL1: Armv8.0 debug, 2 breakpoints (one context-aware) and
 * 2 watchpoints, OS Double Lock. The fields kept from a model's value
 * are the ones implemented here; PMU, SPE, trace and BRBE are absent.
 */
#define DFR0_DEFAULT 0x00101006ull
#define DFR0_KEEP 0xf0f0f0f00full
#define DFR0_BRPS(v) ((((v) >> 12) & 15) + 1)
#define DFR0_WRPS(v) ((((v) >> 20) & 15) + 1)

/* CLIDR when the model sets none: L1 I + D, L2 unified, LoUU 1, LoC 2. */
#define CLIDR_DEFAULT 0x0a200023ull

static uint64_t set_field(uint64_t v, unsigned shift, uint64_t field)
{
    return (v & ~(15ull << shift)) | (field << shift);
}

/*
 * The model's value (cpu_sys.c also sets the GIC field when a GICv3 is
 * attached), with EL2 as the machine has it and never EL3.
 */
uint64_t arm_id_aa64pfr0(CPUARMState *env)
{
    uint64_t v = env->id_aa64pfr0 ? env->id_aa64pfr0 : PFR0_DEFAULT;

    v = set_field(v, PFR0_EL2_SHIFT, env->has_el2 ? 1 : 0);
    return set_field(v, PFR0_EL3_SHIFT, 0);
}

uint64_t arm_id_aa64dfr0(CPUARMState *env)
{
    uint64_t v = env->id_aa64dfr0 ? env->id_aa64dfr0 : DFR0_DEFAULT;

    return v & DFR0_KEEP;
}

bool arm_feature_pan(CPUARMState *env)
{
    return ((env->id_aa64mmfr1 >> 20) & 15) != 0;
}

/* ---- identification ---- */

/* EL1 under an EL2 sees the virtualised MIDR/MPIDR, as hardware does. */
static uint64_t read_midr(CPUARMState *env, uint32_t key)
{
    return env->el == 1 && env->has_el2 ? env->vpidr_el2 : env->midr;
}

static uint64_t read_mpidr(CPUARMState *env, uint32_t key)
{
    return env->el == 1 && env->has_el2 ? env->vmpidr_el2 : env->mpidr;
}

static uint64_t read_revidr(CPUARMState *env, uint32_t key)
{
    return env->revidr;
}

static uint64_t read_pfr0(CPUARMState *env, uint32_t key)
{
    return arm_id_aa64pfr0(env);
}

static uint64_t read_dfr0(CPUARMState *env, uint32_t key)
{
    return arm_id_aa64dfr0(env);
}

static uint64_t read_isar0(CPUARMState *env, uint32_t key)
{
    return env->id_aa64isar0;
}

static uint64_t read_isar1(CPUARMState *env, uint32_t key)
{
    return env->id_aa64isar1;
}

static uint64_t read_mmfr0(CPUARMState *env, uint32_t key)
{
    return env->id_aa64mmfr0;
}

static uint64_t read_mmfr1(CPUARMState *env, uint32_t key)
{
    return env->id_aa64mmfr1;
}

static uint64_t read_mmfr2(CPUARMState *env, uint32_t key)
{
    return env->id_aa64mmfr2;
}

/* The translator answers CTR_EL0 with ARM_CTR_EL0 inline: agree. */
static uint64_t read_ctr(CPUARMState *env, uint32_t key)
{
    return env->ctr ? env->ctr : ARM_CTR_EL0;
}

static uint64_t read_dczid(CPUARMState *env, uint32_t key)
{
    return ARM_DCZID_EL0;
}

/* ---- caches ---- */

static uint64_t clidr(CPUARMState *env)
{
    return env->clidr ? env->clidr : CLIDR_DEFAULT;
}

static uint64_t read_clidr(CPUARMState *env, uint32_t key)
{
    return clidr(env);
}

/* CCSIDR_EL1 (32-bit format): flags, NumSets-1, Associativity-1, LineSize. */
static uint64_t ccsidr(unsigned flags, unsigned kib, unsigned ways)
{
    unsigned sets = kib * 1024 / (ways * 64);

    /* LineSize is log2(words per line) - 2: 64-byte lines give 2. */
    return (uint64_t)flags << 28 | (uint64_t)(sets - 1) << 13 |
           (ways - 1) << 3 | 2;
}

/*
 * The cache CSSELR_EL1 selects, with Cortex-A57-like sizes: 32 KiB
 * 2-way L1D, 48 KiB 3-way L1I, 2 MiB 16-way L2. A level or type CLIDR
 * does not show reads 0 (the architecture says UNKNOWN).
 */
static uint64_t read_ccsidr(CPUARMState *env, uint32_t key)
{
    unsigned level = (env->csselr_el1 >> 1) & 7;
    bool icache = env->csselr_el1 & 1;
    unsigned ctype = level < 7 ? (clidr(env) >> (3 * level)) & 7 : 0;

    if (level == 0 && icache && (ctype == 1 || ctype == 3)) {
        return ccsidr(0x2, 48, 3);
    }
    if (level == 0 && !icache && ctype >= 2 && ctype <= 4) {
        return ccsidr(0x7, 32, 2);
    }
    if (level == 1 && !icache && ctype == 4) {
        return ccsidr(0x7, 2048, 16);
    }
    return 0;
}

/* ---- debug ---- */

/* OSLSR_EL1: OSLM = 0b10 (the OS lock is implemented), and OSLK. */
static uint64_t read_oslsr(CPUARMState *env, uint32_t key)
{
    return (1u << 3) | (env->oslsr_el1 & 2);
}

static void write_oslar(CPUARMState *env, uint32_t key, uint64_t val)
{
    env->oslsr_el1 = (env->oslsr_el1 & ~2ull) | ((val & 1) << 1);
}

/* The n of DBGBVR<n>_EL1 and friends must exist (DFR0.BRPs/WRPs). */
static bool access_dbg_bp(CPUARMState *env, uint32_t key, bool write)
{
    return SR_CRM(key) < DFR0_BRPS(arm_id_aa64dfr0(env));
}

static bool access_dbg_wp(CPUARMState *env, uint32_t key, bool write)
{
    return SR_CRM(key) < DFR0_WRPS(arm_id_aa64dfr0(env));
}

/*
 * DBGBCR: BT, LBN, SSC, HMC, BAS, PMC, E. DBGWCR: MASK, WT, LBN, SSC,
 * HMC, BAS, LSC, PAC, E. The value registers are word aligned.
 */
#define DBGBCR_MASK 0x00ffe1e7ull
#define DBGWCR_MASK 0x1f1fffffull
#define DBGVR_MASK (~3ull)

static uint64_t *dbg_reg(CPUARMState *env, uint32_t key)
{
    unsigned n = SR_CRM(key);

    switch (SR_OP2(key)) {
    case 4:
        return &env->dbgbvr[n];
    case 5:
        return &env->dbgbcr[n];
    case 6:
        return &env->dbgwvr[n];
    default:
        return &env->dbgwcr[n];
    }
}

static uint64_t read_dbg(CPUARMState *env, uint32_t key)
{
    return *dbg_reg(env, key);
}

static void write_dbg(CPUARMState *env, uint32_t key, uint64_t val)
{
    static const uint64_t masks[4] = {
        DBGVR_MASK, DBGBCR_MASK, DBGVR_MASK, DBGWCR_MASK,
    };

    *dbg_reg(env, key) = val & masks[SR_OP2(key) - 4];
}

/* MDSCR_EL1: SS, ERR, TDCC, KDE, HDE, MDE, TDA, INTdis. */
#define MDSCR_MASK 0x00e0f041ull

#define ID(n, k, fn) \
    { .key = k, .name = n, .min_el = 1, .flags = SR_RO, .read = fn }
#define RAZ(n, k, el, fl) \
    { .key = k, .name = n, .min_el = el, .flags = fl }
#define FIELD(n, k, el, fl, f, wm) \
    { .key = k, .name = n, .min_el = el, .flags = fl, \
      .offset = SR_FIELD(f), .wmask = wm }

const ARMSysReg arm_sysregs_id[] = {
    ID("MIDR_EL1", SYSREG(3, 0, 0, 0, 0), read_midr),
    ID("MPIDR_EL1", SYSREG(3, 0, 0, 0, 5), read_mpidr),
    ID("REVIDR_EL1", SYSREG(3, 0, 0, 0, 6), read_revidr),
    ID("ID_AA64PFR0_EL1", SYSREG(3, 0, 0, 4, 0), read_pfr0),
    ID("ID_AA64DFR0_EL1", SYSREG(3, 0, 0, 5, 0), read_dfr0),
    ID("ID_AA64ISAR0_EL1", SYSREG(3, 0, 0, 6, 0), read_isar0),
    ID("ID_AA64ISAR1_EL1", SYSREG(3, 0, 0, 6, 1), read_isar1),
    ID("ID_AA64MMFR0_EL1", SYSREG(3, 0, 0, 7, 0), read_mmfr0),
    ID("ID_AA64MMFR1_EL1", SYSREG(3, 0, 0, 7, 1), read_mmfr1),
    ID("ID_AA64MMFR2_EL1", SYSREG(3, 0, 0, 7, 2), read_mmfr2),
    ID("CCSIDR_EL1", SYSREG(3, 1, 0, 0, 0), read_ccsidr),
    ID("CLIDR_EL1", SYSREG(3, 1, 0, 0, 1), read_clidr),
    RAZ("AIDR_EL1", SYSREG(3, 1, 0, 0, 7), 1, SR_RO),
    FIELD("CSSELR_EL1", SYSREG(3, 2, 0, 0, 0), 1, 0, csselr_el1, 0xf),
    { .key = SYSREG(3, 3, 0, 0, 1), .name = "CTR_EL0", .min_el = 0,
      .flags = SR_RO, .read = read_ctr },
    { .key = SYSREG(3, 3, 0, 0, 7), .name = "DCZID_EL0", .min_el = 0,
      .flags = SR_RO, .read = read_dczid },
    FIELD("VPIDR_EL2", SYSREG(3, 4, 0, 0, 0), 2, SR_EL2, vpidr_el2,
          0xffffffffull),
    { .key = SYSREG(3, 4, 0, 0, 5), .name = "VMPIDR_EL2", .min_el = 2,
      .flags = SR_EL2, .offset = SR_FIELD(vmpidr_el2),
      .wmask = 0xff41ffffffull, .res1 = 1ull << 31 },

    /* Debug: the OS lock, DCC (no debugger: empty) and claim tags. */
    RAZ("OSDTRRX_EL1", SYSREG(2, 0, 0, 0, 2), 1, 0),
    FIELD("MDCCINT_EL1", SYSREG(2, 0, 0, 2, 0), 1, 0, mdccint_el1,
          0x60000000ull),
    FIELD("MDSCR_EL1", SYSREG(2, 0, 0, 2, 2), 1, 0, mdscr_el1, MDSCR_MASK),
    RAZ("OSDTRTX_EL1", SYSREG(2, 0, 0, 3, 2), 1, 0),
    RAZ("OSECCR_EL1", SYSREG(2, 0, 0, 6, 2), 1, 0),
    RAZ("MDRAR_EL1", SYSREG(2, 0, 1, 0, 0), 1, SR_RO),
    { .key = SYSREG(2, 0, 1, 0, 4), .name = "OSLAR_EL1", .min_el = 1,
      .flags = SR_WO, .write = write_oslar },
    { .key = SYSREG(2, 0, 1, 1, 4), .name = "OSLSR_EL1", .min_el = 1,
      .flags = SR_RO, .read = read_oslsr },
    FIELD("OSDLR_EL1", SYSREG(2, 0, 1, 3, 4), 1, 0, osdlr_el1, 1),
    RAZ("DBGPRCR_EL1", SYSREG(2, 0, 1, 4, 4), 1, 0),
    RAZ("DBGCLAIMSET_EL1", SYSREG(2, 0, 7, 8, 6), 1, 0),
    RAZ("DBGCLAIMCLR_EL1", SYSREG(2, 0, 7, 9, 6), 1, 0),
    RAZ("DBGAUTHSTATUS_EL1", SYSREG(2, 0, 7, 14, 6), 1, SR_RO),
    RAZ("MDCCSR_EL0", SYSREG(2, 3, 0, 1, 0), 1, SR_RO),
    RAZ("DBGDTR_EL0", SYSREG(2, 3, 0, 4, 0), 1, 0),
    RAZ("DBGDTRRX_EL0", SYSREG(2, 3, 0, 5, 0), 1, 0),
};
const size_t arm_sysregs_id_count =
    sizeof(arm_sysregs_id) / sizeof(arm_sysregs_id[0]);

/* The unallocated rest of op0 3, op1 0, CRn 0, CRm 1-7: RAZ at EL1. */
static const ARMSysReg sr_id_raz = RAZ("ID_RAZ", 0, 1, SR_RO);

static const ARMSysReg sr_dbg[4] = {
    { .name = "DBGBVR<n>_EL1", .min_el = 1, .access = access_dbg_bp,
      .read = read_dbg, .write = write_dbg },
    { .name = "DBGBCR<n>_EL1", .min_el = 1, .access = access_dbg_bp,
      .read = read_dbg, .write = write_dbg },
    { .name = "DBGWVR<n>_EL1", .min_el = 1, .access = access_dbg_wp,
      .read = read_dbg, .write = write_dbg },
    { .name = "DBGWCR<n>_EL1", .min_el = 1, .access = access_dbg_wp,
      .read = read_dbg, .write = write_dbg },
};

const ARMSysReg *arm_sysreg_find_pattern(uint32_t key)
{
    unsigned op0 = SR_OP0(key), op1 = SR_OP1(key), crn = SR_CRN(key);
    unsigned crm = SR_CRM(key), op2 = SR_OP2(key);

    if (op0 == 3 && op1 == 0 && crn == 0 && crm >= 1) {
        /* ID_PFR0..., ID_AA64ZFR0, ISAR2...: reserved space reads 0. */
        return &sr_id_raz;
    }
    if (op0 == 2 && op1 == 0 && crn == 0 && op2 >= 4) {
        return &sr_dbg[op2 - 4];
    }
    return NULL;
}
