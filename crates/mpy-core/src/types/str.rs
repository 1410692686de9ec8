//! `str`: the built-in type (slots and methods).

use crate::typ::{flags, TypeObj};
use crate::qstr::q;

/// The `str` type.
pub static STR_TYPE: TypeObj = TypeObj { name: q::str, flags: flags::BASETYPE, ..TypeObj::EMPTY };
