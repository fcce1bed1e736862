/* SPDX-License-Identifier: MIT */
/*
 * A dynamically linked aarch64 program: ld-linux-aarch64.so.1 from the -L
 * sysroot, libc and libm as shared objects, dlopen, the auxiliary vector.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static __thread int tls = 5;

static void *thread_fn(void *arg)
{
    tls += (int)(long)arg;
    return (void *)(long)tls;
}

int main(void)
{
    void *h = dlopen("libm.so.6", RTLD_NOW);
    double (*cosp)(double);
    const char *plat = (const char *)getauxval(AT_PLATFORM);
    pthread_t t;
    void *ret;

    printf("dlopen libm: %s\n", h ? "ok" : dlerror());
    cosp = h ? (double (*)(double))dlsym(h, "cos") : NULL;
    printf("cos(0.5) = %.17g\n", cosp ? cosp(0.5) : -1.0);
    printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
    printf("AT_PLATFORM %s\n", plat ? plat : "(none)");
    /* FP and ASIMD must be there; other bits vary with the emulator. */
    printf("HWCAP FP|ASIMD %lu\n", getauxval(AT_HWCAP) & 3);
    /* CPUID: the ID registers answer MRS at EL0 (glibc reads MIDR). */
    printf("HWCAP CPUID %lu\n", getauxval(AT_HWCAP) & (1ul << 11));
    if (getauxval(AT_HWCAP) & (1ul << 11)) {
        unsigned long pfr0;

        __asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
        printf("ID_AA64PFR0 EL0 AArch64: %lu\n", pfr0 & 0xf);
    }
    printf("AT_BASE set: %s\n", getauxval(AT_BASE) ? "yes" : "no");
    pthread_create(&t, NULL, thread_fn, (void *)10);
    pthread_join(t, &ret);
    printf("thread tls %ld, main tls %d\n", (long)ret, tls);
    if (h) {
        dlclose(h);
    }
    return 0;
}
