/* SPDX-License-Identifier: MIT */
/* The guest address space reservation, page flags and lock_user. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/user-int.h"
#include "vemu/exec.h"
#include "vemu/tcg.h"

/*
 * One byte of flags per guest page. The array is a MAP_NORESERVE
 * anonymous mapping: untouched parts cost nothing, so even a 2^47-byte
 * space only commits memory for the pages the guest really uses.
 */
static uint8_t *page_flags;
static size_t page_flags_len;

int user_host_prot(int guest_prot)
{
    int prot = 0;

    if (guest_prot & (PROT_READ | PROT_EXEC)) {
        prot |= PROT_READ;
    }
    if (guest_prot & PROT_WRITE) {
        prot |= PROT_READ | PROT_WRITE;
    }
    return prot;
}

bool guest_space_init(unsigned addr_bits, char **errmsg)
{
    size_t size;
    void *p;

    if (sysconf(_SC_PAGESIZE) != (long)GUEST_PAGE_SIZE) {
        *errmsg = g_strdup("host page size must be 4096 bytes");
        return false;
    }
    if (addr_bits < 24 || addr_bits > 47) {
        *errmsg = g_strdup_printf("unsupported guest address size %u",
                                  addr_bits);
        return false;
    }
    size = (size_t)1 << addr_bits;
    p = mmap(NULL, size, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        *errmsg = g_strdup_printf("cannot reserve %zu GiB of address "
                                  "space for the guest: %s",
                                  size >> 30, strerror(errno));
        return false;
    }
    page_flags_len = size / GUEST_PAGE_SIZE;
    page_flags = mmap(NULL, page_flags_len, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (page_flags == MAP_FAILED) {
        munmap(p, size);
        page_flags = NULL;
        *errmsg = g_strdup_printf("cannot allocate page flags: %s",
                                  strerror(errno));
        return false;
    }
    guest_base = (uintptr_t)p;
    guest_addr_bits = addr_bits;
    return true;
}

uint8_t *page_flags_ptr(abi_ulong addr)
{
    return &page_flags[addr / GUEST_PAGE_SIZE];
}

int page_get_flags(abi_ulong addr)
{
    if (!page_flags || addr >= guest_space_size()) {
        return 0;
    }
    return __atomic_load_n(page_flags_ptr(addr), __ATOMIC_RELAXED);
}

void page_set_flags(abi_ulong start, abi_ulong end, int flags)
{
    abi_ulong size = guest_space_size();

    if (!page_flags) {
        return;
    }
    start = guest_page_trunc(start);
    end = MIN(guest_page_align(end), size);
    /* A guest-writable page starts with its host copy writable. */
    if (flags & PAGE_WRITE) {
        flags |= PAGE_WRITE_ORG;
    }
    for (abi_ulong a = start; a < end; a += GUEST_PAGE_SIZE) {
        __atomic_store_n(page_flags_ptr(a), (uint8_t)flags,
                         __ATOMIC_RELAXED);
    }
}

bool page_unprotect(abi_ulong addr)
{
    abi_ulong page = guest_page_trunc(addr);
    bool done = false;
    int f;

    mmap_lock();
    f = page_get_flags(page);
    if ((f & PAGE_WRITE_ORG) && (f & PAGE_VALID)) {
        if (!(f & PAGE_WRITE)) {
            tb_invalidate_range(page, page + GUEST_PAGE_SIZE);
            mprotect(g2h(page), GUEST_PAGE_SIZE,
                     user_host_prot(PROT_READ | PROT_WRITE));
            f = (f | PAGE_WRITE) & ~PAGE_TRANSLATED;
            __atomic_store_n(page_flags_ptr(page), (uint8_t)f,
                             __ATOMIC_RELEASE);
        }
        done = true;
    }
    mmap_unlock();
    return done;
}

void page_invalidate_code(abi_ulong start, abi_ulong end)
{
    bool any = false;

    for (abi_ulong a = guest_page_trunc(start); a < end;
         a += GUEST_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_TRANSLATED) {
            any = true;
            *page_flags_ptr(a) &= ~PAGE_TRANSLATED;
        }
    }
    if (any) {
        tb_invalidate_range(start, end);
    }
}

void page_protect_for_code(vaddr page)
{
    int f;

    page = guest_page_trunc(page);
    if (page >= guest_space_size()) {
        return;
    }
    mmap_lock();
    f = page_get_flags(page);
    if (f & PAGE_VALID) {
        if (f & PAGE_WRITE) {
            /* Keep PAGE_WRITE_ORG: the next write fault unprotects. */
            mprotect(g2h(page), GUEST_PAGE_SIZE, PROT_READ);
            f &= ~PAGE_WRITE;
        }
        f |= PAGE_TRANSLATED;
        __atomic_store_n(page_flags_ptr(page), (uint8_t)f, __ATOMIC_RELEASE);
    }
    mmap_unlock();
}

bool page_check_exec(vaddr addr, unsigned size)
{
    return size == 0 || page_check_range(addr, size, PAGE_EXEC);
}

bool page_check_range(abi_ulong addr, abi_ulong len, int flags)
{
    abi_ulong end;

    if (len == 0) {
        return true;
    }
    if (!guest_range_valid(addr, len)) {
        return false;
    }
    end = addr + len;
    for (abi_ulong a = guest_page_trunc(addr); a < end;
         a += GUEST_PAGE_SIZE) {
        int f = page_get_flags(a);

        if (!(f & PAGE_VALID)) {
            return false;
        }
        if (flags & PAGE_WRITE) {
            /* Code-protected pages are writable for the guest. */
            if (!(f & PAGE_WRITE_ORG)) {
                return false;
            }
            if (!(f & PAGE_WRITE) && !page_unprotect(a)) {
                return false;
            }
        }
        if ((flags & PAGE_READ) && !(f & PAGE_READ)) {
            return false;
        }
        if ((flags & PAGE_EXEC) && !(f & PAGE_EXEC)) {
            return false;
        }
    }
    return true;
}

void *lock_user(int type, abi_ulong addr, abi_ulong len)
{
    if (!page_check_range(addr, len, type)) {
        return NULL;
    }
    return g2h(addr);
}

char *lock_user_string(abi_ulong addr)
{
    abi_ulong a = addr;

    /* Walk page by page so the scan never touches an unmapped page. */
    for (;;) {
        abi_ulong page_end = guest_page_trunc(a) + GUEST_PAGE_SIZE;
        const char *p;

        if (!page_check_range(a, 1, PAGE_READ)) {
            return NULL;
        }
        p = memchr(g2h(a), 0, page_end - a);
        if (p) {
            return g2h(addr);
        }
        a = page_end;
    }
}

int copy_from_user(void *host, abi_ulong addr, size_t len)
{
    void *p = lock_user(VERIFY_READ, addr, len);

    if (!p && len) {
        return -EFAULT;
    }
    memcpy(host, p, len);
    return 0;
}

int copy_to_user(abi_ulong addr, const void *host, size_t len)
{
    void *p = lock_user(VERIFY_WRITE, addr, len);

    if (!p && len) {
        return -EFAULT;
    }
    memcpy(p, host, len);
    return 0;
}

int get_user_u64(uint64_t *v, abi_ulong addr)
{
    return copy_from_user(v, addr, sizeof(*v));
}

int get_user_u32(uint32_t *v, abi_ulong addr)
{
    return copy_from_user(v, addr, sizeof(*v));
}

int put_user_u64(uint64_t v, abi_ulong addr)
{
    return copy_to_user(addr, &v, sizeof(v));
}

int put_user_u32(uint32_t v, abi_ulong addr)
{
    return copy_to_user(addr, &v, sizeof(v));
}
