//! Mark-sweep garbage collection.
//!
//! Roots: the VM value stack, `Vm::roots`, the module registry, the
//! preallocated `MemoryError`, and a conservative scan of the native stack
//! (every aligned word between the current stack pointer and
//! `Vm::stack_base` that is a handle to a live slot) after spilling the
//! callee-saved registers onto it — so native code may hold `Obj`s in
//! locals across allocations. Marking uses an explicit work list (no
//! recursion, whatever the depth of the object graph). Sweeping frees every
//! unmarked slot and recomputes the bytes in use.

use crate::heap::Slot;
use crate::obj::Obj;
use crate::state::Vm;
use alloc::vec::Vec;

/// Runs a full collection.
pub fn collect(vm: &mut Vm) {
    let mut work: Vec<u32> = Vec::new();
    for m in vm.heap.marks.iter_mut() {
        *m = false;
    }
    let mut roots: Vec<Obj> = Vec::with_capacity(vm.stack.len() + vm.roots.len() + 4);
    roots.extend_from_slice(&vm.stack);
    roots.extend_from_slice(&vm.roots);
    roots.push(vm.modules);
    roots.push(vm.memory_error);
    roots.push(vm.sys_path);
    roots.push(vm.sys_argv);
    crate::runtime::extra_roots(vm, &mut roots);
    for o in roots {
        if let Some(i) = o.heap_index() {
            work.push(i);
        }
    }
    scan_native_stack(vm, &mut work);
    let heap = &mut vm.heap;
    while let Some(i) = work.pop() {
        let i = i as usize;
        if i >= heap.marks.len() || heap.marks[i] {
            continue;
        }
        heap.marks[i] = true;
        if let Some(Slot::Used(d)) = heap.slots.get(i) {
            d.trace(&mut |o| {
                if let Some(j) = o.heap_index() {
                    work.push(j);
                }
            });
        }
    }
    // Sweep.
    let mut used = 0usize;
    for i in (0..heap.slots.len()).rev() {
        match &heap.slots[i] {
            Slot::Used(d) => {
                if heap.marks[i] {
                    used += d.heap_bytes();
                } else {
                    heap.slots[i] = Slot::Free(heap.free_head);
                    heap.free_head = i as u32;
                }
            }
            Slot::Free(_) => {}
        }
    }
    heap.used = used;
    heap.since_gc = 0;
    heap.collections += 1;
}

/// Pushes every word on the native stack that is a live heap handle.
#[inline(never)]
fn scan_native_stack(vm: &Vm, work: &mut Vec<u32>) {
    if vm.stack_base == 0 {
        return;
    }
    let regs = spill_registers();
    let regs = core::hint::black_box(&regs);
    for &w in regs.iter() {
        if let Some(i) = vm.heap.is_live_word(w) {
            work.push(i);
        }
    }
    let marker = 0usize;
    let lo = core::hint::black_box(&marker) as *const usize as usize;
    let hi = vm.stack_base;
    let align = core::mem::size_of::<usize>();
    let mut p = lo & !(align - 1);
    while p < hi {
        // SAFETY: `p` is word-aligned and lies between this frame's own
        // local and `stack_base`, a local of an outer frame of the same
        // thread that is still live (the interpreter only runs below it);
        // that range is mapped, readable stack memory. The word is read
        // volatile as a plain integer and only compared against slot
        // indices, never dereferenced.
        let w = unsafe { core::ptr::read_volatile(p as *const usize) };
        if let Some(i) = vm.heap.is_live_word(w) {
            work.push(i);
        }
        p += align;
    }
}

/// Copies the callee-saved registers into an array on the stack, so
/// handles held only in registers by outer frames are seen by the scan.
#[inline(never)]
fn spill_registers() -> [usize; 12] {
    let mut r = [0usize; 12];
    let p = r.as_mut_ptr();
    #[cfg(target_arch = "x86_64")]
    // SAFETY: stores six registers into `r`, which has 12 writable,
    // aligned words; nothing else is read or written.
    unsafe {
        core::arch::asm!(
            "mov [{p}], rbx", "mov [{p} + 8], rbp", "mov [{p} + 16], r12",
            "mov [{p} + 24], r13", "mov [{p} + 32], r14", "mov [{p} + 40], r15",
            p = in(reg) p,
            options(nostack, preserves_flags)
        );
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: stores x19..x29 (11 words) into `r` (12 words).
    unsafe {
        core::arch::asm!(
            "stp x19, x20, [{p}]", "stp x21, x22, [{p}, #16]", "stp x23, x24, [{p}, #32]",
            "stp x25, x26, [{p}, #48]", "stp x27, x28, [{p}, #64]", "str x29, [{p}, #80]",
            p = in(reg) p,
            options(nostack, preserves_flags)
        );
    }
    #[cfg(target_arch = "arm")]
    // SAFETY: stores r4..r11 (8 words) into `r` (12 words), no writeback.
    unsafe {
        core::arch::asm!(
            "stmia {p}, {{r4, r5, r6, r7, r8, r9, r10, r11}}",
            p = in(reg) p,
            options(nostack, preserves_flags)
        );
    }
    let _ = p;
    r
}
