/* SPDX-License-Identifier: MIT */
/* Shared pieces of the monitors: the JSON stream splitter and writer,
 * the QMP session and command table, the HMP command helpers. */
#ifndef MONITOR_INTERNAL_H
#define MONITOR_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "vemu/cpu.h"

/* ---- JSON stream splitting (qmp-json.c) ----------------------------- */

/* A message bigger than this is refused, then skipped to its end. */
#define JSON_MAX_MESSAGE (1u << 20)
#define JSON_MAX_NESTING 1024

/*
 * Cuts a byte stream into JSON texts by counting brackets outside
 * strings, as QEMU's streamer does: each complete top-level value goes to
 * the callback (text, or NULL with an error message for input that cannot
 * be a message: too large, too deep, stray closing bracket).
 */
typedef void (*JsonMessageFn)(void *opaque, const char *text,
                              const char *error);

typedef struct JsonSplitter {
    GString *buf;
    int depth;
    bool in_string;
    bool escape;
    bool scalar;        /* a top-level scalar ("42", "true") */
    bool skipping;      /* after an error: drop bytes until depth 0 */
    JsonMessageFn fn;
    void *opaque;
} JsonSplitter;

void json_splitter_init(JsonSplitter *s, JsonMessageFn fn, void *opaque);
void json_splitter_feed(JsonSplitter *s, const uint8_t *data, size_t len);
void json_splitter_reset(JsonSplitter *s);
void json_splitter_destroy(JsonSplitter *s);

/* Serialise a node QEMU's way ({"a": 1, "b": [2, 3]}). */
void json_node_write(GString *out, JsonNode *node);
char *json_node_to_qmp_string(JsonNode *node);

/* ---- QMP (qmp.c, qmp-cmds.c) ---------------------------------------- */

typedef struct QmpSession QmpSession;

/* Sends one complete line (no newline at the end) to the client. */
typedef void (*QmpEmitFn)(void *opaque, const char *line);

struct QmpSession {
    JsonSplitter splitter;
    bool negotiated;
    QmpEmitFn emit;
    void *opaque;
};

void qmp_session_init(QmpSession *s, QmpEmitFn emit, void *opaque);
void qmp_session_destroy(QmpSession *s);
/* A new client: forget the negotiation, send the greeting. */
void qmp_session_greet(QmpSession *s);
void qmp_session_feed(QmpSession *s, const uint8_t *data, size_t len);
/* Send an event to every negotiated session (or this one in tests). */
void qmp_session_send_event(QmpSession *s, const char *name,
                            JsonNode *data);

/* QEMU's error classes. */
typedef enum QmpErrorClass {
    QMP_ERROR_GENERIC,
    QMP_ERROR_COMMAND_NOT_FOUND,
} QmpErrorClass;

typedef struct QmpError {
    QmpErrorClass cls;
    char *desc;
} QmpError;

void qmp_error_set(QmpError *err, QmpErrorClass cls, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Argument kinds a command declares (checked before it runs). */
typedef enum QmpArgType {
    QMP_ARG_STR,
    QMP_ARG_INT,
    QMP_ARG_BOOL,
    QMP_ARG_ANY,
} QmpArgType;

typedef struct QmpArgSpec {
    const char *name;
    QmpArgType type;
    bool optional;
} QmpArgSpec;

typedef struct QmpCommand {
    const char *name;
    /* Returns the "return" value (NULL: {}); sets err on failure. */
    JsonNode *(*fn)(JsonObject *args, QmpError *err);
    const QmpArgSpec *args;     /* terminated by { NULL } */
} QmpCommand;

/* The command table (qmp-cmds.c), NULL-name terminated. */
extern const QmpCommand qmp_commands[];
const QmpCommand *qmp_command_find(const char *name);

/* ---- HMP (hmp.c, hmp-cmds.c) ---------------------------------------- */

/* One HMP command: args is the rest of the line after the name. */
typedef struct HmpCommand {
    const char *name;
    const char *alias;          /* "c" for cont, or NULL */
    const char *params;         /* for help: "/fmt addr" */
    const char *help;
    void (*fn)(GString *out, const char *args);
} HmpCommand;

extern const HmpCommand hmp_commands[];
extern const HmpCommand hmp_info_commands[];

/* The CPU that "info registers" and "x" use (cpu N selects it). */
CPUState *hmp_current_cpu(void);
bool hmp_select_cpu(int index);

/* A vCPU's host thread id, as QEMU reports it (the process before the
 * thread is up). */
static inline int cpu_thread_id(const CPUState *cpu)
{
    return cpu->thread_id ? cpu->thread_id : (int)getpid();
}

/* "x" and "xp": parse "/fmt addr" and dump memory (hmp-cmds.c). */
void hmp_memory_dump(GString *out, const char *args, bool physical);

#endif
