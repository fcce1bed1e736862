/* SPDX-License-Identifier: MIT */
/* A dynamically linked program: ld.so, libc.so, dlopen/dlsym, TLS, threads. */
#include "guest.h"
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <sys/auxv.h>

static __thread int tls_counter = 5;
static int ctor_ran;

__attribute__((constructor)) static void early(void)
{
    ctor_ran = 1;
}

static void *thread_fn(void *arg)
{
    tls_counter += (int)(intptr_t)arg;  /* each thread has its own copy */
    return (void *)(intptr_t)tls_counter;
}

static int list_lib(struct dl_phdr_info *info, size_t size, void *data)
{
    const char *name = info->dlpi_name;
    const char *base = strrchr(name, '/');

    base = base ? base + 1 : name;
    /* The main program has an empty name; skip it and any vDSO. */
    if (*base && !strstr(base, "vdso")) {
        printf("loaded: %s\n", base);
        (*(int *)data)++;
    }
    return 0;
}

int main(void)
{
    int nlibs = 0;

    printf("constructor ran: %d\n", ctor_ran);
    CHECK(ctor_ran, "constructor");
    printf("AT_BASE set (ld.so mapped): %d\n", getauxval(AT_BASE) != 0);
    CHECK(getauxval(AT_BASE) != 0, "AT_BASE");
    dl_iterate_phdr(list_lib, &nlibs);
    CHECK(nlibs >= 2, "libc and ld.so loaded");

    void *m = dlopen("libm.so.6", RTLD_NOW);
    CHECK(m != NULL, "dlopen libm: %s", m ? "" : dlerror());
    if (m) {
        double (*cosine)(double) = (double (*)(double))dlsym(m, "cos");
        double (*power)(double, double) =
            (double (*)(double, double))dlsym(m, "pow");
        CHECK(cosine && power, "dlsym");
        if (cosine && power) {
            printf("cos(1) = %.17g, pow(2, 0.5) = %.17g\n", cosine(1.0),
                   power(2.0, 0.5));
        }
        dlclose(m);
    }
    void *none = dlopen("libdoes-not-exist.so", RTLD_NOW);
    printf("dlopen of a missing library fails: %d\n", none == NULL);

    pthread_t t[3];
    void *ret[3];
    for (int i = 0; i < 3; i++) {
        pthread_create(&t[i], NULL, thread_fn, (void *)(intptr_t)(i * 10));
    }
    for (int i = 0; i < 3; i++) {
        pthread_join(t[i], &ret[i]);
        printf("thread %d tls = %d\n", i, (int)(intptr_t)ret[i]);
        CHECK((intptr_t)ret[i] == 5 + i * 10, "thread TLS");
    }
    printf("main tls = %d\n", tls_counter);
    CHECK(tls_counter == 5, "main TLS untouched");
    return guest_done();
}
