/* SPDX-License-Identifier: MIT */
/* The human monitor: "(qemu) " prompt, line editing, command lookup. */
#include <ctype.h>
#include <string.h>

#include "monitor/monitor-internal.h"
#include "vemu/chardev.h"
#include "vemu/monitor.h"

#define HMP_PROMPT "(qemu) "
#define HMP_HISTORY 64

typedef struct HmpMonitor {
    struct Chardev *chr;
    int handle;
    GString *line;
    bool focused;       /* a mux gave us the terminal */
    bool banner_shown;
    bool attaching;     /* the mux's focus while we attach is not real */
    bool last_cr;       /* swallow the \n of a \r\n pair */
    int esc;            /* 0, 1 after ESC, 2 after ESC [ */
    GPtrArray *history; /* char *, oldest first */
    guint hist_pos;     /* history->len: the line being typed */
} HmpMonitor;

static int cur_cpu_index;

CPUState *hmp_current_cpu(void)
{
    CPUState *found = NULL;

    cpu_list_lock();
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        if (cpu->cpu_index == cur_cpu_index) {
            found = cpu;
            break;
        }
    }
    if (!found) {
        found = first_cpu;
    }
    cpu_list_unlock();
    return found;
}

bool hmp_select_cpu(int index)
{
    bool ok = false;

    cpu_list_lock();
    for (CPUState *cpu = first_cpu; cpu; cpu = cpu->next) {
        ok |= cpu->cpu_index == index;
    }
    cpu_list_unlock();
    if (ok) {
        cur_cpu_index = index;
    }
    return ok;
}

/* ---- running one line ------------------------------------------------- */

static const HmpCommand *find_in(const HmpCommand *table, const char *name)
{
    for (const HmpCommand *c = table; c->name; c++) {
        if (!strcmp(c->name, name) || (c->alias && !strcmp(c->alias,
                                                           name))) {
            return c;
        }
    }
    return NULL;
}

static void help_line(GString *out, const char *prefix,
                      const HmpCommand *c)
{
    GString *head = g_string_new(prefix);

    g_string_append(head, c->name);
    if (c->alias) {
        g_string_append_printf(head, "|%s", c->alias);
    }
    if (c->params && *c->params) {
        g_string_append_printf(head, " %s", c->params);
    }
    g_string_append_printf(out, "%s -- %s\n", head->str, c->help);
    g_string_free(head, TRUE);
}

static void hmp_help(GString *out, const char *args)
{
    const HmpCommand *c;

    if (*args && strcmp(args, "info") != 0) {
        c = find_in(hmp_commands, args);
        if (!c) {
            g_string_append_printf(out, "unknown command: '%s'\n", args);
            return;
        }
        help_line(out, "", c);
        return;
    }
    if (!*args) {
        g_string_append(out, "help|? [cmd] -- show the help\n");
        for (c = hmp_commands; c->name; c++) {
            help_line(out, "", c);
        }
        g_string_append(out, "info [subcommand] -- show various "
                             "information about the system state\n");
        return;
    }
    for (c = hmp_info_commands; c->name; c++) {
        help_line(out, "info ", c);
    }
}

static void hmp_info(GString *out, const char *args)
{
    char *name = g_strdup(args);
    char *rest = name;
    const HmpCommand *c;

    while (*rest && !isspace((unsigned char)*rest)) {
        rest++;
    }
    if (*rest) {
        *rest++ = 0;
        while (isspace((unsigned char)*rest)) {
            rest++;
        }
    }
    if (!*name) {
        hmp_help(out, "info");
    } else if ((c = find_in(hmp_info_commands, name))) {
        c->fn(out, rest);
    } else {
        g_string_append_printf(out, "unknown info command: '%s'\n", name);
        hmp_help(out, "info");
    }
    g_free(name);
}

char *hmp_run_command(const char *line)
{
    GString *out = g_string_new(NULL);
    size_t len = line ? strlen(line) : 0;
    /* One spare byte: "x/fmt" is split into "x" and "/fmt" in place. */
    char *copy = g_malloc0(len + 2);
    char *name, *args;
    const HmpCommand *c;

    if (line) {
        memcpy(copy, line, len);
    }
    name = g_strstrip(copy);
    if (!*name) {
        g_free(copy);
        return g_string_free(out, FALSE);
    }
    /* "x/4xw addr": the format sticks to the name. */
    args = name;
    while (*args && !isspace((unsigned char)*args) && *args != '/') {
        args++;
    }
    if (*args == '/') {
        memmove(args + 1, args, strlen(args) + 1);
        *args++ = 0;
    } else if (*args) {
        *args++ = 0;
    }
    while (isspace((unsigned char)*args)) {
        args++;
    }
    if (!strcmp(name, "help") || !strcmp(name, "?")) {
        hmp_help(out, args);
    } else if (!strcmp(name, "info") || !strcmp(name, "i")) {
        hmp_info(out, args);
    } else if ((c = find_in(hmp_commands, name))) {
        c->fn(out, args);
    } else {
        g_string_append_printf(out, "unknown command: '%s'\n", name);
    }
    g_free(copy);
    return g_string_free(out, FALSE);
}

/* ---- the terminal side ------------------------------------------------ */

/* The terminal is raw: every \n needs its \r. */
static void hmp_puts(HmpMonitor *mon, const char *s)
{
    GString *o = g_string_sized_new(strlen(s) + 16);

    for (; *s; s++) {
        if (*s == '\n') {
            g_string_append_c(o, '\r');
        }
        g_string_append_c(o, *s);
    }
    chr_write(mon->chr, (const uint8_t *)o->str, (int)o->len);
    g_string_free(o, TRUE);
}

static void hmp_show_prompt(HmpMonitor *mon)
{
    if (!mon->banner_shown) {
        mon->banner_shown = true;
        hmp_puts(mon, "QEMU 7.2.0 monitor - type 'help' for more "
                      "information\n");
    }
    hmp_puts(mon, HMP_PROMPT);
    hmp_puts(mon, mon->line->str);
}

static void hmp_erase_line(HmpMonitor *mon)
{
    for (gsize i = 0; i < mon->line->len; i++) {
        hmp_puts(mon, "\b \b");
    }
    g_string_truncate(mon->line, 0);
}

static void hmp_history_move(HmpMonitor *mon, int dir)
{
    GPtrArray *h = mon->history;

    if ((dir < 0 && mon->hist_pos == 0) ||
        (dir > 0 && mon->hist_pos >= h->len)) {
        return;
    }
    mon->hist_pos += dir;
    hmp_erase_line(mon);
    if (mon->hist_pos < h->len) {
        g_string_assign(mon->line, g_ptr_array_index(h, mon->hist_pos));
        hmp_puts(mon, mon->line->str);
    }
}

static void hmp_enter(HmpMonitor *mon)
{
    char *out;

    hmp_puts(mon, "\n");
    if (mon->line->len) {
        if (mon->history->len == HMP_HISTORY) {
            g_ptr_array_remove_index(mon->history, 0);
        }
        g_ptr_array_add(mon->history, g_strdup(mon->line->str));
    }
    out = hmp_run_command(mon->line->str);
    g_string_truncate(mon->line, 0);
    mon->hist_pos = mon->history->len;
    hmp_puts(mon, out);
    g_free(out);
    hmp_show_prompt(mon);
}

static void hmp_key(HmpMonitor *mon, uint8_t c)
{
    bool was_cr = mon->last_cr;

    mon->last_cr = c == '\r';
    if (mon->esc == 1) {
        mon->esc = c == '[' || c == 'O' ? 2 : 0;
        return;
    }
    if (mon->esc == 2) {
        if (c >= 0x40 && c <= 0x7e) {
            mon->esc = 0;
            if (c == 'A') {
                hmp_history_move(mon, -1);
            } else if (c == 'B') {
                hmp_history_move(mon, 1);
            }
        }
        return;
    }
    switch (c) {
    case '\r':
        hmp_enter(mon);
        break;
    case '\n':
        if (!was_cr) {
            hmp_enter(mon);
        }
        break;
    case 0x7f:
    case '\b':
        if (mon->line->len) {
            g_string_truncate(mon->line, mon->line->len - 1);
            hmp_puts(mon, "\b \b");
        }
        break;
    case 0x15:  /* Ctrl-U */
        hmp_erase_line(mon);
        break;
    case 0x1b:
        mon->esc = 1;
        break;
    default:
        if (c >= 0x20 && c < 0x7f && mon->line->len < 4096) {
            char s[2] = { (char)c, 0 };

            g_string_append_c(mon->line, (char)c);
            hmp_puts(mon, s);
        }
        break;
    }
}

static int hmp_can_read(void *opaque)
{
    return 256;
}

static void hmp_read(void *opaque, const uint8_t *buf, int len)
{
    HmpMonitor *mon = opaque;

    for (int i = 0; i < len; i++) {
        hmp_key(mon, buf[i]);
    }
}

static void hmp_event(void *opaque, ChrEvent ev)
{
    HmpMonitor *mon = opaque;

    switch (ev) {
    case CHR_EVENT_OPENED:
        g_string_truncate(mon->line, 0);
        mon->banner_shown = false;
        if (mon->focused) {
            hmp_show_prompt(mon);
        }
        break;
    case CHR_EVENT_MUX_IN:
        mon->focused = true;
        if (mon->attaching) {
            break;
        }
        /* A fresh line: the guest's output may end anywhere. */
        hmp_puts(mon, "\n");
        hmp_show_prompt(mon);
        break;
    case CHR_EVENT_MUX_OUT:
        mon->focused = false;
        break;
    default:
        break;
    }
}

bool monitor_init_hmp(struct Chardev *chr, GError **errp)
{
    HmpMonitor *mon = g_new0(HmpMonitor, 1);
    ChrFrontendHandlers h = {
        .can_read = hmp_can_read,
        .read = hmp_read,
        .event = hmp_event,
        .opaque = mon,
    };

    mon->chr = chr;
    mon->line = g_string_new(NULL);
    mon->history = g_ptr_array_new_with_free_func(g_free);
    /* Not a mux: the monitor has the terminal to itself. */
    mon->focused = !chr_is_mux(chr);
    mon->attaching = true;
    mon->handle = chr_add_frontend(chr, &h);
    mon->attaching = false;
    if (mon->handle < 0) {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "chardev '%s' cannot take another frontend",
                    chardev_id(chr));
        g_string_free(mon->line, TRUE);
        g_ptr_array_free(mon->history, TRUE);
        g_free(mon);
        return false;
    }
    /* On a mux the serial console keeps the focus; Ctrl-A c switches. */
    if (chr_is_mux(chr) && mon->handle > 0) {
        chr_mux_set_focus(chr, 0);
    }
    return true;
}
