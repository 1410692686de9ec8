//! The global allocator on the board's static heap region.
//!
//! Until the core keeps every object in its own gc region, the core's
//! allocations (heap slots, buffers, compiler temporaries) come from this
//! allocator: a first-fit free list (`linked_list_allocator`) over the
//! region the board places in `.uninit` (not zeroed at boot). The core is
//! given a byte budget below the region's size (see `interp`), so a script
//! exhausting it gets `MemoryError`; an allocation the region cannot
//! satisfy panics, and the panic handler soft-resets.
//!
//! The allocator state is reset wholesale at boot and after a fault or
//! panic (everything allocated is abandoned then), so a fault in the middle
//! of an allocation cannot leave it locked. A soft reset (Ctrl-D) drops the
//! interpreter instead, which frees all it allocated.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::mem::MaybeUninit;
use core::ptr::NonNull;
use linked_list_allocator::Heap;

/// A static, uninitialised byte region of `N` bytes for the heap. Boards
/// place one in `.uninit` so boot does not zero it.
#[repr(C, align(8))]
pub struct Region<const N: usize>(UnsafeCell<MaybeUninit<[u8; N]>>);

// SAFETY: the region is only handed out once per reset, as raw memory, to
// the allocator below, which serialises all access in critical sections.
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

struct BoardAlloc {
    heap: UnsafeCell<Heap>,
}

// SAFETY: single-core; every access to `heap` happens inside a critical
// section (interrupts disabled), so no two accesses overlap.
unsafe impl Sync for BoardAlloc {}

#[global_allocator]
static ALLOC: BoardAlloc = BoardAlloc { heap: UnsafeCell::new(Heap::empty()) };

impl BoardAlloc {
    fn with<R>(&self, f: impl FnOnce(&mut Heap) -> R) -> R {
        critical_section::with(|_| {
            // SAFETY: inside a critical section on a single core this is the
            // only live reference to the allocator state (see `Sync` above).
            let heap = unsafe { &mut *self.heap.get() };
            f(heap)
        })
    }
}

// SAFETY: `linked_list_allocator::Heap` returns blocks of at least the
// requested size and alignment inside the region, disjoint while live.
unsafe impl GlobalAlloc for BoardAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.with(|h| h.allocate_first_fit(layout).map_or(core::ptr::null_mut(), |p| p.as_ptr()))
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(p) = NonNull::new(ptr) {
            // SAFETY: the caller passes a block this allocator returned
            // for `layout` (GlobalAlloc's contract).
            self.with(|h| unsafe { h.deallocate(p, layout) });
        }
    }
}

/// Makes the whole region `(start, size)` free again. Every earlier
/// allocation is forgotten: call only when none is live any more (at boot
/// and on soft reset, after the interpreter has been dropped or abandoned).
pub fn reset(start: *mut u8, size: usize) {
    ALLOC.with(|h| {
        // SAFETY: the board's static region, used by nothing else; nothing
        // allocated from it is live (this function's contract).
        *h = unsafe { Heap::new(start, size) };
    });
}

/// Bytes currently allocated from the region, and the region's size.
pub fn usage() -> (usize, usize) {
    ALLOC.with(|h| (h.used(), h.size()))
}
