/* SPDX-License-Identifier: MIT */
/*
 * The device model: a plain C struct per device embedding a Device
 * header, a const DeviceClass with its name, properties, realize and
 * reset; IRQ lines wired by the board; buses with slots for pluggable
 * devices (-device). No type macros: container_of gets the device.
 *
 * All of it runs under the BQL.
 */
#ifndef VEMU_DEVICE_H
#define VEMU_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#ifndef container_of
#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))
#endif

typedef struct Device Device;
typedef struct DeviceClass DeviceClass;
typedef struct Bus Bus;

/* ---- IRQ lines ------------------------------------------------------ */

typedef void (*IRQHandler)(void *opaque, int n, int level);

typedef struct IRQ {
    IRQHandler handler;
    void *opaque;
    int n;
} IRQ;

/* A line that calls handler(opaque, n, level) when set. */
IRQ *irq_new(IRQHandler handler, void *opaque, int n);
/* count lines numbered 0..count-1 (an array of IRQ *). */
IRQ **irq_new_array(IRQHandler handler, void *opaque, int count);
void irq_free(IRQ *irq);
/* Drive the line (NULL lines are not connected: ignored). */
void irq_set(IRQ *irq, int level);
static inline void irq_raise(IRQ *irq) { irq_set(irq, 1); }
static inline void irq_lower(IRQ *irq) { irq_set(irq, 0); }
static inline void irq_pulse(IRQ *irq)
{
    irq_set(irq, 1);
    irq_set(irq, 0);
}

/* ---- properties ----------------------------------------------------- */

typedef enum PropertyType {
    PROP_BOOL,
    PROP_UINT32,
    PROP_UINT64,
    PROP_STRING,     /* char *, g_strdup'ed */
    PROP_SIZE,       /* uint64_t, accepts 64M, 1G suffixes */
    PROP_CHARDEV,    /* struct Chardev *, by id (-chardev id=...) */
    PROP_DRIVE,      /* struct BlockBackend *, by id (-drive id=...) */
    PROP_NETDEV,     /* struct NetClient *, by id (-netdev id=...) */
} PropertyType;

typedef struct Property {
    const char *name;
    PropertyType type;
    size_t offset;         /* of the field in the device struct */
    const char *defval;    /* parsed like user input; NULL: zero */
    const char *desc;      /* for -device NAME,help */
} Property;

#define DEFINE_PROP(n, t, st, field, def) \
    { .name = (n), .type = (t), .offset = offsetof(st, field), \
      .defval = (def) }

/* String forms of the property types (also for other option parsers):
 * bool on/off/true/false/yes/no; numbers decimal or 0x hex; sizes with
 * an optional K/M/G/T suffix (powers of 1024). False if malformed. */
bool prop_parse_bool(const char *s, bool *out);
bool prop_parse_uint(const char *s, uint64_t *out);
bool prop_parse_size(const char *s, uint64_t *out);

/*
 * Lookup functions for the backend property types, set by the subsystems
 * that own them (chardev/, block/, net/). NULL when absent.
 */
extern void *(*prop_chardev_lookup)(const char *id);
extern void *(*prop_drive_lookup)(const char *id);
extern void *(*prop_netdev_lookup)(const char *id);

/* ---- devices -------------------------------------------------------- */

struct DeviceClass {
    const char *name;           /* "virtio-blk-device", "ns16550a" */
    const char *desc;
    size_t instance_size;       /* the whole device struct */
    const Property *props;      /* terminated by { .name = NULL } */
    /* Plugs into a bus of this type (NULL: created by boards only). */
    const char *bus_type;
    bool user_creatable;        /* allowed with -device */
    /* Called once after properties are set; false + error to refuse. */
    bool (*realize)(Device *dev, GError **errp);
    void (*unrealize)(Device *dev);
    /* Power-on state; also on system_reset. */
    void (*reset)(Device *dev);
};

/* The Device header must be the first member of the device's struct:
 * property offsets and instance_size count from it. */
struct Device {
    const DeviceClass *klass;
    char *id;                   /* -device ...,id= (or NULL) */
    bool realized;
    Bus *parent_bus;
    GPtrArray *child_buses;     /* Bus * */
};

/* Domain of the device model's GErrors. */
#define DEVICE_ERROR device_error_quark()
GQuark device_error_quark(void);

/* Register a class (called from each device file's constructor). */
void device_class_register(const DeviceClass *dc);
const DeviceClass *device_class_find(const char *name);
/* All registered classes sorted by name (for -device help). */
GPtrArray *device_class_list(void);

const Property *device_class_find_prop(const DeviceClass *dc,
                                       const char *name);

/* Allocate instance_size zeroed bytes and apply property defaults
 * (device_new: NULL if the type is unknown). */
Device *device_new(const char *type);
Device *device_new_class(const DeviceClass *dc);
/* Unrealize, unplug and free (hot-unplug, failed -device, tests). */
void device_free(Device *dev);
/* Every device in creation order ("info qtree"). */
void device_foreach(void (*fn)(Device *dev, void *opaque), void *opaque);
/* The device with this id (-device ...,id=), or NULL. */
Device *device_find_id(const char *id);
/* Set a property from its string form; false + error if it is unknown
 * or malformed ("vemu: -device ...: Property 'x' not found"). */
bool device_set_prop(Device *dev, const char *name, const char *value,
                     GError **errp);
/* Realize, then reset into the power-on state. */
bool device_realize(Device *dev, GError **errp);
/* Reset every realized device (system_reset and power-on). */
void devices_reset_all(void);
void device_reset(Device *dev);

/* Register a callback run on system reset (boards, CPUs). */
void reset_register(void (*fn)(void *opaque), void *opaque);
void reset_run_all(void);

/* ---- buses ---------------------------------------------------------- */

struct Bus {
    const char *type;           /* "virtio-bus" */
    char *name;                 /* "virtio-mmio-bus.0" */
    Device *parent;
    Device *child;              /* one device per bus slot, or NULL */
    /* Called when a device is plugged; false + error to refuse. */
    bool (*plug)(Bus *bus, Device *dev, GError **errp);
};

Bus *bus_new(const char *type, const char *name, Device *parent,
             bool (*plug)(Bus *, Device *, GError **));
/* First bus of this type with no child, in creation order; or NULL. */
Bus *bus_find_free(const char *type);
/* The bus of this name ("virtio-mmio-bus.3", for -device ...,bus=). */
Bus *bus_find(const char *name);
bool bus_plug(Bus *bus, Device *dev, GError **errp);

/*
 * -device TYPE,prop=value,...: create, set properties, plug into a free
 * bus of the class's bus_type, realize. "help" and "TYPE,help" print to
 * stdout and return false with *errp NULL.
 */
Device *device_add_opts(const char *optarg, GError **errp);

#endif
