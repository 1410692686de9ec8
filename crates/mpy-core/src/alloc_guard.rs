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

/// A port's way to run global-allocator users (the compiler, the `.mpy`
/// reader) on a bounded allocator so that running out ends the call
/// instead of aborting. `lend` is a block of the gc heap (address, bytes)
/// the port may allocate from while the call runs. The port calls
/// `f(false)` (the work), then, with allocation from `lend` switched off,
/// `f(true)` (which moves the result out of `lend`); it returns true, or
/// false if it abandoned the calls for lack of memory (then it gives back
/// everything they had allocated). Boards set one
/// (`VmState::alloc_catcher`); without one, exhaustion aborts as usual.
pub type Catcher = fn(lend: Option<(usize, usize)>, f: &mut dyn FnMut(bool)) -> bool;

/// As [`permit`], but through the port's [`Catcher`] if it has one: None
/// if the port's allocator ran out while `f` ran (the caller raises
/// `MemoryError`). The result is cloned out of `lend` before returning.
pub fn permit_fallible<R: Clone>(catcher: Option<Catcher>, lend: Option<(usize, usize)>, f: impl FnOnce() -> R) -> Option<R> {
    let Some(catcher) = catcher else { return Some(permit(f)) };
    let depth = PERMIT.load(Ordering::Relaxed);
    let mut f = Some(f);
    let mut out = None;
    let mut moved = None;
    let done = catcher(lend, &mut |relocate| {
        if !relocate {
            if let Some(f) = f.take() {
                out = Some(permit(f));
            }
        } else if let Some(o) = out.take() {
            moved = Some(permit(|| {
                let copy = o.clone();
                drop(o);
                copy
            }));
        }
    });
    // An abandoned call skipped its `permit` exit.
    PERMIT.store(depth, Ordering::Relaxed);
    if done {
        moved
    } else {
        None
    }
}
