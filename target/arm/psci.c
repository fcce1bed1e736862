/* SPDX-License-Identifier: MIT */
/*
 * PSCI 1.0 answered in place of firmware, for the HVC or SMC conduit:
 * the function id in x0, arguments in x1..x3, the result in x0.
 */
#include <inttypes.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/log.h"

/* Function ids: SMC32 (0x84000000 + n) and SMC64 (0xc4000000 + n). */
#define PSCI_FN32_BASE 0x84000000u
#define PSCI_FN64_BASE 0xc4000000u
#define PSCI_FN_COUNT 0x20u

enum {
    PSCI_VERSION = 0x00,
    PSCI_CPU_SUSPEND = 0x01,
    PSCI_CPU_OFF = 0x02,
    PSCI_CPU_ON = 0x03,
    PSCI_AFFINITY_INFO = 0x04,
    PSCI_MIGRATE = 0x05,
    PSCI_MIGRATE_INFO_TYPE = 0x06,
    PSCI_MIGRATE_INFO_UP_CPU = 0x07,
    PSCI_SYSTEM_OFF = 0x08,
    PSCI_SYSTEM_RESET = 0x09,
    PSCI_FEATURES = 0x0a,
};

/* Return codes. */
enum {
    PSCI_SUCCESS = 0,
    PSCI_NOT_SUPPORTED = -1,
    PSCI_INVALID_PARAMETERS = -2,
    PSCI_ALREADY_ON = -4,
    PSCI_INTERNAL_FAILURE = -6,
};

/* AFFINITY_INFO states. */
enum { AFF_ON = 0, AFF_OFF = 1 };

/* PSCI 1.0. */
#define PSCI_VERSION_1_0 0x10000
/* MIGRATE_INFO_TYPE: no Trusted OS, nothing to migrate. */
#define PSCI_TOS_NOT_PRESENT 2

/* Aff3 (39:32) and Aff2..Aff0 (23:0) of an MPIDR. */
#define MPIDR_AFF_MASK 0xff00ffffffull

/* Which forms of each function vemu implements: bit 0 SMC32, bit 1 SMC64. */
static const uint8_t psci_forms[PSCI_FN_COUNT] = {
    [PSCI_VERSION] = 1,
    [PSCI_CPU_SUSPEND] = 3,
    [PSCI_CPU_OFF] = 1,
    [PSCI_CPU_ON] = 3,
    [PSCI_AFFINITY_INFO] = 3,
    [PSCI_MIGRATE_INFO_TYPE] = 1,
    [PSCI_SYSTEM_OFF] = 1,
    [PSCI_SYSTEM_RESET] = 1,
    [PSCI_FEATURES] = 1,
};

/* Whether fid is a PSCI function id vemu implements. */
static bool psci_implemented(uint64_t fid)
{
    if (fid >= PSCI_FN32_BASE && fid < PSCI_FN32_BASE + PSCI_FN_COUNT) {
        return psci_forms[fid - PSCI_FN32_BASE] & 1;
    }
    if (fid >= PSCI_FN64_BASE && fid < PSCI_FN64_BASE + PSCI_FN_COUNT) {
        return (psci_forms[fid - PSCI_FN64_BASE] & 2) != 0;
    }
    return false;
}

/* The vCPU with this affinity, or NULL. */
static CPUARMState *psci_find_cpu(uint64_t mpidr)
{
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        CPUARMState *env = arm_env(cpu);

        if (cpu->target == &target_aarch64 && env->sys &&
            (env->mpidr & MPIDR_AFF_MASK) == (mpidr & MPIDR_AFF_MASK)) {
            return env;
        }
    }
    return NULL;
}

/* Stop this vCPU until an interrupt (or CPU_ON) wakes it; pc is already
 * past the HVC/SMC, like helper_a64_wfi. */
static __attribute__((noreturn)) void psci_halt(CPUARMState *env)
{
    CPUState *cpu = &env->parent;

    cpu->halted = true;
    cpu->exception_index = EXCP_HLT;
    cpu_loop_exit(cpu);
}

static int64_t psci_affinity_info(uint64_t mpidr, uint64_t level)
{
    CPUARMState *t;

    if (level != 0) {
        return PSCI_INVALID_PARAMETERS;
    }
    t = psci_find_cpu(mpidr);
    if (!t) {
        return PSCI_INVALID_PARAMETERS;
    }
    return __atomic_load_n(&t->powered_off, __ATOMIC_SEQ_CST) ? AFF_OFF
                                                               : AFF_ON;
}

bool arm_psci_call(CPUARMState *env)
{
    CPUState *cpu = &env->parent;
    uint64_t fid = env->xregs[0];
    bool is64 = fid >= PSCI_FN64_BASE;
    uint64_t a1 = env->xregs[1], a2 = env->xregs[2], a3 = env->xregs[3];
    unsigned fn;
    int64_t ret;

    /* EL0 may not call firmware: HVC/SMC stay UNDEFINED there. */
    if (env->el == 0) {
        return false;
    }
    if (!((fid >= PSCI_FN32_BASE && fid < PSCI_FN32_BASE + PSCI_FN_COUNT) ||
          (fid >= PSCI_FN64_BASE && fid < PSCI_FN64_BASE + PSCI_FN_COUNT))) {
        return false;
    }
    fn = (unsigned)(fid & (PSCI_FN_COUNT - 1));
    if (!is64) {
        /* SMC32 calls pass 32-bit arguments. */
        a1 = (uint32_t)a1;
        a2 = (uint32_t)a2;
        a3 = (uint32_t)a3;
    }
    vemu_log_mask(LOG_INT, "PSCI: cpu:%d fn 0x%08" PRIx64 " (0x%" PRIx64
                  ", 0x%" PRIx64 ", 0x%" PRIx64 ")\n", cpu->cpu_index, fid,
                  a1, a2, a3);
    if (!psci_implemented(fid)) {
        env->xregs[0] = (uint64_t)(int64_t)PSCI_NOT_SUPPORTED;
        return true;
    }
    switch (fn) {
    case PSCI_VERSION:
        ret = PSCI_VERSION_1_0;
        break;
    case PSCI_CPU_SUSPEND:
        /*
         * Every power state is a standby: return success, sleeping like
         * WFI first if nothing is pending (power-down states may return
         * this way too: the caller then resumes as from a standby).
         */
        env->xregs[0] = PSCI_SUCCESS;
        if (!arm_cpu_has_work(cpu)) {
            psci_halt(env);
        }
        return true;
    case PSCI_CPU_OFF:
        __atomic_store_n(&env->powered_off, true, __ATOMIC_SEQ_CST);
        psci_halt(env);
    case PSCI_CPU_ON:
        if (!env->sys || !env->sys->psci_cpu_on) {
            ret = PSCI_INTERNAL_FAILURE;
            break;
        }
        ret = env->sys->psci_cpu_on(cpu, a1, a2, a3);
        break;
    case PSCI_AFFINITY_INFO:
        ret = psci_affinity_info(a1, a2);
        break;
    case PSCI_MIGRATE_INFO_TYPE:
        ret = PSCI_TOS_NOT_PRESENT;
        break;
    case PSCI_SYSTEM_OFF:
    case PSCI_SYSTEM_RESET:
        if (env->sys) {
            void (*fn_req)(CPUState *) = fn == PSCI_SYSTEM_OFF
                                             ? env->sys->system_off
                                             : env->sys->system_reset;
            if (fn_req) {
                fn_req(cpu);
            }
        }
        /* Nothing more runs here until the machine resets. */
        __atomic_store_n(&env->powered_off, true, __ATOMIC_SEQ_CST);
        psci_halt(env);
    case PSCI_FEATURES:
        /* CPU_SUSPEND's flags are 0: original power_state format. */
        ret = psci_implemented(a1) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
        break;
    default:
        ret = PSCI_NOT_SUPPORTED;
        break;
    }
    env->xregs[0] = (uint64_t)ret;
    return true;
}
