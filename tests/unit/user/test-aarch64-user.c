/* SPDX-License-Identifier: MIT */
/*
 * aarch64 user mode without running guest code: the rt_sigframe's layout
 * and sigreturn, sigaction with sa_restorer, MINSIGSTKSZ, open flags and
 * hwcaps.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "linux-user/aarch64/target-int.h"

/* Kernel layout offsets the guest's libc relies on. */
#define UC_OFF 128                      /* siginfo, then the ucontext */
#define MC_OFF (UC_OFF + 176)           /* uc_mcontext */
#define MC_REGS (MC_OFF + 8)
#define MC_SP (MC_OFF + 256)
#define MC_PC (MC_OFF + 264)
#define MC_PSTATE (MC_OFF + 272)
#define MC_RESERVED (MC_OFF + 288)
#define FRAME_SIZE (MC_RESERVED + 4096)

static CPUState *cpu;
static abi_ulong scratch;       /* one guest page for syscall arguments */
static abi_ulong stack_top;     /* top of a 64 KiB guest stack */

/*
 * Stand-in for the frontend's table: this test runs no guest code, and
 * the real one would pull the whole JIT in.
 */
const TargetInfo target_aarch64 = { .name = "aarch64" };
const char *user_cpu_model;     /* main.c's -cpu */

/* The loop is not exercised here (no guest code runs). */
void aarch64_cpu_loop(CPUState *c)
{
    (void)c;
    abort();
}

static uint64_t rd64(abi_ulong a)
{
    uint64_t v;

    g_assert_cmpint(get_user_u64(&v, a), ==, 0);
    return v;
}

static uint32_t rd32(abi_ulong a)
{
    uint32_t v;

    g_assert_cmpint(get_user_u32(&v, a), ==, 0);
    return v;
}

static void test_open_flags(void)
{
    const UserArchOps *a = &user_arch_aarch64;
    int g = O_RDWR | O_CREAT | O_CLOEXEC | 040000 | 0100000;

    /* arm64 O_DIRECTORY|O_NOFOLLOW -> host (asm-generic) values. */
    g_assert_cmphex(a->open_flags_to_host(g), ==,
                    O_RDWR | O_CREAT | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW);
    g_assert_cmphex(a->open_flags_to_host(0200000 | 0400000), ==,
                    O_DIRECT | 0100000 /* host O_LARGEFILE */);
    for (int bit = 0; bit < 31; bit++) {
        int f = 1 << bit;

        g_assert_cmphex(a->open_flags_to_guest(a->open_flags_to_host(f)), ==,
                        f);
    }
}

static void test_hwcap(void)
{
    /* FP, ASIMD, AES, PMULL, SHA1, SHA2, CRC32, ATOMICS, CPUID. */
    g_assert_cmphex(user_arch_aarch64.hwcap(), ==, 0x9fb);
    /* ARMv8.0 cores have no LSE atomics. */
    user_cpu_model = "cortex-a57";
    g_assert_cmphex(user_arch_aarch64.hwcap(), ==, 0x8fb);
    user_cpu_model = "max";
    g_assert_cmphex(user_arch_aarch64.hwcap(), ==, 0x9fb);
    user_cpu_model = NULL;
    g_assert_cmpstr(user_arch_aarch64.platform, ==, "aarch64");
    g_assert_true(user_arch_aarch64.target == &target_aarch64);
}

static void test_sigaction_restorer(void)
{
    uint64_t act[4] = { 0x1000, TARGET_SA_SIGINFO | TARGET_SA_RESTORER,
                        0x2000, 1ull << (SIGINT - 1) };
    uint64_t old[4];

    copy_to_user(scratch, act, sizeof(act));
    g_assert_cmpint(do_rt_sigaction(SIGUSR1, scratch, 0, 8), ==, 0);
    memset(old, 0xff, sizeof(old));
    copy_to_user(scratch + 64, old, sizeof(old));
    g_assert_cmpint(do_rt_sigaction(SIGUSR1, 0, scratch + 64, 8), ==, 0);
    copy_from_user(old, scratch + 64, sizeof(old));
    g_assert_cmphex(old[0], ==, 0x1000);
    g_assert_cmphex(old[2], ==, 0x2000);            /* sa_restorer */
    g_assert_cmphex(old[3], ==, act[3]);            /* sa_mask after it */
    act[0] = TARGET_SIG_DFL;
    copy_to_user(scratch, act, sizeof(act));
    do_rt_sigaction(SIGUSR1, scratch, 0, 8);
    /* A struct that ends in unmapped memory: EFAULT, nothing written. */
    g_assert_cmpint(do_rt_sigaction(SIGUSR1, scratch + GUEST_PAGE_SIZE - 24,
                                    0, 8), ==, -EFAULT);
}

static void test_minsigstksz(void)
{
    struct {
        uint64_t sp;
        int32_t flags, pad;
        uint64_t size;
    } ss = { 0x40000, 0, 0, 4096 };

    /* 4096 is enough for riscv64 but below arm64's 5120. */
    copy_to_user(scratch, &ss, sizeof(ss));
    g_assert_cmpint(do_sigaltstack(cpu, scratch, 0, 0x1000), ==, -ENOMEM);
    ss.size = 5120;
    ss.flags = 2;       /* SS_DISABLE: leave it off for the frame test */
    copy_to_user(scratch, &ss, sizeof(ss));
    g_assert_cmpint(do_sigaltstack(cpu, scratch, 0, 0x1000), ==, 0);
}

static void fill_state(CPUARMState *env, uint64_t seed)
{
    for (int i = 0; i < 32; i++) {
        env->xregs[i] = seed + i;
        env->vregs[i][0] = seed * 3 + i;
        env->vregs[i][1] = ~(seed + i);
    }
    env->xregs[31] = stack_top - 40;    /* misaligned on purpose */
    env->pc = 0x400abc;
    env->fpcr = FPCR_DN | (2u << FPCR_RMODE_SHIFT);
    env->fpsr = FPSR_IXC | FPSR_QC;
    arm_nzcv_write(env, PSTATE_N | PSTATE_C);
}

static void test_frame_roundtrip(void)
{
    CPUARMState *env = arm_env(cpu);
    CPUARMState saved;
    TargetSigaction sa = { .handler = 0x500000,
                           .flags = TARGET_SA_SIGINFO | TARGET_SA_RESTORER,
                           .restorer = 0x600000 };
    TargetSiginfo si = { .si_signo = SIGSEGV, .si_code = 2 };
    sigset_t old_mask;
    abi_ulong f;

    si.u.addr = 0xdead0;
    sigemptyset(&old_mask);
    sigaddset(&old_mask, SIGUSR2);
    fill_state(env, 0x1000);
    saved = *env;
    aarch64_setup_rt_frame(cpu, SIGSEGV, &si, &sa, &old_mask);

    f = env->xregs[31];
    g_assert_cmphex(f & 15, ==, 0);
    g_assert_cmphex(f + FRAME_SIZE + 16, <=, saved.xregs[31]);
    g_assert_cmphex(env->pc, ==, 0x500000);
    g_assert_cmphex(env->xregs[0], ==, SIGSEGV);
    g_assert_cmphex(env->xregs[1], ==, f);
    g_assert_cmphex(env->xregs[2], ==, f + UC_OFF);
    g_assert_cmphex(env->xregs[30], ==, 0x600000);  /* sa_restorer */
    /* x29 points at a {fp, lr} record of the interrupted code. */
    g_assert_cmphex(rd64(env->xregs[29]), ==, saved.xregs[29]);
    g_assert_cmphex(rd64(env->xregs[29] + 8), ==, saved.xregs[30]);

    g_assert_cmpint(rd32(f), ==, SIGSEGV);
    g_assert_cmphex(rd64(f + 16), ==, 0xdead0);
    g_assert_cmphex(rd64(f + UC_OFF + 40), ==, 1ull << (SIGUSR2 - 1));
    g_assert_cmphex(rd64(MC_OFF + f), ==, 0xdead0);  /* fault_address */
    g_assert_cmphex(rd64(f + MC_REGS + 8 * 7), ==, saved.xregs[7]);
    g_assert_cmphex(rd64(f + MC_REGS + 8 * 30), ==, saved.xregs[30]);
    g_assert_cmphex(rd64(f + MC_SP), ==, saved.xregs[31]);
    g_assert_cmphex(rd64(f + MC_PC), ==, 0x400abc);
    g_assert_cmphex(rd64(f + MC_PSTATE), ==, PSTATE_N | PSTATE_C);
    g_assert_cmphex(rd32(f + MC_RESERVED), ==, 0x46508001);
    g_assert_cmpint(rd32(f + MC_RESERVED + 4), ==, 528);
    g_assert_cmphex(rd32(f + MC_RESERVED + 8), ==, saved.fpsr);
    g_assert_cmphex(rd32(f + MC_RESERVED + 12), ==, saved.fpcr);
    g_assert_cmphex(rd64(f + MC_RESERVED + 16 + 16 * 9), ==,
                    saved.vregs[9][0]);
    g_assert_cmphex(rd64(f + MC_RESERVED + 16 + 16 * 9 + 8), ==,
                    saved.vregs[9][1]);
    g_assert_cmpint(rd64(f + MC_RESERVED + 528), ==, 0);    /* end */

    /* The handler edits pc, x3, v0 and the flags, then returns. */
    put_user_u64(0x400ac0, f + MC_PC);
    put_user_u64(77, f + MC_REGS + 8 * 3);
    put_user_u64(0x1234, f + MC_RESERVED + 16);
    put_user_u64(PSTATE_Z, f + MC_PSTATE);
    fill_state(env, 0x9000);
    env->xregs[31] = f;
    g_assert_cmpint(aarch64_do_rt_sigreturn(cpu), ==,
                    -TARGET_QEMU_ESIGRETURN);
    g_assert_cmphex(env->pc, ==, 0x400ac0);
    g_assert_cmphex(env->xregs[31], ==, saved.xregs[31]);
    g_assert_cmphex(env->xregs[3], ==, 77);
    g_assert_cmphex(env->xregs[29], ==, saved.xregs[29]);
    g_assert_cmphex(env->xregs[30], ==, saved.xregs[30]);
    g_assert_cmphex(env->vregs[0][0], ==, 0x1234);
    g_assert_cmphex(env->vregs[31][1], ==, saved.vregs[31][1]);
    g_assert_cmphex(env->fpcr, ==, saved.fpcr);
    g_assert_cmphex(env->fpsr, ==, saved.fpsr);
    g_assert_cmphex(arm_nzcv_read(env), ==, PSTATE_Z);
    g_assert_cmphex(signal_mask_to_guest(
                        &((TaskState *)cpu->opaque)->signal_mask), ==,
                    1ull << (SIGUSR2 - 1));
}

static void test_sigreturn_bad_frames(void)
{
    CPUARMState *env = arm_env(cpu);
    TargetSigaction sa = { .handler = 0x500000 };
    TargetSiginfo si = { .si_signo = SIGUSR1 };
    sigset_t none;
    abi_ulong f;

    sigemptyset(&none);
    /* Without SA_RESTORER the handler returns to the trampoline page. */
    fill_state(env, 0x2000);
    aarch64_setup_rt_frame(cpu, SIGUSR1, &si, &sa, &none);
    g_assert_cmphex(env->xregs[30], ==, aarch64_sigtramp);
    g_assert_cmphex(rd32(aarch64_sigtramp), ==, 0xd2801168);
    g_assert_cmphex(rd32(aarch64_sigtramp + 4), ==, 0xd4000001);
    f = env->xregs[31];

    /* A 64-bit EL1 mode in pstate: refused, registers untouched. */
    put_user_u64(0x5, f + MC_PSTATE);
    env->pc = 0x777000;
    g_assert_cmpint(aarch64_do_rt_sigreturn(cpu), ==,
                    -TARGET_QEMU_ESIGRETURN);
    g_assert_cmphex(env->pc, ==, 0x777000);
    g_assert_true(((TaskState *)cpu->opaque)->signal_pending);
    ((TaskState *)cpu->opaque)->signal_pending = 0;

    /* No fpsimd record (garbage magic): refused too. */
    put_user_u64(0, f + MC_PSTATE);
    put_user_u32(0x12345678, f + MC_RESERVED);
    g_assert_cmpint(aarch64_do_rt_sigreturn(cpu), ==,
                    -TARGET_QEMU_ESIGRETURN);
    g_assert_cmphex(env->pc, ==, 0x777000);

    /* A record size that runs past __reserved. */
    put_user_u32(0x46508001, f + MC_RESERVED);
    put_user_u32(8192, f + MC_RESERVED + 4);
    g_assert_cmpint(aarch64_do_rt_sigreturn(cpu), ==,
                    -TARGET_QEMU_ESIGRETURN);
    g_assert_cmphex(env->pc, ==, 0x777000);

    /* A misaligned or unmapped sp. */
    env->xregs[31] = f + 8;
    aarch64_do_rt_sigreturn(cpu);
    g_assert_cmphex(env->pc, ==, 0x777000);
    env->xregs[31] = 0x10;
    aarch64_do_rt_sigreturn(cpu);
    g_assert_cmphex(env->pc, ==, 0x777000);
    ((TaskState *)cpu->opaque)->signal_pending = 0;
}

int main(int argc, char **argv)
{
    char *err = NULL;
    TaskState *ts;
    abi_long stack;

    g_test_init(&argc, &argv, NULL);
    if (!guest_space_init(32, &err)) {
        g_printerr("guest_space_init: %s\n", err);
        return 1;
    }
    user_arch = &user_arch_aarch64;
    mmap_set_layout(0x80000000ull, 0x10000);
    scratch = target_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* The page after scratch stays unmapped (EFAULT tests). */
    target_munmap(scratch + GUEST_PAGE_SIZE, GUEST_PAGE_SIZE);
    stack = target_mmap(0, 0x10000, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    stack_top = stack + 0x10000;
    cpu = g_malloc0(sizeof(CPUARMState));
    ts = g_new0(TaskState, 1);
    signal_thread_init(ts, NULL);
    cpu->opaque = ts;
    signal_init();
    {
        ImageInfo info = { .entry = 0x400000, .start_stack = stack_top };

        user_arch_aarch64.init_thread(cpu, &info);
        g_assert_cmphex(arm_env(cpu)->pc, ==, 0x400000);
        g_assert_cmphex(arm_env(cpu)->xregs[31], ==, stack_top);
        g_assert_cmphex(aarch64_sigtramp, !=, 0);
    }
    g_test_add_func("/user/aarch64/open-flags", test_open_flags);
    g_test_add_func("/user/aarch64/hwcap", test_hwcap);
    g_test_add_func("/user/aarch64/sigaction-restorer",
                    test_sigaction_restorer);
    g_test_add_func("/user/aarch64/minsigstksz", test_minsigstksz);
    g_test_add_func("/user/aarch64/frame-roundtrip", test_frame_roundtrip);
    g_test_add_func("/user/aarch64/sigreturn-bad-frames",
                    test_sigreturn_bad_frames);
    return g_test_run();
}
