//! `bytearray`: the built-in type (slots and methods).

use crate::typ::{flags, TypeObj};
use crate::qstr::q;

/// The `bytearray` type.
pub static BYTEARRAY_TYPE: TypeObj = TypeObj { name: q::bytearray, flags: flags::BASETYPE, ..TypeObj::EMPTY };
