//! [`GcVec`]: a growable array whose items live in their own gc-heap
//! allocation (list items, bytearray bytes, dict tables, run-time buffers).
//!
//! A `GcVec` is three words (pointer, length, capacity) embedded in an
//! object or held in a Rust local (the collector finds its buffer through
//! the pointer, see [`super`]'s gc contract). It is never dropped: a buffer
//! nothing points to any more is reclaimed by the next collection, or
//! given back at once with [`super::Heap::free_vec`].
//!
//! Everything that needs no allocation is a method here; growing goes
//! through the heap ([`super::Heap::vec_with_capacity`],
//! [`super::Heap::vec_try_grow_in_place`], [`GcVec::move_into`]) and, with
//! collection and `MemoryError`, through `Vm::vec_reserve`.

use super::registry::GcItem;
use super::Heap;
use core::marker::PhantomData;

/// A growable array in the gc heap (see the module docs).
#[repr(C)]
pub struct GcVec<T: GcItem> {
    ptr: *mut T,
    len: usize,
    cap: usize,
    _t: PhantomData<T>,
}

/// Proof that the heap resized the buffer at `addr` to `bytes` in place
/// (only [`Heap::vec_try_grow_in_place`] makes one).
pub struct Resized {
    addr: usize,
    bytes: usize,
}

impl<T: GcItem> Default for GcVec<T> {
    fn default() -> Self {
        GcVec::new()
    }
}

impl<T: GcItem> GcVec<T> {
    /// An empty vector with no buffer (allocates nothing). Its pointer is
    /// dangling (aligned, not null, never a heap address), so the slice
    /// accessors need no test for a missing buffer.
    pub const fn new() -> GcVec<T> {
        GcVec { ptr: core::ptr::NonNull::dangling().as_ptr(), len: 0, cap: 0, _t: PhantomData }
    }

    /// Number of items.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Is it empty?
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Items the buffer holds without growing.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn capacity(&self) -> usize {
        self.cap
    }

    /// Address of the buffer (0 when there is none).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn addr(&self) -> usize {
        if self.cap == 0 {
            0
        } else {
            self.ptr as usize
        }
    }

    /// The items.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn as_slice(&self) -> &[T] {
        // SAFETY: with a buffer (`cap > 0`) the pointer is a live heap
        // allocation of at least `cap` items (made by
        // `Heap::vec_with_capacity`, or resized with a `Resized` proof), or
        // the `cap` items past the object at the start of one (made by
        // `vec_in_tail`; the object holding the vector keeps it alive),
        // `len <= cap` always, and items below `cap` are initialised
        // (allocations are zeroed; `GcItem`s are valid when zero); without
        // one (`cap == 0`, so `len == 0`) it is dangling: aligned and not
        // null, valid for an empty slice. The borrow of `self` covers the
        // buffer: only this vector points to it.
        unsafe { core::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// The items, mutably.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        // SAFETY: as in `as_slice`; `&mut self` is the only way to the
        // buffer.
        unsafe { core::slice::from_raw_parts_mut(self.ptr, self.len) }
    }

    /// The whole buffer, `capacity()` items (those past `len` hold zeros
    /// or stale values).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn full_slice(&self) -> &[T] {
        // SAFETY: as in `as_slice`, for all `cap` initialised items.
        unsafe { core::slice::from_raw_parts(self.ptr, self.cap) }
    }

    /// The whole buffer, mutably (see [`GcVec::full_slice`]).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn full_slice_mut(&mut self) -> &mut [T] {
        self.spare_all()
    }

    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn spare_all(&mut self) -> &mut [T] {
        // SAFETY: as in `as_slice`, for all `cap` initialised items.
        unsafe { core::slice::from_raw_parts_mut(self.ptr, self.cap) }
    }

    /// Appends `x` if there is room; gives it back otherwise.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn push_within_capacity(&mut self, x: T) -> Result<(), T> {
        if self.len < self.cap {
            // SAFETY: `len < cap`, so the slot is inside the buffer.
            unsafe { self.ptr.add(self.len).write(x) };
            self.len += 1;
            Ok(())
        } else {
            Err(x)
        }
    }

    /// Appends all of `xs` if there is room (else changes nothing and
    /// returns false).
    pub fn extend_within_capacity(&mut self, xs: &[T]) -> bool {
        let n = self.len;
        if xs.len() > self.cap - n {
            return false;
        }
        self.spare_all()[n..n + xs.len()].copy_from_slice(xs);
        self.len += xs.len();
        true
    }

    /// Inserts `x` at `i` (clamped to `len`) if there is room.
    pub fn insert_within_capacity(&mut self, i: usize, x: T) -> Result<(), T> {
        if self.len >= self.cap {
            return Err(x);
        }
        let n = self.len;
        let i = i.min(n);
        let all = self.spare_all();
        all.copy_within(i..n, i + 1);
        all[i] = x;
        self.len += 1;
        Ok(())
    }

    /// Removes and returns item `i`, shifting the rest down.
    pub fn remove(&mut self, i: usize) -> Option<T> {
        if i >= self.len {
            return None;
        }
        let n = self.len;
        let all = self.spare_all();
        let x = all[i];
        all.copy_within(i + 1..n, i);
        self.len -= 1;
        Some(x)
    }

    /// Removes and returns the last item.
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        let n = self.len;
        Some(self.spare_all()[n])
    }

    /// Shortens to `n` items (no effect if already shorter).
    #[inline]
    pub fn truncate(&mut self, n: usize) {
        self.len = self.len.min(n);
    }

    /// Empties the vector (keeps the buffer).
    #[inline]
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Grows or shrinks to `n` items, new ones set to `fill`; false (and no
    /// change) if `n` exceeds the capacity.
    pub fn resize_within_capacity(&mut self, n: usize, fill: T) -> bool {
        if n > self.cap {
            return false;
        }
        let old = self.len;
        if n > old {
            self.spare_all()[old..n].fill(fill);
        }
        self.len = n;
        true
    }

    /// Moves the items into `new` (which must have room for them: else
    /// nothing happens and `new` is handed back as `Err`), makes `new` this
    /// vector's buffer, and returns the old buffer (empty, for
    /// [`Heap::free_vec`] or the collector).
    pub fn move_into(&mut self, mut new: GcVec<T>) -> Result<GcVec<T>, GcVec<T>> {
        if new.cap < self.len {
            return Err(new);
        }
        new.len = 0;
        let n = self.len;
        new.spare_all()[..n].copy_from_slice(self.as_slice());
        new.len = n;
        let mut old = core::mem::replace(self, new);
        old.len = 0;
        Ok(old)
    }

    /// Takes the capacity a successful [`Heap::vec_try_grow_in_place`]
    /// gave this vector's buffer. False if `r` is about another buffer.
    pub fn adopt(&mut self, r: Resized) -> bool {
        if r.addr != self.ptr as usize || self.cap == 0 {
            return false;
        }
        self.cap = r.bytes / core::mem::size_of::<T>().max(1);
        self.len = self.len.min(self.cap);
        true
    }
}

/// A vector's three words without its item type (items of a size given
/// to each call): the boards grow every vector through one untyped body
/// instead of one per item type.
#[cfg(target_os = "none")]
#[repr(C)]
pub struct RawVec {
    ptr: *mut u8,
    len: usize,
    cap: usize,
}

#[cfg(target_os = "none")]
impl<T: GcItem> GcVec<T> {
    /// This vector's words, untyped: items are `size_of::<T>()` bytes.
    #[inline(always)]
    pub fn raw(&mut self) -> &mut RawVec {
        // SAFETY: `GcVec<T>` is `#[repr(C)]` { `*mut T`, `usize`, `usize`,
        // zero-sized marker }, the same layout as `RawVec`'s
        // { `*mut u8`, `usize`, `usize` }; `RawVec`'s methods keep the
        // vector's invariants for items of the size they are given (the
        // caller passes `size_of::<T>()`), and the `&mut` borrow is the
        // vector's.
        unsafe { &mut *(self as *mut GcVec<T>).cast::<RawVec>() }
    }
}

#[cfg(target_os = "none")]
impl RawVec {
    /// Length, capacity and buffer address ([`GcVec::addr`]).
    pub fn parts(&self) -> (usize, usize, usize) {
        (self.len, self.cap, if self.cap == 0 { 0 } else { self.ptr as usize })
    }

    /// [`GcVec::adopt`] for items of `size` bytes.
    pub fn adopt(&mut self, r: Resized, size: usize) {
        if r.addr == self.ptr as usize && self.cap != 0 {
            self.cap = r.bytes / size.max(1);
            self.len = self.len.min(self.cap);
        }
    }

    /// Moves the items (of `size` bytes) into the fresh allocation `f` and
    /// makes it the buffer ([`GcVec::move_into`], untyped). Returns the
    /// address of the buffer to give back to the heap: the old one (0 if
    /// there was none), or `f` if it is too small.
    pub fn move_to(&mut self, f: super::Fresh, size: usize) -> usize {
        let real = f.bytes.div_ceil(super::BLOCK).max(1) * super::BLOCK;
        let cap = real / size.max(1);
        let new = f.p.as_ptr();
        if cap < self.len {
            return new as usize;
        }
        if self.len > 0 {
            // SAFETY: the old buffer holds `len <= cap` initialised items
            // of `size` bytes (the vector's invariant); the new one is a
            // fresh allocation of `real >= len * size` bytes (checked
            // above) that nothing else refers to, so they do not overlap.
            unsafe { core::ptr::copy_nonoverlapping(self.ptr, new, self.len * size) };
        }
        let old = core::mem::replace(&mut self.ptr, new);
        if core::mem::replace(&mut self.cap, cap) != 0 {
            old as usize
        } else {
            0
        }
    }
}

impl Heap {
    /// A vector with room for at least `cap` items (the whole of its last
    /// block: the capacity is rounded up), or None if the heap has no room
    /// (no collection here). `cap == 0` allocates nothing.
    pub fn vec_with_capacity<T: GcItem>(&mut self, cap: usize) -> Option<GcVec<T>> {
        if cap == 0 {
            return Some(GcVec::new());
        }
        let bytes = cap.checked_mul(core::mem::size_of::<T>().max(1))?;
        let f = self.alloc_fresh(bytes, false, T::NO_PTRS)?;
        Some(vec_from_fresh(f))
    }

    /// Tries to grow (or shrink) the buffer at `addr` to hold `cap` items of
    /// `T` without moving it. The returned proof is applied with
    /// [`GcVec::adopt`]. None if the blocks after it are not free.
    pub fn vec_try_grow_in_place<T: GcItem>(&mut self, addr: usize, cap: usize) -> Option<Resized> {
        self.vec_try_grow_in_place_raw(addr, cap, core::mem::size_of::<T>(), T::NO_PTRS)
    }

    /// [`Heap::vec_try_grow_in_place`] for items of `size` bytes (holding
    /// no pointers if `no_ptrs`).
    pub(crate) fn vec_try_grow_in_place_raw(&mut self, addr: usize, cap: usize, size: usize, no_ptrs: bool) -> Option<Resized> {
        let b = self.blocks.block_of_addr(addr)?;
        if addr % super::BLOCK != 0 || !matches!(self.blocks.atb(b), super::blocks::HEAD) {
            return None;
        }
        let bytes = cap.checked_mul(size.max(1))?;
        let (before, after) = self.blocks.resize(b, bytes)?;
        if no_ptrs && before == 1 && after > 1 {
            self.blocks.set_no_scan(b);
        }
        Some(Resized { addr, bytes: after * super::BLOCK })
    }

    /// Gives a vector's buffer back to the heap at once (it must not be
    /// referred to from anywhere else: e.g. the old buffer returned by
    /// [`GcVec::move_into`]).
    pub fn free_vec<T: GcItem>(&mut self, v: GcVec<T>) {
        if v.cap != 0 {
            self.free_addr(v.ptr as usize);
        }
    }
}

/// The buffer of the fresh allocation `f` and how many items of `size`
/// bytes it holds (all of `f`'s blocks): the untyped part of
/// [`vec_from_fresh`], for the boards' one body of `Vm::new_vec`.
#[cfg(target_os = "none")]
pub(crate) fn fresh_parts(f: super::Fresh, size: usize) -> (*mut u8, usize) {
    let real = f.bytes.div_ceil(super::BLOCK).max(1) * super::BLOCK;
    (f.p.as_ptr(), real / size.max(1))
}

/// A vector of `cap` items over `p`, made by [`fresh_parts`] from a fresh
/// allocation for items of type `T` (`cap` 0: an empty vector, `p`
/// unused).
#[cfg(target_os = "none")]
pub(crate) fn vec_from_parts<T: GcItem>(p: *mut u8, cap: usize) -> GcVec<T> {
    if cap == 0 {
        return GcVec::new();
    }
    GcVec { ptr: p.cast::<T>(), len: 0, cap, _t: PhantomData }
}

/// An empty vector of `cap` items over the part of the fresh allocation
/// `f` past its first `head` bytes (an object written there with
/// [`super::write_obj`] then holds it: one allocation for an object and
/// its first buffer). Its buffer is never the start of an allocation, so
/// [`super::Heap::free_vec`] and [`super::Heap::vec_try_grow_in_place`]
/// leave it alone: when the vector moves to a bigger buffer, the old one
/// just stays inside the object. An empty vector (no buffer) if `cap` is
/// 0, `head` is not a multiple of `T`'s alignment, or `f` has no room.
pub(crate) fn vec_in_tail<T: GcItem>(f: &super::Fresh, head: usize, cap: usize) -> GcVec<T> {
    let room = f.bytes.saturating_sub(head) / core::mem::size_of::<T>().max(1);
    if cap == 0 || head == 0 || head % core::mem::align_of::<T>() != 0 || cap > room {
        return GcVec::new();
    }
    // (In bounds: `head + cap * size <= f.bytes`, checked above.)
    let ptr = f.p.as_ptr().wrapping_add(head).cast::<T>();
    GcVec { ptr, len: 0, cap, _t: PhantomData }
}

/// A vector whose buffer is the fresh allocation `f` (its capacity is all
/// of `f`'s blocks) holding a copy of `xs` (as many as fit).
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(crate) fn vec_from_fresh_copy<T: GcItem + Copy>(f: super::Fresh, xs: &[T]) -> GcVec<T> {
    let mut v = vec_from_fresh::<T>(f);
    let all = v.spare_all();
    let n = all.len().min(xs.len());
    super::var::copy_small(all, xs);
    v.len = n;
    v
}

/// An empty vector whose buffer is the fresh allocation `f` (its capacity
/// is all of `f`'s blocks).
#[cfg_attr(not(target_os = "none"), inline(always))]
pub fn vec_from_fresh<T: GcItem>(f: super::Fresh) -> GcVec<T> {
    let real = f.bytes.div_ceil(super::BLOCK).max(1) * super::BLOCK;
    GcVec { ptr: f.p.as_ptr().cast::<T>(), len: 0, cap: real / core::mem::size_of::<T>().max(1), _t: PhantomData }
}
