/* SPDX-License-Identifier: MIT */
/* Internals of the gdbstub: packet layer, protocol core, its backends. */
#ifndef GDBSTUB_INTERNAL_H
#define GDBSTUB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "vemu/cpu.h"

/* The largest packet we accept (advertised as PacketSize). */
#define GDB_MAX_PACKET 16384

/* ---- packet.c: framing, checksums, escapes, hex ---- */

typedef enum GdbParseEvent {
    GDB_EV_NONE,        /* need more bytes */
    GDB_EV_PACKET,      /* a good packet: ack '+' and handle it */
    GDB_EV_BAD_CSUM,    /* nack '-': gdb resends */
    GDB_EV_TOO_LONG,    /* ack, then reply with an error */
    GDB_EV_INTERRUPT,   /* Ctrl-C (0x03) outside a packet */
    GDB_EV_ACK,         /* '+' from gdb */
    GDB_EV_NACK,        /* '-' from gdb: resend the last packet */
} GdbParseEvent;

typedef struct GdbParser {
    int state;
    uint8_t csum;       /* running sum of the payload */
    uint8_t got_csum;
    bool overflow;
    size_t len;
    char buf[GDB_MAX_PACKET + 1];  /* payload, NUL-terminated */
} GdbParser;

void gdb_parser_init(GdbParser *p);
/* Feed one byte; on GDB_EV_PACKET p->buf/p->len hold the payload. */
GdbParseEvent gdb_parser_byte(GdbParser *p, uint8_t c);

/* "$payload#cs" with '#', '$', '}' and '*' escaped. */
GString *gdb_frame_packet(const char *data, size_t len);
uint8_t gdb_checksum(const char *data, size_t len);
/* Undo '}' escapes in place (binary data of X); returns the new length. */
size_t gdb_unescape(char *data, size_t len);

int gdb_hexval(int c);          /* -1 if not a hex digit */
/* Hex text to bytes: false if odd length or not hex. */
bool gdb_hex_to_bytes(const char *hex, size_t hexlen, GByteArray *out);
void gdb_bytes_to_hex(GString *out, const uint8_t *b, size_t len);
/* Parse a hex number ending at a non-hex char; false if none or too
 * long. *end points after it. */
bool gdb_parse_hex(const char *s, uint64_t *v, const char **end);

/* ---- gdbstub.c: the protocol ---- */

typedef struct GdbState GdbState;

typedef struct GdbOps {
    /* Send raw bytes to gdb. */
    void (*send)(GdbState *s, const uint8_t *buf, size_t len);
    /* Debugger memory access at guest virtual addr; false on a fault. */
    bool (*memory_rw)(CPUState *cpu, vaddr addr, uint8_t *buf, size_t len,
                      bool write);
    /* Resume execution (the stepping vCPU has single step set). */
    void (*resume)(GdbState *s);
    /* Stop everything for an interrupt (system: vm_stop). */
    void (*interrupt)(GdbState *s);
    /* k: end the emulation. */
    void (*kill)(GdbState *s);
    /* Z2-Z4 are supported. */
    bool watchpoints;
    /* vCPUs can stay stopped while others run (vCont;c:2). */
    bool can_hold;
    /*
     * The accelerator, if it may keep gdb's breakpoints itself (its
     * insert_breakpoint hook set: KVM); NULL: vemu/debug.h's lists.
     */
    const struct AccelOps *(*accel)(void);
    /* qRcmd: the output of a monitor command (g_free'd), or NULL. */
    char *(*monitor_command)(const char *cmd);
} GdbOps;

struct GdbState {
    const GdbOps *ops;
    void *opaque;
    GdbParser parser;
    bool no_ack;            /* QStartNoAckMode accepted */
    bool running;           /* resumed, no stop reply sent yet */
    bool attached;
    CPUState *g_cpu;        /* Hg: registers and memory */
    CPUState *c_cpu;        /* Hc: step/continue */
    GString *last_packet;   /* for a '-' resend */
    const char *stop_extra; /* appended to the next stop reply */
};

void gdb_state_init(GdbState *s, const GdbOps *ops, void *opaque);
void gdb_state_reset(GdbState *s);   /* a new connection */
/* Bytes from gdb. */
void gdb_input(GdbState *s, const uint8_t *buf, size_t len);
/* Send a packet (framed). */
void gdb_send_packet(GdbState *s, const char *data);
/*
 * A vCPU stopped: send the stop reply. signo 5 (SIGTRAP) for
 * breakpoints/steps/watchpoints, 2 for an interrupt.
 */
void gdb_report_stop(GdbState *s, CPUState *cpu, int signo);
/* Drop gdb's breakpoints, watchpoints and steps (detach, disconnect). */
void gdb_forget_breakpoints(GdbState *s);
/* Thread ids: cpu_index + 1. */
int gdb_cpu_id(CPUState *cpu);

#endif
