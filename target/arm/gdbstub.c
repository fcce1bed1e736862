/* SPDX-License-Identifier: MIT */
/* AArch64 registers for the gdbstub: numbering, access and target XML. */
#include <string.h>

#include <glib.h>

#include "target/arm/cpu.h"
#include "target/arm/internals.h"

/*
 * The remote register numbers, in gdb's aarch64 order: x0-x30, sp, pc,
 * cpsr (the 'g' packet ends after fpcr), then the system registers below
 * (p/P only; meaningful in system mode).
 */
enum {
    GDB_SP = 31,
    GDB_PC = 32,
    GDB_CPSR = 33,
    GDB_V0 = 34,
    GDB_FPSR = 66,
    GDB_FPCR = 67,
    GDB_SYS0 = 68,
};

typedef struct ArmGdbSysreg {
    const char *name;
    size_t offset;              /* in CPUARMState, a uint64_t */
} ArmGdbSysreg;

#define SR(name, field) { name, offsetof(CPUARMState, field) }

static const ArmGdbSysreg arm_gdb_sysregs[] = {
    SR("SCTLR_EL1", sctlr_el[1]), SR("TCR_EL1", tcr_el[1]),
    SR("TTBR0_EL1", ttbr0_el[1]), SR("TTBR1_EL1", ttbr1_el[1]),
    SR("MAIR_EL1", mair_el[1]), SR("VBAR_EL1", vbar_el[1]),
    SR("ESR_EL1", esr_el[1]), SR("FAR_EL1", far_el[1]),
    SR("ELR_EL1", elr_el[1]), SR("SPSR_EL1", spsr_el[1]),
    SR("TPIDR_EL0", tpidr_el0), SR("TPIDR_EL1", tpidr_el[1]),
    SR("CPACR_EL1", cpacr_el1), SR("CNTKCTL_EL1", cntkctl_el1),
    SR("SCTLR_EL2", sctlr_el[2]), SR("HCR_EL2", hcr_el2),
    SR("TCR_EL2", tcr_el[2]), SR("TTBR0_EL2", ttbr0_el[2]),
    SR("VBAR_EL2", vbar_el[2]), SR("ESR_EL2", esr_el[2]),
    SR("FAR_EL2", far_el[2]), SR("ELR_EL2", elr_el[2]),
    SR("SPSR_EL2", spsr_el[2]), SR("CNTVOFF_EL2", cntvoff_el2),
    SR("MIDR_EL1", midr), SR("MPIDR_EL1", mpidr),
};
#define NB_GDB_SYSREGS ((int)G_N_ELEMENTS(arm_gdb_sysregs))

static int put_le(GByteArray *buf, uint64_t v, int bytes)
{
    uint8_t b[8];

    for (int i = 0; i < bytes; i++) {
        b[i] = v >> (8 * i);
    }
    g_byte_array_append(buf, b, bytes);
    return bytes;
}

static uint64_t get_le(const uint8_t *b, int bytes)
{
    uint64_t v = 0;

    for (int i = 0; i < bytes; i++) {
        v |= (uint64_t)b[i] << (8 * i);
    }
    return v;
}

/* The stack pointer of the current EL and SPSel (SP_EL0 or SP_ELx). */
int arm_gdb_read_register(CPUState *cpu, GByteArray *buf, int n)
{
    CPUARMState *env = arm_env(cpu);

    if (n >= 0 && n <= GDB_SP) {
        return put_le(buf, env->xregs[n], 8);
    }
    if (n >= GDB_V0 && n < GDB_V0 + 32) {
        put_le(buf, env->vregs[n - GDB_V0][0], 8);
        return 8 + put_le(buf, env->vregs[n - GDB_V0][1], 8);
    }
    if (n >= GDB_SYS0 && n < GDB_SYS0 + NB_GDB_SYSREGS) {
        uint64_t v;

        memcpy(&v, (uint8_t *)env + arm_gdb_sysregs[n - GDB_SYS0].offset,
               sizeof(v));
        return put_le(buf, v, 8);
    }
    switch (n) {
    case GDB_PC:
        return put_le(buf, env->pc, 8);
    case GDB_CPSR:
        return put_le(buf, env->sys ? arm_pstate_read(env)
                                    : arm_nzcv_read(env), 4);
    case GDB_FPSR:
        return put_le(buf, env->fpsr, 4);
    case GDB_FPCR:
        return put_le(buf, env->fpcr, 4);
    }
    return 0;
}

int arm_gdb_write_register(CPUState *cpu, const uint8_t *buf, int n)
{
    CPUARMState *env = arm_env(cpu);

    if (n >= 0 && n <= GDB_SP) {
        env->xregs[n] = get_le(buf, 8);
        return 8;
    }
    if (n >= GDB_V0 && n < GDB_V0 + 32) {
        env->vregs[n - GDB_V0][0] = get_le(buf, 8);
        env->vregs[n - GDB_V0][1] = get_le(buf + 8, 8);
        return 16;
    }
    if (n >= GDB_SYS0 && n < GDB_SYS0 + NB_GDB_SYSREGS) {
        /* Shown for debugging, not written behind the MMU's back. */
        return 8;
    }
    switch (n) {
    case GDB_PC:
        env->pc = get_le(buf, 8);
        return 8;
    case GDB_CPSR:
        /* The flags only: EL and SP changes need an exception return. */
        arm_nzcv_write(env, (uint32_t)get_le(buf, 4));
        return 4;
    case GDB_FPSR:
        env->fpsr = get_le(buf, 4) & FPSR_MASK;
        return 4;
    case GDB_FPCR:
        env->fpcr = get_le(buf, 4) & FPCR_MASK;
        return 4;
    }
    return 0;
}

static void xml_reg(GString *s, const char *name, int regnum, int bits,
                    const char *type, const char *group)
{
    g_string_append_printf(s, "  <reg name=\"%s\" bitsize=\"%d\" "
                           "regnum=\"%d\" type=\"%s\"", name, bits, regnum,
                           type);
    if (group) {
        g_string_append_printf(s, " group=\"%s\"", group);
    }
    g_string_append(s, "/>\n");
}

static char *arm_gdb_build_xml(void)
{
    GString *s = g_string_new(
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target>\n<architecture>aarch64</architecture>\n"
        "<feature name=\"org.gnu.gdb.aarch64.core\">\n");

    for (int i = 0; i < 31; i++) {
        char name[8];

        g_snprintf(name, sizeof(name), "x%d", i);
        xml_reg(s, name, i, 64, "int", NULL);
    }
    xml_reg(s, "sp", GDB_SP, 64, "data_ptr", NULL);
    xml_reg(s, "pc", GDB_PC, 64, "code_ptr", NULL);
    xml_reg(s, "cpsr", GDB_CPSR, 32, "int", NULL);
    /* The views of a V register gdb offers as $vN.d, .s, .h, .b, .q. */
    g_string_append(s,
        "</feature>\n<feature name=\"org.gnu.gdb.aarch64.fpu\">\n"
        "  <vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
        "  <vector id=\"v2u\" type=\"uint64\" count=\"2\"/>\n"
        "  <vector id=\"v2i\" type=\"int64\" count=\"2\"/>\n"
        "  <vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
        "  <vector id=\"v4u\" type=\"uint32\" count=\"4\"/>\n"
        "  <vector id=\"v4i\" type=\"int32\" count=\"4\"/>\n"
        "  <vector id=\"v8u\" type=\"uint16\" count=\"8\"/>\n"
        "  <vector id=\"v8i\" type=\"int16\" count=\"8\"/>\n"
        "  <vector id=\"v16u\" type=\"uint8\" count=\"16\"/>\n"
        "  <vector id=\"v16i\" type=\"int8\" count=\"16\"/>\n"
        "  <vector id=\"v1u\" type=\"uint128\" count=\"1\"/>\n"
        "  <vector id=\"v1i\" type=\"int128\" count=\"1\"/>\n"
        "  <union id=\"vnd\"><field name=\"f\" type=\"v2d\"/>"
        "<field name=\"u\" type=\"v2u\"/><field name=\"s\" type=\"v2i\"/>"
        "</union>\n"
        "  <union id=\"vns\"><field name=\"f\" type=\"v4f\"/>"
        "<field name=\"u\" type=\"v4u\"/><field name=\"s\" type=\"v4i\"/>"
        "</union>\n"
        "  <union id=\"vnh\"><field name=\"u\" type=\"v8u\"/>"
        "<field name=\"s\" type=\"v8i\"/></union>\n"
        "  <union id=\"vnb\"><field name=\"u\" type=\"v16u\"/>"
        "<field name=\"s\" type=\"v16i\"/></union>\n"
        "  <union id=\"vnq\"><field name=\"u\" type=\"v1u\"/>"
        "<field name=\"s\" type=\"v1i\"/></union>\n"
        "  <union id=\"aarch64v\"><field name=\"d\" type=\"vnd\"/>"
        "<field name=\"s\" type=\"vns\"/><field name=\"h\" type=\"vnh\"/>"
        "<field name=\"b\" type=\"vnb\"/><field name=\"q\" type=\"vnq\"/>"
        "</union>\n");
    for (int i = 0; i < 32; i++) {
        char name[8];

        g_snprintf(name, sizeof(name), "v%d", i);
        xml_reg(s, name, GDB_V0 + i, 128, "aarch64v", "vector");
    }
    xml_reg(s, "fpsr", GDB_FPSR, 32, "int", "float");
    xml_reg(s, "fpcr", GDB_FPCR, 32, "int", "float");
    g_string_append(s, "</feature>\n"
                    "<feature name=\"org.vemu.gdb.aarch64.sysregs\">\n");
    for (int i = 0; i < NB_GDB_SYSREGS; i++) {
        xml_reg(s, arm_gdb_sysregs[i].name, GDB_SYS0 + i, 64, "uint64",
                "system");
    }
    g_string_append(s, "</feature>\n</target>\n");
    return g_string_free(s, false);
}

const char *arm_gdb_get_xml(CPUState *cpu, const char *name)
{
    static char *xml;

    if (strcmp(name, "target.xml") != 0) {
        return NULL;
    }
    if (g_once_init_enter(&xml)) {
        g_once_init_leave(&xml, arm_gdb_build_xml());
    }
    return xml;
}
