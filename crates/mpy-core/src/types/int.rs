//! `int`: the built-in type (slots and methods).

use crate::typ::{flags, TypeObj};
use crate::qstr::q;

/// The `int` type.
pub static INT_TYPE: TypeObj = TypeObj { name: q::int, flags: flags::BASETYPE, ..TypeObj::EMPTY };
