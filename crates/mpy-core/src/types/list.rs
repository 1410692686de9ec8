//! `list`: the built-in type (slots and methods).

use crate::typ::{flags, TypeObj};
use crate::qstr::q;

/// The `list` type.
pub static LIST_TYPE: TypeObj = TypeObj { name: q::list, flags: flags::BASETYPE, ..TypeObj::EMPTY };
