//! `tuple`: the built-in type (slots and methods).

use crate::typ::{flags, TypeObj};
use crate::qstr::q;

/// The `tuple` type.
pub static TUPLE_TYPE: TypeObj = TypeObj { name: q::tuple, flags: flags::BASETYPE, ..TypeObj::EMPTY };
