/* SPDX-License-Identifier: MIT */
/* Buses: one slot each, found by type for -device, plugged by the core. */
#include <string.h>

#include "vemu/device.h"

static GPtrArray *buses;    /* Bus *, in creation order */

Bus *bus_new(const char *type, const char *name, Device *parent,
             bool (*plug)(Bus *, Device *, GError **))
{
    Bus *bus = g_new0(Bus, 1);

    bus->type = type;
    bus->name = g_strdup(name);
    bus->parent = parent;
    bus->plug = plug;
    if (parent) {
        g_ptr_array_add(parent->child_buses, bus);
    }
    if (!buses) {
        buses = g_ptr_array_new();
    }
    g_ptr_array_add(buses, bus);
    return bus;
}

Bus *bus_find_free(const char *type)
{
    for (guint i = 0; buses && i < buses->len; i++) {
        Bus *bus = g_ptr_array_index(buses, i);

        if (!bus->child && type && strcmp(bus->type, type) == 0) {
            return bus;
        }
    }
    return NULL;
}

Bus *bus_find(const char *name)
{
    for (guint i = 0; buses && i < buses->len; i++) {
        Bus *bus = g_ptr_array_index(buses, i);

        if (name && strcmp(bus->name, name) == 0) {
            return bus;
        }
    }
    return NULL;
}

bool bus_plug(Bus *bus, Device *dev, GError **errp)
{
    const char *want = dev->klass->bus_type;

    if (!want || strcmp(want, bus->type) != 0) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "Device '%s' can't go on %s bus '%s'", dev->klass->name,
                    bus->type, bus->name);
        return false;
    }
    if (bus->child) {
        g_set_error(errp, DEVICE_ERROR, 0, "Bus '%s' is full", bus->name);
        return false;
    }
    if (dev->parent_bus) {
        g_set_error(errp, DEVICE_ERROR, 0,
                    "Device '%s' is already on bus '%s'", dev->klass->name,
                    dev->parent_bus->name);
        return false;
    }
    if (bus->plug && !bus->plug(bus, dev, errp)) {
        return false;
    }
    bus->child = dev;
    dev->parent_bus = bus;
    return true;
}
