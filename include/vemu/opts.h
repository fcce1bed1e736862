/* SPDX-License-Identifier: MIT */
/*
 * QEMU's option-string syntax ("type,key=value,key=value"), shared by
 * -drive, -chardev, -netdev, -device and -machine parsing (util/opts.c).
 */
#ifndef VEMU_OPTS_H
#define VEMU_OPTS_H

#include <stdbool.h>

/*
 * The next comma-separated element at *pp, with ",," read as a literal
 * comma; *pp moves past it (and its comma). g_free the result.
 */
char *opts_next_element(const char **pp);

/* on/off, yes/no, true/false (any case); false if s is none of them. */
bool opts_parse_bool(const char *s, bool *out);

#endif
