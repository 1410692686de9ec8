//! Objects with their items inline: a header `H` (which starts with the
//! object's [`crate::obj::ObjBase`]), a length, then `len` items of
//! `H::Item` in the same allocation. Tuples, strs, bytes, big ints,
//! closures and generator frames are such objects: one allocation each,
//! no pointer to chase.
//!
//! The length is private to this module: it is set when the object is
//! made and can only shrink ([`Heap::var_truncate`]), so the item slice
//! handed out always lies inside the allocation.

use super::registry::VarHead;
use super::Heap;
use crate::obj::Obj;

/// Layout of a variable-size object: header, length, then the items.
#[repr(C)]
pub struct Var<H: VarHead> {
    /// The header (type, per-type fields).
    pub head: H,
    len: usize,
}

impl<H: VarHead> Var<H> {
    /// An object with no items, for statics (the empty tuple).
    pub const fn empty(head: H) -> Var<H> {
        Var { head, len: 0 }
    }
}

/// Byte offset of the first item of a `Var<H>`.
#[inline(always)]
pub const fn items_offset<H: VarHead>() -> usize {
    core::mem::size_of::<Var<H>>().next_multiple_of(core::mem::align_of::<H::Item>())
}

/// Does the collector need to scan only the first block of a `Var<H>`
/// (items hold no pointers and the header fits in one block)?
pub const fn no_scan<H: VarHead>() -> bool {
    <H::Item as super::registry::GcItem>::NO_PTRS && core::mem::size_of::<Var<H>>() <= super::BLOCK
}

/// Bytes of a `Var<H>` with `n` items (None on overflow).
#[inline(always)]
pub fn var_bytes<H: VarHead>(n: usize) -> Option<usize> {
    n.checked_mul(core::mem::size_of::<H::Item>())?.checked_add(items_offset::<H>())
}

impl Heap {
    /// Makes a variable-size object with `n` items, filled by `init`
    /// (which gets them zeroed and returns how many to keep: at most `n`;
    /// whole blocks past them go back to the heap). If it does not fit (no
    /// collection here), `head` and `init` are given back unused.
    pub fn alloc_var_with<H: VarHead, F: FnOnce(&mut [H::Item]) -> usize>(
        &mut self,
        head: H,
        n: usize,
        finaliser: bool,
        init: F,
    ) -> Result<Obj, (H, F)> {
        let Some(f) = self.alloc_fresh(var_bytes_or_max::<H>(n), finaliser, no_scan::<H>()) else {
            return Err((head, init));
        };
        let (o, items) = write_var_items(f, head, n);
        let keep = init(items);
        self.var_keep::<H>(o, n, keep);
        Ok(o)
    }

    /// Makes a variable-size object with `n` zeroed items (for mutable
    /// layouts, which are filled later with [`Heap::var_mut`]). Gives
    /// `head` back if it does not fit.
    pub fn alloc_var<H: VarHead>(&mut self, head: H, n: usize, finaliser: bool) -> Result<Obj, H> {
        const { assert!(!H::IMMUTABLE, "fill immutable objects with alloc_var_with") };
        self.alloc_var_raw(head, n, finaliser)
    }

    pub(crate) fn alloc_var_raw<H: VarHead>(&mut self, head: H, n: usize, finaliser: bool) -> Result<Obj, H> {
        match self.alloc_fresh(var_bytes_or_max::<H>(n), finaliser, no_scan::<H>()) {
            Some(f) => Ok(write_var(f, head, n)),
            None => Err(head),
        }
    }

    /// Keeps `keep` of the `n` items of the new object `o` of layout `H`
    /// (just made by [`write_var_items`]; at most `n`).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub(crate) fn var_keep<H: VarHead>(&mut self, o: Obj, n: usize, keep: usize) {
        if keep < n {
            let bytes = var_bytes::<H>(keep).unwrap_or(usize::MAX);
            // Desktop fast path: no whole block to give back (the common
            // case: a str or int a little shorter than its bound), so only
            // the length changes.
            if !cfg!(target_os = "none")
                && bytes.div_ceil(super::BLOCK) == var_bytes_or_max::<H>(n).div_ceil(super::BLOCK)
                && self.var_set_len_fresh::<H>(o, keep)
            {
                return;
            }
            self.var_shrink_fresh(o, core::mem::offset_of!(Var<H>, len), keep, bytes);
        }
    }

    /// Shortens the length of the new object `o` of layout `H` to `keep`
    /// (nothing else changes). False if `o` is not a heap object of `H`'s
    /// types or `keep` is not shorter than its length.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn var_set_len_fresh<H: VarHead>(&mut self, o: Obj, keep: usize) -> bool {
        let Some(ty) = o.ptr_type() else { return false };
        if !H::is_type(ty) || !self.blocks.contains(o.raw()) {
            return false;
        }
        let p = super::obj_ptr::<Var<H>>(self, o);
        // SAFETY: `o` is a live heap object of `H`'s layout (its type word
        // says so, and it lies in the pool: as in `var_mut`), new, so
        // nothing else refers to it; only its length field is written, and
        // only made shorter, so the items stay inside the allocation.
        unsafe {
            let len = &mut (*p).len;
            if keep >= *len {
                return false;
            }
            *len = keep;
        }
        true
    }

    #[cfg(target_os = "none")]
    #[inline(always)]
    fn var_set_len_fresh<H: VarHead>(&mut self, _o: Obj, _keep: usize) -> bool {
        false
    }

    /// Sets the length (the word at byte `len_off`) of the new object `o`
    /// to `keep` and gives back its whole blocks past `bytes`: the untyped
    /// part of [`Heap::var_keep`].
    #[cfg_attr(target_os = "none", inline(never))]
    fn var_shrink_fresh(&mut self, o: Obj, len_off: usize, keep: usize, bytes: usize) {
        let Some(b) = self.blocks.block_of_addr(o.raw()) else { return };
        if self.alloc_size(o.raw()) < len_off + core::mem::size_of::<usize>() {
            return;
        }
        let p = super::obj_ptr::<u8>(self, o);
        // SAFETY: `o` is a heap allocation at least `len_off + WORD` bytes
        // long (checked above) whose word at `len_off` is the length of a
        // `Var` (the caller's layout, `offset_of!`, so it is aligned); the
        // object is new and nothing else refers to it yet.
        unsafe { p.add(len_off).cast::<usize>().write(keep) };
        self.blocks.resize_in_place(b, bytes);
    }

    /// The header and items of `o`, if it is an object of `H`'s types.
    #[inline(always)]
    pub fn var<H: VarHead>(&self, o: Obj) -> Option<(&H, &[H::Item])> {
        let ty = o.ptr_type()?;
        if !H::is_type(ty) {
            return None;
        }
        let p: *const Var<H> = core::ptr::with_exposed_provenance(o.raw());
        // SAFETY: `o` is a live object of `H`'s layout (gc contract and
        // `VarHead`'s contract), made by `alloc_var` with at least `len`
        // items after the header; `len` only ever shrinks. The `&self`
        // borrow excludes writers.
        unsafe {
            let len = (*p).len;
            let items = p.cast::<u8>().add(items_offset::<H>()).cast::<H::Item>();
            Some((&(*p).head, core::slice::from_raw_parts(items, len)))
        }
    }

    /// The header and items of an immutable object, not tied to the heap
    /// borrow: they stay valid across allocations for as long as the
    /// object is alive, which holding the returned slice on the native
    /// stack (or `o` anywhere the gc sees) guarantees. Do not keep them
    /// anywhere else (see the gc contract in [`super`]).
    #[inline(always)]
    pub fn var_pinned<'a, H: VarHead>(&self, o: Obj) -> Option<(&'a H, &'a [H::Item])> {
        const { assert!(H::IMMUTABLE, "only immutable objects can be pinned") };
        let ty = o.ptr_type()?;
        if !H::is_type(ty) {
            return None;
        }
        let p: *const Var<H> = core::ptr::with_exposed_provenance(o.raw());
        // SAFETY: as in `var`; immutable layouts are never written after
        // `alloc_var_with` returns (no `var_mut`/`var_truncate` for them),
        // and the heap never moves objects, so the references stay valid
        // while the object lives (the gc contract keeps it alive while
        // they are held where the collector looks).
        unsafe {
            let len = (*p).len;
            let items = p.cast::<u8>().add(items_offset::<H>()).cast::<H::Item>();
            Some((&(*p).head, core::slice::from_raw_parts(items, len)))
        }
    }

    /// [`Heap::var_pinned`] without the type check, for references the VM
    /// made itself and whose type an invariant fixes (a function's raw
    /// code, a context's qstr table and constants).
    ///
    /// # Safety
    /// `o` must be a live object of one of `H`'s types (checked in debug
    /// builds).
    #[inline(always)]
    pub unsafe fn var_pinned_unchecked<'a, H: VarHead>(&self, o: Obj) -> (&'a H, &'a [H::Item]) {
        const { assert!(H::IMMUTABLE, "only immutable objects can be pinned") };
        debug_assert!(o.ptr_type().is_some_and(H::is_type));
        let p: *const Var<H> = core::ptr::with_exposed_provenance(o.raw());
        // SAFETY: `o` is a live object of `H`'s layout (the caller's
        // contract); the rest as in `var_pinned`.
        unsafe {
            let len = (*p).len;
            let items = p.cast::<u8>().add(items_offset::<H>()).cast::<H::Item>();
            (&(*p).head, core::slice::from_raw_parts(items, len))
        }
    }

    /// Just the items of `o` (see [`Heap::var`]).
    #[inline(always)]
    pub fn var_items<'a, H: VarHead + 'a>(&'a self, o: Obj) -> Option<&'a [H::Item]> {
        self.var::<H>(o).map(|(_, i)| i)
    }

    /// The header and items of `o`, mutably, if it is a heap object of
    /// `H`'s types.
    #[inline(always)]
    pub fn var_mut<H: VarHead>(&mut self, o: Obj) -> Option<(&mut H, &mut [H::Item])> {
        const { assert!(!H::IMMUTABLE, "immutable objects are never written") };
        let ty = o.ptr_type()?;
        if !H::is_type(ty) || !self.blocks.contains(o.raw()) {
            return None;
        }
        let p = super::obj_ptr::<Var<H>>(self, o);
        // SAFETY: as in `var`; the object is in the region (writable) and
        // `&mut self` makes these the only references into the heap. The
        // header and the items are disjoint.
        unsafe {
            let len = (*p).len;
            let items = p.cast::<u8>().add(items_offset::<H>()).cast::<H::Item>();
            Some((&mut (*p).head, core::slice::from_raw_parts_mut(items, len)))
        }
    }

    /// [`Heap::var_mut`] without the checks, for an object whose type the
    /// caller checked and which only the heap ever holds (a generator:
    /// desktop, `vm::gen`'s resume fast path).
    ///
    /// # Safety
    /// `o` must be a live heap object of `H`'s layout.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub unsafe fn var_mut_unchecked<H: VarHead>(&mut self, o: Obj) -> (&mut H, &mut [H::Item]) {
        const { assert!(!H::IMMUTABLE, "immutable objects are never written") };
        debug_assert!(o.ptr_type().is_some_and(H::is_type) && self.blocks.contains(o.raw()));
        let p = super::obj_ptr::<Var<H>>(self, o);
        // SAFETY: as in `var_mut` (the caller's contract stands for its
        // checks).
        unsafe {
            let len = (*p).len;
            let items = p.cast::<u8>().add(items_offset::<H>()).cast::<H::Item>();
            (&mut (*p).head, core::slice::from_raw_parts_mut(items, len))
        }
    }

    /// Shortens `o`'s items to `n` (e.g. a big int after normalising);
    /// freed whole blocks at the end go back to the heap. False if `o` is
    /// not such a heap object or `n` is larger than its length.
    pub fn var_truncate<H: VarHead>(&mut self, o: Obj, n: usize) -> bool {
        const { assert!(!H::IMMUTABLE, "immutable objects are never written") };
        let Some(ty) = o.ptr_type() else { return false };
        if !H::is_type(ty) || !self.blocks.contains(o.raw()) {
            return false;
        }
        let p = super::obj_ptr::<Var<H>>(self, o);
        // SAFETY: as in `var_mut`; only the length field is written.
        let len = unsafe { &mut (*p).len };
        if n > *len {
            return false;
        }
        *len = n;
        if let (Some(b), Some(bytes)) = (self.blocks.block_of_addr(o.raw()), var_bytes::<H>(n)) {
            self.blocks.resize_in_place(b, bytes);
        }
        true
    }
}


impl Heap {
    /// Like [`Heap::alloc_var_with`], but `init` also gets the rest of the
    /// heap, read-only, so it can copy items out of other objects (a tuple
    /// of a list's items, bytes of a bytearray's). Gives `head` and `init`
    /// back unused if it does not fit. (added by containers)
    pub fn alloc_var_with_heap<H: VarHead, F: FnOnce(&Heap, &mut [H::Item]) -> usize>(
        &mut self,
        head: H,
        n: usize,
        finaliser: bool,
        init: F,
    ) -> Result<Obj, (H, F)> {
        let Some(f) = self.alloc_fresh(var_bytes_or_max::<H>(n), finaliser, no_scan::<H>()) else {
            return Err((head, init));
        };
        // The items are a fresh allocation nothing refers to yet: the
        // `&Heap` handed to `init` can reach only other objects (through
        // `Obj`s it already knows), all disjoint from it.
        let (o, items) = write_var_items(f, head, n);
        let keep = init(&*self, items);
        self.var_keep::<H>(o, n, keep);
        Ok(o)
    }
}

/// [`var_bytes`], with `usize::MAX` (which never fits) on overflow.
#[cfg_attr(not(target_os = "none"), inline(always))]
pub fn var_bytes_or_max<H: VarHead>(n: usize) -> usize {
    var_bytes::<H>(n).unwrap_or(usize::MAX)
}

/// Writes the header and length of a new `Var<H>` with `n` (zeroed) items
/// into the fresh allocation `f` and returns the object. If `f` is too
/// small for them (it never is when made for them), `n` is cut to what
/// fits.
#[cfg_attr(not(target_os = "none"), inline(always))]
pub fn write_var<H: VarHead>(f: super::Fresh, head: H, n: usize) -> Obj {
    write_var_items(f, head, n).0
}

/// [`write_var`], also giving the new object's items to fill. Only for
/// filling them at once: the slice must be dropped before anything else
/// can see the object (it is not tied to a borrow of the heap).
#[cfg_attr(not(target_os = "none"), inline(always))]
pub(crate) fn write_var_items<'a, H: VarHead>(f: super::Fresh, head: H, n: usize) -> (Obj, &'a mut [H::Item]) {
    const { assert!(!core::mem::needs_drop::<H>(), "heap objects are never dropped") };
    let room = f.bytes.saturating_sub(items_offset::<H>()) / core::mem::size_of::<H::Item>().max(1);
    let n = n.min(room);
    let p = f.p.cast::<Var<H>>();
    if f.bytes < core::mem::size_of::<Var<H>>() {
        return (Obj::NULL, &mut []);
    }
    // SAFETY: `p` is a fresh, zeroed, BLOCK-aligned allocation of
    // `f.bytes >= size_of::<Var<H>>()` bytes (alignment checked in
    // `registry`) holding room for `n` items after the header (checked
    // above); the zeroed items are valid `GcItem`s. Nothing else refers
    // to the allocation (`Fresh` is consumed here), so the mutable item
    // slice is unique; the heap never moves or reuses it while the
    // object is reachable from the caller's stack.
    unsafe {
        p.as_ptr().write(Var { head, len: n });
        let items = p.as_ptr().cast::<u8>().add(items_offset::<H>()).cast::<H::Item>();
        (Obj::from_addr(p.as_ptr() as usize), core::slice::from_raw_parts_mut(items, n))
    }
}

/// Copies `s` into the start of `d` (at most `d.len()` items) with inline
/// moves for up to 6 items, the size of the small objects' fast paths (a
/// `memcpy` call costs more than the copy); longer ones use `memcpy`.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(crate) fn copy_small<T: Copy>(d: &mut [T], s: &[T]) {
    let k = d.len().min(s.len());
    match k {
        0 => {}
        1 => d[..1].copy_from_slice(&s[..1]),
        2 => d[..2].copy_from_slice(&s[..2]),
        3 => d[..3].copy_from_slice(&s[..3]),
        4 => d[..4].copy_from_slice(&s[..4]),
        5 => d[..5].copy_from_slice(&s[..5]),
        6 => d[..6].copy_from_slice(&s[..6]),
        _ => d[..k].copy_from_slice(&s[..k]),
    }
}

/// [`write_var_items`] for an allocation from
/// [`Heap::alloc_fresh_unzeroed`] (desktop): the items are `u32`s (big-int
/// digits) holding whatever earlier allocations left there, for an owner
/// that writes each item it keeps before anything reads it.
#[cfg(not(target_os = "none"))]
#[inline(always)]
pub(crate) fn write_var_digits<'a, H: VarHead<Item = u32>>(f: super::Fresh, head: H, n: usize) -> (Obj, &'a mut [u32]) {
    const { assert!(no_scan::<H>(), "unzeroed items must not be scanned") };
    // (`write_var_items`' SAFETY holds but for the zeroing of the items
    // past the first block: their stale words are valid `u32`s, every bit
    // pattern being one (the region is initialised memory: zeroed at
    // start-up by `Heap::new_owned`, only written since), and the
    // collector never reads them: no-scan.)
    write_var_items(f, head, n)
}
