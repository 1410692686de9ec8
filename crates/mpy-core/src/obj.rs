//! `Obj`: the one-word handle to every Python value.
//!
//! Layout of the word (low bits are the tag):
//!
//! | bits          | meaning                                                   |
//! |---------------|-----------------------------------------------------------|
//! | `...xxxx1`    | small int: the word shifted right by one (arithmetic)     |
//! | `...xxx010`   | qstr: id = word >> 3                                      |
//! | `...xxx110`   | immediate constant: None, False, True, Ellipsis, ...      |
//! | `...xxx100`   | ROM object: address of a `'static` [`RomHeader`]-led item |
//! | `...xxx000`   | heap object: `(slot index + 1) << 3 \| HEAP_KEY`; 0 = NULL |
//!
//! Small ints are `usize::BITS - 1` bits wide (63 on 64-bit hosts, 31 on the
//! Cortex-M4) and never allocate. ROM objects (built-in types and built-in
//! functions) are `#[repr(C, align(8))]` statics whose first field is a
//! [`RomHeader`] naming their type, as MicroPython's `mp_obj_base_t` does.
//! The encoding is private to this file: NaN-boxed floats (64-bit) or 30-bit
//! stuffed floats (32-bit) can later take the `100` tag's room by moving ROM
//! pointers under the immediate tag.

use crate::qstr::Qstr;
use crate::typ::TypeObj;

/// A Python value: one machine word (see the module docs for the encoding).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Obj(usize);

/// The header every ROM object starts with: its type.
#[repr(C)]
pub struct RomHeader {
    /// The type of the ROM object (e.g. `type` for a built-in type).
    pub ty: &'static TypeObj,
}

const TAG_MASK: usize = 0b111;
const TAG_QSTR: usize = 0b010;
const TAG_IMM: usize = 0b110;
const TAG_ROM: usize = 0b100;
/// High bits set in every heap handle on 64-bit hosts, so that no plain
/// integer (a length, an offset, a count) or pointer left on the native
/// stack looks like a handle to the gc's conservative scan. Bits 49..63:
/// dropped by [`Obj::heap_index`]'s truncation to `u32`, and non-canonical
/// as an address. 32-bit targets have no room for it.
const HEAP_KEY: usize = if usize::BITS == 64 { (0x5a5au64 << 48) as usize } else { 0 };

impl Obj {
    /// The null handle: "no object" (MicroPython's `MP_OBJ_NULL`), used for
    /// empty slots, LOAD_NULL and unbound locals. Never visible to Python.
    pub const NULL: Obj = Obj(0);
    /// `None`.
    pub const NONE: Obj = Obj(TAG_IMM);
    /// `False`.
    pub const FALSE: Obj = Obj((1 << 3) | TAG_IMM);
    /// `True`.
    pub const TRUE: Obj = Obj((2 << 3) | TAG_IMM);
    /// `...`.
    pub const ELLIPSIS: Obj = Obj((3 << 3) | TAG_IMM);
    /// `NotImplemented`.
    pub const NOT_IMPLEMENTED: Obj = Obj((4 << 3) | TAG_IMM);
    /// Internal sentinel: "the iterator is exhausted" (MP_OBJ_STOP_ITERATION).
    pub const STOP_ITERATION: Obj = Obj((5 << 3) | TAG_IMM);

    /// Bits in a small int, sign included.
    pub const SMALL_INT_BITS: u32 = usize::BITS - 1;
    /// Largest small int.
    pub const SMALL_INT_MAX: isize = isize::MAX >> 1;
    /// Smallest small int.
    pub const SMALL_INT_MIN: isize = isize::MIN >> 1;

    /// The raw word (for hashing by identity and the gc's stack scan).
    #[inline(always)]
    pub fn raw(self) -> usize {
        self.0
    }

    /// Rebuilds a handle from [`Obj::raw`]. Only the gc uses this, on words it
    /// has already validated.
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
        Obj(((v as usize) << 1) | 1)
    }

    /// The value if this is a small int.
    #[inline(always)]
    pub fn as_small_int(self) -> Option<isize> {
        if self.0 & 1 == 1 {
            Some((self.0 as isize) >> 1)
        } else {
            None
        }
    }

    /// Is this a small int?
    #[inline(always)]
    pub fn is_small_int(self) -> bool {
        self.0 & 1 == 1
    }

    /// The small-int value without checking the tag (garbage if not one).
    #[inline(always)]
    pub fn small_int_unchecked(self) -> isize {
        (self.0 as isize) >> 1
    }

    /// A str object that is the interned string `q`.
    #[inline(always)]
    pub fn qstr(q: Qstr) -> Obj {
        Obj(((q.0 as usize) << 3) | TAG_QSTR)
    }

    /// The qstr if this str object is an interned one.
    #[inline(always)]
    pub fn as_qstr(self) -> Option<Qstr> {
        if self.0 & TAG_MASK == TAG_QSTR {
            Some(Qstr((self.0 >> 3) as u32))
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

    /// A handle to heap slot `index`.
    #[inline(always)]
    pub(crate) fn heap(index: u32) -> Obj {
        Obj((((index as usize) + 1) << 3) | HEAP_KEY)
    }

    /// The heap slot index if this is a heap object.
    #[inline(always)]
    pub fn heap_index(self) -> Option<u32> {
        if self.0 & TAG_MASK == 0 && self.0 != 0 {
            Some(((self.0 >> 3) - 1) as u32)
        } else {
            None
        }
    }

    /// A handle to a built-in type.
    #[inline(always)]
    pub fn from_type(t: &'static TypeObj) -> Obj {
        Obj((t as *const TypeObj as usize) | TAG_ROM)
    }

    /// A handle to any ROM object: `r` must be the first field of a
    /// `#[repr(C, align(8))]` static (see [`crate::typ`]).
    #[inline(always)]
    pub fn from_rom(r: &'static RomHeader) -> Obj {
        Obj((r as *const RomHeader as usize) | TAG_ROM)
    }

    /// The ROM header if this is a ROM object.
    #[inline(always)]
    pub fn as_rom(self) -> Option<&'static RomHeader> {
        if self.0 & TAG_MASK == TAG_ROM {
            let p = (self.0 & !TAG_MASK) as *const RomHeader;
            // SAFETY: ROM handles are only made by `from_type`/`from_rom`
            // from `&'static` references to 8-aligned `#[repr(C)]` items that
            // start with a `RomHeader`, so `p` points to a live, immutable
            // `RomHeader` for the whole program.
            Some(unsafe { &*p })
        } else {
            None
        }
    }

    /// The built-in type if this is one.
    #[inline(always)]
    pub fn as_type(self) -> Option<&'static TypeObj> {
        let h = self.as_rom()?;
        if core::ptr::eq(h.ty, &crate::typ::TYPE_TYPE) {
            let p = h as *const RomHeader as *const TypeObj;
            // SAFETY: every ROM object whose header type is `type` is a
            // `TypeObj` (only `TypeObj` statics use that header), and the
            // header is its first field under `#[repr(C)]`.
            Some(unsafe { &*p })
        } else {
            None
        }
    }

    /// The built-in function if this is one.
    #[inline(always)]
    pub fn as_builtin_fun(self) -> Option<&'static crate::typ::BuiltinFun> {
        let h = self.as_rom()?;
        if core::ptr::eq(h.ty, &crate::typ::BUILTIN_FUNCTION_TYPE) {
            let p = h as *const RomHeader as *const crate::typ::BuiltinFun;
            // SAFETY: only `BuiltinFun` statics carry the builtin-function
            // header, as their first `#[repr(C)]` field.
            Some(unsafe { &*p })
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
        } else if let Some(i) = self.heap_index() {
            write!(f, "Obj(heap #{i})")
        } else if self.is_null() {
            write!(f, "Obj(NULL)")
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
        assert_eq!(core::mem::size_of::<Option<Obj>>(), 2 * core::mem::size_of::<usize>());
    }

    #[test]
    fn small_int_round_trip() {
        for v in [0isize, 1, -1, Obj::SMALL_INT_MAX, Obj::SMALL_INT_MIN, 12345, -98765] {
            assert_eq!(Obj::small_int(v).as_small_int(), Some(v));
        }
        assert!(!Obj::fits_small_int(Obj::SMALL_INT_MAX as i64 + 1));
        assert_eq!(Obj::NONE.as_small_int(), None);
    }

    #[test]
    fn tags_are_distinct() {
        let q = Obj::qstr(Qstr(5));
        assert_eq!(q.as_qstr(), Some(Qstr(5)));
        assert_eq!(q.heap_index(), None);
        let h = Obj::heap(7);
        assert_eq!(h.heap_index(), Some(7));
        assert!(Obj::NULL.heap_index().is_none());
        assert!(Obj::NONE.is_immediate() && !Obj::NONE.is_bool());
        let t = Obj::from_type(&crate::typ::TYPE_TYPE);
        assert!(t.as_type().is_some());
        assert!(t.as_builtin_fun().is_none());
    }
}
