/* SPDX-License-Identifier: MIT */
/*
 * Three guest threads each call work() three times: under gdb with a
 * breakpoint on work, every one of the nine calls must stop (stepping
 * over the breakpoint in one thread must not let another run past it).
 */
#include <pthread.h>
#include <stdio.h>

volatile long hits;

__attribute__((noinline)) void work(long id)
{
    __atomic_add_fetch(&hits, 1 + id * 0, __ATOMIC_SEQ_CST);
}

static void *thread_main(void *arg)
{
    for (int i = 0; i < 3; i++) {
        work((long)arg);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[3];

    for (long i = 0; i < 3; i++) {
        pthread_create(&t[i], NULL, thread_main, (void *)i);
    }
    for (int i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
    }
    printf("hits=%ld\n", hits);
    return hits == 9 ? 0 : 1;
}
