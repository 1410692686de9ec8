//! `set` and `frozenset`: the built-in types (slots and methods).

use crate::qstr::q;
use crate::typ::{flags, TypeObj};

/// The `set` type.
pub static SET_TYPE: TypeObj = TypeObj { name: q::set, flags: flags::BASETYPE, ..TypeObj::EMPTY };
/// The `frozenset` type.
pub static FROZENSET_TYPE: TypeObj = TypeObj { name: q::frozenset, flags: flags::BASETYPE, ..TypeObj::EMPTY };
