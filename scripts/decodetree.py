#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Instruction decoder generator (being written)."""
import sys
sys.exit("decodetree.py: not implemented yet")
