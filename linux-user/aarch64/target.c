/* SPDX-License-Identifier: MIT */
/* aarch64 user-mode hooks: hwcap, initial registers, clone, the table. */
#include <string.h>
#include <sys/mman.h>

#include "linux-user/aarch64/target-int.h"

/* AT_HWCAP bits (arch/arm64 uapi hwcap.h). */
#define A64_HWCAP_FP (1u << 0)
#define A64_HWCAP_ASIMD (1u << 1)
#define A64_HWCAP_AES (1u << 3)
#define A64_HWCAP_PMULL (1u << 4)
#define A64_HWCAP_SHA1 (1u << 5)
#define A64_HWCAP_SHA2 (1u << 6)
#define A64_HWCAP_CRC32 (1u << 7)
#define A64_HWCAP_ATOMICS (1u << 8)
#define A64_HWCAP_CPUID (1u << 11)

/* Open flags where arm64 differs from asm-generic (arm64 uapi fcntl.h). */
#define A64_O_DIRECTORY 040000
#define A64_O_NOFOLLOW 0100000
#define A64_O_DIRECT 0200000
#define A64_O_LARGEFILE 0400000
#define GEN_O_DIRECT 040000
#define GEN_O_LARGEFILE 0100000
#define GEN_O_DIRECTORY 0200000
#define GEN_O_NOFOLLOW 0400000
#define SWAPPED_BITS 0740000

/*
 * Only what the frontend implements: FP and Advanced SIMD, CRC32 and the
 * LSE atomics, AES/PMULL/SHA1/SHA2. No CPUID (glibc would read MIDR_EL1
 * and the ID registers). The ARMv8.0 cores of -cpu have no LSE: their programs
 * use exclusives instead.
 */
static uint64_t aarch64_hwcap(void)
{
    /* CPUID: EL0 MRS of the ID registers is answered, as Linux emulates. */
    uint64_t caps = A64_HWCAP_FP | A64_HWCAP_ASIMD | A64_HWCAP_CRC32 |
                    A64_HWCAP_CPUID;

    /* The crypto extension (target/arm/fpsimd_helper_crypto.c). */
    caps |= A64_HWCAP_AES | A64_HWCAP_PMULL | A64_HWCAP_SHA1 |
            A64_HWCAP_SHA2;

    if (!user_cpu_model || strcmp(user_cpu_model, "max") == 0 ||
        strcmp(user_cpu_model, "any") == 0) {
        caps |= A64_HWCAP_ATOMICS;
    }
    return caps;
}

static const int open_flag_pairs[][2] = {     /* { guest, host } */
    { A64_O_DIRECTORY, GEN_O_DIRECTORY },
    { A64_O_NOFOLLOW, GEN_O_NOFOLLOW },
    { A64_O_DIRECT, GEN_O_DIRECT },
    { A64_O_LARGEFILE, GEN_O_LARGEFILE },
};

static int convert_open_flags(int flags, int from, int to)
{
    int out = flags & ~SWAPPED_BITS;

    for (size_t i = 0; i < sizeof(open_flag_pairs) / sizeof(open_flag_pairs[0]);
         i++) {
        if (flags & open_flag_pairs[i][from]) {
            out |= open_flag_pairs[i][to];
        }
    }
    return out;
}

static int aarch64_open_flags_to_host(int flags)
{
    return convert_open_flags(flags, 0, 1);
}

static int aarch64_open_flags_to_guest(int flags)
{
    return convert_open_flags(flags, 1, 0);
}

abi_ulong aarch64_sigtramp;

/*
 * A page holding `mov x8, #139; svc #0` for handlers without sa_restorer.
 * The two words are also what libgcc's unwinder recognises as a signal
 * frame's return address.
 */
static void aarch64_setup_sigtramp(void)
{
    static const uint32_t code[] = {
        0xd2801168,     /* movz x8, #139 (rt_sigreturn) */
        0xd4000001,     /* svc #0 */
    };
    abi_long page = target_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (page < 0) {
        return;
    }
    memcpy(g2h(page), code, sizeof(code));
    target_mprotect(page, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC);
    aarch64_sigtramp = page;
}

static void aarch64_init_thread(CPUState *cpu, const ImageInfo *info)
{
    CPUARMState *env = arm_env(cpu);

    /* x0 = 0: no rtld_fini for a static program's _start. */
    memset(env->xregs, 0, sizeof(env->xregs));
    memset(env->vregs, 0, sizeof(env->vregs));
    env->pc = info->entry;
    env->xregs[31] = info->start_stack;
    arm_nzcv_write(env, 0);
    env->fpcr = 0;
    env->fpsr = 0;
    env->tpidr_el0 = 0;
    env->el = 0;
    env->exclusive_addr = (uint64_t)-1;
    if (!aarch64_sigtramp) {
        aarch64_setup_sigtramp();
    }
}

static void aarch64_clone_regs(CPUState *child, abi_ulong newsp,
                               bool set_tls, abi_ulong tls)
{
    CPUARMState *env = arm_env(child);

    if (newsp) {
        env->xregs[31] = newsp;
    }
    if (set_tls) {
        env->tpidr_el0 = tls;
    }
    env->xregs[0] = 0;      /* pc is already past the svc */
    env->exclusive_addr = (uint64_t)-1;
}

static void aarch64_set_syscall_return(CPUState *cpu, abi_long ret)
{
    arm_env(cpu)->xregs[0] = ret;
}

static abi_ulong aarch64_get_sp(CPUState *cpu)
{
    return arm_env(cpu)->xregs[31];
}

const UserArchOps user_arch_aarch64 = {
    .target = &target_aarch64,
    .hwcap = aarch64_hwcap,
    .platform = "aarch64",
    .init_thread = aarch64_init_thread,
    .cpu_loop = aarch64_cpu_loop,
    .clone_regs = aarch64_clone_regs,
    .setup_rt_frame = aarch64_setup_rt_frame,
    .do_rt_sigreturn = aarch64_do_rt_sigreturn,
    .set_syscall_return = aarch64_set_syscall_return,
    .get_sp = aarch64_get_sp,
    /* A 39-bit VA kernel's user space (512 GiB): what fits a host well. */
    .guest_addr_bits = 39,
    .minsigstksz = 5120,        /* arm64's MINSIGSTKSZ */
    .sa_restorer = true,
    .open_flags_to_host = aarch64_open_flags_to_host,
    .open_flags_to_guest = aarch64_open_flags_to_guest,
};
