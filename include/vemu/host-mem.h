/* SPDX-License-Identifier: MIT */
#ifndef VEMU_HOST_MEM_H
#define VEMU_HOST_MEM_H

#include <stddef.h>

/*
 * A private anonymous mapping of len bytes (MAP_NORESERVE), 2 MiB
 * aligned and advised for transparent huge pages; MAP_FAILED on error
 * (errno set). Release with munmap(p, len).
 */
void *host_mmap_big(size_t len, int prot);

#endif
