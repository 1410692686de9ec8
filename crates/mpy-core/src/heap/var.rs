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
        let o = match self.alloc_var_raw(head, n, finaliser) {
            Ok(o) => o,
            Err(head) => return Err((head, init)),
        };
        let p = super::obj_ptr::<Var<H>>(self, o);
        // SAFETY: `o` was just made by `alloc_var_raw` with `n` zeroed
        // items; nothing else refers to it yet.
        let keep = unsafe {
            let items = p.cast::<u8>().add(items_offset::<H>()).cast::<H::Item>();
            init(core::slice::from_raw_parts_mut(items, n)).min(n)
        };
        if keep < n {
            // SAFETY: only the length field of the new object is written.
            unsafe { (*p).len = keep };
            if let (Some(b), Some(bytes)) = (self.blocks.block_of_addr(o.raw()), var_bytes::<H>(keep)) {
                self.blocks.resize_in_place(b, bytes);
            }
        }
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
        const { assert!(!core::mem::needs_drop::<H>(), "heap objects are never dropped") };
        let Some(bytes) = var_bytes::<H>(n) else { return Err(head) };
        let Some(p) = self.alloc_raw_flags(bytes, finaliser, no_scan::<H>()) else { return Err(head) };
        let p = p.cast::<Var<H>>();
        // SAFETY: `p` is a fresh, zeroed, BLOCK-aligned allocation of
        // `bytes >= size_of::<Var<H>>()` bytes (alignment checked in
        // `registry`); the zeroed items are valid `GcItem`s.
        unsafe { p.as_ptr().write(Var { head, len: n }) };
        Ok(Obj::from_addr(p.as_ptr() as usize))
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
        let o = match self.alloc_var_raw(head, n, finaliser) {
            Ok(o) => o,
            Err(head) => return Err((head, init)),
        };
        let p = super::obj_ptr::<Var<H>>(self, o);
        // SAFETY: `o` was just made by `alloc_var_raw` with `n` zeroed
        // items, and nothing refers to it yet: the `&Heap` handed to
        // `init` can reach only other objects (through `Obj`s it already
        // knows), all disjoint from this new allocation, so the mutable
        // item slice aliases nothing `init` can read. `p` comes from the
        // region's base pointer, not from a borrow of `self`, so the
        // shared reborrow of `self` does not invalidate it.
        let keep = unsafe {
            let items = p.cast::<u8>().add(items_offset::<H>()).cast::<H::Item>();
            let items = core::slice::from_raw_parts_mut(items, n);
            init(&*self, items).min(n)
        };
        if keep < n {
            // SAFETY: only the length field of the new object is written.
            unsafe { (*p).len = keep };
            if let (Some(b), Some(bytes)) = (self.blocks.block_of_addr(o.raw()), var_bytes::<H>(keep)) {
                self.blocks.resize_in_place(b, bytes);
            }
        }
        Ok(o)
    }
}

/// Like [`Heap::alloc_var_with_heap`], but `init` can read the whole
/// interpreter state (`&Vm`), e.g. to pin the texts it copies. If the
/// object does not fit (no collection here), `head` and `init` are given
/// back unused.
pub(crate) fn alloc_var_with_vm<H: VarHead, F: FnOnce(&crate::state::Vm, &mut [H::Item]) -> usize>(
    vm: &mut crate::state::Vm,
    head: H,
    n: usize,
    init: F,
) -> Result<Obj, (H, F)> {
    let o = match vm.heap.alloc_var_raw(head, n, false) {
        Ok(o) => o,
        Err(head) => return Err((head, init)),
    };
    let p = super::obj_ptr::<Var<H>>(&vm.heap, o);
    // SAFETY: `o` was just made by `alloc_var_raw` with `n` zeroed items
    // and nothing refers to it yet, so no path from `&Vm` (whose heap
    // holds the region only through a raw pointer) reaches these bytes:
    // the mutable item slice aliases nothing `init` can read. `p` comes
    // from the region's base pointer, not from a borrow of `vm`.
    let keep = unsafe {
        let items = p.cast::<u8>().add(items_offset::<H>()).cast::<H::Item>();
        let items = core::slice::from_raw_parts_mut(items, n);
        init(&*vm, items).min(n)
    };
    if keep < n {
        // SAFETY: only the length field of the new object is written.
        unsafe { (*p).len = keep };
        if let (Some(b), Some(bytes)) = (vm.heap.blocks.block_of_addr(o.raw()), var_bytes::<H>(keep)) {
            vm.heap.blocks.resize_in_place(b, bytes);
        }
    }
    Ok(o)
}
