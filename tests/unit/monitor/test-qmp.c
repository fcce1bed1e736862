/* SPDX-License-Identifier: MIT */
/* QMP's command layer: splitting, negotiation, errors, argument checks. */
#include <string.h>

#include "monitor/monitor-internal.h"
#include "vemu/main-loop.h"

typedef struct Client {
    QmpSession s;
    GPtrArray *lines;     /* char *, what the session sent */
} Client;

static void collect(void *opaque, const char *line)
{
    Client *c = opaque;

    g_ptr_array_add(c->lines, g_strdup(line));
}

static void client_init(Client *c, bool negotiate)
{
    c->lines = g_ptr_array_new_with_free_func(g_free);
    qmp_session_init(&c->s, collect, c);
    qmp_session_greet(&c->s);
    if (negotiate) {
        const char *cmd = "{\"execute\": \"qmp_capabilities\"}";

        qmp_session_feed(&c->s, (const uint8_t *)cmd, strlen(cmd));
        g_assert_cmpstr(g_ptr_array_index(c->lines, 1), ==,
                        "{\"return\": {}}");
    }
    g_ptr_array_set_size(c->lines, 0);
}

static void client_destroy(Client *c)
{
    qmp_session_destroy(&c->s);
    g_ptr_array_free(c->lines, TRUE);
}

/* Feed text, expect exactly one reply, return it (valid until next). */
static const char *roundtrip(Client *c, const char *text)
{
    g_ptr_array_set_size(c->lines, 0);
    qmp_session_feed(&c->s, (const uint8_t *)text, strlen(text));
    g_assert_cmpuint(c->lines->len, ==, 1);
    return g_ptr_array_index(c->lines, 0);
}

static void test_greeting(void)
{
    Client c;

    c.lines = g_ptr_array_new_with_free_func(g_free);
    qmp_session_init(&c.s, collect, &c);
    qmp_session_greet(&c.s);
    g_assert_cmpuint(c.lines->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(c.lines, 0), ==,
                    "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, "
                    "\"minor\": 2, \"major\": 7}, \"package\": "
                    "\"vemu 0.1.0\"}, \"capabilities\": [\"oob\"]}}");
    client_destroy(&c);
}

static void test_negotiation_required(void)
{
    Client c;

    client_init(&c, false);
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"query-status\"}"), ==,
                    "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
                    "\"Expecting capabilities negotiation with "
                    "'qmp_capabilities'\"}}");
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"qmp_capabilities\", "
                                  "\"id\": 7}"), ==,
                    "{\"return\": {}, \"id\": 7}");
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"qmp_capabilities\"}"),
                    ==,
                    "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
                    "\"Capabilities negotiation is already complete, "
                    "command ignored\"}}");
    /* A new client (greeting) has to negotiate again. */
    qmp_session_greet(&c.s);
    g_assert_true(strstr(roundtrip(&c, "{\"execute\": \"query-version\"}"),
                         "CommandNotFound"));
    client_destroy(&c);
}

static void test_query_version_and_status(void)
{
    Client c;

    client_init(&c, true);
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"query-version\", "
                                  "\"id\": \"abc\"}"), ==,
                    "{\"return\": {\"qemu\": {\"micro\": 0, \"minor\": 2, "
                    "\"major\": 7}, \"package\": \"vemu 0.1.0\"}, "
                    "\"id\": \"abc\"}");
    /* Nothing was started: paused. */
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"query-status\"}"), ==,
                    "{\"return\": {\"status\": \"paused\", \"singlestep\": "
                    "false, \"running\": false}}");
    g_assert_true(strstr(roundtrip(&c, "{\"execute\": \"query-commands\"}"),
                         "{\"name\": \"human-monitor-command\"}"));
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"query-cpus-fast\"}"), ==,
                    "{\"return\": []}");
    client_destroy(&c);
}

static void test_errors(void)
{
    Client c;

    client_init(&c, true);
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"no-such\", \"id\": [1]}"),
                    ==,
                    "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
                    "\"The command no-such has not been found\"}, "
                    "\"id\": [1]}");
    g_assert_cmpstr(roundtrip(&c, "[1, 2]"), ==,
                    "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                    "\"QMP input must be a JSON object\"}}");
    g_assert_cmpstr(roundtrip(&c, "{\"id\": 1}"), ==,
                    "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                    "\"QMP input lacks member 'execute'\"}, \"id\": 1}");
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": 3}"), ==,
                    "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                    "\"QMP input member 'execute' must be a string\"}}");
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"stop\", \"x\": 1}"), ==,
                    "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                    "\"QMP input member 'x' is unexpected\"}}");
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"stop\", "
                                  "\"arguments\": 5}"), ==,
                    "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                    "\"QMP input member 'arguments' must be an object\"}}");
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"query-status\", "
                                  "\"arguments\": {\"a\": 1}}"), ==,
                    "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                    "\"Parameter 'a' is unexpected\"}}");
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": "
                                  "\"human-monitor-command\"}"), ==,
                    "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                    "\"Parameter 'command-line' is missing\"}}");
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"human-monitor-command\","
                                  " \"arguments\": {\"command-line\": 1}}"),
                    ==,
                    "{\"error\": {\"class\": \"GenericError\", \"desc\": "
                    "\"Invalid parameter type for 'command-line', expected: "
                    "string\"}}");
    g_assert_true(g_str_has_prefix(roundtrip(&c, "{\"execute\": }"),
                                   "{\"error\": {\"class\": \"GenericError\","
                                   " \"desc\": \"JSON parse error, "));
    g_assert_true(strstr(roundtrip(&c, "}"), "GenericError"));
    g_assert_true(strstr(roundtrip(&c, "42 "), "must be a JSON object"));
    /* Still usable. */
    g_assert_true(g_str_has_prefix(roundtrip(&c, "{\"execute\": "
                                                 "\"query-version\"}"),
                                   "{\"return\": {\"qemu\""));
    client_destroy(&c);
}

static void test_split_and_batched_input(void)
{
    const char *two = "{\"execute\": \"query-name\", \"id\": \"a{\\\"}\"}\n"
                      "  {\"execute\":\"query-name\",\"id\":2}";
    Client c;

    client_init(&c, true);
    for (const char *p = two; *p; p++) {
        qmp_session_feed(&c.s, (const uint8_t *)p, 1);
    }
    g_assert_cmpuint(c.lines->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(c.lines, 0), ==,
                    "{\"return\": {}, \"id\": \"a{\\\"}\"}");
    g_assert_cmpstr(g_ptr_array_index(c.lines, 1), ==,
                    "{\"return\": {}, \"id\": 2}");
    client_destroy(&c);
}

static void test_oversized_message(void)
{
    GString *big = g_string_new("{\"execute\": \"query-version\", "
                                "\"arguments\": {\"pad\": \"");
    Client c;

    client_init(&c, true);
    while (big->len < 2u << 20) {
        g_string_append(big, "{[}]\\\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }
    g_string_append(big, "\"}}");
    qmp_session_feed(&c.s, (const uint8_t *)big->str, big->len);
    g_assert_cmpuint(c.lines->len, ==, 1);
    g_assert_true(strstr(g_ptr_array_index(c.lines, 0),
                         "exceeds the size limit"));
    g_assert_true(g_str_has_prefix(roundtrip(&c, "{\"execute\": "
                                                 "\"query-version\"}"),
                                   "{\"return\": {\"qemu\""));
    g_string_free(big, TRUE);
    client_destroy(&c);
}

static void test_deep_nesting(void)
{
    GString *deep = g_string_new(NULL);
    Client c;

    client_init(&c, true);
    for (int i = 0; i < 5000; i++) {
        g_string_append_c(deep, '[');
    }
    for (int i = 0; i < 5000; i++) {
        g_string_append_c(deep, ']');
    }
    qmp_session_feed(&c.s, (const uint8_t *)deep->str, deep->len);
    g_assert_cmpuint(c.lines->len, ==, 1);
    g_assert_true(strstr(g_ptr_array_index(c.lines, 0), "nesting"));
    g_assert_true(g_str_has_prefix(roundtrip(&c, "{\"execute\": "
                                                 "\"query-name\"}"),
                                   "{\"return\": {}"));
    g_string_free(deep, TRUE);
    client_destroy(&c);
}

static void test_human_monitor_command(void)
{
    Client c;

    client_init(&c, true);
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"human-monitor-command\","
                                  " \"arguments\": {\"command-line\": "
                                  "\"info status\"}}"), ==,
                    "{\"return\": \"VM status: paused\\r\\n\"}");
    g_assert_cmpstr(roundtrip(&c, "{\"execute\": \"human-monitor-command\","
                                  " \"arguments\": {\"command-line\": "
                                  "\"bogus\"}}"), ==,
                    "{\"return\": \"unknown command: 'bogus'\\r\\n\"}");
    client_destroy(&c);
}

static void test_event_format(void)
{
    JsonObject *o = json_object_new();
    JsonNode *data = json_node_new(JSON_NODE_OBJECT);
    Client c;
    const char *line;

    json_object_set_boolean_member(o, "guest", false);
    json_node_take_object(data, o);
    client_init(&c, true);
    qmp_session_send_event(&c.s, "RESET", data);
    g_assert_cmpuint(c.lines->len, ==, 1);
    line = g_ptr_array_index(c.lines, 0);
    g_assert_true(g_str_has_prefix(line, "{\"timestamp\": {\"seconds\": "));
    g_assert_true(strstr(line, "\"microseconds\": "));
    g_assert_true(g_str_has_suffix(line, "\"event\": \"RESET\", \"data\": "
                                         "{\"guest\": false}}"));
    json_node_unref(data);
    client_destroy(&c);
}

static void test_string_escapes(void)
{
    JsonNode *n = json_node_new(JSON_NODE_VALUE);
    char *s;

    json_node_set_string(n, "a\"b\\c\nd\x01");
    s = json_node_to_qmp_string(n);
    g_assert_cmpstr(s, ==, "\"a\\\"b\\\\c\\nd\\u0001\"");
    g_free(s);
    json_node_unref(n);
}

/* Random bytes and random JSON-ish text never crash the session, and
 * a resync byte plus a newline always brings it back. */
static void test_random_input(void)
{
    static const char alphabet[] = "{}[]\"\\:, \nabc01-eE.tfn\x01\x7f";
    Client c;

    client_init(&c, true);
    for (int round = 0; round < 200; round++) {
        uint8_t buf[512];
        size_t n = g_test_rand_int_range(1, sizeof(buf));

        for (size_t i = 0; i < n; i++) {
            buf[i] = round & 1 ? (uint8_t)g_test_rand_int()
                               : (uint8_t)alphabet[g_test_rand_int_range(
                                     0, sizeof(alphabet) - 1)];
        }
        qmp_session_feed(&c.s, buf, n);
        qmp_session_feed(&c.s, (const uint8_t *)"\xff", 1);
        g_ptr_array_set_size(c.lines, 0);
        g_assert_true(g_str_has_prefix(roundtrip(&c, "{\"execute\": "
                                                     "\"query-name\"}"),
                                       "{\"return\": {}"));
    }
    client_destroy(&c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/monitor/qmp/greeting", test_greeting);
    g_test_add_func("/monitor/qmp/negotiation-required",
                    test_negotiation_required);
    g_test_add_func("/monitor/qmp/query-version-status",
                    test_query_version_and_status);
    g_test_add_func("/monitor/qmp/errors", test_errors);
    g_test_add_func("/monitor/qmp/split-batched", test_split_and_batched_input);
    g_test_add_func("/monitor/qmp/oversized", test_oversized_message);
    g_test_add_func("/monitor/qmp/deep-nesting", test_deep_nesting);
    g_test_add_func("/monitor/qmp/human-monitor-command",
                    test_human_monitor_command);
    g_test_add_func("/monitor/qmp/event-format", test_event_format);
    g_test_add_func("/monitor/qmp/string-escapes", test_string_escapes);
    g_test_add_func("/monitor/qmp/random-input", test_random_input);
    return g_test_run();
}
