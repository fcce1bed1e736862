/* SPDX-License-Identifier: MIT */
/* The human monitor's command layer: lookup, help, info, xp formats. */
#include <string.h>

#include "monitor/monitor-internal.h"
#include "vemu/memory.h"
#include "vemu/monitor.h"

static MemoryRegion ram;

/* Output of one command line (freed at the end of the test). */
static char *run(const char *line)
{
    char *out = hmp_run_command(line);

    g_test_queue_free(out);
    return out;
}

static void test_unknown_and_empty(void)
{
    g_assert_cmpstr(run("frobnicate 1 2"), ==,
                    "unknown command: 'frobnicate'\n");
    g_assert_cmpstr(run("   "), ==, "");
    g_assert_cmpstr(run(NULL), ==, "");
    g_assert_true(g_str_has_prefix(run("info nosuch"),
                                   "unknown info command: 'nosuch'\n"));
}

static void test_help(void)
{
    const char *h = run("help");

    g_assert_true(strstr(h, "xp /fmt addr -- physical memory dump"));
    g_assert_true(strstr(h, "cont|c -- resume emulation"));
    g_assert_true(strstr(h, "quit|q -- quit the emulator"));
    g_assert_true(strstr(run("help info"), "info registers [-a] -- "));
    g_assert_cmpstr(run("help stop"), ==, "stop -- stop emulation\n");
}

static void test_info(void)
{
    g_assert_cmpstr(run("info status"), ==, "VM status: paused\n");
    g_assert_true(strstr(run("info jit"), "TB count"));
    g_assert_true(strstr(run("info mtree"), "monitor-test-ram"));
    g_assert_true(g_str_has_prefix(run("info qtree"),
                                   "bus: main-system-bus\n"));
    g_assert_cmpstr(run("info registers"), ==, "No CPU available\n");
    g_assert_cmpstr(run("info block"), ==, "No block devices\n");
    g_assert_cmpstr(run("info tlb"), ==, "No CPU available\n");
}

static void test_xp_formats(void)
{
    static const uint8_t bytes[16] = {
        0x97, 0x02, 0x00, 0x00, 0x93, 0x82, 0x82, 0x02,
        0xff, 0xfe, 0x41, 0x00, 0x01, 0x02, 0x03, 0x04,
    };

    g_assert_cmpint(address_space_write(&address_space_memory, 0x80000000,
                                        bytes, sizeof(bytes)), ==,
                    MEMTX_OK);
    g_assert_cmpstr(run("xp /4xw 0x80000000"), ==,
                    "0000000080000000: 0x00000297 0x02828293 0x0041feff "
                    "0x04030201\n");
    g_assert_cmpstr(run("xp/2xg 0x80000000"), ==,
                    "0000000080000000: 0x0282829300000297 "
                    "0x040302010041feff\n");
    g_assert_cmpstr(run("xp /3db 0x80000008"), ==,
                    "0000000080000008: -1 -2 65\n");
    g_assert_cmpstr(run("xp /2uh 0x80000008"), ==,
                    "0000000080000008: 65279 65\n");
    g_assert_cmpstr(run("xp /1cb 0x8000000a"), ==,
                    "000000008000000a: 'A'\n");
    /* 20 words: 4 per line. */
    g_assert_cmpuint(strlen(run("xp /20xw 0x80000000")), ==,
                     5 * (17 + 4 * 11 + 1));
    /* Without a format: one unit in the last format and size. */
    g_assert_cmpstr(run("xp 0x80000000"), ==,
                    "0000000080000000: 0x00000297\n");
    g_assert_cmpstr(run("xp /2dh 0x80000008"), ==,
                    "0000000080000008: -257 65\n");
    g_assert_cmpstr(run("xp 0x80000008"), ==,
                    "0000000080000008: -257\n");
    g_assert_cmpstr(run("xp /x 0x80000008"), ==,
                    "0000000080000008: 0xfeff\n");
    g_assert_cmpstr(run("xp /w 0x80000000"), ==,
                    "0000000080000000: 0x00000297\n");
}

static void test_xp_bad_input(void)
{
    g_assert_cmpstr(run("xp /4z 0x80000000"), ==,
                    "invalid char in format: 'z'\n");
    g_assert_cmpstr(run("xp /4xw"), ==, "address expected\n");
    g_assert_cmpstr(run("xp /4xw 0x12zz"), ==,
                    "invalid address: '0x12zz'\n");
    g_assert_cmpstr(run("xp /0xw 0x80000000"), ==, "invalid count\n");
    g_assert_cmpstr(run("xp /99999999xw 0x80000000"), ==, "invalid count\n");
    /* Nothing mapped there, and a read running off the end of RAM. */
    g_assert_cmpstr(run("xp /2xw 0x1000"), ==,
                    "Cannot access memory at 0x0000000000001000\n");
    g_assert_true(strstr(run("xp /8xg 0x8000fff0"), "Cannot access"));
    /* Virtual addresses need a CPU. */
    g_assert_cmpstr(run("x /4xw 0x80000000"), ==, "No CPU available\n");
}

static void test_cpu_and_log(void)
{
    g_assert_cmpstr(run("cpu 3"), ==, "invalid CPU index\n");
    g_assert_cmpstr(run("cpu x"), ==, "invalid CPU index\n");
    g_assert_cmpstr(run("log none"), ==, "");
    g_assert_cmpstr(run("log"), !=, "");
    g_assert_cmpstr(run("log no_such_item"), !=, "");
}

/* Command names with random arguments: some output, never a crash. */
static void test_random_lines(void)
{
    static const char *const words[] = {
        "x", "xp", "info", "registers", "mtree", "/", "/4", "/xw", "/99i",
        "/3c", "0x80000000", "0x8000fffe", "-1", "$pc", "cpu", "help",
        "0", "zz", "/gx", "  ", "\t", "/0x", "0xffffffffffffffff",
    };
    for (int round = 0; round < 500; round++) {
        GString *line = g_string_new(NULL);
        int n = g_test_rand_int_range(1, 5);
        char *out;

        for (int i = 0; i < n; i++) {
            g_string_append(line, words[g_test_rand_int_range(
                                      0, G_N_ELEMENTS(words))]);
            if (g_test_rand_bit()) {
                g_string_append_c(line, ' ');
            }
        }
        out = hmp_run_command(line->str);
        g_assert_nonnull(out);
        g_free(out);
        g_string_free(line, TRUE);
    }
}

int main(int argc, char **argv)
{
    GError *err = NULL;

    g_test_init(&argc, &argv, NULL);
    g_assert_true(memory_region_init_ram(&ram, "monitor-test-ram", 0x10000,
                                         &err));
    memory_region_add_subregion(get_system_memory(), 0x80000000, &ram);
    g_test_add_func("/monitor/hmp/unknown-and-empty", test_unknown_and_empty);
    g_test_add_func("/monitor/hmp/help", test_help);
    g_test_add_func("/monitor/hmp/info", test_info);
    g_test_add_func("/monitor/hmp/xp-formats", test_xp_formats);
    g_test_add_func("/monitor/hmp/xp-bad-input", test_xp_bad_input);
    g_test_add_func("/monitor/hmp/cpu-and-log", test_cpu_and_log);
    g_test_add_func("/monitor/hmp/random-lines", test_random_lines);
    return g_test_run();
}
