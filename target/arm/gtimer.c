/* SPDX-License-Identifier: MIT */
/*
 * The generic timer: the counters, the EL1 physical, virtual and EL2
 * physical timers (compare value, TVAL, control, output line) and the
 * controls of EL0/EL1 access (CNTKCTL_EL1, CNTHCTL_EL2, CNTVOFF_EL2).
 * The host side (a vemu Timer per gt[n], the PPI) is in cpu_sys.c,
 * reached through ARMSysOps.
 */
#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/log.h"

enum {
    GT_CTL_ENABLE = 1,
    GT_CTL_IMASK = 2,
    GT_CTL_ISTATUS = 4,
};

/* CNTKCTL_EL1 bits gating EL0 (and the event stream, kept but unused). */
#define CNTKCTL_EL0PCTEN (1u << 0)
#define CNTKCTL_EL0VCTEN (1u << 1)
#define CNTKCTL_EL0VTEN (1u << 8)
#define CNTKCTL_EL0PTEN (1u << 9)
#define CNTKCTL_MASK 0x3ffull
/* CNTHCTL_EL2 without VHE: EL1PCTEN, EL1PCEN, EVNTEN, EVNTDIR, EVNTI. */
#define CNTHCTL_MASK 0xffull

enum {
    KEY_CNTFRQ = SYSREG(3, 3, 14, 0, 0),
    KEY_CNTPCT = SYSREG(3, 3, 14, 0, 1),
    KEY_CNTVCT = SYSREG(3, 3, 14, 0, 2),
    KEY_CNTKCTL = SYSREG(3, 0, 14, 1, 0),
    KEY_CNTVOFF = SYSREG(3, 4, 14, 0, 3),
    KEY_CNTHCTL = SYSREG(3, 4, 14, 1, 0),
    /* Timer registers: CRm 2 (physical) or 3 (virtual), op2 below. */
    KEY_CNTP_BASE = SYSREG(3, 3, 14, 2, 0),
    KEY_CNTV_BASE = SYSREG(3, 3, 14, 3, 0),
    KEY_CNTHP_BASE = SYSREG(3, 4, 14, 2, 0),
    KEY_CNTPS_BASE = SYSREG(3, 7, 14, 2, 0),
};
enum { GT_REG_TVAL = 0, GT_REG_CTL = 1, GT_REG_CVAL = 2 };

/* The timer a key names (op2 0-2: TVAL, CTL, CVAL), or -1. */
static int gt_index(uint32_t key)
{
    if ((key & 7) > GT_REG_CVAL) {
        return -1;
    }
    switch (key & ~7u) {
    case KEY_CNTP_BASE:
        return GTIMER_PHYS;
    case KEY_CNTV_BASE:
        return GTIMER_VIRT;
    case KEY_CNTHP_BASE:
        return GTIMER_HYP;
    case KEY_CNTPS_BASE:
        return GTIMER_SEC;
    default:
        return -1;
    }
}

static uint64_t gt_phys_count(CPUARMState *env)
{
    if (env->sys && env->sys->get_counter) {
        return env->sys->get_counter(&env->parent);
    }
    return 0;
}

/* Without EL2 the virtual offset is 0 whatever the field holds. */
static uint64_t gt_voff(CPUARMState *env)
{
    return env->has_el2 ? env->cntvoff_el2 : 0;
}

/* The count timer n compares with: CNTVCT for the virtual one. */
static uint64_t gt_count(CPUARMState *env, int n)
{
    uint64_t c = gt_phys_count(env);

    return n == GTIMER_VIRT ? c - gt_voff(env) : c;
}

static bool gt_met(uint32_t ctl, uint64_t cval, uint64_t now)
{
    return (ctl & GT_CTL_ENABLE) && now >= cval;
}

/*
 * The vCPU thread (register writes) and the main loop (the host timer,
 * BQL held) both get here. Each works from one snapshot of ctl/cval and
 * only ISTATUS is stored here, atomically, so a stale snapshot never
 * undoes the guest's ENABLE/IMASK; the output and host timer calls take
 * the BQL, so the last of them sees the latest state.
 */
void arm_gt_update(CPUARMState *env, int n)
{
    CPUState *cpu = &env->parent;
    uint64_t now, cval, when = UINT64_MAX;
    uint32_t ctl;
    bool met;

    if (n < 0 || n > GTIMER_SEC) {
        return;
    }
    ctl = __atomic_load_n(&env->gt[n].ctl, __ATOMIC_ACQUIRE);
    cval = __atomic_load_n(&env->gt[n].cval, __ATOMIC_RELAXED);
    now = gt_count(env, n);
    met = gt_met(ctl, cval, now);
    if (met) {
        __atomic_fetch_or(&env->gt[n].ctl, GT_CTL_ISTATUS, __ATOMIC_RELAXED);
    } else {
        __atomic_fetch_and(&env->gt[n].ctl, ~(uint32_t)GT_CTL_ISTATUS,
                           __ATOMIC_RELAXED);
    }
    if (!env->sys) {
        return;
    }
    if (env->sys->timer_set_irq) {
        env->sys->timer_set_irq(cpu, n, met && !(ctl & GT_CTL_IMASK));
    }
    if ((ctl & GT_CTL_ENABLE) && !met) {
        when = cval;
        if (n == GTIMER_VIRT) {
            /* The physical count at which CNTVCT reaches cval. */
            when += gt_voff(env);
            if (when < cval) {
                when = UINT64_MAX;
            }
        }
    }
    if (env->sys->timer_arm) {
        env->sys->timer_arm(cpu, n, when);
    }
}

/*
 * EL0 access (CNTKCTL_EL1). EL1 traps by CNTHCTL_EL2 (EL1PCTEN,
 * EL1PCEN) would go to EL2 with the register number in the syndrome,
 * which the helper interface does not carry: not implemented (Linux
 * sets both bits before it leaves EL2).
 */
bool arm_gt_access(CPUARMState *env, uint32_t key, bool write)
{
    uint64_t k = env->cntkctl_el1;

    if (env->el > 0) {
        return true;
    }
    switch (key) {
    case KEY_CNTFRQ:
        return !write && (k & (CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN));
    case KEY_CNTPCT:
        return k & CNTKCTL_EL0PCTEN;
    case KEY_CNTVCT:
        return k & CNTKCTL_EL0VCTEN;
    default:
        switch (gt_index(key)) {
        case GTIMER_PHYS:
            return k & CNTKCTL_EL0PTEN;
        case GTIMER_VIRT:
            return k & CNTKCTL_EL0VTEN;
        default:
            return false;
        }
    }
}

uint64_t arm_gt_read(CPUARMState *env, uint32_t key)
{
    int n;

    switch (key) {
    case KEY_CNTFRQ:
        return ARM_CNTFRQ;
    case KEY_CNTPCT:
        return gt_phys_count(env);
    case KEY_CNTVCT:
        return gt_phys_count(env) - gt_voff(env);
    case KEY_CNTKCTL:
        return env->cntkctl_el1;
    case KEY_CNTHCTL:
        return env->cnthctl_el2;
    case KEY_CNTVOFF:
        return env->cntvoff_el2;
    default:
        break;
    }
    n = gt_index(key);
    if (n < 0) {
        return 0;
    }
    switch (key & 7) {
    case GT_REG_TVAL:
        /* 32 bits of cval - count; bits 63:32 are RES0. */
        return (uint32_t)(env->gt[n].cval - gt_count(env, n));
    case GT_REG_CTL: {
        uint32_t ctl = env->gt[n].ctl & (GT_CTL_ENABLE | GT_CTL_IMASK);

        /* ISTATUS as of now, even before the host timer fires. */
        return ctl | (gt_met(ctl, env->gt[n].cval, gt_count(env, n))
                      ? GT_CTL_ISTATUS : 0);
    }
    default:
        return env->gt[n].cval;
    }
}

void arm_gt_write(CPUARMState *env, uint32_t key, uint64_t val)
{
    int n;

    switch (key) {
    case KEY_CNTFRQ:
        /* Fixed frequency: firmware may write it, nothing changes. */
        if (val != ARM_CNTFRQ) {
            vemu_log_mask(LOG_UNIMP, "CNTFRQ_EL0 write %#llx ignored\n",
                          (unsigned long long)val);
        }
        return;
    case KEY_CNTKCTL:
        env->cntkctl_el1 = val & CNTKCTL_MASK;
        return;
    case KEY_CNTHCTL:
        env->cnthctl_el2 = val & CNTHCTL_MASK;
        return;
    case KEY_CNTVOFF:
        env->cntvoff_el2 = val;
        arm_gt_update(env, GTIMER_VIRT);
        return;
    default:
        break;
    }
    n = gt_index(key);
    if (n < 0) {
        return;                 /* counters are read-only */
    }
    switch (key & 7) {
    case GT_REG_TVAL:
        __atomic_store_n(&env->gt[n].cval,
                         gt_count(env, n) + (int64_t)(int32_t)val,
                         __ATOMIC_RELEASE);
        break;
    case GT_REG_CTL:
        __atomic_store_n(&env->gt[n].ctl,
                         (env->gt[n].ctl & GT_CTL_ISTATUS) |
                         (uint32_t)(val & (GT_CTL_ENABLE | GT_CTL_IMASK)),
                         __ATOMIC_RELEASE);
        break;
    default:
        __atomic_store_n(&env->gt[n].cval, val, __ATOMIC_RELEASE);
        break;
    }
    arm_gt_update(env, n);
}
