//! Instances of user classes: slots that dispatch to special methods
//! (`__add__`, `__getitem__`, `__iter__`, ...) found in the class's MRO.

use crate::qstr::q;
use crate::typ::TypeObj;

/// The native type behind every instance of a user class.
pub static INSTANCE_TYPE: TypeObj = TypeObj { name: q::object, ..TypeObj::EMPTY };
