//! The gc heap: one region of exactly the configured size holding every
//! Python object and every buffer behind one.
//!
//! * [`blocks`]: the block allocator (allocation table, finaliser table,
//!   pool of 4-word blocks), MicroPython's proven shape.
//! * This file: typed access to objects. An [`Obj`] pointer is the address
//!   of a `#[repr(C)]` object that starts with an [`ObjBase`]; the
//!   [`ObjType`] trait ties a Rust struct to the types whose objects have
//!   its layout, so `heap.get::<ListObj>(o)` checks the type pointer and
//!   hands out a reference. Objects are borrowed from the heap: shared
//!   borrows of `&Heap` for reading, one `&mut Heap` borrow for writing,
//!   so Rust's aliasing rules hold for objects as for any other data.
//! * [`vec`]: [`GcVec`], a growable array in its own heap block (list
//!   items, bytearray bytes, dict tables...), and [`RawBuf`], a buffer
//!   whose length is its allocation's.
//! * [`var`]: objects with their items inline after a header (tuple, str,
//!   bytes, big int digits, closures, generator frames).
//! * [`strs`]: str and bytes objects (text valid UTF-8 by construction).
//! * [`registry`]: every `unsafe impl` of the layout traits, in one place.
//!
//! Allocation here never collects; [`crate::state::Vm`]'s allocation
//! functions collect and retry, then raise `MemoryError`. The collector is
//! [`crate::gc`].
//!
//! # The gc contract
//! The collector is conservative: a heap allocation stays alive while the
//! address of any byte of it is held in a root (the [`crate::state::Vm`]
//! struct, the VM value stack, the native stack and registers) or in a
//! live heap allocation. So code may hold `Obj`s, `GcVec`s and references
//! into heap objects in Rust locals across allocations. What it must not
//! do is keep them anywhere else (a `static`, memory from the global
//! allocator): the collector would not see them.

pub mod blocks;
pub mod registry;
pub mod strs;
pub mod var;
pub mod vec;

#[cfg(test)]
mod tests;

use crate::obj::Obj;
#[cfg(target_os = "none")]
use crate::typ::TypeObj;
use blocks::Blocks;
use core::ptr::NonNull;

pub use blocks::{BLOCK, WORD};
pub use registry::{GcItem, ObjType, VarHead};
pub use strs::StrHead;
pub use var::Var;
pub use vec::{GcVec, Resized};

/// Alignment asked of the global allocator for an owned region: a word
/// (the tables' alignment; the pool is aligned to a block inside it).
const REGION_ALIGN: usize = WORD;

/// Settings and counters of the collector that `gc` and `micropython`
/// expose.
#[derive(Clone, Copy, Debug)]
pub struct GcStats {
    /// Collect when [`Heap::since_gc`] exceeds this (`gc.threshold()`); 0 = off.
    pub threshold: usize,
    /// `gc.disable()` stops automatic collection (not the ones an
    /// allocation failure triggers).
    pub enabled: bool,
    /// `micropython.heap_lock()` depth: allocation raises while > 0.
    pub lock_depth: u32,
    /// Number of collections run.
    pub collections: usize,
}

/// The heap: the block allocator plus the collector's settings.
pub struct Heap {
    pub(crate) blocks: Blocks,
    /// Collector settings and counters.
    pub stats: GcStats,
}

// SAFETY: the heap owns its region exclusively; moving it to another
// thread moves that ownership (the interpreter is single-threaded).
unsafe impl Send for Heap {}

impl Heap {
    /// A heap of exactly `size` bytes, allocated once from the global
    /// allocator (the unix port's start-up allocation). None if the
    /// allocator refuses or `size` is too small to hold one block.
    pub fn new_owned(size: usize) -> Option<Heap> {
        let layout = core::alloc::Layout::from_size_align(size.max(1), REGION_ALIGN).ok()?;
        // SAFETY: `layout` has a non-zero size. Zeroed memory, so every
        // byte of the pool is initialised (the desktop's unzeroed digit
        // allocations hand out stale words as `u32`s); a large request is
        // fresh zero pages from the OS (`calloc` does not write them), so
        // pages of the pool are still touched only when blocks are used.
        // (Only word alignment is asked for: with more than the system
        // allocator's minimum, `alloc_zeroed` is `memalign` plus a memset
        // of the whole region. `Blocks` aligns the pool itself.)
        let p = NonNull::new(unsafe { alloc::alloc::alloc_zeroed(layout) })?;
        // SAFETY: `p` is a fresh allocation of `size` bytes owned by the
        // heap until `Drop` gives it back.
        let h = unsafe { Heap::from_raw(p, size, true) };
        if h.blocks.n_blocks() == 0 {
            return None;
        }
        Some(h)
    }

    /// A heap in a static region (the board ports' `.bss` array).
    pub fn new_static(region: &'static mut [core::mem::MaybeUninit<u8>]) -> Heap {
        let size = region.len();
        let p = NonNull::from(region).cast::<u8>();
        // SAFETY: the `'static mut` borrow gives the heap the region for
        // the rest of the program.
        unsafe { Heap::from_raw(p, size, false) }
    }

    /// # Safety
    /// As [`Blocks::new`].
    unsafe fn from_raw(p: NonNull<u8>, size: usize, owned: bool) -> Heap {
        // Heap pointers are turned back into references from their
        // address alone (`Obj` is a plain word): expose the region's
        // provenance for that.
        let _ = p.as_ptr().expose_provenance();
        Heap {
            // SAFETY: forwarded from the caller.
            blocks: unsafe { Blocks::new(p, size, owned) },
            stats: GcStats { threshold: 0, enabled: true, lock_depth: 0, collections: 0 },
        }
    }

    /// The heap size in bytes (the whole region).
    #[inline]
    pub fn size(&self) -> usize {
        self.blocks.size()
    }

    /// Bytes allocated since the last collection (what `gc.threshold()`
    /// counts), from the allocator's own counts.
    #[inline]
    pub fn since_gc(&self) -> usize {
        self.blocks.since_gc_blocks() * BLOCK
    }

    /// Bytes in use (`gc.mem_alloc()`): allocated blocks plus the tables
    /// and alignment slack, so that `mem_alloc() + mem_free()` is exactly
    /// [`Heap::size`].
    pub fn mem_alloc(&self) -> usize {
        self.size() - self.mem_free()
    }

    /// Bytes free (`gc.mem_free()`): free blocks.
    pub fn mem_free(&self) -> usize {
        (self.blocks.n_blocks() - self.blocks.used_blocks()) * BLOCK
    }

    /// The largest free run of blocks, in bytes (`micropython.mem_info`'s
    /// "max new split").
    pub fn max_free(&self) -> usize {
        let mut best = 0;
        let mut run = 0;
        for b in 0..self.blocks.n_blocks() {
            if self.blocks.atb(b) == blocks::FREE {
                run += 1;
                best = best.max(run);
            } else {
                run = 0;
            }
        }
        best * BLOCK
    }

    /// Is `o` an object in this heap (not a static)?
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn is_heap_obj(&self, o: Obj) -> bool {
        o.as_ptr_addr().is_some_and(|a| self.blocks.contains(a))
    }

    /// Allocates `bytes` (zeroed, at least one block) without collecting.
    /// None when no run of free blocks is long enough.
    #[inline]
    pub fn alloc_raw(&mut self, bytes: usize, finaliser: bool) -> Option<NonNull<u8>> {
        self.alloc_raw_flags(bytes, finaliser, false)
    }

    /// [`Heap::alloc_raw`], optionally telling the collector that the
    /// allocation holds pointers only in its first block (`no_scan`: str
    /// and bytes data, digits, byte buffers), so it skips the rest.
    /// Inlined into every allocation on hosted targets (speed); one shared
    /// copy on the boards (flash).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub fn alloc_raw_flags(&mut self, bytes: usize, finaliser: bool, no_scan: bool) -> Option<NonNull<u8>> {
        self.blocks.alloc(bytes, finaliser, no_scan)
    }

    /// Allocates `bytes` (at least two blocks) of raw memory the collector
    /// does not scan past its first block, and does not zero past it
    /// either (see [`blocks::Blocks::alloc_raw_unzeroed`]): for memory the
    /// owner writes before reading and that holds no objects. No collection.
    pub fn alloc_raw_unzeroed(&mut self, bytes: usize) -> Option<NonNull<u8>> {
        let n = bytes.div_ceil(BLOCK).max(2);
        self.blocks.alloc_raw_unzeroed(n)
    }

    /// Frees the allocation that starts at `addr` (anything else is
    /// ignored). Only for memory nothing refers to any more: an object's
    /// old buffer after growth, a temporary.
    pub fn free_addr(&mut self, addr: usize) {
        self.blocks.free(addr);
    }

    /// Bytes of the allocation that starts at `addr` (0 if none does).
    pub fn alloc_size(&self, addr: usize) -> usize {
        match self.blocks.block_of_addr(addr) {
            Some(b) if addr % BLOCK == 0 && matches!(self.blocks.atb(b), blocks::HEAD | blocks::MARK) => {
                self.blocks.alloc_blocks(b) * BLOCK
            }
            _ => 0,
        }
    }

    /// Moves a new object into the heap. Gives the value back if it does
    /// not fit (the caller collects and retries).
    #[inline]
    pub fn alloc_obj<T: ObjType>(&mut self, value: T, finaliser: bool) -> Result<Obj, T> {
        match self.alloc_fresh(core::mem::size_of::<T>(), finaliser, false) {
            Some(f) => Ok(write_obj(f, value)),
            None => Err(value),
        }
    }

    /// A [`Fresh`] allocation of `bytes` with the no-scan bit whose blocks
    /// past the first are not zeroed (see
    /// [`blocks::Blocks::alloc_no_scan_unzeroed`]): only for
    /// [`var::write_var_digits`]. No collection.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub(crate) fn alloc_fresh_unzeroed(&mut self, bytes: usize) -> Option<Fresh> {
        let p = self.blocks.alloc_no_scan_unzeroed(bytes)?;
        Some(Fresh { p, bytes })
    }

    /// A zeroed allocation of `N` blocks from the allocator's fast path
    /// only ([`blocks::Blocks::alloc_fast`]): None where it would search
    /// (the caller then takes its general path, which also collects).
    /// Desktop: the small-object constructors' frameless fast paths.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub(crate) fn alloc_fresh_fast<const N: usize>(&mut self, no_scan: bool) -> Option<Fresh> {
        let p = self.blocks.alloc_fast::<true>(N, false, no_scan)?;
        Some(Fresh { p, bytes: N * BLOCK })
    }

    /// Desktop: [`Heap::alloc_fresh`] for `bytes <= 2 * BLOCK`, through
    /// the allocator's code for one or for two blocks (a size known only
    /// at run time, as in `Vm::alloc_room`, becomes one of two constants:
    /// the common small objects skip the general size's work).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub(crate) fn alloc_fresh_small(&mut self, bytes: usize, finaliser: bool, no_scan: bool) -> Option<Fresh> {
        let p = if bytes <= BLOCK {
            self.blocks.alloc_n::<1>(finaliser, no_scan)?
        } else {
            self.blocks.alloc_n::<2>(finaliser, no_scan)?
        };
        Some(Fresh { p, bytes })
    }

    /// [`Heap::alloc_raw_flags`] as a [`Fresh`] allocation, for the typed
    /// writers ([`write_obj`], [`var::write_var`]).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn alloc_fresh(&mut self, bytes: usize, finaliser: bool, no_scan: bool) -> Option<Fresh> {
        let p = self.alloc_raw_flags(bytes, finaliser, no_scan)?;
        Some(Fresh { p, bytes })
    }

    /// The object `o` as a `T`, if `o` is a pointer to an object of one of
    /// `T`'s types.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn get<T: ObjType>(&self, o: Obj) -> Option<&T> {
        #[cfg(target_os = "none")]
        if let Some([a, b]) = T::TYPES {
            let mut p = if core::ptr::eq(a, b) { self.of_type(o, a) } else { self.of_types(o, a, b) };
            if let (None, Some([c, d])) = (p, T::MORE_TYPES) {
                p = self.of_types(o, c, d);
            }
            let p = p?.cast::<T>();
            self.debug_check_live(o);
            // SAFETY: as in `get_inline`: `o` is a live object of one of
            // `T`'s types.
            return Some(unsafe { p.as_ref() });
        }
        self.get_inline(o)
    }

    /// [`Heap::get`]'s own check (types given by a predicate on the board).
    #[inline(always)]
    fn get_inline<T: ObjType>(&self, o: Obj) -> Option<&T> {
        let ty = o.ptr_type()?;
        if !T::is_type(ty) {
            return None;
        }
        self.debug_check_live(o);
        let p: *const T = core::ptr::with_exposed_provenance(o.raw());
        // SAFETY: `o` points to a live object (the gc contract) whose type
        // says it has `T`'s layout (`ObjType`'s contract). The `&self`
        // borrow excludes any `&mut` to heap objects while this lives.
        Some(unsafe { &*p })
    }

    /// [`Heap::get`] without the type check, for references the VM made
    /// itself and whose type an invariant fixes (a function's context).
    ///
    /// # Safety
    /// `o` must be a live object of one of `T`'s types (checked in debug
    /// builds).
    #[inline(always)]
    pub unsafe fn get_unchecked<T: ObjType>(&self, o: Obj) -> &T {
        debug_assert!(o.ptr_type().is_some_and(T::is_type));
        self.debug_check_live(o);
        let p: *const T = core::ptr::with_exposed_provenance(o.raw());
        // SAFETY: `o` is a live object of `T`'s layout (the caller's
        // contract); the `&self` borrow excludes `&mut` to heap objects.
        unsafe { &*p }
    }

    /// The object `o` as a mutable `T`, if it is one and lives in the heap
    /// (statics are read-only).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn get_mut<T: ObjType>(&mut self, o: Obj) -> Option<&mut T> {
        #[cfg(target_os = "none")]
        if let Some([a, b]) = T::TYPES {
            let mut p = if core::ptr::eq(a, b) { self.heap_of_type(o, a) } else { self.heap_of_types(o, a, b) };
            if let (None, Some([c, d])) = (p, T::MORE_TYPES) {
                p = self.heap_of_types(o, c, d);
            }
            let mut p = p?.cast::<T>();
            self.debug_check_live(o);
            // SAFETY: as in `get_mut_inline`: a live heap object of one of
            // `T`'s types.
            return Some(unsafe { p.as_mut() });
        }
        self.get_mut_inline(o)
    }

    /// [`Heap::get_mut`]'s own check (types given by a predicate on the board).
    #[inline(always)]
    fn get_mut_inline<T: ObjType>(&mut self, o: Obj) -> Option<&mut T> {
        let ty = o.ptr_type()?;
        if !T::is_type(ty) || !self.blocks.contains(o.raw()) {
            return None;
        }
        self.debug_check_live(o);
        let p = self.blocks.block_ptr(0).with_addr(o.raw()).cast::<T>();
        // SAFETY: as in `get_inline`, and the object is in the heap's
        // region, so writable; the `&mut self` borrow makes this the only
        // reference into heap objects while it lives.
        Some(unsafe { &mut *p })
    }

    /// [`Heap::get_mut`]'s shared body on the board: `o` as a writable
    /// pointer if it is a heap object of type `a` or `b`.
    #[cfg(target_os = "none")]
    #[inline(never)]
    fn heap_of_types(&self, o: Obj, a: &TypeObj, b: &TypeObj) -> Option<NonNull<u8>> {
        // (No layout of the heap is `function`'s, whose board objects have
        // no header: `is_exactly` is exact for `a` and `b`.)
        if !o.is_exactly(a) && !o.is_exactly(b) || !self.blocks.contains(o.raw()) {
            return None;
        }
        NonNull::new(self.blocks.block_ptr(0).with_addr(o.raw()))
    }

    /// [`Heap::heap_of_types`] for a layout of one type (one argument less
    /// in each caller's copy).
    #[cfg(target_os = "none")]
    #[inline(never)]
    fn heap_of_type(&self, o: Obj, a: &TypeObj) -> Option<NonNull<u8>> {
        self.heap_of_types(o, a, a)
    }

    /// [`Heap::get`]'s shared body on the board (one out-of-line check
    /// instead of a copy per object type): `o` as a pointer if it is a
    /// pointer object of type `a` or `b`.
    #[cfg(target_os = "none")]
    #[inline(never)]
    fn of_types(&self, o: Obj, a: &TypeObj, b: &TypeObj) -> Option<NonNull<u8>> {
        // (As in `heap_of_types`: `is_exactly` is exact for these types.)
        if !o.is_exactly(a) && !o.is_exactly(b) {
            return None;
        }
        NonNull::new(core::ptr::with_exposed_provenance_mut(o.raw()))
    }

    /// [`Heap::of_types`] for a layout of one type.
    #[cfg(target_os = "none")]
    #[inline(never)]
    fn of_type(&self, o: Obj, a: &TypeObj) -> Option<NonNull<u8>> {
        self.of_types(o, a, a)
    }

    /// In debug builds, checks that `o` is the start of a live allocation
    /// (or a static): catches a stale `Obj` at its first use.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn debug_check_live(&self, o: Obj) {
        #[cfg(debug_assertions)]
        {
            let a = o.raw();
            if let Some(b) = self.blocks.block_of_addr(a) {
                debug_assert!(
                    a % BLOCK == 0 && matches!(self.blocks.atb(b), blocks::HEAD | blocks::MARK),
                    "stale heap object {a:#x}"
                );
            }
        }
        let _ = o;
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        if self.blocks.owned() {
            if let Ok(layout) = core::alloc::Layout::from_size_align(self.blocks.size().max(1), REGION_ALIGN) {
                // SAFETY: an owned region was allocated in `new_owned` with
                // this same layout, and nothing uses it after the heap.
                unsafe { alloc::alloc::dealloc(self.blocks.base().as_ptr(), layout) };
            }
        }
    }
}

/// A new, zeroed, BLOCK-aligned heap allocation of `bytes` bytes that
/// nothing refers to yet (only [`Heap::alloc_fresh`] makes one): what the
/// shared allocation body hands to the small typed writers. (Desktop:
/// [`Heap::alloc_fresh_unzeroed`] makes one zeroed in its first block
/// only, for [`var::write_var_digits`] alone.)
pub struct Fresh {
    p: NonNull<u8>,
    bytes: usize,
}

impl Fresh {
    /// The start of the allocation (for raw memory).
    #[cfg_attr(not(target_os = "none"), inline(always))]
    pub fn ptr(self) -> NonNull<u8> {
        self.p
    }
}

/// Writes a new user class into the fresh allocation `f`, field by field
/// (a `ClassObj` is ~270 bytes: built in place, not on the stack and
/// copied): the `TypeObj` `ty` (given `flags::IS_CLASS`), then the state
/// with `bases`, `dict`, `flags`, an empty method cache of epoch `epoch`,
/// no MRO yet (`Obj::NULL`) and `inst_attrs` 0. If `f` is too small (it
/// never is when made for a `ClassObj`), `Obj::NULL` is returned.
pub fn write_class(
    f: Fresh,
    mut ty: crate::typ::TypeObj,
    bases: Obj,
    dict: crate::map::Map,
    flags: u32,
    epoch: usize,
) -> Obj {
    use crate::vm::class::ClassObj;
    if f.bytes < core::mem::size_of::<ClassObj>() {
        return Obj::NULL;
    }
    ty.flags |= crate::typ::flags::IS_CLASS;
    let p = f.p.cast::<ClassObj>().as_ptr();
    // SAFETY: `p` is a fresh, zeroed, BLOCK-aligned allocation of at least
    // `size_of::<ClassObj>()` bytes (checked above) that nothing else
    // refers to; fields are written through raw field pointers, so no
    // reference to the partly written value is made. The fields left
    // alone (`mro`, `inst_attrs`, the cache's index words) are valid as
    // zero (`Obj::NULL`, 0).
    unsafe {
        core::ptr::addr_of_mut!((*p).ty).write(ty);
        let st = core::ptr::addr_of_mut!((*p).st);
        core::ptr::addr_of_mut!((*st).bases).write(bases);
        core::ptr::addr_of_mut!((*st).dict).write(dict);
        core::ptr::addr_of_mut!((*st).flags).write(flags);
        core::ptr::addr_of_mut!((*st).mcache_epoch).write(epoch);
        for e in (*st).mcache.iter_mut() {
            e.0 = u32::MAX;
        }
    }
    Obj::from_addr(p as usize)
}

/// Moves `value` into the fresh allocation `f` and returns the object.
/// If `f` is too small for a `T` (it never is when made for one), the
/// allocation is left as it is and `Obj::NULL` is returned.
#[cfg_attr(not(target_os = "none"), inline(always))]
pub fn write_obj<T: ObjType>(f: Fresh, value: T) -> Obj {
    const { assert!(!core::mem::needs_drop::<T>(), "heap objects are never dropped") };
    if f.bytes < core::mem::size_of::<T>() {
        return Obj::NULL;
    }
    let p = f.p.cast::<T>();
    // SAFETY: `p` is a fresh, zeroed, BLOCK-aligned allocation of at
    // least `size_of::<T>()` bytes (checked above) that nothing else
    // refers to; BLOCK >= align_of::<T>() is checked for every registered
    // type in `registry`.
    unsafe { p.as_ptr().write(value) };
    Obj::from_addr(p.as_ptr() as usize)
}

/// Base of an object as a typed pointer in the region (for the var and vec
/// accessors): `o` must be a heap pointer.
#[cfg_attr(not(target_os = "none"), inline(always))]
pub(crate) fn obj_ptr<T>(heap: &Heap, o: Obj) -> *mut T {
    heap.blocks.block_ptr(0).with_addr(o.raw()).cast::<T>()
}

impl Heap {
    /// The user class `o` (a heap type with `flags::IS_CLASS`).
    #[inline]
    pub fn class(&self, o: Obj) -> Option<&crate::vm::class::ClassObj> {
        let t = o.as_type()?;
        if t.flags & crate::typ::flags::IS_CLASS == 0 || !self.blocks.contains(o.raw()) {
            return None;
        }
        let p: *const crate::vm::class::ClassObj = core::ptr::with_exposed_provenance(o.raw());
        // SAFETY: types flagged IS_CLASS are only made as the `base` field
        // (first, `#[repr(C)]`) of a heap `ClassObj`; `o` is live (gc
        // contract); `&self` excludes writers.
        Some(unsafe { &*p })
    }

    /// Desktop inline caches: [`Heap::class`] for an address the cache
    /// proved to be a live class, without the check that it lies in the
    /// heap (a type flagged IS_CLASS is always a heap `ClassObj`'s, as
    /// [`Heap::class_of`] relies on).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn class_live(&self, o: Obj) -> Option<&crate::vm::class::ClassObj> {
        // The caller's cache proved the class alive (no class was made or
        // freed since it was filled).
        Self::class_of_type(o.as_type()?)
    }

    /// The user class whose `TypeObj` is `t`, if `t` is flagged IS_CLASS
    /// (desktop fast paths; the caller knows the class is alive).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn class_of_type(t: &crate::typ::TypeObj) -> Option<&crate::vm::class::ClassObj> {
        if t.flags & crate::typ::flags::IS_CLASS == 0 {
            return None;
        }
        let p: *const crate::vm::class::ClassObj = (t as *const crate::typ::TypeObj).cast();
        // SAFETY: a type flagged IS_CLASS is the `TypeObj` at the start of
        // a heap `ClassObj` (as in `class`), kept alive as the callers say.
        Some(unsafe { &*p })
    }

    /// The class of `o` when its type is a user class (desktop fast paths:
    /// read off the type, without [`Heap::class`]'s checks of the class
    /// object).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn class_of(&self, o: Obj) -> Option<&crate::vm::class::ClassObj> {
        // The live object `o` keeps its class alive (its header points to it).
        Self::class_of_type(o.ptr_type()?)
    }

    /// The mutable state of user class `o` (its `TypeObj` part is never
    /// written after creation, so shared references to it stay valid).
    #[inline]
    pub fn class_state_mut(&mut self, o: Obj) -> Option<&mut crate::vm::class::ClassState> {
        let t = o.as_type()?;
        if t.flags & crate::typ::flags::IS_CLASS == 0 || !self.blocks.contains(o.raw()) {
            return None;
        }
        let p = obj_ptr::<crate::vm::class::ClassObj>(self, o);
        // SAFETY: as in `class`; the reference covers only the `st` field,
        // disjoint from the `TypeObj` others may be reading, and `&mut
        // self` makes it the only mutable reference into the heap.
        Some(unsafe { &mut (*p).st })
    }
}
