/* SPDX-License-Identifier: MIT */
/* Device classes, instances, properties, realize and reset. */
#include <errno.h>
#include <string.h>

#include "vemu/device.h"
#include "vemu/opts.h"

void *(*prop_chardev_lookup)(const char *id);
void *(*prop_drive_lookup)(const char *id);
void *(*prop_netdev_lookup)(const char *id);

static GHashTable *classes;     /* name -> const DeviceClass * */
static GPtrArray *devices;      /* Device *, in creation order */

typedef struct ResetEntry {
    void (*fn)(void *opaque);
    void *opaque;
} ResetEntry;
static GArray *reset_handlers;  /* ResetEntry, in registration order */

GQuark device_error_quark(void)
{
    return g_quark_from_static_string("vemu-device-error");
}

/* ---- classes ---------------------------------------------------------- */

void device_class_register(const DeviceClass *dc)
{
    if (!classes) {
        classes = g_hash_table_new(g_str_hash, g_str_equal);
    }
    if (g_hash_table_contains(classes, dc->name)) {
        g_critical("device class '%s' registered twice", dc->name);
        return;
    }
    g_hash_table_insert(classes, (gpointer)dc->name, (gpointer)dc);
}

const DeviceClass *device_class_find(const char *name)
{
    return classes && name ? g_hash_table_lookup(classes, name) : NULL;
}

static gint class_cmp(gconstpointer a, gconstpointer b)
{
    const DeviceClass *x = *(const DeviceClass *const *)a;
    const DeviceClass *y = *(const DeviceClass *const *)b;

    return strcmp(x->name, y->name);
}

GPtrArray *device_class_list(void)
{
    GPtrArray *list = g_ptr_array_new();

    if (classes) {
        GHashTableIter it;
        gpointer value;

        g_hash_table_iter_init(&it, classes);
        while (g_hash_table_iter_next(&it, NULL, &value)) {
            g_ptr_array_add(list, value);
        }
    }
    g_ptr_array_sort(list, class_cmp);
    return list;
}

/* ---- property parsing ------------------------------------------------- */

const Property *device_class_find_prop(const DeviceClass *dc,
                                       const char *name)
{
    for (const Property *p = dc->props; p && p->name; p++) {
        if (strcmp(p->name, name) == 0) {
            return p;
        }
    }
    return NULL;
}

bool prop_parse_bool(const char *s, bool *out)
{
    return opts_parse_bool(s, out);
}

/* Decimal or 0x hex, the whole string, no sign; *end gets the rest. */
static bool parse_u64_prefix(const char *s, uint64_t *out, const char **end)
{
    int base = 10;
    char *e;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!g_ascii_isxdigit(s[0]) || (base == 10 && !g_ascii_isdigit(s[0]))) {
        return false;
    }
    errno = 0;
    *out = g_ascii_strtoull(s, &e, base);
    if (errno) {
        return false;
    }
    *end = e;
    return true;
}

bool prop_parse_uint(const char *s, uint64_t *out)
{
    const char *end;

    return parse_u64_prefix(s, out, &end) && *end == '\0';
}

bool prop_parse_size(const char *s, uint64_t *out)
{
    const char *end;
    uint64_t v;
    int shift = 0;

    if (!parse_u64_prefix(s, &v, &end)) {
        return false;
    }
    switch (g_ascii_toupper(*end)) {
    case '\0':
        break;
    case 'B':
        break;
    case 'K':
        shift = 10;
        break;
    case 'M':
        shift = 20;
        break;
    case 'G':
        shift = 30;
        break;
    case 'T':
        shift = 40;
        break;
    default:
        return false;
    }
    if (*end && end[1] != '\0') {
        return false;
    }
    if (shift && v > (UINT64_MAX >> shift)) {
        return false;
    }
    *out = v << shift;
    return true;
}

static const char *prop_type_name(PropertyType t)
{
    static const char *const names[] = {
        [PROP_BOOL] = "bool", [PROP_UINT32] = "uint32",
        [PROP_UINT64] = "uint64", [PROP_STRING] = "str",
        [PROP_SIZE] = "size", [PROP_CHARDEV] = "chardev",
        [PROP_DRIVE] = "drive", [PROP_NETDEV] = "netdev",
    };

    return t < G_N_ELEMENTS(names) && names[t] ? names[t] : "?";
}

/* The backend named id, through the hook of its subsystem. */
static void *backend_lookup(PropertyType t, const char *id)
{
    void *(*fn)(const char *) = t == PROP_CHARDEV ? prop_chardev_lookup :
                                t == PROP_DRIVE ? prop_drive_lookup :
                                prop_netdev_lookup;

    return fn ? fn(id) : NULL;
}

static bool prop_apply(Device *dev, const Property *p, const char *value,
                       GError **errp)
{
    void *field = (char *)dev + p->offset;
    uint64_t v;
    bool b;

    switch (p->type) {
    case PROP_BOOL:
        if (!prop_parse_bool(value, &b)) {
            g_set_error(errp, DEVICE_ERROR, 0,
                        "Parameter '%s' expects 'on' or 'off'", p->name);
            return false;
        }
        *(bool *)field = b;
        return true;
    case PROP_UINT32:
    case PROP_UINT64:
        if (!prop_parse_uint(value, &v) ||
            (p->type == PROP_UINT32 && v > UINT32_MAX)) {
            g_set_error(errp, DEVICE_ERROR, 0,
                        "Parameter '%s' expects %s, not '%s'", p->name,
                        prop_type_name(p->type), value);
            return false;
        }
        if (p->type == PROP_UINT32) {
            *(uint32_t *)field = v;
        } else {
            *(uint64_t *)field = v;
        }
        return true;
    case PROP_SIZE:
        if (!prop_parse_size(value, &v)) {
            g_set_error(errp, DEVICE_ERROR, 0,
                        "Parameter '%s' expects a size (like 64M or 1G), "
                        "not '%s'", p->name, value);
            return false;
        }
        *(uint64_t *)field = v;
        return true;
    case PROP_STRING:
        g_free(*(char **)field);
        *(char **)field = g_strdup(value);
        return true;
    case PROP_CHARDEV:
    case PROP_DRIVE:
    case PROP_NETDEV: {
        void *backend = NULL;

        if (*value) {
            backend = backend_lookup(p->type, value);
            if (!backend) {
                g_set_error(errp, DEVICE_ERROR, 0,
                            "Property '%s.%s' can't find value '%s'",
                            dev->klass->name, p->name, value);
                return false;
            }
        }
        *(void **)field = backend;
        return true;
    }
    }
    g_set_error(errp, DEVICE_ERROR, 0, "Property '%s' has a bad type",
                p->name);
    return false;
}

bool device_set_prop(Device *dev, const char *name, const char *value,
                     GError **errp)
{
    const Property *p = device_class_find_prop(dev->klass, name);

    if (!p) {
        g_set_error(errp, DEVICE_ERROR, 0, "Property '%s.%s' not found",
                    dev->klass->name, name);
        return false;
    }
    if (dev->realized) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "Attempt to set property '%s' on device '%s' after "
                    "it was realized", name, dev->klass->name);
        return false;
    }
    return prop_apply(dev, p, value ? value : "", errp);
}

/* ---- instances -------------------------------------------------------- */

Device *device_new_class(const DeviceClass *dc)
{
    size_t size = dc->instance_size > sizeof(Device) ? dc->instance_size
                                                     : sizeof(Device);
    Device *dev = g_malloc0(size);

    dev->klass = dc;
    dev->child_buses = g_ptr_array_new();
    for (const Property *p = dc->props; p && p->name; p++) {
        GError *err = NULL;

        if (p->defval && !prop_apply(dev, p, p->defval, &err)) {
            /* A class's own default is a bug in the class. */
            g_critical("%s: default of '%s': %s", dc->name, p->name,
                       err->message);
            g_error_free(err);
        }
    }
    if (!devices) {
        devices = g_ptr_array_new();
    }
    g_ptr_array_add(devices, dev);
    return dev;
}

Device *device_new(const char *type)
{
    const DeviceClass *dc = device_class_find(type);

    return dc ? device_new_class(dc) : NULL;
}

void device_foreach(void (*fn)(Device *dev, void *opaque), void *opaque)
{
    for (guint i = 0; devices && i < devices->len; i++) {
        fn(g_ptr_array_index(devices, i), opaque);
    }
}

Device *device_find_id(const char *id)
{
    for (guint i = 0; id && devices && i < devices->len; i++) {
        Device *dev = g_ptr_array_index(devices, i);

        if (dev->id && strcmp(dev->id, id) == 0) {
            return dev;
        }
    }
    return NULL;
}

bool device_realize(Device *dev, GError **errp)
{
    const DeviceClass *dc = dev->klass;

    if (dev->realized) {
        return true;
    }
    if (dc->realize && !dc->realize(dev, errp)) {
        return false;
    }
    dev->realized = true;
    /* Power-on state, as after a system reset. */
    device_reset(dev);
    return true;
}

void device_reset(Device *dev)
{
    if (dev->realized && dev->klass->reset) {
        dev->klass->reset(dev);
    }
}

void devices_reset_all(void)
{
    for (guint i = 0; devices && i < devices->len; i++) {
        device_reset(g_ptr_array_index(devices, i));
    }
}

void device_free(Device *dev)
{
    const DeviceClass *dc = dev->klass;

    if (dev->realized && dc->unrealize) {
        dc->unrealize(dev);
    }
    if (dev->parent_bus && dev->parent_bus->child == dev) {
        dev->parent_bus->child = NULL;
    }
    for (const Property *p = dc->props; p && p->name; p++) {
        if (p->type == PROP_STRING) {
            g_free(*(char **)((char *)dev + p->offset));
        }
    }
    if (devices) {
        g_ptr_array_remove(devices, dev);
    }
    g_ptr_array_free(dev->child_buses, TRUE);
    g_free(dev->id);
    g_free(dev);
}

/* ---- reset handlers --------------------------------------------------- */

void reset_register(void (*fn)(void *opaque), void *opaque)
{
    ResetEntry e = { fn, opaque };

    if (!reset_handlers) {
        reset_handlers = g_array_new(FALSE, FALSE, sizeof(ResetEntry));
    }
    g_array_append_val(reset_handlers, e);
}

void reset_run_all(void)
{
    for (guint i = 0; reset_handlers && i < reset_handlers->len; i++) {
        ResetEntry *e = &g_array_index(reset_handlers, ResetEntry, i);

        e->fn(e->opaque);
    }
}
