/* SPDX-License-Identifier: MIT */
/* Keeps the system core library non-empty while it is being built up. */
int vemu_empty_translation_unit;
