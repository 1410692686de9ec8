//! Python exceptions as Rust errors: `PyResult<T>` travels with `?`.

use crate::obj::Obj;

/// A raised Python exception: the exception instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PyErr(pub Obj);

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, PyErr>;
