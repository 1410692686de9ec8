//! Constructors and accessors for the common object kinds.

use crate::obj::Obj;
use crate::objdata::{ObjData, StrObj};
use crate::qstr::{ascii_char, hash_bytes, Qstr};
use crate::state::Vm;
use crate::typ::TypeObj;
use crate::types;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

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
    /// A str object for `s` (an existing qstr if `s` is interned, else a
    /// new heap str). One-character ASCII strings and `""` are always
    /// built-in qstrs, so they allocate nothing.
    #[inline]
    pub fn new_str(&mut self, s: &str) -> PyResult<Obj> {
        if let Some(q) = short_qstr(s.as_bytes()) {
            return Ok(Obj::qstr(q));
        }
        let hash = hash_bytes(s.as_bytes());
        if let Some(q) = self.qstrs.lookup_hashed(s, hash) {
            return Ok(Obj::qstr(q));
        }
        self.alloc(ObjData::Str(StrObj { s: Box::from(s), hash }))
    }

    /// Like [`Vm::new_str`] but taking ownership of `s`: a new heap str
    /// keeps `s`'s buffer (no copy; a buffer with spare capacity is
    /// shrunk, so build `s` with the exact capacity where possible).
    pub fn new_str_owned(&mut self, s: String) -> PyResult<Obj> {
        if let Some(q) = short_qstr(s.as_bytes()) {
            return Ok(Obj::qstr(q));
        }
        let hash = hash_bytes(s.as_bytes());
        if let Some(q) = self.qstrs.lookup_hashed(&s, hash) {
            return Ok(Obj::qstr(q));
        }
        self.alloc(ObjData::Str(StrObj { s: s.into_boxed_str(), hash }))
    }

    /// A str object from bytes known to be valid UTF-8 (e.g. pieces of
    /// existing strs cut at character boundaries). Invalid UTF-8 (a caller
    /// bug) raises `UnicodeError` rather than making a bad str.
    pub fn new_str_from_utf8(&mut self, b: Vec<u8>) -> PyResult<Obj> {
        match String::from_utf8(b) {
            Ok(s) => self.new_str_owned(s),
            Err(_) => Err(self.error_noargs(&types::exception::UNICODE_ERROR_TYPE)),
        }
    }

    /// A str object for bytes `a..b` of str `src`'s text (which must be a
    /// char-boundary range of it; anything else gives `""`). Reuses a qstr
    /// if the text is interned; otherwise copies the text once, straight
    /// into the new str (no temporary buffer, no UTF-8 re-validation).
    pub fn new_str_slice(&mut self, src: Obj, a: usize, b: usize) -> PyResult<Obj> {
        let (hash, text) = {
            let t = self.str_of(src).and_then(|s| s.get(a..b)).unwrap_or("");
            if let Some(q) = short_qstr(t.as_bytes()) {
                return Ok(Obj::qstr(q));
            }
            let h = hash_bytes(t.as_bytes());
            if let Some(q) = self.qstrs.lookup_hashed(t, h) {
                return Ok(Obj::qstr(q));
            }
            (h, Box::<str>::from(t))
        };
        self.alloc(ObjData::Str(StrObj { s: text, hash }))
    }

    /// Interns `s` and returns its qstr.
    pub fn intern(&mut self, s: &str) -> Qstr {
        self.qstrs.intern(s)
    }

    /// The text of a str object (qstr or heap str); None if not a str.
    #[inline]
    pub fn str_of(&self, o: Obj) -> Option<&str> {
        if let Some(q) = o.as_qstr() {
            return Some(self.qstrs.str(q));
        }
        match self.heap.get(o)? {
            ObjData::Str(s) => Some(&s.s),
            ObjData::Instance(i) if !i.native.is_null() => self.str_of_native(i.native),
            _ => None,
        }
    }

    /// [`Vm::str_of`] for the native base of a str-subclass instance (out
    /// of line, so `str_of` itself has no recursion and can be inlined).
    #[inline(never)]
    fn str_of_native(&self, o: Obj) -> Option<&str> {
        self.str_of(o)
    }

    /// An int object from an `i64` (small int if it fits).
    pub fn new_int(&mut self, v: i64) -> PyResult<Obj> {
        if Obj::fits_small_int(v) {
            Ok(Obj::small_int(v as isize))
        } else {
            self.alloc(ObjData::Int(Box::new(BigInt::from(v))))
        }
    }

    /// An int object from a big int (normalised to a small int if it fits).
    pub fn new_bigint(&mut self, v: BigInt) -> PyResult<Obj> {
        if let Some(i) = v.to_i64() {
            if Obj::fits_small_int(i) {
                return Ok(Obj::small_int(i as isize));
            }
        }
        self.alloc(ObjData::Int(Box::new(v)))
    }

    /// A float object.
    pub fn new_float(&mut self, v: f64) -> PyResult<Obj> {
        self.alloc(ObjData::Float(v))
    }

    /// A complex object.
    pub fn new_complex(&mut self, re: f64, im: f64) -> PyResult<Obj> {
        self.alloc(ObjData::Complex(re, im))
    }

    /// A tuple of `items`.
    pub fn new_tuple(&mut self, items: &[Obj]) -> PyResult<Obj> {
        self.alloc(ObjData::Tuple(Box::from(items)))
    }

    /// A list owning `items`.
    pub fn new_list(&mut self, items: Vec<Obj>) -> PyResult<Obj> {
        self.alloc(ObjData::List(items))
    }

    /// An empty dict.
    pub fn new_dict(&mut self) -> PyResult<Obj> {
        self.alloc(ObjData::Dict(crate::map::Dict::new()))
    }

    /// A bytes object.
    pub fn new_bytes(&mut self, b: &[u8]) -> PyResult<Obj> {
        self.alloc(ObjData::Bytes(Box::from(b)))
    }

    /// The built-in type implementing `o`'s behaviour (for instances of
    /// user classes: the instance type; see [`Vm::type_of`] for the class).
    #[inline]
    pub fn builtin_type(&self, o: Obj) -> &'static TypeObj {
        if o.is_small_int() {
            return &types::int::INT_TYPE;
        }
        if o.as_qstr().is_some() {
            return &types::str::STR_TYPE;
        }
        if let Some(d) = self.heap.get(o) {
            return d.builtin_type();
        }
        if let Some(r) = o.as_rom() {
            return r.ty;
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
    pub fn type_of(&self, o: Obj) -> Obj {
        match self.heap.get(o) {
            Some(ObjData::Instance(i)) => i.class,
            Some(ObjData::Exception(e)) => e.class,
            _ => Obj::from_type(self.builtin_type(o)),
        }
    }

    /// The float value of a float object.
    pub fn float_of(&self, o: Obj) -> Option<f64> {
        match self.heap.get(o)? {
            ObjData::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The items of a tuple or list, copied out (None for other objects).
    pub fn seq_items(&self, o: Obj) -> Option<Vec<Obj>> {
        match self.heap.get(o)? {
            ObjData::Tuple(t) => Some(t.to_vec()),
            ObjData::List(l) => Some(l.clone()),
            _ => None,
        }
    }
}
