/* SPDX-License-Identifier: MIT */
/*
 * RISC-V privileged state without running code: CSR access rules
 * (privilege, read-only, WARL fields of mstatus/satp/mtvec, counter
 * enables, Sstc, FS), trap entry with delegation (cause, epc, tval, the
 * status stack), trap return, interrupt priority and enables, and WFI's
 * wake-up condition.
 */
#include <string.h>

#include <glib.h>

#include "target/riscv/cpu.h"
#include "target/riscv/helper.h"
#include "target/riscv/internals.h"
#include "vemu/riscv.h"

static int flushes, irq_changes;

static void fake_flush(CPUState *cpu)
{
    flushes++;
}

static void fake_irq_changed(CPUState *cpu)
{
    irq_changes++;
}

static void fake_nop(CPUState *cpu)
{
}

static const RISCVSysOps fake_ops = {
    .tlb_flush = fake_flush,
    .irq_changed = fake_irq_changed,
    .stimecmp_changed = fake_nop,
};

static uint64_t fake_time;

static uint64_t fake_rdtime(void *opaque)
{
    return fake_time;
}

/* A hart just out of reset in M-mode (what riscv_cpu_reset leaves). */
static CPURISCVState *env_new(void)
{
    CPURISCVState *env = g_malloc0(sizeof(*env));

    env->sys = &fake_ops;
    env->misa = MISA_RV64 | RVI | RVM | RVA | RVF | RVD | RVC | RVS | RVU;
    env->priv = PRV_M;
    env->mstatus = (2ull << 32) | (2ull << 34);
    env->stimecmp = UINT64_MAX;
    env->rdtime_fn = fake_rdtime;
    env->load_res = -1;
    flushes = irq_changes = 0;
    return env;
}

static int csr_read(CPURISCVState *env, int csr, uint64_t *v)
{
    return riscv_csr_rmw(env, csr, v, 0, 0, false);
}

static int csr_write(CPURISCVState *env, int csr, uint64_t val)
{
    uint64_t old;

    return riscv_csr_rmw(env, csr, &old, val, -1, true);
}

static uint64_t csr_get(CPURISCVState *env, int csr)
{
    uint64_t v = 0;

    g_assert_cmpint(csr_read(env, csr, &v), ==, RISCV_CSR_OK);
    return v;
}

#define OK RISCV_CSR_OK
#define ILL RISCV_EXCP_ILLEGAL_INST

static void test_csr_privilege_and_read_only(void)
{
    CPURISCVState *env = env_new();
    uint64_t v;

    g_assert_cmpint(csr_write(env, 0x340, 0x1234), ==, OK);   /* mscratch */
    g_assert_cmphex(csr_get(env, 0x340), ==, 0x1234);
    env->mhartid = 3;
    g_assert_cmphex(csr_get(env, 0xf14), ==, 3);
    g_assert_cmpint(csr_write(env, 0xf14, 1), ==, ILL);      /* mhartid */
    g_assert_cmpint(csr_write(env, 0xc01, 1), ==, ILL);      /* time */
    /* S-mode: no M CSRs; its own are fine. */
    env->priv = PRV_S;
    g_assert_cmpint(csr_read(env, 0x300, &v), ==, ILL);
    g_assert_cmpint(csr_write(env, 0x140, 7), ==, OK);       /* sscratch */
    env->priv = PRV_U;
    g_assert_cmpint(csr_read(env, 0x140, &v), ==, ILL);
    /* Unknown numbers, odd pmpcfg on RV64. */
    env->priv = PRV_M;
    g_assert_cmpint(csr_read(env, 0x7c0, &v), ==, ILL);
    g_assert_cmpint(csr_read(env, 0x3a1, &v), ==, ILL);
    g_assert_cmpint(csr_read(env, 0x3a2, &v), ==, OK);
    /* Performance counters and events: zero, writes ignored. */
    g_assert_cmpint(csr_write(env, 0xb05, 99), ==, OK);
    g_assert_cmphex(csr_get(env, 0xb05), ==, 0);
    g_assert_cmpint(csr_write(env, 0x325, 99), ==, OK);
    g_assert_cmphex(csr_get(env, 0x325), ==, 0);
    /* Debug triggers: none. */
    g_assert_cmphex(csr_get(env, 0x7a0), ==, 0);
    g_assert_cmphex(csr_get(env, 0x7a1), ==, 0);
    g_free(env);
}

static void test_mstatus_warl(void)
{
    CPURISCVState *env = env_new();
    uint64_t s;

    /* UXL/SXL read 64-bit; XS stays 0; MPP=2 (reserved) is not taken. */
    g_assert_cmpint(csr_write(env, 0x300, (1ull << MSTATUS_MPP_SHIFT) |
                                          MSTATUS_XS | MSTATUS_MIE), ==, OK);
    s = csr_get(env, 0x300);
    g_assert_cmphex(s & (MSTATUS_UXL | MSTATUS_SXL), ==,
                    (2ull << 32) | (2ull << 34));
    g_assert_cmphex(s & MSTATUS_XS, ==, 0);
    g_assert_cmphex(s & MSTATUS_MPP, ==, 1ull << MSTATUS_MPP_SHIFT);
    g_assert_cmpint(csr_write(env, 0x300, 2ull << MSTATUS_MPP_SHIFT), ==, OK);
    g_assert_cmphex(csr_get(env, 0x300) & MSTATUS_MPP, ==,
                    1ull << MSTATUS_MPP_SHIFT);
    /* SD follows FS == Dirty. */
    g_assert_cmpint(csr_write(env, 0x300, MSTATUS_FS), ==, OK);
    g_assert_true(csr_get(env, 0x300) & MSTATUS_SD);
    /* sstatus: a view; writes cannot reach M fields. */
    g_assert_cmpint(csr_write(env, 0x100, MSTATUS_MIE | MSTATUS_SIE |
                                          MSTATUS_SUM), ==, OK);
    s = csr_get(env, 0x300);
    g_assert_false(s & MSTATUS_MIE);
    g_assert_true(s & MSTATUS_SIE);
    g_assert_true(s & MSTATUS_SUM);
    g_assert_cmphex(csr_get(env, 0x100) & MSTATUS_MPP, ==, 0);
    /* MXR changes cached rights: TLB flush. */
    flushes = 0;
    g_assert_cmpint(csr_write(env, 0x300, MSTATUS_MXR), ==, OK);
    g_assert_cmpint(flushes, ==, 1);
    g_free(env);
}

static void test_satp_tvec_epc_warl(void)
{
    CPURISCVState *env = env_new();
    uint64_t sv48 = (9ull << 60) | (5ull << 44) | 0x80123;

    g_assert_cmpint(csr_write(env, 0x180, sv48), ==, OK);
    g_assert_cmphex(csr_get(env, 0x180), ==, sv48);
    g_assert_cmpint(flushes, ==, 1);
    /* Sv32 (1) and reserved modes: ignored entirely. */
    g_assert_cmpint(csr_write(env, 0x180, (1ull << 60) | 1), ==, OK);
    g_assert_cmpint(csr_write(env, 0x180, (11ull << 60) | 1), ==, OK);
    g_assert_cmphex(csr_get(env, 0x180), ==, sv48);
    /* TVM: S-mode may not touch satp. */
    env->mstatus |= MSTATUS_TVM;
    env->priv = PRV_S;
    g_assert_cmpint(csr_write(env, 0x180, 0), ==, ILL);
    env->priv = PRV_M;
    g_assert_cmpint(csr_write(env, 0x180, 0), ==, OK);
    /* tvec modes 2/3 reserved; epc bit 0 is zero. */
    g_assert_cmpint(csr_write(env, 0x305, 0x80000001), ==, OK);
    g_assert_cmpint(csr_write(env, 0x305, 0x90000002), ==, OK);
    g_assert_cmphex(csr_get(env, 0x305), ==, 0x80000001);
    g_assert_cmpint(csr_write(env, 0x341, 0x80000003), ==, OK);
    g_assert_cmphex(csr_get(env, 0x341), ==, 0x80000002);
    /* Delegation masks. */
    g_assert_cmpint(csr_write(env, 0x302, ~0ull), ==, OK);
    g_assert_cmphex(csr_get(env, 0x302), ==, 0xb3ff);
    g_assert_cmpint(csr_write(env, 0x303, ~0ull), ==, OK);
    g_assert_cmphex(csr_get(env, 0x303), ==, MIP_S_ALL);
    g_free(env);
}

static void test_counter_enables(void)
{
    CPURISCVState *env = env_new();
    uint64_t v;

    env->priv = PRV_S;
    g_assert_cmpint(csr_read(env, 0xc00, &v), ==, ILL);
    env->mcounteren = COUNTEREN_CY | COUNTEREN_TM;
    g_assert_cmpint(csr_read(env, 0xc00, &v), ==, OK);
    fake_time = 12345;
    g_assert_cmphex(csr_get(env, 0xc01), ==, 12345);
    g_assert_cmpint(csr_read(env, 0xc02, &v), ==, ILL);
    env->priv = PRV_U;
    g_assert_cmpint(csr_read(env, 0xc01, &v), ==, ILL);
    env->scounteren = COUNTEREN_TM;
    g_assert_cmpint(csr_read(env, 0xc01, &v), ==, OK);
    /* No time source: the time CSR traps (firmware emulates it). */
    env->rdtime_fn = NULL;
    g_assert_cmpint(csr_read(env, 0xc01, &v), ==, ILL);
    g_free(env);
}

static void test_fp_csrs_follow_fs(void)
{
    CPURISCVState *env = env_new();
    uint64_t v;

    g_assert_cmpint(csr_read(env, 0x001, &v), ==, ILL);      /* FS Off */
    env->mstatus |= 1ull << MSTATUS_FS_SHIFT;                  /* Initial */
    g_assert_cmpint(csr_write(env, 0x001, 1), ==, OK);
    g_assert_cmphex(env->mstatus & MSTATUS_FS, ==, MSTATUS_FS);
    g_assert_true(env->mstatus & MSTATUS_SD);
    g_free(env);
}

static void test_sstc(void)
{
    CPURISCVState *env = env_new();
    uint64_t v;

    env->priv = PRV_S;
    env->mcounteren = COUNTEREN_TM;
    g_assert_cmpint(csr_read(env, 0x14d, &v), ==, ILL);      /* no STCE */
    env->priv = PRV_M;
    g_assert_cmpint(csr_write(env, 0x30a, ~0ull), ==, OK);
    g_assert_cmphex(csr_get(env, 0x30a), ==, MENVCFG_STCE | MENVCFG_FIOM);
    env->priv = PRV_S;
    fake_time = 1000;
    g_assert_cmpint(csr_write(env, 0x14d, 2000), ==, OK);
    g_assert_false(env->mip & MIP_STIP);
    fake_time = 2000;
    env->mideleg = MIP_STIP;
    g_assert_true(csr_get(env, 0x144) & MIP_STIP);           /* sip */
    /* STIP belongs to Sstc now: M-mode writes to it are ignored. */
    env->priv = PRV_M;
    g_assert_cmpint(csr_write(env, 0x344, 0), ==, OK);
    g_assert_true(env->mip & MIP_STIP);
    env->priv = PRV_S;
    g_assert_cmpint(csr_write(env, 0x14d, UINT64_MAX), ==, OK);
    g_assert_false(env->mip & MIP_STIP);
    g_free(env);
}

static void test_mip_sie_views(void)
{
    CPURISCVState *env = env_new();

    /* M-mode raises SSIP; MSIP and friends are read-only lines. */
    g_assert_cmpint(csr_write(env, 0x344, MIP_SSIP | MIP_MSIP), ==, OK);
    g_assert_cmphex(env->mip, ==, MIP_SSIP);
    g_assert_cmpint(irq_changes, ==, 1);
    /* sip/sie only show delegated bits. */
    g_assert_cmphex(csr_get(env, 0x144), ==, 0);
    env->mideleg = MIP_SSIP;
    g_assert_cmphex(csr_get(env, 0x144), ==, MIP_SSIP);
    g_assert_cmpint(csr_write(env, 0x104, MIP_SSIP | MIP_STIP | MIP_MTIP),
                    ==, OK);
    g_assert_cmphex(env->mie, ==, MIP_SSIP);
    /* SEIP: the line OR M-mode's bit. */
    env->seip_line = true;
    riscv_mip_update(env, 0, 0);
    g_assert_true(env->mip & MIP_SEIP);
    g_assert_cmpint(csr_write(env, 0x344, 0), ==, OK);
    g_assert_true(env->mip & MIP_SEIP);
    env->seip_line = false;
    riscv_mip_update(env, 0, 0);
    g_assert_false(env->mip & MIP_SEIP);
    g_free(env);
}

/* ---- traps ---- */

static void take(CPURISCVState *env, int excp)
{
    env->parent.exception_index = excp;
    riscv_cpu_do_interrupt(&env->parent);
    g_assert_cmpint(env->parent.exception_index, ==, -1);
}

static void test_ecall_from_u_delegated_to_s(void)
{
    CPURISCVState *env = env_new();

    env->medeleg = 1u << RISCV_EXCP_U_ECALL;
    env->stvec = 0xffffffff80001000ull;
    env->mtvec = 0x80000000;
    env->mstatus |= MSTATUS_SIE;
    env->priv = PRV_U;
    env->pc = 0x10078;
    env->load_res = 0x2000;
    take(env, RISCV_EXCP_U_ECALL);
    g_assert_cmpuint(env->priv, ==, PRV_S);
    g_assert_cmphex(env->scause, ==, 8);
    g_assert_cmphex(env->sepc, ==, 0x10078);
    g_assert_cmphex(env->stval, ==, 0);
    g_assert_cmphex(env->pc, ==, 0xffffffff80001000ull);
    g_assert_false(env->mstatus & MSTATUS_SIE);
    g_assert_true(env->mstatus & MSTATUS_SPIE);
    g_assert_false(env->mstatus & MSTATUS_SPP);
    g_assert_cmphex(env->load_res, ==, (uint64_t)-1);
    /* The same ecall from S-mode is not delegated: M gets cause 9. */
    take(env, RISCV_EXCP_S_ECALL);
    g_assert_cmpuint(env->priv, ==, PRV_M);
    g_assert_cmphex(env->mcause, ==, 9);
    g_assert_cmphex(env->mepc, ==, 0xffffffff80001000ull);
    g_assert_cmphex((env->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, ==,
                    PRV_S);
    g_assert_cmphex(env->pc, ==, 0x80000000);
    /* Delegation never applies to traps taken in M-mode. */
    env->medeleg = 0xb3ff;
    take(env, RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmpuint(env->priv, ==, PRV_M);
    g_free(env);
}

static void test_fault_tval_and_mret_sret(void)
{
    CPURISCVState *env = env_new();

    env->medeleg = 1u << RISCV_EXCP_LOAD_PAGE_FAULT;
    env->stvec = 0x1000;
    env->priv = PRV_S;
    env->pc = 0x2000;
    env->badaddr = 0xdead000;
    take(env, RISCV_EXCP_LOAD_PAGE_FAULT);
    g_assert_cmphex(env->stval, ==, 0xdead000);
    g_assert_true(env->mstatus & MSTATUS_SPP);
    /* Illegal insn: tval is the insn bits; breakpoint: the pc. */
    env->badaddr = 0xffffffff;
    take(env, RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmphex(env->mtval, ==, 0xffffffff);
    env->pc = 0x3000;
    take(env, RISCV_EXCP_BREAKPOINT);
    g_assert_cmphex(env->mtval, ==, 0x3000);
    /* mret to S with MPRV set: MPRV clears, MIE from MPIE. */
    env->mstatus = (env->mstatus & ~MSTATUS_MPP) | MSTATUS_MPRV |
                   MSTATUS_MPIE | (1ull << MSTATUS_MPP_SHIFT);
    env->mepc = 0x4000;
    g_assert_cmphex(helper_mret(env), ==, 0x4000);
    g_assert_cmpuint(env->priv, ==, PRV_S);
    g_assert_false(env->mstatus & MSTATUS_MPRV);
    g_assert_true(env->mstatus & MSTATUS_MIE);
    g_assert_cmphex(env->mstatus & MSTATUS_MPP, ==, 0);
    /* sret to U. */
    env->mstatus = (env->mstatus & ~MSTATUS_SPP) | MSTATUS_SPIE;
    env->sepc = 0x5000;
    g_assert_cmphex(helper_sret(env, 0x10200073), ==, 0x5000);
    g_assert_cmpuint(env->priv, ==, PRV_U);
    g_assert_true(env->mstatus & MSTATUS_SIE);
    g_free(env);
}

static void test_interrupt_priority_and_enables(void)
{
    CPURISCVState *env = env_new();

    env->mie = MIP_M_ALL | MIP_S_ALL;
    env->mip = MIP_MTIP | MIP_SSIP | MIP_MSIP | MIP_SEIP;
    /* M-mode with MIE=0: nothing, but WFI would wake. */
    g_assert_cmpint(riscv_pending_interrupt(env), ==, -1);
    g_assert_true(riscv_cpu_has_work(&env->parent));
    env->mstatus |= MSTATUS_MIE;
    g_assert_cmpint(riscv_pending_interrupt(env), ==, RISCV_IRQ_M_SOFT);
    env->mip |= MIP_MEIP;
    g_assert_cmpint(riscv_pending_interrupt(env), ==, RISCV_IRQ_M_EXT);
    env->mip &= ~(MIP_MEIP | MIP_MSIP | MIP_MTIP);
    g_assert_cmpint(riscv_pending_interrupt(env), ==, RISCV_IRQ_S_EXT);
    /* Delegated: never taken in M; in S only with SIE; always in U. */
    env->mideleg = MIP_S_ALL;
    g_assert_cmpint(riscv_pending_interrupt(env), ==, -1);
    env->priv = PRV_S;
    g_assert_cmpint(riscv_pending_interrupt(env), ==, -1);
    env->mstatus |= MSTATUS_SIE;
    g_assert_cmpint(riscv_pending_interrupt(env), ==, RISCV_IRQ_S_EXT);
    env->mstatus &= ~MSTATUS_SIE;
    env->priv = PRV_U;
    env->mip = MIP_SSIP | MIP_STIP;
    g_assert_cmpint(riscv_pending_interrupt(env), ==, RISCV_IRQ_S_SOFT);
    /* An M interrupt outranks S ones even when pending together. */
    env->mip |= MIP_MTIP;
    g_assert_cmpint(riscv_pending_interrupt(env), ==, RISCV_IRQ_M_TIMER);
    /* Masked in mie: no work either. */
    env->mie = 0;
    g_assert_cmpint(riscv_pending_interrupt(env), ==, -1);
    g_assert_false(riscv_cpu_has_work(&env->parent));
    g_free(env);
}

static void test_interrupt_entry_vectored(void)
{
    CPURISCVState *env = env_new();

    env->mtvec = 0x80000101;             /* vectored */
    env->mie = MIP_MTIP;
    env->mip = MIP_MTIP;
    env->priv = PRV_S;
    env->pc = 0x1234;
    g_assert_true(riscv_cpu_exec_interrupt(&env->parent, 1));
    g_assert_cmphex(env->pc, ==, 0x80000100 + 4 * 7);
    g_assert_cmphex(env->mcause, ==, (1ull << 63) | 7);
    g_assert_cmphex(env->mepc, ==, 0x1234);
    g_assert_cmphex(env->mtval, ==, 0);
    /* Now in M with MIE clear: not again. */
    g_assert_false(riscv_cpu_exec_interrupt(&env->parent, 1));
    /* Exceptions use the base even when vectored. */
    take(env, RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmphex(env->pc, ==, 0x80000100);
    g_free(env);
}

/* ---- the board-facing API (cpu_sys.c) ---- */

static void test_cpu_api(void)
{
    GError *err = NULL;
    CPUState *cpu;
    CPURISCVState *env;
    char *isa;
    GString *list = g_string_new(NULL);

    g_assert_null(riscv_cpu_create("pentium", 0, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, "pentium"));
    g_clear_error(&err);
    riscv_cpu_list(list);
    g_assert_nonnull(strstr(list->str, "rv64"));
    g_string_free(list, true);

    cpu = riscv_cpu_create("rv64", 2, &err);
    g_assert_no_error(err);
    env = riscv_env(cpu);
    g_assert_cmpuint(env->mhartid, ==, 2);
    g_assert_cmpuint(env->priv, ==, PRV_M);
    riscv_cpu_set_reset_pc(cpu, 0x1000);
    g_assert_cmphex(env->pc, ==, 0x1000);
    isa = riscv_cpu_isa_string(cpu);
    g_assert_true(g_str_has_prefix(isa, "rv64imafdc_"));
    g_assert_nonnull(strstr(isa, "_sstc"));
    g_free(isa);
    g_assert_cmpstr(riscv_cpu_mmu_type(cpu), ==, "riscv,sv57");
    riscv_cpu_set_irq(cpu, RISCV_IRQ_M_TIMER, 1);
    g_assert_cmphex(env->mip, ==, MIP_MTIP);
    riscv_cpu_set_irq(cpu, RISCV_IRQ_S_EXT, 1);
    g_assert_cmphex(env->mip, ==, MIP_MTIP | MIP_SEIP);
    riscv_cpu_set_irq(cpu, RISCV_IRQ_M_TIMER, 0);
    riscv_cpu_set_irq(cpu, RISCV_IRQ_S_EXT, 0);
    g_assert_cmphex(env->mip, ==, 0);

    /*
     * csrs mip, SSIP while the PLIC line is high must not latch SEIP as
     * the software bit: a read-modify-write sees the software bit only.
     */
    {
        uint64_t old;

        riscv_cpu_set_irq(cpu, RISCV_IRQ_S_EXT, 1);
        g_assert_cmpint(riscv_csr_rmw(env, 0x344 /* mip */, &old, MIP_SSIP,
                                      MIP_SSIP, true), ==, RISCV_CSR_OK);
        g_assert_cmphex(old & MIP_SEIP, ==, MIP_SEIP);  /* plain read */
        riscv_cpu_set_irq(cpu, RISCV_IRQ_S_EXT, 0);
        g_assert_cmphex(env->mip, ==, MIP_SSIP);
        /* A real software write of SEIP still sets it. */
        g_assert_cmpint(riscv_csr_rmw(env, 0x344 /* mip */, &old, MIP_SEIP,
                                      MIP_SEIP, true), ==, RISCV_CSR_OK);
        g_assert_cmphex(env->mip, ==, MIP_SSIP | MIP_SEIP);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/riscv-sys/csr/privilege-read-only",
                    test_csr_privilege_and_read_only);
    g_test_add_func("/riscv-sys/csr/mstatus-warl", test_mstatus_warl);
    g_test_add_func("/riscv-sys/csr/satp-tvec-epc-warl",
                    test_satp_tvec_epc_warl);
    g_test_add_func("/riscv-sys/csr/counter-enables", test_counter_enables);
    g_test_add_func("/riscv-sys/csr/fp-follows-fs", test_fp_csrs_follow_fs);
    g_test_add_func("/riscv-sys/csr/sstc", test_sstc);
    g_test_add_func("/riscv-sys/csr/mip-sie-views", test_mip_sie_views);
    g_test_add_func("/riscv-sys/trap/ecall-u-delegated-to-s",
                    test_ecall_from_u_delegated_to_s);
    g_test_add_func("/riscv-sys/trap/tval-mret-sret",
                    test_fault_tval_and_mret_sret);
    g_test_add_func("/riscv-sys/irq/priority-and-enables",
                    test_interrupt_priority_and_enables);
    g_test_add_func("/riscv-sys/irq/vectored-entry",
                    test_interrupt_entry_vectored);
    g_test_add_func("/riscv-sys/cpu/api", test_cpu_api);
    return g_test_run();
}
