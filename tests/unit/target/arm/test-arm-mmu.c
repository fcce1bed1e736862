/* SPDX-License-Identifier: MIT */
/*
 * The AArch64 stage 1 walker on a fake physical memory: 4K (3 and 4
 * levels), 16K and 64K granules, blocks, TTBR1, TBI, AP/UXN/PXN/PAN/WXN
 * and table permissions, access flag, address size and bad descriptor
 * faults with their levels, the EL2 regime, tlb_fill, AT and TLBI.
 */
#include <string.h>

#include <glib.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"
#include "vemu/softmmu.h"

/* Fake RAM: 16 MiB at 1 GiB; tables are allocated from its upper half. */
#define RAM_BASE 0x40000000ull
#define RAM_SIZE (16ull << 20)
#define TABLES_BASE (RAM_BASE + (8ull << 20))

/* TCR fields. */
#define TCR_T0SZ(x) ((uint64_t)(x))
#define TCR_T1SZ(x) ((uint64_t)(x) << 16)
#define TCR_EPD0 (1ull << 7)
#define TCR_EPD1 (1ull << 23)
#define TCR_TG0_4K (0ull << 14)
#define TCR_TG0_64K (1ull << 14)
#define TCR_TG0_16K (2ull << 14)
#define TCR_TG1_16K (1ull << 30)
#define TCR_TG1_4K (2ull << 30)
#define TCR_TG1_64K (3ull << 30)
#define TCR_IPS(x) ((uint64_t)(x) << 32)
#define TCR_EL2_PS(x) ((uint64_t)(x) << 16)

/* Descriptor bits. */
#define D_VALID 1ull
#define D_PAGE 3ull             /* page (level 3) or table */
#define D_BLOCK 1ull
#define D_ATTR(i) ((uint64_t)(i) << 2)
#define D_AP_EL0 (1ull << 6)
#define D_AP_RO (1ull << 7)
#define D_SH_INNER (3ull << 8)
#define D_AF (1ull << 10)
#define D_PXN (1ull << 53)
#define D_UXN (1ull << 54)
#define T_PXN (1ull << 59)
#define T_UXN (1ull << 60)
#define T_NO_EL0 (1ull << 61)
#define T_RO (1ull << 62)

#define SCTLR_WXN (1ull << 19)

enum { LOAD = 0, STORE = 1, FETCH = 2 };

static uint8_t *ram;
static uint64_t next_table;
static int set_page_calls, flush_calls, flush_page_calls, others_calls;
static uint64_t set_va, set_pa, set_size, flush_addr;
static int set_prot, set_idx;
static uint16_t flush_map;

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

static void fake_flush(CPUState *cpu, uint16_t idxmap)
{
    flush_calls++;
    flush_map = idxmap;
}

static void fake_flush_page(CPUState *cpu, uint64_t addr, uint16_t idxmap)
{
    flush_page_calls++;
    flush_addr = addr;
    flush_map = idxmap;
}

static void fake_flush_others(CPUState *cpu)
{
    others_calls++;
}

static const ARMSysOps fake_ops = {
    .tlb_flush_by_mmuidx = fake_flush,
    .tlb_flush_page_by_mmuidx = fake_flush_page,
    .tlb_flush_others = fake_flush_others,
    .tlb_set_page = fake_tlb_set_page,
    .pte_load = fake_pte_load,
};

/* A CPU with 48-bit PAs, the EL1 MMU on; MAIR: 0 Device, 1 Normal WB. */
static CPUARMState *env_new(uint64_t tcr)
{
    CPUARMState *env = g_malloc0(sizeof(*env));

    if (!ram) {
        ram = g_malloc0(RAM_SIZE);
    }
    memset(ram, 0, RAM_SIZE);
    next_table = TABLES_BASE;
    set_page_calls = flush_calls = flush_page_calls = others_calls = 0;
    env->sys = &fake_ops;
    env->el = 1;
    env->id_aa64mmfr0 = 5;
    env->sctlr_el[1] = SCTLR_M;
    env->tcr_el[1] = tcr | TCR_IPS(5);
    env->mair_el[1] = 0xff00;
    return env;
}

/* Table geometry: granule bits and VA bits of one range. */
typedef struct Geo {
    unsigned g;
    unsigned inputsize;
} Geo;

static int start_level(const Geo *geo)
{
    unsigned stride = geo->g - 3;

    return 4 - (int)((geo->inputsize - geo->g + stride - 1) / stride);
}

static uint64_t new_table(unsigned g)
{
    uint64_t t;

    next_table = (next_table + (1ull << g) - 1) & ~((1ull << g) - 1);
    t = next_table;
    next_table += 1ull << g;
    g_assert_cmpuint(next_table, <=, RAM_BASE + RAM_SIZE);
    return t;
}

/* The descriptor slot for va at level, creating the tables above it. */
static uint64_t *tt_entry(uint64_t root, const Geo *geo, uint64_t va,
                          int level)
{
    unsigned stride = geo->g - 3;
    int start = start_level(geo);
    uint64_t base = root;

    for (int l = start;; l++) {
        unsigned shift = geo->g + (3 - l) * stride;
        unsigned bits = l == start ? geo->inputsize - shift : stride;
        uint64_t *e = ram_word(base + ((va >> shift) &
                                       ((1ull << bits) - 1)) * 8);

        g_assert_nonnull(e);
        if (l == level) {
            return e;
        }
        if (!(*e & D_VALID)) {
            *e = new_table(geo->g) | D_PAGE;
        }
        base = *e & 0x0000fffffffff000ull & ~((1ull << geo->g) - 1);
    }
}

static void map(uint64_t root, const Geo *geo, uint64_t va, int level,
                uint64_t desc)
{
    *tt_entry(root, geo, va, level) = desc;
}

static void assert_fault(CPUARMState *env, uint64_t va, int idx, int access,
                         int fsc)
{
    ARMMMUResult r;

    g_assert_false(arm_mmu_walk(env, va, idx, access, &r));
    g_assert_cmphex(r.fsc, ==, fsc);
    g_assert_cmpint(r.level, ==, fsc & 3);
}

static uint64_t walk_pa(CPUARMState *env, uint64_t va, int idx, int access,
                        uint64_t size)
{
    ARMMMUResult r;

    g_assert_true(arm_mmu_walk(env, va, idx, access, &r));
    g_assert_cmphex(r.size, ==, size);
    return r.pa;
}

static void test_mmu_off_is_flat_within_pa_size(void)
{
    CPUARMState *env = env_new(0);
    ARMMMUResult r;

    env->sctlr_el[1] = 0;
    g_assert_true(arm_mmu_walk(env, 0x123456789ull, ARM_MMU_E10_0, FETCH,
                               &r));
    g_assert_cmphex(r.pa, ==, 0x123456789ull);
    g_assert_cmpint(r.prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    assert_fault(env, 1ull << 48, ARM_MMU_E10_1, LOAD, ARM_FSC_ADDR_SIZE);
    /* PARange 0: 32-bit PAs. */
    env->id_aa64mmfr0 = 0;
    assert_fault(env, 0x100000000ull, ARM_MMU_E10_1, STORE,
                 ARM_FSC_ADDR_SIZE);
    g_assert_cmphex(walk_pa(env, 0xfffff000ull, ARM_MMU_E10_1, STORE, 4096),
                    ==, 0xfffff000ull);
    g_free(env);
}

static void test_4k_three_levels(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(25) | TCR_TG0_4K | TCR_EPD1);
    Geo geo = { 12, 39 };
    uint64_t root = new_table(12);
    ARMMMUResult r;

    env->ttbr0_el[1] = root;
    g_assert_cmpint(start_level(&geo), ==, 1);
    map(root, &geo, 0x12345000, 3, 0x80abc000ull | D_PAGE | D_AF |
        D_ATTR(1) | D_SH_INNER);
    g_assert_true(arm_mmu_walk(env, 0x12345678, ARM_MMU_E10_1, STORE, &r));
    g_assert_cmphex(r.pa, ==, 0x80abc678ull);
    g_assert_cmphex(r.size, ==, 4096);
    g_assert_cmpint(r.level, ==, 3);
    g_assert_cmpint(r.prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    g_assert_cmphex(r.attr, ==, 0xff);
    g_assert_cmpint(r.sh, ==, 3);
    /* Not EL0-accessible. */
    assert_fault(env, 0x12345678, ARM_MMU_E10_0, LOAD,
                 ARM_FSC_PERMISSION | 3);
    /* Next page: its level 3 slot is empty. */
    assert_fault(env, 0x12346000, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 3);
    /* Another 1 GiB: empty level 1 slot. */
    assert_fault(env, 0x52345000, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 1);
    /* Above the 39-bit range of TTBR0. */
    assert_fault(env, 1ull << 39, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 0);
    /* Upper range disabled by EPD1. */
    assert_fault(env, ~0ull << 39, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 0);
    /* HCR_EL2.TGE: the EL1&0 stage 1 is off (with EL2 only). */
    env->hcr_el2 = HCR_TGE;
    g_assert_cmphex(walk_pa(env, 0x12345678, ARM_MMU_E10_1, LOAD, 4096), ==,
                    0x80abc678ull);
    env->has_el2 = true;
    g_assert_cmphex(walk_pa(env, 0x12345678, ARM_MMU_E10_0, STORE, 4096), ==,
                    0x12345678);
    g_free(env);
}

static void test_4k_four_levels_and_blocks(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(16) | TCR_TG0_4K);
    Geo geo = { 12, 48 };
    uint64_t root = new_table(12);

    env->ttbr0_el[1] = root;
    g_assert_cmpint(start_level(&geo), ==, 0);
    map(root, &geo, 0x7f0000001000ull, 3, 0x90001000ull | D_PAGE | D_AF);
    g_assert_cmphex(walk_pa(env, 0x7f0000001abcull, ARM_MMU_E10_1, LOAD,
                            4096), ==, 0x90001abcull);
    /* 2 MiB block at level 2: output bits below 21 come from the VA. */
    map(root, &geo, 0x7f0000200000ull, 2, 0xa0200000ull | D_BLOCK | D_AF);
    g_assert_cmphex(walk_pa(env, 0x7f00002fedcbull, ARM_MMU_E10_1, LOAD,
                            2ull << 20), ==, 0xa02fedcbull);
    /* 1 GiB block at level 1. */
    map(root, &geo, 0x40000000ull, 1, 0xc0000000ull | D_BLOCK | D_AF);
    g_assert_cmphex(walk_pa(env, 0x76543210ull, ARM_MMU_E10_1, FETCH,
                            1ull << 30), ==, 0xf6543210ull);
    /* A block at level 0 is invalid. */
    map(root, &geo, 0x800000000000ull - (1ull << 39), 0,
        0x8000000000ull | D_BLOCK | D_AF);
    assert_fault(env, 0x800000000000ull - 4096, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 0);
    g_free(env);
}

static void test_16k_granule(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(16) | TCR_TG0_16K | TCR_EPD1);
    Geo geo = { 14, 48 };
    uint64_t root = new_table(14);

    env->ttbr0_el[1] = root;
    /* 48 bits with 16K: four levels, level 0 has two entries. */
    g_assert_cmpint(start_level(&geo), ==, 0);
    map(root, &geo, 0x812345670000ull & ~0x3fffull, 3,
        0x55554000ull | D_PAGE | D_AF);
    g_assert_cmphex(walk_pa(env, 0x812345673210ull, ARM_MMU_E10_1, LOAD,
                            16384), ==, 0x55557210ull);
    /* 32 MiB block at level 2. */
    map(root, &geo, 0x10000000ull, 2, 0x62000000ull | D_BLOCK | D_AF);
    g_assert_cmphex(walk_pa(env, 0x11234567ull, ARM_MMU_E10_1, LOAD,
                            32ull << 20), ==, 0x63234567ull);
    /* Level 1 blocks need 52-bit addresses: invalid here. */
    map(root, &geo, 0x400000000000ull, 1, 0x0ull | D_BLOCK | D_AF);
    assert_fault(env, 0x400000001000ull, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 1);
    g_free(env);

    /* 47 bits: three levels from level 1. */
    env = env_new(TCR_T0SZ(17) | TCR_TG0_16K);
    geo.inputsize = 47;
    root = new_table(14);
    env->ttbr0_el[1] = root;
    g_assert_cmpint(start_level(&geo), ==, 1);
    map(root, &geo, 0x7fff0000c000ull, 3, 0x4000c000ull | D_PAGE | D_AF);
    g_assert_cmphex(walk_pa(env, 0x7fff0000c008ull, ARM_MMU_E10_1, LOAD,
                            16384), ==, 0x4000c008ull);
    assert_fault(env, 0x800000000000ull, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 0);
    g_free(env);
}

static void test_64k_granule(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(22) | TCR_TG0_64K);
    Geo geo = { 16, 42 };
    uint64_t root = new_table(16);

    env->ttbr0_el[1] = root;
    /* 42 bits with 64K: two levels from level 2. */
    g_assert_cmpint(start_level(&geo), ==, 2);
    map(root, &geo, 0x3ff12340000ull, 3, 0x7ee50000ull | D_PAGE | D_AF);
    g_assert_cmphex(walk_pa(env, 0x3ff1234fff0ull, ARM_MMU_E10_1, LOAD,
                            65536), ==, 0x7ee5fff0ull);
    /* 512 MiB block at level 2. */
    map(root, &geo, 0x20000000ull, 2, 0x60000000ull | D_BLOCK | D_AF);
    g_assert_cmphex(walk_pa(env, 0x3abcdef0ull, ARM_MMU_E10_1, LOAD,
                            512ull << 20), ==, 0x7abcdef0ull);
    g_free(env);

    /* 48 bits: three levels, no level 1 blocks. */
    env = env_new(TCR_T0SZ(16) | TCR_TG0_64K);
    geo.inputsize = 48;
    root = new_table(16);
    env->ttbr0_el[1] = root;
    g_assert_cmpint(start_level(&geo), ==, 1);
    map(root, &geo, 0xabcd00010000ull, 3, 0x41230000ull | D_PAGE | D_AF);
    g_assert_cmphex(walk_pa(env, 0xabcd00010004ull, ARM_MMU_E10_1, LOAD,
                            65536), ==, 0x41230004ull);
    map(root, &geo, 0x100000000000ull, 1, D_BLOCK | D_AF);
    assert_fault(env, 0x100000000000ull, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 1);
    g_free(env);
}

static void test_ttbr1_kernel_addresses(void)
{
    static const struct {
        uint64_t tg1;
        unsigned g;
    } grans[] = {
        { TCR_TG1_4K, 12 }, { TCR_TG1_16K, 14 }, { TCR_TG1_64K, 16 },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(grans); i++) {
        CPUARMState *env = env_new(TCR_T0SZ(25) | TCR_T1SZ(16) |
                                   grans[i].tg1);
        Geo geo = { grans[i].g, 48 };
        uint64_t root = new_table(grans[i].g);
        uint64_t kva = 0xffff800012340000ull;

        env->ttbr1_el[1] = root;
        map(root, &geo, kva, 3, 0x44440000ull | D_PAGE | D_AF);
        g_assert_cmphex(walk_pa(env, kva + 0x44, ARM_MMU_E10_1, LOAD,
                                1ull << grans[i].g), ==, 0x44440044ull);
        /* Bits 63:48 must all be ones for TTBR1. */
        assert_fault(env, kva & ~(1ull << 60), ARM_MMU_E10_1, LOAD,
                     ARM_FSC_TRANSLATION | 0);
        /* TTBR0 is empty (a zeroed table at 0 is outside RAM). */
        assert_fault(env, 0x1000, ARM_MMU_E10_1, LOAD,
                     ARM_FSC_EXT_WALK | 1);
        env->tcr_el[1] |= TCR_EPD1;
        assert_fault(env, kva, ARM_MMU_E10_1, LOAD, ARM_FSC_TRANSLATION | 0);
        g_free(env);
    }
}

static void test_tbi_ignores_top_byte(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(16) | TCR_T1SZ(16) | TCR_TG1_4K);
    Geo geo = { 12, 48 };
    uint64_t root = new_table(12), root1 = new_table(12);

    env->ttbr0_el[1] = root;
    env->ttbr1_el[1] = root1;
    map(root, &geo, 0x1000, 3, 0x40002000ull | D_PAGE | D_AF);
    map(root1, &geo, 0xfffffffffffff000ull, 3, 0x40003000ull | D_PAGE | D_AF);
    assert_fault(env, 0x5a00000000001000ull, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 0);
    env->tcr_el[1] |= TCR_TBI0;
    g_assert_cmphex(walk_pa(env, 0x5a00000000001008ull, ARM_MMU_E10_1, LOAD,
                            4096), ==, 0x40002008ull);
    /* Bit 55 still selects the range; TBI1 is separate. */
    assert_fault(env, 0x00fffffffffff000ull, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_TRANSLATION | 0);
    env->tcr_el[1] |= TCR_TBI1;
    g_assert_cmphex(walk_pa(env, 0x00fffffffffff010ull, ARM_MMU_E10_1, LOAD,
                            4096), ==, 0x40003010ull);
    g_free(env);
}

/* One 4K page at va 0x1000 with leaf bits `bits`, for permission tests. */
static CPUARMState *perm_env(uint64_t bits, uint64_t table_bits)
{
    CPUARMState *env = env_new(TCR_T0SZ(25) | TCR_TG0_4K);
    Geo geo = { 12, 39 };
    uint64_t root = new_table(12);

    env->ttbr0_el[1] = root;
    map(root, &geo, 0x1000, 3, 0x40005000ull | D_PAGE | D_AF | bits);
    *tt_entry(root, &geo, 0x1000, 2) |= table_bits;
    return env;
}

static int prot_of(CPUARMState *env, int idx)
{
    ARMMMUResult r;

    g_assert_true(arm_mmu_walk(env, 0x1000, idx, ARM_MMU_ACCESS_ANY, &r));
    return r.prot;
}

#define R PAGE_READ
#define W PAGE_WRITE
#define X PAGE_EXEC

static void test_ap_uxn_pxn(void)
{
    static const struct {
        uint64_t bits;
        int el0, el1, pan;
    } cases[] = {
        { 0, X, R | W | X, R | W | X },
        /* EL0-writable: never EL1-executable; PAN removes data access. */
        { D_AP_EL0, R | W | X, R | W, 0 },
        { D_AP_RO, X, R | X, R | X },
        { D_AP_RO | D_AP_EL0, R | X, R | X, X },
        { D_UXN, 0, R | W | X, R | W | X },
        { D_PXN, X, R | W, R | W },
        { D_AP_RO | D_AP_EL0 | D_UXN | D_PXN, R, R, 0 },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        CPUARMState *env = perm_env(cases[i].bits, 0);

        g_assert_cmpint(prot_of(env, ARM_MMU_E10_0), ==, cases[i].el0);
        g_assert_cmpint(prot_of(env, ARM_MMU_E10_1), ==, cases[i].el1);
        g_assert_cmpint(prot_of(env, ARM_MMU_E10_1_PAN), ==, cases[i].pan);
        g_free(env);
    }
}

static void test_permission_faults(void)
{
    CPUARMState *env = perm_env(D_AP_EL0, 0);

    assert_fault(env, 0x1000, ARM_MMU_E10_1, FETCH, ARM_FSC_PERMISSION | 3);
    assert_fault(env, 0x1000, ARM_MMU_E10_1_PAN, LOAD,
                 ARM_FSC_PERMISSION | 3);
    g_assert_cmphex(walk_pa(env, 0x1008, ARM_MMU_E10_0, STORE, 4096), ==,
                    0x40005008ull);
    g_free(env);
    env = perm_env(D_AP_RO, 0);
    assert_fault(env, 0x1000, ARM_MMU_E10_1, STORE, ARM_FSC_PERMISSION | 3);
    assert_fault(env, 0x1000, ARM_MMU_E10_0, LOAD, ARM_FSC_PERMISSION | 3);
    g_free(env);
    env = perm_env(D_AP_RO | D_AP_EL0 | D_UXN, 0);
    assert_fault(env, 0x1000, ARM_MMU_E10_0, FETCH, ARM_FSC_PERMISSION | 3);
    g_free(env);
}

static void test_wxn(void)
{
    CPUARMState *env = perm_env(0, 0);

    env->sctlr_el[1] |= SCTLR_WXN;
    g_assert_cmpint(prot_of(env, ARM_MMU_E10_1), ==, R | W);
    assert_fault(env, 0x1000, ARM_MMU_E10_1, FETCH, ARM_FSC_PERMISSION | 3);
    g_free(env);
    env = perm_env(D_AP_EL0, 0);
    env->sctlr_el[1] |= SCTLR_WXN;
    g_assert_cmpint(prot_of(env, ARM_MMU_E10_0), ==, R | W);
    g_free(env);
    /* Read-only memory stays executable. */
    env = perm_env(D_AP_RO | D_AP_EL0, 0);
    env->sctlr_el[1] |= SCTLR_WXN;
    g_assert_cmpint(prot_of(env, ARM_MMU_E10_0), ==, R | X);
    g_assert_cmpint(prot_of(env, ARM_MMU_E10_1), ==, R | X);
    g_free(env);
}

static void test_table_permissions(void)
{
    static const struct {
        uint64_t bits, table;
        int el0, el1;
    } cases[] = {
        { D_AP_EL0, T_NO_EL0, X, R | W | X },
        { D_AP_EL0, T_RO, R | X, R | X },
        { D_AP_EL0, T_UXN, R | W, R | W },
        { 0, T_PXN, X, R | W },
        { D_AP_EL0 | D_AP_RO, T_UXN | T_PXN, R, R },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        CPUARMState *env = perm_env(cases[i].bits, cases[i].table);

        g_assert_cmpint(prot_of(env, ARM_MMU_E10_0), ==, cases[i].el0);
        g_assert_cmpint(prot_of(env, ARM_MMU_E10_1), ==, cases[i].el1);
        g_free(env);
    }
    /* The fault is reported at the leaf's level. */
    {
        CPUARMState *env = perm_env(D_AP_EL0, T_RO);

        assert_fault(env, 0x1000, ARM_MMU_E10_0, STORE,
                     ARM_FSC_PERMISSION | 3);
        g_free(env);
    }
}

static void test_access_flag(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(25) | TCR_TG0_4K);
    Geo geo = { 12, 39 };
    uint64_t root = new_table(12);
    ARMMMUResult r;

    env->ttbr0_el[1] = root;
    map(root, &geo, 0x1000, 3, 0x40005000ull | D_PAGE);
    map(root, &geo, 0x400000, 2, 0x40400000ull | D_BLOCK);
    assert_fault(env, 0x1000, ARM_MMU_E10_1, LOAD, ARM_FSC_ACCESS_FLAG | 3);
    assert_fault(env, 0x400000, ARM_MMU_E10_1, FETCH,
                 ARM_FSC_ACCESS_FLAG | 2);
    /* Access flag before permissions. */
    assert_fault(env, 0x1000, ARM_MMU_E10_0, STORE, ARM_FSC_ACCESS_FLAG | 3);
    /* Debug walks translate anyway. */
    g_assert_true(arm_mmu_walk(env, 0x1000, ARM_MMU_E10_0,
                               ARM_MMU_ACCESS_ANY, &r));
    g_assert_cmphex(r.pa, ==, 0x40005000ull);
    g_free(env);
}

static void test_address_size_faults(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(25) | TCR_TG0_4K);
    Geo geo = { 12, 39 };
    uint64_t root = new_table(12);
    uint64_t *l1;

    env->ttbr0_el[1] = root;
    env->tcr_el[1] = (env->tcr_el[1] & ~TCR_IPS(7)) | TCR_IPS(0);
    map(root, &geo, 0x1000, 3, 0x100005000ull | D_PAGE | D_AF);
    map(root, &geo, 0x200000, 2, 0x1ffe00000ull | D_BLOCK | D_AF);
    map(root, &geo, 0x400000, 2, 0xffe00000ull | D_BLOCK | D_AF);
    /* 32-bit output: leaves above 4 GiB fault at their level. */
    assert_fault(env, 0x1000, ARM_MMU_E10_1, LOAD, ARM_FSC_ADDR_SIZE | 3);
    assert_fault(env, 0x200000, ARM_MMU_E10_1, LOAD, ARM_FSC_ADDR_SIZE | 2);
    g_assert_cmphex(walk_pa(env, 0x400010, ARM_MMU_E10_1, LOAD, 2ull << 20),
                    ==, 0xffe00010ull);
    /* A table address above the output size, at level 1. */
    l1 = tt_entry(root, &geo, 0x40000000, 1);
    *l1 = 0x200000000ull | D_PAGE;
    assert_fault(env, 0x40000000, ARM_MMU_E10_1, LOAD,
                 ARM_FSC_ADDR_SIZE | 1);
    /* TTBR above it: level 0, whatever the starting level. */
    env->ttbr0_el[1] = 0x100000000ull;
    assert_fault(env, 0x400000, ARM_MMU_E10_1, LOAD, ARM_FSC_ADDR_SIZE | 0);
    /* IPS larger than PARange: PARange wins. */
    env->ttbr0_el[1] = root;
    env->tcr_el[1] |= TCR_IPS(5);
    g_assert_cmphex(walk_pa(env, 0x1000, ARM_MMU_E10_1, LOAD, 4096), ==,
                    0x100005000ull);
    env->id_aa64mmfr0 = 0;
    assert_fault(env, 0x1000, ARM_MMU_E10_1, LOAD, ARM_FSC_ADDR_SIZE | 3);
    g_free(env);
}

static void test_bad_descriptors(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(25) | TCR_TG0_4K);
    Geo geo = { 12, 39 };
    uint64_t root = new_table(12);

    env->ttbr0_el[1] = root;
    /* 0b01 at level 3 is reserved. */
    map(root, &geo, 0x1000, 3, 0x40005000ull | D_BLOCK | D_AF);
    assert_fault(env, 0x1000, ARM_MMU_E10_1, LOAD, ARM_FSC_TRANSLATION | 3);
    /* Invalid (bit 0 clear) with other bits set. */
    map(root, &geo, 0x2000, 3, 0x40005000ull | 2 | D_AF);
    assert_fault(env, 0x2000, ARM_MMU_E10_1, LOAD, ARM_FSC_TRANSLATION | 3);
    /* A table outside memory: external abort on the next level's read. */
    *tt_entry(root, &geo, 0x40000000, 1) = 0x800000000ull | D_PAGE;
    assert_fault(env, 0x40000000, ARM_MMU_E10_1, LOAD, ARM_FSC_EXT_WALK | 2);
    /* Garbage everywhere never crashes and always faults or maps. */
    for (unsigned i = 0; i < 512; i++) {
        ((uint64_t *)(ram + (root - RAM_BASE)))[i] =
            0x9e3779b97f4a7c15ull * (i + 1);
    }
    for (unsigned i = 0; i < 512; i++) {
        ARMMMUResult r;

        arm_mmu_walk(env, (uint64_t)i << 30, ARM_MMU_E10_1, LOAD, &r);
    }
    g_free(env);
}

static void test_el2_regime(void)
{
    CPUARMState *env = env_new(0);
    Geo geo = { 12, 48 };
    uint64_t root = new_table(12);

    env->sctlr_el[2] = SCTLR_M;
    env->tcr_el[2] = TCR_T0SZ(16) | TCR_EL2_PS(5) | (1ull << 31) |
                     (1ull << 23);
    env->ttbr0_el[2] = root;
    env->mair_el[2] = 0x44;
    map(root, &geo, 0x1000, 3, 0x40005000ull | D_PAGE | D_AF);
    map(root, &geo, 0x2000, 3, 0x40006000ull | D_PAGE | D_AF | D_AP_RO);
    map(root, &geo, 0x3000, 3, 0x40007000ull | D_PAGE | D_AF | D_UXN);
    map(root, &geo, 0x4000, 3, 0x40008000ull | D_PAGE | D_AF | D_PXN |
        D_AP_EL0);
    /* AP[1] has no meaning here; PXN is RES0; XN is bit 54. */
    g_assert_cmphex(walk_pa(env, 0x1000, ARM_MMU_E2, STORE, 4096), ==,
                    0x40005000ull);
    assert_fault(env, 0x2000, ARM_MMU_E2, STORE, ARM_FSC_PERMISSION | 3);
    assert_fault(env, 0x3000, ARM_MMU_E2, FETCH, ARM_FSC_PERMISSION | 3);
    g_assert_cmphex(walk_pa(env, 0x4000, ARM_MMU_E2, FETCH, 4096), ==,
                    0x40008000ull);
    /* APTable[0] is ignored, XNTable is honoured. */
    *tt_entry(root, &geo, 0x1000, 2) |= T_NO_EL0;
    g_assert_cmphex(walk_pa(env, 0x1000, ARM_MMU_E2, STORE, 4096), ==,
                    0x40005000ull);
    *tt_entry(root, &geo, 0x1000, 2) |= T_UXN;
    assert_fault(env, 0x1000, ARM_MMU_E2, FETCH, ARM_FSC_PERMISSION | 3);
    /* One range only: high addresses are outside it. */
    assert_fault(env, 0xffff000000001000ull, ARM_MMU_E2, LOAD,
                 ARM_FSC_TRANSLATION | 0);
    /* PS in TCR_EL2[18:16], not IPS. */
    env->tcr_el[2] = (env->tcr_el[2] & ~TCR_EL2_PS(7)) | TCR_IPS(5);
    map(root, &geo, 0x5000, 3, 0x100000000ull | D_PAGE | D_AF);
    assert_fault(env, 0x5000, ARM_MMU_E2, LOAD, ARM_FSC_ADDR_SIZE | 3);
    /* The EL1 MMU setting does not matter; EL2's does. */
    env->sctlr_el[1] = 0;
    env->sctlr_el[2] = 0;
    g_assert_cmphex(walk_pa(env, 0x5000, ARM_MMU_E2, LOAD, 4096), ==,
                    0x5000);
    g_free(env);
}

static void test_tlb_fill(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(25) | TCR_TG0_4K);
    Geo geo = { 12, 39 };
    uint64_t root = new_table(12);

    env->ttbr0_el[1] = root;
    map(root, &geo, 0x200000, 2, 0x40200000ull | D_BLOCK | D_AF | D_AP_RO);
    g_assert_true(arm_tlb_fill(&env->parent, 0x2345f8, 8, LOAD,
                               ARM_MMU_E10_1, false, 0));
    g_assert_cmpint(set_page_calls, ==, 1);
    /* The 4K page of the access, with the block's size. */
    g_assert_cmphex(set_va, ==, 0x234000);
    g_assert_cmphex(set_pa, ==, 0x40234000ull);
    g_assert_cmphex(set_size, ==, 2ull << 20);
    g_assert_cmpint(set_prot, ==, R | X);
    g_assert_cmpint(set_idx, ==, ARM_MMU_E10_1);
    /* Faults with probe: false, nothing entered. */
    g_assert_false(arm_tlb_fill(&env->parent, 0x2345f8, 8, STORE,
                                ARM_MMU_E10_1, true, 0));
    g_assert_false(arm_tlb_fill(&env->parent, 0x600000, 8, LOAD,
                                ARM_MMU_E10_1, true, 0));
    g_assert_cmpint(set_page_calls, ==, 1);
    g_free(env);
}

static void test_debug_translation(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(25) | TCR_TG0_4K);
    Geo geo = { 12, 39 };
    uint64_t root = new_table(12);

    env->ttbr0_el[1] = root;
    map(root, &geo, 0x5000, 3, 0x40009000ull | D_PAGE);
    g_assert_cmphex(arm_get_phys_page_debug(&env->parent, 0x5000), ==,
                    0x40009000ull);
    g_assert_cmphex(arm_get_phys_page_debug(&env->parent, 0x6000), ==,
                    (hwaddr)-1);
    env->el = 0;
    g_assert_cmphex(arm_get_phys_page_debug(&env->parent, 0x5000), ==,
                    0x40009000ull);
    /* EL2 with its MMU off: flat. */
    env->el = 2;
    g_assert_cmphex(arm_get_phys_page_debug(&env->parent, 0x5000), ==,
                    0x5000);
    g_free(env);
}

static void test_at_par(void)
{
    CPUARMState *env = env_new(TCR_T0SZ(25) | TCR_TG0_4K);
    Geo geo = { 12, 39 };
    uint64_t root = new_table(12);
    uint64_t par;

    env->ttbr0_el[1] = root;
    map(root, &geo, 0x1000, 3, 0x40005000ull | D_PAGE | D_AF | D_ATTR(1) |
        D_SH_INNER | D_AP_RO);
    map(root, &geo, 0x2000, 3, 0x09000000ull | D_PAGE | D_AF | D_ATTR(0) |
        D_SH_INNER);
    par = arm_at_translate(env, 0x1234, ARM_MMU_E10_1, LOAD);
    g_assert_cmphex(par & 1, ==, 0);
    g_assert_cmphex(par & 0x0000fffffffff000ull, ==, 0x40005000ull);
    g_assert_cmphex(par >> 56, ==, 0xff);
    g_assert_cmphex((par >> 7) & 3, ==, 3);
    g_assert_cmphex(par & (1ull << 11), !=, 0);
    /* Device memory reports Outer Shareable. */
    par = arm_at_translate(env, 0x2000, ARM_MMU_E10_1, LOAD);
    g_assert_cmphex(par >> 56, ==, 0);
    g_assert_cmphex((par >> 7) & 3, ==, 2);
    /* A write to read-only memory: F, FST = permission level 3. */
    par = arm_at_translate(env, 0x1234, ARM_MMU_E10_1, STORE);
    g_assert_cmphex(par & 1, ==, 1);
    g_assert_cmphex((par >> 1) & 0x3f, ==, ARM_FSC_PERMISSION | 3);
    g_assert_cmphex(par & (3ull << 8), ==, 0);
    /* EL0 view: no access. */
    par = arm_at_translate(env, 0x1234, ARM_MMU_E10_0, LOAD);
    g_assert_cmphex((par >> 1) & 0x3f, ==, ARM_FSC_PERMISSION | 3);
    par = arm_at_translate(env, 0x3000, ARM_MMU_E10_1, LOAD);
    g_assert_cmphex((par >> 1) & 0x3f, ==, ARM_FSC_TRANSLATION | 3);
    g_free(env);
}

#define TLBI(op1, crm, op2) SYSREG(1, op1, 8, crm, op2)

static void test_tlbi(void)
{
    CPUARMState *env = env_new(0);

    /* VAE1IS of a kernel VA: Xt[43:0] = VA[55:12], sign-extended. */
    arm_tlbi(env, TLBI(0, 3, 1), 0xffff800012345000ull >> 12);
    g_assert_cmpint(flush_page_calls, ==, 1);
    g_assert_cmphex(flush_addr, ==, 0xffff800012345000ull);
    g_assert_cmphex(flush_map, ==, ARM_MMU_E10_MASK);
    g_assert_cmpint(others_calls, ==, 1);
    /* VALE1 of a user VA, with an ASID in Xt[63:48]: local only. */
    arm_tlbi(env, TLBI(0, 7, 5), (5ull << 48) | 0x7f123ull);
    g_assert_cmphex(flush_addr, ==, 0x7f123000ull);
    g_assert_cmpint(others_calls, ==, 1);
    /* VMALLE1 / ASIDE1IS: the whole EL1&0 regime. */
    arm_tlbi(env, TLBI(0, 7, 0), 0);
    g_assert_cmpint(flush_calls, ==, 1);
    g_assert_cmphex(flush_map, ==, ARM_MMU_E10_MASK);
    arm_tlbi(env, TLBI(0, 3, 2), 7ull << 48);
    g_assert_cmpint(flush_calls, ==, 2);
    g_assert_cmpint(others_calls, ==, 2);
    /* ALLE2, VALE2IS: the EL2 regime. */
    arm_tlbi(env, TLBI(4, 7, 0), 0);
    g_assert_cmphex(flush_map, ==, ARM_MMU_E2_MASK);
    arm_tlbi(env, TLBI(4, 3, 5), 0x40000ull);
    g_assert_cmphex(flush_addr, ==, 0x40000000ull);
    g_assert_cmphex(flush_map, ==, ARM_MMU_E2_MASK);
    g_assert_cmpint(others_calls, ==, 3);
    /* ALLE1IS, VMALLS12E1: EL1&0. */
    arm_tlbi(env, TLBI(4, 3, 4), 0);
    g_assert_cmphex(flush_map, ==, ARM_MMU_E10_MASK);
    g_assert_cmpint(others_calls, ==, 4);
    arm_tlbi(env, TLBI(4, 7, 6), 0);
    g_assert_cmpint(flush_calls, ==, 5);
    /* IPAS2E1IS: no stage 2, nothing to do. */
    arm_tlbi(env, TLBI(4, 0, 1), 0x1234);
    arm_tlbi(env, TLBI(4, 4, 5), 0x1234);
    g_assert_cmpint(flush_calls, ==, 5);
    g_assert_cmpint(flush_page_calls, ==, 3);
    g_assert_cmpint(others_calls, ==, 4);
    g_free(env);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm/mmu/off-flat-pa-size",
                    test_mmu_off_is_flat_within_pa_size);
    g_test_add_func("/arm/mmu/4k-three-levels", test_4k_three_levels);
    g_test_add_func("/arm/mmu/4k-four-levels-blocks",
                    test_4k_four_levels_and_blocks);
    g_test_add_func("/arm/mmu/16k-granule", test_16k_granule);
    g_test_add_func("/arm/mmu/64k-granule", test_64k_granule);
    g_test_add_func("/arm/mmu/ttbr1", test_ttbr1_kernel_addresses);
    g_test_add_func("/arm/mmu/tbi", test_tbi_ignores_top_byte);
    g_test_add_func("/arm/mmu/ap-uxn-pxn-pan", test_ap_uxn_pxn);
    g_test_add_func("/arm/mmu/permission-faults", test_permission_faults);
    g_test_add_func("/arm/mmu/wxn", test_wxn);
    g_test_add_func("/arm/mmu/table-permissions", test_table_permissions);
    g_test_add_func("/arm/mmu/access-flag", test_access_flag);
    g_test_add_func("/arm/mmu/address-size", test_address_size_faults);
    g_test_add_func("/arm/mmu/bad-descriptors", test_bad_descriptors);
    g_test_add_func("/arm/mmu/el2-regime", test_el2_regime);
    g_test_add_func("/arm/mmu/tlb-fill", test_tlb_fill);
    g_test_add_func("/arm/mmu/debug", test_debug_translation);
    g_test_add_func("/arm/mmu/at-par", test_at_par);
    g_test_add_func("/arm/mmu/tlbi", test_tlbi);
    ret = g_test_run();
    g_free(ram);
    return ret;
}
