/* SPDX-License-Identifier: MIT */
/* Internals shared by the chardev core and its backends. */
#ifndef CHARDEV_CHAR_INTERNAL_H
#define CHARDEV_CHAR_INTERNAL_H

#include "vemu/chardev.h"

#define CHR_ERROR g_quark_from_static_string("vemu-chardev")

/* ---- parsed option strings ("socket,id=s,port=1,server=on") ---------- */

typedef struct ChrOpt {
    char *key;
    char *val;          /* "on" for a bare key */
    bool bare;          /* given without '=' ("server", "nowait") */
} ChrOpt;

typedef struct ChrOpts {
    char *backend;      /* the first, key-less element */
    GPtrArray *opts;    /* of ChrOpt * */
    char *where;        /* "-chardev socket,id=s0,..." for messages */
} ChrOpts;

ChrOpts *chr_opts_parse(const char *where, const char *str,
                        bool first_is_backend, GError **errp);
void chr_opts_free(ChrOpts *o);
/* Later settings of the same key win, as with QemuOpts. */
void chr_opts_set(ChrOpts *o, const char *key, const char *val);
const char *chr_opts_get(const ChrOpts *o, const char *key);
bool chr_opts_get_bool(const ChrOpts *o, const char *key, bool def, bool *out,
                       GError **errp);
/* Error with the "-chardev ...: " prefix. */
void chr_error(GError **errp, const ChrOpts *o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- backends -------------------------------------------------------- */

typedef struct ChardevClass {
    const char *name;
    size_t instance_size;
    /* Backend options besides id and mux, NULL-terminated. */
    const char *const *opts;
    /* Boolean options among them (for "nowait" / "noserver"). */
    const char *const *bool_opts;
    bool (*open)(Chardev *chr, const ChrOpts *opts, GError **errp);
    /* Called with chr->write_lock held; returns bytes taken (or dropped). */
    int (*write)(Chardev *chr, const uint8_t *buf, int len);
    /* The frontend can take input again: resume reading. */
    void (*accept_input)(Chardev *chr);
    /* Frontend slots (mux); NULL: one frontend. */
    int (*add_frontend)(Chardev *chr, const ChrFrontendHandlers *h);
    void (*remove_frontend)(Chardev *chr, int handle);
    void (*close)(Chardev *chr);
} ChardevClass;

struct Chardev {
    const ChardevClass *cls;
    char *id;
    char *filename;        /* "disconnected:tcp:127.0.0.1:4444,server=on" */
    GMutex write_lock;     /* serialises writers from several threads */
    bool be_open;          /* a peer is there (socket client, pty slave) */
    bool fe_attached;
    ChrFrontendHandlers fe;
};

extern const ChardevClass chr_null_class;
extern const ChardevClass chr_file_class;
extern const ChardevClass chr_stdio_class;
extern const ChardevClass chr_pty_class;
extern const ChardevClass chr_socket_class;
extern const ChardevClass chr_mux_class;

/* What a backend calls to hand input and events to its frontend. */
int chr_be_can_read(Chardev *chr);
void chr_be_write(Chardev *chr, const uint8_t *buf, int len);
void chr_be_event(Chardev *chr, ChrEvent ev);

/* Create and register a chardev of a class under id, opened with opts. */
Chardev *chr_create(const ChardevClass *cls, const char *id,
                    const ChrOpts *opts, GError **errp);

/* A mux in front of backend 'base', registered as id. */
Chardev *chr_mux_create(const char *id, Chardev *base, GError **errp);

/* ---- fd helpers ------------------------------------------------------ */

/*
 * Input side of an fd backend: watches fd on the default main context and
 * reads at most what the frontend's can_read allows; paused while it is 0
 * until chr_accept_input. on_eof runs on end of file or error (the watch
 * is already gone); NULL sends CHR_EVENT_CLOSED.
 */
typedef struct ChrFdReader {
    Chardev *chr;
    int fd;
    guint watch;
    bool eof;
    void (*on_eof)(Chardev *chr);
} ChrFdReader;

void chr_fd_reader_start(ChrFdReader *r, Chardev *chr, int fd,
                         void (*on_eof)(Chardev *chr));
void chr_fd_reader_resume(ChrFdReader *r);
void chr_fd_reader_stop(ChrFdReader *r);

/* Bounded wait for a full pipe/socket before output is dropped. */
#define CHR_WRITE_TIMEOUT_MS 1000

/*
 * Write all of buf to a non-blocking fd, waiting at most
 * CHR_WRITE_TIMEOUT_MS in total for room (none when *stalled: a peer that
 * stopped reading must not slow every write down). Returns bytes written,
 * -1 with errno on a hard error (EPIPE, ECONNRESET, ...).
 */
int chr_fd_write_bounded(int fd, const uint8_t *buf, int len, bool is_socket,
                         bool *stalled);

bool chr_fd_set_nonblock(int fd, GError **errp);

/*
 * A reader closing the pipe on stdout (or a FIFO given as file path=)
 * must cost the output, not kill vemu: ignore SIGPIPE unless someone
 * installed a handler. QEMU ignores it process-wide too.
 */
void chr_ignore_sigpipe(void);

#endif
