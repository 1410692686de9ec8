//! Mark-sweep garbage collection over the block heap ([`crate::heap`]).
//!
//! Marking is conservative, as MicroPython's: every word of every root
//! and of every live allocation that holds the address of a byte inside
//! an allocated block keeps that allocation alive (interior pointers
//! count, so Rust code may hold slices and iterators into heap data). No
//! per-type tracing code is needed, and buffers behind objects (list
//! items, dict tables, digits) are found through the pointers to them.
//!
//! Roots: the words of the [`Vm`] struct itself (every `Obj` or buffer
//! field of the interpreter state is a root without being listed) except
//! the fields that never hold one ([`no_root_fields`]: settings, caches of
//! small numbers, the random generator's state), the
//! VM value stack, and the native stack between the collector's frame and
//! `Vm::stack_base` plus the callee-saved registers (spilled first).
//!
//! The collector never allocates: the mark stack is a fixed array on the
//! native stack. When it overflows, marking carries on without pushing
//! and then rescans the heap for marked allocations whose children may
//! not be marked yet, until a pass completes without overflow. (Desktop:
//! the stack holds word ranges, and an allocation is scanned
//! `SCAN_CHUNK` words at a time with the rest of it pushed back below
//! the children found, so a large list or dict table does not overflow
//! it; the boards keep a stack of head blocks.)
//!
//! Before sweeping, unreachable objects with the finaliser bit have their
//! type's `finalise` slot called (with the heap locked, so a finaliser
//! cannot allocate); then every unmarked allocation is freed.

use crate::heap::blocks::{Blocks, BLOCK, WORD};
use crate::heap::Heap;
use crate::obj::Obj;
use crate::state::Vm;

/// Entries in the mark stack.
#[cfg(target_os = "none")]
const MARK_STACK: usize = if WORD == 8 { 128 } else { 64 };
/// Entries in the mark stack (desktop: word ranges, 4 or 2 KiB).
#[cfg(not(target_os = "none"))]
const MARK_STACK: usize = 256;
/// Desktop: words of an allocation scanned at a time; the rest waits on
/// the mark stack below the children found, so a big list or dict table
/// pushes at most this many children before they are scanned (instead of
/// overflowing the stack and making the collector rescan the heap).
#[cfg(not(target_os = "none"))]
const SCAN_CHUNK: usize = 64;
/// Words per block.
const WPB: usize = BLOCK / WORD;

/// A mark stack entry: the head block of an allocation to scan (boards),
/// or the pool word range `(from, to)` of one still to scan (desktop).
#[cfg(target_os = "none")]
type Pending = u32;
#[cfg(not(target_os = "none"))]
type Pending = (usize, usize);

/// Marking state: the heap's blocks and the bounded mark stack.
struct Marker<'a> {
    blocks: &'a mut Blocks,
    stack: [Pending; MARK_STACK],
    sp: usize,
    overflow: bool,
}

impl Marker<'_> {
    /// A marker with an empty stack.
    fn new(blocks: &mut Blocks) -> Marker<'_> {
        #[cfg(target_os = "none")]
        let empty = 0;
        #[cfg(not(target_os = "none"))]
        let empty = (0, 0);
        Marker { blocks, stack: [empty; MARK_STACK], sp: 0, overflow: false }
    }

    /// Marks the allocation holding address `w` (if any, and not yet
    /// marked) and queues it for scanning.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    fn mark(&mut self, w: usize) {
        let Some(head) = self.blocks.mark_addr(w) else { return };
        self.push(head);
    }

    /// Queues the (marked) allocation at head `b` for scanning; on
    /// overflow, records that the heap must be rescanned.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    fn push(&mut self, b: usize) {
        if self.sp < MARK_STACK {
            #[cfg(target_os = "none")]
            let e = b as u32;
            #[cfg(not(target_os = "none"))]
            let e = (b * WPB, (b + self.blocks.scan_blocks(b)) * WPB);
            self.stack[self.sp] = e;
            self.sp += 1;
        } else {
            self.overflow = true;
        }
    }

    /// Marks everything reachable from the queued allocations.
    #[cfg(target_os = "none")]
    fn drain(&mut self) {
        while self.sp > 0 {
            self.sp -= 1;
            let b = self.stack[self.sp] as usize;
            self.scan_alloc(b);
        }
    }

    /// Marks everything reachable from the queued allocations (nothing to
    /// do, the common case for a root word, costs no call).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    fn drain(&mut self) {
        if self.sp > 0 {
            self.drain_stack();
        }
    }

    /// [`Marker::drain`]'s body: a chunk of the top entry's words at a
    /// time, its rest pushed back first.
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn drain_stack(&mut self) {
        let pool = self.blocks.block_ptr(0) as *const usize;
        // The pool's bounds and the stack pointer, kept in registers: most
        // words scanned are no heap pointers (small ints, NULLs, static
        // types) and cost one test.
        let (base, bytes) = (pool as usize, self.blocks.n_blocks() * BLOCK);
        let mut sp = self.sp;
        while sp > 0 {
            sp -= 1;
            let (from, mut to) = self.stack[sp];
            if to - from > SCAN_CHUNK {
                // Into the slot just popped: always room.
                self.stack[sp] = (from + SCAN_CHUNK, to);
                sp += 1;
                to = from + SCAN_CHUNK;
            }
            for i in from..to {
                // SAFETY: pool word `i` lies inside an allocation's blocks
                // that the collector must scan (pushed from its head and
                // block count), in the pool; aligned (blocks are
                // BLOCK-aligned). Read as a plain integer; nothing holds a
                // mutable reference into the pool while the collector runs.
                let w = unsafe { pool.add(i).read() };
                let off = w.wrapping_sub(base);
                if off >= bytes {
                    continue;
                }
                let Some(h) = self.blocks.mark_block(off / BLOCK) else { continue };
                if sp < MARK_STACK {
                    self.stack[sp] = (h * WPB, (h + self.blocks.scan_blocks(h)) * WPB);
                    sp += 1;
                } else {
                    self.overflow = true;
                }
            }
        }
        self.sp = sp;
    }

    /// Marks what the words of the allocation at head `b` point to (only
    /// its first block if the rest hold no pointers).
    #[cfg(target_os = "none")]
    #[inline]
    fn scan_alloc(&mut self, b: usize) {
        let n = self.blocks.scan_blocks(b) * WPB;
        let p = self.blocks.block_ptr(b) as *const usize;
        for i in 0..n {
            // SAFETY: word `i` lies inside the allocation's `n / 4` blocks
            // in the pool (aligned: blocks are BLOCK-aligned). It is read
            // as a plain integer; nothing holds a mutable reference into
            // the pool while the collector runs.
            let w = unsafe { p.add(i).read() };
            self.mark(w);
        }
    }

    /// Desktop: queues the allocation at head `b` (the stack is empty).
    #[cfg(not(target_os = "none"))]
    fn scan_alloc(&mut self, b: usize) {
        self.push(b);
    }

    /// Marks what the words in `[p, p + n * WORD)` point to.
    ///
    /// # Safety
    /// The range must be readable memory that is not being written.
    unsafe fn scan_words(&mut self, p: *const usize, n: usize) {
        for i in 0..n {
            // SAFETY: inside the caller's readable range; read as a plain
            // integer, volatile so the read really happens.
            let w = unsafe { core::ptr::read_volatile(p.add(i)) };
            self.mark(w);
        }
    }

    /// After an overflow: rescans every marked allocation until no pass
    /// overflows.
    fn finish(&mut self) {
        self.drain();
        while self.overflow {
            self.overflow = false;
            let mut b = 0;
            while let Some(m) = self.blocks.next_marked(b) {
                self.scan_alloc(m);
                self.drain();
                b = m + 1;
            }
        }
    }
}

/// Byte ranges `(offset, size)` of the [`Vm`] fields the collector does
/// not scan: they hold no objects, and words of them can look like heap
/// addresses: random numbers, and padding bytes (the caches' `(u32, u16)`
/// entries, `Config`'s `u8`) that keep whatever bytes were on the native
/// stack where the `Vm` was built. Such a word kept a board's filled list
/// alive for good after `l = None` (netduinoplus2: the next command was
/// `MemoryError`, after every other soft reset).
///
/// Desktop builds keep the large caches (`global_cache`, `vm::attrcache`)
/// boxed, outside the `Vm`: the collector never sees them (they hold
/// only positions and inverted addresses, nothing is kept alive through
/// them).
fn no_root_fields(vm: &Vm) -> [(usize, usize); NO_ROOT_FIELDS] {
    let at = |p: *const u8, size: usize| (p as usize - vm as *const Vm as usize, size);
    let st = &vm.vmstate;
    [
        at(&vm.config as *const _ as *const u8, core::mem::size_of_val(&vm.config)),
        at(&vm.random_state as *const _ as *const u8, core::mem::size_of_val(&vm.random_state)),
        at(st.builtins_cache.as_ptr() as *const u8, core::mem::size_of_val(&st.builtins_cache)),
        #[cfg(target_os = "none")]
        at(st.global_cache.as_ptr() as *const u8, core::mem::size_of_val(&st.global_cache)),
    ]
}

/// Entries of [`no_root_fields`].
const NO_ROOT_FIELDS: usize = if cfg!(target_os = "none") { 4 } else { 3 };

/// Runs a full collection.
///
/// The native stack is scanned from this frame's spilled registers up,
/// not from inside the collector: the collector's own frames are below
/// them, and those frames' slots that the collector has not written yet
/// still hold whatever earlier, deeper calls left there. Such a stale
/// word (a just-dead str's text pointer, left by the copy that made the
/// next str) kept a 4 KB str alive and turned a 16 KiB heap's next
/// allocation into `MemoryError`.
#[inline(never)]
pub fn collect(vm: &mut Vm) {
    let regs = spill_registers();
    let regs = core::hint::black_box(&regs);
    collect_above(vm, regs.as_ptr() as usize);
    // Used after the call: the registers stay in this frame throughout
    // (no tail call).
    core::hint::black_box(regs);
}

/// [`collect`]'s body: marks from the roots, the native stack scanned
/// from `stack_top` (the address of the spilled registers, in the
/// caller's frame) to `Vm::stack_base`; then finalises and sweeps.
#[inline(never)]
fn collect_above(vm: &mut Vm, stack_top: usize) {
    let skip = no_root_fields(vm);
    let vmp: *mut Vm = vm;
    // SAFETY: `vmp` comes from the `&mut Vm` this function holds; the
    // value stack's words are read through its pointer while nothing
    // writes them (the interpreter is inside this call).
    let (stack_ptr, stack_len, stack_base) = unsafe {
        let v = &*vmp;
        (v.stack.as_ptr() as *const usize, v.stack.len(), v.stack_base)
    };
    let heap_off = core::mem::offset_of!(Vm, heap);
    let heap_end = heap_off + core::mem::size_of::<Heap>();
    {
        // SAFETY: a unique borrow of the `heap` field only; the other
        // fields of `*vmp` are read below through the raw pointer as plain
        // words, never through references overlapping this one.
        let heap = unsafe { &mut (*vmp).heap };
        let mut m = Marker::new(&mut heap.blocks);
        // The interpreter state, minus the heap's own bookkeeping.
        // (Desktop: a word overlapping a skipped field jumps past the
        // field, its words unread.)
        let mut off = 0;
        while off + WORD <= core::mem::size_of::<Vm>() {
            #[cfg(not(target_os = "none"))]
            if let Some(&(o, n)) = skip.iter().find(|&&(o, n)| off + WORD > o && off < o + n) {
                off = (o + n).div_ceil(WORD) * WORD;
                continue;
            }
            #[cfg(not(target_os = "none"))]
            let skipped = false;
            #[cfg(target_os = "none")]
            let skipped = skip.iter().any(|&(o, n)| off + WORD > o && off < o + n);
            if (off < heap_off || off >= heap_end) && !skipped {
                // SAFETY: `off` is inside `*vmp` and outside the `heap`
                // field borrowed above; an unaligned read of a plain word.
                let w = unsafe { core::ptr::read_unaligned((vmp as *const u8).add(off) as *const usize) };
                m.mark(w);
                m.drain();
            }
            off += WORD;
        }
        // SAFETY: the value stack's live words (see above).
        unsafe { m.scan_words(stack_ptr, stack_len) };
        m.drain();
        scan_native_stack(&mut m, stack_top, stack_base);
        m.finish();
    }
    run_finalisers(vm);
    sweep(&mut vm.heap.blocks);
    // (The sweep reset the allocator's counts since the last collection.)
    vm.heap.stats.collections += 1;
}

/// Marks from every word of the native stack in `[top, stack_base)`.
fn scan_native_stack(m: &mut Marker<'_>, top: usize, stack_base: usize) {
    let p = top & !(WORD - 1);
    if stack_base == 0 || stack_base <= p {
        return;
    }
    let n = (stack_base - p) / WORD;
    let ptr: *const usize = core::ptr::with_exposed_provenance(p);
    // SAFETY: `[p, stack_base)` lies between a local of `collect`'s frame
    // (still live: this runs inside it) and `stack_base`, a local of an
    // outer frame of the same thread (the interpreter only runs below
    // it): mapped, readable stack memory. Words are read as integers,
    // never dereferenced.
    unsafe { m.scan_words(ptr, n) };
    m.drain();
}

/// Calls the `finalise` slot of every unmarked object that has the
/// finaliser bit, with the heap locked.
fn run_finalisers(vm: &mut Vm) {
    let mut b = 0;
    vm.heap.stats.lock_depth += 1;
    while let Some(h) = vm.heap.blocks.next_unmarked_final(b) {
        vm.heap.blocks.set_ftb(h, false);
        let o = Obj::from_raw(vm.heap.blocks.block_ptr(h) as usize);
        if let Some(f) = o.ptr_type().and_then(|t| t.ext.finalise) {
            f(vm, o);
        }
        b = h + 1;
    }
    vm.heap.stats.lock_depth -= 1;
}

/// Frees every unmarked allocation and unmarks the rest.
fn sweep(blocks: &mut Blocks) {
    blocks.sweep();
}

/// Copies the callee-saved registers into an array on the stack, so
/// objects held only in registers by outer frames are seen by the scan.
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
    #[cfg(target_arch = "x86")]
    // SAFETY: stores the four callee-saved registers into `r` (12 words).
    unsafe {
        core::arch::asm!(
            "mov [{p}], ebx", "mov [{p} + 4], esi", "mov [{p} + 8], edi", "mov [{p} + 12], ebp",
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

#[cfg(test)]
mod tests {
    //! The collector's core on a bare heap (no interpreter), so these run
    //! under Miri.
    use super::*;
    use crate::heap::blocks::{FREE, HEAD, MARK, TAIL};
    use alloc::vec;
    use core::ptr::NonNull;

    fn heap_in(mem: &mut [u8]) -> Blocks {
        let base = NonNull::new(mem.as_mut_ptr()).unwrap();
        // SAFETY: `mem` outlives the returned heap in every test.
        unsafe { Blocks::new(base, mem.len(), false) }
    }

    fn write_word(b: &Blocks, blk: usize, i: usize, w: usize) {
        // SAFETY: tests write inside allocated blocks they own.
        unsafe { (b.block_ptr(blk) as *mut usize).add(i).write(w) };
    }

    fn mark_from(blocks: &mut Blocks, roots: &[usize]) {
        let mut m = Marker::new(blocks);
        for &r in roots {
            m.mark(r);
        }
        m.finish();
    }


    #[test]
    fn reachable_survive_and_cycles_are_freed() {
        let mut mem = vec![0u8; 8192];
        let mut h = heap_in(&mut mem);
        let a = h.alloc(BLOCK, false, false).unwrap().as_ptr() as usize;
        let b = h.alloc(3 * BLOCK, false, false).unwrap().as_ptr() as usize;
        let c = h.alloc(BLOCK, false, false).unwrap().as_ptr() as usize;
        let d = h.alloc(BLOCK, false, false).unwrap().as_ptr() as usize;
        let e = h.alloc(BLOCK, false, false).unwrap().as_ptr() as usize;
        let (ab, bb, cb, db) = (
            h.block_of_addr(a).unwrap(),
            h.block_of_addr(b).unwrap(),
            h.block_of_addr(c).unwrap(),
            h.block_of_addr(d).unwrap(),
        );
        // a -> b (pointer in b's last block's middle: interior) -> c; d <-> e cycle.
        write_word(&h, ab, 0, b + 2 * BLOCK + 8);
        write_word(&h, bb + 2, 3, c);
        write_word(&h, db, 1, e);
        write_word(&h, h.block_of_addr(e).unwrap(), 2, d);
        mark_from(&mut h, &[a]);
        sweep(&mut h);
        assert_eq!(h.atb(ab), HEAD);
        assert_eq!(h.atb(bb), HEAD);
        assert_eq!(h.atb(bb + 1), TAIL);
        assert_eq!(h.atb(cb), HEAD);
        assert_eq!(h.atb(db), FREE);
        assert_eq!(h.used_blocks(), 5);
        drop(h);
        drop(mem);
    }

    #[test]
    fn deep_chain_overflows_mark_stack_and_still_marks_all() {
        // Room for the small allocations below the heap's soft ceiling.
        let mut mem = vec![0u8; (MARK_STACK * 12 + 256) * BLOCK];
        let mut h = heap_in(&mut mem);
        let n = (MARK_STACK * 4).min(h.n_blocks() - 1);
        let mut addrs = vec![];
        for _ in 0..n {
            addrs.push(h.alloc(BLOCK, false, false).unwrap().as_ptr() as usize);
        }
        // A wide fan-out: one allocation points at more blocks than the
        // mark stack holds.
        let first = h.alloc(n.div_ceil(4) * BLOCK, false, false).unwrap().as_ptr() as usize;
        let fb = h.block_of_addr(first).unwrap();
        for (i, &a) in addrs.iter().enumerate() {
            write_word(&h, fb + i / 4, i % 4, a);
        }
        mark_from(&mut h, &[first]);
        for &a in &addrs {
            assert_eq!(h.atb(h.block_of_addr(a).unwrap()), MARK);
        }
        drop(h);
        drop(mem);
    }

    #[test]
    fn long_chain_of_big_allocations_overflows_and_still_marks_all() {
        // Each node is longer than a scan chunk and points to the next in
        // its first word, so (on the desktop) each leaves the rest of its
        // words on the mark stack while the chain goes on: more nodes
        // than the stack holds overflow it.
        let node = (4 * WPB + 1).div_ceil(WPB).max(if cfg!(target_os = "none") { 1 } else { (SCAN_CHUNK + 1).div_ceil(WPB) });
        let count = MARK_STACK + 8;
        let mut mem = vec![0u8; (count * node * 9 / 8 + 64) * BLOCK];
        let mut h = heap_in(&mut mem);
        let mut addrs = vec![];
        for _ in 0..count {
            addrs.push(h.alloc(node * BLOCK, false, false).unwrap().as_ptr() as usize);
        }
        for w in addrs.windows(2) {
            write_word(&h, h.block_of_addr(w[0]).unwrap(), 0, w[1]);
        }
        // The last node also points back into the middle of the first.
        let last = h.block_of_addr(addrs[count - 1]).unwrap();
        write_word(&h, last, 1, addrs[0] + BLOCK);
        mark_from(&mut h, &[addrs[0]]);
        for &a in &addrs {
            assert_eq!(h.atb(h.block_of_addr(a).unwrap()), MARK);
        }
        drop(h);
        drop(mem);
    }
}
