/* SPDX-License-Identifier: MIT */
/*
 * Generators of gen_helper_<name>() wrappers around tcg_gen_callN().
 * The helper's C prototype is declared by hand next to its definition;
 * these only build the call. Types: i32, s32, i64, ptr (env is a ptr).
 *
 *   GEN_HELPER_2(fadd_s, TCG_CALL_NO_RWG, i64, ptr, i64, i64)
 * defines  gen_helper_fadd_s(TCGv_i64 ret, TCGv_ptr a1, TCGv_i64 a2, ...)
 * calling  helper_fadd_s(). Use VOID variants for helpers returning void.
 */
#ifndef VEMU_HELPER_GEN_H
#define VEMU_HELPER_GEN_H

#include "vemu/tcg-op.h"

#define HG_TYPE_i32 TCGv_i32
#define HG_TYPE_s32 TCGv_i32
#define HG_TYPE_i64 TCGv_i64
#define HG_TYPE_ptr TCGv_ptr
#define HG_TEMP_i32 tcgv_i32_temp
#define HG_TEMP_s32 tcgv_i32_temp
#define HG_TEMP_i64 tcgv_i64_temp
#define HG_TEMP_ptr tcgv_ptr_temp
#define HG_CODE_i32 TCG_CALL_TYPE_I32
#define HG_CODE_s32 TCG_CALL_TYPE_S32
#define HG_CODE_i64 TCG_CALL_TYPE_I64
#define HG_CODE_ptr TCG_CALL_TYPE_I64

#define HG_TM(pos, t) ((uint32_t)HG_CODE_##t << (3 * (pos)))

#define GEN_HELPER_1(name, flags, rt, t1)                                    \
    static inline void gen_helper_##name(HG_TYPE_##rt r, HG_TYPE_##t1 a1)   \
    {                                                                        \
        TCGTemp *args[] = { HG_TEMP_##t1(a1) };                              \
        tcg_gen_callN((void *)helper_##name, flags,                          \
                      HG_TM(0, rt) | HG_TM(1, t1), HG_TEMP_##rt(r), 1, args); \
    }
#define GEN_HELPER_2(name, flags, rt, t1, t2)                                \
    static inline void gen_helper_##name(HG_TYPE_##rt r, HG_TYPE_##t1 a1,    \
                                         HG_TYPE_##t2 a2)                    \
    {                                                                        \
        TCGTemp *args[] = { HG_TEMP_##t1(a1), HG_TEMP_##t2(a2) };            \
        tcg_gen_callN((void *)helper_##name, flags,                          \
                      HG_TM(0, rt) | HG_TM(1, t1) | HG_TM(2, t2),            \
                      HG_TEMP_##rt(r), 2, args);                             \
    }
#define GEN_HELPER_3(name, flags, rt, t1, t2, t3)                            \
    static inline void gen_helper_##name(HG_TYPE_##rt r, HG_TYPE_##t1 a1,    \
                                         HG_TYPE_##t2 a2, HG_TYPE_##t3 a3)   \
    {                                                                        \
        TCGTemp *args[] = { HG_TEMP_##t1(a1), HG_TEMP_##t2(a2),              \
                            HG_TEMP_##t3(a3) };                              \
        tcg_gen_callN((void *)helper_##name, flags,                          \
                      HG_TM(0, rt) | HG_TM(1, t1) | HG_TM(2, t2) |           \
                      HG_TM(3, t3), HG_TEMP_##rt(r), 3, args);               \
    }
#define GEN_HELPER_4(name, flags, rt, t1, t2, t3, t4)                        \
    static inline void gen_helper_##name(HG_TYPE_##rt r, HG_TYPE_##t1 a1,    \
                                         HG_TYPE_##t2 a2, HG_TYPE_##t3 a3,   \
                                         HG_TYPE_##t4 a4)                    \
    {                                                                        \
        TCGTemp *args[] = { HG_TEMP_##t1(a1), HG_TEMP_##t2(a2),              \
                            HG_TEMP_##t3(a3), HG_TEMP_##t4(a4) };            \
        tcg_gen_callN((void *)helper_##name, flags,                          \
                      HG_TM(0, rt) | HG_TM(1, t1) | HG_TM(2, t2) |           \
                      HG_TM(3, t3) | HG_TM(4, t4), HG_TEMP_##rt(r), 4, args); \
    }
#define GEN_HELPER_5(name, flags, rt, t1, t2, t3, t4, t5)                    \
    static inline void gen_helper_##name(HG_TYPE_##rt r, HG_TYPE_##t1 a1,    \
                                         HG_TYPE_##t2 a2, HG_TYPE_##t3 a3,   \
                                         HG_TYPE_##t4 a4, HG_TYPE_##t5 a5)   \
    {                                                                        \
        TCGTemp *args[] = { HG_TEMP_##t1(a1), HG_TEMP_##t2(a2),              \
                            HG_TEMP_##t3(a3), HG_TEMP_##t4(a4),              \
                            HG_TEMP_##t5(a5) };                              \
        tcg_gen_callN((void *)helper_##name, flags,                          \
                      HG_TM(0, rt) | HG_TM(1, t1) | HG_TM(2, t2) |           \
                      HG_TM(3, t3) | HG_TM(4, t4) | HG_TM(5, t5),            \
                      HG_TEMP_##rt(r), 5, args);                             \
    }

/* Void-returning helpers. */
#define GEN_HELPER_VOID_1(name, flags, t1)                                   \
    static inline void gen_helper_##name(HG_TYPE_##t1 a1)                    \
    {                                                                        \
        TCGTemp *args[] = { HG_TEMP_##t1(a1) };                              \
        tcg_gen_callN((void *)helper_##name, flags, HG_TM(1, t1), NULL, 1,   \
                      args);                                                 \
    }
#define GEN_HELPER_VOID_2(name, flags, t1, t2)                               \
    static inline void gen_helper_##name(HG_TYPE_##t1 a1, HG_TYPE_##t2 a2)   \
    {                                                                        \
        TCGTemp *args[] = { HG_TEMP_##t1(a1), HG_TEMP_##t2(a2) };            \
        tcg_gen_callN((void *)helper_##name, flags,                          \
                      HG_TM(1, t1) | HG_TM(2, t2), NULL, 2, args);           \
    }
#define GEN_HELPER_VOID_3(name, flags, t1, t2, t3)                           \
    static inline void gen_helper_##name(HG_TYPE_##t1 a1, HG_TYPE_##t2 a2,   \
                                         HG_TYPE_##t3 a3)                    \
    {                                                                        \
        TCGTemp *args[] = { HG_TEMP_##t1(a1), HG_TEMP_##t2(a2),              \
                            HG_TEMP_##t3(a3) };                              \
        tcg_gen_callN((void *)helper_##name, flags,                          \
                      HG_TM(1, t1) | HG_TM(2, t2) | HG_TM(3, t3), NULL, 3,   \
                      args);                                                 \
    }
#define GEN_HELPER_VOID_4(name, flags, t1, t2, t3, t4)                       \
    static inline void gen_helper_##name(HG_TYPE_##t1 a1, HG_TYPE_##t2 a2,   \
                                         HG_TYPE_##t3 a3, HG_TYPE_##t4 a4)   \
    {                                                                        \
        TCGTemp *args[] = { HG_TEMP_##t1(a1), HG_TEMP_##t2(a2),              \
                            HG_TEMP_##t3(a3), HG_TEMP_##t4(a4) };            \
        tcg_gen_callN((void *)helper_##name, flags,                          \
                      HG_TM(1, t1) | HG_TM(2, t2) | HG_TM(3, t3) |           \
                      HG_TM(4, t4), NULL, 4, args);                          \
    }

#endif
