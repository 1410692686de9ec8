//! Fallible, budgeted allocation: every allocation the compiler makes goes
//! through a [`Mem`], which charges it to a byte budget and uses the
//! fallible `try_reserve` family, so running out of memory (the budget or
//! the allocator itself) is an error value, never an abort.
//!
//! # The budget
//!
//! [`crate::CompileOptions::mem_limit`] gives one compilation a budget in
//! bytes, like a bounded arena: every buffer's growth (a `Vec`'s or
//! `String`'s new capacity, a boxed tree node) is charged when it is
//! requested, and only a few known frees are credited back (a constant
//! converted twice, a temporary lexer buffer). The running total is
//! therefore an upper bound of what the compiler holds at any moment
//! (allocator headers and rounding aside), and a caller that can spare
//! `n` bytes passes `n`: the compilation either fits or fails with
//! [`crate::ErrorKind::MemoryError`]. An arena of its own (a block the
//! caller hands over) would bound memory just as well, but needs
//! `unsafe` code or index-based trees everywhere; charging the global
//! allocator keeps the compiler safe code with ordinary `Vec`s. (On the
//! boards the tree is freed whole, not node by node: see [`Own`].)
//!
//! Once an allocation has failed, [`Mem::failed`] stays true: the
//! emitter's many small writes do not return errors, they are dropped and
//! the pass checks the flag when it ends.
//!
//! # Growth
//!
//! Vectors grow by doubling from a small minimum ([`Mem::reserve`]), the
//! same amortised behaviour as `Vec::push`, but through
//! `Vec::try_reserve_exact` with the capacity computed here, so the
//! charge is exact. Writes that must not allocate (the bytecode crate's
//! encoders take a `&mut Vec<u8>`) are preceded by a reservation large
//! enough for them: a push within capacity never reallocates.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;
use core::fmt;
use core::mem::size_of;
use core::ops::{Deref, DerefMut};

/// Allocation failed: the budget or the allocator is exhausted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Oom;

/// A result whose error is running out of memory.
pub type MResult<T> = Result<T, Oom>;

/// The byte budget of one compilation and the sticky failure flag (see
/// the module docs).
#[derive(Debug)]
pub struct Mem {
    left: Cell<usize>,
    failed: Cell<bool>,
}

impl Mem {
    /// A budget of `limit` bytes (`usize::MAX`: unlimited).
    pub fn new(limit: usize) -> Mem {
        Mem { left: Cell::new(limit), failed: Cell::new(false) }
    }

    /// Bytes left in the budget.
    pub fn left(&self) -> usize {
        self.left.get()
    }

    /// Whether any allocation has failed so far.
    pub fn failed(&self) -> bool {
        self.failed.get()
    }

    /// Records a failure and returns it.
    #[cold]
    #[inline(never)]
    pub fn fail(&self) -> Oom {
        self.failed.set(true);
        Oom
    }

    /// Takes `bytes` from the budget.
    pub fn charge(&self, bytes: usize) -> MResult<()> {
        let l = self.left.get();
        if bytes > l {
            return Err(self.fail());
        }
        self.left.set(l - bytes);
        Ok(())
    }

    /// Gives `bytes` back to the budget (a buffer charged earlier was
    /// freed).
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn credit(&self, bytes: usize) {
        self.left.set(self.left.get().saturating_add(bytes));
    }

    /// Grows `v` to hold at least `extra` more items, doubling its
    /// capacity (at least 32 bytes' worth or one item: most lists of tree
    /// nodes, a block's statements or a call's arguments, hold one or two
    /// items, and their nodes are large).
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn reserve<T>(&self, v: &mut Vec<T>, extra: usize) -> MResult<()> {
        let add = self.plan(v.len(), v.capacity(), extra, size_of::<T>(), true)?;
        if add > 0 {
            return v.try_reserve_exact(add).map_err(|_| self.fail());
        }
        Ok(())
    }

    /// Grows `v` to hold exactly `extra` more items (no doubling).
    pub fn reserve_exact<T>(&self, v: &mut Vec<T>, extra: usize) -> MResult<()> {
        let add = self.plan(v.len(), v.capacity(), extra, size_of::<T>(), false)?;
        if add > 0 {
            return v.try_reserve_exact(add).map_err(|_| self.fail());
        }
        Ok(())
    }

    /// The type-independent part of [`Mem::reserve`] (`double`) and
    /// [`Mem::reserve_exact`], for a vector of `len` items of `size`
    /// bytes in room for `cap`: charges the growth and returns how many
    /// items past `len` to reserve exactly (0: it fits already). One
    /// out-of-line body, so the generic callers stay small.
    #[inline(never)]
    pub(crate) fn plan(&self, len: usize, cap: usize, extra: usize, size: usize, double: bool) -> MResult<usize> {
        let need = len.checked_add(extra).ok_or_else(|| self.fail())?;
        if need <= cap {
            return Ok(0);
        }
        let new_cap = if double {
            let min = (32 / size.max(1)).max(1);
            need.max(cap.saturating_mul(2)).max(min)
        } else {
            need
        };
        self.charge((new_cap - cap).checked_mul(size).ok_or_else(|| self.fail())?)?;
        Ok(new_cap - len)
    }

    /// Appends `x` to `v`.
    pub fn push<T>(&self, v: &mut Vec<T>, x: T) -> MResult<()> {
        self.reserve(v, 1)?;
        // Always true after the reserve; lets the push drop its growth path.
        if v.len() < v.capacity() {
            v.push(x);
        }
        Ok(())
    }

    /// Appends the items of `s` to `v`.
    pub fn extend<T: Copy>(&self, v: &mut Vec<T>, s: &[T]) -> MResult<()> {
        self.reserve(v, s.len())?;
        v.extend_from_slice(s);
        Ok(())
    }

    /// A vector with room for exactly `n` items.
    pub fn with_capacity<T>(&self, n: usize) -> MResult<Vec<T>> {
        let mut v = Vec::new();
        if let Err(e) = self.reserve_exact(&mut v, n) {
            // Nothing was allocated: the empty vector needs no drop glue.
            core::mem::forget(v);
            return Err(e);
        }
        Ok(v)
    }

    /// A vector holding a copy of `s` (exact capacity).
    pub fn vec_from<T: Copy>(&self, s: &[T]) -> MResult<Vec<T>> {
        let mut v = self.with_capacity(s.len())?;
        v.extend_from_slice(s);
        Ok(v)
    }

    /// `v` with its spare capacity given back: a list the parser has
    /// finished (a block's statements) is moved into an exactly sized
    /// vector, and the old buffer's charge is credited. Lists grown by
    /// doubling waste up to half their buffer otherwise, for as long as
    /// the tree lives.
    ///
    /// Kept out of line with a small body (the budget arithmetic is the
    /// non-generic [`Mem::refit`]): it has one copy per element type.
    pub fn fit<T>(&self, mut v: Vec<T>) -> MResult<Vec<T>> {
        self.fit_mut(&mut v)?;
        Ok(v)
    }

    /// [`Mem::fit`] in place: on failure `v` is left as it was.
    #[inline(never)]
    pub fn fit_mut<T>(&self, v: &mut Vec<T>) -> MResult<()> {
        let len = v.len();
        if len != v.capacity() {
            self.refit(len, v.capacity(), size_of::<T>())?;
            let mut out = Vec::new();
            if out.try_reserve_exact(len).is_err() {
                // Nothing was allocated: the empty vector needs no drop glue.
                core::mem::forget(out);
                return Err(self.fail());
            }
            out.append(v);
            *v = out;
        }
        Ok(())
    }

    /// Charges an exact buffer of `len` items of `size` bytes and credits
    /// the old one of `cap` items (see [`Mem::fit`]).
    #[inline(never)]
    fn refit(&self, len: usize, cap: usize, size: usize) -> MResult<()> {
        // len < cap and cap * size was allocated, so neither overflows.
        self.charge(len * size)?;
        self.credit(cap * size);
        Ok(())
    }

    /// `v` as an exactly sized boxed slice (see [`Mem::fit`]; the box
    /// needs no reallocation then).
    pub fn boxed_slice<T>(&self, mut v: Vec<T>) -> MResult<Box<[T]>> {
        self.fit_mut(&mut v)?;
        self.exact_box(v)
    }

    /// `v`, exactly sized (`len == capacity`, as every caller ensures:
    /// `try_reserve_exact` allocates what it is asked for), as a boxed
    /// slice. Checking the sizes lets the compiler drop
    /// `into_boxed_slice`'s shrinking path (a reallocation) from every
    /// copy.
    #[inline(always)]
    pub(crate) fn exact_box<T>(&self, v: Vec<T>) -> MResult<Box<[T]>> {
        if size_of::<T>() != 0 && v.len() != v.capacity() {
            // Unreachable; leaking keeps drop glue out of the callers.
            core::mem::forget(v);
            return Err(self.fail());
        }
        Ok(v.into_boxed_slice())
    }

    /// `v` as an exactly sized boxed slice of bytes: copied if it has
    /// spare capacity, and the old buffer's charge credited (a copy, not
    /// [`Mem::fit`]: the byte copy is code the compiler has anyway).
    pub fn boxed_bytes(&self, v: Vec<u8>) -> MResult<Box<[u8]>> {
        let b = if v.len() == v.capacity() {
            v
        } else {
            let b = self.vec_from(&v)?;
            self.credit(v.capacity());
            b
        };
        self.exact_box(b)
    }

    /// `s` as an exactly sized boxed `str` (copied if it has spare
    /// capacity, and the old buffer's charge credited).
    pub fn boxed_str(&self, s: String) -> MResult<Box<str>> {
        let b = if s.len() == s.capacity() {
            s
        } else {
            let b = self.string(&s)?;
            self.credit(s.capacity());
            b
        };
        // Exactly sized now (see [`Mem::exact_box`]).
        if b.len() != b.capacity() {
            return Err(self.fail());
        }
        Ok(b.into_boxed_str())
    }

    /// `v` as an exactly sized tree buffer ([`Own`]): [`Mem::boxed_bytes`]
    /// on the desktop; on the boards the exact vector is leaked as it is
    /// (no boxed-slice conversion).
    pub fn own_bytes(&self, v: Vec<u8>) -> MResult<Own<[u8]>> {
        #[cfg(not(target_os = "none"))]
        return self.boxed_bytes(v);
        #[cfg(target_os = "none")]
        {
            let b = if v.len() == v.capacity() {
                v
            } else {
                let b = self.vec_from(&v)?;
                self.credit(v.capacity());
                b
            };
            Ok(Own(b.leak()))
        }
    }

    /// `s` as an exactly sized tree buffer ([`Own`]): [`Mem::boxed_str`]
    /// on the desktop; on the boards the exact string is leaked as it is.
    pub fn own_str(&self, s: String) -> MResult<Own<str>> {
        #[cfg(not(target_os = "none"))]
        return self.boxed_str(s);
        #[cfg(target_os = "none")]
        {
            let b = if s.len() == s.capacity() {
                s
            } else {
                let b = self.string(&s)?;
                self.credit(s.capacity());
                b
            };
            Ok(Own(b.leak()))
        }
    }

    /// A one-item vector.
    pub fn vec1<T>(&self, x: T) -> MResult<Vec<T>> {
        let mut v = self.with_capacity(1)?;
        v.push(x);
        Ok(v)
    }

    /// Makes room for `extra` more bytes in `s` (doubling).
    pub fn reserve_str(&self, s: &mut String, extra: usize) -> MResult<()> {
        let need = s.len().checked_add(extra).ok_or_else(|| self.fail())?;
        let cap = s.capacity();
        if need <= cap {
            return Ok(());
        }
        let new_cap = need.max(cap.saturating_mul(2)).max(8);
        self.charge(new_cap - cap)?;
        s.try_reserve_exact(new_cap - s.len()).map_err(|_| self.fail())
    }

    /// A copy of `t` (exact capacity).
    pub fn string(&self, t: &str) -> MResult<String> {
        let mut s = String::new();
        if !t.is_empty() {
            if self.charge(t.len()).is_err() || s.try_reserve_exact(t.len()).is_err() {
                // Nothing was allocated: the empty string needs no drop glue.
                core::mem::forget(s);
                return Err(self.fail());
            }
            s.push_str(t);
        }
        Ok(s)
    }

    /// Appends `t` to `s`.
    pub fn push_str(&self, s: &mut String, t: &str) -> MResult<()> {
        self.reserve_str(s, t.len())?;
        s.push_str(t);
        Ok(())
    }

    /// `bytes` as text, invalid UTF-8 sequences replaced by U+FFFD (what
    /// `String::from_utf8_lossy` gives, without its infallible allocation).
    pub fn string_lossy(&self, bytes: &[u8]) -> MResult<String> {
        if let Some(t) = mpy_bytecode::utf8::str(bytes) {
            return self.string(t);
        }
        // Each valid run, then a replacement character if an invalid
        // sequence ends it (one loop, the last run included).
        let mut s = String::new();
        let mut b = bytes;
        loop {
            let (up_to, bad) = match mpy_bytecode::utf8::check(b) {
                Ok(()) => (b.len(), None),
                Err((up_to, len)) => (up_to, Some(len)),
            };
            let (good, rest) = b.split_at(up_to.min(b.len()));
            self.push_str(&mut s, mpy_bytecode::utf8::str(good).unwrap_or(""))?;
            let Some(len) = bad else { return Ok(s) };
            self.push_str(&mut s, "\u{fffd}")?;
            b = rest.get(len.unwrap_or(rest.len())..).unwrap_or(&[]);
        }
    }

    /// Boxes `x` (a fallible `Box::new`). On the boards the node is
    /// leaked (see [`P`]) straight from its one-item vector, with no
    /// boxed-slice conversions on the way.
    #[cfg(target_os = "none")]
    pub fn boxed<T>(&self, x: T) -> MResult<P<T>> {
        let mut v: Vec<T> = Vec::new();
        // (`len < capacity` always holds after the reservation; checked
        // so that the push below has no growth path.)
        if self.reserve_exact(&mut v, 1).is_err() || v.len() >= v.capacity() {
            // Nothing to drop (an empty vector): no drop glue.
            core::mem::forget(v);
            core::mem::forget(x);
            return Err(self.fail());
        }
        v.push(x);
        match v.leak().first_mut() {
            Some(r) => Ok(P(r)),
            None => Err(self.fail()),
        }
    }

    /// Boxes `x` (a fallible `Box::new`).
    #[cfg(not(target_os = "none"))]
    pub fn boxed<T>(&self, x: T) -> MResult<P<T>> {
        let mut v: Vec<T> = Vec::new();
        if let Err(e) = self.reserve_exact(&mut v, 1) {
            // Nothing was allocated: the empty vector needs no drop glue.
            core::mem::forget(v);
            return Err(e);
        }
        // The capacity is exactly 1 (for a sized node). Checking it lets
        // the compiler drop the push's growth and the box's shrinking paths
        // from every node type's copy of this function.
        if size_of::<T>() != 0 && (v.len() != 0 || v.capacity() != 1) {
            // Unreachable; leaking keeps drop glue out of this function.
            core::mem::forget(v);
            core::mem::forget(x);
            return Err(self.fail());
        }
        v.push(x);
        let b: Box<[T]> = self.exact_box(v)?;
        match Box::<[T; 1]>::try_from(b) {
            Ok(b) => Ok(P::new(b)),
            // Unreachable (the length is 1); leaking instead of dropping
            // keeps a drop glue per node type out of every caller.
            Err(b) => {
                core::mem::forget(b);
                Err(self.fail())
            }
        }
    }
}

/// An owned pointer to one tree node, allocated fallibly by
/// [`Mem::boxed`]. It dereferences to the node like a `Box`; `Debug`,
/// equality and hashing look through it.
///
/// (Stable Rust has no fallible `Box::new`; a one-item boxed array is
/// made from a vector whose capacity was reserved fallibly.)
///
/// On the boards (`target_os = "none"`) it is the leaked box (see
/// [`Own`]): the tree has no drop glue there.
#[cfg(not(target_os = "none"))]
pub struct P<T>(Box<[T; 1]>);

/// The boards' [`P`]: a leaked box (see [`Own`]).
#[cfg(target_os = "none")]
pub struct P<T: 'static>(&'static mut T);

#[cfg(not(target_os = "none"))]
impl<T> P<T> {
    fn new(b: Box<[T; 1]>) -> P<T> {
        P(b)
    }

    /// The node, moved out of its box.
    pub fn into_inner(self) -> T {
        let [x] = *self.0;
        x
    }
}

#[cfg(target_os = "none")]
impl<T> P<T> {
    fn new(b: Box<[T; 1]>) -> P<T> {
        let [x] = Box::leak(b);
        P(x)
    }
}

impl<T> Deref for P<T> {
    type Target = T;
    #[cfg(not(target_os = "none"))]
    fn deref(&self) -> &T {
        let [x] = &*self.0;
        x
    }
    #[cfg(target_os = "none")]
    fn deref(&self) -> &T {
        self.0
    }
}

impl<T> DerefMut for P<T> {
    #[cfg(not(target_os = "none"))]
    fn deref_mut(&mut self) -> &mut T {
        let [x] = &mut *self.0;
        x
    }
    #[cfg(target_os = "none")]
    fn deref_mut(&mut self) -> &mut T {
        self.0
    }
}

impl<T> AsRef<T> for P<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: fmt::Debug> fmt::Debug for P<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

impl<T: PartialEq> PartialEq for P<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for P<T> {}

/// Cloning allocates infallibly (with `Box::new`); the compiler itself
/// never clones a tree. Provided for users of the AST.
impl<T: Clone> Clone for P<T> {
    fn clone(&self) -> Self {
        P::new(Box::new([(**self).clone()]))
    }
}

/// An owned, exactly sized buffer of the tree (a name's text, a
/// literal's bytes, a list of nodes): a `Box` on the desktop.
///
/// On the boards (`target_os = "none"`) the tree's buffers are leaked
/// boxes instead, so that no tree type has drop glue (~2 KB of drop
/// functions and calls on every error and normal path of the parser and
/// compiler). Nothing leaks: a compile on a board runs in memory that is
/// given back whole when it ends (the gc heap block the core lends it,
/// or the port's arena, where the compile's allocations are tagged and
/// freed together).
#[cfg(not(target_os = "none"))]
pub type Own<T> = Box<T>;

/// A list of tree nodes: a `Vec` on the desktop, a leaked slice on the
/// boards (see [`Own`]).
#[cfg(not(target_os = "none"))]
pub type List<T> = Vec<T>;

/// `b` as a tree buffer (see [`Own`]).
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn own<T: ?Sized>(b: Box<T>) -> Own<T> {
    b
}

/// `v` as a list of tree nodes (see [`List`]).
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub fn list<T>(v: Vec<T>) -> List<T> {
    v
}

/// The boards' tree buffer: a leaked box (see the desktop's `Own`).
#[cfg(target_os = "none")]
pub struct Own<T: ?Sized + 'static>(&'static mut T);

/// The boards' list of tree nodes: a leaked slice.
#[cfg(target_os = "none")]
pub type List<T> = Own<[T]>;

/// `b` as a tree buffer (see [`Own`]).
#[cfg(target_os = "none")]
#[inline(always)]
pub fn own<T: ?Sized>(b: Box<T>) -> Own<T> {
    Own(Box::leak(b))
}

/// `v` as a list of tree nodes (see [`List`]).
#[cfg(target_os = "none")]
#[inline(always)]
pub fn list<T>(v: Vec<T>) -> List<T> {
    Own(v.leak())
}

#[cfg(target_os = "none")]
impl<T: ?Sized> Deref for Own<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0
    }
}

#[cfg(target_os = "none")]
impl<T: ?Sized> DerefMut for Own<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0
    }
}

#[cfg(target_os = "none")]
impl<T: ?Sized + fmt::Debug> fmt::Debug for Own<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(target_os = "none")]
impl<T: ?Sized + PartialEq> PartialEq for Own<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

#[cfg(target_os = "none")]
impl<T: ?Sized + Eq> Eq for Own<T> {}

#[cfg(target_os = "none")]
impl<T> Default for Own<[T]> {
    fn default() -> Self {
        Own(&mut [])
    }
}

#[cfg(target_os = "none")]
impl Default for Own<str> {
    fn default() -> Self {
        Own(<&mut str>::default())
    }
}

/// Cloning allocates infallibly; the compiler never clones a tree.
#[cfg(target_os = "none")]
impl<T: Clone> Clone for Own<[T]> {
    fn clone(&self) -> Self {
        list(self.to_vec())
    }
}

/// Cloning allocates infallibly; the compiler never clones a tree.
#[cfg(target_os = "none")]
impl Clone for Own<str> {
    fn clone(&self) -> Self {
        own(Box::from(&**self))
    }
}

#[cfg(target_os = "none")]
impl<'a, T> IntoIterator for &'a Own<[T]> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// An open-addressing hash index from byte strings to positions in a list
/// the caller keeps (the keys live there; the index stores positions
/// only). Used for the qstr table, the source's identifiers and the
/// `const()` names: lookups are O(1) and growth is fallible, unlike a
/// `BTreeMap`.
///
/// On the boards (`target_os = "none"`) it stores nothing but the count
/// and a lookup scans the positions in order, as official MicroPython
/// scans its qstr pools: ~300 B less flash and no slot memory, for a
/// linear search over the (few, on a board) names of one module.
#[cfg(not(target_os = "none"))]
#[derive(Debug, Default)]
pub struct StrIndex {
    /// Positions (`u32::MAX` = empty slot); the length is zero or a power
    /// of two, at least twice the number of entries.
    slots: Vec<u32>,
    len: usize,
}

/// The boards' index: positions `0..len`, searched in order (see above).
#[cfg(target_os = "none")]
#[derive(Debug, Default)]
pub struct StrIndex {
    len: usize,
}

#[cfg(not(target_os = "none"))]
const EMPTY: u32 = u32::MAX;

/// FNV-1a.
#[cfg(not(target_os = "none"))]
fn hash(key: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in key {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h
}

impl StrIndex {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(target_os = "none")]
impl StrIndex {
    /// An empty index (allocates nothing).
    pub const fn new() -> StrIndex {
        StrIndex { len: 0 }
    }

    /// Bytes the index holds (none on the boards).
    pub fn bytes(&self) -> usize {
        0
    }

    /// The position stored for `key`; `key_at(pos)` gives the key of a
    /// stored position (the positions are `0..len`, the order they were
    /// stored in).
    #[inline(never)]
    pub fn find<'k>(&self, key: &[u8], key_at: &dyn Fn(u32) -> &'k [u8]) -> Option<u32> {
        (0..self.len as u32).find(|&p| key_at(p) == key)
    }

    /// Stores `pos` for `key` (which must not be present yet; `pos` is
    /// the number of entries stored before).
    pub fn insert<'k>(&mut self, _mem: &Mem, _key: &[u8], _pos: u32, _key_at: &dyn Fn(u32) -> &'k [u8]) -> MResult<()> {
        self.len += 1;
        Ok(())
    }
}

#[cfg(not(target_os = "none"))]
impl StrIndex {
    /// An empty index (allocates nothing).
    pub const fn new() -> StrIndex {
        StrIndex { slots: Vec::new(), len: 0 }
    }

    /// Bytes the index holds (what [`Mem`] was charged for it).
    pub fn bytes(&self) -> usize {
        self.slots.capacity() * size_of::<u32>()
    }

    /// The position stored for `key`; `key_at(pos)` gives the key of a
    /// stored position.
    #[inline]
    pub fn find<'k>(&self, key: &[u8], key_at: &dyn Fn(u32) -> &'k [u8]) -> Option<u32> {
        let mask = self.slots.len().wrapping_sub(1);
        if self.slots.is_empty() {
            return None;
        }
        let mut i = hash(key) as usize & mask;
        loop {
            let p = *self.slots.get(i)?;
            if p == EMPTY {
                return None;
            }
            if key_at(p) == key {
                return Some(p);
            }
            i = (i + 1) & mask;
        }
    }

    /// Stores `pos` for `key` (which must not be present yet; `pos` is
    /// the number of entries stored before).
    #[inline]
    pub fn insert<'k>(&mut self, mem: &Mem, key: &[u8], pos: u32, key_at: &dyn Fn(u32) -> &'k [u8]) -> MResult<()> {
        if (self.len + 1) * 2 > self.slots.len() {
            let n = (self.slots.len() * 2).max(16);
            let mut slots: Vec<u32> = mem.with_capacity(n)?;
            slots.resize(n, EMPTY);
            let old = core::mem::replace(&mut self.slots, slots);
            for p in old.iter().copied().filter(|&p| p != EMPTY) {
                self.place(hash(key_at(p)), p);
            }
            mem.credit(old.capacity() * size_of::<u32>());
        }
        self.place(hash(key), pos);
        self.len += 1;
        Ok(())
    }

    fn place(&mut self, h: u32, pos: u32) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = h as usize & mask;
        for _ in 0..self.slots.len() {
            match self.slots.get_mut(i) {
                Some(s) if *s == EMPTY => {
                    *s = pos;
                    return;
                }
                _ => i = (i + 1) & mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_is_charged_and_exhausted() {
        let m = Mem::new(100);
        let mut v: Vec<u8> = Vec::new();
        assert!(m.extend(&mut v, &[1; 40]).is_ok());
        assert_eq!(m.left(), 60);
        assert!(!m.failed());
        assert!(m.extend(&mut v, &[2; 70]).is_err());
        assert!(m.failed());
        assert_eq!(v.len(), 40);
    }

    #[test]
    fn boxes_and_strings() {
        let m = Mem::new(usize::MAX);
        let b = m.boxed(5u64).unwrap_or_else(|_| unreachable!());
        assert_eq!(*b, 5);
        assert_eq!(b.into_inner(), 5);
        let l = m.string_lossy(b"a\xffb").unwrap_or_default();
        assert_eq!(l, "a\u{fffd}b");
        assert!(Mem::new(3).boxed(5u64).is_err());
    }

    #[test]
    fn index_finds_what_it_stored() {
        let m = Mem::new(usize::MAX);
        let mut keys: Vec<String> = Vec::new();
        let mut ix = StrIndex::new();
        for i in 0..1000u32 {
            let k = alloc::format!("k{}", i * 7);
            assert!(ix.find(k.as_bytes(), &|p| keys[p as usize].as_bytes()).is_none());
            keys.push(k);
            let k = keys[i as usize].clone();
            assert!(ix.insert(&m, k.as_bytes(), i, &|p| keys[p as usize].as_bytes()).is_ok());
        }
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(ix.find(k.as_bytes(), &|p| keys[p as usize].as_bytes()), Some(i as u32));
        }
        assert_eq!(ix.len(), 1000);
    }
}
