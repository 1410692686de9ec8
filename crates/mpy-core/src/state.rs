//! `Vm`: the interpreter state every native function receives.
//!
//! Holds the heap, the qstr pool, the VM value stack (locals and operand
//! stacks of every active frame), the module registry and the port's HAL.
//! Every allocation goes through the `Vm::alloc_*` functions here, which
//! collect garbage when the heap has no room (roots: see [`crate::gc`])
//! and raise `MemoryError` when a collection does not make room. No path
//! a script can reach allocates from Rust's global allocator.

use crate::error::PyErr;
use crate::hal::Hal;
use crate::heap::{Fresh, GcItem, GcVec, Heap, ObjType, VarHead};
use crate::map::Map;
use crate::obj::Obj;
use crate::qstr::QstrPool;
use crate::PyResult;
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::ptr::NonNull;

/// Start-up settings (from the command line on unix, the build on boards).
#[derive(Clone, Debug)]
pub struct Config {
    /// Heap size in bytes: the whole region, tables included.
    pub heap_size: usize,
    /// Optimisation level (`-O`): 1+ makes `__debug__` False, 3 drops lines.
    pub opt_level: u8,
    /// Native stack bytes the interpreter may use before raising
    /// `RuntimeError: maximum recursion depth exceeded`.
    pub stack_limit: usize,
    /// Slots of the VM value stack (frames' locals and operands), fixed at
    /// start-up; running out raises `RuntimeError: maximum recursion
    /// depth exceeded`.
    pub value_stack: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config { heap_size: 2 * 1024 * 1024, opt_level: 0, stack_limit: 64 * 1024, value_stack: 8 * 1024 }
    }
}

/// Why an interpreter could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitError {
    /// The heap region could not be allocated (or is too small).
    Heap,
}

/// The interpreter state.
pub struct Vm {
    /// The gc heap.
    pub heap: Heap,
    /// Interned strings created at run time.
    pub qstrs: QstrPool,
    /// The VM value stack: every active frame's locals and operands. Its
    /// capacity is fixed at start-up (`Config::value_stack`) and it never
    /// grows (frames check the room they need); the collector scans
    /// `stack[..len]`.
    pub stack: Vec<Obj>,
    /// `sys.modules` (a dict object; NULL before start-up finishes).
    pub modules: Obj,
    /// `sys.path` (a list object; NULL before `runtime::init::init`).
    pub sys_path: Obj,
    /// `sys.argv` (a list object; NULL before `runtime::init::init`).
    pub sys_argv: Obj,
    /// The preallocated `MemoryError` raised when the heap is exhausted.
    pub memory_error: Obj,
    /// `("memory allocation failed, heap is locked",)`: the preallocated
    /// `MemoryError`'s args while the heap is locked (NULL before start-up).
    pub heap_locked_args: Obj,
    /// Objects a port keeps alive (callbacks, its own modules' state):
    /// every word of the `Vm` is a gc root, so this needs no registration.
    pub port_roots: [Obj; 8],
    /// Address near the base of the native stack, for the gc's conservative
    /// scan and the recursion guard (0 until [`Vm::set_stack_base`]).
    pub stack_base: usize,
    /// Settings.
    pub config: Config,
    /// The port.
    pub hal: Box<dyn Hal>,
    /// The bytecode VM's own state (builtins overrides, compile hook, ...).
    pub vmstate: crate::vm::VmState,
    /// The `random` module's generator state (splitmix64; see
    /// `modules::random`). Kept here rather than in a static so each
    /// interpreter has its own.
    pub random_state: u64,
}

impl Vm {
    /// A fresh interpreter whose heap is allocated once from the global
    /// allocator (no modules loaded yet; see `runtime::init`).
    ///
    /// Errors: [`InitError::Heap`] if the region cannot be allocated.
    pub fn new(config: Config, hal: Box<dyn Hal>) -> Result<Vm, InitError> {
        let heap = Heap::new_owned(config.heap_size).ok_or(InitError::Heap)?;
        Ok(Vm::with_heap(config, hal, heap))
    }

    /// A fresh interpreter on a given heap (boards: a static region).
    pub fn with_heap(config: Config, hal: Box<dyn Hal>, heap: Heap) -> Vm {
        Vm {
            heap,
            qstrs: QstrPool::default(),
            stack: Vec::with_capacity(config.value_stack),
            modules: Obj::NULL,
            sys_path: Obj::NULL,
            sys_argv: Obj::NULL,
            memory_error: Obj::NULL,
            heap_locked_args: Obj::NULL,
            port_roots: [Obj::NULL; 8],
            stack_base: 0,
            config,
            hal,
            vmstate: crate::vm::VmState::default(),
            #[cfg(feature = "random")]
            random_state: crate::modules::random::INITIAL_STATE,
            #[cfg(not(feature = "random"))]
            random_state: 0,
        }
    }

    /// Records the native stack's base: call from the outermost function
    /// that will run Python code, before running any.
    #[inline(never)]
    pub fn set_stack_base(&mut self) {
        let marker = 0usize;
        self.stack_base = core::hint::black_box(&marker) as *const usize as usize;
    }

    /// Native stack bytes in use below [`Vm::stack_base`] (0 if unknown).
    #[inline(always)]
    pub fn stack_used(&self) -> usize {
        let marker = 0usize;
        let here = core::hint::black_box(&marker) as *const usize as usize;
        self.stack_base.saturating_sub(here)
    }

    /// Runs a full collection now (`gc.collect()`).
    pub fn collect(&mut self) {
        crate::gc::collect(self);
    }

    /// Should an allocation of `bytes` collect first (gc-stress, or past
    /// `gc.threshold()`)?
    #[inline(always)]
    pub(crate) fn collect_first(&self, bytes: usize) -> bool {
        let s = &self.heap.stats;
        cfg!(feature = "gc-stress") || (s.enabled && s.threshold > 0 && self.heap.since_gc().saturating_add(bytes) > s.threshold)
    }

    /// Allocates `bytes` of zeroed heap memory (at least one block).
    ///
    /// Errors: `MemoryError`.
    pub fn alloc_raw(&mut self, bytes: usize, finaliser: bool) -> PyResult<NonNull<u8>> {
        self.alloc_room(bytes, finaliser, false).map(Fresh::ptr)
    }

    /// Allocates `bytes` of zeroed heap memory with the given flags (see
    /// [`Heap::alloc_raw_flags`]), collecting first past the threshold and
    /// collecting and retrying once if it does not fit: the one allocation
    /// body shared by every typed constructor (only their small typed
    /// write stays generic). The fast path is inlined on hosted targets
    /// (speed); one shared copy on the boards (flash).
    ///
    /// Errors: `MemoryError` if it still fails or the heap is locked.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub(crate) fn alloc_room(&mut self, bytes: usize, finaliser: bool, no_scan: bool) -> PyResult<Fresh> {
        let s = &self.heap.stats;
        // No lock and no threshold (the common case) is one test on the
        // desktop.
        let may = (!cfg!(target_os = "none") && !cfg!(feature = "gc-stress") && (s.lock_depth as usize | s.threshold) == 0)
            || (s.lock_depth == 0 && !self.collect_first(bytes));
        if may {
            // Desktop: one or two blocks (most objects) by the allocator's
            // code for a constant size.
            #[cfg(not(target_os = "none"))]
            if bytes <= 2 * crate::heap::BLOCK {
                if let Some(p) = self.heap.alloc_fresh_small(bytes, finaliser, no_scan) {
                    return Ok(p);
                }
                return self.alloc_room_slow(bytes, finaliser, no_scan);
            }
            if let Some(p) = self.heap.alloc_fresh(bytes, finaliser, no_scan) {
                return Ok(p);
            }
        }
        self.alloc_room_slow(bytes, finaliser, no_scan)
    }

    /// [`Vm::alloc_room`]'s first try for `N` blocks, from the allocator's
    /// fast path only: None if the heap is locked, a threshold is set, or
    /// the fast path finds no fit (the caller then takes the general
    /// path, which collects or raises). Desktop only: lets a small-object
    /// constructor run without a stack frame.
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub(crate) fn alloc_room_fast<const N: usize>(&mut self, no_scan: bool) -> Option<Fresh> {
        let s = &self.heap.stats;
        if cfg!(feature = "gc-stress") || (s.lock_depth as usize | s.threshold) != 0 {
            return None;
        }
        self.heap.alloc_fresh_fast::<N>(no_scan)
    }

    /// [`Vm::alloc_room_fast`] for `bytes` bytes: one or two blocks, None
    /// for anything larger (with a constant `bytes` the choice folds away).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub(crate) fn alloc_room_fast_for(&mut self, bytes: usize, no_scan: bool) -> Option<Fresh> {
        if bytes <= crate::heap::BLOCK {
            self.alloc_room_fast::<1>(no_scan)
        } else if bytes <= 2 * crate::heap::BLOCK {
            self.alloc_room_fast::<2>(no_scan)
        } else {
            None
        }
    }

    /// [`Vm::alloc_room`] after the first try: collect, retry once.
    #[inline(never)]
    fn alloc_room_slow(&mut self, bytes: usize, finaliser: bool, no_scan: bool) -> PyResult<Fresh> {
        if self.heap.stats.lock_depth > 0 {
            return Err(self.memory_error());
        }
        self.collect();
        match self.heap.alloc_fresh(bytes, finaliser, no_scan) {
            Some(p) => Ok(p),
            None => Err(self.memory_error()),
        }
    }

    /// Moves a new object into the heap.
    ///
    /// Errors: `MemoryError`.
    #[inline]
    pub fn alloc_obj<T: ObjType>(&mut self, value: T) -> PyResult<Obj> {
        // Desktop: one or two blocks from the allocator's fast path, then
        // the general path as a call of its own (no stack frame here).
        #[cfg(not(target_os = "none"))]
        {
            if let Some(f) = self.alloc_room_fast_for(core::mem::size_of::<T>(), false) {
                return Ok(crate::heap::write_obj(f, value));
            }
            self.alloc_obj_general(value)
        }
        #[cfg(target_os = "none")]
        {
            let p = self.alloc_room(core::mem::size_of::<T>(), false, false)?;
            Ok(crate::heap::write_obj(p, value))
        }
    }

    /// [`Vm::alloc_obj`] past the fast path (desktop).
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn alloc_obj_general<T: ObjType>(&mut self, value: T) -> PyResult<Obj> {
        let p = self.alloc_room(core::mem::size_of::<T>(), false, false)?;
        Ok(crate::heap::write_obj(p, value))
    }

    /// A new object made by `make` from a table: an empty small table
    /// over `words` words (a valid small table size) that live in the same
    /// allocation, right after the object, or `members` if `words` is 0.
    /// One allocation instead of two, e.g. for an instance and its
    /// attributes (see [`crate::heap::vec::vec_in_tail`]: once the table
    /// moves to a bigger buffer, the old one stays unused inside the
    /// object).
    ///
    /// Errors: `MemoryError`.
    #[inline]
    pub fn alloc_obj_with_table<T: ObjType>(&mut self, words: usize, members: Map, make: impl FnOnce(Map) -> T) -> PyResult<Obj> {
        let (f, m) = self.alloc_with_table(core::mem::size_of::<T>(), words, members)?;
        Ok(crate::heap::write_obj(f, make(m)))
    }

    /// [`Vm::alloc_obj_with_table`] untyped: room for `head` bytes (the
    /// object, written by the caller with [`crate::heap::write_obj`]) and
    /// then `words` words, and the table.
    ///
    /// Errors: `MemoryError`.
    #[cfg_attr(not(target_os = "none"), inline(always))]
    #[cfg_attr(target_os = "none", inline(never))]
    pub(crate) fn alloc_with_table(&mut self, head: usize, words: usize, members: Map) -> PyResult<(Fresh, Map)> {
        let f = self.alloc_room(words.saturating_mul(core::mem::size_of::<usize>()).saturating_add(head), false, false)?;
        let v = crate::heap::vec::vec_in_tail::<usize>(&f, head, words);
        Ok((f, Map::small_in(v, members)))
    }

    /// Moves a new object with a finaliser (its type's `finalise` slot
    /// runs before the collector frees it) into the heap.
    ///
    /// Errors: `MemoryError`.
    pub fn alloc_obj_final<T: ObjType>(&mut self, value: T) -> PyResult<Obj> {
        let p = self.alloc_room(core::mem::size_of::<T>(), true, false)?;
        Ok(crate::heap::write_obj(p, value))
    }

    /// Makes an immutable variable-size object (tuple, str, bytes, int)
    /// with `n` items filled by `init`, which returns how many to keep.
    ///
    /// Errors: `MemoryError` (`init` is not called).
    pub fn alloc_var_with<H: VarHead, F: FnOnce(&mut [H::Item]) -> usize>(
        &mut self,
        head: H,
        n: usize,
        init: F,
    ) -> PyResult<Obj> {
        let p = self.alloc_room(crate::heap::var::var_bytes_or_max::<H>(n), false, crate::heap::var::no_scan::<H>())?;
        let (o, items) = crate::heap::var::write_var_items(p, head, n);
        let keep = init(items);
        self.heap.var_keep::<H>(o, n, keep);
        Ok(o)
    }

    /// [`Vm::alloc_var_with`] for a layout of `u32` items (big-int digits)
    /// without zeroing them first (desktop: no `memset` of a large result):
    /// `init` gets `n` items holding stale values and must write each of
    /// the first `keep` it returns before reading it; the items past
    /// `keep` are never read.
    ///
    /// Errors: `MemoryError` (`init` is not called).
    #[cfg(not(target_os = "none"))]
    #[inline(always)]
    pub fn alloc_digits_with<H: VarHead<Item = u32>, F: FnOnce(&mut [u32]) -> usize>(
        &mut self,
        head: H,
        n: usize,
        init: F,
    ) -> PyResult<Obj> {
        let bytes = crate::heap::var::var_bytes_or_max::<H>(n);
        let s = &self.heap.stats;
        let may = (!cfg!(feature = "gc-stress") && (s.lock_depth as usize | s.threshold) == 0)
            || (s.lock_depth == 0 && !self.collect_first(bytes));
        // (As `alloc_room`: past the threshold or if it does not fit,
        // collect and retry once.)
        let f = match if may { self.heap.alloc_fresh_unzeroed(bytes) } else { None } {
            Some(f) => f,
            None => {
                if self.heap.stats.lock_depth > 0 {
                    return Err(self.memory_error());
                }
                self.collect();
                match self.heap.alloc_fresh_unzeroed(bytes) {
                    Some(f) => f,
                    None => return Err(self.memory_error()),
                }
            }
        };
        let (o, items) = crate::heap::var::write_var_digits(f, head, n);
        let keep = init(items);
        self.heap.var_keep::<H>(o, n, keep);
        Ok(o)
    }

    /// Makes a mutable variable-size object with `n` zeroed items.
    ///
    /// Errors: `MemoryError`.
    pub fn alloc_var<H: VarHead>(&mut self, head: H, n: usize) -> PyResult<Obj> {
        const { assert!(!H::IMMUTABLE, "fill immutable objects with alloc_var_with") };
        let p = self.alloc_room(crate::heap::var::var_bytes_or_max::<H>(n), false, crate::heap::var::no_scan::<H>())?;
        Ok(crate::heap::var::write_var(p, head, n))
    }

    /// A new empty vector with room for `cap` items (capacity rounded up
    /// to the block).
    ///
    /// Errors: `MemoryError`.
    pub fn new_vec<T: GcItem>(&mut self, cap: usize) -> PyResult<GcVec<T>> {
        // Boards: one untyped body for every item type.
        #[cfg(target_os = "none")]
        {
            let (p, n) = self.new_vec_raw(cap, core::mem::size_of::<T>(), T::NO_PTRS)?;
            Ok(crate::heap::vec::vec_from_parts(p, n))
        }
        #[cfg(not(target_os = "none"))]
        {
            // One or two blocks from the allocator's fast path (what the
            // general path would make: the capacity is whole blocks), with
            // no stack frame; else the general path.
            let size = core::mem::size_of::<T>();
            if cap != 0 && size != 0 && cap <= 2 * crate::heap::BLOCK / size {
                if let Some(f) = self.alloc_room_fast_for(cap * size, T::NO_PTRS) {
                    return Ok(crate::heap::vec::vec_from_fresh(f));
                }
            }
            self.new_vec_general(cap)
        }
    }

    /// [`Vm::new_vec`] past the fast path (desktop).
    #[cfg(not(target_os = "none"))]
    #[inline(never)]
    fn new_vec_general<T: GcItem>(&mut self, cap: usize) -> PyResult<GcVec<T>> {
        let bytes = cap.saturating_mul(core::mem::size_of::<T>());
        if bytes == usize::MAX {
            return Err(self.memory_error());
        }
        if cap == 0 {
            return Ok(GcVec::new());
        }
        let f = self.alloc_room(bytes, false, T::NO_PTRS)?;
        Ok(crate::heap::vec::vec_from_fresh(f))
    }

    /// [`Vm::new_vec`] untyped: the buffer for `cap` items of `size` bytes
    /// and how many it holds (0: none made).
    ///
    /// Errors: `MemoryError`.
    #[cfg(target_os = "none")]
    #[inline(never)]
    fn new_vec_raw(&mut self, cap: usize, size: usize, no_ptrs: bool) -> PyResult<(*mut u8, usize)> {
        let bytes = cap.saturating_mul(size);
        if bytes == usize::MAX {
            return Err(self.memory_error());
        }
        if cap == 0 {
            return Ok((core::ptr::null_mut(), 0));
        }
        let f = self.alloc_room(bytes, false, no_ptrs)?;
        Ok(crate::heap::vec::fresh_parts(f, size))
    }

    /// Makes sure the vector `field(o)` of object `o` has room for `extra`
    /// more items: grows its buffer in place if the blocks after it are
    /// free, else moves it to a new buffer (about 1.5x, at least what is
    /// needed). `o` must be a heap object of layout `O`.
    ///
    /// Errors: `MemoryError` (the vector is unchanged).
    pub fn vec_reserve<O: ObjType + 'static, T: GcItem + 'static>(
        &mut self,
        o: Obj,
        field: fn(&mut O) -> &mut GcVec<T>,
        extra: usize,
    ) -> PyResult<()> {
        // Boards: one untyped body for every object and item type.
        #[cfg(target_os = "none")]
        return self.vec_reserve_obj(
            o,
            &mut |h: &mut Heap, o: Obj| h.get_mut::<O>(o).map(|x| field(x).raw()),
            extra,
            core::mem::size_of::<T>(),
            T::NO_PTRS,
        );
        #[cfg(not(target_os = "none"))]
        {
            let Some(v) = self.heap.get_mut::<O>(o).map(field) else { return Ok(()) };
            let (len, cap, addr) = (v.len(), v.capacity(), v.addr());
            let g = self.vec_grow(len, cap, addr, extra, core::mem::size_of::<T>(), T::NO_PTRS)?;
            let Some(v) = self.heap.get_mut::<O>(o).map(field) else { return Ok(()) };
            let old = apply_grow(v, g);
            self.heap.free_vec(old);
            Ok(())
        }
    }

    /// [`Vm::vec_reserve`] untyped, for the vector `get(heap, o)` (found
    /// again after the allocation) of items of `size` bytes.
    ///
    /// Errors: `MemoryError` (the vector is unchanged).
    #[cfg(target_os = "none")]
    #[inline(never)]
    fn vec_reserve_obj(
        &mut self,
        o: Obj,
        get: &mut dyn for<'h> FnMut(&'h mut Heap, Obj) -> Option<&'h mut crate::heap::vec::RawVec>,
        extra: usize,
        size: usize,
        no_ptrs: bool,
    ) -> PyResult<()> {
        let Some(v) = get(&mut self.heap, o) else { return Ok(()) };
        let (len, cap, addr) = v.parts();
        let g = self.vec_grow(len, cap, addr, extra, size, no_ptrs)?;
        let Some(v) = get(&mut self.heap, o) else { return Ok(()) };
        let old = apply_grow_raw(v, g, size);
        if old != 0 {
            self.heap.free_addr(old);
        }
        Ok(())
    }

    /// [`Vm::vec_reserve`] for a vector held in a Rust local (or a field of
    /// the `Vm`), not inside a heap object.
    ///
    /// Errors: `MemoryError` (the vector is unchanged).
    #[inline]
    pub fn vec_reserve_local<T: GcItem>(&mut self, v: &mut GcVec<T>, extra: usize) -> PyResult<()> {
        // Boards: one untyped body for every item type.
        #[cfg(target_os = "none")]
        return self.vec_reserve_raw(v.raw(), extra, core::mem::size_of::<T>(), T::NO_PTRS);
        // Desktop: room already there (most writes to a buffer) costs no
        // call.
        #[cfg(not(target_os = "none"))]
        {
            if v.capacity() - v.len() >= extra {
                return Ok(());
            }
            let g = self.vec_grow(v.len(), v.capacity(), v.addr(), extra, core::mem::size_of::<T>(), T::NO_PTRS)?;
            let old = apply_grow(v, g);
            self.heap.free_vec(old);
            Ok(())
        }
    }

    /// [`Vm::vec_reserve_local`] untyped, for items of `size` bytes.
    ///
    /// Errors: `MemoryError` (the vector is unchanged).
    #[cfg(target_os = "none")]
    #[inline(never)]
    fn vec_reserve_raw(&mut self, v: &mut crate::heap::vec::RawVec, extra: usize, size: usize, no_ptrs: bool) -> PyResult<()> {
        let (len, cap, addr) = v.parts();
        let g = self.vec_grow(len, cap, addr, extra, size, no_ptrs)?;
        let old = apply_grow_raw(v, g, size);
        if old != 0 {
            self.heap.free_addr(old);
        }
        Ok(())
    }

    /// The untyped part of [`Vm::vec_reserve`]: for a vector of `len`
    /// items of `size` bytes in a buffer of `cap` at `addr`, with room
    /// needed for `extra` more, grows the buffer in place or allocates a
    /// new one (collecting as needed).
    ///
    /// Errors: `MemoryError`.
    #[cfg_attr(target_os = "none", inline(never))]
    fn vec_grow(&mut self, len: usize, cap: usize, addr: usize, extra: usize, size: usize, no_ptrs: bool) -> PyResult<Grow> {
        let Some(need) = len.checked_add(extra) else { return Err(self.memory_error()) };
        if need <= cap {
            return Ok(Grow::Enough);
        }
        let want = need.max(cap + cap / 2).max(4);
        if cap > 0 {
            for c in [want, need] {
                if let Some(r) = self.heap.vec_try_grow_in_place_raw(addr, c, size, no_ptrs) {
                    return Ok(Grow::InPlace(r));
                }
            }
        }
        let bytes = |c: usize| c.checked_mul(size.max(1)).unwrap_or(usize::MAX);
        let f = match self.alloc_room(bytes(want), false, no_ptrs) {
            Ok(f) => f,
            Err(_) => self.alloc_room(bytes(need), false, no_ptrs)?,
        };
        Ok(Grow::New(f))
    }

    /// Appends `x` to a vector held in a Rust local, growing it as needed.
    ///
    /// Errors: `MemoryError`.
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn vec_push_local<T: GcItem>(&mut self, v: &mut GcVec<T>, x: T) -> PyResult<()> {
        if v.push_within_capacity(x).is_ok() {
            return Ok(());
        }
        self.vec_reserve_local(v, 1)?;
        let _ = v.push_within_capacity(x);
        Ok(())
    }

    /// Appends `xs` to a vector held in a Rust local.
    ///
    /// Errors: `MemoryError`.
    pub fn vec_extend_local<T: GcItem>(&mut self, v: &mut GcVec<T>, xs: &[T]) -> PyResult<()> {
        self.vec_reserve_local(v, xs.len())?;
        v.extend_within_capacity(xs);
        Ok(())
    }

    /// Appends `x` to the vector `field(o)` of object `o`, growing it as
    /// [`Vm::vec_reserve`] does.
    ///
    /// Errors: `MemoryError`.
    #[cfg_attr(not(target_os = "none"), inline)]
    pub fn vec_push<O: ObjType + 'static, T: GcItem + 'static>(
        &mut self,
        o: Obj,
        field: fn(&mut O) -> &mut GcVec<T>,
        x: T,
    ) -> PyResult<()> {
        if let Some(v) = self.heap.get_mut::<O>(o).map(field) {
            if v.push_within_capacity(x).is_ok() {
                return Ok(());
            }
        }
        self.vec_reserve(o, field, 1)?;
        if let Some(v) = self.heap.get_mut::<O>(o).map(field) {
            let _ = v.push_within_capacity(x);
        }
        Ok(())
    }

    /// Makes sure the table of heap object `o` (layout `O`) has room for
    /// `extra` more entries (see [`crate::map`] for why growing needs the
    /// interpreter: a small table becoming indexed needs its keys' hashes,
    /// which may call `__hash__`).
    ///
    /// Errors: `MemoryError`; whatever a key's `__hash__` raises.
    pub fn map_reserve<O: crate::runtime::dict::HasMap>(&mut self, o: Obj, extra: usize) -> PyResult<()> {
        self.map_grow(o, |h: &mut Heap, o: Obj| h.get_mut::<O>(o).map(O::map_mut), None, extra)
    }

    /// [`Vm::map_reserve`] for a table held in a Rust local (not inside a
    /// heap object), e.g. keyword arguments being collected.
    ///
    /// Errors: as [`Vm::map_reserve`].
    pub fn map_reserve_local(&mut self, m: &mut Map, extra: usize) -> PyResult<()> {
        // A table with no buffer yet (a new instance's attributes, keyword
        // arguments being collected) that stays small: its buffer is just
        // the empty vector, nothing to move.
        if extra > 0 && m.buffer_words() == 0 {
            let (cap, words) = m.grow_words(extra);
            if cap <= crate::map::LINEAR_MAX {
                let new = self.new_vec::<usize>(words)?;
                return match Map::small_from(new) {
                    Ok(t) => {
                        *m = t;
                        Ok(())
                    }
                    Err(new) => {
                        self.heap.free_vec(new);
                        self.map_grow(Obj::NULL, |_: &mut Heap, _: Obj| None, Some(m), extra)
                    }
                };
            }
        }
        self.map_grow(Obj::NULL, |_: &mut Heap, _: Obj| None, Some(m), extra)
    }

    /// The one body of [`Vm::map_reserve`] and [`Vm::map_reserve_local`]:
    /// the table is `local`, or else `get(heap, o)` (found again after
    /// every step that may run Python code).
    fn map_grow(
        &mut self,
        o: Obj,
        get: fn(&mut Heap, Obj) -> Option<&mut Map>,
        mut local: Option<&mut Map>,
        extra: usize,
    ) -> PyResult<()> {
        for _ in 0..4 {
            let Some(m) = grow_target(&mut self.heap, o, get, &mut local) else { return Ok(()) };
            if m.capacity() - m.end_pos().min(m.capacity()) >= extra && !(extra > 0 && m.is_full()) {
                return Ok(());
            }
            let (cap, words) = m.grow_words(extra);
            // A small table becoming indexed: its keys' hashes (a small
            // table has no deleted places: entry `i` is the `i`-th key).
            let n = if m.needs_hashes(cap) { m.len().min(crate::map::LINEAR_MAX) } else { 0 };
            let mut hashes = [0u32; crate::map::LINEAR_MAX];
            for (i, h) in hashes.iter_mut().enumerate().take(n) {
                let Some(k) = grow_target(&mut self.heap, o, get, &mut local).and_then(|m| m.entry(i)) else {
                    break;
                };
                *h = self.hash(k.key)?;
            }
            let new = self.new_vec::<usize>(words)?;
            let Some(m) = grow_target(&mut self.heap, o, get, &mut local) else { return Ok(()) };
            if m.needs_hashes(cap) && m.len() != n {
                // A `__hash__` changed the table: start again.
                self.heap.free_vec(new);
                continue;
            }
            let old = m.rebuild_into(new, cap, &hashes[..n]);
            self.heap.free_vec(old);
        }
        Ok(())
    }

    /// The preallocated `MemoryError` as an error value.
    /// Its traceback is cleared: each raise starts a fresh one. While the
    /// heap is locked it says `memory allocation failed, heap is locked`
    /// (as MicroPython), else it has no message.
    pub fn memory_error(&mut self) -> PyErr {
        let args = if self.heap.stats.lock_depth > 0 && !self.heap_locked_args.is_null() {
            self.heap_locked_args
        } else {
            Obj::from_static(&crate::types::tuple::EMPTY_TUPLE.head.base)
        };
        if let Some(e) = self.heap.get_mut::<crate::types::exception::ExceptionObj>(self.memory_error) {
            e.traceback.clear();
            e.args = args;
        }
        PyErr(self.memory_error)
    }
}

impl Vm {
    /// Makes a new user class in the heap (see [`crate::heap::write_class`]
    /// for the fields), collecting and retrying if it does not fit.
    ///
    /// Errors: `MemoryError`.
    pub fn alloc_class(
        &mut self,
        ty: crate::typ::TypeObj,
        bases: Obj,
        dict: crate::map::Map,
        flags: u32,
    ) -> PyResult<Obj> {
        let f = self.alloc_room(core::mem::size_of::<crate::vm::class::ClassObj>(), false, false)?;
        Ok(crate::heap::write_class(f, ty, bases, dict, flags, self.vmstate.mcache_epoch))
    }
}

impl Vm {
    /// [`Vm::alloc_var_with`] whose `init` also reads the rest of the heap
    /// (to copy items out of other objects, e.g. a tuple of a list's
    /// items); see [`Heap::alloc_var_with_heap`]. (added by containers)
    ///
    /// Errors: `MemoryError` (`init` is not called).
    pub fn alloc_var_with_heap<H: VarHead, F: FnOnce(&Heap, &mut [H::Item]) -> usize>(
        &mut self,
        head: H,
        n: usize,
        init: F,
    ) -> PyResult<Obj> {
        let p = self.alloc_room(crate::heap::var::var_bytes_or_max::<H>(n), false, crate::heap::var::no_scan::<H>())?;
        // The items are a fresh allocation nothing refers to yet: the
        // `&Heap` handed to `init` can reach only other objects (through
        // `Obj`s it already knows), all disjoint from it.
        let (o, items) = crate::heap::var::write_var_items(p, head, n);
        let keep = init(&self.heap, items);
        self.heap.var_keep::<H>(o, n, keep);
        Ok(o)
    }
}

/// What [`Vm::vec_grow`] did.
enum Grow {
    /// The vector already had room.
    Enough,
    /// Its buffer grew in place.
    InPlace(crate::heap::Resized),
    /// A new buffer to move the items into.
    New(Fresh),
}

/// Applies `g` to `v` (items of `size` bytes); returns the address of the
/// buffer to give back to the heap (0: none). The boards' one untyped
/// body for every item type.
#[cfg(target_os = "none")]
#[inline(never)]
fn apply_grow_raw(v: &mut crate::heap::vec::RawVec, g: Grow, size: usize) -> usize {
    match g {
        Grow::Enough => 0,
        Grow::InPlace(r) => {
            v.adopt(r, size);
            0
        }
        Grow::New(f) => v.move_to(f, size),
    }
}

/// Applies `g` to `v`; returns the buffer to free (empty if none).
#[cfg(not(target_os = "none"))]
#[inline(always)]
fn apply_grow<T: GcItem>(v: &mut GcVec<T>, g: Grow) -> GcVec<T> {
    match g {
        Grow::Enough => GcVec::new(),
        Grow::InPlace(r) => {
            v.adopt(r);
            GcVec::new()
        }
        Grow::New(f) => match v.move_into(crate::heap::vec::vec_from_fresh(f)) {
            Ok(old) => old,
            Err(new) => new,
        },
    }
}

/// The table [`Vm::map_grow`] works on: `local`, or else `get(heap, o)`.
#[inline(always)]
fn grow_target<'a>(
    heap: &'a mut Heap,
    o: Obj,
    get: fn(&mut Heap, Obj) -> Option<&mut Map>,
    local: &'a mut Option<&mut Map>,
) -> Option<&'a mut Map> {
    match local.as_deref_mut() {
        Some(m) => Some(m),
        None => get(heap, o),
    }
}
