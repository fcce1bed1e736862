/* SPDX-License-Identifier: MIT */
/* The QMP commands: queries, run control, and the way into HMP. */
#include <string.h>
#include <unistd.h>

#include "monitor/monitor-internal.h"
#include "vemu/block.h"
#include "vemu/chardev.h"
#include "vemu/cpu.h"
#include "vemu/main-loop.h"
#include "vemu/monitor.h"
#include "vemu/target.h"

static JsonNode *node_for_object(JsonObject *obj)
{
    JsonNode *n = json_node_new(JSON_NODE_OBJECT);

    json_node_take_object(n, obj);
    return n;
}

static JsonNode *node_for_array(JsonArray *arr)
{
    JsonNode *n = json_node_new(JSON_NODE_ARRAY);

    json_node_take_array(n, arr);
    return n;
}

static JsonNode *qmp_capabilities(JsonObject *args, QmpError *err)
{
    JsonNode *enable = json_object_get_member(args, "enable");

    /* Out-of-band execution is advertised (clients look for it) but
     * nothing runs out of band: every command is quick. */
    if (enable && json_node_get_node_type(enable) != JSON_NODE_ARRAY) {
        qmp_error_set(err, QMP_ERROR_GENERIC,
                      "Invalid parameter type for 'enable', expected: "
                      "array");
    }
    return NULL;
}

static JsonNode *qmp_query_version(JsonObject *args, QmpError *err)
{
    JsonObject *ver = json_object_new();
    JsonObject *qemu = json_object_new();

    json_object_set_int_member(qemu, "micro", 0);
    json_object_set_int_member(qemu, "minor", 2);
    json_object_set_int_member(qemu, "major", 7);
    json_object_set_object_member(ver, "qemu", qemu);
    json_object_set_string_member(ver, "package", "vemu 0.1.0");
    return node_for_object(ver);
}

static JsonNode *qmp_query_status(JsonObject *args, QmpError *err)
{
    JsonObject *st = json_object_new();
    bool running = runstate_is_running();

    json_object_set_string_member(st, "status",
                                  running ? "running" : "paused");
    json_object_set_boolean_member(st, "singlestep", false);
    json_object_set_boolean_member(st, "running", running);
    return node_for_object(st);
}

static JsonNode *qmp_query_commands(JsonObject *args, QmpError *err)
{
    JsonArray *arr = json_array_new();

    for (const QmpCommand *c = qmp_commands; c->name; c++) {
        JsonObject *o = json_object_new();

        json_object_set_string_member(o, "name", c->name);
        json_array_add_object_element(arr, o);
    }
    return node_for_array(arr);
}

static JsonNode *qmp_query_cpus_fast(JsonObject *args, QmpError *err)
{
    JsonArray *arr = json_array_new();

    cpu_list_lock();
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        JsonObject *o = json_object_new();
        JsonObject *props = json_object_new();
        const char *tname = cpu->target ? cpu->target->name : "unknown";
        /* QEMU's paths: the riscv boards' hart array, else unattached. */
        char *path = g_str_has_prefix(tname, "riscv")
            ? g_strdup_printf("/machine/soc0/harts[%d]", cpu->cpu_index)
            : g_strdup_printf("/machine/unattached/device[%d]",
                              cpu->cpu_index);

        json_object_set_int_member(o, "cpu-index", cpu->cpu_index);
        json_object_set_string_member(o, "qom-path", path);
        json_object_set_int_member(o, "thread-id", cpu_thread_id(cpu));
        json_object_set_int_member(props, "core-id", cpu->cpu_index);
        json_object_set_int_member(props, "thread-id", 0);
        json_object_set_int_member(props, "socket-id", 0);
        json_object_set_object_member(o, "props", props);
        json_object_set_string_member(o, "target", tname);
        json_array_add_object_element(arr, o);
        g_free(path);
    }
    cpu_list_unlock();
    return node_for_array(arr);
}

static JsonNode *qmp_query_block(JsonObject *args, QmpError *err)
{
    JsonArray *arr = json_array_new();

    for (BlockBackend *blk = blk_next(NULL); blk; blk = blk_next(blk)) {
        JsonObject *o = json_object_new();
        JsonObject *ins = json_object_new();
        JsonObject *img = json_object_new();
        int64_t len = blk_getlength(blk);

        json_object_set_string_member(o, "device", blk_name(blk));
        json_object_set_boolean_member(o, "locked", false);
        json_object_set_boolean_member(o, "removable", false);
        json_object_set_string_member(o, "type", "unknown");
        json_object_set_string_member(ins, "file", blk_filename(blk));
        json_object_set_boolean_member(ins, "ro", blk_is_read_only(blk));
        json_object_set_boolean_member(ins, "encrypted", false);
        json_object_set_int_member(ins, "backing_file_depth", 0);
        json_object_set_string_member(img, "filename", blk_filename(blk));
        json_object_set_int_member(img, "virtual-size", len < 0 ? 0 : len);
        json_object_set_object_member(ins, "image", img);
        json_object_set_object_member(o, "inserted", ins);
        json_array_add_object_element(arr, o);
    }
    return node_for_array(arr);
}

static void chardev_entry(struct Chardev *chr, void *opaque)
{
    JsonObject *o = json_object_new();
    const char *fn = chardev_filename(chr);

    json_object_set_string_member(o, "label", chardev_id(chr));
    json_object_set_string_member(o, "filename", fn ? fn : "");
    json_object_set_boolean_member(o, "frontend-open",
                                   chardev_is_open(chr));
    json_array_add_object_element(opaque, o);
}

static JsonNode *qmp_query_chardev(JsonObject *args, QmpError *err)
{
    JsonArray *arr = json_array_new();

    chardev_foreach(chardev_entry, arr);
    return node_for_array(arr);
}

static JsonNode *qmp_query_name(JsonObject *args, QmpError *err)
{
    return node_for_object(json_object_new());
}

static JsonNode *qmp_query_kvm(JsonObject *args, QmpError *err)
{
    JsonObject *o = json_object_new();

    json_object_set_boolean_member(o, "enabled", false);
    json_object_set_boolean_member(o, "present",
                                   access("/dev/kvm", F_OK) == 0);
    return node_for_object(o);
}

static JsonNode *qmp_stop(JsonObject *args, QmpError *err)
{
    vm_stop();
    return NULL;
}

static JsonNode *qmp_cont(JsonObject *args, QmpError *err)
{
    vm_start();
    return NULL;
}

static JsonNode *qmp_system_reset(JsonObject *args, QmpError *err)
{
    system_reset_request(SHUTDOWN_SUBSYSTEM_RESET);
    return NULL;
}

static JsonNode *qmp_system_powerdown(JsonObject *args, QmpError *err)
{
    system_powerdown_request();
    return NULL;
}

static JsonNode *qmp_quit(JsonObject *args, QmpError *err)
{
    system_shutdown_request(SHUTDOWN_HOST_QMP);
    return NULL;
}

static JsonNode *qmp_human_monitor_command(JsonObject *args, QmpError *err)
{
    const char *line = json_object_get_string_member(args, "command-line");
    JsonNode *n = json_node_new(JSON_NODE_VALUE);
    CPUState *saved = NULL;
    GString *crlf;
    char *out;

    if (json_object_has_member(args, "cpu-index")) {
        saved = hmp_current_cpu();
        if (!hmp_select_cpu(json_object_get_int_member(args,
                                                       "cpu-index"))) {
            qmp_error_set(err, QMP_ERROR_GENERIC,
                          "Invalid parameter 'cpu-index'");
            json_node_unref(n);
            return NULL;
        }
    }
    out = hmp_run_command(line);
    if (saved) {
        hmp_select_cpu(saved->cpu_index);
    }
    /* QEMU's monitor output has terminal line ends, here too. */
    crlf = g_string_sized_new(strlen(out) + 16);
    for (const char *p = out; *p; p++) {
        if (*p == '\n') {
            g_string_append_c(crlf, '\r');
        }
        g_string_append_c(crlf, *p);
    }
    json_node_set_string(n, crlf->str);
    g_string_free(crlf, TRUE);
    g_free(out);
    return n;
}

static const QmpArgSpec no_args[] = { { NULL } };

static const QmpArgSpec capabilities_args[] = {
    { "enable", QMP_ARG_ANY, true },
    { NULL },
};

static const QmpArgSpec hmc_args[] = {
    { "command-line", QMP_ARG_STR, false },
    { "cpu-index", QMP_ARG_INT, true },
    { NULL },
};

const QmpCommand qmp_commands[] = {
    { "qmp_capabilities", qmp_capabilities, capabilities_args },
    { "query-version", qmp_query_version, no_args },
    { "query-status", qmp_query_status, no_args },
    { "query-commands", qmp_query_commands, no_args },
    { "query-cpus-fast", qmp_query_cpus_fast, no_args },
    { "query-block", qmp_query_block, no_args },
    { "query-chardev", qmp_query_chardev, no_args },
    { "query-name", qmp_query_name, no_args },
    { "query-kvm", qmp_query_kvm, no_args },
    { "stop", qmp_stop, no_args },
    { "cont", qmp_cont, no_args },
    { "system_reset", qmp_system_reset, no_args },
    { "system_powerdown", qmp_system_powerdown, no_args },
    { "quit", qmp_quit, no_args },
    { "human-monitor-command", qmp_human_monitor_command, hmc_args },
    { NULL },
};

const QmpCommand *qmp_command_find(const char *name)
{
    for (const QmpCommand *c = qmp_commands; c->name; c++) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}
