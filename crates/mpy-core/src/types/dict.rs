//! `dict`: the built-in type (slots and methods).

use crate::typ::{flags, TypeObj};
use crate::qstr::q;

/// The `dict` type.
pub static DICT_TYPE: TypeObj = TypeObj { name: q::dict, flags: flags::BASETYPE, ..TypeObj::EMPTY };
