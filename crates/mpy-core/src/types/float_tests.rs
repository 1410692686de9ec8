//! Tests for float ops, parsing, hashing and round().
use super::*;
