/* SPDX-License-Identifier: MIT */
/* The system register table shared by sysregs.c and sysregs-id.c. */
#ifndef TARGET_ARM_SYSREGS_H
#define TARGET_ARM_SYSREGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target/arm/cpu.h"

/*
 * One register MRS/MSR can name. The generic path checks min_el and the
 * flags, calls access() for any finer rule, then either calls read/write
 * or moves the uint64_t field at offset (writes keep wmask bits and force
 * res1). With neither a field nor callbacks the register is RAZ/WI.
 */
typedef struct ARMSysReg ARMSysReg;
struct ARMSysReg {
    uint32_t key;               /* SYSREG(op0, op1, CRn, CRm, op2) */
    const char *name;
    uint8_t min_el;             /* lowest EL that may access it */
    uint16_t flags;             /* SR_* */
    size_t offset;              /* uint64_t field in CPUARMState, or 0 */
    uint64_t wmask;             /* writable bits of the field */
    uint64_t res1;              /* bits that always read as 1 */
    /*
     * The callbacks get the key MRS/MSR named (a pattern entry stands for
     * several). access: false means UNDEFINED in the current state.
     */
    bool (*access)(CPUARMState *env, uint32_t key, bool write);
    uint64_t (*read)(CPUARMState *env, uint32_t key);
    void (*write)(CPUARMState *env, uint32_t key, uint64_t val);
};

enum {
    SR_RO = 1 << 0,             /* MSR is UNDEFINED */
    SR_WO = 1 << 1,             /* MRS is UNDEFINED */
    SR_EL2 = 1 << 2,            /* UNDEFINED without EL2 */
    SR_FLUSH_E10 = 1 << 3,      /* a change flushes the EL1&0 TLBs */
    SR_FLUSH_E2 = 1 << 4,       /* a change flushes the EL2 TLB */
    /*
     * MSR only stores the field: nothing the TB flags or the main loop
     * look at depends on it, so translated code stores it in place and
     * goes on (MRS of any plain field is done in place anyway).
     */
    SR_STORE = 1 << 5,
};

/* Field offset for the table initialisers. */
#define SR_FIELD(f) offsetof(CPUARMState, f)

/* The key's fields. */
#define SR_OP0(k) (((k) >> 14) & 3)
#define SR_OP1(k) (((k) >> 11) & 7)
#define SR_CRN(k) (((k) >> 7) & 15)
#define SR_CRM(k) (((k) >> 3) & 15)
#define SR_OP2(k) ((k) & 7)

/* sysregs.c: the control, PSTATE and timer registers. */
extern const ARMSysReg arm_sysregs_main[];
extern const size_t arm_sysregs_main_count;
/* sysregs-id.c: identification, cache and debug registers. */
extern const ARMSysReg arm_sysregs_id[];
extern const size_t arm_sysregs_id_count;
/*
 * Registers found by pattern rather than by table: the reserved ID space
 * (RAZ) and the breakpoint/watchpoint registers; NULL if key is neither.
 */
const ARMSysReg *arm_sysreg_find_pattern(uint32_t key);

/*
 * The register key names (table or pattern), NULL if none; the GICv3
 * CPU interface registers are not in the table (see sysregs.c).
 */
const ARMSysReg *arm_sysreg_find(uint32_t key);

/* ID register values as MRS shows them (env fields, sanitised). */
uint64_t arm_id_aa64pfr0(CPUARMState *env);
uint64_t arm_id_aa64dfr0(CPUARMState *env);
/* FEAT_PAN advertised (ID_AA64MMFR1_EL1.PAN): MSR PAN exists. */
bool arm_feature_pan(CPUARMState *env);

#endif
