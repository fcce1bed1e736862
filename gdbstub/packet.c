/* SPDX-License-Identifier: MIT */
/* GDB remote protocol framing: packets, checksums, escapes and hex. */
#include <string.h>

#include "gdbstub/internal.h"

enum {
    PS_IDLE,      /* between packets: acks, Ctrl-C, noise */
    PS_DATA,      /* after '$' */
    PS_CSUM1,     /* after '#' */
    PS_CSUM2,
};

void gdb_parser_init(GdbParser *p)
{
    p->state = PS_IDLE;
    p->len = 0;
    p->csum = 0;
    p->overflow = false;
}

int gdb_hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

GdbParseEvent gdb_parser_byte(GdbParser *p, uint8_t c)
{
    int v;

    switch (p->state) {
    case PS_IDLE:
        if (c == '$') {
            p->state = PS_DATA;
            p->len = 0;
            p->csum = 0;
            p->overflow = false;
        } else if (c == 0x03) {
            return GDB_EV_INTERRUPT;
        } else if (c == '+') {
            return GDB_EV_ACK;
        } else if (c == '-') {
            return GDB_EV_NACK;
        }
        /* Anything else between packets is line noise: drop it. */
        return GDB_EV_NONE;
    case PS_DATA:
        if (c == '#') {
            p->state = PS_CSUM1;
            return GDB_EV_NONE;
        }
        if (c == '$') {
            /* A new packet before the end: gdb gave up on the old one. */
            p->len = 0;
            p->csum = 0;
            p->overflow = false;
            return GDB_EV_NONE;
        }
        p->csum += c;
        if (p->len < GDB_MAX_PACKET) {
            p->buf[p->len++] = (char)c;
        } else {
            p->overflow = true;
        }
        return GDB_EV_NONE;
    case PS_CSUM1:
        v = gdb_hexval(c);
        p->got_csum = v < 0 ? 0 : v << 4;
        p->state = v < 0 ? PS_IDLE : PS_CSUM2;
        return v < 0 ? GDB_EV_BAD_CSUM : GDB_EV_NONE;
    case PS_CSUM2:
        p->state = PS_IDLE;
        v = gdb_hexval(c);
        if (v < 0 || (p->got_csum | v) != p->csum) {
            return GDB_EV_BAD_CSUM;
        }
        if (p->overflow) {
            p->len = 0;
            p->buf[0] = 0;
            return GDB_EV_TOO_LONG;
        }
        p->buf[p->len] = 0;
        return GDB_EV_PACKET;
    }
    p->state = PS_IDLE;
    return GDB_EV_NONE;
}

uint8_t gdb_checksum(const char *data, size_t len)
{
    uint8_t sum = 0;

    for (size_t i = 0; i < len; i++) {
        sum += (uint8_t)data[i];
    }
    return sum;
}

GString *gdb_frame_packet(const char *data, size_t len)
{
    GString *out = g_string_sized_new(len + 8);
    uint8_t sum = 0;

    g_string_append_c(out, '$');
    for (size_t i = 0; i < len; i++) {
        char c = data[i];

        if (c == '$' || c == '#' || c == '}' || c == '*') {
            g_string_append_c(out, '}');
            sum += '}';
            c ^= 0x20;
        }
        g_string_append_c(out, c);
        sum += (uint8_t)c;
    }
    g_string_append_printf(out, "#%02x", sum);
    return out;
}

size_t gdb_unescape(char *data, size_t len)
{
    size_t o = 0;

    for (size_t i = 0; i < len; i++) {
        if (data[i] == '}' && i + 1 < len) {
            data[o++] = data[++i] ^ 0x20;
        } else if (data[i] == '}') {
            break;      /* a dangling escape: drop it */
        } else {
            data[o++] = data[i];
        }
    }
    return o;
}

bool gdb_hex_to_bytes(const char *hex, size_t hexlen, GByteArray *out)
{
    if (hexlen & 1) {
        return false;
    }
    for (size_t i = 0; i < hexlen; i += 2) {
        int hi = gdb_hexval((uint8_t)hex[i]);
        int lo = gdb_hexval((uint8_t)hex[i + 1]);
        uint8_t b;

        if (hi < 0 || lo < 0) {
            return false;
        }
        b = (uint8_t)(hi << 4 | lo);
        g_byte_array_append(out, &b, 1);
    }
    return true;
}

void gdb_bytes_to_hex(GString *out, const uint8_t *b, size_t len)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < len; i++) {
        g_string_append_c(out, digits[b[i] >> 4]);
        g_string_append_c(out, digits[b[i] & 15]);
    }
}

bool gdb_parse_hex(const char *s, uint64_t *v, const char **end)
{
    uint64_t r = 0;
    int n = 0, d;

    while ((d = gdb_hexval((uint8_t)s[n])) >= 0) {
        if (n >= 16) {
            return false;
        }
        r = r << 4 | (uint64_t)d;
        n++;
    }
    if (n == 0) {
        return false;
    }
    *v = r;
    if (end) {
        *end = s + n;
    }
    return true;
}
