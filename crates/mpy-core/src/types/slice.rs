//! `slice`: the built-in type (slots and methods).

use crate::typ::TypeObj;
use crate::qstr::q;

/// The `slice` type.
pub static SLICE_TYPE: TypeObj = TypeObj { name: q::slice, ..TypeObj::EMPTY };
