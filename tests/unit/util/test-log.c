/* SPDX-License-Identifier: MIT */
/* -d item parsing: known items combine, unknown ones are rejected. */
#include <string.h>

#include <glib.h>

#include "vemu/log.h"

static void test_parse_known_items(void)
{
    int mask = 0;
    char *err = NULL;

    g_assert_true(vemu_log_parse("in_asm,op_opt,unimp", &mask, &err));
    g_assert_cmpint(mask, ==, LOG_IN_ASM | LOG_OP_OPT | LOG_UNIMP);
    g_assert_null(err);
}

static void test_parse_unknown_item_fails(void)
{
    int mask = 42;
    char *err = NULL;

    g_assert_false(vemu_log_parse("in_asm,bogus", &mask, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err, "bogus"));
    g_assert_cmpint(mask, ==, 42);
    g_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/log/parse-known", test_parse_known_items);
    g_test_add_func("/log/parse-unknown", test_parse_unknown_item_fails);
    return g_test_run();
}
