//! Running the compiler and the `.mpy` reader so that running out of the
//! global allocator's arena is `MemoryError`, not a fault
//! (`mpy_core::alloc_guard::Catcher`).
//!
//! [`catcher`] calls the closure through `mpy_cortex_m_try_call`, a few
//! instructions of assembly that save the callee-saved registers on the
//! stack and the stack pointer in [`crate::heap::CATCH_SP`]. When an arena
//! allocation fails inside, the allocator calls [`abandon`], which puts the
//! stack pointer back and returns 0 from `mpy_cortex_m_try_call`, skipping
//! the compiler's frames. Nothing they held is used again: their arena
//! allocations carry the compile's tag and are freed here, and the compiler
//! touches no interpreter state while it runs (it only returns a
//! `CompiledModule`).

use core::ffi::c_void;
use core::sync::atomic::Ordering;

extern "C" {
    /// Calls `f(ctx)`; returns 1 when it returned, 0 when abandoned.
    fn mpy_cortex_m_try_call(ctx: *mut c_void, f: extern "C" fn(*mut c_void), sp_slot: *mut usize) -> u32;
    /// Returns 0 from the running `mpy_cortex_m_try_call` whose saved
    /// stack pointer is `sp`.
    fn mpy_cortex_m_jump_out(sp: usize) -> !;
}

/// Calls the closure behind `ctx` (a `&mut &mut dyn FnMut()`).
extern "C" fn trampoline(ctx: *mut c_void) {
    // SAFETY: `catcher` passes a pointer to its `&mut dyn FnMut()`, live
    // for the whole call.
    let f = unsafe { &mut *ctx.cast::<&mut dyn FnMut()>() };
    f();
}

/// Runs `f` through `mpy_cortex_m_try_call`: false if abandoned.
fn try_call(mut f: &mut dyn FnMut()) -> bool {
    let ctx = (&raw mut f).cast::<c_void>();
    let slot = crate::heap::CATCH_SP.as_ptr();
    // SAFETY: `ctx` points to `f` for the whole call; `slot` is the static
    // the assembly stores the stack pointer in, read back only by
    // `abandon` while this call is active.
    unsafe { mpy_cortex_m_try_call(ctx, trampoline, slot) != 0 }
}

/// The board's `Catcher`: runs `f(false)` with the lent gc-heap block as
/// a second pool, then `f(true)` (moving the result into the arena) with
/// that pool closed to new allocations. Returns false if either was
/// abandoned because memory ran out. What `f(false)` left in the arena is
/// freed either way, and what `f(true)` allocated if it was abandoned
/// (the lent pool is dropped whole either way).
pub fn catcher(lend: Option<(usize, usize)>, f: &mut dyn FnMut(bool)) -> bool {
    let (tag, prev_tag) = crate::heap::begin_tag();
    let prev_sp = crate::heap::CATCH_SP.load(Ordering::Relaxed);
    if let Some((start, len)) = lend {
        // SAFETY: the core allocated this block of its gc heap for this
        // call and gives it back only after we return.
        unsafe { crate::heap::lend_begin(start, len) };
    }
    let mut done = try_call(&mut || f(false));
    crate::heap::lend_stop_alloc();
    // The result is moved out under a tag of its own, so that what the
    // work left in the arena under `tag` is given back below: the
    // compiler frees its syntax tree whole, not node by node
    // (`mpy_compiler::mem::Own`).
    let (moved_tag, _) = crate::heap::begin_tag();
    if done {
        done = try_call(&mut || f(true));
    }
    crate::heap::CATCH_SP.store(prev_sp, Ordering::Relaxed);
    crate::heap::end_tag(prev_tag);
    crate::heap::free_tagged(tag);
    if !done {
        crate::heap::free_tagged(moved_tag);
    }
    crate::heap::lend_end();
    done
}

/// Abandons the running [`catcher`] call (from the allocator, in thread
/// mode, when the arena is full). Returns if there is none.
pub fn abandon() {
    let sp = crate::heap::CATCH_SP.load(Ordering::Relaxed);
    if sp != 0 {
        // SAFETY: `sp` is the stack pointer saved by the active
        // `mpy_cortex_m_try_call`, whose frame is still on the stack below
        // us; the frames in between are dropped without being used again.
        unsafe { mpy_cortex_m_jump_out(sp) }
    }
}

// try_call: push r3-r11, lr (10 words, keeps 8-byte alignment) and d8-d15,
// store SP in *sp_slot, call f(ctx), return 1. jump_out: SP = saved, pop
// the same registers, return 0.
core::arch::global_asm!(
    ".fpu fpv4-sp-d16",
    ".section .text.mpy_cortex_m_try_call,\"ax\",%progbits",
    ".global mpy_cortex_m_try_call",
    ".type mpy_cortex_m_try_call,%function",
    ".thumb_func",
    "mpy_cortex_m_try_call:",
    "    push {{r3-r11, lr}}",
    "    vpush {{d8-d15}}",
    "    mov r3, sp",
    "    str r3, [r2]",
    "    blx r1",
    "    movs r0, #1",
    "    vpop {{d8-d15}}",
    "    pop {{r3-r11, pc}}",
    ".section .text.mpy_cortex_m_jump_out,\"ax\",%progbits",
    ".global mpy_cortex_m_jump_out",
    ".type mpy_cortex_m_jump_out,%function",
    ".thumb_func",
    "mpy_cortex_m_jump_out:",
    "    mov sp, r0",
    "    movs r0, #0",
    "    vpop {{d8-d15}}",
    "    pop {{r3-r11, pc}}",
);
