//! Tests for float repr and format_float (expected values from the
//! MicroPython 1.27 wasm build).
use super::*;
