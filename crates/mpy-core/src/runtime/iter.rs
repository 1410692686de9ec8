//! Iteration: `iter(o)`, `next(it)`, and collecting an iterable.

use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::flags;
use crate::PyResult;

impl Vm {
    /// `iter(o)`.
    ///
    /// Errors: `TypeError: 'int' object isn't iterable`.
    pub fn get_iter(&mut self, o: Obj) -> PyResult<Obj> {
        let t = self.builtin_type(o);
        if let Some(f) = t.ext.iter {
            return f(self, o);
        }
        if t.iternext.is_some() && t.flags & flags::ITER_IS_SELF != 0 {
            return Ok(o);
        }
        Err(self.type_error_obj(o, "isn't iterable"))
    }

    /// `next(it)`: `Some(item)`, or None when exhausted (StopIteration
    /// without a value is absorbed).
    ///
    /// Errors: `TypeError: 'int' object isn't an iterator`.
    pub fn iter_next(&mut self, it: Obj) -> PyResult<Option<Obj>> {
        // Desktop: generators, range iterators and list or tuple
        // iterators without the slot call (the built-ins that consume
        // iterators, and `for` over an iterator object, come here per item).
        #[cfg(not(target_os = "none"))]
        if let Some(t) = it.ptr_type() {
            if core::ptr::eq(t, &crate::types::misc::GENERATOR_TYPE) {
                return crate::vm::gen::next_item(self, it);
            }
            if let Some(r) = crate::types::range::range_iter_step(self, it) {
                return Ok(r);
            }
            if let Some(x) = crate::types::iterators::seq_iter_step(self, it) {
                return Ok(Some(x));
            }
        }
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
        Err(self.type_error_obj(it, "isn't an iterator"))
    }

    /// `next(it)` for the `next()` builtin: like [`Vm::iter_next`] but a
    /// StopIteration raised by the iterator (e.g. a generator returning a
    /// value) propagates, so its `value` reaches the caller.
    ///
    /// Errors: as [`Vm::iter_next`], and the iterator's own errors.
    pub fn iter_next_allow_raise(&mut self, it: Obj) -> PyResult<Option<Obj>> {
        let t = self.builtin_type(it);
        if let Some(f) = t.iternext {
            let r = f(self, it)?;
            return Ok(if r == Obj::STOP_ITERATION { None } else { Some(r) });
        }
        self.iter_next(it)
    }

    /// The items of an iterable as a sequence object: `o` itself if it is
    /// a tuple (immutable, nothing to copy), else a new list (a copy of a
    /// list, or what iterating `o` yields). Read the items with
    /// [`Vm::seq_items`] (borrowed), or [`Vm::tuple_pinned`] /
    /// [`Vm::seq_get`] when calling back into the interpreter between
    /// items. The result is a fresh list whenever `o` is not a tuple, so
    /// callers may keep or change it.
    ///
    /// Errors: `TypeError` if `o` is not iterable; `MemoryError`; whatever
    /// the iterator raises.
    pub fn collect_iter(&mut self, o: Obj) -> PyResult<Obj> {
        if self.tuple_pinned(o).is_some() {
            return Ok(o);
        }
        if self.list_items(o).is_some() {
            return crate::types::list::list_from_range(self, o, 0, usize::MAX);
        }
        // Anything else (subclass instances included) through its
        // iterator, so an overridden `__iter__` is honoured.
        let l = self.new_list_with_capacity(0)?;
        let it = self.get_iter(o)?;
        while let Some(x) = self.iter_next(it)? {
            crate::types::list::list_append(self, l, x)?;
        }
        Ok(l)
    }

    /// Item `i` of a list or tuple (not a subclass instance), None past
    /// the end: for loops that call back into the interpreter between
    /// items (the list may change meanwhile).
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn seq_get(&self, seq: Obj, i: usize) -> Option<Obj> {
        self.seq_items(seq).and_then(|v| v.get(i).copied())
    }

    /// Calls `f` on each item of iterable `o` (lists and tuples by
    /// position, anything else through its iterator), stopping early when
    /// `f` returns `Ok(false)`.
    ///
    /// Errors: `TypeError` if `o` is not iterable; whatever the iterator
    /// or `f` raise.
    pub fn for_each_item(&mut self, o: Obj, mut f: impl FnMut(&mut Vm, Obj) -> PyResult<bool>) -> PyResult<()> {
        if self.seq_items(o).is_some() {
            let mut i = 0;
            while let Some(x) = self.seq_get(o, i) {
                if !f(self, x)? {
                    return Ok(());
                }
                i += 1;
            }
            return Ok(());
        }
        let it = self.get_iter(o)?;
        while let Some(x) = self.iter_next(it)? {
            if !f(self, x)? {
                break;
            }
        }
        Ok(())
    }
}
