/* SPDX-License-Identifier: MIT */
/* Constant evaluation of TCG ops, shared by the optimizer and its tests. */
#ifndef TCG_OPTIMIZE_FOLD_H
#define TCG_OPTIMIZE_FOLD_H

#include <stdbool.h>
#include <stdint.h>

#include "vemu/tcg.h"

/*
 * Evaluate a one- or two-input op on constant inputs (y ignored for
 * unary ops). i32 ops use the low 32 bits of x and y. Returns false for
 * ops it cannot or must not fold (division by zero, INT_MIN / -1, ops
 * with side effects). *res is normalized as TCGTemp.val is: i32 results
 * sign-extended.
 */
bool tcg_opt_eval(TCGOpcode opc, uint64_t x, uint64_t y, int64_t *res);

#endif
