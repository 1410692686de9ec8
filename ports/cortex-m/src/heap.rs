//! Memory on a board: the gc heap's static region, and the small arena
//! behind Rust's global allocator.
//!
//! The gc heap (`mpy_core::heap::Heap::new_static`) is a static region the
//! board places in `.uninit`, so boot does not zero it; the core
//! initialises only its allocation table. Every object a script makes
//! lives there. A soft reset drops the interpreter and builds a fresh heap
//! over the same region.
//!
//! The global allocator serves what still lives outside the gc heap: the
//! interpreter's fixed parts made at start-up (the HAL box, the VM value
//! stack) and the compiler and `.mpy` reader while they run (up to the
//! `CompiledModule` they hand to the core). It is a first-fit free list
//! ([`Pool`]) over a second static region of a fixed size (the build
//! setting `MPY_ARENASIZE`). Compiles run through
//! [`crate::catch`]: each of their allocations is tagged, and if the arena
//! runs out during one, the compile is abandoned, its allocations are
//! given back and the script gets `MemoryError`. Both regions are reset
//! wholesale at boot and after a fault or panic.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::mem::MaybeUninit;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

/// A static, uninitialised byte region of `N` bytes. Boards place one in
/// `.uninit` so boot does not zero it.
#[repr(C, align(16))]
pub struct Region<const N: usize>(UnsafeCell<MaybeUninit<[u8; N]>>);

// SAFETY: the region is only handed out as raw memory, once per reset, to
// one owner (the gc heap or the arena), which serialises access to it.
unsafe impl<const N: usize> Sync for Region<N> {}

impl<const N: usize> Region<N> {
    /// An uninitialised region.
    pub const fn new() -> Region<N> {
        Region(UnsafeCell::new(MaybeUninit::uninit()))
    }

    /// Start address and size in bytes.
    pub fn bounds(&'static self) -> (*mut u8, usize) {
        (self.0.get().cast::<u8>(), N)
    }
}

impl<const N: usize> Default for Region<N> {
    fn default() -> Self {
        Region::new()
    }
}

/// The gc heap's region `(start, size)` as a fresh core heap.
///
/// # Safety
/// `(start, size)` is a board's static [`Region`] used for nothing else,
/// and nothing made from an earlier call is used any more (the previous
/// interpreter was dropped, or abandoned by a fault recovery).
pub unsafe fn gc_heap(start: *mut u8, size: usize) -> mpy_core::heap::Heap {
    // SAFETY: the caller's contract: the region is valid for `size` bytes
    // for the rest of the program and has no other user now.
    let region = unsafe { core::slice::from_raw_parts_mut(start.cast::<MaybeUninit<u8>>(), size) };
    mpy_core::heap::Heap::new_static(region)
}

/// Header in front of each arena allocation: the live-allocation list
/// (so an abandoned compile's allocations can be found) and its tag.
/// Blocks of the lent pool have none: that pool goes back whole, and a
/// block is known to be from it by its address (the compiler makes
/// thousands of small allocations, so 16 bytes each would cost it about
/// as much as its data).
#[repr(C)]
struct Hdr {
    prev: *mut Hdr,
    next: *mut Hdr,
    /// The underlying block's size in bytes.
    size: u32,
    /// The compile that made it (0: none).
    tag: u16,
    /// log2 of the bytes from the underlying block's start to the user
    /// pointer.
    offset_log2: u8,
    /// log2 of the underlying block's alignment.
    align_log2: u8,
}

const HDR: usize = core::mem::size_of::<Hdr>();

/// A first-fit free list over one region (the arena, or the lent pool):
/// the free runs ("holes") in address order, each starting with its
/// [`Hole`] header. Blocks and holes are multiples of [`UNIT`] bytes at
/// multiples of [`UNIT`], at least a header's size ([`MIN`]); a hole a
/// block would leave too small a rest of is passed over, and a freed
/// block merges with the holes next to it. (The compiler makes thousands
/// of small allocations: the 4-byte granule matters.)
struct Pool {
    /// The lowest hole (null: none).
    head: *mut Hole,
    /// The region's size in bytes.
    size: usize,
}

/// The start of a free run.
#[repr(C)]
struct Hole {
    /// The next hole up (null: none).
    next: *mut Hole,
    /// This run's bytes.
    size: usize,
}

/// Granule of [`Pool`] blocks: a [`Hole`]'s alignment.
const UNIT: usize = core::mem::align_of::<Hole>();
/// Smallest [`Pool`] block or hole: a [`Hole`].
const MIN: usize = core::mem::size_of::<Hole>();

/// `n` rounded up to a multiple of `unit` (a power of two), None on
/// overflow.
fn round_up(n: usize, unit: usize) -> Option<usize> {
    Some(n.checked_add(unit - 1)? & !(unit - 1))
}

impl Pool {
    /// No memory.
    const fn empty() -> Pool {
        Pool { head: core::ptr::null_mut(), size: 0 }
    }

    /// The region `(start, size)` as one hole.
    ///
    /// # Safety
    /// The region is valid memory used by nothing else while the pool (or
    /// a block from it) is in use.
    unsafe fn new(start: *mut u8, size: usize) -> Pool {
        let a = round_up(start as usize, UNIT).unwrap_or(usize::MAX);
        let end = (start as usize).saturating_add(size) & !(UNIT - 1);
        if end < a.saturating_add(MIN) {
            return Pool { head: core::ptr::null_mut(), size };
        }
        let h = start.wrapping_add(a - start as usize).cast::<Hole>();
        // SAFETY: `h` is `UNIT`-aligned and `end - a` >= `MIN` bytes of
        // the region follow it (the caller's contract).
        unsafe { h.write(Hole { next: core::ptr::null_mut(), size: end - a }) };
        Pool { head: h, size }
    }

    /// The block size for `layout`.
    fn block(layout: Layout) -> Option<usize> {
        round_up(layout.size().max(MIN), UNIT)
    }

    /// A block for `layout` from the lowest hole that fits; None if none
    /// does.
    fn alloc(&mut self, layout: Layout) -> Option<NonNull<u8>> {
        let size = Self::block(layout)?;
        let align = layout.align().max(UNIT);
        debug_assert!(align.is_power_of_two());
        let mut prev: *mut *mut Hole = &mut self.head;
        // SAFETY: `prev` points at the list head or at the `next` field of
        // a hole; the holes are valid headers inside the region (`new`,
        // `free`), each `size` bytes long, which no block overlaps. The
        // block handed out, and the holes written around it, lie inside
        // the hole they come from.
        unsafe {
            loop {
                let h = *prev;
                if h.is_null() {
                    return None;
                }
                let (a, s, next) = (h as usize, (*h).size, (*h).next);
                // A block not at the hole's start leaves a hole in front.
                let pad = match round_up(a, align)? - a {
                    0 => 0,
                    _ => round_up(a + MIN, align)? - a,
                };
                let fits = pad <= s && size <= s - pad;
                if fits && !(1..MIN).contains(&(s - pad - size)) {
                    let start = h.cast::<u8>().wrapping_add(pad);
                    let after = s - pad - size;
                    let mut link = next;
                    if after > 0 {
                        let b = start.wrapping_add(size).cast::<Hole>();
                        b.write(Hole { next, size: after });
                        link = b;
                    }
                    if pad > 0 {
                        (*h).size = pad;
                        (*h).next = link;
                    } else {
                        *prev = link;
                    }
                    return NonNull::new(start);
                }
                prev = &raw mut (*h).next;
            }
        }
    }

    /// Gives back block `p`, merging it with the holes next to it.
    ///
    /// # Safety
    /// `p` came from this pool's [`Pool::alloc`] with `layout` and is not
    /// used any more.
    unsafe fn free(&mut self, p: *mut u8, layout: Layout) {
        let Some(size) = Self::block(layout) else { return };
        let a = p as usize;
        // SAFETY: the holes are valid headers (see `alloc`); the block's
        // `size` bytes are ours again (the caller's contract) and
        // `UNIT`-aligned, room for a header.
        unsafe {
            let mut prev: *mut Hole = core::ptr::null_mut();
            let mut next = self.head;
            while !next.is_null() && (next as usize) < a {
                prev = next;
                next = (*next).next;
            }
            let h = p.cast::<Hole>();
            h.write(Hole { next, size });
            if !next.is_null() && a + size == next as usize {
                (*h).size += (*next).size;
                (*h).next = (*next).next;
            }
            if prev.is_null() {
                self.head = h;
            } else if prev as usize + (*prev).size == a {
                (*prev).size += (*h).size;
                (*prev).next = (*h).next;
            } else {
                (*prev).next = h;
            }
        }
    }
}


struct Arena {
    heap: Pool,
    /// The gc-heap block lent to the running compile, as a second pool:
    /// `(start, end)` of its range and its allocator (blocks there have
    /// no header and are not on the live list: the whole pool goes back
    /// at once).
    lend: Option<(usize, usize, Pool)>,
    /// Allocate from `lend` (only while the compile itself runs).
    lend_alloc: bool,
    /// Most recent live allocation.
    head: *mut Hdr,
    used: usize,
    peak: usize,
}

struct BoardAlloc {
    arena: UnsafeCell<Arena>,
}

// SAFETY: single-core; every access to `arena` happens inside a critical
// section (interrupts disabled), so no two accesses overlap.
unsafe impl Sync for BoardAlloc {}

#[global_allocator]
static ALLOC: BoardAlloc =
    BoardAlloc {
    arena: UnsafeCell::new(Arena {
        heap: Pool::empty(),
        lend: None,
        lend_alloc: false,
        head: core::ptr::null_mut(),
        used: 0,
        peak: 0,
    }),
};

/// Set while a script runs (`interp`): arena allocations then must come
/// from the compiler or `.mpy` reader (`alloc_guard::permit`).
pub(crate) static GUARDED: AtomicBool = AtomicBool::new(false);
/// Arena allocations made while [`GUARDED`] outside `permit`.
pub(crate) static VIOLATIONS: AtomicU32 = AtomicU32::new(0);

/// Tag given to new allocations (the running compile's, 0 outside one).
static TAG: AtomicU32 = AtomicU32::new(0);
/// Saved stack pointer of the running [`crate::catch`] (0: none).
pub(crate) static CATCH_SP: AtomicUsize = AtomicUsize::new(0);

impl BoardAlloc {
    fn with<R>(&self, f: impl FnOnce(&mut Arena) -> R) -> R {
        critical_section::with(|_| {
            // SAFETY: inside a critical section on a single core this is the
            // only live reference to the allocator state (see `Sync` above).
            let a = unsafe { &mut *self.arena.get() };
            f(a)
        })
    }
}

/// The underlying block's layout for a user `layout`, and the header
/// offset.
fn outer(layout: Layout) -> Option<(Layout, usize)> {
    let off = layout.align().max(HDR);
    let l = Layout::from_size_align(layout.size().checked_add(off)?, layout.align().max(4)).ok()?;
    Some((l, off))
}

impl Arena {
    /// Allocates `layout` from the lent pool (as is) while a compile
    /// runs, else (or if that is full) from the arena with a header; null
    /// if neither has room.
    fn alloc(&mut self, layout: Layout) -> *mut u8 {
        if self.lend_alloc {
            if let Some(p) = self.lend.as_mut().and_then(|(_, _, h)| h.alloc(layout)) {
                return p.as_ptr();
            }
        }
        let Some((l, off)) = outer(layout) else { return core::ptr::null_mut() };
        let Some(base) = self.heap.alloc(l) else { return core::ptr::null_mut() };
        self.used += l.size();
        self.peak = self.peak.max(self.used);
        Self::place(base, l, off, &mut self.head)
    }

    /// Whether `p` is in the lent pool (a block of it, with no header).
    fn in_lent(&self, p: *mut u8) -> bool {
        matches!(&self.lend, Some((start, end, _)) if (*start..*end).contains(&(p as usize)))
    }

    /// Writes the header of block `base` (layout `l`, user data at `off`),
    /// linking it into the live list `head`; returns the user pointer.
    fn place(base: NonNull<u8>, l: Layout, off: usize, head: &mut *mut Hdr) -> *mut u8 {
        let user = base.as_ptr().wrapping_add(off);
        let h = user.wrapping_sub(HDR).cast::<Hdr>();
        // SAFETY: `h` is the HDR bytes just below `user`, inside the block
        // of `l.size()` bytes just allocated (off >= HDR), 4-aligned; the
        // list head, if any, is a live header.
        unsafe {
            h.write(Hdr {
                prev: core::ptr::null_mut(),
                next: *head,
                size: l.size() as u32,
                tag: TAG.load(Ordering::Relaxed) as u16,
                offset_log2: off.trailing_zeros() as u8,
                align_log2: l.align().trailing_zeros() as u8,
            });
            if let Some(n) = head.as_mut() {
                n.prev = h;
            }
            *head = h;
        }
        user
    }

    /// Frees the allocation whose header is `h`.
    ///
    /// # Safety
    /// `h` is the header of a live allocation of this arena.
    unsafe fn free(&mut self, h: *mut Hdr) {
        // SAFETY: `h` and its neighbours are live headers (the caller's
        // contract; the list links only live allocations), and the block
        // they describe was allocated with exactly this size and alignment.
        unsafe {
            let Hdr { prev, next, size, offset_log2, align_log2, .. } = h.read();
            let base = h.cast::<u8>().add(HDR).sub(1usize << offset_log2);
            let l = Layout::from_size_align_unchecked(size as usize, 1usize << align_log2);
            match prev.as_mut() {
                Some(p) => p.next = next,
                None => self.head = next,
            }
            if let Some(n) = next.as_mut() {
                n.prev = prev;
            }
            self.used -= l.size();
            self.heap.free(base, l);
        }
    }
}

// SAFETY: `Pool` returns blocks of at least the
// requested size and alignment inside its region, disjoint while live; in
// the arena the user pointer is the block start plus a multiple of the
// alignment, with `size` bytes after it inside the block; in the lent pool
// it is the block start.
unsafe impl GlobalAlloc for BoardAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if GUARDED.load(Ordering::Relaxed) && !mpy_core::alloc_guard::permitted() {
            VIOLATIONS.fetch_add(1, Ordering::Relaxed);
        }
        let p = self.with(|a| a.alloc(layout));
        if p.is_null() && CATCH_SP.load(Ordering::Relaxed) != 0 && crate::fault::thread_mode() {
            // The compile in progress cannot go on: abandon it.
            crate::catch::abandon();
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.with(|a| {
            if a.in_lent(ptr) {
                if let Some((_, _, pool)) = a.lend.as_mut() {
                    // SAFETY: `ptr` came from `alloc` with `layout`
                    // (GlobalAlloc's contract), and being in the lent
                    // pool's range it was allocated there, as is.
                    unsafe { pool.free(ptr, layout) };
                }
                return;
            }
            let h = ptr.wrapping_sub(HDR).cast::<Hdr>();
            // SAFETY: `ptr` came from `alloc` (GlobalAlloc's contract) and
            // not from the lent pool, so `h` is its live header.
            unsafe { a.free(h) }
        });
    }
}

/// Gives back every arena allocation tagged `tag` (an abandoned
/// compile's).
pub(crate) fn free_tagged(tag: u32) {
    ALLOC.with(|a| {
        let mut h = a.head;
        while !h.is_null() {
            // SAFETY: `h` is a live header of the list.
            let (next, t) = unsafe { ((*h).next, (*h).tag) };
            if u32::from(t) == tag {
                // SAFETY: a live header of this arena.
                unsafe { a.free(h) };
            }
            h = next;
        }
    });
}

/// Lends the compile about to run the gc-heap block `(start, len)` as a
/// second pool (allocation from it on).
///
/// # Safety
/// The block is allocated in the gc heap for the core's compile call and
/// used by nothing else until [`lend_end`].
pub(crate) unsafe fn lend_begin(start: usize, len: usize) {
    ALLOC.with(|a| {
        // SAFETY: the caller's contract: `len` bytes at `start` are ours.
        a.lend = Some((start, start + len, unsafe { Pool::new(start as *mut u8, len) }));
        a.lend_alloc = true;
    });
}

/// Stops allocating from the lent pool (frees into it still work).
pub(crate) fn lend_stop_alloc() {
    ALLOC.with(|a| a.lend_alloc = false);
}

/// Forgets the lent pool (everything in it is abandoned or was freed).
pub(crate) fn lend_end() {
    ALLOC.with(|a| {
        a.lend = None;
        a.lend_alloc = false;
    });
}

/// Starts a tagged region: allocations from now on carry a new tag, which
/// is returned (with the tag it replaces, to restore).
pub(crate) fn begin_tag() -> (u32, u32) {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    // Tags are 16 bits in the header; 0 means untagged.
    let t = (NEXT.fetch_add(1, Ordering::Relaxed) & 0xffff).max(1);
    (t, TAG.swap(t, Ordering::Relaxed))
}

/// Ends a tagged region, restoring the previous tag.
pub(crate) fn end_tag(prev: u32) {
    TAG.store(prev, Ordering::Relaxed);
}

/// Makes the whole arena `(start, size)` free again. Every earlier
/// allocation is forgotten: call only when none is live any more (at boot
/// and after a fault, with the interpreter abandoned).
pub fn reset_arena(start: *mut u8, size: usize) {
    TAG.store(0, Ordering::Relaxed);
    CATCH_SP.store(0, Ordering::Relaxed);
    // A fault may have abandoned a running script.
    GUARDED.store(false, Ordering::Relaxed);
    VIOLATIONS.store(0, Ordering::Relaxed);
    ALLOC.with(|a| {
        // SAFETY: the board's static arena, used by nothing else; nothing
        // allocated from it is live (this function's contract).
        a.heap = unsafe { Pool::new(start, size) };
        a.lend = None;
        a.lend_alloc = false;
        a.head = core::ptr::null_mut();
        a.used = 0;
        a.peak = 0;
    });
}

/// Arena bytes allocated now, the most ever, and the arena's size.
pub fn arena_usage() -> (usize, usize, usize) {
    ALLOC.with(|a| (a.used, a.peak, a.heap.size))
}
