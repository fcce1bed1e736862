/* SPDX-License-Identifier: MIT */
/* -drive option parsing and the registry of drives by id. */
#include <string.h>

#include "block/block-int.h"
#include "vemu/device.h"
#include "vemu/opts.h"

static bool snapshot_all;      /* -snapshot */
static unsigned drive_counter; /* for generated ids */

static bool parse_bool(const char *key, const char *val, bool *out,
                       GError **errp)
{
    if (opts_parse_bool(val, out)) {
        return true;
    }
    g_set_error(errp, BLOCK_ERROR, 0, "Parameter '%s' expects 'on' or "
                "'off'", key);
    return false;
}

typedef struct DriveOpts {
    char *file;
    char *format;
    char *id;
    BlockInterfaceType iface;
    bool read_only;
    bool snapshot;
    bool no_flush;
} DriveOpts;

static bool drive_parse(const char *optarg, DriveOpts *o, GError **errp)
{
    const char *p = optarg;

    while (*p) {
        char *elem = opts_next_element(&p);
        char *eq = strchr(elem, '=');
        const char *key = elem;
        const char *val;
        bool ok = true;

        if (!*elem) {
            g_free(elem);
            continue;
        }
        if (!eq) {
            /* QEMU allows a bare first element as the file name. */
            g_set_error(errp, BLOCK_ERROR, 0, "Invalid parameter '%s'",
                        elem);
            g_free(elem);
            return false;
        }
        *eq = '\0';
        val = eq + 1;
        if (strcmp(key, "file") == 0) {
            g_free(o->file);
            o->file = g_strdup(val);
        } else if (strcmp(key, "format") == 0) {
            g_free(o->format);
            o->format = g_strdup(val);
        } else if (strcmp(key, "id") == 0) {
            g_free(o->id);
            o->id = g_strdup(val);
        } else if (strcmp(key, "if") == 0) {
            if (strcmp(val, "none") == 0) {
                o->iface = IF_NONE;
            } else if (strcmp(val, "virtio") == 0) {
                o->iface = IF_VIRTIO;
            } else {
                g_set_error(errp, BLOCK_ERROR, 0, "unsupported bus type "
                            "'%s'", val);
                ok = false;
            }
        } else if (strcmp(key, "readonly") == 0) {
            ok = parse_bool(key, val, &o->read_only, errp);
        } else if (strcmp(key, "snapshot") == 0) {
            ok = parse_bool(key, val, &o->snapshot, errp);
        } else if (strcmp(key, "cache") == 0) {
            /* All I/O is synchronous pread/pwrite with flushes on guest
             * request; "unsafe" drops the flushes. */
            if (strcmp(val, "unsafe") == 0) {
                o->no_flush = true;
            } else if (strcmp(val, "writeback") && strcmp(val, "none") &&
                       strcmp(val, "writethrough") &&
                       strcmp(val, "directsync")) {
                g_set_error(errp, BLOCK_ERROR, 0, "invalid cache option");
                ok = false;
            }
        } else if (strcmp(key, "media") == 0 && strcmp(val, "disk") == 0) {
            /* the only kind there is */
        } else if (strcmp(key, "aio") == 0 || strcmp(key, "discard") == 0 ||
                   strcmp(key, "detect-zeroes") == 0) {
            /* Tuning that synchronous raw I/O has no use for. */
        } else {
            g_set_error(errp, BLOCK_ERROR, 0, "Invalid parameter '%s'", key);
            ok = false;
        }
        g_free(elem);
        if (!ok) {
            return false;
        }
    }
    return true;
}

static bool id_valid(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_' && *p != '.') {
            return false;
        }
    }
    return true;
}

bool drive_add_opts(const char *optarg, GError **errp)
{
    DriveOpts o = { .iface = IF_NONE };
    BlockBackend *blk;
    bool ok = false;
    int flags;

    if (!drive_parse(optarg, &o, errp)) {
        goto out;
    }
    if (o.id && !id_valid(o.id)) {
        g_set_error(errp, BLOCK_ERROR, 0, "Parameter 'id' expects an "
                    "identifier");
        goto out;
    }
    if (o.id && blk_by_id(o.id)) {
        g_set_error(errp, BLOCK_ERROR, 0, "Duplicate ID '%s' for drive",
                    o.id);
        goto out;
    }
    if (!o.file || !*o.file) {
        g_set_error(errp, BLOCK_ERROR, 0, "A block device must be specified "
                    "for \"file\"");
        goto out;
    }
    if (!o.id) {
        /* QEMU names unnamed drives after their interface. */
        do {
            g_free(o.id);
            o.id = g_strdup_printf("%s%u", o.iface == IF_VIRTIO ? "virtio"
                                   : "none", drive_counter++);
        } while (blk_by_id(o.id));
    }
    flags = o.read_only ? 0 : BLK_O_RDWR;
    if (o.snapshot || snapshot_all) {
        flags |= BLK_O_SNAPSHOT;
    }
    if (o.no_flush) {
        flags |= BLK_O_NO_FLUSH;
    }
    blk = blk_new_open(o.file, o.format, flags, errp);
    if (!blk) {
        goto out;
    }
    blk_register(blk, o.id, o.iface);
    ok = true;
out:
    g_free(o.file);
    g_free(o.format);
    g_free(o.id);
    return ok;
}

void drive_set_snapshot_all(void)
{
    snapshot_all = true;
    for (BlockBackend *blk = blk_next(NULL); blk; blk = blk_next(blk)) {
        GError *err = NULL;

        if (!blk_is_read_only(blk) && blk_enable_snapshot(blk, &err) < 0) {
            /* The image stays writable: say so rather than pretend. */
            g_printerr("vemu: -snapshot: drive '%s': %s\n", blk_name(blk),
                       err->message);
            g_error_free(err);
        }
    }
}

static void *drive_lookup(const char *id)
{
    return blk_by_id(id);
}

void block_init(void)
{
    prop_drive_lookup = drive_lookup;
}
