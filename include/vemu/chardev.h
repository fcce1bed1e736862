/* SPDX-License-Identifier: MIT */
/*
 * Character devices: the host end of serial ports, consoles and monitors.
 * Backends: stdio, file, null, pty, socket (tcp/unix, server/client,
 * wait=on|off), mux (several frontends on one backend, Ctrl-A switches).
 *
 * A frontend (a UART, virtio-console, the monitor) writes with
 * chr_write() and receives input through the handlers it installs; input
 * arrives on the main loop thread with the BQL held.
 */
#ifndef VEMU_CHARDEV_H
#define VEMU_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

typedef struct Chardev Chardev;

typedef enum ChrEvent {
    CHR_EVENT_OPENED,      /* a client connected (socket), or startup */
    CHR_EVENT_CLOSED,      /* the client went away */
    CHR_EVENT_BREAK,
    CHR_EVENT_MUX_IN,      /* mux: this frontend got the focus */
    CHR_EVENT_MUX_OUT,
} ChrEvent;

typedef struct ChrFrontendHandlers {
    /* How many bytes the frontend can take now (0: hold the input). */
    int (*can_read)(void *opaque);
    void (*read)(void *opaque, const uint8_t *buf, int len);
    void (*event)(void *opaque, ChrEvent ev);
    void *opaque;
} ChrFrontendHandlers;

/* Make PROP_CHARDEV device properties resolve chardev ids (main calls). */
void chardev_init(void);

/*
 * Create a backend from a -chardev option string
 * ("socket,id=s0,host=127.0.0.1,port=4444,server=on,wait=off",
 * "stdio,id=c0,mux=on,signal=off", "file,id=f,path=x.log", "pty,id=p"),
 * registered under its id ("<id>-base" for the backend behind mux=on).
 * NULL + error; the message names the option but not the program
 * ("-chardev socket,id=x: Failed to bind ..."): print it as
 * "vemu: %s". A socket server with wait=on blocks here for a client.
 */
Chardev *chardev_new_from_opts(const char *optarg, GError **errp);
/*
 * Create from the short -serial/-monitor syntax ("stdio", "null",
 * "file:path", "pty", "tcp:host:port,server=on,wait=off",
 * "unix:path,server=on", "mon:stdio", "chardev:id"), with a generated id:
 * id_prefix itself if it ends in a digit and is free ("serial0"), else
 * id_prefix plus the lowest free number ("serial" -> "serial0"). The
 * option named in errors is "-" + id_prefix without digits ("-serial").
 * "none" gives NULL without error; "mon:X" gives a mux in front of X
 * (the caller attaches the monitor); "chardev:id" an existing chardev.
 */
Chardev *chardev_new_from_legacy(const char *spec, const char *id_prefix,
                                 GError **errp);
Chardev *chardev_find(const char *id);
const char *chardev_id(const Chardev *chr);
/* Every chardev in creation order ("info chardev"), and whether a peer
 * is connected. */
void chardev_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque);
bool chardev_is_open(const Chardev *chr);
/* What it is connected to, as QEMU's query-chardev shows it
 * ("pty:/dev/pts/3", "disconnected:tcp:127.0.0.1:4444,server=on"). */
const char *chardev_filename(const Chardev *chr);

/*
 * Attach a frontend; a mux backend accepts several (the last attached
 * gets the focus first, like QEMU's serial-then-monitor order gives the
 * serial focus: see chr_mux_set_focus). Returns a handle index.
 */
int chr_add_frontend(Chardev *chr, const ChrFrontendHandlers *h);
void chr_remove_frontend(Chardev *chr, int handle);
/* Tell the backend that can_read may have become nonzero. */
void chr_accept_input(Chardev *chr);

/*
 * Write bytes to the host; returns bytes written (may drop output with no
 * client connected, never blocks the guest for long). Thread-safe.
 */
int chr_write(Chardev *chr, const uint8_t *buf, int len);

/* Mux on stdio: Ctrl-A x quits (calls system_shutdown_request), Ctrl-A c
 * switches frontends, Ctrl-A h prints help, Ctrl-A Ctrl-A sends Ctrl-A. */
bool chr_is_mux(const Chardev *chr);
void chr_mux_set_focus(Chardev *chr, int handle);

/* Restore the terminal (stdio raw mode) at exit; safe to call twice. */
void chardev_cleanup_all(void);
/*
 * Close and free every chardev (the terminal too): for tests and an
 * orderly exit once no vCPU thread can write any more.
 */
void chardev_delete_all(void);

#endif
