//! Iteration: `iter(o)`, `next(it)`, and collecting an iterable.

use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::flags;
use crate::PyResult;
use alloc::format;
use alloc::vec::Vec;

impl Vm {
    /// `iter(o)`.
    ///
    /// Errors: `TypeError: 'int' object isn't iterable`.
    pub fn get_iter(&mut self, o: Obj) -> PyResult<Obj> {
        let t = self.builtin_type(o);
        if let Some(f) = t.iter {
            return f(self, o);
        }
        if t.iternext.is_some() && t.flags & flags::ITER_IS_SELF != 0 {
            return Ok(o);
        }
        let msg = format!("'{}' object isn't iterable", self.type_name(o));
        Err(self.type_error(&msg))
    }

    /// `next(it)`: `Some(item)`, or None when exhausted (StopIteration
    /// without a value is absorbed).
    ///
    /// Errors: `TypeError: 'int' object isn't an iterator`.
    pub fn iter_next(&mut self, it: Obj) -> PyResult<Option<Obj>> {
        let t = self.builtin_type(it);
        if let Some(f) = t.iternext {
            let r = match f(self, it) {
                Ok(r) => r,
                Err(e) if crate::vm::gen::exc_is(self, e.0, &crate::types::exception::STOP_ITERATION_TYPE) => {
                    return Ok(None);
                }
                Err(e) => return Err(e),
            };
            return Ok(if r == Obj::STOP_ITERATION { None } else { Some(r) });
        }
        let msg = format!("'{}' object isn't an iterator", self.type_name(it));
        Err(self.type_error(&msg))
    }

    /// `next(it)` for the `next()` builtin: like [`Vm::iter_next`] but a
    /// StopIteration raised by the iterator (e.g. a generator returning a
    /// value) propagates, so its `value` reaches the caller.
    pub fn iter_next_allow_raise(&mut self, it: Obj) -> PyResult<Option<Obj>> {
        let t = self.builtin_type(it);
        if let Some(f) = t.iternext {
            let r = f(self, it)?;
            return Ok(if r == Obj::STOP_ITERATION { None } else { Some(r) });
        }
        self.iter_next(it)
    }

    /// Collects an iterable's items. While collecting, the items are kept
    /// on [`Vm::roots`] so a collection triggered by the iterator cannot
    /// free them.
    pub fn collect_iter(&mut self, o: Obj) -> PyResult<Vec<Obj>> {
        if let Some(v) = self.seq_items(o) {
            return Ok(v);
        }
        let base = self.roots.len();
        self.roots.push(o);
        let r = (|| {
            let it = self.get_iter(o)?;
            self.roots.push(it);
            while let Some(x) = self.iter_next(it)? {
                self.roots.push(x);
            }
            Ok(())
        })();
        let items = self.roots.split_off(base);
        r.map(|()| items.into_iter().skip(2).collect())
    }
}
