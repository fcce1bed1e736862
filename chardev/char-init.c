/* SPDX-License-Identifier: MIT */
/* Hooks the chardev registry into the device model's PROP_CHARDEV. */
#include "vemu/chardev.h"
#include "vemu/device.h"

/*
 * Kept apart from char.c so that programs using chardevs without the
 * device model (unit tests) do not need prop_chardev_lookup.
 */
static void *chardev_lookup(const char *id)
{
    return chardev_find(id);
}

void chardev_init(void)
{
    prop_chardev_lookup = chardev_lookup;
}
