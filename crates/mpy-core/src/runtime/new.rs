//! Constructors and accessors for the common object kinds.
//!
//! Reading immutable objects (str, bytes, tuple, int digits) goes through
//! the `*_pinned` accessors, whose results are not tied to the `Vm` borrow:
//! the heap never moves objects and never changes immutable ones, and the
//! collector keeps an object alive while a slice into it is held on the
//! native stack (see the gc contract in [`crate::heap`]). So code can read
//! a str's text and allocate new objects in the same breath.

#[cfg(feature = "float")]
use crate::flt::Float;
use crate::heap::strs::StrWriter;
use crate::heap::{GcVec, StrHead};
use crate::obj::{Obj, ObjBase};
use crate::qstr::{ascii_char, hash_bytes, Qstr};
use crate::state::Vm;
use crate::typ::TypeObj;
use crate::types;
#[cfg(feature = "bigint")]
use crate::types::int::IntHead;
use crate::types::list::ListObj;
use crate::types::tuple::TupleHead;
use crate::PyResult;

/// The built-in qstr of `""` or of a one-character ASCII string.
#[inline]
fn short_qstr(b: &[u8]) -> Option<Qstr> {
    match b {
        [] => Some(crate::qstr::q::empty),
        [c] => ascii_char(*c),
        _ => None,
    }
}

impl Vm {
    /// A str object for `s`: an existing qstr if `s` is interned, else a
    /// new heap str. One-character ASCII strings and `""` are always
    /// built-in qstrs, so they allocate nothing.
    ///
    /// Errors: `MemoryError`.
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn new_str(&mut self, s: &str) -> PyResult<Obj> {
        if let Some(q) = short_qstr(s.as_bytes()) {
            return Ok(Obj::qstr(q));
        }
        let hash = hash_bytes(s.as_bytes());
        if let Some(q) = self.qstrs.lookup_hashed(&self.heap, s, hash) {
            return Ok(Obj::qstr(q));
        }
        // Desktop: a str of one or two blocks from the allocator's fast
        // path, written inline.
        #[cfg(not(target_os = "none"))]
        {
            use crate::heap::var::{no_scan, var_bytes};
            if let Some(f) = var_bytes::<StrHead>(s.len()).and_then(|b| self.alloc_room_fast_for(b, no_scan::<StrHead>())) {
                return Ok(crate::heap::strs::write_str_fresh(f, s, hash));
            }
        }
        // The hash is known: no second pass (desktop builds; boards keep
        // the flash).
        #[cfg(not(target_os = "none"))]
        if let Some(o) = self.heap.alloc_str_hashed(s, hash) {
            return Ok(o);
        }
        self.new_str_uninterned(s)
    }

    /// A new heap str for `s`, without looking for a qstr.
    ///
    /// Errors: `MemoryError`.
    pub fn new_str_uninterned(&mut self, s: &str) -> PyResult<Obj> {
        if let Some(o) = self.heap.alloc_str(s) {
            return Ok(o);
        }
        if self.heap.stats.lock_depth == 0 {
            self.collect();
            if let Some(o) = self.heap.alloc_str(s) {
                return Ok(o);
            }
        }
        Err(self.memory_error())
    }

    /// A str object of at most `n` bytes written by `init` straight into
    /// the new object (`init` returns how many it wrote; they must be
    /// valid UTF-8, else `UnicodeError`). Reuses a qstr when the text is
    /// interned.
    ///
    /// Errors: `MemoryError`, `UnicodeError`.
    pub fn new_str_with(&mut self, n: usize, init: impl FnOnce(&mut [u8]) -> usize) -> PyResult<Obj> {
        self.new_str_with_vm(true, n, |_, b| init(b))
    }

    /// A str (`is_str`) or bytes object of at most `n` bytes written by
    /// `init` straight into the new object; `init` may read the interpreter
    /// state (the objects whose contents it copies) and returns how many bytes it
    /// wrote. One allocation of exactly the result, no temporary buffer.
    /// A str is interned if its text already is a qstr.
    ///
    /// Errors: `MemoryError`; `UnicodeError` if a str's bytes are not UTF-8.
    pub fn new_str_with_vm<F: FnOnce(&Vm, &mut [u8]) -> usize>(
        &mut self,
        is_str: bool,
        n: usize,
        init: F,
    ) -> PyResult<Obj> {
        use crate::heap::var::{no_scan, var_bytes_or_max};
        let f = self.alloc_room(var_bytes_or_max::<StrHead>(n), false, no_scan::<StrHead>())?;
        // The bytes are a fresh allocation nothing refers to yet, so no
        // path from `&Vm` reaches them: `init` reads only other objects.
        let (o, buf) = crate::heap::strs::start_str_buf(f, n);
        let keep = init(&*self, buf).min(n);
        let r = self.heap.finish_str_buf(o, n, keep, is_str);
        self.finish_str(r)
    }

    /// A str of at most `n` bytes written by `fill` through a
    /// [`StrWriter`] (whole `&str` pieces: concatenation, join), straight
    /// into the new object; no UTF-8 check. `fill` may read the
    /// interpreter state (the objects whose text it copies). Interned if
    /// its text already is a qstr.
    ///
    /// Errors: `MemoryError`.
    #[inline]
    pub fn new_str_from_parts<F: FnOnce(&Vm, &mut StrWriter<'_>)>(&mut self, n: usize, fill: F) -> PyResult<Obj> {
        use crate::heap::var::{no_scan, var_bytes_or_max};
        let f = self.alloc_room(var_bytes_or_max::<StrHead>(n), false, no_scan::<StrHead>())?;
        // As in `new_str_with_vm`: `fill` reads only other objects.
        let (o, buf) = crate::heap::strs::start_str_buf(f, n);
        let mut w = StrWriter::new(buf);
        fill(&*self, &mut w);
        // The text is hashed and looked up from the writer's bytes, before
        // the object is finished (which an interned text skips).
        let t = w.into_text();
        let hash = hash_bytes(t.as_bytes());
        let q = match short_qstr(t.as_bytes()) {
            Some(q) => Some(q),
            None => self.qstrs.lookup_hashed(&self.heap, t, hash),
        };
        if let Some(q) = q {
            if cfg!(not(target_os = "none")) {
                self.heap.free_addr(o.raw());
            }
            return Ok(Obj::qstr(q));
        }
        Ok(self.heap.finish_str_valid_hashed(o, n, t.len(), hash))
    }

    fn finish_str(&mut self, r: Result<Obj, ()>) -> PyResult<Obj> {
        match r {
            Ok(o) if o.ptr_type().is_some_and(|t| core::ptr::eq(t, &types::str::STR_TYPE)) => self.intern_if_known(o),
            Ok(o) => Ok(o),
            Err(()) => Err(self.error_noargs(&types::exception::UNICODE_ERROR_TYPE)),
        }
    }

    /// A str object from bytes that must be valid UTF-8 (e.g. pieces cut
    /// at character boundaries, decoded input).
    ///
    /// Errors: `UnicodeError` if they are not, `MemoryError`.
    pub fn new_str_from_utf8(&mut self, b: &[u8]) -> PyResult<Obj> {
        match mpy_bytecode::utf8::str(b) {
            Some(s) => self.new_str(s),
            None => Err(self.error_noargs(&types::exception::UNICODE_ERROR_TYPE)),
        }
    }

    /// `o` itself, or the qstr with the same text if there is one (and
    /// the short strings that always are qstrs). `o` is a str just made
    /// (nothing else refers to it): freed at once when a qstr replaces it.
    fn intern_if_known(&mut self, o: Obj) -> PyResult<Obj> {
        if let Some(s) = self.heap.str_pinned(o) {
            let q = match short_qstr(s.as_bytes()) {
                Some(q) => Some(q),
                None => {
                    let h = self.heap.str_hash(o).unwrap_or(0);
                    self.qstrs.lookup_hashed(&self.heap, s, h)
                }
            };
            if let Some(q) = q {
                if cfg!(not(target_os = "none")) {
                    self.heap.free_addr(o.raw());
                }
                return Ok(Obj::qstr(q));
            }
        }
        Ok(o)
    }

    /// A str object for bytes `a..b` of str `src`'s text (which must be a
    /// char-boundary range of it; anything else gives `""`).
    ///
    /// Errors: `MemoryError`.
    pub fn new_str_slice(&mut self, src: Obj, a: usize, b: usize) -> PyResult<Obj> {
        let t = self.str_pinned(src).and_then(|s| s.get(a..b)).unwrap_or("");
        self.new_str(t)
    }

    /// The text of a str object (qstr, heap str, or the str part of a str
    /// subclass instance); None if not a str. Pinned: valid across
    /// allocations while the object lives (see the module docs).
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn str_pinned<'a>(&self, o: Obj) -> Option<&'a str> {
        if let Some(q) = o.as_qstr() {
            return Some(self.qstr_str(q));
        }
        if let Some(s) = self.heap.str_pinned(o) {
            return Some(s);
        }
        self.str_of_native(o)
    }

    /// [`Vm::str_pinned`] (kept for the many callers that only read).
    #[inline]
    pub fn str_of<'a>(&self, o: Obj) -> Option<&'a str> {
        self.str_pinned(o)
    }

    /// The str part of a str-subclass instance (out of line, so
    /// `str_pinned` itself has no recursion).
    #[inline(never)]
    fn str_of_native<'a>(&self, o: Obj) -> Option<&'a str> {
        let n = self.heap.get::<crate::vm::class::InstanceNativeObj>(o)?.native;
        if let Some(q) = n.as_qstr() {
            return Some(self.qstr_str(q));
        }
        self.heap.str_pinned(n)
    }

    /// The hash of a str object (qstr or heap str).
    #[inline]
    pub fn str_hash(&self, o: Obj) -> Option<u32> {
        match o.as_qstr() {
            Some(q) => Some(self.qstr_hash(q)),
            None => self.heap.str_hash(o),
        }
    }

    /// A bytes object.
    ///
    /// Errors: `MemoryError`.
    pub fn new_bytes(&mut self, b: &[u8]) -> PyResult<Obj> {
        if let Some(o) = self.heap.alloc_bytes(b) {
            return Ok(o);
        }
        if self.heap.stats.lock_depth == 0 {
            self.collect();
            if let Some(o) = self.heap.alloc_bytes(b) {
                return Ok(o);
            }
        }
        Err(self.memory_error())
    }

    /// A bytes object of at most `n` bytes written by `init` (which
    /// returns how many it wrote).
    ///
    /// Errors: `MemoryError`.
    pub fn new_bytes_with(&mut self, n: usize, init: impl FnOnce(&mut [u8]) -> usize) -> PyResult<Obj> {
        self.new_str_with_vm(false, n, |_, b| init(b))
    }

    /// The bytes of a bytes object (not bytearray: it can change), pinned.
    #[inline]
    pub fn bytes_pinned<'a>(&self, o: Obj) -> Option<&'a [u8]> {
        let (h, b) = self.heap.var_pinned::<StrHead>(o)?;
        core::ptr::eq(h.base.ty, &types::bytes::BYTES_TYPE).then_some(b)
    }

    /// An int object from an `i64` (small int if it fits).
    ///
    /// Errors: `MemoryError`; without big ints (feature `bigint`),
    /// `OverflowError: small int overflow` outside the small-int range.
    pub fn new_int(&mut self, v: i64) -> PyResult<Obj> {
        if Obj::fits_small_int(v) {
            return Ok(Obj::small_int(v as isize));
        }
        self.new_int_i128(v as i128)
    }

    /// An int object from an `i128`.
    ///
    /// Errors: `MemoryError`; without big ints (feature `bigint`),
    /// `OverflowError: small int overflow` outside the small-int range.
    pub fn new_int_i128(&mut self, v: i128) -> PyResult<Obj> {
        if v >= Obj::SMALL_INT_MIN as i128 && v <= Obj::SMALL_INT_MAX as i128 {
            return Ok(Obj::small_int(v as isize));
        }
        #[cfg(not(feature = "bigint"))]
        return Err(types::int::small_int_overflow(self));
        #[cfg(feature = "bigint")]
        {
            let mut m = v.unsigned_abs();
            let mut d = [0u32; 4];
            let mut n = 0;
            while m != 0 {
                d[n] = m as u32;
                m >>= 32;
                n += 1;
            }
            self.new_int_mag(v < 0, &d[..n])
        }
    }

    /// An int object from a sign and a little-endian magnitude of 32-bit
    /// digits (normalised: high zero digits dropped, a small int when it
    /// fits).
    ///
    /// Errors: `MemoryError`.
    #[cfg(feature = "bigint")]
    pub fn new_int_mag(&mut self, neg: bool, digits: &[u32]) -> PyResult<Obj> {
        let mut n = digits.len();
        while n > 0 && digits[n - 1] == 0 {
            n -= 1;
        }
        let digits = &digits[..n];
        if n <= 2 {
            let m = digits.iter().rev().fold(0u64, |a, &d| (a << 32) | d as u64);
            if m <= Obj::SMALL_INT_MAX as u64 || (neg && m == Obj::SMALL_INT_MAX as u64 + 1) {
                let v = if neg { (m as i64).wrapping_neg() } else { m as i64 };
                return Ok(Obj::small_int(v as isize));
            }
        }
        let head = IntHead { base: ObjBase::new(&types::int::INT_TYPE), neg };
        self.alloc_var_with(head, n, |d| {
            d.copy_from_slice(digits);
            n
        })
    }

    /// The sign and magnitude digits of a big int object (not of small
    /// ints), pinned. (Always None without big ints, feature `bigint`.)
    #[inline]
    pub fn int_digits_pinned<'a>(&self, o: Obj) -> Option<(bool, &'a [u32])> {
        #[cfg(feature = "bigint")]
        return self.heap.var_pinned::<IntHead>(o).map(|(h, d)| (h.neg, d));
        #[cfg(not(feature = "bigint"))]
        {
            let _ = o;
            None
        }
    }

    /// A float object (no allocation when floats are NaN-boxed or stuffed;
    /// stuffing rounds to 30 bits).
    ///
    /// Errors: `MemoryError` (boxed floats only).
    #[cfg(feature = "float")]
    #[inline]
    pub fn new_float(&mut self, v: Float) -> PyResult<Obj> {
        #[cfg(any(feature = "nanbox", feature = "float-stuffed"))]
        {
            Ok(Obj::from_float(v))
        }
        #[cfg(not(any(feature = "nanbox", feature = "float-stuffed")))]
        {
            self.alloc_obj(types::float::FloatObj { base: ObjBase::new(&types::float::FLOAT_TYPE), value: v })
        }
    }

    /// The value of a float object.
    #[cfg(feature = "float")]
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn float_of(&self, o: Obj) -> Option<Float> {
        #[cfg(any(feature = "nanbox", feature = "float-stuffed"))]
        {
            o.as_inline_float()
        }
        #[cfg(not(any(feature = "nanbox", feature = "float-stuffed")))]
        {
            self.heap.get::<types::float::FloatObj>(o).map(|f| f.value)
        }
    }

    /// A complex object.
    #[cfg(feature = "complex")]
    ///
    /// Errors: `MemoryError`.
    pub fn new_complex(&mut self, re: Float, im: Float) -> PyResult<Obj> {
        self.alloc_obj(types::complex::ComplexObj { base: ObjBase::new(&types::complex::COMPLEX_TYPE), real: re, imag: im })
    }

    /// A tuple of `items` (which may point into other heap objects: they
    /// are copied after the allocation, which never moves objects).
    ///
    /// Errors: `MemoryError`.
    #[cfg_attr(not(target_os = "none"), inline(never))]
    pub fn new_tuple(&mut self, items: &[Obj]) -> PyResult<Obj> {
        if items.is_empty() {
            return Ok(Obj::from_static(&types::tuple::EMPTY_TUPLE.head.base));
        }
        // Desktop: up to 6 items (one or two blocks) from the allocator's
        // fast path, copied inline, in a function that needs no stack
        // frame; anything else is the general path below (a tail call).
        #[cfg(not(target_os = "none"))]
        {
            use crate::heap::var;
            let head = TupleHead { base: ObjBase::new(&types::tuple::TUPLE_TYPE) };
            let bytes = var::items_offset::<TupleHead>() + items.len() * core::mem::size_of::<Obj>();
            let f = if items.len() > 6 { None } else { self.alloc_room_fast_for(bytes, false) };
            if let Some(f) = f {
                let (o, d) = var::write_var_items(f, head, items.len());
                var::copy_small(d, items);
                return Ok(o);
            }
        }
        self.alloc_var_with(TupleHead { base: ObjBase::new(&types::tuple::TUPLE_TYPE) }, items.len(), |d| {
            d.copy_from_slice(items);
            d.len()
        })
    }

    /// A tuple of `n` items written by `init` (which returns how many it
    /// wrote).
    ///
    /// Errors: `MemoryError`.
    pub fn new_tuple_with(&mut self, n: usize, init: impl FnOnce(&mut [Obj]) -> usize) -> PyResult<Obj> {
        self.alloc_var_with(TupleHead { base: ObjBase::new(&types::tuple::TUPLE_TYPE) }, n, init)
    }

    /// The items of a tuple (not a subclass instance), pinned.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn tuple_pinned<'a>(&self, o: Obj) -> Option<&'a [Obj]> {
        self.heap.var_pinned::<TupleHead>(o).map(|(_, items)| items)
    }

    /// A new list holding a copy of `items`.
    ///
    /// Errors: `MemoryError`.
    #[cfg_attr(not(target_os = "none"), inline(never))]
    pub fn new_list(&mut self, items: &[Obj]) -> PyResult<Obj> {
        // Desktop: a list of up to one block of items and its object from
        // the allocator's fast path, the items copied inline.
        #[cfg(not(target_os = "none"))]
        {
            use crate::heap::BLOCK;
            let fits = |n: usize| n * core::mem::size_of::<Obj>() <= BLOCK && core::mem::size_of::<ListObj>() <= BLOCK;
            if items.is_empty() && fits(0) {
                if let Some(f) = self.alloc_room_fast::<1>(false) {
                    return Ok(crate::heap::write_obj(f, ListObj { base: ObjBase::new(&types::list::LIST_TYPE), items: GcVec::new() }));
                }
            } else if fits(items.len()) {
                if let Some(f) = self.alloc_room_fast::<1>(false) {
                    let v = crate::heap::vec::vec_from_fresh_copy(f, items);
                    if let Some(f) = self.alloc_room_fast::<1>(false) {
                        return Ok(crate::heap::write_obj(f, ListObj { base: ObjBase::new(&types::list::LIST_TYPE), items: v }));
                    }
                    return self.alloc_obj(ListObj { base: ObjBase::new(&types::list::LIST_TYPE), items: v });
                }
            }
        }
        let mut v: GcVec<Obj> = self.new_vec(items.len())?;
        v.extend_within_capacity(items);
        self.alloc_obj(ListObj { base: ObjBase::new(&types::list::LIST_TYPE), items: v })
    }

    /// A new empty list with room for `cap` items.
    ///
    /// Errors: `MemoryError`.
    pub fn new_list_with_capacity(&mut self, cap: usize) -> PyResult<Obj> {
        let v: GcVec<Obj> = self.new_vec(cap)?;
        self.alloc_obj(ListObj { base: ObjBase::new(&types::list::LIST_TYPE), items: v })
    }

    /// A list taking over a vector built in a Rust local.
    ///
    /// Errors: `MemoryError`.
    pub fn new_list_from_vec(&mut self, items: GcVec<Obj>) -> PyResult<Obj> {
        self.alloc_obj(ListObj { base: ObjBase::new(&types::list::LIST_TYPE), items })
    }

    /// The items of a list (borrowed: lists can change).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn list_items(&self, o: Obj) -> Option<&[Obj]> {
        self.heap.get::<ListObj>(o).map(|l| l.items.as_slice())
    }

    /// An empty dict.
    ///
    /// Errors: `MemoryError`.
    pub fn new_dict(&mut self) -> PyResult<Obj> {
        self.alloc_obj(types::dict::DictObj {
            base: ObjBase::new(&types::dict::DICT_TYPE),
            map: crate::map::Map::new(),
        })
    }

    /// A new empty dict with room for `n` entries when `n` is small (at
    /// most [`crate::map::LINEAR_MAX`]: BUILD_MAP's size hint, which comes
    /// from the bytecode, so a larger one is not trusted and the dict
    /// grows as it fills, as [`Vm::new_dict`]).
    ///
    /// Errors: `MemoryError`.
    #[cfg_attr(not(target_os = "none"), inline(never))]
    pub fn new_dict_sized(&mut self, n: usize) -> PyResult<Obj> {
        // Desktop: a table of up to two blocks (4 entries) and the dict
        // from the allocator's fast path, as the general path below would
        // make them (the same capacity: whole blocks).
        #[cfg(not(target_os = "none"))]
        if n > 0 && core::mem::size_of::<types::dict::DictObj>() <= crate::heap::BLOCK {
            use crate::heap::{vec::vec_from_fresh, write_obj, WORD};
            let (_, words) = crate::map::Map::new().grow_words(n);
            if let Some(f) = self.alloc_room_fast_for(words * WORD, false) {
                match crate::map::Map::small_from(vec_from_fresh::<usize>(f)) {
                    Ok(map) => {
                        let d = types::dict::DictObj { base: ObjBase::new(&types::dict::DICT_TYPE), map };
                        if let Some(f) = self.alloc_room_fast::<1>(false) {
                            return Ok(write_obj(f, d));
                        }
                        return self.alloc_obj(d);
                    }
                    Err(v) => self.heap.free_vec(v),
                }
            }
        }
        let mut map = crate::map::Map::new();
        if n <= crate::map::LINEAR_MAX {
            self.map_reserve_local(&mut map, n)?;
        }
        // The table's buffer is a local until the dict holds it: the gc
        // scans the native stack (as for a new instance's attributes).
        self.alloc_obj(types::dict::DictObj { base: ObjBase::new(&types::dict::DICT_TYPE), map })
    }

    /// The built-in type implementing `o`'s behaviour: for pointer
    /// objects their header type (for instances of user classes, the
    /// class's own `TypeObj`, whose slots dispatch to special methods).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn builtin_type(&self, o: Obj) -> &'static TypeObj {
        if let Some(t) = o.ptr_type() {
            return t;
        }
        if o.is_small_int() {
            return &types::int::INT_TYPE;
        }
        if o.as_qstr().is_some() {
            return &types::str::STR_TYPE;
        }
        #[cfg(feature = "float")]
        if o.is_float() {
            return &types::float::FLOAT_TYPE;
        }
        match o {
            Obj::NONE => &types::misc::NONE_TYPE,
            Obj::TRUE | Obj::FALSE => &types::misc::BOOL_TYPE,
            Obj::ELLIPSIS => &types::misc::ELLIPSIS_TYPE,
            Obj::NOT_IMPLEMENTED => &types::misc::NOT_IMPLEMENTED_TYPE,
            _ => &crate::typ::OBJECT_TYPE,
        }
    }

    /// `type(o)`: a built-in type object or a user class object.
    #[inline]
    pub fn type_of(&self, o: Obj) -> Obj {
        Obj::from_type(types::dict::visible_type(self.builtin_type(o)))
    }

    /// The items of a tuple or list, borrowed (None for other objects).
    #[inline]
    pub fn seq_items(&self, o: Obj) -> Option<&[Obj]> {
        if let Some(t) = self.tuple_pinned(o) {
            return Some(t);
        }
        self.list_items(o)
    }
}
