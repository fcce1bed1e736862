/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 vCPU: creation under KVM, boot states, reset, and the
 * register dump of -d cpu and "info registers" (QEMU's layout). There is
 * no x86 TCG frontend: translate is NULL and vl.c refuses -accel tcg.
 */
#include <inttypes.h>
#include <string.h>

#include <capstone/capstone.h>

#include "accel/kvm/kvm-int.h"
#include "target/i386/cpu.h"
#include "vemu/kvm.h"

/* ---- boot states ------------------------------------------------------- */

static void seg_set(X86Segment *s, uint16_t sel, uint64_t base,
                    uint32_t limit, uint8_t type, bool code_or_data)
{
    memset(s, 0, sizeof(*s));
    s->selector = sel;
    s->base = base;
    s->limit = limit;
    s->type = type;
    s->s = code_or_data;
    s->present = true;
}

void x86_boot_regs_reset(X86BootRegs *r)
{
    memset(r, 0, sizeof(*r));
    r->rip = 0xfff0;
    r->rflags = X86_RFLAGS_FIXED;
    r->gpr[X86_RDX] = 0x600;    /* family 6 reset signature */
    for (int i = 0; i < X86_NB_SEGS; i++) {
        seg_set(&r->seg[i], 0, 0, 0xffff, 0x3, true);  /* data RW, A */
    }
    seg_set(&r->seg[X86_CS], 0xf000, 0xffff0000, 0xffff, 0xb, true);
    seg_set(&r->ldt, 0, 0, 0xffff, 0x2, false);
    seg_set(&r->tr, 0, 0, 0xffff, 0xb, false);
    r->gdt.limit = 0xffff;
    r->idt.limit = 0xffff;
    r->cr0 = X86_CR0_CD | X86_CR0_NW | X86_CR0_ET;
}

void x86_boot_regs_flat32(X86BootRegs *r, uint64_t eip)
{
    x86_boot_regs_reset(r);
    r->gpr[X86_RDX] = 0;
    r->rip = (uint32_t)eip;
    for (int i = 0; i < X86_NB_SEGS; i++) {
        seg_set(&r->seg[i], 0x18, 0, 0xffffffff, 0x3, true);
        r->seg[i].db = true;
        r->seg[i].g = true;
    }
    seg_set(&r->seg[X86_CS], 0x10, 0, 0xffffffff, 0xb, true);
    r->seg[X86_CS].db = true;
    r->seg[X86_CS].g = true;
    r->cr0 = X86_CR0_PE | X86_CR0_ET;
}

/* ---- creation and reset -------------------------------------------------- */

static void x86_tcg_init(void)
{
}

static void x86_cpu_init(CPUState *cpu)
{
    CPUX86State *env = x86_env(cpu);

    x86_boot_regs_reset(&env->boot);
}

static void x86_cpu_reset(CPUState *cpu)
{
    CPUX86State *env = x86_env(cpu);

    env->r = env->boot;
    env->cr8 = 0;
    env->kernel_gs_base = 0;
    env->apic_base = 0xfee00000 | (1u << 11) | (env->apic_id ? 0 : 1u << 8);
    memset(env->dr, 0, sizeof(env->dr));
    env->dr[6] = 0xffff0ff0;
    env->dr[7] = 0x400;
    memset(&env->fpu, 0, sizeof(env->fpu));
    env->fpu.fcw = 0x37f;
    env->fpu.mxcsr = 0x1f80;
    if (env->kvm) {
        /* Written to KVM, with MSRs, LAPIC and MP state, before it runs. */
        env->kvm->reset_pending = true;
        env->kvm->regs_dirty = true;
    }
}

CPUState *x86_cpu_create(unsigned index, GError **errp)
{
    CPUState *cpu;
    CPUX86State *env;

    if (!kvm_enabled()) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    "x86 vCPUs need -accel kvm (there is no x86 TCG "
                    "frontend yet)");
        return NULL;
    }
    cpu = cpu_create(&target_x86_64);
    env = x86_env(cpu);
    env->apic_id = index;
    x86_cpu_reset(cpu);     /* again, with the APIC id known */
    env->kvm = kvm_vcpu_create(cpu, index, errp);
    if (!env->kvm || !kvm_arch_init_vcpu(cpu, errp)) {
        /* The VM keeps a half-made vCPU; the caller exits anyway. */
        env->kvm = NULL;
        return NULL;
    }
    x86_cpu_reset(cpu);
    return cpu;
}

void x86_cpu_set_boot_regs(CPUState *cpu, const X86BootRegs *r)
{
    CPUX86State *env = x86_env(cpu);

    env->boot = *r;
    env->boot_set = true;
    x86_cpu_reset(cpu);
}

bool x86_cpu_model_valid(const char *name)
{
    return !strcmp(name, "host") || !strcmp(name, "max");
}

void x86_cpu_list(GString *out)
{
    g_string_append(out, "Available CPUs:\n"
                    "  host    KVM processor with all supported host "
                    "features\n"
                    "  max     Enables all features supported by the "
                    "accelerator\n");
}

/* ---- TargetInfo hooks ------------------------------------------------ */

static vaddr x86_get_pc(CPUState *cpu)
{
    cpu_synchronize_state(cpu);
    return x86_env(cpu)->r.rip;
}

static void x86_set_pc(CPUState *cpu, vaddr pc)
{
    cpu_synchronize_state(cpu);
    x86_env(cpu)->r.rip = pc;
}

static hwaddr x86_get_phys_page_debug(CPUState *cpu, vaddr addr)
{
    hwaddr pa = kvm_translate(cpu, addr);

    return pa == (hwaddr)-1 ? pa : pa & ~(hwaddr)0xfff;
}

static bool x86_has_work(CPUState *cpu)
{
    return false;           /* halting is KVM's (in-kernel LAPIC) */
}

static int x86_disas_insn(const uint8_t *code, size_t len, uint64_t pc,
                          char *buf, size_t bufsize)
{
    csh handle;
    cs_insn *insn;
    int n = 0;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        return 0;
    }
    if (cs_disasm(handle, code, len, pc, 1, &insn) == 1) {
        snprintf(buf, bufsize, "%-8s %s", insn->mnemonic, insn->op_str);
        n = insn->size;
        cs_free(insn, 1);
    }
    cs_close(&handle);
    return n;
}

/* ---- register dump ------------------------------------------------------- */

/* The descriptor's high dword bits 8-23 as QEMU prints them. */
static uint32_t seg_flags(const X86Segment *s)
{
    uint32_t raw_limit = s->g ? s->limit >> 12 : s->limit;

    return (uint32_t)(s->type & 0xf) << 8 | (uint32_t)s->s << 12 |
           (uint32_t)(s->dpl & 3) << 13 | (uint32_t)s->present << 15 |
           (raw_limit & 0xf0000) | (uint32_t)s->avl << 20 |
           (uint32_t)s->l << 21 | (uint32_t)s->db << 22 |
           (uint32_t)s->g << 23;
}

static const char *const sys_type_names[2][16] = {
    { "Reserved", "TSS16-avl", "LDT", "TSS16-busy", "CallGate16",
      "TaskGate", "IntGate16", "TrapGate16", "Reserved", "TSS32-avl",
      "Reserved", "TSS32-busy", "CallGate32", "Reserved", "IntGate32",
      "TrapGate32" },
    { "<hiword>", "Reserved", "LDT", "Reserved", "Reserved", "Reserved",
      "Reserved", "Reserved", "Reserved", "TSS64-avl", "Reserved",
      "TSS64-busy", "CallGate64", "Reserved", "IntGate64", "TrapGate64" },
};

static void dump_seg(FILE *f, const CPUX86State *env, const char *name,
                     const X86Segment *s)
{
    bool lma = env->r.efer & X86_EFER_LMA;

    if (lma) {
        fprintf(f, "%-3s=%04x %016" PRIx64 " %08x %08x", name, s->selector,
                s->base, s->limit, seg_flags(s));
    } else {
        fprintf(f, "%-3s=%04x %08x %08x %08x", name, s->selector,
                (uint32_t)s->base, s->limit, seg_flags(s));
    }
    if ((env->r.cr0 & X86_CR0_PE) && s->present) {
        fprintf(f, " DPL=%d ", s->dpl & 3);
        if (s->s && (s->type & 8)) {
            fprintf(f, "%s [%c%c%c]",
                    s->l ? "CS64" : s->db ? "CS32" : "CS16",
                    s->type & 4 ? 'C' : '-', s->type & 2 ? 'R' : '-',
                    s->type & 1 ? 'A' : '-');
        } else if (s->s) {
            fprintf(f, "%s [%c%c%c]", s->db || lma ? "DS  " : "DS16",
                    s->type & 4 ? 'E' : '-', s->type & 2 ? 'W' : '-',
                    s->type & 1 ? 'A' : '-');
        } else {
            fprintf(f, "%s", sys_type_names[lma][s->type & 0xf]);
        }
    }
    fprintf(f, "\n");
}

static void dump_fpu(FILE *f, const CPUX86State *env, bool cs64)
{
    const X86FPU *fp = &env->fpu;

    fprintf(f, "FCW=%04x FSW=%04x [ST=%d] FTW=%02x MXCSR=%08x\n", fp->fcw,
            fp->fsw, (fp->fsw >> 11) & 7, fp->ftw, fp->mxcsr);
    for (int i = 0; i < 8; i++) {
        uint64_t mant;
        uint16_t exp;

        memcpy(&mant, fp->st[i], 8);
        memcpy(&exp, fp->st[i] + 8, 2);
        fprintf(f, "FPR%d=%016" PRIx64 " %04x%s", i, mant, exp,
                (i & 1) ? "\n" : " ");
    }
    for (int i = 0; i < (cs64 ? 16 : 8); i++) {
        uint32_t w[4];

        memcpy(w, fp->xmm[i], 16);
        fprintf(f, "XMM%02d=%08x%08x%08x%08x%s", i, w[3], w[2], w[1], w[0],
                (i & 1) ? "\n" : " ");
    }
}

void x86_cpu_dump_state(CPUState *cpu, FILE *f, int flags)
{
    static const char *const seg_names[X86_NB_SEGS] = {
        "ES", "CS", "SS", "DS", "FS", "GS",
    };
    static const char *const gpr64[16] = {
        "RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP",
        "R8 ", "R9 ", "R10", "R11", "R12", "R13", "R14", "R15",
    };
    static const uint8_t gpr_order[16] = {
        X86_RAX, X86_RBX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_RBP,
        X86_RSP, X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13,
        X86_R14, X86_R15,
    };
    CPUX86State *env = x86_env(cpu);
    const X86BootRegs *r = &env->r;
    bool lma, cs64;
    uint32_t fl;

    cpu_synchronize_state(cpu);
    lma = r->efer & X86_EFER_LMA;
    cs64 = lma && r->seg[X86_CS].l;
    fl = (uint32_t)r->rflags;
    if (cs64) {
        for (int i = 0; i < 16; i++) {
            fprintf(f, "%s=%016" PRIx64 "%s", gpr64[i],
                    r->gpr[gpr_order[i]], (i & 3) == 3 ? "\n" : " ");
        }
        fprintf(f, "RIP=%016" PRIx64 " RFL=%08x", r->rip, fl);
    } else {
        for (int i = 0; i < 8; i++) {
            fprintf(f, "E%c%c=%08x%s", gpr64[i][1], gpr64[i][2],
                    (uint32_t)r->gpr[gpr_order[i]], (i & 3) == 3 ? "\n" : " ");
        }
        fprintf(f, "EIP=%08x EFL=%08x", (uint32_t)r->rip, fl);
    }
    fprintf(f, " [%c%c%c%c%c%c%c] CPL=%d II=0 A20=1 SMM=0 HLT=%d\n",
            fl & 0x400 ? 'D' : '-', fl & 0x800 ? 'O' : '-',
            fl & 0x80 ? 'S' : '-', fl & 0x40 ? 'Z' : '-',
            fl & 0x10 ? 'A' : '-', fl & 0x4 ? 'P' : '-',
            fl & 0x1 ? 'C' : '-', r->seg[X86_SS].dpl & 3, cpu->halted);
    for (int i = 0; i < X86_NB_SEGS; i++) {
        dump_seg(f, env, seg_names[i], &r->seg[i]);
    }
    dump_seg(f, env, "LDT", &r->ldt);
    dump_seg(f, env, "TR", &r->tr);
    if (lma) {
        fprintf(f, "GDT=     %016" PRIx64 " %08x\n", r->gdt.base,
                r->gdt.limit);
        fprintf(f, "IDT=     %016" PRIx64 " %08x\n", r->idt.base,
                r->idt.limit);
        fprintf(f, "CR0=%08x CR2=%016" PRIx64 " CR3=%016" PRIx64
                " CR4=%08x\n", (uint32_t)r->cr0, r->cr2, r->cr3,
                (uint32_t)r->cr4);
        for (int i = 0; i < 4; i++) {
            fprintf(f, "DR%d=%016" PRIx64 " ", i, env->dr[i]);
        }
        fprintf(f, "\nDR6=%016" PRIx64 " DR7=%016" PRIx64 "\n", env->dr[6],
                env->dr[7]);
    } else {
        fprintf(f, "GDT=     %08x %08x\n", (uint32_t)r->gdt.base,
                r->gdt.limit);
        fprintf(f, "IDT=     %08x %08x\n", (uint32_t)r->idt.base,
                r->idt.limit);
        fprintf(f, "CR0=%08x CR2=%08x CR3=%08x CR4=%08x\n",
                (uint32_t)r->cr0, (uint32_t)r->cr2, (uint32_t)r->cr3,
                (uint32_t)r->cr4);
        for (int i = 0; i < 4; i++) {
            fprintf(f, "DR%d=%08x ", i, (uint32_t)env->dr[i]);
        }
        fprintf(f, "\nDR6=%08x DR7=%08x\n", (uint32_t)env->dr[6],
                (uint32_t)env->dr[7]);
    }
    fprintf(f, "EFER=%016" PRIx64 "\n", r->efer);
    if (flags & CPU_DUMP_FPU) {
        dump_fpu(f, env, cs64);
    }
}

const TargetInfo target_x86_64 = {
    .name = "x86_64",
    .elf_machine = 62,          /* EM_X86_64 */
    .elf_class = 2,             /* ELFCLASS64 */
    .cpu_size = sizeof(CPUX86State),
    .tcg_init = x86_tcg_init,
    .cpu_init = x86_cpu_init,
    .cpu_reset = x86_cpu_reset,
    .set_pc = x86_set_pc,
    .get_pc = x86_get_pc,
    .has_work = x86_has_work,
    .get_phys_page_debug = x86_get_phys_page_debug,
    .gdb_read_register = x86_gdb_read_register,
    .gdb_write_register = x86_gdb_write_register,
    .gdb_num_regs = X86_GDB_NUM_REGS,
    .gdb_arch = "i386:x86-64",
    .gdb_get_xml = x86_gdb_get_xml,
    .dump_state = x86_cpu_dump_state,
    .disas_insn = x86_disas_insn,
};
