//! Tests for int: arithmetic through the runtime, conversions, bytes.
use super::*;
