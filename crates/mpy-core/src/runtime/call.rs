//! Calling objects: built-in functions, types, bound methods, Python
//! functions and classes (the last two via [`crate::vm`]).

use crate::obj::Obj;
use crate::objdata::ObjData;
use crate::state::Vm;
use crate::typ::BuiltinFun;
use crate::PyResult;
use alloc::format;
use alloc::vec::Vec;

impl Vm {
    /// `f(*args, **kw)`; `kw` holds flattened (name, value) pairs.
    ///
    /// Errors: `TypeError: 'int' object isn't callable`, argument-count
    /// errors in MicroPython's words, and whatever the callee raises.
    pub fn call(&mut self, f: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        if let Some(bf) = f.as_builtin_fun() {
            return self.call_builtin(bf, args, kw);
        }
        if let Some(t) = f.as_type() {
            if let Some(mk) = t.make_new {
                return mk(self, f, args, kw);
            }
            let msg = format!("cannot create '{}' instances", self.qstrs.str(t.name));
            return Err(self.type_error(&msg));
        }
        match self.heap.get(f) {
            Some(ObjData::Function(_)) => return crate::vm::call_function(self, f, args, kw),
            Some(ObjData::BoundMethod(m, s)) => {
                let (m, s) = (*m, *s);
                return self.call_with_self(m, s, args, kw);
            }
            Some(ObjData::Class(_)) => return crate::vm::call_class(self, f, args, kw),
            _ => {}
        }
        let t = self.builtin_type(f);
        if let Some(c) = t.call {
            return c(self, f, args, kw);
        }
        let msg = format!("'{}' object isn't callable", self.type_name(f));
        Err(self.type_error(&msg))
    }

    /// `f(self_obj, *args, **kw)` without allocating a bound method.
    pub fn call_with_self(&mut self, f: Obj, self_obj: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        let mut buf = [Obj::NULL; 8];
        if args.len() < buf.len() {
            buf[0] = self_obj;
            buf[1..=args.len()].copy_from_slice(args);
            self.call(f, &buf[..=args.len()], kw)
        } else {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(self_obj);
            v.extend_from_slice(args);
            // `v` is not scanned by the gc, but its items stay reachable from
            // the caller's arguments for the duration of the call.
            self.call(f, &v, kw)
        }
    }

    /// Calls a built-in function after checking its arity.
    pub fn call_builtin(&mut self, bf: &'static BuiltinFun, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        if !kw.is_empty() && !bf.takes_kw {
            return Err(self.type_error("function doesn't take keyword arguments"));
        }
        let n = args.len();
        if n < bf.min_args as usize || (bf.max_args != u16::MAX && n > bf.max_args as usize) {
            let msg = if bf.min_args == bf.max_args {
                format!("function takes {} positional arguments but {} were given", bf.min_args, n)
            } else if n < bf.min_args as usize {
                format!("function missing {} required positional arguments", bf.min_args as usize - n)
            } else {
                format!("function expected at most {} arguments, got {}", bf.max_args, n)
            };
            return Err(self.type_error(&msg));
        }
        (bf.f)(self, args, kw)
    }

    /// Is `o` callable?
    pub fn is_callable(&self, o: Obj) -> bool {
        if o.as_builtin_fun().is_some() || o.as_type().is_some() {
            return true;
        }
        match self.heap.get(o) {
            Some(ObjData::Function(_) | ObjData::BoundMethod(..) | ObjData::Class(_)) => true,
            Some(ObjData::Instance(_)) => crate::vm::instance_is_callable(self, o),
            _ => self.builtin_type(o).call.is_some(),
        }
    }
}
