/* SPDX-License-Identifier: MIT */
/* The riscv64 TargetInfo: CPU setup, TB keys, faults, state dump. */
#include <inttypes.h>
#include <string.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"
#include "vemu/exec.h"
#include "vemu/target.h"

static void riscv_cpu_reset(CPUState *cpu)
{
    CPURISCVState *env = riscv_env(cpu);

    memset(env->gpr, 0, sizeof(env->gpr));
    memset(env->fpr, 0, sizeof(env->fpr));
    env->pc = 0;
    env->frm = RISCV_FRM_RNE;
    env->fflags = 0;
    env->load_res = -1;
    env->load_val = 0;
    env->badaddr = 0;
    env->priv = PRV_U;
}

static void riscv_cpu_init(CPUState *cpu)
{
    CPURISCVState *env = riscv_env(cpu);

    env->misa = MISA_RV64 | RVI | RVM | RVA | RVF | RVD | RVC | RVU;
    riscv_cpu_reset(cpu);
}

static void riscv_get_tb_cpu_state(CPUState *cpu, vaddr *pc, uint64_t *flags)
{
    CPURISCVState *env = riscv_env(cpu);
    uint64_t f = env->priv & TB_FLAG_PRIV_MASK;

    if (env->frm > RISCV_FRM_RMM) {
        f |= TB_FLAG_FRM_INVALID;
    }
    *pc = env->pc;
    *flags = f;
}

static void riscv_restore_state_to_opc(CPUState *cpu,
                                       const struct TranslationBlock *tb,
                                       const uint64_t *data)
{
    riscv_env(cpu)->pc = data[0];
}

static void riscv_set_pc(CPUState *cpu, vaddr pc)
{
    riscv_env(cpu)->pc = pc;
}

static vaddr riscv_get_pc(CPUState *cpu)
{
    return riscv_env(cpu)->pc;
}

/* access: 0 load, 1 store, 2 fetch */
static __attribute__((noreturn))
void riscv_record_sigsegv(CPUState *cpu, vaddr addr, int access,
                          bool maperr, uintptr_t ra)
{
    static const int cause[3] = {
        RISCV_EXCP_LOAD_PAGE_FAULT, RISCV_EXCP_STORE_PAGE_FAULT,
        RISCV_EXCP_INST_PAGE_FAULT,
    };

    riscv_env(cpu)->badaddr = addr;
    cpu->exception_index = cause[access >= 0 && access < 3 ? access : 0];
    cpu_loop_exit_restore(cpu, ra);
}

static __attribute__((noreturn))
void riscv_record_sigbus(CPUState *cpu, vaddr addr, int access,
                         uintptr_t ra)
{
    static const int cause[3] = {
        RISCV_EXCP_LOAD_ADDR_MIS, RISCV_EXCP_STORE_AMO_ADDR_MIS,
        RISCV_EXCP_INST_ADDR_MIS,
    };

    riscv_env(cpu)->badaddr = addr;
    cpu->exception_index = cause[access >= 0 && access < 3 ? access : 0];
    cpu_loop_exit_restore(cpu, ra);
}

static void riscv_dump_state(CPUState *cpu, FILE *f, int flags)
{
    CPURISCVState *env = riscv_env(cpu);

    fprintf(f, " %-8s %016" PRIx64 "\n", "pc", env->pc);
    for (int i = 0; i < 32; i++) {
        char name[16];

        snprintf(name, sizeof(name), "x%d/%s", i, riscv_int_regnames[i]);
        fprintf(f, " %-8s %016" PRIx64 "%s", name, env->gpr[i],
                (i & 3) == 3 ? "\n" : "");
    }
    fprintf(f, " %-8s %02x       %-8s %x\n", "fflags", env->fflags,
            "frm", env->frm);
    if (flags & CPU_DUMP_FPU) {
        for (int i = 0; i < 32; i++) {
            char name[16];

            snprintf(name, sizeof(name), "f%d/%s", i, riscv_fpr_regnames[i]);
            fprintf(f, " %-8s %016" PRIx64 "%s", name, env->fpr[i],
                    (i & 3) == 3 ? "\n" : "");
        }
    }
}

const TargetInfo target_riscv64 = {
    .name = "riscv64",
    .elf_machine = 243,         /* EM_RISCV */
    .elf_class = 2,             /* ELFCLASS64 */
    .cpu_size = sizeof(CPURISCVState),
    .tcg_init = riscv_tcg_init,
    .cpu_init = riscv_cpu_init,
    .cpu_reset = riscv_cpu_reset,
    .get_tb_cpu_state = riscv_get_tb_cpu_state,
    .translate = riscv_translate,
    .restore_state_to_opc = riscv_restore_state_to_opc,
    .set_pc = riscv_set_pc,
    .get_pc = riscv_get_pc,
    .record_sigsegv = riscv_record_sigsegv,
    .record_sigbus = riscv_record_sigbus,
    .dump_state = riscv_dump_state,
    .disas_insn = riscv_disas_insn,
};
