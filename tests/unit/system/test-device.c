/* SPDX-License-Identifier: MIT */
/* Device model: properties, realize, reset order, buses, IRQs, -device. */
#include <string.h>

#include "vemu/device.h"

typedef struct TestDev {
    Device parent;
    bool flag;
    uint32_t count;
    uint64_t addr;
    uint64_t size;
    char *label;
    void *chr;
    void *drive;
    void *netdev;
    bool refuse;
    int resets;
} TestDev;

static const Property test_props[] = {
    DEFINE_PROP("flag", PROP_BOOL, TestDev, flag, "on"),
    DEFINE_PROP("count", PROP_UINT32, TestDev, count, "7"),
    DEFINE_PROP("addr", PROP_UINT64, TestDev, addr, "0x1000"),
    DEFINE_PROP("size", PROP_SIZE, TestDev, size, "64K"),
    DEFINE_PROP("label", PROP_STRING, TestDev, label, "hello"),
    DEFINE_PROP("chardev", PROP_CHARDEV, TestDev, chr, NULL),
    DEFINE_PROP("drive", PROP_DRIVE, TestDev, drive, NULL),
    DEFINE_PROP("netdev", PROP_NETDEV, TestDev, netdev, NULL),
    DEFINE_PROP("refuse", PROP_BOOL, TestDev, refuse, NULL),
    { .name = NULL },
};

/* Reset calls of every test device, in order. */
static GPtrArray *reset_log;

static bool test_realize(Device *dev, GError **errp)
{
    TestDev *t = container_of(dev, TestDev, parent);

    if (t->refuse) {
        g_set_error(errp, DEVICE_ERROR, 0, "refused on request");
        return false;
    }
    return true;
}

static void test_reset(Device *dev)
{
    TestDev *t = container_of(dev, TestDev, parent);

    t->resets++;
    if (reset_log) {
        g_ptr_array_add(reset_log, dev);
    }
}

static const DeviceClass test_class = {
    .name = "test-dev",
    .desc = "a device for unit tests",
    .instance_size = sizeof(TestDev),
    .props = test_props,
    .user_creatable = true,
    .realize = test_realize,
    .reset = test_reset,
};

static const DeviceClass test_bus_class = {
    .name = "test-bus-dev",
    .desc = "plugs into a test-bus",
    .instance_size = sizeof(TestDev),
    .props = test_props,
    .bus_type = "test-bus",
    .user_creatable = true,
    .realize = test_realize,
};

static const DeviceClass board_class = {
    .name = "board-only",
    .instance_size = sizeof(TestDev),
};

static int backend_a = 1;

static void *fake_lookup(const char *id)
{
    return strcmp(id, "a0") == 0 ? &backend_a : NULL;
}

static TestDev *new_test(void)
{
    Device *dev = device_new("test-dev");

    g_assert_nonnull(dev);
    return container_of(dev, TestDev, parent);
}

static void test_class_registry(void)
{
    GPtrArray *list = device_class_list();

    g_assert_true(device_class_find("test-dev") == &test_class);
    g_assert_null(device_class_find("nope"));
    g_assert_null(device_new("nope"));
    g_assert_cmpuint(list->len, >=, 3);
    /* Sorted by name. */
    for (guint i = 1; i < list->len; i++) {
        const DeviceClass *a = g_ptr_array_index(list, i - 1);
        const DeviceClass *b = g_ptr_array_index(list, i);

        g_assert_cmpint(strcmp(a->name, b->name), <, 0);
    }
    g_ptr_array_free(list, TRUE);
}

static void test_prop_defaults(void)
{
    TestDev *t = new_test();

    g_assert_true(t->flag);
    g_assert_cmpuint(t->count, ==, 7);
    g_assert_cmphex(t->addr, ==, 0x1000);
    g_assert_cmpuint(t->size, ==, 64 * 1024);
    g_assert_cmpstr(t->label, ==, "hello");
    g_assert_null(t->chr);
    g_assert_false(t->refuse);
    device_free(&t->parent);
}

static void set_ok(TestDev *t, const char *name, const char *value)
{
    GError *err = NULL;

    g_assert_true(device_set_prop(&t->parent, name, value, &err));
    g_assert_no_error(err);
}

static void set_bad(TestDev *t, const char *name, const char *value,
                    const char *msg)
{
    GError *err = NULL;

    g_assert_false(device_set_prop(&t->parent, name, value, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, msg)) {
        g_error("'%s' does not contain '%s'", err->message, msg);
    }
    g_error_free(err);
}

static void test_prop_parse(void)
{
    TestDev *t = new_test();
    const char *const falses[] = { "off", "false", "no", "OFF" };
    const char *const trues[] = { "on", "true", "yes", "Yes" };

    for (int i = 0; i < 4; i++) {
        set_ok(t, "flag", falses[i]);
        g_assert_false(t->flag);
        set_ok(t, "flag", trues[i]);
        g_assert_true(t->flag);
    }
    set_ok(t, "count", "4294967295");
    g_assert_cmpuint(t->count, ==, UINT32_MAX);
    set_ok(t, "count", "0x10");
    g_assert_cmpuint(t->count, ==, 16);
    set_ok(t, "addr", "0xffffffffffffffff");
    g_assert_cmphex(t->addr, ==, UINT64_MAX);
    set_ok(t, "addr", "18446744073709551615");
    g_assert_cmphex(t->addr, ==, UINT64_MAX);
    set_ok(t, "size", "1G");
    g_assert_cmpuint(t->size, ==, 1ull << 30);
    set_ok(t, "size", "3m");
    g_assert_cmpuint(t->size, ==, 3ull << 20);
    set_ok(t, "size", "2T");
    g_assert_cmpuint(t->size, ==, 2ull << 40);
    set_ok(t, "size", "4096");
    g_assert_cmpuint(t->size, ==, 4096);
    set_ok(t, "label", "world");
    g_assert_cmpstr(t->label, ==, "world");

    set_bad(t, "flag", "maybe", "expects 'on' or 'off'");
    set_bad(t, "count", "4294967296", "expects uint32");
    set_bad(t, "count", "-1", "expects uint32");
    set_bad(t, "count", "12abc", "expects uint32");
    set_bad(t, "count", "", "expects uint32");
    set_bad(t, "addr", "0x", "expects uint64");
    set_bad(t, "addr", "18446744073709551616", "expects uint64");
    set_bad(t, "size", "1X", "expects a size");
    set_bad(t, "size", "1MB", "expects a size");
    set_bad(t, "size", "17179869184G", "expects a size");
    set_bad(t, "nosuch", "1", "Property 'test-dev.nosuch' not found");
    /* Failed sets leave the old value. */
    g_assert_cmpuint(t->count, ==, 16);
    device_free(&t->parent);
}

static void test_prop_backends(void)
{
    TestDev *t = new_test();

    /* No subsystem registered: a clear error, not a crash. */
    prop_chardev_lookup = NULL;
    set_bad(t, "chardev", "a0", "can't find value 'a0'");
    prop_chardev_lookup = fake_lookup;
    prop_drive_lookup = fake_lookup;
    prop_netdev_lookup = fake_lookup;
    set_ok(t, "chardev", "a0");
    g_assert_true(t->chr == &backend_a);
    set_ok(t, "drive", "a0");
    g_assert_true(t->drive == &backend_a);
    set_ok(t, "netdev", "a0");
    g_assert_true(t->netdev == &backend_a);
    set_bad(t, "netdev", "b1",
            "Property 'test-dev.netdev' can't find value 'b1'");
    set_bad(t, "drive", "zz", "can't find value 'zz'");
    prop_chardev_lookup = prop_drive_lookup = prop_netdev_lookup = NULL;
    device_free(&t->parent);
}

static void test_realize_refused(void)
{
    TestDev *t = new_test();
    GError *err = NULL;

    set_ok(t, "refuse", "on");
    g_assert_false(device_realize(&t->parent, &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(err->message, ==, "refused on request");
    g_clear_error(&err);
    g_assert_false(t->parent.realized);
    set_ok(t, "refuse", "off");
    g_assert_true(device_realize(&t->parent, &err));
    g_assert_true(t->parent.realized);
    /* Realize brings the power-on state. */
    g_assert_cmpint(t->resets, ==, 1);
    /* Properties are fixed once realized. */
    set_bad(t, "count", "1", "after it was realized");
    device_free(&t->parent);
}

static GString *handler_log;

static void handler_a(void *opaque)
{
    g_string_append_printf(handler_log, "a%d", GPOINTER_TO_INT(opaque));
}

static void test_reset_order(void)
{
    TestDev *d[3];

    reset_log = g_ptr_array_new();
    for (int i = 0; i < 3; i++) {
        d[i] = new_test();
    }
    /* Realized out of order: resets still follow creation order. */
    g_assert_true(device_realize(&d[2]->parent, NULL));
    g_assert_true(device_realize(&d[0]->parent, NULL));
    g_ptr_array_set_size(reset_log, 0);
    devices_reset_all();
    /* d[1] is not realized: not reset. */
    g_assert_cmpuint(reset_log->len, ==, 2);
    g_assert_true(g_ptr_array_index(reset_log, 0) == &d[0]->parent);
    g_assert_true(g_ptr_array_index(reset_log, 1) == &d[2]->parent);
    g_assert_cmpint(d[1]->resets, ==, 0);

    handler_log = g_string_new(NULL);
    reset_register(handler_a, GINT_TO_POINTER(1));
    reset_register(handler_a, GINT_TO_POINTER(2));
    reset_run_all();
    g_assert_cmpstr(handler_log->str, ==, "a1a2");
    g_string_free(handler_log, TRUE);
    handler_log = NULL;
    for (int i = 0; i < 3; i++) {
        device_free(&d[i]->parent);
    }
    g_ptr_array_free(reset_log, TRUE);
    reset_log = NULL;
}

static int irq_last_n = -1, irq_last_level = -1;

static void irq_handler(void *opaque, int n, int level)
{
    *(int *)opaque += 1;
    irq_last_n = n;
    irq_last_level = level;
}

static void test_irq(void)
{
    int calls = 0;
    IRQ **lines = irq_new_array(irq_handler, &calls, 4);

    irq_raise(lines[3]);
    g_assert_cmpint(irq_last_n, ==, 3);
    g_assert_cmpint(irq_last_level, ==, 1);
    irq_pulse(lines[1]);
    g_assert_cmpint(calls, ==, 3);
    g_assert_cmpint(irq_last_n, ==, 1);
    g_assert_cmpint(irq_last_level, ==, 0);
    /* An unconnected line is ignored. */
    irq_set(NULL, 1);
    g_assert_cmpint(calls, ==, 3);
    for (int i = 0; i < 4; i++) {
        irq_free(lines[i]);
    }
    g_free(lines);
}

static int plug_calls;
static bool plug_refuse;

static bool test_plug(Bus *bus, Device *dev, GError **errp)
{
    plug_calls++;
    if (plug_refuse) {
        g_set_error(errp, DEVICE_ERROR, 0, "plug refused");
        return false;
    }
    return true;
}

static Bus *bus1, *bus2;

static void make_buses(void)
{
    if (!bus1) {
        TestDev *owner = new_test();

        bus1 = bus_new("test-bus", "test-bus.0", &owner->parent, test_plug);
        bus2 = bus_new("test-bus", "test-bus.1", &owner->parent, test_plug);
        g_assert_cmpuint(owner->parent.child_buses->len, ==, 2);
    }
}

static void test_bus(void)
{
    Device *a = device_new("test-bus-dev");
    Device *b = device_new("test-bus-dev");
    Device *c = device_new("test-bus-dev");
    TestDev *plain = new_test();
    GError *err = NULL;

    make_buses();
    g_assert_true(bus_find_free("test-bus") == bus1);
    g_assert_null(bus_find_free("other-bus"));
    g_assert_true(bus_find("test-bus.1") == bus2);
    /* A device without that bus type cannot plug. */
    g_assert_false(bus_plug(bus1, &plain->parent, &err));
    g_assert_nonnull(strstr(err->message, "can't go on"));
    g_clear_error(&err);
    g_assert_true(bus_plug(bus1, a, &err));
    g_assert_true(a->parent_bus == bus1);
    g_assert_true(bus_find_free("test-bus") == bus2);
    g_assert_false(bus_plug(bus1, b, &err));
    g_assert_nonnull(strstr(err->message, "is full"));
    g_clear_error(&err);
    /* The bus may refuse. */
    plug_refuse = true;
    g_assert_false(bus_plug(bus2, b, &err));
    g_assert_cmpstr(err->message, ==, "plug refused");
    g_clear_error(&err);
    plug_refuse = false;
    g_assert_null(bus2->child);
    g_assert_true(bus_plug(bus2, b, NULL));
    g_assert_null(bus_find_free("test-bus"));
    g_assert_false(bus_plug(bus2, c, NULL));
    /* Freeing a device frees its slot. */
    device_free(a);
    g_assert_null(bus1->child);
    device_free(b);
    device_free(c);
    device_free(&plain->parent);
}

static void add_bad(const char *opts, const char *msg)
{
    GError *err = NULL;

    g_assert_null(device_add_opts(opts, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, msg)) {
        g_error("%s: '%s' does not contain '%s'", opts, err->message, msg);
    }
    g_error_free(err);
}

static void test_device_add_opts(void)
{
    GError *err = NULL;
    Device *dev;
    TestDev *t;

    make_buses();
    dev = device_add_opts("test-dev,id=t0,count=3,flag=off,label=a,,b",
                          &err);
    g_assert_no_error(err);
    g_assert_nonnull(dev);
    t = container_of(dev, TestDev, parent);
    g_assert_true(dev->realized);
    g_assert_cmpstr(dev->id, ==, "t0");
    g_assert_cmpuint(t->count, ==, 3);
    g_assert_false(t->flag);
    g_assert_cmpstr(t->label, ==, "a,b");
    g_assert_true(device_find_id("t0") == dev);

    /* driver= and a bare boolean key. */
    dev = device_add_opts("driver=test-dev,flag,count=0x20", &err);
    g_assert_no_error(err);
    t = container_of(dev, TestDev, parent);
    g_assert_true(t->flag);
    g_assert_cmpuint(t->count, ==, 32);
    device_free(dev);

    add_bad("nosuch-dev", "'nosuch-dev' is not a valid device model name");
    add_bad("test-dev,x=1", "Property 'test-dev.x' not found");
    add_bad("test-dev,count=lots", "expects uint32");
    add_bad("test-dev,id=t0", "Duplicate device ID 't0'");
    add_bad("test-dev,refuse=on", "refused on request");
    add_bad("board-only", "pluggable");
    add_bad("", "missing");
    add_bad("test-bus-dev,bus=test-bus.9", "Bus 'test-bus.9' not found");

    /* Plugs into the first free bus, then the next; then none is left. */
    dev = device_add_opts("test-bus-dev,id=b0", &err);
    g_assert_no_error(err);
    g_assert_true(dev->parent_bus == bus1);
    dev = device_add_opts("test-bus-dev,bus=test-bus.1", &err);
    g_assert_no_error(err);
    g_assert_true(dev->parent_bus == bus2);
    add_bad("test-bus-dev", "No 'test-bus' bus found for device "
            "'test-bus-dev'");
    add_bad("test-bus-dev,bus=test-bus.0", "is full");
    device_free(bus1->child);
    device_free(bus2->child);
    /* A failed realize frees the slot it was plugged into. */
    add_bad("test-bus-dev,refuse=on", "refused");
    g_assert_null(bus1->child);
    device_free(device_find_id("t0"));
}

static void test_help_output(void)
{
    if (g_test_subprocess()) {
        GError *err = NULL;

        g_assert_null(device_add_opts("help", &err));
        g_assert_no_error(err);
        g_assert_null(device_add_opts("test-dev,help", &err));
        g_assert_no_error(err);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("*name \"test-bus-dev\", bus test-bus*");
    g_test_trap_assert_stdout("*name \"test-dev\", desc \"a device for "
                              "unit tests\"*");
    g_test_trap_assert_stdout_unmatched("*board-only*");
    g_test_trap_assert_stdout("*test-dev options:*count=<uint32>*"
                              "(default: 7)*size=<size>*");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    device_class_register(&test_class);
    device_class_register(&test_bus_class);
    device_class_register(&board_class);
    g_test_add_func("/device/class-registry", test_class_registry);
    g_test_add_func("/device/prop-defaults", test_prop_defaults);
    g_test_add_func("/device/prop-parse", test_prop_parse);
    g_test_add_func("/device/prop-backends", test_prop_backends);
    g_test_add_func("/device/realize", test_realize_refused);
    g_test_add_func("/device/reset-order", test_reset_order);
    g_test_add_func("/device/irq", test_irq);
    g_test_add_func("/device/bus", test_bus);
    g_test_add_func("/device/device-add-opts", test_device_add_opts);
    g_test_add_func("/device/help-output", test_help_output);
    return g_test_run();
}
