/* SPDX-License-Identifier: MIT */
/* The mux: several frontends share one backend; Ctrl-A commands switch. */
#include <stdio.h>
#include <string.h>

#include "chardev/char-internal.h"
#include "vemu/main-loop.h"

#define MUX_MAX 8
#define MUX_BUF 32            /* input held per frontend while it is busy */
#define MUX_ESCAPE 0x01       /* Ctrl-A */

typedef struct MuxFrontend {
    bool used;
    ChrFrontendHandlers h;
    uint8_t buf[MUX_BUF];     /* ring */
    int head, count;
} MuxFrontend;

typedef struct MuxChardev {
    Chardev parent;
    Chardev *base;
    int base_handle;
    MuxFrontend fe[MUX_MAX];
    int focus;                /* -1: nobody attached */
    bool got_escape;
    bool realized;            /* the startup OPENED went out */
    bool flushing;
    guint open_idle;
    guint flush_idle;
    bool timestamps;
    bool linestart;
    gint64 ts_start;          /* -1: at the next output */
} MuxChardev;

static void mux_send_event(MuxChardev *m, int i, ChrEvent ev)
{
    if (i >= 0 && i < MUX_MAX && m->fe[i].used && m->fe[i].h.event) {
        m->fe[i].h.event(m->fe[i].h.opaque, ev);
    }
}

static void mux_send_all(MuxChardev *m, ChrEvent ev)
{
    for (int i = 0; i < MUX_MAX; i++) {
        mux_send_event(m, i, ev);
    }
}

/* Hand buffered input to the focused frontend, as much as it takes. */
static void mux_flush(MuxChardev *m)
{
    MuxFrontend *f;

    if (m->focus < 0 || m->flushing) {
        return;
    }
    f = &m->fe[m->focus];
    m->flushing = true;
    while (f->used && f->count > 0 && f->h.can_read && f->h.read) {
        int room = f->h.can_read(f->h.opaque);
        int n = MIN(f->count, MUX_BUF - f->head);

        if (room <= 0) {
            break;
        }
        n = MIN(n, room);
        f->h.read(f->h.opaque, f->buf + f->head, n);
        f->head = (f->head + n) % MUX_BUF;
        f->count -= n;
    }
    m->flushing = false;
}

static void mux_focus(MuxChardev *m, int handle)
{
    if (m->focus >= 0) {
        mux_send_event(m, m->focus, CHR_EVENT_MUX_OUT);
    }
    m->focus = handle;
    mux_send_event(m, m->focus, CHR_EVENT_MUX_IN);
    mux_flush(m);
}

void chr_mux_set_focus(Chardev *chr, int handle)
{
    MuxChardev *m = (MuxChardev *)chr;

    if (!chr_is_mux(chr) || handle < 0 || handle >= MUX_MAX ||
        !m->fe[handle].used) {
        return;
    }
    mux_focus(m, handle);
    chr_accept_input(m->base);
}

static void mux_print(MuxChardev *m, const char *s)
{
    chr_write(m->base, (const uint8_t *)s, strlen(s));
}

static void mux_print_help(MuxChardev *m)
{
    static const char *const help[] = {
        "C-a h    print this help\n\r",
        "C-a x    exit emulator\n\r",
        "C-a t    toggle console timestamps\n\r",
        "C-a b    send break (magic sysrq)\n\r",
        "C-a c    switch between console and monitor\n\r",
        "C-a C-a  sends C-a\n\r",
    };

    mux_print(m, "\n\r");
    for (size_t i = 0; i < G_N_ELEMENTS(help); i++) {
        mux_print(m, help[i]);
    }
}

static void mux_rotate_focus(MuxChardev *m)
{
    for (int k = 1; k <= MUX_MAX; k++) {
        int i = (m->focus + k) % MUX_MAX;

        if (m->fe[i].used) {
            mux_focus(m, i);
            return;
        }
    }
}

/* The byte after Ctrl-A. */
static void mux_command(MuxChardev *m, uint8_t c)
{
    switch (c) {
    case 'h':
    case '?':
        mux_print_help(m);
        break;
    case 'x':
        mux_print(m, "vemu: Terminated\n\r");
        system_shutdown_request(SHUTDOWN_HOST_UI);
        break;
    case 'b':
        mux_send_event(m, m->focus, CHR_EVENT_BREAK);
        break;
    case 'c':
        mux_rotate_focus(m);
        break;
    case 't':
        /* mux_write reads these on vCPU threads */
        g_mutex_lock(&m->parent.write_lock);
        m->timestamps = !m->timestamps;
        m->ts_start = -1;
        m->linestart = false;
        g_mutex_unlock(&m->parent.write_lock);
        break;
    default:
        /* Unknown commands are swallowed, as in QEMU. */
        break;
    }
}

static void mux_deliver(MuxChardev *m, uint8_t c)
{
    MuxFrontend *f;

    if (m->focus < 0) {
        return;
    }
    f = &m->fe[m->focus];
    if (f->count < MUX_BUF) {
        f->buf[(f->head + f->count) % MUX_BUF] = c;
        f->count++;
    }
}

static int mux_can_read(void *opaque)
{
    MuxChardev *m = opaque;

    if (m->focus < 0) {
        return 1;     /* still obey Ctrl-A x with nobody attached */
    }
    return MUX_BUF - m->fe[m->focus].count;
}

static void mux_read(void *opaque, const uint8_t *buf, int len)
{
    MuxChardev *m = opaque;

    for (int i = 0; i < len; i++) {
        uint8_t c = buf[i];

        if (m->got_escape) {
            m->got_escape = false;
            if (c == MUX_ESCAPE) {
                mux_deliver(m, c);
            } else {
                mux_flush(m);
                mux_command(m, c);
            }
        } else if (c == MUX_ESCAPE) {
            m->got_escape = true;
        } else {
            mux_deliver(m, c);
        }
    }
    mux_flush(m);
}

static void mux_event(void *opaque, ChrEvent ev)
{
    MuxChardev *m = opaque;

    switch (ev) {
    case CHR_EVENT_OPENED:
    case CHR_EVENT_CLOSED:
        m->parent.be_open = ev == CHR_EVENT_OPENED;
        /* Before the startup OPENED, frontends learn the state then. */
        if (m->realized) {
            mux_send_all(m, ev);
        }
        break;
    case CHR_EVENT_BREAK:
        mux_send_event(m, m->focus, ev);
        break;
    default:
        break;
    }
}

/*
 * Like QEMU's muxes_realized: frontends attached during startup learn
 * that the backend is open once they are all there, on the first main
 * loop iteration, so the monitor (which lost the focus to the serial
 * port) does not print its banner at startup.
 */
static gboolean mux_open_idle(gpointer opaque)
{
    MuxChardev *m = opaque;

    m->open_idle = 0;
    m->realized = true;
    if (m->parent.be_open) {
        mux_send_all(m, CHR_EVENT_OPENED);
    }
    mux_flush(m);
    chr_accept_input(m->base);
    return G_SOURCE_REMOVE;
}

static int mux_add_frontend(Chardev *chr, const ChrFrontendHandlers *h)
{
    MuxChardev *m = (MuxChardev *)chr;
    int i;

    for (i = 0; i < MUX_MAX && m->fe[i].used; i++) {
    }
    if (i == MUX_MAX) {
        return -1;
    }
    memset(&m->fe[i], 0, sizeof(m->fe[i]));
    m->fe[i].used = true;
    m->fe[i].h = *h;
    /* The last frontend attached gets the focus. */
    mux_focus(m, i);
    if (m->realized) {
        if (chr->be_open) {
            mux_send_event(m, i, CHR_EVENT_OPENED);
        }
        chr_accept_input(m->base);
    } else if (!m->open_idle) {
        m->open_idle = g_idle_add(mux_open_idle, m);
    }
    return i;
}

static void mux_remove_frontend(Chardev *chr, int handle)
{
    MuxChardev *m = (MuxChardev *)chr;

    if (handle < 0 || handle >= MUX_MAX || !m->fe[handle].used) {
        return;
    }
    m->fe[handle].used = false;
    if (m->focus == handle) {
        m->focus = -1;
        for (int k = 1; k < MUX_MAX; k++) {
            int i = (handle + k) % MUX_MAX;

            if (m->fe[i].used) {
                mux_focus(m, i);
                break;
            }
        }
    }
}

static gboolean mux_flush_idle(gpointer opaque)
{
    MuxChardev *m = opaque;

    m->flush_idle = 0;
    mux_flush(m);
    chr_accept_input(m->base);
    return G_SOURCE_REMOVE;
}

/*
 * A frontend may call this from its own read handler or from an MMIO
 * access on a vCPU thread: deliver later from the main loop, never
 * re-entering the frontend.
 */
static void mux_accept_input(Chardev *chr)
{
    MuxChardev *m = (MuxChardev *)chr;

    if (!m->flush_idle) {
        m->flush_idle = g_idle_add(mux_flush_idle, m);
    }
}

/* "[hh:mm:ss.mmm] " at the start of each line while timestamps are on */
static void mux_write_timestamp(MuxChardev *m)
{
    gint64 now = g_get_monotonic_time() / 1000, ms;
    char ts[48];

    if (m->ts_start < 0) {
        m->ts_start = now;
    }
    ms = now - m->ts_start;
    snprintf(ts, sizeof(ts), "[%02d:%02d:%02d.%03d] ",
             (int)(ms / 3600000), (int)(ms / 60000 % 60),
             (int)(ms / 1000 % 60), (int)(ms % 1000));
    chr_write(m->base, (const uint8_t *)ts, strlen(ts));
}

static int mux_write(Chardev *chr, const uint8_t *buf, int len)
{
    MuxChardev *m = (MuxChardev *)chr;
    int start = 0;

    if (!m->timestamps) {
        chr_write(m->base, buf, len);
        return len;
    }
    for (int i = 0; i < len; i++) {
        if (m->linestart) {
            chr_write(m->base, buf + start, i - start);
            start = i;
            mux_write_timestamp(m);
            m->linestart = false;
        }
        if (buf[i] == '\n') {
            m->linestart = true;
        }
    }
    chr_write(m->base, buf + start, len - start);
    return len;
}

static void mux_close(Chardev *chr)
{
    MuxChardev *m = (MuxChardev *)chr;

    if (m->open_idle) {
        g_source_remove(m->open_idle);
    }
    if (m->flush_idle) {
        g_source_remove(m->flush_idle);
    }
    chr_remove_frontend(m->base, m->base_handle);
}

const ChardevClass chr_mux_class = {
    .name = "mux",
    .instance_size = sizeof(MuxChardev),
    .write = mux_write,
    .accept_input = mux_accept_input,
    .add_frontend = mux_add_frontend,
    .remove_frontend = mux_remove_frontend,
    .close = mux_close,
};

Chardev *chr_mux_create(const char *id, Chardev *base, GError **errp)
{
    ChrFrontendHandlers h = {
        .can_read = mux_can_read,
        .read = mux_read,
        .event = mux_event,
    };
    Chardev *chr = chr_create(&chr_mux_class, id, NULL, errp);
    MuxChardev *m = (MuxChardev *)chr;

    if (!chr) {
        return NULL;
    }
    m->base = base;
    m->focus = -1;
    m->ts_start = -1;
    chr->be_open = base->be_open;
    chr->filename = g_strdup_printf("mux:%s", chardev_id(base));
    h.opaque = m;
    m->base_handle = chr_add_frontend(base, &h);
    if (m->base_handle < 0) {
        g_set_error(errp, CHR_ERROR, 0,
                    "chardev '%s' is already in use", chardev_id(base));
        return NULL;
    }
    return chr;
}
