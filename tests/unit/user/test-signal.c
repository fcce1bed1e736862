/* SPDX-License-Identifier: MIT */
/* Guest signal numbers, masks, sigaction, sigprocmask and sigaltstack. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "linux-user/user-int.h"

static CPUState *cpu;
static abi_ulong scratch;   /* one guest page for syscall arguments */

static void test_signal_numbers(void)
{
    /* Classic signals are the same; RT ones skip glibc's two. */
    g_assert_cmpint(user_signal_to_host(SIGSEGV), ==, SIGSEGV);
    g_assert_cmpint(user_signal_to_host(32), ==, 34);
    g_assert_cmpint(user_signal_to_host(62), ==, 64);
    g_assert_cmpint(user_signal_to_host(63), ==, -1);
    g_assert_cmpint(user_signal_to_host(0), ==, -1);
    g_assert_cmpint(user_signal_from_host(34), ==, 32);
    g_assert_cmpint(user_signal_from_host(32), ==, -1);
    for (int g = 1; g <= 62; g++) {
        g_assert_cmpint(user_signal_from_host(user_signal_to_host(g)), ==, g);
    }
}

static void test_mask_conversion(void)
{
    uint64_t m = (1ull << (SIGUSR1 - 1)) | (1ull << (33 - 1));
    sigset_t set;

    signal_mask_from_guest(&set, m);
    g_assert_cmpint(sigismember(&set, SIGUSR1), ==, 1);
    g_assert_cmpint(sigismember(&set, 35), ==, 1);
    g_assert_cmpint(sigismember(&set, 33), ==, 0);
    g_assert_cmphex(signal_mask_to_guest(&set), ==, m);
}

static void test_sigaction_sets_host_disposition(void)
{
    TargetSigaction act = { .handler = TARGET_SIG_IGN }, old;
    struct sigaction host;

    g_assert_cmpint(copy_to_user(scratch, &act, sizeof(act)), ==, 0);
    g_assert_cmpint(do_rt_sigaction(SIGUSR2, scratch, 0, 8), ==, 0);
    sigaction(SIGUSR2, NULL, &host);
    g_assert_true(host.sa_handler == SIG_IGN);

    /* A guest handler: the host runs vemu's handler with SA_SIGINFO. */
    act.handler = 0x1234;
    act.flags = TARGET_SA_SIGINFO | TARGET_SA_RESTART;
    act.mask = 1ull << (SIGINT - 1);
    copy_to_user(scratch, &act, sizeof(act));
    g_assert_cmpint(do_rt_sigaction(SIGUSR2, scratch, scratch + 64, 8),
                    ==, 0);
    copy_from_user(&old, scratch + 64, sizeof(old));
    g_assert_cmphex(old.handler, ==, TARGET_SIG_IGN);
    sigaction(SIGUSR2, NULL, &host);
    g_assert_true(host.sa_flags & SA_SIGINFO);
    g_assert_true(host.sa_handler != SIG_IGN && host.sa_handler != SIG_DFL);
    do_rt_sigaction(SIGUSR2, 0, scratch + 64, 8);
    copy_from_user(&old, scratch + 64, sizeof(old));
    g_assert_cmphex(old.handler, ==, 0x1234);
    g_assert_cmphex(old.mask, ==, act.mask);

    /* Back to SIG_DFL: the host default applies natively. */
    act = (TargetSigaction) { .handler = TARGET_SIG_DFL };
    copy_to_user(scratch, &act, sizeof(act));
    do_rt_sigaction(SIGUSR2, scratch, 0, 8);
    sigaction(SIGUSR2, NULL, &host);
    g_assert_true(host.sa_handler == SIG_DFL);

    /* SIGKILL cannot be caught; bad sizes and numbers are refused. */
    g_assert_cmpint(do_rt_sigaction(SIGKILL, scratch, 0, 8), ==, -EINVAL);
    g_assert_cmpint(do_rt_sigaction(65, 0, 0, 8), ==, -EINVAL);
    g_assert_cmpint(do_rt_sigaction(SIGUSR1, 0, 0, 4), ==, -EINVAL);
    g_assert_cmpint(do_rt_sigaction(SIGUSR1, 0, 0x7, 8), ==, -EFAULT);
}

static void test_sigprocmask(void)
{
    uint64_t set = (1ull << (SIGUSR1 - 1)) | (1ull << (SIGKILL - 1));
    uint64_t old;
    sigset_t host;

    put_user_u64(set, scratch);
    g_assert_cmpint(do_rt_sigprocmask(cpu, SIG_SETMASK, scratch, 0, 8), ==,
                    0);
    /* SIGKILL is silently dropped; the host mask follows the guest's. */
    do_rt_sigprocmask(cpu, SIG_BLOCK, 0, scratch + 8, 8);
    get_user_u64(&old, scratch + 8);
    g_assert_cmphex(old, ==, 1ull << (SIGUSR1 - 1));
    pthread_sigmask(SIG_SETMASK, NULL, &host);
    g_assert_cmpint(sigismember(&host, SIGUSR1), ==, 1);

    put_user_u64(1ull << (SIGUSR1 - 1), scratch);
    do_rt_sigprocmask(cpu, SIG_UNBLOCK, scratch, 0, 8);
    pthread_sigmask(SIG_SETMASK, NULL, &host);
    g_assert_cmpint(sigismember(&host, SIGUSR1), ==, 0);
    g_assert_cmpint(do_rt_sigprocmask(cpu, 7, scratch, 0, 8), ==, -EINVAL);
}

static void test_sigaltstack(void)
{
    struct {
        uint64_t sp;
        int32_t flags, pad;
        uint64_t size;
    } ss = { 0x40000, 0, 0, 0x8000 }, oss;

    copy_to_user(scratch, &ss, sizeof(ss));
    g_assert_cmpint(do_sigaltstack(cpu, scratch, scratch + 64, 0x1000), ==,
                    0);
    copy_from_user(&oss, scratch + 64, sizeof(oss));
    g_assert_cmpint(oss.flags, ==, 2);      /* was disabled */
    /* On the alternate stack: reported, and changes are refused. */
    g_assert_true(signal_on_altstack(cpu, 0x44000));
    g_assert_cmpint(do_sigaltstack(cpu, 0, scratch + 64, 0x44000), ==, 0);
    copy_from_user(&oss, scratch + 64, sizeof(oss));
    g_assert_cmpint(oss.flags, ==, 1);
    g_assert_cmphex(oss.sp, ==, 0x40000);
    g_assert_cmpint(do_sigaltstack(cpu, scratch, 0, 0x44000), ==, -EPERM);
    /* A frame of an SA_ONSTACK handler starts at the top of it. */
    g_assert_cmphex(signal_frame_sp(cpu, 0x1000, TARGET_SA_ONSTACK), ==,
                    0x48000);
    g_assert_cmphex(signal_frame_sp(cpu, 0x1000, 0), ==, 0x1000);
    ss.size = 100;
    copy_to_user(scratch, &ss, sizeof(ss));
    g_assert_cmpint(do_sigaltstack(cpu, scratch, 0, 0x1000), ==, -ENOMEM);
}

int main(int argc, char **argv)
{
    char *err = NULL;
    TaskState *ts;

    g_test_init(&argc, &argv, NULL);
    if (!guest_space_init(32, &err)) {
        g_printerr("guest_space_init: %s\n", err);
        return 1;
    }
    mmap_set_layout(0x80000000ull, 0x10000);
    scratch = target_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cpu = g_malloc0(sizeof(CPUState));
    ts = g_new0(TaskState, 1);
    signal_thread_init(ts, NULL);
    cpu->opaque = ts;
    signal_init();
    g_test_add_func("/user/signal/numbers", test_signal_numbers);
    g_test_add_func("/user/signal/mask-conversion", test_mask_conversion);
    g_test_add_func("/user/signal/sigaction-host-disposition",
                    test_sigaction_sets_host_disposition);
    g_test_add_func("/user/signal/sigprocmask", test_sigprocmask);
    g_test_add_func("/user/signal/sigaltstack", test_sigaltstack);
    return g_test_run();
}
