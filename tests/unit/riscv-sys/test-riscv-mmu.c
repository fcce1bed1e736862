/* SPDX-License-Identifier: MIT */
/*
 * The RISC-V page walker and PMP against a fake physical memory: Sv39,
 * Sv48 and Sv57 translations, superpages and their alignment fault,
 * U/SUM/MXR rules, A/D updates, malformed PTEs, and PMP TOR/NA4/NAPOT
 * decisions with the lock bit.
 */
#include <string.h>

#include <glib.h>

#include "target/riscv/cpu.h"
#include "target/riscv/internals.h"
#include "vemu/softmmu.h"

/* Fake RAM: 4 MiB at 0x80000000; page tables are built in it. */
#define RAM_BASE 0x80000000ull
#define RAM_SIZE (4ull << 20)

static uint8_t *ram;
static unsigned next_table;      /* bump allocator for table pages */
static int set_page_calls, flush_calls;
static uint64_t set_va, set_pa, set_size;
static int set_prot, set_idx;

static uint64_t *ram_word(uint64_t pa)
{
    if (pa < RAM_BASE || pa + 8 > RAM_BASE + RAM_SIZE) {
        return NULL;
    }
    return (uint64_t *)(ram + (pa - RAM_BASE));
}

static bool fake_pte_load(CPUState *cpu, uint64_t pa, uint64_t *val)
{
    uint64_t *p = ram_word(pa);

    if (!p) {
        return false;
    }
    *val = *p;
    return true;
}

static int fake_pte_cas(CPUState *cpu, uint64_t pa, uint64_t old,
                        uint64_t nv)
{
    uint64_t *p = ram_word(pa);

    if (!p) {
        return -1;
    }
    if (*p != old) {
        return 1;
    }
    *p = nv;
    return 0;
}

static void fake_tlb_set_page(CPUState *cpu, uint64_t va, uint64_t pa,
                              int prot, int mmu_idx, uint64_t size)
{
    set_page_calls++;
    set_va = va;
    set_pa = pa;
    set_prot = prot;
    set_idx = mmu_idx;
    set_size = size;
}

static void fake_tlb_flush(CPUState *cpu)
{
    flush_calls++;
}

static void fake_nop(CPUState *cpu)
{
}

static const RISCVSysOps fake_ops = {
    .tlb_flush = fake_tlb_flush,
    .tlb_set_page = fake_tlb_set_page,
    .irq_changed = fake_nop,
    .stimecmp_changed = fake_nop,
    .pte_load = fake_pte_load,
    .pte_cas = fake_pte_cas,
};

static CPURISCVState *env_new(unsigned satp_mode)
{
    CPURISCVState *env = g_malloc0(sizeof(*env));

    if (!ram) {
        ram = g_malloc0(RAM_SIZE);
    }
    memset(ram, 0, RAM_SIZE);
    next_table = 1;              /* page 0 is the root */
    set_page_calls = flush_calls = 0;
    env->sys = &fake_ops;
    env->misa = MISA_RV64 | RVI | RVS | RVU;
    env->priv = PRV_S;
    env->satp = ((uint64_t)satp_mode << SATP_MODE_SHIFT) |
                (RAM_BASE >> 12);
    return env;
}

static uint64_t new_table(void)
{
    return RAM_BASE + (uint64_t)(next_table++) * 4096;
}

static unsigned levels_of(CPURISCVState *env)
{
    return (env->satp >> SATP_MODE_SHIFT) - SATP_MODE_SV39 + 3;
}

/* Map va with a leaf at `level` (0: 4K) to pa, creating tables. */
static uint64_t *map(CPURISCVState *env, uint64_t va, uint64_t pa,
                     unsigned level, uint64_t flags)
{
    uint64_t table = RAM_BASE;

    for (int l = levels_of(env) - 1; l > (int)level; l--) {
        uint64_t *pte = ram_word(table + ((va >> (12 + 9 * l)) & 511) * 8);

        if (!(*pte & PTE_V)) {
            *pte = ((new_table() >> 12) << PTE_PPN_SHIFT) | PTE_V;
        }
        table = ((*pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT) << 12;
    }
    uint64_t *leaf = ram_word(table + ((va >> (12 + 9 * level)) & 511) * 8);
    *leaf = ((pa >> 12) << PTE_PPN_SHIFT) | flags | PTE_V;
    return leaf;
}

static int xlate(CPURISCVState *env, uint64_t va, int access, int idx,
                 uint64_t *pa, int *prot, uint64_t *size)
{
    return riscv_translate_addr(env, va, 1, access, idx, true, pa, prot,
                                size);
}

/* Every PMP entry open to S/U (NAPOT over all of memory). */
static void pmp_allow_all(CPURISCVState *env)
{
    riscv_pmpaddr_write(env, 15, ~0ull);
    riscv_pmpcfg_write(env, 2, (uint64_t)(PMP_R | PMP_W | PMP_X |
                                          (PMP_A_NAPOT << PMP_A_SHIFT))
                                   << 56);
}

#define RWXAD (PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

static void check_4k(unsigned mode, uint64_t va)
{
    CPURISCVState *env = env_new(mode);
    uint64_t pa, size;
    int prot;

    pmp_allow_all(env);
    map(env, va, 0x80123000, 0, RWXAD);
    g_assert_cmpint(xlate(env, va + 0x45, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmphex(pa, ==, 0x80123045);
    g_assert_cmpuint(size, ==, 4096);
    g_assert_cmpint(prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    /* A neighbouring page is not mapped. */
    g_assert_cmpint(xlate(env, va + 0x1000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    g_free(env);
}

static void test_sv39_sv48_sv57_4k(void)
{
    check_4k(SATP_MODE_SV39, 0x40201000);
    check_4k(SATP_MODE_SV39, 0xffffffffc0001000ull);  /* negative half */
    check_4k(SATP_MODE_SV48, 0x7f1234567000ull);
    check_4k(SATP_MODE_SV57, 0xff12345678000ull);
}

static void test_non_canonical_va_faults(void)
{
    CPURISCVState *env = env_new(SATP_MODE_SV39);
    uint64_t pa, size;
    int prot;

    pmp_allow_all(env);
    map(env, 0x1000, 0x80200000, 0, RWXAD);
    /* Bit 39 set with bit 38 clear: not a sign extension. */
    g_assert_cmpint(xlate(env, 0x8000001000ull, MMU_DATA_LOAD,
                          RISCV_MMU_IDX_S, &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    g_free(env);
}

static void test_superpages(void)
{
    CPURISCVState *env = env_new(SATP_MODE_SV39);
    uint64_t pa, size;
    int prot;

    pmp_allow_all(env);
    map(env, 0x40000000, 0x80200000, 1, RWXAD);         /* 2 MiB */
    g_assert_cmpint(xlate(env, 0x40123456, MMU_INST_FETCH, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmphex(pa, ==, 0x80323456);
    g_assert_cmpuint(size, ==, 2 << 20);
    map(env, 0x80000000, 0x80000000, 2, RWXAD);         /* 1 GiB */
    g_assert_cmpint(xlate(env, 0x83456789, MMU_DATA_STORE, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmphex(pa, ==, 0x83456789);
    g_assert_cmpuint(size, ==, 1 << 30);
    g_free(env);
}

static void test_misaligned_superpage_faults(void)
{
    CPURISCVState *env = env_new(SATP_MODE_SV39);
    uint64_t pa, size;
    int prot;

    pmp_allow_all(env);
    /* A 2 MiB leaf whose PPN is only 4K-aligned. */
    map(env, 0x40000000, 0x80201000, 1, RWXAD);
    g_assert_cmpint(xlate(env, 0x40000000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    g_free(env);
}

static void test_user_pages_sum_mxr(void)
{
    CPURISCVState *env = env_new(SATP_MODE_SV39);
    uint64_t pa, size;
    int prot;

    pmp_allow_all(env);
    map(env, 0x10000, 0x80300000, 0, RWXAD | PTE_U);
    map(env, 0x20000, 0x80301000, 0, RWXAD);
    map(env, 0x30000, 0x80302000, 0, PTE_X | PTE_A);      /* execute-only */
    /* S-mode without SUM: no access to U pages. */
    g_assert_cmpint(xlate(env, 0x10000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    /* With SUM: data yes, execute never. */
    g_assert_cmpint(xlate(env, 0x10000, MMU_DATA_STORE, RISCV_MMU_IDX_S_SUM,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmpint(prot & PAGE_EXEC, ==, 0);
    g_assert_cmpint(xlate(env, 0x10000, MMU_INST_FETCH, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    /* U-mode: its own pages only. */
    g_assert_cmpint(xlate(env, 0x10000, MMU_INST_FETCH, RISCV_MMU_IDX_U,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmpint(xlate(env, 0x20000, MMU_DATA_LOAD, RISCV_MMU_IDX_U,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    /* MXR: execute-only pages become readable. */
    g_assert_cmpint(xlate(env, 0x30000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    env->mstatus |= MSTATUS_MXR;
    g_assert_cmpint(xlate(env, 0x30000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmphex(pa, ==, 0x80302000);
    g_free(env);
}

static void test_accessed_dirty_updates(void)
{
    CPURISCVState *env = env_new(SATP_MODE_SV39);
    uint64_t pa, size;
    int prot;
    uint64_t *pte;

    pmp_allow_all(env);
    pte = map(env, 0x5000, 0x80310000, 0, PTE_R | PTE_W);
    /* A load sets A only; the page is not yet writable in the TLB. */
    g_assert_cmpint(xlate(env, 0x5000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_true(*pte & PTE_A);
    g_assert_false(*pte & PTE_D);
    g_assert_cmpint(prot & PAGE_WRITE, ==, 0);
    /* A store sets D and gets write access. */
    g_assert_cmpint(xlate(env, 0x5008, MMU_DATA_STORE, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_true(*pte & PTE_D);
    g_assert_cmpint(prot & PAGE_WRITE, ==, PAGE_WRITE);
    /* A store to a read-only page faults without touching D. */
    pte = map(env, 0x6000, 0x80311000, 0, PTE_R | PTE_A);
    g_assert_cmpint(xlate(env, 0x6000, MMU_DATA_STORE, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    g_assert_false(*pte & PTE_D);
    /* A debugger's probe leaves A/D alone. */
    pte = map(env, 0x7000, 0x80312000, 0, PTE_R | PTE_W);
    g_assert_cmpint(riscv_translate_addr(env, 0x7000, 1, MMU_DATA_LOAD,
                                         RISCV_MMU_IDX_S, false, &pa, &prot,
                                         &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmphex(*pte & (PTE_A | PTE_D), ==, 0);
    g_free(env);
}

static void test_malformed_ptes(void)
{
    CPURISCVState *env = env_new(SATP_MODE_SV39);
    uint64_t pa, size;
    int prot;
    uint64_t *pte;

    pmp_allow_all(env);
    pte = map(env, 0x1000, 0x80200000, 0, PTE_W | PTE_A | PTE_D);
    g_assert_cmpint(xlate(env, 0x1000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);          /* W without R */
    *pte = (*pte | PTE_R) | (1ull << 60);
    g_assert_cmpint(xlate(env, 0x1000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);          /* reserved bit */
    *pte &= ~(1ull << 60);
    g_assert_cmpint(xlate(env, 0x1000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    *pte &= ~PTE_V;
    g_assert_cmpint(xlate(env, 0x1000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    /* A pointer PTE leading outside memory: access fault. */
    *ram_word(RAM_BASE + 8 * 3) = ((0x1000000ull >> 12) << PTE_PPN_SHIFT) |
                                  PTE_V;
    g_assert_cmpint(xlate(env, 3ull << 30, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_ACCESS_FAULT);
    /* A pointer with A set is reserved. */
    *ram_word(RAM_BASE + 8 * 3) |= PTE_A;
    g_assert_cmpint(xlate(env, 3ull << 30, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_PAGE_FAULT);
    g_free(env);
}

static void test_bare_and_machine_mode(void)
{
    CPURISCVState *env = env_new(SATP_MODE_BARE);
    uint64_t pa, size;
    int prot;

    pmp_allow_all(env);
    g_assert_cmpint(xlate(env, 0x12345678, MMU_DATA_STORE, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmphex(pa, ==, 0x12345678);
    /* M-mode ignores satp. */
    env->satp = ((uint64_t)SATP_MODE_SV39 << SATP_MODE_SHIFT) |
                (RAM_BASE >> 12);
    g_assert_cmpint(xlate(env, 0x12345678, MMU_INST_FETCH, RISCV_MMU_IDX_M,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmphex(pa, ==, 0x12345678);
    g_free(env);
}

/* ---- PMP ---- */

static uint64_t napot(uint64_t base, uint64_t size)
{
    return (base >> 2) | ((size >> 3) - 1);
}

static void test_pmp_tor_napot_na4(void)
{
    CPURISCVState *env = env_new(SATP_MODE_BARE);
    int prot;

    /* 0: TOR [0, 0x1000) RX; 1: NAPOT 0x80000000+64K RW;
     * 2: NA4 at 0x3000 R. */
    riscv_pmpaddr_write(env, 0, 0x1000 >> 2);
    riscv_pmpaddr_write(env, 1, napot(0x80000000, 0x10000));
    riscv_pmpaddr_write(env, 2, 0x3000 >> 2);
    riscv_pmpcfg_write(env, 0,
                       (PMP_R | PMP_X | (PMP_A_TOR << PMP_A_SHIFT)) |
                       (uint64_t)(PMP_R | PMP_W |
                                  (PMP_A_NAPOT << PMP_A_SHIFT)) << 8 |
                       (uint64_t)(PMP_R | (PMP_A_NA4 << PMP_A_SHIFT))
                           << 16);
    g_assert_true(riscv_pmp_check(env, 0xffc, 4, MMU_INST_FETCH, PRV_S,
                                  &prot));
    g_assert_cmpint(prot, ==, PAGE_READ | PAGE_EXEC);
    g_assert_false(riscv_pmp_check(env, 0x800, 4, MMU_DATA_STORE, PRV_U,
                                   NULL));
    g_assert_true(riscv_pmp_check(env, 0x8000fff8, 8, MMU_DATA_STORE,
                                  PRV_S, NULL));
    g_assert_false(riscv_pmp_check(env, 0x80010000, 8, MMU_DATA_LOAD,
                                   PRV_S, NULL));          /* no match */
    g_assert_true(riscv_pmp_check(env, 0x3000, 4, MMU_DATA_LOAD, PRV_U,
                                  NULL));
    g_assert_false(riscv_pmp_check(env, 0x3000, 8, MMU_DATA_LOAD, PRV_U,
                                   NULL));                 /* partial */
    g_assert_false(riscv_pmp_check(env, 0xffc, 8, MMU_DATA_LOAD, PRV_S,
                                   NULL));                 /* straddles */
    /* M-mode: unlocked entries and unmatched addresses pass. */
    g_assert_true(riscv_pmp_check(env, 0x3000, 4, MMU_DATA_STORE, PRV_M,
                                  NULL));
    g_assert_true(riscv_pmp_check(env, 0x90000000, 4, MMU_INST_FETCH, PRV_M,
                                  NULL));
    /* Read back: pmpcfg0 as written; pmpcfg2 holds entries 8..15. */
    g_assert_cmphex(riscv_pmpcfg_read(env, 0) & 0xffffff, ==,
                    (PMP_R | PMP_X | 0x08) | (PMP_R | PMP_W | 0x18) << 8 |
                    (PMP_R | 0x10) << 16);
    g_assert_cmphex(riscv_pmpcfg_read(env, 2), ==, 0);
    g_free(env);
}

static void test_pmp_lock(void)
{
    CPURISCVState *env = env_new(SATP_MODE_BARE);

    /* Entry 1: locked TOR [0x1000, 0x2000) read-only; binds M-mode. */
    riscv_pmpaddr_write(env, 0, 0x1000 >> 2);
    riscv_pmpaddr_write(env, 1, 0x2000 >> 2);
    riscv_pmpcfg_write(env, 0, (uint64_t)(PMP_R | PMP_L |
                                          (PMP_A_TOR << PMP_A_SHIFT)) << 8);
    g_assert_false(riscv_pmp_check(env, 0x1800, 4, MMU_DATA_STORE, PRV_M,
                                   NULL));
    g_assert_true(riscv_pmp_check(env, 0x1800, 4, MMU_DATA_LOAD, PRV_M,
                                  NULL));
    /* Locked: its cfg, its address and the TOR bottom below it stay. */
    riscv_pmpcfg_write(env, 0, (uint64_t)(PMP_R | PMP_W | PMP_X) << 8);
    riscv_pmpaddr_write(env, 1, 0x4000 >> 2);
    riscv_pmpaddr_write(env, 0, 0);
    g_assert_cmphex(env->pmpaddr[1], ==, 0x2000 >> 2);
    g_assert_cmphex(env->pmpaddr[0], ==, 0x1000 >> 2);
    g_assert_cmphex(env->pmpcfg[1], ==, PMP_R | PMP_L | 0x08);
    /* W without R is reserved; unimplemented entries read zero. */
    riscv_pmpcfg_write(env, 0, PMP_W | (PMP_A_NA4 << PMP_A_SHIFT));
    g_assert_cmphex(env->pmpcfg[0], ==, PMP_A_NA4 << PMP_A_SHIFT);
    riscv_pmpaddr_write(env, 40, 0x1234);
    g_free(env);
}

static void test_pmp_on_walk_and_leaf(void)
{
    CPURISCVState *env = env_new(SATP_MODE_SV39);
    uint64_t pa, size;
    int prot;

    /* Only the mapped data page is open: the table pages are not. */
    map(env, 0x1000, 0x80300000, 0, RWXAD);
    riscv_pmpaddr_write(env, 0, napot(0x80300000, 0x1000));
    riscv_pmpcfg_write(env, 0, PMP_R | PMP_W |
                               (PMP_A_NAPOT << PMP_A_SHIFT));
    g_assert_cmpint(xlate(env, 0x1000, MMU_DATA_LOAD, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_ACCESS_FAULT);
    /* Open the tables (entry 1); fetch is still denied by entry 0. */
    riscv_pmpaddr_write(env, 1, napot(RAM_BASE, 0x10000));
    riscv_pmpcfg_write(env, 0, (PMP_R | PMP_W |
                                (PMP_A_NAPOT << PMP_A_SHIFT)) |
                               (uint64_t)(PMP_R | (PMP_A_NAPOT <<
                                                   PMP_A_SHIFT)) << 8);
    g_assert_cmpint(xlate(env, 0x1000, MMU_DATA_STORE, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==, RISCV_TRANSLATE_OK);
    g_assert_cmpint(prot, ==, PAGE_READ | PAGE_WRITE);
    g_assert_cmpint(xlate(env, 0x1000, MMU_INST_FETCH, RISCV_MMU_IDX_S,
                          &pa, &prot, &size), ==,
                    RISCV_TRANSLATE_ACCESS_FAULT);
    g_free(env);
}

static void test_tlb_fill_enters_page(void)
{
    CPURISCVState *env = env_new(SATP_MODE_SV39);

    pmp_allow_all(env);
    map(env, 0x40000000, 0x80200000, 1, RWXAD);
    g_assert_true(riscv_cpu_tlb_fill(&env->parent, 0x40012345, 4,
                                     MMU_DATA_LOAD, RISCV_MMU_IDX_S, true,
                                     0));
    g_assert_cmpint(set_page_calls, ==, 1);
    g_assert_cmphex(set_va, ==, 0x40012000);
    g_assert_cmphex(set_pa, ==, 0x80212000);
    g_assert_cmpuint(set_size, ==, 2 << 20);
    g_assert_cmpint(set_idx, ==, RISCV_MMU_IDX_S);
    /* A probe that faults enters nothing. */
    g_assert_false(riscv_cpu_tlb_fill(&env->parent, 0x50000000, 4,
                                      MMU_DATA_LOAD, RISCV_MMU_IDX_S, true,
                                      0));
    g_assert_cmpint(set_page_calls, ==, 1);
    /* Debugger view: mapped pages and holes. */
    g_assert_cmphex(riscv_cpu_get_phys_page_debug(&env->parent, 0x40012345),
                    ==, 0x80212000);
    g_assert_cmphex(riscv_cpu_get_phys_page_debug(&env->parent, 0x50000000),
                    ==, (uint64_t)-1);
    g_free(env);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/riscv-sys/mmu/sv39-sv48-sv57-4k",
                    test_sv39_sv48_sv57_4k);
    g_test_add_func("/riscv-sys/mmu/non-canonical-va",
                    test_non_canonical_va_faults);
    g_test_add_func("/riscv-sys/mmu/superpages", test_superpages);
    g_test_add_func("/riscv-sys/mmu/misaligned-superpage",
                    test_misaligned_superpage_faults);
    g_test_add_func("/riscv-sys/mmu/user-sum-mxr", test_user_pages_sum_mxr);
    g_test_add_func("/riscv-sys/mmu/accessed-dirty",
                    test_accessed_dirty_updates);
    g_test_add_func("/riscv-sys/mmu/malformed-ptes", test_malformed_ptes);
    g_test_add_func("/riscv-sys/mmu/bare-and-m-mode",
                    test_bare_and_machine_mode);
    g_test_add_func("/riscv-sys/pmp/tor-napot-na4", test_pmp_tor_napot_na4);
    g_test_add_func("/riscv-sys/pmp/lock", test_pmp_lock);
    g_test_add_func("/riscv-sys/pmp/walk-and-leaf",
                    test_pmp_on_walk_and_leaf);
    g_test_add_func("/riscv-sys/mmu/tlb-fill", test_tlb_fill_enters_page);
    int ret = g_test_run();
    g_free(ram);
    return ret;
}
