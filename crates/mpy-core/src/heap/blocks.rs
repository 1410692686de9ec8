//! The block allocator: one region of memory holding an allocation table,
//! a finaliser table and a pool of fixed-size blocks.
//!
//! Layout of the region (all of it, exactly the configured heap size):
//!
//! ```text
//! [ ATB: 2 bits per block ][ FTB: 1 bit per block ][ pad ][ pool: n_blocks * BLOCK ][ slack ]
//! ```
//!
//! Each block's 2-bit ATB entry is [`FREE`], [`HEAD`] (first block of an
//! allocation), [`TAIL`] (a following block of the same allocation) or
//! [`MARK`] (a head the collector has marked). An allocation is a head and
//! the tails after it. The FTB bit of a head says the object has a
//! finaliser. Only the tables are initialised when the heap is made
//! (blocks are zeroed when allocated), so making a heap is cheap.
//!
//! This is the only code that touches the region's bytes through raw
//! pointers; everything above works with block indices and the safe
//! accessors in [`super`].

use core::ptr::NonNull;

/// Bytes in a machine word.
pub const WORD: usize = core::mem::size_of::<usize>();
/// Bytes in a gc block: 4 words (16 on 32-bit targets, 32 on 64-bit).
pub const BLOCK: usize = 4 * WORD;

/// ATB entry: the block is free.
pub const FREE: u8 = 0;
/// ATB entry: the block starts an allocation.
pub const HEAD: u8 = 1;
/// ATB entry: the block continues the allocation before it.
pub const TAIL: u8 = 2;
/// ATB entry: a head marked live by the collector.
pub const MARK: u8 = 3;

/// Requests of up to this many blocks are "small": first fit from the
/// bottom of the heap; larger ones are placed from the top down.
const SMALL: usize = 8;
/// Number of search hints: one per small request size.
const ROVERS: usize = SMALL;

/// The region and its tables. Not `Clone`: it owns the region.
pub struct Blocks {
    /// Start of the region (the ATB), with provenance over all of it.
    base: NonNull<u8>,
    /// Region size in bytes.
    size: usize,
    /// Byte offset of the FTB from `base`.
    ftb_off: usize,
    /// Byte offset of block 0 from `base` (BLOCK-aligned address).
    pool_off: usize,
    /// Number of blocks in the pool.
    n_blocks: usize,
    /// Search hints: no run of at least `k + 1` free blocks starts
    /// below `rover[k]`. Allocation only consumes free blocks, so it keeps
    /// them true; freeing moves them back.
    rover: [usize; ROVERS],
    /// Blocks currently allocated (heads and tails).
    used: usize,
    /// Start of the lowest large allocation made since the last
    /// collection: the next one goes below it.
    top: usize,
    /// The next request looks at every hole before failing (set after a
    /// collection, for the allocation that triggered it).
    pub thorough: bool,
    /// Small requests that would end above this block ask for a
    /// collection first (once enough has been allocated since the last
    /// one), so the small objects that survive collections stay in the
    /// lower part of the heap and the upper part keeps long free runs for
    /// large ones.
    ceiling: usize,
    /// Blocks taken by small requests since the last collection.
    small_since_gc: usize,
    /// Whether the region came from the global allocator at start-up (and
    /// goes back to it on drop).
    owned: bool,
}

impl Blocks {
    /// Lays out a heap in `size` bytes at `base` and clears its tables.
    ///
    /// # Safety
    /// `base..base + size` must be memory the caller gives to this heap for
    /// as long as it lives (readable, writable, not used by anything else),
    /// and `base` must carry provenance over all of it.
    pub unsafe fn new(base: NonNull<u8>, size: usize, owned: bool) -> Blocks {
        // Blocks needed so that tables + pool fit: per block, BLOCK bytes of
        // pool plus 3 bits of tables; plus up to BLOCK-1 bytes of alignment.
        let addr = base.as_ptr() as usize;
        let usable = size.saturating_sub(BLOCK);
        let mut n = usable * 8 / (BLOCK * 8 + 3);
        let layout = |n: usize| {
            let atb = n.div_ceil(4);
            let ftb = n.div_ceil(8);
            let pool_start = (addr + atb + ftb).next_multiple_of(BLOCK);
            (atb, pool_start - addr)
        };
        while n > 0 && layout(n).1 + n * BLOCK > size {
            n -= 1;
        }
        let (atb, pool_off) = layout(n);
        let tables = pool_off.min(size);
        // SAFETY: `tables <= size` bytes from `base` belong to this heap
        // (caller's contract); clearing them initialises the ATB and FTB.
        unsafe { core::ptr::write_bytes(base.as_ptr(), 0, tables) };
        Blocks { base, size, ftb_off: atb, pool_off, n_blocks: n, rover: [0; ROVERS], used: 0, top: n, thorough: false, ceiling: n / 2, small_since_gc: 0, owned }
    }

    /// Region size in bytes.
    #[inline]
    pub fn size(&self) -> usize {
        self.size
    }

    /// Number of blocks in the pool.
    #[inline]
    pub fn n_blocks(&self) -> usize {
        self.n_blocks
    }

    /// Blocks allocated.
    #[inline]
    pub fn used_blocks(&self) -> usize {
        self.used
    }

    /// Was the region allocated by the heap itself?
    pub fn owned(&self) -> bool {
        self.owned
    }

    /// The region's start pointer (for releasing an owned region).
    pub fn base(&self) -> NonNull<u8> {
        self.base
    }

    /// Address of block 0.
    #[inline(always)]
    pub fn pool_addr(&self) -> usize {
        self.base.as_ptr() as usize + self.pool_off
    }

    /// Pointer to the start of block `b` (with the region's provenance).
    #[inline(always)]
    pub fn block_ptr(&self, b: usize) -> *mut u8 {
        self.base.as_ptr().wrapping_add(self.pool_off + b * BLOCK)
    }

    /// The block containing address `addr`, if it is inside the pool.
    #[inline(always)]
    pub fn block_of_addr(&self, addr: usize) -> Option<usize> {
        let off = addr.wrapping_sub(self.pool_addr());
        if off < self.n_blocks * BLOCK {
            Some(off / BLOCK)
        } else {
            None
        }
    }

    /// Is `addr` inside the pool?
    #[inline(always)]
    pub fn contains(&self, addr: usize) -> bool {
        addr.wrapping_sub(self.pool_addr()) < self.n_blocks * BLOCK
    }

    /// The ATB entry of block `b` (< n_blocks).
    #[inline(always)]
    pub fn atb(&self, b: usize) -> u8 {
        debug_assert!(b < self.n_blocks);
        // SAFETY: `b < n_blocks`, so byte `b / 4` is inside the ATB, which
        // is inside the region this heap owns.
        let byte = unsafe { *self.base.as_ptr().add(b / 4) };
        (byte >> ((b % 4) * 2)) & 3
    }

    /// Sets the ATB entry of block `b` (< n_blocks).
    #[inline(always)]
    pub fn set_atb(&mut self, b: usize, v: u8) {
        debug_assert!(b < self.n_blocks && v < 4);
        // SAFETY: as in `atb`; `&mut self` means no one else reads it now.
        unsafe {
            let p = self.base.as_ptr().add(b / 4);
            let sh = (b % 4) * 2;
            *p = (*p & !(3 << sh)) | (v << sh);
        }
    }

    /// The raw ATB byte holding blocks `4 * i .. 4 * i + 4`.
    #[inline(always)]
    fn atb_byte(&self, i: usize) -> u8 {
        debug_assert!(i < self.n_blocks.div_ceil(4));
        // SAFETY: `i` indexes the ATB (n_blocks / 4 bytes rounded up),
        // inside the owned region.
        unsafe { *self.base.as_ptr().add(i) }
    }

    /// The finaliser bit of block `b`.
    #[inline(always)]
    pub fn ftb(&self, b: usize) -> bool {
        debug_assert!(b < self.n_blocks);
        // SAFETY: byte `b / 8` of the FTB is inside the region.
        let byte = unsafe { *self.base.as_ptr().add(self.ftb_off + b / 8) };
        byte & (1 << (b % 8)) != 0
    }

    /// Sets or clears the finaliser bit of block `b`.
    #[inline(always)]
    pub fn set_ftb(&mut self, b: usize, on: bool) {
        debug_assert!(b < self.n_blocks);
        // SAFETY: byte `b / 8` of the FTB is inside the region; `&mut self`.
        unsafe {
            let p = self.base.as_ptr().add(self.ftb_off + b / 8);
            if on {
                *p |= 1 << (b % 8);
            } else {
                *p &= !(1 << (b % 8));
            }
        }
    }

    /// Number of blocks of the allocation starting at head `b`.
    #[inline]
    pub fn alloc_blocks(&self, b: usize) -> usize {
        let mut e = b + 1;
        while e < self.n_blocks && self.atb(e) == TAIL {
            e += 1;
        }
        e - b
    }

    /// Head block of the allocation containing block `b`, if allocated.
    #[inline]
    pub fn head_of(&self, mut b: usize) -> Option<usize> {
        loop {
            match self.atb(b) {
                FREE => return None,
                TAIL => {
                    if b == 0 {
                        return None;
                    }
                    b -= 1;
                }
                _ => return Some(b),
            }
        }
    }

    /// Finds `n` free blocks in a row.
    ///
    /// Small requests (up to [`SMALL`] blocks) take the first fit from the
    /// bottom, starting at their size's hint (everything below it is known
    /// not to fit), so small holes are reused. Large requests are placed
    /// from the top of the heap down, each just below the previous one
    /// (`top`), and fail when that meets the small objects, so the caller
    /// collects; after a collection (`thorough`) they take the highest fit
    /// anywhere. Keeping large, mostly short-lived buffers (big ints, list
    /// and dict tables) apart from the many small long-lived objects keeps
    /// the free space in long runs, and a program whose large objects keep
    /// growing does not rescan every hole too small for them.
    fn find_free(&mut self, n: usize) -> Option<usize> {
        let thorough = core::mem::take(&mut self.thorough);
        if n <= SMALL {
            let start = self.scan_up(n)?;
            if start + n > self.ceiling && !thorough && self.small_since_gc > self.ceiling / 4 {
                // Collect before spreading small objects higher.
                return None;
            }
            if start + n > self.ceiling {
                self.ceiling = self.n_blocks;
            }
            self.small_since_gc += n;
            return Some(start);
        }
        if let Some(start) = self.scan_down(n, self.top) {
            self.top = start;
            return Some(start);
        }
        if !thorough {
            // Fail fast: the caller collects (which frees the holes above
            // `top` and resets it) and retries thoroughly.
            return None;
        }
        let start = self.scan_down(n, self.n_blocks)?;
        self.top = start;
        Some(start)
    }

    /// First fit for a small request from its size's hint, moving the hint
    /// up to where the fit was found (or to the end).
    fn scan_up(&mut self, n: usize) -> Option<usize> {
        let k = n - 1;
        let mut b = self.rover[k];
        let mut run = 0;
        while b < self.n_blocks {
            if b % 32 == 0 && run == 0 && b + 32 <= self.n_blocks {
                // Skip 32 blocks at a time where none is free (a free entry
                // is a 2-bit zero).
                let w = self.atb_u64(b / 32);
                if !w & (!w >> 1) & 0x5555_5555_5555_5555 == 0 {
                    b += 32;
                    continue;
                }
            }
            if self.atb(b) == FREE {
                run += 1;
                if run == n {
                    let start = b + 1 - n;
                    self.rover[k] = start;
                    return Some(start);
                }
            } else {
                run = 0;
            }
            b += 1;
        }
        self.rover[k] = b - run;
        None
    }

    /// The highest run of `n` free blocks ending at or below `hi`.
    fn scan_down(&self, n: usize, hi: usize) -> Option<usize> {
        let mut b = hi.min(self.n_blocks);
        let mut run = 0;
        while b > 0 {
            if b % 32 == 0 && run == 0 {
                let w = self.atb_u64(b / 32 - 1);
                if !w & (!w >> 1) & 0x5555_5555_5555_5555 == 0 {
                    b -= 32;
                    continue;
                }
            }
            b -= 1;
            if self.atb(b) == FREE {
                run += 1;
                if run == n {
                    return Some(b);
                }
            } else {
                run = 0;
            }
        }
        None
    }

    /// The ATB entries of blocks `32 * i .. 32 * i + 32` as one word.
    #[inline(always)]
    fn atb_u64(&self, i: usize) -> u64 {
        let mut w = 0u64;
        for j in 0..8 {
            w |= (self.atb_byte(i * 8 + j) as u64) << (8 * j);
        }
        w
    }

    /// Blocks from `start` on became free: move the hints back so they
    /// stay true (a run of `k` blocks may now start as early as
    /// `start - (k - 1)`, if the blocks before `start` are free).
    fn freed_from(&mut self, start: usize) {
        for (k, r) in self.rover.iter_mut().enumerate() {
            let earliest = start.saturating_sub(k);
            if earliest < *r {
                *r = earliest;
            }
        }
    }

    /// Allocates `bytes` (at least one block), zeroed, optionally with the
    /// finaliser bit. None if no run of free blocks is long enough.
    pub fn alloc(&mut self, bytes: usize, finaliser: bool) -> Option<NonNull<u8>> {
        let n = bytes.div_ceil(BLOCK).max(1);
        let start = self.find_free(n)?;
        self.set_atb(start, HEAD);
        for b in start + 1..start + n {
            self.set_atb(b, TAIL);
        }
        if finaliser {
            self.set_ftb(start, true);
        }
        self.used += n;
        let p = self.block_ptr(start);
        // SAFETY: blocks `start..start + n` are inside the pool and were
        // free (no live reference into them exists); zero them so stale
        // words never look like pointers to the collector and every item
        // type reads as its zero value.
        unsafe { core::ptr::write_bytes(p, 0, n * BLOCK) };
        NonNull::new(p)
    }

    /// Frees the allocation whose head is `b` (tails included).
    pub fn free_head(&mut self, b: usize) {
        let n = self.alloc_blocks(b);
        for k in b..b + n {
            self.set_atb(k, FREE);
        }
        self.set_ftb(b, false);
        self.used -= n;
        if b == self.top {
            // Undo the placement step of a large allocation freed at once.
            self.top = b + n;
        }
        self.freed_from(b);
    }

    /// Frees the allocation starting at `addr` (ignored unless `addr` is the
    /// start of a live allocation).
    pub fn free(&mut self, addr: usize) {
        if let Some(b) = self.block_of_addr(addr) {
            if addr % BLOCK == 0 && matches!(self.atb(b), HEAD | MARK) {
                self.free_head(b);
            }
        }
    }

    /// Resizes the allocation at head `b` to `bytes` without moving it:
    /// shrinking frees its tail blocks, growing takes the free blocks right
    /// after it (zeroed). False (nothing changed) if they are not free.
    pub fn resize_in_place(&mut self, b: usize, bytes: usize) -> bool {
        let have = self.alloc_blocks(b);
        let want = bytes.div_ceil(BLOCK).max(1);
        if want <= have {
            for k in b + want..b + have {
                self.set_atb(k, FREE);
            }
            self.used -= have - want;
            if want < have {
                self.freed_from(b + want);
            }
            return true;
        }
        let end = b + want;
        if end > self.n_blocks || (b + have..end).any(|k| self.atb(k) != FREE) {
            return false;
        }
        for k in b + have..end {
            self.set_atb(k, TAIL);
        }
        self.used += want - have;
        let p = self.block_ptr(b + have);
        // SAFETY: blocks `b + have .. end` are inside the pool and were
        // free; zero them as `alloc` does.
        unsafe { core::ptr::write_bytes(p, 0, (want - have) * BLOCK) };
        true
    }

    /// Reads word `i` of block `b` as a plain integer (for the collector).
    #[inline(always)]
    pub fn word(&self, b: usize, i: usize) -> usize {
        debug_assert!(b < self.n_blocks && i < BLOCK / WORD);
        // SAFETY: the word lies inside block `b` of the pool; blocks are
        // BLOCK-aligned so the read is aligned. It is read as an integer
        // and never used as a reference.
        unsafe { core::ptr::read(self.block_ptr(b).add(i * WORD) as *const usize) }
    }

    /// Resets the search hints (after a sweep, once `used` is recounted):
    /// `b` is the first free block.
    pub fn set_first_free(&mut self, b: usize) {
        self.rover = [b.min(self.n_blocks); ROVERS];
        self.top = self.n_blocks;
        self.thorough = true;
        self.ceiling = (self.n_blocks / 2).max(2 * self.used).min(self.n_blocks);
        self.small_since_gc = 0;
    }

    /// Recounts `used` (after a sweep).
    pub fn set_used(&mut self, used: usize) {
        self.used = used;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn with_heap(size: usize, f: impl FnOnce(&mut Blocks)) {
        let mut mem = vec![0u8; size];
        let base = NonNull::new(mem.as_mut_ptr()).unwrap();
        // SAFETY: `mem` outlives the heap and is used by nothing else.
        let mut h = unsafe { Blocks::new(base, size, false) };
        f(&mut h);
        drop(mem);
    }

    #[test]
    fn layout_fits_region() {
        for size in [BLOCK * 4, 1000, 4096, 16 * 1024, 100_003] {
            with_heap(size, |h| {
                assert!(h.n_blocks() > 0);
                let end = h.pool_addr() + h.n_blocks() * BLOCK;
                assert!(end <= h.base().as_ptr() as usize + size);
                assert_eq!(h.pool_addr() % BLOCK, 0);
                // Nearly all of the region is pool.
                assert!(h.n_blocks() * BLOCK * 100 >= size * 90 || size < 4096);
            });
        }
    }

    #[test]
    fn alloc_free_reuse() {
        with_heap(4096, |h| {
            let a = h.alloc(1, false).unwrap().as_ptr() as usize;
            let b = h.alloc(BLOCK * 3, true).unwrap().as_ptr() as usize;
            let c = h.alloc(BLOCK + 1, false).unwrap().as_ptr() as usize;
            assert_eq!(b - a, BLOCK);
            assert_eq!(c - b, 3 * BLOCK);
            assert_eq!(h.used_blocks(), 6);
            let bb = h.block_of_addr(b).unwrap();
            assert_eq!(h.alloc_blocks(bb), 3);
            assert!(h.ftb(bb));
            assert_eq!(h.head_of(bb + 2), Some(bb));
            h.free(b);
            assert_eq!(h.used_blocks(), 3);
            assert!(!h.ftb(bb));
            assert_eq!(h.head_of(bb + 1), None);
            // A 2-block request reuses the hole.
            let d = h.alloc(2 * BLOCK, false).unwrap().as_ptr() as usize;
            assert_eq!(d, b);
        });
    }

    #[test]
    fn exhaustion_and_resize() {
        with_heap(2048, |h| {
            let n = h.n_blocks();
            let a = h.alloc(BLOCK, false).unwrap().as_ptr() as usize;
            let ab = h.block_of_addr(a).unwrap();
            assert!(h.resize_in_place(ab, 4 * BLOCK));
            assert_eq!(h.alloc_blocks(ab), 4);
            assert!(h.resize_in_place(ab, 2 * BLOCK));
            assert_eq!(h.alloc_blocks(ab), 2);
            let mut count = 2;
            loop {
                // Past the small-object ceiling an allocation fails until
                // a collection (here: a thorough retry) lets it through.
                if h.alloc(BLOCK, false).is_none() {
                    h.thorough = true;
                    if h.alloc(BLOCK, false).is_none() {
                        break;
                    }
                }
                count += 1;
            }
            assert_eq!(count, n);
            assert_eq!(h.used_blocks(), n);
            assert!(!h.resize_in_place(ab, 3 * BLOCK));
            h.thorough = true;
            assert!(h.alloc(1, false).is_none());
        });
    }

    #[test]
    fn fresh_blocks_are_zero() {
        with_heap(1024, |h| {
            let p = h.alloc(2 * BLOCK, false).unwrap();
            // SAFETY: the allocation is 2 blocks long.
            unsafe { core::ptr::write_bytes(p.as_ptr(), 0xaa, 2 * BLOCK) };
            h.free(p.as_ptr() as usize);
            let q = h.alloc(2 * BLOCK, false).unwrap();
            let b = h.block_of_addr(q.as_ptr() as usize).unwrap();
            for i in 0..4 {
                assert_eq!(h.word(b, i), 0);
                assert_eq!(h.word(b + 1, i), 0);
            }
        });
    }
}

