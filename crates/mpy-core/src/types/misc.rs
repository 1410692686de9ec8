//! Small built-in types: cell, bound method, staticmethod, classmethod,
//! property, function, generator, module, code context, NoneType, bool.

use crate::qstr::q;
use crate::typ::{flags, TypeObj};

/// Closure cells (internal).
pub static CELL_TYPE: TypeObj = TypeObj { name: q::cell, ..TypeObj::EMPTY };
/// Bound methods.
pub static BOUND_METHOD_TYPE: TypeObj = TypeObj { name: q::bound_method, ..TypeObj::EMPTY };
/// `staticmethod`.
pub static STATICMETHOD_TYPE: TypeObj = TypeObj { name: q::staticmethod, ..TypeObj::EMPTY };
/// `classmethod`.
pub static CLASSMETHOD_TYPE: TypeObj = TypeObj { name: q::classmethod, ..TypeObj::EMPTY };
/// `property`.
pub static PROPERTY_TYPE: TypeObj = TypeObj { name: q::property, ..TypeObj::EMPTY };
/// Python functions.
pub static FUNCTION_TYPE: TypeObj = TypeObj { name: q::function, ..TypeObj::EMPTY };
/// Generators and coroutines.
pub static GENERATOR_TYPE: TypeObj = TypeObj { name: q::generator, flags: flags::ITER_IS_SELF, ..TypeObj::EMPTY };
/// Modules.
pub static MODULE_TYPE: TypeObj = TypeObj { name: q::module, ..TypeObj::EMPTY };
/// Code contexts (internal).
pub static CODE_CONTEXT_TYPE: TypeObj = TypeObj { name: q::code, ..TypeObj::EMPTY };
/// `NoneType`.
pub static NONE_TYPE: TypeObj = TypeObj { name: q::NoneType, ..TypeObj::EMPTY };
/// `bool` (derives from `int`): now in [`super::bool`].
pub use super::bool::BOOL_TYPE;
/// The type of `...`.
pub static ELLIPSIS_TYPE: TypeObj = TypeObj { name: q::ellipsis, ..TypeObj::EMPTY };
/// The type of `NotImplemented`.
pub static NOT_IMPLEMENTED_TYPE: TypeObj = TypeObj { name: q::NotImplementedType, ..TypeObj::EMPTY };
