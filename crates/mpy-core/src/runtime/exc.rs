//! Making exceptions.

use crate::error::PyErr;
use crate::heap::GcVec;
use crate::map::Map;
use crate::obj::{Obj, ObjBase};
use crate::runtime::print::{Arg, Out};
use crate::state::Vm;
use crate::typ::TypeObj;
use crate::types::exception as e;
use crate::PyResult;

impl Vm {
    /// An exception instance of class `cls` (a built-in exception type or a
    /// subclass) with `args` (a tuple object).
    ///
    /// Errors: `MemoryError`.
    pub fn new_exception_obj(&mut self, cls: Obj, args: Obj) -> PyResult<Obj> {
        let ty = cls.as_type().unwrap_or(&e::EXCEPTION_TYPE);
        self.alloc_obj(e::ExceptionObj {
            base: ObjBase::new(ty),
            args,
            traceback: GcVec::new(),
            members: Map::new(),
        })
    }

    /// An error of type `ty` whose message is template `tpl` filled in with
    /// `args` (see [`Out::fmt`]) straight into a new str
    /// (`vm.error_fmt(&TYPE_ERROR_TYPE, msg!("... {} ..."), &[x.into()])`); if
    /// memory runs out while building it, the `MemoryError` instead.
    #[inline(never)]
    pub fn error_fmt(&mut self, ty: &'static TypeObj, tpl: &str, args: &[Arg<'_>]) -> PyErr {
        let r = (|| {
            let mut out = Out::buf();
            out.fmt(self, tpl, args)?;
            out.into_str(self)
        })();
        match r {
            Ok(m) => self.error_arg(ty, m),
            Err(e) => e,
        }
    }

    /// `TypeError` with a formatted message (see [`Vm::error_fmt`]).
    pub fn type_error_fmt(&mut self, tpl: &str, args: &[Arg<'_>]) -> PyErr {
        self.error_fmt(&e::TYPE_ERROR_TYPE, tpl, args)
    }

    /// `ValueError` with a formatted message (see [`Vm::error_fmt`]).
    pub fn value_error_fmt(&mut self, tpl: &str, args: &[Arg<'_>]) -> PyErr {
        self.error_fmt(&e::VALUE_ERROR_TYPE, tpl, args)
    }

    /// An error of type `ty` with a message (`ty(msg)`, plain or packed by
    /// [`crate::msg!`]; written by [`Out::fmt`], so a `{}` in it prints
    /// nothing); if memory runs out while building it, the `MemoryError`
    /// instead.
    pub fn error(&mut self, ty: &'static TypeObj, msg: &str) -> PyErr {
        // (A template without markers: the one formatting body.)
        self.error_fmt(ty, msg, &[])
    }

    /// An error of type `ty` with no arguments (`ty()`).
    pub fn error_noargs(&mut self, ty: &'static TypeObj) -> PyErr {
        let r = (|| {
            let args = self.new_tuple(&[])?;
            self.new_exception_obj(Obj::from_type(ty), args)
        })();
        match r {
            Ok(o) => PyErr(o),
            Err(e) => e,
        }
    }

    /// An error of type `ty` with one object argument (`KeyError(key)`,
    /// `StopIteration(value)`).
    pub fn error_arg(&mut self, ty: &'static TypeObj, arg: Obj) -> PyErr {
        let r = (|| {
            let args = self.new_tuple(&[arg])?;
            self.new_exception_obj(Obj::from_type(ty), args)
        })();
        match r {
            Ok(o) => PyErr(o),
            Err(e) => e,
        }
    }

    /// `TypeError: '<type of o>' object <what>` (`what`: `isn't callable`,
    /// `isn't iterable`, ...): one template for those messages.
    #[inline(never)]
    pub fn type_error_obj(&mut self, o: Obj, what: &str) -> PyErr {
        let n = crate::types::strutil::type_name(self, o);
        self.type_error_fmt(msg!("'{}' object {}"), &[n.into(), what.into()])
    }

    /// `TypeError(msg)`.
    pub fn type_error(&mut self, msg: &str) -> PyErr {
        self.error(&e::TYPE_ERROR_TYPE, msg)
    }

    /// `ValueError(msg)`.
    pub fn value_error(&mut self, msg: &str) -> PyErr {
        self.error(&e::VALUE_ERROR_TYPE, msg)
    }

    /// `IndexError(msg)`.
    pub fn index_error(&mut self, msg: &str) -> PyErr {
        self.error(&e::INDEX_ERROR_TYPE, msg)
    }

    /// `OverflowError(msg)`.
    pub fn overflow_error(&mut self, msg: &str) -> PyErr {
        self.error(&e::OVERFLOW_ERROR_TYPE, msg)
    }

    /// `ZeroDivisionError(msg)` (MicroPython says "divide by zero").
    pub fn zero_division_error(&mut self, msg: &str) -> PyErr {
        self.error(&e::ZERO_DIVISION_ERROR_TYPE, msg)
    }

    /// `RuntimeError(msg)`.
    pub fn runtime_error(&mut self, msg: &str) -> PyErr {
        self.error(&e::RUNTIME_ERROR_TYPE, msg)
    }

    /// `AttributeError(msg)`.
    pub fn attribute_error(&mut self, msg: &str) -> PyErr {
        self.error(&e::ATTRIBUTE_ERROR_TYPE, msg)
    }

    /// `KeyError(key)`.
    pub fn key_error(&mut self, key: Obj) -> PyErr {
        self.error_arg(&e::KEY_ERROR_TYPE, key)
    }

    /// `NameError(msg)`.
    pub fn name_error(&mut self, msg: &str) -> PyErr {
        self.error(&e::NAME_ERROR_TYPE, msg)
    }
}

/// Error messages that start other messages: the short one is a slice of
/// the long one, so flash holds the (packed) text once.
pub mod msg {
    use crate::runtime::msgtext::head;

    /// `TypeError` text: a unary operation's special method name and the
    /// operand's type (`__neg__`, `__hash__`, ...).
    pub const UNSUPPORTED_TYPE: &str = crate::msg!("unsupported type for {}: '{}'");
    /// `TypeError` text: an object without the buffer protocol, and its type.
    pub const BUFFER_NOT: &str = crate::msg!("object with buffer protocol required, not '{}'");
    /// `TypeError` text: an object without the buffer protocol.
    pub const BUFFER: &str = head(BUFFER_NOT, 36);
    /// `TypeError` text: an unknown keyword argument and its name.
    pub const UNEXPECTED_KW_NAMED: &str = crate::msg!("unexpected keyword argument '{}'");
    /// `TypeError` text: an unknown keyword argument.
    pub const UNEXPECTED_KW: &str = head(UNEXPECTED_KW_NAMED, 27);
    /// `TypeError` text: a missing positional argument and its number.
    pub const MISSING_ARG_N: &str = crate::msg!("function missing required positional argument #{}");
    /// `TypeError` text: a missing positional argument.
    pub const MISSING_ARG: &str = head(MISSING_ARG_N, 46);
    /// `TypeError` text: an argument given twice, and its name.
    pub const MULTIPLE_VALUES_NAMED: &str = crate::msg!("function got multiple values for argument '{}'");
    /// `TypeError` text: an argument given twice.
    pub const MULTIPLE_VALUES: &str = head(MULTIPLE_VALUES_NAMED, 41);
    /// `TypeError` text: a one-argument function given more.
    pub const TAKES_1_MORE: &str = crate::msg!("function takes 1 positional arguments but more were given");
    /// `TypeError` text: a one-argument function.
    pub const TAKES_1: &str = crate::msg!("function takes 1 positional arguments");
    /// `ValueError` text: a bad int literal, its base and text.
    pub const INT_SYNTAX_BASE: &str = crate::msg!("invalid syntax for integer with base {}: {}");
    /// `ValueError` text: a bad int literal.
    pub const INT_SYNTAX: &str = head(INT_SYNTAX_BASE, 26);
}
