/* SPDX-License-Identifier: MIT */
/* riscv64 user-mode hooks: hwcap, initial registers, clone, the table. */
#include <string.h>
#include <sys/mman.h>

#include "linux-user/riscv64/target-int.h"

static uint64_t riscv64_hwcap(void)
{
    static const char letters[] = "IMAFDC";
    uint64_t caps = 0;

    for (const char *c = letters; *c; c++) {
        caps |= 1ull << (*c - 'A');
    }
    return caps;
}

abi_ulong riscv64_sigtramp;

/* A page holding `li a7, 139; ecall` for returning from handlers. */
static void riscv64_setup_sigtramp(void)
{
    static const uint32_t code[] = {
        0x08b00893,     /* addi a7, zero, 139 (rt_sigreturn) */
        0x00000073,     /* ecall */
    };
    abi_long page = target_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (page < 0) {
        return;
    }
    memcpy(g2h(page), code, sizeof(code));
    target_mprotect(page, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC);
    riscv64_sigtramp = page;
}

static void riscv64_init_thread(CPUState *cpu, const ImageInfo *info)
{
    CPURISCVState *env = riscv_env(cpu);

    memset(env->gpr, 0, sizeof(env->gpr));
    env->pc = info->entry;
    env->gpr[2] = info->start_stack;
    env->priv = PRV_U;
    if (!riscv64_sigtramp) {
        riscv64_setup_sigtramp();
    }
}

static void riscv64_clone_regs(CPUState *child, abi_ulong newsp,
                               bool set_tls, abi_ulong tls)
{
    CPURISCVState *env = riscv_env(child);

    if (newsp) {
        env->gpr[2] = newsp;
    }
    if (set_tls) {
        env->gpr[4] = tls;
    }
    env->gpr[10] = 0;
    env->pc += 4;       /* the child resumes after its ecall */
    env->load_res = (uint64_t)-1;
}

static void riscv64_set_syscall_return(CPUState *cpu, abi_long ret)
{
    riscv_env(cpu)->gpr[10] = ret;
}

static abi_ulong riscv64_get_sp(CPUState *cpu)
{
    return riscv_env(cpu)->gpr[2];
}

const UserArchOps user_arch_riscv64 = {
    .target = &target_riscv64,
    .hwcap = riscv64_hwcap,
    .platform = NULL,
    .init_thread = riscv64_init_thread,
    .cpu_loop = riscv64_cpu_loop,
    .clone_regs = riscv64_clone_regs,
    .setup_rt_frame = riscv64_setup_rt_frame,
    .do_rt_sigreturn = riscv64_do_rt_sigreturn,
    .set_syscall_return = riscv64_set_syscall_return,
    .get_sp = riscv64_get_sp,
};
