/* SPDX-License-Identifier: MIT */
/* Stack unwinding: backtrace() through unwind tables, forced unwind with
 * cleanups (pthread_exit), __builtin_return_address. */
#include "guest.h"
#include <execinfo.h>
#include <pthread.h>

#define NOINLINE __attribute__((noinline, noclone))

static void *frames[32];
static int nframes;

/* Each level records where it was called from, for comparison. */
static void *ret_addr[4];

NOINLINE static void level3(void)
{
    ret_addr[3] = __builtin_return_address(0);
    nframes = backtrace(frames, 32);
    asm volatile("" ::: "memory");
}

NOINLINE static void level2(void)
{
    ret_addr[2] = __builtin_return_address(0);
    level3();
    asm volatile("" ::: "memory");
}

NOINLINE static void level1(void)
{
    ret_addr[1] = __builtin_return_address(0);
    level2();
    asm volatile("" ::: "memory");
}

static char cleanup_log[16];
static int ncleanup;

static void note(char *c)
{
    cleanup_log[ncleanup++] = *c;
}

NOINLINE static void inner_exit(void)
{
    char tag __attribute__((cleanup(note))) = 'c';
    (void)tag;
    pthread_exit((void *)0x42);
}

NOINLINE static void middle(void)
{
    char tag __attribute__((cleanup(note))) = 'b';
    (void)tag;
    inner_exit();
}

static void *thread_main(void *arg)
{
    char tag __attribute__((cleanup(note))) = 'a';
    (void)tag;
    middle();
    return NULL;
}

int main(void)
{
    level1();
    printf("backtrace frames: %d\n", nframes);
    CHECK(nframes >= 4, "backtrace too short: %d", nframes);
    /* frames[0] is inside level3 itself; then its callers' return sites. */
    for (int i = 1; i <= 2 && i < nframes; i++) {
        int ok = frames[i] == ret_addr[4 - i];
        printf("frame %d matches return address of level%d: %d\n", i,
               4 - i, ok);
        CHECK(ok, "frame %d", i);
    }
    int found_main = 0;
    for (int i = 0; i < nframes; i++) {
        found_main |= frames[i] == ret_addr[1];
    }
    printf("main's call site found: %d\n", found_main);
    CHECK(found_main, "unwound to main");

    /* pthread_exit unwinds the thread's stack running cleanups. */
    pthread_t t;
    void *ret;
    pthread_create(&t, NULL, thread_main, NULL);
    pthread_join(t, &ret);
    printf("forced unwind cleanups: %.*s ret=%p\n", ncleanup, cleanup_log,
           ret);
    CHECK(ncleanup == 3 && memcmp(cleanup_log, "cba", 3) == 0,
          "cleanup order");
    CHECK(ret == (void *)0x42, "pthread_exit value");
    return guest_done();
}
