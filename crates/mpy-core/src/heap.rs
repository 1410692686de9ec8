//! The fixed-size heap: an arena of object slots with byte accounting.
//!
//! Every Python object lives in a slot of [`Heap::slots`]; an [`Obj`] heap
//! handle is the slot index. Objects' variable-size buffers (list items,
//! str bytes, dict tables) are Rust allocations owned by the slot, and their
//! sizes are charged to the heap's byte budget: `mem_alloc() + mem_free()`
//! is always the configured heap size, an allocation that does not fit
//! after a collection raises `MemoryError`, and on boards the port's global
//! allocator is sized to match. See ARCHITECTURE.md for why this design
//! (memory-safe handles, precise object tracing, conservative native-stack
//! roots) instead of MicroPython's raw block heap.
//!
//! Collection is in [`crate::gc`]; allocation that may collect is
//! [`crate::state::Vm::alloc`], which knows the roots.

use crate::obj::Obj;
use crate::objdata::ObjData;
use alloc::vec::Vec;

/// Bytes charged for a slot itself, on top of what its buffers hold: its
/// real size (4 words on 64-bit hosts).
pub const SLOT_BYTES: usize = core::mem::size_of::<Slot>();

/// One heap slot: a live object or a link in the free list.
pub(crate) enum Slot {
    Free(u32),
    Used(ObjData),
}

/// The object arena and its byte budget.
pub struct Heap {
    pub(crate) slots: Vec<Slot>,
    /// Per-slot mark bits for the current collection.
    pub(crate) marks: Vec<bool>,
    /// Head of the free-slot list (`u32::MAX` = empty).
    pub(crate) free_head: u32,
    /// Bytes charged to live (or not yet collected) objects.
    pub(crate) used: usize,
    /// The heap size in bytes (`-X heapsize=`).
    pub(crate) limit: usize,
    /// Bytes allocated since the last collection.
    pub(crate) since_gc: usize,
    /// Collect when `since_gc` exceeds this (`gc.threshold()`); 0 = off.
    pub threshold: usize,
    /// `gc.disable()` stops automatic collection (not `MemoryError` ones).
    pub enabled: bool,
    /// `micropython.heap_lock()` depth: allocation raises while > 0.
    pub lock_depth: u32,
    /// Number of collections run.
    pub collections: usize,
}

impl Heap {
    /// A heap of `limit` bytes.
    pub fn new(limit: usize) -> Heap {
        Heap {
            slots: Vec::new(),
            marks: Vec::new(),
            free_head: u32::MAX,
            used: 0,
            limit,
            since_gc: 0,
            threshold: 0,
            enabled: true,
            lock_depth: 0,
            collections: 0,
        }
    }

    /// Bytes in use (`gc.mem_alloc()`).
    pub fn mem_alloc(&self) -> usize {
        self.used.min(self.limit)
    }

    /// Bytes free (`gc.mem_free()`).
    pub fn mem_free(&self) -> usize {
        self.limit - self.mem_alloc()
    }

    /// The heap size in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Can `bytes` more be charged without exceeding the limit?
    pub fn fits(&self, bytes: usize) -> bool {
        self.used.checked_add(bytes).is_some_and(|t| t <= self.limit)
    }

    /// Places `data` in a slot, charging `bytes` (no limit check: the caller,
    /// `Vm::alloc`, has checked and collected as needed).
    pub(crate) fn insert(&mut self, data: ObjData, bytes: usize) -> Obj {
        self.used += bytes;
        self.since_gc += bytes;
        if self.free_head != u32::MAX {
            let i = self.free_head;
            if let Some(slot) = self.slots.get_mut(i as usize) {
                if let Slot::Free(next) = *slot {
                    self.free_head = next;
                    *slot = Slot::Used(data);
                    return Obj::heap(i);
                }
            }
        }
        let i = self.slots.len() as u32;
        self.slots.push(Slot::Used(data));
        self.marks.push(false);
        Obj::heap(i)
    }

    /// Charges `bytes` of buffer growth to the budget (e.g. a list's
    /// `append` reallocating); the caller has checked [`Heap::fits`].
    pub(crate) fn charge(&mut self, bytes: usize) {
        self.used += bytes;
        self.since_gc += bytes;
    }

    /// The object behind a heap handle (None for non-heap or dead handles).
    #[inline(always)]
    pub fn get(&self, o: Obj) -> Option<&ObjData> {
        match self.slots.get(o.heap_index()? as usize) {
            Some(Slot::Used(d)) => Some(d),
            _ => None,
        }
    }

    /// The object behind a heap handle, mutably.
    #[inline(always)]
    pub fn get_mut(&mut self, o: Obj) -> Option<&mut ObjData> {
        match self.slots.get_mut(o.heap_index()? as usize) {
            Some(Slot::Used(d)) => Some(d),
            _ => None,
        }
    }

    /// Is `w` (a raw word from the native stack) a handle to a live object?
    pub(crate) fn is_live_word(&self, w: usize) -> Option<u32> {
        let o = Obj::from_raw(w);
        let i = o.heap_index()?;
        // `heap_index` trusts its handle (it drops the high bits): check
        // the whole word is the handle of slot `i`.
        if Obj::heap(i) != o {
            return None;
        }
        match self.slots.get(i as usize) {
            Some(Slot::Used(_)) => Some(i),
            _ => None,
        }
    }

    /// Number of slots (live or free).
    pub fn n_slots(&self) -> usize {
        self.slots.len()
    }
}
