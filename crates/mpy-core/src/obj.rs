//! `Obj`: the one-word handle to every Python value.
//!
//! Two layouts of the word, chosen at build time:
//!
//! **Pointer-tagged** (32-bit targets, and 64-bit builds without the
//! `nanbox` feature). Low bits are the tag:
//!
//! | bits        | meaning                                                      |
//! |-------------|--------------------------------------------------------------|
//! | `...xxx1`   | small int: the word shifted right by one (arithmetic)        |
//! | `...x010`   | qstr: id = word >> 3                                         |
//! | `...x110`   | immediate constant: None, False, True, Ellipsis, ...         |
//! | `...xx00`   | pointer to an object (gc heap or ROM); 0 is NULL             |
//!
//! Floats are heap objects (`FloatObj`, one gc block), unless stuffed:
//!
//! **Stuffed floats** (feature `float-stuffed`, 32-bit targets only,
//! single-precision floats): the `...10` half of the space holds floats,
//! and qstrs and immediates move into the top of it, which as a float is
//! the negative quiet NaNs (never made: NaNs are canonicalised):
//!
//! | 32-bit word                          | meaning                                   |
//! |--------------------------------------|-------------------------------------------|
//! | `...xxx1`                            | small int (31 bits)                       |
//! | `...xx00`                            | pointer; 0 is NULL                        |
//! | `1111111111 id(19) 0 10` (`0xffc0_0002 \| id << 3`) | qstr                       |
//! | `1111111111 n(19) 1 10` (`0xffff_fffe - 8k` for constant `k`) | immediate constant |
//! | any other `...10` (below `0xffc0_0000`) | float: `f32::from_bits(word & !3)`     |
//!
//! A float keeps 30 bits (sign, exponent, the top 21 of the 23 mantissa
//! bits): stuffing rounds the `f32` to nearest, ties to even, on its 2 low
//! mantissa bits (the largest floats round up to infinity); NaNs become
//! `0x7fc0_0000` or, negative, `0xffa0_0000`. A float word is never a
//! multiple of 4, so the gc never takes it for a pointer. Qstr ids are
//! limited to 19 bits ([`Obj::QSTR_ID_MAX`]).
//!
//! **NaN-boxed** (feature `nanbox`, 64-bit hosts only): a word whose top 16
//! bits are not all zero is a float: the IEEE-754 double's bits plus
//! [`FLOAT_OFFSET`] (NaNs are canonicalised so no double wraps around into
//! the other space). A word whose top 16 bits are zero is tagged as above
//! within its low 48 bits (small ints are then 47 bits wide). Floats never
//! allocate in this layout.
//!
//! Pointers point at a `#[repr(C)]` object whose first field is an
//! [`ObjBase`] naming its type (MicroPython's `mp_obj_base_t`): built-in
//! types and functions are statics, everything else lives in the gc heap
//! ([`crate::heap`]). The gc recognises heap pointers by address.

use crate::qstr::Qstr;
use crate::typ::TypeObj;

/// A Python value: one machine word (see the module docs for the encoding).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Obj(usize);

/// An object word made at compile time, for tables in read-only memory
/// (`typ::Rom`): a pointer to a `'static` object (kept as a pointer, so
/// that constant evaluation can make it) or an immediate word (small int,
/// qstr, None, stuffed float). [`ConstObj::obj`] turns it into an [`Obj`].
#[derive(Clone, Copy)]
pub struct ConstObj(*const ObjBase);

// SAFETY: a `ConstObj` is an immutable word, only ever turned into an
// `Obj` (pointers among them point to `'static` objects that are never
// written), so sharing it between threads is sharing a number.
unsafe impl Sync for ConstObj {}
// SAFETY: as above.
unsafe impl Send for ConstObj {}

/// A built-in type's `locals` table (see [`crate::typ::TypeObj::locals`])
/// in five bytes: its length (at most 255 entries) and its address,
/// unaligned, so that a `TypeObj` keeps it beside its 16-bit name and its
/// flags in the words a `&[T]` (eight bytes) and the flags took alone.
/// Made only from a `'static` slice ([`Locals::of`]), read back as one.
#[derive(Clone, Copy)]
#[repr(C, packed)]
pub struct Locals {
    // (The length first: after a `TypeObj`'s 16-bit name and its flags
    // the address then sits on a word boundary on the boards, one aligned
    // load.)
    len: u8,
    ptr: *const crate::typ::Entry,
}

// SAFETY: `ptr` points to a `'static` slice of `Copy` entries that is
// never written (it was a `&'static` shared reference), so sharing the
// table between threads is sharing that reference.
unsafe impl Sync for Locals {}
// SAFETY: as above.
unsafe impl Send for Locals {}

impl Locals {
    /// No entries.
    pub const EMPTY: Locals = Locals::of(&[]);

    /// The table `t` (a compile-time error if it has more than 255 entries).
    pub const fn of(t: &'static [crate::typ::Entry]) -> Locals {
        assert!(t.len() <= u8::MAX as usize);
        Locals { len: t.len() as u8, ptr: t.as_ptr() }
    }

    /// The entries.
    #[inline]
    pub fn get(self) -> &'static [crate::typ::Entry] {
        let (ptr, len) = (self.ptr, self.len);
        // SAFETY: `ptr` and `len` are the address and the length of the
        // `&'static` slice `Locals::of` was given (the fields are private
        // and never changed afterwards): the same slice, still valid.
        unsafe { core::slice::from_raw_parts(ptr, usize::from(len)) }
    }
}

impl ConstObj {
    /// The `'static` object `b`.
    pub const fn from_static(b: &'static ObjBase) -> ConstObj {
        ConstObj(b)
    }

    /// The built-in function `f` (see [`crate::typ::BuiltinFun`]: no
    /// header on the boards, so not through [`ConstObj::from_static`]).
    pub const fn from_fun(f: &'static crate::typ::BuiltinFun) -> ConstObj {
        ConstObj((f as *const crate::typ::BuiltinFun).cast())
    }

    /// An immediate word (not a pointer: no provenance).
    const fn word(w: usize) -> ConstObj {
        ConstObj(core::ptr::without_provenance(w))
    }

    /// The small int `v` (must fit: checked at compile time).
    pub const fn small_int(v: isize) -> ConstObj {
        assert!(v >= Obj::SMALL_INT_MIN && v <= Obj::SMALL_INT_MAX);
        ConstObj::word((((v as usize) << 1) | 1) & !HIGH)
    }

    /// The interned string `q`.
    pub const fn qstr(q: Qstr) -> ConstObj {
        ConstObj::word((((q.0 as usize) & ID_MASK) << 3) | TAG_QSTR)
    }

    /// `None`.
    pub const NONE: ConstObj = ConstObj::word(Obj::NONE.0);

    /// NULL (no object).
    pub const NULL: ConstObj = ConstObj::word(0);

    /// The stuffed float word of `f`.
    #[cfg(feature = "float-stuffed")]
    pub const fn float(f: f32) -> ConstObj {
        ConstObj::word(stuff_f32(f) as usize)
    }

    /// The object.
    #[inline(always)]
    pub fn obj(self) -> Obj {
        Obj(self.0.expose_provenance())
    }
}

/// The header every object starts with: its type. For instances of user
/// classes the type is the class's own `TypeObj` (which lives in the gc
/// heap, kept alive by this very pointer: the gc scans every word of a
/// live object).
#[repr(C)]
pub struct ObjBase {
    /// The type of the object.
    pub ty: &'static TypeObj,
}

impl ObjBase {
    /// A header for an object of type `ty`.
    #[inline(always)]
    pub const fn new(ty: &'static TypeObj) -> ObjBase {
        ObjBase { ty }
    }
}

/// The boards' built-in functions: statics without a header, told from
/// every other object by their odd first word (see `typ::Native`).
#[cfg(target_os = "none")]
mod bfun {
    use super::ObjBase;

    /// The header every built-in function shares.
    pub(super) static HEADER: ObjBase = ObjBase::new(&crate::typ::BUILTIN_FUNCTION_TYPE);

    /// `function` (out of line and cold: keeps `Obj::ptr_type`'s path for
    /// every other object one test and branch longer than a plain load).
    #[cold]
    #[inline(never)]
    pub(super) fn fun_type() -> &'static crate::typ::TypeObj {
        &crate::typ::BUILTIN_FUNCTION_TYPE
    }
}

/// Bits compared to tell qstrs and immediates (the low 3; with stuffed
/// floats also the top 10).
#[cfg(not(feature = "float-stuffed"))]
const TAG_MASK: usize = 0b111 | HIGH;
#[cfg(not(feature = "float-stuffed"))]
const TAG_QSTR: usize = 0b010;
#[cfg(not(feature = "float-stuffed"))]
const TAG_IMM: usize = 0b110;
#[cfg(feature = "float-stuffed")]
const TAG_MASK: usize = STUFFED_RESERVED as usize | 0b111;
#[cfg(feature = "float-stuffed")]
const TAG_QSTR: usize = STUFFED_RESERVED as usize | 0b010;
#[cfg(feature = "float-stuffed")]
const TAG_IMM: usize = STUFFED_RESERVED as usize | 0b110;
/// Payload bits of a qstr/immediate word (above the 3 tag bits).
#[cfg(not(feature = "float-stuffed"))]
const ID_MASK: usize = usize::MAX >> 3;
#[cfg(feature = "float-stuffed")]
const ID_MASK: usize = (1 << 19) - 1;

#[cfg(all(feature = "float-stuffed", not(target_pointer_width = "32")))]
compile_error!("feature `float-stuffed` needs a 32-bit target");
#[cfg(all(feature = "float-stuffed", feature = "nanbox"))]
compile_error!("features `float-stuffed` and `nanbox` exclude each other");

/// With stuffed floats: words at or above this (with low bits `10`) are
/// qstrs and immediates; as `f32` bits, the negative quiet NaNs.
pub const STUFFED_RESERVED: u32 = 0xffc0_0000;

/// The stuffed word of `f` (see the module docs): rounded to nearest
/// (ties to even) on the 2 low mantissa bits, NaNs canonical, low bits
/// `10`; always below [`STUFFED_RESERVED`]. Pure bit arithmetic, tested on
/// every host; [`Obj::from_float`] uses it with feature `float-stuffed`.
#[inline(always)]
pub const fn stuff_f32(f: f32) -> u32 {
    let b = f.to_bits();
    let w = if f.is_nan() {
        if b >> 31 != 0 {
            0xffa0_0000
        } else {
            0x7fc0_0000
        }
    } else {
        b.wrapping_add(1 + ((b >> 2) & 1)) & !3
    };
    w | 0b10
}

/// The float of a stuffed word (`w & !3` as `f32` bits).
#[inline(always)]
pub const fn unstuff_f32(w: u32) -> f32 {
    f32::from_bits(w & !3)
}

/// Is `w` a stuffed float word (low bits `10`, below the qstr/immediate
/// space)?
#[inline(always)]
pub const fn is_stuffed_f32(w: u32) -> bool {
    w & 0b11 == 0b10 && w < STUFFED_RESERVED
}

#[cfg(all(feature = "nanbox", not(target_pointer_width = "64")))]
compile_error!("feature `nanbox` needs a 64-bit target");

/// Whether floats are NaN-boxed into the word (feature `nanbox`).
pub const NANBOX: bool = cfg!(feature = "nanbox");

/// Bits of the word that must be zero for a non-float value (the top 16
/// bits under NaN-boxing; nothing otherwise).
#[cfg(feature = "nanbox")]
const HIGH: usize = 0xffff_0000_0000_0000;
#[cfg(not(feature = "nanbox"))]
const HIGH: usize = 0;

/// Added to a double's bits to make a NaN-boxed float word.
#[cfg(feature = "nanbox")]
pub const FLOAT_OFFSET: u64 = 1 << 48;

/// Immediate constant number `k`: `k << 3 | 0b110`; with stuffed floats
/// counted down from the top of the word (`0xffff_fffe - 8k`), which
/// Thumb-2 compares with in one short instruction (`cmn r, #2`).
const fn imm(k: usize) -> Obj {
    if cfg!(feature = "float-stuffed") {
        Obj(usize::MAX - 1 - 8 * k)
    } else {
        Obj((k << 3) | TAG_IMM)
    }
}

impl Obj {
    /// The null handle: "no object" (MicroPython's `MP_OBJ_NULL`), used for
    /// empty slots, LOAD_NULL and unbound locals. Never visible to Python.
    pub const NULL: Obj = Obj(0);
    /// `None`.
    pub const NONE: Obj = imm(0);
    /// `False`.
    pub const FALSE: Obj = imm(1);
    /// `True`.
    pub const TRUE: Obj = imm(2);
    /// `...`.
    pub const ELLIPSIS: Obj = imm(3);
    /// `NotImplemented`.
    pub const NOT_IMPLEMENTED: Obj = imm(4);
    /// Internal sentinel: "the iterator is exhausted" (MP_OBJ_STOP_ITERATION).
    pub const STOP_ITERATION: Obj = imm(5);

    /// Bits in a small int, sign included (63 or 31 pointer-tagged, 47
    /// NaN-boxed).
    pub const SMALL_INT_BITS: u32 = if NANBOX { 47 } else { usize::BITS - 1 };
    /// Largest qstr id an object word can hold.
    pub const QSTR_ID_MAX: usize = ID_MASK;
    /// Largest small int.
    pub const SMALL_INT_MAX: isize = (1isize << (Obj::SMALL_INT_BITS - 1)) - 1;
    /// Smallest small int.
    pub const SMALL_INT_MIN: isize = -(1isize << (Obj::SMALL_INT_BITS - 1));

    /// The raw word (for hashing by identity and the gc's scan).
    #[inline(always)]
    pub fn raw(self) -> usize {
        self.0
    }

    /// Rebuilds a handle from [`Obj::raw`] of a value that was an `Obj`.
    #[inline(always)]
    pub(crate) fn from_raw(w: usize) -> Obj {
        Obj(w)
    }

    /// Is this the null handle?
    #[inline(always)]
    pub fn is_null(self) -> bool {
        self.0 == 0
    }

    /// A bool object.
    #[inline(always)]
    pub fn bool(b: bool) -> Obj {
        if b {
            Obj::TRUE
        } else {
            Obj::FALSE
        }
    }

    /// Does `v` fit in a small int?
    #[inline(always)]
    pub fn fits_small_int(v: i64) -> bool {
        v >= Obj::SMALL_INT_MIN as i64 && v <= Obj::SMALL_INT_MAX as i64
    }

    /// A small int; `v` must be in `SMALL_INT_MIN..=SMALL_INT_MAX` (checked
    /// by `debug_assert`; callers check with [`Obj::fits_small_int`]).
    #[inline(always)]
    pub fn small_int(v: isize) -> Obj {
        debug_assert!((Obj::SMALL_INT_MIN..=Obj::SMALL_INT_MAX).contains(&v));
        Obj((((v as usize) << 1) | 1) & !HIGH)
    }

    /// The value if this is a small int.
    #[inline(always)]
    pub fn as_small_int(self) -> Option<isize> {
        if self.is_small_int() {
            Some(self.small_int_unchecked())
        } else {
            None
        }
    }

    /// Is this a small int?
    #[inline(always)]
    pub fn is_small_int(self) -> bool {
        self.0 & (HIGH | 1) == 1
    }

    /// The small-int value without checking the tag (garbage if not one).
    #[inline(always)]
    pub fn small_int_unchecked(self) -> isize {
        let shift = usize::BITS - 1 - Obj::SMALL_INT_BITS;
        ((self.0 << shift) as isize) >> (shift + 1)
    }

    /// A str object that is the interned string `q`.
    #[inline(always)]
    pub fn qstr(q: Qstr) -> Obj {
        debug_assert!(q.0 as usize <= ID_MASK);
        Obj((((q.0 as usize) & ID_MASK) << 3) | TAG_QSTR)
    }

    /// The qstr if this str object is an interned one.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn as_qstr(self) -> Option<Qstr> {
        if self.0 & TAG_MASK == TAG_QSTR {
            Some(Qstr(((self.0 >> 3) & ID_MASK) as u32))
        } else {
            None
        }
    }

    /// Is this one of the immediate constants (None, bools, Ellipsis, ...)?
    #[inline(always)]
    pub fn is_immediate(self) -> bool {
        self.0 & TAG_MASK == TAG_IMM
    }

    /// Is this True or False?
    #[inline(always)]
    pub fn is_bool(self) -> bool {
        self == Obj::TRUE || self == Obj::FALSE
    }

    /// Is this a pointer to an object (heap or ROM; not NULL)?
    #[inline(always)]
    pub fn is_ptr(self) -> bool {
        // NaN-boxed: one compare instead of two tests. Pointers are the
        // non-zero multiples of 4 below 2^48: `w - 4` rotated right by 2
        // is `(w - 4) / 4 <= 2^46 - 2` for them, and at least `2^46 - 1`
        // for every other word (NULL wraps to the top, tag bits rotate
        // into the top two bits, `2^48` up stays at `2^46 - 1` or above).
        #[cfg(feature = "nanbox")]
        return self.0.wrapping_sub(4).rotate_right(2) < (1 << 46) - 1;
        #[cfg(not(feature = "nanbox"))]
        return self.0 & (HIGH | 0b11) == 0 && self.0 != 0;
    }

    /// The object's address if this is a pointer.
    #[inline(always)]
    pub fn as_ptr_addr(self) -> Option<usize> {
        if self.is_ptr() {
            Some(self.0)
        } else {
            None
        }
    }

    /// A pointer object from an object's address (which must be at least
    /// 4-aligned and start with an [`ObjBase`]; the heap and `from_type` /
    /// `from_static` are the only callers).
    #[inline(always)]
    pub(crate) fn from_addr(addr: usize) -> Obj {
        debug_assert!(addr & 0b11 == 0 && addr & HIGH == 0 && addr != 0);
        Obj(addr)
    }

    /// A handle to a type (built-in, or a user class's embedded `TypeObj`).
    #[inline(always)]
    pub fn from_type(t: &TypeObj) -> Obj {
        Obj::from_addr((t as *const TypeObj).expose_provenance())
    }

    /// A handle to a `'static` object (built-in functions and other ROM
    /// objects): `b` must be the first field of a `#[repr(C)]` static.
    #[inline(always)]
    pub fn from_static(b: &'static ObjBase) -> Obj {
        Obj::from_addr((b as *const ObjBase).expose_provenance())
    }

    /// A handle to the built-in function `f`.
    #[inline(always)]
    pub fn from_fun(f: &'static crate::typ::BuiltinFun) -> Obj {
        Obj::from_addr((f as *const crate::typ::BuiltinFun).expose_provenance())
    }

    /// The object header behind a pointer (on the boards, a built-in
    /// function's shared one: see [`crate::typ::BuiltinFun`]).
    #[inline(always)]
    pub fn base(self) -> Option<&'static ObjBase> {
        if self.is_ptr() {
            #[cfg(target_os = "none")]
            if self.is_builtin_fun_word() {
                return Some(&bfun::HEADER);
            }
            let p: *const ObjBase = core::ptr::with_exposed_provenance(self.0);
            // SAFETY: pointer words are only made by `from_addr` from the
            // address of a live object that starts with an `ObjBase`
            // (statics, or gc heap objects kept alive while any word
            // holding their address is reachable from the gc's roots,
            // which include the native stack where this `Obj` lives).
            // The header is never written after the object is made.
            Some(unsafe { &*p })
        } else {
            None
        }
    }

    /// The type implementing this pointer object's behaviour, if a pointer.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn ptr_type(self) -> Option<&'static TypeObj> {
        #[cfg(target_os = "none")]
        {
            // One load and a bit test (no range test, no second load): a
            // board function's first word is odd (see `typ::Native`),
            // every other object's is its header's type.
            if !self.is_ptr() {
                return None;
            }
            let p: *const *const TypeObj = core::ptr::with_exposed_provenance(self.0);
            // SAFETY: as in `head_word` (`self` is a pointer word).
            let w = unsafe { p.read() };
            if w.addr() & 1 != 0 {
                return Some(bfun::fun_type());
            }
            // SAFETY: an even first word is the object's `ObjBase::ty`, a
            // `&'static TypeObj` (see `head_word`).
            Some(unsafe { &*w })
        }
        #[cfg(not(target_os = "none"))]
        self.base().map(|b| b.ty)
    }

    /// The first word of the pointer object `self` as it lies, if a
    /// pointer: its header's type, except on the boards for a built-in
    /// function, which has no header and whose first word is odd (its
    /// `typ::Native` tag), so never the address of any `TypeObj`. Comparing
    /// it with a type other than `function` is thus an exact type test.
    #[inline(always)]
    fn head_word(self) -> Option<*const TypeObj> {
        if !self.is_ptr() {
            return None;
        }
        let p: *const *const TypeObj = core::ptr::with_exposed_provenance(self.0);
        // SAFETY: pointer words are only made by `from_addr` from the
        // address of a live (or static) object, aligned, that starts with
        // an `ObjBase` (a `*const TypeObj`, read with its provenance) or,
        // on the boards, is a `BuiltinFun`, whose first word is all
        // initialised bytes (the `Native` tag, byte fields and explicit
        // padding): read as a pointer without provenance, only compared
        // and bit-tested, never dereferenced.
        Some(unsafe { p.read() })
    }

    /// Boards: is `self` a pointer to a built-in function (a header-less
    /// `BuiltinFun`, whose first word, its `typ::Native` tag, is odd)?
    #[cfg(target_os = "none")]
    #[inline(always)]
    fn is_builtin_fun_word(self) -> bool {
        self.head_word().is_some_and(|w| w.addr() & 1 != 0)
    }

    /// Is `self` a pointer object of exactly the type `t`? For any `t`
    /// but `function` (whose board objects have no header): one load and
    /// compare.
    #[inline(always)]
    pub fn is_exactly(self, t: &TypeObj) -> bool {
        self.head_word().is_some_and(|w| core::ptr::eq(w, t))
    }

    /// The type if this object is a type (built-in or user class).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn as_type(self) -> Option<&'static TypeObj> {
        if self.is_exactly(&crate::typ::TYPE_TYPE) {
            let p: *const TypeObj = core::ptr::with_exposed_provenance(self.0);
            // SAFETY: every object whose header type is `type` is a
            // `TypeObj` (a static, or the first field of a heap `ClassObj`),
            // and the header is its first field under `#[repr(C)]`.
            Some(unsafe { &*p })
        } else {
            None
        }
    }

    /// The built-in function if this is one.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn as_builtin_fun(self) -> Option<&'static crate::typ::BuiltinFun> {
        #[cfg(target_os = "none")]
        {
            if self.is_builtin_fun_word() {
                let p: *const crate::typ::BuiltinFun = core::ptr::with_exposed_provenance(self.0);
                // SAFETY: `self` is a pointer word whose object's first
                // word is odd: only a `BuiltinFun` static starts so (its
                // `Native` tag; every other object starts with the address
                // of a 4-aligned `TypeObj`), and pointer words are only
                // made from objects' addresses (`from_fun` for these).
                return Some(unsafe { &*p });
            }
            None
        }
        #[cfg(not(target_os = "none"))]
        {
            self.as_builtin_fun_by_header()
        }
    }

    /// [`Obj::as_builtin_fun`] on the desktop: by the header's type.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn as_builtin_fun_by_header(self) -> Option<&'static crate::typ::BuiltinFun> {
        let b = self.base()?;
        if core::ptr::eq(b.ty, &crate::typ::BUILTIN_FUNCTION_TYPE) {
            let p = b as *const ObjBase as *const crate::typ::BuiltinFun;
            // SAFETY: only `BuiltinFun` statics carry the builtin-function
            // header, as their first `#[repr(C)]` field.
            Some(unsafe { &*p })
        } else {
            None
        }
    }

    /// The built-in module if this is one (a static `ModuleDef`).
    /// (added by modules)
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn as_builtin_module(self) -> Option<&'static crate::typ::ModuleDef> {
        if self.is_exactly(&crate::typ::BUILTIN_MODULE_TYPE) {
            let p: *const crate::typ::ModuleDef = core::ptr::with_exposed_provenance(self.0);
            // SAFETY: only `ModuleDef` statics carry the built-in module
            // header, as their first `#[repr(C)]` field.
            Some(unsafe { &*p })
        } else {
            None
        }
    }

    /// Is this a float (inline or boxed)? Boxed floats are recognised by
    /// their type.
    #[inline(always)]
    pub fn is_float(self) -> bool {
        // Without floats (feature `float`) nothing is one, whatever the
        // layout.
        #[cfg(not(feature = "float"))]
        {
            false
        }
        #[cfg(all(feature = "float", feature = "nanbox"))]
        {
            self.0 & HIGH != 0
        }
        #[cfg(all(feature = "float", feature = "float-stuffed"))]
        {
            is_stuffed_f32(self.0 as u32)
        }
        #[cfg(all(feature = "float", not(any(feature = "nanbox", feature = "float-stuffed"))))]
        {
            self.ptr_type().is_some_and(|t| core::ptr::eq(t, &crate::types::float::FLOAT_TYPE))
        }
    }

    /// A NaN-boxed float (NaNs keep their sign, lose their payload;
    /// single-precision values are stored widened, exactly).
    #[cfg(all(feature = "float", feature = "nanbox"))]
    #[inline(always)]
    pub fn from_float(f: crate::Float) -> Obj {
        let f = crate::flt::to_f64(f);
        let bits = if f.is_nan() { (f.to_bits() & (1 << 63)) | 0x7ff8_0000_0000_0000 } else { f.to_bits() };
        Obj(bits.wrapping_add(FLOAT_OFFSET) as usize)
    }

    /// The value of a NaN-boxed float.
    #[cfg(all(feature = "float", feature = "nanbox"))]
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn as_inline_float(self) -> Option<crate::Float> {
        if self.0 & HIGH != 0 {
            Some(crate::flt::from_f64(f64::from_bits((self.0 as u64).wrapping_sub(FLOAT_OFFSET))))
        } else {
            None
        }
    }

    /// A stuffed float (see the module docs: rounded to 30 bits). Not
    /// inlined: the rounding is a dozen instructions.
    #[cfg(all(feature = "float", feature = "float-stuffed"))]
    #[inline(never)]
    pub fn from_float(f: f32) -> Obj {
        Obj(stuff_f32(f) as usize)
    }

    /// The value of a stuffed float.
    #[cfg(all(feature = "float", feature = "float-stuffed"))]
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn as_inline_float(self) -> Option<f32> {
        if is_stuffed_f32(self.0 as u32) {
            Some(unstuff_f32(self.0 as u32))
        } else {
            None
        }
    }
}

impl core::fmt::Debug for Obj {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if let Some(i) = self.as_small_int() {
            write!(f, "Obj(int {i})")
        } else if let Some(q) = self.as_qstr() {
            write!(f, "Obj(qstr {})", q.0)
        } else if self.is_null() {
            write!(f, "Obj(NULL)")
        } else if self.is_ptr() {
            write!(f, "Obj(ptr {:#x})", self.0)
        } else {
            write!(f, "Obj({:#x})", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obj_is_one_word() {
        assert_eq!(core::mem::size_of::<Obj>(), core::mem::size_of::<usize>());
        assert_eq!(core::mem::size_of::<ObjBase>(), core::mem::size_of::<usize>());
    }

    #[test]
    fn small_int_round_trip() {
        for v in [0isize, 1, -1, Obj::SMALL_INT_MAX, Obj::SMALL_INT_MIN, 12345, -98765] {
            let o = Obj::small_int(v);
            assert_eq!(o.as_small_int(), Some(v));
            assert!(!o.is_ptr() && o.as_qstr().is_none() && !o.is_float());
        }
        assert!(!Obj::fits_small_int(Obj::SMALL_INT_MAX as i64 + 1));
        assert!(!Obj::fits_small_int(Obj::SMALL_INT_MIN as i64 - 1));
        assert_eq!(Obj::NONE.as_small_int(), None);
    }

    #[test]
    fn tags_are_distinct() {
        let q = Obj::qstr(Qstr(5));
        assert_eq!(q.as_qstr(), Some(Qstr(5)));
        assert!(!q.is_ptr() && !q.is_small_int());
        assert!(!Obj::NULL.is_ptr());
        assert!(Obj::NONE.is_immediate() && !Obj::NONE.is_bool() && !Obj::NONE.is_ptr());
        let t = Obj::from_type(&crate::typ::TYPE_TYPE);
        assert!(t.is_ptr());
        assert!(t.as_type().is_some());
        assert!(t.as_builtin_fun().is_none());
    }

    #[cfg(all(feature = "nanbox", not(feature = "float-single")))]
    #[test]
    fn nanbox_floats() {
        for f in [0.0, -0.0, 1.5, -2.25e300, f64::INFINITY, f64::NEG_INFINITY, f64::MIN_POSITIVE, 5e-324] {
            let o = Obj::from_float(f);
            assert!(o.is_float() && !o.is_ptr() && !o.is_small_int() && o.as_qstr().is_none());
            assert_eq!(o.as_inline_float().map(f64::to_bits), Some(f.to_bits()));
        }
        for bits in [0xffff_ffff_ffff_ffffu64, 0x7fff_ffff_ffff_ffff, 0xfff8_0000_0000_0001] {
            let o = Obj::from_float(f64::from_bits(bits));
            assert!(o.is_float());
            assert!(o.as_inline_float().is_some_and(f64::is_nan));
        }
    }

    /// Every 1021st f32 bit pattern (all exponents, both signs, NaNs):
    /// stuffing gives a float word below the reserved space that rounds
    /// to nearest, ties to even, on the 2 dropped bits.
    #[test]
    fn stuffed_rounding_sweep() {
        let mut b: u32 = 0;
        loop {
            let f = f32::from_bits(b);
            let w = stuff_f32(f);
            assert!(is_stuffed_f32(w), "{b:#x} -> {w:#x}");
            assert_eq!(w & 0b11, 0b10);
            assert!(w < STUFFED_RESERVED);
            let g = unstuff_f32(w);
            if f.is_nan() {
                assert!(g.is_nan());
                assert_eq!(g.is_sign_negative(), f.is_sign_negative());
            } else {
                assert_eq!(g.is_sign_negative(), f.is_sign_negative(), "{b:#x}");
                let down = f32::from_bits(b & !3);
                let up = f32::from_bits((b & !3).wrapping_add(4));
                let (dd, du) = ((f as f64 - down as f64).abs(), (up as f64 - f as f64).abs());
                let want = if b & 3 == 0 || dd < du || (dd == du && b & 4 == 0) { down } else { up };
                assert_eq!(g.to_bits(), want.to_bits(), "{b:#x}");
                // Already 30-bit values stay as they are.
                assert_eq!(stuff_f32(g), w);
            }
            match b.checked_add(1021) {
                Some(n) => b = n,
                None => break,
            }
        }
    }

    #[test]
    fn stuffed_specials() {
        for f in [0.0f32, -0.0, 1.0, -1.5, 0.25, f32::INFINITY, f32::NEG_INFINITY, 1e-40] {
            let g = unstuff_f32(stuff_f32(f));
            assert_eq!(g.to_bits(), f.to_bits() & !3, "{f}");
        }
        assert_eq!(unstuff_f32(stuff_f32(-0.0)).to_bits(), 0x8000_0000);
        // Ties to even: 1 + 2 units (of 2**-23) rounds down to 1, 1 + 6
        // units up to 1 + 8.
        assert_eq!(unstuff_f32(stuff_f32(f32::from_bits(0x3f80_0002))).to_bits(), 0x3f80_0000);
        assert_eq!(unstuff_f32(stuff_f32(f32::from_bits(0x3f80_0006))).to_bits(), 0x3f80_0008);
        // The largest floats round up to infinity, never into the NaNs.
        assert_eq!(unstuff_f32(stuff_f32(f32::MAX)), f32::INFINITY);
        assert_eq!(unstuff_f32(stuff_f32(f32::MIN)), f32::NEG_INFINITY);
        assert_eq!(unstuff_f32(stuff_f32(f32::from_bits(0x7f7f_fffd))).to_bits(), 0x7f7f_fffc);
        // The smallest subnormal rounds to zero.
        assert_eq!(unstuff_f32(stuff_f32(f32::from_bits(1))).to_bits(), 0);
        for bits in [0x7fc0_0000u32, 0x7f80_0001, 0xffff_ffff, 0xffc0_0000, 0xff80_0001] {
            let w = stuff_f32(f32::from_bits(bits));
            assert!(is_stuffed_f32(w) && unstuff_f32(w).is_nan());
            assert_eq!(unstuff_f32(w).is_sign_negative(), bits >> 31 != 0);
        }
        // The reserved space (qstrs, immediates) and the other tags are
        // never floats.
        for w in [STUFFED_RESERVED | 0b010, STUFFED_RESERVED | 0b110, 0xffff_fffe, 1, 3, 0, 4, 0x2000_0000, 0x7fff_ffff] {
            assert!(!is_stuffed_f32(w), "{w:#x}");
        }
    }

    #[cfg(feature = "float-stuffed")]
    #[test]
    fn stuffed_objects() {
        let mut seen = std::vec::Vec::new();
        for f in [0.0f32, -0.0, 1.0, 0.1, -2.5e-38, 3.4e38, f32::INFINITY, f32::NEG_INFINITY, f32::NAN, -f32::NAN] {
            let o = Obj::from_float(f);
            assert!(o.is_float());
            assert!(!o.is_ptr() && o.as_ptr_addr().is_none() && o.base().is_none());
            assert!(!o.is_small_int() && o.as_qstr().is_none() && !o.is_immediate() && !o.is_null());
            // Never a multiple of 4: not an object address.
            assert_eq!(o.raw() & 3, 2);
            let g = o.as_inline_float().unwrap_or(0.5);
            if f.is_nan() {
                assert!(g.is_nan());
            } else {
                assert!(g == f || (g - f).abs() <= f.abs() * 2.4e-7, "{f} {g}");
            }
            seen.push(o);
        }
        let imms = [Obj::NONE, Obj::TRUE, Obj::FALSE, Obj::ELLIPSIS, Obj::NOT_IMPLEMENTED, Obj::STOP_ITERATION];
        for o in imms {
            assert!(o.is_immediate() && !o.is_float() && o.as_qstr().is_none() && !o.is_ptr() && !o.is_small_int());
            assert!(!seen.contains(&o));
        }
        for id in [0u32, 1, 1000, Obj::QSTR_ID_MAX as u32] {
            let o = Obj::qstr(Qstr(id));
            assert_eq!(o.as_qstr(), Some(Qstr(id)));
            assert!(!o.is_float() && !o.is_immediate() && !o.is_ptr() && !o.is_small_int());
        }
        assert_eq!(Obj::QSTR_ID_MAX, (1 << 19) - 1);
        for v in [0isize, -1, Obj::SMALL_INT_MAX, Obj::SMALL_INT_MIN] {
            let o = Obj::small_int(v);
            assert!(!o.is_float() && o.as_inline_float().is_none());
        }
        assert_eq!(Obj::SMALL_INT_BITS, 31);
        let t = Obj::from_type(&crate::typ::TYPE_TYPE);
        assert!(!t.is_float() && t.as_inline_float().is_none());
    }
}
