//! Calling objects: built-in functions, types (their `make_new` slot),
//! user classes ([`crate::vm::call_class`]), bound methods, Python
//! functions, and objects whose type has a `call` slot.

use crate::heap::GcVec;
use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::BuiltinFun;
use crate::types::misc::BoundMethObj;
use crate::{PyErr, PyResult};

impl Vm {
    /// `f(*args, **kw)`; `kw` holds flattened (name, value) pairs.
    ///
    /// Errors: `TypeError: 'int' object isn't callable`, `TypeError: can't
    /// create 'X' instances`, argument-count errors in MicroPython's words,
    /// and whatever the callee raises.
    ///
    /// Desktop: a Python function called without keywords (sort keys,
    /// `map`, special methods reached through here) goes straight to the
    /// native callers' entry (a test and a tail call: no frame of its own).
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    pub fn call(&mut self, f: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        if kw.is_empty() && crate::vmobj::is_function(f) {
            return crate::vm::call::call_positional(self, f, Obj::NULL, args);
        }
        self.call_any(f, args, kw)
    }

    /// `f(*args, **kw)` (see the desktop version).
    ///
    /// Errors: as the desktop version.
    #[cfg(target_os = "none")]
    pub fn call(&mut self, f: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        self.call_any(f, args, kw)
    }

    /// [`Vm::call`]'s body (boards: all of it, inlined there).
    ///
    /// Errors: as [`Vm::call`].
    #[cfg_attr(not(target_os = "none"), inline(never))]
    #[cfg_attr(target_os = "none", inline(always))]
    fn call_any(&mut self, f: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        if crate::vmobj::is_function(f) {
            return crate::vm::call_function(self, f, args, kw);
        }
        if let Some(bf) = f.as_builtin_fun() {
            return self.call_builtin(bf, args, kw);
        }
        if let Some(m) = self.heap.get::<BoundMethObj>(f) {
            let (m, s) = (m.fun, m.self_obj);
            return self.call_with_self(m, s, args, kw);
        }
        if let Some(t) = f.as_type() {
            if crate::vm::class::is_class(self, f) {
                return crate::vm::call_class(self, f, args, kw);
            }
            if let Some(mk) = t.make_new {
                return mk(self, f, args, kw);
            }
            let n = self.qstr_str(t.name());
            return Err(self.type_error_fmt(msg!("can't create '{}' instances"), &[n.into()]));
        }
        let t = self.builtin_type(f);
        if let Some(c) = t.ext.call {
            return c(self, f, args, kw);
        }
        Err(self.type_error_obj(f, "isn't callable"))
    }

    /// `f(self_obj, *args, **kw)` without allocating a bound method (a
    /// temporary heap vector for more than 7 arguments).
    ///
    /// Errors: as [`Vm::call`], `MemoryError`.
    ///
    /// Desktop: a Python function without keywords gets `self_obj`
    /// written straight into its frame (a test and a tail call).
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    pub fn call_with_self(&mut self, f: Obj, self_obj: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        if kw.is_empty() && crate::vmobj::is_function(f) {
            return crate::vm::call::call_positional(self, f, self_obj, args);
        }
        self.call_with_self_any(f, self_obj, args, kw)
    }

    /// `f(self_obj, *args, **kw)` (see the desktop version).
    ///
    /// Errors: as [`Vm::call`], `MemoryError`.
    #[cfg(target_os = "none")]
    pub fn call_with_self(&mut self, f: Obj, self_obj: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        self.call_with_self_any(f, self_obj, args, kw)
    }

    /// [`Vm::call_with_self`]'s body (boards: all of it, inlined there).
    ///
    /// Errors: as [`Vm::call`], `MemoryError`.
    #[cfg_attr(not(target_os = "none"), inline(never))]
    #[cfg_attr(target_os = "none", inline(always))]
    fn call_with_self_any(&mut self, f: Obj, self_obj: Obj, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        let mut buf = [Obj::NULL; 8];
        if args.len() < buf.len() {
            buf[0] = self_obj;
            buf[1..=args.len()].copy_from_slice(args);
            return self.call(f, &buf[..=args.len()], kw);
        }
        let mut v: GcVec<Obj> = self.new_vec(args.len() + 1)?;
        let _ = v.push_within_capacity(self_obj);
        v.extend_within_capacity(args);
        let r = self.call(f, v.as_slice(), kw);
        self.heap.free_vec(v);
        r
    }

    /// Calls a built-in function after checking its arity.
    ///
    /// Errors: `TypeError` for keywords it does not take or a wrong number
    /// of arguments (MicroPython's words); whatever it raises.
    pub fn call_builtin(&mut self, bf: &'static BuiltinFun, args: &[Obj], kw: &[Obj]) -> PyResult<Obj> {
        bf.call_checked(self, args, kw)
    }

    /// The `TypeError` for a call of `bf` whose `n` positional arguments
    /// or keywords `kw` do not fit it.
    #[cold]
    #[inline(never)]
    pub(crate) fn builtin_arity_error(&mut self, bf: &'static BuiltinFun, n: usize, kw: &[Obj]) -> PyErr {
        let (min, max) = (bf.min_args(), bf.max_args());
        // (The shared bodies of these messages.)
        use crate::types::strutil as su;
        if !kw.is_empty() && !bf.takes_kw() {
            su::no_kw(self)
        } else if min == max {
            su::positional_count(self, min as usize, n)
        } else if n < min as usize {
            self.type_error_fmt(msg!("function missing {} required positional arguments"), &[(min as usize - n).into()])
        } else {
            su::too_many_args(self, max as usize, n)
        }
    }

    /// Is `o` callable?
    pub fn is_callable(&self, o: Obj) -> bool {
        if crate::vmobj::is_function(o) || o.as_builtin_fun().is_some() || o.as_type().is_some() {
            return true;
        }
        if self.heap.get::<BoundMethObj>(o).is_some() {
            return true;
        }
        if !crate::vm::class::class_of_instance(o).is_null() {
            return crate::vm::instance_is_callable(self, o);
        }
        self.builtin_type(o).ext.call.is_some()
    }
}
