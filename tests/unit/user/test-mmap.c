/* SPDX-License-Identifier: MIT */
/* Guest page flags and the mmap family inside the reservation. */
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "linux-user/user-int.h"
#include "vemu/exec.h"

#define MiB (1ull << 20)
#define PG GUEST_PAGE_SIZE

static void test_page_flags_set_get(void)
{
    abi_ulong a = 0x10000000;

    g_assert_cmpint(page_get_flags(a), ==, 0);
    page_set_flags(a, a + 3 * PG, PAGE_VALID | PAGE_READ);
    g_assert_cmpint(page_get_flags(a + 2 * PG), ==, PAGE_VALID | PAGE_READ);
    g_assert_cmpint(page_get_flags(a + 3 * PG), ==, 0);
    g_assert_true(page_check_range(a + 10, 2 * PG, PAGE_READ));
    g_assert_false(page_check_range(a + 10, 3 * PG, PAGE_READ));
    g_assert_false(page_check_range(a, PG, PAGE_WRITE));
    /* Setting PAGE_WRITE implies the guest may write (PAGE_WRITE_ORG). */
    page_set_flags(a, a + PG, PAGE_VALID | PAGE_WRITE);
    g_assert_cmpint(page_get_flags(a) & PAGE_WRITE_ORG, ==, PAGE_WRITE_ORG);
    page_set_flags(a, a + 3 * PG, 0);
    g_assert_cmpint(page_get_flags(a), ==, 0);
    /* Out of the address space: never valid. */
    g_assert_cmpint(page_get_flags(guest_space_size()), ==, 0);
    g_assert_false(page_check_range(guest_space_size() - PG, 2 * PG, 0));
}

static void test_mmap_anon_top_down(void)
{
    abi_long a = target_mmap(0, 3 * PG, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    abi_long b = target_mmap(0, PG, PROT_READ,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    g_assert_cmpint(a, >, 0);
    g_assert_cmpint(b, >, 0);
    g_assert_cmpint(a % PG, ==, 0);
    /* Top-down: the second mapping is below the first, not overlapping. */
    g_assert_cmpint(b + PG, <=, a);
    g_assert_true(page_check_range(a, 3 * PG, PAGE_READ | PAGE_WRITE));
    g_assert_cmpint(page_get_flags(b) & (PAGE_READ | PAGE_WRITE), ==,
                    PAGE_READ);
    memset(g2h(a), 0x5a, 3 * PG);
    g_assert_cmpint(*(uint8_t *)g2h(a + 2 * PG + 7), ==, 0x5a);
    g_assert_cmpint(target_munmap(a, 3 * PG), ==, 0);
    g_assert_cmpint(target_munmap(b, PG), ==, 0);
    g_assert_false(page_check_range(a, PG, 0));
}

static void test_mmap_fixed_replaces(void)
{
    abi_ulong at = 0x20000000;
    abi_long r = target_mmap(at, 4 * PG, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

    g_assert_cmpint(r, ==, at);
    memset(g2h(at), 0xab, 4 * PG);
    /* Replace the middle two pages: they read as zero, the rest stays. */
    r = target_mmap(at + PG, 2 * PG, PROT_READ,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    g_assert_cmpint(r, ==, at + PG);
    g_assert_cmpint(*(uint8_t *)g2h(at), ==, 0xab);
    g_assert_cmpint(*(uint8_t *)g2h(at + PG + 100), ==, 0);
    g_assert_cmpint(*(uint8_t *)g2h(at + 3 * PG), ==, 0xab);
    g_assert_cmpint(page_get_flags(at + PG) & PAGE_WRITE, ==, 0);
    g_assert_cmpint(page_get_flags(at + 3 * PG) & PAGE_WRITE, ==,
                    PAGE_WRITE);
    /* FIXED_NOREPLACE refuses an occupied range. */
    r = target_mmap(at, PG, PROT_READ,
                    MAP_PRIVATE | MAP_ANONYMOUS | 0x100000, -1, 0);
    g_assert_cmpint(r, ==, -EEXIST);
    /* A free hint is honoured without MAP_FIXED. */
    r = target_mmap(0x30000000, PG, PROT_READ,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert_cmpint(r, ==, 0x30000000);
    /* An occupied hint is not: the mapping goes elsewhere. */
    r = target_mmap(at, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert_cmpint(r, >, 0);
    g_assert_cmpint(r, !=, at);
    g_assert_cmpint(target_munmap(at, 4 * PG), ==, 0);
}

static void test_mmap_errors(void)
{
    g_assert_cmpint(target_mmap(0, 0, PROT_READ,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ==,
                    -EINVAL);
    g_assert_cmpint(target_mmap(0x1001, PG, PROT_READ,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                                -1, 0), ==, -EINVAL);
    g_assert_cmpint(target_mmap(guest_space_size() - PG, 2 * PG, PROT_READ,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                                -1, 0), ==, -ENOMEM);
    g_assert_cmpint(target_mprotect(0x7000000, PG, PROT_READ), ==, -ENOMEM);
}

static void test_mprotect_and_mremap(void)
{
    abi_long a = target_mmap(0, 2 * PG, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    abi_long m;

    g_assert_cmpint(a, >, 0);
    *(uint32_t *)g2h(a) = 0x12345678;
    g_assert_cmpint(target_mprotect(a, PG, PROT_READ | PROT_EXEC), ==, 0);
    g_assert_cmpint(page_get_flags(a) & (PAGE_EXEC | PAGE_WRITE), ==,
                    PAGE_EXEC);
    g_assert_true(page_check_exec(a, 4));
    g_assert_false(page_check_exec(a + PG, 4));
    g_assert_cmpint(target_mprotect(a, PG, PROT_READ | PROT_WRITE), ==, 0);
    /* Grow, which must move: the page above is the previous mapping. */
    m = target_mremap(a, 2 * PG, 8 * PG, 1 /* MAYMOVE */, 0);
    g_assert_cmpint(m, >, 0);
    g_assert_cmpint(*(uint32_t *)g2h(m), ==, 0x12345678);
    g_assert_true(page_check_range(m, 8 * PG, PAGE_READ | PAGE_WRITE));
    if (m != a) {
        g_assert_false(page_check_range(a, PG, 0));
    }
    /* Shrink in place. */
    g_assert_cmpint(target_mremap(m, 8 * PG, PG, 0, 0), ==, m);
    g_assert_false(page_check_range(m + PG, PG, 0));
    g_assert_cmpint(target_munmap(m, PG), ==, 0);
}

static void test_brk(void)
{
    abi_ulong start = 0x00800000;

    target_set_brk(start);
    g_assert_cmpint(do_brk(0), ==, start);
    g_assert_cmpint(do_brk(start + 3 * PG + 5), ==, start + 3 * PG + 5);
    g_assert_true(page_check_range(start, 3 * PG + 5, PAGE_WRITE));
    memset(g2h(start), 1, 3 * PG + 5);
    /* Shrinking unmaps whole pages past the new break. */
    g_assert_cmpint(do_brk(start + PG), ==, start + PG);
    g_assert_false(page_check_range(start + PG, 1, PAGE_READ));
    /* Below the start: refused, the break stays. */
    g_assert_cmpint(do_brk(start - PG), ==, start + PG);
}

int main(int argc, char **argv)
{
    char *err = NULL;

    g_test_init(&argc, &argv, NULL);
    if (!guest_space_init(32, &err)) {
        g_printerr("guest_space_init: %s\n", err);
        return 1;
    }
    mmap_set_layout(0x80000000ull, 0x10000);
    g_test_add_func("/user/page-flags/set-get", test_page_flags_set_get);
    g_test_add_func("/user/mmap/anon-top-down", test_mmap_anon_top_down);
    g_test_add_func("/user/mmap/fixed-replaces", test_mmap_fixed_replaces);
    g_test_add_func("/user/mmap/errors", test_mmap_errors);
    g_test_add_func("/user/mmap/mprotect-mremap", test_mprotect_and_mremap);
    g_test_add_func("/user/mmap/brk", test_brk);
    return g_test_run();
}
