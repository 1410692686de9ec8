//! Tests for the math module (expected values from MicroPython 1.27).
use super::*;
