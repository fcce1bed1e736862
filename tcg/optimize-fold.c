/* SPDX-License-Identifier: MIT */
/* Constant evaluation of TCG ops for the optimizer (one switch per width). */
#include "tcg/optimize-fold.h"

static uint64_t rol64(uint64_t x, unsigned n)
{
    n &= 63;
    return n ? (x << n) | (x >> (64 - n)) : x;
}

static uint32_t rol32(uint32_t x, unsigned n)
{
    n &= 31;
    return n ? (x << n) | (x >> (32 - n)) : x;
}

static bool eval_i64(TCGOpcode opc, uint64_t x, uint64_t y, uint64_t *r)
{
    switch (opc) {
    case INDEX_op_add_i64: *r = x + y; break;
    case INDEX_op_sub_i64: *r = x - y; break;
    case INDEX_op_mul_i64: *r = x * y; break;
    case INDEX_op_div_i64:
        if (y == 0 || ((int64_t)x == INT64_MIN && (int64_t)y == -1)) {
            return false;
        }
        *r = (uint64_t)((int64_t)x / (int64_t)y);
        break;
    case INDEX_op_rem_i64:
        if (y == 0 || ((int64_t)x == INT64_MIN && (int64_t)y == -1)) {
            return false;
        }
        *r = (uint64_t)((int64_t)x % (int64_t)y);
        break;
    case INDEX_op_divu_i64:
        if (y == 0) {
            return false;
        }
        *r = x / y;
        break;
    case INDEX_op_remu_i64:
        if (y == 0) {
            return false;
        }
        *r = x % y;
        break;
    case INDEX_op_and_i64: *r = x & y; break;
    case INDEX_op_or_i64: *r = x | y; break;
    case INDEX_op_xor_i64: *r = x ^ y; break;
    case INDEX_op_andc_i64: *r = x & ~y; break;
    case INDEX_op_orc_i64: *r = x | ~y; break;
    case INDEX_op_shl_i64: *r = x << (y & 63); break;
    case INDEX_op_shr_i64: *r = x >> (y & 63); break;
    case INDEX_op_sar_i64: *r = (uint64_t)((int64_t)x >> (y & 63)); break;
    case INDEX_op_rotl_i64: *r = rol64(x, y & 63); break;
    case INDEX_op_rotr_i64: *r = rol64(x, 64 - (y & 63)); break;
    case INDEX_op_neg_i64: *r = 0 - x; break;
    case INDEX_op_not_i64: *r = ~x; break;
    case INDEX_op_ext8s_i64: *r = (uint64_t)(int8_t)x; break;
    case INDEX_op_ext8u_i64: *r = (uint8_t)x; break;
    case INDEX_op_ext16s_i64: *r = (uint64_t)(int16_t)x; break;
    case INDEX_op_ext16u_i64: *r = (uint16_t)x; break;
    case INDEX_op_ext32s_i64: *r = (uint64_t)(int32_t)x; break;
    case INDEX_op_ext32u_i64: *r = (uint32_t)x; break;
    case INDEX_op_bswap16_i64: *r = __builtin_bswap16((uint16_t)x); break;
    case INDEX_op_bswap32_i64: *r = __builtin_bswap32((uint32_t)x); break;
    case INDEX_op_bswap64_i64: *r = __builtin_bswap64(x); break;
    case INDEX_op_clz_i64: *r = x ? (uint64_t)__builtin_clzll(x) : y; break;
    case INDEX_op_ctz_i64: *r = x ? (uint64_t)__builtin_ctzll(x) : y; break;
    case INDEX_op_ctpop_i64: *r = (uint64_t)__builtin_popcountll(x); break;
    case INDEX_op_mulsh_i64:
        *r = (uint64_t)(((__int128)(int64_t)x * (int64_t)y) >> 64);
        break;
    case INDEX_op_muluh_i64:
        *r = (uint64_t)(((unsigned __int128)x * y) >> 64);
        break;
    case INDEX_op_ext_i32_i64: *r = (uint64_t)(int64_t)(int32_t)x; break;
    case INDEX_op_extu_i32_i64: *r = (uint32_t)x; break;
    default:
        return false;
    }
    return true;
}

static bool eval_i32(TCGOpcode opc, uint32_t x, uint32_t y, uint32_t *r)
{
    switch (opc) {
    case INDEX_op_add_i32: *r = x + y; break;
    case INDEX_op_sub_i32: *r = x - y; break;
    case INDEX_op_mul_i32: *r = x * y; break;
    case INDEX_op_div_i32:
        if (y == 0 || ((int32_t)x == INT32_MIN && (int32_t)y == -1)) {
            return false;
        }
        *r = (uint32_t)((int32_t)x / (int32_t)y);
        break;
    case INDEX_op_rem_i32:
        if (y == 0 || ((int32_t)x == INT32_MIN && (int32_t)y == -1)) {
            return false;
        }
        *r = (uint32_t)((int32_t)x % (int32_t)y);
        break;
    case INDEX_op_divu_i32:
        if (y == 0) {
            return false;
        }
        *r = x / y;
        break;
    case INDEX_op_remu_i32:
        if (y == 0) {
            return false;
        }
        *r = x % y;
        break;
    case INDEX_op_and_i32: *r = x & y; break;
    case INDEX_op_or_i32: *r = x | y; break;
    case INDEX_op_xor_i32: *r = x ^ y; break;
    case INDEX_op_andc_i32: *r = x & ~y; break;
    case INDEX_op_orc_i32: *r = x | ~y; break;
    case INDEX_op_shl_i32: *r = x << (y & 31); break;
    case INDEX_op_shr_i32: *r = x >> (y & 31); break;
    case INDEX_op_sar_i32: *r = (uint32_t)((int32_t)x >> (y & 31)); break;
    case INDEX_op_rotl_i32: *r = rol32(x, y & 31); break;
    case INDEX_op_rotr_i32: *r = rol32(x, 32 - (y & 31)); break;
    case INDEX_op_neg_i32: *r = 0 - x; break;
    case INDEX_op_not_i32: *r = ~x; break;
    case INDEX_op_ext8s_i32: *r = (uint32_t)(int8_t)x; break;
    case INDEX_op_ext8u_i32: *r = (uint8_t)x; break;
    case INDEX_op_ext16s_i32: *r = (uint32_t)(int16_t)x; break;
    case INDEX_op_ext16u_i32: *r = (uint16_t)x; break;
    case INDEX_op_bswap16_i32: *r = __builtin_bswap16((uint16_t)x); break;
    case INDEX_op_bswap32_i32: *r = __builtin_bswap32(x); break;
    case INDEX_op_clz_i32: *r = x ? (uint32_t)__builtin_clz(x) : y; break;
    case INDEX_op_ctz_i32: *r = x ? (uint32_t)__builtin_ctz(x) : y; break;
    case INDEX_op_ctpop_i32: *r = (uint32_t)__builtin_popcount(x); break;
    case INDEX_op_mulsh_i32:
        *r = (uint32_t)(((int64_t)(int32_t)x * (int32_t)y) >> 32);
        break;
    case INDEX_op_muluh_i32:
        *r = (uint32_t)(((uint64_t)x * y) >> 32);
        break;
    case INDEX_op_extrl_i64_i32: *r = (uint32_t)x; break;
    default:
        return false;
    }
    return true;
}

bool tcg_opt_eval(TCGOpcode opc, uint64_t x, uint64_t y, int64_t *res)
{
    uint64_t r64;
    uint32_t r32;

    /* extrh needs the full 64-bit input, which eval_i32 does not see. */
    if (opc == INDEX_op_extrh_i64_i32) {
        *res = (int64_t)(int32_t)(uint32_t)(x >> 32);
        return true;
    }
    if (tcg_op_defs[opc].flags & TCG_OPF_64BIT) {
        if (!eval_i64(opc, x, y, &r64)) {
            return false;
        }
        *res = (int64_t)r64;
        return true;
    }
    if (!eval_i32(opc, (uint32_t)x, (uint32_t)y, &r32)) {
        return false;
    }
    *res = (int64_t)(int32_t)r32;
    return true;
}
