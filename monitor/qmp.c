/* SPDX-License-Identifier: MIT */
/* QMP sessions: greeting, negotiation, dispatch, errors and events. */
#include <stdarg.h>
#include <string.h>

#include "monitor/monitor-internal.h"
#include "vemu/chardev.h"
#include "vemu/main-loop.h"
#include "vemu/monitor.h"

/* A QMP server on a chardev. */
typedef struct QmpMonitor {
    QmpSession session;
    struct Chardev *chr;
    int handle;
} QmpMonitor;

/* What query-version and the greeting call us. */
#define QMP_PACKAGE "vemu 0.1.0"

static GPtrArray *qmp_monitors;    /* QmpMonitor *, for events */
static bool events_hooked;

void qmp_error_set(QmpError *err, QmpErrorClass cls, const char *fmt, ...)
{
    va_list ap;

    if (err->desc) {
        return;   /* keep the first error */
    }
    err->cls = cls;
    va_start(ap, fmt);
    err->desc = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

static const char *error_class_name(QmpErrorClass cls)
{
    return cls == QMP_ERROR_COMMAND_NOT_FOUND ? "CommandNotFound"
                                              : "GenericError";
}

/* ---- replies ---------------------------------------------------------- */

static void session_send(QmpSession *s, JsonNode *msg)
{
    char *line = json_node_to_qmp_string(msg);

    s->emit(s->opaque, line);
    g_free(line);
}

static void reply_error(QmpSession *s, QmpErrorClass cls, const char *desc,
                        JsonNode *id)
{
    JsonObject *obj = json_object_new();
    JsonObject *e = json_object_new();
    JsonNode *msg = json_node_new(JSON_NODE_OBJECT);

    json_object_set_string_member(e, "class", error_class_name(cls));
    json_object_set_string_member(e, "desc", desc);
    json_object_set_object_member(obj, "error", e);
    if (id) {
        json_object_set_member(obj, "id", json_node_copy(id));
    }
    json_node_take_object(msg, obj);
    session_send(s, msg);
    json_node_unref(msg);
}

static void reply_return(QmpSession *s, JsonNode *ret, JsonNode *id)
{
    JsonObject *obj = json_object_new();
    JsonNode *msg = json_node_new(JSON_NODE_OBJECT);

    if (!ret) {
        ret = json_node_new(JSON_NODE_OBJECT);
        json_node_take_object(ret, json_object_new());
    }
    json_object_set_member(obj, "return", ret);
    if (id) {
        json_object_set_member(obj, "id", json_node_copy(id));
    }
    json_node_take_object(msg, obj);
    session_send(s, msg);
    json_node_unref(msg);
}

/* ---- sessions --------------------------------------------------------- */

static void session_on_message(void *opaque, const char *text,
                               const char *error);

void qmp_session_init(QmpSession *s, QmpEmitFn emit, void *opaque)
{
    memset(s, 0, sizeof(*s));
    json_splitter_init(&s->splitter, session_on_message, s);
    s->emit = emit;
    s->opaque = opaque;
}

void qmp_session_destroy(QmpSession *s)
{
    json_splitter_destroy(&s->splitter);
}

void qmp_session_greet(QmpSession *s)
{
    /* Version 7.2.0, so that clients enable what 7.2 has. */
    static const char greeting[] =
        "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, "
        "\"major\": 7}, \"package\": \"" QMP_PACKAGE "\"}, "
        "\"capabilities\": [\"oob\"]}}";

    json_splitter_reset(&s->splitter);
    s->negotiated = false;
    s->emit(s->opaque, greeting);
}

void qmp_session_feed(QmpSession *s, const uint8_t *data, size_t len)
{
    json_splitter_feed(&s->splitter, data, len);
}

void qmp_session_send_event(QmpSession *s, const char *name,
                            JsonNode *data)
{
    gint64 now = g_get_real_time();
    JsonObject *obj = json_object_new();
    JsonObject *ts = json_object_new();
    JsonNode *msg = json_node_new(JSON_NODE_OBJECT);

    json_object_set_int_member(ts, "seconds", now / G_USEC_PER_SEC);
    json_object_set_int_member(ts, "microseconds", now % G_USEC_PER_SEC);
    json_object_set_object_member(obj, "timestamp", ts);
    json_object_set_string_member(obj, "event", name);
    if (data) {
        json_object_set_member(obj, "data", json_node_copy(data));
    }
    json_node_take_object(msg, obj);
    session_send(s, msg);
    json_node_unref(msg);
}

/* ---- argument checking ------------------------------------------------ */

static bool arg_type_ok(JsonNode *node, QmpArgType type)
{
    GType vt;

    if (type == QMP_ARG_ANY) {
        return true;
    }
    if (json_node_get_node_type(node) != JSON_NODE_VALUE) {
        return false;
    }
    vt = json_node_get_value_type(node);
    switch (type) {
    case QMP_ARG_STR:
        return vt == G_TYPE_STRING;
    case QMP_ARG_INT:
        return vt == G_TYPE_INT64;
    case QMP_ARG_BOOL:
        return vt == G_TYPE_BOOLEAN;
    default:
        return false;
    }
}

static const char *arg_type_name(QmpArgType type)
{
    switch (type) {
    case QMP_ARG_STR:
        return "string";
    case QMP_ARG_INT:
        return "integer";
    case QMP_ARG_BOOL:
        return "boolean";
    default:
        return "value";
    }
}

/* QEMU's wording for arguments that do not fit the command's schema. */
static bool check_args(const QmpCommand *cmd, JsonObject *args,
                       QmpError *err)
{
    GList *members = json_object_get_members(args);
    bool ok = true;

    for (GList *l = members; l && ok; l = l->next) {
        const QmpArgSpec *a = cmd->args;

        while (a && a->name && strcmp(a->name, l->data)) {
            a++;
        }
        if (!a || !a->name) {
            qmp_error_set(err, QMP_ERROR_GENERIC,
                          "Parameter '%s' is unexpected",
                          (const char *)l->data);
            ok = false;
        } else if (!arg_type_ok(json_object_get_member(args, a->name),
                                a->type)) {
            qmp_error_set(err, QMP_ERROR_GENERIC,
                          "Invalid parameter type for '%s', expected: %s",
                          a->name, arg_type_name(a->type));
            ok = false;
        }
    }
    g_list_free(members);
    for (const QmpArgSpec *a = cmd->args; ok && a && a->name; a++) {
        if (!a->optional && !json_object_has_member(args, a->name)) {
            qmp_error_set(err, QMP_ERROR_GENERIC,
                          "Parameter '%s' is missing", a->name);
            ok = false;
        }
    }
    return ok;
}

/* ---- dispatch --------------------------------------------------------- */

static const char *const top_members[] = {
    "execute", "exec-oob", "arguments", "id", NULL,
};

static void dispatch(QmpSession *s, JsonObject *req, JsonNode *id)
{
    GList *members = json_object_get_members(req);
    JsonNode *exec, *argn;
    JsonObject *args = NULL;
    const QmpCommand *cmd;
    const char *name;
    QmpError err = { 0 };
    JsonNode *ret;

    for (GList *l = members; l; l = l->next) {
        bool known = false;

        for (int i = 0; top_members[i]; i++) {
            known |= !strcmp(top_members[i], l->data);
        }
        if (!known) {
            qmp_error_set(&err, QMP_ERROR_GENERIC,
                          "QMP input member '%s' is unexpected",
                          (const char *)l->data);
        }
    }
    g_list_free(members);
    if (err.desc) {
        goto fail;
    }
    if (json_object_has_member(req, "exec-oob")) {
        qmp_error_set(&err, QMP_ERROR_GENERIC,
                      "Out-of-band execution is not supported by vemu");
        goto fail;
    }
    exec = json_object_get_member(req, "execute");
    if (!exec) {
        qmp_error_set(&err, QMP_ERROR_GENERIC,
                      "QMP input lacks member 'execute'");
        goto fail;
    }
    if (!arg_type_ok(exec, QMP_ARG_STR)) {
        qmp_error_set(&err, QMP_ERROR_GENERIC,
                      "QMP input member 'execute' must be a string");
        goto fail;
    }
    name = json_node_get_string(exec);
    argn = json_object_get_member(req, "arguments");
    if (argn) {
        if (json_node_get_node_type(argn) != JSON_NODE_OBJECT) {
            qmp_error_set(&err, QMP_ERROR_GENERIC,
                          "QMP input member 'arguments' must be an object");
            goto fail;
        }
        args = json_node_get_object(argn);
    }

    if (!s->negotiated && strcmp(name, "qmp_capabilities") != 0) {
        qmp_error_set(&err, QMP_ERROR_COMMAND_NOT_FOUND,
                      "Expecting capabilities negotiation with "
                      "'qmp_capabilities'");
        goto fail;
    }
    if (s->negotiated && !strcmp(name, "qmp_capabilities")) {
        qmp_error_set(&err, QMP_ERROR_COMMAND_NOT_FOUND,
                      "Capabilities negotiation is already complete, "
                      "command ignored");
        goto fail;
    }
    cmd = qmp_command_find(name);
    if (!cmd) {
        qmp_error_set(&err, QMP_ERROR_COMMAND_NOT_FOUND,
                      "The command %s has not been found", name);
        goto fail;
    }
    if (!args) {
        args = json_object_new();
    } else {
        json_object_ref(args);
    }
    if (!check_args(cmd, args, &err)) {
        json_object_unref(args);
        goto fail;
    }
    ret = cmd->fn(args, &err);
    json_object_unref(args);
    if (err.desc) {
        if (ret) {
            json_node_unref(ret);
        }
        goto fail;
    }
    if (!strcmp(name, "qmp_capabilities")) {
        s->negotiated = true;
    }
    reply_return(s, ret, id);
    return;

fail:
    reply_error(s, err.cls, err.desc, id);
    g_free(err.desc);
}

static void session_on_message(void *opaque, const char *text,
                               const char *error)
{
    QmpSession *s = opaque;
    JsonParser *parser;
    GError *gerr = NULL;
    JsonNode *root;

    if (error) {
        reply_error(s, QMP_ERROR_GENERIC, error, NULL);
        return;
    }
    parser = json_parser_new_immutable();
    if (!json_parser_load_from_data(parser, text, -1, &gerr)) {
        char *desc = g_strdup_printf("JSON parse error, %s",
                                     gerr->message);

        reply_error(s, QMP_ERROR_GENERIC, desc, NULL);
        g_free(desc);
        g_error_free(gerr);
        g_object_unref(parser);
        return;
    }
    root = json_parser_get_root(parser);
    if (!root || json_node_get_node_type(root) != JSON_NODE_OBJECT) {
        reply_error(s, QMP_ERROR_GENERIC,
                    "QMP input must be a JSON object", NULL);
    } else {
        JsonObject *req = json_node_get_object(root);

        dispatch(s, req, json_object_get_member(req, "id"));
    }
    g_object_unref(parser);
}

/* ---- the chardev frontend and events ---------------------------------- */

static void monitor_emit(void *opaque, const char *line)
{
    QmpMonitor *mon = opaque;
    /* One write per message: events may come from another thread. */
    char *msg = g_strconcat(line, "\r\n", NULL);

    chr_write(mon->chr, (const uint8_t *)msg, (int)strlen(msg));
    g_free(msg);
}

static int qmp_can_read(void *opaque)
{
    return 4096;
}

static void qmp_read(void *opaque, const uint8_t *buf, int len)
{
    QmpMonitor *mon = opaque;

    qmp_session_feed(&mon->session, buf, len);
}

static void qmp_event(void *opaque, ChrEvent ev)
{
    QmpMonitor *mon = opaque;

    switch (ev) {
    case CHR_EVENT_OPENED:
        qmp_session_greet(&mon->session);
        break;
    case CHR_EVENT_CLOSED:
        /* The next client negotiates again. */
        json_splitter_reset(&mon->session.splitter);
        mon->session.negotiated = false;
        break;
    default:
        break;
    }
}

static const char *shutdown_reason(ShutdownCause cause)
{
    switch (cause) {
    case SHUTDOWN_HOST_QMP:
        return "host-qmp-quit";
    case SHUTDOWN_HOST_SIGNAL:
        return "host-signal";
    case SHUTDOWN_HOST_UI:
        return "host-ui";
    case SHUTDOWN_GUEST_SHUTDOWN:
        return "guest-shutdown";
    case SHUTDOWN_GUEST_RESET:
        return "guest-reset";
    case SHUTDOWN_GUEST_PANIC:
        return "guest-panic";
    case SHUTDOWN_SUBSYSTEM_RESET:
        return "host-qmp-system-reset";
    default:
        return "none";
    }
}

static JsonNode *cause_data(ShutdownCause cause)
{
    JsonObject *obj = json_object_new();
    JsonNode *node = json_node_new(JSON_NODE_OBJECT);

    json_object_set_boolean_member(obj, "guest",
                                   cause >= SHUTDOWN_GUEST_SHUTDOWN &&
                                   cause <= SHUTDOWN_GUEST_PANIC);
    json_object_set_string_member(obj, "reason", shutdown_reason(cause));
    json_node_take_object(node, obj);
    return node;
}

static void qmp_vm_event(VMEvent ev, void *opaque)
{
    static const char *const names[] = {
        [VM_EVENT_STOP] = "STOP",
        [VM_EVENT_RESUME] = "RESUME",
        [VM_EVENT_RESET] = "RESET",
        [VM_EVENT_POWERDOWN] = "POWERDOWN",
        [VM_EVENT_SHUTDOWN] = "SHUTDOWN",
    };
    JsonNode *data = NULL;

    if ((unsigned)ev >= G_N_ELEMENTS(names) || !names[ev]) {
        return;
    }
    if (ev == VM_EVENT_RESET || ev == VM_EVENT_SHUTDOWN) {
        data = cause_data(vm_event_cause());
    }
    for (guint i = 0; qmp_monitors && i < qmp_monitors->len; i++) {
        QmpMonitor *mon = g_ptr_array_index(qmp_monitors, i);

        if (mon->session.negotiated) {
            qmp_session_send_event(&mon->session, names[ev], data);
        }
    }
    if (data) {
        json_node_unref(data);
    }
}

bool monitor_init_qmp(struct Chardev *chr, GError **errp)
{
    QmpMonitor *mon = g_new0(QmpMonitor, 1);
    ChrFrontendHandlers h = {
        .can_read = qmp_can_read,
        .read = qmp_read,
        .event = qmp_event,
        .opaque = mon,
    };

    mon->chr = chr;
    qmp_session_init(&mon->session, monitor_emit, mon);
    mon->handle = chr_add_frontend(chr, &h);
    if (mon->handle < 0) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "chardev '%s' cannot take another frontend",
                    chardev_id(chr));
        qmp_session_destroy(&mon->session);
        g_free(mon);
        return false;
    }
    if (!qmp_monitors) {
        qmp_monitors = g_ptr_array_new();
    }
    g_ptr_array_add(qmp_monitors, mon);
    if (!events_hooked) {
        events_hooked = true;
        vm_event_add_notifier(qmp_vm_event, NULL);
    }
    /* On a mux, the serial console keeps the focus (as in QEMU). */
    if (chr_is_mux(chr) && mon->handle > 0) {
        chr_mux_set_focus(chr, 0);
    }
    return true;
}
