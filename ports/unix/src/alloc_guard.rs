//! Feature `alloc-guard`: a global allocator that aborts with a backtrace
//! when the interpreter allocates from Rust's global allocator on a path a
//! script can reach (outside `mpy_core::alloc_guard::permit`: the
//! compiler, the `.mpy` reader, this port's own I/O). The test suite runs
//! the corpus on a binary built with it, to show the core keeps every
//! object in its gc heap.
//!
//! Only the interpreter thread is watched (the flag is thread-local): the
//! port's other threads (the Ctrl-C handler, the console reader) are the
//! port's own and may start or allocate at any moment.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    /// Set on the interpreter thread while it runs Python code.
    static ARMED: Cell<bool> = const { Cell::new(false) };
}

fn armed() -> bool {
    ARMED.try_with(Cell::get).unwrap_or(false)
}

fn set_armed(on: bool) {
    let _ = ARMED.try_with(|a| a.set(on));
}

/// The guarding allocator (installed as `#[global_allocator]`).
pub struct GuardAlloc;

#[inline]
fn check(size: usize) {
    if armed() && !mpy_core::alloc_guard::permitted() {
        violation(size);
    }
}

#[cold]
#[inline(never)]
fn violation(size: usize) -> ! {
    set_armed(false);
    let t = std::thread::current();
    eprintln!(
        "alloc-guard: {size}-byte allocation from Rust's global allocator on a VM path (thread {:?})\n{}",
        t.name().unwrap_or("?"),
        std::backtrace::Backtrace::force_capture()
    );
    std::process::abort();
}

// SAFETY: every call is forwarded unchanged to the system allocator, which
// upholds `GlobalAlloc`'s contract; the check only reads a const-initialised
// thread-local flag (no lazy set-up, so no allocation) and an atomic (and,
// on a violation, disarms before anything else allocates).
unsafe impl GlobalAlloc for GuardAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        check(layout.size());
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        check(new_size);
        // SAFETY: forwarded with the caller's pointer, layout and size.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Starts refusing allocations on this thread (call once start-up is
/// done). Standard output is set up first: its buffer is allocated on
/// first use.
pub fn arm() {
    let _ = std::io::Write::flush(&mut std::io::stdout());
    set_armed(true);
}

/// Stops refusing allocations on this thread (before the port's own work).
pub fn disarm() {
    set_armed(false);
}
