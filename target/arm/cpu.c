/* SPDX-License-Identifier: MIT */
/* The aarch64 TargetInfo: CPU setup, TB keys, faults, state dump. */
#include <inttypes.h>
#include <string.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/exec.h"
#include "vemu/target.h"

/* User mode runs at EL0 with the FPU enabled and the monitor clear. */
static void arm_cpu_reset(CPUState *cpu)
{
    CPUARMState *env = arm_env(cpu);

    memset(env->xregs, 0, sizeof(env->xregs));
    memset(env->vregs, 0, sizeof(env->vregs));
    memset(env->sp_el, 0, sizeof(env->sp_el));
    memset(&env->exception, 0, sizeof(env->exception));
    env->pc = 0;
    arm_nzcv_write(env, 0);
    env->fpcr = 0;
    env->fpsr = 0;
    env->tpidr_el0 = 0;
    env->tpidrro_el0 = 0;
    env->exclusive_addr = (uint64_t)-1;
    env->exclusive_val = 0;
    env->exclusive_high = 0;
    env->el = 0;
    if (env->sys) {
        arm_cpu_sys_reset(env);
    }
}

static void arm_cpu_init(CPUState *cpu)
{
    CPUARMState *env = arm_env(cpu);

    /* Cortex-A57 r1p3, as QEMU's -cpu max reports a MIDR too. */
    env->midr = 0x411fd070;
    env->mpidr = 0x80000000;
    /* CRC32 (bits 19:16 = 1) and LSE atomics (bits 23:20 = 2). */
    env->id_aa64isar0 = (1ull << 16) | (2ull << 20);
    /* AES with PMULL (7:4 = 2), SHA1 (11:8 = 1), SHA256 (15:12 = 1). */
    env->id_aa64isar0 |= (2ull << 4) | (1ull << 8) | (1ull << 12);
    arm_cpu_reset(cpu);
}

int arm_cpu_mmu_index(CPUState *cpu, bool ifetch)
{
    CPUARMState *env = arm_env(cpu);

    switch (env->el) {
    case 0:
        return ARM_MMU_E10_0;
    case 1:
        return env->pstate_pan && !ifetch ? ARM_MMU_E10_1_PAN
                                          : ARM_MMU_E10_1;
    default:
        return ARM_MMU_E2;
    }
}

/* CPACR_EL1.FPEN and CPTR_EL2.TFP: FP/SIMD insns trap at this EL. */
static bool arm_fp_disabled(const CPUARMState *env)
{
    uint32_t fpen = (env->cpacr_el1 >> 20) & 3;

    if (env->el == 0 && fpen != 3) {
        return true;
    }
    if (env->el == 1 && !(fpen & 1)) {
        return true;
    }
    return env->has_el2 && env->el <= 2 && (env->cptr_el2 & CPTR_TFP);
}

uint64_t arm_cpu_get_tb_flags(CPUARMState *env)
{
    uint64_t f = env->el & TB_FLAG_EL_MASK;

    f |= (uint64_t)arm_cpu_mmu_index(&env->parent, false)
         << TB_FLAG_MEM_IDX_SHIFT;
    if (!env->sys) {
        /* Linux user space: TBI0, and kernel addresses fault anyway. */
        return f | TB_FLAG_TBI0 | TB_FLAG_TBI1;
    }
    f |= TB_FLAG_SYS;
    if (env->spsel) {
        f |= TB_FLAG_SPSEL;
    }
    if (arm_fp_disabled(env)) {
        f |= TB_FLAG_FP_DISABLED;
    }
    if (env->el == 2) {
        f |= (env->tcr_el[2] & TCR_EL2_TBI) ? TB_FLAG_TBI0 | TB_FLAG_TBI1
                                            : 0;
    } else {
        f |= (env->tcr_el[1] & TCR_TBI0) ? TB_FLAG_TBI0 : 0;
        f |= (env->tcr_el[1] & TCR_TBI1) ? TB_FLAG_TBI1 : 0;
    }
    return f;
}

static void arm_get_tb_cpu_state(CPUState *cpu, vaddr *pc, uint64_t *flags)
{
    CPUARMState *env = arm_env(cpu);

    *pc = env->pc;
    *flags = arm_cpu_get_tb_flags(env);
}

static void arm_restore_state_to_opc(CPUState *cpu,
                                     const struct TranslationBlock *tb,
                                     const uint64_t *data)
{
    arm_env(cpu)->pc = data[0];
}

static void arm_set_pc(CPUState *cpu, vaddr pc)
{
    arm_env(cpu)->pc = pc;
}

static vaddr arm_get_pc(CPUState *cpu)
{
    return arm_env(cpu)->pc;
}

/* access: 0 load, 1 store, 2 fetch */
static __attribute__((noreturn))
void arm_record_sigsegv(CPUState *cpu, vaddr addr, int access,
                        bool maperr, uintptr_t ra)
{
    CPUARMState *env = arm_env(cpu);

    env->exception.vaddress = addr;
    env->exception.access = access;
    env->exception.maperr = maperr;
    cpu->exception_index = access == 2 ? ARM_EXCP_PREFETCH_ABORT
                                       : ARM_EXCP_DATA_ABORT;
    cpu_loop_exit_restore(cpu, ra);
}

static __attribute__((noreturn))
void arm_record_sigbus(CPUState *cpu, vaddr addr, int access, uintptr_t ra)
{
    CPUARMState *env = arm_env(cpu);

    env->exception.vaddress = addr;
    env->exception.access = access;
    env->exception.maperr = false;
    cpu->exception_index = ARM_EXCP_UNALIGNED;
    cpu_loop_exit_restore(cpu, ra);
}

/* System mode: alignment fault (DFSC 0b100001) on a data access. */
static __attribute__((noreturn))
void arm_cpu_do_unaligned_access(CPUState *cpu, vaddr addr, int access_type,
                                 int mmu_idx, uintptr_t ra)
{
    arm_raise_abort(arm_env(cpu), addr, access_type, 0x21, false, mmu_idx,
                    ra);
}

/* A bus error on the physical access: synchronous external abort. */
static void arm_cpu_do_transaction_failed(CPUState *cpu, hwaddr phys,
                                          vaddr addr, int size,
                                          int access_type, int mmu_idx,
                                          uintptr_t ra)
{
    arm_raise_abort(arm_env(cpu), addr, access_type, 0x10, false, mmu_idx,
                    ra);
}

static void arm_dump_state(CPUState *cpu, FILE *f, int flags)
{
    CPUARMState *env = arm_env(cpu);
    uint32_t nzcv = arm_nzcv_read(env);

    fprintf(f, " PC=%016" PRIx64 "  EL%d  NZCV=%c%c%c%c\n", env->pc, env->el,
            (nzcv & PSTATE_N) ? 'N' : '-', (nzcv & PSTATE_Z) ? 'Z' : '-',
            (nzcv & PSTATE_C) ? 'C' : '-', (nzcv & PSTATE_V) ? 'V' : '-');
    for (int i = 0; i < 32; i++) {
        fprintf(f, " %s%-2d=%016" PRIx64 "%s", i == 31 ? "SP" : "X",
                i == 31 ? 0 : i, env->xregs[i], (i & 3) == 3 ? "\n" : "");
    }
    if (flags & CPU_DUMP_FPU) {
        for (int i = 0; i < 32; i++) {
            fprintf(f, " Q%-2d=%016" PRIx64 ":%016" PRIx64 "%s", i,
                    env->vregs[i][1], env->vregs[i][0],
                    (i & 1) ? "\n" : "");
        }
        fprintf(f, " FPCR=%08x FPSR=%08x\n", env->fpcr, env->fpsr);
    }
}

const TargetInfo target_aarch64 = {
    .name = "aarch64",
    .elf_machine = 183,         /* EM_AARCH64 */
    .elf_class = 2,             /* ELFCLASS64 */
    .cpu_size = sizeof(CPUARMState),
    .tcg_init = a64_tcg_init,
    .cpu_init = arm_cpu_init,
    .cpu_reset = arm_cpu_reset,
    .get_tb_cpu_state = arm_get_tb_cpu_state,
    .translate = a64_translate,
    .restore_state_to_opc = arm_restore_state_to_opc,
    .set_pc = arm_set_pc,
    .get_pc = arm_get_pc,
    .record_sigsegv = arm_record_sigsegv,
    .record_sigbus = arm_record_sigbus,
    .nb_mmu_modes = ARM_MMU_COUNT,
    .cpu_mmu_index = arm_cpu_mmu_index,
    .tlb_fill = arm_tlb_fill,
    .do_unaligned_access = arm_cpu_do_unaligned_access,
    .do_transaction_failed = arm_cpu_do_transaction_failed,
    .do_interrupt = arm_cpu_do_interrupt,
    .cpu_exec_interrupt = arm_cpu_exec_interrupt,
    .has_work = arm_cpu_has_work,
    .get_phys_page_debug = arm_get_phys_page_debug,
    .gdb_read_register = arm_gdb_read_register,
    .gdb_write_register = arm_gdb_write_register,
    .gdb_num_regs = ARM_GDB_NUM_G_REGS,
    .gdb_arch = "aarch64",
    .gdb_get_xml = arm_gdb_get_xml,
    .dump_state = arm_dump_state,
    .disas_insn = a64_disas_insn,
};
