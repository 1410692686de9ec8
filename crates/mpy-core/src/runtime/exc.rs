//! Making exceptions.

use crate::error::PyErr;
use crate::map::Dict;
use crate::obj::Obj;
use crate::objdata::{Exception, ObjData};
use crate::state::Vm;
use crate::typ::TypeObj;
use crate::types::exception as e;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::vec::Vec;

impl Vm {
    /// An exception instance of class `cls` (a built-in exception type or a
    /// subclass) with `args` (a tuple object).
    pub fn new_exception_obj(&mut self, cls: Obj, args: Obj) -> PyResult<Obj> {
        self.alloc(ObjData::Exception(Box::new(Exception {
            class: cls,
            args,
            traceback: Vec::new(),
            dict: Dict::new(),
        })))
    }

    /// An error of type `ty` with a message (`ty(msg)`); if memory runs out
    /// while building it, the `MemoryError` instead.
    pub fn error(&mut self, ty: &'static TypeObj, msg: &str) -> PyErr {
        let r = (|| {
            let m = self.new_str(msg)?;
            let args = self.new_tuple(&[m])?;
            self.new_exception_obj(Obj::from_type(ty), args)
        })();
        match r {
            Ok(o) => PyErr(o),
            Err(e) => e,
        }
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
