/* SPDX-License-Identifier: MIT */
/* The gdbstub's packet layer and protocol core against a fake transport. */
#include <string.h>

#include <glib.h>

#include "gdbstub/internal.h"
#include "vemu/debug.h"
#include "vemu/exec.h"
#include "vemu/target.h"

/* ---- packet layer ---- */

static GdbParseEvent feed(GdbParser *p, const char *s)
{
    GdbParseEvent last = GDB_EV_NONE;

    for (; *s; s++) {
        GdbParseEvent ev = gdb_parser_byte(p, (uint8_t)*s);

        if (ev != GDB_EV_NONE) {
            last = ev;
        }
    }
    return last;
}

static void test_checksum_good_and_bad(void)
{
    GdbParser p;

    gdb_parser_init(&p);
    g_assert_cmpint(gdb_checksum("g", 1), ==, 0x67);
    g_assert_cmpint(feed(&p, "$g#67"), ==, GDB_EV_PACKET);
    g_assert_cmpstr(p.buf, ==, "g");
    g_assert_cmpint(feed(&p, "$g#68"), ==, GDB_EV_BAD_CSUM);
    g_assert_cmpint(feed(&p, "$g#zz"), ==, GDB_EV_BAD_CSUM);
    /* The parser recovers for the next packet. */
    g_assert_cmpint(feed(&p, "$?#3f"), ==, GDB_EV_PACKET);
    g_assert_cmpstr(p.buf, ==, "?");
}

static void test_noise_acks_and_interrupt(void)
{
    GdbParser p;

    gdb_parser_init(&p);
    g_assert_cmpint(feed(&p, "+"), ==, GDB_EV_ACK);
    g_assert_cmpint(feed(&p, "-"), ==, GDB_EV_NACK);
    g_assert_cmpint(feed(&p, "\x03"), ==, GDB_EV_INTERRUPT);
    g_assert_cmpint(feed(&p, "garbage\r\n"), ==, GDB_EV_NONE);
    /* A '$' inside a packet restarts it. */
    g_assert_cmpint(feed(&p, "$abc$g#67"), ==, GDB_EV_PACKET);
    g_assert_cmpstr(p.buf, ==, "g");
}

static void test_oversized_packet(void)
{
    GdbParser *p = g_new(GdbParser, 1);
    GString *big = g_string_new("$");
    GString *framed;

    for (int i = 0; i < GDB_MAX_PACKET + 100; i++) {
        g_string_append_c(big, 'a');
    }
    framed = gdb_frame_packet(big->str + 1, big->len - 1);
    gdb_parser_init(p);
    g_assert_cmpint(feed(p, framed->str), ==, GDB_EV_TOO_LONG);
    g_assert_cmpuint(p->len, ==, 0);
    g_assert_cmpint(feed(p, "$g#67"), ==, GDB_EV_PACKET);
    g_string_free(framed, true);
    g_string_free(big, true);
    g_free(p);
}

static void test_escapes_roundtrip(void)
{
    const char raw[] = "a$b#c}d*e";
    GString *f = gdb_frame_packet(raw, strlen(raw));
    GdbParser p;
    size_t n;

    g_assert_null(strchr(f->str + 1, '$'));
    gdb_parser_init(&p);
    g_assert_cmpint(feed(&p, f->str), ==, GDB_EV_PACKET);
    n = gdb_unescape(p.buf, p.len);
    g_assert_cmpuint(n, ==, strlen(raw));
    g_assert_cmpmem(p.buf, n, raw, strlen(raw));
    g_string_free(f, true);
    /* A dangling escape is dropped, never read past the end. */
    {
        char d[] = "ab}";

        g_assert_cmpuint(gdb_unescape(d, 3), ==, 2);
    }
}

static void test_hex_helpers(void)
{
    GByteArray *b = g_byte_array_new();
    GString *s = g_string_new("");
    uint64_t v;
    const char *end;

    g_assert_true(gdb_hex_to_bytes("00ff7A", 6, b));
    g_assert_cmpuint(b->len, ==, 3);
    g_assert_cmpuint(b->data[2], ==, 0x7a);
    g_assert_false(gdb_hex_to_bytes("abc", 3, b));
    g_assert_false(gdb_hex_to_bytes("zz", 2, b));
    gdb_bytes_to_hex(s, (const uint8_t *)"\x01\xab", 2);
    g_assert_cmpstr(s->str, ==, "01ab");
    g_assert_true(gdb_parse_hex("80000000,4", &v, &end));
    g_assert_cmpuint(v, ==, 0x80000000);
    g_assert_cmpint(*end, ==, ',');
    g_assert_false(gdb_parse_hex(",", &v, &end));
    g_assert_false(gdb_parse_hex("11112222333344445", &v, &end));
    g_string_free(s, true);
    g_byte_array_free(b, true);
}

/* ---- protocol core with a fake transport and memory ---- */

static GString *sent;
static uint8_t fake_mem[64];
static bool resumed, killed;

static void fake_send(GdbState *s, const uint8_t *buf, size_t len)
{
    g_string_append_len(sent, (const char *)buf, len);
}

static bool fake_memory_rw(CPUState *cpu, vaddr addr, uint8_t *buf,
                           size_t len, bool write)
{
    if (addr < 0x1000 || addr + len > 0x1000 + sizeof(fake_mem) ||
        addr + len < addr) {
        return false;
    }
    if (write) {
        memcpy(fake_mem + (addr - 0x1000), buf, len);
    } else {
        memcpy(buf, fake_mem + (addr - 0x1000), len);
    }
    return true;
}

static void fake_resume(GdbState *s)
{
    resumed = true;
}

static void fake_interrupt(GdbState *s)
{
    gdb_report_stop(s, s->c_cpu, 2);
}

static void fake_kill(GdbState *s)
{
    killed = true;
}

static const GdbOps fake_ops = {
    .send = fake_send,
    .memory_rw = fake_memory_rw,
    .resume = fake_resume,
    .interrupt = fake_interrupt,
    .kill = fake_kill,
    .watchpoints = false,
};

static GdbState st;

/* Send one packet, return the payload of the reply (after the ack). */
static char *exchange(const char *payload)
{
    GString *f = g_string_new("$");
    char *hash, *reply;

    /* As gdb frames it: payloads here are already escaped. */
    g_string_append_printf(f, "%s#%02x", payload,
                           gdb_checksum(payload, strlen(payload)));

    g_string_truncate(sent, 0);
    gdb_input(&st, (const uint8_t *)f->str, f->len);
    g_string_free(f, true);
    if (!g_str_has_prefix(sent->str, "+$")) {
        return g_strdup(sent->str);
    }
    hash = strrchr(sent->str, '#');
    g_assert_nonnull(hash);
    reply = g_strndup(sent->str + 2, hash - sent->str - 2);
    return reply;
}

static void assert_reply(const char *payload, const char *expect)
{
    char *r = exchange(payload);

    if (strcmp(r, expect) != 0) {
        g_test_message("packet %s", payload);
    }
    g_assert_cmpstr(r, ==, expect);
    g_free(r);
}

static void test_core_queries(void)
{
    char *r = exchange("qSupported:multiprocess+;swbreak+");

    g_assert_nonnull(strstr(r, "PacketSize="));
    g_assert_nonnull(strstr(r, "qXfer:features:read+"));
    g_free(r);
    assert_reply("qfThreadInfo", "m1");
    assert_reply("qsThreadInfo", "l");
    assert_reply("qAttached", "1");
    assert_reply("Hg1", "OK");
    assert_reply("Hg99", "E16");
    assert_reply("T1", "OK");
    assert_reply("T5", "E01");
    assert_reply("vMustReplyEmpty", "");
    assert_reply("frobnicate", "");
    assert_reply("vCont?", "vCont;c;C;s;S");
    r = exchange("qXfer:features:read:target.xml:0,40");
    g_assert_cmpint(r[0], ==, 'm');
    g_free(r);
    assert_reply("qXfer:features:read:nosuch.xml:0,40", "E00");
    assert_reply("qXfer:features:read:target.xml:ffffff,40", "l");
}

static void test_core_registers(void)
{
    CPUState *cpu = first_cpu;
    char *r;

    /* x5 = 0x1122334455667788, little-endian hex. */
    assert_reply("P5=8877665544332211", "OK");
    r = exchange("p5");
    g_assert_cmpstr(r, ==, "8877665544332211");
    g_free(r);
    /* pc (register 32) through the target's interface. */
    assert_reply("P20=0010000000000000", "OK");
    g_assert_cmpuint(cpu->target->get_pc(cpu), ==, 0x1000);
    r = exchange("g");
    g_assert_cmpuint(strlen(r), ==, cpu->target->gdb_num_regs * 16);
    g_free(r);
    /* x0 stays zero. */
    assert_reply("P0=ffffffffffffffff", "OK");
    assert_reply("p0", "0000000000000000");
    /* Malformed and unknown. */
    assert_reply("p", "E0e");
    assert_reply("pfffff", "E0e");
    assert_reply("P5", "E16");
    assert_reply("P5=12", "E0e");
    assert_reply("P5=zz", "E16");
}

static void test_core_memory(void)
{
    assert_reply("M1000,4:deadbeef", "OK");
    assert_reply("m1000,4", "deadbeef");
    assert_reply("M1000,4:dead", "E16");
    assert_reply("m0,4", "E0e");
    assert_reply("mffffffffffffffff,10", "E0e");
    assert_reply("m1000", "E16");
    assert_reply("m", "E16");
    assert_reply("Mzz", "E16");
    /* X with binary data holding an escaped '#'. */
    {
        const char x[] = { 'X', '1', '0', '0', '0', ',', '2', ':',
                           '}', '#' ^ 0x20, 'A', 0 };

        assert_reply(x, "OK");
        assert_reply("m1000,2", "2341");
    }
    assert_reply("X1000,0:", "OK");
}

static void test_core_breakpoints_and_run(void)
{
    char *r;

    assert_reply("Z0,80000000,4", "OK");
    g_assert_true(cpu_breakpoint_test(first_cpu, 0x80000000));
    assert_reply("z0,80000000,4", "OK");
    g_assert_false(cpu_breakpoint_test(first_cpu, 0x80000000));
    assert_reply("z0,80000000,4", "E16");
    assert_reply("Z2,1000,4", "");     /* no watchpoints in this backend */
    assert_reply("Z9,1000,4", "");
    assert_reply("Z0,zz", "E16");
    resumed = false;
    r = exchange("c");
    g_assert_cmpstr(r, ==, "+");       /* no reply until a stop */
    g_free(r);
    g_assert_true(resumed);
    /* Ctrl-C while running: the stop reply is T02. */
    g_string_truncate(sent, 0);
    gdb_input(&st, (const uint8_t *)"\x03", 1);
    g_assert_true(g_str_has_prefix(sent->str, "$T02thread:1;"));
    resumed = false;
    g_free(exchange("vCont;s:1"));
    g_assert_true(resumed);
    gdb_report_stop(&st, first_cpu, 5);
    assert_reply("vCont;x", "E16");
    assert_reply("D", "OK");
    killed = false;
    g_free(exchange("k"));
    g_assert_true(killed);
}

static void test_core_bad_checksum_and_noack(void)
{
    g_string_truncate(sent, 0);
    gdb_input(&st, (const uint8_t *)"$g#00", 5);
    g_assert_cmpstr(sent->str, ==, "-");
    assert_reply("QStartNoAckMode", "OK");
    g_string_truncate(sent, 0);
    gdb_input(&st, (const uint8_t *)"$qAttached#8f", 13);
    g_assert_cmpstr(sent->str, ==, "$1#31");
    st.no_ack = false;
}

static void test_core_garbage_never_crashes(void)
{
    GRand *rnd = g_rand_new_with_seed(6);
    uint8_t buf[256];

    for (int i = 0; i < 2000; i++) {
        size_t n = g_rand_int_range(rnd, 1, sizeof(buf));

        for (size_t j = 0; j < n; j++) {
            buf[j] = (uint8_t)g_rand_int(rnd);
        }
        if (i % 2) {
            /* Well-framed packets of random content. */
            GString *f;

            buf[n - 1] = 0;
            f = gdb_frame_packet((const char *)buf, strlen((char *)buf));
            if (f->len > 1 && strchr("kDcsCSv", f->str[1])) {
                g_string_free(f, true);
                continue;   /* those resume or kill: covered above */
            }
            gdb_input(&st, (const uint8_t *)f->str, f->len);
            g_string_free(f, true);
        } else {
            gdb_input(&st, buf, n);
        }
        st.running = false;
    }
    g_rand_free(rnd);
    /* Still answering. */
    gdb_parser_init(&st.parser);
    assert_reply("qAttached", "1");
}

int main(int argc, char **argv)
{
    char *err = NULL;

    g_test_init(&argc, &argv, NULL);
    /* Breakpoints flush the TB cache: it must exist. */
    g_assert_true(tcg_exec_init("interp", 1 << 20, &err));
    cpu_create(&target_riscv64);
    sent = g_string_new("");
    gdb_state_init(&st, &fake_ops, NULL);
    g_test_add_func("/gdbstub/packet/checksum", test_checksum_good_and_bad);
    g_test_add_func("/gdbstub/packet/noise", test_noise_acks_and_interrupt);
    g_test_add_func("/gdbstub/packet/oversized", test_oversized_packet);
    g_test_add_func("/gdbstub/packet/escapes", test_escapes_roundtrip);
    g_test_add_func("/gdbstub/packet/hex", test_hex_helpers);
    g_test_add_func("/gdbstub/core/queries", test_core_queries);
    g_test_add_func("/gdbstub/core/registers", test_core_registers);
    g_test_add_func("/gdbstub/core/memory", test_core_memory);
    g_test_add_func("/gdbstub/core/run", test_core_breakpoints_and_run);
    g_test_add_func("/gdbstub/core/noack", test_core_bad_checksum_and_noack);
    g_test_add_func("/gdbstub/core/garbage", test_core_garbage_never_crashes);
    return g_test_run();
}
