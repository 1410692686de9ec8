//! `float`: the built-in type (slots and methods).

use crate::typ::{flags, TypeObj};
use crate::qstr::q;

/// The `float` type.
pub static FLOAT_TYPE: TypeObj = TypeObj { name: q::float, flags: flags::BASETYPE, ..TypeObj::EMPTY };
