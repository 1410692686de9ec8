//! `bytes`: the built-in type (slots and methods).

use crate::typ::{flags, TypeObj};
use crate::qstr::q;

/// The `bytes` type.
pub static BYTES_TYPE: TypeObj = TypeObj { name: q::bytes, flags: flags::BASETYPE, ..TypeObj::EMPTY };
