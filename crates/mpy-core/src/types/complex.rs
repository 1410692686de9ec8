//! `complex`: the built-in type (slots and methods).

use crate::typ::TypeObj;
use crate::qstr::q;

/// The `complex` type.
pub static COMPLEX_TYPE: TypeObj = TypeObj { name: q::complex, ..TypeObj::EMPTY };
