/* SPDX-License-Identifier: MIT */
/*
 * Stage 1 translation at EL1 with the 4K granule: identity blocks for
 * devices and RAM, a TTBR1 alias of RAM, a level 3 table with RW, RO,
 * invalid, AF=0 and execute-never pages; the faults' syndromes and FAR,
 * AT S1E1R into PAR_EL1, TLBI after a remap, and code that runs across
 * a page boundary whose second page is remapped.
 */
#include "sys-test.h"

#define PAGE 4096ull
#define TEST_VA 0x80000000ull               /* L1 index 2 */
#define HIGH_VA 0xffffff8000000000ull       /* TTBR1, L1 index 0 */
#define RAM 0x40000000ull

static uint64_t l1_lo[512] __attribute__((aligned(4096)));
static uint64_t l1_hi[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));
static uint8_t pages[4][4096] __attribute__((aligned(4096)));
static uint32_t code[3][1024] __attribute__((aligned(4096)));

/* Descriptor bits: valid, table/page, AttrIndx, AP, SH, AF, PXN, UXN. */
#define D_VALID 1ull
#define D_TABLE 3ull
#define D_PAGE 3ull
#define D_BLOCK 1ull
#define D_ATTR(n) ((uint64_t)(n) << 2)
#define D_AP_RO (2ull << 6)
#define D_SH_INNER (3ull << 8)
#define D_AF (1ull << 10)
#define D_PXN (1ull << 53)
#define D_UXN (1ull << 54)

static const uint32_t ret_insn = 0xd65f03c0;    /* ret */
#define MOVZ_X0(n) (0xd2800000u | ((n) << 5))
#define ADD_X0(n) (0x91000000u | ((n) << 10))

/*
 * x0 = 1 + 2 at the end of one page, then whatever the next page adds:
 * a TB may span both pages, and must not outlive the second one's
 * mapping.
 */
static uint64_t call_across(void)
{
    return ((uint64_t (*)(void))(TEST_VA + 7 * PAGE - 8))();
}

static void sync_code(void)
{
    dsb();
    __asm__ volatile("ic iallu\n dsb sy\n isb");
}

static void setup(void)
{
    uint64_t normal = D_ATTR(0) | D_SH_INNER | D_AF;

    l1_lo[0] = 0x00000000ull | D_BLOCK | D_ATTR(1) | D_AF | D_PXN | D_UXN;
    l1_lo[1] = RAM | D_BLOCK | normal;
    l1_lo[2] = (uint64_t)l2 | D_TABLE;
    l2[0] = (uint64_t)l3 | D_TABLE;
    l3[0] = (uint64_t)pages[0] | D_PAGE | normal;
    l3[1] = (uint64_t)pages[1] | D_PAGE | normal | D_AP_RO;
    l3[2] = 0;                                   /* invalid */
    l3[3] = (uint64_t)pages[2] | D_PAGE | D_ATTR(0) | D_SH_INNER; /* AF=0 */
    l3[4] = (uint64_t)pages[3] | D_PAGE | normal | D_PXN;
    l3[5] = (uint64_t)pages[3] | D_PAGE | normal;
    l3[6] = (uint64_t)code[0] | D_PAGE | normal;
    l3[7] = (uint64_t)code[1] | D_PAGE | normal;
    l1_hi[0] = RAM | D_BLOCK | normal;

    write_sysreg(mair_el1, 0x00ffull);          /* 0 normal WB, 1 device */
    /* T0SZ = T1SZ = 25 (39 bits), TG0 4K, TG1 4K (2), IPS 40 bits,
     * inner/outer WBWA, inner shareable. */
    write_sysreg(tcr_el1, 25ull | (1ull << 8) | (1ull << 10) | (3ull << 12) |
                          (25ull << 16) | (1ull << 24) | (1ull << 26) |
                          (3ull << 28) | (2ull << 30) | (2ull << 32));
    write_sysreg(ttbr0_el1, (uint64_t)l1_lo);
    write_sysreg(ttbr1_el1, (uint64_t)l1_hi);
    dsb();
    isb();
    write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | 1 | (1 << 2) |
                            (1 << 12));
    isb();
}

/* An instruction abort on a call: go back to the caller (x30). */
static int return_on_insn_abort(struct frame *f, int type)
{
    if (ESR_EC(last_exc.esr) == 0x21) {
        f->elr = f->x[30];
        return 1;
    }
    return 0;
}

static int fault(uint64_t esr)
{
    return esr & 0x3f;
}

int main(void)
{
    volatile uint64_t *p;
    uint64_t par;
    int n;

    pages[0][0] = 0x5a;
    pages[1][8] = 0xa5;
    pages[3][0] = 0;
    setup();
    CHECK(read_sysreg(sctlr_el1) & 1);

    /* RW page through the table walk. */
    p = (volatile uint64_t *)TEST_VA;
    CHECK((*p & 0xff) == 0x5a);
    *p = 0x1234;
    CHECK(*(volatile uint64_t *)pages[0] == 0x1234);

    /* RO page: reads work, a write is a permission fault at level 3. */
    p = (volatile uint64_t *)(TEST_VA + PAGE);
    CHECK((p[1] & 0xff) == 0xa5);
    n = last_exc.count;
    p[0] = 1;
    CHECK(last_exc.count == n + 1);
    CHECK(ESR_EC(last_exc.esr) == 0x25);
    CHECK(fault(last_exc.esr) == 0x0f);
    CHECK(last_exc.esr & (1u << 6));            /* WnR */
    CHECK(last_exc.far == TEST_VA + PAGE);

    /* Invalid page: translation fault, level 3; a read (WnR clear). */
    n = last_exc.count;
    (void)*(volatile uint64_t *)(TEST_VA + 2 * PAGE + 16);
    CHECK(last_exc.count == n + 1);
    CHECK(fault(last_exc.esr) == 0x07);
    CHECK(!(last_exc.esr & (1u << 6)));
    CHECK(last_exc.far == TEST_VA + 2 * PAGE + 16);

    /* AF clear: access flag fault, level 3. */
    (void)*(volatile uint64_t *)(TEST_VA + 3 * PAGE);
    CHECK(fault(last_exc.esr) == 0x0b);

    /* Outside the L1 table's reach (index 3 is empty): level 1. */
    (void)*(volatile uint64_t *)0xc0000000ull;
    CHECK(fault(last_exc.esr) == 0x05);

    /* The TTBR1 alias sees RAM. */
    CHECK(*(volatile uint8_t *)(HIGH_VA + ((uint64_t)pages[1] - RAM) + 8) ==
          0xa5);

    /* AT S1E1R: a mapped VA gives its PA, an invalid one F and FST. */
    __asm__ volatile("at s1e1r, %0" : : "r"(TEST_VA + PAGE + 0x123));
    isb();
    par = read_sysreg(par_el1);
    CHECK(!(par & 1));
    CHECK((par & 0xfffffffff000ull) == (uint64_t)pages[1]);
    __asm__ volatile("at s1e1r, %0" : : "r"(TEST_VA + 2 * PAGE));
    isb();
    par = read_sysreg(par_el1);
    CHECK(par & 1);
    CHECK(((par >> 1) & 0x3f) == 0x07);

    /* Fetch from a PXN page: instruction abort (EC 0x21) at the VA. */
    *(volatile uint32_t *)(TEST_VA + 5 * PAGE) = ret_insn;
    dsb();
    __asm__ volatile("ic iallu\n dsb sy\n isb");
    n = last_exc.count;
    exc_hook = return_on_insn_abort;
    ((void (*)(void))(TEST_VA + 4 * PAGE))();
    exc_hook = 0;
    CHECK(last_exc.count == n + 1);
    CHECK(ESR_EC(last_exc.esr) == 0x21);
    CHECK(fault(last_exc.esr) == 0x0f);
    CHECK(last_exc.far == TEST_VA + 4 * PAGE);
    /* The same page mapped executable runs. */
    n = last_exc.count;
    ((void (*)(void))(TEST_VA + 5 * PAGE))();
    CHECK(last_exc.count == n);

    /* Remap page 0 to page 3's frame; after TLBI VAE1 the new one shows. */
    (void)*(volatile uint64_t *)TEST_VA;
    *(volatile uint64_t *)pages[3] = 0x77;
    l3[0] = (uint64_t)pages[3] | D_PAGE | D_ATTR(0) | D_SH_INNER | D_AF;
    dsb();
    __asm__ volatile("tlbi vae1, %0\n dsb sy\n isb" : : "r"(TEST_VA >> 12));
    CHECK(*(volatile uint64_t *)TEST_VA == 0x77);

    /* Straight-line code across pages 6 and 7, page 7 then remapped. */
    code[0][1022] = MOVZ_X0(1);
    code[0][1023] = ADD_X0(2);
    code[1][0] = ADD_X0(4);
    code[1][1] = ret_insn;
    code[2][0] = ADD_X0(8);
    code[2][1] = ret_insn;
    sync_code();
    CHECK(call_across() == 7);
    __asm__ volatile("tlbi vmalle1\n dsb sy\n isb");
    CHECK(call_across() == 7);                  /* same mapping, same code */
    l3[7] = (uint64_t)code[2] | D_PAGE | D_ATTR(0) | D_SH_INNER | D_AF;
    dsb();
    __asm__ volatile("tlbi vmalle1\n dsb sy\n isb");
    CHECK(call_across() == 11);
    l3[7] = (uint64_t)code[1] | D_PAGE | D_ATTR(0) | D_SH_INNER | D_AF;
    dsb();
    __asm__ volatile("tlbi vae1, %0\n dsb sy\n isb"
                     : : "r"((TEST_VA + 7 * PAGE) >> 12));
    CHECK(call_across() == 7);

    /*
     * Top byte ignore: with TCR_EL1.TBI0 a tagged pointer reaches the
     * same page, also after a remap and TLBI by VA; without it the address is out of the TTBR0 range
     * (translation fault, level 0). TBI1 is clear: a tag on a TTBR1
     * address faults too.
     */
    {
        uint64_t tcr = read_sysreg(tcr_el1);
        volatile uint64_t *tagged =
            (volatile uint64_t *)((0x5aull << 56) | TEST_VA);
        volatile uint8_t *high_tagged = (volatile uint8_t *)
            ((HIGH_VA & ~(0xffull << 56)) | (0x5bull << 56));

        write_sysreg(tcr_el1, tcr | (1ull << 37));
        isb();
        n = last_exc.count;
        CHECK(*tagged == 0x77);
        CHECK(last_exc.count == n);
        /* TLBI VAE1 names no tag, and drops what the tagged access saw. */
        l3[0] = (uint64_t)pages[0] | D_PAGE | D_ATTR(0) | D_SH_INNER | D_AF;
        dsb();
        __asm__ volatile("tlbi vae1, %0\n dsb sy\n isb"
                         : : "r"(TEST_VA >> 12));
        CHECK(*tagged == 0x1234);
        CHECK(last_exc.count == n);
        (void)*high_tagged;
        CHECK(last_exc.count == n + 1);
        CHECK(fault(last_exc.esr) == 0x04);
        write_sysreg(tcr_el1, tcr);
        isb();
        __asm__ volatile("tlbi vmalle1\n dsb sy\n isb");
        (void)*tagged;
        CHECK(last_exc.count == n + 2);
        CHECK(fault(last_exc.esr) == 0x04);
    }
    return test_failures();
}
