//! Marks the code allowed to use Rust's global allocator.
//!
//! Nothing a script can reach may allocate from Rust's global allocator
//! (allocation failure there aborts); everything lives in the gc heap. The
//! exceptions are the compiler and the `.mpy` reader, at the
//! `CompiledModule` boundary. They run inside [`permit`], so a port can
//! install a global allocator that refuses (and reports) any other
//! allocation once the interpreter has started: the unix port's
//! `alloc-guard` feature does, and the test suite runs the corpus under it.

use core::sync::atomic::{AtomicUsize, Ordering};

static PERMIT: AtomicUsize = AtomicUsize::new(0);

/// Is the current code inside [`permit`]?
#[inline]
pub fn permitted() -> bool {
    PERMIT.load(Ordering::Relaxed) > 0
}

/// Runs `f` as code allowed to use the global allocator (the compiler,
/// the `.mpy` reader, a port's own I/O).
#[inline]
pub fn permit<R>(f: impl FnOnce() -> R) -> R {
    PERMIT.fetch_add(1, Ordering::Relaxed);
    let r = f();
    PERMIT.fetch_sub(1, Ordering::Relaxed);
    r
}
