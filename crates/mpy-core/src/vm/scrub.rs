//! Clearing dead native stack: the conservative collector sees every word
//! of the native stack, so after a frame caught an exception (typically a
//! `MemoryError` after which the code dropped its data) the dead frames
//! below are zeroed, and what they held can be collected.

use crate::state::Vm;

/// After a call whose frame caught an exception (typically a MemoryError
/// after which the function dropped its data): the callee's dead native
/// frames, all below this dispatch loop's frame, may still hold copies of
/// what it dropped, which the next calls from here would leave in place
/// for the conservative collector. Zero them.
#[cold]
#[inline(never)]
pub(super) fn scrub_after_call(vm: &mut Vm) {
    vm.vmstate.scrub_pending = false;
    scrub_native_stack(vm);
}

/// Overwrites up to 16 KiB of native stack below the caller's frame with
/// zeros: [`scrub_stack_bytes`] for the VM's own uses.
/// (Its own body, not a call of [`scrub_stack_bytes`]: one more frame
/// between the caller and the zeroed area left stale words of the dead
/// frames in that frame's unwritten slots, where a later collection saw
/// them: a 16 KiB 32-bit heap stayed full after a caught deep recursion.)
#[inline(never)]
pub(crate) fn scrub_native_stack(vm: &Vm) {
    scrub_body(vm, 16 * 1024);
}

/// Overwrites up to `bytes` of native stack below the caller's frame with
/// zeros (dead frames only: nothing live is below the current stack
/// pointer), staying 2 KiB within the interpreter's stack limit. Values
/// that dead frames left there would otherwise be seen by the
/// conservative collector when later frames reuse the area without
/// overwriting them (ports scrub before each command: dead frames of the
/// REPL, a soft reset or the last script). ~1 instruction per byte.
#[inline(never)]
pub fn scrub_stack_bytes(vm: &Vm, bytes: usize) {
    scrub_body(vm, bytes);
}

/// The body of [`scrub_native_stack`] and [`scrub_stack_bytes`].
#[inline(always)]
fn scrub_body(vm: &Vm, bytes: usize) {
    const CHUNK: usize = 128 * core::mem::size_of::<usize>();
    let room = vm.config.stack_limit.saturating_sub(vm.stack_used()).saturating_sub(2 * 1024);
    scrub_chunks(bytes.min(room) / (CHUNK + 64));
}

/// Zeroes one chunk of stack per level, `levels` deep.
#[inline(never)]
fn scrub_chunks(levels: usize) {
    let z = [0usize; 128];
    if levels > 1 {
        scrub_chunks(levels - 1);
    }
    // After the call, so the recursion is not turned into a loop.
    core::hint::black_box(&z);
}
