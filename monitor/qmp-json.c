/* SPDX-License-Identifier: MIT */
/* QMP's wire format: cutting the input into JSON texts, writing replies. */
#include <string.h>

#include "monitor/monitor-internal.h"

void json_splitter_init(JsonSplitter *s, JsonMessageFn fn, void *opaque)
{
    memset(s, 0, sizeof(*s));
    s->buf = g_string_new(NULL);
    s->fn = fn;
    s->opaque = opaque;
}

void json_splitter_reset(JsonSplitter *s)
{
    g_string_truncate(s->buf, 0);
    s->depth = 0;
    s->in_string = false;
    s->escape = false;
    s->scalar = false;
    s->skipping = false;
}

void json_splitter_destroy(JsonSplitter *s)
{
    if (s->buf) {
        g_string_free(s->buf, TRUE);
        s->buf = NULL;
    }
}

static void splitter_emit(JsonSplitter *s)
{
    bool skipped = s->skipping;
    char *text = g_strdup(s->buf->str);

    /* Reset first: the callback may feed more input (tests) or free us. */
    json_splitter_reset(s);
    if (!skipped) {
        s->fn(s->opaque, text, NULL);
    }
    g_free(text);
}

/* Refuse the current message and drop the rest of it. */
static void splitter_fail(JsonSplitter *s, const char *why)
{
    bool was_skipping = s->skipping;

    g_string_truncate(s->buf, 0);
    s->skipping = true;
    if (!was_skipping) {
        s->fn(s->opaque, NULL, why);
    }
}

static void splitter_byte(JsonSplitter *s, char c)
{
    bool ws = c == ' ' || c == '\t' || c == '\r' || c == '\n';

    if (s->scalar) {
        /* A bare top-level token ends at whitespace or a bracket. */
        if (ws || strchr("{}[]\"", c)) {
            splitter_emit(s);
            if (ws) {
                return;
            }
        } else {
            if (!s->skipping) {
                g_string_append_c(s->buf, c);
            }
            goto check_size;
        }
    }
    if (s->in_string) {
        if (s->escape) {
            s->escape = false;
        } else if (c == '\\') {
            s->escape = true;
        } else if (c == '"') {
            s->in_string = false;
        }
    } else if (c == '"') {
        s->in_string = true;
    } else if (c == '{' || c == '[') {
        if (++s->depth > JSON_MAX_NESTING) {
            splitter_fail(s, "JSON nesting depth limit exceeded");
        }
    } else if (c == '}' || c == ']') {
        if (s->depth == 0) {
            /* A stray closing bracket: refuse it on its own. */
            s->fn(s->opaque, NULL, "JSON parse error, stray '}' or ']'");
            return;
        }
        s->depth--;
    } else if (s->depth == 0) {
        if (ws) {
            return;   /* between messages */
        }
        s->scalar = true;
    }
    if (!s->skipping) {
        g_string_append_c(s->buf, c);
    }
    if (s->depth == 0 && !s->in_string && !s->scalar) {
        if (s->skipping) {
            json_splitter_reset(s);
        } else if (s->buf->len) {
            splitter_emit(s);
        }
        return;
    }
check_size:
    if (!s->skipping && s->buf->len > JSON_MAX_MESSAGE) {
        /* The rest is dropped, still counting brackets to find its end
         * (a huge bare token ends at whitespace). */
        splitter_fail(s, "JSON message exceeds the size limit (1 MiB)");
    }
}

void json_splitter_feed(JsonSplitter *s, const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (data[i] == 0xff || data[i] == 0) {
            /* QEMU's resync byte: start over whatever came before. */
            json_splitter_reset(s);
            continue;
        }
        splitter_byte(s, (char)data[i]);
    }
}

/* ---- writing ---------------------------------------------------------- */

static void write_string(GString *out, const char *str)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)str; *p; p++) {
        switch (*p) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\r':
            g_string_append(out, "\\r");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        case '\b':
            g_string_append(out, "\\b");
            break;
        case '\f':
            g_string_append(out, "\\f");
            break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                g_string_append_printf(out, "\\u%04x", *p);
            } else {
                g_string_append_c(out, *p);
            }
            break;
        }
    }
    g_string_append_c(out, '"');
}

static void write_value(GString *out, JsonNode *node)
{
    GType t = json_node_get_value_type(node);

    if (t == G_TYPE_INT64) {
        g_string_append_printf(out, "%" G_GINT64_FORMAT,
                               json_node_get_int(node));
    } else if (t == G_TYPE_DOUBLE) {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append(out, g_ascii_dtostr(buf, sizeof(buf),
                                            json_node_get_double(node)));
    } else if (t == G_TYPE_BOOLEAN) {
        g_string_append(out, json_node_get_boolean(node) ? "true"
                                                         : "false");
    } else if (t == G_TYPE_STRING) {
        write_string(out, json_node_get_string(node));
    } else {
        g_string_append(out, "null");
    }
}

void json_node_write(GString *out, JsonNode *node)
{
    if (!node) {
        g_string_append(out, "null");
        return;
    }
    switch (json_node_get_node_type(node)) {
    case JSON_NODE_OBJECT: {
        JsonObject *obj = json_node_get_object(node);
        GList *members = json_object_get_members(obj);
        bool first = true;

        g_string_append_c(out, '{');
        for (GList *l = members; l; l = l->next) {
            if (!first) {
                g_string_append(out, ", ");
            }
            first = false;
            write_string(out, l->data);
            g_string_append(out, ": ");
            json_node_write(out, json_object_get_member(obj, l->data));
        }
        g_list_free(members);
        g_string_append_c(out, '}');
        break;
    }
    case JSON_NODE_ARRAY: {
        JsonArray *arr = json_node_get_array(node);
        guint n = json_array_get_length(arr);

        g_string_append_c(out, '[');
        for (guint i = 0; i < n; i++) {
            if (i) {
                g_string_append(out, ", ");
            }
            json_node_write(out, json_array_get_element(arr, i));
        }
        g_string_append_c(out, ']');
        break;
    }
    case JSON_NODE_VALUE:
        write_value(out, node);
        break;
    case JSON_NODE_NULL:
    default:
        g_string_append(out, "null");
        break;
    }
}

char *json_node_to_qmp_string(JsonNode *node)
{
    GString *out = g_string_new(NULL);

    json_node_write(out, node);
    return g_string_free(out, FALSE);
}
