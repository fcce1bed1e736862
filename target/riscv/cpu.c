/* SPDX-License-Identifier: MIT */
/* The riscv64 TargetInfo: CPU setup, TB keys, faults, state dump. */
#include <inttypes.h>
#include <string.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"
#include "vemu/exec.h"
#include "vemu/target.h"

/*
 * User mode runs in U-mode with the FPU on (mstatus.FS Dirty, so the
 * translator never checks it). The system emulator resets to M-mode at
 * the reset vector with everything off.
 */
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
    env->mie = env->medeleg = env->mideleg = 0;
    env->mtvec = env->stvec = env->mscratch = env->sscratch = 0;
    env->mepc = env->sepc = env->mcause = env->scause = 0;
    env->mtval = env->stval = env->satp = 0;
    env->mcounteren = env->scounteren = env->mcountinhibit = 0;
    env->menvcfg = env->senvcfg = 0;
    env->stimecmp = UINT64_MAX;
    env->mcycle_offset = env->minstret_offset = 0;
    memset(env->pmpcfg, 0, sizeof(env->pmpcfg));
    memset(env->pmpaddr, 0, sizeof(env->pmpaddr));
    env->seip_sw = false;
    /* SXL = UXL = 64-bit. */
    env->mstatus = (2ull << 32) | (2ull << 34);
    if (env->sys) {
        env->priv = PRV_M;
        env->pc = env->resetvec;
        riscv_mip_update(env, MIP_SSIP | MIP_STIP, 0);
        env->sys->tlb_flush(cpu);
    } else {
        env->priv = PRV_U;
        env->mstatus |= MSTATUS_FS | MSTATUS_SD;
    }
}

static void riscv_cpu_init(CPUState *cpu)
{
    CPURISCVState *env = riscv_env(cpu);

    env->misa = MISA_RV64 | RVI | RVM | RVA | RVF | RVD | RVC | RVU;
    riscv_cpu_reset(cpu);
}

/*
 * Loads and stores: M-mode with MPRV uses MPP's privilege; S-mode with
 * SUM has its own index. Fetches use the current privilege.
 */
int riscv_cpu_mmu_index(CPUState *cpu, bool ifetch)
{
    CPURISCVState *env = riscv_env(cpu);
    unsigned priv = env->priv;

    if (ifetch) {
        return priv;
    }
    if (priv == PRV_M && (env->mstatus & MSTATUS_MPRV)) {
        priv = (env->mstatus >> MSTATUS_MPP_SHIFT) & 3;
    }
    if (priv == PRV_S && (env->mstatus & MSTATUS_SUM)) {
        return RISCV_MMU_IDX_S_SUM;
    }
    return priv;
}

uint64_t riscv_cpu_get_tb_flags(CPURISCVState *env)
{
    uint64_t f = env->priv & TB_FLAG_PRIV_MASK;

    f |= ((env->mstatus & MSTATUS_FS) >> MSTATUS_FS_SHIFT)
         << TB_FLAG_FS_SHIFT;
    f |= (uint64_t)riscv_cpu_mmu_index(&env->parent, false)
         << TB_FLAG_MEM_IDX_SHIFT;
    if (env->frm > RISCV_FRM_RMM) {
        f |= TB_FLAG_FRM_INVALID;
    }
    return f;
}

static void riscv_get_tb_cpu_state(CPUState *cpu, vaddr *pc, uint64_t *flags)
{
    CPURISCVState *env = riscv_env(cpu);

    *pc = env->pc;
    *flags = riscv_cpu_get_tb_flags(env);
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

/* The privileged CSRs of -d cpu and "info registers". */
static void riscv_dump_csrs(CPURISCVState *env, FILE *f)
{
    const struct {
        const char *name;
        uint64_t val;
    } csrs[] = {
        { "mstatus", env->mstatus },
        { "mip", __atomic_load_n(&env->mip, __ATOMIC_RELAXED) },
        { "mie", env->mie },
        { "mideleg", env->mideleg },
        { "medeleg", env->medeleg },
        { "mtvec", env->mtvec },
        { "stvec", env->stvec },
        { "mepc", env->mepc },
        { "sepc", env->sepc },
        { "mcause", env->mcause },
        { "scause", env->scause },
        { "mtval", env->mtval },
        { "stval", env->stval },
        { "mscratch", env->mscratch },
        { "sscratch", env->sscratch },
        { "satp", env->satp },
        { "menvcfg", env->menvcfg },
        { "stimecmp", env->stimecmp },
    };

    for (unsigned i = 0; i < sizeof(csrs) / sizeof(csrs[0]); i++) {
        fprintf(f, " %-8s %016" PRIx64 "%s", csrs[i].name, csrs[i].val,
                (i & 3) == 3 ? "\n" : "");
    }
    fprintf(f, "\n");
}

static void riscv_dump_state(CPUState *cpu, FILE *f, int flags)
{
    CPURISCVState *env = riscv_env(cpu);

    fprintf(f, " %-8s %016" PRIx64 "\n", "pc", env->pc);
    if (env->sys) {
        fprintf(f, " %-8s %c\n", "priv", "USHM"[env->priv & 3]);
    }
    for (int i = 0; i < 32; i++) {
        char name[16];

        snprintf(name, sizeof(name), "x%d/%s", i, riscv_int_regnames[i]);
        fprintf(f, " %-8s %016" PRIx64 "%s", name, env->gpr[i],
                (i & 3) == 3 ? "\n" : "");
    }
    fprintf(f, " %-8s %02x       %-8s %x\n", "fflags", env->fflags,
            "frm", env->frm);
    if (env->sys) {
        riscv_dump_csrs(env, f);
    }
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
    .nb_mmu_modes = RISCV_NB_MMU_MODES,
    .cpu_mmu_index = riscv_cpu_mmu_index,
    .tlb_fill = riscv_cpu_tlb_fill,
    .do_unaligned_access = riscv_cpu_do_unaligned_access,
    .do_transaction_failed = riscv_cpu_do_transaction_failed,
    .do_interrupt = riscv_cpu_do_interrupt,
    .cpu_exec_interrupt = riscv_cpu_exec_interrupt,
    .has_work = riscv_cpu_has_work,
    .get_phys_page_debug = riscv_cpu_get_phys_page_debug,
    .gdb_read_register = riscv_gdb_read_register,
    .gdb_write_register = riscv_gdb_write_register,
    .gdb_num_regs = RISCV_GDB_NUM_REGS,
    .gdb_arch = "riscv:rv64",
    .gdb_get_xml = riscv_gdb_get_xml,
    .dump_state = riscv_dump_state,
    .disas_insn = riscv_disas_insn,
};
