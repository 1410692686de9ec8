//! Operators: truth, unary and binary operations, equality, hashing and
//! ordering, dispatched to type slots (MicroPython's `mp_unary_op` /
//! `mp_binary_op` logic and error messages).

#[cfg(feature = "float")]
use crate::flt::Float;
use crate::obj::Obj;
use crate::state::Vm;
use crate::typ::{BinaryOp, TypeObj, UnaryOp};
use crate::types;
use crate::PyResult;

/// `__neg__`-style method name of a unary op, for error messages (the
/// special method's qstr; `not` never gets here).
fn unary_name(vm: &Vm, op: UnaryOp) -> &'static str {
    vm.qstr_str(types::instance::unary_special(op).unwrap_or(crate::qstr::q::empty))
}

/// `__add__`-style method name of a binary op (reflected ops map to
/// `__radd__`, in-place to `__iadd__`), for error messages: the special
/// method's qstr (`is` and exception matching never fail).
fn binary_name(vm: &Vm, op: BinaryOp) -> &'static str {
    vm.qstr_str(types::instance::binary_qstr(op).unwrap_or(crate::qstr::q::empty))
}

impl Vm {
    /// The Python-visible type name of `o` (`'int'`, a class's name, ...),
    /// pinned (type names are qstrs, which live as long as the
    /// interpreter).
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn type_name<'a>(&self, o: Obj) -> &'a str {
        self.qstr_str(self.builtin_type(o).name())
    }

    /// The `__name__` of a type object (built-in type or user class);
    /// `"?"` for anything else.
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn class_name<'a>(&self, t: Obj) -> &'a str {
        match t.as_type() {
            Some(ty) => self.qstr_str(ty.name()),
            None => "?",
        }
    }

    /// `bool(o)`: None, False, 0, empty containers are false; types decide
    /// with their `Bool` or `Len` unary slots; everything else is true.
    ///
    /// Errors: whatever `__bool__`/`__len__` raise.
    #[cfg_attr(not(target_os = "none"), inline)]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn is_true(&mut self, o: Obj) -> PyResult<bool> {
        if o == Obj::FALSE || o == Obj::NONE {
            return Ok(false);
        }
        if o == Obj::TRUE {
            return Ok(true);
        }
        if let Some(i) = o.as_small_int() {
            return Ok(i != 0);
        }
        if let Some(q) = o.as_qstr() {
            return Ok(!self.qstr_str(q).is_empty());
        }
        let t = self.builtin_type(o);
        if let Some(f) = t.ext.unary_op {
            let r = f(self, UnaryOp::Bool, o)?;
            if !r.is_null() {
                return Ok(r == Obj::TRUE);
            }
            let r = f(self, UnaryOp::Len, o)?;
            if !r.is_null() {
                return Ok(r != Obj::small_int(0));
            }
        }
        Ok(true)
    }

    /// A unary operation (`-x`, `~x`, `not x`, `abs(x)`, ...).
    ///
    /// Errors: `TypeError: unsupported type for __neg__: 'str'`.
    pub fn unary_op(&mut self, op: UnaryOp, o: Obj) -> PyResult<Obj> {
        if op == UnaryOp::Not {
            return Ok(Obj::bool(!self.is_true(o)?));
        }
        if op == UnaryOp::Bool {
            return Ok(Obj::bool(self.is_true(o)?));
        }
        let t = self.builtin_type(o);
        if let Some(f) = t.ext.unary_op {
            let r = f(self, op, o)?;
            if !r.is_null() {
                return Ok(r);
            }
        }
        if op == UnaryOp::Hash {
            let h = self.hash(o)?;
            return Ok(Obj::small_int((h >> 2) as isize));
        }
        let tn = self.type_name(o);
        Err(self.type_error_fmt(super::exc::msg::UNSUPPORTED_TYPE, &[unary_name(self, op).into(), tn.into()]))
    }

    /// `len(o)` as a usize.
    ///
    /// Errors: `TypeError: object of type 'int' has no len()`.
    pub fn len(&mut self, o: Obj) -> PyResult<usize> {
        let t = self.builtin_type(o);
        if let Some(f) = t.ext.unary_op {
            let r = f(self, UnaryOp::Len, o)?;
            if let Some(n) = r.as_small_int() {
                return Ok(n.max(0) as usize);
            }
        }
        let tn = self.type_name(o);
        Err(self.type_error_fmt(msg!("object of type '{}' has no len()"), &[tn.into()]))
    }

    /// A binary operation, including comparisons, `in`, `is` and exception
    /// matching. Tries `type(a)`'s slot, then the reflected op on
    /// `type(b)`; in-place ops fall back to the plain op.
    ///
    /// Errors: `TypeError: unsupported types for __add__: 'int', 'str'`.
    pub fn binary_op(&mut self, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
        // Fast path: float/complex op float/complex/small int (either
        // side), the same arithmetic `num_binary_slot` reaches through the
        // numeric tower, without copying the operands into `Num`s first.
        // (Equality, `is`, `in` and reflected ops take the general path.)
        #[cfg(feature = "float")]
        if (op as u8) < BinaryOp::ReverseOr as u8
            && !matches!(op, BinaryOp::Equal | BinaryOp::NotEqual | BinaryOp::Is | BinaryOp::In | BinaryOp::ExceptionMatch)
        {
            if let Some((ka, xa, ya)) = self.fast_num(a) {
                if let Some((kb, xb, yb)) = self.fast_num(b) {
                    #[cfg(not(feature = "complex"))]
                    let _ = (ya, yb);
                    let r = match ka.max(kb) {
                        1 => types::float::float_binary_op(self, op, xa, xb)?,
                        #[cfg(feature = "complex")]
                        2 => types::complex::complex_binary_op(self, op, (xa, ya), (xb, yb))?,
                        _ => Obj::NULL,
                    };
                    if !r.is_null() {
                        return Ok(r);
                    }
                }
            }
        }
        self.binary_op_general(op, a, b)
    }

    /// [`Vm::binary_op`] through the type slots.
    #[inline(never)]
    fn binary_op_general(&mut self, op: BinaryOp, a: Obj, b: Obj) -> PyResult<Obj> {
        match op {
            BinaryOp::Is => return Ok(Obj::bool(a == b)),
            BinaryOp::Equal => return Ok(Obj::bool(self.eq(a, b)?)),
            BinaryOp::NotEqual => return Ok(Obj::bool(!self.eq(a, b)?)),
            BinaryOp::In => return Ok(Obj::bool(self.contains(b, a)?)),
            BinaryOp::ExceptionMatch => return Ok(Obj::bool(self.exception_match(a, b)?)),
            // Desktop: `str % x` of a plain str (not a subclass, which may
            // define `__mod__`) straight to the formatter str's slot reaches.
            #[cfg(not(target_os = "none"))]
            BinaryOp::Modulo if types::strutil::exact_str(self, a).is_some() => {
                let r = types::str_modulo::format_modulo(self, types::strutil::Kind::Str, a, b)?;
                if !r.is_null() {
                    return Ok(r);
                }
            }
            // Desktop: two plain strs (not subclasses, which may override
            // the comparison) at once: UTF-8 byte order is code point
            // order. (Boards: str's slot below compares them the same way.)
            #[cfg(not(target_os = "none"))]
            BinaryOp::Less | BinaryOp::More | BinaryOp::LessEqual | BinaryOp::MoreEqual => {
                let plain = |vm: &Self, o: Obj| match o.as_qstr() {
                    Some(q) => Some(vm.qstr_str(q)),
                    None => vm.heap.str_pinned(o),
                };
                if let (Some(x), Some(y)) = (plain(self, a), plain(self, b)) {
                    return Ok(Obj::bool(match op {
                        BinaryOp::Less => x < y,
                        BinaryOp::More => x > y,
                        BinaryOp::LessEqual => x <= y,
                        _ => x >= y,
                    }));
                }
            }
            _ => {}
        }
        // MicroPython treats a bool left operand as the int 0/1 (so
        // `True & True` is 1 and errors name 'int').
        let a = if a.is_bool() { Obj::small_int((a == Obj::TRUE) as isize) } else { a };
        let ta = self.builtin_type(a);
        if let Some(f) = ta.binary_op {
            let r = f(self, op, a, b)?;
            if !r.is_null() {
                return Ok(r);
            }
        }
        self.binary_op_unsupported(op, a, b, ta)
    }

    /// [`Vm::binary_op`] once `a`'s type (`ta`) did not support `op` with
    /// `b`: the plain operator for an in-place one, else `b`'s reflected
    /// operator or comparison, else the `TypeError`.
    ///
    /// Errors: `TypeError: unsupported types for ...`; whatever the
    /// reflected operator raises.
    pub(crate) fn binary_op_unsupported(&mut self, op: BinaryOp, a: Obj, b: Obj, ta: &'static TypeObj) -> PyResult<Obj> {
        let plain = op.non_inplace();
        if plain != op {
            return self.binary_op(plain, a, b);
        }
        // The right operand's reflected operator, or the reflected
        // comparison (a < b  <=>  b > a; only if the types differ).
        let alt = match op {
            BinaryOp::Less => Some((BinaryOp::More, true)),
            BinaryOp::More => Some((BinaryOp::Less, true)),
            BinaryOp::LessEqual => Some((BinaryOp::MoreEqual, true)),
            BinaryOp::MoreEqual => Some((BinaryOp::LessEqual, true)),
            _ => op.reversed().map(|r| (r, false)),
        };
        if let Some((rop, cmp)) = alt {
            let tb = self.builtin_type(b);
            if !(cmp && core::ptr::eq(tb, ta)) {
                if let Some(f) = tb.binary_op {
                    let r = f(self, rop, b, a)?;
                    if !r.is_null() {
                        return Ok(r);
                    }
                }
            }
        }
        let (na, nb) = (self.type_name(a), self.type_name(b));
        Err(self.type_error_fmt(msg!("unsupported types for {}: '{}', '{}'"), &[binary_name(self, op).into(), na.into(), nb.into()]))
    }

    /// A small int, float or complex operand as `(kind, real, imag)` with
    /// kind 0, 1, 2 respectively (None for anything else).
    #[cfg(feature = "float")]
    #[inline(always)]
    fn fast_num(&self, o: Obj) -> Option<(u8, Float, Float)> {
        if let Some(i) = o.as_small_int() {
            return Some((0, i as Float, 0.0));
        }
        if let Some(f) = self.float_of(o) {
            return Some((1, f, 0.0));
        }
        #[cfg(feature = "complex")]
        return self.heap.get::<types::complex::ComplexObj>(o).map(|c| (2, c.real, c.imag));
        #[cfg(not(feature = "complex"))]
        None
    }

    /// `a == b` for two plain tuples whose items compare without running
    /// code (small ints and qstrs, or identical non-float objects), as the
    /// tuple type's item-by-item comparison decides; None to take the
    /// general path.
    #[cfg(not(target_os = "none"))]
    fn flat_tuple_eq(&self, a: Obj, b: Obj) -> Option<bool> {
        let (x, y) = (self.tuple_pinned(a)?, self.tuple_pinned(b)?);
        if x.len() != y.len() {
            return Some(false);
        }
        let mut all_eq = true;
        for (&p, &q) in x.iter().zip(y.iter()) {
            if p == q {
                if p.is_small_int() || p.as_qstr().is_some() {
                    continue;
                }
                return None;
            }
            if (p.is_small_int() && q.is_small_int()) || (p.as_qstr().is_some() && q.as_qstr().is_some()) {
                all_eq = false;
                continue;
            }
            return None;
        }
        Some(all_eq)
    }

    /// `a < b` for two plain tuples whose items up to the first unequal
    /// pair are small ints or plain strs (sort keys such as `(-n, word)`),
    /// as the tuple type's item-by-item comparison decides; None to take
    /// the general path. Desktop only (the boards keep the one path).
    #[cfg(not(target_os = "none"))]
    fn flat_tuple_less(&self, a: Obj, b: Obj) -> Option<bool> {
        let (x, y) = (self.tuple_pinned(a)?, self.tuple_pinned(b)?);
        let plain = |o: Obj| match o.as_qstr() {
            Some(q) => Some(self.qstr_str(q)),
            None => self.heap.str_pinned(o),
        };
        for (&p, &q) in x.iter().zip(y.iter()) {
            if let (Some(i), Some(j)) = (p.as_small_int(), q.as_small_int()) {
                if i != j {
                    return Some(i < j);
                }
                continue;
            }
            let (s, t) = (plain(p)?, plain(q)?);
            // (The same str object is equal; else one comparison of the
            // texts, not `!=` then `<`.)
            if p != q {
                match s.as_bytes().cmp(t.as_bytes()) {
                    core::cmp::Ordering::Equal => {}
                    o => return Some(o.is_lt()),
                }
            }
        }
        Some(x.len() < y.len())
    }

    /// `a == b`. Identity implies equality except for floats (NaN).
    ///
    /// Errors: whatever an `__eq__` raises.
    pub fn eq(&mut self, a: Obj, b: Obj) -> PyResult<bool> {
        #[cfg(feature = "float")]
        let same = a == b && self.float_of(a).is_none();
        #[cfg(not(feature = "float"))]
        let same = a == b;
        if same {
            return Ok(true);
        }
        if a.is_small_int() && b.is_small_int() {
            return Ok(false);
        }
        // Distinct qstrs (interned texts) differ (desktop; boards take the
        // str comparison below).
        #[cfg(not(target_os = "none"))]
        if a.as_qstr().is_some() && b.as_qstr().is_some() {
            return Ok(false);
        }
        // Desktop: tuples of small ints/qstrs directly (boards: the tuple
        // type's slot below decides the same).
        #[cfg(not(target_os = "none"))]
        if let Some(r) = self.flat_tuple_eq(a, b) {
            return Ok(r);
        }
        if let (Some(x), Some(y)) = (self.str_pinned(a), self.str_pinned(b)) {
            if a.as_qstr().is_some() && b.as_qstr().is_some() {
                return Ok(false);
            }
            return Ok(x == y);
        }
        let ta = self.builtin_type(a);
        if let Some(f) = ta.binary_op {
            let r = f(self, BinaryOp::Equal, a, b)?;
            if !r.is_null() {
                return Ok(r == Obj::TRUE);
            }
        }
        let tb = self.builtin_type(b);
        if !core::ptr::eq(ta, tb) {
            if let Some(f) = tb.binary_op {
                let r = f(self, BinaryOp::Equal, b, a)?;
                if !r.is_null() {
                    return Ok(r == Obj::TRUE);
                }
            }
        }
        Ok(a == b)
    }

    /// `a < b` as a bool (for sorting, `min`, `max`).
    ///
    /// Errors: `TypeError: unsupported types for __lt__: ...`; whatever
    /// `__lt__`/`__bool__` raise.
    pub fn less(&mut self, a: Obj, b: Obj) -> PyResult<bool> {
        if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
            return Ok(x < y);
        }
        // A user-class instance's `__lt__` (sorting a list of them).
        #[cfg(not(target_os = "none"))]
        if a.ptr_type().is_some_and(|t| t.flags & crate::typ::flags::IS_CLASS != 0) {
            if let Some(r) = types::instance::inst_binary_inline(self, BinaryOp::Less, a, b) {
                let r = r?;
                // (A bool, the usual answer, without `is_true`.)
                if r == Obj::TRUE || r == Obj::FALSE {
                    return Ok(r == Obj::TRUE);
                }
                return self.is_true(r);
            }
        }
        #[cfg(not(target_os = "none"))]
        if let Some(r) = self.flat_tuple_less(a, b) {
            return Ok(r);
        }
        let r = self.binary_op(BinaryOp::Less, a, b)?;
        self.is_true(r)
    }

    /// `hash(o)` as 32 bits: equal numbers hash alike (`hash(1) ==
    /// hash(1.0) == hash(True)`), strs by content, tuples from their
    /// items, other objects by identity unless their type hashes them.
    ///
    /// Errors: `TypeError: unhashable type: 'list'` (and the types' own
    /// `unsupported type for __hash__` errors); a `__hash__`'s errors.
    pub fn hash(&mut self, o: Obj) -> PyResult<u32> {
        if let Some(i) = o.as_small_int() {
            return Ok(i as u32);
        }
        if let Some(q) = o.as_qstr() {
            return Ok(self.qstr_hash(q));
        }
        match o {
            Obj::FALSE => return Ok(0),
            Obj::TRUE => return Ok(1),
            _ => {}
        }
        let t = self.builtin_type(o);
        if core::ptr::eq(t, &types::str::STR_TYPE) {
            if let Some(h) = self.heap.str_hash(o) {
                return Ok(h);
            }
        }
        // Desktop: a tuple of small ints and strs directly, without
        // recursion (boards: the tuple type's slot below computes the
        // same).
        #[cfg(not(target_os = "none"))]
        if let Some(h) = self.tuple_pinned(o).and_then(|items| self.flat_tuple_hash(items)) {
            return Ok(h);
        }
        if let Some(f) = t.ext.unary_op {
            let r = f(self, UnaryOp::Hash, o)?;
            if let Some(h) = r.as_small_int() {
                return Ok(h as u32);
            }
            if let Some((_, digits)) = self.int_digits_pinned(r) {
                // A big int hash: fold it.
                return Ok(digits.iter().fold(0u32, |h, d| h ^ d));
            }
        }
        if is_unhashable_type(t) {
            return Err(crate::types::strutil::unhashable_type(self, o));
        }
        // Identity hash for everything else.
        Ok((o.raw() >> 3) as u32)
    }

    /// `item in container`.
    ///
    /// Errors: `TypeError: argument of type 'int' is not iterable`;
    /// whatever iteration or `__eq__` raise.
    pub fn contains(&mut self, container: Obj, item: Obj) -> PyResult<bool> {
        let t = self.builtin_type(container);
        if let Some(f) = t.binary_op {
            let r = f(self, BinaryOp::Contains, container, item)?;
            if !r.is_null() {
                return Ok(r == Obj::TRUE);
            }
        }
        if t.ext.iter.is_none() && t.iternext.is_none() && t.subscr.is_none() {
            let tn = self.type_name(container);
            return Err(self.type_error_fmt(msg!("argument of type '{}' is not iterable"), &[tn.into()]));
        }
        let it = self.get_iter(container)?;
        while let Some(x) = self.iter_next(it)? {
            if self.eq(x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Does exception instance or class `exc` match `cls` (a class or a
    /// tuple of classes), as `except cls:` tests?
    ///
    /// Errors: none in practice (kept fallible for callers).
    pub fn exception_match(&mut self, exc: Obj, cls: Obj) -> PyResult<bool> {
        if let Some(items) = self.tuple_pinned(cls) {
            for &c in items {
                if self.exception_match(exc, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        let exc_cls = if self.is_type(exc) { exc } else { self.type_of(exc) };
        Ok(self.is_subclass(exc_cls, cls))
    }

    /// Is `o` a type object (built-in type or user class)?
    #[inline]
    pub fn is_type(&self, o: Obj) -> bool {
        o.as_type().is_some()
    }

    /// `issubclass(sub, sup)` for type objects (false for non-types): a
    /// user class's MRO (which lists its built-in bases) or a built-in
    /// type's `base` chain.
    pub fn is_subclass(&self, sub: Obj, sup: Obj) -> bool {
        let Some(st) = sub.as_type() else { return false };
        if sub == sup || sup == Obj::from_type(&crate::typ::OBJECT_TYPE) {
            return true;
        }
        if let Some(c) = self.heap.class(sub) {
            if self.tuple_pinned(c.st.mro).is_some_and(|m| m.contains(&sup)) {
                return true;
            }
        }
        match sup.as_type() {
            Some(pt) => st.is_subtype_any(pt),
            None => false,
        }
    }

    /// `isinstance(o, cls)` for one class.
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn is_instance(&self, o: Obj, cls: Obj) -> bool {
        let t = self.type_of(o);
        self.is_subclass(t, cls)
    }
}

/// Types whose instances are unhashable by default (`hash([])` raises).
fn is_unhashable_type(t: &TypeObj) -> bool {
    core::ptr::eq(t, &types::list::LIST_TYPE)
        || types::dict::is_dict_type(t)
        || core::ptr::eq(t, &types::set::SET_TYPE)
        || core::ptr::eq(t, &types::bytearray::BYTEARRAY_TYPE)
}
