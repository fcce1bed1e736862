/* SPDX-License-Identifier: MIT */
/* RISC-V F/D helpers: directed vectors with expected bits and fflags. */
#include <inttypes.h>
#include <setjmp.h>
#include <string.h>

#include <glib.h>

#include "target/riscv/fpu_helper.h"
#include "vemu/softfloat.h"

/*
 * The unit test has no execution loop: land exceptions back in the test.
 * Weak, so that a real cpu_loop_exit_restore in libvemucore wins.
 */
__attribute__((weak)) void cpu_loop_exit_restore(CPUState *cpu,
                                                 uintptr_t retaddr)
{
    siglongjmp(cpu->jmp_env, 1);
}

enum {
    OP_FADD_S, OP_FSUB_S, OP_FMUL_S, OP_FDIV_S, OP_FSQRT_S,
    OP_FMADD_S, OP_FMSUB_S, OP_FNMSUB_S, OP_FNMADD_S,
    OP_FMIN_S, OP_FMAX_S, OP_FEQ_S, OP_FLT_S, OP_FLE_S, OP_FCLASS_S,
    OP_FADD_D, OP_FSUB_D, OP_FMUL_D, OP_FDIV_D, OP_FSQRT_D,
    OP_FMADD_D, OP_FMSUB_D, OP_FNMSUB_D, OP_FNMADD_D,
    OP_FMIN_D, OP_FMAX_D, OP_FEQ_D, OP_FLT_D, OP_FLE_D, OP_FCLASS_D,
    OP_FCVT_W_S, OP_FCVT_WU_S, OP_FCVT_L_S, OP_FCVT_LU_S,
    OP_FCVT_W_D, OP_FCVT_WU_D, OP_FCVT_L_D, OP_FCVT_LU_D,
    OP_FCVT_S_W, OP_FCVT_S_WU, OP_FCVT_S_L, OP_FCVT_S_LU,
    OP_FCVT_D_W, OP_FCVT_D_WU, OP_FCVT_D_L, OP_FCVT_D_LU,
    OP_FCVT_S_D, OP_FCVT_D_S,
};

static uint64_t run_op(CPURISCVState *env, int op, uint64_t a, uint64_t b,
                       uint64_t c, uint32_t rm)
{
    switch (op) {
    case OP_FADD_S: return helper_fadd_s(env, a, b, rm);
    case OP_FSUB_S: return helper_fsub_s(env, a, b, rm);
    case OP_FMUL_S: return helper_fmul_s(env, a, b, rm);
    case OP_FDIV_S: return helper_fdiv_s(env, a, b, rm);
    case OP_FSQRT_S: return helper_fsqrt_s(env, a, rm);
    case OP_FMADD_S: return helper_fmadd_s(env, a, b, c, rm);
    case OP_FMSUB_S: return helper_fmsub_s(env, a, b, c, rm);
    case OP_FNMSUB_S: return helper_fnmsub_s(env, a, b, c, rm);
    case OP_FNMADD_S: return helper_fnmadd_s(env, a, b, c, rm);
    case OP_FMIN_S: return helper_fmin_s(env, a, b);
    case OP_FMAX_S: return helper_fmax_s(env, a, b);
    case OP_FEQ_S: return helper_feq_s(env, a, b);
    case OP_FLT_S: return helper_flt_s(env, a, b);
    case OP_FLE_S: return helper_fle_s(env, a, b);
    case OP_FCLASS_S: return helper_fclass_s(env, a);
    case OP_FADD_D: return helper_fadd_d(env, a, b, rm);
    case OP_FSUB_D: return helper_fsub_d(env, a, b, rm);
    case OP_FMUL_D: return helper_fmul_d(env, a, b, rm);
    case OP_FDIV_D: return helper_fdiv_d(env, a, b, rm);
    case OP_FSQRT_D: return helper_fsqrt_d(env, a, rm);
    case OP_FMADD_D: return helper_fmadd_d(env, a, b, c, rm);
    case OP_FMSUB_D: return helper_fmsub_d(env, a, b, c, rm);
    case OP_FNMSUB_D: return helper_fnmsub_d(env, a, b, c, rm);
    case OP_FNMADD_D: return helper_fnmadd_d(env, a, b, c, rm);
    case OP_FMIN_D: return helper_fmin_d(env, a, b);
    case OP_FMAX_D: return helper_fmax_d(env, a, b);
    case OP_FEQ_D: return helper_feq_d(env, a, b);
    case OP_FLT_D: return helper_flt_d(env, a, b);
    case OP_FLE_D: return helper_fle_d(env, a, b);
    case OP_FCLASS_D: return helper_fclass_d(env, a);
    case OP_FCVT_W_S: return helper_fcvt_w_s(env, a, rm);
    case OP_FCVT_WU_S: return helper_fcvt_wu_s(env, a, rm);
    case OP_FCVT_L_S: return helper_fcvt_l_s(env, a, rm);
    case OP_FCVT_LU_S: return helper_fcvt_lu_s(env, a, rm);
    case OP_FCVT_W_D: return helper_fcvt_w_d(env, a, rm);
    case OP_FCVT_WU_D: return helper_fcvt_wu_d(env, a, rm);
    case OP_FCVT_L_D: return helper_fcvt_l_d(env, a, rm);
    case OP_FCVT_LU_D: return helper_fcvt_lu_d(env, a, rm);
    case OP_FCVT_S_W: return helper_fcvt_s_w(env, a, rm);
    case OP_FCVT_S_WU: return helper_fcvt_s_wu(env, a, rm);
    case OP_FCVT_S_L: return helper_fcvt_s_l(env, a, rm);
    case OP_FCVT_S_LU: return helper_fcvt_s_lu(env, a, rm);
    case OP_FCVT_D_W: return helper_fcvt_d_w(env, a, rm);
    case OP_FCVT_D_WU: return helper_fcvt_d_wu(env, a, rm);
    case OP_FCVT_D_L: return helper_fcvt_d_l(env, a, rm);
    case OP_FCVT_D_LU: return helper_fcvt_d_lu(env, a, rm);
    case OP_FCVT_S_D: return helper_fcvt_s_d(env, a, rm);
    case OP_FCVT_D_S: return helper_fcvt_d_s(env, a, rm);
    }
    g_assert_not_reached();
}

typedef struct FpVector {
    const char *what;
    int op;
    uint32_t rm;
    uint64_t a, b, c;
    uint64_t expect;
    uint32_t flags;
} FpVector;

/* NaN-boxed single. */
#define S(x) (0xffffffff00000000ull | (uint32_t)(x))

enum { RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4 };
enum { NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16 };

/* Doubles. */
#define D_ONE 0x3ff0000000000000ull
#define D_MONE 0xbff0000000000000ull
#define D_TWO 0x4000000000000000ull
#define D_THREE 0x4008000000000000ull
#define D_HALF 0x3fe0000000000000ull
#define D_P53 0x3ca0000000000000ull       /* 2^-53 */
#define D_ONE_ULP 0x3ff0000000000001ull   /* 1 + 2^-52 */
#define D_ONE_M 0x3fefffffffffffffull     /* 1 - 2^-53 */
#define D_ONE_M2 0x3feffffffffffffeull    /* 1 - 2^-52 */
#define D_MAX 0x7fefffffffffffffull
#define D_MIN 0x0010000000000000ull
#define D_SUBMAX 0x000fffffffffffffull
#define D_TRUE_MIN 0x0000000000000001ull
#define D_INF 0x7ff0000000000000ull
#define D_NINF 0xfff0000000000000ull
#define D_QNAN 0x7ff8000000000123ull
#define D_SNAN 0x7ff0000000000001ull
#define D_CNAN 0x7ff8000000000000ull
#define D_NZERO 0x8000000000000000ull

/* Singles. */
#define F_ONE 0x3f800000u
#define F_TWO 0x40000000u
#define F_THREE 0x40400000u
#define F_P24 0x33800000u                 /* 2^-24 */
#define F_MAX 0x7f7fffffu
#define F_MIN 0x00800000u
#define F_ONE_M 0x3f7fffffu               /* 1 - 2^-24 */
#define F_INF 0x7f800000u
#define F_QNAN 0x7fc01234u
#define F_SNAN 0x7f800001u
#define F_CNAN 0x7fc00000u

static const FpVector vectors[] = {
    /* Exact and inexact results in every mode. */
    { "1+2", OP_FADD_D, RNE, D_ONE, D_TWO, 0, D_THREE, 0 },
    { "1/3 rne", OP_FDIV_D, RNE, D_ONE, D_THREE, 0, 0x3fd5555555555555ull, NX },
    { "1/3 rtz", OP_FDIV_D, RTZ, D_ONE, D_THREE, 0, 0x3fd5555555555555ull, NX },
    { "1/3 rdn", OP_FDIV_D, RDN, D_ONE, D_THREE, 0, 0x3fd5555555555555ull, NX },
    { "1/3 rup", OP_FDIV_D, RUP, D_ONE, D_THREE, 0, 0x3fd5555555555556ull, NX },
    { "1/3 rmm", OP_FDIV_D, RMM, D_ONE, D_THREE, 0, 0x3fd5555555555555ull, NX },
    { "-1/3 rdn", OP_FDIV_D, RDN,
      D_MONE, D_THREE, 0, 0xbfd5555555555556ull, NX },
    { "-1/3 rup", OP_FDIV_D, RUP,
      D_MONE, D_THREE, 0, 0xbfd5555555555555ull, NX },
    { "2/3 rne", OP_FDIV_D, RNE, D_TWO, D_THREE, 0, 0x3fe5555555555555ull, NX },
    { "2/3 rup", OP_FDIV_D, RUP, D_TWO, D_THREE, 0, 0x3fe5555555555556ull, NX },
    /* Ties: even vs away. */
    { "tie even rne", OP_FADD_D, RNE, D_ONE, D_P53, 0, D_ONE, NX },
    { "tie even rmm", OP_FADD_D, RMM, D_ONE, D_P53, 0, D_ONE_ULP, NX },
    { "tie even rup", OP_FADD_D, RUP, D_ONE, D_P53, 0, D_ONE_ULP, NX },
    { "tie even rtz", OP_FADD_D, RTZ, D_ONE, D_P53, 0, D_ONE, NX },
    { "tie odd rne", OP_FADD_D, RNE,
      D_ONE_ULP, D_P53, 0, 0x3ff0000000000002ull, NX },
    { "tie odd rmm", OP_FADD_D, RMM,
      D_ONE_ULP, D_P53, 0, 0x3ff0000000000002ull, NX },
    { "tie odd rdn", OP_FADD_D, RDN, D_ONE_ULP, D_P53, 0, D_ONE_ULP, NX },
    { "neg tie rmm", OP_FSUB_D, RMM,
      D_MONE, D_P53, 0, 0xbff0000000000001ull, NX },
    { "neg tie rne", OP_FSUB_D, RNE, D_MONE, D_P53, 0, D_MONE, NX },
    { "neg tie rdn", OP_FSUB_D, RDN,
      D_MONE, D_P53, 0, 0xbff0000000000001ull, NX },
    { "neg tie rup", OP_FSUB_D, RUP, D_MONE, D_P53, 0, D_MONE, NX },
    { "s tie rne", OP_FADD_S, RNE, S(F_ONE), S(F_P24), 0, S(F_ONE), NX },
    { "s tie rmm", OP_FADD_S, RMM, S(F_ONE), S(F_P24), 0, S(0x3f800001), NX },
    { "s 1/3 rne", OP_FDIV_S, RNE, S(F_ONE), S(F_THREE), 0, S(0x3eaaaaab), NX },
    { "s 1/3 rtz", OP_FDIV_S, RTZ, S(F_ONE), S(F_THREE), 0, S(0x3eaaaaaa), NX },
    { "s 1/3 rmm", OP_FDIV_S, RMM, S(F_ONE), S(F_THREE), 0, S(0x3eaaaaab), NX },
    { "s 1+1 boxed", OP_FADD_S, RNE, S(F_ONE), S(F_ONE), 0, S(F_TWO), 0 },
    /* Exact cancellation: +0, except -0 when rounding down. */
    { "x-x rne", OP_FSUB_D, RNE, D_THREE, D_THREE, 0, 0, 0 },
    { "x-x rdn", OP_FSUB_D, RDN, D_THREE, D_THREE, 0, D_NZERO, 0 },
    { "-0+-0", OP_FADD_D, RNE, D_NZERO, D_NZERO, 0, D_NZERO, 0 },
    { "+0+-0 rdn", OP_FADD_D, RDN, 0, D_NZERO, 0, D_NZERO, 0 },
    /* Overflow: infinity or the largest finite value by mode. */
    { "max+max rne", OP_FADD_D, RNE, D_MAX, D_MAX, 0, D_INF, OF | NX },
    { "max+max rtz", OP_FADD_D, RTZ, D_MAX, D_MAX, 0, D_MAX, OF | NX },
    { "max+max rdn", OP_FADD_D, RDN, D_MAX, D_MAX, 0, D_MAX, OF | NX },
    { "max+max rup", OP_FADD_D, RUP, D_MAX, D_MAX, 0, D_INF, OF | NX },
    { "max+max rmm", OP_FADD_D, RMM, D_MAX, D_MAX, 0, D_INF, OF | NX },
    { "-max-max rdn", OP_FSUB_D, RDN,
      D_MAX | D_NZERO, D_MAX, 0, D_NINF, OF | NX },
    { "-max-max rup", OP_FSUB_D, RUP,
      D_MAX | D_NZERO, D_MAX, 0, D_MAX | D_NZERO, OF | NX },
    { "-max-max rtz", OP_FSUB_D, RTZ,
      D_MAX | D_NZERO, D_MAX, 0, D_MAX | D_NZERO, OF | NX },
    { "max*2 mul", OP_FMUL_D, RNE, D_MAX, D_TWO, 0, D_INF, OF | NX },
    { "s max*2 rne", OP_FMUL_S, RNE, S(F_MAX), S(F_TWO), 0, S(F_INF), OF | NX },
    { "s max*2 rtz", OP_FMUL_S, RTZ, S(F_MAX), S(F_TWO), 0, S(F_MAX), OF | NX },
    { "s max*2 rup neg", OP_FMUL_S, RUP,
      S(F_MAX | 0x80000000u), S(F_TWO), 0, S(0xff7fffffu), OF | NX },
    /* max+tiny rounds back to max: inexact, no overflow. */
    { "max+1 rne", OP_FADD_D, RNE, D_MAX, D_ONE, 0, D_MAX, NX },
    { "max+1 rup", OP_FADD_D, RUP, D_MAX, D_ONE, 0, D_INF, OF | NX },
    /* Underflow: UF only when tiny after rounding and inexact. */
    { "min*0.5 exact", OP_FMUL_D, RNE,
      D_MIN, D_HALF, 0, 0x0008000000000000ull, 0 },
    { "min*(1-2^-53) rne", OP_FMUL_D, RNE, D_MIN, D_ONE_M, 0, D_MIN, UF | NX },
    { "min*(1-2^-53) rtz", OP_FMUL_D, RTZ,
      D_MIN, D_ONE_M, 0, D_SUBMAX, UF | NX },
    { "min*(1-2^-53) rmm", OP_FMUL_D, RMM, D_MIN, D_ONE_M, 0, D_MIN, UF | NX },
    { "min*(1-2^-53) rup", OP_FMUL_D, RUP, D_MIN, D_ONE_M, 0, D_MIN, UF | NX },
    { "not tiny after rounding rne", OP_FMUL_D, RNE,
      D_ONE_ULP, D_SUBMAX, 0, D_MIN, NX },
    { "not tiny after rounding rup", OP_FMUL_D, RUP,
      D_ONE_ULP, D_SUBMAX, 0, D_MIN, NX },
    { "not tiny after rounding rmm", OP_FMUL_D, RMM,
      D_ONE_ULP, D_SUBMAX, 0, D_MIN, NX },
    { "tiny after rounding rtz", OP_FMUL_D, RTZ,
      D_ONE_ULP, D_SUBMAX, 0, D_SUBMAX, UF | NX },
    { "tiny after rounding rdn", OP_FMUL_D, RDN,
      D_ONE_ULP, D_SUBMAX, 0, D_SUBMAX, UF | NX },
    { "to zero rne", OP_FMUL_D, RNE,
      D_MIN, 0x3c30000000000000ull, 0, 0, UF | NX },
    { "to zero rup", OP_FMUL_D, RUP,
      D_MIN, 0x3c30000000000000ull, 0, D_TRUE_MIN, UF | NX },
    { "to -zero rdn", OP_FMUL_D, RDN,
      D_MIN | D_NZERO, 0x3c30000000000000ull, 0,
      D_TRUE_MIN | D_NZERO, UF | NX },
    { "true_min/2 rne", OP_FMUL_D, RNE, D_TRUE_MIN, D_HALF, 0, 0, UF | NX },
    { "true_min/2 rmm", OP_FMUL_D, RMM,
      D_TRUE_MIN, D_HALF, 0, D_TRUE_MIN, UF | NX },
    { "subnormal add exact", OP_FADD_D, RNE,
      D_TRUE_MIN, D_TRUE_MIN, 0, 0x2ull, 0 },
    { "subnormal sum to normal", OP_FADD_D, RNE,
      D_SUBMAX, D_TRUE_MIN, 0, D_MIN, 0 },
    { "s min*(1-2^-24) rne", OP_FMUL_S, RNE,
      S(F_MIN), S(F_ONE_M), 0, S(F_MIN), UF | NX },
    { "s min*(1-2^-24) rtz", OP_FMUL_S, RTZ,
      S(F_MIN), S(F_ONE_M), 0, S(0x007fffffu), UF | NX },
    { "s subnormal/2 rmm", OP_FDIV_S, RMM,
      S(0x1), S(F_TWO), 0, S(0x1), UF | NX },
    { "s subnormal/2 rne", OP_FDIV_S, RNE,
      S(0x3), S(F_TWO), 0, S(0x2), UF | NX },
    /* NaNs and invalid operations. */
    { "snan+1", OP_FADD_D, RNE, D_SNAN, D_ONE, 0, D_CNAN, NV },
    { "qnan+1", OP_FADD_D, RNE, D_QNAN, D_ONE, 0, D_CNAN, 0 },
    { "1*qnan", OP_FMUL_D, RNE, D_ONE, D_QNAN | D_NZERO, 0, D_CNAN, 0 },
    { "s snan*1", OP_FMUL_S, RNE, S(F_SNAN), S(F_ONE), 0, S(F_CNAN), NV },
    { "s qnan/1", OP_FDIV_S, RNE, S(F_QNAN), S(F_ONE), 0, S(F_CNAN), 0 },
    { "0*inf", OP_FMUL_D, RNE, 0, D_INF, 0, D_CNAN, NV },
    { "inf-inf", OP_FSUB_D, RNE, D_INF, D_INF, 0, D_CNAN, NV },
    { "inf+inf", OP_FADD_D, RNE, D_INF, D_INF, 0, D_INF, 0 },
    { "1/0", OP_FDIV_D, RNE, D_ONE, 0, 0, D_INF, DZ },
    { "-1/0", OP_FDIV_D, RNE, D_MONE, 0, 0, D_NINF, DZ },
    { "1/-0", OP_FDIV_D, RNE, D_ONE, D_NZERO, 0, D_NINF, DZ },
    { "0/0", OP_FDIV_D, RNE, 0, 0, 0, D_CNAN, NV },
    { "inf/inf", OP_FDIV_D, RNE, D_INF, D_INF, 0, D_CNAN, NV },
    { "inf/0", OP_FDIV_D, RNE, D_INF, 0, 0, D_INF, 0 },
    { "1/inf", OP_FDIV_D, RNE, D_ONE, D_NINF, 0, D_NZERO, 0 },
    { "s 1/0", OP_FDIV_S, RNE, S(F_ONE), S(0), 0, S(F_INF), DZ },
    { "s 0*inf", OP_FMUL_S, RNE, S(0), S(F_INF), 0, S(F_CNAN), NV },
    /* sqrt. */
    { "sqrt 4", OP_FSQRT_D, RNE, 0x4010000000000000ull, 0, 0, D_TWO, 0 },
    { "sqrt 2 rne", OP_FSQRT_D, RNE, D_TWO, 0, 0, 0x3ff6a09e667f3bcdull, NX },
    { "sqrt 2 rtz", OP_FSQRT_D, RTZ, D_TWO, 0, 0, 0x3ff6a09e667f3bccull, NX },
    { "sqrt 2 rup", OP_FSQRT_D, RUP, D_TWO, 0, 0, 0x3ff6a09e667f3bcdull, NX },
    { "sqrt 2 rmm", OP_FSQRT_D, RMM, D_TWO, 0, 0, 0x3ff6a09e667f3bcdull, NX },
    { "sqrt -1", OP_FSQRT_D, RNE, D_MONE, 0, 0, D_CNAN, NV },
    { "sqrt -inf", OP_FSQRT_D, RNE, D_NINF, 0, 0, D_CNAN, NV },
    { "sqrt -0", OP_FSQRT_D, RNE, D_NZERO, 0, 0, D_NZERO, 0 },
    { "sqrt inf", OP_FSQRT_D, RNE, D_INF, 0, 0, D_INF, 0 },
    { "sqrt snan", OP_FSQRT_D, RNE, D_SNAN, 0, 0, D_CNAN, NV },
    { "sqrt true_min", OP_FSQRT_D, RNE,
      0x0000000000000004ull, 0, 0, 0x1e70000000000000ull, 0 },
    { "s sqrt 2 rne", OP_FSQRT_S, RNE, S(F_TWO), 0, 0, S(0x3fb504f3), NX },
    { "s sqrt 2 rup", OP_FSQRT_S, RUP, S(F_TWO), 0, 0, S(0x3fb504f4), NX },
    { "s sqrt -1", OP_FSQRT_S, RNE, S(0xbf800000u), 0, 0, S(F_CNAN), NV },
    /* Fused multiply-add: one rounding. (1+e)(1-e)-1 = -e^2 exactly. */
    { "fmadd single rounding", OP_FMADD_D, RNE,
      D_ONE_ULP, D_ONE_M2, D_MONE, 0xb970000000000000ull, 0 },
    { "fmsub single rounding", OP_FMSUB_D, RNE,
      D_ONE_ULP, D_ONE_M2, D_ONE, 0xb970000000000000ull, 0 },
    { "fnmsub single rounding", OP_FNMSUB_D, RNE,
      D_ONE_ULP, D_ONE_M2, D_ONE, 0x3970000000000000ull, 0 },
    { "fnmadd single rounding", OP_FNMADD_D, RNE,
      D_ONE_ULP, D_ONE_M2, D_MONE, 0x3970000000000000ull, 0 },
    { "fmadd 1*1-1 rne", OP_FMADD_D, RNE, D_ONE, D_ONE, D_MONE, 0, 0 },
    { "fmadd 1*1-1 rdn", OP_FMADD_D, RDN, D_ONE, D_ONE, D_MONE, D_NZERO, 0 },
    { "fmadd 2*3+1", OP_FMADD_D, RNE,
      D_TWO, D_THREE, D_ONE, 0x401c000000000000ull, 0 },
    { "fmadd tie rmm", OP_FMADD_D, RMM, D_ONE, D_ONE, D_P53, D_ONE_ULP, NX },
    { "fmadd tie rne", OP_FMADD_D, RNE, D_ONE, D_ONE, D_P53, D_ONE, NX },
    { "fmadd inf*0+qnan", OP_FMADD_D, RNE, D_INF, 0, D_QNAN, D_CNAN, NV },
    { "fmadd inf*1-inf", OP_FMADD_D, RNE, D_INF, D_ONE, D_NINF, D_CNAN, NV },
    { "fmadd 1*1+snan", OP_FMADD_D, RNE, D_ONE, D_ONE, D_SNAN, D_CNAN, NV },
    { "fmadd 1*1+qnan", OP_FMADD_D, RNE, D_ONE, D_ONE, D_QNAN, D_CNAN, 0 },
    { "fmadd max*2-max", OP_FMADD_D, RNE,
      D_MAX, D_TWO, D_MAX | D_NZERO, D_MAX, 0 },
    { "fmadd overflow", OP_FMADD_D, RTZ, D_MAX, D_TWO, D_ONE, D_MAX, OF | NX },
    { "fmadd underflow", OP_FMADD_D, RNE, D_MIN, D_ONE_M, 0, D_MIN, UF | NX },
    { "s fmadd single rounding", OP_FMADD_S, RNE,
      S(0x3f800001u), S(0x3f7ffffeu), S(0xbf800000u), S(0xa8800000u), 0 },
    { "s fnmadd", OP_FNMADD_S, RNE,
      S(F_TWO), S(F_THREE), S(F_ONE), S(0xc0e00000u), 0 },
    { "s fmadd inf*0", OP_FMADD_S, RNE,
      S(0), S(F_INF), S(F_ONE), S(F_CNAN), NV },
    /* fmin/fmax. */
    { "fmin +0 -0", OP_FMIN_D, RNE, 0, D_NZERO, 0, D_NZERO, 0 },
    { "fmin -0 +0", OP_FMIN_D, RNE, D_NZERO, 0, 0, D_NZERO, 0 },
    { "fmax -0 +0", OP_FMAX_D, RNE, D_NZERO, 0, 0, 0, 0 },
    { "fmax +0 -0", OP_FMAX_D, RNE, 0, D_NZERO, 0, 0, 0 },
    { "fmin 1 2", OP_FMIN_D, RNE, D_ONE, D_TWO, 0, D_ONE, 0 },
    { "fmax 1 2", OP_FMAX_D, RNE, D_ONE, D_TWO, 0, D_TWO, 0 },
    { "fmin -1 2", OP_FMIN_D, RNE, D_TWO, D_MONE, 0, D_MONE, 0 },
    { "fmin qnan 1", OP_FMIN_D, RNE, D_QNAN, D_ONE, 0, D_ONE, 0 },
    { "fmax 1 qnan", OP_FMAX_D, RNE, D_ONE, D_QNAN, 0, D_ONE, 0 },
    { "fmin snan 1", OP_FMIN_D, RNE, D_SNAN, D_ONE, 0, D_ONE, NV },
    { "fmax qnan qnan", OP_FMAX_D, RNE, D_QNAN, D_QNAN, 0, D_CNAN, 0 },
    { "fmin snan qnan", OP_FMIN_D, RNE, D_SNAN, D_QNAN, 0, D_CNAN, NV },
    { "fmax -inf inf", OP_FMAX_D, RNE, D_NINF, D_INF, 0, D_INF, 0 },
    { "s fmin +0 -0", OP_FMIN_S, RNE,
      S(0), S(0x80000000u), 0, S(0x80000000u), 0 },
    { "s fmax -0 +0", OP_FMAX_S, RNE, S(0x80000000u), S(0), 0, S(0), 0 },
    { "s fmin qnan 1", OP_FMIN_S, RNE, S(F_QNAN), S(F_ONE), 0, S(F_ONE), 0 },
    { "s fmax snan 1", OP_FMAX_S, RNE, S(F_SNAN), S(F_ONE), 0, S(F_ONE), NV },
    { "s fmax qnan qnan", OP_FMAX_S, RNE,
      S(F_QNAN), S(F_QNAN), 0, S(F_CNAN), 0 },
    { "s fmin unboxed 1", OP_FMIN_S, RNE, F_ONE, S(F_TWO), 0, S(F_TWO), 0 },
    /* Comparisons. */
    { "feq 1 1", OP_FEQ_D, RNE, D_ONE, D_ONE, 0, 1, 0 },
    { "feq +0 -0", OP_FEQ_D, RNE, 0, D_NZERO, 0, 1, 0 },
    { "feq qnan", OP_FEQ_D, RNE, D_QNAN, D_ONE, 0, 0, 0 },
    { "feq snan", OP_FEQ_D, RNE, D_ONE, D_SNAN, 0, 0, NV },
    { "flt 1 2", OP_FLT_D, RNE, D_ONE, D_TWO, 0, 1, 0 },
    { "flt 2 1", OP_FLT_D, RNE, D_TWO, D_ONE, 0, 0, 0 },
    { "flt -0 +0", OP_FLT_D, RNE, D_NZERO, 0, 0, 0, 0 },
    { "flt qnan", OP_FLT_D, RNE, D_QNAN, D_ONE, 0, 0, NV },
    { "fle -0 +0", OP_FLE_D, RNE, D_NZERO, 0, 0, 1, 0 },
    { "fle 2 1", OP_FLE_D, RNE, D_TWO, D_ONE, 0, 0, 0 },
    { "fle qnan qnan", OP_FLE_D, RNE, D_QNAN, D_QNAN, 0, 0, NV },
    { "fle -inf -max", OP_FLE_D, RNE, D_NINF, D_MAX | D_NZERO, 0, 1, 0 },
    { "s feq 1 1", OP_FEQ_S, RNE, S(F_ONE), S(F_ONE), 0, 1, 0 },
    { "s feq qnan", OP_FEQ_S, RNE, S(F_QNAN), S(F_QNAN), 0, 0, 0 },
    { "s feq snan", OP_FEQ_S, RNE, S(F_SNAN), S(F_ONE), 0, 0, NV },
    { "s flt qnan", OP_FLT_S, RNE, S(F_ONE), S(F_QNAN), 0, 0, NV },
    { "s fle 1 2", OP_FLE_S, RNE, S(F_ONE), S(F_TWO), 0, 1, 0 },
    { "s feq unboxed", OP_FEQ_S, RNE, F_ONE, S(F_ONE), 0, 0, 0 },
    { "s flt unboxed", OP_FLT_S, RNE, F_ONE, S(F_TWO), 0, 0, NV },
    /* fclass, every class. */
    { "class -inf", OP_FCLASS_D, RNE, D_NINF, 0, 0, 1 << 0, 0 },
    { "class -normal", OP_FCLASS_D, RNE, D_MONE, 0, 0, 1 << 1, 0 },
    { "class -subnormal", OP_FCLASS_D, RNE,
      D_TRUE_MIN | D_NZERO, 0, 0, 1 << 2, 0 },
    { "class -0", OP_FCLASS_D, RNE, D_NZERO, 0, 0, 1 << 3, 0 },
    { "class +0", OP_FCLASS_D, RNE, 0, 0, 0, 1 << 4, 0 },
    { "class +subnormal", OP_FCLASS_D, RNE, D_SUBMAX, 0, 0, 1 << 5, 0 },
    { "class +normal", OP_FCLASS_D, RNE, D_MIN, 0, 0, 1 << 6, 0 },
    { "class +inf", OP_FCLASS_D, RNE, D_INF, 0, 0, 1 << 7, 0 },
    { "class snan", OP_FCLASS_D, RNE, D_SNAN, 0, 0, 1 << 8, 0 },
    { "class qnan", OP_FCLASS_D, RNE, D_QNAN | D_NZERO, 0, 0, 1 << 9, 0 },
    { "s class -inf", OP_FCLASS_S, RNE, S(0xff800000u), 0, 0, 1 << 0, 0 },
    { "s class -normal", OP_FCLASS_S, RNE, S(0xbf800000u), 0, 0, 1 << 1, 0 },
    { "s class -subnormal", OP_FCLASS_S, RNE, S(0x80000001u), 0, 0, 1 << 2, 0 },
    { "s class -0", OP_FCLASS_S, RNE, S(0x80000000u), 0, 0, 1 << 3, 0 },
    { "s class +0", OP_FCLASS_S, RNE, S(0), 0, 0, 1 << 4, 0 },
    { "s class +subnormal", OP_FCLASS_S, RNE, S(0x007fffffu), 0, 0, 1 << 5, 0 },
    { "s class +normal", OP_FCLASS_S, RNE, S(F_MAX), 0, 0, 1 << 6, 0 },
    { "s class +inf", OP_FCLASS_S, RNE, S(F_INF), 0, 0, 1 << 7, 0 },
    { "s class snan", OP_FCLASS_S, RNE, S(F_SNAN), 0, 0, 1 << 8, 0 },
    { "s class qnan", OP_FCLASS_S, RNE, S(F_QNAN), 0, 0, 1 << 9, 0 },
    { "s class unboxed", OP_FCLASS_S, RNE,
      0x00000000ff800000ull, 0, 0, 1 << 9, 0 },
    { "s class half-boxed", OP_FCLASS_S, RNE,
      0xfffffffeff800000ull, 0, 0, 1 << 9, 0 },
    /* NaN-boxing of malformed single inputs. */
    { "s add unboxed", OP_FADD_S, RNE, F_ONE, S(F_ONE), 0, S(F_CNAN), 0 },
    { "s mul unboxed b", OP_FMUL_S, RNE,
      S(F_ONE), 0x7fffffff3f800000ull, 0, S(F_CNAN), 0 },
    { "s fmadd unboxed c", OP_FMADD_S, RNE,
      S(F_ONE), S(F_ONE), F_ONE, S(F_CNAN), 0 },
    { "s sqrt unboxed", OP_FSQRT_S, RNE, 0x40800000ull, 0, 0, S(F_CNAN), 0 },
    { "s cvt.d.s unboxed", OP_FCVT_D_S, RNE, F_ONE, 0, 0, D_CNAN, 0 },
    { "s cvt.w.s unboxed", OP_FCVT_W_S, RTZ, F_ONE, 0, 0, 0x7fffffff, NV },
    /* Float to integer: rounding and saturation. */
    { "w 2^31-0.5 rne", OP_FCVT_W_D, RNE,
      0x41dfffffffe00000ull, 0, 0, 0x7fffffff, NV },
    { "w 2^31-0.5 rtz", OP_FCVT_W_D, RTZ,
      0x41dfffffffe00000ull, 0, 0, 0x7fffffff, NX },
    { "w 2^31-0.5 rdn", OP_FCVT_W_D, RDN,
      0x41dfffffffe00000ull, 0, 0, 0x7fffffff, NX },
    { "w 2^31-0.5 rmm", OP_FCVT_W_D, RMM,
      0x41dfffffffe00000ull, 0, 0, 0x7fffffff, NV },
    { "w -2^31-0.5 rne", OP_FCVT_W_D, RNE,
      0xc1e0000000100000ull, 0, 0, 0xffffffff80000000ull, NX },
    { "w -2^31-0.5 rmm", OP_FCVT_W_D, RMM,
      0xc1e0000000100000ull, 0, 0, 0xffffffff80000000ull, NV },
    { "w -2^31-0.5 rtz", OP_FCVT_W_D, RTZ,
      0xc1e0000000100000ull, 0, 0, 0xffffffff80000000ull, NX },
    { "w nan", OP_FCVT_W_D, RTZ, D_QNAN | D_NZERO, 0, 0, 0x7fffffff, NV },
    { "w +inf", OP_FCVT_W_D, RTZ, D_INF, 0, 0, 0x7fffffff, NV },
    { "w -inf", OP_FCVT_W_D, RTZ, D_NINF, 0, 0, 0xffffffff80000000ull, NV },
    { "w -0.5 rtz", OP_FCVT_W_D, RTZ, 0xbfe0000000000000ull, 0, 0, 0, NX },
    { "w -1.5 rne", OP_FCVT_W_D, RNE,
      0xbff8000000000000ull, 0, 0, 0xfffffffffffffffeull, NX },
    { "w -0", OP_FCVT_W_D, RNE, D_NZERO, 0, 0, 0, 0 },
    { "wu -1.0", OP_FCVT_WU_D, RTZ, D_MONE, 0, 0, 0, NV },
    { "wu -0.5 rtz", OP_FCVT_WU_D, RTZ, 0xbfe0000000000000ull, 0, 0, 0, NX },
    { "wu -0.5 rne", OP_FCVT_WU_D, RNE, 0xbfe0000000000000ull, 0, 0, 0, NX },
    { "wu -0.5 rdn", OP_FCVT_WU_D, RDN, 0xbfe0000000000000ull, 0, 0, 0, NV },
    { "wu 2^32-1 sign-extends", OP_FCVT_WU_D, RTZ,
      0x41efffffffe00000ull, 0, 0, 0xffffffffffffffffull, 0 },
    { "wu 2^31", OP_FCVT_WU_D, RNE,
      0x41e0000000000000ull, 0, 0, 0xffffffff80000000ull, 0 },
    { "wu 2^32", OP_FCVT_WU_D, RTZ,
      0x41f0000000000000ull, 0, 0, 0xffffffffffffffffull, NV },
    { "wu nan", OP_FCVT_WU_D, RTZ, D_QNAN, 0, 0, 0xffffffffffffffffull, NV },
    { "wu -inf", OP_FCVT_WU_D, RTZ, D_NINF, 0, 0, 0, NV },
    { "l 2^63", OP_FCVT_L_D, RTZ,
      0x43e0000000000000ull, 0, 0, 0x7fffffffffffffffull, NV },
    { "l -2^63", OP_FCVT_L_D, RTZ,
      0xc3e0000000000000ull, 0, 0, 0x8000000000000000ull, 0 },
    { "l nan", OP_FCVT_L_D, RNE, D_SNAN, 0, 0, 0x7fffffffffffffffull, NV },
    { "l -inf", OP_FCVT_L_D, RNE, D_NINF, 0, 0, 0x8000000000000000ull, NV },
    { "l 2.5 rne", OP_FCVT_L_D, RNE, 0x4004000000000000ull, 0, 0, 2, NX },
    { "l 2.5 rmm", OP_FCVT_L_D, RMM, 0x4004000000000000ull, 0, 0, 3, NX },
    { "l 2.5 rup", OP_FCVT_L_D, RUP, 0x4004000000000000ull, 0, 0, 3, NX },
    { "l -2.5 rdn", OP_FCVT_L_D, RDN,
      0xc004000000000000ull, 0, 0, (uint64_t)-3, NX },
    { "l -2.5 rmm", OP_FCVT_L_D, RMM,
      0xc004000000000000ull, 0, 0, (uint64_t)-3, NX },
    { "l tiny rup", OP_FCVT_L_D, RUP, D_TRUE_MIN, 0, 0, 1, NX },
    { "l tiny rne", OP_FCVT_L_D, RNE, D_TRUE_MIN, 0, 0, 0, NX },
    { "lu 2^63", OP_FCVT_LU_D, RTZ,
      0x43e0000000000000ull, 0, 0, 0x8000000000000000ull, 0 },
    { "lu 2^64", OP_FCVT_LU_D, RTZ, 0x43f0000000000000ull, 0, 0, ~0ull, NV },
    { "lu -1", OP_FCVT_LU_D, RTZ, D_MONE, 0, 0, 0, NV },
    { "lu inf", OP_FCVT_LU_D, RTZ, D_INF, 0, 0, ~0ull, NV },
    { "lu max below 2^64", OP_FCVT_LU_D, RNE,
      0x43efffffffffffffull, 0, 0, 0xfffffffffffff800ull, 0 },
    { "s w 2^31", OP_FCVT_W_S, RTZ, S(0x4f000000u), 0, 0, 0x7fffffff, NV },
    { "s w -2^31", OP_FCVT_W_S, RTZ,
      S(0xcf000000u), 0, 0, 0xffffffff80000000ull, 0 },
    { "s w 2.5 rne", OP_FCVT_W_S, RNE, S(0x40200000u), 0, 0, 2, NX },
    { "s w 2.5 rmm", OP_FCVT_W_S, RMM, S(0x40200000u), 0, 0, 3, NX },
    { "s w -2.5 rmm", OP_FCVT_W_S, RMM,
      S(0xc0200000u), 0, 0, (uint64_t)-3, NX },
    { "s w -2.5 rne", OP_FCVT_W_S, RNE,
      S(0xc0200000u), 0, 0, (uint64_t)-2, NX },
    { "s w nan", OP_FCVT_W_S, RTZ, S(F_QNAN), 0, 0, 0x7fffffff, NV },
    { "s wu -1", OP_FCVT_WU_S, RTZ, S(0xbf800000u), 0, 0, 0, NV },
    { "s wu 3e9", OP_FCVT_WU_S, RTZ,
      S(0x4f32d05eu), 0, 0, 0xffffffffb2d05e00ull, 0 },
    { "s l -2^63", OP_FCVT_L_S, RTZ,
      S(0xdf000000u), 0, 0, 0x8000000000000000ull, 0 },
    { "s l 2^63", OP_FCVT_L_S, RTZ,
      S(0x5f000000u), 0, 0, 0x7fffffffffffffffull, NV },
    { "s lu 2^63", OP_FCVT_LU_S, RTZ,
      S(0x5f000000u), 0, 0, 0x8000000000000000ull, 0 },
    { "s lu -inf", OP_FCVT_LU_S, RTZ, S(0xff800000u), 0, 0, 0, NV },
    { "s lu nan", OP_FCVT_LU_S, RTZ, S(F_SNAN), 0, 0, ~0ull, NV },
    /* Integer to float. */
    { "s.w 2^24+1 rne", OP_FCVT_S_W, RNE, 0x1000001, 0, 0, S(0x4b800000u), NX },
    { "s.w 2^24+1 rmm", OP_FCVT_S_W, RMM, 0x1000001, 0, 0, S(0x4b800001u), NX },
    { "s.w 2^24+1 rup", OP_FCVT_S_W, RUP, 0x1000001, 0, 0, S(0x4b800001u), NX },
    { "s.w -1", OP_FCVT_S_W, RNE,
      0xffffffffffffffffull, 0, 0, S(0xbf800000u), 0 },
    { "s.w ignores upper bits", OP_FCVT_S_W, RNE,
      0x1234567800000003ull, 0, 0, S(0x40400000u), 0 },
    { "s.wu 2^32-1 rne", OP_FCVT_S_WU, RNE,
      0xffffffffffffffffull, 0, 0, S(0x4f800000u), NX },
    { "s.wu 2^32-1 rtz", OP_FCVT_S_WU, RTZ,
      0xffffffffffffffffull, 0, 0, S(0x4f7fffffu), NX },
    { "s.l int64_min", OP_FCVT_S_L, RNE,
      0x8000000000000000ull, 0, 0, S(0xdf000000u), 0 },
    { "s.l -(2^24+1) rdn", OP_FCVT_S_L, RDN,
      (uint64_t)-0x1000001ll, 0, 0, S(0xcb800001u), NX },
    { "s.lu max rne", OP_FCVT_S_LU, RNE, ~0ull, 0, 0, S(0x5f800000u), NX },
    { "d.w -1", OP_FCVT_D_W, RNE, 0xffffffffull, 0, 0, D_MONE, 0 },
    { "d.wu 2^32-1", OP_FCVT_D_WU, RNE,
      0xffffffffffffffffull, 0, 0, 0x41efffffffe00000ull, 0 },
    { "d.l 2^53+1 rne", OP_FCVT_D_L, RNE,
      0x20000000000001ull, 0, 0, 0x4340000000000000ull, NX },
    { "d.l 2^53+1 rmm", OP_FCVT_D_L, RMM,
      0x20000000000001ull, 0, 0, 0x4340000000000001ull, NX },
    { "d.l int64_min", OP_FCVT_D_L, RNE,
      0x8000000000000000ull, 0, 0, 0xc3e0000000000000ull, 0 },
    { "d.lu max rne", OP_FCVT_D_LU, RNE,
      ~0ull, 0, 0, 0x43f0000000000000ull, NX },
    { "d.lu max rtz", OP_FCVT_D_LU, RTZ,
      ~0ull, 0, 0, 0x43efffffffffffffull, NX },
    /* Between formats. */
    { "s.d 1/3 rne", OP_FCVT_S_D, RNE,
      0x3fd5555555555555ull, 0, 0, S(0x3eaaaaabu), NX },
    { "s.d 1/3 rtz", OP_FCVT_S_D, RTZ,
      0x3fd5555555555555ull, 0, 0, S(0x3eaaaaaau), NX },
    { "s.d max rne", OP_FCVT_S_D, RNE, D_MAX, 0, 0, S(F_INF), OF | NX },
    { "s.d max rtz", OP_FCVT_S_D, RTZ, D_MAX, 0, 0, S(F_MAX), OF | NX },
    { "s.d 2^-140 exact", OP_FCVT_S_D, RNE,
      0x3730000000000000ull, 0, 0, S(0x200u), 0 },
    { "s.d 2^-150 rne", OP_FCVT_S_D, RNE,
      0x3690000000000000ull, 0, 0, S(0), UF | NX },
    { "s.d 2^-150 rmm", OP_FCVT_S_D, RMM,
      0x3690000000000000ull, 0, 0, S(1), UF | NX },
    { "s.d snan", OP_FCVT_S_D, RNE, D_SNAN, 0, 0, S(F_CNAN), NV },
    { "s.d qnan", OP_FCVT_S_D, RNE, D_QNAN, 0, 0, S(F_CNAN), 0 },
    { "s.d -0", OP_FCVT_S_D, RNE, D_NZERO, 0, 0, S(0x80000000u), 0 },
    { "d.s snan", OP_FCVT_D_S, RNE, S(F_SNAN), 0, 0, D_CNAN, NV },
    { "d.s qnan", OP_FCVT_D_S, RNE, S(F_QNAN), 0, 0, D_CNAN, 0 },
    { "d.s subnormal", OP_FCVT_D_S, RNE, S(1), 0, 0, 0x36a0000000000000ull, 0 },
    { "d.s -inf", OP_FCVT_D_S, RNE, S(0xff800000u), 0, 0, D_NINF, 0 },
};

static bool vector_has_rm(int op)
{
    switch (op) {
    case OP_FMIN_S: case OP_FMAX_S: case OP_FEQ_S: case OP_FLT_S:
    case OP_FLE_S: case OP_FCLASS_S: case OP_FMIN_D: case OP_FMAX_D:
    case OP_FEQ_D: case OP_FLT_D: case OP_FLE_D: case OP_FCLASS_D:
        return false;
    }
    return true;
}

/*
 * Each vector runs with the static rm and with rm=DYN (frm set), and
 * with NX clear and already set: the latter enables the host fast path,
 * so both paths must agree on bits and on the flags they add.
 */
static void test_vectors(void)
{
    int failures = 0;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(vectors); i++) {
        const FpVector *v = &vectors[i];
        int variant;

        for (variant = 0; variant < 4; variant++) {
            CPURISCVState env;
            bool dyn = variant & 1;
            uint32_t pre = variant & 2 ? NX : 0;
            uint64_t r;

            memset(&env, 0, sizeof(env));
            env.frm = dyn ? v->rm : 5;
            env.fflags = pre;
            r = run_op(&env, v->op, v->a, v->b, v->c,
                       dyn ? 7 : v->rm);
            if (r != v->expect || env.fflags != (v->flags | pre)) {
                g_test_message("%s (%s rm, NX %s): got %016" PRIx64
                               " flags %02x, want %016" PRIx64 " flags %02x",
                               v->what, dyn ? "dyn" : "static",
                               pre ? "preset" : "clear", r, env.fflags,
                               v->expect, v->flags | pre);
                failures++;
            }
            if (!vector_has_rm(v->op)) {
                break;
            }
        }
    }
    g_assert_cmpint(failures, ==, 0);
}

/* Run op with rm/frm; true if it left through cpu_loop_exit_restore. */
static bool op_raises(CPURISCVState *env, int op, uint32_t rm)
{
    if (sigsetjmp(env->parent.jmp_env, 0) == 0) {
        run_op(env, op, S(F_ONE), S(F_ONE), S(F_ONE), rm);
        return false;
    }
    return true;
}

/* Reserved rounding modes raise illegal instruction, from any helper. */
static void test_illegal_rm(void)
{
    static const struct {
        uint32_t rm, frm;
    } cases[] = { { 5, 0 }, { 6, 0 }, { 7, 5 }, { 7, 6 }, { 7, 7 } };
    size_t i;
    int op;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        for (op = OP_FADD_S; op <= OP_FCVT_D_S; op++) {
            CPURISCVState env;

            if (!vector_has_rm(op)) {
                continue;
            }
            memset(&env, 0, sizeof(env));
            env.frm = cases[i].frm;
            env.fflags = NX;
            g_assert_true(op_raises(&env, op, cases[i].rm));
            g_assert_cmpint(env.parent.exception_index, ==,
                            RISCV_EXCP_ILLEGAL_INST);
            g_assert_cmpuint(env.fflags, ==, NX);
        }
    }
}

/* Min/max ignore rm entirely, so frm=5 must not trap there. */
static void test_no_rm_ops_ignore_frm(void)
{
    CPURISCVState env;

    memset(&env, 0, sizeof(env));
    env.frm = 5;
    g_assert_cmphex(helper_fmin_d(&env, D_ONE, D_TWO), ==, D_ONE);
    g_assert_cmphex(helper_feq_d(&env, D_ONE, D_ONE), ==, 1);
    g_assert_cmphex(env.fflags, ==, 0);
}

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Mostly normals of nearby magnitude, some extremes and specials. */
static uint64_t gen_d(void)
{
    uint64_t m = rng(), sign = (rng() & 1) << 63, e;

    switch (rng() & 7) {
    case 0:
        return rng();
    case 1:
        e = rng() % 80;
        break;
    case 2:
        e = 2046 - rng() % 40;
        break;
    case 3:
        m &= ~0ull << (rng() % 53);
        e = 1023 + rng() % 16 - 8;
        break;
    case 4:
        /* Near the integer conversion limits, some with halves. */
        m &= ~0ull << (rng() % 53);
        e = 1023 + 28 + rng() % 38;
        break;
    default:
        e = 1023 + rng() % 64 - 32;
        break;
    }
    return sign | (e << 52) | (m & ((1ull << 52) - 1));
}

static uint64_t gen_s(void)
{
    uint32_t m = (uint32_t)rng(), sign = (uint32_t)(rng() & 1) << 31, e;

    switch (rng() & 7) {
    case 0:
        return S(rng());
    case 1:
        e = rng() % 40;
        break;
    case 2:
        e = 254 - rng() % 20;
        break;
    case 3:
        m &= ~0u << (rng() % 24);
        e = 127 + rng() % 16 - 8;
        break;
    default:
        e = 127 + rng() % 32 - 16;
        break;
    }
    return S(sign | (e << 23) | (m & 0x7fffff));
}

/* The soft-float reference for an op in mode rm (S results boxed). */
static uint64_t soft_ref(int op, uint64_t a, uint64_t b, uint64_t c,
                         uint32_t rm, uint32_t *flags)
{
    FloatStatus s = { .rounding_mode = rm, .default_nan_mode = true };
    uint32_t x = (uint32_t)a, y = (uint32_t)b, z = (uint32_t)c;
    uint64_t r;

    switch (op) {
    case OP_FADD_S: r = S(float32_add(x, y, &s)); break;
    case OP_FSUB_S: r = S(float32_sub(x, y, &s)); break;
    case OP_FMUL_S: r = S(float32_mul(x, y, &s)); break;
    case OP_FDIV_S: r = S(float32_div(x, y, &s)); break;
    case OP_FSQRT_S: r = S(float32_sqrt(x, &s)); break;
    case OP_FMADD_S: r = S(float32_muladd(x, y, z, 0, &s)); break;
    case OP_FNMADD_S:
        r = S(float32_muladd(x, y, z, FLOAT_MULADD_NEGATE_PRODUCT |
                             FLOAT_MULADD_NEGATE_C, &s));
        break;
    case OP_FADD_D: r = float64_add(a, b, &s); break;
    case OP_FSUB_D: r = float64_sub(a, b, &s); break;
    case OP_FMUL_D: r = float64_mul(a, b, &s); break;
    case OP_FDIV_D: r = float64_div(a, b, &s); break;
    case OP_FSQRT_D: r = float64_sqrt(a, &s); break;
    case OP_FMADD_D: r = float64_muladd(a, b, c, 0, &s); break;
    case OP_FMSUB_D:
        r = float64_muladd(a, b, c, FLOAT_MULADD_NEGATE_C, &s);
        break;
    case OP_FCVT_S_D: r = S(float64_to_float32(a, &s)); break;
    case OP_FCVT_W_D: r = (uint64_t)(int64_t)float64_to_int32(a, rm, &s); break;
    case OP_FCVT_WU_D:
        r = (uint64_t)(int64_t)(int32_t)float64_to_uint32(a, rm, &s);
        break;
    case OP_FCVT_L_D: r = (uint64_t)float64_to_int64(a, rm, &s); break;
    case OP_FCVT_LU_D: r = float64_to_uint64(a, rm, &s); break;
    case OP_FCVT_W_S: r = (uint64_t)(int64_t)float32_to_int32(x, rm, &s); break;
    case OP_FCVT_LU_S: r = float32_to_uint64(x, rm, &s); break;
    case OP_FCVT_D_L: r = int64_to_float64((int64_t)a, &s); break;
    case OP_FCVT_D_LU: r = uint64_to_float64(a, &s); break;
    case OP_FCVT_S_W: r = S(int64_to_float32((int32_t)a, &s)); break;
    case OP_FCVT_S_WU: r = S(uint64_to_float32((uint32_t)a, &s)); break;
    case OP_FCVT_S_L: r = S(int64_to_float32((int64_t)a, &s)); break;
    case OP_FCVT_S_LU: r = S(uint64_to_float32(a, &s)); break;
    default: g_assert_not_reached();
    }
    *flags = s.flags;
    return r;
}

/*
 * The helpers' host fast paths (with NX clear, where they must work out
 * inexactness themselves, and with NX set) against soft-float alone, on
 * random operands in all five rounding modes.
 */
static void test_fast_path_vs_soft(void)
{
    static const int ops[] = {
        OP_FADD_S, OP_FSUB_S, OP_FMUL_S, OP_FDIV_S, OP_FSQRT_S,
        OP_FMADD_S, OP_FNMADD_S, OP_FADD_D, OP_FSUB_D, OP_FMUL_D,
        OP_FDIV_D, OP_FSQRT_D, OP_FMADD_D, OP_FMSUB_D, OP_FCVT_S_D,
        OP_FCVT_W_D, OP_FCVT_WU_D, OP_FCVT_L_D, OP_FCVT_LU_D,
        OP_FCVT_W_S, OP_FCVT_LU_S, OP_FCVT_D_L, OP_FCVT_D_LU,
        OP_FCVT_S_W, OP_FCVT_S_WU, OP_FCVT_S_L, OP_FCVT_S_LU,
    };
    GTimer *timer = g_timer_new();
    int failures = 0;
    long n;

    for (n = 0; failures < 10; n++) {
        int op = ops[n % G_N_ELEMENTS(ops)];
        bool single = op <= OP_FCLASS_S || op == OP_FCVT_W_S ||
                      op == OP_FCVT_LU_S;
        uint64_t a = single ? gen_s() : gen_d();
        uint64_t b = single ? gen_s() : gen_d();
        uint64_t c = single ? gen_s() : gen_d();
        uint32_t rm = (n / G_N_ELEMENTS(ops)) % 5;
        uint32_t pre = (n / G_N_ELEMENTS(ops) / 5) & 1 ? NX : 0;
        uint32_t want_flags;
        uint64_t want, got;
        CPURISCVState env;

        if (op >= OP_FCVT_S_W && op <= OP_FCVT_D_LU) {
            a = rng() >> (rng() % 64);
            a = rng() & 1 ? 0 - a : a;
        }
        memset(&env, 0, sizeof(env));
        env.fflags = pre;
        env.frm = rm;
        want = soft_ref(op, a, b, c, rm, &want_flags);
        got = run_op(&env, op, a, b, c, 7);
        if (got != want || env.fflags != (want_flags | pre)) {
            g_test_message("op %d rm %u NX %u a=%016" PRIx64
                           " b=%016" PRIx64 " c=%016" PRIx64
                           ": got %016" PRIx64 "/%02x want %016" PRIx64
                           "/%02x", op, rm, pre, a, b, c, got,
                           env.fflags, want, want_flags | pre);
            failures++;
        }
        if ((n & 4095) == 0 && g_timer_elapsed(timer, NULL) > 0.5) {
            break;
        }
    }
    g_timer_destroy(timer);
    g_test_message("%ld random helper calls compared", n);
    g_assert_cmpint(failures, ==, 0);
    g_assert_cmpint(n, >, 10000);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fpu/helper/vectors", test_vectors);
    g_test_add_func("/fpu/helper/illegal-rm", test_illegal_rm);
    g_test_add_func("/fpu/helper/fast-path-vs-soft", test_fast_path_vs_soft);
    g_test_add_func("/fpu/helper/no-rm-ops-ignore-frm",
                    test_no_rm_ops_ignore_frm);
    return g_test_run();
}
