/* SPDX-License-Identifier: MIT */
/* -device TYPE,key=value,...: parse, create, plug, realize; and its help. */
#include <stdio.h>
#include <string.h>

#include "vemu/device.h"

typedef struct Opt {
    char *key;
    char *value;
} Opt;

/*
 * Split "a=1,b=x,,y,c" into key/value pairs: ",," is a literal comma and
 * a bare word is key=on (QEMU's option syntax). The first bare word is
 * the device type, returned in *type.
 */
static GArray *opts_split(const char *s, char **type)
{
    GArray *opts = g_array_new(FALSE, TRUE, sizeof(Opt));
    GString *item = g_string_new(NULL);
    bool first = true;

    *type = NULL;
    for (const char *p = s;; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(item, ',');
            p++;
            continue;
        }
        if (*p != ',' && *p != '\0') {
            g_string_append_c(item, *p);
            continue;
        }
        char *eq = strchr(item->str, '=');
        Opt o;

        if (first && !eq) {
            *type = g_strdup(item->str);
        } else if (eq) {
            o.key = g_strndup(item->str, eq - item->str);
            o.value = g_strdup(eq + 1);
            g_array_append_val(opts, o);
        } else if (item->len) {
            o.key = g_strdup(item->str);
            o.value = g_strdup("on");
            g_array_append_val(opts, o);
        }
        first = false;
        g_string_truncate(item, 0);
        if (*p == '\0') {
            break;
        }
    }
    g_string_free(item, TRUE);
    return opts;
}

static void opts_free(GArray *opts)
{
    for (guint i = 0; i < opts->len; i++) {
        Opt *o = &g_array_index(opts, Opt, i);

        g_free(o->key);
        g_free(o->value);
    }
    g_array_free(opts, TRUE);
}

static bool is_help(const char *s)
{
    return s && (strcmp(s, "help") == 0 || strcmp(s, "?") == 0);
}

static void print_classes(void)
{
    GPtrArray *list = device_class_list();

    printf("Devices (use -device NAME,help for their properties):\n");
    for (guint i = 0; i < list->len; i++) {
        const DeviceClass *dc = g_ptr_array_index(list, i);

        if (!dc->user_creatable) {
            continue;
        }
        printf("name \"%s\"", dc->name);
        if (dc->bus_type) {
            printf(", bus %s", dc->bus_type);
        }
        if (dc->desc) {
            printf(", desc \"%s\"", dc->desc);
        }
        printf("\n");
    }
    g_ptr_array_free(list, TRUE);
}

static const char *const prop_type_names[] = {
    [PROP_BOOL] = "bool", [PROP_UINT32] = "uint32",
    [PROP_UINT64] = "uint64", [PROP_STRING] = "str",
    [PROP_SIZE] = "size", [PROP_CHARDEV] = "str",
    [PROP_DRIVE] = "str", [PROP_NETDEV] = "str",
};

static void print_props(const DeviceClass *dc)
{
    printf("%s options:\n", dc->name);
    if (dc->bus_type) {
        printf("  %-24s - %s\n", "bus=<str>",
               "the bus to plug into (default: the first free one)");
    }
    printf("  %-24s - %s\n", "id=<str>", "name of the device");
    for (const Property *p = dc->props; p && p->name; p++) {
        char *left = g_strdup_printf("%s=<%s>", p->name,
                                     p->type < G_N_ELEMENTS(prop_type_names)
                                     ? prop_type_names[p->type] : "?");

        printf("  %-24s", left);
        if (p->desc || p->defval) {
            printf(" -");
        }
        if (p->desc) {
            printf(" %s", p->desc);
        }
        if (p->defval) {
            printf(" (default: %s)", p->defval);
        }
        printf("\n");
        g_free(left);
    }
}

/* The slot for dev: the named bus, or the first free one of its type. */
static Bus *pick_bus(Device *dev, const char *bus_name, GError **errp)
{
    const DeviceClass *dc = dev->klass;
    Bus *bus;

    if (bus_name) {
        bus = bus_find(bus_name);
        if (!bus) {
            g_set_error(errp, DEVICE_ERROR, 0, "Bus '%s' not found",
                        bus_name);
        }
        return bus;
    }
    bus = bus_find_free(dc->bus_type);
    if (!bus) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "No '%s' bus found for device '%s'", dc->bus_type,
                    dc->name);
    }
    return bus;
}

static bool apply_opts(Device *dev, GArray *opts, const char **bus_name,
                       GError **errp)
{
    for (guint i = 0; i < opts->len; i++) {
        Opt *o = &g_array_index(opts, Opt, i);

        if (strcmp(o->key, "id") == 0) {
            if (device_find_id(o->value)) {
                g_set_error(errp, DEVICE_ERROR, 0,
                            "Duplicate device ID '%s'", o->value);
                return false;
            }
            g_free(dev->id);
            dev->id = g_strdup(o->value);
        } else if (strcmp(o->key, "bus") == 0) {
            *bus_name = o->value;
        } else if (!device_set_prop(dev, o->key, o->value, errp)) {
            return false;
        }
    }
    return true;
}

Device *device_add_opts(const char *optarg, GError **errp)
{
    const DeviceClass *dc;
    const char *bus_name = NULL;
    Device *dev = NULL;
    char *type;
    GArray *opts = opts_split(optarg, &type);

    /* driver=TYPE is the long form of the leading type. */
    for (guint i = 0; !type && i < opts->len; i++) {
        Opt *o = &g_array_index(opts, Opt, i);

        if (strcmp(o->key, "driver") == 0) {
            type = g_strdup(o->value);
            g_free(o->key);
            g_free(o->value);
            g_array_remove_index(opts, i);
        }
    }
    if (is_help(type)) {
        print_classes();
        goto out;
    }
    if (!type || !*type) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "Parameter 'driver' is missing");
        goto out;
    }
    dc = device_class_find(type);
    if (!dc) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "'%s' is not a valid device model name", type);
        goto out;
    }
    for (guint i = 0; i < opts->len; i++) {
        if (is_help(g_array_index(opts, Opt, i).key)) {
            print_props(dc);
            goto out;
        }
    }
    if (!dc->user_creatable) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "Parameter 'driver' expects a pluggable device type "
                    "('%s' is part of the board)", type);
        goto out;
    }
    dev = device_new_class(dc);
    if (!apply_opts(dev, opts, &bus_name, errp)) {
        goto fail;
    }
    if (dc->bus_type || bus_name) {
        Bus *bus = pick_bus(dev, bus_name, errp);

        if (!bus || !bus_plug(bus, dev, errp)) {
            goto fail;
        }
    }
    if (!device_realize(dev, errp)) {
        goto fail;
    }
    goto out;

fail:
    device_free(dev);
    dev = NULL;
out:
    opts_free(opts);
    g_free(type);
    return dev;
}
