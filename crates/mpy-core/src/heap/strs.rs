//! str and bytes objects: a [`StrHead`] (type, hash) and the bytes inline
//! (a [`super::Var`]). The header can only be made here, so every str
//! object is made by these constructors, which guarantee its bytes are
//! valid UTF-8: reading a str's text needs no check.
//!
//! Also [`StaticTextObj`]: text in read-only memory (frozen modules'
//! names), used only inside the qstr pool.

use super::registry::VarHead;
use super::Heap;
use crate::obj::{Obj, ObjBase};
use crate::qstr::hash_bytes;
use crate::typ::TypeObj;
use crate::types::bytes::BYTES_TYPE;
use crate::types::str::STR_TYPE;

/// The header of a heap str or bytes object (interned strs are
/// `Obj::qstr` instead).
#[repr(C)]
pub struct StrHead {
    /// Header (`str` or `bytes`).
    pub base: ObjBase,
    hash: u32,
}

impl StrHead {
    /// `qstr::hash_bytes` of the bytes.
    #[inline(always)]
    pub fn hash(&self) -> u32 {
        self.hash
    }
}

/// Text in read-only memory, for the qstr pool (never seen by Python).
#[repr(C)]
pub struct StaticTextObj {
    /// Header ([`STATIC_TEXT_TYPE`]).
    pub base: ObjBase,
    /// The text.
    pub text: &'static str,
    /// Its `hash_bytes`.
    pub hash: u32,
}

/// The internal type of [`StaticTextObj`].
pub static STATIC_TEXT_TYPE: TypeObj = TypeObj { name: crate::qstr::q::str.tn(), ..TypeObj::EMPTY };

impl Heap {
    /// A new heap str holding `s` (no interning here). Gives nothing back
    /// on failure: the caller collects and retries.
    pub fn alloc_str(&mut self, s: &str) -> Option<Obj> {
        self.alloc_str_hashed(s, hash_bytes(s.as_bytes()))
    }

    /// [`Heap::alloc_str`] of `s` whose [`hash_bytes`] is `hash` (the
    /// caller computed it already).
    #[inline]
    pub fn alloc_str_hashed(&mut self, s: &str, hash: u32) -> Option<Obj> {
        let h = StrHead { base: ObjBase::new(&STR_TYPE), hash };
        self.alloc_var_with(h, s.len(), false, |b| {
            copy_bytes(b, s.as_bytes());
            b.len()
        })
        .ok()
    }

    /// A new heap str of `n` bytes written by `init` (which returns how
    /// many it wrote); None if it does not fit, or if the bytes written are
    /// not valid UTF-8 (the object is then freed).
    pub fn alloc_str_with(&mut self, n: usize, init: impl FnOnce(&mut [u8]) -> usize) -> Option<Result<Obj, ()>> {
        let h = StrHead { base: ObjBase::new(&BYTES_TYPE), hash: 0 };
        let o = self.alloc_var_with(h, n, false, init).ok()?;
        Some(self.retype_as_str(o))
    }

    /// A new bytes object holding `b`.
    pub fn alloc_bytes(&mut self, b: &[u8]) -> Option<Obj> {
        let h = StrHead { base: ObjBase::new(&BYTES_TYPE), hash: hash_bytes(b) };
        self.alloc_var_with(h, b.len(), false, |d| {
            d.copy_from_slice(b);
            d.len()
        })
        .ok()
    }

    /// A new bytes object of `n` bytes written by `init` (which returns
    /// how many it wrote).
    pub fn alloc_bytes_with(&mut self, n: usize, init: impl FnOnce(&mut [u8]) -> usize) -> Option<Obj> {
        let h = StrHead { base: ObjBase::new(&BYTES_TYPE), hash: 0 };
        let o = self.alloc_var_with(h, n, false, init).ok()?;
        self.set_str_hash(o);
        Some(o)
    }

    /// Computes and stores the hash of a just-built str/bytes object.
    pub(crate) fn set_str_hash(&mut self, o: Obj) {
        let Some(b) = self.var::<StrHead>(o).map(|(_, b)| hash_bytes(b)) else { return };
        let p = super::obj_ptr::<StrHead>(self, o);
        // SAFETY: `o` was just made by this module and is not yet visible
        // to anything else; only its hash field is written.
        unsafe { (*p).hash = b };
    }

    /// Turns a just-built bytes object into a str if its bytes are valid
    /// UTF-8 (else frees it).
    pub(crate) fn retype_as_str(&mut self, o: Obj) -> Result<Obj, ()> {
        let ok = self.var::<StrHead>(o).is_some_and(|(_, b)| mpy_bytecode::utf8::valid(b));
        if !ok {
            self.free_addr(o.raw());
            return Err(());
        }
        self.set_str_hash(o);
        let p = super::obj_ptr::<StrHead>(self, o);
        // SAFETY: `o` was just made by this module (not yet visible to
        // anything else) with the `StrHead` layout, which `str` shares;
        // its bytes were checked to be UTF-8 above.
        unsafe { (*p).base = ObjBase::new(&STR_TYPE) };
        Ok(o)
    }

    /// The text of heap str `o`, not tied to the heap borrow (str objects
    /// never change; see [`Heap::var_pinned`] for how long it is valid).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn str_pinned<'a>(&self, o: Obj) -> Option<&'a str> {
        let (h, b) = self.var_pinned::<StrHead>(o)?;
        if !core::ptr::eq(h.base.ty, &STR_TYPE) {
            return None;
        }
        // SAFETY: objects of type `str` are only made by this module's
        // constructors, which store valid UTF-8 (from a `&str`, or checked
        // in `retype_as_str`), and are never written afterwards.
        Some(unsafe { core::str::from_utf8_unchecked(b) })
    }

    /// The bytes of a heap str or bytes object `o`, pinned as
    /// [`Heap::str_pinned`].
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn str_bytes_pinned<'a>(&self, o: Obj) -> Option<&'a [u8]> {
        self.var_pinned::<StrHead>(o).map(|(_, b)| b)
    }

    /// Desktop: the text (as bytes) and stored hash of a heap str (not
    /// bytes) in one header read, pinned as [`Heap::str_pinned`].
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn str_text_hash<'a>(&self, o: Obj) -> Option<(&'a [u8], u32)> {
        let (h, b) = self.var_pinned::<StrHead>(o)?;
        if !core::ptr::eq(h.base.ty, &STR_TYPE) {
            return None;
        }
        Some((b, h.hash))
    }

    /// The stored hash of a heap str or bytes object.
    #[inline(always)]
    pub fn str_hash(&self, o: Obj) -> Option<u32> {
        self.var::<StrHead>(o).map(|(h, _)| h.hash)
    }

    /// The text of a [`StaticTextObj`] (or of a heap str), for the qstr
    /// pool.
    #[inline]
    pub fn text_of<'a>(&self, o: Obj) -> Option<(&'a str, u32)> {
        if let Some(t) = self.get::<StaticTextObj>(o) {
            return Some((t.text, t.hash));
        }
        let s = self.str_pinned(o)?;
        Some((s, self.str_hash(o).unwrap_or(0)))
    }
}

/// Copies `s` into `d` (of the same length). Desktop: texts of up to 16
/// bytes (most pieces and short strs) by a few word moves instead of a
/// `memcpy` call.
#[inline(always)]
fn copy_bytes(d: &mut [u8], s: &[u8]) {
    #[cfg(not(target_os = "none"))]
    {
        let n = s.len();
        if d.len() == n && n <= 16 {
            if n >= 8 {
                d[..8].copy_from_slice(&s[..8]);
                d[n - 8..].copy_from_slice(&s[n - 8..]);
            } else if n >= 4 {
                d[..4].copy_from_slice(&s[..4]);
                d[n - 4..].copy_from_slice(&s[n - 4..]);
            } else {
                for (a, b) in d.iter_mut().zip(s) {
                    *a = *b;
                }
            }
            return;
        }
    }
    d.copy_from_slice(s);
}

/// `VarHead` is implemented for `StrHead` in the registry.
#[allow(dead_code)]
fn _is_var_head<H: VarHead>() {}

/// Starts a new str or bytes object of `n` (zeroed) bytes in the fresh
/// allocation `f` (made for `var::var_bytes::<StrHead>(n)` bytes): returns
/// it (typed bytes, no hash yet) and its bytes to write, which must be
/// dropped before anything else can see the object; then
/// [`Heap::finish_str_buf`]. Untyped, so one copy serves every writer.
#[cfg_attr(target_os = "none", inline(never))]
pub(crate) fn start_str_buf<'a>(f: super::Fresh, n: usize) -> (Obj, &'a mut [u8]) {
    let h = StrHead { base: ObjBase::new(&BYTES_TYPE), hash: 0 };
    super::var::write_var_items(f, h, n)
}

/// Desktop: writes a new heap str holding `s` (whose [`hash_bytes`] is
/// `hash`) into the fresh allocation `f`, made for at least
/// `var_bytes::<StrHead>(s.len())` bytes (the small-str fast path of
/// `Vm::new_str`).
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(crate) fn write_str_fresh(f: super::Fresh, s: &str, hash: u32) -> Obj {
    let h = StrHead { base: ObjBase::new(&STR_TYPE), hash };
    let (o, d) = super::var::write_var_items(f, h, s.len());
    // (`d` is `s.len()` bytes: `f` has room for them.)
    copy_bytes(d, s.as_bytes().get(..d.len()).unwrap_or(&[]));
    o
}

/// Number of decimal digits of `m` (desktop: `%`'s widths and writer).
#[cfg(not(target_os = "none"))]
#[inline]
pub fn decimal_len(m: u64) -> usize {
    // The powers of ten below 2**64; `m`'s bit length gives the count
    // less one or exactly (`bits * 1233 >> 12` is floor(bits * log10(2))
    // for bits <= 64), one compare settles which.
    const POW10: [u64; 20] = {
        let mut t = [1u64; 20];
        let mut i = 1;
        while i < 20 {
            t[i] = t[i - 1] * 10;
            i += 1;
        }
        t
    };
    let bits = (64 - (m | 1).leading_zeros()) as usize;
    let t = (bits * 1233) >> 12;
    (t + usize::from(POW10.get(t).is_some_and(|&p| m >= p))).max(1)
}

/// Writes whole `&str` pieces (and ASCII padding and digits) into the
/// bytes of a new str (see [`start_str_buf`]): what it holds is a
/// concatenation of valid UTF-8, so [`Heap::finish_str_valid`] needs no
/// check.
pub struct StrWriter<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> StrWriter<'a> {
    /// A writer at the start of `buf`.
    #[inline]
    pub(crate) fn new(buf: &'a mut [u8]) -> StrWriter<'a> {
        StrWriter { buf, len: 0 }
    }

    /// Appends `s` if it fits whole (callers size the buffer exactly, so
    /// it always does; a piece that does not is left out whole).
    /// Desktop: always inlined (a few moves per piece in the joins).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline)]
    pub fn push(&mut self, s: &str) {
        if let Some(d) = self.buf.get_mut(self.len..self.len + s.len()) {
            copy_bytes(d, s.as_bytes());
            self.len += s.len();
        }
    }

    /// Appends the ASCII byte `c` if it is ASCII and fits.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn push_ascii(&mut self, c: u8) {
        if let (true, Some(d)) = (c.is_ascii(), self.buf.get_mut(self.len)) {
            *d = c;
            self.len += 1;
        }
    }

    /// Appends `n` copies of `c` if it is ASCII and they fit.
    #[inline]
    pub fn push_fill(&mut self, c: u8, n: usize) {
        if let (true, Some(d)) = (c.is_ascii(), self.buf.get_mut(self.len..self.len + n)) {
            d.fill(c);
            self.len += n;
        }
    }

    /// Appends the decimal digits of `m` if they fit (desktop: `%`'s
    /// one-pass writer): straight into the buffer from the last digit,
    /// two at a time.
    #[cfg(not(target_os = "none"))]
    #[inline]
    pub fn push_decimal(&mut self, mut m: u64) {
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let n = decimal_len(m);
        let Some(d) = self.buf.get_mut(self.len..self.len + n) else { return };
        let mut k = n;
        while m >= 100 && k >= 2 {
            let r = (m % 100) as usize * 2;
            m /= 100;
            k -= 2;
            if let (Some(o), Some(p)) = (d.get_mut(k..k + 2), PAIRS.get(r..r + 2)) {
                o.copy_from_slice(p);
            }
        }
        if m >= 10 && k >= 2 {
            let r = m as usize * 2;
            if let (Some(o), Some(p)) = (d.get_mut(k - 2..k), PAIRS.get(r..r + 2)) {
                o.copy_from_slice(p);
            }
        } else if let Some(o) = k.checked_sub(1).and_then(|j| d.get_mut(j)) {
            *o = b'0' + m as u8;
        }
        self.len += n;
    }

    /// The text written (valid UTF-8: only whole `&str`s and ASCII are
    /// ever appended), pinned like the new object's bytes.
    #[inline]
    pub(crate) fn into_text(self) -> &'a str {
        let b: &'a [u8] = self.buf;
        let b = b.get(..self.len).unwrap_or(&[]);
        // SAFETY: `push` appends whole `&str`s, `push_fill` and
        // `push_decimal` ASCII, at `len`: the first `len` bytes are a
        // concatenation of valid UTF-8.
        unsafe { core::str::from_utf8_unchecked(b) }
    }

    /// Bytes still free.
    #[inline]
    pub fn room(&self) -> usize {
        self.buf.len() - self.len
    }

    /// Bytes written so far.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Nothing written yet?
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Heap {
    /// Finishes a str begun by [`start_str_buf`] whose `n` bytes were
    /// written through a [`StrWriter`] that wrote `w_len` of them: valid
    /// UTF-8 by construction, so no check.
    #[cfg(test)]
    pub(crate) fn finish_str_valid(&mut self, o: Obj, n: usize, w_len: usize) -> Obj {
        let h = self.var::<StrHead>(o).map_or(0, |(_, b)| hash_bytes(b.get(..w_len).unwrap_or(&[])));
        self.finish_str_valid_hashed(o, n, w_len, h)
    }

    /// [`Heap::finish_str_valid`] given the `hash_bytes` of the text
    /// written (the caller computed it from [`StrWriter::into_text`]).
    // (Desktop: inline, it is a few stores on every new str's path.)
    #[cfg_attr(target_os = "none", inline(never))]
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub(crate) fn finish_str_valid_hashed(&mut self, o: Obj, n: usize, w_len: usize, hash: u32) -> Obj {
        self.var_keep::<StrHead>(o, n, w_len);
        let p = super::obj_ptr::<StrHead>(self, o);
        // SAFETY: `o` was just made by `start_str_buf` (not yet visible to
        // anything else) with the `StrHead` layout, which `str` shares;
        // its bytes are whole `&str`s appended by a `StrWriter`, so valid
        // UTF-8.
        unsafe { *p = StrHead { base: ObjBase::new(&STR_TYPE), hash } };
        o
    }

    /// Finishes an object begun by [`start_str_buf`] with `n` bytes of
    /// which the first `keep` were written: a str (`is_str`; `Err` if the
    /// bytes are not valid UTF-8, the object is then freed) or bytes.
    #[cfg_attr(target_os = "none", inline(never))]
    pub(crate) fn finish_str_buf(&mut self, o: Obj, n: usize, keep: usize, is_str: bool) -> Result<Obj, ()> {
        self.var_keep::<StrHead>(o, n, keep);
        if is_str {
            self.retype_as_str(o)
        } else {
            self.set_str_hash(o);
            Ok(o)
        }
    }
}
